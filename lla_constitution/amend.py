'''Apply amendments — delete, replace, insert and text edits — to a rulebook.

Amendments are data in the rule file (`amendment ID ... end`); applying one
gives a new rulebook, which resolves and answers like any other.

>>> from lla_constitution.loader import parse_text
>>> book = parse_text("""rulebook x
... clause 1 text \\"\\"\\"Aims\\"\\"\\" non_normative "heading" end
... clause 2 fee = £10 end
... amendment a  edit 1 replace "Aims" with "Principles"  delete 2  end""")
>>> new = apply_amendments(book, ["a"])
>>> [(c.id, c.text) for c in new.clauses]
[('1', 'Principles')]
>>> new.id
'x+a'
'''
from __future__ import annotations

import dataclasses
import re

from . import ast as A
from .errors import InputError, ResolveError, did_you_mean, fail


def apply_amendments(book: A.Rulebook, ids, *, path: str = "--amend") -> A.Rulebook:
    """The rulebook with each named amendment applied, in the order given."""
    original = book
    for aid in ids:
        am = original.amendment(aid)
        if am is None:
            known = [a.id for a in original.amendments]
            fail(InputError, None, f"{original.id} has no amendment '{aid}'", path=path,
                 expected=("one of " + ", ".join(known)) if known else None,
                 help=did_you_mean(aid, known) or
                 (f"{original.id} has no amendments" if not known else "see: lla amend " + original.id))
        book = apply(book, am)
    return book


def apply(book: A.Rulebook, am: A.Amendment) -> A.Rulebook:
    clauses = list(book.clauses)
    for op in am.ops:
        at = _index(clauses, op, am)
        if isinstance(op, A.Delete):
            del clauses[at]
        elif isinstance(op, A.Replace):
            clauses[at:at + 1] = list(op.clauses)
        elif isinstance(op, A.Insert):
            pos = at + 1 if op.where == "after" else at
            clauses[pos:pos] = list(op.clauses)
        else:
            clauses[at] = _edit(clauses[at], op, am)
    # An applied amendment is settled: it leaves the list, and so does any
    # menu choice that was the vote on it.
    rest = tuple(a for a in book.amendments if a.id != am.id)
    choices = tuple(ch for ch in book.choices if not any(am.id in o.applies for o in ch.options))
    return dataclasses.replace(book, id=f"{book.id}+{am.id}", clauses=tuple(clauses), amendments=rest,
                               choices=choices,
                               title=f"{book.title or book.id}, as amended by {am.title or am.id}")


def _index(clauses, op, am: A.Amendment) -> int:
    for i, c in enumerate(clauses):
        if c.id == op.target:
            return i
    fail(ResolveError, op.span, f"amendment {am.id} changes clause {op.target}, "
         "which the draft no longer has", help="an earlier amendment may have deleted or replaced it")


def _edit(clause: A.Clause, op: A.EditText, am: A.Amendment) -> A.Clause:
    # Match the words whatever white space lies between them, so line breaks in
    # either quote don't matter, and keep the rest of the text's lines as they are.
    pattern = re.compile(r"\s+".join(re.escape(w) for w in op.old.split()))
    if not op.old.split() or not pattern.search(clause.text):
        fail(ResolveError, op.span, f"amendment {am.id}: clause {clause.id} does not contain the words to change",
             expected=repr(op.old[:60]), help="quote the words exactly as the clause's text has them")
    new = pattern.sub(lambda _: op.new, clause.text, count=1)
    new = re.sub(r"[ \t]+([.,;:!?])", r"\1", new) if not op.new else new  # no gap before punctuation
    return dataclasses.replace(clause, text=new)


def describe_op(op: A.Op) -> str:
    """One line for people: what an amendment's operation does.

    >>> describe_op(A.Insert("after", "4.1.d", (A.Clause("4.1.e"),)))
    'insert 4.1.e after 4.1.d'
    """
    if isinstance(op, A.Delete):
        return f"delete {op.target}"
    if isinstance(op, A.Replace):
        return f"replace {op.target} with {', '.join(c.id for c in op.clauses) or 'nothing'}"
    if isinstance(op, A.Insert):
        return f"insert {', '.join(c.id for c in op.clauses)} {op.where} {op.target}"
    if op.new:
        return f"in {op.target}, replace “{_short(op.old)}” with “{_short(op.new)}”"
    return f"in {op.target}, delete “{_short(op.old)}”"


def _short(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
