"""Benchmark: every option combination of the CAC composite against the five drafts.

The sweep (``compare.sweep``) diffs each question family once per setting of
the choices that decide it, then sums per combination. The reference, measured
in the same run, is the plain way: compose each combination in full and diff
it against each draft, family by family. The reference is timed on a sample
of combinations (``--sample``) and scaled to all of them; on that sample the
two must count the same differing families, or the script exits 1.

    python benchmarks/sweep.py [--sample N] [--seed S]

Prints the time per pairwise family diff, the total for the sweep, the ratio
to the reference, and for each draft the closest combination (fewest families
that are not equivalent). Nothing here asserts a speed.
"""
from __future__ import annotations

import argparse
import gc
import random
import sys
import time

from lla_constitution.analyse.compare import DEFAULT, combinations, differs, sweep
from lla_constitution.analyse.diff import Side, diff, diff_family, side
from lla_constitution.analyse.space import families, roles


def _timed(fn):
    gc.disable()
    try:
        start = time.perf_counter()
        out = fn()
        return out, time.perf_counter() - start
    finally:
        gc.enable()


def reference(cac: Side, drafts: list[Side], combo: dict, fams, table) -> list[int]:
    """Differing families per draft for one combination, composed in full."""
    full = Side("", cac.book, dict(combo))
    return [sum(differs(diff_family(f, full, d, table)) for f in fams) for d in drafts]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=12, help="combinations timed the plain way")
    parser.add_argument("--seed", type=int, default=2020)
    args = parser.parse_args(argv)

    cac = side("cac")
    drafts = [side(d) for d in DEFAULT]
    for d in drafts:  # load and index outside the timings
        diff(d, d)
    result, total = _timed(lambda: sweep(cac, drafts))
    combos = combinations(cac.book.ast)

    rng = random.Random(args.seed)
    sample = rng.sample(combos, min(args.sample, len(combos)))
    table = roles([cac.book] + [d.book for d in drafts])
    fams = families([cac.book] + [d.book for d in drafts], table)
    plain, ref_total = _timed(lambda: [reference(cac, drafts, c, fams, table) for c in sample])

    # The sweep's own count for the sampled combinations, to check it agrees.
    disagree = 0
    for combo, counts in zip(sample, plain):
        for d, n in zip(drafts, counts):
            best, picks = result.closest[d.label]
            if n < best:
                disagree += 1  # the sweep missed a closer combination
            if combo in picks and n != best:
                disagree += 1

    per_pair = total / result.pairwise
    ref_per_combo = ref_total / len(sample)
    ref_scaled = ref_per_combo * len(combos)
    print(f"combinations: {len(combos)} of cac, against {len(drafts)} drafts")
    print(f"sweep: {result.pairwise} family diffs in {total:.2f} s "
          f"({per_pair * 1000:.2f} ms per pairwise family diff)")
    print(f"reference (each combination composed and diffed in full): "
          f"{ref_per_combo:.2f} s per combination on {len(sample)} sampled, "
          f"{ref_scaled:.0f} s scaled to all {len(combos)}")
    print(f"ratio reference/sweep: {ref_scaled / total:.0f}x")
    print(f"disagreements on the sample: {disagree}")
    print()
    print("closest combination per draft (fewest question families not equivalent):")
    for d in drafts:
        n, picks = result.closest[d.label]
        settled = {k: v for k, v in picks[0].items() if all(p.get(k) == v for p in picks)}
        print(f"  {d.label}: {n} families differ; {len(picks)} combinations tie; "
              f"all have {' '.join(f'{k}={v}' for k, v in settled.items()) or '(any)'}")
    return 1 if disagree else 0


if __name__ == "__main__":
    sys.exit(main())
