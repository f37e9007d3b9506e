"""`lla compare`: the topic × draft matrix, and the CAC's composite computed.

For each question family all drafts are walked over one set of cells (the
constants every draft uses), so two drafts are grouped together exactly when
they answer every case alike. One group of drafts that decide is *common
ground*; several are *options*. The CAC's own attributions (`option B ...
from law-sll, tees, london`) are then checked family by family, with a
witness for each difference (see :mod:`.attribute`).

>>> c = compare([side(d) for d in ("law-sll", "tees")], only=["sign_motion"])
>>> [(r.family.label, r.status, [(g.letter, g.drafts) for g in r.groups]) for r in c.rows]
[('sign_motion', 'options', [('A', ['law-sll']), ('B', ['tees'])])]
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from .. import ast as A
from ..evaluate import SILENT
from .attribute import origin_id  # noqa: F401 - the CAC's names for drafts, re-exported
from .diff import Side, answers_text, diff_family, regions, side
from .space import (NOT_APPLICABLE, Family, body_for, families, roles, select, space, view,
                    walk)

DEFAULT = ["law-sll", "london", "tees", "dulwich", "merseyside"]

_QUIET = {SILENT, NOT_APPLICABLE}


@dataclass
class Group:
    """Drafts that answer a family alike, everywhere."""

    letter: str
    drafts: list[str]
    answers: list[str]  # the distinct answers the group gives, in words
    quiet: bool  # says nothing, or has no such body, in every case


@dataclass
class Contrast:
    """Where two groups part: the regions, and a case inside with every draft's answer."""

    groups: tuple[str, str]
    when: list[str]
    facts: dict
    answers: dict[str, str]


@dataclass
class Row:
    family: Family
    groups: list[Group]
    contrasts: list[Contrast] = field(default_factory=list)

    @property
    def status(self) -> str:
        """common ground (the drafts that decide agree), options, one draft only, or silent."""
        deciding = [g for g in self.groups if not g.quiet]
        if not deciding:
            return "silent"
        if len(deciding) > 1:
            return "options"
        return "common ground" if len(deciding[0].drafts) > 1 else "one draft only"

    def letter_of(self, draft: str) -> str:
        return next(g.letter for g in self.groups if draft in g.drafts)


@dataclass
class Comparison:
    sides: list[Side]
    rows: list[Row]
    attributions: list[dict] = field(default_factory=list)
    left_out: dict[str, list[dict]] = field(default_factory=dict)  # draft -> families no clause touches
    text_only: list[str] = field(default_factory=list)  # choices that change only words


def _signatures(fam: Family, sides: list, table: dict):
    """Walk the family over all sides at once: the leaves, and one answer vector per side."""
    sp = space(fam, [s.views(fam, table) if isinstance(s, Side) else s for s in sides])
    leaves = list(walk(sp))
    real = [leaf for leaf in leaves if leaf.answers is not None]
    impossible = [leaf for leaf in leaves if leaf.answers is None]
    sigs = [tuple(leaf.answers[i] for leaf in real) for i in range(len(sides))]
    return sp, real, impossible, sigs


def compare_family(fam: Family, sides: list[Side], table: dict) -> Row:
    sp, leaves, impossible, sigs = _signatures(fam, sides, table)

    def quiet(i: int) -> bool:
        # "Not applicable" says nothing only where the draft lacks the body: a
        # rule that says it of a body the draft has decides (London 3.2: no
        # group sends anyone to the officers).
        s = sides[i]
        views = s.views(fam, table) if isinstance(s, Side) else []
        has_body = any(v.applicable and v.entries for v in views)
        # A "not applicable" no rule gives comes of a case's other body (a
        # motion `by` a body the draft lacks): it decides nothing either
        # (round 61: area meetings' motions were "options").
        said_na = any(isinstance(e.rule.value, A.NotApplicable) for v in views for e in v.entries)
        return all(set(answer) <= ({SILENT} if has_body and said_na else _QUIET) for answer in sigs[i])

    classes: dict = {}
    for i, sig in enumerate(sigs):
        # Drafts that say nothing are one group, whichever bodies they lack
        # (round 61: "no such body" of a submitter split two silent drafts).
        q = quiet(i)
        classes.setdefault((None, True) if q else (sig, False), []).append(i)
    groups = []
    letters = iter("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    for (sig, is_quiet), members in classes.items():
        keys = list(dict.fromkeys(sig if sig is not None else sigs[members[0]]))
        # Letters name the positions taken; drafts that say nothing take none.
        groups.append(Group("—" if is_quiet else next(letters), [sides[i].label for i in members],
                            [answers_text(k) for k in keys], is_quiet))
    row = Row(fam, groups)
    reps = [members[0] for members in classes.values()]
    for (gi, i), (gj, j) in itertools.combinations(enumerate(reps), 2):
        if groups[gi].quiet or groups[gj].quiet:
            continue
        apart = [leaf for leaf in leaves if leaf.answers[i] != leaf.answers[j]]
        first = apart[0]
        row.contrasts.append(Contrast(
            (groups[gi].letter, groups[gj].letter), regions(sp, apart), first.facts,
            {s.label: answers_text(first.answers[k]) for k, s in enumerate(sides)}))
    return row


def compare(sides: list[Side], only=None, cac: Side | None = None) -> Comparison:
    """The matrix for `sides`; with `cac`, also check its attributions against them."""
    books = [s.book for s in sides]
    table = roles(books + ([cac.book] if cac else []))
    fams = select(families(books, table), only)
    out = Comparison(sides, [compare_family(f, sides, table) for f in fams])
    if cac is not None:
        from .attribute import attribute, left_out, text_only_choices

        out.attributions = attribute(cac, sides, table, families_only=only)
        out.left_out = left_out(cac, sides, table, only)
        out.text_only = text_only_choices(cac.book.ast)
    return out


# ---- the CAC's attributions: see attribute.py ---------------------------------

# ---- every combination of a composite --------------------------------------

def combinations(menu) -> list[dict]:
    """Every full set of options of a composite, honouring `requires`.

    >>> from lla_constitution.loader import load
    >>> len(combinations(load("cac").ast))
    7680
    """
    out, seen = [], set()
    for combo in itertools.product(*[[o.key for o in c.options] for c in menu.choices]):
        pick = dict(zip((c.id for c in menu.choices), combo))
        for c in menu.choices:  # a choice whose prerequisite failed is not voted on
            if c.requires is not None and pick[c.requires[0]] not in c.requires[1]:
                del pick[c.id]
        key = tuple(sorted(pick.items()))
        if key not in seen:
            seen.add(key)
            out.append(pick)
    return out


@dataclass
class Sweep:
    combos: int
    pairwise: int  # family diffs computed
    closest: dict[str, tuple[int, list[dict]]]  # draft -> (families differing, best combos)


def sweep(cac: Side, drafts: list[Side]) -> Sweep:
    """Diff every option combination of `cac` against each draft, and name the
    combination closest to each (fewest families that are not equivalent).

    A family only depends on the choices whose options decide it, so each
    family is diffed once per setting of those choices, not once per
    combination; the totals are then summed per combination."""
    from ..compose import relevant

    table = roles([cac.book] + [d.book for d in drafts])
    fams = families([cac.book] + [d.book for d in drafts], table)
    menu = cac.book.ast
    combos = combinations(menu)
    parent = {c.id: c.requires[0] for c in menu.choices if c.requires}
    pairwise = 0
    per_family = []
    for fam in fams:
        target = body_for(cac.book, fam.role, table) if fam.role else None
        chosen = [c.id for c in relevant(menu, [fam.topic if target is None else (fam.topic, target)])]
        chosen += [parent[c] for c in chosen if c in parent and parent[c] not in chosen]
        chosen.sort(key=[c.id for c in menu.choices].index)
        scores: dict = {}
        for combo in combos:
            key = tuple(combo.get(c) for c in chosen)
            if key in scores:
                continue
            pick = Side("", cac.book, {c: v for c, v in zip(chosen, key) if v is not None})
            one = Side("", pick.variants(fam, table)[0][1], rid=cac.id)
            scores[key] = [differs(diff_family(fam, one, d, table)) for d in drafts]
            pairwise += len(drafts)
        per_family.append((chosen, scores))
    # Per combination, how many families differ from each draft: each
    # combination's setting of each family's choices is looked up once, for
    # every draft at a time (this loop was a fifth of `lla compare --sweep`).
    totals = [[sum(col) for col in zip(*(scores[tuple(combo.get(c) for c in chosen)]
                                         for chosen, scores in per_family))] or [0] * len(drafts)
              for combo in combos]
    closest: dict = {}
    for i, d in enumerate(drafts):
        best, picks = None, []
        for combo, counts in zip(combos, totals):
            n = counts[i]
            if best is None or n < best:
                best, picks = n, [combo]
            elif n == best:
                picks.append(combo)
        closest[d.label] = (best, picks)
    return Sweep(len(combos), pairwise, closest)


def _quiet(answer: frozenset) -> frozenset:
    return frozenset(SILENT if k == NOT_APPLICABLE else k for k in answer)


def differs(fd) -> bool:
    """Whether a family differs in substance: some case where at least one side
    decides something. Silence against 'no such body' is not a difference in
    what the texts require."""
    return any(not (_quiet(a) <= {SILENT} and _quiet(b) <= {SILENT}) for a, b in
               (x.answers for x in fd.differences))


def sides_for(names) -> list[Side]:
    return [side(n) for n in (names or DEFAULT)]
