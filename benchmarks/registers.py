"""Benchmark: loading registers and answering them, at three sizes.

Writes invented registers of 1,650, 16,500 and 165,000 groups (benchmarks/
table.py's generator; `--sizes` to change) as a spreadsheet (CSV) and as YAML,
then runs, each as its own process with its peak memory (``os.wait4``):

- *load*: read and check the register (``inputs.load_register``), less a
  process that loads a one-group register (start-up and imports);
- *table*: ``lla table "how many delegates may each group send to
  conference?" --format csv`` under every default draft, written to a file.

It prints seconds per 1,000 rows and how each size's time grows against the
size before (issue 14's target: 10× the rows costs at most 12× the time;
165,000 groups in at most 60 s and 1 GiB).

    python benchmarks/registers.py [--sizes 1650,16500,165000] [--formats csv,yaml]

Nothing here asserts a speed.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import table as table_bench  # noqa: E402  (the register generator)

PY = sys.executable
QUESTION = "how many delegates may each group send to conference?"
LOAD = "import sys; from lla_constitution.inputs import load_register; load_register(sys.argv[1])"


def yaml_of(csv_text: str) -> str:
    """The same register as YAML, through the CSV reader (so both hold the same groups)."""
    import yaml

    from lla_constitution import register_csv
    from lla_constitution.source import Source

    reg = register_csv.parse(Source("r.csv", csv_text))
    groups = [g.model_dump(exclude_none=True) for g in reg.groups]
    return yaml.safe_dump({"groups": groups}, sort_keys=False, allow_unicode=True)


def run(cmd: list[str]) -> tuple[float, int]:
    """Wall seconds and peak resident memory (MiB) of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    err = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) not in (0, 3):
        raise SystemExit(f"failed: {' '.join(cmd)}\n{err}")
    return elapsed, usage.ru_maxrss // 1024


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1650,16500,165000")
    ap.add_argument("--formats", default="csv,yaml")
    ap.add_argument("--seed", type=int, default=2020)
    args = ap.parse_args(argv)
    sizes = [int(x) for x in args.sizes.split(",")]
    formats = args.formats.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        one = base / "one.csv"
        one.write_text(table_bench.make(1, args.seed), encoding="utf-8")
        t_start, mem_start = min(run([PY, "-c", LOAD, str(one)]) for _ in range(3))
        print(f"start-up and imports (a one-group register): {t_start:.2f} s, {mem_start} MiB")
        print()
        print(f"{'register':<20}{'rows':>9}{'load s':>9}{'s/1000':>9}{'growth':>9}{'MiB':>7}"
              f"{'table s':>10}{'s/1000':>9}{'growth':>9}{'MiB':>7}")
        for fmt in formats:
            before = None
            for n in sizes:
                csv_text = table_bench.make(n, args.seed)
                path = base / f"r{n}.{fmt}"
                path.write_text(csv_text if fmt == "csv" else yaml_of(csv_text), encoding="utf-8")
                t_load, m_load = run([PY, "-c", LOAD, str(path)])
                t_load = max(t_load - t_start, 1e-9)
                t_table, m_table = run([PY, "-m", "lla_constitution", "table", QUESTION, "--register",
                                        str(path), "--format", "csv", "-o", str(base / "out.csv")])
                grow = ("" if before is None else
                        f"{t_load / before[1] / (n / before[0]):>8.2f}×", "" if before is None else
                        f"{t_table / before[2] / (n / before[0]):>8.2f}×")
                print(f"{fmt:<20}{n:>9,}{t_load:>9.2f}{t_load / n * 1000:>9.3f}{grow[0]:>9}{m_load:>7}"
                      f"{t_table:>10.2f}{t_table / n * 1000:>9.3f}{grow[1]:>9}{m_table:>7}")
                before = (n, t_load, t_table)
    print()
    print("growth: time per row against the size before (1.00× is linear; issue 14 allows 1.2×)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
