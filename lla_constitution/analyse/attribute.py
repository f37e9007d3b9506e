"""The CAC's attributions checked: does each option say what the drafts it names say?

For every option of a choice, and every draft, the composite with that option
chosen is diffed against the draft over the choice's question families: the
families any option of the choice decides, plus those the draft decides that
the choice's options leave to no one. Each family counts once, however many
cases it has. A family is

* **alike** when the option and the draft answer every case the same;
* **different**, with a confirmed witness and where the composite's answer
  comes from: the option's own clauses, the common ground, or another choice;
* **dropped** when the draft decides it and the composite, with this option,
  says nothing in any case (London's "immediate recallability").

The other choices are set to the options that name the same draft, where
exactly one does; the rest stay open, and the composite answers over all of
them. For each draft the options of a choice are ranked by how many families
differ or are dropped, or are added by the option's own rules where another
option adds nothing (an addition of the common ground's, or of every option,
does not tell the options apart);
an option the CAC tags with a draft *agrees* when it is
among that draft's best, and a tie is always reported as a tie.

>>> from lla_constitution.analyse.diff import side
>>> a = attribute(side("cac"), [side("tees")], only=["4.3"])
>>> [(x["option"], x["agreement"]) for x in a]
[('A', None), ('B', 'agrees')]
"""
from __future__ import annotations

from collections import Counter

from .. import ast as A
from ..compose import compose
from .diff import Side, answers_text, diff_family
from .space import NOT_APPLICABLE, Family, families, roles
from ..evaluate import SILENT

_QUIET = {SILENT, NOT_APPLICABLE}


# Names the CAC's text gives drafts, where they are not the bundled ids.
ORIGIN_NAMES = {"sheffield ll": "law-sll", "sheffield": "law-sll",
                "sheffield labour left": "law-sll", "law": "law-sll", "london lla": "london",
                "tees lla": "tees", "dulwich labour left": "dulwich", "merseyside lla": "merseyside"}


def origin_id(name: str, known: list[str]) -> str | None:
    """The draft id an option's `from` names: law-sll, or "Sheffield LL" -> law-sll."""
    words = " ".join(name.lower().split())
    if words in known:
        return words
    found = ORIGIN_NAMES.get(words)
    return found if found in known else None


# ---- choices that change only words ----------------------------------------

def _rules(book: A.Rulebook) -> Counter:
    """Every rule of a rulebook, spans and notes aside: what it decides."""
    return Counter((r.topic, r.target, r.value, r.cond, r.otherwise, r.overrides, reading)
                   for c in book.all_clauses() for r, reading in A.rules_of(c))


def text_only(menu: A.Rulebook, choice: A.Choice) -> bool:
    """Whether every option of the choice leaves the same rules: it changes
    the constitution's words, and no answer the engine gives.

    >>> from lla_constitution.loader import load
    >>> menu = load("cac").ast
    >>> [c.id for c in menu.choices if text_only(menu, c)]
    ['rotherham', '1.2.a.1', '1.2.a.2', '1.2.b']
    """
    seen = None
    for option in choice.options:
        book = compose(menu, {choice.id: option.key})
        key = (_rules(book), book.absent)
        if seen is not None and key != seen:
            return False
        seen = key
    return True


_TEXT_ONLY: dict[int, tuple] = {}


def text_only_choices(menu: A.Rulebook) -> list[str]:
    """The choices of `menu` that change only its words; worked out once per
    menu (`lla compare` asked it 127 times: issue 14)."""
    found = _TEXT_ONLY.get(id(menu))
    if found is None or found[0] is not menu:
        # The menu is kept beside its answer, so its id cannot be reused.
        found = _TEXT_ONLY[id(menu)] = (menu, [c.id for c in menu.choices if text_only(menu, c)])
    return list(found[1])


# ---- one option against one draft -------------------------------------------

def picks_for(menu: A.Rulebook, draft: str, known: list[str]) -> dict[str, str]:
    """The options that name `draft`, one per choice where exactly one does
    (a choice that changes only the text is left out: it changes no answer)."""
    out = {}
    words = set(text_only_choices(menu))
    for choice in menu.choices:
        if choice.id in words:
            continue
        named = [o.key for o in choice.options
                 if draft in {origin_id(n, known) for n in o.origins}]
        if len(named) == 1:
            out[choice.id] = named[0]
    return out


def _scope(menu, choice, table, rid) -> list[Family]:
    """The choice's families: those any of its options decides."""
    own = set()
    for option in choice.options:
        clauses = list(option.clauses) + [c for aid in option.applies
                                          for op in menu.amendment(aid).ops
                                          for c in getattr(op, "clauses", ())]
        for clause in clauses:
            for rule, _ in A.rules_of(clause):
                own.add(Family(rule.topic, table.get((rid, rule.target), rule.target)
                               if rule.target else None))
    return sorted(own, key=lambda f: (f.topic, f.role or ""))


def left_out(cac: Side, drafts: list[Side], table: dict, only=None) -> dict[str, list[dict]]:
    """Per draft, the families it decides that no clause of the composite
    touches under any option: provisions the CAC dropped, with the draft's
    clauses. `only` keeps some families, as `--family` does."""
    from .space import select

    touched = {f.label for f in families([cac.book], table)}
    out = {}
    for d in drafts:
        rows = []
        for fam in select(families([d.book], table), only):
            if fam.label in touched:
                continue
            clauses = sorted({e.clause.id for v in d.views(fam, table) for e in v.entries})
            if clauses and not _says_nothing(fam, d, table):
                rows.append({"family": fam.label, "draft_clauses": clauses})
        out[d.label] = rows
    return out


def _says_nothing(fam, d: Side, table: dict) -> bool:
    """Whether the draft's every answer in the family is silence, as the
    comparison's table has it (round 41: Tees 2.14 counts recall votes, but
    no clause of Tees recalls anyone, so it decides nothing there)."""
    from .compare import _signatures

    _, _, _, sigs = _signatures(fam, [d], table)
    return all(set(answer) <= {SILENT} for answer in sigs[0])


def _quiet(answers) -> bool:
    return set(answers) <= _QUIET


def judge(cac: Side, choice: A.Choice, key: str, d: Side, fams, table, known, witnesses: bool):
    """Each family of the choice, with `choice=key`, against the draft."""
    from .witness import witness

    menu = cac.book.ast
    chosen = {**picks_for(menu, d.label, known), choice.id: key}
    chosen = {c: v for c, v in chosen.items() if _allowed(menu, c, chosen)}
    comp = Side(f"{cac.label}:" + ",".join(f"{c}={v}" for c, v in chosen.items()), cac.book, chosen,
                name=cac.name, amends=cac.amends)
    out = {"alike": [], "different": [], "dropped": [], "added": []}
    own_clauses = {c.id for c in choice.option(key).clauses}
    for fam in fams:
        fd = diff_family(fam, comp, d, table)
        if fd.verdict == "equivalent":
            out["alike"].append(fam.label)
            continue
        # Silence against 'no such body' is no difference: neither text
        # decides it. Only the cases where one of them decides count, and
        # the witness is one of those (round 55: a "dropped" recall was shown
        # where London has no such body and the composite is silent).
        live = [x for x in fd.differences if not (_quiet(x.answers[0]) and _quiet(x.answers[1]))]
        if not live:
            out["alike"].append(fam.label)
            continue
        mine = [x.answers[0] for x in live] + [k for k, _ in fd.agree]
        theirs = [x.answers[1] for x in live] + [k for k, _ in fd.agree]
        kind = ("dropped" if all(_quiet(a) for a in mine) else
                "added" if all(_quiet(b) for b in theirs) else "different")
        entry = {"family": fam.label, "regions": len(live)}
        if witnesses:
            from .diff import Diff

            # The witness from a region where both texts have the body, if
            # any: one where a side has no such body hid the substance (round
            # 57: 3.2 B's recall "by area meeting" hid LAW/SLL's "forbidden").
            x = min(live, key=lambda r: NOT_APPLICABLE in r.answers[0] | r.answers[1])
            w = witness(Diff(comp, d, [fd], table), fd, x)
            entry.update({
                "when": x.when, "option_answer": answers_text(x.answers[0]),
                "draft_answer": answers_text(x.answers[1]),
                # The other regions, said with the witness's (round 57: they
                # were counted in "regions" and dropped from the text).
                "more": [{"when": y.when, "option_answer": answers_text(y.answers[0]),
                          "draft_answer": answers_text(y.answers[1])} for y in live if y is not x],
                "source": ([] if kind == "dropped" else
                           _sources(w.citations[0] if w.citations else [], own_clauses, menu, choice)),
                "draft_clauses": w.citations[1] if len(w.citations) > 1 else [],
                "witness": {"facts": w.facts, "action": w.action, "commands": w.commands,
                            "outcomes": w.outcomes, "confirmed": w.confirmed,
                            "in_region": w.in_region}})
        out[kind].append(entry)
    return comp, out


def _own_families(option: A.Option, rid: str, table: dict) -> set[str]:
    """The families an option's own rules speak to, by label."""
    return {Family(rule.topic, table.get((rid, rule.target)) if rule.target else None).label
            for clause in option.clauses for rule, _ in A.rules_of(clause)}


def _allowed(menu, cid: str, chosen: dict) -> bool:
    choice = next(c for c in menu.choices if c.id == cid)
    return choice.requires is None or chosen.get(choice.requires[0]) in choice.requires[1]


def _sources(cited: list[str], own: set[str], menu, choice) -> list[str]:
    """Where the composite's answer in the witness comes from, in words."""
    if not cited:
        return ["nothing in the composite decides it"]
    other = {c.id: f"choice {ch.id}, option {o.key}" for ch in menu.choices if ch.id != choice.id
             for o in ch.options for c in o.clauses}
    out = []
    for clause in cited:
        clause = clause.split(":")[-1]
        where = ("this option" if clause in own else other.get(clause)
                 or ("another option of this choice" if any(clause in {c.id for c in o.clauses}
                                                             for o in choice.options)
                     else "the common ground"))
        text = f"{where} ({clause})"
        if text not in out:
            out.append(text)
    return out


# ---- every tagged option -------------------------------------------------------

def attribute(cac: Side, drafts: list[Side], table: dict | None = None, only=None,
              families_only=None) -> list[dict]:
    """For every option of a choice that names drafts, the check above; `only`
    keeps some choices, `families_only` some families (as `--family` does)."""
    from .space import select

    table = table if table is not None else roles([cac.book] + [d.book for d in drafts])
    menu = cac.book.ast
    known = [d.label for d in drafts]
    words = text_only_choices(menu)
    out = []
    for choice in menu.choices:
        if only and choice.id not in only:
            continue
        if not any(o.origins for o in choice.options):
            continue
        fams = select(_scope(menu, choice, table, cac.id), families_only)
        if choice.id in words:
            fams = []  # no answer depends on it: nothing to compare
        # How far each option is from each draft, in families: the ranking.
        counts = {}
        for d in drafts:
            judged = {o.key: judge(cac, choice, o.key, d, fams, table, known, witnesses=False)[1]
                      for o in choice.options}
            # Ranked by families that differ or are dropped, and those the
            # option's own rules add where another option does not: an
            # addition of the common ground's, or one every option makes, is
            # no departure of this option's (round 50: London, whose 3.5 is
            # 4.3 B's sentence, was "departs" for 4.1.b's).
            everywhere = set.intersection(*({e["family"] for e in j["added"]} for j in judged.values()))
            for o in choice.options:
                j, own = judged[o.key], _own_families(o, cac.book.id, table)
                counts[(o.key, d.label)] = (len(j["different"]) + len(j["dropped"]) + sum(
                    1 for e in j["added"] if e["family"] in own and e["family"] not in everywhere))
        best = {d: [o.key for o in choice.options
                    if counts[(o.key, d)] == min(counts[(p.key, d)] for p in choice.options)]
                for d in known}
        for option in choice.options:
            if not option.origins:
                continue
            claimed = [origin_id(n, known) for n in option.origins]
            named = sorted({c for c in claimed if c})
            per_draft = []
            for d in drafts:
                if d.label not in named:
                    continue
                comp, j = judge(cac, choice, option.key, d, fams, table, known, witnesses=True)
                per_draft.append({"draft": d.label, "composite": comp.label,
                                  "families": len(fams), **j,
                                  "best": best[d.label],
                                  "ranking": {o.key: counts[(o.key, d.label)] for o in choice.options}})
            out.append({
                "choice": choice.id, "option": option.key, "title": option.title,
                "text_only": choice.id in words,
                "cac_from": list(option.origins), "cac_drafts": named,
                "not_compared": [n for n, c in zip(option.origins, claimed) if c is None],
                "families": [f.label for f in fams], "drafts": per_draft,
                "agreement": _agreement(option.key, per_draft, bool(fams))})
    return out


def _agreement(key: str, per_draft: list[dict], any_family: bool) -> str | None:
    """agrees | tied | departs, or None when nothing can be checked.

    tied: the option is among each named draft's best, but another option is
    as near for some draft; the report names it."""
    if not per_draft or not any_family:
        return None
    if any(key not in p["best"] for p in per_draft):
        return "departs"
    if any(len(p["best"]) > 1 for p in per_draft):
        return "tied"
    return "agrees"
