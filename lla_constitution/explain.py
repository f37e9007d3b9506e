"""Turn evaluation results into cited answers: the JSON contract and the text
a committee member reads.

>>> from lla_constitution.loader import load
>>> from lla_constitution.evaluate import evaluate
>>> r = evaluate(load("dulwich"), "delegates", "conference",
...              {"kind": "union_national", "affiliated": True})
>>> [c.clause for c in citations(r.because)]
['2.4']
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar

from fractions import Fraction

from . import ast as A
from . import format as F
from .evaluate import Result
from .model import AnswerOut, CaseOut, Citation, Condition, VerdictOut
from .partition import Period
from .resolve import Entry


def cite(clause) -> Citation:
    return Citation(clause=clause.id, text=" ".join(clause.text.split()))


def citations(entries: list[Entry]) -> list[Citation]:
    out, seen = [], set()
    for e in entries:
        if e.clause.id not in seen:
            seen.add(e.clause.id)
            out.append(cite(e.clause))
    return out


def plain(value) -> object:
    """A fact value as JSON shows it."""
    if isinstance(value, bool):
        return value
    if isinstance(value, Period):
        delta = value.end - value.start
        parts = [(delta.days, "day"), (delta.seconds // 3600, "hour"), (delta.seconds % 3600 // 60, "minute")]
        words = [f"{n} {unit}{'' if n == 1 else 's'}" for n, unit in parts if n]
        return " ".join(words) or "0 days"
    if isinstance(value, (frozenset, set, list, tuple)):
        return sorted(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, Fraction):
        if (value * 100).denominator == 1:
            return F.share(value)
        # Cut, not rounded, and marked as cut: 2907 of 29071 is "9.99…%", never
        # "10.00%" beside a rule of 10% it does not meet (round 23).
        cut = Fraction(int(value * 10000), 100)
        return f"{float(cut):.2f}…%"
    return value


def json_value(name: str, value) -> object:
    """Facts in JSON: numbers, booleans and null stay themselves; money, shares,
    durations become words."""
    if value is None or isinstance(value, bool):
        return value
    return fact_text(name, value)


def fact_text(name: str, value) -> object:
    if name == "fee_paid" and isinstance(value, int) and not isinstance(value, bool):
        return F.money(value)
    if isinstance(value, bool) or value is None:
        return {True: "true", False: "false", None: "not given"}[value]
    return plain(value)


def answer_value(value) -> object:
    """The `answer` field for a decided value: a number, or words."""
    if value is None or isinstance(value, (A.Delegated, A.NotApplicable, A.Unspecified)):
        return None
    if isinstance(value, A.Count):
        return value.n
    return F.value(value)


def conditions(result: Result) -> list[Condition]:
    return [Condition(clause=row["clause"], rule=F.format_rule(row["rule"]), holds=row["holds"],
                      values={k: json_value(k, v) for k, v in row["values"].items()},
                      reading=row.get("reading"))
            for row in result.trace]


def up_to(value) -> bool | None:
    """True where the number is a most ("can appoint up to three"); the JSON
    `answer` stays the number."""
    return True if isinstance(value, A.Count) and value.up_to else None


def count_said(n, up_to_: bool | None):
    """A number as an answer says it: `count_said(3, True)` is 'up to 3'."""
    return f"up to {n}" if up_to_ else n


def cases(result: Result) -> list[CaseOut]:
    return [CaseOut(answer=answer_value(c.value), up_to=up_to(c.value), status=c.status, when=c.when,
                    decided_by=c.value.body if isinstance(c.value, A.Delegated) else None,
                    because=citations(c.because))
            for c in result.cases]


def used_presumptions(result: Result, assumed, judge=None) -> list[str]:
    """The presumptions some rule of this topic actually looked at."""
    from .model import presumption

    from .evaluate import holds

    from .evaluate import value_key

    # A settled answer that a rule turning on the fact would give all the
    # same does not rest on the presumption (round 57: an individual's 0
    # delegates under LAW/SLL 3.a, "0 when not affiliated" and "0 for an
    # individual", said "presumed: the group is affiliated").
    settled = value_key(result.value) if result.status != "ambiguous" and result.value is not None else None
    used: dict = {}
    for row in result.trace:
        for f, v in row["values"].items():
            others = {k: x for k, x in row["values"].items() if k != f}
            if holds(row["rule"].cond, others) is None:  # the rule turns on this fact
                used.setdefault(f, v)
    if settled is not None:
        for f in list(used):
            def without(row):
                return {k: x for k, x in row["values"].items() if k != f}
            # Only rules that read the fact turn on it: one undecided for
            # another fact (a size band, members unknown) does not (round 59:
            # Dulwich 2.3's bands kept "presumed affiliated" beside 2.1's 0).
            turning = [r for r in result.trace if f in r["values"] and holds(r["rule"].cond, without(r)) is None]
            # Unused only if every rule turning on it gives the answer anyway,
            # and a rule that does not read it gives the answer too.
            if all(value_key(r["rule"].value) == settled for r in turning) and any(
                    value_key(r["rule"].value) == settled and holds(r["rule"].cond, without(r)) is True
                    for r in result.trace):
                del used[f]
    for f in [f for f in used if isinstance(used[f], bool) and result.trace_from]:
        if _same_without(result, f, not used[f], judge):
            del used[f]
    # The value the rules saw: a presumption may have been turned round (see presume.py).
    return [presumption(f, used[f]) for f in assumed if f in used]


def answer_key(r: Result) -> tuple:
    """What an answer says, for telling two answers apart: its status, value
    and cases, without reasons or citations."""
    from .evaluate import status_of, value_key

    def said(value):
        # A silence is one answer, whether no rule speaks or one says its
        # number is unsaid (round 63: CAC 4.2 B's group of 5 is silent
        # affiliated or not; "presumed affiliated" was shown all the same).
        return None if value is None or status_of(value) == "silent" else value_key(value)

    return (r.status, said(r.value), tuple((said(c.value), tuple(c.when)) for c in r.cases))


def _same_without(result: Result, fact: str, flipped: bool, judge=None) -> bool:
    """Whether the answer is the same with a yes-or-no presumption turned
    round: then it does not rest on it (round 59: CAC 3.2 E's LLA branch,
    whose every reading gives its count whatever `affiliated` is, said
    "presumed: the group is affiliated"). With `judge` (an action's verdict
    of a value), the verdicts are compared, not the values (round 60: 3 of
    Dulwich 3.4's ONE and of 3.0's 0 is "no" either way)."""
    from .evaluate import answer_of

    _, facts, book = result.trace_from
    other, _ = answer_of(book, result.topic, result.target, {**facts, fact: flipped})
    from .evaluate import status_of

    def verdict(value):
        # As Checker.verdict judges: a determined value by the action's judge,
        # anything else (silent, delegated) by its status.
        return judge(value) if status_of(value) == "determined" else status_of(value)

    def key(r):
        if judge is not None:  # the verdicts alone: which cases give them is beside the point
            if r.value is not None or not r.cases:
                return frozenset({verdict(r.value) if r.value is not None else r.status})
            return frozenset({verdict(c.value) for c in r.cases})
        return answer_key(r)
    from .errors import InputError

    try:
        return key(other) == key(result)
    except InputError:
        # The turned-round answer asks for what the action does not give (a
        # full debate's branch votes): it differs, so the presumption is used.
        return False


def notes(result: Result) -> list[str]:
    """Notes the encoder put on the rules that decided, e.g. 'requested, not required'."""
    if result.status == "silent" and result.value is None:
        return []
    return entry_notes(result.because)


def entry_notes(entries) -> list[str]:
    """Each rule's note, as 'clause: note', once."""
    out = []
    for e in entries:
        if e.rule.note and f"{e.clause.id}: {e.rule.note}" not in out:
            out.append(f"{e.clause.id}: {e.rule.note}")
    return out


# Off while a table is worked out: a table cell is shared by every subject in
# its cell, so the conditions as tested on one subject's values are not shown
# (table_out leaves them out), and formatting each rule for them is half the
# cost of an answer.
_CONDITIONS: ContextVar[bool] = ContextVar("conditions", default=True)


@contextmanager
def without_conditions():
    token = _CONDITIONS.set(False)
    try:
        yield
    finally:
        _CONDITIONS.reset(token)


def unsaid_in_part(cases) -> bool:
    """Cases with no reading of the text among them, each settled by it, left
    by it to a body, or not spoken of, and some not spoken of: the answer is
    "silent in part" (it takes its least certain part), not ambiguous, for
    the text itself is not (rounds 22, 23: LAW/SLL 4.f, 3.b.5).

    >>> from lla_constitution.model import CaseOut
    >>> unsaid_in_part([CaseOut(status="silent", when=["9 or fewer"]), CaseOut(answer="£20", status="determined", when=["10 or more"])])
    True
    """
    return bool(cases) and not any("reading:" in w for c in cases for w in c.when) and all(
        c.status in ("determined", "delegated", "silent") for c in cases) and any(
        c.status == "silent" for c in cases)


def to_answer(draft: str, question: str, result: Result, assumed=()) -> AnswerOut:
    assumed = used_presumptions(result, assumed)
    out = _to_answer(draft, question, result, assumed)
    if out.status == "ambiguous" and unsaid_in_part(out.answers):
        out.status = "silent"
    return out


def _to_answer(draft: str, question: str, result: Result, assumed) -> AnswerOut:
    return AnswerOut(
        draft=draft, question=question, status=result.status,
        answer=answer_value(result.value) if result.status == "determined" else None,
        up_to=up_to(result.value) if result.status == "determined" else None,
        answers=cases(result) if result.status == "ambiguous" else None,
        decided_by=result.decided_by, because=citations(result.because),
        conditions=conditions(result) if _CONDITIONS.get() else [], assumed=list(assumed),
        depends_on=result.depends_on if result.status == "ambiguous" else [],
        note=result.note, notes=notes(result), unmet=result.unmet)


# ---- text -----------------------------------------------------------------

def _shown(value) -> str:
    if value is None:
        return "(the text says nothing)"
    return str(value)


def _wrap(text: str, indent: str, width: int = 96) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width=width, initial_indent=indent, subsequent_indent=indent) or [indent]


QUOTE_MAX = 300  # characters of a clause quoted in text; --json gives it whole


def excerpt(text: str, quoted: list[str]) -> str:
    """A long clause cut to about QUOTE_MAX characters: its opening sentence
    and each sentence holding words a note quotes from it, joined by " … ",
    so that the words that decide are shown (round 46: CAC's motion was cut
    before "To call another conference"; round 47: one case's words must not
    push out another's, so the opening stays where there is room).

    >>> excerpt("A" * 500 + ". The OG may recall any officer at once.", ["recall any officer"])
    '...The OG may recall any officer at once.'
    >>> excerpt("We expect it. " + "B" * 300 + ". We welcome them. C.", ["we welcome"])
    'We expect it. … We welcome them. …'
    >>> len(excerpt("word " * 100, [])) <= 300
    True
    >>> excerpt("Made of: i. " + "D" * 300 + ". vi. Individual LLA members (as 1.0.f above), one vote.",
    ...         ["as 1.0.f above"]).endswith("Individual LLA members (as 1.0.f above), one vote.")
    True
    >>> excerpt("Made of: iv. Delegates " + "D" * 300 + ", v. Others, vi. Individual LLA members, one vote.",
    ...         ["Individual LLA members"])
    'Made of: … vi. Individual LLA members, one vote.'
    """
    if len(text) <= QUOTE_MAX:
        return text
    # Sentences, and a bullet's item, as (start, end) spans of the text.
    # A stop ends a sentence only before a space and a capital or an opening
    # mark, not in "1.0.f" or after a list's "vi." (round 48: Dulwich 2.1 was
    # cut at "(as 1.").
    # A list's label ("3.", "vi.", "c.") starts its item, and stays with it
    # (round 48 check: "1. … The substantive document" showed item 3 as 1).
    label = r"(?<=\s)(?:\d{1,2}|[ivx]{1,5}|[a-z])\.\s+(?=[A-Z“\"‘(\[])"
    ends = sorted({0, len(text)} | {m.start() for m in re.finditer(label, text)} | {
        m.end() for m in re.finditer(r"[.!?]+(?=\s+[A-Z“\"‘(\[])|(?=•)", text)
        if not re.search(r"(?:^|\s)(?:\d{1,2}|[ivx]{1,5}|[a-z])\.$", text[:m.end()])})
    spans = [(a, b) for a, b in zip(ends, ends[1:]) if text[a:b].strip(" •")]
    folded = text.lower()
    hits = sorted({i for q in quoted if (at := folded.find(" ".join(q.lower().split()))) >= 0
                   for i, (a, b) in enumerate(spans) if a <= at < b})
    if not hits or hits == [0]:
        return _cut(text, QUOTE_MAX)
    # A nested item's condition is its parent's, the item just before its
    # list starts, where that ends in a comma ("2. If the CAC motion is voted
    # down," then "1. Then the motions ..."): kept with it (round 48 check).
    # An earlier item of the same list is a sibling, not a parent (round 49:
    # Dulwich 2.1's "vi." was quoted with "iv.").
    parents = {p for i in hits if (p := _parent(text, spans, i)) is not None}
    hits = sorted(set(hits) | parents)
    cap = QUOTE_MAX * 3 // 2
    for chosen in (sorted({0, *hits}), hits, hits[:1]):
        said = ""
        for n, i in enumerate(chosen):
            piece = text[spans[i][0]:spans[i][1]].strip().lstrip("• ")
            if n:
                # Past a gap, " … "; next to the one before, a space, or " • "
                # after a bullet item, which has no stop of its own.
                adjacent = i == chosen[n - 1] + 1
                said += (" " if said[-1:] in ".!?:;," else " • ") if adjacent else " … "
            said += piece
        if len(said) <= cap or len(chosen) == 1:
            said = said if len(said) <= cap else _cut(said, cap)
            return ("..." if chosen[0] != 0 else "") + said + (" …" if chosen[-1] != len(spans) - 1 else "")
    return _cut(text, QUOTE_MAX)  # pragma: no cover - the loop always returns


def _cut(text: str, n: int) -> str:
    """`text` cut to at most `n` characters with "...", at a word's end
    where one is near (round 63: "which will have to discu...").

    >>> _cut("one two three four", 14)
    'one two...'
    """
    head = text[:n - 3]
    if len(text) > n - 3 and not text[n - 3].isspace():
        space = head.rfind(" ")
        if space >= len(head) - 30:
            head = head[:space]
    return head.rstrip(" ,;:") + "..."


def _label_values(piece: str) -> set[tuple[str, int]]:
    """The places a list item's label ("2.", "vi.", "c.") may hold, by
    series: "i." may be a roman one or a ninth letter.

    >>> sorted(_label_values("vi. Individual members"))
    [('roman', 6)]
    >>> sorted(_label_values("i. Local groups"))
    [('letter', 9), ('roman', 1)]
    """
    m = re.match(r"[\s•]*(\d{1,2}|[ivx]{1,5}|[a-z])\.\s", piece)
    if not m:
        return set()
    lab = m.group(1)
    if lab.isdigit():
        return {("digit", int(lab))}
    out = {("letter", ord(lab) - 96)} if len(lab) == 1 else set()
    if re.fullmatch(r"[ivx]+", lab):
        vals = [{"i": 1, "v": 5, "x": 10}[c] for c in lab]
        out.add(("roman", sum(-v if v < w else v for v, w in zip(vals, vals[1:] + [0]))))
    return out


def _parent(text: str, spans: list, i: int) -> int | None:
    """The item a nested list item `i` hangs from: walking back over the
    items of its own list to its first, the span before that, if it ends in a
    comma (a condition the list completes)."""
    piece = lambda k: text[spans[k][0]:spans[k][1]].strip()  # noqa: E731
    k = i
    # A list numbered "1." throughout (motion-outcome, as the source prints
    # it) is one list too.
    while k > 1 and any(s == t and (w == v + 1 or w == v == 1) for s, v in _label_values(piece(k - 1))
                        for t, w in _label_values(piece(k))):
        k -= 1
    if k < 1 or not any(v == 1 for _, v in _label_values(piece(k))):
        return None
    return k - 1 if piece(k - 1).endswith(",") and k - 1 > 0 else None


def _quoted(notes: list[str], clause: str) -> list[str]:
    """The words each note of `clause` quotes from it ('...'), longest part first
    of a quote cut with '...'."""
    out = []
    for n in notes:
        if n.startswith(f"{clause}: "):
            for q in re.findall(r"(?<!\w)'([^']{8,}?)'(?!\w)", n):
                out += sorted((p.strip() for p in q.split("...") if len(p.strip()) >= 8), key=len, reverse=True)
    return out


def _because_lines(because: list[Citation], indent: str, notes: list[str] = ()) -> list[str]:
    out = []
    for c in because:
        text = excerpt(c.text, _quoted(list(notes), c.clause))
        where = f"{c.draft} {c.clause}" if c.draft else c.clause
        out += _wrap(f"{where}: “{text}”", indent)
    return out


def _condition_lines(conds: list[Condition], indent: str) -> list[str]:
    out = []
    for c in conds:
        mark = {True: "✓", False: "✗", None: "?"}[c.holds]
        vals = ", ".join(f"{k}={fact_text(k, v)}" for k, v in c.values.items())
        reading = f"  [reading: {c.reading}]" if c.reading else ""
        out.append(f"{indent}{mark} {c.clause:<8} {c.rule}" + (f"   ({vals})" if vals else "") + reading)
    return out


def render_answer(a: AnswerOut, verbose: bool = False) -> str:
    lines = [f"{a.draft}: {a.status.replace('_', ' ')}"]
    if a.status == "determined" and a.answer is None and a.answers:
        lines[0] += ": it depends on " + ", ".join(a.depends_on)
    elif a.status == "determined":
        lines[0] += f": {count_said(a.answer, a.up_to)}"
    elif a.status == "delegated" and a.answers:
        lines[0] += " in part" + (f", to {a.decided_by}" if a.decided_by else "") + \
            ": it depends on " + ", ".join(a.depends_on)
    elif a.status == "delegated":
        lines[0] += f" to {a.decided_by}"
    elif a.status == "silent" and a.answers:
        # Some cases settled, the others not spoken of (LAW/SLL 4.f).
        lines[0] += " in part" + (": it depends on " + ", ".join(a.depends_on) if a.depends_on else "")
    if a.note:
        lines.append(f"  {a.note}")
    lines += [f"  {r}" for r in a.reasons]
    return "\n".join(lines + _details(a, a.status, "answers", "question", verbose))


def _details(out, status: str, what: str, asked: str, verbose: bool) -> list[str]:
    """What answers and verdicts share: notes, cases, citations, presumptions, conditions."""
    lines = [f"  note {n}" for n in out.notes] + [f"  not met: {u}" for u in out.unmet]
    if out.answers:
        lines.append(f"  possible {what}:" if status not in ("determined", "delegated", "silent")
                     else "  in each case:")
        for c in out.answers:
            shown = count_said(c.answer, getattr(c, "up_to", None)) if c.answer is not None else (
                f"delegated to {c.decided_by}" if c.status == "delegated" else c.status)
            when = "; or ".join(c.when) if c.when else "both clauses apply at once"
            lines.append(f"    {_shown(shown)}  when {when}")
            lines += _because_lines(c.because, "        ", out.notes)
        other = [c for c in out.because if c.draft]
        if other:  # another rulebook's clauses settled a fact all the cases share
            lines.append("  and, from another rulebook:")
            lines += _because_lines(other, "    ", out.notes)
    elif out.because:
        lines.append("  because:" if status != "silent" else "  nearest clauses:")
        lines += _because_lines(out.because, "    ", out.notes)
    if out.assumed:
        lines.append(f"  presumed (the {asked} does not say): " + ", ".join(out.assumed))
    if verbose and out.conditions:
        lines.append("  conditions checked:")
        lines += _condition_lines(out.conditions, "    ")
    return lines


def verdict_words(v: VerdictOut) -> str:
    """The verdict as the committee reads it: "silent in part" where its cases
    are settled for some and unsaid for the others, no reading involved (as
    `lla ask` says it); the JSON keeps `verdict: ambiguous` with those cases."""
    if v.verdict == "ambiguous" and unsaid_in_part(v.answers):
        return "silent in part"
    return v.verdict.replace("_", " ")


def render_verdict(v: VerdictOut, verbose: bool = False) -> str:
    head = f"{v.draft}: {v.action}: {verdict_words(v)}"
    if v.decided_by:
        head += f" (decided by {v.decided_by})"
    lines = [head] + [f"  {r}" for r in v.reasons]
    status = "silent" if verdict_words(v) == "silent in part" else v.verdict
    return "\n".join(lines + _details(v, status, "verdicts", "action", verbose))
