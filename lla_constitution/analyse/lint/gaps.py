"""Values between two bands that no rule decides (code `gap`).

>>> from lla_constitution.loader import load
>>> from lla_constitution.analyse.lint.scenarios import explore
>>> for f in gaps(explore(load("law-sll"), "fee", None, limit=200_000)):
...     print(f.message)
fee: no rule decides members = 200, between clause 3.b.4 (members < 200) and clause 3.b.3 (members > 200)
"""
from __future__ import annotations

from ... import ast as A
from ...evaluate import holds
from ...format import cond as show_cond
from .findings import Finding, finding
from .rulebook import atoms
from .scenarios import ORDERED, Explored, describe_cells, subject, when
from .words import clauses, question, topic_label

# Facts that possible() ties together: a group cannot have more LLA
# supporters than members. Next to a gap in one, the other is cut only because
# the band below does not exist for larger values of it, which says nothing
# about the gap, so a gap's description leaves it out.
_COUPLED = {"members": "lla_supporters", "lla_supporters": "members"}


def gaps(ex: Explored) -> list[Finding]:
    """Values of an ordered fact that no rule decides, while the values on
    both sides of them (everything else equal) are decided: a hole between
    two bands. Silence at either end of a fact's range is not a gap."""
    groups: dict[tuple, dict] = {}
    for k, d in enumerate(ex.dims):
        if d.kind not in ORDERED:
            continue
        # The undecided scenarios in lines along dimension `k` (all other
        # facts equal); each line is walked once, so the cost is linear in
        # the scenarios, not in their square (issue 11: 400 clauses took 10 s).
        lines: dict[tuple, list[int]] = {}
        for combo, winners in ex.decided.items():
            if not winners:
                lines.setdefault(combo[:k] + combo[k + 1:], []).append(combo[k])
        for rest, cells in lines.items():
            _gaps_along(ex, k, rest, sorted(cells), groups)
    return [_gap_finding(ex, k, lo, hi, g) for (k, lo, hi), g in sorted(groups.items())]


def _gaps_along(ex: Explored, k: int, rest: tuple, cells: list[int], groups: dict) -> None:
    """Split one line's undecided cells into runs of neighbours; a run with a
    decided scenario on both sides is a gap between them."""
    def at(i):
        return rest[:k] + (i,) + rest[k:]

    start = 0
    for j in range(1, len(cells) + 1):
        if j < len(cells) and cells[j] == cells[j - 1] + 1:
            continue
        run, start = cells[start:j], j
        lo, hi = run[0] - 1, run[-1] + 1
        below = ex.decided.get(at(lo)) if lo >= 0 else None
        above = ex.decided.get(at(hi))
        if below and above:
            g = groups.setdefault((k, lo, hi), {"combos": [], "below": set(), "above": set()})
            g["combos"].extend(at(i) for i in run)
            g["below"].update(below)
            g["above"].update(above)


def _gap_finding(ex: Explored, k: int, lo: int, hi: int, g: dict) -> Finding:
    d = ex.dims[k]
    cells = set(range(lo + 1, hi))
    below = sorted((ex.entries[i] for i in g["below"]), key=lambda e: e.order)
    above = sorted((ex.entries[i] for i in g["above"]), key=lambda e: e.order)
    rep = d.cells[lo + 1].rep
    low_atom, high_atom = _failing_atom(below[0].rule, d.name, rep), _failing_atom(above[0].rule, d.name, rep)
    return finding(
        (high_atom.span if high_atom else None) or above[0].rule.span, "error", "gap",
        f"{topic_label(ex.topic, ex.target)}: no rule decides {describe_cells(d, cells)}, "
        f"between {clauses(e.clause.id for e in below)}"
        + (f" ({show_cond(low_atom)})" if low_atom else "") + f" and {clauses(e.clause.id for e in above)}"
        + (f" ({show_cond(high_atom)})" if high_atom else ""),
        above[0].clause, when=when(ex, g["combos"], skip={k} | _coupled(ex, d.name)),
        consequence="the draft does not say " + question(
            ex.topic, ex.target, subject(ex, g["combos"], k, cells)),
        help=_gap_help(d, cells, high_atom))


def _coupled(ex: Explored, fact: str) -> set:
    return {k for k, d in enumerate(ex.dims) if d.name == _COUPLED.get(fact)}


def _failing_atom(rule: A.Rule, fact: str, value):
    """The test on `fact` that keeps the rule out of the gap: 'members > 200' at 200."""
    return next((a for a in atoms(rule.cond) if getattr(a, "fact", None) == fact
                 and isinstance(a, (A.Compare, A.Within)) and holds(a, {fact: value}) is False), None)


def _gap_help(d, cells, high_atom) -> str:
    run = sorted(cells)
    first = d.cells[run[0]]
    if (len(run) == 1 and first.lo == first.hi and isinstance(high_atom, A.Compare)
            and high_atom.op == ">" and d.kind == "int"):
        return f"make one band include {first.lo}, e.g. '{first.lo} or more' in place of 'over {first.lo}'"
    return "make the neighbouring bands meet, so that every value falls in one"
