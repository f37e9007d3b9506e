"""`lla diff A B`: where two rulebooks really decide differently.

Every family of questions both could be asked is walked over the exact cells
of :mod:`.space`; in each cell the two answers are compared. A family is

* **equivalent** when every cell gets the same answer,
* **stricter** when B never gives more than A and sometimes less (fewer
  delegates, forbidden where A allows, a higher fee or majority),
* **looser** the other way round, and
* **incomparable** when the changes go both ways, or an answer changes kind
  (a number against "the OG decides", silence, or not applicable).

Each region where the answers differ is described by its boundaries and
carries a witness: one real scenario inside it.

>>> from lla_constitution.loader import load
>>> d = diff(side("dulwich"), side("law-sll"))
>>> next(f.verdict for f in d.families if f.family.label == "delegates(conference)")
'incomparable'
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import ast as A
from ..errors import InputError, did_you_mean, fail
from ..evaluate import SILENT, _describe, concrete, value_key
from ..partition import merge_boxes
from ..resolve import Book
from .space import (NO_RECALL, NOT_APPLICABLE, Family, Leaf, Space, View, families, roles, select, space,
                    view, walk)

# ---- sides: a rulebook, or a composite with some options chosen ----------


@dataclass
class Side:
    """What one side of a diff is: `dulwich`, `rules/x.lla`, `london+swansea`
    (a draft with an amendment applied) or `cac:4.2=B,3.2=A`."""

    label: str
    book: Book  # the rulebook as loaded, amendments applied (a composite keeps its choices)
    chosen: dict[str, str] = field(default_factory=dict)
    rid: str | None = None  # the menu's id, for a constitution composed from it
    name: str | None = None  # what `lla check --draft` takes for it: an id or a path
    amends: tuple[str, ...] = ()  # amendments applied, for `lla check --amend`
    _variants: dict = field(default_factory=dict, repr=False)

    @property
    def id(self) -> str:
        return self.rid or self.book.id

    @property
    def draft(self) -> str:
        """The `--draft` argument that loads this side again."""
        return self.name or self.book.id

    def variants(self, fam: Family, table: dict) -> list[tuple[str, Book]]:
        """The constitutions this side may be, as far as the family is concerned:
        one per combination of the open choices that decide it."""
        if not self.book.ast.choices:
            return [("", self.book)]
        from ..compose import variants
        from ..loader import _resolve_cached
        from .space import body_for

        target = body_for(self.book, fam.role, table, self.id) if fam.role else None
        key = (fam.topic, target)
        if key not in self._variants:
            topic = fam.topic if target is None else (fam.topic, target)
            self._variants[key] = [
                (",".join(f"{k}={v}" for k, v in varied.items()), _resolve_cached(ast))
                for ast, varied in variants(self.book.ast, self.chosen, [topic])]
        return self._variants[key]

    def views(self, fam: Family, table: dict) -> list[View]:
        return [view(b, fam, table, self.id) for _, b in self.variants(fam, table)]


def side(spec: str) -> Side:
    """Parse `BOOK[+AMENDMENT...][:CHOICE=OPTION[,CHOICE=OPTION]]`, where BOOK
    is a bundled id or a path to any .lla file.

    >>> side("cac:4.2=B").chosen
    {'4.2': 'B'}
    >>> side("london+swansea").book.id
    'london+swansea'
    """
    from pathlib import Path

    from ..amend import apply_amendments
    from ..compose import parse_options
    from ..errors import clip
    from ..loader import _resolve_cached, bundled_ids, is_file, load

    name, colon, picks = spec.partition(":")
    if colon and ("=" not in picks or not name):
        name, colon, picks = spec, "", ""  # a path with a colon in it
    amends: tuple[str, ...] = ()
    if "+" in name and not is_file(name):
        from ..books import amendment_names

        name, *rest = name.split("+")
        amends = tuple(amendment_names(spec, rest))
    if not (name.endswith(".lla") or is_file(name) or name in bundled_ids() or name == "-"):
        ids = bundled_ids()
        fail(InputError, None, f"unknown draft '{clip(name, 60)}'", path=clip(spec, 60).strip() or "DRAFT",
             expected="one of " + ", ".join(ids) + ", or a path to a .lla file",
             help=did_you_mean(name, ids) or "a composite takes options as cac:4.2=B, "
                                              "an amended draft london+swansea")
    book = load(name)
    if amends:
        voted = {aid for ch in book.ast.choices for o in ch.options for aid in o.applies}
        if voted & set(amends):
            fail(InputError, None, f"in {book.id} the amendment '{sorted(voted & set(amends))[0]}' "
                                   "is voted on as an option", path=spec,
                 help="choose it as an option instead, e.g. cac:CHOICE=OPTION (see: lla compose --list-options "
                      f"{name})")
        book = _resolve_cached(apply_amendments(book.ast, amends, path=spec))
    if not colon:
        return Side(spec, book, name=name, amends=amends)
    if not book.ast.choices:
        fail(InputError, None, f"{book.id} has no options to choose, so '{spec}' means nothing",
             path=spec, help=f"write just '{name}', or pick options of a composite, e.g. cac:4.2=B")
    return Side(spec, book, parse_options(book.ast, [p for p in picks.split(",") if p.strip()], arg=spec),
                name=name, amends=amends)


# ---- comparing two answers -----------------------------------------------

_EVERY = ("monthly", "quarterly", "twice_yearly", "annually", "every_two_years")
_FRACTION = {"majority": 1, "two_thirds": 2, "three_quarters": 3}


def _order(topic: str, key: tuple):
    """A number saying how much `key` demands or withholds (more = stricter),
    or None when it is not a plain value of an ordered kind."""
    kind = key[0]
    if kind == "permission":
        return 0 if key[1] else 1
    if kind == "count":
        return key[1] if topic == "quorum" else -key[1]
    if kind == "money":
        return (key[2], key[3], key[1])
    if kind == "frequency" and key[1] in _EVERY:
        return (key[2], -_EVERY.index(key[1]))
    if kind == "decision":
        d: A.Decision = key[1]
        if len(d.tests) == 1:
            t = d.tests[0]
            return (t.tally, t.of_all, d.referral, _FRACTION[t.fraction])
    return None


def relation(topic: str, a: frozenset, b: frozenset) -> str:
    """same | stricter | looser | different: how B's answer stands to A's.

    >>> relation("delegates", frozenset([("count", 3)]), frozenset([("count", 2)]))
    'stricter'
    """
    if a == b:
        return "same"
    if len(a) != 1 or len(b) != 1:
        return "different"
    (ka,), (kb,) = a, b
    oa, ob = _order(topic, ka), _order(topic, kb)
    if oa is None or ob is None or ka[0] != kb[0]:
        return "different"
    if isinstance(oa, tuple):
        # Only the last part is a degree; the rest must agree to compare at all.
        if oa[:-1] != ob[:-1]:
            return "different"
        oa, ob = oa[-1], ob[-1]
    return "stricter" if ob > oa else "looser" if ob < oa else "different"


# ---- the diff --------------------------------------------------------------

@dataclass
class Difference:
    """A region where the two answers differ, and a scenario inside it."""

    relation: str
    answers: tuple[frozenset, frozenset]
    when: list[str]
    witness: dict
    leaves: int = 1
    cases: list = field(default_factory=list, repr=False)  # (leaf, scenario) in the region


@dataclass
class FamilyDiff:
    family: Family
    verdict: str  # equivalent | stricter | looser | incomparable
    differences: list[Difference]
    agree: list[tuple[frozenset, list[str]]]  # answers both give, and where
    space: Space | None = None


@dataclass
class Diff:
    a: Side
    b: Side
    families: list[FamilyDiff]
    table: dict

    @property
    def differing(self) -> list[FamilyDiff]:
        return [f for f in self.families if f.verdict != "equivalent"]


def verdict_of(relations) -> str:
    rel = set(relations) - {"same"}
    if not rel:
        return "equivalent"
    if rel == {"stricter"}:
        return "stricter"
    if rel == {"looser"}:
        return "looser"
    return "incomparable"


def compare_leaf(sp: Space, leaf: Leaf) -> tuple[str, tuple, dict]:
    """The relation in one cell, with the answers and a witness.

    Ratios ("1 per 3 LLA supporters") change inside a cell, so where one is
    in play the cell is searched for a value at which the answers differ."""
    a, b = leaf.answers
    if a != b and _by_role(sp, 0, a) == _by_role(sp, 1, b):
        return "same", (a, b), leaf.facts
    if a != b and any(k[0] == "ratio" for k in a | b):
        return _ratio_leaf(sp, leaf)
    return relation(sp.family.topic, a, b), (a, b), leaf.facts


def _by_role(sp: Space, side: int, keys: frozenset) -> frozenset:
    """A side's answers with each body a decision is left to named by its role:
    Dulwich's Officers Group and the CAC's steering group under 3.2 C are one
    role, so "delegated to" each is one answer (round 47: two body ids read as
    a difference)."""
    role = {local: r for v in sp.views[side] for r, local in v.to_local.items()}
    return frozenset(("delegated", role.get(k[1], k[1])) if k[0] == "delegated" else k for k in keys)


def _concrete(keys: frozenset, facts: dict) -> frozenset:
    out = set()
    for k in keys:
        if k[0] == "ratio":
            k = value_key(concrete(A.Ratio(k[1], k[2], k[3], k[4]), facts))
        out.add(k)
    return frozenset(out)


def _ratio_leaf(sp: Space, leaf: Leaf):
    a, b = leaf.answers
    ratios = [k for k in a | b if k[0] == "ratio"]
    fact = ratios[0][3]
    dim = sp.dims.get(fact)
    cell = dim.cells[leaf.cells[fact]] if dim and fact in leaf.cells else None
    lo = cell.lo if cell else 0
    hi = cell.hi if cell else None
    # A ratio's value steps every `per` units, so its difference from a number
    # or another ratio shows within a few periods of the cell's start, or at
    # its end; beyond the largest count in play the ratio has passed it.
    biggest = max([k[1] for k in a | b if k[0] == "count"] + [0])
    span = max(k[2] for k in ratios) * (biggest + 3) * 2
    candidates = list(range(lo, lo + span + 1)) + ([hi] if hi is not None else [])
    for x in candidates:
        if hi is not None and x > hi:
            break
        facts = dict(leaf.facts, **{fact: x})
        ca, cb = _concrete(a, facts), _concrete(b, facts)
        if ca != cb:
            return relation(sp.family.topic, ca, cb), (ca, cb), facts
    facts = dict(leaf.facts, **{fact: lo})
    return "same", (_concrete(a, facts), _concrete(b, facts)), facts


def _other_body_na(views) -> bool:
    """Whether a "not applicable" on this side can only come of a case's
    other body (a motion `by` a body the draft lacks): the side has the
    family's body, and no rule of it says "not applicable"."""
    return any(v.applicable for v in views) and not any(
        isinstance(e.rule.value, A.NotApplicable) for v in views for e in v.entries)


def diff_family(fam: Family, a: Side, b: Side, table: dict) -> FamilyDiff:
    va, vb = a.views(fam, table), b.views(fam, table)
    sp = space(fam, [va, vb])
    # A case whose other body (`by`) one side lacks, where the other side is
    # silent, compares nothing: that side answers "not applicable" of the
    # body, not of the question (round 61: area meetings' motions were
    # "apart" only so). Against a decision it is a difference still.
    skip = [_other_body_na(va), _other_body_na(vb)]
    groups: dict = {}
    for leaf in walk(sp):
        if leaf.answers is None:
            continue  # no real case: more LLA supporters than members
        if any(s and leaf.answers[i] == frozenset({NOT_APPLICABLE})
               and leaf.answers[1 - i] <= frozenset({SILENT, NOT_APPLICABLE}) for i, s in enumerate(skip)):
            continue  # "no such body" against silence: neither decides
        rel, answers, witness = compare_leaf(sp, leaf)
        bucket = groups.setdefault((rel, answers), [])
        bucket.append((leaf, witness))
    differences, agree = [], []
    for (rel, answers), items in sorted(groups.items(), key=lambda kv: _first(kv[1])):
        when = regions(sp, [leaf for leaf, _ in items])
        if rel == "same":
            agree.append((answers[0], when))
        else:
            differences.append(Difference(rel, answers, when, items[0][1], len(items), items))
    verdict = verdict_of(d.relation for d in differences)
    return FamilyDiff(fam, verdict, differences, agree, sp)


def _first(items) -> tuple:
    leaf = items[0][0]
    return tuple(sorted(leaf.cells.items()))


def regions(sp: Space, leaves: list[Leaf]) -> list[str]:
    """Boundaries of the union of the leaves, e.g. 'kind = local_group and members 10–99'.

    Only boxes holding a real case are joined: a box of more LLA supporters
    than members would shorten the words but describe cases that cannot be."""
    return [" and ".join(_describe([sp.dims[f] for f in sp.order], box)) or "always"
            for box in boxes(sp, leaves)]


def boxes(sp: Space, leaves: list[Leaf]) -> list[tuple]:
    """The leaves merged into as few boxes as cover exactly them: one set of
    cell indices per fact, in `sp.order`."""
    dims = [sp.dims[f] for f in sp.order]
    full = [frozenset(range(len(d.cells))) for d in dims]
    # One frozenset per cell, shared by every leaf in it (a walk has
    # hundreds of thousands of leaves and few cells).
    single = [[frozenset([i]) for i in range(len(d.cells))] for d in dims]
    order = list(enumerate(sp.order))
    return merge_boxes([tuple(single[i][c] if (c := leaf.cells.get(f)) is not None else full[i]
                              for i, f in order) for leaf in leaves])


def side_body(s: Side, role: str, table: dict) -> str | None:
    """The body playing `role` on side `s`, or None where the side has none:
    a composite's body set up only under an option the side did not choose
    is none (round 60: `cac:3.2=A` was said to have a conduct body, 3.2 C's).

    >>> from lla_constitution.analyse.space import roles
    >>> s = side("cac:3.2=A")
    >>> side_body(s, "conduct_body", roles([s.book])), side_body(side("cac:3.2=C"), "conduct_body", roles([s.book]))
    (None, 'conduct_body')
    """
    from .space import body_for

    bid = body_for(s.book, role, table, s.id)
    b = s.book.ast.body(bid) if bid is not None else None
    if b is not None and b.only and b.only[0] in s.chosen and s.chosen[b.only[0]] not in b.only[1]:
        return None
    return bid


def diff(a: Side, b: Side, only=None) -> Diff:
    """Compare two sides family by family; `only` keeps some family names or topics.
    A family about a body neither side has is no comparison, and is left out."""
    table = roles([a.book, b.book])
    fams = [f for f in select(families([a.book, b.book], table), only)
            if not f.role or side_body(a, f.role, table) or side_body(b, f.role, table)]
    return Diff(a, b, [diff_family(f, a, b, table) for f in fams], table)


def check_families(names, books) -> None:
    """Refuse a `--family` that none of `books` answers, listing those they do."""
    known = {n for f in families(books, roles(books)) for n in f.names}
    for n in names:
        if n not in known:
            fail(InputError, None, f"no question family '{n}'", path="--family",
                 expected="one of " + ", ".join(sorted(known)), help=did_you_mean(n, known))


def key_text(key: tuple) -> str:
    """Words for an answer's value key."""
    from .. import format as F

    kind = key[0]
    if key == SILENT:
        return "silent"
    if key == NOT_APPLICABLE:
        return "not applicable"
    if kind == "count":
        return f"up to {key[1]}" if key[2:] else str(key[1])
    if kind == "money":
        return F.value(A.Money(key[1], key[2], key[3]))
    if kind == "permission":
        return "allowed" if key[1] else "forbidden"
    if kind == "delegated":
        return f"delegated to {key[1]}"
    if kind == "unspecified":
        # A clause speaks and leaves it open (Dulwich 3.3's "consensus, else a
        # show of hands"): silent, with a clause, in words (round 44).
        return "silent (a clause leaves it open)"
    if kind == "frequency":
        return F.value(A.Frequency(key[1], key[2]))
    if kind == "ratio":
        return F.value(A.Ratio(*key[1:]))
    if kind == NO_RECALL:
        # No clause recalls a member of the body, yet the draft counts the vote.
        return f"silent on recall (no clause provides one); a vote short of {F.value(key[1])} is lost"
    return F.value(key[1])


def answers_text(keys: frozenset) -> str:
    texts = sorted(key_text(k) for k in keys)
    return texts[0] if len(texts) == 1 else "ambiguous: " + " | ".join(texts)

