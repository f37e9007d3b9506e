"""Similar rules that ask different thresholds (code `threshold`): two ways
of counting a motion in one body, or different numbers of supporters for
routes that are otherwise alike.

>>> from lla_constitution.loader import load
>>> for f in differing_thresholds(load("dulwich").ast):
...     print(f.message)
pass_motion(conference): clause 2.10 asks majority of delegate_votes where clause 2.9 asks majority of groups
"""
from __future__ import annotations

import itertools

from ... import ast as A
from ...format import value as show_value
from ...vocab import KINDS, TALLIES
from .findings import Finding, finding
from .rulebook import atoms, menu_clauses
from .words import article, clauses, topic_label, verb

# Facts that measure support or size: two routes asking different numbers of
# them is worth a look. Deadlines (lead_time, notice) differ between bodies
# by design, so they are left out.
_SUPPORT = {"signatories", "petition_share", "members", "lla_supporters", "initiators",
            "initiator_categories"}


def differing_thresholds(ast: A.Rulebook) -> list[Finding]:
    return _vote_thresholds(ast) + _support_thresholds(ast)


def _together(ast: A.Rulebook):
    """(clause, rule, where) for rules that may stand in one constitution:
    where is (the choice id of an option's clause or None, the reading the
    rule sits under or None), a reading named by its either (eithers that
    share a name are one choice) and its index."""
    for c, choice in menu_clauses(ast):
        for r, at in A.rules_of(c):
            reading = None
            if at is not None:
                either = c.items[at[0]]
                reading = (either.name or (c.id, at[0]), at[1])
            yield c, r, (choice, reading)


def _compatible(g1, g2) -> bool:
    """Two options of one choice are never chosen together, nor two readings
    of one either (round 63: LAW/SLL 4.g's 25 signatories under one reading
    were set against 10 under the other)."""
    (c1, r1), (c2, r2) = g1, g2
    if c1 is not None and c2 is not None and c1 == c2:
        return False
    return r1 is None or r2 is None or r1[0] != r2[0] or r1[1] == r2[1]


# ---- counting a motion ---------------------------------------------------

def _vote_thresholds(ast: A.Rulebook) -> list[Finding]:
    """pass_motion rules for one body, in different clauses, that share a test
    but count another on a different tally or fraction (2.9 against 2.10)."""
    rules = [(c, r, g) for c, r, g in _together(ast)
             if r.topic == "pass_motion" and isinstance(r.value, A.Decision)]
    out, done = [], set()
    for (c1, r1, g1), (c2, r2, g2) in itertools.combinations(rules, 2):
        if c1.id == c2.id or r1.target != r2.target or not _compatible(g1, g2) or (c1.id, c2.id) in done:
            continue
        t1, t2 = _tests(r1.value), _tests(r2.value)
        if len(t1) != len(t2) or not (t1 & t2) or t1 == t2:
            continue
        done.add((c1.id, c2.id))
        only1, only2 = sorted(t1 - t2), sorted(t2 - t1)
        out.append(finding(
            r2.span, "warning", "threshold",
            f"pass_motion({r2.target}): clause {c2.id} asks {_show_tests(only2)} where clause {c1.id} asks "
            f"{_show_tests(only1)}", c2,
            consequence=f"a motion in {r2.target} is counted by {_tally_words(only1)} under clause {c1.id} "
                        f"but by {_tally_words(only2)} under clause {c2.id}, so it could carry on one count "
                        "and fail on the other",
            help="if the difference is intended, say so in the text; otherwise count the same way"))
    return out


def _tests(d: A.Decision) -> frozenset:
    return frozenset((t.fraction, t.tally, t.of_all) for t in d.tests)


def _show_tests(tests) -> str:
    return " and ".join(f"{f} of {'all ' if a else ''}{t}" for f, t, a in tests)


def _tally_words(tests) -> str:
    return " and ".join(f"'{TALLIES[t]}'" for _, t, _ in tests)


# ---- numbers of supporters -----------------------------------------------

def _support_thresholds(ast: A.Rulebook) -> list[Finding]:
    """Rules alike but for one threshold on a support fact, for different
    topics or bodies: 25 signatories to reach the SC, 10 to reach conference."""
    groups: dict[tuple, list] = {}
    for c, r, g in _together(ast):
        for tests in _alternatives(r.cond):
            split = _threshold_of(r, tests)
            if split is None:
                continue
            fact, n, rest = split
            # Motions and amendments are two routes to one body: compare their figures.
            family = "submit" if r.topic in ("submit_motion", "submit_amendment") else r.topic
            groups.setdefault((family, fact, rest, show_value(r.value)), []).append((c, r, g, n))
    found = (_threshold_finding(fact, rest, members) for (_, fact, rest, _), members in groups.items())
    return [f for f in found if f is not None]


def _alternatives(cond) -> list[list]:
    """The tests of each way a condition can hold: an `or` among its tests is
    one alternative per branch (round 63: LAW/SLL 4.g's "an affiliated group
    or 10 members" was not read, and 10 for a motion was set against 25 for
    an amendment that also takes 10)."""
    tests = list(cond.conds) if isinstance(cond, A.And) else [cond]
    out = [[]]
    for t in tests:
        branches = list(t.conds) if isinstance(t, A.Or) else [t]
        out = [done + (list(b.conds) if isinstance(b, A.And) else [b]) for done in out for b in branches]
    return out


def _threshold_of(rule: A.Rule, tests: list):
    """(fact, least value that passes, the other conditions) when `tests`
    (one alternative of the rule's condition) are one minimum on a support
    fact plus other tests."""
    found = [a for a in tests if isinstance(a, A.Compare) and a.fact in _SUPPORT and a.op in (">=", ">")]
    if len(found) != 1:
        return None
    a = found[0]
    n = a.lit.value + (1 if a.op == ">" and a.lit.type == "int" else 0)
    return a.fact, n, frozenset(x for x in tests if x is not a)


def _threshold_finding(fact: str, rest: frozenset, members: list) -> Finding | None:
    """One finding for a group of alike rules, at the first that differs from
    an earlier one on another topic or body. Two thresholds on one topic and
    body are bands, not a difference between routes."""
    members = sorted(members, key=lambda m: m[1].span.start if m[1].span else 0)
    figures: dict[tuple, set] = {}
    for _, r, _, n in members:
        figures.setdefault((r.topic, r.target), set()).add(n)
    if len({frozenset(v) for v in figures.values()}) == 1:
        return None  # every route asks the same figures (one per reading, LAW/SLL 4.g): alike
    pair = next(((x, y) for x, y in itertools.combinations(members, 2)
                 if x[3] != y[3] and (x[1].topic, x[1].target) != (y[1].topic, y[1].target)
                 and _compatible(x[2], y[2])), None)
    if pair is None:
        return None
    first, other = pair
    levels: dict[object, list] = {}
    for c, r, _, n in members:
        levels.setdefault(n, []).append((c, r))
    parts = []
    for n, rules in levels.items():
        topics = ", ".join(dict.fromkeys(topic_label(r.topic, r.target) for _, r in rules))
        parts.append(f"{_fact_value(fact, n)} for {topics} ({clauses(c.id for c, _ in rules)})")
    same_body = any(len({n for _, r, _, n in members if r.target == t}) > 1
                    for t in {r.target for _, r, _, _ in members})
    who = _rest_subject(rest)
    c, r, _, n = other
    # Mark the figure itself: the first test on the fact in the condition.
    mark = next((a.span for a in atoms(r.cond) if isinstance(a, A.Compare) and a.fact == fact), None)
    return finding(
        mark or r.span, "warning" if same_body else "info", "threshold",
        f"similar rules ask different numbers of {fact}: " + "; ".join(parts), c,
        consequence=f"{who} needs {_fact_value(fact, first[3])} to {verb(first[1])} but "
                    f"{_fact_value(fact, n)} to {verb(r)}",
        help="if the difference is intended, say so in the text; otherwise use one figure")


def _fact_value(fact: str, n) -> str:
    if fact == "petition_share":
        return f"{float(n * 100):g}% of supporters"
    return f"{n} {fact.replace('_', ' ')}"


def _rest_subject(rest: frozenset) -> str:
    """Who the rules concern, from the kind their other tests name."""
    kinds = [a.lit.value for a in rest if isinstance(a, A.Compare) and a.fact == "kind" and a.op == "="]
    return article(KINDS[kinds[0]].words[0]) if kinds else "a submitter"
