"""The result of a count, as pydantic models: what `lla elect --json` prints.

Votes are Decimals (stvpoll counts in decimal arithmetic), so JSON carries
them as exact strings, never as floats that would round.

>>> from decimal import Decimal
>>> r = Round(number=1, action="elected", candidates=["Ann"], decided_by="votes",
...           votes={"Ann": Decimal(3), "Bo": Decimal(1)})
>>> r.model_dump(mode="json")["votes"]
{'Ann': '3', 'Bo': '1'}
"""
from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel

# The motion's own words, quoted by every count: it asks for "a transferable
# voting system" and names no method, quota or tie-break.
MOTION = ("Launch conference 2020, motion A (NEC elections), rules/sources/003_38c7806d72b9aa5f.txt "
          "line 560: \"The election to be held electronically using a transferable voting system.\"")
# Said of the nine CLP places only, elected one after another (round 59: it
# was quoted for the BAME place and for CPO-STV's set elected at once).
LINE_562 = (" Line 562: \"The nine people selected in the CLP section are listed in the order of position "
            "they are elected in.\"")
TEXT_NAMES_NO_METHOD = ("The motion names no counting method, quota or tie-break: it says only "
                        "\"a transferable voting system\" (line 560). The method is this count's "
                        "choice (--method), not the text's.")


class Transfer(BaseModel):
    source: str  # the candidate elected or excluded
    target: str  # the continuing candidate the ballots pass to
    votes: Decimal


class Round(BaseModel):
    """One decision of the count and the transfer that followed it."""

    number: int
    action: Literal["elected", "excluded"]
    candidates: list[str]  # in order of election when several reach the quota together
    decided_by: Literal["votes", "earlier rounds", "lot", "no competition", "comparison of outcomes"]
    votes: dict[str, Decimal]  # each continuing candidate's votes when the decision was taken
    transfer_values: dict[str, Decimal] = {}  # elected: the share of each ballot's value passed on
    transfers: list[Transfer] = []
    exhausted: Decimal = Decimal(0)  # value of ballots with no continuing preference, this round
    exhausted_total: Decimal = Decimal(0)


class Count(BaseModel):
    """A completed count: the order of election and every round that led to it."""

    title: str | None
    file: str
    method: str
    method_name: str
    method_rules: str
    motion: str = MOTION
    # With --ballot: the rulebook's ballot, its places and the clause behind its count.
    ballot: str | None = None
    ballot_id: str | None = None  # the ballot's id, e.g. nec_clp
    text_names_no_method: str = TEXT_NAMES_NO_METHOD
    seats: int
    candidates: list[str]  # those standing, in the file's order
    withdrawn: list[str] = []
    ballots: int  # ballots ranking at least one continuing candidate
    blank_ballots: int = 0
    quota: int
    quota_rule: str
    seed: int
    lot_used: bool = False
    # The seeded order that decides by lot: where lots decide, the candidate earlier in
    # this list is preferred (elected before, excluded after, those later in it).
    lot_order: list[str]
    rounds: list[Round]
    elected: list[str]  # in the order of election: position 1 first
    unfilled: int = 0
    exhausted: Decimal = Decimal(0)
    notes: list[str] = []


def cites_order(c: "Count") -> bool:
    """Whether line 562's "listed in the order ... they are elected in" is
    about this count: launch-2020's nine CLP places (--ballot nec_clp, or a
    nine-seat count of the motion with no ballot named), counted by a method
    that elects one after another (CPO-STV elects its set at once)."""
    clp = c.ballot_id == "nec_clp" or (c.ballot_id is None and c.seats == 9)
    return c.motion.startswith(MOTION) and clp and c.method != "cpo-stv"
