"""The DSL: good files parse and round-trip; bad files give exactly the expected message."""
from __future__ import annotations

from pathlib import Path

import pytest

from lla_constitution.data import data_dir
from lla_constitution.errors import LlaError
from lla_constitution.format import format_rulebook
from lla_constitution.loader import load, parse_file, parse_text
from lla_constitution.resolve import resolve

HERE = Path(__file__).parent / "dsl"
GOOD = sorted((HERE / "good").glob("*.lla")) + sorted(data_dir("rules").glob("*.lla"))
BAD = sorted((HERE / "bad").glob("*.lla"))


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_good_files_resolve(path):
    book = resolve(parse_file(path))
    assert book.ast.clauses


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_format_then_parse_gives_the_same_ast(path):
    ast = parse_file(path)
    again = parse_text(format_rulebook(ast), "formatted")
    assert again == ast
    # and formatting is a fixed point
    assert format_rulebook(again) == format_rulebook(ast)


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.name)
def test_bad_files_give_the_expected_message(path, monkeypatch):
    monkeypatch.chdir(path.parent)
    expected = path.with_suffix(".expected").read_text(encoding="utf-8")
    with pytest.raises(LlaError) as err:
        load(path.name)
    assert err.value.render() + "\n" == expected


def test_spans_are_ignored_by_equality():
    a = parse_text("rulebook x\nclause 1 fee = £10 when kind = individual end")
    b = parse_text("rulebook x\n\n\nclause 1\n  fee = £10\n  when kind = individual\nend")
    assert a == b
    assert a.clauses[0].span.line == 2 and b.clauses[0].span.line == 4


def test_and_or_are_flattened_whatever_the_brackets():
    a = parse_text("rulebook x\nclause 1 fee = £10 when (kind = individual and members > 1) and affiliated end")
    b = parse_text("rulebook x\nclause 1 fee = £10 when kind = individual and (members > 1 and affiliated) end")
    assert a == b
