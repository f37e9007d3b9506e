"""Time and peak memory of every reproducer of the fuzzing campaign (issue 11).

Each reproducer of tests/test_robustness.py, and rule files of 100 to 800
banded clauses for `lla lint`, is run as its own `python -m lla_constitution`
process; os.wait4 gives that process's own peak memory. The reference, timed
in the same run, is an ordinary `lla check` of examples/actions/join.yaml, so
the ratio says how much longer a hostile input takes than a normal one.

    python benchmarks/robustness.py            # every case, best of 1
    python benchmarks/robustness.py --repeat 3 # best of 3

Nothing here asserts: it prints, and marks a case over the issue's bound of
2 s and 200 MB with '!'. Exit 0 always, unless a case gave no located error
(exit code other than 0, 1, 2 or 3), which is exit 1.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BOUND_S, BOUND_MB = 2.0, 200


def _cases():
    spec = importlib.util.spec_from_file_location("robust", ROOT / "tests" / "test_robustness.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.CASES


def _banded(n: int) -> str:
    lines = ['rulebook big', 'body conference "Conference"']
    for i in range(n):
        lines += [f'clause {i + 1}', f'  text """Groups of {i * 10} to {i * 10 + 9} members pay £{i + 1}."""',
                  f'  fee = £{i + 1} when members in {i * 10}..{i * 10 + 9}',
                  f'  delegates(conference) = {i % 5} when kind = local_group and members in {i * 10}..{i * 10 + 9}',
                  'end']
    return "\n".join(lines) + "\n"


def run(args: list[str]) -> tuple[float, float, int]:
    """Seconds, peak MB and exit code of one `lla` process."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "lla_constitution", *args], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    took = time.perf_counter() - start
    return took, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=1, help="best of this many runs")
    opts = ap.parse_args()

    def best(args):
        runs = [run(args) for _ in range(opts.repeat)]
        return min(r[0] for r in runs), max(r[1] for r in runs), runs[0][2]

    ref_s, ref_mb, _ = best(["check", "examples/actions/join.yaml", "--draft", "tees"])
    print(f"reference: lla check examples/actions/join.yaml --draft tees: {ref_s:.2f} s, {ref_mb:.0f} MB\n")
    print(f"{'case':58} {'s':>6} {'×ref':>6} {'MB':>6}  exit")
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        # Each reproducer is named by the error it must give.
        cases = [(f"{args[0]}: " + said.split("error: ")[-1][:50], name, text, args)
                 for name, text, args, said in _cases()]
        cases += [(f"lint of {n} banded clauses", "big.lla", _banded(n), ["lint", "{f}"])
                  for n in (100, 200, 400, 800)]
        for label, name, text, args in cases:
            f = ""
            if name:
                f = str(Path(tmp) / name)
                Path(f).write_text(text, encoding="utf-8")
            s, mb, code = best([a.replace("{f}", f) for a in args])
            over = "!" if s > BOUND_S or mb > BOUND_MB else " "
            bad += code not in (0, 1, 2, 3)
            print(f"{label:58} {s:6.2f} {s / ref_s:6.1f} {mb:6.0f}{over} {code}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
