"""Benchmark: how long `lla` takes to start, against references timed in the same run.

Each command is run as a whole process, several times; the best run of each
is kept (start-up is what is measured, not the machine's other load). The
references are `python -c pass` and a process that only imports the
dependencies lla needs (click, lark, pydantic, yaml, rich): the ratios say
what lla adds on top of what it cannot avoid.

    python benchmarks/startup.py [--runs N]

Issue 14's targets: `lla --help` within 1.2x of importing the dependencies,
`lla ask` within 2x. Nothing here asserts a speed.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time

PY = sys.executable
COMMANDS = {
    "python -c pass": [PY, "-c", "pass"],
    "import the dependencies": [PY, "-c", "import click, lark, pydantic, yaml, rich"],
    "lla --help": [PY, "-m", "lla_constitution", "--help"],
    "lla ask --help": [PY, "-m", "lla_constitution", "ask", "--help"],
    "lla ask (one draft)": [PY, "-m", "lla_constitution", "ask", "--draft", "tees",
                            "may the steering committee call a special conference?"],
    "lla ask (default drafts)": [PY, "-m", "lla_constitution", "ask",
                                 "how many delegates may a local group with 150 members send to conference?"],
}


def best(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    got = {name: best(cmd, args.runs) for name, cmd in COMMANDS.items()}
    deps = got["import the dependencies"]
    print(f"{'command':<28} {'best s':>8} {'x deps':>8}")
    for name, t in got.items():
        print(f"{name:<28} {t:>8.3f} {t / deps:>8.2f}")
    print(f"\ntargets: lla --help <= 1.2x deps (now {got['lla --help'] / deps:.2f}x), "
          f"lla ask <= 2x (now {got['lla ask (one draft)'] / deps:.2f}x)")


if __name__ == "__main__":
    main()
