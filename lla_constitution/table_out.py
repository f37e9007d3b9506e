"""`lla table` output: text for a terminal, CSV for a spreadsheet, JSON, markdown.

Text shows each answer in plain words; CSV and JSON add each answer's status
and the clauses that decided it, so that a sheet can be sorted by them.

>>> from lla_constitution.loader import load
>>> from lla_constitution.model import Group, Register
>>> from lla_constitution.table import table
>>> t = table("what fee does each group pay?", [load("law-sll")],
...           Register(groups=[Group(name="Leeds Left", kind="local_group", members=30, lla_supporters=12)]))
>>> print(to_csv(t), end="")
group,kind,law-sll,law-sll status,law-sll clauses,law-sll presumed
Leeds Left,local_group,£20 per year,determined,3.b.5,national_affiliated = false
"""
from __future__ import annotations

import csv
import io
import json
import textwrap

from .table import Cell, Table

FORMATS = ("text", "csv", "json", "jsonl", "markdown")
STREAMED = ("csv", "jsonl")  # written a row at a time: memory stays flat however long the register


def render(t: Table, fmt: str, width: int = 100) -> str:
    return {"text": lambda: to_text(t, width), "csv": lambda: to_csv(t),
            "json": lambda: json.dumps(to_data(t), indent=2, ensure_ascii=False),
            "markdown": lambda: to_markdown(t)}[fmt]()


def to_data(t: Table) -> dict:
    """The JSON contract: the question, the columns, and per group each answer
    with its status, value and the clauses it cites."""
    return {"question": t.question, "drafts": t.drafts, "rows": [row_data(r) for r in t.rows]}


def row_data(r) -> dict:
    """One group's (or person's) answers: a row of the JSON contract, and a line of JSON lines."""
    if r.group is None:
        return {"person": r.person.name, "question": " ".join(r.question.split()),
                "answers": [_cell_data(c, r.question) for c in r.cells]}
    return {"group": r.group.name, "kind": r.group.kind, "question": " ".join(r.question.split()),
            "answers": [_cell_data(c, r.question) for c in r.cells]}


# What an answer says of one group's own values (the conditions as tested,
# the near misses): groups that share a cell share an answer, so a table
# cell says what the answer is; `lla ask --register` says why for one group.
# A person's answer carries the action checked, the person's own facts:
# people who share a cell share the answer, and each row names its person.
_OWN_VALUES = {"conditions", "unmet", "action"}


def stream(drafts: list[str], found, fmt: str, write, subject: str = "group") -> list[str]:
    """Write each row as it is worked out (`fmt` csv or jsonl) with
    `write(text)`; return every status, for the exit code. One line per
    group (or person): the whole register is never held in memory.

    Rows that share their cells (people with the same facts) share the
    cells' written form too: only the name is written afresh."""
    seen: dict[str, None] = {}  # every status, in the order first met
    if fmt == "csv":
        write(_csv_line(_csv_header(drafts, subject)))
    written: dict[int, tuple[list, str]] = {}  # id(cells) -> (cells, their csv or json text)
    for r in found:
        if r.group is not None:
            seen.update(dict.fromkeys(c.status for c in r.cells))
            write(_csv_line(_csv_row(r)) if fmt == "csv" else json.dumps(row_data(r), ensure_ascii=False) + "\n")
            continue
        done = written.get(id(r.cells))
        if done is None or done[0] is not r.cells:
            seen.update(dict.fromkeys(c.status for c in r.cells))
            text = (_csv_line(_csv_cells(r)) if fmt == "csv" else
                    json.dumps([_cell_data(c, r.question) for c in r.cells], ensure_ascii=False))
            done = written[id(r.cells)] = (r.cells, text)
            if len(written) > 50_000:
                written.clear()
        if fmt == "csv":
            write(_csv_line([r.person.name])[:-1] + "," + done[1])
        else:
            head = json.dumps({"person": r.person.name, "question": " ".join(r.question.split())},
                              ensure_ascii=False)
            write(head[:-1] + ', "answers": ' + done[1] + "}\n")
    return list(seen)


def _csv_line(values) -> str:
    """One CSV line, quoted as the csv module quotes it."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(values)
    return buf.getvalue()


def _cell_data(c: Cell, question: str) -> dict:
    out = {"draft": c.draft, "text": c.text, "status": c.status, "clauses": c.clauses}
    if len(c.answers) == 1:
        a = c.answers[0]
        out.update({"answer": a.answer, "decided_by": a.decided_by, "assumed": a.assumed})
        if a.verdict is not None:  # a person's question: the verdict `lla check` gives
            out["verdict"] = a.verdict
        if a.answers:
            out["answers"] = [case.model_dump(mode="json", exclude_none=True) for case in a.answers]
    else:  # a composite's options disagree: each option's answer, as `lla ask` gives it
        out["variants"] = [{**a.model_dump(mode="json", exclude_none=True, exclude=_OWN_VALUES),
                            "question": " ".join(question.split())} for a in c.answers]
    return out


def to_csv(t: Table) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(_csv_header(t.drafts, t.subject))
    for r in t.rows:
        w.writerow(_csv_row(r))
    return buf.getvalue()


def _csv_header(drafts: list[str], subject: str = "group") -> list[str]:
    head = ["person"] if subject == "person" else ["group", "kind"]
    return head + [f"{d}{part}" for d in drafts for part in ("", " status", " clauses", " presumed")]


def _csv_row(r) -> list[str]:
    if r.group is None:
        return [r.person.name] + _csv_cells(r)
    return [r.group.name, r.group.kind] + _csv_cells(r)


def _csv_cells(r) -> list[str]:
    # What each answer presumed where the register does not say, as the text
    # table lists under it (round 27): a sheet keeps it beside the answer.
    return [x for c in r.cells for x in (c.text, c.status, " ".join(c.clauses), _presumed(c))]


def _presumed(c: Cell) -> str:
    return "; ".join(dict.fromkeys(p for a in c.answers for p in a.assumed))


def to_markdown(t: Table) -> str:
    def esc(text: str) -> str:
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")

    lines = [f"**{esc(t.question)}**", "", f"| {t.subject} | " + " | ".join(map(esc, t.drafts)) + " |",
             "|---" * (len(t.drafts) + 1) + "|"]
    lines += ["| " + " | ".join([esc(r.name)] + [esc(c.text) for c in r.cells]) + " |"
              for r in t.rows]
    presumed = _all_presumed(t)
    if presumed:  # as the text table says it (round 27)
        lines += ["", esc(presumed)]
    return "\n".join(lines) + "\n"


def _all_presumed(t: Table, most: int = 3) -> str:
    """What the answers presumed where the register does not say, in words,
    each with the rows it was presumed of (round 28: "affiliated = false,
    affiliated = true" read as a contradiction); '' when nothing was.

    The CSV's `presumed` column gives it row by row."""
    from .words import line

    rows: dict[str, list[str]] = {}
    for r in t.rows:
        for p in dict.fromkeys(p for c in r.cells for a in c.answers for p in a.assumed):
            rows.setdefault(p, []).append(r.name)
    if not rows:
        return ""
    parts = []
    for p in sorted(rows):
        names = rows[p]
        shown = ", ".join(names[:most]) + (f" and {len(names) - most} more" if len(names) > most else "")
        parts.append(f"{line(p, {})} ({shown})")
    return "presumed where the register does not say: " + "; ".join(parts)


def to_text(t: Table, width: int = 100) -> str:
    """Rich tables as wide as `width`, without colour, so the same input
    always prints the same text. Where the answers do not fit, the longest
    ones stand as a numbered note under the table; where the drafts still do
    not fit side by side, they are shown a few at a time, each block with
    the groups again, so that no column is squeezed out of sight."""
    notes = _notes(t, width)
    rows = [[notes.get(c.text, c.text) for c in r.cells] for r in t.rows]
    names = [r.name for r in t.rows]
    # The group column: its longest name where it can, else as wide as a word.
    word = max((len(w) for n in names for w in n.split()), default=5)
    # Never narrower than its heading ("group", "person": round 23).
    group = max(len(t.subject), min(max(map(len, names), default=5), max(word, width // 3)))
    widths = [max([len(d)] + [len(row[i]) for row in rows]) for i, d in enumerate(t.drafts)]
    lines = textwrap.wrap(f"Q: {t.question}", width, subsequent_indent="   ")
    for n, block in enumerate(_blocks(widths, width - group - 2)):
        if n:
            lines.append("")
        lines += _render(t.drafts, names, rows, block, group, widths, width, t.subject)
    after = [f"{key} {text}" for text, key in notes.items()]
    presumed = _all_presumed(t)
    if presumed:
        after.append(presumed)
    after.append("(--format csv or json gives each answer's status and the clauses that decided it)")
    for line in after:
        lines += textwrap.wrap(line, width, subsequent_indent="    ")
    return "\n".join(lines) + "\n"


def _blocks(widths: list[int], room: int) -> list[list[int]]:
    """The draft columns in order, as many to a block as fit in `room`
    (each with the two characters between columns); at least one."""
    blocks: list[list[int]] = [[]]
    used = 0
    for i, w in enumerate(widths):
        if blocks[-1] and used + w + 2 > room:
            blocks.append([])
            used = 0
        blocks[-1].append(i)
        used += w + 2
    return blocks


def _render(drafts, names, rows, block, group, widths, width, subject="group") -> list[str]:
    from rich import box
    from rich.console import Console
    from rich.table import Table as RichTable

    view = RichTable(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, collapse_padding=True)
    view.add_column(subject, width=group, overflow="fold")
    room = width - group - 2
    for i in block:
        view.add_column(drafts[i], width=min(widths[i], room), overflow="fold")
    for name, row in zip(names, rows):
        view.add_row(name, *(row[i] for i in block))
    out = io.StringIO()
    # markup off: a group's name such as "[Leeds]" is text, not a style.
    Console(file=out, width=width, color_system=None, soft_wrap=False, emoji=False,
            highlight=False, markup=False).print(view)
    return [line.rstrip() for line in out.getvalue().rstrip().split("\n")]


SHORT = 8  # an answer this long or shorter always stands in its cell ("silent")


def _notes(t: Table, width: int) -> dict[str, str]:
    """Long answers to show as notes, '(1)' ..., until the table fits `width`:
    the longest first, numbered in the order the table shows them."""
    shown = [[r.name for r in t.rows]] + [[r.cells[i].text for r in t.rows]
                                                       for i in range(len(t.drafts))]
    heads = [t.subject] + t.drafts
    noted: set[str] = set()

    def fits() -> bool:
        widths = [max([len(h)] + [len(x) if x not in noted else 4 for x in set(col)])
                  for h, col in zip(heads, shown)]
        return sum(widths) + 2 * (len(widths) - 1) <= width  # two characters between columns

    long = sorted({x for col in shown[1:] for x in col if len(x) > SHORT}, key=lambda x: (-len(x), x))
    for text in long:
        if fits():
            break
        noted.add(text)
    order = [x for r in t.rows for c in r.cells for x in [c.text] if x in noted]
    return {text: f"({i})" for i, text in enumerate(dict.fromkeys(order), 1)}
