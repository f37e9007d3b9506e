"""Benchmark: how long `lla` takes to start, against references timed in the same run.

Each command is run as a whole process, several times; the best run of each
is kept (start-up is what is measured, not the machine's other load). Both the
wall time and the process's own CPU time (user + system, from os.wait4) are
kept: on a busy machine the CPU time is the steadier figure. The references
are `python -c pass` and a process that only imports the dependencies lla
needs (click, lark, pydantic, yaml, rich): the ratios say what lla adds on top
of what it cannot avoid.

    python benchmarks/startup.py [--runs N] [--only NAME ...] [--no-cache]

lla keeps its parsers and resolved rulebooks in the user's cache directory
(lla_constitution/cache.py). The benchmark uses a cache directory of its own:
one untimed run of each command fills it, so the timed runs are warm, as every
run after a user's first is; `--no-cache` times every run cold (LLA_NO_CACHE=1).

Issue 14's targets: `lla --help` within 1.2x of importing the dependencies,
`lla ask` within 2x; `lla diff`, `lla compare` and `lla compare --sweep`
within 1 s each. Nothing here asserts a speed.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PY = sys.executable
LLA = [PY, "-m", "lla_constitution"]
COMMANDS = {
    "python -c pass": [PY, "-c", "pass"],
    "import the dependencies": [PY, "-c", "import click, lark, pydantic, yaml, rich"],
    "lla --help": LLA + ["--help"],
    "lla ask --help": LLA + ["ask", "--help"],
    "lla ask (one draft)": LLA + ["ask", "--draft", "tees",
                                  "may the steering committee call a special conference?"],
    "lla ask (default drafts)": LLA + ["ask",
                                       "how many delegates may a local group with 150 members send to conference?"],
    "lla diff dulwich law-sll": LLA + ["diff", "dulwich", "law-sll"],
    "lla compare": LLA + ["compare"],
    "lla compare --sweep": LLA + ["compare", "--sweep"],
}
SLOW = {"lla diff dulwich law-sll", "lla compare", "lla compare --sweep"}
TARGETS = [  # (command, against, at most)
    ("lla --help", "deps", 1.2),
    ("lla ask (one draft)", "deps", 2.0),
    ("lla ask (default drafts)", "deps", 2.0),
    ("lla diff dulwich law-sll", "s", 1.0),
    ("lla compare", "s", 1.0),
    ("lla compare --sweep", "s", 1.0),
]


def run(cmd: list[str], env: dict) -> tuple[float, float]:
    """Wall and CPU seconds (user + system of the process and its children)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, _, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0  # reaped by wait4
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def best(cmd: list[str], runs: int, env: dict) -> tuple[float, float]:
    got = [run(cmd, env) for _ in range(runs)]
    return min(w for w, _ in got), min(c for _, c in got)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--slow-runs", type=int, default=None,
                        help="runs of diff and compare (default: --runs)")
    parser.add_argument("--only", nargs="*", help="only these commands (the references always run)")
    parser.add_argument("--no-cache", action="store_true", help="time every run cold (LLA_NO_CACHE=1)")
    args = parser.parse_args(argv)
    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory(prefix="lla-bench-cache-") as home:
        env = {**os.environ, "XDG_CACHE_HOME": home}
        # Byte code as an installed package has it (pip compiles it), kept in
        # the temporary directory so the source tree stays clean; without it
        # (PYTHONDONTWRITEBYTECODE) every module of lla is compiled at every start.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(Path(home) / "pycache")
        if args.no_cache:
            env["LLA_NO_CACHE"] = "1"
        else:
            env.pop("LLA_NO_CACHE", None)
        os.chdir(root)
        chosen = {n: c for n, c in COMMANDS.items()
                  if not args.only or n in args.only or not n.startswith("lla")}
        for name, cmd in chosen.items():
            run(cmd, env)  # untimed: writes the byte code and fills lla's cache, so timed runs are warm
        got = {}
        for name, cmd in chosen.items():
            runs = args.slow_runs if name in SLOW and args.slow_runs else args.runs
            got[name] = best(cmd, runs, env)
    deps_w, deps_c = got["import the dependencies"]
    print(f"{'command':<28} {'wall s':>8} {'x deps':>7} {'cpu s':>8} {'x deps':>7}")
    for name, (w, c) in got.items():
        print(f"{name:<28} {w:>8.3f} {w / deps_w:>7.2f} {c:>8.3f} {c / deps_c:>7.2f}")
    print(f"\ntargets ({'cold: no cache' if args.no_cache else 'warm cache'}; "
          "ratios of wall time / of CPU time):")
    for name, against, most in TARGETS:
        if name not in got:
            continue
        w, c = got[name]
        if against == "deps":
            now, mark = f"{w / deps_w:.2f}x / {c / deps_c:.2f}x", min(w / deps_w, c / deps_c) <= most
            print(f"  {name:<26} <= {most}x deps: {now:<18} {'met' if mark else 'NOT met'}")
        else:
            print(f"  {name:<26} <= {most} s:      {w:.2f} s / {c:.2f} s{'':<4} "
                  f"{'met' if min(w, c) <= most else 'NOT met'}")


if __name__ == "__main__":
    main()
