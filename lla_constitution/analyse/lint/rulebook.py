"""Walks over a rule file that several checks share: the clauses that may
stand in one constitution, and the single tests inside a condition.

>>> from lla_constitution import ast as A
>>> cond = A.And((A.Flag("affiliated"), A.Not(A.Compare("members", ">", A.Lit("int", 200)))))
>>> [type(a).__name__ for a in atoms(cond)]
['Flag', 'Compare']
"""
from __future__ import annotations

from ... import ast as A


def menu_clauses(ast: A.Rulebook):
    """(clause, choice) for the draft's own clauses (choice None) and every
    option's (the id of its choice). An amendment's clauses are left out: a
    replacement stands only in place of the clause it replaces, and keeps
    its number by design."""
    for c in ast.clauses:
        yield c, None
    for ch in ast.choices:
        for opt in ch.options:
            for c in opt.clauses:
                yield c, ch.id


def atoms(cond) -> list:
    """Every comparison in a condition, whatever and/or/not it sits under.
    (:func:`lla_constitution.evaluate._atoms` looks under `and` only.)"""
    if cond is None:
        return []
    if isinstance(cond, (A.And, A.Or)):
        return [a for c in cond.conds for a in atoms(c)]
    if isinstance(cond, A.Not):
        return atoms(cond.cond)
    return [cond]
