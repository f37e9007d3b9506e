"""How wide and how colourful terminal output is.

On a terminal, tables take its width and may use colour; piped or
redirected, output is plain and laid out at a fixed width (or $COLUMNS),
so that the same command always prints the same text. `NO_COLOR` (any
value) turns colour off everywhere (https://no-color.org).

>>> import os; os.environ.get("NO_COLOR") is not None or not colour(False)
True
"""
from __future__ import annotations

import os
import shutil
import sys

DEFAULT_WIDTH = 100  # piped output: wide enough for a table, narrow enough to read


def is_terminal(stream=None) -> bool:
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


def width(stream=None) -> int:
    """The columns to lay tables out in."""
    if os.environ.get("COLUMNS", "").isdigit():
        return max(40, int(os.environ["COLUMNS"]))
    if is_terminal(stream):
        return max(40, shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns)
    return DEFAULT_WIDTH


def colour(tty: bool | None = None) -> bool:
    """Colour only on a terminal, and never with NO_COLOR set."""
    if os.environ.get("NO_COLOR") is not None:
        return False
    return is_terminal() if tty is None else tty


# What gets a colour: the verdict or status that opens an answer, and the
# severity of a lint finding.
_GOOD = r"determined|allowed|carried|yes|equivalent|common ground"
_BAD = r"forbidden|lost|no|error(?:\[[a-z\-]+\])?"
_OPEN = r"ambiguous|silent|delegated|not applicable|referred|warning(?:\[[a-z\-]+\])?|depends|INCOMPARABLE|options"


def paint(text: str) -> str:
    """The text with its verdicts and severities in colour (ANSI), for a terminal.

    >>> "\x1b[" in paint("dulwich: submit a motion: forbidden")
    True
    """
    import re
    from io import StringIO

    from rich.console import Console
    from rich.text import Text

    t = Text(text)
    for pattern, style in ((_GOOD, "green"), (_BAD, "red"), (_OPEN, "yellow")):
        # Only where a line says its verdict: after the draft and a colon, or
        # at a finding's severity; words inside sentences keep their colour.
        t.highlight_regex(re.compile(rf"(?m)(?<=: )(?:{pattern})(?=$|:| |\))"), style)
    out = StringIO()
    Console(file=out, force_terminal=True, color_system="standard", width=10_000,
            soft_wrap=True, highlight=False).print(t, end="")
    return out.getvalue()
