"""Decide a topic for a subject: which rules apply, which override which, and
whether the text settles the answer.

A topic is decided per *scenario*: one reading of every vague clause that
bears on it, and one cell of every fact the caller did not give. If every
scenario gives the same single value the answer is that value; otherwise it is
``ambiguous`` and each possible answer says when it holds.

>>> from lla_constitution.loader import load
>>> r = evaluate(load("dulwich"), "delegates", "conference",
...              {"kind": "local_group", "members": 150, "lla_supporters": 150, "affiliated": True})
>>> r.status, r.value.n
('determined', 3)
"""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

import itertools
import operator
from datetime import date
from dataclasses import dataclass, field, replace

from . import ast as A
from .words import no_body
from .errors import InputError, fail
from .partition import (Cell, add, choice_cells, continuous_cells, describe_run,
                        duration_seconds, int_cells, period_of, runs)
from .resolve import Book, Entry
from .vocab import FACTS, TOPICS

MAX_SCENARIOS = 20000
# Readings of vague clauses one question may turn on, combined: twelve binary
# eithers (4,096) took seconds; the bundled drafts need far fewer.
MAX_READINGS = 1024

# ---- conditions, three-valued -------------------------------------------


_COMPILED: dict[int, tuple] = {}


def holds(cond, facts: dict) -> bool | None:
    """True, False, or None when a fact it needs is not known (Kleene logic).

    >>> holds(A.And((A.Flag("affiliated"), A.Compare("members", ">=", A.Lit("int", 10)))),
    ...       {"members": 12})
    """
    entry = _COMPILED.get(id(cond))
    if entry is None or entry[0] is not cond:
        # Keep the node alive beside its closure so its id cannot be reused.
        entry = _COMPILED[id(cond)] = (cond, compile_cond(cond))
    return entry[1](facts)


_OPS = {"=": operator.eq, "!=": operator.ne, ">=": operator.ge, "<=": operator.le,
        ">": operator.gt, "<": operator.lt}


def compile_cond(cond):
    """The same three-valued test as :func:`holds`, built once into closures.

    Built from the AST's data (never from text through eval), for the fast path.
    >>> test = compile_cond(A.Within("members", 10, 100))
    >>> test({"members": 50}), test({"members": 5}), test({})
    (True, False, None)
    """
    if cond is None:
        return lambda facts: True
    if isinstance(cond, (A.And, A.Or)):
        parts = [compile_cond(c) for c in cond.conds]
        stop = isinstance(cond, A.Or)  # the value that settles the whole

        def junction(facts):
            unknown = False
            for part in parts:
                v = part(facts)
                if v is stop:
                    return stop
                unknown |= v is None
            return None if unknown else not stop
        return junction
    if isinstance(cond, A.Not):
        inner = compile_cond(cond.cond)
        return lambda facts: None if (v := inner(facts)) is None else not v
    name = cond.fact
    if isinstance(cond, A.Flag):
        return lambda facts: None if (v := facts.get(name)) is None else bool(v)
    if isinstance(cond, A.Within):
        lo, hi = cond.lo, cond.hi
        return lambda facts: None if (v := facts.get(name)) is None else lo <= v <= hi
    if isinstance(cond, A.Member):
        names = frozenset(cond.names)
        if FACTS[name].type == "set":  # a set of organisations: belongs to any of them
            return lambda facts: None if (v := facts.get(name)) is None else not names.isdisjoint(v)
        return lambda facts: None if (v := facts.get(name)) is None else v in names
    op, lit = _OPS[cond.op], cond.lit
    if lit.type == "duration":
        n, unit = lit.value

        def within(facts):
            v = facts.get(name)
            if v is None:
                return None
            v = v.counted(unit) if hasattr(v, "counted") else v  # model.LeadTime: hours are real time
            return op(v.end, add(v.start, n, unit))
        return within
    value = lit.value
    return lambda facts: None if (v := facts.get(name)) is None else op(v, value)


def facts_in(cond) -> list[str]:
    if cond is None:
        return []
    if isinstance(cond, (A.And, A.Or)):
        out = []
        for c in cond.conds:
            out += [f for f in facts_in(c) if f not in out]
        return out
    if isinstance(cond, A.Not):
        return facts_in(cond.cond)
    return [cond.fact]


def _constants(cond, fact: str, out: set):
    if cond is None:
        return
    if isinstance(cond, (A.And, A.Or)):
        for c in cond.conds:
            _constants(c, fact, out)
    elif isinstance(cond, A.Not):
        _constants(cond.cond, fact, out)
    elif cond.fact == fact:
        if isinstance(cond, A.Within):
            out.update((cond.lo, cond.hi))
        elif isinstance(cond, A.Compare):
            v = cond.lit.value
            if cond.lit.type == "duration":
                v = duration_seconds(*v)
            elif cond.lit.type == "date":
                v = v.toordinal()
            out.add(v)
        elif isinstance(cond, A.Member):
            out.update(cond.names)


def possible(facts: dict) -> bool:
    """Facts that cannot hold together: more LLA supporters in a group than
    members; a socialist other party for one in no other party (round 44)."""
    members, supporters = facts.get("members"), facts.get("lla_supporters")
    if facts.get("socialist_party") is True and facts.get("other_party") is False:
        return False
    # One submitter (model.SubmitMotion): a group or members put it ("by"
    # none), or a body of the draft does (kind lla_body); not both (round 47:
    # lint found London 2.6 contradicting itself for a group put "by" a body).
    kind, by = facts.get("kind"), facts.get("by")
    if kind is not None and by is not None and (by not in ("none", "petition")) != (kind == "lla_body"):
        return False
    return members is None or supporters is None or supporters <= members


# ---- outcomes -----------------------------------------------------------

SILENT = ("silent",)


def concrete(value, facts: dict):
    """A ratio becomes a count once its fact is known; other values are as written.

    >>> concrete(A.Ratio(1, 3, "lla_supporters", "down"), {"lla_supporters": 31})
    Count(n=10, up_to=False)
    """
    if isinstance(value, A.Ratio) and facts.get(value.fact) is not None:
        q, r = divmod(facts[value.fact] * value.n, value.per)
        up = {"down": False, "up": r > 0, "nearest": 2 * r >= value.per}[value.rounding]
        return A.Count(q + up, span=value.span)
    return value


def value_key(value) -> tuple:
    """What makes two values the same answer (spans and wording aside)."""
    if isinstance(value, A.Ratio):
        return ("ratio", value.n, value.per, value.fact, value.rounding)
    if isinstance(value, A.Count):
        # "up to 3" is a ceiling, not the number 3 (round 55: a diff said "A 3"
        # of LAW/SLL 3.b.1's "can appoint up to three").
        return ("count", value.n, "up to") if value.up_to else ("count", value.n)
    if isinstance(value, A.Money):
        return ("money", value.pence, value.at_least, value.per_year)
    if isinstance(value, A.Permission):
        return ("permission", value.allowed)
    if isinstance(value, A.Delegated):
        return ("delegated", value.body)
    if isinstance(value, A.NotApplicable):
        return ("not_applicable",)
    if isinstance(value, A.Unspecified):
        return ("unspecified",)
    if isinstance(value, A.Frequency):
        return ("frequency", value.every, value.at_least)
    if isinstance(value, A.Largest):
        return ("largest",)
    if isinstance(value, A.Transferable):
        return ("transferable",)
    if isinstance(value, A.Step):
        return ("step", value.action, value.what)
    return ("decision", value)


def status_of(value) -> str:
    if value is None:
        return "silent"
    if isinstance(value, A.Delegated):
        return "delegated"
    if isinstance(value, A.NotApplicable):
        return "not_applicable"
    if isinstance(value, A.Unspecified):
        return "silent"
    return "determined"


def _overridden(entry: Entry, refs) -> bool:
    cid = entry.clause.id
    return any(cid == r or cid.startswith(r + ".") for r in refs)


@dataclass
class TopicIndex:
    """What one topic's rules need worked out once per rulebook, not per question."""

    entries: list[Entry]
    beats: list[frozenset]  # for each rule, the other rules it overrides
    keys: list[tuple]  # for each rule, the answer it gives
    tests: list  # for each rule, its condition compiled


def topic_index(book: Book, topic: str, target: str | None) -> TopicIndex:
    cache = book.__dict__.setdefault("_topic_index", {})
    ix = cache.get((topic, target))
    if ix is None:
        entries = book.entries(topic, target)
        beats = [frozenset(j for j, other in enumerate(entries)
                           if j != i and _overridden(other, e.rule.overrides))
                 for i, e in enumerate(entries)]
        ix = cache[(topic, target)] = TopicIndex(entries, beats, [value_key(e.rule.value) for e in entries],
                                                 [compile_cond(e.rule.cond) for e in entries])
    return ix


def held(ix: TopicIndex, facts: dict) -> list[int]:
    """Indices of the rules whose condition holds on `facts`, in order."""
    return [i for i, test in enumerate(ix.tests) if test(facts) is True]


def deciding(ix: TopicIndex, held: list[int], choice: dict) -> list[int]:
    """Indices of the rules that decide, given the rules whose conditions hold
    (in order) and one reading per either.

    A rule never overrides itself, even when it names its own clause; an
    `otherwise` rule speaks only when no other rule does."""
    entries = ix.entries
    active = [i for i in held
              if (r := entries[i].reading) is None or choice.get(r[0]) == r[1]]
    normal = [i for i in active if not ix.entries[i].rule.otherwise]
    if normal:
        beaten = frozenset().union(*(ix.beats[i] for i in normal))
        winners = [i for i in normal if i not in beaten]
        if winners:
            return winners
    return [i for i in active if ix.entries[i].rule.otherwise]


def decide_scenario(book: Book, topic: str, target: str | None, facts: dict, choice: dict) -> list[Entry]:
    """The rules that decide in one scenario (all facts known, one reading each)."""
    ix = topic_index(book, topic, target)
    return [ix.entries[i] for i in deciding(ix, held(ix, facts), choice)]


# ---- scenarios ----------------------------------------------------------

@dataclass
class Dimension:
    """A thing the answer may depend on: an unknown fact, or a vague clause's readings."""

    name: str
    kind: str  # fact type, or "reading"
    cells: list[Cell]
    key: str | None = None  # the either key, for readings


def _fact_cells(fact: str, entries: list[Entry], book: Book) -> list[Cell]:
    f = FACTS[fact]
    consts: set = set()
    for e in entries:
        _constants(e.rule.cond, fact, consts)
    if f.type in ("int", "money"):
        return int_cells(consts)
    if f.type == "bool":
        return choice_cells([True, False])
    if f.type == "enum":
        # `by`: a body of the draft, or none (a group or members put it;
        # round 47: without "none" every scenario had a body and a group put
        # it at once, which possible() now rules out).
        values = tuple(b.id for b in book.ast.bodies) + ("none",) if fact == "by" else f.values
        return choice_cells(values)
    if f.type == "set":
        # Rules only ask "belongs to any of these": one named organisation at a
        # time, or none of those the rules name, covers what they can tell apart.
        return [Cell(frozenset([n]), None, None, label=n) for n in sorted(consts)] + [
            Cell(frozenset(), None, None, label="none of them")]
    if f.type == "date":
        return [Cell(date.fromordinal(max(c.rep, 1)), c.lo, c.hi) for c in int_cells(consts)]
    if f.type == "share":
        return continuous_cells(consts, top=1)
    cells = continuous_cells(consts)
    return [Cell(period_of(c.rep), c.lo, c.hi, c.lo_incl, c.hi_incl) for c in cells]


def dimensions(book: Book, entries: list[Entry], facts: dict) -> list[Dimension]:
    dims: list[Dimension] = []
    keys = []
    for e in entries:
        if e.reading and e.reading[0] not in keys:
            keys.append(e.reading[0])
    for key in keys:
        readings = book.eithers[key].readings
        dims.append(Dimension(f"reading of {key.split('#')[0]}", "reading",
                              [Cell(i, None, None, label=r.label) for i, r in enumerate(readings)],
                              key))
    unknown = []
    for e in entries:
        if holds(e.rule.cond, facts) is not None:
            continue  # the given facts settle this rule whatever the rest are
        for f in facts_in(e.rule.cond):
            if facts.get(f) is None and f not in unknown:
                unknown.append(f)
    for f in unknown:
        dims.append(Dimension(f, FACTS[f].type, _fact_cells(f, entries, book)))
    return dims


@dataclass
class Case:
    """One possible answer and the scenarios in which it is the answer."""

    value: object  # an AST value, or None for silence
    when: list[str]
    because: list[Entry]

    @property
    def status(self) -> str:
        return status_of(self.value)


@dataclass
class Result:
    topic: str
    target: str | None
    status: str
    value: object = None
    cases: list[Case] = field(default_factory=list)
    because: list[Entry] = field(default_factory=list)
    depends_on: list[str] = field(default_factory=list)
    note: str | None = None
    unmet: list[str] = field(default_factory=list)  # why the nearest rules did not apply
    # What the trace is worked out from (the rules, the facts, the rulebook):
    # only when it is read, as a register's answers seldom show it.
    trace_from: tuple | None = field(default=None, repr=False, compare=False)
    _trace: list | None = field(default=None, repr=False, compare=False)
    # Where each case holds (the dimensions, the impossible combinations, and
    # per case its combinations): so cases that an action judges alike can be
    # described as one region, not as a list of their parts (see `when_of`).
    regions: tuple | None = field(default=None, repr=False, compare=False)

    @property
    def trace(self) -> list[dict]:
        """Each rule of the topic with whether its condition holds on the facts given."""
        if self._trace is None:
            self._trace = trace(*self.trace_from) if self.trace_from else []
        return self._trace

    @property
    def decided_by(self) -> str | None:
        return self.value.body if isinstance(self.value, A.Delegated) else None


def check_readings(combinations: int, span=None) -> None:
    """Refuse a question that turns on more combinations of readings than
    MAX_READINGS; `lla ask`, `lla check` and the analyses share the limit."""
    if combinations > MAX_READINGS:
        fail(InputError, span,
             f"the answer turns on {combinations:,} combinations of readings of vague clauses, "
             f"more than the {MAX_READINGS:,} lla explores",
             expected=f"at most {MAX_READINGS:,} combinations of readings for one question",
             help="give fewer 'either' blocks a say in one question, or share a reading name "
                  "between eithers that are one choice")


def _scenarios(dims: list[Dimension], book: Book | None = None):
    total = readings = 1
    for d in dims:
        total *= len(d.cells)
        if d.kind == "reading":
            readings *= len(d.cells)
    span = book.ast.span if book is not None else None
    check_readings(readings, span)
    if total > MAX_SCENARIOS:
        names = ", ".join(d.name for d in dims if d.kind != "reading")
        fail(InputError, span, f"too many unstated facts to enumerate ({total:,} cases)",
             expected=f"at most {MAX_SCENARIOS:,} cases", help=f"state some of: {names}")
    return itertools.product(*(range(len(d.cells)) for d in dims))


def _describe(dims: list[Dimension], box: tuple[frozenset, ...]) -> list[str]:
    words = []
    for d, cells in zip(dims, box):
        if len(cells) == len(d.cells):
            continue
        if d.kind == "reading":
            words.append(" or ".join(f"reading: {d.cells[i].label}" for i in sorted(cells)))
        else:
            words.append(" or ".join(describe_run(d.name, d.cells, run, d.kind)
                                     for run in runs(cells)))
    if len(words) > 1:
        words = [f"({w})" if " or " in w else w for w in words]
    return words


def _merge(boxes: list[tuple[frozenset, ...]]) -> list[tuple[frozenset, ...]]:
    """Join boxes that differ in one dimension only, until none do."""
    boxes = list(dict.fromkeys(boxes))
    changed = True
    while changed:
        changed = False
        for i, j in itertools.combinations(range(len(boxes)), 2):
            a, b = boxes[i], boxes[j]
            diff = [k for k in range(len(a)) if a[k] != b[k]]
            if len(diff) <= 1:
                k = diff[0] if diff else 0
                merged = tuple(a[n] | b[n] if n == k else a[n] for n in range(len(a)))
                boxes = [x for n, x in enumerate(boxes) if n not in (i, j)] + [merged]
                changed = True
                break
    return sorted(boxes, key=lambda bx: tuple(sorted(c)[0] for c in bx))


def near_misses(entries: list[Entry], facts: dict) -> list[Entry]:
    """Rules whose condition fails on something other than the kind of subject."""
    kind_only = {"kind": facts["kind"]} if "kind" in facts else {}
    return [e for e in entries if not e.rule.otherwise and holds(e.rule.cond, facts) is False
            and holds(e.rule.cond, kind_only) is not False]


def _fails_on_numbers(cond, facts: dict) -> bool:
    failed = [a for a in _atoms(cond) if holds(a, facts) is False]
    return bool(failed) and all(
        all(FACTS[f].type in ("int", "money", "share", "duration", "date") for f in facts_in(a))
        for a in failed)


def _refusal(value) -> bool:
    """Rules that only take away (0 delegates, forbidden) are never 'near misses'."""
    return (isinstance(value, A.Count) and value.n == 0) or (
        isinstance(value, A.Permission) and not value.allowed)


def unmet(entries: list[Entry], facts: dict) -> list[str]:
    """The parts of each near-miss rule's condition that failed, with the facts."""
    from .explain import fact_text
    from .format import cond as show

    out = []
    for e in entries:
        atoms = _atoms(e.rule.cond)
        failed = [a for a in atoms if holds(a, facts) is False]
        for a in failed:
            values = ", ".join(f"{f} = {fact_text(f, _as_tested(a, f, facts.get(f)))}" for f in facts_in(a))
            line = f"{e.clause.id}: {show(a)} is not met ({values})"
            if line not in out:
                out.append(line)
    return out


def _as_tested(atom, fact: str, value):
    """A lead time as the test measured it: in real hours where the deadline
    is in hours (Dulwich 2.7's '24 hours before the ... date'), not the whole
    days a deadline in days or weeks counts."""
    lit = getattr(atom, "lit", None)
    if hasattr(value, "counted") and lit is not None and lit.type == "duration":
        return value.counted(lit.value[1])
    return value


def _atoms(cond) -> list:
    if cond is None:
        return []
    if isinstance(cond, A.And):
        return [a for c in cond.conds for a in _atoms(c)]
    return [cond]


def trace(entries: list[Entry], facts: dict, book: Book) -> list[dict]:
    """Each rule of the topic with whether its condition holds on the given facts."""
    out = []
    for e in entries:
        used = facts_in(e.rule.cond)
        row = {
            "clause": e.clause.id,
            "rule": e.rule,
            "holds": holds(e.rule.cond, facts),
            "values": {f: facts.get(f) for f in used},
            "otherwise": e.rule.otherwise,
            "overrides": list(e.rule.overrides),
        }
        if e.reading:
            row["reading"] = book.reading_label(*e.reading)
        out.append(row)
    return out


# While :func:`recording` runs, each evaluation's question and facts are kept,
# so a witness can be checked for asking what its region says (analyse.witness).
_SEEN: ContextVar[list | None] = ContextVar("evaluated", default=None)


@contextmanager
def recording():
    """Collect (topic, target, facts) of every evaluation inside the block.

    >>> from lla_constitution.loader import load
    >>> with recording() as seen:
    ...     _ = evaluate(load("tees"), "fee", None, {"kind": "union_national"})
    >>> seen
    [('fee', None, {'kind': 'union_national'})]
    """
    seen: list = []
    token = _SEEN.set(seen)
    try:
        yield seen
    finally:
        _SEEN.reset(token)


def _free(combos, dims, impossible=()) -> set[str]:
    """The unknown facts an answer's scenarios do not depend on: changing one
    to any other value keeps every scenario in the answer."""
    have = set(combos) | set(impossible)
    out = set()
    for i, d in enumerate(dims):
        if d.kind == "reading" or len(d.cells) < 2:
            continue
        if all(c[:i] + (j,) + c[i + 1:] in have for c in combos for j in range(len(d.cells))):
            out.add(d.name)
    return out


def _cited(per_scenario: list[list[Entry]], combos=(), dims=(), impossible=(), agreeing=None) -> list[Entry]:
    """The rules to cite for one answer reached in several scenarios (unknown
    facts, open readings).

    An unknown fact the answer holds for whatever its value ("free": every
    cell of it is among the scenarios) is no part of the answer's ground, so
    a rule that tests it decides only incidentally (labour-nec-2021's
    auto_exclusion, for members only, when the Labour status is not given);
    the other rules that decide are the grounds, each in its own scenarios
    (the proscription of each of the four groups). Where only readings vary,
    a rule that decides on every reading is preferred to one that joins it
    on some."""
    union: list[Entry] = []
    for es in per_scenario:
        union.extend(e for e in es if e not in union)
    free = _free(combos, dims, impossible)
    grounds = [e for e in union if not set(facts_in(e.rule.cond)) & free]
    if not all(any(g in es for g in grounds) for es in per_scenario):
        # Some scenario has no ground left. A rule that holds there and gives
        # the same answer, though another overrides it, is its ground where
        # it decides the other scenarios: Dulwich 2.5 refuses a group of five
        # whenever it is sent; 2.6's deadline, which overrides it when late,
        # is no ground of a refusal that does not depend on the date.
        agree = agreeing(free) if agreeing is not None else None
        steady = [e for e in union if not set(facts_in(e.rule.cond)) & free]
        if agree is not None and steady and all(
                any(g in es or g in ag for g in steady) for es, ag in zip(per_scenario, agree)):
            grounds = steady
        else:
            # Otherwise its rule is a ground after all (Tees 3.6's limit for
            # an affiliated nominator, 3.5's list for one that is not, when
            # affiliation is not said).
            grounds = union
    if not any(d.kind != "reading" and len({c[i] for c in combos}) > 1 for i, d in enumerate(dims)):
        # Only readings vary: a rule that decides on every reading is the
        # ground, not one that joins it on some.
        common = [e for e in grounds if all(e in es for es in per_scenario)]
        return common or grounds
    return grounds


def evaluate(book: Book, topic: str, target: str | None, facts: dict) -> Result:
    """Decide `topic(target)` for the subject described by `facts`, with its reasons."""
    seen = _SEEN.get()
    if seen is not None:
        seen.append((topic, target, dict(facts)))
    result, near = answer_of(book, topic, target, facts)
    return with_facts(result, near, book, facts)


def with_facts(result: Result, near, book: Book, facts: dict) -> Result:
    """`result` (from :func:`answer_of`) with what this subject's own facts
    add: the trace of every rule and why the nearest rules failed. Both
    quote the facts' values, so a decision table shares the rest and adds these."""
    result = _said_for(result, facts)
    if near is None:
        return result
    entries, why_not = near
    return replace(result, trace_from=(entries, dict(facts), book), _trace=None,
                   unmet=unmet(why_not, facts) if why_not else [])


def _said_for(result: Result, facts: dict) -> Result:
    """The answer's cases said for these facts: a members range from the
    supporters given (see _said_dims). Worked out here, not with the answer,
    which a decision table shares among all the facts of one cell (round
    64: the API's answer carried the clipping of an earlier question's)."""
    if not result.regions or not ({"members", "lla_supporters"} & set(facts)):
        return result
    dims, impossible, per_case = result.regions
    said = _said_dims(dims, facts)
    if said == dims or len(per_case) != len(result.cases):
        return result
    cases = [replace(c, when=_when(said, combos, impossible)[0]) for c, combos in zip(result.cases, per_case)]
    return replace(result, cases=cases, regions=(said, impossible, per_case))


def _nearest_in_every(entries, held: list) -> list:
    """The rules that came closest, on a number only, in every case where
    no rule speaks (`held`: the (scenario, holding, choice) of each)."""
    near = None
    for scenario, _, _ in held:
        here = [e for e in near_misses(entries, scenario) if _fails_on_numbers(e.rule.cond, scenario)]
        near = here if near is None else [e for e in near if e in here]
        if not near:
            break
    return near or []


def _read_apart(dims, silent: list, because: dict, order: list) -> list:
    """Rules giving every spoken part of a silence, each under one reading of
    its either, where the unspoken part lies wholly under its other readings."""
    spoken = [k for k in order if k != SILENT]
    if not silent or not spoken:
        return []
    at = {d.key: i for i, d in enumerate(dims) if d.kind == "reading"}
    return [e for e in because[spoken[0]]
            if e.reading is not None and e.reading[0] in at
            and all(e in because[k] for k in spoken)
            and all(c[at[e.reading[0]]] != e.reading[1] for c in silent)]


def answer_of(book: Book, topic: str, target: str | None, facts: dict) -> tuple[Result, tuple | None]:
    """The answer and its grounds (see :func:`_answer_of`), saying so when a
    ballot's answer is read from the rules for the body it elects."""
    result, grounds = _answer_of(book, topic, target, facts)
    said = elected_note(book, topic, target)
    if said and result.status != "not_applicable":
        result.note = said + (f"; {result.note}" if result.note else "")
    return result, grounds


def elected_note(book: Book, topic: str, target: str | None) -> str | None:
    """Why a ballot is answered by another body's rules (`elects`).

    >>> from lla_constitution.loader import load
    >>> elected_note(load("tees"), "nominate", "sc_ballot")
    'the OMOV electronic ballot for the Steering Committee elects the Steering Committee: who may nominate to it is read from the rules for the Steering Committee'
    """
    from .resolve import ELECTED_TOPICS

    if topic not in ELECTED_TOPICS or book.by_topic.get((topic, target)):
        return None
    elected = book.elected(target)
    if elected is None:
        return None
    from .words import the

    ballot, body = the(book.body(target).name), the(book.body(elected).name)
    verb = {"stand": "stand in it", "nominate": "nominate to it"}[topic]
    return f"{ballot} elects {body}: who may {verb} is read from the rules for {body}"



def _answer_of(book: Book, topic: str, target: str | None, facts: dict) -> tuple[Result, tuple | None]:
    """The answer and its grounds, which turn only on the cell each fact is
    in (see decision_table); and the rules whose trace and near misses
    :func:`with_facts` adds for the facts themselves (None: no trace)."""
    if target is not None and TOPICS[topic].of == "ballot":
        if book.ast.ballot(target) is None:
            return Result(topic, target, "not_applicable", note=f"{book.id} holds no ballot '{target}'"), None
    elif target is not None and book.body(target) is None:
        return Result(topic, target, "not_applicable",
                      note=no_body(book.id, next((b.name for b in book.ast.bodies if b.id == target), target))), None
    entries = book.entries(topic, target)
    if not entries:
        return Result(topic, target, "silent", note=f"{book.id} says nothing on {topic}"
                      + (f" for {target}" if target else "")), None
    dims = dimensions(book, entries, facts)
    per_value: dict[tuple, list] = {}
    values: dict[tuple, object] = {}
    deciders: dict[tuple, list[list[Entry]]] = {}
    held_by: dict[tuple, list] = {}
    n_scenarios = 0
    impossible = []
    for combo in _scenarios(dims, book):
        scenario = dict(facts)
        choice = {}
        for d, idx in zip(dims, combo):
            if d.kind == "reading":
                choice[d.key] = idx
            else:
                scenario[d.name] = d.cells[idx].rep
        if not possible(scenario) and not _possible_in_cells(scenario, dims, combo):
            impossible.append(combo)
            continue
        n_scenarios += 1
        keys = {}
        ix = topic_index(book, topic, target)
        hold = held(ix, scenario)
        for i in deciding(ix, hold, choice):
            e = ix.entries[i]
            keys.setdefault(value_key(concrete(e.rule.value, scenario)), []).append(e)
        if not keys:
            keys = {SILENT: []}
        for k, es in keys.items():
            per_value.setdefault(k, []).append(combo)
            values.setdefault(k, None if k == SILENT else concrete(es[0].rule.value, scenario))
            deciders.setdefault(k, []).append(es)
            held_by.setdefault(k, []).append((scenario, hold, choice))

    def agreeing(k):
        """Per scenario of answer k: the rules that would decide it, and give
        k, were the deciding rules that test a free fact set aside (read only
        when citing needs it). An `otherwise` rule counts only where no other
        rule would then speak: Dulwich 2.5's refusal of a group of five, where
        2.6's deadline decides; not Tees 3.5's closed list, where its own
        list admits the nominator and 3.6's limit decides."""
        def run(free):
            out = []
            ix = topic_index(book, topic, target)
            for scenario, hold, choice in held_by[k]:
                winners = deciding(ix, hold, choice)
                aside = {i for i in winners if set(facts_in(ix.entries[i].rule.cond)) & free}
                rest = deciding(ix, [i for i in hold if i not in aside], choice) if aside else winners
                out.append([ix.entries[i] for i in rest
                            if value_key(concrete(ix.entries[i].rule.value, scenario)) == k])
            return out
        return run

    because = {k: _cited(sets, per_value[k], dims, impossible, agreeing(k)) for k, sets in deciders.items()}
    order = sorted(per_value, key=lambda k: min(per_value[k]))
    if len(order) > 1 and all(status_of(values[k]) == "silent" for k in order):
        # A rule that says 'unspecified' in some cases and no rule in others:
        # silent either way, one answer, not a choice between two silences.
        merged = [k for k in order if k != SILENT]
        # A rule is a ground of the merged silence only if it is one in every
        # part: one that says 'unspecified' in some cases is no ground where
        # no rule speaks (Dulwich 3.8 on motions put during the meeting only).
        common = [e for e in because[order[0]] if all(e in because[k] for k in order)]
        # But a rule that speaks under one reading of its clause, where every
        # case no rule speaks to lies under the clause's other readings, is a
        # ground: the silence there is of how that clause is read (round 49:
        # Merseyside 1 on a Conservative, "a socialist movement" under one
        # reading, a call on where the LLA organises under the other).
        common += [e for e in _read_apart(dims, per_value.get(SILENT, []), because, order)
                   if e not in common]
        if not common and SILENT in per_value:
            # No rule is a ground in every part: each part's own grounds are
            # cited, the rules that say nothing of some cases (their notes
            # say which) and, where no rule speaks, the rules that came
            # closest on a number (round 65: CAC 4.2 B for a group of 5 was
            # a bare "silent": unaffiliated, 4.2.b says nothing; affiliated,
            # it is under the bands).
            near = _nearest_in_every(entries, held_by[SILENT])
            if near:
                common = [e for k in merged for e in because[k]] + near
                common = list(dict.fromkeys(common))
        order = merged[:1] or order[:1]
        per_value = {order[0]: sorted(c for k in per_value for c in per_value[k])}
        because = {order[0]: common}
    result = Result(topic, target, "ambiguous",
                    depends_on=[d.name for d in dims if d.kind != "reading"])
    if len(order) == 1 and len(per_value[order[0]]) == n_scenarios:
        k = order[0]
        result.status = status_of(values[k])
        result.value = values[k]
        result.because = sorted(because[k], key=lambda e: e.order)
        misses = near_misses(entries, facts)
        why_not = []
        if result.because and all(e.rule.otherwise for e in result.because):
            why_not = [e for e in misses if not _refusal(e.rule.value)]
        if k == SILENT:
            # Cite the rules that came closest: those this subject misses only
            # on a number (a size, a date, a share), the gaps between bands.
            result.because = why_not = [e for e in misses if _fails_on_numbers(e.rule.cond, facts)]
            result.note = (f"no clause of {book.id} decides this case"
                           + ("; the nearest rules are cited" if result.because else ""))
        return result, (entries, why_not)
    if SILENT in per_value:
        # Where no rule speaks in part of the answer, the rules that came
        # closest in every case of that part are cited, as a whole silence
        # cites them (round 64: LAW/SLL 3.b's "silent when 200 members",
        # between "over 200" and "under 200", cited nothing).
        near = _nearest_in_every(entries, held_by[SILENT])
        because[SILENT] = list(because.get(SILENT) or []) + [e for e in near if e not in (because.get(SILENT) or [])]
    shown: set[str] = set()
    for k in order:
        when, names = _when(dims, per_value[k], impossible)
        result.cases.append(Case(values[k], when, sorted(because[k], key=lambda e: e.order)))
        shown.update(names)
    result.regions = (dims, tuple(impossible), tuple(tuple(per_value[k]) for k in order))
    # "it depends on" names only the facts some case's "when" turns on
    # (round 56: "affiliated, members" where the cases read affiliated alone).
    result.depends_on = [d for d in result.depends_on if d in shown]
    seen = []
    for c in result.cases:
        seen.extend(e for e in c.because if e not in seen)
    result.because = sorted(seen, key=lambda e: e.order)
    return result, (entries, [])


def _said_dims(dims, facts: dict) -> list:
    """The dimensions as their cases are said: a members cell starts no
    lower than the LLA supporters given, and a supporters cell ends no
    higher than the members given (round 62: "102 to 500 members" for a
    group of 150 supporters). Cells are evaluated as before; only the words
    change, and only for values the group cannot have."""
    bound = {"members": ("lo", facts.get("lla_supporters")), "lla_supporters": ("hi", facts.get("members"))}
    out = []
    for d in dims:
        side, n = bound.get(d.name, (None, None))
        if n is None or d.kind == "reading":
            out.append(d)
            continue
        cells = []
        for c in d.cells:
            # A cell wholly out of reach is impossible: it can only join a
            # run that reaches a real cell, whose words start (end) at n.
            if side == "lo" and c.lo < n:
                c = replace(c, lo=n, lo_incl=True, hi=n if c.hi is not None and c.hi < n else c.hi)
            elif side == "hi" and (c.hi is None or c.hi > n):
                c = replace(c, hi=n, hi_incl=True, lo=min(c.lo, n))
            cells.append(c)
        out.append(replace(d, cells=cells))
    return out


def _when(dims, combos, impossible) -> tuple[list[str], set[str]]:
    """How a region of combinations is said, and the facts the saying names."""
    # Impossible combinations may join any answer's region: it keeps the
    # descriptions short without claiming anything about a real case.
    real = set(combos)
    boxes = _merge([tuple(frozenset([i]) for i in combo) for combo in list(combos) + list(impossible)])
    boxes = [_trimmed(b, real) for b in boxes if any(c in real for c in itertools.product(*map(sorted, b)))]
    when = [w for w in (" and ".join(_describe(dims, box)) for box in boxes) if w]
    names = {d.name for box in boxes for d, cells in zip(dims, box)
             if d.kind != "reading" and len(cells) < len(d.cells)}
    return when, names


def when_of(result: Result, indices: list[int]) -> list[str] | None:
    """How the cases `indices` of `result`, taken together, are said: one
    region, not the list of their parts (round 62: "yes when the first
    reading and affiliated; or the first reading and not affiliated" is
    "yes when the first reading"). None where the regions are not known."""
    if result.regions is None or len(result.regions[2]) != len(result.cases):
        return None
    dims, impossible, per_case = result.regions
    combos = sorted({c for i in indices for c in per_case[i]})
    return _when(dims, combos, impossible)[0]


def _trimmed(box: tuple, real: set) -> tuple:
    """A box without the cells no real case of it is in: an impossible cell
    may shorten a description ("100 or fewer") but not add a disjunct of its
    own ("5 when 9 or fewer members" for a group of 12 supporters, round 62)."""
    out = list(box)
    for i, cells in enumerate(box):
        if len(cells) < 2:
            continue
        keep = frozenset(c for c in cells if any(
            combo in real for combo in itertools.product(*[sorted(x) if j != i else [c] for j, x in enumerate(out)])))
        if keep and keep != cells and _runs(keep) != _runs(cells):
            out[i] = keep
    return tuple(out)


def _runs(cells) -> int:
    """How many runs of neighbouring cell indices `cells` makes."""
    s = sorted(cells)
    return 1 + sum(1 for a, b in zip(s, s[1:]) if b != a + 1)


def _possible_in_cells(scenario: dict, dims, combo) -> bool:
    """Whether some values within the scenario's cells can hold together:
    a cell is evaluated at its representative, but real cases anywhere in it
    get its answer (round 62: with 12 LLA supporters, members 11..97 was
    judged impossible by its representative 11, and its real groups of
    12..97 were lost)."""
    widest = dict(scenario)
    for d, idx in zip(dims, combo):
        cell = d.cells[idx]
        if d.name == "members":
            widest["members"] = cell.hi if cell.hi is not None else max(cell.rep, scenario.get("lla_supporters") or 0)
        elif d.name == "lla_supporters":
            widest["lla_supporters"] = cell.lo if cell.lo is not None else cell.rep
    return widest != scenario and possible(widest)


def decide(book: Book, topic: str, target: str | None, facts: dict) -> tuple[str, tuple]:
    """The fast path, for facts that are all given: status and value key, no reasons.

    >>> from lla_constitution.loader import load
    >>> decide(load("dulwich"), "delegates", "conference",
    ...        {"kind": "local_group", "members": 100, "lla_supporters": 50, "affiliated": True})
    ('ambiguous', (('count', 2), ('count', 3)))
    """
    ix = topic_index(book, topic, target)
    hold = held(ix, facts)
    # Only the readings of rules whose condition holds can change the answer.
    keys = sorted({r[0] for i in hold if (r := ix.entries[i].reading)})
    found: set = set()
    for combo in itertools.product(*(range(len(book.eithers[k].readings)) for k in keys)):
        winners = deciding(ix, hold, dict(zip(keys, combo)))
        if winners:
            found.update(value_key(concrete(ix.entries[i].rule.value, facts))
                         if ix.keys[i][0] == "ratio" else ix.keys[i] for i in winners)
        else:
            found.add(SILENT)
    if len(found) > 1 and found <= {SILENT, ("unspecified",)}:
        found = {("unspecified",)}  # silent either way, as evaluate() answers it
    if len(found) == 1:
        (k,) = found
        return ({"delegated": "delegated", "not_applicable": "not_applicable",
                 "silent": "silent", "unspecified": "silent"}.get(k[0], "determined"), k)
    return "ambiguous", tuple(sorted(found, key=repr))
