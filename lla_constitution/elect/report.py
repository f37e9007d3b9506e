"""A count in plain words, for a 100-column terminal, the same every time.

Votes are shown to 2 decimal places (JSON has them exactly); the table of
votes is split into blocks of rounds so that it never runs wider than WIDTH.

>>> show(Decimal("1234.5"))
'1,234.50'
>>> show(Decimal("17"))
'17'
"""
from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal
from io import StringIO

from .result import Count, Round

WIDTH = 100
ROUNDS_PER_BLOCK = 7  # a name column of up to 28 characters and 7 rounds of 9 fit in WIDTH


def show(v: Decimal) -> str:
    if v == v.to_integral_value():
        return f"{int(v):,}"
    return f"{v.quantize(Decimal('0.01'), rounding=ROUND_HALF_EVEN):,}"


def ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def render(c: Count) -> str:
    out = [f"Election: {c.title or c.file}", f"Ballots: {c.file}: {c.ballots:,} valid"
           + (f", {c.blank_ballots:,} blank (they rank no candidate and do not count)" if c.blank_ballots else ""),
           f"Candidates: {len(c.candidates)} for {c.seats} seat{'s' if c.seats != 1 else ''}"
           + (f" ({', '.join(c.withdrawn)} withdrawn)" if c.withdrawn else ""),
           *([_wrap("Ballot: " + c.ballot, "")] if c.ballot else []),
           "", f"Method: {c.method_name}, --method {c.method}",
           _wrap(c.text_names_no_method, "  "), _wrap(c.method_rules, "  "),
           f"Quota: {c.quota:,} ({c.quota_rule})",
           f"Seed: {c.seed} (lots {'decided a tie' if c.lot_used else 'were not needed'}; "
           "--seed changes the order they are drawn in)", ""]
    for r in c.rounds:
        out += _round(r, c)
    out += ["Votes at each round (* elected, - excluded in that round):", _table(c), ""]
    out.append(f"Exhausted: {show(c.exhausted)} votes in all, on ballots that ranked no one left to count.")
    from .result import cites_order

    # Line 562 speaks of the nine CLP places only (rounds 58, 59).
    heading = ("Order of election (line 562: \"listed in the order of position they are elected in\"):"
               if cites_order(c) else "Order of election:")
    out += ["", heading if c.seats > 1 else "Elected:"]
    when = {name: r.number for r in c.rounds if r.action == "elected" for name in r.candidates}
    out += [f"  {i:>2}. {name}  (round {when[name]})" for i, name in enumerate(c.elected, 1)]
    if c.unfilled:
        out.append(f"  {c.unfilled} seat{'s' if c.unfilled != 1 else ''} unfilled")
    out += [_wrap("Note: " + n, "") for n in c.notes]
    return "\n".join(out)


def _round(r: Round, c: Count) -> list[str]:
    names = ", ".join(f"{n} ({show(r.votes[n])})" for n in r.candidates)
    why = {"votes": "", "earlier rounds": " (a tie, decided by the earlier rounds)",
           "lot": f" (a tie, decided by lot, seed {c.seed})",
           "no competition": ": as many candidates remain as seats, so they are elected" + _short_of(r, c),
           "comparison of outcomes": ": the set of winners that wins the comparisons of outcomes"}[r.decided_by]
    if r.action == "excluded":
        head = f"Round {r.number}: {names} excluded with fewest votes{why}"
    else:
        head = (f"Round {r.number}: {names} elected{why}"
                + (f", reaching the quota of {c.quota:,}" if r.decided_by in ("votes", "earlier rounds", "lot") else ""))
    lines = [_wrap(head, "  ", first="")]
    for giver in r.candidates:
        given = [t for t in r.transfers if t.source == giver]
        if r.action == "elected" and giver in r.transfer_values:
            head = f"  {giver}'s surplus passes on at {r.transfer_values[giver]} of each ballot's value"
        elif r.action == "excluded":
            head = f"  {giver}'s ballots pass on"
        else:
            continue
        # A surplus may reach a candidate elected in the same round, who passes it on in turn.
        parts = [f"{show(t.votes)} to {t.target}" + (" (elected this round)" if t.target in r.candidates else "")
                 for t in sorted(given, key=lambda t: -t.votes)]
        lines.append(_wrap(head + (": " + ", ".join(parts) if parts else ": to no one"), "    ", first=""))
    if r.exhausted or r.action == "excluded" or r.transfer_values:
        lines.append(f"  exhausted this round: {show(r.exhausted)} (in all: {show(r.exhausted_total)})")
    return lines + [""]


def _short_of(r: Round, c: Count) -> str:
    """Which of those elected for want of rivals fell short of the quota: a
    candidate may reach it in the very round the rivals run out."""
    below = [n for n in r.candidates if r.votes[n] < c.quota]
    if len(below) == len(r.candidates):
        return ", without reaching the quota"
    if below:
        return f" ({', '.join(below)} without reaching the quota of {c.quota:,})"
    return f", each reaching the quota of {c.quota:,}"


def _table(c: Count) -> str:
    from rich.console import Console
    from rich.table import Table

    mark = {(n, r.number): ("*" if r.action == "elected" else "-") for r in c.rounds for n in r.candidates}
    # The elected in order, then the others: the longer they lasted, the higher.
    last = {n: r for r in c.rounds for n in r.votes}
    order = c.elected + sorted((n for n in c.candidates if n not in c.elected),
                               key=lambda n: (-last[n].number, -last[n].votes[n]) if n in last else (0, 0))
    blocks = [c.rounds[i:i + ROUNDS_PER_BLOCK] for i in range(0, len(c.rounds), ROUNDS_PER_BLOCK)]
    text = StringIO()
    console = Console(file=text, width=WIDTH, color_system=None, soft_wrap=False, emoji=False,
                      highlight=False, markup=False)
    for block in blocks:
        table = Table(box=None, pad_edge=False, show_edge=False)
        table.add_column("candidate", max_width=28, no_wrap=True, overflow="ellipsis")
        for r in block:
            table.add_column(f"round {r.number}", justify="right", no_wrap=True)
        for n in order:
            if any(n in r.votes for r in block):  # a candidate out before the block has no row in it
                table.add_row(n, *[(show(r.votes[n]) + mark.get((n, r.number), " ")) if n in r.votes else ""
                                   for r in block])
        table.add_row("exhausted", *[show(r.exhausted_total - r.exhausted) + " " for r in block])
        console.print(table)
    return "\n".join(line.rstrip() for line in text.getvalue().rstrip().split("\n"))


def _wrap(text: str, indent: str, first: str | None = None) -> str:
    import textwrap

    return textwrap.fill(text, WIDTH, initial_indent=indent if first is None else "",
                         subsequent_indent=indent, break_on_hyphens=False)
