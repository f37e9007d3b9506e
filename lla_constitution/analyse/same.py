"""Same sentence, same rule: sentences that occur verbatim in more than one
rulebook, and whether their rules agree.

The CAC composite copies sentences from the drafts, and the drafts share
sentences with each other. Where one sentence is encoded two ways, every
comparison of those drafts reports a difference that is only an artefact of
the encoding. A sentence is *shared* when its words (case, white space and
punctuation folded) occur in two rulebooks. Its occurrences agree when

* each is formalised, or each is non-normative (a sentence that only a
  choice or an amendment block accounts for is neither, and is left out);
* where formalised, the clauses that hold it give the same rules, with
  bodies matched by role and without notes, overrides or reading labels; a
  clause that holds more sentences than the other may add rules, but may not
  leave out any.

A difference the text itself explains is listed, with why, in
``rules/same-sentences.yaml``; every other difference is a defect.

>>> from lla_constitution.loader import load
>>> shared = shared_sentences([load("law-sll"), load("london")])
>>> any(s.key.startswith("the og can set up working groups") for s in shared)
True
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import ast as A
from ..coverage import account, normalise
from ..format import format_rule
from .space import roles

MIN_WORDS = 6  # shorter fragments ("Vice-Chair (or two co-chairs)") are list items, not sentences


def fold(text: str) -> str:
    """Words only: case, spaces and punctuation folded.

    >>> fold("The OG  can set-up, working groups.")
    'the og can set up working groups'
    """
    return re.sub(r"[\W_]+", " ", normalise(text)).lower().strip()


@dataclass
class Occurrence:
    book: str
    clause: str  # innermost block holding the sentence
    status: str  # formalised | non_normative
    text: str  # the whole clause text, folded
    rules: frozenset[str]  # the clause's rules, bodies as roles
    roles: frozenset[str] = frozenset()  # the roles of every body the rulebook has
    mentions: dict = field(default_factory=dict)  # rule -> the roles it names
    shown: dict = field(default_factory=dict)  # rule -> as the rulebook writes it


@dataclass
class Shared:
    key: str  # the folded sentence
    sentence: str  # as the first rulebook prints it
    occurrences: list[Occurrence]
    problems: list[str] = field(default_factory=list)
    explained: str | None = None
    pairs: list[str] = field(default_factory=list)  # "book clause / book clause", one per problem
    unexplained: list[str] = field(default_factory=list)  # the problems no listed pair covers
    stale: list[str] = field(default_factory=list)  # pairs listed in the file that no longer differ

    @property
    def agrees(self) -> bool:
        return not self.unexplained


@dataclass(frozen=True)
class Why:
    """An explanation from rules/same-sentences.yaml: the reason, and the
    pairs of clauses it explains (round 58: one `why` covered every pair of a
    sentence, so a new difference in a third rulebook passed unread)."""
    text: str
    pairs: tuple[str, ...]


def _clause_rules(clause: A.Clause, book_id: str, table: dict, shown: dict | None = None
                  ) -> dict[str, frozenset[str]]:
    """Each rule of the clause as text with bodies as roles, and the roles it names."""
    out: dict[str, frozenset[str]] = {}
    shown = {} if shown is None else shown
    items = list(clause.items)
    for item in items:
        rules = [item] if isinstance(item, A.Rule) else [
            r for reading in getattr(item, "readings", ()) for r in reading.rules]
        for r in rules:
            text = format_rule(r.__class__(**{**r.__dict__, "overrides": (), "note": None}))
            # Bodies by their role, so that the OG of one draft is the OG of another.
            named = set()

            def role(m):
                found = table.get((book_id, m.group(0)))
                if found:
                    named.add(found)
                return found or m.group(0)
            own = text
            text = re.sub(r"\b[a-z_]+\b", role, text)
            mark = " [a reading]" if not isinstance(item, A.Rule) else ""
            out[text + mark] = frozenset(named)
            shown[text + mark] = own + mark
    return out


def _clauses(ast: A.Rulebook) -> dict[str, A.Clause]:
    found = {}
    for c in ast.all_clauses():
        found.setdefault(c.id, c)
    return found


def shared_sentences(books) -> list[Shared]:
    """Every sentence that occurs in more than one of `books`, with its occurrences."""
    table = roles(books)
    seen: dict[str, Shared] = {}
    for book in sorted(books, key=lambda b: b.id):
        clauses = _clauses(book.ast)
        for acc in account(book.ast):
            key = fold(acc.text)
            if len(key.split()) < MIN_WORDS or not acc.by or acc.status == "unaccounted":
                continue
            label = acc.by[0]
            if label.startswith(("choice ", "amendment ")) or label not in clauses:
                continue  # a menu or an amendment is itself the encoding, neither status
            clause = clauses[label]
            shown: dict = {}
            rules = _clause_rules(clause, book.id, table, shown)
            occ = Occurrence(book.id, label, acc.status, fold(clause.text), frozenset(rules),
                             frozenset(table[(book.id, b.id)] for b in book.ast.bodies
                                       if (book.id, b.id) in table), rules, shown)
            entry = seen.setdefault(key, Shared(key, acc.text, []))
            if not any(o.book == occ.book and o.clause == occ.clause for o in entry.occurrences):
                entry.occurrences.append(occ)
    return [s for s in seen.values() if len({o.book for o in s.occurrences}) > 1]


def _sentences(text: str) -> set[str]:
    return {fold(s) for s in re.split(r"(?<=[.!?;])\s+", text) if fold(s)}


def check(shared: list[Shared], explanations: dict[str, Why] | None = None) -> list[Shared]:
    """Fill in each shared sentence's problems, and which of them the
    explanations cover (by their pairs of clauses); return them all."""
    explanations = explanations or {}
    for s in shared:
        s.problems, s.pairs = [], []
        occ = s.occurrences
        statuses = {o.status for o in occ}
        if len(statuses) > 1:
            s.problems.append("formalised in " + ", ".join(f"{o.book} {o.clause}" for o in occ
                                                           if o.status == "formalised")
                              + " but non-normative in " + ", ".join(
                                  f"{o.book} {o.clause}" for o in occ if o.status != "formalised"))
            s.pairs.append(" / ".join(f"{o.book} {o.clause}" for o in occ))
        formal = [o for o in occ if o.status == "formalised"]
        for i, a0 in enumerate(formal):
            for b0 in formal[i + 1:]:
                if a0.book == b0.book:
                    continue
                # "All decisions at all levels" reaches each draft's own bodies:
                # a rule about a body the other draft lacks is no difference.
                a, b = _common(a0, b0.roles), _common(b0, a0.roles)
                whole = {a0.book: a0, b0.book: b0}
                pair = f"{a0.book} {a0.clause} / {b0.book} {b0.clause}"
                if a.text == b.text:
                    if a.rules != b.rules:
                        s.problems.append(_differs(a, b, whole))
                        s.pairs.append(pair)
                    continue
                # A clause holding more sentences may add rules, never drop them.
                small, big = (a, b) if len(a.text) <= len(b.text) else (b, a)
                if small.text in big.text and not small.rules <= big.rules:
                    s.problems.append(_differs(small, big, whole))
                    s.pairs.append(pair)
                # Each clause adds sentences of its own: any difference is
                # reported, to be explained (round 49: one rule in common hid
                # the rest, and "same" was printed).
                elif small.text not in big.text and a.rules != b.rules:
                    s.problems.append(_differs(a, b, whole))
                    s.pairs.append(pair)
        why = next((why for start, why in explanations.items() if s.key.startswith(fold(start))), None)
        covered = set(why.pairs) if why else set()
        s.explained = why.text if why and covered & set(s.pairs) else None
        s.unexplained = [p for p, pair in zip(s.problems, s.pairs) if pair not in covered]
        s.stale = sorted(covered - set(s.pairs))
    return shared


def _common(o: Occurrence, roles: frozenset[str]) -> Occurrence:
    import dataclasses

    keep = frozenset(r for r in o.rules if o.mentions.get(r, frozenset()) <= roles)
    return dataclasses.replace(o, rules=keep)


def _differs(a: Occurrence, b: Occurrence, whole: dict | None = None) -> str:
    """Compared with bodies as roles; shown in each rulebook's own words. A
    rule left out of the comparison because it names a body the other draft
    lacks is shown apart, not hidden behind "nothing" (round 56: LAW/SLL
    5.d's delegates rule, naming its OG, was "nothing")."""
    whole = whole or {}

    def side(x: Occurrence, y: Occurrence) -> str:
        only = sorted(x.shown.get(r, r) for r in x.rules - y.rules)
        left = sorted(x.shown.get(r, r) for r in whole[x.book].rules - x.rules) if x.book in whole else []
        return "; ".join(only + [f"{r} (naming a body {y.book} lacks)" for r in left]) or "nothing"

    return (f"{a.book} {a.clause} and {b.book} {b.clause} encode it differently: "
            f"only {a.book}: {side(a, b)} — only {b.book}: {side(b, a)}")


def explanations() -> dict[str, Why]:
    """The differences the text itself explains, from rules/same-sentences.yaml:
    each names the pairs of clauses it explains.

    >>> explanations()["Motions must be passed by both"].pairs
    ('cac 4.3.a / dulwich 2.9',)
    """
    import yaml

    from ..data import data_dir

    path = data_dir("rules") / "same-sentences.yaml"
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return {str(e["sentence"]): Why(str(e["why"]), tuple(str(p) for p in e.get("pairs") or ())) for e in data}
