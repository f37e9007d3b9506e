"""`--format markdown` and `--format html` for `lla ask` and `lla check`.

The same answers as the text, in the same plain words (`say`, words.line),
laid out for a document: a heading per draft, the verdict, what it rests on
(each clause quoted), the cases where the answer depends on something, and
who-may tables as tables.

>>> from lla_constitution.model import AnswerOut, Citation
>>> a = AnswerOut(draft="tees", question="q", status="determined", answer="no",
...               because=[Citation(clause="5.1", text="LLA Conference meets at least once a year")])
>>> print(markdown([a], "q"))
# q
<BLANKLINE>
## tees: determined: no
<BLANKLINE>
Because:
<BLANKLINE>
> **5.1**: “LLA Conference meets at least once a year”
<BLANKLINE>
"""
from __future__ import annotations

from html import escape

from .model import AnswerOut, CaseOut, Citation, VerdictOut
from .words import circulating


def _same(text: str) -> str:
    return text


def _head(o, say) -> str:
    if isinstance(getattr(o, "answer", None), list):  # a who-may table
        return f"{o.draft}: who may ({o.status.replace('_', ' ')})"
    if isinstance(o, VerdictOut):
        from .words import ACTIONS

        from .explain import verdict_words

        status = verdict_words(o)
        head = f"{o.draft}: {ACTIONS.get(o.action, o.action)}: {status}"
        # The phrase whole, so that a one-word body ("chair") is read as one.
        return head + (f" ({say(f'decided by {o.decided_by}')})" if o.decided_by else "")
    head = f"{o.draft}: {o.status.replace('_', ' ')}"
    if o.status == "determined" and o.answer is None and o.answers:
        return head + ": it depends on " + ", ".join(say(d) for d in o.depends_on)
    if o.status == "determined" and not isinstance(o.answer, list):
        return head + f": {say(str(o.answer))}"
    if o.status == "delegated":
        return head + " " + say(f"delegated to {o.decided_by}").removeprefix("delegated ")
    if o.status == "silent" and getattr(o, "answers", None):
        return head + " in part" + (": it depends on " + ", ".join(say(d) for d in o.depends_on)
                                    if o.depends_on else "")
    return head


def _said(o, say) -> list[str]:
    lines = [say(x) for x in ([o.note] if getattr(o, "note", None) else []) + list(o.reasons)]
    lines += ["note " + say(n) for n in o.notes] + ["not met: " + say(u) for u in o.unmet]
    return lines


def _cite(c: Citation) -> tuple[str, str]:
    return (f"{c.draft} {c.clause}" if c.draft else str(c.clause)), c.text


def _case_answer(c: CaseOut, say) -> str:
    if c.answer is not None:
        return say(str(c.answer))
    return say(f"delegated to {c.decided_by}") if c.status == "delegated" else c.status.replace("_", " ")


def _rows(o, say) -> list[list[str]] | None:
    rows = o.answer if isinstance(getattr(o, "answer", None), list) else None
    if not rows:
        return None
    if "who" in rows[0]:
        return [["who", "may", "when", "clauses"]] + [
            [say(r["who"]), say(r["may"]), say("; or ".join(r["when"])),
             ", ".join(sorted({c["clause"] if isinstance(c, dict) else c.clause for c in r["because"]}))]
            for r in rows]
    from .ask_text import delegates_cells

    return [["kind", "may send", "how many", "depends on", "clauses"]] + [
        [r["label"], r["may_send"], say(detail), say(depends), clauses]
        for r in rows for detail, depends, clauses in [delegates_cells(r, False)]]


def _presumed(o) -> list[str]:
    """A table's presumptions: each row's, once (as the text table gives them)."""
    rows = o.answer if isinstance(getattr(o, "answer", None), list) else []
    found = [x for r in rows for x in r.get("assumed") or []] + list(o.assumed)
    return list(dict.fromkeys(found))


def markdown(outs, question: str, say=_same, labels=None) -> str:
    """Answers (or verdicts) as a Markdown document; `labels[i]`, where given,
    heads the verdicts of one action of several (as the text output does)."""
    out = [f"# {question}", ""]
    for i, o in enumerate(outs):
        if labels and labels[i]:
            out += [f"## {labels[i]}", ""]
        with circulating(o):
            out += _markdown_one(o, say, labels)
    return "\n".join(out)


def _markdown_one(o, say, labels) -> list[str]:
    """One answer or verdict of `markdown`, its lines."""
    out = [f"{'###' if labels else '##'} {_head(o, say)}", ""]
    said = _said(o, say)
    if said:
        out += [f"- {x}" for x in said] + [""]
    rows = _rows(o, say)
    if rows:
        out += ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
        out += ["| " + " | ".join(x.replace("|", "/") for x in r) + " |" for r in rows[1:]] + [""]
    elif o.answers:
        out += ["Possible answers:" if o_status(o) not in ("determined", "silent") else "In each case:", ""]
        for c in o.answers:
            out.append(f"- **{_case_answer(c, say)}** when {say('; or '.join(c.when)) or 'both clauses apply at once'}")
            out += [f"  > **{w}**: “{t}”" for w, t in map(_cite, c.because)]
        out.append("")
    elif o.because:
        out += ["Because:" if o_status(o) != "silent" else "Nearest clauses:", ""]
        out += [f"> **{w}**: “{t}”" for w, t in map(_cite, o.because)] + [""]
    presumed = _presumed(o)
    if presumed:
        out += ["Presumed where an answer turns on it (not said): " + say(", ".join(presumed)), ""]
    return out


def o_status(o) -> str:
    if isinstance(o, VerdictOut):
        from .explain import verdict_words

        return "silent" if verdict_words(o) == "silent in part" else o.verdict
    return o.status


_CSS = ("body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem;color:#222;overflow-wrap:anywhere}"
        "blockquote{margin:.3rem 0 .3rem 1rem;color:#444}table{border-collapse:collapse;display:block;overflow-x:auto}"
        "th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}"
        "@media (max-width:40rem){body{margin:.6rem}}"
        "@media print{details>summary{list-style:none}details::details-content{content-visibility:visible}"
        "table{display:table}}")


def html(outs, question: str, say=_same, labels=None) -> str:
    """Answers (or verdicts) as one HTML page."""
    e = escape
    out = ["<!doctype html>", "<html lang='en'><head><meta charset='utf-8'>",
           "<meta name='viewport' content='width=device-width, initial-scale=1'>",
           f"<title>{e(question)}</title><style>{_CSS}</style>"
           "<script>addEventListener('beforeprint',()=>document.querySelectorAll('details')"
           ".forEach(d=>d.open=true))</script></head><body>", f"<h1>{e(question)}</h1>"]
    for i, o in enumerate(outs):
        if labels and labels[i]:
            out.append(f"<h2>{e(labels[i])}</h2>")
        out.append(fragment(o, say, "h3" if labels else "h2"))
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _quote_html(c: Citation, draft: str, link=None) -> str:
    """A cited clause as a quotation; with `link` (the web app), its number
    leads to the clause in the draft's own page."""
    e = escape
    who, text = _cite(c)
    href = link(c.draft or draft, str(c.clause)) if link else None
    head = f"<a href='{e(href)}'>{e(who)}</a>" if href else e(who)
    return f"<blockquote><b>{head}</b>: “{e(text)}”</blockquote>"


def fragment(o, say=_same, tag: str = "h2", conditions: bool = False, link=None) -> str:
    """One answer (or verdict) in HTML: its heading, what it rests on, its
    cases or table, its presumptions; with `conditions`, each condition
    checked and whether it held (as `-v` lists them). The web app shows
    one of these per draft, side by side."""
    with circulating(o):
        return _fragment(o, say, tag, conditions, link)


def _fragment(o, say, tag: str, conditions: bool, link) -> str:
    e = escape
    out = [f"<{tag}>{e(_head(o, say))}</{tag}>"]
    said = _said(o, say)
    if said:
        out.append("<ul>" + "".join(f"<li>{e(x)}</li>" for x in said) + "</ul>")
    rows = _rows(o, say)
    if rows:
        out.append("<table><tr>" + "".join(f"<th>{e(h)}</th>" for h in rows[0]) + "</tr>"
                   + "".join("<tr>" + "".join(f"<td>{e(x)}</td>" for x in r) + "</tr>" for r in rows[1:])
                   + "</table>")
    elif o.answers:
        out.append("<ul>")
        for c in o.answers:
            when = say("; or ".join(c.when)) or "both clauses apply at once"
            out.append(f"<li><b>{e(_case_answer(c, say))}</b> when {e(when)}"
                       + "".join(_quote_html(b, o.draft, link) for b in c.because) + "</li>")
        out.append("</ul>")
    elif o.because:
        out += [_quote_html(b, o.draft, link) for b in o.because]
    presumed = _presumed(o)
    if presumed:
        out.append(f"<p>Presumed where an answer turns on it (not said): {e(say(', '.join(presumed)))}</p>")
    if conditions and o.conditions:
        names = getattr(say, "names", None)
        if names is not None:
            from .words import rule_text_said

            rule = lambda text: rule_text_said(text, names)  # noqa: E731
        else:
            rule = say
        out.append("<details class='conditions'><summary>Conditions checked</summary><ul>"
                   + "".join(f"<li class='{_held_class(c.holds)}'>{e(_held_word(c.holds))}: "
                             f"{e(c.clause)}: {e(rule(c.rule))}"
                             # A rule of one reading stands only on it (round 37).
                             + (f" <span class='hint'>(on the reading “{e(c.reading)}”)</span>" if c.reading else "")
                             + "</li>" for c in o.conditions)
                   + "</ul></details>")
    return "\n".join(out)


def _held_word(holds) -> str:
    return {True: "held", False: "failed", None: "not settled"}[holds]


def _held_class(holds) -> str:
    return {True: "held", False: "failed", None: "open"}[holds]
