"""Each quoting block of a rule file against its source text: `lla validate`.

A clause, a choice or an amendment quotes its source verbatim (white space
aside) from its own `lines`, which lie inside the rulebook's `source` ranges.
The bundled drafts are held to this by their tests; a drafter's own file is
held to it here, so that a misquotation is one located error, not a draft
that answers from words the source does not have (round 66).

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
    from .coverage import normalise, source_lines

    if book.source is None:
        return  # a rulebook that names no source quotes none
    name, ranges = book.source
    where = _at(book.span, r'source\s+"[^"]*"')
    try:
        lines = source_lines(name)
    except InputError as err:
        fail(InputError, where, err.message, help=err.help)
    for first, last in ranges:
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
        quoted = normalise("\n".join(lines[a - 1:b]))
        for part in (block.text or "").split("\n"):
            if normalise(part) and normalise(part) not in quoted:
                fail(InputError, _at(block.span, r'"""'),
                     f"{what}'s text is not in lines {a}..{b} of '{name}': "
                     f"'{normalise(part)[:60]}'",
                     help="copy the words from the source as they are, or cite the lines that hold them")
