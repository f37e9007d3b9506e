"""Compiled rules: one question of one rulebook as a table from the cell each
fact is in to the answer.

Rules only compare a fact with constants, so two subjects whose facts fall on
the same side of every constant the question's rules use get the same answer
(the basis of :mod:`partition`). A :class:`DecisionTable` maps a subject's
facts to that *cell key* with one small function per fact, built once from the
typed rules (never from text), and keeps each cell's answer the first time it
is asked: the fast path (:meth:`DecisionTable.decide`, as ``evaluate.decide``)
and the explaining path (:meth:`DecisionTable.evaluate`, as
``evaluate.evaluate``, which adds the trace quoting the subject's own values)
then cost a key and a dictionary look-up. A register of 100,000 groups falls
into about a hundred cells.

>>> from lla_constitution.loader import load
>>> t = table_for(load("dulwich"), "delegates", "conference")
>>> t.decide({"kind": "local_group", "members": 150, "lla_supporters": 150, "affiliated": True})
('determined', ('count', 3))
>>> group = {"kind": "local_group", "members": 150, "lla_supporters": 20, "affiliated": True}
>>> t.key(group) == t.key(dict(group, members=151)), t.key(group) == t.key(dict(group, members=600))
(True, False)
>>> t.evaluate({"kind": "local_group", "members": 150, "lla_supporters": 150, "affiliated": True}).value.n
3
"""
from __future__ import annotations

from bisect import bisect_left

from . import ast as A
from . import evaluate as E
from .resolve import Book
from .vocab import FACTS

# A fact compared only with small whole numbers is banded by a list look-up
# (a list of this many entries at most); larger constants use bisection.
MAX_LOOKUP = 10_000
# Answers kept per table: a cell key is a few small values, so even the full
# limit is a few megabytes; past it, answers are worked out and not kept.
MAX_CELLS = 100_000
_ORDERED = ("int", "money", "date", "share")


def _ordered_band(constants):
    """The position of a value among sorted constants, telling 'equal to a
    constant' apart from 'between two': exactly what a comparison can see.

    >>> band = _ordered_band({10, 100})
    >>> [band(v) for v in (0, 9, 10, 11, 99, 100, 101)]
    [0, 0, 1, 2, 2, 3, 4]
    """
    cs = sorted(constants)
    n = len(cs)

    def band(v):
        i = bisect_left(cs, v)
        return 2 * i + (i < n and cs[i] == v)
    if cs and all(isinstance(c, int) and not isinstance(c, bool) and 0 <= c for c in cs) \
            and cs[-1] < MAX_LOOKUP:
        lookup = [band(v) for v in range(cs[-1] + 2)]
        size = len(lookup)

        def fast(v):
            return lookup[v] if type(v) is int and 0 <= v < size else band(v)
        # For compile_key: a whole number below `size` is banded by a look-up.
        fast.lookup, fast.general = lookup, band
        return fast
    return band


def _date_band(constants):
    inner = _ordered_band(constants)
    return lambda v: inner(v.toordinal())


def _set_band(names):
    names = frozenset(names)
    return lambda v: names & frozenset(v)


def _exact(v):
    return v


def _band_for(fact: str, entries) -> object:
    """The function from a value of `fact` to its cell, for these rules."""
    ftype = FACTS[fact].type
    consts: set = set()
    for e in entries:
        E._constants(e.rule.cond, fact, consts)
    if ftype in ("int", "money", "share"):
        return _ordered_band(consts)
    if ftype == "date":
        return _date_band(consts)
    if ftype == "set":
        return _set_band(consts)
    # Booleans and choices are their own cells; a duration is compared by the
    # calendar from its own start, so its exact value is its cell.
    return _exact


def _ratios(entries) -> list[tuple]:
    """Each distinct ratio the rules give ("1 per 3 LLA supporters"), with
    the conditions of the rules that give it. The count a subject gets is
    worked out from its fact, so two subjects share a cell only where every
    count that could be their answer is the same for both."""
    found: dict[tuple, list] = {}
    for e in entries:
        if isinstance(v := e.rule.value, A.Ratio):
            found.setdefault((v.fact, v.n, v.per, v.rounding), []).append(E.compile_cond(e.rule.cond))
    return sorted(found.items(), key=lambda item: item[0])


def _counts(ratios, facts: dict) -> tuple:
    """The count of each ratio whose rule may hold for `facts` (one whose
    condition fails, e.g. on the kind of group, can never be the answer)."""
    get = facts.get
    return tuple(
        E.concrete(A.Ratio(n, per, fact, rounding), {fact: v}).n
        if (v := get(fact)) is not None and any(test(facts) is not False for test in tests) else None
        for (fact, n, per, rounding), tests in ratios)


def relation_bands(entries):
    """With one of members and supporters unknown, the values of the unknown
    one the answer ranges over are its cells' representatives (partition)
    that are possible beside the known one (no more supporters than
    members): so what matters of the known one is where it falls among them.

    Returns two band functions: members among the supporters' cells'
    representatives, supporters among the members'.
    """
    from .partition import int_cells

    def reps(fact):
        consts: set = set()
        for e in entries:
            E._constants(e.rule.cond, fact, consts)
        return {c.rep for c in int_cells(consts)} | {c.hi for c in int_cells(consts) if c.hi is not None}
    return _ordered_band(reps("lla_supporters")), _ordered_band(reps("members"))


def compile_key(plan, ratios, counts=None, relation=None):
    """One Python function computing a cell key, generated from the plan (a
    band function per fact) and compiled once: the fast path's whole cost.

    The source holds only the vocabulary's fact names (checked against it)
    and positions; every constant and band function is passed in as a
    default argument, so no text from a rule file reaches the compiler.

    >>> key = compile_key([("members", _ordered_band({10})), ("kind", _exact)], [])
    >>> key({"members": 12, "lla_supporters": 3, "kind": "clp"}), key({"kind": "clp"})
    ((2, 'clp', True), (None, 'clp', None))
    """
    names = [f for f, _ in plan]
    for f in names + ["members", "lla_supporters"]:
        if f not in FACTS or not f.isidentifier():
            raise ValueError(f"not a fact of the vocabulary: {f!r}")
    env: dict = {}
    fetch = {f: f"v{i}" for i, f in enumerate(dict.fromkeys(names + ["members", "lla_supporters"]))}
    lines = ["def key(facts, " + ", ".join(f"{k}={k}" for k in ("_counts_", "_ratios_")) + "__BANDS__):",
             "    get = facts.get"]
    lines += [f"    {v} = get({f!r})" for f, v in fetch.items()]
    parts, bands = [], []
    for i, (f, band) in enumerate(plan):
        v = fetch[f]
        if band is _exact:
            parts.append(v)
        elif hasattr(band, "lookup"):
            env[f"L{i}"], env[f"G{i}"], env[f"N{i}"] = band.lookup, band.general, len(band.lookup)
            bands += [f"L{i}=L{i}", f"G{i}=G{i}", f"N{i}=N{i}"]
            parts.append(f"(None if {v} is None else L{i}[{v}] if type({v}) is int and 0 <= {v} < N{i} "
                         f"else G{i}({v}))")
        else:
            env[f"B{i}"] = band
            bands.append(f"B{i}=B{i}")
            parts.append(f"(None if {v} is None else B{i}({v}))")
    if ratios:
        parts.append("_counts_(_ratios_, facts)")
    m, s_ = fetch["members"], fetch["lla_supporters"]
    # With one of members and supporters unknown, which values of the other
    # are possible (no more supporters than members) turns on where the
    # known one falls among the other's cells (relation_bands); with no
    # relation given, on its exact value.
    env["_rel_m_"], env["_rel_s_"] = relation or (_exact, _exact)
    bands += ["_rel_m_=_rel_m_", "_rel_s_=_rel_s_"]
    parts.append(f"(('m', _rel_m_({m})) if {s_} is None and {m} is not None else "
                 f"('s', _rel_s_({s_})) if {m} is None and {s_} is not None else "
                 f"None if {m} is None else {s_} <= {m})")
    lines.append("    return (" + ", ".join(parts) + ",)")
    source = "\n".join(lines).replace("__BANDS__", "".join(", " + b for b in bands))
    env.update(_counts_=counts or _counts, _ratios_=ratios)
    code = compile(source, "<decision table>", "exec")
    namespace = dict(env)
    exec(code, {"__builtins__": {"type": type, "int": int}}, namespace)  # generated from the plan, never from text
    return namespace["key"]


class DecisionTable:
    """`decide` and `evaluate` of one (rulebook, topic, target), keyed by cell."""

    def __init__(self, book: Book, topic: str, target: str | None):
        self.book, self.topic, self.target = book, topic, target
        ix = E.topic_index(book, topic, target)
        facts: list[str] = []
        for e in ix.entries:
            for f in E.facts_in(e.rule.cond):
                if f not in facts:
                    facts.append(f)
        self.ratios = _ratios(ix.entries)
        self.facts = facts
        self.plan = [(f, _band_for(f, ix.entries)) for f in facts]
        # The cell of `facts`: equal keys, equal answers (an unknown fact is its own cell).
        self.key = compile_key(self.plan, self.ratios, relation=relation_bands(ix.entries))
        self.decided: dict = {}
        self.answered: dict = {}
        key, known = self.key, self.decided.get

        def decide(facts: dict) -> tuple[str, tuple]:
            found = known(key(facts))
            return self._decide_new(facts) if found is None else found
        # As :func:`evaluate.decide` (every fact given), from the table.
        self.decide = decide

    def _decide_new(self, facts: dict) -> tuple[str, tuple]:
        found = E.decide(self.book, self.topic, self.target, facts)
        if len(self.decided) < MAX_CELLS:
            self.decided[self.key(facts)] = found
        return found

    def evaluate(self, facts: dict) -> E.Result:
        """As :func:`evaluate.evaluate`: the cell's answer and grounds, with
        the trace and near misses worked out for these facts."""
        seen = E._SEEN.get()
        if seen is not None:
            seen.append((self.topic, self.target, dict(facts)))
        k = self.key(facts)
        found = self.answered.get(k)
        if found is None:
            found = E.answer_of(self.book, self.topic, self.target, facts)
            if len(self.answered) < MAX_CELLS:
                self.answered[k] = found
        result, near = found
        return E.with_facts(result, near, self.book, facts) if near else E._said_for(E.replace(result), facts)


def table_for(book: Book, topic: str, target: str | None) -> DecisionTable:
    """The book's table for one question, built once per loaded rulebook."""
    tables = book.__dict__.setdefault("_decision_tables", {})
    t = tables.get((topic, target))
    if t is None:
        t = tables[(topic, target)] = DecisionTable(book, topic, target)
    return t


class SubjectKey:
    """A subject's cell for every question of one rulebook at once: each fact
    banded at every constant any rule of the book compares it with.

    Two groups with equal keys get the same answer from every rule of the
    book, and so from any question asked of them (the presumptions a question
    makes are themselves answers of the book's rules); and every count a
    ratio of the book gives them.

    >>> from lla_constitution.loader import load
    >>> key = SubjectKey(load("dulwich"), ("kind", "members", "lla_supporters"))
    >>> clp = {"kind": "clp", "members": 150, "lla_supporters": 20}
    >>> key(clp) == key(dict(clp, members=160)), key(clp) == key(dict(clp, members=600))
    (True, False)
    """

    def __init__(self, book: Book, fields, topics=None):
        # `topics`: the only topics the question reads (all targets of each);
        # None: every rule of the book.
        entries = [e for (topic, _), es in book.by_topic.items() for e in es
                   if topics is None or topic in topics]
        self.ratios = [r for r in _ratios(entries) if r[0][0] in fields]
        self.plan = [(f, _band_for(f, entries)) for f in fields]
        self.key = compile_key(self.plan, self.ratios, relation=relation_bands(entries))

    def __call__(self, facts: dict) -> tuple:
        return self.key(facts)


def subject_key(book: Book, fields: tuple[str, ...], topics: frozenset | None = None) -> SubjectKey:
    keys = book.__dict__.setdefault("_subject_keys", {})
    k = keys.get((fields, topics))
    if k is None:
        k = keys[(fields, topics)] = SubjectKey(book, fields, topics)
    return k
