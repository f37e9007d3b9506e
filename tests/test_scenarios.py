"""Scenario files: questions and actions with the answers and clauses the text gives.

A case may fix composite options (`options: {"4.2": "B"}`) or apply
amendments (`amend: keable`). Where open choices matter, `per_option` gives
the expected outcome under each option, keyed like `4.2=A`.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from lla_constitution.actions import check
from lla_constitution.ask import ask
from lla_constitution.compose import action_topics
from lla_constitution.loader import load_variants
from lla_constitution.model import ACTIONS
from lla_constitution.question import parse_question

SCENARIOS = sorted((Path(__file__).parent / "scenarios").glob("*.yaml"))


def _no_float_ids(node, where):
    """YAML reads an unquoted 2.10 as the number 2.1: clause ids must be quoted."""
    if isinstance(node, dict):
        for k, v in node.items():
            _no_float_ids(v, where)
    elif isinstance(node, list):
        for v in node:
            if isinstance(v, float):
                raise ValueError(f"{where}: clause id {v!r} is a number; quote it, e.g. \"{v}\"")
            _no_float_ids(v, where)


def _cases(kind):
    for path in SCENARIOS:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        _no_float_ids(data, path.name)
        cases = list(data.get({"ask": "questions", "action": "actions"}[kind], []))
        # Cases against the amended draft may sit in their own list.
        cases += [c for c in data.get("amended", []) if kind in c]
        for i, case in enumerate(cases):
            label = case.get("name") or case.get(kind)
            draft = case.get("draft", data["draft"])  # a case may ask another rulebook
            yield pytest.param(draft, case, id=f"{path.stem}-{i}-{label[:60]}")


def _books(draft, case, topics):
    options = [f"{k}={v}" for k, v in (case.get("options") or {}).items()]
    amends = case.get("amend") or []
    amends = [amends] if isinstance(amends, str) else amends
    return load_variants([draft], options, amends, topics)


def _per_book(books, case):
    """(book, expectation) pairs: one per option where the case lists them.
    Without `per_option`, every constitution an open choice allows must give
    the one expected answer (as `lla check` then prints one answer)."""
    if "per_option" not in case:
        return [(b, case) for b in books]
    want = case["per_option"]
    out = []
    for key, expect in want.items():
        # A key names the picks it is about: "3.2=A" holds for every
        # sub-option 3.2 A opens (each must give the answer), as `lla ask`
        # prints one answer where they all give it.
        picks = set(key.split(","))
        match = [b for b in books if picks <= set(b.id.partition("[")[2].rstrip("]").split(","))]
        assert match, (key, [b.id for b in books])
        out += [(b, expect) for b in match]
    assert sorted(b.id for b, _ in out) == sorted(b.id for b in books), [b.id for b in books]
    return out


def _clauses(cites):
    return sorted((c.draft or "", str(c.clause)) for c in cites)


def _want_clauses(names):
    # "labour-nec-2021:socialist_appeal" cites another rulebook's clause.
    return sorted(tuple(str(n).split(":", 1)) if ":" in str(n) else ("", str(n)) for n in names)


@pytest.mark.parametrize("draft,case", list(_cases("ask")))
def test_question(draft, case):
    for book, want in _per_book(_books(draft, case, parse_question(case["ask"]).topics()), case):
        (answer,) = ask(case["ask"], [book])
        assert answer.status == want["status"], (book.id, answer.model_dump())
        if "answer" in want:
            assert answer.answer == want["answer"]
        if "answers" in want:
            got = sorted(((c.answer is None), str(c.answer or 0)) for c in answer.answers)
            expected = sorted(((a is None), str(a or 0)) for a in want["answers"])
            assert got == expected
        if "decided_by" in want:
            assert answer.decided_by == want["decided_by"]
        if "depends_on" in want:
            assert answer.depends_on == want["depends_on"]
        if "clauses" in want:
            assert [str(c.clause) for c in answer.because] == [str(c) for c in want["clauses"]]
        for kind, may in want.get("who", {}).items():
            row = next(r for r in answer.answer if r["kind"] == kind)
            assert row["may_send"] == may, row
        for who, may in want.get("who_may", {}).items():
            row = next(r for r in answer.answer if r["who"] == who)
            assert row["may"] == may, row
        for who, when in want.get("who_when", {}).items():
            row = next(r for r in answer.answer if r["who"] == who)
            assert row["when"] == when, row


@pytest.mark.parametrize("draft,case", list(_cases("action")))
def test_action(draft, case):
    action = ACTIONS[case["action"]["action"]].model_validate(case["action"])
    for book, want in _per_book(_books(draft, case, action_topics(action)), case):
        verdict = check(book, action)
        assert verdict.verdict == want["verdict"], (book.id, verdict.model_dump())
        if "assumed" in want:  # the presumptions the verdict rests on, listed
            assert verdict.assumed == want["assumed"], verdict.assumed
        if "answers" in want:  # each case's verdict, None where it is unsaid
            got = sorted(((c.answer is None), str(c.answer)) for c in verdict.answers or [])
            assert got == sorted(((a is None), str(a)) for a in want["answers"]), verdict.answers
        if "decided_by" in want:
            assert verdict.decided_by == want["decided_by"]
        if "clauses" in want:
            assert _clauses(verdict.because) == _want_clauses(want["clauses"])
