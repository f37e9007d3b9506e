"""Benchmark: `lla table` over a large invented register saved as CSV.

Writes a deterministic register of N invented groups (default 1,650, about
the number of groups and branches the LLA's launch drew on), in the plain
words a committee's spreadsheet would use, then times `lla table` answering
"how many delegates may each group send to conference?" under every draft.

    python benchmarks/table.py [--groups N] [--seed S] [-o FILE] [--no-time]

tests/test_table.py uses :func:`make` for its 1,650-group test. Nothing here
asserts a speed.

>>> make(3, seed=1).splitlines()[0]
'Name,Kind,Members,LLA supporters,Fee paid,Affiliated'
"""
from __future__ import annotations

import argparse
import random
import sys
import time

# Kinds as people write them: the vocabulary's words, in mixed case.
KINDS = ["local group", "Local Group", "Momentum group", "CLP", "Constituency Labour Party",
         "trade union branch", "Trade union region", "national trade union", "Labour Party branch",
         "LLA branch", "broad left organisation", "equality group", "special interest organisation"]
PLACES = ["Anytown", "Exampleshire", "Northby", "Southwick", "Eastfield", "Westmoor", "Midvale",
          "Lowbridge", "Highcombe", "Fairport", "Oakham Vale", "Riverside"]
EDGES = [0, 1, 9, 10, 11, 99, 100, 101, 499, 500, 501, 999, 1000, 1001, 1999, 2000, 2001]


def make(n: int = 1650, seed: int = 2020) -> str:
    """A CSV register of `n` invented groups, the same for the same seed."""
    rnd = random.Random(seed)
    lines = ["Name,Kind,Members,LLA supporters,Fee paid,Affiliated"]
    for i in range(1, n + 1):
        kind = rnd.choice(KINDS)
        members = rnd.choice(EDGES) if rnd.random() < 0.3 else rnd.randint(0, 20000)
        supporters = "" if rnd.random() < 0.3 else str(rnd.randint(0, members))
        fee = rnd.choice(["", "£20", "20", "£100", "£500", "£10.50"])
        affiliated = rnd.choice(["", "yes", "no", "Yes", "TRUE"])
        shown = f'"{members:,}"' if members >= 1000 and rnd.random() < 0.5 else str(members)
        lines.append(f"{rnd.choice(PLACES)} {kind} {i},{kind},{shown},{supporters},{fee},{affiliated}")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--groups", type=int, default=1650)
    ap.add_argument("--seed", type=int, default=2020)
    ap.add_argument("-o", "--output", default="register-large.csv")
    ap.add_argument("--no-time", action="store_true", help="only write the register")
    args = ap.parse_args(argv)
    with open(args.output, "w", encoding="utf-8") as f:
        f.write(make(args.groups, args.seed))
    print(f"wrote {args.output} ({args.groups:,} groups)")
    if args.no_time:
        return 0
    from click.testing import CliRunner

    from lla_constitution.cli import main as lla

    for fmt in ("csv", "text"):
        start = time.perf_counter()
        r = CliRunner().invoke(lla, ["table", "--register", args.output, "--format", fmt,
                                     "how many delegates may each group send to conference?"])
        print(f"lla table --format {fmt}: {time.perf_counter() - start:.1f} s, exit {r.exit_code}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
