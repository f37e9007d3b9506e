"""Exact partitions of a fact's domain at the thresholds the rules use.

Rules only compare facts with constants, so between two consecutive
thresholds every rule decides the same way. Evaluating one representative
per cell therefore covers every possible value: the basis both for answering
questions whose facts are not all given, and later for comparing drafts.

>>> cells = int_cells({10, 100})
>>> [(c.lo, c.hi) for c in cells]
[(0, 8), (9, 9), (10, 10), (11, 98), (99, 99), (100, 100), (101, None)]
>>> describe_run("members", cells, [3, 4], "int")
'members 11–99'
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from datetime import date, datetime, timedelta
from fractions import Fraction

from dateutil.relativedelta import relativedelta

ANCHOR = datetime(2020, 1, 1)


@dataclass(frozen=True)
class Period:
    """A duration fact: the real start and end, so months count as the calendar does."""

    start: datetime
    end: datetime


@lru_cache(maxsize=4096)
def add(when: datetime, n: int, unit: str) -> datetime:
    """`when` plus n units, months and years as the calendar counts them
    (kept: the analyses compare the same few deadlines from the same few
    starts hundreds of thousands of times)."""
    return when + relativedelta(**{unit: n})


@dataclass(frozen=True)
class Cell:
    rep: object  # the value evaluated for the whole cell
    lo: object
    hi: object  # None: unbounded above
    lo_incl: bool = True
    hi_incl: bool = True
    label: str | None = None  # for enum and bool cells


def int_cells(constants) -> list[Cell]:
    points = {0}
    for c in constants:
        points.update(p for p in (c - 1, c, c + 1) if p >= 0)
    pts = sorted(points)
    return [Cell(p, p, (pts[i + 1] - 1) if i + 1 < len(pts) else None)
            for i, p in enumerate(pts)]


def continuous_cells(constants, top=None) -> list[Cell]:
    """Cells for shares (0..1) and durations (seconds): each threshold and the gaps between."""
    cs = sorted({c for c in constants if c > 0 and (top is None or c < top)})
    cells, lo = [], 0
    cells.append(Cell(Fraction(0), 0, 0))
    for c in cs:
        cells.append(Cell((Fraction(lo) + Fraction(c)) / 2, lo, c, False, False))
        cells.append(Cell(c, c, c))
        lo = c
    if top is None:
        cells.append(Cell(Fraction(lo) + 1 if lo else Fraction(1), lo, None, False, True))
    else:
        if lo < top:
            cells.append(Cell((Fraction(lo) + top) / 2, lo, top, False, False))
        cells.append(Cell(Fraction(top), top, top))
    return cells


def choice_cells(values) -> list[Cell]:
    return [Cell(v, None, None, label=str(v).lower() if isinstance(v, bool) else str(v))
            for v in values]


UNIT_SECONDS = {"hours": 3600, "days": 86400, "weeks": 7 * 86400,
                "months": 30 * 86400, "years": 365 * 86400}


def duration_seconds(n: int, unit: str) -> int:
    """Length from ANCHOR, used to order thresholds and pick representatives.
    Months and years are counted as the calendar counts them, as the rules
    compare them (a cell 'one month or more' must hold a month's notice:
    January has 31 days, not 30)."""
    if unit in ("months", "years"):
        return int((add(ANCHOR, n, unit) - ANCHOR).total_seconds())
    return n * UNIT_SECONDS[unit]


def period_of(seconds) -> Period:
    return Period(ANCHOR, ANCHOR + timedelta(seconds=float(seconds)))


def _fmt(value, ftype: str) -> str:
    if ftype == "money":
        pounds, pence = divmod(int(value), 100)
        return f"£{pounds}" + (f".{pence:02d}" if pence else "")
    if ftype == "share":
        return f"{float(Fraction(value) * 100):g}%"
    if ftype == "duration":
        return _fmt_seconds(value)
    if ftype == "date":
        return date.fromordinal(max(int(value), 1)).isoformat()
    return str(value)


def _fmt_seconds(seconds) -> str:
    seconds = int(seconds)
    for unit in ("years", "months"):  # as duration_seconds counts them
        for n in range(1, 121):
            length = duration_seconds(n, unit)
            if length == seconds:
                return f"{n} {unit[:-1] if n == 1 else unit}"
            if length > seconds:
                break
    for unit in ("weeks", "days", "hours"):
        size = UNIT_SECONDS[unit]
        if seconds and seconds % size == 0:
            n = seconds // size
            return f"{n} {unit[:-1] if n == 1 else unit}"
    return f"{seconds} seconds"


def describe_run(fact: str, cells: list[Cell], run: list[int], ftype: str) -> str:
    """Words for a run of consecutive cells, e.g. 'members 10–99'."""
    first, last = cells[run[0]], cells[run[-1]]
    if first.label is not None:
        return " or ".join(f"{fact} = {cells[i].label}" if ftype != "bool"
                           else (fact if cells[i].rep else f"not {fact}") for i in run)
    lo, hi = first.lo, last.hi
    if ftype == "date" and lo == 0 and hi is not None:
        return f"{fact} ≤ {_fmt(hi, ftype)}"
    lo_open = not first.lo_incl
    hi_open = not last.hi_incl
    if lo == 0 and not lo_open and hi is None:
        return f"any {fact}"
    if hi is None:
        return f"{fact} {'>' if lo_open else '≥'} {_fmt(lo, ftype)}"
    if lo == 0 and not lo_open:
        return f"{fact} {'<' if hi_open else '≤'} {_fmt(hi, ftype)}"
    if lo == hi:
        return f"{fact} = {_fmt(lo, ftype)}"
    if ftype in ("int", "money") and not lo_open and not hi_open:
        return f"{fact} {_fmt(lo, ftype)}–{_fmt(hi, ftype)}"
    return (f"{fact} {'>' if lo_open else '≥'} {_fmt(lo, ftype)} and "
            f"{'<' if hi_open else '≤'} {_fmt(hi, ftype)}")


def runs(indices) -> list[list[int]]:
    """[0, 1, 2, 5] -> [[0, 1, 2], [5]]."""
    out: list[list[int]] = []
    for i in sorted(indices):
        if out and out[-1][-1] == i - 1:
            out[-1].append(i)
        else:
            out.append([i])
    return out


def merge_boxes(boxes):
    """Join boxes (one set of cell indices per dimension) that differ in one
    dimension only, until none do; by hashing, so thousands of cells stay fast.

    >>> merge_boxes([(frozenset([0]), frozenset([1])), (frozenset([1]), frozenset([1]))])
    [(frozenset({0, 1}), frozenset({1}))]
    """
    boxes = list(dict.fromkeys(boxes))
    changed = True
    while changed and boxes:
        changed = False
        for k in range(len(boxes[0])):
            groups: dict = {}
            for box in boxes:
                groups.setdefault(box[:k] + box[k + 1:], []).append(box)
            if len(groups) < len(boxes):
                changed = True
                boxes = [rest[:k] + (frozenset().union(*(b[k] for b in members)),) + rest[k:]
                         for rest, members in groups.items()]
                boxes = list(dict.fromkeys(boxes))
    return sorted(boxes, key=lambda bx: tuple(min(c) for c in bx))
