"""Presumptions that never contradict the text.

A question about what a group may send presumes the group is affiliated,
since only affiliated groups send anything. That presumption is dropped where
the draft itself rules it out for this subject: Tees lets a national
broad-left group affiliate only with over 200 members, so a group of 150 is
not presumed affiliated, and the answer shows the consequence.

>>> from lla_constitution.loader import load
>>> facts = {"kind": "broad_left_national", "members": 150, "affiliated": True,
...          "national_affiliated": False, "region_affiliated": False}
>>> assumed = ["affiliated", "national_affiliated", "region_affiliated"]
>>> dropped = presume(load("tees"), facts, assumed)
>>> facts["affiliated"], "affiliated" in assumed, [c.clause for c in dropped.because]
(False, False, ['2.13'])
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import ast as A
from .model import Citation
from .resolve import Book


@dataclass(frozen=True)
class Dropped:
    """A presumption of affiliation the draft rules out or leaves open: the
    engine's words for it, and the clauses that rule it out (cited with the
    answer wherever it turns on affiliation: round 55, Tees 2.13 was not).
    Left open, both cases are answered, each citing its own clauses."""
    why: str
    because: list[Citation] = field(default_factory=list)


def _forbids(value) -> bool:
    return isinstance(value, A.Permission) and not value.allowed


# The fact as a case's "when" says it, not the word inside a reading's label
# (round 63: launch-2020 4.3's "one once it is affiliated").
_AFFILIATED = re.compile(r"(?:^|\(| and | or )(?:not )?affiliated(?:$|\)| and | or )")


def turns_on_affiliation(out) -> bool:
    """Whether an answer's cases turn on the group's being affiliated: only
    then is a dropped presumption said (round 44: a determined nomination by
    a Tees equality group carried the line all the same)."""
    return any(_AFFILIATED.search(w) for c in out.answers or () for w in c.when) or any(
        # or a determined answer's near miss failed on it (round 55: a Tees
        # broad-left group of 150 got 0 with 2.13 unsaid)
        "affiliated" in line.partition(" is not met")[0] for line in out.unmet)


def cite_dropped(out, dropped: Dropped | None, rests: bool = False) -> None:
    """Say a dropped presumption in an answer that turns on it, citing why.
    `rests`: the caller found the answer for an affiliated group differs, so
    it rests on the presumption's being dropped even where no case or near
    miss names affiliation (round 63: Tees 5.6 refused a broad-left group of
    150 by its list of submitters, 2.13 unsaid)."""
    if dropped is None or not (rests or turns_on_affiliation(out)):
        return
    if dropped.why not in out.reasons:
        out.reasons.insert(0, dropped.why)  # the engine's own, not a clause's note
    have = {c.clause for c in out.because}
    out.because += [c for c in dropped.because if c.clause not in have]


def presume(book: Book, facts: dict, assumed: list[str]) -> Dropped | None:
    """Check the presumed `affiliated = true` against the draft's own
    affiliation rules; change `facts`/`assumed` in place and say why, if so."""
    if "affiliated" not in assumed:
        return None
    from .vocab import KINDS

    kind = KINDS.get(facts.get("kind"))
    outside = kind is not None and kind.sort == "group"
    if not book.by_topic.get(("affiliate", None)):
        # No clause says whether any group may affiliate (launch-2020 has
        # "affiliation to LLA" only as an agenda item): for a group outside
        # the LLA both are considered (round 56: its 4.3 "if successful"
        # answered only for a group presumed affiliated).
        if not outside:
            return None
        facts.pop("affiliated")
        assumed.remove("affiliated")
        return Dropped(f"not presumed affiliated: no clause of {book.id} says whether this group may "
                       "affiliate, so both are considered")
    from .decision_table import table_for  # as evaluate(), each cell worked out once

    probe = {k: v for k, v in facts.items() if k != "affiliated"}
    # A group presumed affiliated is presumed to pay its fee: a fee not given
    # leaves that presumption standing (Tees 2.10 "with an affiliation fee
    # of £20/annum" says nothing of a group paying less: round 55).
    probe.setdefault("fee_paid", 10**9)
    result = table_for(book, "affiliate", None).evaluate(probe)
    clauses = ", ".join(sorted({e.clause.id for e in result.because}))
    from .explain import citations

    if result.status == "determined" and _forbids(result.value):
        # Not a presumption any more: the clause says it (the answer's
        # "presumed" line must not claim the question left it open).
        facts["affiliated"] = False
        assumed.remove("affiliated")
        return Dropped(f"not presumed affiliated: {book.id} {clauses} does not let this group "
                       "affiliate, so it is taken as not affiliated", citations(result.because))
    # Unsettled either way: on some reading it may not (ambiguous), or no
    # clause gives this kind a route at all (silent; round 42: Tees gave a
    # CLP a confident "yes" on a presumption a local group was denied).
    # Only for a group outside the LLA (a kind of sort "group"): a person, an
    # LLA branch or an area affiliates to nothing, so a draft's silence on it
    # says nothing of the question (round 43: "this group" said of a person).
    # On some reading it may not, or on some reading no clause settles it
    # for a group outside the LLA (round 47: CAC 2.2 B's "we expect ...
    # organisations to be politically oriented towards the Labour Party"
    # leaves it unsaid on two readings, yet 4.2 B's bands were answered
    # for a group presumed affiliated).
    if (result.status == "silent" and outside) or (result.status == "ambiguous" and any(
            _forbids(c.value) or (c.status == "silent" and outside) for c in result.cases)):
        facts.pop("affiliated")
        assumed.remove("affiliated")
        if not clauses:
            return Dropped(f"not presumed affiliated: no clause of {book.id} says whether this "
                           "group may affiliate, so both are considered")
        return Dropped(f"not presumed affiliated: under {book.id} {clauses} whether this group may "
                       "affiliate is not settled, so both are considered")
    return None
