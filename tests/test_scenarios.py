"""Scenario files: questions and actions with the answers and clauses the text gives."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from lla_constitution.actions import check
from lla_constitution.ask import ask
from lla_constitution.loader import load
from lla_constitution.model import ACTIONS

SCENARIOS = sorted((Path(__file__).parent / "scenarios").glob("*.yaml"))


def _cases(kind):
    for path in SCENARIOS:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for i, case in enumerate(data.get(kind, [])):
            label = case.get("name") or case.get("ask")
            yield pytest.param(data["draft"], case, id=f"{path.stem}-{i}-{label[:60]}")


@pytest.mark.parametrize("draft,case", list(_cases("questions")))
def test_question(draft, case):
    (answer,) = ask(case["ask"], [load(draft)])
    assert answer.status == case["status"]
    if "answer" in case:
        assert answer.answer == case["answer"]
    if "answers" in case:
        got = sorted(((c.answer is None), c.answer or 0) for c in answer.answers)
        want = sorted(((a is None), a or 0) for a in case["answers"])
        assert got == want
    if "decided_by" in case:
        assert answer.decided_by == case["decided_by"]
    if "depends_on" in case:
        assert answer.depends_on == case["depends_on"]
    if "clauses" in case:
        assert [str(c.clause) for c in answer.because] == [str(c) for c in case["clauses"]]
    for kind, may in case.get("who", {}).items():
        row = next(r for r in answer.answer if r["kind"] == kind)
        assert row["may_send"] == may, row


@pytest.mark.parametrize("draft,case", list(_cases("actions")))
def test_action(draft, case):
    action = ACTIONS[case["action"]["action"]].model_validate(case["action"])
    verdict = check(load(draft), action)
    assert verdict.verdict == case["verdict"], verdict.model_dump()
    if "decided_by" in case:
        assert verdict.decided_by == case["decided_by"]
    assert sorted(str(c.clause) for c in verdict.because) == sorted(str(c) for c in case["clauses"])
