r'''Vague wording: text the encoder had to read more than one way (an
`either`, code `vague`), and known vague phrases left in clauses that decide
something (code `vague-phrase`).

>>> from lla_constitution.loader import parse_text
>>> ast = parse_text('rulebook toy\nbody conference "Conference"\nclause 1\n'
...                  '  text """Conference meets regularly."""\n  meetings(conference) = annually\nend\n',
...                  "toy.lla")
>>> [f.message for f in vague_phrases(ast)]
["vague wording 'regularly': no frequency is given"]
'''
from __future__ import annotations

import re

from ... import ast as A
from .findings import Finding, finding, text_span
from .words import clauses


def eithers(ast: A.Rulebook) -> list[Finding]:
    """Every `either`: the encoder found the text vague. Eithers that share a
    name are one choice, reported once where it first occurs."""
    groups: dict[str, list[tuple[A.Clause, A.Either]]] = {}
    for c in ast.all_clauses():
        for i, item in enumerate(c.items):
            if isinstance(item, A.Either):
                groups.setdefault(item.name or f"{c.id}#{i}", []).append((c, item))
    order = {c.id: n for n, c in enumerate(ast.all_clauses())}
    out = []
    for uses in groups.values():
        c, either = uses[0]
        also = sorted({u[0].id for u in uses[1:]} - {c.id}, key=lambda cid: order.get(cid, 0))
        readings = "; ".join(f"“{r.label}”" for r in either.readings)
        out.append(finding(
            either.span, "info", "vague",
            f"the text can be read {len(either.readings)} ways: {readings}"
            + (f" (one choice, read the same way in {clauses(also)})" if also else ""), c,
            consequence="answers that turn on these words are ambiguous: each reading gives its own",
            help="reword the text so that only one reading is possible"))
    return out


# (pattern, what the words leave open, how to fix it)
_VAGUE = [
    (r"\bbi-?annual(?:ly)?\b", "it may mean twice a year or every two years",
     "write 'twice a year' or 'every two years'"),
    (r"\ba suitable number\b", "no number is given", "give the number"),
    (r"\bwell in advance\b", "no period is fixed", "give the period, e.g. 'at least one month before'"),
    (r"\b(?:as|where|when) appropriate\b", "it does not say who judges what is appropriate",
     "say who decides, or state the rule"),
    (r"\breasonabl[ey]\b", "no test of what is reasonable is given", "state the limit"),
    (r"\bin good time\b", "no period is fixed", "give the period"),
    (r"\bregular(?:ly)?\b", "no frequency is given", "say how often, e.g. 'monthly'"),
    (r"\bas soon as possible\b|\bat the earliest opportunity\b", "no time limit is given",
     "give a time limit, e.g. 'at its next meeting'"),
    (r"\b(?:where|if) possible\b",
     "it does not say who judges what is possible, nor what applies if it is not",
     "say what applies when it is not possible"),
    (r"\b(?:where|when) necessary\b", "it does not say who judges what is necessary",
     "say when it applies, or who decides"),
    (r"\bbona[ -]fide\b", "it does not say who judges whether a group is bona fide, nor by what test",
     "give the test, or name the body that decides"),
    (r"\bnormally\b", "the exceptions are not stated", "say when the rule does not apply"),
    (r"\bstrongly divided\b", "no test says when opinion is strongly divided",
     "give the test, e.g. 'if any member asks for a vote'"),
    (r"\bsignificant\b", "it does not say who judges what is significant",
     "say who decides, or give the test"),
    (r"\ba given timeframe\b", "the period is not fixed", "give the period, e.g. '72 hours'"),
    (r"\bparticular needs\b", "the needs are not stated, nor who judges them",
     "say what needs, or who decides"),
    (r"\bgender[ -]balanced\b", "it does not say how balance is measured",
     "give the measure, e.g. 'at least half women'"),
]


def vague_phrases(ast: A.Rulebook) -> list[Finding]:
    """Known vague phrases in clauses that decide something. Aims and
    headings (non-normative clauses) are skipped: their vagueness changes no
    answer. Words an `either` of the clause already reads are covered."""
    out = []
    for c in ast.all_clauses():
        if c.non_normative is not None or not c.items:
            continue
        covered = _either_words(c)
        asides = _aside_spans(c)
        for pattern, open_, fix in _VAGUE:
            for m in re.finditer(pattern, c.text, re.IGNORECASE):
                if _norm(m.group(0)) in covered or any(a <= m.start() < b for a, b in asides):
                    continue  # read by an either, or in a sentence that decides nothing
                if re.match(r"\s*\(at least [^)]*\)", c.text[m.end():]):
                    continue  # "well in advance (at least one month)": the period is given
                out.append(finding(
                    text_span(c, m.start(), m.end()), "info", "vague-phrase",
                    f"vague wording '{m.group(0)}': {open_}", c,
                    consequence="no rule can check it, so the answer rests on someone's judgement",
                    help=fix))
    return out


def _aside_spans(clause: A.Clause) -> list[tuple[int, int]]:
    """Where the clause's aside sentences (`non_normative ... for "..."`) lie
    in its text: their vagueness changes no answer either."""
    out = []
    for a in clause.asides:
        start = clause.text.find(a.fragment)
        if start < 0:
            continue
        end = re.search(r"[.!?](?=\s|$)|\n", clause.text[start:])
        out.append((start, start + end.end() if end else len(clause.text)))
    return out


def _norm(text: str) -> str:
    """'Bi-annual' and 'bi_annual' alike, to match a phrase to an either's name."""
    return " ".join(re.sub(r"[-_]", " ", text.lower()).split())


def _either_words(clause: A.Clause) -> str:
    """The names and reading labels of the clause's eithers: the words they
    already cover, so the phrase check does not report them twice."""
    eithers = [i for i in clause.items if isinstance(i, A.Either)]
    return " | ".join(_norm(" ".join([e.name or ""] + [r.label for r in e.readings])) for e in eithers)
