"""A rule's condition as one generated Python function, for the walks that
test conditions millions of times (`lla compare`: issue 14).

The same three-valued test as `evaluate.compile_cond`'s closures (True,
False, or None when a fact it needs is not known), with each comparison
written inline rather than called: a junction of five comparisons is one
call, not six. The source holds only the vocabulary's fact names (checked
against it) and operators from a fixed table; every constant (a number, a
set of names, a duration's test) is passed in as a default argument, so no
text of a rule file reaches the compiler.

>>> from lla_constitution import ast as A
>>> test = compile_fast(A.And((A.Flag("affiliated"), A.Compare("members", ">=", A.Lit("int", 10)))))
>>> test({"affiliated": True, "members": 12}), test({"members": 12}), test({"affiliated": False})
(True, None, False)
"""
from __future__ import annotations

from . import ast as A
from .vocab import FACTS

_OPS = {"=": "==", "!=": "!=", ">=": ">=", "<=": "<=", ">": ">", "<": "<"}


class _Gen:
    def __init__(self):
        self.consts: dict[str, object] = {}
        self.functions: list[str] = []
        self.n = 0

    def const(self, value) -> str:
        name = f"C{len(self.consts)}"
        self.consts[name] = value
        return name

    def var(self) -> str:
        self.n += 1
        return f"v{self.n}"

    def fact(self, name: str) -> str:
        if name not in FACTS or not name.isidentifier():
            raise ValueError(f"not a fact of the vocabulary: {name!r}")
        return repr(name)

    def expr(self, cond) -> str:
        """An expression giving True, False or None."""
        if isinstance(cond, (A.And, A.Or)):
            return f"{self.junction(cond)}(facts)"
        if isinstance(cond, A.Not):
            x = self.var()
            return f"(None if ({x} := {self.expr(cond.cond)}) is None else not {x})"
        v, f = self.var(), self.fact(cond.fact)
        if isinstance(cond, A.Flag):
            test = f"bool({v})"
        elif isinstance(cond, A.Within):
            test = f"{self.const(cond.lo)} <= {v} <= {self.const(cond.hi)}"
        elif isinstance(cond, A.Member):
            names = self.const(frozenset(cond.names))
            test = (f"not {names}.isdisjoint({v})" if FACTS[cond.fact].type == "set" else f"{v} in {names}")
        elif cond.lit.type == "duration":
            from .evaluate import compile_cond

            return f"{self.const(compile_cond(cond))}(facts)"  # a calendar's sums: the closure
        else:
            test = f"{v} {_OPS[cond.op]} {self.const(cond.lit.value)}"
        return f"(None if ({v} := get({f})) is None else {test})"

    def junction(self, cond) -> str:
        name = f"J{len(self.functions)}"
        self.functions.append("")  # its place, so nested ones number after it
        stop = isinstance(cond, A.Or)  # the value that settles the whole
        lines = [f"def {name}(facts):", "    get = facts.get", "    u = False"]
        for part in cond.conds:
            lines += [f"    x = {self.expr(part)}", f"    if x is {stop}:", f"        return {stop}",
                      "    if x is None:", "        u = True"]
        lines.append(f"    return None if u else {not stop}")
        self.functions[int(name[1:])] = "\n".join(lines)
        return name


def compile_fast(cond):
    """The condition's test as one generated function (None: always true)."""
    if cond is None:
        return _always
    gen = _Gen()
    body = gen.expr(cond)
    source = "\n\n".join(gen.functions + ["def test(facts):\n    get = facts.get\n    return " + body])
    # One namespace, the functions' globals: the constants and each other.
    namespace: dict = {"__builtins__": {"bool": bool}, **gen.consts}
    # Generated from the typed condition, never from text: see the module's docstring.
    exec(compile(source, "<condition>", "exec"), namespace)
    return namespace["test"]


def _always(facts) -> bool:
    return True
