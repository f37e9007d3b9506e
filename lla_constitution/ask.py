"""Answer `lla ask` questions against one or more drafts.

>>> from lla_constitution.loader import load
>>> [a.answer for a in ask("how many delegates may a local group with 150 members "
...                        "and 150 LLA supporters send to conference?", [load("dulwich")])]
[3]
"""
from __future__ import annotations

from . import ast as A
from .words import no_body
from .errors import QuestionError, did_you_mean, fail
from .evaluate import evaluate
from .explain import answer_key, answer_value, citations, to_answer, up_to
from .model import AnswerOut, CaseOut, Register
from .question import Question, parse_question
from .resolve import Book
from .model import PRESUMED
from .presume import cite_dropped, presume
from .vocab import KINDS


def body_names(book: Book) -> dict[str, str]:
    """Every way a person may name each body of a draft, lower-cased."""
    return book.ast.body_names()


def find_body(book: Book, words: str) -> str | None:
    return book.ast.find_body(words)


def known_body(name: str, books: list[Book]) -> bool:
    """A body some draft has: asked of a draft without it, the answer is
    'not applicable'; a body no draft has at all is a typo."""
    from .loader import bundled_ids, load

    return any(find_body(b, name) for b in books) or any(
        find_body(load(rid), name) for rid in bundled_ids())


def check_body_known(q: Question, books: list[Book]):
    """A body no draft at all has is a typo: a located error, not an answer."""
    if known_body(q.body_words, books):
        return
    known = sorted({n for b in books for n in body_names(b) if "_" not in n})
    _not_a_kind(q.body_words, q.body_span, known)
    fail(QuestionError, q.body_span, f"no draft asked has a body called '{q.body_words}'",
         expected="one of " + ", ".join(known),
         help=did_you_mean(q.body_words.lower().removeprefix("the "), known))


def _not_a_kind(words: str, span, known: list[str]) -> None:
    """A kind of group where a body is asked for ("how often must a trade
    union branch meet?") is told so, not "did you mean 'branch'?", which
    names another thing (round 64; round 63 did the subject only)."""
    from .question import group_in
    from .question_acts import fail_kind_as_body, names_a_kind

    def parser(at, quiet):
        return group_in(at, None, quiet=quiet)

    if span is not None and names_a_kind(words, span, parser):
        fail_kind_as_body(words, span, "asks about a body of the draft", "one of " + ", ".join(known))


def ask(text: str, books: list[Book], register: Register | None = None) -> list[AnswerOut]:
    return ask_parsed(parse_question(text, register), books, register)


def ask_parsed(q: Question, books: list[Book], register: Register | None = None) -> list[AnswerOut]:
    """ask() of a question already parsed (the witnesses of `lla diff` parse each once)."""
    check_bodies_known(q, books)
    from .question_acts import groups_read_as

    out = [answer(q, book, register) for book in books]
    for a, book in zip(out, books):
        said = [groups_read_as(r, book) for r in q.read_as if _bears(r, a)]
        a.reasons = said + [r for r in a.reasons if r not in said]
    return out


def _bears(read_as: str, a: AnswerOut) -> bool:
    """Whether how a word was read bears on this answer: "another motion"
    (read as on the same heading) only where a rule read the motions already
    sent (round 29: it was said of motions to the steering committee, which
    have no headings, and of drafts with no such body)."""
    if not read_as.startswith("'another "):
        return True
    return any(f in c.values for c in a.conditions
               for f in ("previous_motions", "previous_amendments", "motions_sent", "amendments_sent"))


def check_bodies_known(q: Question, books: list[Book]):
    """Every body the question names must be some draft's: else it is a typo."""
    if q.body_words is not None:
        check_body_known(q, books)
    fields = {**(q.action or {}), **q.act_fields}
    for key in ("body", "by", "against"):
        words = fields.get(key)
        if isinstance(words, str) and not known_body(words, books):
            at = q.text.find(words)
            span = q.source.span(at, at + len(words)) if at >= 0 else None
            known = sorted({n for b in books for n in body_names(b) if "_" not in n})
            _not_a_kind(words, span, known)
            fail(QuestionError, span, f"no draft asked has a body called '{words}'",
                 expected="one of " + ", ".join(known),
                 help=did_you_mean(words.lower().removeprefix("the "), known))


def answer(q: Question, book: Book, register: Register | None = None) -> AnswerOut:
    if q.officers_of:
        return _officers_answer(q, book, register)
    question = " ".join(q.text.split())
    if q.form not in ("how_many", "what_fee", "who_may", "how_often", "what_quorum"):
        from .answer_acts import answer as answer_act

        return answer_act(q, book, register)
    if q.form == "who_may":
        return who_may(q, book)
    if q.form in ("how_often", "what_quorum"):
        body = find_body(book, q.body_words)
        result = evaluate(book, q.topic, body or q.body_words, {})
        if body is None:
            result.note = no_body(book.id, q.body_words)
        return to_answer(book.id, question, result, [])
    from .decision_table import table_for  # evaluate(), each cell worked out once

    facts, _ = q.group.facts()
    if q.form == "what_fee":
        facts.pop("affiliated", None)  # the fee is owed whether or not it is paid yet
        result = table_for(book, "fee", None).evaluate(facts)
        # Presumed, not asked (a branch's national body not affiliated): shown
        # wherever a rule turned on it, as for delegates.
        return to_answer(book.id, question, result, [a for a in q.assumed if a != "affiliated"])
    body = find_body(book, q.body_words)
    assumed = list(q.assumed)
    dropped = presume(book, facts, assumed)
    result = table_for(book, "delegates", body or q.body_words).evaluate(facts)
    if body is None:
        result.note = no_body(book.id, q.body_words)
    out = to_answer(book.id, question, result, assumed)
    if dropped is not None and facts.get("affiliated") is False:
        # Said only where the answer rests on it: the same answer for an
        # affiliated group is none (round 61: CAC 3.2 E's LLA branch).
        other = table_for(book, "delegates", body or q.body_words).evaluate({**facts, "affiliated": True})
        if answer_key(other) == answer_key(result):
            dropped = None
    cite_dropped(out, dropped)
    return out


def who_may(q: Question, book: Book) -> AnswerOut:
    """Every kind of group, with whether and when it may send delegates."""
    question = " ".join(q.text.split())
    body = find_body(book, q.body_words)
    if body is None:
        return AnswerOut(draft=book.id, question=question, status="not_applicable",
                         note=no_body(book.id, q.body_words))
    from .explain import used_presumptions

    rows, because, statuses = [], [], []
    plain: list[str] = []  # each kind's answer as the engine gives it (statuses: as each row says it)
    named = mentioned_kinds(book)
    left_out = []
    used: list[str] = []  # the presumptions some row's rules looked at
    for kind in KINDS.values():
        facts, assumed = {"kind": kind.name, **PRESUMED}, list(PRESUMED)
        presume(book, facts, assumed)  # e.g. a kind the draft never lets affiliate
        result = evaluate(book, "delegates", body, facts)
        # The row's own presumptions, after presume() (round 57: an
        # affiliation dropped for every row was still said to be presumed).
        used += [p for p in used_presumptions(result, assumed) if p not in used]
        if kind.name not in named and result.status == "silent":
            # No rule names the kind and none answers for it: one line, not a row.
            left_out.append(kind.label)
            continue
        for e in result.because:
            if e not in because:
                because.append(e)
        if result.status == "ambiguous":
            may = any(isinstance(c.value, A.Count) and c.value.n > 0 for c in result.cases)
            unclear = any(not isinstance(c.value, A.Count) for c in result.cases)
            cases_ = [CaseOut(answer=answer_value(c.value), status=c.status, when=c.when,
                              up_to=up_to(c.value),
                              decided_by=getattr(c.value, "body", None),
                              because=citations(c.because)).model_dump() for c in result.cases]
            depends = [d for d in result.depends_on]
            if any(c.when and "reading" in " ".join(c.when) for c in result.cases):
                depends.append("how vague clauses are read")
            from .explain import cases as case_outs, unsaid_in_part

            rows.append({"kind": kind.name, "label": kind.label,
                         "may_send": "depends" if may else ("unclear" if unclear else "no"),
                         # As answer_acts' who-may rows (round 23): with no reading among
                         # the cases, each settled by the text, the row is determined (it
                         # depends on the facts named); settled or unsaid, silent in part.
                         "status": _row_status(case_outs(result)),
                         "depends_on": depends, "answers": cases_})
        else:
            n = result.value.n if isinstance(result.value, A.Count) else None
            rows.append({"kind": kind.name, "label": kind.label,
                         "may_send": {None: result.status, 0: "no"}.get(n, "yes"),
                         "answer": n, "status": result.status,
                         **({"up_to": True} if up_to(result.value) else {}),
                         "decided_by": result.decided_by,
                         "because": [c.model_dump() for c in citations(result.because)]})
        statuses.append(rows[-1]["status"])
        plain.append(result.status)
    if set(plain) == {"delegated"}:
        first = evaluate(book, "delegates", body, {"kind": "local_group", **PRESUMED})
        return AnswerOut(draft=book.id, question=question, status="delegated",
                         decided_by=first.decided_by, because=citations(first.because),
                         answer=None)
    if set(plain) <= {"silent"}:
        # Silent for every kind: with the clause that leaves it unsaid, where
        # one does (round 58: London 3.1's "whether groups also send anyone
        # to it is not said" became "london says nothing").
        if because:
            from .explain import entry_notes

            cited = sorted(because, key=lambda e: e.order)
            return AnswerOut(draft=book.id, question=question, status="silent",
                             because=citations(cited),
                             notes=entry_notes(cited))
        return AnswerOut(draft=book.id, question=question, status="silent",
                         note=f"{book.id} says nothing on who sends delegates to {body}")
    note = None
    if left_out:
        note = f"no rule of {book.id} answers for: " + "; ".join(left_out)
    return AnswerOut(draft=book.id, question=question, status=least_certain(statuses),
                     answer=rows, note=note,
                     because=citations(sorted(because, key=lambda e: e.order)),
                     assumed=[p for p in (f"{k} = {str(v).lower()}" for k, v in PRESUMED.items())
                              if p in used])


def _row_status(cases) -> str:
    from .explain import unsaid_in_part

    if not any("reading:" in w for c in cases for w in c.when) and all(c.status == "determined" for c in cases):
        return "determined"
    return "silent" if unsaid_in_part(cases) else "ambiguous"


# From the most to the least certain: a table or a set of options is only as
# certain as its least certain part, and its exit code follows.
CERTAINTY = ("determined", "delegated", "not_applicable", "silent", "ambiguous")


def least_certain(statuses) -> str:
    """The least certain of several statuses.

    >>> least_certain(["determined", "silent", "delegated"])
    'silent'
    """
    return max(statuses, key=CERTAINTY.index, default="silent")


def mentioned_kinds(book: Book) -> set[str]:
    """The kinds of subject some rule of the draft names, in any topic.

    >>> from lla_constitution.loader import load
    >>> "local_group" in mentioned_kinds(load("merseyside")), "local_group" in mentioned_kinds(load("dulwich"))
    (False, True)
    """
    from .evaluate import _constants

    found: set = set()
    for entries in book.by_topic.values():
        for e in entries:
            _constants(e.rule.cond, "kind", found)
    return found


def _officers_answer(q: Question, book: Book, register: Register | None) -> AnswerOut:
    """"An officer of the OG", read by this draft: one of the body of the
    OG's officers where the draft names one ("officers of the OG": London,
    Dulwich, the CAC's steering group), else a member of the OG, and said
    which (round 46)."""
    import dataclasses

    words = q.officers_of
    officers = book.ast.find_body(f"officers of {words}")
    said = f"an officer of {words}"
    if officers is not None:
        name = book.ast.body(officers).name
        body, note = name, f"'{said}' is read as a member of {'' if name.startswith('the ') else 'the '}{name}"
    elif book.ast.find_body(words) is not None:
        # Its officers sit on it and form no body of their own (round 66:
        # "names no officers of it" read as if LAW/SLL 4.a listed no posts).
        body, note = words, (f"'{said}' is read as a member of {words}: {book.id.partition('[')[0]} "
                             f"sets up no body of its officers apart from it")
    else:
        body, note = words, None  # the draft has no such body: the answer says so
    swap = (lambda f: {**f, "body": body} if f and f.get("body") == words else f)
    a = answer(dataclasses.replace(q, officers_of=None, action=swap(q.action), act_fields=swap(q.act_fields)),
               book, register)
    if note:
        a.reasons = [note] + [r for r in a.reasons if r != note]
    return a

