"""The BLT ballot format that STV counting programs share (OpenSTV, Droop, ...).

    CANDIDATES SEATS              e.g. "10 9"
    -2 -5                         optional: candidates withdrawn
    WEIGHT C1 C2 ... 0            one line per ballot (WEIGHT identical ballots)
    0                             end of the ballots
    "First candidate"             one name in double quotes per candidate
    ...
    "Title of the election"

Blank lines are ignored. Not taken (each refused with a located error):
equal rankings ("2=3"), skipped preferences ("-"), ballot ids and
fractional weights, which some programs write and the count could not honour.

>>> from lla_constitution.source import Source
>>> b = parse(Source("x.blt", '3 1\\n-2\\n1 2 1 3 0\\n0\\n"A"\\n"B"\\n"C"\\n"T"\\n'))
>>> b.ballots, b.withdrawn, b.title
((((1, 3), 1),), (2,), 'T')
"""
from __future__ import annotations

import re

from ..errors import InputError, fail
from ..source import Source
from .ballots import MAX_BALLOT_LINES, MAX_CANDIDATES, MAX_WEIGHT, Ballots, at, check_name, note_ranking, plural

_INT = re.compile(r"[0-9]{1,12}")  # ASCII digits only; never a huge number to convert


def _tokens(line: str) -> list[tuple[str, int]]:
    return [(m.group(), m.start() + 1) for m in re.finditer(r"\S+", line)]


def _int(tok: str) -> int | None:
    return int(tok) if _INT.fullmatch(tok) else None


def parse(source: Source) -> Ballots:
    rows = [(n, line.rstrip("\r")) for n, line in enumerate(source.text.split("\n"), 1) if line.strip()]
    seats, candidates, seats_span = _header(source, *rows[0])
    i = 1
    withdrawn: tuple[int, ...] = ()
    if i < len(rows) and _is_withdrawn_line(rows[i][1]):
        withdrawn = _withdrawn(source, *rows[i], candidates)
        i += 1
    ballots, i = _ballots(source, rows, i, candidates, set(withdrawn))
    names, title = _names(source, rows, i, candidates)
    return Ballots(source, "blt", names, ballots, withdrawn, seats, seats_span, title)


def _header(source: Source, line_no: int, line: str):
    toks = _tokens(line)
    nums = [_int(t) for t, _ in toks]
    if len(toks) != 2 or None in nums:
        fail(InputError, at(source, line_no, 1, len(line)),
             "the first line of a BLT file must give the number of candidates and of seats",
             expected="two whole numbers, e.g. '10 9' for 10 candidates and 9 seats")
    (c_tok, c_col), (s_tok, s_col) = toks
    candidates, seats = nums
    if not 1 <= candidates <= MAX_CANDIDATES:
        fail(InputError, at(source, line_no, c_col, len(c_tok)),
             f"{candidates} candidates is outside what lla counts",
             expected=f"from 1 to {MAX_CANDIDATES} candidates")
    if not 1 <= seats <= candidates:
        fail(InputError, at(source, line_no, s_col, len(s_tok)),
             "a count fills at least one seat" if seats == 0 else
             f"{plural(seats, 'seat')} cannot be filled from {plural(candidates, 'candidate')}",
             expected=f"from 1 to {candidates} seats")
    return seats, candidates, at(source, line_no, s_col, len(s_tok))


def _is_withdrawn_line(line: str) -> bool:
    return all(re.fullmatch(r"-[0-9]{1,12}", t) for t, _ in _tokens(line))


def _withdrawn(source: Source, line_no: int, line: str, candidates: int) -> tuple[int, ...]:
    out: list[int] = []
    for tok, col in _tokens(line):
        n = int(tok[1:])
        if not 1 <= n <= candidates:
            fail(InputError, at(source, line_no, col, len(tok)),
                 f"there is no candidate {n} to withdraw: the header names {candidates}",
                 expected=f"-1 to -{candidates}")
        if n in out:
            fail(InputError, at(source, line_no, col, len(tok)), f"candidate {n} is withdrawn twice")
        out.append(n)
    return tuple(out)


def _ballots(source, rows, i, candidates, withdrawn):
    """Ballot lines up to the line '0'; returns them and the index after it."""
    out: list[tuple[tuple[int, ...], int]] = []
    rankings: set = set()
    for i in range(i, len(rows)):
        line_no, line = rows[i]
        toks = _tokens(line)
        if [t for t, _ in toks] == ["0"]:
            if not any(r for r, _ in out):
                fail(InputError, at(source, line_no, 1), "no ballot ranks a candidate",
                     help="a count needs at least one ballot with a preference")
            return tuple(out), i + 1
        if len(out) == MAX_BALLOT_LINES:
            fail(InputError, at(source, line_no, 1, len(line)),
                 f"more than {MAX_BALLOT_LINES:,} ballot lines",
                 help="write identical ballots once, with their number as the weight")
        out.append(_ballot(source, line_no, line, toks, candidates, withdrawn))
        note_ranking(out[-1][0], rankings, source, line_no, line)
    line_no, line = rows[-1]
    fail(InputError, at(source, line_no, len(line) + 1),
         "the file ends before the line '0' that closes the ballots",
         expected="a line '0', then the candidates' names in double quotes, then the title")


def _ballot(source, line_no, line, toks, candidates, withdrawn):
    (w_tok, w_col), prefs = toks[0], toks[1:]
    if w_tok.startswith('"'):
        fail(InputError, at(source, line_no, 1, len(line)),
             "a name where a ballot or the '0' that ends the ballots should be",
             expected="a line '0' after the last ballot, before the names")
    weight = _int(w_tok)
    if weight is None and w_tok.isascii() and w_tok.isdigit():
        weight = MAX_WEIGHT + 1  # more digits than any weight lla takes
    if weight is None or weight < 1:
        fail(InputError, at(source, line_no, w_col, len(w_tok)),
             f"a ballot's weight must be a whole number of at least 1, not '{w_tok}'",
             expected="WEIGHT C1 C2 ... 0, e.g. '1 3 1 2 0'",
             help="each ballot line starts with how many voters cast it"
             + ("; fractional weights are not taken" if "." in w_tok else ""))
    if weight > MAX_WEIGHT:
        fail(InputError, at(source, line_no, w_col, len(w_tok)),
             f"a weight over {MAX_WEIGHT:,}", expected=f"at most {MAX_WEIGHT:,}")
    if not prefs or "0" not in [t for t, _ in prefs]:
        fail(InputError, at(source, line_no, len(line) + 1),
             "this ballot line does not end with 0", expected="WEIGHT C1 C2 ... 0")
    ranking: list[int] = []
    first: dict[int, int] = {}
    for k, (tok, col) in enumerate(prefs):
        if tok == "0":
            if k != len(prefs) - 1:
                extra_tok, extra_col = prefs[k + 1]
                fail(InputError, at(source, line_no, extra_col, len(extra_tok)),
                     "text after the 0 that ends this ballot", expected="0 as the last number")
            break
        n = _int(tok)
        if n is None or not 1 <= n <= candidates:
            fail(InputError, at(source, line_no, col, len(tok)),
                 f"'{tok}' is not a candidate: the header names {candidates}",
                 expected=f"a candidate number from 1 to {candidates}",
                 help=("equal rankings are not taken: rank one candidate at each place"
                       if "=" in tok else None))
        if n in first:
            fail(InputError, at(source, line_no, col, len(tok)),
                 f"candidate {n} is ranked twice on this ballot (first at column {first[n]})",
                 help="a ballot ranks each candidate at most once")
        first[n] = col
        if n not in withdrawn:  # a withdrawn candidate's place passes to the next preference
            ranking.append(n)
    return tuple(ranking), weight


def _names(source, rows, i, candidates):
    """The quoted names after the ballots, then the quoted title."""
    quoted = []
    for line_no, line in rows[i:]:
        for m in re.finditer(r'"([^"]*)"|\S+', line):
            if not m.group(0).startswith('"') or m.group(1) is None:
                problem = ("this quote is not closed" if m.group(0).startswith('"')
                           else "expected a name in double quotes")
                fail(InputError, at(source, line_no, m.start() + 1, len(m.group(0))), problem,
                     expected=f"{candidates} names in double quotes, then the title in double quotes")
            if len(quoted) == candidates + 1:
                fail(InputError, at(source, line_no, m.start() + 1, len(m.group(0))),
                     "text after the election's title",
                     help=f"the header announces {candidates} candidates: {candidates} names, then the title")
            quoted.append((m.group(1), at(source, line_no, m.start() + 1, len(m.group(0)))))
    if len(quoted) != candidates + 1:
        line_no, line = rows[-1]
        fail(InputError, at(source, line_no, len(line) + 1),
             f"{len(quoted)} quoted lines follow the ballots, but the header announces {candidates} "
             f"candidates: their {candidates} names and then the title make {candidates + 1}",
             expected=f"{candidates} names in double quotes, one per candidate, then the title")
    seen: dict = {}
    for name, span in quoted[:-1]:
        check_name(source, name, span, seen)
    title, span = quoted[-1]
    if not title.isprintable() or len(title) > 200:
        fail(InputError, span, "the title is longer than 200 characters or has a control character",
             expected="a title of at most 200 printable characters")
    return tuple(n for n, _ in quoted[:-1]), (title.strip() or None)
