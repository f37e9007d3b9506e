"""Every clause quotes its source verbatim (white space aside) from its line range.

The seed texts travel with the rules (`rules/sources/`), so `lla coverage`
works on a fresh machine; where `../shared/seeds` is beside the checkout, the
bundled copies must be identical to it.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from lla_constitution import ast as A
from lla_constitution.coverage import normalise
from lla_constitution.data import data_dir
from lla_constitution.loader import load

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
BUNDLED = data_dir("rules") / "sources"
BOOKS = [p.stem for p in sorted(data_dir("rules").glob("*.lla"))]


def _blocks(book: A.Rulebook):
    """Everything that quotes the source: clauses, choices, amendments."""
    yield from book.all_clauses()
    yield from book.choices
    yield from book.amendments


def _quoting():
    for rid in BOOKS:
        book = load(rid).ast
        for block in _blocks(book):
            yield pytest.param(book, block, id=f"{rid}-{type(block).__name__.lower()}-{block.id}")


@pytest.mark.parametrize("name", sorted(p.name for p in BUNDLED.glob("*.txt")))
@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds is not beside the checkout")
def test_bundled_sources_are_the_seeds(name):
    assert (BUNDLED / name).read_bytes() == (SEEDS / name).read_bytes()


@pytest.mark.parametrize("book,block", list(_quoting()))
def test_text_is_verbatim(book: A.Rulebook, block):
    name, ranges = book.source
    lines = (BUNDLED / name).read_text(encoding="utf-8").split("\n")
    assert block.lines, f"{block.id} has no line range"
    a, b = block.lines
    assert any(first <= a <= b <= last for first, last in ranges), \
        "the block lies outside the rulebook's own ranges"
    source = normalise("\n".join(lines[a - 1 : b]))
    assert block.text, "every clause carries its text"
    for part in block.text.split("\n"):
        assert normalise(part) in source, f"not verbatim in lines {a}-{b}: {part!r}"


@pytest.mark.parametrize("rid", BOOKS)
def test_every_clause_is_formalised_or_marked(rid):
    """A clause with no rule must say why: aims and duties nobody checks."""
    for clause in load(rid).ast.all_clauses():
        has_rules = any(True for _ in A.rules_of(clause)) or any(
            isinstance(i, A.Creates) for i in clause.items) or clause.carried
        assert has_rules or clause.non_normative, f"{rid} {clause.id} is neither formalised nor marked"
