"""`lla compare`: groups agree with pairwise diffs, the CAC's attributions are
checked with confirmed witnesses, and every output format renders."""
from __future__ import annotations

import json
from functools import lru_cache

import pytest
from click.testing import CliRunner

from lla_constitution.analyse.compare import (DEFAULT, compare, differs, origin_id, sides_for,
                                              sweep)
from lla_constitution.analyse.diff import diff_family, side
from lla_constitution.analyse.space import roles
from lla_constitution.cli import main


@lru_cache(maxsize=None)
def _default():
    return compare(sides_for(None), cac=side("cac"))


def _row(label):
    return next(r for r in _default().rows if r.family.label == label)


def test_groups_are_exactly_the_drafts_the_diff_finds_equivalent():
    c = _default()
    sides = {s.label: s for s in c.sides}
    table = roles([s.book for s in c.sides])
    for r in c.rows:
        for g in r.groups:
            for h in r.groups:
                for a in g.drafts:
                    for b in h.drafts:
                        if a >= b:
                            continue
                        fd = diff_family(r.family, sides[a], sides[b], table)
                        # One split the diff does not make: 'not applicable' said by a
                        # rule of a body the draft has, against a draft without it.
                        same = g is h or (g.quiet != h.quiet and g.answers == h.answers)
                        # Nor silence against 'no such body' for a submitter
                        # only one draft has (round 50: LAW/SLL 4.g's silence
                        # on a constitutional motion to a working group, by
                        # its area meeting, against London without one).
                        if same:
                            assert fd.verdict == "equivalent" or not differs(fd), (r.family.label, a, b)
                        else:
                            assert fd.verdict != "equivalent", (r.family.label, a, b)


def test_the_voting_rule_groups_drafts_by_how_conference_counts():
    r = _row("pass_motion(conference)")
    assert r.status == "options"
    # London counts by simple majority too, but says nothing of who may change
    # the constitution, so a constitutional motion is silent there (lla check).
    assert [(g.letter, g.drafts) for g in r.groups] == [
        ("A", ["law-sll", "tees"]), ("B", ["london"]), ("C", ["dulwich"]), ("—", ["merseyside"])]
    assert r.groups[0].answers == ["majority of votes"]


def test_common_ground_and_one_draft_only():
    # LAW/SLL 5.d and Tees 5.4 share the area meetings, and "all decisions at
    # all levels" by simple majority.
    assert _row("pass_motion(area_meeting)").status == "common ground"
    assert _row("pass_motion(area_meeting)").letter_of("law-sll") == _row(
        "pass_motion(area_meeting)").letter_of("tees")
    # Dulwich's AGM meets "annually"; the others' conference "at least once a year".
    assert _row("meetings(conference)").status == "options"
    assert _row("quorum(organising_group)").status == "one draft only"
    assert _row("delegates(conference)").letter_of("merseyside") == "—"


def _tag(choice, option):
    return next(a for a in _default().attributions if (a["choice"], a["option"]) == (choice, option))


def _draft(a, draft):
    return next(p for p in a["drafts"] if p["draft"] == draft)


def test_cac_attributions_rank_options_per_family_and_show_ties():
    # 3.2 A (the OG elected at conference) is London's: of the options of 3.2
    # it leaves the fewest of the choice's families apart from London, level
    # with Neither: the common ground's OG of two or more (3.1.b) sets every
    # option apart from London's OG of one, so A's one family of difference
    # more than before ties it; the report names the tie, never hides it.
    a = _tag("3.2", "A")
    london = _draft(a, "london")
    assert a["agreement"] == "tied" and london["best"] == ["A", "neither"]
    assert london["ranking"]["A"] < min(n for k, n in london["ranking"].items() if k not in ("A", "neither"))
    # Each family counts once: the counts add up to the families compared.
    assert len(london["alike"]) + sum(len(london[k]) for k in ("different", "dropped", "added")) \
        == london["families"] == len(a["families"])
    # 2.2's options tie for every draft: the report says so, never picks one.
    for option in ("A", "B", "C"):
        b = _tag("2.2", option)
        assert b["agreement"] == "tied"
        assert all(len(p["best"]) > 1 and option in p["best"] for p in b["drafts"])


def test_cac_attributions_say_where_a_difference_comes_from():
    # 3.2 A's Officers Group of 0 or 1 is refused by the common ground's
    # eleven named posts (3.1.b), not by the option: the source says so.
    london = _draft(_tag("3.2", "A"), "london")
    elect = next(f for f in london["different"] if f["family"] == "elect(officers_group)")
    assert elect["source"] == ["the common ground (3.1.b)"]
    # 2.2 B against Tees: the affiliation answer comes from the option and the common ground.
    tees = _draft(_tag("2.2", "B"), "tees")
    aff = next(f for f in tees["different"] if f["family"] == "affiliate")
    assert "this option (2.2.b)" in aff["source"] and "the common ground (2.1.f)" in aff["source"]


def test_cac_attributions_report_what_the_composite_dropped():
    # LAW/SLL 4.c: "The OG can elect and recall members of the SC at anytime
    # and by a simple majority"; option B says nothing of it.
    # Since round 42 the composite's 2.1.d counts the vote ("Decisions on all
    # levels"), but no clause of option B provides the recall: different.
    law = _draft(_tag("3.2", "B"), "law-sll")
    dropped = {f["family"]: f for f in law["dropped"]}
    different = {f["family"]: f for f in law["different"]}
    assert dropped["recall(organising_group)"]["draft_clauses"] == ["3.a"]
    assert different["recall_vote(officers_group)"]["draft_clauses"] == ["3.f", "4.c"]
    assert different["recall_vote(officers_group)"]["draft_answer"] == "majority of votes"
    assert different["recall_vote(officers_group)"]["option_answer"].startswith("silent on recall")
    # And what no clause of the composite touches at all, with the draft's clause.
    # (3.2 B's groups replacing their own now touch the OG's recall, elections
    # and nominations; no CAC clause speaks of an area meeting's motions.)
    assert {"family": "pass_motion(area_meeting)", "draft_clauses": ["3.f"]} in _default().left_out["law-sll"]


def test_cac_attributions_departures_and_untested_tags():
    # London's constitutional motions are silent, which 4.3 B (a simple
    # majority, with 4.1.b's power) is not; 4.3 A differs in every case. One
    # family apart each: tied. 4.1.b's added answer on the OG's power is the
    # common ground's, no departure of B's (round 50: it made B "depart").
    b = _tag("4.3", "B")
    assert b["cac_drafts"] == ["law-sll", "london", "tees"]
    assert b["agreement"] == "tied" and _draft(b, "london")["best"] == ["A", "B"]
    assert _draft(b, "tees")["best"] == ["B"]
    assert _draft(b, "law-sll")["best"] == ["B"]
    # Brighton LLA's option E is not among the drafts compared.
    assert _tag("3.2", "E")["not_compared"] == ["Brighton LLA"]
    assert _tag("3.2", "E")["agreement"] is None
    # A choice that changes only the words is labelled, and has nothing to check.
    words = _tag("1.2.a.1", "for")
    assert words["text_only"] and words["agreement"] is None and not words["families"]
    # 3.2.sub has a rule since round 46 (option 2 calls another conference).
    assert _default().text_only == ["rotherham", "1.2.a.1", "1.2.a.2", "1.2.b"]


def test_every_finding_has_a_confirmed_witness_in_its_region():
    n = 0
    for a in _default().attributions:
        for p in a["drafts"]:
            for kind in ("different", "dropped", "added"):
                for f in p[kind]:
                    n += 1
                    w = f["witness"]
                    assert w["confirmed"] and w["in_region"], (a["choice"], a["option"], f)
    assert n > 20


def test_a_findings_witness_is_a_case_one_text_decides():
    """Round 55: a 'dropped' recall was shown where London has no such body
    and the composite is silent, a case neither text decides."""
    quiet = {"silent", "not applicable"}
    n = 0
    for a in _default().attributions:
        for p in a["drafts"]:
            for kind in ("different", "dropped", "added"):
                for f in p[kind]:
                    n += 1
                    assert not ({f["option_answer"], f["draft_answer"]} <= quiet), (a["choice"], a["option"], f)
                    if kind == "dropped":
                        assert f["draft_answer"] not in quiet, f
    assert n > 20


def test_a_findings_witness_is_where_both_texts_have_the_body_and_the_rest_is_said():
    """Round 57: 3.2 B's dropped recall of an OG member was witnessed 'by area
    meeting', a body the composite lacks, and the other regions, where LAW/SLL
    3.a forbids what the composite leaves unsaid, were counted, not shown."""
    law = _draft(_tag("3.2", "B"), "law-sll")
    f = {f["family"]: f for f in law["dropped"]}["recall(organising_group)"]
    assert f["option_answer"] == "silent" and f["draft_answer"] == "forbidden", f
    assert f["regions"] == 1 + len(f["more"])
    for a in _default().attributions:
        for p in a["drafts"]:
            for kind in ("different", "dropped", "added"):
                for g in p[kind]:
                    if "more" not in g:
                        continue
                    assert g["regions"] == 1 + len(g["more"]), g
                    # The witness has no 'no such body' where another region has none.
                    if any("not applicable" not in (m["option_answer"], m["draft_answer"]) for m in g["more"]):
                        assert "not applicable" not in (g["option_answer"], g["draft_answer"]), g


def test_added_says_the_draft_has_no_such_body():
    from lla_constitution.analyse.report import _finding

    f = {"family": "amend_constitution(organising_group)", "when": ["always"], "more": [],
         "option_answer": "ambiguous: forbidden | silent", "draft_answer": "not applicable",
         "source": [], "draft_clauses": [], "witness": {"commands": [], "outcomes": [], "action": None}}
    line = _finding("tees", "added", f)[0][1]
    assert "tees has no such body" in line and "says nothing" not in line


@pytest.mark.parametrize("name,expected", [("law-sll", "law-sll"), ("Sheffield LL", "law-sll"),
                                           ("Sheffield", "law-sll"), ("Brighton LLA", None)])
def test_origin_names(name, expected):
    assert origin_id(name, DEFAULT) == expected


def test_sweep_names_the_closest_combination():
    from lla_constitution.analyse.diff import Side
    from lla_constitution.analyse.space import families

    cac, law = side("cac"), side("law-sll")
    s = sweep(cac, [law])
    assert s.combos == 7680
    n, picks = s.closest["law-sll"]
    assert all(p["4.3"] == "B" for p in picks)
    # Composed in full, the closest combination differs in exactly n families,
    # and switching 4.3 to A (Dulwich's voting rule) differs in more.
    table = roles([cac.book, law.book])
    fams = families([cac.book, law.book], table)

    def count(combo):
        full = Side("", cac.book, combo)
        return sum(differs(diff_family(f, full, law, table)) for f in fams)

    assert count(picks[0]) == n
    assert count(dict(picks[0], **{"4.3": "A"})) > n


def test_differs_ignores_silence_against_no_such_body():
    d = side("law-sll")
    fam = _row("meetings(local_branch)").family
    table = roles([d.book, side("london").book])
    assert not differs(diff_family(fam, d, side("london"), table))


# ---- the command --------------------------------------------------------------

def _run(*args):
    return CliRunner().invoke(main, list(args))


def test_cli_compare_text():
    r = _run("compare", "--family", "voting rules")
    assert r.exit_code == 0, r.output
    assert r.output.splitlines()[0].startswith("5 drafts, ")
    assert "how motions are decided (the conference)" in r.output
    assert "4.3 option B (A simple majority of those voting): the CAC says from london, Sheffield, " \
           "tees — agrees, but tied" in r.output
    assert "london: of 2 families, 0 alike, 1 different, 0 dropped, 1 added by the composite; " \
           "nearest: A, B (tied) (families apart per option: A 1, B 1)" in r.output
    assert "Choices that change only the text, and no answer: rotherham, 1.2.a.1, 1.2.a.2, 1.2.b.\n" in r.output


@pytest.mark.parametrize("fmt,start", [("markdown", "5 drafts"), ("html", "<!doctype html>"),
                                       ("json", "{")])
def test_cli_compare_formats(fmt, start, tmp_path):
    out = tmp_path / f"c.{fmt}"
    r = _run("compare", "--family", "fees", "--format", fmt, "-o", str(out))
    assert r.exit_code == 0, r.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith(start)
    if fmt == "json":
        data = json.loads(text)
        assert data["drafts"] == DEFAULT and data["rows"][0]["family"] == "fee"
    if fmt == "html":
        assert "<table" in text and "</html>" in text and "The CAC's attributions" in text
    if fmt in ("html", "markdown"):
        # The text, markdown and HTML reports print the same findings.
        from html import escape

        from lla_constitution.analyse.report import attribution_lines, compare_data

        for _, line in attribution_lines(compare_data(compare(sides_for(None), only=["fees"],
                                                                cac=side("cac")))):
            assert (escape(line, False) if fmt == "html" else line) in text, line


def test_cli_compare_sweep_json():
    r = _run("compare", "law-sll", "--sweep", "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["combinations"] == 7680 and data["closest"]["law-sll"]["settled"]["4.3"] == "B"
    law = data["closest"]["law-sll"]
    # A tie is named by what it shares and what it leaves open, never by one of its members.
    assert "combination" not in law
    # Every choice is settled or open among them, but one that applies to
    # none of them (3.2.sub, where 3.2 is B: round 63 listed it empty).
    choices = side("cac").book.ast.choices
    assert law["ties"] > 1 and set(law["open"]) | set(law["settled"]) == {
        c.id for c in choices if c.requires is None or law["settled"].get(c.requires[0]) in c.requires[1]}
    assert all(law["open"].values())
    assert data["text_only_choices"] == ["rotherham", "1.2.a.1", "1.2.a.2", "1.2.b"]


def test_cli_compare_sweep_text_names_the_settled_choices():
    r = _run("compare", "law-sll", "--sweep")
    assert r.exit_code == 0, r.output
    # Pearson against: its point 1 bars the CAC's own motions to the working groups,
    # which LAW/SLL does not.
    assert "law-sll: " in r.output and "that all have 3.2=B and pearson=against and 4.3=B." in r.output
    assert "Still open among them: 2.2: A or B or C or neither" in r.output
    assert "Choices that change only the text, and no answer: rotherham" in r.output


@pytest.mark.parametrize("args,message", [
    (["nosuch"], "nosuch: error: unknown draft 'nosuch'"),
    (["--cac", "dulwich"], "--cac: error: dulwich is not a composite: it has no options"),
    (["--family", "feez"], "--family: error: no question family 'feez'"),
    (["--cac", "none", "--sweep"], "--sweep: error: --sweep needs a composite"),
])
def test_cli_compare_bad_input(args, message):
    r = _run("compare", *args)
    assert r.exit_code == 2
    assert message in r.output
    assert "Traceback" not in r.output


def test_a_rule_that_says_not_applicable_decides():
    """Round 17: London 3.2's 'no group sends anyone to the officers' is a
    decision, not a silence; a draft without the body stays silent."""
    from lla_constitution.analyse.compare import compare, sides_for

    (row,) = compare(sides_for(["london", "tees", "merseyside"]), ["delegates(officers_group)"]).rows
    london = next(g for g in row.groups if "london" in g.drafts)
    assert not london.quiet and london.letter == "A" and "tees" in london.drafts  # Tees 3: its SC too
    merseyside = next(g for g in row.groups if "merseyside" in g.drafts)
    assert merseyside.quiet and merseyside.letter == "—"
    assert row.status == "common ground"


def test_a_per_side_witness_prints_each_sides_action_file():
    # Round 42: the commands named witness-1.yaml and witness-2.yaml, but the
    # report never said what they held.
    from lla_constitution.analyse.report import attribution_lines, compare_data

    lines = [line for _, line in attribution_lines(compare_data(
        compare(sides_for(None), only=["elect"], cac=side("cac"))))]
    at = next(i for i, line in enumerate(lines) if "lla check witness-1.yaml" in line)
    files = [line for line in lines[at:at + 4] if line.startswith(("witness-1.yaml: ", "witness-2.yaml: "))]
    assert len(files) == 2 and all('"action": "elect_committee"' in f for f in files), lines[at:at + 4]
