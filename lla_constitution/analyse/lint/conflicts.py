"""Two rules that decide one scenario with different answers, neither
overriding the other: bands that share values (code `overlap`) or, when the
clash is not confined to part of a band, a contradiction (code `contradiction`).

>>> from lla_constitution.loader import load
>>> from lla_constitution.analyse.lint.scenarios import explore
>>> for f in conflicts(explore(load("dulwich"), "delegates", "conference", limit=200_000)):
...     print(f.message)
delegates(conference): the bands of clauses 2.3.i and 2.3.ii overlap at members = 100 (clause 2.3.i gives 2, clause 2.3.ii gives 3)
delegates(conference): the bands of clauses 2.3.ii and 2.3.iii overlap at members = 500 (clause 2.3.ii gives 3, clause 2.3.iii gives 4)
"""
from __future__ import annotations

from ...evaluate import facts_in
from ...format import value as show_value
from ...vocab import FACTS
from .findings import Finding, finding
from .scenarios import ORDERED, Explored, describe_cells, projection, subject, when
from .words import both, topic_label


def conflicts(ex: Explored) -> list[Finding]:
    out = []
    for (a, b), combos in ex.conflicts.items():
        ea, eb = sorted((ex.entries[a], ex.entries[b]), key=lambda e: e.order)
        band = _band(ex, ea, eb, combos)
        out.append(_overlap(ex, ea, eb, combos, band) if band is not None
                   else _contradiction(ex, ea, eb, combos))
    return out


def _band(ex: Explored, ea, eb, combos) -> int | None:
    """The ordered fact both rules cut into bands, if they clash on part of it only."""
    shared = [f for f in facts_in(ea.rule.cond) if f in facts_in(eb.rule.cond) and FACTS[f].type in ORDERED]
    for k, d in enumerate(ex.dims):
        if d.name in shared and len(projection(combos, k)) < len(d.cells):
            return k
    return None


def _overlap(ex: Explored, ea, eb, combos, band: int) -> Finding:
    d = ex.dims[band]
    cells = projection(combos, band)
    return finding(
        eb.rule.span, "error", "overlap",
        f"{topic_label(ex.topic, ex.target)}: the bands of clauses {ea.clause.id} and {eb.clause.id} "
        f"overlap at {describe_cells(d, cells)} (clause {ea.clause.id} gives {show_value(ea.rule.value)}, "
        f"clause {eb.clause.id} gives {show_value(eb.rule.value)})",
        eb.clause, when=when(ex, combos, skip={band}),
        consequence=both(ex.topic, ex.target, subject(ex, combos, band, cells),
                         ea.rule.value, eb.rule.value),
        help=_overlap_help(d, cells))


def _overlap_help(d, cells) -> str:
    run = sorted(cells)
    if len(run) == 1 and d.kind == "int" and d.cells[run[0]].lo == d.cells[run[0]].hi:
        v = d.cells[run[0]].lo
        return (f"say which band {v} belongs to: end the lower band at {v - 1}, "
                f"or start the upper band at {v + 1}")
    return "make the bands meet without sharing any value"


def _contradiction(ex: Explored, ea, eb, combos) -> Finding:
    return finding(
        eb.rule.span, "error", "contradiction",
        f"{topic_label(ex.topic, ex.target)}: clauses {ea.clause.id} and {eb.clause.id} contradict each "
        f"other (clause {ea.clause.id} gives {show_value(ea.rule.value)}, clause {eb.clause.id} gives "
        f"{show_value(eb.rule.value)}) and neither overrides the other",
        eb.clause, when=when(ex, combos),
        consequence=both(ex.topic, ex.target, subject(ex, combos), ea.rule.value, eb.rule.value),
        help=f"say in the text which clause prevails (record it in the rule file with "
             f"'overrides {ea.clause.id}'), or narrow one of them")
