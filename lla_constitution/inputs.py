"""Read action and register files (YAML or JSON) with positions for every value.

Validation errors from pydantic are mapped back to the line and column of the
offending value, so the user sees the same kind of message as for a bad rule.

>>> from lla_constitution.source import Source
>>> data, marks = load_yaml(Source("a.yaml", "action: join\\nperson: {labour_status: member}\\n"))
>>> data["action"], marks[("person", "labour_status")].line
('join', 2)
"""
from __future__ import annotations

import sys

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .errors import InputError, clip, did_you_mean, fail
from .model import ACTIONS, Action, Register
from .source import Source, Span


def read_source(path: str, what: str = "action or register", limit: int | None = None) -> Source:
    from .loader import read_text

    try:
        exists = str(path) == "-" or Path(path).exists()
    except (OSError, ValueError):
        exists = False
    if not exists:
        fail(InputError, None, f"no such file '{clip(path, 80)}'", path=clip(path, 80),
             help="check the path; it is read relative to the current directory")
    return Source("<stdin>" if path == "-" else path, read_text(path, what, limit))


def _node_span(source: Source, node) -> Span:
    start, end = node.start_mark.index, node.end_mark.index
    if end <= start or "\n" in source.text[start:end]:
        end = start + max(1, len(source.text[start:end].split("\n")[0]))
    return source.span(start, end)


class Marks(dict):
    """Path -> the YAML node there; read as the node's Span, made when asked.
    A file of 165,000 groups has millions of nodes and needs the spans of the
    few an error names (issue 14: linear loading)."""

    def __init__(self, source: Source, items=()):
        super().__init__(items)
        self.source = source

    def __getitem__(self, path):
        return _node_span(self.source, super().__getitem__(path))

    def get(self, path, default=None):
        return self[path] if path in self else default

    def prefixed(self, prefix: tuple) -> "Marks":
        """The same nodes under paths that begin with `prefix`."""
        return Marks(self.source, ((prefix + k, v) for k, v in dict.items(self)))


def _walk(source: Source, node, path: tuple, marks: dict):
    # Iterative: a deep file must not exhaust Python's recursion limit.
    stack = [(node, path)]
    while stack:
        node, path = stack.pop()
        dict.__setitem__(marks, path, node)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                k = key.value
                dict.__setitem__(marks, path + (k, "<key>"), key)
                stack.append((value, path + (k,)))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                stack.append((item, path + (i,)))


def load_yaml(source: Source) -> tuple[Any, dict]:
    """Parse YAML (JSON is YAML too) and return the data with a span per path."""
    if source.name.endswith(".json"):
        import json

        try:
            json.loads(source.text)
        except json.JSONDecodeError as err:
            fail(InputError, source.span_at(err.lineno, err.colno), f"malformed JSON: {err.msg}",
                 help="check brackets, commas and quotes near the marker")
    node = None
    try:
        # One parse, with libyaml's C loader where it is installed: the
        # nodes give both the data and every value's place (issue 14).
        try:
            node = _compose(source, _LOADER)
        except yaml.YAMLError:
            if _LOADER is yaml.SafeLoader:
                raise
            # libyaml words its errors its own way: the pure-Python loader,
            # only for a file that does not parse, says it as it always has.
            node = _compose(source, yaml.SafeLoader)
        _check_size(source, node)
        _check_shape(source, node)
        data = _construct(node)
    except yaml.reader.ReaderError as err:
        # A control character: PyYAML gives its position, not a mark.
        at = min(max(err.position, 0), max(len(source.text) - 1, 0))
        fail(InputError, source.span(at, at + 1) if source.text else None,
             f"malformed YAML: character {ord(err.character) if isinstance(err.character, str) else err.character:#06x} "
             "is not allowed", help="remove the control character, or write it as an escape in double quotes")
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        span = source.span_at(mark.line + 1, mark.column + 1) if mark else None
        fail(InputError, span, f"malformed YAML: {err.problem or err.context}",
             help="check indentation and that every 'key: value' pair has a colon and a space")
    except yaml.YAMLError as err:  # pragma: no cover - every PyYAML error carries a mark
        fail(InputError, None, f"malformed YAML: {err}", path=source.name)
    except (ValueError, OverflowError, TypeError, AttributeError) as err:
        # A value YAML reads but cannot build, such as the date 2020-02-30
        # or a tag with nothing it can build (!!timestamp x, !!float).
        bad = _unbuildable(node)
        span = source.span_at(bad.start_mark.line + 1, bad.start_mark.column + 1) if bad else None
        value = clip(bad.value, 40) if bad else ""
        fail(InputError, span, f"impossible value: {value} ({_why(err, bad)})",
             help="give a real date (YYYY-MM-DD) or number")
    marks = Marks(source)
    if node is not None:
        _walk(source, node, (), marks)
    return data, marks


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose(source: Source, loader_class):
    loader = loader_class(source.text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _construct(node):
    """The data of composed nodes, built once (no second parse)."""
    if node is None:
        return None
    return yaml.SafeLoader("").construct_document(node)


MAX_VALUES = 100_000  # values YAML aliases may add to a file once expanded


def _check_size(source: Source, node) -> None:
    """Refuse a file whose aliases expand into more than MAX_VALUES values
    beyond those written out (a 'billion laughs' of a few hundred bytes),
    before anything expands it. Values written out are limited by the file's
    size alone: a register of 165,000 groups is long, not a bomb."""
    sizes: dict = {}
    written = 0
    cap = MAX_VALUES + 1

    def size(n) -> int:
        nonlocal written
        if id(n) in sizes:
            return sizes[id(n)]
        written += 1
        sizes[id(n)] = 1  # a cycle counts once
        # Children first, without recursion: a deep file is not an error here.
        stack, order = [n], []
        while stack:
            x = stack.pop()
            order.append(x)
            kids = ([c for kv in x.value for c in kv] if isinstance(x, yaml.MappingNode) else
                    list(x.value) if isinstance(x, yaml.SequenceNode) else [])
            for c in kids:
                if id(c) not in sizes:
                    written += 1
                    sizes[id(c)] = 1
                    stack.append(c)
        for x in reversed(order):
            kids = ([c for kv in x.value for c in kv] if isinstance(x, yaml.MappingNode) else
                    list(x.value) if isinstance(x, yaml.SequenceNode) else [])
            sizes[id(x)] = min(1 + sum(sizes[id(c)] for c in kids), written + cap)
        return sizes[id(n)]

    if node is not None and size(node) - written > MAX_VALUES:
        fail(InputError, source.span(0, 1) if source.text else None,
             f"the file expands to more than {MAX_VALUES:,} values through YAML aliases",
             expected=f"at most {MAX_VALUES:,} values", help="write the values out; do not nest aliases")


def _check_shape(source: Source, node) -> None:
    """Refuse a value that contains itself through an alias (it never stops
    expanding; round 66: it ran out of memory) and a key given twice in one
    mapping (YAML and JSON keep the last without a word; round 66: two
    'signatories' were read as the second). Iterative, as _walk is."""
    if node is None:
        return

    def at(n):
        same_line = n.end_mark.line == n.start_mark.line
        width = n.end_mark.column - n.start_mark.column if same_line else 1
        return source.span_at(n.start_mark.line + 1, n.start_mark.column + 1, max(width, 1))

    def kids(x):
        return ([c for kv in x.value for c in kv] if isinstance(x, yaml.MappingNode) else
                list(x.value) if isinstance(x, yaml.SequenceNode) else [])

    done: set = set()
    on_path: set = set()
    stack = [(node, False)]
    while stack:
        x, leaving = stack.pop()
        if leaving:
            on_path.discard(id(x))
            done.add(id(x))
            continue
        if id(x) in done:
            continue
        on_path.add(id(x))
        stack.append((x, True))
        if isinstance(x, yaml.MappingNode):
            seen: dict = {}
            for key, _ in x.value:
                k = key.value if isinstance(key, yaml.ScalarNode) else None
                if k is None or k == "<<":
                    continue
                if k in seen:
                    fail(InputError, at(key), f"'{clip(str(k), 40)}' is given twice in one mapping "
                         f"(first on line {seen[k].start_mark.line + 1})",
                         help="give each field once; YAML and JSON would keep only the last")
                seen[k] = key
        for c in kids(x):
            if id(c) in on_path:
                fail(InputError, at(c), "an alias refers to a value that contains it, which never ends",
                     help="write the value out, or refer to a value outside it")
            if id(c) not in done:
                stack.append((c, False))


def _why(err: Exception, node) -> str:
    """Why YAML could not build the value, in words (not Python's)."""
    text = str(err)
    if "Exceeds the limit" in text:
        return f"a number of more than {sys.get_int_max_str_digits():,} digits, the most lla reads"
    if isinstance(err, (TypeError, AttributeError)):
        tag = getattr(node, "tag", "") or ""
        return f"not a {tag.rsplit(':', 1)[-1] or 'value'} YAML can read"
    return text


def _unbuildable(node):
    """The first scalar YAML reads but cannot turn into a value, if any."""
    if isinstance(node, yaml.ScalarNode):
        try:
            yaml.SafeLoader("").construct_object(node, deep=True)
        except (ValueError, OverflowError, TypeError, AttributeError, yaml.YAMLError):
            return node
        return None
    children = []
    if isinstance(node, yaml.MappingNode):
        children = [n for pair in node.value for n in pair]
    elif isinstance(node, yaml.SequenceNode):
        children = node.value
    return next((b for b in map(_unbuildable, children) if b is not None), None)


def _span_for(marks: dict, path: tuple, key: bool = False) -> Span | None:
    path = tuple(path)
    if key and path + ("<key>",) in marks:
        return marks[path + ("<key>",)]
    while path and path not in marks:
        path = path[:-1]
    return marks.get(path)


_EXPECTED = {
    "int_parsing": "a whole number", "int_type": "a whole number",
    "greater_than_equal": "a number that is 0 or more", "bool_parsing": "true or false",
    "bool_type": "true or false", "date_from_datetime_parsing": "an ISO date such as 2020-02-22",
    "datetime_from_date_parsing": "an ISO date or date-time such as 2020-02-22T10:00",
    "date_parsing": "an ISO date such as 2020-02-22", "datetime_parsing": "an ISO date-time",
    "string_type": "text", "model_type": "a mapping of fields", "dict_type": "a mapping of fields",
    "list_type": "a list",
}


def validate(model, data: Any, marks: dict, base: tuple = (), source: Source | None = None):
    """Build `model` from `data`; the first problem becomes a located InputError."""
    try:
        return model.model_validate(data)
    except ValidationError as err:
        errors = err.errors()
        # A union (a register name or an inline group) reports each branch;
        # the most specific complaint is the one that helps.
        specific = [e for e in errors if "str" not in e["loc"]] or errors
        e = max(specific, key=lambda e: len(e["loc"]))
        # Drop the names pydantic gives a union's branches ('str', 'Group'),
        # but not a field the file itself names so (person: {str: 1}).
        raw = e["loc"]
        last = len(raw) - 1 if e["type"] == "extra_forbidden" else len(raw)
        loc = tuple(x for i, x in enumerate(raw)
                    if not (isinstance(x, str) and x in ("str", "Group") and i < last))
        loc = tuple(x for x in loc if not (isinstance(x, str) and x.startswith("function-")))
        kind = e["type"]
        if kind == "value_error":
            msg = str(e["msg"]).removeprefix("Value error, ")
            field, sep, rest = msg.partition(": ")
            if sep and field.isidentifier() and " " not in field:
                loc, e = loc + (field,), {**e, "msg": rest}
        path = base + loc
        field = ".".join(str(x) for x in loc if not isinstance(x, int)) or "value"
        if kind == "missing":
            fail(InputError, _span_for(marks, path[:-1]), f"missing field '{loc[-1]}'",
                 help=f"add '{loc[-1]}: ...' here")
        if kind == "extra_forbidden":
            known = [k for k in getattr(_model_at(model, loc[:-1]), "model_fields", {})]
            fail(InputError, _span_for(marks, path, key=True), f"unknown field '{loc[-1]}'",
                 expected="one of " + ", ".join(known) if known else None,
                 help=did_you_mean(str(loc[-1]), known) or "remove it, or check its spelling")
        if kind == "literal_error":
            choices = e.get("ctx", {}).get("expected", "")
            words = [w.strip(" '") for w in choices.replace(" or ", ",").split(",") if w.strip()]
            fail(InputError, _span_for(marks, path), f"unknown {field} {e['input']!r}",
                 expected="one of " + ", ".join(words),
                 help=did_you_mean(str(e["input"]), words))
        if kind == "value_error":
            msg = str(e["msg"]).removeprefix("Value error, ")
            # A validator may say its own remedy after "; help: " (round 43:
            # two callers were told to correct their numbers or dates).
            msg, _, own = msg.partition("; help: ")
            fail(InputError, _span_for(marks, path), f"impossible value: {msg}",
                 help=own or "correct the numbers or dates so they can all be true together")
        fail(InputError, _span_for(marks, path), f"{field}: {e['msg'].lower()}, got {e['input']!r}",
             expected=_EXPECTED.get(kind))


def _model_at(model, loc):
    for part in loc:
        if isinstance(part, int):
            continue
        field = getattr(model, "model_fields", {}).get(part)
        if field is None:
            return model
        ann = field.annotation
        for candidate in getattr(ann, "__args__", (ann,)):
            if hasattr(candidate, "model_fields"):
                model = candidate
                break
            for inner in getattr(candidate, "__args__", ()):
                if hasattr(inner, "model_fields"):
                    model = inner
    return model


def load_actions(path: str) -> tuple[list[Action], list[Span | None], list[dict]]:
    """An action file holds one action, a list of them, or `actions: [...]`.

    Returns the actions, the span of each, and the span of each one's fields."""
    return actions_from(read_source(path))


def actions_from(source: Source) -> tuple[list[Action], list[Span | None], list[dict]]:
    """The actions of an action file's text (the web app's form, a file read)."""
    path = source.name
    data, marks = load_yaml(source)
    base: tuple = ()
    if isinstance(data, dict) and "actions" in data and "action" not in data:
        data, base = data["actions"], ("actions",)
    items = data if isinstance(data, list) else [data]
    if not items or data is None:
        fail(InputError, source.span(0, 1) if source.text else None, "the file holds no action",
             help="write e.g. 'action: send_delegates' with its fields", path=path)
    out, spans, fields = [], [], []
    for i, item in enumerate(items):
        where = base + ((i,) if isinstance(data, list) else ())
        if not isinstance(item, dict):
            fail(InputError, _span_for(marks, where), "an action must be a mapping of fields",
                 help="start it with 'action: NAME'")
        name = item.get("action")
        if name is not None and not isinstance(name, str):
            fail(InputError, _span_for(marks, where + ("action",)), "the action must be a name",
                 expected="one of " + ", ".join(ACTIONS), help="write e.g. 'action: join'")
        if name is None:
            fail(InputError, _span_for(marks, where), "missing field 'action'",
                 expected="one of " + ", ".join(ACTIONS))
        if name not in ACTIONS:
            fail(InputError, _span_for(marks, where + ("action",)), f"unknown action {name!r}",
                 expected="one of " + ", ".join(ACTIONS), help=did_you_mean(str(name), ACTIONS))
        _unfilled(item, marks, where)
        out.append(validate(ACTIONS[name], item, marks, where, source))
        _organisations(item, marks, where)
        spans.append(_span_for(marks, where))
        fields.append({k: marks[where + (k,)] for k in item if where + (k,) in marks})
    return out, spans, fields


def _unfilled(data: Any, marks: dict, path: tuple) -> None:
    """A `lla new` template's <placeholder> left in the file: say so, rather
    than that '<a whole number, e.g. 2>' is not a whole number.

    >>> src = Source("a.yaml", "action: send_delegates\\ncount: <a whole number, e.g. 2>\\n")
    >>> data, marks = load_yaml(src)
    >>> try:
    ...     _unfilled(data, marks, ())
    ... except InputError as e:
    ...     print(e.render())
    a.yaml:2:8: error: 'count' is still the template's placeholder
        2 | count: <a whole number, e.g. 2>
          |        ^^^^^^^^^^^^^^^^^^^^^^^^
      expected: a whole number, e.g. 2
      help: write the value in its place, or delete the line if the field is optional
    """
    if isinstance(data, dict):
        for key, value in data.items():
            _unfilled(value, marks, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            _unfilled(value, marks, path + (i,))
    elif isinstance(data, str) and len(data) > 2 and data.startswith("<") and data.endswith(">"):
        field = next((str(p) for p in reversed(path) if not isinstance(p, int)), "value")
        fail(InputError, _span_for(marks, path), f"'{field}' is still the template's placeholder",
             expected=data[1:-1],
             help="write the value in its place, or delete the line if the field is optional")


def load_register(path: str) -> Register:
    """A register file: YAML or JSON, or a spreadsheet saved as .csv (see register_csv);
    '-' reads standard input, a CSV there if its first line is a header of commas."""
    from .loader import MAX_CSV_REGISTER_BYTES

    if str(path) == "-":
        from .loader import read_stdin

        first = read_stdin("register", MAX_CSV_REGISTER_BYTES).lstrip("\ufeff").split("\n", 1)[0]
        as_csv = "," in first and ":" not in first and not first.lstrip().startswith(("{", "[", "-"))
    else:
        as_csv = str(path).lower().endswith(".csv")
    if as_csv:
        return register_from(read_source(path, "register", MAX_CSV_REGISTER_BYTES), True)
    return register_from(read_source(path, "register"), False)


def register_from(source: Source, as_csv: bool) -> Register:
    """A register from its text: a CSV spreadsheet, or YAML/JSON."""
    if as_csv:
        from . import register_csv

        # A spreadsheet's byte-order mark is not part of the first header.
        return register_csv.parse(Source(source.name, source.text.removeprefix("\ufeff")))
    path = source.name
    data, marks = load_yaml(source)
    if isinstance(data, list):
        data, marks = {"groups": data}, marks.prefixed(("groups",))
    if not isinstance(data, dict):
        fail(InputError, source.span(0, 1) if source.text else None,
             "a register is a list of groups, or 'groups: [...]'", path=path)
    register = validate(Register, data, marks, (), source)
    # Each group its own name, as a spreadsheet's (round 66: a YAML or JSON
    # register's second 'A' was dropped without a word).
    seen: dict = {}
    for i, group in enumerate(register.groups):
        key = (getattr(group, "name", None) or "").casefold()
        if not key:
            continue
        if key in seen:
            span = _span_for(marks, ("groups", i, "name")) or _span_for(marks, ("groups", i))
            first = _span_for(marks, ("groups", seen[key], "name"))
            fail(InputError, span, f"the group '{clip(group.name, 80)}' is named twice"
                 + (f" (first on line {first.line})" if first is not None else ""),
                 help="give each group its own name: a question finds a group by its name")
        seen[key] = i
    _organisations(data, marks, ())
    return register


def _organisations(data: Any, marks: dict, path: tuple) -> None:
    """Every `member_of` name in an action or register, checked against the
    names the Labour NEC's decision uses where it is written: a near-miss of
    a proscribed group's name ("S.A.") is refused at its line, as a people
    register's cell is (labour.org_ids), not later without a place."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "member_of" and isinstance(value, list):
                from .errors import LlaError
                from .labour import AUTHORITY, org_ids
                from .loader import load

                for i, name in enumerate(value):
                    try:
                        org_ids(load(AUTHORITY), [name])
                    except LlaError as err:
                        fail(InputError, _span_for(marks, path + (key, i)), err.message,
                             expected=err.expected, help=err.help)
            else:
                _organisations(value, marks, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            _organisations(value, marks, path + (i,))
