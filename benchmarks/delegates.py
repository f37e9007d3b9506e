"""Benchmark: "how many delegates may G send to conference?" under Dulwich.

Builds a deterministic synthetic register of N groups and answers it six
ways, each checked against a hand-written Python version of Dulwich clauses
2.1-2.4 on every group before it is timed:

- the hand-written function (the reference every ratio is against);
- the engine's compiled rules (``decision_table``): the fast path
  ``DecisionTable.decide`` and the explaining path ``DecisionTable.evaluate``;
- the engine's generic paths, ``evaluate.decide`` and ``evaluate.evaluate``;
- the same decision written for two rule engines, ``rule-engine`` and
  ``cedarpy`` (the benchmark extras: ``pip install -e '.[bench]'``; skipped
  with a note when they are not installed). Both are asked, for each possible
  answer (0-5 delegates, or none said), whether it is one: seven conditions
  per group, in each engine's own language.

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

from lla_constitution.decision_table import table_for
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


# ---- the same rule, for rule engines --------------------------------------
# Each possible answer with the condition under which it is one (a group may
# have several: the text's readings). Written once as data; each engine gets
# it in its own syntax.

NORMAL = ("affiliated and kind not in NO and kind != 'union_national' "
          "and not (kind == 'union_branch' and region_affiliated)")
OUTCOMES = [
    (C0, "not affiliated or kind in NO or (kind == 'union_branch' and region_affiliated) "
         f"or ({NORMAL} and kind == 'local_group' and (members < 10 or lla_supporters < 10)) "
         f"or ({NORMAL} and kind in LABOUR)"),
    (C1, "affiliated and kind == 'union_national'"),
    (C2, f"{NORMAL} and members >= 10 and members <= 100"),
    (C3, f"{NORMAL} and members >= 100 and members <= 500"),
    (C4, f"{NORMAL} and members >= 500 and members <= 2000"),
    (C5, f"{NORMAL} and members > 2000"),
    (SILENT, f"{NORMAL} and kind != 'local_group' and members < 10"),
]
SETS = {"NO": sorted(NO_DELEGATES), "LABOUR": ["clp", "labour_branch"]}


def _found(outcomes) -> tuple:
    return _answer(frozenset(outcomes) or frozenset({SILENT}))


def rule_engine_reference():
    """The rule in rule-engine's expression language, or None if not installed."""
    try:
        import rule_engine
    except ImportError:
        return None
    rules = [(outcome, rule_engine.Rule(_re_syntax(cond))) for outcome, cond in OUTCOMES]

    def decide_re(facts: dict) -> tuple:
        return _found([o for o, rule in rules if rule.matches(facts)])
    return decide_re


def _re_syntax(cond: str) -> str:
    """'kind not in [..]' as rule-engine writes it: 'not (kind in [..])'."""
    import re

    for name, values in SETS.items():
        listed = "[" + ", ".join(repr(v) for v in values) + "]"
        cond = re.sub(rf"kind not in {name}\b", f"not (kind in {listed})", cond)
        cond = re.sub(rf"kind in {name}\b", f"kind in {listed}", cond)
    return cond


def cedar_reference():
    """The rule as Cedar policies (one per answer), or None if not installed:
    a group asks to 'send' each possible answer, which is one if permitted."""
    try:
        import cedarpy
    except ImportError:
        return None
    import re

    def cedar(cond: str) -> str:
        for name, values in SETS.items():
            listed = "[" + ", ".join(f'"{v}"' for v in values) + "]"
            cond = re.sub(rf"kind not in {name}\b", f"!{listed}.contains(context.kind)", cond)
            cond = re.sub(rf"kind in {name}\b", f"{listed}.contains(context.kind)", cond)
        cond = re.sub(r"\b(affiliated|region_affiliated|members|lla_supporters|kind)\b(?![\"\]])",
                      r"context.\1", cond)
        cond = cond.replace("context.context.", "context.").replace("'", '"')
        cond = re.sub(r"\bnot\b", "!", cond)
        return cond.replace(" and ", " && ").replace(" or ", " || ")
    names = {o: f"o{i}" for i, (o, _) in enumerate(OUTCOMES)}
    policies = "\n".join(f'permit(principal, action == Action::"send", resource == Outcome::"{names[o]}") '
                         f"when {{ {cedar(c)} }};" for o, c in OUTCOMES)
    by_name = {v: k for k, v in names.items()}

    def decide_cedar(facts: dict) -> tuple:
        context = {k: facts[k] for k in ("kind", "members", "lla_supporters", "affiliated",
                                         "region_affiliated")}
        requests = [{"principal": 'Group::"g"', "action": 'Action::"send"',
                     "resource": f'Outcome::"{n}"', "context": context} for n in by_name]
        results = cedarpy.is_authorized_batch(requests, policies, [])
        return _found([by_name[q["resource"].split('"')[1]] for q, r in zip(requests, results)
                       if r.allowed])
    return decide_cedar


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
                    help="groups timed on the generic explaining path and on cedarpy (default 2000)")
    args = ap.parse_args(argv)

    book = load("dulwich")
    groups = register(args.groups, args.seed)
    sample = groups[:args.explain_sample]
    engine = partial(decide, book, TOPIC, TARGET)
    explain = partial(evaluate, book, TOPIC, TARGET)
    table = table_for(book, TOPIC, TARGET)
    # The rulebook reads 2.3's "between X and Y" three ways (either
    # between_bounds); the hand-written rule does the same.
    reference = make_reference(bands_between_readings)

    print(f"Dulwich delegates(conference), {len(groups):,} groups, seed {args.seed}")
    print("2.3 bands read as: three readings of 'between' (either between_bounds)")
    statuses = verify(groups, engine, reference)
    verify(groups, table.decide, reference)
    mismatched = [f for f in sample if explain_key(explain(f)) != engine(f)
                  or explain_key(table.evaluate(f)) != engine(f)]
    print(f"disagreements (explaining paths vs decide, {len(sample):,}-group sample): {len(mismatched)}")
    if mismatched:
        for f in mismatched[:5]:
            print(f"  {f}\n    evaluate: {explain_key(explain(f))}\n    decide:   {engine(f)}")
        return 1
    others = {"rule-engine": (rule_engine_reference(), groups),
              "cedarpy": (cedar_reference(), sample)}
    for name, (fn, on) in others.items():
        if fn is None:
            print(f"{name}: not installed (pip install -e '.[bench]'), skipped")
        else:
            verify(on, fn, reference)

    n = len(groups)
    t_ref = best_of(reference, groups)
    rows = [("hand-written Python", t_ref, n)]
    rows.append(("compiled rules, fast path (DecisionTable.decide)", best_of(table.decide, groups), n))
    rows.append(("compiled rules, explaining (DecisionTable.evaluate)", best_of(table.evaluate, groups), n))
    rows.append(("generic fast path (evaluate.decide)", best_of(engine, groups), n))
    rows.append(("generic explaining path (evaluate.evaluate)", best_of(explain, sample), len(sample)))
    for name, (fn, on) in others.items():
        if fn is not None:
            rows.append((name, best_of(fn, on), len(on)))
    per_ref = t_ref / n
    print()
    print(f"{'path':<52}{'groups':>9}{'µs each':>10}{'× hand-written':>16}")
    for name, t, count in rows:
        each = t / count
        print(f"{name:<52}{count:>9,}{each * 1e6:>10.2f}{each / per_ref:>15.2f}×")
    print()
    print(f"cells the compiled table answered: {len(table.decided):,} (fast path), "
          f"{len(table.answered):,} (explaining path), for {n:,} groups")
    print("issue 14's targets: fast path ≤ 1× hand-written, explaining path ≤ 20×")
    print()
    print("statuses:")
    for status, count in statuses.most_common():
        print(f"  {status:<14}{count:>9,}  {count / n:6.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
