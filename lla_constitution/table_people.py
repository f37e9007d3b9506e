"""`lla table` for people: one question about "each person" of a register
that lists people (a membership list), under each draft.

"may each person join?" is, for each person, the question `lla ask` reads
as the action `lla check` judges (join, stand, vote, labour_membership,
sign_motion) with that person's facts, and each cell is that verdict: the
same engine (answer_acts.answer, which checks the action), including the
Labour NEC's proscriptions, which settle a person's Labour status from the
organisations they belong to and the date (labour.py).

A person's answer turns on their facts, never on their name; people with
the same facts share one answer per draft, worked out once, so a register
of 500,000 members costs as many checks as it has distinct kinds of member.

>>> from lla_constitution.loader import load
>>> from lla_constitution.model import Person, Register
>>> reg = Register(people=[Person(name="Sam", labour_status="member", lla_supporter=True),
...                        Person(name="Jo", labour_status="expelled", witch_hunt=False, lla_supporter=True)])
>>> drafts, found = person_rows("may each person join?", [load("dulwich")], reg)
>>> [(r.person.name, r.cells[0].text) for r in found]
[('Sam', 'yes'), ('Jo', 'no')]
"""
from __future__ import annotations

import dataclasses
import re

from .errors import InputError, LlaError, QuestionError, fail
from .model import AnswerOut, Person, Register
from .question import Question, parse_question
from .resolve import Book
from .source import Source

EXAMPLE = "may each person join?"
HELP = ("ask 'may each person join?', 'may each person be a Labour Party member?', "
        "'may each person vote on BODY?', 'may each person stand for BODY?' or "
        "'may each person sign a motion?'")
# Rows of answers kept for people to share (see table.MAX_SHARED).
MAX_SHARED = 50_000


def each_person_question(text: str, register: Register) -> Question:
    """The question parsed with "each person" standing for a person of the register."""
    from .question_acts import SORTS
    from .table import EACH_PERSON

    if not register.people:
        fail(InputError, None, "the register holds no person", path="--register",
             help="a register of people has a Name column and a column for their facts, such as "
                  "Labour status" + ("; this register lists groups: ask about each group"
                                     if register.groups else ""))
    unnamed = next((i for i, p in enumerate(register.people, 1) if not (p.name or "").strip()), None)
    if unnamed is not None:
        fail(InputError, None, f"person {unnamed} of the register has no name", path="--register",
             help="name every person: the table has a row for each, by their name")
    source = Source("question", text)
    m = EACH_PERSON.search(text)
    if m is None:
        parse_question(text)  # a malformed question is reported as `lla ask` reports it
        fail(QuestionError, source.span(0, len(text.split("?")[0]) or 1),
             "this question asks about no person of the register", expected=EXAMPLE,
             help="lla table asks a question about a person for each person of the register; "
                  "write 'each person' where the person goes")
    # "each person" is read as the words "a person", which say nothing of
    # the person, padded to the same length so that an error points at the
    # question as asked; each row then puts its own person in their place.
    stand_in = "a" + " " * (m.end() - m.start() - len("a person")) + " person"
    try:
        q = parse_question(text[:m.start()] + stand_in + text[m.end():])
    except LlaError as err:
        if err.span is not None:
            err.span = source.span(err.span.start, err.span.end)
        raise
    q.text, q.source = text, source
    action = q.action or {}
    if SORTS.get(action.get("action")) != "person" or action.get("person") != {} \
            or not _subject_is(q, m.start(), m.end()):
        fail(QuestionError, source.span(m.start(), m.end()),
             f"'{m.group(0)}' is not in the person's place of this question", expected=EXAMPLE,
             help=HELP + "; the register says what each person is")
    return q


def _subject_is(q: Question, start: int, end: int) -> bool:
    """Whether the question's subject is exactly the words 'each person'."""
    words = q.text[:start].split()
    return bool(words) and words[-1].lower() in ("may", "can", "could", "might", "is", "are")


def fact_key(p: Person) -> tuple:
    """A person's facts, the name aside: equal keys, equal answers under
    every draft (a person's name is for the report only)."""
    return (p.labour_status, p.witch_hunt, p.other_party, p.socialist_party, p.campaigns_against_labour,
            p.lla_supporter, p.proxy, p.co_opted, None if p.member_of is None else tuple(sorted(set(p.member_of))), p.date)


class PersonKey:
    """The cell of a person's facts under a question's books: equal keys,
    equal rows of answers (tests/test_people.py compares it with `lla check`
    person by person).

    Every fact of a person is kept as it is but the organisations they
    belong to, which are read only by comparison: by the Labour NEC's
    decision, after its names are turned into its ids (labour.org_ids), for
    the proscribed groups and the recorded votes on them; and by each book,
    at the organisations its rules name (decision_table.SubjectKey), after
    that book's names where the question is Labour membership (which
    `lla check` asks of the book's ids). So a member of Unite and one of
    UNISON share a cell; a member of Resist does not share it with either.
    A name a book would refuse as a slip for one of its own is kept whole.
    """

    def __init__(self, books: list[Book], topic: str):
        from .decision_table import subject_key
        from .labour import AUTHORITY
        from .loader import load

        self.nec = load(AUTHORITY)
        self.nec_ids = frozenset(b.id for b in self.nec.ast.bodies)
        self.books = books
        self.keys = [subject_key(b, ("member_of",)) for b in books]
        self.mapped = topic == "labour_membership"
        self.memo: dict[tuple, tuple] = {}

    def __call__(self, p: Person) -> tuple:
        orgs = p.member_of
        if orgs is not None:
            names = tuple(sorted(set(orgs)))
            orgs = self.memo.get(names)
            if orgs is None:
                orgs = self.memo[names] = self._orgs(names)
        # The party facts as the person's facts settle them from the parties
        # named (round 50 check: a Conservative and a Socialist Party member
        # shared a row, its answer whichever came first); so Labour status,
        # which the Labour Party named settles (round 54).
        facts = p.facts()
        return (facts.get("labour_status"), p.witch_hunt, facts.get("other_party"), facts.get("socialist_party"),
                p.campaigns_against_labour, p.lla_supporter, p.proxy, p.co_opted, p.date, orgs)

    def _orgs(self, names: tuple) -> tuple:
        from .labour import org_ids

        parts = []
        for book, key in zip(self.books, self.keys):
            if self.mapped:
                try:
                    ids = org_ids(book, names)
                except LlaError:
                    return ("as named", names)  # the answer quotes the name it refuses
                parts.append(key({"member_of": ids}))
            else:
                parts.append(key({"member_of": frozenset(names)}))
        return (bool(names), org_ids(self.nec, names) & self.nec_ids, tuple(parts))


def person_rows(text: str, books: list[Book], register: Register,
                indirect: dict[str, set[str]] | None = None, coarse: bool = True):
    """The batch engine for people: the column labels, and an iterator of one
    row per person, worked out as it is read. People with the same facts
    share their row of answers. A question it cannot read, or a register it
    cannot use, fails before the first row. `coarse`: people share a row
    by PersonKey; else only with the very same facts (fact_key)."""
    from .ask import answer, check_bodies_known
    from .compose import collapse_key
    from .table import EACH_PERSON, Row, _names, row_cells

    indirect = indirect or {}
    q = each_person_question(text, register)
    check_bodies_known(q, books)
    _check_organisations(register)
    drafts = list(dict.fromkeys(collapse_key(b.id, indirect) for b in books))
    names = _names(books)
    shared: dict[tuple, list] = {}
    key_of = PersonKey(books, q.action["action"]) if coarse else fact_key
    m = EACH_PERSON.search(text)
    before, after = text[:m.start()], text[m.end():]

    def cells_for(person: Person) -> list:
        doc = person.model_dump(exclude={"name"}, exclude_none=True, exclude_defaults=True)
        qp = dataclasses.replace(q, action={**q.action, "person": doc})
        outs: list[AnswerOut] = []
        for b in books:
            a = answer(qp, b)
            a.reasons = q.read_as + [r for r in a.reasons if r not in q.read_as]
            outs.append(a)
        return row_cells(outs, drafts, names, indirect)

    def each():
        for person in register.people:
            key = key_of(person)
            cells = shared.get(key)
            if cells is None:
                cells = cells_for(person)
                if len(shared) < MAX_SHARED:
                    shared[key] = cells
            yield Row(None, before + as_subject(person.name or "") + after, cells, person)
    return drafts, each()


# The words that end a subject in `may SUBJECT ACT` (grammar/question.lark, SWORD).
_ACT_WORDS = re.compile(r"(?i)^(join|affiliate|be|remain|stay|become|stand|vote|submit|put|send|table|"
                        r"propose|sign|call|recall|nominate|change|amend|have|allowed|entitled|able|"
                        r"eligible|permitted|enough)$")


def as_subject(name: str) -> str:
    """A person's name as `lla ask` reads it in `may NAME ...`: quoted where a
    word of it would be read as the question's own (round 28: "Vote Leave").

    >>> as_subject("Sam Smith"), as_subject("Vote Leave")
    ('Sam Smith', '"Vote Leave"')
    """
    import json

    words = name.split()
    if words and not any(_ACT_WORDS.match(w) or "?" in w or '"' in w for w in words):
        return name
    return json.dumps(name, ensure_ascii=False)


def _check_organisations(register: Register) -> None:
    """Every organisation a person belongs to, read as `lla check` reads it,
    before the first row: a name close to a proscribed group's is refused
    (labour.org_ids), with the first person it is given for."""
    seen: set[tuple] = set()
    for i, p in enumerate(register.people, 1):
        if not p.member_of:
            continue
        orgs = tuple(p.member_of)
        if orgs in seen:
            continue
        seen.add(orgs)
        from .labour import AUTHORITY, org_ids
        from .loader import load

        try:
            org_ids(load(AUTHORITY), orgs)
        except LlaError as err:
            fail(InputError, None, f"person {i} of the register ({p.name}): {err.message}",
                 path="--register", expected=err.expected, help=err.help)
