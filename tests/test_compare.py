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
                        assert (fd.verdict == "equivalent") == (g is h), (r.family.label, a, b)


def test_the_voting_rule_groups_three_drafts_against_dulwich():
    r = _row("pass_motion(conference)")
    assert r.status == "options"
    assert [(g.letter, g.drafts) for g in r.groups] == [
        ("A", ["law-sll", "london", "tees"]), ("B", ["dulwich"]), ("—", ["merseyside"])]
    assert r.groups[0].answers == ["majority of votes"]


def test_common_ground_and_one_draft_only():
    assert _row("pass_motion(working_group)").status == "common ground"
    # Dulwich's AGM meets "annually"; the others' conference "at least once a year".
    assert _row("meetings(conference)").status == "options"
    assert _row("quorum(organising_group)").status == "one draft only"
    assert _row("delegates(conference)").letter_of("merseyside") == "—"


def test_cac_attributions_checked():
    by_option = {(a["choice"], a["option"]): a for a in _default().attributions}
    # 4.3 B (simple majority) is what LAW/SLL ("Sheffield"), London and Tees say, exactly.
    b = by_option[("4.3", "B")]
    assert b["cac_drafts"] == ["law-sll", "london", "tees"]
    assert b["exact_drafts"] == ["law-sll", "london", "tees"] and b["agreement"] == "exact"
    # 4.2 A: the OG decides; Tees gives it to its steering committee, shown with a witness.
    a = by_option[("4.2", "A")]
    assert a["agreement"] == "nearest" and a["exact_drafts"] == []
    tees = [d for f in a["families"] for d in f["departures"] if d["draft"] == "tees"]
    assert tees and tees[0]["draft_answer"] == "delegated to steering_committee"
    # Brighton LLA's option E is not among the drafts compared.
    assert by_option[("3.2", "E")]["not_compared"] == ["Brighton LLA"]
    assert by_option[("3.2", "E")]["agreement"] is None


def test_every_departure_has_a_confirmed_witness():
    for a in _default().attributions:
        for f in a["families"]:
            for d in f["departures"]:
                assert d["witness"]["confirmed"], (a["choice"], a["option"], f["family"], d)


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
    assert "pass_motion(conference)" in r.output
    assert "4.3 option B (A simple majority of those voting): CAC says from london, Sheffield, tees; " \
           "engine: law-sll, london, tees; nearest: law-sll, london, tees — agrees exactly" in r.output


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
        assert "<table>" in text and "</html>" in text and "The CAC's attributions" in text


def test_cli_compare_sweep_json():
    r = _run("compare", "law-sll", "--sweep", "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["combinations"] == 7680 and data["closest"]["law-sll"]["settled"]["4.3"] == "B"


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
