"""Words and JSON for `lla diff`: each differing family, its regions, its witnesses.

>>> from lla_constitution.analyse.diff import diff, side
>>> print(diff_text(diff(side("tees"), side("london"), only=["sign_motion"])).splitlines()[0])
tees (A) against london (B): 1 question family compared, 1 differs.
"""
from __future__ import annotations

import json

from .diff import Diff, answers_text
from .witness import witness
from ..words import TOPIC_GERUND

RELATION_WORDS = {"stricter": "B stricter", "looser": "B looser", "different": "differs"}
# A family's verdict as its heading says it; the JSON keeps the names.
VERDICT_WORDS = {"equivalent": "the same", "stricter": "B stricter", "looser": "B looser",
                 "incomparable": "apart both ways or in kind"}


def where_words(when: str) -> str:
    """A region as said after "where": the whole space is "in every case".

    >>> where_words("always"), where_words("members ≥ 10")
    ('in every case', 'where members ≥ 10')
    """
    return "in every case" if when == "always" else f"where {when}"


def more_words(n: int) -> str:
    """The regions left unshown: ' (and in 2 other kinds of case)'."""
    return f" (and in {n} other kind{'s' if n != 1 else ''} of case)" if n else ""


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def diff_data(d: Diff, equivalent: bool = False, witnesses: str | None = None) -> dict:
    """The JSON contract of `lla diff`. With `witnesses`, a directory, each
    witness is also written there as the file its commands run."""
    fams = []
    for fd in d.families:
        if fd.verdict == "equivalent" and not equivalent:
            continue
        body = {"a": _body(d, d.a, fd), "b": _body(d, d.b, fd)} if fd.family.role else None
        diffs = []
        for i, x in enumerate(fd.differences, 1):
            w = witness(d, fd, x)
            entry = {"facts": w.facts, "action": w.action, "commands": w.commands,
                     "outcomes": w.outcomes, "cites": w.citations, "confirmed": w.confirmed,
                     "in_region": w.in_region}
            if witnesses is not None:
                entry.update(write_witness(witnesses, f"{fd.family.label}-{i}", w))
            diffs.append({"relation": x.relation, "a": answers_text(x.answers[0]),
                          "b": answers_text(x.answers[1]), "when": x.when, "witness": entry})
        fams.append({"family": fd.family.label, "name": fd.family.name, "topic": fd.family.topic,
                     "body": body, "verdict": fd.verdict, "differences": diffs,
                     "agree": [{"answer": answers_text(k), "when": w} for k, w in fd.agree]})
    counts = {v: sum(f.verdict == v for f in d.families)
              for v in ("equivalent", "stricter", "looser", "incomparable")}
    return {"a": d.a.label, "b": d.b.label, "compared": len(d.families), "verdicts": counts,
            "families": fams, "text_only_choices": _text_only(d)}


def _text_only(d: Diff) -> dict[str, list[str]]:
    """Per composite side, its choices that change only the text: whichever
    option is taken, no answer in the diff can change."""
    from .attribute import text_only_choices

    return {s.label: text_only_choices(s.book.ast) for s in (d.a, d.b) if s.book.ast.choices}


def write_witness(directory: str, name: str, w) -> dict:
    """Write the witness as files: its action (or one per side) as YAML for
    `lla check`, and a script of the exact commands. Returns the JSON fields
    that change: the commands, now naming the files written, and `files`."""
    import re
    import shlex
    from pathlib import Path

    import yaml

    root = Path(directory)
    stem = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    files, commands = [], list(w.commands)
    action = w.action or {}
    docs = ([("witness.yaml", action)] if action and action.get("kind") not in ("ask", "per-side")
            else [(f"witness-{i}.yaml", a) for i, a in enumerate(action.get("actions", []), 1)])
    for placeholder, doc in docs:
        path = root / f"{stem}{placeholder.removeprefix('witness')}"
        path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
        files.append(str(path))
        commands = [c.replace(f" {placeholder} ", f" {shlex.quote(str(path))} ") for c in commands]
    if commands:
        script = root / f"{stem}.sh"
        script.write_text("#!/bin/sh\n# " + " / ".join(w.outcomes) + "\n" + "\n".join(commands) + "\n",
                          encoding="utf-8")
        files.append(str(script))
    return {"commands": commands, "files": files}


def _body(d: Diff, s, fd) -> str | None:
    from .diff import side_body

    return side_body(s, fd.family.role, d.table)


def diff_text(d: Diff, witnesses: str | None = None) -> str:
    data = diff_data(d, witnesses=witnesses)
    a, b = d.a.label, d.b.label
    n = len(d.families)
    differ = len(data["families"])
    out = [f"{a} (A) against {b} (B): {_plural(n, 'question family', 'question families')} "
           f"compared, {differ} {'differs' if differ == 1 else 'differ'}."]
    for label, words in data["text_only_choices"].items():
        if words:
            out.append(f"In {label}, these choices change only the text, so no answer here "
                       f"depends on them: {', '.join(words)}.")
    shown = {fd.family.label: fd for fd in d.families}
    for fam in data["families"]:
        out.append("")
        out.append(f"{fam['name']}: {_heading(d, shown[fam['family']])} — {VERDICT_WORDS[fam['verdict']].upper()}")
        from ..words import circulated

        # Lead times of circulating motions are said as circulation (round
        # 66: "where sent less than 2 weeks" for Dulwich 2.6's circulation).
        said = circulated if fam["topic"] == "circulate_motion" else (lambda t: t)
        for i, x in enumerate(fam["differences"], 1):
            out.append(f"  {i}. {RELATION_WORDS[x['relation']]}: A {x['a']}  ·  B {x['b']}")
            for j, when in enumerate(x["when"]):
                out.append(f"     {said(where_words(when)) if j == 0 else '   or ' + said(when)}")
            out += _witness_lines(x["witness"])
    equal = [_heading(d, f) for f in d.families if f.verdict == "equivalent"]
    if equal:
        out.append("")
        out.append("Equivalent: " + ", ".join(equal))
    return "\n".join(out)


def _heading(d: Diff, fd) -> str:
    """A family as the diff's text heads it: by the body each draft has. A
    role is named by the id most drafts give it, which may be neither
    draft's (round 54: "the officers group" for two steering committees).

    >>> from lla_constitution.analyse.diff import diff, side
    >>> d = diff(side("law-sll"), side("tees"), only=["vote"])
    >>> [_heading(d, f) for f in d.families if f.family.role == "officers_group"]
    ['vote(steering_committee)']
    """
    f = fd.family
    if not f.role:
        return f.label
    ba, bb = _body(d, d.a, fd), _body(d, d.b, fd)
    if ba == bb and ba is not None:
        na, nb = _name(d.a, ba), _name(d.b, bb)
        if na != nb:  # one body, named apart: "Officers Group", "OG officers" (round 54 check)
            return f"{f.topic}({ba}) ({d.a.label}: {na}; {d.b.label}: {nb})"
        return f"{f.topic}({ba})"
    return (f"{TOPIC_GERUND.get(f.topic, f.topic)} "
            f"({d.a.label}: {ba or 'no such body'}; {d.b.label}: {bb or 'no such body'})")


def _name(s, bid: str) -> str:
    """The body's name in this side's draft, else its id in words."""
    return next((b.name for b in s.book.ast.bodies if b.id == bid), "the " + bid.replace("_", " "))


def _action_files(action: dict | None) -> list[str]:
    """The action file(s) a witness's commands check, each with what it holds:
    one `witness.yaml`, or one per side where the sides name the body apart."""
    if not action or action.get("kind") == "ask":
        return []
    if action.get("kind") == "per-side":
        return [f"witness-{i}.yaml: " + json.dumps(a, ensure_ascii=False)
                for i, a in enumerate(action["actions"], 1)]
    return ["witness.yaml: " + json.dumps(action, ensure_ascii=False)]


def _witness_lines(w: dict) -> list[str]:
    out = []
    action = w["action"]
    if action is None:
        out.append("     witness: " + json.dumps(w["facts"], ensure_ascii=False)
                   + "  (no lla command asks this; answers: " + "; ".join(w["outcomes"]) + ")")
        return out
    if action.get("kind") == "ask":
        out.append("     witness:")
    out += ["     " + line for line in _action_files(action)]
    for cmd, outcome, cites in zip(w["commands"], w["outcomes"], w["cites"]):
        out.append(f"       {cmd}  → {outcome}" + (f"  [{', '.join(cites)}]" if cites else ""))
    if not w["confirmed"]:
        out.append("       (the commands give the same verdict: the difference lies in the "
                   "answer, not in this action's verdict)")
    return out


# ---- lla compare ----------------------------------------------------------------

STATUS_WORDS = {"common ground": "common ground", "options": "options",
                "one draft only": "one draft only", "silent": "no draft decides"}


def compare_data(c) -> dict:
    """The JSON contract of `lla compare`."""
    drafts = [s.label for s in c.sides]
    rows = []
    for r in c.rows:
        rows.append({
            "family": r.family.label, "name": r.family.name, "status": r.status,
            "cells": {d: r.letter_of(d) for d in drafts},
            "groups": [{"group": g.letter, "drafts": g.drafts, "answers": g.answers, "decides": not g.quiet}
                       for g in r.groups],
            "contrasts": [{"groups": list(x.groups), "when": x.when,
                           "witness": {k: _shown(k, v) for k, v in x.facts.items()},
                           "answers": x.answers} for x in r.contrasts]})
    counts = {s: sum(r.status == s for r in c.rows) for s in STATUS_WORDS}
    return {"drafts": drafts, "families": len(c.rows), "status": counts, "rows": rows,
            "cac": c.attributions, "left_out": c.left_out, "text_only_choices": c.text_only}


def _shown(name, value):
    from ..explain import fact_text

    return value if isinstance(value, bool) else fact_text(name, value)


def _cell(r, d: str) -> str:
    return r.letter_of(d)


def _plain(text: str) -> str:
    return text


def compare_text(c, say=_plain) -> str:
    """The comparison as text; `say` puts identifiers into words (words.line),
    before widths are measured, so the columns line up."""
    data = compare_data(c)
    drafts = data["drafts"]
    width = max([len("question family")] + [len(say(r.family.label)) for r in c.rows])
    cols = [max(len(d), 1) for d in drafts]
    head = f"{'question family':<{width}}  " + "  ".join(f"{d:<{w}}" for d, w in zip(drafts, cols)) + "  status"
    out = [f"{len(drafts)} drafts, {data['families']} question families: "
           + ", ".join(f"{n} {STATUS_WORDS[s]}" for s, n in data["status"].items() if n) + ".",
           "Drafts with the same letter answer every case alike; — says nothing or has no such body.",
           "", head, "-" * len(head)]
    for r in c.rows:
        out.append(f"{say(r.family.label):<{width}}  " + "  ".join(f"{_cell(r, d):<{w}}" for d, w in zip(drafts, cols))
                   + f"  {STATUS_WORDS[r.status]}")
    for r in c.rows:
        if r.status != "options":
            continue
        out += ["", f"{r.family.label}:"]
        names = _role_names(c, r.family)
        for g in r.groups:
            if not g.quiet:
                said = ", ".join(d + (f": {names[d]}" if d in names else "") for d in g.drafts)
                out.append(f"  {g.letter} ({said}): " + _answers(g.answers))
        for x in r.contrasts[:3]:
            out.append(f"  {x.groups[0]}≠{x.groups[1]} {where_words(x.when[0])}" + more_words(len(x.when) - 1))
        out += _more_pairs(r)
    if c.attributions or c.left_out:
        out += [""] + [("  " * level) + text for level, text in attribution_lines(data)]
    return "\n".join(out)


def _role_names(c, family) -> dict[str, str]:
    """Each draft's own name for a role's body (round 64: "the officers
    group" headed two Steering Committees in compare, as it once did in diff)."""
    if not family.role:
        return {}
    from .space import roles

    table = roles([s.book for s in c.sides])
    out = {}
    for s in c.sides:
        bid = next((b for (rid, b), role in table.items() if rid == s.book.id and role == family.role), None)
        name = next((b.name for b in s.book.ast.bodies if b.id == bid), None) if bid else None
        if name:
            out[s.label] = name
    return out


def _more_pairs(r) -> list[str]:
    """The pairs of positions left unshown, counted (round 37: they were
    dropped without a word); --json and the HTML report list them all."""
    n = len(r.contrasts) - 3
    return [f"  (and {n} other pair{'s' if n != 1 else ''} of positions part: see --json)"] if n > 0 else []


def _answers(answers: list[str], most: int = 4) -> str:
    shown = "; ".join(answers[:most])
    return shown + (f"; … ({len(answers) - most} more)" if len(answers) > most else "")


AGREEMENT = {"agrees": "agrees", "tied": "agrees, but tied", "departs": "departs",
             None: "nothing to check"}

MEASURE = ("Each question family counts once. For each draft the CAC names, the option is "
           "compared with the draft family by family (the other choices set to the options "
           "naming that draft, the rest left open); the options of the choice are ranked by "
           "how many families differ or are dropped, or are added by the option's own rules where "
           "another option adds nothing, "
           "and ties are shown as ties.")


def attribution_lines(data: dict) -> list[tuple[int, str]]:
    """The CAC check in plain lines with their depth: the text, markdown and
    HTML reports all print these, so they say the same."""
    out: list[tuple[int, str]] = []
    if data["cac"]:
        out += [(0, "The CAC's attributions checked"), (0, MEASURE)]
    for a in data["cac"]:
        said = ", ".join(a["cac_from"]) or "—"
        verdict = AGREEMENT[a["agreement"]]
        words = " (this choice changes only the text)" if a["text_only"] else ""
        out.append((1, f"{a['choice']} option {a['option']} ({a['title']}): the CAC says from "
                       f"{said}{words} — {verdict}"))
        if a["not_compared"]:
            out.append((2, "not among the drafts compared: " + ", ".join(a["not_compared"])))
        if not a["families"]:
            continue
        for p in a["drafts"]:
            ranking = ", ".join(f"{k} {n}" for k, n in p["ranking"].items())
            best = p["best"]
            near = (f"nearest: {best[0]}" if len(best) == 1 else
                    f"nearest: {', '.join(best)} (tied)")
            out.append((2, f"{p['draft']}: of {p['families']} families, {len(p['alike'])} alike, "
                           f"{len(p['different'])} different, {len(p['dropped'])} dropped, "
                           f"{len(p['added'])} added by the composite; {near} "
                           f"(families apart per option: {ranking})"))
            for kind, word in (("different", "different"), ("dropped", "dropped"),
                               ("added", "added")):
                for f in p[kind]:
                    out += _finding(p["draft"], word, f)
    for d, rows in (data.get("left_out") or {}).items():
        if rows:
            out.append((0, f"What {d} decides that no clause of the composite touches:"))
            out += [(1, f"{r['family']} ({d} {', '.join(r['draft_clauses'])})") for r in rows]
    if data.get("text_only_choices"):
        out.append((0, "Choices that change only the text, and no answer: "
                       + ", ".join(data["text_only_choices"]) + "."))
    return out


def _finding(draft: str, kind: str, f: dict) -> list[tuple[int, str]]:
    if "when" not in f:
        return [(3, f"{kind}: {f['family']}")]
    more = f.get("more", [])
    where = where_words(f["when"][0]) + more_words(len(f["when"]) - 1 + sum(len(m["when"]) for m in more))
    # Every answer either side gives in the regions found, the witness's first.
    mine = list(dict.fromkeys([f["option_answer"]] + [m["option_answer"] for m in more]))
    theirs = list(dict.fromkeys([f["draft_answer"]] + [m["draft_answer"] for m in more]))
    def said(answers):  # "ambiguous: forbidden | silent, elsewhere allowed"
        return answers[0] + (", elsewhere " + ", ".join(answers[1:]) if answers[1:] else "")

    head = {"different": f"the composite gives {said(mine)}, {draft} {said(theirs)}",
            "dropped": f"{draft} gives {said(theirs)} ({', '.join(f['draft_clauses']) or 'no clause'}); "
                       + ("the composite lacks a body the case names" if mine == ["not applicable"]
                          else "the composite says nothing"),
            # As 'dropped' (round 57: "tees says nothing" where Tees has no OG).
            "added": f"the composite gives {said(mine)}; "
                     + (f"{draft} has no such body" if theirs == ["not applicable"] else f"{draft} says nothing")}[kind]
    # "from the common ground (2.1.d)", but not "from nothing in the composite
    # decides it": that source is said on its own.
    source = ("" if not f["source"] else f"; {f['source'][0]}" if f["source"][0].startswith("nothing ")
              else f"; from {'; '.join(f['source'])}")
    out = [(3, f"{kind}: {f['family']}: {head}, {where}{source}")]
    w = f["witness"]
    out += [(4, f"{cmd}  → {o}") for cmd, o in zip(w["commands"], w["outcomes"])]
    # Each side's own action file, as `lla diff` prints them (round 42: the
    # commands named witness-1.yaml with nothing to say what it held).
    out += [(4, line) for line in _action_files(w["action"])]
    return out


def compare_markdown(c, say=_plain) -> str:
    data = compare_data(c)
    drafts = data["drafts"]
    out = [f"{len(drafts)} drafts, {data['families']} question families: "
           + ", ".join(f"{n} {STATUS_WORDS[s]}" for s, n in data["status"].items() if n) + ".",
           "Drafts with the same letter answer every case alike; — means the draft says nothing "
           "or has no such body.", "",
           "| question family | " + " | ".join(drafts) + " | status |",
           "|---|" + "---|" * len(drafts) + "---|"]
    for r in c.rows:
        out.append(f"| {say(r.family.label)} | " + " | ".join(_cell(r, d) for d in drafts)
                   + f" | {STATUS_WORDS[r.status]} |")
    out += ["", "## Where the drafts differ", ""]
    for r in c.rows:
        if r.status != "options":
            continue
        out += [f"### {say(r.family.label)}", ""]
        for g in r.groups:
            if not g.quiet:
                out.append(f"- **{g.letter}** ({', '.join(g.drafts)}): " + _answers([say(a) for a in g.answers]))
        for x in r.contrasts[:3]:
            answers = "; ".join(f"{d}: {say(str(a))}" for d, a in x.answers.items())
            out.append(f"- {x.groups[0]} and {x.groups[1]} part {say(where_words(x.when[0]))}"
                       + more_words(len(x.when) - 1)
                       + f". Case: `{json.dumps(_facts(x.facts), ensure_ascii=False)}` → {answers}")
        out += ["- " + line.strip().strip("()") for line in _more_pairs(r)]
        out.append("")
    if c.attributions or c.left_out:
        lines = attribution_lines(data)
        for level, text in lines:
            if level == 0:
                out += ["", f"## {text}" if text.startswith("The CAC") else text, ""]
            else:
                out.append("  " * (level - 1) + f"- {_md(text, say)}")
    return "\n".join(out) + "\n"


def _parts(text: str, say=_plain) -> tuple[str | None, str]:
    """A report line as (code, words): a command or an action file is code
    to paste, what a command answers and everything else are words."""
    if text.startswith("lla ") and "  → " in text:
        command, _, answer = say(text).partition("  → ")
        return command, answer
    if text.startswith(("lla ", "witness.yaml: ")):
        return text, ""
    return None, say(text)


def _md(text: str, say=_plain) -> str:
    code, words = _parts(text, say)
    return words if code is None else f"`{code}`" + (f" → {words}" if words else "")


def _html_line(text: str, say=_plain) -> str:
    from html import escape as e

    code, words = _parts(text, say)
    return e(words, False) if code is None else f"<code>{e(code, False)}</code>" + (
        f" → {e(words, False)}" if words else "")


def _facts(facts: dict) -> dict:
    return {k: _shown(k, v) for k, v in facts.items()}


_CSS = """
body{font-family:system-ui,sans-serif;margin:2rem;max-width:80rem;color:#222}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}
td.g{text-align:center;font-weight:bold}td.q{color:#999;text-align:center}
.gA{background:#cfe8ff}.gB{background:#ffe2c2}.gC{background:#d9f2d0}.gD{background:#f5d0f0}.gE{background:#fff3b0}
.gF{background:#e0e0ff}.ok{color:#176317}.bad{color:#a31515}code{background:#f4f4f4;padding:0 .2rem}
details{margin:.4rem 0}summary{cursor:pointer}
.wrap{overflow-x:auto;max-width:100%}
@media (max-width:40rem){body{margin:.6rem}
 table.m,table.m tbody,table.m tr,table.m td{display:block}table.m tr:first-child{position:absolute;left:-9999px}
 table.m tr{border:1px solid #ccc;margin:.5rem 0;padding:.3rem}table.m td{border:0;display:flex;justify-content:space-between}
 table.m td[data-label]::before{content:attr(data-label);color:#555;font-weight:normal}}
@media print{details>summary{list-style:none;font-weight:600}details::details-content{content-visibility:visible;display:block}
 .wrap{overflow:visible}}
"""

# Printed, every expandable section opens (issue 15: printed, they stayed shut).
_PRINT_JS = ("<script>addEventListener('beforeprint',()=>document.querySelectorAll('details')"
             ".forEach(d=>d.open=true))</script>")


def compare_html(c, say=_plain) -> str:
    from html import escape as e

    data = compare_data(c)
    drafts = data["drafts"]
    out = ["<!doctype html>", "<html lang='en'><head><meta charset='utf-8'>",
           "<meta name='viewport' content='width=device-width, initial-scale=1'>",
           "<title>LLA drafts compared</title>", f"<style>{_CSS}</style>{_PRINT_JS}</head><body>",
           "<h1>The LLA drafts compared, question by question</h1>",
           f"<p>{len(drafts)} drafts, {data['families']} question families: "
           + e(", ".join(f"{n} {STATUS_WORDS[s]}" for s, n in data["status"].items() if n))
           + ". Drafts with the same letter answer every case alike; — means the draft says nothing "
           "or has no such body. Computed exactly by <code>lla compare</code>.</p>",
           "<div class='wrap'><table class='m'><tr><th>question family</th>"
           + "".join(f"<th>{e(d)}</th>" for d in drafts) + "<th>status</th></tr>"]
    for r in c.rows:
        cells = []
        for d in drafts:
            letter = _cell(r, d)
            cells.append(f"<td class='q' data-label='{e(d)}'>—</td>" if letter == "—"
                         else f"<td class='g g{letter}' data-label='{e(d)}'>{letter}</td>")
        out.append(f"<tr><td><a href='#{_anchor(r.family.label)}'>{e(say(r.family.label))}</a></td>"
                   + "".join(cells) + f"<td data-label='status'>{e(STATUS_WORDS[r.status])}</td></tr>")
    out.append("</table></div>")
    if c.attributions or c.left_out:
        depth = 0
        for level, text in attribution_lines(data):
            while depth > level:
                out.append("</ul>")
                depth -= 1
            if level == 0:
                out.append(f"<h2>{e(text, False)}</h2>" if text.startswith("The CAC")
                           else f"<p>{e(text, False)}</p>")
                continue
            while depth < level:
                out.append("<ul>")
                depth += 1
            shown = _html_line(text, say)
            cls = " class='bad'" if text.endswith("— departs") else ""
            out.append(f"<li{cls}>{shown}</li>")
        out += ["</ul>"] * depth
    out.append("<h2>Each question family</h2>")
    for r in c.rows:
        out.append(f"<h3 id='{_anchor(r.family.label)}'>{e(say(r.family.label))} — "
                   f"{e(STATUS_WORDS[r.status])}</h3><ul>")
        for g in r.groups:
            label = "says nothing / no such body" if g.quiet else _answers([say(a) for a in g.answers], 8)
            out.append(f"<li><span class='g{g.letter}'><b>{g.letter}</b></span> "
                       f"({e(', '.join(g.drafts))}): {e(label)}</li>")
        out.append("</ul>")
        for x in r.contrasts:
            answers = "; ".join(f"{d}: {say(str(a))}" for d, a in x.answers.items())
            out.append(f"<details><summary>{x.groups[0]} and {x.groups[1]} part "
                       f"{e(say(where_words(x.when[0])))}</summary><p>Everywhere they part: "
                       f"{e(' | '.join(say(w) for w in x.when))}</p>"
                       f"<p>Case: <code>{e(json.dumps(_facts(x.facts), ensure_ascii=False))}</code> → "
                       f"{e(answers)}</p></details>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _anchor(label: str) -> str:
    return "f-" + "".join(ch if ch.isalnum() else "-" for ch in label)


def sweep_data(sw, cac) -> dict:
    """For each draft, the best combinations described by what they share:
    the settled choices, the options still open among them, and the tie's size.
    No combination is picked out of a tie."""
    from .attribute import text_only_choices

    words = text_only_choices(cac.book.ast)
    out = {}
    for d, (n, picks) in sw.closest.items():
        settled = _settled(picks)
        # A choice that applies to none of them (3.2.sub where 3.2 is B, C or
        # D) is not open among them (round 63: "3.2.sub: " was listed empty).
        open_ = {c.id: sorted({p[c.id] for p in picks if c.id in p}, key=_option_order(c))
                 for c in cac.book.ast.choices if c.id not in settled and any(c.id in p for p in picks)}
        out[d] = {"differing_families": n, "ties": len(picks), "settled": settled,
                  "open": open_, "every_open_combination_ties": len(picks) == _all_with(cac.book.ast, settled),
                  "text_only_open": [c for c in open_ if c in words]}
    return {"composite": cac.label, "combinations": sw.combos, "pairwise_diffs": sw.pairwise,
            "text_only_choices": words, "closest": out}


def _option_order(choice):
    keys = [o.key for o in choice.options]
    return keys.index


def _all_with(menu, settled: dict) -> int:
    """How many combinations of the composite have the settled options."""
    from .compare import combinations

    return sum(all(c.get(k) == v for k, v in settled.items()) for c in combinations(menu))


def _settled(picks: list[dict]) -> dict:
    """The choices every closest combination agrees on: the ones that matter."""
    keys = [k for k in picks[0] if all(p.get(k) == picks[0][k] for p in picks)]
    return {k: picks[0][k] for k in keys}


def sweep_text(sw, cac, fmt: str = "text") -> str:
    data = sweep_data(sw, cac)
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False)
    out = [f"{data['combinations']} option combinations of {cac.label} against "
           f"{len(data['closest'])} drafts ({data['pairwise_diffs']} family diffs).",
           "Choices that change only the text, and no answer: "
           + (", ".join(data["text_only_choices"]) or "none") + ".", ""]
    for d, c in data["closest"].items():
        settled = " and ".join(f"{k}={v}" for k, v in c["settled"].items())
        many = f"{c['ties']} combination{'s' if c['ties'] != 1 else ''}"
        out.append(f"{d}: {c['differing_families']} families differ at best, in {many} "
                   + (f"that all have {settled}." if settled else "that settle no choice alike."))
        rest = [k for k in c["open"] if k not in c["text_only_open"]]
        if rest:
            said = "; ".join(f"{k}: {' or '.join(v)}" for k, v in c["open"].items() if k in rest)
            out.append(f"  Still open among them: {said}"
                       + (" — every combination of these ties." if c["every_open_combination_ties"]
                          else " — not every combination of these ties."))
        elif c["open"]:
            out.append("  Every other choice changes only the text.")
    return "\n".join(out)
