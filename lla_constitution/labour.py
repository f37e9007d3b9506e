"""A person's Labour Party status under the Labour NEC's own rules.

The LLA drafts turn on whether a supporter is a Labour member, suspended or
expelled. When a person's organisations and a date are given, that status is
not the person's word but the NEC's decision (`labour-nec-2021`): membership
of a proscribed organisation is incompatible with Labour membership from the
day of the decision, and members face auto-exclusion (treated as expelled).

>>> facts, cites, reasons = labour_status({"member_of": frozenset({"Socialist Appeal"}),
...     "date": __import__("datetime").date(2021, 8, 1), "labour_status": "member"})
>>> facts["labour_status"], [c.clause for c in cites]
('expelled', ['socialist_appeal', 'auto_exclusion', 'vote.socialist_appeal'])
"""
from __future__ import annotations

from .ask import find_body
from .evaluate import evaluate
from .explain import cite, citations
from .model import Citation

AUTHORITY = "labour-nec-2021"


def org_ids(book, names) -> frozenset:
    """Organisations as the rulebook names them: "Socialist Appeal" -> socialist_appeal."""
    return frozenset(find_body(book, name) or name for name in names)


def labour_status(facts: dict) -> tuple[dict, list[Citation], list[str]]:
    """The facts with `labour_status` as the NEC's rules leave it, the NEC
    clauses that decided it, and a sentence saying what happened."""
    if not facts.get("member_of") and facts.get("date") is None:
        return facts, [], []
    from .loader import load

    nec = load(AUTHORITY)
    orgs = org_ids(nec, facts.get("member_of", ()))
    if facts.get("date") is None:
        banned = [nec.body(o).name for o in sorted(orgs) if nec.body(o)]
        if not banned:
            return facts, [], []
        return facts, [], [f"{AUTHORITY}: membership of {', '.join(banned)} is incompatible with "
                           "Labour membership from the day of the decision; give the date to settle "
                           "the person's Labour status"]
    result = evaluate(nec, "labour_membership", None, {"member_of": orgs, "date": facts["date"]})
    day = facts["date"].isoformat()
    if result.status == "determined" and not result.value.allowed:
        names = [nec.body(o).name for o in sorted(orgs) if nec.body(o)]
        votes = [c for c in nec.ast.clauses if c.carried and c.id.removeprefix("vote.") in orgs]
        entries = result.because
        cites = citations(entries) + [cite(c) for c in votes]
        record = "; ".join(f"carried {c.carried.votes_for} to {c.carried.votes_against}" for c in votes)
        reason = (f"{AUTHORITY}: on {day} membership of {', '.join(names)} is incompatible with "
                  f"Labour membership ({record}); the person faces auto-exclusion, so is treated "
                  "as expelled")
        facts = dict(facts, labour_status="expelled")
    else:
        cites = citations(result.because)
        reason = f"{AUTHORITY}: no proscription bars this person's Labour membership on {day}"
    return facts, [c.model_copy(update={"draft": AUTHORITY}) for c in cites], [reason]
