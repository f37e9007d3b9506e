"""Turn a lark parse tree into AST nodes, keeping a span on every node.

>>> from lla_constitution.source import Source
>>> from lla_constitution.parser import parse_rules
>>> src = Source("x.lla", "rulebook x\\nclause 1 fee = £10 when kind = individual end")
>>> book = build(parse_rules(src), src)
>>> book.clauses[0].items[0].value
Money(pence=1000, at_least=False, per_year=False)
"""
from __future__ import annotations

import re
from datetime import date

from lark import Token, Transformer, Tree, v_args

from . import ast as A
from .errors import DslSyntaxError, LlaError, ResolveError, fail
from .source import Source


def _unquote(tok: str) -> str:
    return re.sub(r"\\(.)", r"\1", tok[1:-1])


def _long(tok: str) -> str:
    return tok[3:-3]


def _any(tok: str) -> str:
    return _long(tok) if tok.startswith('"""') else _unquote(tok)


def _date(tok: Token) -> date:
    try:
        return date.fromisoformat(str(tok))
    except ValueError:
        raise _BadDate(tok) from None


class _BadDate(Exception):
    """Raised inside the transformer, which has no source; located by build()."""

    def __init__(self, tok):
        self.tok = tok


# Limits that keep a rule file's numbers within what dates and the analyses
# can handle: stated, and reported as located errors, never a crash.
MAX_DIGITS = 15
MAX_DURATION = {"years": 100, "months": 1200, "weeks": 5218, "days": 36525,
                "hours": 876600, "minutes": 52596000, "seconds": 3155760000}


def _pence(tok: str) -> int:
    pounds, _, pennies = tok.lstrip("£").partition(".")
    return int(pounds) * 100 + int((pennies or "0").ljust(2, "0"))


class _Builder(Transformer):
    def __init__(self, source: Source):
        super().__init__()
        self.src = source

    def _span(self, meta_or_tok):
        if isinstance(meta_or_tok, Token):
            return self.src.span(meta_or_tok.start_pos, meta_or_tok.end_pos)
        if getattr(meta_or_tok, "empty", True):
            return None
        return self.src.span(meta_or_tok.start_pos, meta_or_tok.end_pos)

    # ---- structure ----
    @v_args(meta=True)
    def start(self, meta, children):
        header, *decls = children
        rid, title, source = header
        bodies = tuple(d for d in decls if isinstance(d, A.BodyDecl))
        sets = tuple(d for d in decls if isinstance(d, A.KindSet))
        clauses = tuple(d for d in decls if isinstance(d, A.Clause))
        amendments = tuple(d for d in decls if isinstance(d, A.Amendment))
        choices = tuple(d for d in decls if isinstance(d, A.Choice))
        categories = tuple(d for d in decls if isinstance(d, A.Categories))
        ballots = tuple(d for d in decls if isinstance(d, A.Ballot))
        return A.Rulebook(rid, title, source, bodies, sets, clauses, span=self._span(meta),
                          amendments=amendments, choices=choices, categories=categories,
                          ballots=ballots, absent=tuple(b.id for b in bodies if b.unset))

    def header(self, children):
        rid, *items = children
        title = next((v for k, v in items if k == "title"), None)
        source = next((v for k, v in items if k == "source"), None)
        return str(rid), title, source

    def title(self, children):
        return ("title", _unquote(children[0]))

    def source(self, children):
        name, *ranges = children
        return ("source", (_unquote(name), tuple(ranges)))

    def line_range(self, children):
        return (int(children[0]), int(children[1]))

    @v_args(meta=True)
    def body_decl(self, meta, children):
        bid, name, *rest = children
        aliases = next((r for r in rest if isinstance(r, tuple)), ())
        only = next((r["only"] for r in rest if isinstance(r, dict) and "only" in r), None)
        elects = next((r["elects"] for r in rest if isinstance(r, dict) and "elects" in r), None)
        unset = any(isinstance(r, dict) and "unset" in r for r in rest)
        outside = any(isinstance(r, dict) and "outside" in r for r in rest)
        return A.BodyDecl(str(bid), _unquote(name), aliases, span=self._span(meta), only=only, elects=elects,
                          unset=unset, outside=outside)

    def unset(self, children):
        return {"unset": True}

    def outside(self, children):
        return {"outside": True}

    def elects(self, children):
        return {"elects": str(children[0])}

    def only(self, children):
        choice, *keys = children
        return {"only": (str(choice), tuple(str(k) for k in keys))}

    def aliases(self, children):
        return tuple(_unquote(c) for c in children)

    @v_args(meta=True)
    def ballot_decl(self, meta, children):
        bid, name, (form, items, places) = children
        return A.Ballot(str(bid), _unquote(name), form, items, places, span=self._span(meta))

    def ballot_motion(self, children):
        return ("motion", (), None)

    def ballot_each_choice(self, children):
        return ("each_choice", (), None)

    def ballot_each_amendment(self, children):
        return ("each_amendment", tuple(str(c) for c in children), None)

    def ballot_between(self, children):
        return ("between", tuple(str(c) for c in children), None)

    def ballot_ranked(self, children):
        return ("ranked", (), int(children[0]))

    @v_args(meta=True)
    def kinds_decl(self, meta, children):
        sid, *kinds = children
        return A.KindSet(str(sid), tuple(str(k) for k in kinds), span=self._span(meta))

    @v_args(meta=True)
    def categories_decl(self, meta, children):
        cid, *sets = children
        return A.Categories(str(cid), tuple(str(k) for k in sets), span=self._span(meta))

    @staticmethod
    def _fields(items, **defaults):
        """Split a block's items into its named fields and the rest, in order."""
        fields = dict(defaults, asides=())
        rest = []
        for item in items:
            if isinstance(item, A.Aside):
                fields["asides"] += (item,)
            elif isinstance(item, tuple) and item and item[0] in fields:
                fields[item[0]] = item[1]
            else:
                rest.append(item)
        return fields, rest

    @v_args(meta=True)
    def clause(self, meta, children):
        cid, *items = children
        f, body = self._fields(items, number=None, lines=None, text="", non_normative=None,
                               carried=None)
        return A.Clause(str(cid), f["number"], f["lines"], f["text"], f["non_normative"],
                        tuple(body), span=self._span(cid), asides=f["asides"],
                        carried=f["carried"])

    @v_args(meta=True)
    def carried(self, meta, children):
        on = next((_date(c) for c in children[2:] if c.type == "DATE"), None)
        source = next((str(c) for c in children[2:] if c.type == "CLAUSE_ID"), None)
        return ("carried", A.Carried(int(children[0]), int(children[1]), on, source,
                                     span=self._span(meta)))

    # ---- amendments ----
    @v_args(meta=True)
    def amendment(self, meta, children):
        aid, *items = children
        title = None
        if items and isinstance(items[0], Token) and items[0].type == "STRING":
            title = _unquote(items.pop(0))
        f, ops = self._fields(items, lines=None, text="", non_normative=None)
        return A.Amendment(str(aid), title, f["lines"], f["text"], f["non_normative"],
                           f["asides"], tuple(ops), span=self._span(aid))

    @v_args(meta=True)
    def delete_op(self, meta, children):
        return A.Delete(str(children[0]), span=self._span(children[0]))

    @v_args(meta=True)
    def replace_op(self, meta, children):
        target, *clauses = children
        return A.Replace(str(target), tuple(clauses), span=self._span(target))

    @v_args(meta=True)
    def insert_op(self, meta, children):
        where, target, *clauses = children
        return A.Insert(str(where), str(target), tuple(clauses), span=self._span(target))

    @v_args(meta=True)
    def edit_replace(self, meta, children):
        target, old, new = children
        return A.EditText(str(target), _any(old), _any(new), span=self._span(target))

    @v_args(meta=True)
    def edit_delete(self, meta, children):
        target, old = children
        return A.EditText(str(target), _any(old), "", span=self._span(target))

    # ---- composite menus ----
    @v_args(meta=True)
    def choice(self, meta, children):
        cid, title, *items = children
        requires = None
        if items and isinstance(items[0], tuple) and items[0][0] == "requires":
            requires = items.pop(0)[1]
        f, options = self._fields(items, lines=None, text="", non_normative=None)
        return A.Choice(str(cid), _unquote(title), requires, f["lines"], f["text"],
                        f["non_normative"], f["asides"], tuple(options), span=self._span(cid))

    def requires(self, children):
        target, *keys = children
        return ("requires", (str(target), tuple(str(k) for k in keys)))

    @v_args(meta=True)
    def option(self, meta, children):
        key, *items = children
        title = None
        if items and isinstance(items[0], Token) and items[0].type == "STRING":
            title = _unquote(items.pop(0))
        origins = ()
        if items and isinstance(items[0], tuple) and items[0][0] == "origin":
            origins = items.pop(0)[1]
        clauses = tuple(i for i in items if isinstance(i, A.Clause))
        applies = tuple(i[1] for i in items if isinstance(i, tuple) and i[0] == "apply")
        return A.Option(str(key), title, origins, clauses, applies, span=self._span(key))

    def origin(self, children):
        return ("origin", tuple(_unquote(c) if c.type == "STRING" else str(c) for c in children))

    def apply(self, children):
        return ("apply", str(children[0]))

    def number(self, children):
        return ("number", _unquote(children[0]))

    def lines(self, children):
        return ("lines", (int(children[0]), int(children[1])))

    def text(self, children):
        return ("text", _long(children[0]))

    @v_args(meta=True)
    def non_normative(self, meta, children):
        if len(children) == 2:
            return A.Aside(_unquote(children[1]), _unquote(children[0]), span=self._span(meta))
        return ("non_normative", _unquote(children[0]))

    @v_args(meta=True)
    def either(self, meta, children):
        name = str(children[0]) if isinstance(children[0], Token) else None
        readings = tuple(c for c in children if isinstance(c, A.Reading))
        return A.Either(readings, name, span=self._span(meta))

    @v_args(meta=True)
    def creates(self, meta, children):
        by = str(children[1]) if len(children) > 1 else None
        return A.Creates(str(children[0]), by, span=self._span(children[0]))

    @v_args(meta=True)
    def frequency(self, meta, children):
        return A.Frequency(str(children[-1]), len(children) == 2, span=self._span(meta))

    @v_args(meta=True)
    def reading(self, meta, children):
        label, *rest = children
        because = next((r[1] for r in rest if isinstance(r, tuple) and r[0] == "because"), None)
        rules = tuple(r for r in rest if not (isinstance(r, tuple) and r[0] == "because"))
        return A.Reading(_unquote(label), rules, because, span=self._span(label))

    def because(self, children):
        return ("because", _unquote(children[0]))

    @v_args(meta=True)
    def rule(self, meta, children):
        topic, *rest = children
        target = None
        if rest and isinstance(rest[0], tuple) and rest[0][0] == "target":
            target = rest.pop(0)[1]
        value, *tails = rest
        cond, otherwise, overrides, note = None, False, (), None
        for kind, payload in tails:
            if kind == "when":
                if cond is not None:
                    fail(DslSyntaxError, payload.span, "a rule may have only one 'when'",
                         help="join the conditions with 'and'")
                cond = payload
            elif kind == "otherwise":
                otherwise = True
            elif kind == "overrides":
                overrides = overrides + payload
            elif kind == "note":
                if note is not None:
                    # A second note would silently replace the first.
                    fail(DslSyntaxError, self._span(topic), "a rule may have only one 'note'",
                         help="join the two notes into one sentence")
                note = payload
        return A.Rule(str(topic), target, value, cond, otherwise, overrides, note,
                      span=self._span(topic))

    def target(self, children):
        return ("target", str(children[0]))

    def when(self, children):
        return ("when", children[0])

    def otherwise(self, children):
        return ("otherwise", True)

    def overrides(self, children):
        return ("overrides", tuple(str(c) for c in children))

    def note(self, children):
        return ("note", _unquote(children[0]))

    # ---- values ----
    @v_args(meta=True)
    def count(self, meta, children):
        up_to = len(children) == 2
        return A.Count(int(children[-1]), up_to, span=self._span(meta))

    @v_args(meta=True)
    def ratio(self, meta, children):
        rounding = children[3].split()[-1] if len(children) > 3 else None
        return A.Ratio(int(children[0]), int(children[1]), str(children[2]), rounding,
                       span=self._span(meta))

    @v_args(meta=True)
    def money(self, meta, children):
        words = {c.type for c in children}
        amount = next(c for c in children if c.type == "MONEY")
        return A.Money(_pence(amount), "AT_LEAST" in words, "PER_YEAR" in words,
                       span=self._span(meta))

    @v_args(meta=True)
    def permission(self, meta, children):
        return A.Permission(children[0] == "allowed", span=self._span(meta))

    @v_args(meta=True)
    def delegated(self, meta, children):
        return A.Delegated(str(children[0]), span=self._span(children[0]))

    @v_args(meta=True)
    def not_applicable(self, meta, children):
        return A.NotApplicable(span=self._span(meta))

    @v_args(meta=True)
    def unspecified(self, meta, children):
        return A.Unspecified(span=self._span(meta))

    @v_args(meta=True)
    def largest(self, meta, children):
        return A.Largest(span=self._span(meta))

    @v_args(meta=True)
    def transferable(self, meta, children):
        return A.Transferable(span=self._span(meta))

    @v_args(meta=True)
    def goto(self, meta, children):
        return A.Step("go", str(children[0]), span=self._span(meta))

    @v_args(meta=True)
    def adopt(self, meta, children):
        return A.Step("adopt", str(children[0]), span=self._span(meta))

    @v_args(meta=True)
    def decision(self, meta, children):
        tests = tuple(c for c in children if isinstance(c, A.Test))
        referral = next((c for c in children if isinstance(c, tuple)), None)
        return A.Decision(tests, referral[0] if referral else None, span=self._span(meta),
                          referral_of=referral[1:] if referral else ())

    @v_args(meta=True)
    def test(self, meta, children):
        fraction, *rest = children
        of_all = any(isinstance(c, Token) and c.type == "ALL" for c in rest)
        tally = rest[-1]
        return A.Test(str(fraction), str(tally), of_all, span=self._span(tally))

    def referral(self, children):
        return tuple(str(c) for c in children)  # the body, then any tallies

    # ---- conditions ----
    # Nested ands (and ors) are flattened so that the AST has one canonical
    # shape whatever brackets the author used: the formatter relies on it.
    @v_args(meta=True)
    def or_cond(self, meta, children):
        flat = sum(((c.conds if isinstance(c, A.Or) else (c,)) for c in children), ())
        return A.Or(flat, span=self._span(meta))

    @v_args(meta=True)
    def and_cond(self, meta, children):
        flat = sum(((c.conds if isinstance(c, A.And) else (c,)) for c in children), ())
        return A.And(flat, span=self._span(meta))

    @v_args(meta=True)
    def negation(self, meta, children):
        return A.Not(children[0], span=self._span(meta))

    @v_args(meta=True)
    def compare(self, meta, children):
        fact, op, lit = children
        return A.Compare(str(fact), str(op), lit, span=self._span(fact))

    @v_args(meta=True)
    def within(self, meta, children):
        fact, lo, hi = children
        return A.Within(str(fact), int(lo), int(hi), span=self._span(fact))

    @v_args(meta=True)
    def member(self, meta, children):
        fact, *names = children
        return A.Member(str(fact), tuple(str(n) for n in names), span=self._span(fact))

    @v_args(meta=True)
    def member_of_set(self, meta, children):
        fact, name = children
        # The set's members are filled in by resolve, which knows the kind sets.
        return A.Member(str(fact), (), str(name), span=self._span(fact))

    @v_args(meta=True)
    def flag(self, meta, children):
        return A.Flag(str(children[0]), span=self._span(children[0]))

    def _lit(self, type_, value, tok):
        return A.Lit(type_, value, span=self._span(tok))

    def date_lit(self, children):
        return self._lit("date", _date(children[0]), children[0])

    def _too_big(self, tok, text: str, what: str):
        digits = len(text.lstrip("£").split(".")[0])
        if digits > MAX_DIGITS:
            fail(ResolveError, self._span(tok), f"{what} of {digits} digits is more than lla reads",
                 expected=f"at most {MAX_DIGITS} digits",
                 help="no constitution counts that high: check the number")

    def int_lit(self, children):
        self._too_big(children[0], str(children[0]), "a number")
        return self._lit("int", int(children[0]), children[0])

    def money_lit(self, children):
        self._too_big(children[0], str(children[0]), "an amount")
        return self._lit("money", _pence(children[0]), children[0])

    def share_lit(self, children):
        return self._lit("share", A.share(children[0]), children[0])

    def duration_lit(self, children):
        n, unit = children[0].split()
        unit = unit if unit.endswith("s") else unit + "s"
        self._too_big(children[0], n, "a duration")
        if int(n) > MAX_DURATION[unit]:
            fail(ResolveError, self._span(children[0]), f"a duration of {n} {unit} is longer than lla counts",
                 expected=f"at most {MAX_DURATION[unit]:,} {unit}" + ("" if unit == "years" else " (100 years)"),
                 help="dates are counted up to the year 9999; no deadline is that long")
        return self._lit("duration", (int(n), unit), children[0])

    def name_lit(self, children):
        return self._lit("name", str(children[0]), children[0])


def build(tree: Tree, source: Source) -> A.Rulebook:
    from lark.exceptions import VisitError
    try:
        return _Builder(source).transform(tree)
    except VisitError as err:
        if isinstance(err.orig_exc, _BadDate):
            tok = err.orig_exc.tok
            fail(DslSyntaxError, source.span(tok.start_pos, tok.end_pos),
                 f"'{tok}' is not a date", expected="a date as YYYY-MM-DD",
                 help="check the month (01–12) and the day of the month")
        if isinstance(err.orig_exc, LlaError):
            raise err.orig_exc from None
        raise
