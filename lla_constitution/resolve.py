"""Check a parsed rulebook against the vocabulary and index its rules by topic.

Unknown names get a "did you mean", wrong types say which type was expected,
and impossible numbers (an empty range, a share over 100%) are refused, each
with the span of the offending text.

>>> from lla_constitution.loader import parse_text
>>> book = resolve(parse_text("rulebook x\\nclause 1 fee = £10 when kind = individual end"))
>>> [e.clause.id for e in book.entries("fee", None)]
['1']
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from fractions import Fraction

from . import ast as A
from .errors import ResolveError, did_you_mean, fail
from .vocab import FACTS, KINDS, TALLIES, TOPICS

_VALUE_TYPES = {
    "count": (A.Count, A.Ratio), "money": A.Money, "permission": A.Permission, "decision": A.Decision,
    "frequency": A.Frequency, "counting": (A.Decision, A.Largest, A.Transferable),
    "tiebreak": (), "step": A.Step,
}
_ANYWHERE = (A.Delegated, A.NotApplicable, A.Unspecified)
_LIT_FOR_FACT = {"int": "int", "money": "money", "share": "share", "duration": "duration",
                 "enum": "name", "date": "date", "set": "name"}
_ORDERED = {"int", "money", "share", "duration", "date"}
# Who may stand in a ballot, or nominate to it, is who may stand for or
# nominate to the body it elects (`body sc_ballot ... elects steering_committee`).
ELECTED_TOPICS = ("stand", "nominate")


@dataclass(frozen=True)
class Entry:
    """A rule together with the clause it encodes and the reading it belongs to."""

    clause: A.Clause
    rule: A.Rule
    reading: tuple[str, int] | None  # (either key, reading index)
    order: int  # position in the rulebook, for deterministic output


@dataclass
class Book:
    """A resolved rulebook: the AST plus indexes the consumers share."""

    ast: A.Rulebook
    by_topic: dict[tuple[str, str | None], list[Entry]] = field(default_factory=dict)
    eithers: dict[str, A.Either] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.ast.id

    def entries(self, topic: str, target: str | None) -> list[Entry]:
        """The rules on `topic` for `target`; for standing and nominating in a
        ballot with no rules of its own, those for the body it elects."""
        found = self.by_topic.get((topic, target), [])
        if not found and topic in ELECTED_TOPICS:
            elected = self.elected(target)
            if elected is not None:
                return self.by_topic.get((topic, elected), [])
        return found

    def elected(self, target: str | None) -> str | None:
        """The body a ballot `target` fills (`body X ... elects Y`), if any.

        >>> from lla_constitution.loader import load
        >>> load("tees").elected("sc_ballot")
        'steering_committee'
        """
        body = self.ast.body(target) if target else None
        return body.elects if body is not None else None

    def body(self, bid: str) -> A.BodyDecl | None:
        return self.ast.body(bid)

    def clause(self, cid: str) -> A.Clause:
        return self.ast.clause(cid)

    def reading_label(self, key: str, index: int) -> str:
        return self.eithers[key].readings[index].label

    def __getstate__(self):
        # What the consumers work out and keep on the book ("_topic_index",
        # evaluate.topic_index) is left out of the cached rulebook (loader):
        # it is rebuilt on first use, as for a book just resolved.
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_")}


_WORDS = {"int": "a whole number", "money": "an amount of money", "share": "a share",
          "duration": "a duration", "enum": "a choice", "name": "a name", "bool": "a yes/no fact",
          "count": "a number", "permission": "allowed or forbidden", "decision": "a vote rule",
          "frequency": "a frequency", "date": "a date", "set": "a set of names",
          "counting": "how a ballot is counted", "tiebreak": "who breaks a tie",
          "step": "what comes next"}
_VALUE_WORDS = {A.Count: "a number", A.Ratio: "a ratio", A.Money: "an amount of money",
                A.Permission: "allowed or forbidden", A.Decision: "a vote rule",
                A.Frequency: "a frequency", A.Largest: "a way of counting",
                A.Transferable: "a way of counting", A.Step: "a step of a procedure",
                A.Delegated: "a body that decides", A.NotApplicable: "not_applicable",
                A.Unspecified: "unspecified"}


def _name_span(span, name: str):
    """The span of `name` in the line `span` starts on, to point at the very word."""
    if span is None:
        return None
    text = span.source.text
    line_end = text.find("\n", span.start)
    line_end = len(text) if line_end < 0 else line_end
    import re

    m = re.compile(rf"(?<![\w.]){re.escape(name)}(?![\w.])").search(text, span.start, line_end)
    return span.source.span(m.start(), m.end()) if m else span


def _enum_values(fact: str, book: A.Rulebook) -> tuple[str, ...]:
    if fact in ("by", "member_of"):
        return tuple(b.id for b in book.bodies)
    return FACTS[fact].values


class _Resolver:
    def __init__(self, book: A.Rulebook):
        self.book = book
        self.sets = {}
        self.bodies = {}
        self.ballots = {}

    def run(self) -> Book:
        book = self.book
        named: dict[str, str] = {}
        for b in book.bodies:
            if b.id in self.bodies:
                fail(ResolveError, b.span, f"body '{b.id}' is declared twice",
                     help="give each body one declaration; list extra names with 'aka'")
            self.bodies[b.id] = b
            # One name, one body: a name two bodies share answers for one of
            # them at random (round 66: an OG aka "conference" answered
            # questions about conference as the OG's).
            for n in {" ".join(x.lower().split()) for x in (b.id, b.id.replace("_", " "), b.name, *b.aliases)}:
                if named.get(n, b.id) != b.id:
                    fail(ResolveError, b.span, f"the name '{n}' is given to both body '{named[n]}' "
                         f"and body '{b.id}'", help="give each name to one body only")
                named[n] = b.id
            if b.only is not None:
                choice = book.choice(b.only[0])
                if choice is None:
                    fail(ResolveError, b.span, f"body '{b.id}' is set up only under choice "
                         f"'{b.only[0]}', which the file has no menu for",
                         expected="one of " + ", ".join(c.id for c in book.choices) if book.choices else None,
                         help="name a choice of this file's menu, e.g. only under 3.2 = D")
                keys = [o.key for o in choice.options]
                for k in b.only[1]:
                    if k not in keys:
                        fail(ResolveError, b.span, f"choice {choice.id} has no option '{k}'",
                             expected="one of " + ", ".join(keys))
        for b in book.bodies:
            if b.elects is not None and (b.elects not in self.bodies or b.elects == b.id):
                fail(ResolveError, _name_span(b.span, b.elects),
                     f"body '{b.id}' elects '{b.elects}', which is not another body of this file",
                     expected="one of " + ", ".join(x for x in self.bodies if x != b.id),
                     help="declare the body the ballot fills, or correct its name")
        for b in book.ballots:
            if b.id in self.ballots:
                fail(ResolveError, b.span, f"ballot '{b.id}' is declared twice")
            if b.form == "ranked" and not b.places:
                fail(ResolveError, b.span, "a ranked ballot fills at least one place",
                     help="write e.g. ranked 9 places")
            if b.form == "between" and len(set(b.items)) < 2:
                fail(ResolveError, b.span, "a ballot between options needs two or more different ones")
            self.ballots[b.id] = b
        for s in book.kind_sets:
            for k in s.kinds:
                if k not in KINDS:
                    self._unknown(_name_span(s.span, k), "kind", k, KINDS)
            if s.id in self.sets:
                fail(ResolveError, s.span, f"kind set '{s.id}' is declared twice")
            self.sets[s.id] = s.kinds
        for c in book.categories:
            for sid in c.sets:
                if sid not in self.sets:
                    self._unknown(_name_span(c.span, sid), "kind set", sid, self.sets,
                                  help=f"declare it with: kinds {sid} = local_group, ...")
        seen: dict[str, A.Clause] = {}
        clauses = []
        for c in book.clauses:
            if c.id in seen:
                fail(ResolveError, c.span, f"clause id '{c.id}' is used twice",
                     help="where the source numbers two clauses alike, give them distinct ids "
                          "and keep the printed number with: number \"3.2\"")
            seen[c.id] = c
            if c.lines and c.lines[0] > c.lines[1]:
                fail(ResolveError, c.span, f"clause {c.id}: line range {c.lines[0]}..{c.lines[1]} "
                     "runs backwards", help="write the first line first")
            clauses.append(self._clause(c))
        self._check_menu(seen)
        out = Book(dataclasses.replace(book, clauses=tuple(clauses)))
        order = 0
        for c in out.ast.clauses:
            for i, item in enumerate(c.items):
                if isinstance(item, A.Either):
                    key = item.name or f"{c.id}#{i}"
                    first = out.eithers.get(key)
                    if first is not None and [r.label for r in first.readings] != [r.label for r in item.readings]:
                        fail(ResolveError, item.span, f"either '{key}' lists other readings than before",
                             help="eithers that share a name must list the same readings in the same order")
                    out.eithers.setdefault(key, item)
            if c.carried is not None and c.carried.figures_from is not None:
                ref = c.carried.figures_from
                if ref not in seen:
                    self._unknown(_name_span(c.carried.span, ref), "clause", ref, seen,
                                  help="'carried ... as in' names a clause id of this rulebook")
            for rule, where in A.rules_of(c):
                self._check_overrides(rule, seen)
                either = c.items[where[0]] if where else None
                reading = ((either.name or f"{c.id}#{where[0]}"), where[1]) if where else None
                out.by_topic.setdefault((rule.topic, rule.target), []).append(
                    Entry(c, rule, reading, order))
                order += 1
        return out

    def _clause(self, c: A.Clause) -> A.Clause:
        if c.lines and c.lines[0] > c.lines[1]:
            fail(ResolveError, c.span, f"clause {c.id}: line range {c.lines[0]}..{c.lines[1]} "
                 "runs backwards", help="write the first line first")
        return dataclasses.replace(c, items=tuple(self._item(i) for i in c.items))

    def _check_menu(self, body: dict[str, A.Clause]):
        """Options and amendments are checked now, though only composing applies them."""
        book = self.book
        amendments = {a.id: a for a in book.amendments}
        choices = {c.id: c for c in book.choices}
        if len(amendments) != len(book.amendments) or len(choices) != len(book.choices):
            twice = next(x for x in book.amendments + book.choices
                         if sum(1 for y in book.amendments + book.choices
                                if type(y) is type(x) and y.id == x.id) > 1)
            fail(ResolveError, twice.span, f"'{twice.id}' is declared twice")
        known = dict(body)
        for am in book.amendments:
            for op in am.ops:
                for c in getattr(op, "clauses", ()):
                    self._clause(c)
                    known.setdefault(c.id, c)
        for am in book.amendments:
            for op in am.ops:
                if op.target not in known:
                    self._unknown(_name_span(op.span, op.target), "clause", op.target, known,
                                  help="an amendment changes clauses of its own rulebook")
        for ch in book.choices:
            keys = [o.key.lower() for o in ch.options]
            if len(set(keys)) != len(keys):
                fail(ResolveError, ch.span, f"choice {ch.id} lists an option twice")
            if len(keys) < 2:
                fail(ResolveError, ch.span, f"choice {ch.id} needs at least two options",
                     help="a vote for or against is: option for ... end option against end")
            if ch.requires is not None:
                parent, wanted = ch.requires
                if parent not in choices:
                    self._unknown(_name_span(ch.span, parent), "choice", parent, choices)
                for k in wanted:
                    if choices[parent].option(k) is None:
                        keys = [o.key for o in choices[parent].options]
                        fail(ResolveError, _name_span(ch.span, k), f"choice {parent} has no option '{k}'",
                             expected="one of " + ", ".join(keys),
                             help=did_you_mean(k, keys) or f"'requires' names options of choice {parent}")
            for opt in ch.options:
                for aid in opt.applies:
                    if aid not in amendments:
                        self._unknown(_name_span(opt.span, aid), "amendment", aid, amendments)
                for c in opt.clauses:
                    if c.id in known:
                        fail(ResolveError, c.span, f"clause id '{c.id}' is used twice",
                             help="an option's clauses need ids of their own, e.g. 4.2.b")
                    known[c.id] = c
                    self._clause(c)

    # ---- helpers ----
    def _unknown(self, span, what: str, name: str, choices, help: str | None = None):
        hint = did_you_mean(name, choices)
        known = ", ".join(sorted(choices))
        fail(ResolveError, span, f"unknown {what} '{name}'",
             expected=f"one of {known}" if len(choices) <= 20 else None,
             help=hint or help or f"known {what}s: {known}")

    def _body(self, span, name: str):
        if name not in self.bodies:
            span = _name_span(span, name)
            declared = ", ".join(sorted(self.bodies)) or "none"
            hint = did_you_mean(name, self.bodies)
            fail(ResolveError, span, f"unknown body '{name}'",
                 help=(hint + " " if hint else "") +
                 f"declare it with: body {name} \"Its Name\" (declared: {declared})")

    def _ballot(self, span, name: str):
        if name not in self.ballots:
            declared = ", ".join(sorted(self.ballots)) or "none"
            hint = did_you_mean(name, self.ballots)
            fail(ResolveError, _name_span(span, name), f"unknown ballot '{name}'",
                 help=(hint + " " if hint else "") +
                 f"declare it with: ballot {name} \"what is voted on\" motion (declared: {declared})")

    def _item(self, item):
        if isinstance(item, A.Rule):
            return self._rule(item)
        if isinstance(item, A.Creates):
            self._body(item.span, item.body)
            if item.by:
                self._body(item.span, item.by)
            return item
        return dataclasses.replace(item, readings=tuple(
            dataclasses.replace(r, rules=tuple(self._rule(x) for x in r.rules))
            for r in item.readings))

    def _rule(self, rule: A.Rule) -> A.Rule:
        topic = TOPICS.get(rule.topic)
        if topic is None:
            self._unknown(rule.span, "topic", rule.topic, TOPICS)
        if topic.target and rule.target is None:
            fail(ResolveError, rule.span, f"topic '{rule.topic}' needs a {topic.of}",
                 expected=f"{rule.topic}({topic.of.upper()}), e.g. {rule.topic}"
                          + ("(cac_motion)" if topic.of == "ballot" else "(conference)"))
        if not topic.target and rule.target is not None:
            fail(ResolveError, rule.span, f"topic '{rule.topic}' takes no {topic.of}",
                 help=f"write '{rule.topic} = ...'")
        if rule.target is not None:
            if topic.of == "ballot":
                self._ballot(rule.span, rule.target)
            else:
                self._body(rule.span, rule.target)
        value = rule.value
        want = _VALUE_TYPES[topic.value]
        want = want if isinstance(want, tuple) else (want,)
        if not isinstance(value, want + _ANYWHERE):
            fail(ResolveError, value.span or rule.span,
                 f"topic '{rule.topic}' decides {_WORDS[topic.value]}, not {_VALUE_WORDS[type(value)]}",
                 expected=_EXAMPLES[topic.value])
        if isinstance(value, A.Delegated):
            self._body(value.span, value.body)
        if isinstance(value, A.Step) and value.action == "go":
            self._ballot(value.span, value.what)
        if isinstance(value, A.Ratio):
            fact = self._fact(value.span, value.fact)
            if value.rounding is None:
                fail(ResolveError, value.span, "a ratio must say how to round",
                     expected="rounded down, rounded up or rounded to nearest",
                     help="if the text does not say, give each rounding as a reading: either ... end")
            if fact.type != "int":
                fail(ResolveError, value.span, f"a ratio counts a whole-number fact; '{fact.name}' is {_WORDS[fact.type]}")
            if value.per == 0 or value.n == 0:
                fail(ResolveError, value.span, "a ratio needs numbers above zero",
                     help="write e.g. 1 per 3 lla_supporters")
        if isinstance(value, A.Decision):
            for t in value.tests:
                if t.tally not in TALLIES:
                    self._unknown(t.span, "tally", t.tally, TALLIES)
            if value.referral:
                self._body(value.span, value.referral)
            counted = [t.tally for t in value.tests]
            for tally in value.referral_of:
                if tally not in counted:
                    fail(ResolveError, value.span, f"the referral names '{tally}', which the decision does not count",
                         expected="one of " + ", ".join(counted),
                         help="name in 'if one of ...' tallies that the decision's tests count")
            if value.referral_of and len(set(value.referral_of)) < 2:
                # A split needs two tests to split between (round 49 check:
                # "if one of individuals" never refers anything).
                fail(ResolveError, value.span, "'if one of' names fewer than two different tallies, "
                     "so no split between them can refer a motion",
                     expected="two or more of " + ", ".join(counted),
                     help="name the tallies whose split refers the motion, e.g. 'if one of individuals "
                          "or groups', or write 'if one' for a split among all the tests")
        cond = self._cond(rule.cond) if rule.cond is not None else None
        return dataclasses.replace(rule, cond=cond)

    def _check_overrides(self, rule: A.Rule, clauses: dict[str, A.Clause]):
        for ref in rule.overrides:
            if not any(cid == ref or cid.startswith(ref + ".") for cid in clauses):
                self._unknown(_name_span(rule.span, ref), "clause", ref, clauses,
                              help="'overrides' names clause ids of this rulebook")

    def _fact(self, span, name: str):
        if name not in FACTS:
            self._unknown(span, "fact", name, FACTS)
        return FACTS[name]

    def _cond(self, cond):
        if isinstance(cond, (A.And, A.Or)):
            return dataclasses.replace(cond, conds=tuple(self._cond(c) for c in cond.conds))
        if isinstance(cond, A.Not):
            return dataclasses.replace(cond, cond=self._cond(cond.cond))
        fact = self._fact(cond.span, cond.fact)
        if isinstance(cond, A.Flag):
            if fact.type != "bool":
                fail(ResolveError, cond.span, f"'{fact.name}' is {_WORDS[fact.type]}, not a yes/no fact",
                     help=f"compare it, e.g. {fact.name} {'= ' + (_enum_values(fact.name, self.book) or ('x',))[0] if fact.type == 'enum' else '>= 10'}")
            return cond
        if isinstance(cond, A.Within):
            if fact.type != "int":
                fail(ResolveError, cond.span, f"'{fact.name}' is {_WORDS[fact.type]}; a range needs a whole number",
                     help=f"write two comparisons, e.g. {fact.name} >= £10 and {fact.name} <= £100")
            if cond.lo > cond.hi:
                fail(ResolveError, cond.span, f"the range {cond.lo}..{cond.hi} is empty",
                     help="write the lower bound first")
            return cond
        if isinstance(cond, A.Member):
            if fact.type not in ("enum", "set"):
                fail(ResolveError, cond.span, f"'{fact.name}' is {_WORDS[fact.type]}; 'in {{...}}' needs a choice fact such as kind")
            names = cond.names
            if cond.set_name is not None:
                if cond.set_name not in self.sets:
                    self._unknown(_name_span(cond.span, cond.set_name), "kind set", cond.set_name, self.sets,
                                  help=f"declare it with: kinds {cond.set_name} = local_group, ...")
                names = self.sets[cond.set_name]
            allowed = _enum_values(fact.name, self.book)
            for n in names:
                if n not in allowed:
                    self._unknown(_name_span(cond.span, n), f"value of {fact.name}", n, allowed)
            return dataclasses.replace(cond, names=tuple(names))
        # Compare
        lit = cond.lit
        if fact.type == "bool":
            fail(ResolveError, cond.span, f"'{fact.name}' is a yes/no fact",
                 help=f"write '{fact.name}' or 'not {fact.name}'")
        want = _LIT_FOR_FACT[fact.type]
        if lit.type != want:
            fail(ResolveError, lit.span, f"'{fact.name}' is {_WORDS[fact.type]}, but this is {_WORDS[lit.type]}",
                 expected=_LIT_EXAMPLES[want])
        if fact.type in ("enum", "set"):
            if fact.type == "set":
                fail(ResolveError, cond.span, f"'{fact.name}' is a set; test it with 'in'",
                     help=f"write e.g. {fact.name} in {{{(_enum_values(fact.name, self.book) or ('x',))[0]}}}")
            if cond.op not in ("=", "!="):
                fail(ResolveError, cond.span, f"'{fact.name}' can only be compared with = or !=")
            allowed = _enum_values(fact.name, self.book)
            if lit.value not in allowed:
                self._unknown(lit.span, f"value of {fact.name}", lit.value, allowed)
        if fact.type == "share" and lit.value > Fraction(1):
            fail(ResolveError, lit.span, "a share cannot be more than 100%")
        return cond


_EXAMPLES = {
    "frequency": "how often, such as 'at least quarterly'",
    "count": "a number such as 2 or 'up to 3', or 'delegated to BODY'",
    "money": "an amount such as £20 per year, or 'delegated to BODY'",
    "permission": "allowed or forbidden, or 'delegated to BODY'",
    "decision": "a vote such as 'majority of votes', or 'unspecified'",
    "counting": "'majority of votes', 'largest vote', 'transferable vote' or 'unspecified'",
    "tiebreak": "'delegated to BODY' (e.g. the chair's casting vote) or 'unspecified'",
    "step": "'go to BALLOT', 'adopt composite' or 'adopt winner'",
}
_LIT_EXAMPLES = {
    "frequency": "how often, such as 'at least quarterly'",
    "int": "a whole number such as 10", "money": "an amount such as £20",
    "share": "a share such as 10%", "duration": "a duration such as 3 weeks",
    "name": "a name", "date": "a date such as 2021-07-20",
}


def resolve(book: A.Rulebook) -> Book:
    return _Resolver(book).run()
