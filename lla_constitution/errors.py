"""One error type per area, each with a location, what was expected and help.

All user-facing failures go through :func:`fail`, so a position is never
lost on the way to the message the user reads.

>>> from lla_constitution.source import Source
>>> src = Source("q", "how many cats")
>>> try:
...     fail(QuestionError, src.span(9, 13), "unexpected word 'cats'",
...          expected="'delegates' or 'representatives'")
... except QuestionError as e:
...     print(e.render())
q:1:10: error: unexpected word 'cats'
    1 | how many cats
      |          ^^^^
  expected: 'delegates' or 'representatives'
"""
from __future__ import annotations

from typing import NoReturn

from .source import Span


class LlaError(Exception):
    """Base of every error the user may see; the CLI renders it and exits 2."""

    area = "error"

    def __init__(self, message: str, span: Span | None = None, *,
                 expected: str | None = None, help: str | None = None,
                 path: str | None = None) -> None:
        message = clip(message)
        super().__init__(message)
        self.message = message
        self.span = span
        self.expected = clip(expected, 400) if expected else expected
        self.help = clip(help, 400) if help else help
        self.path = clip(path, 120) if path else path  # a file name when there is no span to point at

    def render(self) -> str:
        where = self.span.location if self.span else (self.path or "<input>")
        out = [f"{where}: error: {self.message}"]
        if self.span is not None:
            out.append(self.span.source.snippet(self.span))
        if self.expected:
            out.append(f"  expected: {self.expected}")
        if self.help:
            out.append(f"  help: {self.help}")
        return "\n".join(out)

    def to_json(self) -> dict:
        return {
            "error": self.area,
            "message": self.message,
            "location": self.span.location if self.span else self.path,
            "expected": self.expected,
            "help": self.help,
        }


def clip(text: str, most: int = 240) -> str:
    """A message never echoes a huge value whole: the middle gives way.

    >>> clip("x" * 1000, 20)
    'xxxxxxxxx…xxxxxxxxxx'
    """
    if not text.replace("\n", "").isprintable():
        # A control character in a name would garble the terminal: show it escaped.
        text = "".join(c if c.isprintable() or c == "\n" else c.encode("unicode_escape").decode()
                       for c in text)
    if len(text) <= most:
        return text
    keep = most - 1
    return text[: keep // 2] + "…" + text[len(text) - (keep - keep // 2):]


class DslSyntaxError(LlaError):
    area = "syntax"


class ResolveError(LlaError):
    """Unknown names, wrong types, impossible rules in a rulebook."""

    area = "resolve"


class InputError(LlaError):
    """Malformed or impossible action, register or option values."""

    area = "input"


class MissingTally(InputError):
    """The draft counts a vote in parts (or of all entitled to vote) that the
    action does not give. Bad input where no asked draft can check the action;
    where others can, the drafts that need it say so in their own answers."""


class QuestionError(LlaError):
    area = "question"


def fail(kind: type[LlaError], span: Span | None, message: str, *,
         expected: str | None = None, help: str | None = None,
         path: str | None = None) -> NoReturn:
    raise kind(message, span, expected=expected, help=help, path=path)


def did_you_mean(word: str, choices) -> str | None:
    """Suggest the closest known name, for 'unknown name' messages.

    >>> did_you_mean("membrs", ["members", "kind"])
    "did you mean 'members'?"
    """
    import difflib

    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.7)
    return f"did you mean '{close[0]}'?" if close else None
