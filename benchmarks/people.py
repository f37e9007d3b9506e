"""Benchmark: `lla table` over a Labour-scale membership list (issue 14).

Writes a deterministic register of N invented people (default 500,000, about
the Labour Party's membership in 2021) as a CSV, in the words a membership
secretary's sheet would use: most are Labour members and nothing else is
said of them; some are suspended or expelled, some of those as part of the
witch-hunt; a few belong to one of the four groups the NEC proscribed on
20 July 2021 (Socialist Appeal, Labour Against the Witch-hunt, Resist, Labour
In Exile Network), others to unions and campaigns; every row has the
register's date. Then it times whole `lla table` processes, the default
drafts, output as CSV to /dev/null:

    may each person join?
    may each person vote at conference?

each with its wall time and peak memory (os.wait4's ru_maxrss), against
references timed in the same run: `python -c pass`, and reading the CSV
with the csv module. Nothing here asserts a speed.

    python benchmarks/people.py [--people N] [--seed S] [--keep FILE]

tests/test_people.py uses :func:`make` for its generated registers.

>>> make(3, seed=1).splitlines()[0]
'Name,Labour status,Witch-hunt,Other party,LLA supporter,Member of,Date'
"""
from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER = "Name,Labour status,Witch-hunt,Other party,LLA supporter,Member of,Date"
FIRST = ["Sam", "Jo", "Alex", "Priya", "Mohammed", "Aisha", "Tom", "Ruth", "Kwame", "Siobhan", "Dev",
         "Grace", "Owen", "Fatima", "Liam", "Nadia", "Callum", "Rhiannon"]
LAST = ["Smith", "Jones", "Khan", "Patel", "O'Brien", "Williams", "Okafor", "Evans", "Murphy",
        "Begum", "Taylor", "Campbell", "Hughes", "Ali", "Davies", "Nowak"]
PROSCRIBED = ["Socialist Appeal", "Labour Against the Witch-hunt", "Resist", "Labour In Exile Network"]
OTHERS = ["Unite", "UNISON", "GMB", "Momentum", "CND", "Stop the War Coalition", "Tenants Union",
          "Co-operative Party", "Fabian Society"]
DATE = "2021-08-01"


def make(n: int = 500_000, seed: int = 2021, date: str = DATE) -> str:
    """A CSV register of `n` invented people, the same for the same seed."""
    rnd = random.Random(seed)
    lines = [HEADER]
    for i in range(1, n + 1):
        name = f"{rnd.choice(FIRST)} {rnd.choice(LAST)} {i}"
        if rnd.random() < 0.02 and "," not in name:
            name = f'"{name.split()[1]}, {name.split()[0]}"'  # "Smith, Sam": a quoted cell
        r = rnd.random()
        status = ("member" if r < 0.93 else "suspended" if r < 0.96 else "expelled" if r < 0.98
                  else "not a member" if r < 0.99 else "")
        witch = "yes" if status in ("suspended", "expelled") and rnd.random() < 0.5 else ""
        other = "yes" if status == "not a member" and rnd.random() < 0.3 else ""
        supporter = "yes" if rnd.random() < 0.01 else ""
        orgs = []
        if rnd.random() < 0.005:
            orgs.append(rnd.choice(PROSCRIBED))
        if rnd.random() < 0.05:
            orgs += rnd.sample(OTHERS, rnd.choice((1, 1, 1, 2)))
        member_of = ";".join(orgs)
        lines.append(f"{name},{status},{witch},{other},{supporter},{member_of},{date}")
    return "\n".join(lines) + "\n"


def _run(argv: list[str], cwd: Path) -> tuple[float, float, int]:
    """(wall seconds, peak MiB, exit code) of one whole process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode()
    proc.stderr.close()
    if proc.returncode not in (0, 3):
        sys.exit(f"{' '.join(argv)} failed ({proc.returncode}):\n{err}")
    return wall, usage.ru_maxrss / 1024, proc.returncode


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--people", type=int, default=500_000)
    ap.add_argument("--seed", type=int, default=2021)
    ap.add_argument("--keep", help="also write the register to this file")
    ap.add_argument("--write", help=argparse.SUPPRESS)  # only write the register here
    ap.add_argument("--question", action="append",
                    help="a question to time (repeatable); default: join and vote at conference")
    args = ap.parse_args(argv)
    questions = args.question or ["may each person join?", "may each person vote at conference?"]
    if args.write:
        Path(args.write).write_text(make(args.people, args.seed), encoding="utf-8")
        return 0
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "people.csv"
        # Written by a process of its own: this one stays small, so the
        # processes it starts report their own peak memory, not its pages.
        subprocess.run([py, __file__, "--people", str(args.people), "--seed", str(args.seed),
                        "--write", str(path)], check=True)
        if args.keep:
            Path(args.keep).write_bytes(path.read_bytes())
        print(f"{args.people:,} people, seed {args.seed}: {path.stat().st_size / 2**20:.1f} MiB of CSV")
        runs = [("python -c pass", [py, "-c", "pass"]),
                ("read the CSV (csv module)",
                 [py, "-c", "import csv,sys\nfor row in csv.reader(open(sys.argv[1], newline='')): pass",
                  str(path)])]
        runs += [(f"lla table {q!r}", [py, "-m", "lla_constitution", "table", q, "--register", str(path),
                                        "--format", "csv", "-o", "/dev/null"]) for q in questions]
        times = {}
        print(f"{'':52} {'wall s':>8} {'peak MiB':>9} {'x python':>9} {'x csv read':>10}")
        for label, cmd in runs:
            wall, peak, _ = _run(cmd, ROOT)
            times[label] = wall
            base = times["python -c pass"]
            csv_read = times.get("read the CSV (csv module)")
            print(f"{label[:52]:52} {wall:8.2f} {peak:9.0f} {wall / base:9.1f} "
                  f"{wall / csv_read if csv_read else 1:10.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
