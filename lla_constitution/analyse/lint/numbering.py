"""Clause numbers printed twice (code `duplicate-number`).

>>> from lla_constitution.loader import load
>>> for f in duplicate_numbers(load("dulwich").ast):
...     print(f.message)
clause number 3.2 is printed twice: clauses 3.2a (source lines 1610–1612) and 3.2b (source lines 1614–1620)
"""
from __future__ import annotations

from ... import ast as A
from .findings import Finding, finding, within
from .rulebook import menu_clauses


def duplicate_numbers(ast: A.Rulebook) -> list[Finding]:
    """Two clauses printed with the same number. Only the draft's own clauses
    and its options' clauses count: an amendment's replacement keeps the number
    of the clause it replaces, by design."""
    seen: dict[str, A.Clause] = {}
    out = []
    for c, _ in menu_clauses(ast):
        number = c.number or c.id
        first = seen.setdefault(number, c)
        if first is c:
            continue
        out.append(finding(
            within(c.span, f'number "{number}"') if c.number else c.span, "error", "duplicate-number",
            f"clause number {number} is printed twice: "
            f"clauses {first.id}{_lines(first)} and {c.id}{_lines(c)}",
            c, consequence=f"a reference to clause {number} (in an amendment, a motion or another "
                           "clause) cannot say which of the two it means",
            help=f"renumber one of them in the draft (e.g. {number} and the next free number)"))
    return out


def _lines(c: A.Clause) -> str:
    """Where the clause stands in the draft it encodes, so a reader can find both."""
    if not c.lines:
        return ""
    first, last = c.lines
    return f" (source line {first})" if first == last else f" (source lines {first}–{last})"
