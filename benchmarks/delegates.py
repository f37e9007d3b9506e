"""Benchmark: "how many delegates may G send to conference?" under Dulwich.

Builds a deterministic synthetic register of N groups, checks that the
engine's fast path (``evaluate.decide``) and a hand-written Python version of
Dulwich clauses 2.1-2.4 give the same answer for every group, then times both,
plus the full explaining path (``evaluate.evaluate``) on a smaller sample.

    python benchmarks/delegates.py [--groups N] [--seed S] [--explain-sample M]

Times are the best of 3 runs (time.perf_counter, garbage collector paused
during a run, as timeit does). Nothing here asserts a speed.
"""
from __future__ import annotations

import argparse
import gc
import math
import random
import sys
import time
from collections import Counter
from functools import partial

from lla_constitution.evaluate import SILENT, decide, evaluate, value_key
from lla_constitution.loader import load
from lla_constitution.vocab import KINDS

TOPIC, TARGET = "delegates", "conference"
RUNS = 3

# ---- the synthetic register ---------------------------------------------

# An "area" (a meeting of signatories) exists only in the launch-2020
# arrangements, a "region" only in Tees's nominations, and an "lla_body" is a
# body of the LLA acting itself: none sends delegates under Dulwich.
GROUP_KINDS = [k for k in KINDS if k not in ("individual", "area", "region", "lla_body")]
# Exactly on and either side of every threshold Dulwich uses for members.
EDGES = (0, 1, 9, 10, 11, 99, 100, 101, 499, 500, 501, 1999, 2000, 2001)


def _members(rng: random.Random) -> int:
    """Mostly small groups (5..600, median ~60), a tail of large ones, some edge cases."""
    r = rng.random()
    if r < 0.03:
        return rng.choice(EDGES)
    if r < 0.88:
        return min(600, max(5, round(rng.lognormvariate(math.log(60), 1.0))))
    return rng.randint(600, 5000)


def register(n: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    groups = []
    for _ in range(n):
        kind = rng.choice(GROUP_KINDS)
        members = _members(rng)
        groups.append({
            "kind": kind,
            "members": members,
            "lla_supporters": rng.randint(0, members),
            "affiliated": rng.random() < 0.9,
            "national_affiliated": False,
            "region_affiliated": kind == "union_branch" and rng.random() < 0.5,
        })
    return groups


# ---- the same rule, written by hand -------------------------------------
# Returns what decide() returns: (status, key) with key a value key such as
# ("count", 3), or ("ambiguous", keys sorted by repr) when readings of the
# text or overlapping bands give more than one answer.

C0, C1, C2, C3, C4, C5 = (("count", n) for n in range(6))
ZERO = ("determined", C0)
ONE = ("determined", C1)
NO_DELEGATES = frozenset({"individual", "lla_branch"})  # 2.1 (vi) and not listed


def bands_between_readings(members: int) -> frozenset:
    """2.3 i-iv where 'between' may include both ends, the lower only, or the upper only.

    Away from 100 and 500 every reading agrees. 10 and 2000 fall in a band on
    every reading: 2.2 says groups of "10 or more" qualify, and "over 2000"
    starts where "between 500 and 2000" stops (issue 9).
    """
    if members < 10:
        return frozenset({SILENT})
    if members < 100:
        return frozenset({C2})
    if members == 100:
        return frozenset({C2, C3})
    if members < 500:
        return frozenset({C3})
    if members == 500:
        return frozenset({C3, C4})
    if members <= 2000:
        return frozenset({C4})
    return frozenset({C5})


def _answer(found) -> tuple:
    if len(found) == 1:
        (k,) = found
        return ("silent" if k == SILENT else "determined", k)
    return ("ambiguous", tuple(sorted(found, key=repr)))


def make_reference(bands):
    """Dulwich 2.1-2.4 for delegates(conference), given how 2.3's bands are read."""

    def reference(facts: dict) -> tuple:
        if not facts["affiliated"]:  # 2.1: only affiliated groups send delegates
            return ZERO
        kind = facts["kind"]
        if kind in NO_DELEGATES:  # 2.1: individuals vote themselves; others not listed
            return ZERO
        if kind == "union_national":  # 2.4: national offices get ONE
            return ONE
        if kind == "union_branch" and facts["region_affiliated"]:  # 2.4
            return ZERO
        band = bands(facts["members"])
        if kind == "local_group":
            # 2.2, two readings of "10 or more signed-up members".
            found = set()
            found |= {C0} if facts["members"] < 10 else band
            found |= {C0} if facts["lla_supporters"] < 10 else band
            return _answer(found)
        if kind in ("labour_branch", "clp"):
            # 2.1 ii "Labour Party Branches OR CLPs": under one reading both send
            # delegates, under another this kind sends none.
            return _answer(band | {C0})
        return _answer(band)

    return reference


# ---- checks -------------------------------------------------------------

def verify(groups, engine, ref) -> Counter:
    """Compare the two on every group; exit 1 with examples if any differ."""
    bad = []
    statuses: Counter = Counter()
    for facts in groups:
        got, want = engine(facts), ref(facts)
        statuses[got[0]] += 1
        if got != want:
            bad.append((facts, got, want))
    print(f"disagreements (engine vs hand-written): {len(bad)}")
    if bad:
        for facts, got, want in bad[:5]:
            print(f"  {facts}\n    engine:       {got}\n    hand-written: {want}")
        sys.exit(1)
    return statuses


def explain_key(result) -> tuple:
    """evaluate()'s Result reduced to decide()'s (status, key)."""
    if result.status == "ambiguous":
        keys = {SILENT if c.value is None else value_key(c.value) for c in result.cases}
        return "ambiguous", tuple(sorted(keys, key=repr))
    return result.status, SILENT if result.value is None else value_key(result.value)


# ---- timing -------------------------------------------------------------

def best_of(fn, groups, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        gc.collect()
        gc.disable()
        try:
            t0 = time.perf_counter()
            for facts in groups:
                fn(facts)
            times.append(time.perf_counter() - t0)
        finally:
            gc.enable()
    return min(times)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--groups", type=int, default=100_000, help="register size (default 100000)")
    ap.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    ap.add_argument("--explain-sample", type=int, default=2000,
                    help="groups timed on the full explaining path (default 2000)")
    args = ap.parse_args(argv)

    book = load("dulwich")
    groups = register(args.groups, args.seed)
    sample = groups[:args.explain_sample]
    engine = partial(decide, book, TOPIC, TARGET)
    explain = partial(evaluate, book, TOPIC, TARGET)
    # The rulebook reads 2.3's "between X and Y" three ways (either
    # between_bounds); the hand-written rule does the same.
    reference = make_reference(bands_between_readings)

    print(f"Dulwich delegates(conference), {len(groups):,} groups, seed {args.seed}")
    print("2.3 bands read as: three readings of 'between' (either between_bounds)")
    statuses = verify(groups, engine, reference)
    mismatched = [f for f in sample if explain_key(explain(f)) != engine(f)]
    print(f"disagreements (evaluate vs decide, {len(sample):,}-group sample): {len(mismatched)}")
    if mismatched:
        for f in mismatched[:5]:
            print(f"  {f}\n    evaluate: {explain_key(explain(f))}\n    decide:   {engine(f)}")
        return 1

    t_engine = best_of(engine, groups)
    t_ref = best_of(reference, groups)
    t_explain = best_of(explain, sample)

    n = len(groups)
    print()
    print(f"N                              {n:,}")
    print(f"engine decide()                {n / t_engine:>12,.0f} decisions/s"
          f"  ({t_engine:.3f} s, {t_engine / n * 1e6:.1f} µs each)")
    print(f"hand-written Python            {n / t_ref:>12,.0f} decisions/s"
          f"  ({t_ref:.3f} s, {t_ref / n * 1e6:.2f} µs each)")
    print(f"engine is {t_engine / t_ref:.0f}× slower than hand-written Python")
    print(f"engine evaluate() (explaining) {len(sample) / t_explain:>12,.0f} decisions/s"
          f"  ({len(sample):,} groups, {t_explain / len(sample) * 1e6:.1f} µs each)")
    print()
    print("statuses:")
    for status, count in statuses.most_common():
        print(f"  {status:<14}{count:>9,}  {count / n:6.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
