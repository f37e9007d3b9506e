"""The conference's path in words: each vote, its result, how it was
decided and the clauses behind it; then what was adopted, or what the text
leaves open.

>>> from lla_constitution.loader import load
>>> from lla_constitution.conference.run import RunOut, StepOut
>>> out = RunOut(draft="cac", status="adopted", adopted="cac:4.3=B", steps=[StepOut(
...     ballot="cac_motion", title="the CAC procedural motion", votes={"for": 9, "against": 1},
...     result="carried", decided_by="count", how="more than half of the 10 votes cast")])
>>> print(text(out, load("cac")).splitlines()[0])
1. The CAC procedural motion: carried, 9 for and 1 against
"""
from __future__ import annotations

from .run import RunOut, StepOut

_BY = {"chair": "by the chair's casting vote", "assumed counting rule": "by the counting rule you supplied",
       "assumed casting vote": "by the casting vote you supplied", "undecided": "not decided"}


def _label(step: StepOut) -> str:
    if step.ballot == "sections" and step.item:
        return f"Section {step.item}, {step.item_title}"
    if step.item:
        return f"{step.title[0].upper()}{step.title[1:]}: {step.item} ({step.item_title})"
    return step.title[0].upper() + step.title[1:]


def _result(step: StepOut) -> str:
    votes = step.votes
    if step.decided_by == "undecided":
        return "not decided"
    if step.result in ("carried", "lost"):
        return f"{step.result}, {votes.get('for', 0)} for and {votes.get('against', 0)} against"
    title = f" ({step.result_title})" if step.result_title else ""
    if set(votes) == {"for", "against"}:
        return f"{step.result}{title}, {votes['for']} for and {votes['against']} against"
    return f"{step.result}{title}, with {votes.get(step.result, 0)} of {sum(votes.values())} votes"


def _cited(step: StepOut, book) -> str:
    out = []
    for c in step.because:
        clause = next((x for x in book.ast.all_clauses() if x.id == c.clause), None)
        lines = clause.lines if clause is not None else None
        where = ("" if lines is None else f" (line {lines[0]})" if lines[0] == lines[1]
                 else f" (lines {lines[0]}–{lines[1]})")
        out.append(c.clause + where)
    return ", ".join(out)


def text(out: RunOut, book) -> str:
    lines = []
    for i, step in enumerate(out.steps, 1):
        lines.append(f"{i}. {_label(step)}: {_result(step)}")
        if len(step.votes) > 2 and step.decided_by != "undecided" or step.decided_by == "undecided":
            # "A: 21", "2: 101": an option's key set apart from its votes (round 44).
            lines.append("     votes: " + ", ".join(f"{k}: {n}" for k, n in step.votes.items()))
        how = step.how
        if step.decided_by in ("assumed counting rule", "assumed casting vote") and _BY[step.decided_by] not in how:
            how += f"; {_BY[step.decided_by]}"
        if step.abstained:
            how += f"; {step.abstained} abstained, which are not votes cast"
        lines.append(f"     decided: {how}" if step.decided_by != "undecided" else f"     {how}")
        if step.because:
            lines.append(f"     because: clause {_cited(step, book)}")
    lines.append("")
    if out.status == "adopted":
        lines.append(f"Adopted: {out.adopted_title}.")
        if out.chosen:
            lines.append("  Ask and check it with: --draft " + out.draft + " "
                         + " ".join(f"--option {k}={v}" for k, v in out.chosen.items()))
            lines.append(f"  Compare and diff it as: {out.adopted}")
        else:
            draft, *amend = out.adopted.split("+")
            lines.append(f"  Ask and check it with: --draft {draft}" + "".join(f" --amend {a}" for a in amend))
            lines.append(f"  Compare and diff it as: {out.adopted}")
    else:
        lines.append("Not decided:")
        lines += [f"  - {o}" for o in out.open]
    for a in out.assumptions:
        lines.append(f"Assumed (not in the text): {a}")
    if out.unused:
        lines.append("Tallies not used (the procedure did not reach those votes): " + ", ".join(out.unused))
    casting = [u for u in out.unused_casting if u != "assume: abstentions"]
    if casting:
        lines.append("Casting votes not used (no tie called for them, or the text gives no casting vote "
                     "there): " + ", ".join(casting))
    if "assume: abstentions" in out.unused_casting:
        lines.append("Rule not used (no majority turned on the abstentions): assume: abstentions")
    return "\n".join(lines)
