"""Hypothesis properties: round trip, determinism, and the fast path agreeing
with the explaining one."""
from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from lla_constitution import ast as A
from lla_constitution.ask import ask
from lla_constitution.evaluate import decide, evaluate, value_key
from lla_constitution.format import format_rulebook
from lla_constitution.loader import load, parse_text
from lla_constitution.vocab import FACTS, KINDS, TOPICS

BODIES = ("conference", "organising_group")
INT_FACTS = [f for f, x in FACTS.items() if x.type == "int"]
BOOL_FACTS = [f for f, x in FACTS.items() if x.type == "bool"]
names = st.sampled_from(sorted(KINDS))

ints = st.builds(lambda f, op, n: A.Compare(f, op, A.Lit("int", n)),
                 st.sampled_from(INT_FACTS), st.sampled_from([">=", "<=", ">", "<", "=", "!="]),
                 st.integers(0, 5000))
ranges = st.builds(lambda f, lo, d: A.Within(f, lo, lo + d),
                   st.sampled_from(INT_FACTS), st.integers(0, 3000), st.integers(0, 3000))
money = st.builds(lambda op, p: A.Compare("fee_paid", op, A.Lit("money", p)),
                  st.sampled_from([">=", "<"]), st.integers(0, 100000))
shares = st.builds(lambda n: A.Compare("petition_share", ">=", A.Lit("share", Fraction(n, 100))),
                   st.integers(0, 100))
durations = st.builds(lambda n, u: A.Compare("lead_time", "<", A.Lit("duration", (n, u))),
                      st.integers(1, 30), st.sampled_from(["hours", "days", "weeks", "months"]))
kinds = st.builds(lambda ks: A.Member("kind", tuple(dict.fromkeys(ks))),
                  st.lists(names, min_size=1, max_size=4))
kind_eq = st.builds(lambda k: A.Compare("kind", "=", A.Lit("name", k)), names)
flags = st.builds(A.Flag, st.sampled_from(BOOL_FACTS))
atoms = st.one_of(ints, ranges, money, shares, durations, kinds, kind_eq, flags)


def _and(cs):
    flat = sum(((c.conds if isinstance(c, A.And) else (c,)) for c in cs), ())
    return A.And(flat)


def _or(cs):
    flat = sum(((c.conds if isinstance(c, A.Or) else (c,)) for c in cs), ())
    return A.Or(flat)


conds = st.recursive(
    atoms,
    lambda inner: st.one_of(
        st.builds(A.Not, inner),
        st.builds(_and, st.lists(inner, min_size=2, max_size=3)),
        st.builds(_or, st.lists(inner, min_size=2, max_size=3)),
    ),
    max_leaves=6,
)

counts = st.builds(A.Count, st.integers(0, 9), st.booleans())
delegated = st.builds(A.Delegated, st.sampled_from(BODIES))


BALLOTS = ["first_vote", "second_vote"]


def rule_for(topic: str):
    on = st.sampled_from(BALLOTS) if TOPICS[topic].of == "ballot" else st.sampled_from(BODIES)
    target = on if TOPICS[topic].target else st.none()
    value = {"count": st.one_of(counts, delegated),
             "money": st.builds(A.Money, st.integers(0, 100000), st.booleans(), st.booleans()),
             "permission": st.builds(A.Permission, st.booleans()),
             "decision": st.one_of(st.builds(A.Unspecified), st.builds(
                 A.Decision, st.lists(st.builds(A.Test, st.sampled_from(["majority", "two_thirds"]),
                                                st.sampled_from(["votes", "groups"]), st.booleans()),
                                      min_size=1, max_size=2).map(tuple),
                 st.sampled_from([None, "organising_group"]))),
             "frequency": st.builds(A.Frequency, st.sampled_from(["monthly", "quarterly", "annually"]),
                                    st.booleans()),
             "counting": st.one_of(st.builds(A.Largest), st.builds(A.Transferable), st.builds(A.Unspecified)),
             "tiebreak": st.one_of(delegated, st.builds(A.Unspecified)),
             "step": st.one_of(st.builds(A.Step, st.just("go"), st.sampled_from(BALLOTS)),
                               st.builds(A.Step, st.just("adopt"), st.sampled_from(["composite", "winner"])))
             }[TOPICS[topic].value]
    return st.builds(A.Rule, st.just(topic), target, value, st.one_of(st.none(), conds),
                     st.booleans(), st.just(()), st.one_of(st.none(), st.text(
                         st.characters(codec="utf-8", exclude_characters="\n\r"), max_size=20)))


rules = st.sampled_from(sorted(TOPICS)).flatmap(rule_for)
clauses = st.builds(
    lambda i, text, items: A.Clause(f"{i}", None, None, text, None, tuple(items)),
    st.integers(1, 99), st.text(st.characters(codec="utf-8", exclude_characters='"'), max_size=30),
    st.lists(rules, max_size=4))
books = st.builds(
    lambda cs: A.Rulebook("prop", "Property", None,
                          tuple(A.BodyDecl(b, b.title()) for b in BODIES), (),
                          tuple({c.id: c for c in cs}.values()),
                          ballots=(A.Ballot("first_vote", "the first vote", "motion"),
                                   A.Ballot("second_vote", "the second vote", "between", ("a", "b")))),
    st.lists(clauses, min_size=1, max_size=4))


@settings(max_examples=200, deadline=None)
@given(books)
def test_format_parse_round_trip(book):
    assert parse_text(format_rulebook(book)) == book


groups = st.fixed_dictionaries({
    "kind": st.sampled_from(sorted(KINDS)),
    "members": st.integers(0, 6000),
    "affiliated": st.booleans(),
    "region_affiliated": st.booleans(),
    "national_affiliated": st.booleans(),
    "fee_paid": st.integers(0, 60000),
}).flatmap(lambda g: st.integers(0, g["members"]).map(lambda s: {**g, "lla_supporters": s}))


@settings(max_examples=300, deadline=None)
@given(groups, st.sampled_from(["dulwich", "law-sll"]), st.sampled_from(["delegates", "fee"]))
def test_fast_path_agrees_with_the_explaining_path(facts, draft, topic):
    book = load(draft)
    target = "organising_group" if topic == "delegates" else None
    full = evaluate(book, topic, target, facts)
    status, key = decide(book, topic, target, facts)
    assert status == full.status
    if status == "ambiguous":
        assert set(key) == {value_key(c.value) if c.value is not None else ("silent",) for c in full.cases}
    elif full.value is not None:
        assert key == value_key(full.value)


@settings(max_examples=200, deadline=None)
@given(groups, st.sampled_from(["dulwich", "law-sll"]))
def test_unknown_members_cover_every_known_answer(facts, draft):
    """Leaving `members` out enumerates cases; the answer for any actual size is among them."""
    book = load(draft)
    known = evaluate(book, "delegates", "conference", facts)
    partial = dict(facts)
    del partial["members"]
    partial.pop("lla_supporters")
    open_ = evaluate(book, "delegates", "conference", partial)
    possible = ({value_key(c.value) if c.value is not None else ("silent",) for c in open_.cases}
                if open_.status == "ambiguous" else
                {value_key(open_.value) if open_.value is not None else ("silent",)})
    got = ({value_key(c.value) if c.value is not None else ("silent",) for c in known.cases}
           if known.status == "ambiguous" else
           {value_key(known.value) if known.value is not None else ("silent",)})
    assert got <= possible


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 5000), st.sampled_from(sorted(KINDS)))
def test_answers_are_deterministic(members, kind):
    q = f"how many delegates may a {KINDS[kind].words[0]} with {members} members send to conference?"
    books = [load("dulwich"), load("law-sll")]
    first = [a.model_dump_json() for a in ask(q, books)]
    second = [a.model_dump_json() for a in ask(q, books)]
    assert first == second


def test_three_valued_logic():
    from lla_constitution.evaluate import holds

    big = A.Compare("members", ">=", A.Lit("int", 10))
    aff = A.Flag("affiliated")
    assert holds(A.And((aff, big)), {"members": 12}) is None
    assert holds(A.And((aff, big)), {"members": 2}) is False
    assert holds(A.Or((aff, big)), {"members": 12}) is True
    assert holds(A.Or((aff, big)), {"members": 2}) is None
    assert holds(A.Not(aff), {}) is None
    assert holds(A.Not(aff), {"affiliated": False}) is True


WORDS = ["how", "many", "delegates", "representatives", "may", "a", "an", "local", "group", "with",
         "members", "and", "LLA", "supporters", "paying", "£20", "send", "to", "conference", "the",
         "OG", "organising", "what", "fee", "does", "pay", "who", "national", "trade", "union",
         "unaffiliated", "150", "0", "-3", "?", "branch", "clp", "steering", "committee", '"x"']


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=16))
def test_any_question_gets_an_answer_or_a_located_error(words):
    """Whatever is typed, the answer is an answer or a clear error: never a crash."""
    from click.testing import CliRunner

    from lla_constitution.cli import main

    result = CliRunner().invoke(main, ["ask", "--draft", "dulwich", "--draft", "law-sll", "--", " ".join(words)])
    assert result.exit_code in (0, 1, 2, 3)
    assert "internal error" not in result.stderr
    if result.exit_code == 2:
        assert "error:" in result.stderr
