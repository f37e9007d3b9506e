"""The exact checks, topic by topic, over every constitution a rule file can
make: the draft as written (or each combination of a composite's options)
and the draft with each amendment that touches the topic. A defect only some
of them have says which.

>>> from lla_constitution.loader import load
>>> found = exact_checks(load("cac"), limit=200_000)
>>> [f.when[-1] for f in found if f.code == "overlap" and "= 100" in f.message]
['with option 4.2=B']
"""
from __future__ import annotations

from dataclasses import replace

from ... import ast as A
from ...amend import apply_amendments
from ...compose import variants
from ...resolve import Book, resolve
from .conflicts import conflicts
from .findings import Finding, finding
from .gaps import gaps
from .scenarios import explore
from .unreachable import unreachable
from .words import topic_label


def exact_checks(book: Book, limit: int) -> list[Finding]:
    """Overlaps, contradictions, gaps and dead rules, topic by topic; a topic
    with more than `limit` scenarios in some constitution is reported as not
    checked."""
    out, cache = [], {}
    for key in _topic_keys(book.ast):
        explored, per_variant, complete = [], [], True
        for variant, label in _constitutions(book, key, cache):
            if not variant.entries(*key):
                continue
            ex = explore(variant, *key, limit)
            if ex is None:
                out.append(_too_large(variant, key, limit))
                complete = False
                continue
            explored.append((ex, label))
            per_variant.append((conflicts(ex) + gaps(ex), label))
        # A rule may decide only in the constitution left untried: say nothing.
        out += _merge(per_variant) + (unreachable(key, explored) if complete else [])
    return out


def _topic_keys(ast: A.Rulebook) -> list[tuple[str, str | None]]:
    """(topic, target) for every topic some clause of the file decides, in file order."""
    keys: dict = {}
    for c in ast.all_clauses():
        for r, _ in A.rules_of(c):
            keys.setdefault((r.topic, r.target), None)
    return list(keys)


def _constitutions(book: Book, key, cache: dict) -> list[tuple[Book, str | None]]:
    """Each constitution the topic can have: the draft as written (or, for a
    composite menu, each combination of the options that decide the topic),
    and the draft with each amendment that touches the topic. `cache` keeps
    each one resolved once for all the topics."""
    ast = book.ast

    def resolved(name, make):
        if name not in cache:
            cache[name] = resolve(make())
        return cache[name]

    out = []
    if ast.choices:
        for composed, varied in variants(ast, {}, {key}):
            label = ", ".join(f"{k}={v}" for k, v in varied.items()) or None
            out.append((resolved(("options", label), lambda: composed), f"option {label}" if label else None))
    else:
        out.append((book, None))
    # An amendment an option applies is tried with that option, not alone.
    voted = {aid for ch in ast.choices for o in ch.options for aid in o.applies}
    for am in ast.amendments:
        if am.id not in voted and _touches(ast, am, key):
            out.append((resolved(("amendment", am.id), lambda: apply_amendments(ast, [am.id])),
                        f"amendment {am.id}"))
    return out


def _touches(ast: A.Rulebook, am: A.Amendment, key) -> bool:
    """Whether the amendment adds, removes or replaces a rule on the topic
    (a text edit changes no rule)."""
    own = {c.id: c for c in ast.clauses}
    changed = [c for op in am.ops for c in getattr(op, "clauses", ())]
    changed += [own[op.target] for op in am.ops if not isinstance(op, A.EditText) and op.target in own]
    return any((r.topic, r.target) == key for c in changed for r, _ in A.rules_of(c))


def _merge(per_variant: list[tuple[list[Finding], str | None]]) -> list[Finding]:
    """One finding per defect: one the draft as written has, or every variant
    has, stands alone; one only some options or amendments have says which."""
    labels_of: dict[Finding, list] = {}
    for findings, label in per_variant:
        for f in findings:
            labels_of.setdefault(f, []).append(label)
    every = {label for _, label in per_variant}
    out = []
    for f, labels in labels_of.items():
        if None in labels or set(labels) == every:
            out.append(f)
        else:
            out.append(replace(f, when=f.when + ("with " + " or ".join(dict.fromkeys(labels)),)))
    return out


def _too_large(book: Book, key, limit: int) -> Finding:
    e = book.entries(*key)[0]
    return finding(e.rule.span, "info", "not-checked",
                   f"{topic_label(*key)}: too many scenarios to try them all (over {limit:,}); "
                   "overlaps, gaps and dead rules were not looked for", e.clause)
