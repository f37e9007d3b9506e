"""Read a register of groups from a spreadsheet saved as CSV.

A header row names the columns, by field name (`lla_supporters`) or in plain
words ("LLA supporters"); then one group per row. Kinds may be written as
people say them ("trade union branch"), booleans as yes/no/true/false and
money as 20 or £20. An empty cell means "not given", as a field left out of a
YAML register does. Every bad cell is one located error, pointing at the cell.

>>> from lla_constitution.source import Source
>>> reg = parse(Source("g.csv", "Name,Kind,Members,Fee paid,Affiliated\\n"
...                             "Leeds Left,local group,150,£20,yes\\n"))
>>> g = reg.groups[0]
>>> g.name, g.kind, g.members, g.fee_paid, g.affiliated
('Leeds Left', 'local_group', 150, 2000, True)
"""
from __future__ import annotations

import re
import sys

from pydantic import ValidationError

from .csv_cells import split
from .errors import InputError, clip, did_you_mean, fail
from .model import Group, Register, _money
from .phrases import NO_NAME, _is_labour
from .source import Source, Span
from .vocab import KINDS

# The words a header cell may use for each field of a group, besides the
# field's own name. Case, spaces, underscores and hyphens do not matter.
HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "name": ("name", "group", "group name"),
    "kind": ("kind", "kind of group", "type"),
    "members": ("members", "membership", "number of members"),
    "lla_supporters": ("lla supporters", "supporters", "lla signatories"),
    "fee_paid": ("fee paid", "fee", "affiliation fee"),
    "affiliated": ("affiliated",),
    "region_affiliated": ("region affiliated",),
    "national_affiliated": ("national affiliated",),
    "represented": ("represented",),
}
# A sheet of people (a membership list): the words for each field of a
# person. A header with a person's column and no Kind column is such a sheet.
PERSON_WORDS: dict[str, tuple[str, ...]] = {
    "name": ("name", "person", "full name", "member"),
    "labour_status": ("labour status", "labour party status", "status in labour"),
    "witch_hunt": ("witch hunt", "witch hunt victim"),
    "other_party": ("other party", "member of another party"),
    "socialist_party": ("socialist party", "member of a socialist party"),
    "campaigns_against_labour": ("campaigns against labour",),
    "lla_supporter": ("lla supporter", "lla signatory"),
    "proxy": ("proxy", "by proxy"),
    "co_opted": ("co opted",),
    "member_of": ("member of", "organisations", "member of organisations"),
    "date": ("date", "as of", "on"),
}
REQUIRED = ("name", "kind")  # a register finds a group by name, and every group has a kind
TRUE, FALSE = ("yes", "y", "true"), ("no", "n", "false")
_INTS = ("members", "lla_supporters")
_BOOLS = ("affiliated", "region_affiliated", "national_affiliated", "represented")


def _norm(text: str) -> str:
    """A header or kind as compared: lower case, one space between words.

    >>> _norm("  LLA_Supporters ")
    'lla supporters'
    """
    return " ".join(re.sub(r"[_\-]", " ", text.replace("’", "'")).lower().split())


_HEADERS = {_norm(w): f for f, words in HEADER_WORDS.items() for w in (f, *words)}
_PERSON_HEADERS = {_norm(w): f for f, words in PERSON_WORDS.items() for w in (f, *words)}
_STATUS = {**{_norm(w): "member" for w in ("member", "labour member", "labour party member", "in labour")},
           **{_norm(w): "suspended" for w in ("suspended", "suspended member", "suspended labour member")},
           **{_norm(w): "expelled" for w in ("expelled", "expelled member", "expelled labour member")},
           **{_norm(w): "non_member" for w in ("non_member", "not a member", "not in labour",
                                               "non labour", "not a labour member")}}
_PERSON_BOOLS = ("witch_hunt", "other_party", "socialist_party", "campaigns_against_labour", "lla_supporter", "proxy", "co_opted")
PERSON_EXAMPLE = "Name,Labour status,Witch-hunt,Other party,LLA supporter,Member of,Date"

# Cells a CSV register may hold: a sheet is read a line at a time, so this
# bounds only the time a mistaken file takes (a party's 500,000 members, a
# column each for their facts, are some 5,000,000).
MAX_CSV_CELLS = 20_000_000
_KINDS = {_norm(w): k.name for k in KINDS.values() for w in (k.name, k.label, *k.words)}


def parse(source: Source) -> Register:
    """The register a CSV text holds, or one located InputError."""
    MAX_VALUES = MAX_CSV_CELLS
    lines = _lines(source.text)
    head = next(lines, None)
    if head is None:
        fail(InputError, source.span(0, 0), "the register file is empty",
             expected="a header row naming the columns, then one group per row",
             help="write e.g.\n    Name,Kind,Members\n    Leeds Left,local group,150")
    head_no, head_line = head
    heads = [_norm(text) for text, _, _ in _cells(source, head_no, head_line)]
    if "kind" not in {_HEADERS.get(h) for h in heads} and any(
            _PERSON_HEADERS.get(h) not in (None, "name") for h in heads):
        return _people(source, lines, head_no, head_line)
    rows = [head, *lines]
    columns = _header(source, head_no, head_line)
    labels = [text for text, _, _ in _cells(source, head_no, head_line)]  # as the sheet words them
    if len(columns) * (len(rows) - 1) > MAX_VALUES:
        fail(InputError, _at(source, rows[MAX_VALUES // len(columns) + 1][0], 1, 1),
             f"the register holds more than {MAX_VALUES:,} cells",
             expected=f"at most {MAX_VALUES:,} cells", help="split the register into smaller files")
    groups, seen = [], {}
    for no, line in rows[1:]:
        group = _group(source, no, line, columns, labels)
        key = (group.name or "").casefold()
        if key in seen:
            cell = _cells(source, no, line)[columns.index("name")]
            fail(InputError, _at(source, no, cell[1], cell[2]),
                 f"the group '{clip(group.name, 80)}' is named twice (first on line {seen[key]})",
                 help="give each group its own name: a question finds a group by its name")
        seen[key] = no
        groups.append(group)
    return Register(groups=groups)


def _lines(text: str):
    """(line number, line) of each row that is not blank, read as needed: a
    long sheet is never held twice. Blank rows are a spreadsheet's padding."""
    start, no, size = 0, 0, len(text)
    while start <= size:
        end = text.find("\n", start)
        if end < 0:
            end = size
        no += 1
        line = text[start:end].rstrip("\r")
        start = end + 1
        if line.strip(" \t,"):
            yield no, line


def _header(source: Source, no: int, line: str) -> list[str]:
    cells = _cells(source, no, line)
    fields = [_HEADERS.get(_norm(text)) for text, _, _ in cells]
    example = "Name,Kind,Members,LLA supporters,Fee paid,Affiliated"
    if not any(fields):
        # A sheet saved with semicolons or tabs between cells reads as one cell.
        sep = next((name for s, name in ((";", "semicolons"), ("\t", "tabs")) if s in line), None)
        fail(InputError, _at(source, no, 1, len(line)), "the first row is not a header row",
             expected="a header row naming the columns, such as " + example,
             help=f"lla reads cells separated by commas, and this row is separated by {sep}: "
                  "save the sheet as CSV with commas" if sep and "," not in line
                  else "add a header row above the first group")
    for i, ((text, col, width), field) in enumerate(zip(cells, fields)):
        span = _at(source, no, col, width)
        if not text:
            fail(InputError, span, f"column {i + 1} has no header",
                 expected="a group's field, such as " + example.replace(",", ", "),
                 help="name the column, or delete it")
        if field is None:
            fail(InputError, span, f"unknown column '{clip(text, 60)}'",
                 expected="a group's field, such as " + example.replace(",", ", "),
                 help=did_you_mean(_norm(text), _HEADERS) or "rename the column, or delete it")
        if field in fields[:i]:
            first = cells[fields.index(field)][0]
            fail(InputError, span, f"'{clip(text, 60)}' gives {field} again (first in column "
                 f"{fields.index(field) + 1}, '{clip(first, 60)}')", help="keep one of the two columns")
    for field in REQUIRED:
        if field not in fields:
            fail(InputError, _at(source, no, 1, len(line)), f"the header has no {field.capitalize()} column",
                 expected="a header row with at least Name and Kind, such as " + example,
                 help=f"add a {field.capitalize()} column" + (": each group's kind, such as local group"
                                                             if field == "kind" else ": each group's name"))
    return fields


def _group(source: Source, no: int, line: str, columns: list[str], labels: list[str]) -> Group:
    cells = _cells(source, no, line)
    if len(cells) > len(columns):
        extra = cells[len(columns)]
        fail(InputError, _at(source, no, extra[1], extra[2]),
             f"this row has {len(cells)} cells, but the header names {len(columns)} columns",
             help='remove the extra cell, or put a value that holds a comma in quotes: "1,500"')
    if len(cells) < len(columns):
        fail(InputError, _at(source, no, len(line) + 1, 1),
             f"this row has {len(cells)} cells, but the header names {len(columns)} columns",
             help="add the missing cells; leave a cell empty (,,) where a value is not known")
    values, spans = {}, {}
    for field, label, (text, col, width) in zip(columns, labels, cells):
        spans[field] = _at(source, no, col, width)
        if text or field in REQUIRED:
            values[field] = _value(field, label, text, spans[field])
    try:
        return Group.model_validate(values)
    except ValidationError as err:
        # The cells are each well formed, so what is left is a relation
        # between them ("supporters (40) cannot be more than members (30)").
        msg = str(err.errors()[0]["msg"]).removeprefix("Value error, ")
        field, _, rest = msg.partition(": ")
        for name, label in zip(columns, labels):
            rest = rest.replace(f"{name} (", f"{label} (")  # the sheet's words, not the model's
        fail(InputError, spans.get(field, spans["name"]), f"impossible group: {rest or msg}",
             help="an organisation's LLA supporters are among its members")


def _value(field: str, label: str, text: str, span: Span):
    """One cell as the Group model takes it, or a located error saying what was expected."""
    shown = clip(text, 60)
    what = {"name": "the group's name", "kind": "the kind of group"}.get(field)
    if not text:
        fail(InputError, span, f"{what} is missing", expected=what,
             help="every group of a register has a name and a kind")
    if field == "name":
        return text
    if field == "kind":
        for candidate in (_norm(text), _norm(text).rstrip("s"), _norm(text).removesuffix("es")):
            if candidate in _KINDS:
                return _KINDS[candidate]
        fail(InputError, span, f"unknown kind of group '{shown}'",
             expected="one of " + ", ".join(sorted(k.label for k in KINDS.values())),
             help=did_you_mean(_norm(text), _KINDS) or "write the kind as lla ask does, e.g. local group")
    if field in _INTS:
        digits = text.replace(",", "")
        if not re.fullmatch(r"[+-]?\d+", digits):
            fail(InputError, span, f"{label} must be a whole number, not '{shown}'",
                 expected="a whole number such as 150, or an empty cell if not known")
        if len(digits.lstrip("+-")) > sys.get_int_max_str_digits():
            fail(InputError, span, f"a number of more than {sys.get_int_max_str_digits():,} digits, "
                 "the most lla reads", expected="a whole number such as 150")
        if int(digits) < 0:
            fail(InputError, span, f"{label} cannot be negative, not '{shown}'",
                 expected="a whole number that is 0 or more")
        from .model import MAX_COUNT

        if int(digits) > MAX_COUNT:
            fail(InputError, span, f"{label} {shown} is more than lla reads",
                 expected=f"a count of at most {MAX_COUNT:,}", help="check the number for a slip of the keyboard")
        return int(digits)
    if field in _BOOLS:
        if text.lower() in TRUE + FALSE:
            return text.lower() in TRUE
        fail(InputError, span, f"{label} must be yes or no, not '{shown}'",
             expected="yes, no, true or false, or an empty cell if not known")
    try:
        _money(text)  # fee_paid: the model's own reading of money, for its message here
    except ValueError as err:
        fail(InputError, span, f"{label} must be an amount of money, not '{shown}'",
             expected=f"{err}" if "up to" in str(err) else
             "an amount such as 20 or £20.50, or an empty cell if not known")
    return text


def _at(source: Source, line: int, col: int, width: int) -> Span:
    """The span of a cell, at least one character wide."""
    return source.span_at(line, col, max(width, 1))


def _cells(source: Source, no: int, line: str) -> list[tuple[str, int, int]]:
    """(text, 1-based column, width) per cell; see csv_cells."""
    return split(source, no, line)


# ---- a sheet of people ------------------------------------------------------------

def _people(source: Source, lines, head_no: int, head_line: str) -> Register:
    """A register of people: one person per row, each cell read as
    model.Person takes it. Names may repeat (two members called Sam Smith):
    a row is a person, not a name. Each distinct cell is read once, so a
    membership list of any length loads in time linear in its rows."""
    from .model import Person

    columns = _person_header(source, head_no, head_line)
    labels = [text for text, _, _ in _cells(source, head_no, head_line)]
    read: dict[tuple[str, str], object] = {}  # (field, cell) -> value, for cells that repeat
    people = []
    n = len(columns)
    most = MAX_CSV_CELLS // n
    construct = _builder(Person)
    # Which fields a row gave (pydantic's fields_set), one set shared by the
    # rows that gave the same: a person is ~400 bytes, not ~650.
    given: dict[tuple, set] = {}
    for no, line in lines:
        if len(people) == most:
            fail(InputError, _at(source, no, 1, 1), f"the register holds more than {MAX_CSV_CELLS:,} cells",
                 expected=f"at most {MAX_CSV_CELLS:,} cells", help="split the register into smaller files")
        if '"' not in line and line.count(",") == n - 1:
            # The common row: no quotes, one cell a column (columns as in csv_cells).
            texts = [t.strip() for t in line.split(",")]
            cells = None
        else:
            cells = _cells(source, no, line)
            _check_width(source, no, line, cells, n)
            texts = [text for text, _, _ in cells]
        values = {}
        for i, (field, text) in enumerate(zip(columns, texts)):
            if field == "name":
                if not text:
                    cells = cells or _cells(source, no, line)
                    fail(InputError, _at(source, no, cells[i][1], cells[i][2]), "the person's name is missing",
                         expected="the person's name", help="every person of a register has a name")
                values["name"] = text
                continue
            if not text:
                continue
            key = (field, text)
            value = read.get(key, read)
            if value is read:
                cells = cells or _cells(source, no, line)
                value = _person_value(field, labels[i], text, _at(source, no, cells[i][1], cells[i][2]))
                if len(read) < 100_000:
                    read[key] = value
            values[field] = list(value) if field == "member_of" else value
        if "other_party" in values or "socialist_party" in values or (values.get("labour_status") in (
                "non_member", "expelled") and any(map(_is_labour, values.get("member_of", ())))):
            # Facts that must agree across cells (a party named, other_party:
            # false; the Labour Party named, not a member: round 54): checked
            # as model.Person checks them, at the row's cell (round 50 check:
            # the clash was reported at the question).
            _check_person_row(source, no, line, cells, columns, values)
        # Each value is read and checked above, as model.Person types it
        # (tests/test_people.py checks the two agree): built, not validated again.
        keys = tuple(values)
        fields_set = given.get(keys)
        if fields_set is None:
            fields_set = given[keys] = set(keys)
        people.append(construct(fields_set, values))
    return Register.model_construct(groups=[], people=people)


def _check_person_row(source: Source, no: int, line: str, cells, columns: list, values: dict) -> None:
    """A row whose cells cannot all be true together fails at the cell that
    names the clash: the organisations, else the party column."""
    from pydantic import ValidationError

    from .model import Person

    try:
        Person.model_validate(values)
    except ValidationError as e:
        msg = str(e.errors()[0]["msg"]).removeprefix("Value error, ")
        what, _, help_ = msg.partition("; help: ")
        said = what.partition(":")[0]
        field = said if said in values else next(f for f in ("member_of", "socialist_party", "other_party")
                                                 if f in values)
        cells = cells or _cells(source, no, line)
        i = columns.index(field)
        fail(InputError, _at(source, no, cells[i][1], cells[i][2]), f"impossible row: {what}",
             help=help_ or None)


def _builder(model):
    """`model.model_construct(fields_set, **values)` for values already
    checked, without pydantic working out each default again for every row
    (half the time of loading 500,000 people). Used only if, on a sample, it
    builds exactly what model_construct builds; else model_construct itself."""
    defaults = {name: f.get_default(call_default_factory=True) for name, f in model.model_fields.items()}
    new, setattr_ = model.__new__, object.__setattr__

    def build(fields_set: set, values: dict):
        obj = new(model)
        state = dict(defaults)
        state.update(values)
        setattr_(obj, "__dict__", state)
        setattr_(obj, "__pydantic_fields_set__", fields_set)
        setattr_(obj, "__pydantic_extra__", None)
        setattr_(obj, "__pydantic_private__", None)
        return obj

    sample = {"name": "A", "labour_status": "member"}
    try:
        fast, slow = build({"name", "labour_status"}, sample), model.model_construct({"name", "labour_status"}, **sample)
        same = (fast == slow and fast.__dict__ == slow.__dict__ and fast.model_fields_set == slow.model_fields_set
                and all(not isinstance(v, (list, dict, set)) for v in defaults.values()))
    except Exception:  # a pydantic that builds models otherwise
        same = False
    return build if same else (lambda fields_set, values: model.model_construct(fields_set, **values))


def _check_width(source: Source, no: int, line: str, cells, n: int) -> None:
    if len(cells) > n:
        extra = cells[n]
        fail(InputError, _at(source, no, extra[1], extra[2]),
             f"this row has {len(cells)} cells, but the header names {n} columns",
             help='remove the extra cell, or put a value that holds a comma in quotes: "1,500"')
    if len(cells) < n:
        fail(InputError, _at(source, no, len(line) + 1, 1),
             f"this row has {len(cells)} cells, but the header names {n} columns",
             help="add the missing cells; leave a cell empty (,,) where a value is not known")


def _person_header(source: Source, no: int, line: str) -> list[str]:
    cells = _cells(source, no, line)
    fields = [_PERSON_HEADERS.get(_norm(text)) for text, _, _ in cells]
    expected = "a person's field, such as " + PERSON_EXAMPLE.replace(",", ", ")
    for i, ((text, col, width), field) in enumerate(zip(cells, fields)):
        span = _at(source, no, col, width)
        if not text:
            fail(InputError, span, f"column {i + 1} has no header", expected=expected,
                 help="name the column, or delete it")
        if field is None:
            group = _HEADERS.get(_norm(text))
            fail(InputError, span, f"unknown column '{clip(text, 60)}'", expected=expected,
                 help=f"'{clip(text, 60)}' is a group's column: a register of groups has a Kind column, "
                      "and a register of people has none of a group's columns" if group else
                      did_you_mean(_norm(text), _PERSON_HEADERS) or "rename the column, or delete it")
        if field in fields[:i]:
            first = cells[fields.index(field)][0]
            fail(InputError, span, f"'{clip(text, 60)}' gives {field} again (first in column "
                 f"{fields.index(field) + 1}, '{clip(first, 60)}')", help="keep one of the two columns")
    if "name" not in fields:
        fail(InputError, _at(source, no, 1, len(line)), "the header has no Name column",
             expected="a header row with a Name column, such as " + PERSON_EXAMPLE,
             help="add a Name column: each person's name, for the table's rows")
    return fields


_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})/(\d{1,2})/(\d{4})")


def _person_value(field: str, label: str, text: str, span: Span):
    """One person's cell as model.Person takes it, or a located error."""
    shown = clip(text, 60)
    if field == "labour_status":
        found = _STATUS.get(_norm(text))
        if found is None:
            fail(InputError, span, f"unknown Labour status '{shown}'",
                 expected="member, suspended, expelled or not a member, or an empty cell if not known",
                 help=did_you_mean(_norm(text), _STATUS) or "write the person's standing in the Labour Party")
        return found
    if field in _PERSON_BOOLS:
        if text.lower() in TRUE + FALSE:
            return text.lower() in TRUE
        fail(InputError, span, f"{label} must be yes or no, not '{shown}'",
             expected="yes, no, true or false, or an empty cell if not known")
    if field == "member_of":
        return _organisations(text, span)
    if field == "date":
        from datetime import date

        m = _DAY.fullmatch(text)
        try:
            if m is None:
                raise ValueError
            y, mo, d = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(6), m.group(5), m.group(4))
            return date(int(y), int(mo), int(d))
        except ValueError:
            fail(InputError, span, f"{label} must be a date, not '{shown}'",
                 expected="a date such as 2021-08-01 or 01/08/2021 (day first), or an empty cell if not known")
    raise AssertionError(field)  # pragma: no cover - every field of a person is read above


def _organisations(text: str, span: Span) -> tuple[str, ...]:
    """'Socialist Appeal; Unite' -> the organisations, each checked against
    the names the Labour NEC's decision uses: a name close to a proscribed
    group's is a typing slip, refused at its cell (labour.org_ids)."""
    names = tuple(dict.fromkeys(n.strip() for n in text.split(";") if n.strip()))
    if names and all(_norm(n) == "none" for n in names):
        return ()  # "none", or "none;" with a stray separator
    if not names or any(_norm(n) == "none" for n in names):
        # "none" means no organisations, alone; a cell of separators names
        # none either way (round 51 check: ';' was read as "none").
        fail(InputError, span, f"'{clip(text, 60)}' names no organisation" if not names else
             f"'{clip(text, 60)}' gives 'none' beside organisations",
             expected="organisations separated by ';', or 'none' alone for no organisations",
             help="write 'none' alone, or the organisations without it")
    from .errors import LlaError
    from .labour import AUTHORITY, org_ids
    from .loader import load

    nec = load(AUTHORITY)
    # Each name where the cell gives it: its own offset from the split, not
    # the first place its text occurs ("Nazi" inside "Anti-Nazi League";
    # round 54 check).
    base = span.text.find(text) if text in span.text else None
    offsets = {}
    for piece in re.finditer(r"[^;]+", text):
        offsets.setdefault(piece.group().strip(), piece.start() + len(piece.group()) - len(piece.group().lstrip()))
    for name in names:
        start = span.start + base + offsets[name] if base is not None else span.start
        at = span.source.span(start, start + len(name))
        if name.lower() in NO_NAME:
            # A sheet's "n/a" or "unknown" is no organisation's name (round 54).
            fail(InputError, at, f"'{clip(name, 60)}' names no organisation",
                 expected="organisations separated by ';', or 'none' alone for no organisations",
                 help="write none for no organisations, or leave the cell empty if not known")
        try:
            org_ids(nec, [name])
        except LlaError as err:
            fail(InputError, at, err.message, expected="the organisation's name as the NEC gives it", help=err.help)
    return names
