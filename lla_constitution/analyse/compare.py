"""`lla compare`: the topic × draft matrix, and the CAC's composite computed.

For each question family all drafts are walked over one set of cells (the
constants every draft uses), so two drafts are grouped together exactly when
they answer every case alike. One group of drafts that decide is *common
ground*; several are *options*. The CAC's own attributions (`option B ...
from law-sll, tees, london`) are then checked against the engine's grouping,
and each departure is shown with a case where the draft and the option differ.

>>> c = compare([side(d) for d in ("law-sll", "tees")], only=["sign_motion"])
>>> [(r.family.label, r.status, [(g.letter, g.drafts) for g in r.groups]) for r in c.rows]
[('sign_motion', 'options', [('A', ['law-sll']), ('B', ['tees'])])]
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from ..evaluate import SILENT
from .diff import Side, answers_text, diff_family, regions, side
from .space import (NOT_APPLICABLE, Family, body_for, families, roles, select, space, view,
                    walk)

DEFAULT = ["law-sll", "london", "tees", "dulwich", "merseyside"]

# Names the CAC's text gives drafts, where they are not the bundled ids.
ORIGIN_NAMES = {"sheffield ll": "law-sll", "sheffield": "law-sll",
                "sheffield labour left": "law-sll", "law": "law-sll", "london lla": "london",
                "tees lla": "tees", "dulwich labour left": "dulwich", "merseyside lla": "merseyside"}
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
    classes: dict = {}
    for i, sig in enumerate(sigs):
        classes.setdefault(sig, []).append(i)
    groups = []
    letters = iter("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    for sig, members in classes.items():
        keys = list(dict.fromkeys(sig))
        quiet = all(set(answer) <= _QUIET for answer in sig)
        # Letters name the positions taken; drafts that say nothing take none.
        groups.append(Group("—" if quiet else next(letters), [sides[i].label for i in members],
                            [answers_text(k) for k in keys], quiet))
    row = Row(fam, groups)
    reps = [members[0] for members in classes.values()]
    for (gi, i), (gj, j) in itertools.combinations(enumerate(reps), 2):
        if groups[gi].quiet or groups[gj].quiet:
            continue
        apart = [leaf for leaf in leaves if leaf.answers[i] != leaf.answers[j]]
        first = apart[0]
        row.contrasts.append(Contrast(
            (groups[gi].letter, groups[gj].letter), regions(sp, apart, impossible), first.facts,
            {s.label: answers_text(first.answers[k]) for k, s in enumerate(sides)}))
    return row


def compare(sides: list[Side], only=None, cac: Side | None = None) -> Comparison:
    """The matrix for `sides`; with `cac`, also check its attributions against them."""
    books = [s.book for s in sides]
    table = roles(books + ([cac.book] if cac else []))
    fams = select(families(books, table), only)
    out = Comparison(sides, [compare_family(f, sides, table) for f in fams])
    if cac is not None:
        out.attributions = attributions(cac, sides, table)
    return out


# ---- the CAC's attributions ------------------------------------------------

def origin_id(name: str, known: list[str]) -> str | None:
    """The draft id an option's `from` names: law-sll, or "Sheffield LL" -> law-sll."""
    words = " ".join(name.lower().split())
    if words in known:
        return words
    found = ORIGIN_NAMES.get(words)
    return found if found in known else None


def _option_families(menu, option, table, rid) -> list[Family]:
    from .. import ast as A

    clauses = list(option.clauses) + [c for aid in option.applies
                                      for op in menu.amendment(aid).ops
                                      for c in getattr(op, "clauses", ())]
    fams = set()
    for clause in clauses:
        for rule, _ in A.rules_of(clause):
            fams.add(Family(rule.topic, table.get((rid, rule.target), rule.target)
                            if rule.target else None))
    return sorted(fams, key=lambda f: (f.topic, f.role or ""))


def attributions(cac: Side, drafts: list[Side], table: dict) -> list[dict]:
    """For every option that names the drafts it came from, whether the engine agrees.

    An option *matches* a draft on a family when some way of settling the
    composite's other open choices gives the draft's answers in every case.
    Exact matches are rare, so each draft is also given its *nearest* option
    of the choice: the one differing from it in the fewest cells. Each
    departure of a claimed draft comes with a witness."""
    known = [d.label for d in drafts]
    menu = cac.book.ast
    out = []
    for choice in menu.choices:
        if not any(o.origins for o in choice.options):
            continue
        fams = sorted({f for o in choice.options for f in _option_families(menu, o, table, cac.id)},
                      key=lambda f: (f.topic, f.role or ""))
        picks = {o.key: Side(f"{cac.id}:{choice.id}={o.key}", cac.book, {choice.id: o.key})
                 for o in choice.options}
        per_option = {o.key: [] for o in choice.options}
        distance = {(o.key, d): 0 for o in choice.options for d in known}
        for fam in fams:
            spans, views = {}, []
            for key, pick in picks.items():
                variants = pick.variants(fam, table)
                spans[key] = (len(views), variants)
                views += [[view(b, fam, table, cac.id)] for _, b in variants]
            sp, leaves, impossible, sigs = _signatures(fam, views + [d.views(fam, table) for d in drafts], table)
            # A composite declares every body any option needs, so where an
            # option leaves one out it is silent where a draft has no such
            # body: both say nothing, and count as alike.
            sigs = [tuple(frozenset(SILENT if k == NOT_APPLICABLE else k for k in a) for a in sig)
                    for sig in sigs]
            for key, (at, variants) in spans.items():
                mine = range(at, at + len(variants))
                for n, d in enumerate(drafts):
                    sig = sigs[len(views) + n]
                    gaps = [sum(a != b for a, b in zip(sig, sigs[v])) for v in mine]
                    best = at + gaps.index(min(gaps))
                    distance[(key, d.label)] += min(gaps)
                    per_option[key].append((fam, d, min(gaps) == 0, best, len(views) + n,
                                            variants[best - at][0], sp, leaves, impossible))
        nearest = {d: min((o.key for o in choice.options), key=lambda k: (distance[(k, d)], k))
                   for d in known}
        for option in choice.options:
            if option.origins:
                own = set(_option_families(menu, option, table, cac.id))
                rows = [r for r in per_option[option.key] if r[0] in own]
                out.append(_attribution(cac, choice, option, rows, known, nearest, table))
    return out


def _quiet(answer: frozenset) -> frozenset:
    return frozenset(SILENT if k == NOT_APPLICABLE else k for k in answer)


def _attribution(cac, choice, option, rows, known, nearest, table) -> dict:
    claimed = [origin_id(o, known) for o in option.origins]
    per_family: dict = {}
    for fam, d, same, best, k, variant, sp, leaves, impossible in rows:
        entry = per_family.setdefault(fam.label, {"family": fam.label, "matches": [], "departures": []})
        if same:
            entry["matches"].append(d.label)
            continue
        if d.label not in claimed:
            continue
        apart = [leaf for leaf in leaves if _quiet(leaf.answers[k]) != _quiet(leaf.answers[best])]
        first = apart[0]
        chosen = dict(pair.split("=") for pair in variant.split(",") if pair)
        w = _witness(Side(f"{cac.id}:{choice.id}={option.key}", cac.book,
                          {choice.id: option.key, **chosen}),
                     d, fam, table, (first.answers[best], first.answers[k]), first.facts)
        entry["departures"].append({
            "draft": d.label, "when": regions(sp, apart, impossible),
            "option_answer": answers_text(first.answers[best]),
            "draft_answer": answers_text(first.answers[k]),
            "option_variant": variant or None,
            "witness": {"facts": w.facts, "action": w.action, "commands": w.commands,
                        "outcomes": w.outcomes, "confirmed": w.confirmed}})
    fams = list(per_family.values())
    exact = [d for d in known if fams and all(d in f["matches"] for f in fams)]
    compared = sorted(c for c in claimed if c)
    near = sorted(d for d in known if nearest[d] == option.key)
    return {
        "choice": choice.id, "option": option.key, "title": option.title,
        "cac_from": list(option.origins), "cac_drafts": compared,
        "not_compared": [o for o, c in zip(option.origins, claimed) if c is None],
        "exact_drafts": exact, "nearest_drafts": near, "families": fams,
        # exact: the engine groups the same drafts; nearest: each claimed
        # draft is closest to this option; departs: otherwise; None: nothing to check.
        "agreement": (None if not fams or not compared else
                      "exact" if sorted(exact) == compared else
                      "nearest" if set(compared) <= set(near) else "departs"),
    }


def _witness(a: Side, b: Side, fam: Family, table: dict, answers, facts):
    """A runnable witness for one departure, through the same path as `lla diff`."""
    from .diff import Diff, Difference, FamilyDiff
    from .witness import witness

    d = Diff(a, b, [], table)
    fd = FamilyDiff(fam, "incomparable", [], [])
    return witness(d, fd, Difference("different", answers, [], facts))


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
    closest: dict = {}
    for i, d in enumerate(drafts):
        best, picks = None, []
        for combo in combos:
            n = sum(scores[tuple(combo.get(c) for c in chosen)][i] for chosen, scores in per_family)
            if best is None or n < best:
                best, picks = n, [combo]
            elif n == best:
                picks.append(combo)
        closest[d.label] = (best, picks)
    return Sweep(len(combos), pairwise, closest)


def differs(fd) -> bool:
    """Whether a family differs in substance: some case where at least one side
    decides something. Silence against 'no such body' is not a difference in
    what the texts require."""
    return any(not (_quiet(a) <= {SILENT} and _quiet(b) <= {SILENT}) for a, b in
               (x.answers for x in fd.differences))


def sides_for(names) -> list[Side]:
    return [side(n) for n in (names or DEFAULT)]
