"""Registers of people and `lla table` about "each person" (issue 14).

Data first: tests/table/bad-csv.yaml holds bad sheets of people with the
exact located error each gives (run by test_table.py). Then: every cell is
the verdict `lla check` gives for that person's action under that draft,
status and cited clauses; the cell a person shares with others
(table_people.PersonKey) gives, person by person, what their own facts
give, on a generated membership list and as a hypothesis property; the
output formats; and the errors of a question not about each person.
"""
from __future__ import annotations

import csv
import importlib.util
import io
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lla_constitution import register_csv
from lla_constitution.actions import check
from lla_constitution.cli import _books_indirect
from lla_constitution.compose import collapse_key
from lla_constitution.model import ACTIONS, Person, Register
from lla_constitution.source import Source
from lla_constitution.table import table
from lla_constitution.table_out import row_data, stream, to_csv, to_data
from lla_constitution.table_people import each_person_question, person_rows

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ["may each person join?", "may each person be a Labour Party member?",
             "may each person vote at conference?", "may each person stand for the organising group?",
             "may each person sign a motion?"]
SHEET = """\
Name,Labour status,Witch-hunt,Other party,LLA supporter,Member of,Date
Sam Smith,member,,,yes,,2021-08-01
Jo Bloggs,Labour member,,,yes,Socialist Appeal,2021-08-01
"Khan, Priya",suspended,yes,,yes,none,2021-08-01
Bea Lee,expelled,yes,,,Resist; Unite,01/08/2021
Cy Doe,not a member,,yes,,Unite,
Dev Ali,member,,,,Labour In Exile Network,
"""


def _bench():
    spec = importlib.util.spec_from_file_location("bench_people", ROOT / "benchmarks" / "people.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _books(question: str, register: Register):
    q = each_person_question(question, register)
    return _books_indirect((), (), (), {q.asks()})


def _people(text: str) -> Register:
    return register_csv.parse(Source("p.csv", text))


# ---- reading a sheet of people ----------------------------------------------------

def test_a_sheet_of_people_reads_each_cell_as_a_person_fact():
    reg = _people(SHEET)
    assert reg.groups == []
    sam, jo, priya, bea, cy, dev = reg.people
    assert (sam.name, sam.labour_status, sam.lla_supporter, sam.member_of, sam.date) == \
        ("Sam Smith", "member", True, None, date(2021, 8, 1))
    assert (priya.name, priya.witch_hunt, priya.member_of) == ("Khan, Priya", True, [])
    assert (bea.member_of, bea.date) == (["Resist", "Unite"], date(2021, 8, 1))
    assert (cy.labour_status, cy.other_party, cy.date) == ("non_member", True, None)


def test_a_yaml_register_lists_people(lla):
    files = {"r.yaml": "people:\n  - {name: Sam, labour_status: member, lla_supporter: true}\n"
                       "  - {name: Jo, labour_status: expelled, member_of: [Resist], date: 2021-08-01}\n"}
    r = lla("table", "--json", "--register", "r.yaml", "--draft", "dulwich", "may each person join?", files=files)
    assert [row["person"] for row in r.json()["rows"]] == ["Sam", "Jo"]
    assert r.json()["rows"][0]["answers"][0]["verdict"] == "allowed"


def test_names_may_repeat_in_a_membership_list():
    reg = _people("Name,Labour status\nSam Smith,member\nSam Smith,expelled\n")
    assert [p.labour_status for p in reg.people] == ["member", "expelled"]


# ---- each cell is lla check's verdict -----------------------------------------------

def _verdicts(question: str, person: Person, books) -> dict:
    q = each_person_question(question, Register(people=[person]))
    doc = {**q.action, "person": person.model_dump(exclude={"name"}, exclude_none=True)}
    return {b.id: check(b, ACTIONS[doc["action"]].model_validate(doc)) for b in books}


@pytest.mark.parametrize("question", QUESTIONS)
def test_each_cell_is_the_verdict_lla_check_gives(question):
    reg = _people(SHEET)
    extra = _people(_bench().make(60, seed=7)).people
    reg.people += extra
    books, indirect = _books(question, reg)
    t = table(question, books, reg, indirect)
    assert t.subject == "person" and len(t.rows) == len(reg.people)
    for row in t.rows:
        verdicts = _verdicts(question, row.person, books)
        for col, cell in zip(t.drafts, row.cells):
            mine = [b for b in books if collapse_key(b.id, indirect) == col]
            for a in cell.answers:
                # One answer for the column: every book of it gives it; else each its own.
                for b in (mine if len(cell.answers) == 1 else [b for b in mine if b.id == a.draft]):
                    v = verdicts[b.id]
                    assert (a.verdict, [c.clause for c in a.because]) == \
                        (v.verdict, [c.clause for c in v.because]), (row.person, b.id)
                    assert [(c.answer, c.status) for c in a.answers or []] == \
                        [({"allowed": "yes", "forbidden": "no"}.get(c.answer, c.answer), c.status)
                         for c in v.answers or []]


def test_the_nec_decision_settles_a_members_status():
    reg = _people(SHEET)
    books, indirect = _books("may each person join?", reg)
    t = table("may each person join?", [b for b in books if b.id == "dulwich"], reg, indirect)
    jo = t.rows[1].cells[0]
    assert jo.status == "ambiguous" and "ban.auto_exclusion" in jo.clauses  # faces expulsion after 2021-07-20


# ---- sharing a cell is safe --------------------------------------------------------------

def _same_rows(question: str, people: list[Person]):
    """The table as shared by PersonKey, row by row, against each person
    answered alone with their own facts."""
    reg = Register(people=people)
    books, indirect = _books(question, reg)
    _, shared = person_rows(question, books, reg, indirect)
    for row in shared:
        _, alone = person_rows(question, books, Register(people=[row.person]), indirect, coarse=False)
        assert row_data(row) == row_data(next(alone)), row.person


@pytest.mark.parametrize("question", QUESTIONS[:3])
def test_a_generated_membership_list_shares_cells_safely(question):
    people = _people(_bench().make(400, seed=11)).people
    _same_rows(question, people)


ORGS = ["Socialist Appeal", "Resist", "Labour Against the Witch-hunt", "Labour In Exile Network", "Unite",
        "UNISON", "Momentum", "conference", "Organising Groups", "the organising group"]
DAYS = [None, date(2021, 7, 19), date(2021, 7, 20), date(2021, 7, 21), date(2021, 8, 1)]


def _people_st(other_party, member_of):
    return st.builds(
        Person, name=st.just("P"),
        labour_status=st.sampled_from([None, "member", "suspended", "expelled", "non_member"]),
        witch_hunt=st.sampled_from([None, True, False]), other_party=other_party,
        campaigns_against_labour=st.sampled_from([None, True]), lla_supporter=st.sampled_from([None, True, False]),
        proxy=st.booleans(), co_opted=st.booleans(), member_of=member_of, date=st.sampled_from(DAYS))


# "member_of: []" (none) and "in another party" cannot both be so: a Person
# refuses it (round 51 check), so [] comes only with other_party unknown or false.
people_st = st.one_of(
    _people_st(st.sampled_from([None, True, False]),
               st.one_of(st.none(), st.lists(st.sampled_from(ORGS), min_size=1, max_size=3))),
    _people_st(st.sampled_from([None, False]), st.just([])))


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(question=st.sampled_from(QUESTIONS), people=st.lists(people_st, min_size=1, max_size=6))
def test_property_a_shared_cell_is_each_persons_own_answer(question, people):
    _same_rows(question, people)


# ---- output: one CLI test per format ---------------------------------------------------

def _run(lla, fmt: str, question: str = "may each person join?"):
    return lla("table", "--format", fmt, "--register", "p.csv", "--draft", "dulwich", "--draft", "law-sll",
               question, files={"p.csv": SHEET})


def test_text(lla):
    r = _run(lla, "text")
    assert r.code == 3
    lines = r.out.splitlines()
    assert lines[0] == "Q: may each person join?"
    assert lines[1].split() == ["person", "dulwich"]  # long answers: a block of columns at a time
    assert lines[3].split() == ["Sam", "Smith", "yes"]
    assert ["person", "law-sll"] in [line.split() for line in lines]


def test_csv(lla):
    r = _run(lla, "csv")
    rows = list(csv.reader(io.StringIO(r.out)))
    assert rows[0] == ["person", "dulwich", "dulwich status", "dulwich clauses", "dulwich presumed",
                       "law-sll", "law-sll status", "law-sll clauses", "law-sll presumed"]
    assert [row[0] for row in rows[1:]] == ["Sam Smith", "Jo Bloggs", "Khan, Priya", "Bea Lee", "Cy Doe", "Dev Ali"]
    assert rows[1][1:3] == ["yes", "determined"]
    # Streamed row by row, it is the table the other formats show.
    reg = _people(SHEET)
    from lla_constitution.loader import load

    books = [load("dulwich"), load("law-sll")]
    assert r.out == to_csv(table("may each person join?", books, reg))


def test_json(lla):
    r = _run(lla, "json", "may each person vote at conference?")
    data = r.json()
    assert data["drafts"] == ["dulwich", "law-sll"]
    first = data["rows"][0]
    assert first["person"] == "Sam Smith" and first["question"] == "may Sam Smith vote at conference?"
    assert {"draft", "text", "status", "clauses", "verdict"} <= set(first["answers"][0])


def test_jsonl(lla):
    lines = _run(lla, "jsonl").out.splitlines()
    whole = _run(lla, "json").json()
    assert [json.loads(line) for line in lines] == whole["rows"]


def test_markdown(lla):
    r = _run(lla, "markdown")
    assert r.out.splitlines()[:3] == ["**may each person join?**", "", "| person | dulwich | law-sll |"]
    assert r.out.splitlines()[4].startswith("| Sam Smith | yes |")


def test_stream_shares_the_written_cells_and_says_every_status():
    reg = _people(SHEET * 1 + "".join(f"Extra {i},member,,,,,2021-08-01\n" for i in range(5)))
    from lla_constitution.loader import load

    books = [load("dulwich")]
    out: list[str] = []
    drafts, found = person_rows("may each person join?", books, reg)
    statuses = stream(drafts, found, "jsonl", out.append, "person")
    assert [json.loads(x) for x in out] == to_data(table("may each person join?", books, reg))["rows"]
    assert set(statuses) == {"determined", "ambiguous", "delegated"}


# ---- questions not about each person -----------------------------------------------------

ERRORS = [
    ("may a suspended Labour member join?", """\
question:1:1: error: this question asks about no person of the register
    1 | may a suspended Labour member join?
      | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  expected: may each person join?
  help: lla table asks a question about a person for each person of the register; write 'each person' where the person goes
"""),
    ("may each person who is suspended join?", """\
question:1:5: error: 'each person' is not in the person's place of this question
    1 | may each person who is suspended join?
      |     ^^^^^^^^^^^
  expected: may each person join?
  help: ask 'may each person join?', 'may each person be a Labour Party member?', 'may each person vote on BODY?', 'may each person stand for BODY?' or 'may each person sign a motion?'; the register says what each person is
"""),
    ("may each person stand for the organisng group?", None),
    ("how many delegates may each group send to conference?", """\
--register: error: the register holds no group
  help: this register lists people: ask about each person, e.g. 'may each person join?'
"""),
]


@pytest.mark.parametrize("question,error", ERRORS)
def test_a_question_not_about_each_person(lla, question, error):
    r = lla("table", "--register", "p.csv", "--draft", "dulwich", question, files={"p.csv": SHEET})
    assert r.code == 2 and r.out == ""
    if error is None:  # a body no draft has: the located error `lla ask` gives
        assert r.err.startswith("question:1:27: error: no draft asked has a body called 'the organisng group'")
    else:
        assert r.err == error


def test_each_person_of_a_register_of_groups(lla):
    r = lla("table", "--register", "g.csv", "--draft", "dulwich", "may each person join?",
            files={"g.csv": "Name,Kind\nLeeds Left,local group\n"})
    assert (r.code, r.err) == (2, "--register: error: the register holds no person\n  help: a register of people "
                                  "has a Name column and a column for their facts, such as Labour status; "
                                  "this register lists groups: ask about each group\n")


def test_a_misspelt_proscribed_group_in_a_yaml_register(lla):
    files = {"r.yaml": "people:\n  - {name: Sam, labour_status: member}\n"
                       "  - {name: Jo, labour_status: member, member_of: [Labour Against the Witch Hunt]}\n"}
    r = lla("table", "--register", "r.yaml", "--draft", "dulwich", "may each person join?", files=files)
    assert r.code == 2
    # At its line (round 30), as a CSV register's cell is.
    assert r.err.startswith("r.yaml:3:51: error: member_of: 'Labour Against "
                            "the Witch Hunt' is not a name labour-nec-2021 knows\n")
    assert "did you mean 'Labour Against the Witch-hunt'?" in r.err


def test_the_benchmark_register_loads_and_reads_back():
    text = _bench().make(200, seed=3)
    reg = _people(text)
    assert len(reg.people) == 200
    assert sum(1 for p in reg.people if p.labour_status == "member") > 150


def test_the_docs_list_the_person_header_words():
    """The table of a person's header words in the CLI docs is the reader's own."""
    from conftest import documented_header_words

    shown = documented_header_words("## Registers of people")
    assert shown == {f: list(words) for f, words in register_csv.PERSON_WORDS.items()}


def test_an_organisation_no_rule_reads_is_taken_as_given(lla):
    # Round 23: a name near one of the draft's own bodies was refused "as the
    # NEC gives it" under launch-2020 and Merseyside, and a table cell said
    # "ambiguous: " with a vote-count reason; no rule of theirs reads it.
    people = "Name,Labour status,Member of\nR7,member,Organising Groups\nR5,member,Jewish Voice for Labor\n"
    for draft in ("merseyside", "launch-2020"):
        r = lla("table", "--register", "p.csv", "--draft", draft, "--format", "csv",
                "may each person be a Labour Party member?", files={"p.csv": people})
        rows = r.out.splitlines()[1:]
        assert all(row.split(",")[1] == "silent" for row in rows), r.out


@pytest.mark.parametrize("first", [0, 1])
def test_people_whose_named_parties_differ_do_not_share_a_row(lla, first):
    """Round 50 check: the party facts a named party settles are part of a
    person's cell, so the answers do not depend on which row comes first."""
    rows = ["Tory,not a member,the Conservative Party", "Trot,not a member,the Socialist Party"]
    rows = rows if first == 0 else rows[::-1]
    files = {"p.csv": "Name,Labour status,Member of\n" + "\n".join(rows) + "\n"}
    r = lla("table", "--json", "--register", "p.csv", "--draft", "tees", "may each person join?", files=files)
    got = {row["person"]: row["answers"][0]["status"] for row in r.json()["rows"]}
    assert got == {"Tory": "ambiguous", "Trot": "determined"}


def test_a_party_clash_in_a_row_is_reported_at_its_cell(lla):
    files = {"p.csv": "Name,Labour status,Other party,Member of\nB,not a member,no,the Green Party\n"}
    r = lla("table", "--register", "p.csv", "--draft", "tees", "may each person join?", files=files)
    assert r.code == 2
    assert r.err.startswith("p.csv:2:19: error: impossible row: member_of: 'the Green Party' is a party")


@pytest.mark.parametrize("cell,message", [
    (";", "';' names no organisation"),
    ("none; Unite", "'none; Unite' gives 'none' beside organisations"),
])
def test_a_member_of_cell_that_names_no_organisation_is_refused_at_its_cell(lla, cell, message):
    files = {"p.csv": f"Name,Labour status,Member of\nA,member,{cell}\n"}
    r = lla("table", "--register", "p.csv", "--draft", "tees", "may each person join?", files=files)
    assert r.code == 2 and r.err.startswith(f"p.csv:2:10: error: {message}")


def test_none_with_a_socialist_party_is_refused_at_the_member_of_cell(lla):
    """Round 51 check: 'none' overrode socialist_party: yes, and the clash was
    reported without a place."""
    files = {"p.csv": "Name,Labour status,Socialist party,Member of\nAl,not a member,yes,none\n"}
    r = lla("table", "--register", "p.csv", "--draft", "tees", "may each person join?", files=files)
    assert r.code == 2
    assert r.err.startswith("p.csv:2:21: error: impossible row: member_of: none, but the person is in another party")


# ---- member_of read whole (round 54) ----------------------------------------------------

def _check(lla, person: str, draft: str = "tees"):
    return lla("check", "--draft", draft, "a.yaml", files={"a.yaml": f"action: join\nperson: {person}\n"})


@pytest.mark.parametrize("orgs", ["[Unite]", "[Unite, GMB, Momentum]", "[Unite the Union, the GMB union]"])
def test_a_member_of_only_unions_and_known_groups_is_in_no_other_party(lla, orgs):
    """Round 54: [] settled "in another party" (no), a list of unions left it open."""
    none = _check(lla, "{labour_status: member, witch_hunt: false, member_of: []}")
    got = _check(lla, f"{{labour_status: member, witch_hunt: false, member_of: {orgs}}}")
    assert (got.code, got.out) == (none.code, none.out) and "ambiguous" not in got.out


def test_a_name_not_known_either_way_leaves_another_party_open(lla):
    r = _check(lla, "{labour_status: member, witch_hunt: false, member_of: [Unite, Alba]}")
    assert r.out.startswith("tees: join: ambiguous") and "when in a socialist party" in r.out


def test_the_labour_party_in_member_of_is_labour_membership(lla):
    member = _check(lla, "{labour_status: member, witch_hunt: false, member_of: []}")
    for orgs in ("[Labour Party]", "[the UK Labour Party, Unite]", "[labour]"):
        assert _check(lla, f"{{witch_hunt: false, member_of: {orgs}}}").out == member.out, orgs
    assert Person(labour_status="suspended", member_of=["the Labour Party"]).facts()["labour_status"] == "suspended"
    # Labour's sections and other groups with "Labour" in the name settle nothing.
    for name in ("Scottish Labour", "Young Labour", "Greens for Labour", "the Socialist Labour Party"):
        assert "labour_status" not in Person(member_of=[name]).facts(), name


@pytest.mark.parametrize("status", ["non_member", "expelled"])
def test_the_labour_party_in_member_of_of_a_non_member_is_refused(lla, status):
    r = _check(lla, f"{{labour_status: {status}, member_of: [Labour Party]}}")
    assert r.code == 2
    assert r.err == (f"a.yaml:2:{38 + len(status)}: error: impossible value: 'Labour Party' is the Labour Party, "
                     f"but labour_status is {status}\n"
                     f"    2 | person: {{labour_status: {status}, member_of: [Labour Party]}}\n"
                     f"      | {' ' * (37 + len(status))}^^^^^^^^^^^^^^\n"
                     "  help: give labour_status: member, or leave Labour Party out of member_of\n")


def test_unions_beside_another_party_given_stand_as_given(lla):
    """A sheet's "Other party: yes" beside "Unite" says the list is not all
    the person belongs to: the fact given stands, where [] ("none") clashes."""
    given = _check(lla, "{labour_status: member, witch_hunt: false, other_party: true}")
    both = _check(lla, "{labour_status: member, witch_hunt: false, member_of: [Unite, GMB], other_party: true}")
    assert (both.code, both.out) == (given.code, given.out)


@pytest.mark.parametrize("name", ["n/a", "N/A", "-", "--", "nothing", "nil", "unknown", "'no'", "'?'", "' NA '"])
def test_a_none_or_unknown_word_in_member_of_is_refused(lla, name):
    r = _check(lla, f"{{labour_status: member, member_of: [Unite, {name}]}}")
    shown = name.strip("'")
    assert r.code == 2
    assert r.err.startswith(f"a.yaml:2:44: error: impossible value: '{shown}' names no organisation\n")
    assert r.err.endswith("  help: write member_of: [] for none, or leave member_of out if not known\n")


def _table(lla, header: str, row: str, question: str = "may each person join?"):
    return lla("table", "--format", "csv", "--register", "p.csv", "--draft", "tees", question,
               files={"p.csv": f"{header}\n{row}\n"})


@pytest.mark.parametrize("cell,col,shown", [("n/a", 10, "n/a"), ("Unite; N/A", 17, "N/A"), ("unknown", 10, "unknown"),
                                            ("?", 10, "?"), ("-", 10, "-"),
                                            # at the name, not at the first '-' the cell has (round 54 check)
                                            ("Anti-Nazi League; -", 28, "-")])
def test_a_none_or_unknown_cell_is_refused_at_its_name(lla, cell, col, shown):
    r = _table(lla, "Name,Labour status,Member of", f"A,member,{cell}")
    assert r.code == 2
    assert r.err == (f"p.csv:2:{col}: error: '{shown}' names no organisation\n"
                     f"    2 | A,member,{cell}\n"
                     f"      | {' ' * (col - 1)}{'^' * len(shown)}\n"
                     "  expected: organisations separated by ';', or 'none' alone for no organisations\n"
                     "  help: write none for no organisations, or leave the cell empty if not known\n")


def test_a_sheets_unions_settle_another_party_as_none_does(lla):
    none = _table(lla, "Name,Labour status,Witch-hunt,Member of", "A,member,no,none")
    unions = _table(lla, "Name,Labour status,Witch-hunt,Member of", "A,member,no,Unite; Momentum")
    open_ = _table(lla, "Name,Labour status,Witch-hunt,Member of", "A,member,no,Unite; Alba")
    assert unions.out == none.out and ",ambiguous," not in none.out
    assert ",ambiguous," in open_.out


def test_a_sheets_labour_party_cell_is_labour_membership(lla):
    member = _table(lla, "Name,Labour status,Witch-hunt,Member of", "A,member,no,none")
    assert _table(lla, "Name,Labour status,Witch-hunt,Member of", "A,,no,Labour Party").out == member.out


def test_a_sheets_labour_party_cell_of_a_non_member_is_refused_at_the_cell(lla):
    r = _table(lla, "Name,Labour status,Member of", "A,not a member,Unite; the Labour Party")
    assert r.code == 2
    assert r.err == ("p.csv:2:16: error: impossible row: member_of: 'the Labour Party' is the Labour Party, "
                     "but labour_status is non_member\n"
                     "    2 | A,not a member,Unite; the Labour Party\n"
                     "      |                ^^^^^^^^^^^^^^^^^^^^^^^\n"
                     "  help: give labour_status: member, or leave the Labour Party out of member_of\n")


def test_a_sheets_unions_beside_another_party_stand_as_given(lla):
    given = _table(lla, "Name,Labour status,Other party,Member of", "A,member,yes,")
    both = _table(lla, "Name,Labour status,Other party,Member of", "A,member,yes,Unite; Momentum")
    assert (both.code, both.out) == (given.code, given.out)


def test_a_question_naming_a_union_leaves_other_memberships_open(lla):
    """Words are not a list of all the person belongs to: "a member of
    Unite" says nothing of other parties, where member_of: [Unite] does."""
    asked = lla("ask", "--draft", "tees", "may a Labour member who is a member of Unite join?")
    plain = lla("ask", "--draft", "tees", "may a Labour member join?")
    assert asked.out.splitlines()[2] == plain.out.splitlines()[2] == "tees: ambiguous"
    uk = lla("ask", "--draft", "tees", "may a member of the UK Labour Party join?")
    plain = lla("ask", "--draft", "tees", "may a member of the Labour Party join?")
    assert uk.out.replace("the UK Labour Party", "the Labour Party") == plain.out
    r = lla("ask", "--draft", "tees", "may a member of Unite who is in another party join?")
    assert r.code != 2 and "when in a socialist party" in r.out


@pytest.mark.parametrize("item,reads", [("no", "a yes or no"), ("yes", "a yes or no"), ("~", "nothing")])
def test_an_unquoted_yaml_word_in_member_of_is_refused_at_it(lla, item, reads):
    # Round 54 check: YAML reads these as false, true, null; the message said
    # "input should be a valid string, got False", which the user never wrote.
    r = _check(lla, f"{{labour_status: member, member_of: [Unite, {item}]}}")
    assert r.code == 2
    assert r.err.startswith("a.yaml:2:52: error: impossible value: this entry names no organisation: "
                            f"YAML reads it, unquoted, as {reads}\n")
    assert r.err.endswith("  help: write member_of: [] for none, and quote a name YAML would read so: 'Yes'\n")


@pytest.mark.parametrize("org", ["Christian Democratic Union", "Trade Union and Socialist Coalition"])
def test_union_in_a_name_does_not_make_it_no_party(lla, org):
    # Round 54 check: any name with "union" in it settled "in no other party",
    # though the CDU and TUSC stand candidates.
    none = _check(lla, "{labour_status: member, witch_hunt: false, member_of: []}")
    got = _check(lla, f"{{labour_status: member, witch_hunt: false, member_of: [{org}]}}")
    assert got.out != none.out
