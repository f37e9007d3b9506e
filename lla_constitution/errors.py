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
        # Room for a message the engine builds from a rule (CAC 4.3 A's two
        # tallies and their referral, round 37); a huge value still gives way.
        message = clip(message, 480)
        super().__init__(message)
        self.message = message
        self.span = span
        self.expected = _clip_list(expected, 400) if expected else expected
        self.help = clip(help, 400) if help else help
        # A file name or argument when there is no span to point at; on one
        # line, as "where: error:" is read (a newline in an argument, found
        # by the fuzz suite, split the location over two lines).
        self.path = clip(path, 120).replace("\n", "\\n") if path else path

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


def _clip_list(text: str, most: int) -> str:
    """'one of a, b, c, ...' cut between names, saying how many are left out
    (round 37: a cut in the middle made 'branch of…lot', no body's name).

    >>> _clip_list("one of " + ", ".join(f"name{i}" for i in range(100)), 60)
    'one of name0, name1, name2, name3, name4 (and 95 more)'
    """
    if len(text) <= most or not text.startswith("one of ") or "\n" in text:
        return clip(text, most)
    names = text[len("one of "):].split(", ")
    shown = []
    for name in names:
        if len("one of " + ", ".join(shown + [name])) + 16 > most:
            break
        shown.append(name)
    if not shown:
        return clip(text, most)
    return clip("one of " + ", ".join(shown) + f" (and {len(names) - len(shown)} more)", most)


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
    import re

    if not word.strip():
        return None
    choices = sorted(choices)
    # A name the word is part of first: 'union' is a kind of trade union, not
    # a 'nation' (round 37).
    holding = [c for c in choices if c != word and re.search(rf"(?<!\w){re.escape(word)}(?!\w)", c)]
    if holding:
        shown = [f"'{c}'" for c in sorted(holding, key=lambda c: (len(c), c))[:3]]
        more = f" (or another name with '{word}')" if len(holding) > 3 else ""
        return ("did you mean " + (shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1])
                + "?" + more)
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.7)
    last = word.split()[-1] if word.split() else ""
    if " " in word.strip() and last in choices and not difflib.get_close_matches(word, choices, n=1, cutoff=0.85):
        # 'a special conference': the last word is a name by itself, and no
        # name is only a slip of the keys away ('locl group').
        return f"did you mean '{last}'?"
    return f"did you mean '{close[0]}'?" if close else None
