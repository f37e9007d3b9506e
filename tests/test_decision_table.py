"""Compiled rules and the batch engine give today's answers (issue 14).

For every question (topic and body) of every bundled rulebook and of two
composites, facts are generated on, beside and between the constants its
rules use, some left unknown; the decision table's explaining path must give
exactly what `evaluate()` gives (status, value, cases and their conditions,
citations, trace, near misses, notes) and its fast path exactly what
`decide()` gives. Then `lla table`'s batch engine, which answers each cell of
a register once, must agree with asking each group on its own.
"""
from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lla_constitution import evaluate as E
from lla_constitution.ask import answer
from lla_constitution.decision_table import SubjectKey, table_for
from lla_constitution.loader import bundled_ids, load, load_variants
from lla_constitution.model import Group, Register
from lla_constitution.partition import Period
from lla_constitution.table import GROUP_FACTS, each_group_question, rows
from lla_constitution.vocab import FACTS, KINDS

# A composite with two options chosen (its other choices stay open, as `lla ask` leaves them).
BOOKS = [load(i) for i in bundled_ids()] + load_variants(["cac"], ["4.2=B", "3.2=E"], [],
                                                         {("delegates", "conference")})
FAMILIES = [(b, topic, target) for b in BOOKS for (topic, target) in b.by_topic]
PER_FAMILY = 12


def _read(book, topic, target):
    ix = E.topic_index(book, topic, target)
    facts: dict[str, set] = {}
    for e in ix.entries:
        for f in E.facts_in(e.rule.cond):
            facts.setdefault(f, set())
            E._constants(e.rule.cond, f, facts[f])
    return facts


def _value(rng: random.Random, fact: str, consts: set, book):
    ftype = FACTS[fact].type
    if ftype in ("int", "money"):
        c = rng.choice(sorted(consts) or [0])
        return max(0, c + rng.choice([-1, 0, 1, rng.randint(-50, 50)]))
    if ftype == "bool":
        return rng.random() < 0.5
    if ftype == "enum":
        values = tuple(b.id for b in book.ast.bodies) if fact == "by" else FACTS[fact].values
        return rng.choice(values)
    if ftype == "set":
        return frozenset(rng.sample(sorted(consts) + ["Some Other Group"], rng.randint(0, 2)))
    if ftype == "date":
        c = rng.choice(sorted(consts) or [date(2021, 7, 20).toordinal()])
        return date.fromordinal(c + rng.choice([-1, 0, 1, rng.randint(-40, 40)]))
    if ftype == "share":
        return Fraction(rng.randint(0, 100), 100)
    start = datetime(2020, 3, 1)
    return Period(start, start + timedelta(days=rng.randint(0, 400), hours=rng.randint(0, 23)))


def _facts(rng, book, read):
    facts = {f: _value(rng, f, consts, book) for f, consts in read.items() if rng.random() > 0.15}
    for f in ("members", "lla_supporters"):
        if f not in facts and rng.random() > 0.3:
            facts[f] = _value(rng, f, {10, 100}, book)
    if facts.get("lla_supporters") is not None and facts.get("members") is not None and rng.random() < 0.9:
        facts["lla_supporters"] = min(facts["lla_supporters"], facts["members"])
    return facts


def _signature(r: E.Result) -> tuple:
    key = (lambda v: None if v is None else E.value_key(v))
    return (r.status, key(r.value), r.note, r.depends_on, r.unmet,
            [(key(c.value), c.when, [e.clause.id for e in c.because]) for c in r.cases],
            [e.clause.id for e in r.because],
            [(t["clause"], t["holds"], t["values"], t.get("reading")) for t in r.trace])


def _outcome(fn, *args):
    try:
        return fn(*args)
    except Exception as err:  # an input the engine refuses must be refused alike
        return repr(err)


@pytest.mark.parametrize("book,topic,target", FAMILIES,
                         ids=[f"{b.id}-{t}-{g}" for b, t, g in FAMILIES])
def test_table_answers_as_evaluate(book, topic, target):
    rng = random.Random(f"{book.id}/{topic}/{target}")
    read = _read(book, topic, target)
    table = table_for(book, topic, target)
    for _ in range(PER_FAMILY):
        facts = _facts(rng, book, read)
        want = _outcome(lambda: _signature(E.evaluate(book, topic, target, facts)))
        got = _outcome(lambda: _signature(table.evaluate(facts)))
        assert got == want, facts
        if all(facts.get(f) is not None for f in read):
            assert _outcome(table.decide, facts) == _outcome(E.decide, book, topic, target, facts), facts


def test_a_cell_is_answered_once_and_shared():
    t = table_for(load("dulwich"), "delegates", "conference")
    t.answered.clear()
    for members in range(102, 499):  # strictly between the constants 101 and 499
        t.evaluate({"kind": "clp", "members": members, "lla_supporters": 50, "affiliated": True})
    assert len(t.answered) == 1
    # The trace still quotes each group's own size.
    assert t.evaluate({"kind": "clp", "members": 321, "lla_supporters": 50,
                       "affiliated": True}).trace[0]["values"].get("members", 321) == 321


def test_a_table_is_not_changed_by_what_its_caller_does_to_an_answer():
    t = table_for(load("tees"), "fee", None)
    facts = {"kind": "local_group", "members": 30, "lla_supporters": 12}
    first = t.evaluate(facts)
    first.note = "changed by a caller"
    assert t.evaluate(facts).note != "changed by a caller"


@settings(max_examples=200, deadline=None)
@given(members=st.integers(0, 3000), supporters=st.integers(0, 3000),
       kind=st.sampled_from(sorted(KINDS)), affiliated=st.booleans(), region=st.booleans())
def test_property_dulwich_delegates(members, supporters, kind, affiliated, region):
    book = load("dulwich")
    facts = {"kind": kind, "members": members, "lla_supporters": min(members, supporters),
             "affiliated": affiliated, "region_affiliated": region, "national_affiliated": False}
    t = table_for(book, "delegates", "conference")
    assert t.decide(facts) == E.decide(book, "delegates", "conference", facts)
    assert _signature(t.evaluate(facts)) == _signature(E.evaluate(book, "delegates", "conference", facts))


# ---- the batch engine: one answer per cell of a register ------------------

def _register(n: int, seed: int) -> Register:
    rng = random.Random(seed)
    kinds = [k for k, v in KINDS.items() if v.sort == "group"] + ["lla_branch"]
    groups = []
    for i in range(n):
        members = rng.choice([rng.randint(0, 40), rng.randint(0, 3000)])
        groups.append(Group(
            name=f"Group {i}", kind=rng.choice(kinds), members=members if rng.random() > 0.1 else None,
            lla_supporters=rng.randint(0, members) if rng.random() > 0.2 else None,
            fee_paid=rng.choice([None, 0, 1000, 2000, 10000]),
            affiliated=rng.choice([None, True, False]), region_affiliated=rng.choice([None, True, False]),
            national_affiliated=rng.choice([None, True, False]), represented=rng.choice([None, True, False])))
    return Register(groups=groups)


@pytest.mark.parametrize("question", ["how many delegates may each group send to conference?",
                                      "what fee does each group pay?"])
def test_batch_engine_answers_each_group_as_asked_alone(question):
    import dataclasses

    from lla_constitution.compose import indirect_topics

    register = _register(300, 1)
    asks = {each_group_question(question, register).asks()}
    books = [load(i) for i in ("dulwich", "tees", "law-sll", "london")] + load_variants(
        ["cac"], ["4.2=B"], [], asks | indirect_topics(asks))
    _, found = rows(question, books, register)
    q = each_group_question(question, register)
    strip = {"question", "conditions", "unmet"}  # the group's own words and values
    for row in found:
        group = row.group
        qg = dataclasses.replace(q, group=group, group_label=group.name, assumed=group.facts()[1])
        alone = [answer(qg, b).model_dump(exclude=strip) for b in books]
        batched = [a.model_dump(exclude=strip) for c in row.cells for a in c.answers]
        assert batched == alone, group


def test_subject_key_tells_ratio_counts_apart():
    # launch-2020 5.2 counts delegates per 3 signatories: groups share a cell only where
    # every ratio gives them the same count.
    key = SubjectKey(load("launch-2020"), GROUP_FACTS)
    assert key.ratios
    (fact, n, per, _), _ = key.ratios[0]
    area = {"kind": "area", "members": 1000, fact: 3 * per, "affiliated": True}
    assert key(area) != key(dict(area, **{fact: 4 * per}))
    # A local group gets no delegates by that ratio, whatever its supporters.
    group = dict(area, kind="local_group")
    assert key(group) == key(dict(group, **{fact: 4 * per}))
