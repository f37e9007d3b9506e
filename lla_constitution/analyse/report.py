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

    return body_for(s.book, fd.family.role, d.table)


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
