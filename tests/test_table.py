"""Registers from spreadsheets (CSV) and `lla table` (issue 13, item 6).

Data first: tests/table/bad-csv.yaml holds bad CSVs with the exact located
error each gives. Then: a CSV register serves `ask` and `check` as a YAML one
does; the table under two drafts (and a composite) is, cell by cell, what
`lla ask --register` answers for each group; the output formats; a 1,650-group
register; and a property: any CSV text gives a table or one located error.
"""
from __future__ import annotations

import csv
import importlib.util
import json
import re
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lla_constitution import loader, register_csv
from lla_constitution.cli import _dump
from lla_constitution.errors import LlaError
from lla_constitution.source import Source
from lla_constitution.table import table

ROOT = Path(__file__).resolve().parent.parent
BAD = yaml.safe_load((ROOT / "tests" / "table" / "bad-csv.yaml").read_text(encoding="utf-8"))
EXAMPLE = (ROOT / "examples" / "register.csv").read_text(encoding="utf-8")
DELEGATES = "how many delegates may each group send to conference?"


def _bench():
    spec = importlib.util.spec_from_file_location("bench_table", ROOT / "benchmarks" / "table.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ---- bad CSVs: one located error each --------------------------------------------

@pytest.mark.parametrize("case", BAD, ids=[c["why"] for c in BAD])
def test_a_bad_csv_gives_exactly_this_error(lla, case):
    r = lla("table", "--register", "case.csv", "--draft", "dulwich", DELEGATES, files={"case.csv": case["csv"]})
    assert r.code == 2
    assert r.out == ""
    assert r.err == case["error"]


@pytest.mark.parametrize("case", BAD[:3], ids=[c["why"] for c in BAD[:3]])
def test_ask_and_check_give_the_same_error(lla, case):
    files = {"case.csv": case["csv"], "a.yaml": "action: join\nperson: {labour_status: member}\n"}
    r = lla("ask", "--register", "case.csv", "--draft", "dulwich", "what fee does a CLP pay?", files=files)
    assert (r.code, r.err) == (2, case["error"])
    r = lla("check", "--register", "case.csv", "--draft", "dulwich", "a.yaml", files=files)
    assert (r.code, r.err) == (2, case["error"])


def test_with_json_the_error_is_one_object(lla):
    r = lla("table", "--json", "--register", "case.csv", "--draft", "dulwich", DELEGATES,
            files={"case.csv": BAD[0]["csv"]})
    assert r.code == 2
    assert r.json() == {"error": "input", "message": "unknown column 'Membrs'", "location": "case.csv:1:11",
                        "expected": "a group's field, such as Name, Kind, Members, LLA supporters, Fee paid, Affiliated",
                        "help": "did you mean 'members'?"}


def test_a_number_too_long_to_read(lla):
    r = lla("table", "--register", "n.csv", "--draft", "dulwich", DELEGATES,
            files={"n.csv": "Name,Kind,Members\nA,local group," + "9" * 4400 + "\n"})
    assert r.code == 2
    assert r.err.startswith("n.csv:2:15: error: a number of more than 4,300 digits, the most lla reads\n")


def test_not_utf8_is_located_at_the_byte(lla, tmp_path):
    (tmp_path / "latin.csv").write_bytes("Name,Kind\nCaf\xe9 Left,local group\n".encode("latin-1"))
    r = lla("table", "--register", "latin.csv", "--draft", "dulwich", DELEGATES)
    assert r.code == 2
    assert r.err.startswith("latin.csv:2:4: error: the register file is not UTF-8 text (byte 13 cannot be read)\n")


def test_the_file_size_limit(lla, monkeypatch):
    # A CSV register has its own, larger limit (it is read a line at a time);
    # a YAML one keeps every file's, and is told it may be saved as CSV.
    monkeypatch.setattr(loader, "MAX_CSV_REGISTER_BYTES", 50)
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 40)
    r = lla("table", "--register", "big.csv", "--draft", "dulwich", DELEGATES,
            files={"big.csv": "Name,Kind\n" + "".join(f"Group {i},CLP\n" for i in range(10))})
    assert r.code == 2
    assert r.err == "big.csv: error: the register file is larger than 50 bytes\n  expected: at most 50 bytes\n"
    r = lla("table", "--register", "big.yaml", "--draft", "dulwich", DELEGATES,
            files={"big.yaml": "".join(f"- {{name: G{i}, kind: clp}}\n" for i in range(10))})
    assert r.code == 2
    assert r.err == ("big.yaml: error: the register file is larger than 40 bytes\n  expected: at most 40 bytes\n"
                     "  help: save a large register as a spreadsheet (.csv), which may be up to 50 bytes\n")


def test_a_device_is_not_a_register(lla):
    r = lla("table", "--register", "/dev/null", "--draft", "dulwich", DELEGATES)
    assert r.code == 2
    assert r.err.startswith("/dev/null: error: '/dev/null' is not a regular file")


def test_a_register_with_no_group(lla):
    r = lla("table", "--register", "h.csv", "--draft", "dulwich", DELEGATES, files={"h.csv": "Name,Kind\n"})
    assert (r.code, r.err) == (2, "--register: error: the register holds no group\n"
                                  "  help: add a row for each group under the header\n")


def test_a_yaml_register_with_an_unnamed_group(lla):
    r = lla("table", "--register", "r.yaml", "--draft", "dulwich", DELEGATES,
            files={"r.yaml": "groups:\n  - {name: A, kind: clp}\n  - {kind: clp}\n"})
    assert (r.code, r.err) == (2, "--register: error: group 2 of the register has no name\n"
                                  "  help: name every group: the table has a row for each, by its name\n")


def test_a_yaml_register_makes_the_same_table(lla):
    rows = [dict(zip(["name", "kind", "members"], line.split(",")[:3])) for line in
            ["Anytown Labour Left,local_group,150", "Northby CLP,clp,2500"]]
    files = {"r.yaml": yaml.safe_dump({"groups": rows}),
             "r.csv": "Name,Kind,Members\nAnytown Labour Left,local group,150\nNorthby CLP,CLP,2500\n"}
    from_yaml = lla("table", "--json", "--register", "r.yaml", "--draft", "dulwich", DELEGATES, files=files)
    from_csv = lla("table", "--json", "--register", "r.csv", "--draft", "dulwich", DELEGATES)
    assert from_yaml.code == 3 and from_yaml.json() == from_csv.json()


# ---- good CSVs ------------------------------------------------------------------------

def test_plain_words_headers_kinds_booleans_and_money():
    text = ("\ufeffGROUP NAME, kind_of_group ,Membership,lla-supporters,Affiliation fee,Region affiliated\r\n"
            '"Leeds, West",Trade Union Branches,"1,500",20,£10.50,No\r\n'
            "\r\n,,,,,\r\n"
            'Bakers,national_union,18000,,500,YES\r\n')
    reg = register_csv.parse(Source("r.csv", text.removeprefix("\ufeff")))
    assert [g.model_dump(exclude_none=True) for g in reg.groups] == [
        {"name": "Leeds, West", "kind": "union_branch", "members": 1500, "lla_supporters": 20,
         "fee_paid": 1050, "region_affiliated": False},
        {"name": "Bakers", "kind": "union_national", "members": 18000, "fee_paid": 50000, "region_affiliated": True}]


def test_every_field_of_a_group_has_header_words():
    from lla_constitution.model import Group

    assert set(register_csv.HEADER_WORDS) == set(Group.model_fields)


def test_the_docs_list_the_header_words():
    """The table of accepted header words in the CLI docs is the reader's own."""
    from conftest import documented_header_words

    shown = documented_header_words("### Registers from spreadsheets")
    assert shown == {f: list(words) for f, words in register_csv.HEADER_WORDS.items()}


def test_a_csv_register_serves_ask_and_check(lla):
    files = {"register.csv": EXAMPLE, "register.yaml": yaml.safe_dump({"groups": [
        {"name": "Anytown Labour Left", "kind": "local_group", "members": 150, "lla_supporters": 40,
         "fee_paid": "£20", "affiliated": True}]}),
        "send.yaml": "action: send_delegates\ngroup: Anytown Labour Left\ncount: 3\n"}
    q = "how many delegates may Anytown Labour Left send to conference?"
    from_csv = lla("ask", "--json", "--draft", "dulwich", "--register", "register.csv", q, files=files)
    from_yaml = lla("ask", "--json", "--draft", "dulwich", "--register", "register.yaml", q)
    assert from_csv.code == 0 and from_csv.json() == from_yaml.json()
    assert from_csv.json()[0]["answer"] == 3
    checked = lla("check", "--json", "--draft", "dulwich", "--register", "register.csv", "send.yaml")
    assert checked.code == 0 and checked.json()[0]["verdict"] == "allowed"


# ---- the table is lla ask, group by group -------------------------------------------

@pytest.mark.parametrize("drafts", [["dulwich", "law-sll"], ["cac", "tees"]])
@pytest.mark.parametrize("question", [DELEGATES, "what fee does each group pay?"])
def test_the_table_is_what_ask_answers_for_each_group(lla, drafts, question):
    flags = [x for d in drafts for x in ("--draft", d)]
    r = lla("table", "--json", "--register", "register.csv", *flags, question, files={"register.csv": EXAMPLE})
    assert r.code in (0, 3)
    data = r.json()
    assert [row["group"] for row in data["rows"]] == [line.split(",")[0] for line in EXAMPLE.splitlines()[1:]]
    for row in data["rows"]:
        asked = lla("ask", "--json", "--register", "register.csv", *flags, row["question"])
        assert asked.code in (0, 3), asked.err
        answers = asked.json()
        cells = {c["draft"]: c for c in row["answers"]}
        # Each answer of lla ask is a cell, or one option of a composite's cell.
        for a in answers:
            # lla ask may print one answer for several options ("cac[4.2=A/B]"),
            # each its own column here: every column it covers says it.
            for cell in [c for d, c in cells.items() if _covers(a["draft"], d)]:
                _same(a, cell)
        assert all(any(_covers(a["draft"], d) for a in answers) for d in cells)


def _covers(label: str, column: str) -> bool:
    """An answer's label and a column name some combination in common (a
    column may hold several, as its variants)."""
    from lla_constitution.compose import _picks

    (base, picks), (cbase, cpicks) = _picks(label), _picks(column)
    return base == cbase and all(set(cpicks[k]) & set(v) for k, v in picks.items() if k in cpicks)


def _same(a: dict, cell: dict) -> None:
    """One answer of lla ask is what the cell says."""
    if "variants" in cell:
        # A merged answer keeps the conditions every option it stands for shares.
        def bare(d):
            return {k: v for k, v in d.items() if v not in (None, [], {}) and k not in ("draft", "conditions")}
        assert bare(a) in [bare(_with_holds(v)) for v in cell["variants"]]
        return
    assert (cell["status"], cell["answer"], cell["decided_by"], cell["assumed"]) == \
           (a["status"], a.get("answer"), a.get("decided_by"), a["assumed"])
    cited = [c["clause"] for c in a["because"]] + [c["clause"] for case in a.get("answers", [])
                                                    for c in case["because"]]
    assert cell["clauses"] == list(dict.fromkeys(cited))


def _with_holds(answer: dict) -> dict:
    for cond in answer.get("conditions", []):
        cond.setdefault("holds", None)
    return answer


def test_in_process_every_answer_is_ask_s_own():
    """The cells hold the answers `lla ask` prints, but for what quotes one
    group's own words and values: groups in the same cell share an answer
    (issue 14's batch engine), and `lla ask --register` shows those."""
    from lla_constitution.ask import ask
    from lla_constitution.loader import load

    reg = register_csv.parse(Source("register.csv", EXAMPLE))
    books = [load("dulwich"), load("law-sll")]
    t = table(DELEGATES, books, reg)
    for row in t.rows:
        own = ("question", "conditions", "unmet")
        shared = [{k: v for k, v in _dump(a).items() if k not in own} for c in row.cells for a in c.answers]
        alone = [{k: v for k, v in _dump(a).items() if k not in own} for a in ask(row.question, books, reg)]
        assert shared == alone


def test_the_text_table(lla, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    r = lla("table", "--register", "register.csv", "--draft", "dulwich", "--draft", "law-sll", DELEGATES,
            files={"register.csv": EXAMPLE})
    assert r.code == 3
    assert r.out == """\
Q: how many delegates may each group send to conference?
group                         dulwich            law-sll
──────────────────────────────────────────────────────────────────────────────────
Anytown Labour Left           3                  delegated to the Organising Group
Exampleshire Momentum         4                  delegated to the Organising Group
Northby CLP                   ambiguous: 5 or 0  delegated to the Organising Group
Southwick Unite branch        3                  delegated to the Organising Group
Bakers Union national office  1                  delegated to the Organising Group
Westmoor Left Forum           0                  delegated to the Organising Group
presumed where the register does not say: the group is affiliated (Southwick Unite branch); its
    region is not affiliated (Southwick Unite branch)
(--format csv or json gives each answer's status and the clauses that decided it)
"""


@pytest.mark.parametrize("width", [40, 60, 80, 120])
def test_the_text_table_fits_the_terminal(lla, monkeypatch, width):
    monkeypatch.setenv("COLUMNS", str(width))
    r = lla("table", "--register", "register.csv", DELEGATES, files={"register.csv": EXAMPLE})
    assert r.code == 3
    assert max(len(line) for line in r.out.splitlines()) <= width
    again = lla("table", "--register", "register.csv", DELEGATES)
    assert again.out == r.out  # deterministic
    if width <= 80:  # the long answers stand as numbered notes under the table
        assert "(1) delegated to the Organising Group" in r.out
    # Every draft and every group is shown, in blocks of drafts where they do not fit.
    heads = [line.split() for line in r.out.splitlines() if line.startswith("group ")]
    drafts = lla("table", "--json", "--register", "register.csv", DELEGATES).json()["drafts"]
    assert [d for h in heads for d in h[1:]] == drafts
    for block in r.out.split("\n\n"):
        assert "Anytown" in block and "Westmoor" in block


def test_csv_and_markdown(lla):
    files = {"register.csv": EXAMPLE}
    r = lla("table", "--format", "csv", "--register", "register.csv", "--draft", "law-sll",
            "what fee does each group pay?", files=files)
    assert r.code == 3
    assert r.out == """\
group,kind,law-sll,law-sll status,law-sll clauses,law-sll presumed
Anytown Labour Left,local_group,£20 per year,determined,3.b.5,national_affiliated = false
Exampleshire Momentum,local_group,£20 per year,determined,3.b.5,national_affiliated = false
Northby CLP,clp,£100 per year,determined,3.b.2,national_affiliated = false
Southwick Unite branch,union_branch,£100 per year,determined,3.b.2,national_affiliated = false
Bakers Union national office,union_national,£500 per year,determined,3.b.1,
Westmoor Left Forum,broad_left_national,silent,silent,3.b.3 3.b.4,
"""
    # What the answers presumed where the register does not say, as the text
    # table says it under the table (round 27).
    r = lla("table", "--format", "markdown", "--register", "register.csv", "--draft", "law-sll",
            "what fee does each group pay?", files=files)
    assert r.out.rstrip().splitlines()[-1] == (
        "presumed where the register does not say: its national body is not affiliated "
        "(Anytown Labour Left, Exampleshire Momentum, Northby CLP and 1 more)")
    r = lla("table", "--format", "markdown", "--register", "register.csv", "--draft", "dulwich", DELEGATES)
    assert r.out.splitlines()[:5] == [
        "**how many delegates may each group send to conference?**", "",
        "| group | dulwich |", "|---|---|", "| Anytown Labour Left | 3 |"]


def test_output_file(lla, tmp_path):
    r = lla("table", "-o", "t.csv", "--format", "csv", "--register", "register.csv", "--draft", "dulwich",
            DELEGATES, files={"register.csv": EXAMPLE})
    assert (r.code, r.out, r.err) == (3, "", "wrote t.csv\n")
    assert (tmp_path / "t.csv").read_text(encoding="utf-8").startswith("group,kind,dulwich,")
    r = lla("table", "-o", "no/such/dir/t.csv", "--register", "register.csv", DELEGATES)
    assert r.code == 2 and "no directory to write 'no/such/dir/t.csv' in" in r.err


def test_a_name_the_grammar_would_misread_is_quoted_in_the_row_question(lla):
    files = {"r.csv": 'Name,Kind,Members\n"Send & Pay (Leeds)",local group,150\n'}
    data = lla("table", "--json", "--register", "r.csv", "--draft", "dulwich", DELEGATES, files=files).json()
    q = data["rows"][0]["question"]
    assert q == 'how many delegates may "Send & Pay (Leeds)" send to conference?'
    assert lla("ask", "--json", "--register", "r.csv", "--draft", "dulwich", q).json()[0]["status"] == \
        data["rows"][0]["answers"][0]["status"]


QUESTION_ERRORS = [
    ("how many delegates may Northby CLP send to conference?", """\
question:1:24: error: lla table asks about each group, not 'Northby CLP'
    1 | how many delegates may Northby CLP send to conference?
      |                        ^^^^^^^^^^^
  expected: how many delegates may each group send to conference?
  help: write 'each group' in the group's place
"""),
    ("who may send delegates to conference?", """\
question:1:1: error: this question asks about no group
    1 | who may send delegates to conference?
      | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  expected: how many delegates may each group send to conference?
  help: lla table asks a question about a group for each group of the register; write 'each group' where the group goes
"""),
    ("how often must each group meet?", """\
question:1:16: error: 'each group' is not in the group's place of this question
    1 | how often must each group meet?
      |                ^^^^^^^^^^
  expected: how many delegates may each group send to conference?
  help: ask 'how many delegates may each group send to BODY?' or 'what fee does each group pay?'
"""),
]


@pytest.mark.parametrize("question,error", QUESTION_ERRORS)
def test_a_question_not_about_each_group(lla, question, error):
    r = lla("table", "--register", "register.csv", "--draft", "dulwich", question, files={"register.csv": EXAMPLE})
    assert (r.code, r.err) == (2, error)


def test_every_group_is_also_said(lla):
    r = lla("table", "--json", "--register", "register.csv", "--draft", "dulwich",
            "How many delegates may EVERY GROUP send to the AGM", files={"register.csv": EXAMPLE})
    assert r.code == 3 and len(r.json()["rows"]) == 6


# ---- a large register ----------------------------------------------------------------

def test_a_register_of_1650_groups(lla, tmp_path):
    bench = _bench()
    text = bench.make(1650)
    assert text == bench.make(1650)  # the generator is deterministic
    (tmp_path / "big.csv").write_text(text, encoding="utf-8")
    start = time.perf_counter()
    r = lla("table", "--format", "csv", "--register", "big.csv", "--draft", "dulwich", DELEGATES)
    took = time.perf_counter() - start
    assert r.code == 3, r.err
    lines = r.out.splitlines()
    assert len(lines) == 1651 and lines[0] == "group,kind,dulwich,dulwich status,dulwich clauses,dulwich presumed"
    print(f"1,650 groups under dulwich: {took:.1f} s")
    # A sample of rows is what lla ask answers.
    from lla_constitution.table import _as_asked

    for line in list(csv.reader(lines[1:]))[::330]:
        q = f"how many delegates may {_as_asked(line[0])} send to conference?"
        a = lla("ask", "--json", "--register", "big.csv", "--draft", "dulwich", q).json()[0]
        assert (line[3], line[4]) == (a["status"], " ".join(c["clause"] for c in a["because"]) or line[4])


# ---- any CSV text: a table or one located error ---------------------------------------

_CELLS = st.sampled_from(["Name", "Kind", "Members", "LLA supporters", "Fee paid", "Affiliated", "membrs",
                          "local group", "CLP", "trade union branch", "groop", "150", "1,500", "-2", "£20",
                          "20.5", "yes", "no", "maybe", "", " ", '"', '"a,b"', "Anytown", "anytown", "x" * 30])
_LINES = st.lists(_CELLS, max_size=7).map(",".join)
_TEXTS = st.lists(_LINES | st.text(max_size=12), max_size=6).map("\n".join)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_TEXTS, st.lists(_LINES, max_size=4).map(lambda ls: "Name,Kind,Members\n" + "\n".join(ls))))
def test_any_csv_gives_a_table_or_one_located_error(text):
    from lla_constitution.loader import load

    try:
        reg = register_csv.parse(Source("r.csv", text))
        t = table("what fee does each group pay?", [load("law-sll")], reg)
    except LlaError as err:
        assert err.span is not None or err.path, err.render()
        shown = err.render()
        assert "error:" in shown and "Traceback" not in shown
        if err.span is not None:
            assert shown.startswith(f"r.csv:{err.span.line}:{err.span.col}: error: ")
        return
    assert [r.group.name for r in t.rows] == [g.name for g in reg.groups]
    assert all(len(r.cells) == 1 for r in t.rows)


def test_a_composite_cell_is_one_answer_where_every_option_gives_it(lla):
    # Round 22: an LLA branch is silent under every 2.2 option of CAC 4.2 B
    # (2.2 C only adds a note); the cell is that answer, not "ambiguous".
    reg = "groups:\n  - {name: BR10, kind: lla_branch, members: 10}\n  - {name: Big, kind: clp, members: 600}\n"
    r = lla("table", "--register", "r.yaml", "--draft", "cac:4.2=B", "--format", "csv", DELEGATES,
            files={"r.yaml": reg})
    rows = list(csv.reader(r.out.splitlines()))
    branch = next(row for row in rows if row[0] == "BR10")
    assert branch[2:4] == ["silent", "silent"]
    r = lla("table", "--register", "r.yaml", "--draft", "cac:3.2=E", "--format", "csv",
            "how many delegates may each group send to the organising group?", files={"r.yaml": reg})
    assert "ambiguous: ambiguous" not in r.out


def test_a_cell_says_up_to_where_the_text_gives_a_most(lla):
    # Round 46: LAW/SLL 3.b.1 "can appoint up to three representatives" is a
    # most; the cell said "3", as if three were the number to send.
    reg = "groups:\n  - {name: Bakers, kind: union_national, members: 18000, fee_paid: 500}\n"
    r = lla("table", "--register", "r.yaml", "--draft", "law-sll", "--format", "csv",
            "how many delegates may each group send to the organising group?", files={"r.yaml": reg})
    row = next(csv.reader(r.out.splitlines()[1:]))
    assert row[2:5] == ["up to 3", "determined", "3.b.1"]
