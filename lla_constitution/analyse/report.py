"""Words and JSON for `lla diff`: each differing family, its regions, its witnesses.

>>> from lla_constitution.analyse.diff import diff, side
>>> print(diff_text(diff(side("tees"), side("london"), only=["sign_motion"])).splitlines()[0])
tees (A) against london (B): 1 question family compared, 1 differs.
"""
from __future__ import annotations

import json

from .diff import Diff, answers_text
from .witness import witness

RELATION_WORDS = {"stricter": "B stricter", "looser": "B looser", "different": "differs"}


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def diff_data(d: Diff, equivalent: bool = False) -> dict:
    """The JSON contract of `lla diff`."""
    fams = []
    for fd in d.families:
        if fd.verdict == "equivalent" and not equivalent:
            continue
        body = {"a": _body(d, d.a, fd), "b": _body(d, d.b, fd)} if fd.family.role else None
        diffs = []
        for x in fd.differences:
            w = witness(d, fd, x)
            diffs.append({"relation": x.relation, "a": answers_text(x.answers[0]),
                          "b": answers_text(x.answers[1]), "when": x.when,
                          "witness": {"facts": w.facts, "action": w.action, "commands": w.commands,
                                      "outcomes": w.outcomes, "cites": w.citations,
                                      "confirmed": w.confirmed}})
        fams.append({"family": fd.family.label, "name": fd.family.name, "topic": fd.family.topic,
                     "body": body, "verdict": fd.verdict, "differences": diffs,
                     "agree": [{"answer": answers_text(k), "when": w} for k, w in fd.agree]})
    counts = {v: sum(f.verdict == v for f in d.families)
              for v in ("equivalent", "stricter", "looser", "incomparable")}
    return {"a": d.a.label, "b": d.b.label, "compared": len(d.families), "verdicts": counts,
            "families": fams}


def _body(d: Diff, s, fd) -> str | None:
    from .space import body_for

    return body_for(s.book, fd.family.role, d.table, s.id)


def diff_text(d: Diff) -> str:
    data = diff_data(d)
    a, b = d.a.label, d.b.label
    n = len(d.families)
    differ = len(data["families"])
    out = [f"{a} (A) against {b} (B): {_plural(n, 'question family', 'question families')} "
           f"compared, {differ} {'differs' if differ == 1 else 'differ'}."]
    for fam in data["families"]:
        out.append("")
        where = ""
        if fam["body"]:
            ba, bb = fam["body"]["a"], fam["body"]["b"]
            where = f" ({a}: {ba or 'no such body'}; {b}: {bb or 'no such body'})" if ba != bb else ""
        out.append(f"{fam['name']}: {fam['family']}{where} — {fam['verdict'].upper()}")
        for i, x in enumerate(fam["differences"], 1):
            out.append(f"  {i}. {RELATION_WORDS[x['relation']]}: A {x['a']}  ·  B {x['b']}")
            for j, when in enumerate(x["when"]):
                out.append(f"     {'where' if j == 0 else '   or'} {when}")
            out += _witness_lines(x["witness"])
    equal = [f.family.label for f in d.families if f.verdict == "equivalent"]
    if equal:
        out.append("")
        out.append("Equivalent: " + ", ".join(equal))
    return "\n".join(out)


def _witness_lines(w: dict) -> list[str]:
    out = []
    action = w["action"]
    if action is None:
        out.append("     witness: " + json.dumps(w["facts"], ensure_ascii=False)
                   + "  (no lla command asks this; answers: " + "; ".join(w["outcomes"]) + ")")
        return out
    if action.get("kind") == "ask":
        out.append("     witness:")
    elif action.get("kind") == "per-side":
        for i, act in enumerate(action["actions"], 1):
            out.append(f"     witness-{i}.yaml: " + json.dumps(act, ensure_ascii=False))
    else:
        out.append("     witness.yaml: " + json.dumps(action, ensure_ascii=False))
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
            "cac": c.attributions}


def _shown(name, value):
    from ..explain import fact_text

    return value if isinstance(value, bool) else fact_text(name, value)


def _cell(r, d: str) -> str:
    return r.letter_of(d)


def compare_text(c) -> str:
    data = compare_data(c)
    drafts = data["drafts"]
    width = max(len(r.family.label) for r in c.rows) if c.rows else 10
    cols = [max(len(d), 1) for d in drafts]
    head = f"{'question family':<{width}}  " + "  ".join(f"{d:<{w}}" for d, w in zip(drafts, cols)) + "  status"
    out = [f"{len(drafts)} drafts, {data['families']} question families: "
           + ", ".join(f"{n} {STATUS_WORDS[s]}" for s, n in data["status"].items() if n) + ".",
           "Drafts with the same letter answer every case alike; — says nothing or has no such body.",
           "", head, "-" * len(head)]
    for r in c.rows:
        out.append(f"{r.family.label:<{width}}  " + "  ".join(f"{_cell(r, d):<{w}}" for d, w in zip(drafts, cols))
                   + f"  {STATUS_WORDS[r.status]}")
    for r in c.rows:
        if r.status != "options":
            continue
        out += ["", f"{r.family.label}:"]
        for g in r.groups:
            if not g.quiet:
                out.append(f"  {g.letter} ({', '.join(g.drafts)}): " + _answers(g.answers))
        for x in r.contrasts[:3]:
            out.append(f"  {x.groups[0]}≠{x.groups[1]} where {x.when[0]}"
                       + (f" (+{len(x.when) - 1} more)" if len(x.when) > 1 else ""))
    if c.attributions:
        out += ["", "The CAC's attributions against the engine's grouping:"]
        for a in c.attributions:
            out.append(_attribution_line(a))
            for f in a["families"]:
                for dep in f["departures"]:
                    out.append(f"      {f['family']}: {a['choice']}={a['option']} gives {dep['option_answer']}, "
                               f"{dep['draft']} {dep['draft_answer']} where {dep['when'][0]}")
                    out.append(f"        {dep['witness']['commands'][0] if dep['witness']['commands'] else ''}")
    return "\n".join(out)


def _answers(answers: list[str], most: int = 4) -> str:
    shown = "; ".join(answers[:most])
    return shown + (f"; … ({len(answers) - most} more)" if len(answers) > most else "")


AGREEMENT = {"exact": "agrees exactly", "nearest": "agrees: the nearest option for each",
             "departs": "departs", None: "nothing to check"}


def _attribution_line(a: dict) -> str:
    said = ", ".join(a["cac_from"]) or "—"
    found = ", ".join(a["exact_drafts"]) or "none exactly"
    near = ", ".join(a["nearest_drafts"]) or "none"
    return (f"  {a['choice']} option {a['option']} ({a['title']}): CAC says from {said}; "
            f"engine: {found}; nearest: {near} — {AGREEMENT[a['agreement']]}")


def compare_markdown(c) -> str:
    data = compare_data(c)
    drafts = data["drafts"]
    out = [f"{len(drafts)} drafts, {data['families']} question families: "
           + ", ".join(f"{n} {STATUS_WORDS[s]}" for s, n in data["status"].items() if n) + ".",
           "Drafts with the same letter answer every case alike; — means the draft says nothing "
           "or has no such body.", "",
           "| question family | " + " | ".join(drafts) + " | status |",
           "|---|" + "---|" * len(drafts) + "---|"]
    for r in c.rows:
        out.append(f"| `{r.family.label}` | " + " | ".join(_cell(r, d) for d in drafts)
                   + f" | {STATUS_WORDS[r.status]} |")
    out += ["", "## Where the drafts differ", ""]
    for r in c.rows:
        if r.status != "options":
            continue
        out += [f"### `{r.family.label}`", ""]
        for g in r.groups:
            if not g.quiet:
                out.append(f"- **{g.letter}** ({', '.join(g.drafts)}): " + _answers(g.answers))
        for x in r.contrasts[:3]:
            answers = "; ".join(f"{d}: {a}" for d, a in x.answers.items())
            out.append(f"- {x.groups[0]} and {x.groups[1]} part where {x.when[0]}"
                       + (f" (and {len(x.when) - 1} more regions)" if len(x.when) > 1 else "")
                       + f". Case: `{json.dumps(_facts(x.facts), ensure_ascii=False)}` → {answers}")
        out.append("")
    if c.attributions:
        out += ["## The CAC's attributions", "",
                "| choice | option | CAC: from | engine: exactly | engine: nearest | verdict |",
                "|---|---|---|---|---|---|"]
        for a in c.attributions:
            out.append(f"| {a['choice']} | {a['option']} {a['title']} | {', '.join(a['cac_from'])} | "
                       f"{', '.join(a['exact_drafts']) or '—'} | {', '.join(a['nearest_drafts']) or '—'} | "
                       f"{AGREEMENT[a['agreement']]} |")
        out += ["", "### Departures, with witnesses", ""]
        for a in c.attributions:
            for f in a["families"]:
                for dep in f["departures"]:
                    cmd = dep["witness"]["commands"]
                    out.append(f"- **{a['choice']}={a['option']}**, `{f['family']}`, {dep['draft']}: the option gives "
                               f"*{dep['option_answer']}*, the draft *{dep['draft_answer']}* where {dep['when'][0]}"
                               + (f" — try `{cmd[0]}` and `{cmd[1]}`" if len(cmd) == 2 else ""))
    return "\n".join(out) + "\n"


def _facts(facts: dict) -> dict:
    return {k: _shown(k, v) for k, v in facts.items()}


_CSS = """
body{font-family:system-ui,sans-serif;margin:2rem;max-width:80rem;color:#222}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}
td.g{text-align:center;font-weight:bold}td.q{color:#999;text-align:center}
.gA{background:#cfe8ff}.gB{background:#ffe2c2}.gC{background:#d9f2d0}.gD{background:#f5d0f0}.gE{background:#fff3b0}
.gF{background:#e0e0ff}.ok{color:#176317}.bad{color:#a31515}code{background:#f4f4f4;padding:0 .2rem}
details{margin:.4rem 0}summary{cursor:pointer}
"""


def compare_html(c) -> str:
    from html import escape as e

    data = compare_data(c)
    drafts = data["drafts"]
    out = ["<!doctype html>", "<html lang='en'><head><meta charset='utf-8'>",
           "<title>LLA drafts compared</title>", f"<style>{_CSS}</style></head><body>",
           "<h1>The LLA drafts compared, question by question</h1>",
           f"<p>{len(drafts)} drafts, {data['families']} question families: "
           + e(", ".join(f"{n} {STATUS_WORDS[s]}" for s, n in data["status"].items() if n))
           + ". Drafts with the same letter answer every case alike; — means the draft says nothing "
           "or has no such body. Computed exactly by <code>lla compare</code>.</p>",
           "<table><tr><th>question family</th>" + "".join(f"<th>{e(d)}</th>" for d in drafts)
           + "<th>status</th></tr>"]
    for r in c.rows:
        cells = []
        for d in drafts:
            letter = _cell(r, d)
            cells.append("<td class='q'>—</td>" if letter == "—" else f"<td class='g g{letter}'>{letter}</td>")
        out.append(f"<tr><td><a href='#{_anchor(r.family.label)}'>{e(r.family.label)}</a></td>"
                   + "".join(cells) + f"<td>{e(STATUS_WORDS[r.status])}</td></tr>")
    out.append("</table>")
    if c.attributions:
        out += ["<h2>The CAC's attributions against the engine's grouping</h2>",
                "<table><tr><th>choice</th><th>option</th><th>CAC: from</th><th>engine: exactly</th>"
                "<th>engine: nearest</th><th>verdict</th></tr>"]
        for a in c.attributions:
            cls = {"exact": "ok", "nearest": "ok", "departs": "bad"}.get(a["agreement"], "")
            out.append(f"<tr><td>{e(a['choice'])}</td><td>{e(a['option'])} {e(a['title'])}</td>"
                       f"<td>{e(', '.join(a['cac_from']))}</td><td>{e(', '.join(a['exact_drafts']) or '—')}</td>"
                       f"<td>{e(', '.join(a['nearest_drafts']) or '—')}</td>"
                       f"<td class='{cls}'>{e(AGREEMENT[a['agreement']])}</td></tr>")
        out.append("</table>")
        for a in c.attributions:
            deps = [(f, dep) for f in a["families"] for dep in f["departures"]]
            if not deps:
                continue
            out.append(f"<details><summary>{e(a['choice'])}={e(a['option'])}: {len(deps)} departure(s)</summary><ul>")
            for f, dep in deps:
                cmds = "".join(f"<br><code>{e(cmd)}</code> → {e(o)}"
                               for cmd, o in zip(dep["witness"]["commands"], dep["witness"]["outcomes"]))
                action = dep["witness"]["action"]
                doc = "" if not action or action.get("kind") == "ask" else \
                    f"<br>witness: <code>{e(json.dumps(action, ensure_ascii=False))}</code>"
                out.append(f"<li><code>{e(f['family'])}</code>, {e(dep['draft'])}: the option gives "
                           f"<b>{e(dep['option_answer'])}</b>, the draft <b>{e(dep['draft_answer'])}</b> "
                           f"where {e(dep['when'][0])}{doc}{cmds}</li>")
            out.append("</ul></details>")
    out.append("<h2>Each question family</h2>")
    for r in c.rows:
        out.append(f"<h3 id='{_anchor(r.family.label)}'><code>{e(r.family.label)}</code> — "
                   f"{e(STATUS_WORDS[r.status])}</h3><ul>")
        for g in r.groups:
            label = "says nothing / no such body" if g.quiet else _answers(g.answers, 8)
            out.append(f"<li><span class='g{g.letter}'><b>{g.letter}</b></span> "
                       f"({e(', '.join(g.drafts))}): {e(label)}</li>")
        out.append("</ul>")
        for x in r.contrasts:
            answers = "; ".join(f"{d}: {a}" for d, a in x.answers.items())
            out.append(f"<details><summary>{x.groups[0]} and {x.groups[1]} part where "
                       f"{e(x.when[0])}</summary><p>Everywhere they part: {e(' | '.join(x.when))}</p>"
                       f"<p>Case: <code>{e(json.dumps(_facts(x.facts), ensure_ascii=False))}</code> → "
                       f"{e(answers)}</p></details>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _anchor(label: str) -> str:
    return "f-" + "".join(ch if ch.isalnum() else "-" for ch in label)


def sweep_data(sw, cac) -> dict:
    return {"composite": cac.label, "combinations": sw.combos, "pairwise_diffs": sw.pairwise,
            "closest": {d: {"differing_families": n, "ties": len(picks), "combination": picks[0],
                            "settled": _settled(picks)}
                        for d, (n, picks) in sw.closest.items()}}


def _settled(picks: list[dict]) -> dict:
    """The choices every closest combination agrees on: the ones that matter."""
    keys = [k for k in picks[0] if all(p.get(k) == picks[0][k] for p in picks)]
    return {k: picks[0][k] for k in keys}


def sweep_text(sw, cac, fmt: str = "text") -> str:
    data = sweep_data(sw, cac)
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False)
    out = [f"{data['combinations']} option combinations of {cac.label} against "
           f"{len(data['closest'])} drafts ({data['pairwise_diffs']} family diffs).", ""]
    for d, c in data["closest"].items():
        settled = " ".join(f"{k}={v}" for k, v in c["settled"].items()) or "(any)"
        out.append(f"{d}: {c['differing_families']} families differ at best, in {c['ties']} "
                   f"combination(s); all of them have {settled}")
    return "\n".join(out)
