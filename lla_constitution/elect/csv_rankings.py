"""A CSV of rankings: one ballot per row, candidates' names in preference order.

    Asha Patel,Ben Okafor,Cara Lewis
    Ben Okafor,Asha Patel

There is no header row and no weight column: a spreadsheet of ballots is
usually one row per voter, and a header such as "1st,2nd" could not be told
from a ballot, so every row is a ballot. Every distinct name is a candidate,
so a misspelt name is a candidate of its own: check the list the count
prints. Candidates are numbered in sorted order of their names, so the order
of the rows changes nothing. Empty cells at the end of a row are padding; an
empty cell between two names is an error (a preference skipped). A row of
commas only is a blank ballot; a blank line is nothing. Names may be quoted
("Smith, Jo"), with "" for a quote inside; a name cannot span lines.

>>> from lla_constitution.source import Source
>>> b = parse(Source("x.csv", 'Bo,Ann\\n"Ann",,\\n,,\\n'))
>>> b.names, b.ballots, b.seats
(('Ann', 'Bo'), (((2, 1), 1), ((1,), 1), ((), 1)), None)
"""
from __future__ import annotations

from ..csv_cells import Words, split
from ..errors import InputError, fail
from ..source import Source
from .ballots import MAX_BALLOT_LINES, MAX_CANDIDATES, Ballots, at, check_name, note_ranking


def parse(source: Source) -> Ballots:
    rows: list[tuple[str, ...]] = []
    spans: dict[str, object] = {}  # each name where it first appears, for the checks
    rankings: set = set()
    for line_no, line in enumerate(source.text.split("\n"), 1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        if len(rows) == MAX_BALLOT_LINES:
            fail(InputError, at(source, line_no, 1, len(line)), f"more than {MAX_BALLOT_LINES:,} ballots",
                 help="count a larger election in BLT, where identical ballots are one weighted line")
        rows.append(_row(source, line_no, line, spans))
        note_ranking(rows[-1], rankings, source, line_no, line)
    if not any(rows):
        fail(InputError, at(source, 1, 1), "no ballot ranks a candidate",
             help="each row lists one voter's candidates, first preference first")
    names = tuple(sorted(spans))
    number = {name: i for i, name in enumerate(names, 1)}
    return Ballots(source, "csv", names, tuple((tuple(number[n] for n in r), 1) for r in rows))


def _row(source: Source, line_no: int, line: str, spans: dict) -> tuple[str, ...]:
    cells = _cells(source, line_no, line)
    while cells and not cells[-1][0]:
        cells.pop()  # trailing empty cells are a spreadsheet's padding
    seen: dict[str, int] = {}
    for name, col, width in cells:
        span = at(source, line_no, col, max(width, 1))
        if not name:
            fail(InputError, span, "an empty cell between two names",
                 help="a ballot ranks candidates without gaps: remove the empty cell")
        if name in seen:
            fail(InputError, span, f"'{name}' is ranked twice on this ballot (first at column {seen[name]})",
                 help="a ballot ranks each candidate at most once")
        seen[name] = col
        if name not in spans:
            if len(spans) == MAX_CANDIDATES:
                fail(InputError, span, f"more than {MAX_CANDIDATES} candidates",
                     expected=f"at most {MAX_CANDIDATES} different names",
                     help="is a name misspelt? every different spelling is a candidate")
            check_name(source, name, span, {})
            spans[name] = span
    return tuple(name for name, _, _ in cells)


# What a ballot file calls its cells, in the errors it gives.
_WORDS = Words(unclosed=("this quote is not closed", 'close the name with a "'),
               after_quote=("text after a quoted name", None),
               inner_quote=("a quote inside an unquoted name", 'quote the whole name and write "" for a quote'))


def _cells(source: Source, line_no: int, line: str) -> list[tuple[str, int, int]]:
    """(text, 1-based column, width) per cell; see csv_cells."""
    return split(source, line_no, line, _WORDS)
