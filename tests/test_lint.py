"""`lla lint`: each defect pinned by a bad fixture and its exact report, the
corrected twin clean, the bundled drafts' known defects found, and bad input
refused with a located message."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from lla_constitution.analyse.lint import lint_paths
from lla_constitution.cli import main
from lla_constitution.loader import bundled_ids

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).parent / "lint"
BAD = sorted((HERE / "bad").glob("*.lla"))
GOOD = sorted((HERE / "good").glob("*.lla"))


def run(*args):
    """`lla ARGS...` in the current directory; never a traceback."""
    result = CliRunner().invoke(main, list(args), catch_exceptions=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stdout + result.stderr
    return result


@pytest.fixture(scope="module")
def bundled():
    """`lla lint rules/` from the top of the repository, run once."""
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        return run("lint", "rules/"), run("lint", "--json", "rules/")


def test_every_defect_has_a_bad_and_a_good_fixture():
    assert [p.name for p in BAD] == [p.name for p in GOOD]
    assert len(BAD) == 10


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.stem)
def test_bad_fixture_gives_exactly_the_expected_report(path, monkeypatch):
    monkeypatch.chdir(path.parent)
    expected = path.with_suffix(".expected").read_text(encoding="utf-8")
    r = run("lint", path.name)
    assert r.stdout == expected
    serious = "error[" in expected or "warning[" in expected
    assert r.exit_code == (1 if serious else 0)


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.stem)
def test_good_fixture_has_no_findings(path, monkeypatch):
    monkeypatch.chdir(path.parent)
    ((name, findings),) = lint_paths([Path(path.name)])
    assert findings == []
    r = run("lint", path.name)
    assert (r.exit_code, r.stdout) == (0, f"{path.name}: no findings\n")


def _line(rid: str, text: str) -> int:
    """The line of a bundled rule file where `text` first appears, so that a
    finding's position is pinned without a number that every edit moves."""
    lines = (ROOT / "rules" / f"{rid}.lla").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def test_rules_dir_lints_every_bundled_rulebook(bundled):
    text, _ = bundled
    for rid in bundled_ids():
        assert any(line.startswith(f"rules/{rid}.lla: ") for line in text.stdout.splitlines()), rid
    assert text.stdout.splitlines()[-1].startswith(f"{len(bundled_ids())} files: ")
    assert text.exit_code == 1


def test_dulwich_bands_overlap_at_100_and_500_but_2000_falls_in_a_band(bundled):
    out = bundled[0].stdout
    line = _line("dulwich", "delegates(conference) = 3 when kind in group_kinds and members in 100..500")
    assert (f"rules/dulwich.lla:{line}:5: error[overlap]: delegates (Annual General Meeting): the bands of "
            "clauses 2.3.i and 2.3.ii overlap at 100 members (clause 2.3.i gives 2, clause 2.3.ii gives 3)") in out
    assert ("consequence: a local group with exactly 100 members may send both 2 and 3 delegates "
            "to conference") in out
    assert "the bands of clauses 2.3.ii and 2.3.iii overlap at 500 members" in out
    # "between 500 and 2000", then "over 2000": no reading leaves 2000 out, so
    # the readings of "between" no longer leave a gap there (issue 9).
    assert not [line for line in out.splitlines()
                if line.startswith("rules/dulwich.lla:") and " 2000 members" in line]


def test_law_sll_fee_leaves_out_exactly_200_members(bundled):
    out = bundled[0].stdout
    line = _line("law-sll", "fee = £200 per year when kind in national_orgs and members > 200")
    assert (f"rules/law-sll.lla:{line}:54: error[gap]: fee: no rule decides 200 members, between clause "
            "3.b.4 (fewer than 200 members) and clause 3.b.3 (more than 200 members)") in out
    assert ("consequence: the draft does not say what fee a broad left national organisation with "
            "exactly 200 members pays") in out


def test_a_group_put_by_a_body_is_no_scenario(bundled):
    # Round 47: London 2.6's rules for "LLA groups and branches" (by the body)
    # and for an LLA branch (a group's kind) were reported as contradicting
    # each other where both held, a case an action cannot give (one submitter).
    out = bundled[0].stdout
    assert not [line for line in out.splitlines()
                if line.startswith("rules/london.lla:") and "error[contradiction]" in line]


def test_dulwich_prints_3_2_twice(bundled):
    line = _line("dulwich", 'clause 3.2b number "3.2"')
    assert (f"rules/dulwich.lla:{line}:13: error[duplicate-number]: clause number 3.2 is printed twice: "
            "clauses 3.2a (source lines 1610–1612) and 3.2b (source lines 1614–1620)") in bundled[0].stdout


def test_dulwich_counts_constitutional_motions_differently(bundled):
    assert ("warning[threshold]: how motions are decided (Annual General Meeting): clause 2.10 asks a "
            "majority of delegate votes where clause 2.9 asks a majority of affiliated groups' votes") in bundled[0].stdout


def test_composite_option_defects_say_which_option(bundled):
    (overlap,) = [f for f in json.loads(bundled[1].stdout)
                  if f["file"] == "rules/cac.lla" and f["code"] == "overlap" and "= 100" in f["message"]]
    assert overlap["clause"] == "4.2.b.ii" and "with option 4.2=B" in overlap["when"]


def test_json_lists_every_finding_with_its_fields(bundled):
    text, as_json = bundled
    findings = json.loads(as_json.stdout)
    assert as_json.exit_code == 1
    assert len(findings) == sum(line.count("[") for line in text.stdout.splitlines()
                                if line.startswith("rules/") and "]: " in line)
    keys = [(f["file"], f["line"], f["col"], f["code"]) for f in findings]
    assert keys == sorted(keys)
    gap = next(f for f in findings if f["file"] == "rules/law-sll.lla" and f["code"] == "gap"
               and f["message"].startswith("fee:"))
    assert gap == {
        "file": "rules/law-sll.lla", "line": _line("law-sll", "fee = £200 per year when kind in national_orgs"),
        "col": 54, "clause": "3.b.3", "severity": "error",
        "code": "gap",
        "message": "fee: no rule decides members = 200, between clause 3.b.4 (members < 200) and clause "
                   "3.b.3 (members > 200)",
        "when": ["kind in national_orgs"],
        "consequence": "the draft does not say what fee a broad left national organisation with exactly "
                       "200 members pays",
        "help": "make one band include 200, e.g. '200 or more' in place of 'over 200'"}


def test_no_arguments_lints_every_bundled_rulebook(bundled, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert run("lint").stdout == bundled[0].stdout


def test_bundled_ids_and_files_may_be_mixed(monkeypatch):
    monkeypatch.chdir(ROOT)
    r = run("lint", "merseyside", "rules/merseyside.lla", "labour-nec-2021")
    # Each file once; Merseyside's one either is reported as vague (info only).
    line = _line("merseyside", "either beyond_labour")
    assert r.stdout.startswith(f"rules/labour-nec-2021.lla: no findings\n\nrules/merseyside.lla:{line}:3: info[vague]")
    assert r.stdout.endswith("2 files: 0 errors, 0 warnings, 1 info\n")
    assert r.exit_code == 0


def test_severity_shows_only_worse_findings(monkeypatch):
    monkeypatch.chdir(HERE / "bad")
    r = run("lint", "--severity", "warning", "vague.lla", "unreachable.lla")
    assert "info[" not in r.stdout and "warning[unreachable]" in r.stdout
    assert r.exit_code == 1
    r = run("lint", "--severity", "error", "vague.lla")
    assert (r.exit_code, r.stdout) == (0, "vague.lla: no findings\n")


def test_output_is_the_same_every_time(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert run("lint", "cac", "dulwich").stdout == run("lint", "dulwich", "cac").stdout


def test_unknown_file_is_bad_input(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = run("lint", "nosuch.lla")
    assert (r.exit_code, r.stdout, r.stderr) == (2, "", "nosuch.lla: error: no rules file at 'nosuch.lla'\n")


def test_unknown_draft_is_bad_input(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = run("lint", "dulwhich")
    assert r.exit_code == 2
    assert r.stderr == (
        "dulwhich: error: unknown draft 'dulwhich'\n"
        "  expected: a .lla file, a directory of them, or one of " + ", ".join(bundled_ids()) + "\n"
        "  help: did you mean 'dulwich'?\n")


def test_unknown_draft_as_json(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = run("lint", "--json", "nosuch")
    assert r.exit_code == 2
    assert json.loads(r.stdout)["message"] == "unknown draft 'nosuch'"


def test_directory_without_rule_files_is_bad_input(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    r = run("lint", "empty")
    assert (r.exit_code, r.stderr) == (2, "empty: error: no .lla files in directory 'empty'\n")


def test_broken_rule_file_is_reported_as_validate_does(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "broken.lla").write_text(
        'rulebook broken\nbody conference "Conference"\nclause 1\n'
        '  text """Two delegates."""\n  delegates(conferense) = 2\nend\n', encoding="utf-8")
    r = run("lint", "broken.lla")
    assert r.exit_code == 2
    assert r.stderr == run("validate", "broken.lla").stderr
    assert r.stderr.startswith("broken.lla:5:13: error: unknown body 'conferense'\n")


AMENDED = '''rulebook am
body conference "Conference"
clause 1
  text """Groups with from 10 to 99 members may send two delegates."""
  delegates(conference) = 2 when members in 10..99
end
clause 2
  text """Groups with from 100 to 500 members may send three delegates."""
  delegates(conference) = 3 when members in 100..500
end
amendment widen "Widen the first band"
  text """Groups with from 10 to 100 members may send two delegates."""
  replace 1
    clause 1.new number "1"
      text """Groups with from 10 to 100 members may send two delegates."""
      delegates(conference) = 2 when members in 10..100
    end
  end
end
'''


def test_a_defect_only_an_amendment_brings_says_so(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "am.lla").write_text(AMENDED, encoding="utf-8")
    ((_, findings),) = lint_paths([Path("am.lla")])
    assert [(f.code, f.clause, f.when) for f in findings] == [("overlap", "2", ("with amendment widen",))]


def test_a_topic_too_large_to_try_is_reported_not_guessed(tmp_path, monkeypatch):
    import lla_constitution.analyse.lint as lint

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(lint, "MAX_SCENARIOS", 3)
    (tmp_path / "am.lla").write_text(AMENDED, encoding="utf-8")
    ((_, findings),) = lint_paths([Path("am.lla")])
    assert {f.code for f in findings} == {"not-checked"}


THRESHOLD_READINGS = """# Two readings, each with one figure for motions and amendments alike, and
# an `or` among the submitters: no threshold differs between routes (round
# 63: LAW/SLL 4.g's 25 under one reading was set against 10 under the other).
rulebook threshold_readings
body conference "Conference"

clause 1
  text \"\"\"Any 25 LLA members, or any 10 as the rules for conference allow, may submit a motion or an amendment.\"\"\"
  submit_motion(conference) = allowed when kind = individual and signatories >= 25
  submit_amendment(conference) = allowed when kind = individual and signatories >= 25
  either how_many
  reading "ten suffice"
    because "'any 10' names a smaller number"
    submit_motion(conference) = allowed when kind = individual and signatories >= 10
    submit_amendment(conference) = allowed when (kind = equality_group or kind = individual and signatories >= 10)
  reading "twenty-five are needed"
    because "'any 25' comes first"
  end
  submit_motion(conference) = forbidden otherwise
  submit_amendment(conference) = forbidden otherwise
end
"""


def test_thresholds_under_two_readings_of_one_either_are_not_set_against_each_other(tmp_path):
    # Round 63: LAW/SLL 4.g's 25 signatories under one reading were set
    # against 10 under the other, and an `or` among the submitters was not read.
    from lla_constitution.analyse.lint.thresholds import differing_thresholds
    from lla_constitution.loader import load

    path = tmp_path / "threshold-readings.lla"
    path.write_text(THRESHOLD_READINGS, encoding="utf-8")
    assert differing_thresholds(load(str(path)).ast) == []
    assert differing_thresholds(load("law-sll").ast) == []
