"""Turn stvpoll's rounds and transfer log into the rounds a reader follows.

stvpoll records each decision (elected or excluded, with the votes at that
moment) and, apart from a last "no competition" election and CPO-STV's one
comparison, transfers the ballots after it; the recorded transfers are
matched to the decisions in order.

>>> from decimal import Decimal
>>> _transfer_value(Decimal(10), Decimal(4))
Decimal('0.6')
"""
from __future__ import annotations

from decimal import Decimal

from .result import Round, Transfer

_DECIDED_BY = {
    "Direct": "votes",
    "Tiebreak (history)": "earlier rounds",
    "Tiebreak (Random)": "lot",
    "No competition left": "no competition",
    "Comparison of Pairs of Outcomes": "comparison of outcomes",
}
_NO_TRANSFER = {"no competition", "comparison of outcomes"}
PLACES = Decimal("0.00001")  # stvpoll keeps each ballot's value to 5 decimal places


def _transfer_value(votes: Decimal, quota: Decimal) -> Decimal:
    return (votes - quota) / votes


def rounds_of(result, log, name, seats: int) -> list[Round]:
    entries = iter(log)
    out: list[Round] = []
    exhausted_total = Decimal(0)
    filled = 0
    for number, r in enumerate(result.rounds, 1):
        decided_by = _DECIDED_BY[r.selection_method.value]
        action = r.status.value.lower()
        filled += len(r.selected) if action == "elected" else 0
        moves, exhausted, values = {}, Decimal(0), {}
        if decided_by not in _NO_TRANSFER:
            moves, exhausted, _ = next(entries)
            moves = {k: v for k, v in moves.items() if v}  # stvpoll also logs moves of no value
            if filled == seats:
                # stvpoll passes on the last surplus too; with every seat filled it
                # decides nothing, and it is no ballot's exhaustion: not reported.
                moves, exhausted = {}, Decimal(0)
            exhausted_total += exhausted
        if action == "elected" and (moves or exhausted):
            # Surpluses pass one after another: a candidate's votes when theirs passes
            # include what earlier surpluses of the same round gave them.
            for c in r.selected:
                held = r.votes[c] + sum((v for (a, t), v in moves.items() if t == c), Decimal(0))
                values[name(c)] = _transfer_value(held, Decimal(result.quota)).quantize(PLACES)
        out.append(Round(
            number=number, action=action, candidates=[name(c) for c in r.selected],
            decided_by=decided_by,
            votes={name(c): v for c, v in sorted(r.votes.items(), key=lambda kv: -kv[1])},
            transfer_values=values,
            transfers=[Transfer(source=name(a), target=name(t), votes=v)
                       for (a, t), v in moves.items()],
            exhausted=exhausted, exhausted_total=exhausted_total))
    if next(entries, None) is not None:  # stvpoll changed how it logs: better to stop than mislead
        raise RuntimeError("stvpoll logged more transfers than decisions")
    return out
