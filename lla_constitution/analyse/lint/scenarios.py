"""Every scenario of one topic, tried exactly, and regions of them in words.

A scenario is one reading of every vague clause and one cell of every fact
the topic's rules read, cut at the rules' own thresholds (as
:mod:`lla_constitution.partition` does), so what holds in a cell's
representative holds in the whole cell: the checks built on this never
sample. The facts are kept last in a scenario's tuple, the readings first.

>>> from lla_constitution.loader import load
>>> ex = explore(load("law-sll"), "fee", None, limit=200_000)
>>> [d.name for d in ex.dims]
['reading of branch_fee', 'kind', 'members', 'lla_supporters', 'national_affiliated']
>>> undecided = [c for c, winners in ex.decided.items() if not winners]
>>> len(ex.decided), len(undecided), subject(ex, undecided)
(728, 144, 'a broad left national organisation')
"""
from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

from ... import ast as A
from ...evaluate import deciding, dimensions, possible, topic_index
from ...partition import describe_run, runs
from ...resolve import Book
from ...vocab import KINDS
from .words import FACT_NOUNS, NOUNS, article

# Fact types whose values run in order, so that rules can cut them into bands.
ORDERED = {"int", "money", "share", "duration", "date"}


@dataclass
class Explored:
    """Every scenario of one topic in one constitution, and what decided it."""

    book: Book
    topic: str
    target: str | None
    dims: list
    entries: list
    keys: list
    decided: dict = field(default_factory=dict)  # combo -> winning rule indices
    active: set = field(default_factory=set)
    wins: set = field(default_factory=set)
    beaten_by: dict = field(default_factory=dict)
    conflicts: dict = field(default_factory=dict)  # (i, j) -> combos where both decide, apart

    def record(self, combo: tuple, active: list, winners: list) -> None:
        self.decided[combo] = tuple(winners)
        self.active.update(active)
        self.wins.update(winners)
        for i in active:
            if i not in winners:
                self.beaten_by.setdefault(i, set()).update(winners)
        for a, b in itertools.combinations(winners, 2):
            if self.keys[a] != self.keys[b]:
                self.conflicts.setdefault((a, b), []).append(combo)


def explore(book: Book, topic: str, target: str | None, limit: int) -> Explored | None:
    """Try every scenario; None when there are more than `limit` to try."""
    ix = topic_index(book, topic, target)
    dims = dimensions(book, ix.entries, {})
    if math.prod(len(d.cells) for d in dims) > limit:
        return None
    rdims = [d for d in dims if d.kind == "reading"]  # dimensions() lists readings first
    fdims = dims[len(rdims):]
    reading_combos = list(itertools.product(*(range(len(d.cells)) for d in rdims)))
    choices = [dict(zip((d.key for d in rdims), rc)) for rc in reading_combos]
    needs = [e.reading for e in ix.entries]
    ex = Explored(book, topic, target, dims, ix.entries, ix.keys)
    # Facts outside, readings inside: each rule's test runs once per cell of
    # facts, whatever the readings, and only the reading a rule sits under varies.
    masks = _may_hold(ix, fdims)
    everyone = (1 << len(ix.tests)) - 1
    tests = ix.tests
    for fc in itertools.product(*(range(len(d.cells)) for d in fdims)):
        facts = {d.name: d.cells[i].rep for d, i in zip(fdims, fc)}
        if not possible(facts):
            continue
        may = everyone
        for mask, i in zip(masks, fc):
            may &= mask[i]
        held = [i for i in _bits(may) if tests[i](facts) is True]
        for rc, choice in zip(reading_combos, choices):
            # The rules that apply, beaten or not (deciding() keeps only the winners).
            active = [i for i in held if needs[i] is None or choice.get(needs[i][0]) == needs[i][1]]
            ex.record(rc + fc, active, deciding(ix, held, choice) if active else [])
    return ex


def _may_hold(ix, fdims) -> list[list[int]]:
    """For each fact dimension and each of its cells, the rules (as bits) not
    ruled out there by a part of their condition that reads that fact alone.

    A rule whose `kind = union_branch` fails in a cell of `kind` cannot hold
    anywhere in that cell, whatever the other facts: so each scenario tests
    only the rules left by all its cells, and a draft of n banded clauses
    costs about n scenarios, not n² (issue 11)."""
    from ...evaluate import facts_in

    where = {d.name: k for k, d in enumerate(fdims)}
    # Per dimension, per rule: the cells where its one-fact parts may hold.
    allowed: list[dict[int, tuple | set]] = [{} for _ in fdims]
    for t, e in enumerate(ix.entries):
        cond = e.rule.cond
        for part in cond.conds if isinstance(cond, A.And) else [] if cond is None else [cond]:
            names = facts_in(part)
            if len(names) != 1 or names[0] not in where:
                continue
            k = where[names[0]]
            cells = _cells_where(part, fdims[k])
            old = allowed[k].get(t)
            allowed[k][t] = cells if old is None else _meet(old, cells)
    masks = []
    everyone = (1 << len(ix.tests)) - 1
    for k, d in enumerate(fdims):
        n = len(d.cells)
        free = everyone
        starts, ends, extra = [0] * (n + 1), [0] * (n + 1), [0] * n
        for t, cells in allowed[k].items():
            free &= ~(1 << t)
            if isinstance(cells, tuple):
                starts[cells[0]] |= 1 << t
                ends[cells[1]] |= 1 << t
            else:
                for c in cells:
                    extra[c] |= 1 << t
        row, running = [], 0
        for c in range(n):
            running = (running & ~ends[c]) | starts[c]
            row.append(free | running | extra[c])
        masks.append(row)
    return masks


def _cells_where(part, d) -> tuple | set:
    """The cells of `d` where a test of that one fact may hold: a run
    (start, end) for a comparison on an ordered fact, found by bisection and
    checked at its edges; otherwise the set, tried cell by cell."""
    from bisect import bisect_left, bisect_right

    from ...evaluate import compile_cond

    test = compile_cond(part)
    reps = [c.rep for c in d.cells]

    def at(c):
        return test({d.name: reps[c]}) is not False
    run = None
    try:
        if isinstance(part, A.Within):
            run = bisect_left(reps, part.lo), bisect_right(reps, part.hi)
        elif isinstance(part, A.Compare) and part.lit.type != "duration" and part.op != "!=":
            v = part.lit.value
            run = {">=": (bisect_left(reps, v), len(reps)), ">": (bisect_right(reps, v), len(reps)),
                   "<": (0, bisect_left(reps, v)), "<=": (0, bisect_right(reps, v)),
                   "=": (bisect_left(reps, v), bisect_right(reps, v))}[part.op]
    except TypeError:
        run = None
    n = len(reps)
    if run is not None and d.kind in ORDERED and run[0] <= run[1] and (
            (run[0] == run[1] or (at(run[0]) and at(run[1] - 1)))
            and (run[0] == 0 or not at(run[0] - 1)) and (run[1] == n or not at(run[1]))):
        return run
    return {c for c in range(n) if at(c)}


def _meet(a, b) -> tuple | set:
    """Cells in both: two runs give a run."""
    if isinstance(a, tuple) and isinstance(b, tuple):
        lo, hi = max(a[0], b[0]), min(a[1], b[1])
        return (lo, max(lo, hi))
    sa = set(range(*a)) if isinstance(a, tuple) else a
    sb = set(range(*b)) if isinstance(b, tuple) else b
    return sa & sb


def _bits(n: int):
    """The indices of the set bits of `n`, lowest first."""
    while n:
        low = n & -n
        yield low.bit_length() - 1
        n ^= low


# ---- describing a region of scenarios -----------------------------------

def projection(combos, k: int) -> set:
    """The cells of dimension `k` that the scenarios reach."""
    return {c[k] for c in combos}


def describe_cells(d, cells) -> str:
    """A fact's cells in words: 'members = 100 or members ≥ 500'."""
    return " or ".join(describe_run(d.name, d.cells, run, d.kind) for run in runs(cells))


def _describe_dim(book: Book, d, cells: set) -> str:
    if d.kind == "reading":
        return f"{d.name}: " + " or ".join(d.cells[i].label for i in sorted(cells))
    if d.kind == "enum":
        names = [d.cells[i].rep for i in sorted(cells)]
        # A set of kinds the rule file names reads better than its members.
        named = next((s.id for s in book.ast.kind_sets
                      if d.name == "kind" and set(s.kinds) == set(names)), None)
        if named:
            return f"{d.name} in {named}"
        return f"{d.name} = {names[0]}" if len(names) == 1 else f"{d.name} in {{{', '.join(names)}}}"
    return describe_cells(d, cells)


def when(ex: Explored, combos, skip=()) -> tuple[str, ...]:
    """The readings and facts a region is limited to, in the order of the dimensions."""
    out = []
    for k, d in enumerate(ex.dims):
        cells = projection(combos, k)
        if k not in skip and len(cells) < len(d.cells):
            out.append(_describe_dim(ex.book, d, cells))
    return tuple(out)


def subject(ex: Explored, combos, band: int | None = None, cells=None) -> str:
    """An example of whom a region concerns: 'a local group with exactly 100 members'."""
    kind_k = next((k for k, d in enumerate(ex.dims) if d.name == "kind"), None)
    if kind_k is not None:
        kinds = {ex.dims[kind_k].cells[i].rep for i in projection(combos, kind_k)}
        first = next(k for k in KINDS if k in kinds)
        who = article(KINDS[first].words[0])
    else:
        who = NOUNS.get(ex.topic, "a case")
    if band is None:
        return who
    d = ex.dims[band]
    run = sorted(cells)
    lo, hi = d.cells[run[0]], d.cells[run[-1]]
    if lo.lo == hi.hi and d.name in FACT_NOUNS:
        return f"{who} with exactly {lo.lo} {FACT_NOUNS[d.name]}"
    return f"{who} with " + describe_cells(d, cells)
