"""One docs page per bundled rulebook, generated from its rule file.

Each page shows every clause's verbatim text beside the rules that encode it,
the readings of vague text, the menu of options and the amendments, and the
sentence-level coverage figure from `lla coverage`.
"""
from __future__ import annotations

import html
from pathlib import Path

from lla_constitution import ast as A
from lla_constitution.amend import describe_op
from lla_constitution.coverage import account, summarise
from lla_constitution.format import format_rule
from lla_constitution.loader import bundled_ids, load


def _cell(text: str) -> str:
    return html.escape(" ".join(text.split()) if "\n" not in text else text).replace("\n", "<br>")


def _rules(clause: A.Clause) -> str:
    parts = []
    if clause.non_normative:
        parts.append(f"<em>non-normative: {html.escape(clause.non_normative)}</em>")
    for item in clause.items:
        if isinstance(item, A.Rule):
            parts.append(f"<code>{html.escape(format_rule(item))}</code>")
        elif isinstance(item, A.Creates):
            parts.append(f"<code>creates {item.body}{' by ' + item.by if item.by else ''}</code>")
        else:
            name = f" <strong>{item.name}</strong>" if item.name else ""
            parts.append(f"one of these readings{name}:")
            for r in item.readings:
                rules = "<br>".join(f"&nbsp;&nbsp;<code>{html.escape(format_rule(x))}</code>"
                                    for x in r.rules) or "&nbsp;&nbsp;(no rule)"
                why = f" (stands because {html.escape(r.because)})" if r.because else ""
                parts.append(f"• <em>{html.escape(r.label)}</em>{why}<br>{rules}")
    if clause.carried:
        k = clause.carried
        parts.append(f"<code>carried {k.votes_for} to {k.votes_against}"
                     f"{' on ' + k.on.isoformat() if k.on else ''}</code>")
    for a in clause.asides:
        parts.append(f"<em>non-normative (“{html.escape(a.fragment)}…”): {html.escape(a.reason)}</em>")
    return "<br>".join(parts)


def _table(clauses) -> list[str]:
    out = ['<table class="clauses">', "<tr><th>clause</th><th>text</th><th>rules</th></tr>"]
    for c in clauses:
        lines = f"<br><small>lines {c.lines[0]}–{c.lines[1]}</small>" if c.lines else ""
        num = f" ({html.escape(c.number)})" if c.number else ""
        out.append(f"<tr><td><strong>{html.escape(c.id)}</strong>{num}{lines}</td>"
                   f"<td>{_cell(c.text)}</td><td>{_rules(c)}</td></tr>")
    out.append("</table>")
    return out


def page(rid: str) -> str:
    book = load(rid)
    ast = book.ast
    s = summarise(rid, account(ast))
    name, ranges = ast.source
    out = [f"# {ast.title or rid}", "",
           f"Rulebook `{rid}`, encoded in `rules/{rid}.lla` from `{name}` lines "
           + ", ".join(f"{a}–{b}" for a, b in ranges) + ".", "",
           f"**Coverage:** {s.share:.0%} of {s.sentences} source sentences accounted for: "
           f"{s.formalised} formalised, {s.non_normative} non-normative (with a reason), "
           f"{s.unaccounted} unaccounted. See `lla coverage {rid} --json` for every sentence.", ""]
    if ast.bodies:
        out += ["## Bodies", "", "| id | name | also called |", "|---|---|---|"]
        out += [f"| `{b.id}` | {b.name} | {', '.join(b.aliases)} |" for b in ast.bodies]
        out.append("")
    if book.eithers:
        out += ["## Vague text, read more than one way", "",
                "Where these readings give different answers, the engine answers "
                "`ambiguous` and says which reading gives which answer.", ""]
        for key, either in book.eithers.items():
            out.append(f"* **{key.split('#')[0]}**: " + "; ".join(f"“{r.label}”" for r in either.readings))
        out.append("")
    out += ["## Clauses", "", "Each clause's text, verbatim from the source, beside its formal rules.", ""]
    out += _table(ast.clauses)
    out.append("")
    if ast.choices:
        out += ["## Options", "", "Conference chooses one option per choice; "
                "see [the composite's options](../composite.md).", ""]
        for ch in ast.choices:
            req = f" (only if {ch.requires[0]} is {' or '.join(ch.requires[1])})" if ch.requires else ""
            out += [f"### {ch.id}: {ch.title}{req}", "", _cell(ch.text), ""]
            for o in ch.options:
                origin = f" [{', '.join(o.origins)}]" if o.origins else ""
                applies = f" — applies amendment `{', '.join(o.applies)}`" if o.applies else ""
                out += [f"**Option {o.key}**{': ' + o.title if o.title else ''}{origin}{applies}", ""]
                if o.clauses:
                    out += _table(o.clauses) + [""]
    if ast.amendments:
        out += ["## Amendments", "", f"Apply with `lla amend {rid} ID`, or `--amend ID` on "
                "`lla ask` and `lla check`.", ""]
        for am in ast.amendments:
            out += [f"### `{am.id}`: {am.title or ''}", "", _cell(am.text), ""]
            for op in am.ops:
                out.append(f"* {html.escape(describe_op(op))}")
            out.append("")
            for op in am.ops:
                if getattr(op, "clauses", ()):
                    out += _table(op.clauses) + [""]
    return "\n".join(out)


def index(ids) -> str:
    rows = ["# The rulebooks", "",
            "Every bundled rulebook, with how much of its source text it accounts for.", "",
            "| rulebook | title | clauses | rules | coverage |", "|---|---|---|---|---|"]
    for rid in ids:
        book = load(rid)
        s = summarise(rid, account(book.ast))
        rows.append(f"| [{rid}]({rid}.md) | {book.ast.title} | {len(book.ast.clauses)} | "
                    f"{sum(len(v) for v in book.by_topic.values())} | {s.share:.0%} |")
    return "\n".join(rows) + "\n"


def write(out: Path) -> list[str]:
    folder = out / "rulebooks"
    folder.mkdir(exist_ok=True)
    ids = bundled_ids()
    (folder / "index.md").write_text(index(ids), encoding="utf-8")
    for rid in ids:
        (folder / f"{rid}.md").write_text(page(rid) + "\n", encoding="utf-8")
    return ids
