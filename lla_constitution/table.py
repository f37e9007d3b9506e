"""Answer one question for every group of a register, under each draft: `lla table`.

The question names the group as "each group"; each row asks it of one group
of the register, exactly as `lla ask --register` asks it by the group's name
(the same engine, :func:`ask.answer`), and each cell words the answer plainly.

>>> from lla_constitution.loader import load
>>> from lla_constitution.model import Group, Register
>>> reg = Register(groups=[Group(name="Leeds Left", kind="local_group", members=150, lla_supporters=150),
...                        Group(name="Big CLP", kind="clp", members=2000)])
>>> t = table("how many delegates may each group send to conference?", [load("dulwich")], reg)
>>> t.drafts, [(r.group.name, r.cells[0].text) for r in t.rows]
(['dulwich'], [('Leeds Left', '3'), ('Big CLP', 'ambiguous: 4 or 0')])
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from .ask import answer, check_body_known
from .compose import collapse, collapse_key
from .errors import InputError, QuestionError, fail
from .model import AnswerOut, Group, Person, Register
from .question import Question, parse_question
from .resolve import Book
from .source import Source

EACH = re.compile(r"\b(each|every)\s+group\b", re.IGNORECASE)
EACH_PERSON = re.compile(r"\b(each|every)\s+person\b", re.IGNORECASE)
EXAMPLE = "how many delegates may each group send to conference?"


@dataclass
class Cell:
    """One group's answer under one draft (one column)."""

    draft: str
    text: str  # in plain words: "2", "ambiguous: 2 or 3", "delegated to the Organising Group"
    status: str
    # More than one where a composite's options disagree on this group. Shared
    # by the groups in the same cell: each answer's `question` is the first
    # such group's (Row.question is each group's own).
    answers: list[AnswerOut]

    @property
    def clauses(self) -> list[str]:
        """The ids of the clauses the answer cites, in the order it cites them."""
        out: list[str] = []
        for a in self.answers:
            for c in [*a.because, *(b for case in a.answers or () for b in case.because)]:
                if c.clause not in out:
                    out.append(c.clause)
        return out


@dataclass
class Row:
    group: Group | None  # None in a table of people
    # The question as `lla ask --register` asks it of this group; of a
    # person, the question with the person's name in their place.
    question: str
    cells: list[Cell]
    person: Person | None = None

    @property
    def name(self) -> str:
        return ((self.person if self.group is None else self.group).name) or ""


@dataclass
class Table:
    question: str
    drafts: list[str]  # the column labels, as `lla ask` labels its answers
    rows: list[Row]
    subject: str = "group"  # what each row is: "group", or "person"


def table(text: str, books: list[Book], register: Register,
          indirect: dict[str, set[str]] | None = None) -> Table:
    """Ask `text` (with "each group" in the group's place, or "each
    person" in the person's) of every group or person."""
    drafts, found = rows(text, books, register, indirect)
    return Table(" ".join(text.split()), drafts, list(found), subject_of(text, register))


def subject_of(text: str, register: Register) -> str:
    """What the table's rows are: people for a question about "each person",
    or one asked of a register that lists people and no group."""
    if EACH_PERSON.search(text) and not EACH.search(text):
        return "person"
    return "person" if register.people and not register.groups and not EACH.search(text) else "group"


# Rows of answers kept for groups to share: a row is a few kilobytes, and a
# register has about as many distinct rows as the drafts have cells.
MAX_SHARED = 50_000

# The facts of a register's group that a question can turn on.
GROUP_FACTS = ("kind", "members", "lla_supporters", "fee_paid", "affiliated", "region_affiliated",
               "national_affiliated", "represented")


def rows(text: str, books: list[Book], register: Register,
         indirect: dict[str, set[str]] | None = None):
    """The batch engine: the column labels, and an iterator of one row per
    group, worked out as it is read, so that a register of any length streams.

    A draft's answer turns only on the cell the group's facts fall in (see
    decision_table.SubjectKey), not on its name or its exact size: each
    draft answers each cell once, and groups in that cell share the answer.
    A question it cannot read, or a register it cannot use, fails before the
    first row.

    >>> from lla_constitution.loader import load
    >>> reg = Register(groups=[Group(name=f"G{n}", kind="clp", members=n) for n in (150, 160, 600)])
    >>> drafts, found = rows("how many delegates may each group send to conference?", [load("dulwich")], reg)
    >>> [(r.group.name, r.cells[0].text) for r in found]
    [('G150', 'ambiguous: 3 or 0'), ('G160', 'ambiguous: 3 or 0'), ('G600', 'ambiguous: 4 or 0')]
    """
    from .decision_table import subject_key
    from .explain import without_conditions

    if subject_of(text, register) == "person":
        from .table_people import person_rows

        return person_rows(text, books, register, indirect)
    indirect = indirect or {}
    q = each_group_question(text, register)
    if q.body_words is not None:
        check_body_known(q, books)
    drafts = list(dict.fromkeys(collapse_key(b.id, indirect) for b in books))
    names = _names(books)
    keys = [subject_key(b, GROUP_FACTS, _reads(q)) for b in books]
    cache: dict[tuple, AnswerOut] = {}
    # Groups whose facts fall in the same cell of every draft share a whole
    # row of answers; only the group and the question's words are their own.
    shared: dict[tuple, list[Cell]] = {}
    texts: dict[int, str] = {}  # each cached answer's text, for collapse (kept alive by `cache`)

    def each():
        for group in register.groups:
            asked = EACH.sub(lambda _: _as_asked(group.name or ""), text, count=1)
            facts, assumed = group.facts()
            row_key = (tuple(assumed), *(key(facts) for key in keys))
            cells = shared.get(row_key)
            if cells is None:
                qg = dataclasses.replace(q, group=group, group_label=group.name, assumed=assumed)
                outs = []
                for i, b in enumerate(books):
                    k = (i, row_key[i + 1], row_key[0])
                    a = cache.get(k)
                    if a is None:
                        with without_conditions():  # a shared cell shows no one group's values
                            a = cache[k] = answer(qg, b)
                    outs.append(a)
                cells = row_cells(outs, drafts, names, indirect, texts)
                if len(shared) < MAX_SHARED:
                    shared[row_key] = cells
            yield Row(group, asked, cells)
    return drafts, each()


def _reads(q: Question) -> frozenset | None:
    """The topics `ask.answer` reads to answer `q`, where its code is plain:
    a group's fee reads the fee rules; its delegates, the delegates rules and
    the affiliation rules its presumption checks (presume.py). Any other
    question: None, every rule of the draft."""
    if q.form == "what_fee":
        return frozenset({"fee"})
    if q.form == "how_many":
        return frozenset({"delegates", "affiliate"})
    return None


def row_cells(outs: list[AnswerOut], drafts: list[str], names, indirect, memo: dict | None = None) -> list[Cell]:
    """One subject's answers under every book, as a cell per column (`memo`:
    see compose.collapse, for answers kept alive by the caller)."""
    outs = collapse(outs, indirect, memo)
    by_key: dict[str, list[AnswerOut]] = {}
    for a in outs:
        by_key.setdefault(collapse_key(a.draft, indirect), []).append(a)
    return [_cell(d, by_key[d], names) for d in drafts]


def each_group_question(text: str, register: Register) -> Question:
    """The question parsed with "each group" standing for a group of the register."""
    if subject_of(text, register) == "person":
        from .table_people import each_person_question

        return each_person_question(text, register)
    if not register.groups:
        fail(InputError, None, "the register holds no group", path="--register",
             help="this register lists people: ask about each person, e.g. 'may each person join?'"
             if register.people else "add a row for each group under the header")
    unnamed = next((i for i, g in enumerate(register.groups, 1) if not (g.name or "").strip()), None)
    if unnamed is not None:
        fail(InputError, None, f"group {unnamed} of the register has no name", path="--register",
             help="name every group: the table has a row for each, by its name")
    m = EACH.search(text)
    if m is None:
        q = parse_question(text, register)  # a malformed question is reported as `lla ask` reports it
        source = Source("question", text)
        if q.group is None:
            fail(QuestionError, source.span(0, len(text.split("?")[0]) or 1),
                 "this question asks about no group", expected=EXAMPLE,
                 help="lla table asks a question about a group for each group of the register; "
                      "write 'each group' where the group goes")
        where = _find(text, q.group_label or "")
        fail(QuestionError, source.span(*where), f"lla table asks about each group, not '{q.group_label}'",
             expected=EXAMPLE, help="write 'each group' in the group's place")
    # "each group" parses as a register name; a stand-in of that name lets the
    # question parse once, and each row puts its own group in its place.
    stand_in = Register(groups=[Group(name=m.group(0), kind="local_group")])
    q = parse_question(text, stand_in)
    if q.group is None or q.group_label != m.group(0):
        fail(QuestionError, Source("question", text).span(m.start(), m.end()),
             f"'{m.group(0)}' is not in the group's place of this question", expected=EXAMPLE,
             help="ask 'how many delegates may each group send to BODY?' or 'what fee does each group pay?'")
    return q


def _find(text: str, label: str) -> tuple[int, int]:
    """Where the group's words stand in the question (spacing may differ)."""
    pattern = r"\s+".join(re.escape(w) for w in label.split())
    m = re.search(pattern, text, re.IGNORECASE) if pattern else None
    return (m.start(), m.end()) if m else (0, max(1, len(text)))


def _as_asked(name: str) -> str:
    """The group's name as `lla ask` would be given it: quoted where the
    question's grammar would otherwise read a word of it as the question's."""
    plain = re.fullmatch(r"[A-Za-z0-9&'’\-\.]+(\s+[A-Za-z0-9&'’\-\.]+)*", name)
    if plain and not re.search(r"\b(send|pay|an?)\b", name, re.IGNORECASE):
        return name
    return f'"{name}"'


def _names(books: list[Book]) -> dict[str, dict[str, str]]:
    """Each draft's bodies by id, by the name the draft gives them (a
    composite's variants share their draft's names)."""
    return {b.id.partition("[")[0]: {body.id: body.name for body in b.ast.bodies} for b in books}


def _cell(draft: str, answers: list[AnswerOut], names) -> Cell:
    if len(answers) == 1:
        a = answers[0]
        return Cell(draft, words(a, names.get(a.draft.partition("[")[0], {})), a.status, answers)
    # A composite's options asked only indirectly disagree for this group:
    # the cell is ambiguous, each answer with the options it holds under.
    by_words: dict[str, list[str]] = {}
    for a in answers:
        picks = a.draft.partition("[")[2].rstrip("]")
        by_words.setdefault(words(a, names.get(a.draft.partition("[")[0], {})), []).append(picks)
    if len(by_words) == 1:
        # Every option gives the same answer (a note may differ, as a
        # presumption dropped under one): that answer, as certain as the
        # least certain of them, is the cell's (round 22).
        from .ask import least_certain

        return Cell(draft, next(iter(by_words)), least_certain(a.status for a in answers), answers)
    text = "ambiguous: " + " or ".join(f"{w.removeprefix('ambiguous: ')} (if {' or '.join(p)})"
                                       for w, p in by_words.items())
    return Cell(draft, text, "ambiguous", answers)


def words(a: AnswerOut, bodies: dict[str, str]) -> str:
    """An answer in plain words.

    >>> words(AnswerOut(draft="d", question="q", status="delegated", decided_by="og"), {"og": "Organising Group"})
    'delegated to the Organising Group'
    """
    from .explain import count_said
    from .words import line

    if a.status == "determined":
        return line(str(count_said(a.answer, a.up_to)), bodies)
    if a.status == "delegated":
        return f"delegated to {_body(a.decided_by, bodies)}"
    if a.status == "ambiguous" or (a.status == "silent" and a.answers):
        cases = []
        for c in a.answers or ():
            # A ratio in words, as `lla ask` has it ("1 per 3 LLA supporters"; round 28).
            shown = (line(str(count_said(c.answer, c.up_to)), bodies) if c.answer is not None else
                     f"delegated to {_body(c.decided_by, bodies)}" if c.status == "delegated"
                     else c.status.replace("_", " "))
            if shown not in cases:
                cases.append(shown)
        # Settled for some cases and unsaid for the others: "silent in part".
        return ("ambiguous: " if a.status == "ambiguous" else "silent in part: ") + " or ".join(cases)
    return a.status.replace("_", " ")


def _body(body_id: str | None, bodies: dict[str, str]) -> str:
    name = bodies.get(body_id or "", (body_id or "another body").replace("_", " "))
    return name if name.lower().startswith("the ") else f"the {name}"
