"""Ranked ballots, read from a BLT file or a CSV of rankings, with their limits.

Both formats come to one :class:`Ballots`: the candidates' names, the
rankings (by 1-based candidate number, so candidate 0 never exists; stvpoll
treats a falsy candidate as "no preference"), and for BLT the seats its
header names. Every bad input is one located :class:`InputError`.

>>> from lla_constitution.source import Source
>>> b = parse(Source("x.blt", '3 1\\n2 1 3 0\\n1 2 0\\n0\\n"Ann"\\n"Bo"\\n"Cy"\\n"Test"\\n'))
>>> b.names, b.seats, b.ballots
(('Ann', 'Bo', 'Cy'), 1, (((1, 3), 2), ((2,), 1)))
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, clip, fail
from ..source import Source, Span

# Limits, so that no file can make a count run for ever: stvpoll's time grows
# with candidates x candidates x different rankings, and at these limits a
# count takes about 7 seconds. An NEC ballot has tens of candidates, and the
# LLA a few thousand signatories; identical ballots are counted once.
MAX_CANDIDATES = 40
MAX_BALLOT_LINES = 100_000
MAX_RANKINGS = 10_000  # different rankings in one file
MAX_WEIGHT = 1_000_000_000  # votes one BLT ballot line may carry
MAX_NAME_CHARS = 100


@dataclass(frozen=True)
class Ballots:
    """What a ballots file says, before any count."""

    source: Source
    format: str  # "blt" or "csv"
    names: tuple[str, ...]  # candidate number i is names[i - 1]
    ballots: tuple[tuple[tuple[int, ...], int], ...]  # (ranking, weight); withdrawn left out
    withdrawn: tuple[int, ...] = ()
    seats: int | None = None  # from a BLT header; CSV has none
    seats_span: Span | None = None
    title: str | None = None

    @property
    def voters(self) -> int:
        return sum(w for _, w in self.ballots)


def read(path) -> Ballots:
    """Read a ballots file, choosing the format by its suffix (.blt or .csv).

    The project's reader refuses what is not a regular file, a file over
    MAX_FILE_BYTES and text that is not UTF-8, each as a located error."""
    from ..loader import read_text

    try:
        exists = str(path) == "-" or Path(path).exists()
    except (OSError, ValueError):  # a name too long to look up
        exists = False
    if not exists:
        fail(InputError, None, f"no such file '{clip(str(path), 80)}'", path=clip(str(path), 80),
             help="check the path; it is read relative to the current directory")
    text = read_text(path, "ballots")
    name = "<stdin>" if str(path) == "-" else str(path)
    return parse(Source(name, text.removeprefix("\ufeff")))  # a spreadsheet's BOM is not a name


def parse(source: Source) -> Ballots:
    from . import blt, csv_rankings

    if not source.text.strip():
        fail(InputError, source.span(0, 0), "the ballots file is empty",
             expected="ballots in BLT format or a CSV of rankings",
             help="see `lla elect --help` for both formats")
    kind = _format(source)
    return blt.parse(source) if kind == "blt" else csv_rankings.parse(source)


def _format(source: Source) -> str:
    suffix = Path(source.name).suffix.lower()
    if suffix in (".blt", ".csv"):
        return suffix[1:]
    # Any other name: a first line of two whole numbers is a BLT header.
    first = next(l for l in source.text.split("\n") if l.strip())
    if re.fullmatch(r"\s*\d+\s+\d+\s*", first):
        return "blt"
    if source.name == "<stdin>":
        return "csv"  # standard input has no suffix: rankings, one per row
    fail(InputError, None, f"cannot tell the format of '{clip(source.name, 80)}'", path=source.name,
         expected="a file ending in .blt (BLT ballots) or .csv (one ranking per row)",
         help="rename the file with the suffix of its format")


def at(source: Source, line: int, col: int, length: int = 1) -> Span:
    """A span on a 1-based line and column (Source.span_at, which indexes the
    lines once: a file may have 100,000 of them).

    >>> at(Source("x", "ab\\ncd"), 2, 2).location
    'x:2:2'
    """
    return source.span_at(line, col, length)


def check_name(source: Source, name: str, span: Span, seen: dict[str, Span]) -> None:
    """A candidate's name: not empty, not too long, not used twice."""
    if not name.strip():
        fail(InputError, span, "a candidate's name is empty", expected="a name")
    if not name.isprintable():  # a control character would garble the terminal the result is shown on
        fail(InputError, span, "a candidate's name has a control character", help="remove it")
    if len(name) > MAX_NAME_CHARS:
        fail(InputError, span, f"a candidate's name is longer than {MAX_NAME_CHARS} characters",
             expected=f"at most {MAX_NAME_CHARS} characters")
    if name in seen:
        fail(InputError, span, f"the name '{name}' is given twice (first on line {seen[name].line})",
             help="two candidates with one name could not be told apart in the result")
    seen[name] = span


def plural(n: int, word: str) -> str:
    """
    >>> plural(1, "seat"), plural(2, "candidate")
    ('1 seat', '2 candidates')
    """
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def note_ranking(ranking: tuple, seen: set, source: Source, line_no: int, line: str) -> None:
    """Refuse the ranking that is one more different ranking than lla counts.
    (A span is made only for the error: making one costs a pass over the text.)"""
    if ranking not in seen:
        if len(seen) == MAX_RANKINGS:
            fail(InputError, at(source, line_no, 1, len(line)), f"more than {MAX_RANKINGS:,} different rankings",
                 expected=f"at most {MAX_RANKINGS:,} different rankings (identical ballots count once)",
                 help="split the count, or ask for the limit to be raised")
        seen.add(ranking)
