"""The text of `lla ask`'s answers: one answer, or a who-may table.

>>> from lla_constitution.model import AnswerOut
>>> print(render_ask(AnswerOut(draft="tees", question="q", status="determined", answer="yes")))
tees: determined: yes
"""
from __future__ import annotations

import re
from io import StringIO

from .explain import count_said, render_answer
from .model import AnswerOut

def clause_key(cid: str):
    """Order clause ids as people number them: 2.3.ii after 2.3.i, 3.10 after 3.2b.

    >>> sorted(["3.10", "3.2b", "2.3.ii", "2.3.i"], key=clause_key)
    ['2.3.i', '2.3.ii', '3.2b', '3.10']
    """
    parts = [re.match(r"(\d*)(.*)", p).groups() for p in re.split(r"[.\-]", cid)]
    return [(0 if n else 1, int(n or 0), rest) for n, rest in parts]


def _same(text: str) -> str:
    return text


def render_ask(a: AnswerOut, verbose: bool = False, say=_same) -> str:
    """One answer as text; `say` puts a table's cells into words before the
    table is laid out (once laid out, a phrase may be split over lines)."""
    if isinstance(a.answer, list) and a.answer and "who" in a.answer[0]:
        return who_table(a, verbose, say)
    if isinstance(a.answer, list):
        return delegates_table(a, verbose, say)
    return render_answer(a, verbose)


def _table(title: str, columns: list[str]):
    from rich.table import Table

    # The title is printed on a line of its own (_print), so a long label is
    # neither broken mid-word nor made to widen the columns.
    table = Table(show_lines=False, box=None, pad_edge=False)
    table.lla_title = title
    for c in columns:
        table.add_column(c, overflow="fold")
    return table


def _print(table) -> str:
    from rich.console import Console

    from .term import width

    out = StringIO()
    # markup off: a composite's label "cac[pearson=for]" is text, not a style
    # tag rich would drop (round 27), as table_out.py has it for group names.
    Console(file=out, width=width(), color_system=None, soft_wrap=False, emoji=False,
            highlight=False, markup=False).print(table)
    lines = [line.rstrip() for line in out.getvalue().rstrip().splitlines()]
    title = getattr(table, "lla_title", None)
    return "\n".join(([title] if title else []) + lines)


def who_table(a: AnswerOut, verbose: bool, say=_same) -> str:
    """Who may act: each subject, whether it may, and when."""
    table = _table(f"{a.draft}: who may ({a.status.replace('_', ' ')})", ["who", "may", "when", "clauses"])
    # Presumptions once, under the table: per row they crowd out the answer
    # (--json keeps each row's own).
    presumed = list(dict.fromkeys(x for r in a.answer for x in r.get("assumed") or []))
    for row in a.answer:
        when = "; or ".join(row["when"])
        if verbose and row.get("answers"):
            when = "; ".join(f"{c['answer'] or c['status']} when {' or '.join(c['when'])}"
                             for c in row["answers"])
        clauses = sorted({c["clause"] if isinstance(c, dict) else c.clause for c in row["because"]},
                         key=clause_key)
        table.add_row(say(row["who"]), say(row["may"]), say(when), ", ".join(clauses))
    text = _print(table)
    for n in a.notes:
        text += f"\n  note {say(n)}"
    if presumed:
        text += "\n  presumed where a row turns on it (the question does not say): " + ", ".join(presumed)
    for r in a.reasons:
        text += f"\n  {r}"
    if a.note:
        text += "\n  " + a.note
    return text


def delegates_cells(row: dict, verbose: bool) -> tuple[str, str, str]:
    """How many, what it depends on, and the clauses, for one kind's row."""
    if row.get("answers"):  # ambiguous, or silent in part: each case
        values = [count_said(c["answer"], c.get("up_to")) if c["answer"] is not None else c["status"]
                  for c in row["answers"]]
        # Each value once: two silences (too small; not affiliated) are one
        # word in the summary, told apart by -v (round 63: "silent, silent").
        detail = ", ".join(str(v) for v in sorted(dict.fromkeys(values),
                                                  key=lambda v: (isinstance(v, str), str(v).zfill(6))))
        depends = ", ".join(row.get("depends_on", []))
        clauses = sorted({b["clause"] for c in row["answers"] for b in c["because"]}, key=clause_key)
        if verbose:
            detail = "; ".join(f"{v} when {' or '.join(c['when']) or 'both clauses apply at once'}"
                               for v, c in zip(values, row["answers"]))
    else:
        detail = (str(count_said(row["answer"], row.get("up_to"))) if row["answer"] is not None else
                  (f"decided by {row['decided_by']}" if row.get("decided_by") else row["status"]))
        depends = ""
        clauses = [b["clause"] for b in row["because"]]
    return detail, depends, ", ".join(clauses)


def delegates_table(a: AnswerOut, verbose: bool, say=_same) -> str:
    table = _table(f"{a.draft}: who may send delegates ({a.status.replace('_', ' ')})",
                   ["kind", "may send", "how many", "depends on", "clauses"])
    for row in a.answer:
        detail, depends, clauses = delegates_cells(row, verbose)
        table.add_row(row["label"], row["may_send"], say(detail), say(depends), clauses)
    text = _print(table)
    if a.assumed:
        # Not for a kind whose row depends on the fact: there a clause left it
        # open, and the row gives both answers (Tees 2.12, 2.13).
        text += "\n  presumed for each kind, except where its row depends on it: " + ", ".join(a.assumed)
    if a.note:
        text += "\n  " + a.note
    if not verbose:
        text += "\n  (-v shows when each number applies; --json gives every case with its clauses)"
    return text
