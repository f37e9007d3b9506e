'''Lint a rulebook: defects in a draft's text that a drafter should fix.

Most checks are exact. For each topic the rules decide, every scenario is
tried: one reading of every vague clause and one cell of every fact the rules
read (cut at the rules' own thresholds, as :mod:`..partition` does), so an
overlap, a gap or a dead rule is found wherever it is, never sampled. The
rest read the rule file as data: clause numbers, the bodies it names, vague
wording in its verbatim text, and similar rules that ask different numbers.

>>> from lla_constitution.loader import parse_text
>>> from lla_constitution.resolve import resolve
>>> book = resolve(parse_text("""rulebook toy
... body conference "Conference"
... clause 1
...   text \\"\\"\\"Groups with 10 to 100 members send two delegates.\\"\\"\\"
...   delegates(conference) = 2 when members in 10..100
... end
... clause 2
...   text \\"\\"\\"Groups with 100 to 500 members send three.\\"\\"\\"
...   delegates(conference) = 3 when members in 100..500
... end""", "toy.lla"))
>>> for f in lint_book(book):
...     print(f.headline())
...     print(f.consequence)
toy.lla:9:3: error[overlap]: delegates(conference): the bands of clauses 1 and 2 overlap at members = 100 (clause 1 gives 2, clause 2 gives 3)
a group with exactly 100 members may send both 2 and 3 delegates to conference
'''
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import ast as A
from ..amend import apply_amendments
from ..compose import variants
from ..errors import InputError, did_you_mean, fail
from ..evaluate import deciding, dimensions, facts_in, holds, possible, topic_index
from ..format import cond as show_cond
from ..format import value as show_value
from ..partition import describe_run, runs
from ..resolve import Book, resolve
from ..source import Span
from ..vocab import FACTS, KINDS, TALLIES

SEVERITIES = ("error", "warning", "info")
# The most scenarios one topic may need before it is reported as unchecked;
# the bundled drafts' largest topic needs under 50,000.
MAX_SCENARIOS = 200_000
_ORDERED = {"int", "money", "share", "duration", "date"}


# ---- findings -----------------------------------------------------------

@dataclass(frozen=True)
class Finding:
    """One defect, located in the rule file, with what it means for a reader."""

    file: str
    line: int
    col: int
    severity: str
    code: str
    message: str
    clause: str | None = None
    when: tuple[str, ...] = ()
    consequence: str | None = None
    help: str | None = None
    span: Span | None = field(default=None, compare=False, repr=False)
    clause_text: str | None = field(default=None, compare=False, repr=False)

    def sort_key(self):
        return (self.file, self.line, self.col, self.code, self.message)

    def headline(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.severity}[{self.code}]: {self.message}"

    def render(self) -> str:
        out = [self.headline()]
        if self.span is not None:
            out.append(self.span.source.snippet(self.span))
        if self.clause is not None:
            out.append(f"  clause {self.clause}" + (f": “{_first_line(self.clause_text)}”"
                                                    if self.clause_text else ""))
        if self.when:
            out.append("  when: " + "; ".join(self.when))
        if self.consequence:
            out.append(f"  consequence: {self.consequence}")
        if self.help:
            out.append(f"  help: {self.help}")
        return "\n".join(out)

    def to_json(self) -> dict:
        """Every field; as elsewhere in the JSON contract, a null is left out."""
        data = {"file": self.file, "line": self.line, "col": self.col, "clause": self.clause,
                "severity": self.severity, "code": self.code, "message": self.message,
                "when": list(self.when), "consequence": self.consequence, "help": self.help}
        return {k: v for k, v in data.items() if v is not None}


def _first_line(text: str, width: int = 100) -> str:
    line = text.strip().split("\n")[0].strip()
    more = "\n" in text.strip() or len(line) > width
    return (line[: width - 1].rstrip() if len(line) > width else line) + ("…" if more else "")


def _finding(span: Span | None, severity: str, code: str, message: str, clause: A.Clause | None,
             **extra) -> Finding:
    where = span.source.name if span else "<rules>"
    return Finding(where, span.line if span else 0, span.col if span else 0, severity, code,
                   message, clause.id if clause else None, span=span,
                   clause_text=clause.text if clause else None, **extra)


def _within(span: Span | None, needle: str) -> Span | None:
    """The span of `needle` from the start of `span` to the end of its last
    line (to mark the very words), else `span`. A clause's span is its id
    alone, so the rest of the line is searched too."""
    if span is None:
        return None
    text = span.source.text
    stop = text.find("\n", span.end)
    at = text.find(needle, span.start, len(text) if stop < 0 else stop)
    return span.source.span(at, at + len(needle)) if at >= 0 else span


def _text_span(clause: A.Clause, start: int, end: int) -> Span | None:
    """Characters [start, end) of a clause's text, located in the rule file."""
    span = clause.span
    if span is None:
        return None
    at = span.source.text.find('"""' + clause.text + '"""', span.start)
    if at < 0:  # an amendment edited the text: point at the clause
        return span
    return span.source.span(at + 3 + start, at + 3 + end)


# ---- duplicate clause numbers -------------------------------------------

def _duplicate_numbers(ast: A.Rulebook) -> list[Finding]:
    """Two clauses printed with the same number. Only the draft's own clauses
    and its options' clauses count: an amendment's replacement keeps the number
    of the clause it replaces, by design."""
    seen: dict[str, A.Clause] = {}
    out = []
    for c in _menu_clauses(ast):
        number = c.number or c.id
        first = seen.setdefault(number, c)
        if first is c:
            continue
        out.append(_finding(
            _within(c.span, f'number "{number}"') if c.number else c.span, "error", "duplicate-number",
            f"clause number {number} is printed twice: "
            f"clauses {first.id}{_lines(first)} and {c.id}{_lines(c)}",
            c, consequence=f"a reference to clause {number} (in an amendment, a motion or another "
                           "clause) cannot say which of the two it means",
            help=f"renumber one of them in the draft (e.g. {number} and the next free number)"))
    return out


def _lines(c: A.Clause) -> str:
    if not c.lines:
        return ""
    first, last = c.lines
    return f" (source line {first})" if first == last else f" (source lines {first}–{last})"


def _menu_clauses(ast: A.Rulebook):
    yield from ast.clauses
    for ch in ast.choices:
        for opt in ch.options:
            yield from opt.clauses


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


def _undefined_names(ast: A.Rulebook) -> list[Finding]:
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
        out.append(_finding(
            _text_span(c, start, end), "warning", "undefined-body",
            f"the text names '{name}', which the rulebook never sets up or declares"
            + (f" (also in {_clauses(others)})" if others else ""), c,
            consequence=f"a reader cannot tell who '{name}' is, nor how it is chosen",
            help="use the name the draft gives the body, or add a clause that sets it up "
                 "(and declare it in the rule file with 'body')"))
    return out


def _named_bodies(text: str):
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


def _uncreated_bodies(ast: A.Rulebook) -> list[Finding]:
    """A body the draft relies on (`delegated to X`, `referred to X`,
    `creates ... by X`, `by = X`) but never sets up: no `creates X`, and no
    rule on who sits on it or how often it meets."""
    clauses = list(ast.all_clauses())
    founded = set()
    for c in clauses:
        founded |= {i.body for i in c.items if isinstance(i, A.Creates)}
        founded |= {r.target for r, _ in A.rules_of(c) if r.topic in _FOUNDING_TOPICS}
    uses: dict[str, list[tuple[A.Clause, Span | None, str]]] = {}
    for c in clauses:
        for body, span, how in _reliances(c):
            if body not in founded:
                uses.setdefault(body, []).append((c, span, how))
    out = []
    for body, refs in uses.items():
        refs.sort(key=lambda r: r[1].start if r[1] else 0)
        c, span, _ = refs[0]
        decl = ast.body(body)
        name = f" (“{decl.name}”)" if decl else ""
        called = f"“{decl.name}”" if decl else body
        hows = " and ".join(dict.fromkeys(r[2] for r in refs))
        where = _clauses(r[0].id for r in refs)
        out.append(_finding(
            span, "warning", "uncreated-body",
            f"{body}{name} {hows} in {where}, but no clause sets it up", c,
            consequence=f"the draft leaves decisions to {called} without saying who that is or how "
                        "it is chosen, so nobody can be sure who decides",
            help=f"add a clause that sets up {called} (record it with 'creates {body}'), "
                 "or leave the decision to a body the draft founds"))
    return out


def _reliances(clause: A.Clause):
    """(body, span, how it is relied on) for every use of a body as a decider."""
    for item in clause.items:
        if isinstance(item, A.Creates) and item.by:
            yield item.by, _within(item.span, f"by {item.by}"), "sets up other bodies"
    for rule, _ in A.rules_of(clause):
        v = rule.value
        if isinstance(v, A.Delegated):
            yield v.body, v.span or rule.span, "decides"
        if isinstance(v, A.Decision) and v.referral:
            yield v.referral, _within(v.span or rule.span, v.referral), "takes referred motions"
        for atom in _atoms(rule.cond):
            if getattr(atom, "fact", None) == "by":
                names = atom.names if isinstance(atom, A.Member) else (
                    (atom.lit.value,) if isinstance(atom, A.Compare) and atom.op == "=" else ())
                for n in names:
                    yield n, atom.span or rule.span, "acts"


def _atoms(cond) -> list:
    """Every comparison in a condition, whatever and/or/not it sits under."""
    if cond is None:
        return []
    if isinstance(cond, (A.And, A.Or)):
        return [a for c in cond.conds for a in _atoms(c)]
    if isinstance(cond, A.Not):
        return _atoms(cond.cond)
    return [cond]


# ---- vague wording ------------------------------------------------------

def _eithers(ast: A.Rulebook) -> list[Finding]:
    """Every `either`: the encoder found the text vague. Eithers that share a
    name are one choice, reported once where it first occurs."""
    groups: dict[str, list[tuple[A.Clause, A.Either]]] = {}
    for c in ast.all_clauses():
        for i, item in enumerate(c.items):
            if isinstance(item, A.Either):
                groups.setdefault(item.name or f"{c.id}#{i}", []).append((c, item))
    out = []
    for uses in groups.values():
        c, either = uses[0]
        also = sorted({u[0].id for u in uses[1:]} - {c.id}, key=_clause_order(ast))
        readings = "; ".join(f"“{r.label}”" for r in either.readings)
        out.append(_finding(
            either.span, "info", "vague",
            f"the text can be read {len(either.readings)} ways: {readings}"
            + (f" (the same words in {_clauses(also)})" if also else ""), c,
            consequence="answers that turn on these words are ambiguous: each reading gives its own",
            help="reword the text so that only one reading is possible"))
    return out


def _clause_order(ast: A.Rulebook):
    order = {c.id: n for n, c in enumerate(ast.all_clauses())}
    return lambda cid: order.get(cid, 0)


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


def _vague_phrases(ast: A.Rulebook) -> list[Finding]:
    """Known vague phrases in clauses that decide something. Aims and
    headings (non-normative clauses) are skipped: their vagueness changes no
    answer. Words an `either` of the clause already reads are covered."""
    out = []
    for c in ast.all_clauses():
        if c.non_normative is not None or not c.items:
            continue
        covered = _either_words(c)
        for pattern, open_, fix in _VAGUE:
            for m in re.finditer(pattern, c.text, re.IGNORECASE):
                if _norm(m.group(0)) in covered:
                    continue
                out.append(_finding(
                    _text_span(c, m.start(), m.end()), "info", "vague-phrase",
                    f"vague wording '{m.group(0)}': {open_}", c,
                    consequence="no rule can check it, so the answer rests on someone's judgement",
                    help=fix))
    return out


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[-_]", " ", text.lower()).split())


def _either_words(clause: A.Clause) -> str:
    eithers = [i for i in clause.items if isinstance(i, A.Either)]
    return " | ".join(_norm(" ".join([e.name or ""] + [r.label for r in e.readings])) for e in eithers)


# ---- similar rules that ask different thresholds ------------------------

# Facts that measure support or size: two routes asking different numbers of
# them is worth a look. Deadlines (lead_time, notice) differ between bodies
# by design, so they are left out.
_SUPPORT = {"signatories", "petition_share", "members", "lla_supporters", "initiators",
            "initiator_categories"}


def _thresholds(ast: A.Rulebook) -> list[Finding]:
    return _vote_thresholds(ast) + _support_thresholds(ast)


def _together(ast: A.Rulebook):
    """(clause, rule, group) for rules that may stand in one constitution:
    a group is None for the draft's own clauses, the choice id for an option's."""
    for c in ast.clauses:
        for r, _ in A.rules_of(c):
            yield c, r, None
    for ch in ast.choices:
        for opt in ch.options:
            for c in opt.clauses:
                for r, _ in A.rules_of(c):
                    yield c, r, ch.id


def _compatible(g1, g2) -> bool:
    """Two options of one choice are never chosen together."""
    return g1 is None or g2 is None or g1 != g2


def _vote_thresholds(ast: A.Rulebook) -> list[Finding]:
    """pass_motion rules for one body, in different clauses, that share a test
    but count another on a different tally or fraction (2.9 against 2.10)."""
    rules = [(c, r, g) for c, r, g in _together(ast)
             if r.topic == "pass_motion" and isinstance(r.value, A.Decision)]
    out, done = [], set()
    for (c1, r1, g1), (c2, r2, g2) in itertools.combinations(rules, 2):
        if c1.id == c2.id or r1.target != r2.target or not _compatible(g1, g2) or (c1.id, c2.id) in done:
            continue
        t1, t2 = _tests(r1.value), _tests(r2.value)
        if len(t1) != len(t2) or not (t1 & t2) or t1 == t2:
            continue
        done.add((c1.id, c2.id))
        only1, only2 = sorted(t1 - t2), sorted(t2 - t1)
        out.append(_finding(
            r2.span, "warning", "threshold",
            f"pass_motion({r2.target}): clause {c2.id} asks {_show_tests(only2)} where clause {c1.id} asks "
            f"{_show_tests(only1)}", c2,
            consequence=f"a motion in {r2.target} is counted by {_tally_words(only1)} under clause {c1.id} "
                        f"but by {_tally_words(only2)} under clause {c2.id}, so it could carry on one count "
                        "and fail on the other",
            help="if the difference is intended, say so in the text; otherwise count the same way"))
    return out


def _tests(d: A.Decision) -> frozenset:
    return frozenset((t.fraction, t.tally, t.of_all) for t in d.tests)


def _show_tests(tests) -> str:
    return " and ".join(f"{f} of {'all ' if a else ''}{t}" for f, t, a in tests)


def _tally_words(tests) -> str:
    return " and ".join(f"'{TALLIES[t]}'" for _, t, _ in tests)


def _support_thresholds(ast: A.Rulebook) -> list[Finding]:
    """Rules alike but for one threshold on a support fact, for different
    topics or bodies: 25 signatories to reach the SC, 10 to reach conference."""
    groups: dict[tuple, list] = {}
    for c, r, g in _together(ast):
        split = _threshold_of(r)
        if split is not None:
            fact, n, rest = split
            family = "submit" if r.topic in ("submit_motion", "submit_amendment") else r.topic
            groups.setdefault((family, fact, rest, show_value(r.value)), []).append((c, r, g, n))
    found = (_threshold_finding(fact, rest, members) for (_, fact, rest, _), members in groups.items())
    return [f for f in found if f is not None]


def _threshold_of(rule: A.Rule):
    """(fact, least value that passes, the other conditions) when the rule's
    condition is one minimum on a support fact plus other tests."""
    atoms = list(rule.cond.conds) if isinstance(rule.cond, A.And) else [rule.cond]
    found = [a for a in atoms if isinstance(a, A.Compare) and a.fact in _SUPPORT and a.op in (">=", ">")]
    if len(found) != 1:
        return None
    a = found[0]
    n = a.lit.value + (1 if a.op == ">" and a.lit.type == "int" else 0)
    return a.fact, n, frozenset(x for x in atoms if x is not a)


def _threshold_finding(fact: str, rest: frozenset, members: list) -> Finding | None:
    """One finding for a group of alike rules, at the first that differs from
    an earlier one on another topic or body. Two thresholds on one topic and
    body are bands, not a difference between routes."""
    members = sorted(members, key=lambda m: m[1].span.start if m[1].span else 0)
    pair = next(((x, y) for x, y in itertools.combinations(members, 2)
                 if x[3] != y[3] and (x[1].topic, x[1].target) != (y[1].topic, y[1].target)
                 and _compatible(x[2], y[2])), None)
    if pair is None:
        return None
    first, other = pair
    levels: dict[object, list] = {}
    for c, r, g, n in members:
        levels.setdefault(n, []).append((c, r))
    parts = []
    for n, rules in levels.items():
        topics = ", ".join(dict.fromkeys(_topic_label(r.topic, r.target) for _, r in rules))
        parts.append(f"{_fact_value(fact, n)} for {topics} ({_clauses(c.id for c, _ in rules)})")
    same_body = any(len({n for c, r, g, n in members if r.target == t}) > 1
                    for t in {r.target for _, r, _, _ in members})
    who = _rest_subject(rest)
    c, r, _, n = other
    return _finding(
        _threshold_span(r) or r.span, "warning" if same_body else "info", "threshold",
        f"similar rules ask different numbers of {fact}: " + "; ".join(parts), c,
        consequence=f"{who} needs {_fact_value(fact, first[3])} to {_verb(first[1])} but "
                    f"{_fact_value(fact, n)} to {_verb(r)}",
        help="if the difference is intended, say so in the text; otherwise use one figure")


def _threshold_span(rule: A.Rule):
    split = _threshold_of(rule)
    if split is None:
        return None
    return next((a.span for a in _atoms(rule.cond)
                 if isinstance(a, A.Compare) and a.fact == split[0]), None)


def _fact_value(fact: str, n) -> str:
    if fact == "petition_share":
        return f"{float(n * 100):g}% of supporters"
    return f"{n} {fact.replace('_', ' ')}"


def _rest_subject(rest: frozenset) -> str:
    kinds = [a.lit.value for a in rest if isinstance(a, A.Compare) and a.fact == "kind" and a.op == "="]
    return _a(KINDS[kinds[0]].words[0]) if kinds else "a submitter"


# ---- topics in words ----------------------------------------------------

# What a permission topic lets someone do, as a verb phrase.
_VERBS = {"join": "join", "affiliate": "affiliate", "submit_motion": "submit a motion to {body}",
          "submit_amendment": "submit an amendment to {body}", "sign_motion": "sign a motion",
          "call_special_conference": "call a special conference",
          "recall": "recall a member of {body}", "vote": "vote in {body}",
          "elect": "elect {body} at that size", "circulate_motion": "count motions to {body} as circulated",
          "stand": "stand for {body}", "labour_membership": "be a Labour Party member"}
# Who or what a topic is asked about, when the rules do not read a kind.
_NOUNS = {"delegates": "a group", "fee": "a group", "join": "a person", "affiliate": "a group",
          "submit_motion": "a submitter", "submit_amendment": "a submitter", "sign_motion": "a person",
          "call_special_conference": "a caller", "recall": "a recall", "vote": "a voter",
          "elect": "a committee", "pass_motion": "a motion", "circulate_motion": "a motion",
          "meetings": "a meeting", "quorum": "a meeting", "stand": "a candidate",
          "labour_membership": "a person", "elections": "an election"}
# Count facts as a subject's attribute: "with exactly 100 members".
_FACT_NOUNS = {"members": "members", "lla_supporters": "LLA supporters", "signatories": "signatories",
               "size": "members", "initiators": "initiators", "previous_motions": "earlier motions",
               "previous_signatures": "earlier signatures", "initiator_categories": "categories of initiator"}


def _topic_label(topic: str, target: str | None) -> str:
    return f"{topic}({target})" if target else topic


def _verb(rule: A.Rule) -> str:
    return _VERBS.get(rule.topic, rule.topic).format(body=rule.target)


def _a(words: str) -> str:
    return ("an " if words[0].lower() in "aeiou" else "a ") + words


def _question(topic: str, target: str | None, subject: str) -> str:
    """What the draft leaves unanswered, as words: 'what fee a group pays'."""
    if topic == "delegates":
        return f"how many delegates {subject} may send to {target}"
    if topic == "fee":
        return f"what fee {subject} pays"
    if topic in _VERBS:
        return f"whether {subject} may {_VERBS[topic].format(body=target)}"
    if topic == "pass_motion":
        return f"what vote carries {subject} in {target}"
    if topic in ("meetings", "elections", "quorum"):
        return {"meetings": f"how often {target} must meet", "elections": f"how often {target} is elected",
                "quorum": f"what quorum {target} needs"}[topic]
    return f"{topic.replace('_', ' ')} of {target} for {subject}" if target else f"{topic} for {subject}"


def _both(topic: str, target: str | None, subject: str, va, vb) -> str:
    """The consequence of two answers at once, in a reader's words."""
    a, b = show_value(va), show_value(vb)
    if topic == "delegates" and isinstance(va, A.Count) and isinstance(vb, A.Count):
        return f"{subject} may send both {a} and {b} delegates to {target}"
    if topic == "fee" and isinstance(va, A.Money) and isinstance(vb, A.Money):
        return f"{subject} is charged both {a} and {b}"
    if isinstance(va, A.Permission) and isinstance(vb, A.Permission):
        return f"{subject} is both allowed and forbidden to {_VERBS[topic].format(body=target)}"
    return f"the draft gives two answers to {_question(topic, target, subject)}: {a} and {b}"


# ---- exact enumeration of one topic -------------------------------------

@dataclass
class _Explored:
    """Every scenario of one topic in one constitution, and what decided it."""

    book: Book
    topic: str
    target: str | None
    dims: list
    entries: list
    keys: list
    decided: dict = field(default_factory=dict)  # combo -> winning rule indices
    active: set = field(default_factory=set)
    wins: set = field(default_factory=set)
    beaten_by: dict = field(default_factory=dict)
    conflicts: dict = field(default_factory=dict)  # (i, j) -> combos where both decide, apart

    def record(self, combo: tuple, active: list, winners: list) -> None:
        self.decided[combo] = tuple(winners)
        self.active.update(active)
        self.wins.update(winners)
        for i in active:
            if i not in winners:
                self.beaten_by.setdefault(i, set()).update(winners)
        for a, b in itertools.combinations(winners, 2):
            if self.keys[a] != self.keys[b]:
                self.conflicts.setdefault((a, b), []).append(combo)


def _scenario_count(dims) -> int:
    total = 1
    for d in dims:
        total *= len(d.cells)
    return total


def _explore(book: Book, topic: str, target: str | None) -> _Explored | None:
    """Try every scenario; None when there are too many to try."""
    ix = topic_index(book, topic, target)
    dims = dimensions(book, ix.entries, {})
    if _scenario_count(dims) > MAX_SCENARIOS:
        return None
    rdims = [d for d in dims if d.kind == "reading"]  # dimensions() lists readings first
    fdims = dims[len(rdims):]
    reading_combos = list(itertools.product(*(range(len(d.cells)) for d in rdims)))
    choices = [dict(zip((d.key for d in rdims), rc)) for rc in reading_combos]
    needs = [e.reading for e in ix.entries]
    ex = _Explored(book, topic, target, dims, ix.entries, ix.keys)
    for fc in itertools.product(*(range(len(d.cells)) for d in fdims)):
        facts = {d.name: d.cells[i].rep for d, i in zip(fdims, fc)}
        if not possible(facts):
            continue
        hold = [test(facts) is True for test in ix.tests]
        held = [i for i, h in enumerate(hold) if h]
        for rc, choice in zip(reading_combos, choices):
            active = [i for i in held if needs[i] is None or choice.get(needs[i][0]) == needs[i][1]]
            ex.record(rc + fc, active, deciding(ix, hold, choice) if active else [])
    return ex


# ---- describing a region of scenarios -----------------------------------

def _projection(combos, k: int) -> set:
    return {c[k] for c in combos}


def _describe_dim(book: Book, d, cells: set) -> str:
    if d.kind == "reading":
        return f"{d.name}: " + " or ".join(d.cells[i].label for i in sorted(cells))
    if d.kind == "enum":
        names = [d.cells[i].rep for i in sorted(cells)]
        # A set of kinds the rule file names reads better than its members.
        named = next((s.id for s in book.ast.kind_sets
                      if d.name == "kind" and set(s.kinds) == set(names)), None)
        if named:
            return f"{d.name} in {named}"
        return f"{d.name} = {names[0]}" if len(names) == 1 else f"{d.name} in {{{', '.join(names)}}}"
    return " or ".join(describe_run(d.name, d.cells, run, d.kind) for run in runs(cells))


def _when(ex: _Explored, combos, skip=()) -> tuple[str, ...]:
    """The readings and facts a region is limited to, in the order of the dimensions."""
    out = []
    for k, d in enumerate(ex.dims):
        cells = _projection(combos, k)
        if k not in skip and len(cells) < len(d.cells):
            out.append(_describe_dim(ex.book, d, cells))
    return tuple(out)


def _subject(ex: _Explored, combos, band: int | None = None, cells=None) -> str:
    """An example of whom a region concerns: 'a local group with exactly 100 members'."""
    kind_k = next((k for k, d in enumerate(ex.dims) if d.name == "kind"), None)
    if kind_k is not None:
        kinds = {ex.dims[kind_k].cells[i].rep for i in _projection(combos, kind_k)}
        first = next(k for k in KINDS if k in kinds)
        who = _a(KINDS[first].words[0])
    else:
        who = _NOUNS.get(ex.topic, "a case")
    if band is None:
        return who
    d = ex.dims[band]
    run = sorted(cells)
    lo, hi = d.cells[run[0]], d.cells[run[-1]]
    if lo.lo == hi.hi and d.name in _FACT_NOUNS:
        return f"{who} with exactly {lo.lo} {_FACT_NOUNS[d.name]}"
    return f"{who} with " + " or ".join(describe_run(d.name, d.cells, r, d.kind) for r in runs(cells))


# ---- overlaps and contradictions ----------------------------------------

def _conflicts(ex: _Explored) -> list[Finding]:
    out = []
    for (a, b), combos in ex.conflicts.items():
        ea, eb = sorted((ex.entries[a], ex.entries[b]), key=lambda e: e.order)
        band = _band(ex, ea, eb, combos)
        out.append(_overlap(ex, ea, eb, combos, band) if band is not None
                   else _contradiction(ex, ea, eb, combos))
    return out


def _band(ex: _Explored, ea, eb, combos) -> int | None:
    """The ordered fact both rules cut into bands, if they clash on part of it only."""
    shared = [f for f in facts_in(ea.rule.cond) if f in facts_in(eb.rule.cond) and FACTS[f].type in _ORDERED]
    for k, d in enumerate(ex.dims):
        if d.name in shared and len(_projection(combos, k)) < len(d.cells):
            return k
    return None


def _overlap(ex: _Explored, ea, eb, combos, band: int) -> Finding:
    d = ex.dims[band]
    cells = _projection(combos, band)
    where = " or ".join(describe_run(d.name, d.cells, run, d.kind) for run in runs(cells))
    label = _topic_label(ex.topic, ex.target)
    return _finding(
        eb.rule.span, "error", "overlap",
        f"{label}: the bands of clauses {ea.clause.id} and {eb.clause.id} overlap at {where} "
        f"(clause {ea.clause.id} gives {show_value(ea.rule.value)}, clause {eb.clause.id} gives "
        f"{show_value(eb.rule.value)})",
        eb.clause, when=_when(ex, combos, skip={band}),
        consequence=_both(ex.topic, ex.target, _subject(ex, combos, band, cells),
                          ea.rule.value, eb.rule.value),
        help=_overlap_help(d, cells))


def _overlap_help(d, cells) -> str:
    run = sorted(cells)
    if len(run) == 1 and d.kind == "int" and d.cells[run[0]].lo == d.cells[run[0]].hi:
        v = d.cells[run[0]].lo
        return (f"say which band {v} belongs to: end the lower band at {v - 1}, "
                f"or start the upper band at {v + 1}")
    return "make the bands meet without sharing any value"


def _contradiction(ex: _Explored, ea, eb, combos) -> Finding:
    label = _topic_label(ex.topic, ex.target)
    return _finding(
        eb.rule.span, "error", "contradiction",
        f"{label}: clauses {ea.clause.id} and {eb.clause.id} contradict each other (clause {ea.clause.id} "
        f"gives {show_value(ea.rule.value)}, clause {eb.clause.id} gives {show_value(eb.rule.value)}) "
        "and neither overrides the other",
        eb.clause, when=_when(ex, combos),
        consequence=_both(ex.topic, ex.target, _subject(ex, combos), ea.rule.value, eb.rule.value),
        help=f"say in the text which clause prevails (record it in the rule file with "
             f"'overrides {ea.clause.id}'), or narrow one of them")


# ---- gaps between bands -------------------------------------------------

def _gaps(ex: _Explored) -> list[Finding]:
    """Values of an ordered fact that no rule decides, while the values on
    both sides of them (everything else equal) are decided: a hole between
    two bands. Silence at either end of a fact's range is not a gap."""
    groups: dict[tuple, dict] = {}
    for combo, winners in ex.decided.items():
        if winners:
            continue
        for k, d in enumerate(ex.dims):
            if d.kind in _ORDERED:
                _gap_along(ex, combo, k, groups)
    return [_gap_finding(ex, k, lo, hi, g) for (k, lo, hi), g in sorted(groups.items())]


def _gap_along(ex: _Explored, combo: tuple, k: int, groups: dict) -> None:
    def at(i):
        return combo[:k] + (i,) + combo[k + 1:]

    lo, hi = combo[k] - 1, combo[k] + 1
    while lo >= 0 and ex.decided.get(at(lo)) == ():
        lo -= 1
    while hi < len(ex.dims[k].cells) and ex.decided.get(at(hi)) == ():
        hi += 1
    below, above = ex.decided.get(at(lo)) if lo >= 0 else None, ex.decided.get(at(hi))
    if below and above:
        g = groups.setdefault((k, lo, hi), {"combos": [], "below": set(), "above": set()})
        g["combos"].append(combo)
        g["below"].update(below)
        g["above"].update(above)


def _gap_finding(ex: _Explored, k: int, lo: int, hi: int, g: dict) -> Finding:
    d = ex.dims[k]
    cells = set(range(lo + 1, hi))
    where = " or ".join(describe_run(d.name, d.cells, run, d.kind) for run in runs(cells))
    below = sorted((ex.entries[i] for i in g["below"]), key=lambda e: e.order)
    above = sorted((ex.entries[i] for i in g["above"]), key=lambda e: e.order)
    rep = d.cells[lo + 1].rep
    low_atom, high_atom = _failing_atom(below[0].rule, d.name, rep), _failing_atom(above[0].rule, d.name, rep)
    label = _topic_label(ex.topic, ex.target)
    return _finding(
        (high_atom.span if high_atom else None) or above[0].rule.span, "error", "gap",
        f"{label}: no rule decides {where}, between {_clauses(e.clause.id for e in below)}"
        + (f" ({show_cond(low_atom)})" if low_atom else "") + f" and {_clauses(e.clause.id for e in above)}"
        + (f" ({show_cond(high_atom)})" if high_atom else ""),
        above[0].clause, when=_when(ex, g["combos"], skip={k} | _coupled(ex, d.name)),
        consequence="the draft does not say " + _question(
            ex.topic, ex.target, _subject(ex, g["combos"], k, cells)),
        help=_gap_help(d, cells, high_atom))


# Facts that possible() ties together: a group cannot have more LLA
# supporters than members. Next to a gap in one, the other is cut only because
# the band below does not exist for larger values of it, which says nothing
# about the gap, so a gap's description leaves it out.
_COUPLED = {"members": "lla_supporters", "lla_supporters": "members"}


def _coupled(ex: _Explored, fact: str) -> set:
    return {k for k, d in enumerate(ex.dims) if d.name == _COUPLED.get(fact)}


def _clauses(ids) -> str:
    """'clause 2.3' or 'clauses 2.8, 3.8', each id once, in the order given."""
    ids = list(dict.fromkeys(ids))
    return ("clause " if len(ids) == 1 else "clauses ") + ", ".join(ids)


def _failing_atom(rule: A.Rule, fact: str, value):
    """The test on `fact` that keeps the rule out of the gap: 'members > 200' at 200."""
    return next((a for a in _atoms(rule.cond) if getattr(a, "fact", None) == fact
                 and isinstance(a, (A.Compare, A.Within)) and holds(a, {fact: value}) is False), None)


def _gap_help(d, cells, high_atom) -> str:
    run = sorted(cells)
    first = d.cells[run[0]]
    if (len(run) == 1 and first.lo == first.hi and isinstance(high_atom, A.Compare)
            and high_atom.op == ">" and d.kind == "int"):
        return f"make one band include {first.lo}, e.g. '{first.lo} or more' in place of 'over {first.lo}'"
    return "make the neighbouring bands meet, so that every value falls in one"


# ---- rules that never decide --------------------------------------------

def _rule_id(entry) -> tuple:
    span = entry.rule.span
    return (entry.clause.id, span.start if span else entry.order)


def _unreachable(key, explored: list[tuple[_Explored, str | None]]) -> list[Finding]:
    """Rules that decide in no scenario of any constitution they stand in."""
    seen: dict[tuple, dict] = {}
    for ex, label in explored:
        for i, e in enumerate(ex.entries):
            s = seen.setdefault(_rule_id(e), {"entry": e, "active": False, "wins": False, "by": [], "in": []})
            s["active"] |= i in ex.active
            s["wins"] |= i in ex.wins
            s["by"] += [ex.entries[j] for j in sorted(ex.beaten_by.get(i, ()))]
            s["in"].append(label)
    return [_unreachable_finding(*key, s) for s in seen.values() if not s["wins"]]


def _unreachable_finding(topic: str, target: str | None, s: dict) -> Finding:
    e = s["entry"]
    label = _topic_label(topic, target)
    # In a composite the rule is dead in every combination of options, not just one.
    everywhere = " whichever option is chosen" if len(s["in"]) > 1 and all(
        (x or "").startswith("option") for x in s["in"]) else ""
    if not s["active"]:
        return _finding(
            e.rule.span, "warning", "unreachable",
            f"{label}: this rule of clause {e.clause.id} never applies{everywhere}: "
            "its condition cannot hold",
            e.clause,
            consequence="the rule decides nothing, so the words it encodes change no answer",
            help="check the condition against the text; remove the rule if the text means nothing by it")
    beaters = sorted({x.clause.id: x for x in s["by"]}.values(), key=lambda x: x.order)
    how = ("an ordinary rule decides wherever it would apply" if e.rule.otherwise
           else "it is overridden wherever it applies")
    return _finding(
        e.rule.span, "warning", "unreachable",
        f"{label}: this rule of clause {e.clause.id} never decides{everywhere}: {how}"
        + (f" (by {_clauses(x.clause.id for x in beaters)})" if beaters else ""), e.clause,
        consequence=f"what clause {e.clause.id} says on {label} never counts, so its words change no answer",
        help="remove the rule, or narrow the rules that beat it so that it keeps a case of its own")


# ---- constitutions to explore: the draft, its options, its amendments ---

def _topic_keys(ast: A.Rulebook) -> list[tuple[str, str | None]]:
    keys: dict = {}
    for c in ast.all_clauses():
        for r, _ in A.rules_of(c):
            keys.setdefault((r.topic, r.target), None)
    return list(keys)


def _constitutions(book: Book, key, cache: dict) -> list[tuple[Book, str | None]]:
    """Each constitution the topic can have: the draft as written (or, for a
    composite menu, each combination of the options that decide the topic),
    and the draft with each amendment that touches the topic."""
    ast = book.ast
    out = []
    if ast.choices:
        for composed, varied in variants(ast, {}, {key}):
            label = ", ".join(f"{k}={v}" for k, v in varied.items()) or None
            name = ("options", label)
            if name not in cache:
                cache[name] = resolve(composed)
            out.append((cache[name], f"option {label}" if label else None))
    else:
        out.append((book, None))
    voted = {aid for ch in ast.choices for o in ch.options for aid in o.applies}
    for am in ast.amendments:
        if am.id not in voted and _touches(ast, am, key):
            name = ("amendment", am.id)
            if name not in cache:
                cache[name] = resolve(apply_amendments(ast, [am.id]))
            out.append((cache[name], f"amendment {am.id}"))
    return out


def _touches(ast: A.Rulebook, am: A.Amendment, key) -> bool:
    """Whether the amendment adds, removes or replaces a rule on the topic
    (a text edit changes no rule)."""
    own = {c.id: c for c in ast.clauses}
    changed = [c for op in am.ops for c in getattr(op, "clauses", ())]
    changed += [own[op.target] for op in am.ops if not isinstance(op, A.EditText) and op.target in own]
    return any((r.topic, r.target) == key for c in changed for r, _ in A.rules_of(c))


def _merge(per_variant: list[tuple[list[Finding], str | None]]) -> list[Finding]:
    """One finding per defect: one the draft as written has, or every variant
    has, stands alone; one only some options or amendments have says which."""
    labels_of: dict[Finding, list] = {}
    for findings, label in per_variant:
        for f in findings:
            labels_of.setdefault(f, []).append(label)
    every = {label for _, label in per_variant}
    out = []
    for f, labels in labels_of.items():
        if None in labels or set(labels) == every:
            out.append(f)
        else:
            out.append(replace(f, when=f.when + ("with " + " or ".join(dict.fromkeys(labels)),)))
    return out


def _semantic(book: Book) -> list[Finding]:
    """Overlaps, contradictions, gaps and dead rules, topic by topic."""
    out, cache = [], {}
    for key in _topic_keys(book.ast):
        explored, per_variant, complete = [], [], True
        for variant, label in _constitutions(book, key, cache):
            if not variant.entries(*key):
                continue
            ex = _explore(variant, *key)
            if ex is None:
                out.append(_too_large(variant, key))
                complete = False
                continue
            explored.append((ex, label))
            per_variant.append((_conflicts(ex) + _gaps(ex), label))
        # A rule may decide only in the constitution left untried: say nothing.
        out += _merge(per_variant) + (_unreachable(key, explored) if complete else [])
    return out


def _too_large(book: Book, key) -> Finding:
    e = book.entries(*key)[0]
    return _finding(e.rule.span, "info", "not-checked",
                    f"{_topic_label(*key)}: too many scenarios to try them all (over {MAX_SCENARIOS:,}); "
                    "overlaps, gaps and dead rules were not looked for", e.clause)


# ---- the whole rulebook -------------------------------------------------

def lint_book(book: Book) -> list[Finding]:
    """Every finding for one resolved rulebook, in file order."""
    ast = book.ast
    found = (_duplicate_numbers(ast) + _undefined_names(ast) + _uncreated_bodies(ast) + _eithers(ast)
             + _vague_phrases(ast) + _thresholds(ast) + _semantic(book))
    return sorted(dict.fromkeys(found), key=Finding.sort_key)


def at_least(findings: list[Finding], severity: str) -> list[Finding]:
    """The findings of `severity` or worse."""
    worst = SEVERITIES[: SEVERITIES.index(severity) + 1]
    return [f for f in findings if f.severity in worst]


def targets(args) -> list[Path]:
    """The rule files the arguments name: .lla paths, bundled draft ids, or
    directories (every *.lla directly inside, sorted); none means every
    bundled draft."""
    from ..data import data_dir
    from ..loader import bundled_ids

    if not args:
        return sorted(data_dir("rules").glob("*.lla"))
    out: list[Path] = []
    for arg in args:
        path = Path(arg)
        if path.is_dir():
            files = sorted(path.glob("*.lla"))
            if not files:
                fail(InputError, None, f"no .lla files in directory '{arg}'", path=arg)
            out += files
        elif path.is_file():
            out.append(path)
        elif arg.endswith(".lla"):
            fail(InputError, None, f"no rules file at '{arg}'", path=arg)
        elif arg in bundled_ids():
            out.append(data_dir("rules") / f"{arg}.lla")
        else:
            ids = bundled_ids()
            fail(InputError, None, f"unknown draft '{arg}'", path=arg,
                 expected="a .lla file, a directory of them, or one of " + ", ".join(ids),
                 help=did_you_mean(arg, ids) or "pass a bundled draft id, a .lla file or a directory")
    once: dict[Path, Path] = {}
    for path in out:  # a file named twice (by id and by path) is linted once
        once.setdefault(path.resolve(), path)
    return list(once.values())


def lint_paths(paths) -> list[tuple[str, list[Finding]]]:
    """(file as shown, findings) for each rule file, sorted by file."""
    from ..loader import parse_file

    out = []
    for path in paths:
        ast = parse_file(path)
        out.append((ast.span.source.name if ast.span else str(path), lint_book(resolve(ast))))
    return sorted(out, key=lambda r: r[0])


def _counts(findings: list[Finding]) -> str:
    n = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}
    if not findings:
        return "no findings"
    return (f"{n['error']} error{'' if n['error'] == 1 else 's'}, "
            f"{n['warning']} warning{'' if n['warning'] == 1 else 's'}, {n['info']} info")


def render_report(results: list[tuple[str, list[Finding]]]) -> str:
    """Findings grouped per file, each file closed by its counts; a total
    line when there are several files."""
    out = []
    for name, findings in results:
        for f in findings:
            out += [f.render(), ""]
        out += [f"{name}: {_counts(findings)}", ""]
    if len(results) > 1:
        every = [f for _, fs in results for f in fs]
        out.append(f"{len(results)} files: {_counts(every)}")
    return "\n".join(out).rstrip("\n") + "\n"
