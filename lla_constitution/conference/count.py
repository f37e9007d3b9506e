"""Counting one ballot's votes under a counting rule, or under every rule the
text leaves open.

The CAC motion says conference "will vote on the opposing options" without
saying whether the largest vote is enough or more than half is needed. Where
both ways of counting give the same winner, the count decides whichever was
meant; only where they part does the text leave the result open.

>>> settle({"A": 30, "B": 50, "C": 40}, None).winner   # B leads; no one has half
>>> settle({"A": 30, "B": 50, "C": 40}, None).open
'no option has more than half of the 120 votes cast'
>>> settle({"A": 30, "B": 50, "C": 40}, PLURALITY).winner
'B'
>>> settle({"for": 61, "against": 40}, None).winner
'for'
>>> settle({"london": 30, "tees": 30, "dulwich": 5}, PLURALITY).tied
['london', 'tees']
"""
from __future__ import annotations

from dataclasses import dataclass, field

PLURALITY, ABSOLUTE = "plurality", "absolute-majority"
RULE_WORDS = {PLURALITY: "the largest vote wins", ABSOLUTE: "more than half of the votes cast is needed"}


@dataclass
class Count:
    """What the votes decide: a winner, a tie for first among `tied`, or an
    `open` question the text leaves to no one."""

    winner: str | None = None
    tied: list[str] = field(default_factory=list)
    open: str | None = None
    how: str = ""


def leaders(votes: dict[str, int]) -> list[str]:
    """The options with the most votes, in the order given."""
    top = max(votes.values(), default=0)
    return [k for k, n in votes.items() if n == top]


def absolute(votes: dict[str, int]) -> str | None:
    """The option with more than half of the votes cast, if one has."""
    total = sum(votes.values())
    return next((k for k, n in votes.items() if 2 * n > total), None)


def settle(votes: dict[str, int], rule: str | None) -> Count:
    """Count `votes` by `rule` (PLURALITY, ABSOLUTE), or with `rule=None`, by
    whatever the two agree on."""
    total = sum(votes.values())
    top = leaders(votes)
    half = absolute(votes)
    if rule == ABSOLUTE:
        if half:
            return Count(winner=half, how=f"more than half of the {total} votes cast")
        if len(top) > 1 and sum(votes[k] for k in top) == total:
            return Count(tied=top, how=f"a tie at {votes[top[0]]} votes each")
        return Count(open=f"no option has more than half of the {total} votes cast",
                     how="no option has more than half")
    if len(top) > 1:
        return Count(tied=top, how=f"a tie for first place at {votes[top[0]]} votes each")
    if rule == PLURALITY:
        return Count(winner=top[0], how=f"the largest vote, {votes[top[0]]} of {total}")
    if half:
        return Count(winner=half, how=f"more than half of the {total} votes cast, so the largest "
                                      "vote and a majority agree")
    return Count(open=f"no option has more than half of the {total} votes cast",
                 how="the largest vote and a majority part")
