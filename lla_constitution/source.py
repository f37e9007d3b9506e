"""Source files, spans and the snippets that error messages show.

Every AST node and every input value keeps a :class:`Span` so that a
diagnostic can always point at the offending text.

>>> src = Source("x.lla", "rulebook x\\nclause 1 end\\n")
>>> span = src.span(11, 17)
>>> (span.line, span.col)
(2, 1)
>>> print(src.snippet(span))
    2 | clause 1 end
      | ^^^^^^
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Source:
    """A named text that spans point into (a rules file, an action file, a question)."""

    name: str
    text: str

    def span(self, start: int, end: int | None = None) -> "Span":
        end = start if end is None else end
        starts = _line_starts(self)
        line = bisect_right(starts, start)
        col = start - starts[line - 1] + 1
        return Span(self, start, max(end, start), line, col)

    def span_at(self, line: int, col: int, length: int = 1) -> "Span":
        """A span from a 1-based line and column, as YAML and JSON report them."""
        starts = _line_starts(self)
        line = max(1, min(line, len(starts)))
        offset = starts[line - 1] + max(col - 1, 0)
        return self.span(offset, offset + length)

    def line_text(self, line: int) -> str:
        lines = self.text.split("\n")
        return lines[line - 1] if 0 < line <= len(lines) else ""

    def snippet(self, span: "Span") -> str:
        text = self.line_text(span.line).rstrip("\n")
        # Mark to the end of the span, but never past the end of its first line.
        width = max(1, min(span.end - span.start, len(text) - span.col + 1))
        col = span.col
        if len(text) > SNIPPET_WIDTH:
            # A very long line is shown as a window around the marker.
            start = max(0, min(col - 1 - SNIPPET_WIDTH // 4, len(text) - SNIPPET_WIDTH))
            shown = text[start:start + SNIPPET_WIDTH]
            text = ("…" if start else "") + shown + ("…" if start + SNIPPET_WIDTH < len(text) else "")
            col = col - start + (1 if start else 0)
            width = max(1, min(width, SNIPPET_WIDTH - (col - 1)))
        gutter = f"{span.line:>5}"
        marker = " " * (col - 1) + "^" * width
        return f"{gutter} | {text}\n{' ' * len(gutter)} | {marker}"


@lru_cache(maxsize=16)
def _line_starts(source: Source) -> list[int]:
    """Where each line starts: one pass over the text, so that a span costs a
    bisection, not a count from the top (a register or ballot file has
    thousands of lines, each with located values)."""
    return [0] + [m.end() for m in re.finditer("\n", source.text)]


SNIPPET_WIDTH = 200  # characters of a line shown in an error; longer lines show a window


@dataclass(frozen=True)
class Span:
    """A half-open range of characters in a :class:`Source`, with its 1-based start."""

    source: Source
    start: int
    end: int
    line: int
    col: int

    @property
    def location(self) -> str:
        return f"{self.source.name}:{self.line}:{self.col}"

    @property
    def text(self) -> str:
        return self.source.text[self.start : self.end]

    def __repr__(self) -> str:  # keeps AST reprs short
        return f"<{self.location}>"
