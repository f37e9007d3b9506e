"""cond_code.compile_fast (a condition as one generated function, for the
walks of `lla compare` and `lla diff`) gives what evaluate.compile_cond's
closures give, for every condition of every bundled rulebook, on facts
drawn around the constants each condition compares with (issue 14)."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lla_constitution import ast as A
from lla_constitution.cond_code import compile_fast
from lla_constitution.evaluate import _constants, compile_cond, facts_in
from lla_constitution.loader import bundled_ids, load
from lla_constitution.vocab import FACTS

CONDITIONS = [(rid, c.id, rule.cond) for rid in bundled_ids() for c in load(rid).ast.all_clauses()
              for rule, _ in A.rules_of(c) if rule.cond is not None]


def _values(cond, fact):
    consts: set = set()
    _constants(cond, fact, consts)
    kind = FACTS[fact].type
    if kind == "bool":
        return st.booleans()
    if kind in ("int", "money"):
        near = sorted({int(x) + d for x in consts if isinstance(x, (int, float)) for d in (-1, 0, 1)} | {0})
        return st.sampled_from([x for x in near if x >= 0])
    if kind == "set":
        return st.frozensets(st.sampled_from(sorted(map(str, consts)) + ["other"]), max_size=2)
    if kind == "enum":
        return st.sampled_from(sorted(map(str, consts)) + ["other"])
    return st.nothing()


@st.composite
def cases(draw):
    rid, cid, cond = draw(st.sampled_from(CONDITIONS))
    facts = {}
    for fact in facts_in(cond):
        if FACTS[fact].type in ("bool", "int", "money", "set", "enum") and draw(st.booleans()):
            facts[fact] = draw(_values(cond, fact))
    return rid, cid, cond, facts


@settings(max_examples=3000, deadline=None, suppress_health_check=list(HealthCheck))
@given(cases())
def test_the_generated_test_agrees_with_the_closures(case):
    rid, cid, cond, facts = case
    assert compile_fast(cond)(facts) == compile_cond(cond)(facts), (rid, cid, facts)


def test_every_condition_compiles():
    assert len(CONDITIONS) > 400
    for _, _, cond in CONDITIONS:
        assert callable(compile_fast(cond))


def test_a_fact_outside_the_vocabulary_never_reaches_the_compiler():
    with pytest.raises(ValueError, match="not a fact of the vocabulary"):
        compile_fast(A.Flag("__import__('os')"))
