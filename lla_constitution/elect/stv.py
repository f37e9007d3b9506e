"""Count ranked ballots with the stvpoll library: this module chooses and
reports, stvpoll counts. No count is written here.

The motion asks only for "a transferable voting system" (line 560 of the
launch conference text), so the method is an option and every result names
it. Lots are drawn from an order shuffled by a seeded generator of our own,
so a count is reproducible: same ballots, method and seed, same result.

>>> from lla_constitution.source import Source
>>> from lla_constitution.elect.ballots import parse
>>> blt = '3 2\\n4 1 2 0\\n2 2 0\\n3 3 1 0\\n0\\n"Ann"\\n"Bo"\\n"Cy"\\n"Demo"\\n'
>>> c = count(parse(Source("x.blt", blt)))
>>> c.method, c.quota, c.elected
('scottish-stv', 4, ['Ann', 'Cy'])
"""
from __future__ import annotations

import random
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from math import comb

from ..errors import InputError, fail
from .ballots import Ballots, plural
from .result import Count, Round, Transfer

DEFAULT_SEED = 2020  # the year of the motion; any fixed number would do
MAX_CPO_WORK = 1_000_000  # pairs of outcomes x different rankings cpo-stv may compare: ~6 s


@dataclass(frozen=True)
class Method:
    key: str
    name: str
    rules: str
    quota_rule: str


_TIES = ("A tie is decided by the earlier rounds (whoever was ahead at the latest round where the "
         "tied candidates differed), and failing that by lot.")
METHODS = {m.key: m for m in (
    Method("scottish-stv", "Scottish STV (stvpoll)",
           "A candidate who reaches the quota is elected, and the surplus passes on: every ballot "
           "the candidate holds is passed to its next continuing preference at (votes - quota) / "
           "votes of its value (the weighted inclusive Gregory method). Values are decimals, each "
           "ballot's kept to 5 decimal places. When several reach the quota in one round, the "
           "largest surplus passes first, and a surplus may pass to a candidate elected in the same "
           "round, whose surplus carries it on. When no one reaches the quota, the candidate with "
           "fewest votes is excluded and their ballots pass on at their value. When as many "
           "candidates remain as seats, they are elected. " + _TIES,
           "Droop: valid ballots / (seats + 1), rounded down, + 1"),
    Method("irv", "Instant-runoff voting (stvpoll IRV, one seat)",
           "The candidate with fewest votes is excluded, and their ballots pass to the next "
           "preference, until one candidate has a majority of the valid ballots. Ballots that rank "
           "no one left still count in the majority, so if too many are exhausted no one wins and "
           "the seat is left unfilled. " + _TIES,
           "a majority: valid ballots / 2, rounded down, + 1"),
    Method("cpo-stv", "CPO-STV (stvpoll, Comparison of Pairs of Outcomes)",
           "Every possible set of winners is compared with every other: the candidates in neither "
           "set are excluded, the surpluses of those in both pass on, and the set with more votes "
           "wins the pair. The set that wins every pair is elected; failing one, the minimax set "
           "of the Smith set, then by lot. The method elects the set at once, so the order of "
           "election given is by first-preference votes, and ties in it by lot.",
           "Droop: valid ballots / (seats + 1), rounded down, + 1"),
)}


def count(ballots: Ballots, seats: int | None = None, method: str = "scottish-stv",
          seed: int = DEFAULT_SEED) -> Count:
    """Count the ballots by METHOD for SEATS (default: the BLT header's)."""
    from stvpoll.tiebreak_strategies import TiebreakHistory, TiebreakRandom

    m = METHODS.get(method) or fail(InputError, None, f"unknown method '{method}'", path="--method",
                                    expected="one of " + ", ".join(METHODS))
    standing = tuple(i for i in range(1, len(ballots.names) + 1) if i not in ballots.withdrawn)
    seats = _seats(ballots, seats, m, len(standing))
    data: dict[tuple[int, ...], int] = {}
    for ranking, weight in ballots.ballots:  # identical ballots are counted once, with their number
        data[ranking] = data.get(ranking, 0) + weight
    # The lot order is ours, seeded; stvpoll would shuffle with the global generator.
    lot = tuple(random.Random(seed).sample(standing, len(standing)))
    lots = TiebreakRandom(lot, shuffle=False)
    log: list = []
    result = _run(m.key, standing, data, seats, (TiebreakHistory(), lots), log, seed)
    return _report(ballots, m, seats, seed, lot, lots.used or result.randomized, result, log)


def _seats(ballots: Ballots, seats: int | None, m: Method, standing: int) -> int:
    span, where = (None, "--seats") if seats is not None else (ballots.seats_span, None)
    seats = ballots.seats if seats is None else seats
    if seats is None:
        fail(InputError, None, "a CSV of rankings does not say how many seats to fill", path="--seats",
             help="give --seats N: 9 for the CLP section, 1 for the BAME seat")
    if seats < 1:
        fail(InputError, span, "a count fills at least one seat", path=where, expected="--seats 1 or more")
    if m.key == "irv" and seats != 1:
        fail(InputError, span, f"irv fills one seat, not {seats}", path=where,
             help="give --seats 1, or --method scottish-stv (or cpo-stv) for several seats")
    if seats > standing:
        fail(InputError, span, f"{plural(seats, 'seat')} cannot be filled from {plural(standing, 'candidate')}"
             + (" (some are withdrawn)" if ballots.withdrawn else ""), path=where,
             expected=f"at most {standing} seats")
    return seats


def _run(method, standing, data, seats, tiebreaks, log, seed):
    from stvpoll.cpo_stv import calculate_cpo_stv
    from stvpoll.irv import calculate_irv
    from stvpoll.scottish_stv import calculate_scottish_stv
    from stvpoll.transfer_strategies import transfer_serial

    def recorded(**kw):
        out = _one_at_a_time(transfer_serial, **kw)
        log.append(out)  # each round's moves and exhausted value, for the report
        return out

    if method == "scottish-stv":
        return calculate_scottish_stv(standing, data, seats, pedantic_order=True,
                                      tiebreak_strategies=tiebreaks, transfer_strategy=recorded)
    if method == "irv":
        return calculate_irv(standing, data, tiebreak_strategies=tiebreaks, transfer_strategy=recorded)
    pairs = comb(comb(len(standing), seats), 2)
    if pairs * len(data) > MAX_CPO_WORK:
        fail(InputError, None, f"cpo-stv would compare {pairs:,} pairs of outcomes over {len(data):,} "
             "different rankings, more than lla counts", path="--method",
             expected=f"pairs x different rankings at most {MAX_CPO_WORK:,}",
             help="cpo-stv suits few candidates; use --method scottish-stv")
    with _seeded(seed):  # stvpoll's CPO draws its lot from the global generator
        return calculate_cpo_stv(standing, data, seats)


def _one_at_a_time(transfer, *, ballots, vote_count, transfers, standing, quota, decrease_value):
    """stvpoll's serial transfer, called for one candidate at a time.

    stvpoll 0.5.6 passes the surpluses of candidates elected in the same
    round in one call, and there a ballot whose current preference is the
    second of them (B, A, ...) is taken as the first's (A is its next
    preference once B is skipped): its value is cut twice and votes are lost
    (100 ballots, 3 seats: 10.7 of them; tests/test_elect.py shows it).
    Called once per candidate, with those still to pass their surplus
    counted as standing, each ballot is moved by its own candidate only, and
    a surplus may pass to a candidate elected in the same round, as stvpoll
    intends. The arithmetic stays stvpoll's."""
    from collections import Counter

    moves, exhausted = Counter(), Decimal(0)
    for k, candidate in enumerate(transfers):
        step, lost, vote_count = transfer(
            ballots=ballots, vote_count=vote_count, transfers=(candidate,),
            standing=tuple(standing) + tuple(transfers[k + 1:]), quota=quota,
            decrease_value=decrease_value)
        moves.update(step)
        exhausted += lost
    return moves, exhausted, vote_count


def _order_last_standing(result, elected, lot, rounds, name):
    """Candidates elected together because as many remain as seats are
    ordered by stvpoll on their votes alone; where their votes are equal, the
    order of election (line 562: "listed in the order of position they are
    elected in") is decided as every other tie of the count: by the earlier
    rounds (whoever was ahead at the latest round where they differed), then
    by lot."""
    used, said = None, []
    for r, out in zip(result.rounds, rounds):
        if out.decided_by != "no competition" or len(r.selected) < 2:
            continue
        import functools

        earlier = [x.votes for x in result.rounds[:result.rounds.index(r)]]
        group = list(r.selected)

        def cmp(a, b):
            nonlocal used
            if r.votes[a] != r.votes[b]:
                return -1 if r.votes[a] > r.votes[b] else 1
            for votes in reversed(earlier):
                va, vb = votes.get(a), votes.get(b)
                if va is not None and vb is not None and va != vb:
                    used = used or "earlier rounds"
                    return -1 if va > vb else 1
            used = "lot"
            return -1 if lot.index(a) < lot.index(b) else 1
        ordered = sorted(group, key=functools.cmp_to_key(cmp))
        if ordered != group:
            out.candidates = [name(c) for c in ordered]
            pos = sorted(elected.index(c) for c in group)
            for i, c in zip(pos, ordered):
                elected[i] = c
        ties = [c for c in ordered if sum(r.votes[c] == r.votes[d] for d in group) > 1]
        if ties:
            said.append(f"{', '.join(name(c) for c in ties)} were elected together in round "
                        f"{result.rounds.index(r) + 1} with equal votes; their order of election was "
                        f"decided by {'the earlier rounds' if used == 'earlier rounds' else 'lot'}.")
    return elected, used, said


@contextmanager
def _seeded(seed: int):
    state = random.getstate()
    random.seed(seed)
    try:
        yield
    finally:
        random.setstate(state)


def _report(ballots, m, seats, seed, lot, lot_used, result, log) -> Count:
    from .rounds import rounds_of

    name = lambda i: ballots.names[i - 1]  # noqa: E731
    rounds = rounds_of(result, log, name, seats)
    elected = list(result)
    notes = []
    if m.key != "cpo-stv":
        elected, tied_by, said = _order_last_standing(result, elected, lot, rounds, name)
        lot_used = lot_used or tied_by == "lot"
        notes += said
    if m.key == "cpo-stv" and len(elected) > 1:
        first = result.rounds[0].votes
        elected.sort(key=lambda c: (-first[c], lot.index(c)))
        rounds[0].candidates = [name(c) for c in elected]
        lot_used = lot_used or len({first[c] for c in elected}) < len(elected)  # the order's ties
    if lot_used:
        notes.append(f"Lots decided a tie; they were drawn from the order seeded with {seed}. "
                     "Another seed may give another result.")
    if len(elected) < seats:
        notes.append(f"The count ends with {seats - len(elected)} of {plural(seats, 'seat')} unfilled: no candidate "
                     "reached the quota, which is fixed from all the valid ballots, exhausted ones included.")
    if ballots.withdrawn:
        notes.append("Withdrawn candidates are skipped: their places on a ballot pass to the next preference.")
    return Count(
        title=ballots.title, file=ballots.source.name, method=m.key, method_name=m.name,
        method_rules=m.rules, seats=seats,
        candidates=[name(i) for i in range(1, len(ballots.names) + 1) if i not in ballots.withdrawn],
        withdrawn=[name(i) for i in ballots.withdrawn],
        ballots=ballots.voters - result.empty_ballot_count, blank_ballots=result.empty_ballot_count,
        quota=result.quota, quota_rule=m.quota_rule, seed=seed, lot_used=lot_used,
        lot_order=[name(i) for i in lot], rounds=rounds, elected=[name(c) for c in elected],
        unfilled=seats - len(elected), notes=notes,
        # what the rounds report: a surplus left when the last seat is filled is not exhausted
        exhausted=rounds[-1].exhausted_total if rounds else Decimal(0))
