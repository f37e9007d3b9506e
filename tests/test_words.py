"""People read plain words: no identifier in the prose of the text output.

The text of `ask`, `check`, `diff`, `compare` and `lint` for the bundled
rulebooks may quote rule-file source (lint's numbered lines, anything in
quotes) and print action files a witness gives, since those are meant to be
pasted; everything else is prose, where a body goes by its name and a fact
by a phrase (words.py). The scan also makes sure every identifier met was
in words.py's tables, not printed by its stopgap (underscores as spaces).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from lla_constitution import words
from lla_constitution.cli import main

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"
QUESTIONS = [
    "how many delegates may a local group with 150 members send to conference?",
    "what fee does a local group pay?", "who may send delegates to conference?",
    "how often must the organising group meet?", "how often is the steering committee elected?",
    "what is the quorum of the organising group?", "can a member of Socialist Appeal join?",
    "may a co-opted member vote on the organising group?", "who may submit motions to conference?",
    "who may call a special conference?", "what majority does conference need to change the constitution?",
    "how many signatures does a motion to the steering committee need?",
    "how much notice must a recall meeting have?", "who may affiliate?", "who may change the constitution?",
    "may a trade union branch nominate a candidate for the steering committee?",
    "who resolves disputes about membership?", "is a vote of 11 to 9 enough to recall a member of the organising group?",
]
_IDENT = re.compile(r"(?<![\w\-./])([a-z][a-z0-9]*(?:_[a-z0-9]+)+)(?![\w\-/])")
_PASTED = re.compile(r"^\s*(\d+ \||\||\$ |lla |witness\.yaml:|[-a-z_]+:\s*[{\[])")
_QUOTED = re.compile(r"“[^”]*(?:”|$)|(?<!\w)'[^'\n]*'(?!\w)|\"[^\"\n]*\"|`[^`\n]*`")
_CITATION = re.compile(r"^\s*(?:[a-z0-9\-]+ )?[A-Za-z0-9_.\-]+: (?=“)")  # a clause by its id


def identifiers(text: str) -> list[str]:
    """Identifiers in the prose of `text` (pasted lines and quotations aside)."""
    found, inside = [], False
    for line in text.split("\n"):
        if inside:
            end = line.find("”")
            if end < 0:
                continue
            line, inside = line[end + 1:], False
        if _PASTED.match(line):
            continue
        line = _CITATION.sub("", line)
        inside = line.count("“") > line.count("”")
        found += [(m.group(1), line.strip()) for m in _IDENT.finditer(_QUOTED.sub("", line))]
    return found


def _runs():
    yield from (("ask", q) for q in QUESTIONS)
    yield from (("check", str(f), "--register", str(EXAMPLES / "actions" / "register.yaml"))
                for f in sorted((EXAMPLES / "actions").glob("*.yaml"))
                if f.stem not in ("typo", "bad-dates", "register"))
    yield ("check", str(EXAMPLES / "many.yaml"))
    yield ("diff", "dulwich", "tees")
    yield ("diff", "law-sll", "london")
    yield ("compare",)
    yield ("lint",)


@pytest.mark.parametrize("args", list(_runs()), ids=lambda a: " ".join(a)[:60])
def test_no_identifiers_in_prose(args, monkeypatch):
    monkeypatch.chdir(EXAMPLES)
    monkeypatch.setattr(words, "UNKNOWN", [])
    r = CliRunner().invoke(main, list(args))
    assert r.exit_code in (0, 1, 3), r.output
    stdout = r.stdout if hasattr(r, "stdout") else r.output
    assert not identifiers(stdout), identifiers(stdout)[:5]
    assert not words.UNKNOWN, sorted(set(words.UNKNOWN))


def test_the_scan_finds_identifiers():
    """The scanner is not blind: prose identifiers are found, pasted ones not."""
    assert identifiers("dulwich: forbidden when labour_status = member") == [
        ("labour_status", "dulwich: forbidden when labour_status = member")]
    assert identifiers("   15 |   fee = delegated to finance_committee") == []
    assert identifiers("  help: record it with 'creates finance_committee'") == []


@pytest.mark.parametrize("rule", ["majority of votes", "majority of all votes", "two_thirds of individuals",
                                  "majority of all groups", "majority of delegate_votes",
                                  "lla_supporter and proxy", "lla_supporter and not proxy",
                                  "emergency and during_meeting", "not emergency"])
def test_words_put_into_words_again_are_unchanged(rule):
    # Round 32: a message already in words ("by a majority of all votes cast")
    # was read again as "of all votes": "a a majority of everyone entitled to vote cast".
    once = words.line(f"counts a motion by {rule}", {})
    assert words.line(once, {}) == once


@pytest.mark.parametrize("text,said", [
    ("not by\n   proxy", "not by\n   proxy"),
    ("yes when an\n emergency motion", "yes when an\n emergency motion"),
    ("reading: 'Emergency' qualifies both: emergency amendments only",
     "reading: 'Emergency' qualifies both: emergency amendments only"),
    ("silent when an LLA supporter and\n  proxy; or yes", "silent when an LLA supporter and\n  voting by proxy; or yes"),
    ("lead_time ≤ 0 seconds", "sent 0 seconds or less before the meeting"),
])
def test_flags_and_units_in_words_only_where_they_are_conditions(text, said):
    # Round 34: "proxy" and "emergency" are words of prose too, and a table
    # wraps a condition over lines; seconds are a unit of a lead time.
    assert words.prose(text, {}) == said


def test_an_either_key_is_said_as_the_reading_but_prose_is_kept():
    # Round 46: Dulwich 4.0's note "on the reading of one person per post"
    # printed "on the the reading person per post".
    said = "on the reading of one person per post, the OG elects eleven officers"
    assert words.line(said, {}) == said
    assert words.line("turns on reading of sg_posts", {}) == "turns on the reading"  # a key: replaced


def test_a_one_word_body_that_decides_goes_by_its_name():
    # Dulwich 2.8 "at the discretion of the Chair": the body's id is "chair",
    # with no underscore to mark it as one (round 35).
    names = {"chair": "the Chair", "conference": "Annual General Meeting"}
    assert words.line("delegated (decided by chair)", names) == "delegated (decided by the Chair)"
    assert words.line("delegated to conference", names) == "delegated to Annual General Meeting"
    assert words.line("the chair of conference decides", names) == "the chair of conference decides"


def test_a_one_word_body_that_decides_is_named_in_every_format(tmp_path):
    # Round 36: the text said "decided by the Chair", Markdown and HTML "chair".
    action = tmp_path / "em.yaml"
    action.write_text("action: submit_amendment\nbody: conference\n"
                      "group: {kind: local_group, members: 20, affiliated: true}\n"
                      "emergency: true\nsubmitted: 2020-02-08T11:00\nmeeting: 2020-02-08T10:00\n")
    for fmt in ("text", "markdown", "html"):
        out = CliRunner().invoke(main, ["check", str(action), "--draft", "dulwich", "--format", fmt]).output
        assert "decided by the Chair" in out and "by chair" not in out, (fmt, out[:300])


def _said(draft: str, clause: str) -> list[str]:
    from lla_constitution.loader import load
    from lla_constitution.web.pages import rules_in_words

    book = load(draft)
    return rules_in_words(next(c for c in book.ast.all_clauses() if c.id == clause), words.names_of([book]))


def test_rules_in_words_keep_the_rules_grouping():
    # Round 37: "(an LLA branch or a local group and affiliated)" read as if
    # an LLA branch too had to be affiliated.
    assert any("when (an LLA branch or (a local group (incl. Momentum groups) and affiliated)) and" in s
               for s in _said("tees", "3.7"))
    assert any("forbidden when (not in the Labour Party or expelled from the Labour Party) and not a victim" in s
               for s in _said("dulwich", "1.2"))
    # A 'not' over an 'or' of 'and's keeps its brackets.
    assert any(s.startswith("Who may submit motions to the Steering Committee: forbidden when not (")
               for s in _said("tees", "5.6"))


def test_rules_in_words_say_ranges_dates_ballots_and_referrals():
    said = " ".join(_said("cac", "4.2.b.ii"))
    assert "100 to 500 members" in said and ".." not in said
    assert any("on or after 2021-07-20" in s for s in _said("labour-nec-2021", "decision"))
    intro = _said("cac", "intro")
    assert "Where the procedure begins: the vote on the CAC procedural motion." in intro
    assert not any("cac_motion" in s or "cac motion" in s for s in intro)
    assert any("referred to Organising Group if it wins some but not all of these majorities" in s
               for s in _said("dulwich", "2.9"))
    # "emergency" is said of amendments as much as of motions.
    assert any("Who may submit amendments to the Annual General Meeting: delegated to the Chair when an "
               "emergency item" in s for s in _said("dulwich", "2.8"))


def test_rules_in_words_say_a_recall_vote_recalls_no_one_where_no_recall_is_provided():
    # Round 42: London 3.5's "Votes to recall members of the OG: a majority
    # of all votes cast" read as if the draft provided the recall.
    from lla_constitution.loader import load
    from lla_constitution.web.pages import rules_in_words, unrecalled_bodies

    book = load("london")
    clause = next(c for c in book.ast.all_clauses() if c.id == "3.5")
    said = rules_in_words(clause, words.names_of([book]), unrecalled_bodies(book))
    og = [s for s in said if s.startswith("Votes to recall") and "Organising Group" in s]
    officers = [s for s in said if s.startswith("Votes to recall") and "officers" in s]
    assert og and all("No clause provides the recall itself" in s for s in og), said
    assert officers and not any("No clause provides" in s for s in officers), said


def test_recall_initiators_outside_the_categories_are_named_in_words(tmp_path):
    # Round 42: "region is in none of the categories dulwich counts".
    from click.testing import CliRunner

    from lla_constitution.cli import main

    action = tmp_path / "r.yaml"
    action.write_text("action: recall_officer\nbody: officers group\nby: organising group\n"
                      "initiators:\n  - kind: region\n  - kind: local_group\n", encoding="utf-8")
    out = CliRunner().invoke(main, ["check", str(action), "--draft", "dulwich"]).output
    assert "an English region or nation is in none of the categories" in out, out


def test_a_named_kind_set_beside_and_is_bracketed():
    # Round 42: LAW/SLL 4.f's "affiliated and kind in local_or_national"
    # read "affiliated and a trade union ... or a local group".
    from lla_constitution.loader import load

    names = words.names_of([load("law-sll")])
    said = words.line("allowed when affiliated and kind in local_or_national", names)
    assert said.startswith("allowed when affiliated and (a trade union (national office) or "), said
    assert said.endswith("a local group (incl. Momentum groups))"), said
    assert "(" not in words.line("allowed when kind in local_bodies", names).replace("(national", "")
