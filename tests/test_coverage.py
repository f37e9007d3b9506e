"""Every sentence of every source text is accounted for, and the report notices
when one stops being so."""
from __future__ import annotations

import dataclasses

import pytest

from lla_constitution.coverage import account, split_sentences, summarise
from lla_constitution.loader import bundled_ids, load

BOOKS = bundled_ids()


def test_all_eight_rulebooks_are_bundled():
    assert BOOKS == ["cac", "dulwich", "labour-nec-2021", "launch-2020", "law-sll", "london",
                     "merseyside", "tees"]


@pytest.mark.parametrize("rid", BOOKS)
def test_every_sentence_is_accounted_for(rid):
    accounts = account(load(rid).ast)
    open_ = [f"line {a.line}: {a.text}" for a in accounts if a.status == "unaccounted"]
    assert not open_, "\n".join(open_)
    assert summarise(rid, accounts).share == 1.0


@pytest.mark.parametrize("rid", BOOKS)
def test_non_normative_sentences_give_a_reason(rid):
    for a in account(load(rid).ast):
        if a.status == "non_normative":
            assert a.reason and "\n" not in a.reason
        if a.status == "formalised":
            assert a.by, a


def test_a_sentence_losing_its_clause_is_unaccounted():
    book = load("law-sll").ast
    cut = tuple(c for c in book.clauses if c.id != "5.e")
    accounts = account(dataclasses.replace(book, clauses=cut))
    lost = [a for a in accounts if a.status == "unaccounted"]
    assert [a.line for a in lost] == [1202]
    assert lost[0].text.startswith("All affiliated local or national groups or any 10 LLA members")


def test_a_clause_quoting_half_a_sentence_does_not_account_for_it():
    book = load("merseyside").ast
    clause = book.clause("1")
    half = dataclasses.replace(clause, text=clause.text[:60])
    accounts = account(dataclasses.replace(book, clauses=(book.clauses[0], half)))
    assert summarise("merseyside", accounts).unaccounted == 2  # both sentences of line 1722


def test_an_aside_makes_a_formalised_sentence_non_normative():
    # CAC 2.1.d: "Decisions should be reached as quickly as possible" is
    # advice; the sentence before it is the voting rule.
    book = load("cac").ast
    accounts = {a.text[:20]: a for a in account(book)}
    assert accounts["Decisions on all lev"].status == "formalised" and accounts["Decisions on all lev"].by == ("2.1.d",)
    assert accounts["Decisions should be "].status == "non_normative"
    clauses = tuple(dataclasses.replace(c, asides=()) if c.id == "2.1.d" else c for c in book.clauses)
    again = {a.text[:20]: a for a in account(dataclasses.replace(book, clauses=clauses))}
    assert again["Decisions should be "].status == "formalised"


def test_options_and_amendments_account_for_their_own_lines():
    accounts = account(load("cac").ast)
    by = {a.line: a.by for a in accounts}
    assert by[1075] == ("4.2.a",)  # an option's clause, not the choice around it
    assert any(b and b[0].startswith("amendment ") for b in by.values())


def test_sentences_split_at_full_stops_only_before_a_capital():
    parts = split_sentences(7, "The OG meets (e.g. online). It decides etc. and more. Done!")
    assert [p.text for p in parts] == ["The OG meets (e.g. online).", "It decides etc. and more.", "Done!"]
    assert {p.line for p in parts} == {7}


def test_json_lists_every_sentence(lla):
    r = lla("coverage", "merseyside", "--json")
    assert r.code == 0
    (row,) = r.json()
    assert row["accounted_share"] == 1.0
    # Round 49: "We now need ... a socialist movement" bears a rule (round 48's).
    assert [s["status"] for s in row["sentence_list"]] == ["non_normative", "non_normative", "formalised",
                                                            "formalised"]


def test_text_report_and_exit_code(lla):
    r = lla("coverage")
    assert r.code == 0
    assert r.out.splitlines()[0].split() == ["draft", "sentences", "formalised", "non-normative",
                                             "unaccounted", "accounted", "unexercised"]
    # Every sentence accounted for, and every formalised one exercised by a scenario.
    assert all(line.split()[-2:] == ["100.0%", "0"] for line in r.out.splitlines()[1:])
    assert len(r.out.splitlines()) == 9
