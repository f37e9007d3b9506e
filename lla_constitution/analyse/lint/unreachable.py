'''Rules that decide nothing (code `unreachable`): their condition never
holds, or other rules beat them wherever it does, in every constitution they
stand in.

>>> from lla_constitution.loader import parse_text
>>> from lla_constitution.resolve import resolve
>>> from lla_constitution.analyse.lint.scenarios import explore
>>> book = resolve(parse_text("""rulebook toy
... body membership "the membership"
... clause 2.14
...   pass_motion(membership) = majority of votes
... end
... clause 5.13
...   pass_motion(membership) = majority of branch_votes overrides 2.14
... end""", "toy.lla"))
>>> ex = explore(book, "pass_motion", "membership", limit=200_000)
>>> for f in unreachable(("pass_motion", "membership"), [(ex, None)]):
...     print(f.message)
pass_motion(membership): this rule of clause 2.14 never decides: it is overridden wherever it applies (by clause 5.13)
'''
from __future__ import annotations

from .findings import Finding, finding
from .scenarios import Explored
from .words import clauses, topic_label


def unreachable(key: tuple[str, str | None], explored: list[tuple[Explored, str | None]]) -> list[Finding]:
    """Rules of topic `key` that decide in no scenario of any constitution
    they stand in; `explored` pairs each constitution's scenarios with its
    label ('option 4.2=B', 'amendment widen', None for the draft)."""
    seen: dict[tuple, dict] = {}
    for ex, label in explored:
        for i, e in enumerate(ex.entries):
            s = seen.setdefault(_rule_id(e), {"entry": e, "active": False, "wins": False, "by": [], "in": []})
            s["active"] |= i in ex.active
            s["wins"] |= i in ex.wins
            s["by"] += [ex.entries[j] for j in sorted(ex.beaten_by.get(i, ()))]
            s["in"].append(label)
    return [_unreachable_finding(*key, s) for s in seen.values() if not s["wins"]]


def _rule_id(entry) -> tuple:
    """One rule across constitutions: each resolves its own entries, but the
    rule keeps its clause and its place in the file."""
    span = entry.rule.span
    return (entry.clause.id, span.start if span else entry.order)


def _unreachable_finding(topic: str, target: str | None, s: dict) -> Finding:
    e = s["entry"]
    label = topic_label(topic, target)
    # In a composite the rule is dead in every combination of options, not just one.
    everywhere = " whichever option is chosen" if len(s["in"]) > 1 and all(
        (x or "").startswith("option") for x in s["in"]) else ""
    if not s["active"]:
        return finding(
            e.rule.span, "warning", "unreachable",
            f"{label}: this rule of clause {e.clause.id} never applies{everywhere}: "
            "its condition cannot hold",
            e.clause,
            consequence="the rule decides nothing, so the words it encodes change no answer",
            help="check the condition against the text; remove the rule if the text means nothing by it")
    beaters = sorted({x.clause.id: x for x in s["by"]}.values(), key=lambda x: x.order)
    how = ("an ordinary rule decides wherever it would apply" if e.rule.otherwise
           else "it is overridden wherever it applies")
    return finding(
        e.rule.span, "warning", "unreachable",
        f"{label}: this rule of clause {e.clause.id} never decides{everywhere}: {how}"
        + (f" (by {clauses(x.clause.id for x in beaters)})" if beaters else ""), e.clause,
        consequence=f"what clause {e.clause.id} says on {label} never counts, so its words change no answer",
        help="remove the rule, or narrow the rules that beat it so that it keeps a case of its own")
