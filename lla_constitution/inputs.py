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


def read_source(path: str, what: str = "action or register") -> Source:
    from .loader import read_text

    try:
        exists = str(path) == "-" or Path(path).exists()
    except (OSError, ValueError):
        exists = False
    if not exists:
        fail(InputError, None, f"no such file '{clip(path, 80)}'", path=clip(path, 80),
             help="check the path; it is read relative to the current directory")
    return Source("<stdin>" if path == "-" else path, read_text(path, what))


def _node_span(source: Source, node) -> Span:
    start, end = node.start_mark.index, node.end_mark.index
    if end <= start or "\n" in source.text[start:end]:
        end = start + max(1, len(source.text[start:end].split("\n")[0]))
    return source.span(start, end)


def _walk(source: Source, node, path: tuple, marks: dict):
    marks[path] = _node_span(source, node)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            k = key.value
            marks[path + (k, "<key>")] = _node_span(source, key)
            _walk(source, value, path + (k,), marks)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(source, item, path + (i,), marks)


def load_yaml(source: Source) -> tuple[Any, dict]:
    """Parse YAML (JSON is YAML too) and return the data with a span per path."""
    if source.name.endswith(".json"):
        import json

        try:
            json.loads(source.text)
        except json.JSONDecodeError as err:
            fail(InputError, source.span_at(err.lineno, err.colno), f"malformed JSON: {err.msg}",
                 help="check brackets, commas and quotes near the marker")
    try:
        node = yaml.compose(source.text, Loader=yaml.SafeLoader)
        _check_size(source, node)
        data = yaml.safe_load(source.text)
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
    marks: dict = {}
    if node is not None:
        _walk(source, node, (), marks)
    return data, marks


MAX_VALUES = 100_000  # values in a file once YAML aliases are expanded


def _check_size(source: Source, node) -> None:
    """Refuse a file whose aliases expand into more values than MAX_VALUES
    (a 'billion laughs' of a few hundred bytes), before anything expands it."""
    sizes: dict = {}

    def size(n) -> int:
        if id(n) in sizes:
            return sizes[id(n)]
        sizes[id(n)] = 1  # a cycle counts once
        if isinstance(n, yaml.MappingNode):
            total = 1 + sum(size(k) + size(v) for k, v in n.value)
        elif isinstance(n, yaml.SequenceNode):
            total = 1 + sum(size(v) for v in n.value)
        else:
            total = 1
        sizes[id(n)] = min(total, MAX_VALUES + 1)
        return sizes[id(n)]

    if node is not None and size(node) > MAX_VALUES:
        fail(InputError, source.span(0, 1) if source.text else None,
             f"the file expands to more than {MAX_VALUES:,} values through YAML aliases",
             expected=f"at most {MAX_VALUES:,} values", help="write the values out; do not nest aliases")


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
            fail(InputError, _span_for(marks, path), f"impossible value: {msg}",
                 help="correct the numbers or dates so they can all be true together")
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
    source = read_source(path)
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
    if str(path) == "-":
        from .loader import read_stdin

        first = read_stdin("register").lstrip("\ufeff").split("\n", 1)[0]
        as_csv = "," in first and ":" not in first and not first.lstrip().startswith(("{", "[", "-"))
    else:
        as_csv = str(path).lower().endswith(".csv")
    if as_csv:
        from . import register_csv

        source = read_source(path, "register")
        # A spreadsheet's byte-order mark is not part of the first header.
        return register_csv.parse(Source(source.name, source.text.removeprefix("\ufeff")))
    source = read_source(path)
    data, marks = load_yaml(source)
    if isinstance(data, list):
        data, marks = {"groups": data}, {("groups",) + k: v for k, v in marks.items()}
    if not isinstance(data, dict):
        fail(InputError, source.span(0, 1) if source.text else None,
             "a register is a list of groups, or 'groups: [...]'", path=path)
    return validate(Register, data, marks, (), source)
