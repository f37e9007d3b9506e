"""Every clause quotes its source verbatim (white space aside) from its line range."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from lla_constitution import ast as A
from lla_constitution.data import data_dir
from lla_constitution.loader import load

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
BOOKS = [p.stem for p in sorted(data_dir("rules").glob("*.lla"))]


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("\ufffd", " ").replace("•", " ")
    return re.sub(r"\s+", " ", text).strip()


def _clauses():
    for rid in BOOKS:
        book = load(rid)
        for clause in book.ast.clauses:
            yield pytest.param(book, clause, id=f"{rid}-{clause.id}")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds is not beside the checkout")
@pytest.mark.parametrize("book,clause", list(_clauses()))
def test_clause_text_is_verbatim(book, clause: A.Clause):
    name, first, last = book.ast.source
    lines = (SEEDS / name).read_text(encoding="utf-8").split("\n")
    assert clause.lines, f"clause {clause.id} has no line range"
    a, b = clause.lines
    assert first <= a <= b <= last, "the clause lies outside the rulebook's own range"
    source = normalise("\n".join(lines[a - 1 : b]))
    assert clause.text, "every clause carries its text"
    for part in clause.text.split("\n"):
        assert normalise(part) in source, f"not verbatim in lines {a}-{b}: {part!r}"


@pytest.mark.parametrize("rid", BOOKS)
def test_every_clause_is_formalised_or_marked(rid):
    """A clause with no rule must say why: aims and duties nobody checks."""
    for clause in load(rid).ast.clauses:
        has_rules = any(True for _ in A.rules_of(clause)) or any(
            isinstance(i, A.Creates) for i in clause.items)
        assert has_rules or clause.non_normative, f"{rid} {clause.id} is neither formalised nor marked"
