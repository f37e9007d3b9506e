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
    for combo, winners in ex.decided.items():
        if winners:
            continue
        for k, d in enumerate(ex.dims):
            if d.kind in ORDERED:
                _gap_along(ex, combo, k, groups)
    return [_gap_finding(ex, k, lo, hi, g) for (k, lo, hi), g in sorted(groups.items())]


def _gap_along(ex: Explored, combo: tuple, k: int, groups: dict) -> None:
    """Walk dimension `k` both ways from an undecided scenario to the nearest
    decided ones; if both sides are decided, add it to the gap between them."""
    def at(i):
        return combo[:k] + (i,) + combo[k + 1:]

    lo, hi = combo[k] - 1, combo[k] + 1
    while lo >= 0 and ex.decided.get(at(lo)) == ():
        lo -= 1
    while hi < len(ex.dims[k].cells) and ex.decided.get(at(hi)) == ():
        hi += 1
    below, above = ex.decided.get(at(lo)) if lo >= 0 else None, ex.decided.get(at(hi))
    if below and above:
        g = groups.setdefault((k, lo, hi), {"combos": [], "below": set(), "above": set()})
        g["combos"].append(combo)
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
