"""Benchmark: a Labour-scale register, every question a register answers,
under every draft, in one process through the batch engine (issue 14).

Writes two invented registers (deterministic for a seed): 500,000 members
(benchmarks/people.py's generator) and 1,650 groups, 650 of them CLPs and
1,000 other groups. Then one process loads both and answers, through
`table.rows()` (the engine behind `lla table`), each question below for
every subject under the default drafts (the five drafts, the CAC composite
split into the combinations of options each question turns on, and the side
books where they answer), consuming every row as `lla table --format csv`
would stream it. It prints each question's time and answers, the whole run's
wall time and peak memory (os.wait4), and ratios against references timed
in the same run: `python -c pass`, and reading both files with the csv
module. Issue 14's target: the whole register in at most 15 s and 500 MiB.

    python benchmarks/labour_scale.py [--people N] [--clps N] [--groups N] [--seed S]

Nothing here asserts a speed.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import people as people_bench  # noqa: E402

PY = sys.executable
GROUP_QUESTIONS = ["how many delegates may each group send to conference?",
                   "how many delegates may each group send to the organising group?",
                   "what fee does each group pay?"]
PEOPLE_QUESTIONS = ["may each person join?", "may each person be a Labour Party member?",
                    "may each person vote at conference?", "may each person stand for the organising group?"]
KINDS = ["local group", "Momentum group", "Labour Party branch", "trade union branch",
         "trade union region", "national trade union", "broad left organisation", "equality group",
         "special interest organisation", "LLA branch"]


def groups_csv(clps: int, groups: int, seed: int) -> str:
    rnd = random.Random(seed)
    lines = ["Name,Kind,Members,LLA supporters,Fee paid,Affiliated"]
    for i in range(1, clps + 1):
        members = rnd.randint(150, 2500)
        lines.append(f"CLP {i},CLP,{members},{rnd.randint(0, members // 10)},"
                     f"{rnd.choice(['£100', '£20', ''])},{rnd.choice(['yes', 'yes', 'no', ''])}")
    for i in range(1, groups + 1):
        members = min(5000, max(3, round(rnd.lognormvariate(3.5, 1.1))))
        lines.append(f"Group {i},{rnd.choice(KINDS)},{members},{rnd.randint(0, members)},"
                     f"{rnd.choice(['£20', '£10', '£100', ''])},{rnd.choice(['yes', 'yes', 'no', ''])}")
    return "\n".join(lines) + "\n"


def child(people_path: str, groups_path: str) -> None:
    """The measured process: load both registers once, answer every question."""
    from lla_constitution.cli import _books_indirect
    from lla_constitution.inputs import load_register
    from lla_constitution.table import each_group_question, rows

    out = {"questions": []}
    t0 = time.perf_counter()
    registers = {"people": load_register(people_path), "groups": load_register(groups_path)}
    out["load"] = time.perf_counter() - t0
    for which, questions in (("groups", GROUP_QUESTIONS), ("people", PEOPLE_QUESTIONS)):
        reg = registers[which]
        for q in questions:
            t = time.perf_counter()
            asked = each_group_question(q, reg)
            books, indirect = _books_indirect((), (), (), {asked.asks()})
            columns, found = rows(q, books, reg, indirect)
            subjects = answers = 0
            for row in found:
                subjects += 1
                answers += len(row.cells)
            out["questions"].append({"question": q, "seconds": time.perf_counter() - t,
                                     "subjects": subjects, "answers": answers, "columns": len(columns)})
    out["total"] = time.perf_counter() - t0
    print(json.dumps(out))


def run(cmd: list[str]) -> tuple[float, int, str]:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = proc.stdout.read().decode()
    err = proc.stderr.read().decode()
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{err}")
    return time.perf_counter() - start, usage.ru_maxrss // 1024, out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--people", type=int, default=500_000)
    ap.add_argument("--clps", type=int, default=650)
    ap.add_argument("--groups", type=int, default=1_000)
    ap.add_argument("--seed", type=int, default=2021)
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        child(*args.child)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        people = Path(tmp) / "members.csv"
        groups = Path(tmp) / "groups.csv"
        people.write_text(people_bench.make(args.people, args.seed), encoding="utf-8")
        groups.write_text(groups_csv(args.clps, args.groups, args.seed), encoding="utf-8")
        t_pass, m_pass, _ = min(run([PY, "-c", "pass"]) for _ in range(3))
        read = ("import csv, sys\nfor p in sys.argv[1:]:\n    with open(p, encoding='utf-8') as f:\n"
                "        for _ in csv.reader(f): pass")
        t_read, m_read, _ = run([PY, "-c", read, str(people), str(groups)])
        wall, peak, out = run([PY, __file__, "--child", str(people), str(groups)])
    data = json.loads(out)
    print(f"register: {args.people:,} people; {args.clps + args.groups:,} groups "
          f"({args.clps:,} CLPs); seed {args.seed}")
    print(f"loading both registers: {data['load']:.2f} s")
    print()
    print(f"{'question':<66}{'subjects':>10}{'answers':>11}{'s':>8}")
    answers = 0
    for q in data["questions"]:
        answers += q["answers"]
        print(f"{q['question']:<66}{q['subjects']:>10,}{q['answers']:>11,}{q['seconds']:>8.2f}")
    print()
    print(f"{'':<40}{'wall s':>9}{'peak MiB':>10}{'× python -c pass':>18}{'× reading the CSVs':>20}")
    for name, t, m in (("python -c pass", t_pass, m_pass), ("reading the CSVs (csv module)", t_read, m_read),
                       (f"the whole register ({answers:,} answers)", wall, peak)):
        print(f"{name:<40}{t:>9.2f}{m:>10}{t / t_pass:>17.0f}×{t / t_read:>19.1f}×")
    print()
    print(f"issue 14's target: ≤ 15 s and ≤ 500 MiB — "
          f"{'met' if wall <= 15 and peak <= 500 else 'not met'} on this run")
    return 0


if __name__ == "__main__":
    sys.exit(main())
