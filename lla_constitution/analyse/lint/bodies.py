r'''Bodies the draft names or relies on but never sets up: names in the text
that match no declared body (code `undefined-body`), and bodies left to decide
that no clause creates (code `uncreated-body`).

>>> from lla_constitution.loader import load, parse_text
>>> ast = parse_text('rulebook toy\nclause 1\n  text """Appeals go to the Disciplinary Panel."""\nend\n',
...                  "toy.lla")
>>> [f.message for f in undefined_names(ast)]
["the text names 'Disciplinary Panel', which the rulebook never sets up or declares"]
>>> [f.message for f in uncreated_bodies(load("dulwich").ast)]
['“the Chair” decides in clauses 2.8, 3.8, but no clause sets it up']
'''
from __future__ import annotations

import re

from ... import ast as A
from ...source import Span
from ...vocab import KINDS
from .findings import Finding, finding, text_span, within
from .rulebook import atoms
from .words import clauses

# ---- names of bodies the rulebook never declares ------------------------

_BODY_NOUN = (r"(?:Committee|Group|Council|Board|Panel|Executive|Assembly|Forum|Commission"
              r"|Secretariat|Tribunal|Caucus)s?")
_BODY_PHRASE = re.compile(r"\b((?:[A-Z][\w’'-]*[ \t]+){1,4}" + _BODY_NOUN + r")\b")
_ACRONYM = re.compile(r"\b[Tt]he[ \t]+([A-Z]{2,5})s?\b")
_DETERMINERS = {"a", "an", "the", "each", "every", "all", "any", "our", "its", "their", "this", "that",
                "these", "those", "other", "new", "existing", "some", "no"}
# Bodies of the Labour Party and other organisations outside the LLA: a draft
# names them without setting them up, rightly.
_OUTSIDE = {"national executive committee", "labour representation committee"}
_OUTSIDE_ACRONYMS = {"LLA", "NEC", "PLP", "EHRC", "GLU", "NHS", "CLP", "BAME", "LGBT", "OMOV", "MP",
                     "MEP", "MSP", "FB", "PDF", "HQ", "UK", "EU", "TU", "LAW", "SLL", "LL", "LRC", "JVL"}


def undefined_names(ast: A.Rulebook) -> list[Finding]:
    """Capitalised committee or group names, and `the XYZ` acronyms, in the
    clauses' text that match no declared body (by name or aka), no kind of
    group and no organisation outside the LLA. One finding per name."""
    found: dict[str, list] = {}
    for c in ast.all_clauses():
        for name, start, end in _named_bodies(c.text):
            if not _known_name(ast, name):
                found.setdefault(" ".join(name.lower().split()), []).append((c, name, start, end))
    out = []
    for uses in found.values():
        c, name, start, end = uses[0]
        others = sorted({u[0].id for u in uses[1:]} - {c.id})
        out.append(finding(
            text_span(c, start, end), "warning", "undefined-body",
            f"the text names '{name}', which the rulebook never sets up or declares"
            + (f" (also in {clauses(others)})" if others else ""), c,
            consequence=f"a reader cannot tell who '{name}' is, nor how it is chosen",
            help="use the name the draft gives the body, or add a clause that sets it up "
                 "(and declare it in the rule file with 'body')"))
    return out


def _named_bodies(text: str):
    """(name, start, end) for each body-like name in a clause's text."""
    for m in _BODY_PHRASE.finditer(text):
        words = m.group(1).split()
        while words and words[0].lower() in _DETERMINERS:
            words.pop(0)
        if len(words) >= 2:  # "the Group" alone names nothing in particular
            start = m.start(1) + m.group(1).find(words[0])
            yield " ".join(words), start, m.end(1)
    for m in _ACRONYM.finditer(text):
        if m.group(1) not in _OUTSIDE_ACRONYMS:
            yield m.group(1), m.start(1), m.end(1)


def _known_name(ast: A.Rulebook, name: str) -> bool:
    phrase = " ".join(name.lower().split())
    singular = re.sub(r"s$", "", phrase)
    # "LLA Steering Committee" is the draft's Steering Committee.
    if any(ast.find_body(p) for p in (phrase, singular, phrase.removeprefix("lla "))):
        return True
    if phrase.startswith(("labour ", "parliamentary labour")) or singular in _OUTSIDE or phrase in _OUTSIDE:
        return True
    return any(singular == w for k in KINDS.values() for w in k.words)


# ---- decisions left to a body the draft never sets up -------------------

# Rules that say who sits on a body, or when it meets, presume it exists: a
# draft that fixes its membership or its meetings has founded it.
_FOUNDING_TOPICS = {"delegates", "elect", "elections", "meetings", "stand"}


def uncreated_bodies(ast: A.Rulebook) -> list[Finding]:
    """A body the draft relies on (`delegated to X`, `referred to X`,
    `creates ... by X`, `by = X`) but never sets up: no `creates X`, and no
    rule on who sits on it or how often it meets."""
    every = list(ast.all_clauses())
    founded = set()
    for c in every:
        founded |= {i.body for i in c.items if isinstance(i, A.Creates)}
        # A rule that says the text is silent on who stands founds nothing
        # (Dulwich 4.0 on "the Chair" of 2.8 and 3.8: round 56).
        founded |= {r.target for r, _ in A.rules_of(c) if r.topic in _FOUNDING_TOPICS
                    and not isinstance(r.value, A.Unspecified)}
    uses: dict[str, list[tuple[A.Clause, Span | None, str]]] = {}
    for c in every:
        for body, span, how in _reliances(c):
            if body not in founded:
                uses.setdefault(body, []).append((c, span, how))
    out = []
    for body, refs in uses.items():
        refs.sort(key=lambda r: r[1].start if r[1] else 0)
        c, span, _ = refs[0]
        decl = ast.body(body)
        called = f"“{decl.name}”" if decl else body
        hows = " and ".join(dict.fromkeys(r[2] for r in refs))
        where = clauses(r[0].id for r in refs)
        out.append(finding(
            span, "warning", "uncreated-body",
            f"{called if decl else body} {hows} in {where}, but no clause sets it up", c,
            consequence=f"no rule records who {called} is or how it is chosen, so the rules "
                        "cannot show who decides",
            help=f"where the text says who {called} is, record it in that clause with "
                 f"'creates {body}'; otherwise add a clause that sets it up, or leave the "
                 "decision to a body the draft founds"))
    return out


def _reliances(clause: A.Clause):
    """(body, span, how it is relied on) for every use of a body as a decider."""
    for item in clause.items:
        if isinstance(item, A.Creates) and item.by:
            yield item.by, within(item.span, f"by {item.by}"), "sets up other bodies"
    for rule, _ in A.rules_of(clause):
        v = rule.value
        if isinstance(v, A.Delegated):
            yield v.body, v.span or rule.span, "decides"
        if isinstance(v, A.Decision) and v.referral:
            yield v.referral, within(v.span or rule.span, v.referral), "takes referred motions"
        for atom in atoms(rule.cond):
            if getattr(atom, "fact", None) == "by":
                names = atom.names if isinstance(atom, A.Member) else (
                    (atom.lit.value,) if isinstance(atom, A.Compare) and atom.op == "=" else ())
                for n in names:
                    yield n, atom.span or rule.span, "acts"
