"""The typed intermediate form: rulebooks, clauses, rules, values, conditions.

Every node carries a source span; equality ignores it, so a rulebook parsed
from a reformatted file equals the original. The same nodes feed the
evaluator, the explainer and the analyser; nothing here is executable code.

>>> a = Compare("members", ">=", Lit("int", 10))
>>> b = Compare("members", ">=", Lit("int", 10), span=None)
>>> a == b
True
"""
from __future__ import annotations

import re

from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Union

from .source import Span


def _span():
    return field(default=None, compare=False, repr=False)


# ---- literals and values ------------------------------------------------

@dataclass(frozen=True)
class Lit:
    """A typed constant: int, money (pence), share (Fraction), duration ((n, unit)), name."""

    type: str
    value: object
    span: Span | None = _span()


@dataclass(frozen=True)
class Count:
    n: int
    up_to: bool = False
    span: Span | None = _span()


@dataclass(frozen=True)
class Ratio:
    """`1 per 3 lla_supporters rounded down`: a count that grows with a fact.
    `rounding` is None when the text does not say how to round."""

    n: int
    per: int
    fact: str
    rounding: str | None = None  # "down" | "up" | "nearest"
    span: Span | None = _span()


@dataclass(frozen=True)
class Money:
    pence: int
    at_least: bool = False
    per_year: bool = False
    span: Span | None = _span()


@dataclass(frozen=True)
class Permission:
    allowed: bool
    span: Span | None = _span()


@dataclass(frozen=True)
class Delegated:
    body: str
    span: Span | None = _span()


@dataclass(frozen=True)
class NotApplicable:
    span: Span | None = _span()


@dataclass(frozen=True)
class Unspecified:
    """The text names a way of deciding but not the threshold (e.g. 'a show of hands')."""

    span: Span | None = _span()


@dataclass(frozen=True)
class Test:
    """`majority of individuals`: more than `fraction` of the tally's votes for."""

    fraction: str  # majority | two_thirds | three_quarters
    tally: str
    of_all: bool = False  # of all eligible, not of those voting
    span: Span | None = _span()


@dataclass(frozen=True)
class Decision:
    tests: tuple[Test, ...]
    referral: str | None = None  # body a motion goes to when only some tests pass
    # The tallies whose split refers it ("if one of individuals or groups");
    # empty: a split among all the tests.
    referral_of: tuple[str, ...] = ()
    span: Span | None = _span()


@dataclass(frozen=True)
class Frequency:
    """How often a body meets: `at least quarterly`."""

    every: str  # monthly | quarterly | twice_yearly | annually | every_two_years
    at_least: bool = False
    span: Span | None = _span()


@dataclass(frozen=True)
class Largest:
    """`largest vote`: among several options, the one with the most votes wins."""

    span: Span | None = _span()


@dataclass(frozen=True)
class Transferable:
    """`transferable vote`: a ranked count whose method the text does not name."""

    span: Span | None = _span()


@dataclass(frozen=True)
class Step:
    """What follows a ballot: `go to sections` (another ballot) or `adopt
    composite` / `adopt winner` (the procedure ends with what was chosen)."""

    action: str  # "go" | "adopt"
    what: str  # a ballot id, or "composite" / "winner"
    span: Span | None = _span()


Value = Union[Frequency, Count, Ratio, Money, Permission, Delegated, NotApplicable, Unspecified, Decision,
              Largest, Transferable, Step]


# ---- conditions ---------------------------------------------------------

@dataclass(frozen=True)
class Compare:
    fact: str
    op: str
    lit: Lit
    span: Span | None = _span()


@dataclass(frozen=True)
class Within:
    """`members in 10..100`, inclusive at both ends as the drafts' 'between' is."""

    fact: str
    lo: int
    hi: int
    span: Span | None = _span()


@dataclass(frozen=True)
class Member:
    fact: str
    names: tuple[str, ...]
    set_name: str | None = None  # written as `kind in trade_unions`
    span: Span | None = _span()


@dataclass(frozen=True)
class Flag:
    fact: str
    span: Span | None = _span()


@dataclass(frozen=True)
class Not:
    cond: "Cond"
    span: Span | None = _span()


@dataclass(frozen=True)
class And:
    conds: tuple["Cond", ...]
    span: Span | None = _span()


@dataclass(frozen=True)
class Or:
    conds: tuple["Cond", ...]
    span: Span | None = _span()


Cond = Union[Compare, Within, Member, Flag, Not, And, Or]


# ---- rules and structure ------------------------------------------------

@dataclass(frozen=True)
class Rule:
    """`topic(target) = value when cond overrides 2.3 note "..."`."""

    topic: str
    target: str | None
    value: Value
    cond: Cond | None = None
    otherwise: bool = False
    overrides: tuple[str, ...] = ()
    note: str | None = None
    span: Span | None = _span()


@dataclass(frozen=True)
class Reading:
    """One way of reading a vague clause; the rules that follow from it."""

    label: str
    rules: tuple[Rule, ...]
    because: str | None = None  # why this reading stands against the rest of the draft
    span: Span | None = _span()


@dataclass(frozen=True)
class Either:
    """Several readings of vague text. Eithers that share a name are one choice:
    the same words read the same way wherever they recur."""

    readings: tuple[Reading, ...]
    name: str | None = None
    span: Span | None = _span()


@dataclass(frozen=True)
class Creates:
    """`creates officers_group by organising_group`: the clause sets up a body."""

    body: str
    by: str | None = None
    span: Span | None = _span()


@dataclass(frozen=True)
class Aside:
    """`non_normative "reason" for "It produces regular minutes"`: the sentences
    of a formalised clause that start with `fragment` encode nothing."""

    fragment: str
    reason: str
    span: Span | None = _span()


@dataclass(frozen=True)
class Carried:
    """The recorded vote that carried a decision: `carried 20 to 12 on 2021-07-20`."""

    votes_for: int
    votes_against: int
    on: date | None = None
    figures_from: str | None = None  # the clause whose words give the figures ("as in")
    span: Span | None = _span()


@dataclass(frozen=True)
class Clause:
    id: str
    number: str | None = None  # as printed in the source, when the id differs
    lines: tuple[int, int] | None = None
    text: str = ""
    non_normative: str | None = None  # the reason, for aims and exhortations
    items: tuple[Union[Rule, Either, Creates], ...] = ()
    span: Span | None = _span()
    asides: tuple[Aside, ...] = ()
    carried: Carried | None = None


# ---- amendments: data, applied by amend.py ------------------------------

@dataclass(frozen=True)
class Delete:
    target: str
    span: Span | None = _span()


@dataclass(frozen=True)
class Replace:
    target: str
    clauses: tuple[Clause, ...]
    span: Span | None = _span()


@dataclass(frozen=True)
class Insert:
    where: str  # "after" | "before"
    target: str
    clauses: tuple[Clause, ...]
    span: Span | None = _span()


@dataclass(frozen=True)
class EditText:
    """Change words of a clause's text; its rules stay as they are."""

    target: str
    old: str
    new: str  # "" deletes
    span: Span | None = _span()


Op = Union[Delete, Replace, Insert, EditText]


@dataclass(frozen=True)
class Amendment:
    id: str
    title: str | None = None
    lines: tuple[int, int] | None = None
    text: str = ""
    non_normative: str | None = None
    asides: tuple[Aside, ...] = ()
    ops: tuple[Op, ...] = ()
    span: Span | None = _span()


# ---- composite menus ----------------------------------------------------

@dataclass(frozen=True)
class Option:
    key: str  # "A", "neither", "for", "1"
    title: str | None = None
    origins: tuple[str, ...] = ()  # rulebook ids, or the text's names (analyse.attribute maps them)
    clauses: tuple[Clause, ...] = ()
    applies: tuple[str, ...] = ()  # amendment ids
    span: Span | None = _span()


@dataclass(frozen=True)
class Choice:
    id: str
    title: str
    requires: tuple[str, tuple[str, ...]] | None = None  # (choice id, option keys)
    lines: tuple[int, int] | None = None
    text: str = ""
    non_normative: str | None = None
    asides: tuple[Aside, ...] = ()
    options: tuple[Option, ...] = ()
    span: Span | None = _span()

    def option(self, key: str) -> Option | None:
        return next((o for o in self.options if o.key.lower() == key.lower()), None)


@dataclass(frozen=True)
class BodyDecl:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    span: Span | None = _span()
    only: tuple[str, tuple[str, ...]] | None = None  # (choice, options) that set it up
    elects: str | None = None  # the body a ballot fills (`elects steering_committee`)
    unset: bool = False  # `not set up`: a composed constitution's options never set it up
    outside: bool = False  # `outside the LLA`: named by a text, set up by none of the LLA's


@dataclass(frozen=True)
class KindSet:
    id: str
    kinds: tuple[str, ...]
    span: Span | None = _span()


@dataclass(frozen=True)
class Categories:
    """`categories initiators = cat_i, cat_ii`: named kind sets that count as
    distinct categories (e.g. of the bodies that may initiate a recall)."""

    id: str
    sets: tuple[str, ...]
    span: Span | None = _span()


@dataclass(frozen=True)
class Ballot:
    """A vote a conference holds under a procedure. `form` is one of motion
    (for or against), each_choice (one ballot per choice of the file's menu,
    in order), each_amendment (one for or against per amendment of the
    rulebooks in `items`), between (one ballot among `items`) and ranked
    (`places` places filled by a ranked count)."""

    id: str
    name: str
    form: str
    items: tuple[str, ...] = ()
    places: int | None = None
    span: Span | None = _span()


@dataclass(frozen=True)
class Rulebook:
    id: str
    title: str | None = None
    source: tuple[str, tuple[tuple[int, int], ...]] | None = None  # seed file, line ranges
    bodies: tuple[BodyDecl, ...] = ()
    kind_sets: tuple[KindSet, ...] = ()
    clauses: tuple[Clause, ...] = ()
    span: Span | None = _span()
    amendments: tuple[Amendment, ...] = ()
    choices: tuple[Choice, ...] = ()
    categories: tuple[Categories, ...] = ()
    # Bodies that only an option not chosen would set up (a composed menu):
    # the constitution has no such body, so questions about it are 'not applicable'.
    absent: tuple[str, ...] = ()
    # Bodies set up only under an option of a choice the composition left
    # open, as (body, choice, options): they exist on some options only.
    open_bodies: tuple[tuple[str, str, tuple[str, ...]], ...] = ()
    ballots: tuple[Ballot, ...] = ()

    def ballot(self, bid: str) -> Ballot | None:
        return next((b for b in self.ballots if b.id == bid), None)

    def category_of(self, which: str, kind: str) -> int | None:
        """Which category (0-based) of `categories which` a kind falls in, if any."""
        decl = next((c for c in self.categories if c.id == which), None)
        if decl is None:
            return None
        sets = {s.id: s.kinds for s in self.kind_sets}
        return next((i for i, sid in enumerate(decl.sets) if kind in sets.get(sid, ())), None)

    def clause(self, cid: str) -> Clause:
        return next(c for c in self.clauses if c.id == cid)

    def body(self, bid: str) -> BodyDecl | None:
        if bid in self.absent:
            return None
        return next((b for b in self.bodies if b.id == bid), None)

    def body_names(self) -> dict[str, str]:
        """Every way a person may name each body, lower-cased, to its id."""
        names = {}
        for b in self.bodies:
            for n in (b.id, b.id.replace("_", " "), b.name, *b.aliases):
                names[" ".join(n.lower().split())] = b.id
        return names

    def find_body(self, words: str) -> str | None:
        """The id of the body `words` names ("the OG" -> organising_group), if any.
        Underscores read as spaces, as in the body ids themselves, so that
        `steering_committee` finds a body called "Steering Committee"."""
        phrase = " ".join(words.replace("_", " ").lower().split())
        names = self.body_names()
        # "the" is optional on either side: "the wider membership" is Tees's
        # own name for its membership, "the OG" is asked for "OG".
        bare = phrase.removeprefix("the ").removeprefix("an ").removeprefix("a ")
        found = names.get(phrase) or names.get(bare) or names.get("the " + bare)
        officers = re.fullmatch(r"officers? of (.+)", bare) or re.fullmatch(r"(.+?) officers?", bare)
        if found is None and officers and (of := self.find_body(officers.group(1))) is not None:
            # "an officer of the organising group", "the OG officers": a
            # body named "officers of" any name of the OG (London's "officers
            # of the OG"; round 67: Dulwich's, asked by London's name). Where
            # there is none, nothing: the OG's officers are not the OG (round
            # 46: a fallback to the OG gave its delegates to "the officers").
            mine = [n for n, b in names.items() if b == of]
            # With any article: Tees's "officers of a local Labour Left
            # Branch" (round 67: "an officer of the branch" missed it).
            found = next((names[k] for n in mine for k in (f"officers of {n}", f"officers of the {n}",
                                                           f"officers of a {n}", f"officers of an {n}")
                          if k in names), None)
        return found

    def amendment(self, aid: str) -> Amendment | None:
        return next((a for a in self.amendments if a.id == aid), None)

    def choice(self, cid: str) -> Choice | None:
        return next((c for c in self.choices if c.id == cid), None)

    def all_clauses(self):
        """Every clause the file holds: the body, each option's and each amendment's."""
        yield from self.clauses
        for ch in self.choices:
            for opt in ch.options:
                yield from opt.clauses
        for am in self.amendments:
            for op in am.ops:
                yield from getattr(op, "clauses", ())


def rules_of(clause: Clause):
    """Every rule in a clause with the (either index, reading index) it sits under."""
    for i, item in enumerate(clause.items):
        if isinstance(item, Rule):
            yield item, None
        elif isinstance(item, Either):
            for j, reading in enumerate(item.readings):
                for rule in reading.rules:
                    yield rule, (i, j)


def share(text: str) -> Fraction:
    """'10%' -> Fraction(1, 10)."""
    return Fraction(text.rstrip("%")) / 100
