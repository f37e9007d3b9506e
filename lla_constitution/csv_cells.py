"""Split a line of a CSV file into cells, each with its column, so that a
mistake in a cell can be pointed at. Used by the register reader and the
ballot reader, which differ only in what they call a cell.

The standard csv module does not report where a cell starts, which every
located error needs; the grammar here is the common subset: commas between
cells, double quotes around a cell that holds commas, "" for a quote inside.

>>> from lla_constitution.source import Source
>>> line = 'Anytown, "Smith, J", 12'
>>> [(v, col) for v, col, _ in split(Source("r.csv", line), 1, line)]
[('Anytown', 1), ('Smith, J', 10), ('12', 22)]
"""
from __future__ import annotations

from dataclasses import dataclass

from .errors import InputError, fail
from .source import Source


@dataclass(frozen=True)
class Words:
    """What a reader calls its cells, in the errors it gives."""

    unclosed: tuple[str, str | None] = ("this quote is not closed on its line",
                                        'close the cell with a "; a cell cannot span lines')
    after_quote: tuple[str, str | None] = ("text after a quoted cell",
                                           'put the whole cell in quotes, and write "" for a quote inside it')
    inner_quote: tuple[str, str | None] = ("a quote inside a cell that is not quoted",
                                           'put the whole cell in quotes, and write "" for a quote inside it')


def split(source: Source, line_no: int, line: str, words: Words = Words()) -> list[tuple[str, int, int]]:
    """(text, 1-based column, width) per cell of one line."""
    cells = []
    i = 0
    while True:
        while i < len(line) and line[i] in " \t":
            i += 1
        start = i
        if i < len(line) and line[i] == '"':
            parts, j = [], i + 1
            while True:
                k = line.find('"', j)
                if k < 0:
                    fail(InputError, source.span_at(line_no, start + 1, max(len(line) - start, 1)),
                         words.unclosed[0], help=words.unclosed[1])
                parts.append(line[j:k])
                if line[k + 1:k + 2] != '"':
                    break
                parts.append('"')
                j = k + 2
            value, i = "".join(parts).strip(), k + 1
            comma = line.find(",", i)
            rest = line[i:comma if comma >= 0 else len(line)]
            if rest.strip():
                fail(InputError, source.span_at(line_no, i + 1, max(len(rest.rstrip()), 1)),
                     words.after_quote[0], expected="a comma", help=words.after_quote[1])
        else:
            comma = line.find(",", i)
            value = line[i:comma if comma >= 0 else len(line)].strip()
            if '"' in value:
                fail(InputError, source.span_at(line_no, i + 1 + line[i:].index('"'), 1),
                     words.inner_quote[0], help=words.inner_quote[1])
        cells.append((value, start + 1, len(line[start:comma if comma >= 0 else len(line)].rstrip())))
        if comma < 0:
            return cells
        i = comma + 1
