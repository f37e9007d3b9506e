"""Witnesses a drafter can trust: each lies in the region it is printed under
and shows the difference when run; diffs are symmetric and a rulebook never
differs from itself, for every bundled rulebook and option combinations of
the composite; a diff of any .lla file or amended draft works end to end."""
from __future__ import annotations

import itertools
import json
from functools import lru_cache

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lla_constitution.analyse.compare import combinations
from lla_constitution.analyse.diff import diff, side
from lla_constitution.analyse.witness import witness
from lla_constitution.cli import main
from lla_constitution.loader import bundled_ids, load

BOOKS = [b for b in bundled_ids() if b != "labour-nec-2021"]


@lru_cache(maxsize=None)
def _diff(a: str, b: str):
    return diff(side(a), side(b))


def _bad_witnesses(d) -> list:
    bad = []
    for fd in d.differing:
        for x in fd.differences:
            w = witness(d, fd, x)
            if not (w.in_region and w.confirmed):
                bad.append((fd.family.label, x.when, w.facts, w.outcomes, w.in_region, w.confirmed))
    return bad


@pytest.mark.parametrize("a,b", list(itertools.combinations(BOOKS, 2)))
def test_every_witness_lies_in_its_region_and_shows_the_difference(a, b):
    assert _bad_witnesses(_diff(a, b)) == []


_MENU = load("cac").ast
_COMBOS = combinations(_MENU)


def _spec(combo: dict) -> str:
    return "cac:" + ",".join(f"{k}={v}" for k, v in combo.items())


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(_COMBOS), st.sampled_from(["dulwich", "law-sll", "london", "tees"]))
def test_witnesses_of_composite_combinations_lie_in_their_regions(combo, draft):
    assert _bad_witnesses(diff(side(_spec(combo)), side(draft))) == []


@pytest.mark.parametrize("book", BOOKS)
def test_a_rulebook_never_differs_from_itself(book):
    d = _diff(book, book)
    assert d.differing == []


@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(_COMBOS))
def test_an_option_combination_never_differs_from_itself(combo):
    spec = _spec(combo)
    assert diff(side(spec), side(spec)).differing == []


def _regions(d, swap: bool) -> dict:
    out = {}
    for fd in d.families:
        out[fd.family.label] = sorted(
            (tuple(reversed([tuple(sorted(map(str, k))) for k in x.answers])) if swap
             else tuple(tuple(sorted(map(str, k))) for k in x.answers), tuple(x.when))
            for x in fd.differences)
    return out


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(list(itertools.combinations(BOOKS, 2))))
def test_diff_is_symmetric(pair):
    a, b = pair
    assert _regions(_diff(a, b), False) == _regions(_diff(b, a), True)


# ---- any rulebook is a side ------------------------------------------------------

def _run(*args):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def my_draft(tmp_path):
    """A drafter's own proposal: Dulwich with groups of 20, not 10, qualifying."""
    from lla_constitution.data import data_dir

    src = tmp_path / "my-draft.lla"

    rules = (data_dir("rules") / "dulwich.lla").read_text(encoding="utf-8")
    changed = rules.replace("kind = local_group and members < 10", "kind = local_group and members < 20", 1)
    # Its own id: a bundled draft's would label its answers as Dulwich's (round 68).
    changed = changed.replace("rulebook dulwich", "rulebook my-draft", 1)
    assert changed != rules
    src.write_text(changed, encoding="utf-8")
    return src


def test_diff_a_drafters_own_file(my_draft, tmp_path):
    r = _run("diff", "dulwich", str(my_draft), "--witnesses", str(tmp_path / "w"), "--json")
    assert r.exit_code == 1, r.output
    data = json.loads(r.output)
    fams = [f for f in data["families"] if f["differences"]]
    assert [f["family"] for f in fams] == ["delegates(conference)"]
    for f in fams:
        for x in f["differences"]:
            w = x["witness"]
            assert w["confirmed"] and w["in_region"] and w["files"]


def test_witness_files_run_as_printed(tmp_path):
    """Every command a written witness prints runs, and says what the diff says."""
    out = tmp_path / "w"
    r = _run("diff", "tees", "london", "--family", "motion thresholds", "--witnesses", str(out), "--json")
    assert r.exit_code == 1, r.output
    data = json.loads(r.output)
    n = 0
    for f in data["families"]:
        for x in f["differences"]:
            w = x["witness"]
            assert all(p.startswith(str(out)) for p in w["files"])
            for cmd, outcome in zip(w["commands"], w["outcomes"]):
                args = _args(cmd)
                got = _run(*args[1:])
                assert got.exit_code in (0, 1, 3), (cmd, got.output)
                assert outcome.split(":")[0].replace("_", " ") in got.output.replace("_", " "), (cmd, got.output)
                n += 1
            script = [p for p in w["files"] if p.endswith(".sh")][0]
            lines = open(script, encoding="utf-8").read().splitlines()
            assert lines[2:] == w["commands"]
    assert n > 0


def _args(cmd: str) -> list[str]:
    import shlex

    return shlex.split(cmd)


def test_diff_an_amended_draft_written_as_a_file(tmp_path):
    amended = tmp_path / "x.lla"
    r = _run("amend", "london", "swansea", "--dsl")
    assert r.exit_code == 0, r.output
    amended.write_text(r.output, encoding="utf-8")
    by_file = _run("diff", "london", str(amended), "--json")
    by_name = _run("diff", "london", "london+swansea", "--json")
    assert by_file.exit_code == by_name.exit_code == 1, by_file.output
    a, b = json.loads(by_file.output), json.loads(by_name.output)
    assert [f["family"] for f in a["families"] if f["differences"]] == \
        [f["family"] for f in b["families"] if f["differences"]] != []
    # The witness commands load the file and the amendment as given.
    cmds = [c for f in b["families"] for x in f["differences"] for c in x["witness"]["commands"]]
    assert any("--draft london+swansea" in c for c in cmds)


@pytest.mark.parametrize("args", [
    ["compare", "dulwich", "{path}", "--cac", "none"],
    ["compare", "london+swansea", "{path}", "--cac", "none", "--family", "eligibility"],
    ["lint", "{path}"],
    ["lint", "london+swansea"],
    ["lint", "cac:4.2=B"],
    ["diff", "cac:4.2=B", "{path}"],
])
def test_paths_are_sides_everywhere(args, my_draft):
    r = _run(*[a.replace("{path}", str(my_draft)) for a in args])
    assert r.exit_code in (0, 1), r.output
    assert "error" not in r.output.split("\n")[0]


def test_an_unknown_amendment_on_a_side_is_one_clear_error():
    r = _run("diff", "london", "london+nosuch")
    assert r.exit_code == 2
    assert "london has no amendment 'nosuch'" in r.output and "Traceback" not in r.output


def test_a_choice_that_changes_only_the_text_is_labelled_in_the_diff():
    r = _run("diff", "cac:1.2.b=for", "cac:1.2.b=against")
    assert r.exit_code == 0, r.output
    assert "0 differ." in r.output.splitlines()[0]
    assert ("these choices change only the text, so no answer here depends on them: "
            "rotherham, 1.2.a.1, 1.2.a.2, 1.2.b.") in r.output
    data = json.loads(_run("diff", "cac:1.2.b=for", "dulwich", "--json").output)
    assert data["text_only_choices"] == {"cac:1.2.b=for": ["rotherham", "1.2.a.1", "1.2.a.2", "1.2.b"]}
