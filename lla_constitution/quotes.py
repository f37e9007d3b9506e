"""Each quoting block of a rule file against its source text: `lla validate`.

A clause, a choice or an amendment quotes its source from its own `lines`,
which lie inside the rulebook's `source` ranges, of a bundled source text.
The bundled drafts are held to this, and to quoting verbatim, by their
tests; a drafter's own file is held here to a bundled source and to lines
inside the rulebook's, each a located error (round 66).

>>> from lla_constitution.loader import load
>>> check_quotes(load("merseyside").ast)
"""
from __future__ import annotations

import re

from . import ast as A
from .errors import InputError, fail


def _blocks(book: A.Rulebook):
    yield from book.all_clauses()
    yield from book.choices
    yield from book.amendments


def _at(span, pattern: str):
    """The part of `span` matching `pattern` (the `lines` or the text), else the span."""
    if span is None:
        return None
    # A block's span may be its id alone: the words follow it.
    text = span.source.text
    m = re.compile(pattern).search(text, span.start, max(span.end, span.start + 2000))
    return span.source.span(m.start(), m.end()) if m else span


def check_quotes(book: A.Rulebook) -> None:
    """Fail at the first block that does not quote its source as it says."""
    from .coverage import source_lines

    if book.source is None:
        return  # a rulebook that names no source quotes none
    name, ranges = book.source
    where = _at(book.span, r'source\s+"[^"]*"')
    try:
        lines = source_lines(name)
    except InputError as err:
        fail(InputError, where, err.message, help=err.help)
    for first, last in ranges:
        if first > last:
            fail(InputError, where, f"the rulebook's lines {first}..{last} run backwards",
                 help=f"write the range first line first: {last}..{first}")
        if not 1 <= first <= last <= len(lines):
            fail(InputError, where, f"the rulebook's lines {first}..{last} are not in '{name}', "
                 f"which has {len(lines)} lines", help="give line ranges inside the source text")
    for block in _blocks(book):
        if not block.lines:
            continue
        a, b = block.lines
        what = f"{type(block).__name__.lower()} {block.id}"
        if not any(first <= a <= b <= last for first, last in ranges):
            spans = ", ".join(f"{f}..{t}" for f, t in ranges)
            fail(InputError, _at(block.span, r"\blines\s+\d+\s*\.\.\s*\d+"),
                 f"{what}'s lines {a}..{b} lie outside the rulebook's own ({spans})",
                 help="cite lines inside the ranges the rulebook's 'source' gives, or widen those")
        # The words themselves are not held to the lines here: a file `lla
        # compose --dsl` or `lla conference -o` writes carries amended
        # clauses (Rotherham's "Principles" for "Aims", Keable's 1.2) under
        # the lines of the words they amend. The bundled drafts' words are
        # held to their lines by tests/test_sources.py.
