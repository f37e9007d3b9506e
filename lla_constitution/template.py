"""Action files people can write: `lla schema ACTION` and `lla new ACTION`.

Both are generated from the pydantic models in model.ACTIONS, never written
per action: a field's meaning is its own description, else the vocabulary's
word for the fact or tally of that name, else its model's docstring; its
example is its own, else one made from its type.

>>> lines = template("send_delegates").splitlines()
>>> lines[3], lines[-1]
('action: send_delegates', 'count: <a whole number, e.g. 2>')
>>> template("send_delegates", examples=True).splitlines()[-1]
'count: 2'
"""
from __future__ import annotations

import json
import re
import textwrap
import typing
from datetime import date, datetime
from typing import Any, Literal, Union

import yaml
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from .errors import InputError, did_you_mean, fail
from .model import ACTIONS, Tally
from .vocab import FACTS, TALLIES, TOPICS

PLACEHOLDER = "<{}>"  # a value still to fill in; `lla check` refuses it by name


def action_model(name: str, path: str = "ACTION") -> type[BaseModel]:
    """The model of an action, or a located error naming the argument."""
    if name not in ACTIONS:
        fail(InputError, None, f"unknown action '{name}'", path=path,
             expected="one of " + ", ".join(ACTIONS),
             help=did_you_mean(name, ACTIONS) or "list the actions with: lla schema")
    return ACTIONS[name]


def summary(name: str) -> str:
    """What an action asks, in a line: its model's docstring, else its topic's."""
    from .compose import ACTION_TOPICS

    first = " ".join((ACTIONS[name].__doc__ or "").strip().split("\n\n")[0].split())
    # The first sentence: one ends where the next begins with a capital ("e.g. a" does not).
    doc = re.match(r"(.*?[.?])(?=\s+[A-Z]|$)", first).group(1) if first else ""
    topic = TOPICS.get(ACTION_TOPICS.get(name, name))
    return doc or (topic.doc if topic else name.replace("_", " "))


def describe(model: type[BaseModel], name: str, field: FieldInfo) -> str:
    """A field's meaning, from the model or the vocabulary.

    >>> from lla_constitution.model import Group
    >>> describe(Group, "members", Group.model_fields["members"])
    'how many members the group has'
    """
    if field.description:
        return field.description
    if name == "action" and model in ACTIONS.values():
        return "which action this is"
    if name in TALLIES and Tally in _models(field.annotation):
        return f"the tally of {TALLIES[name]}"
    if name in FACTS:
        return FACTS[name].doc
    nested = _models(field.annotation)
    return (nested[0].__doc__ or "").strip().split("\n")[0] if nested else ""


def schema(name: str) -> dict:
    """The JSON Schema of an action, every field described."""
    model = action_model(name)
    out = model.model_json_schema(by_alias=True)
    for m in [model, *_nested(model)]:
        props = (out if m is model else out["$defs"][m.__name__])["properties"]
        for fname, field in m.model_fields.items():
            props[field.alias or fname].setdefault("description", describe(m, fname, field))
    return out


def schema_text(name: str) -> str:
    return json.dumps(schema(name), indent=2, ensure_ascii=False)


# ---- the YAML template ---------------------------------------------------------

def template(name: str, examples: bool = False) -> str:
    """A commented YAML action file: required values as <placeholders> (or,
    with `examples`, their example values), fields with a default at it, and
    optional ones commented out with an example."""
    model = action_model(name)
    doc = " ".join((model.__doc__ or "").strip().split("\n\n")[0].split()) or summary(name)
    lines = _comment(f"{name}: {doc}", "") + [
        "# Fill in each <...>; uncomment a line to give that value (left out, it is not given).",
        "# Check it with: lla check FILE"]
    lines += _fields(model, {"action": name}, 0, examples)
    return "\n".join(lines) + "\n"


def _fields(model: type[BaseModel], fixed: dict, depth: int, examples: bool) -> list[str]:
    pad = "  " * depth
    out: list[str] = []
    active, note = _active(model, fixed)
    if note:
        out += _comment(note, pad)
    for fname, field in model.model_fields.items():
        key = field.alias or fname
        if fname in fixed:
            out.append(f"{pad}{key}: {fixed[fname]}")
            continue
        required = field.is_required()
        default = None if required else field.get_default(call_default_factory=True)
        meaning = describe(model, fname, field)
        choices = _choices(field.annotation)
        if choices:
            meaning += f"; one of {', '.join(choices)}"
        if required:
            meaning += " (required)"
        elif default is not None:
            meaning += f" (default: {_scalar(default)})"
        elif fname in active:
            meaning += " (optional, but see above)" if note else " (optional; the example gives it)"
        else:
            meaning += " (optional)"
        out += _comment(meaning, pad)
        on = required or default is not None or fname in active
        value = default if default is not None and not required else None
        out += _value_lines(key, field, value, depth, examples or not required, on)
    return out


def _value_lines(key: str, field: FieldInfo, value: Any, depth: int, example: bool, on: bool) -> list[str]:
    """The line(s) giving one field: its value, example or placeholder, or
    its fields one level in. Commented out when the field is optional and has
    no default: uncommenting a line is removing its '# '."""
    pad = "  " * depth
    nested = _models(field.annotation)
    if value is None and nested:
        listed = _is_list(field.annotation)
        inner = _fields(nested[0], {}, depth + (2 if listed else 1), example)
        first = next((i for i, line in enumerate(inner) if not line.lstrip().startswith("#")), None)
        if first is None:
            lines = [f"{pad}{key}: {'[]' if listed else '{}'}"]
        else:
            if listed:  # one item, to show the form of the list
                inner[first] = f"{pad}  - {inner[first].lstrip()}"
            lines = [f"{pad}{key}:"] + inner
    else:
        if value is None:
            value = _example(field) if example else _placeholder(field)
        lines = [f"{pad}{key}: {_scalar(value)}"]
    if not on:
        lines = [f"{pad}# {line[len(pad):]}" for line in lines]
    return lines


def _comment(text: str, pad: str) -> list[str]:
    """A comment wrapped to fit a screen, its later lines indented."""
    width = max(40, 98 - len(pad))
    return [f"{pad}# {line}" for line in textwrap.wrap(text, width, subsequent_indent="  ")]


def _active(model: type[BaseModel], fixed: dict) -> tuple[set[str], str | None]:
    """Optional fields a valid file needs anyway (one of several submitters,
    say), found by trying the example: the first that makes it valid, and the
    model's own message saying why."""
    given = ((model.model_config.get("json_schema_extra") or {}).get("examples") or [{}])[0]
    if given:  # the model's own example says which fields a file gives
        return {f for f, field in model.model_fields.items()
                if (field.alias or f) in given and not field.is_required() and f not in fixed}, None
    data = dict(fixed)
    for fname, field in model.model_fields.items():
        if fname not in fixed and (field.is_required() or field.get_default(call_default_factory=True) is not None):
            data[field.alias or fname] = _example(field) if field.is_required() else field.get_default()
    try:
        model.model_validate(data)
        return set(), None
    except ValidationError as err:
        note = str(err.errors()[0]["msg"]).removeprefix("Value error, ")
    for fname, field in model.model_fields.items():
        if field.is_required() or fname in fixed:
            continue
        try:
            model.model_validate({**data, field.alias or fname: _example(field)})
            return {fname}, note[0].upper() + note[1:]
        except ValidationError:
            continue
    return set(), note  # pragma: no cover - every model can be made valid by one field


def _example(field: FieldInfo) -> Any:
    """A field's example: its own, else one made from its type."""
    if field.examples:
        return field.examples[0]
    return _example_of(field.annotation)


def _example_of(ann) -> Any:
    nested = _models(ann)
    if nested:
        model = nested[0]
        data = {}
        for fname, field in model.model_fields.items():
            if field.is_required():
                data[field.alias or fname] = _example(field)
        extra, _ = _active(model, {})
        data.update({model.model_fields[f].alias or f: _example(model.model_fields[f]) for f in extra})
        return [data] if _is_list(ann) else data
    args = [a for a in typing.get_args(ann) if a is not type(None)]
    origin = typing.get_origin(ann)
    if origin is Literal:
        return args[0]
    if origin is not None and args:  # Optional, Annotated, a union, a list
        if origin is list:
            return [_example_of(args[0])]
        return _example_of(args[0])
    return {bool: True, int: 1, str: "text", date: "2020-02-01", datetime: "2020-02-01"}.get(ann, "text")


def _placeholder(field: FieldInfo) -> str:
    """A required value to fill in: what it is, and an example (a list of
    choices is in the comment above it)."""
    kind = _kind_of(field.annotation)
    shown = _scalar(_example(field))
    if not re.fullmatch(r"[\w £.\-]+", shown):
        return PLACEHOLDER.format(kind)
    return PLACEHOLDER.format(f"{kind}, e.g. {shown}")


def _kind_of(ann) -> str:
    """What a placeholder asks for, in words (no ': ', so YAML reads it as text)."""
    args = [a for a in typing.get_args(ann) if a is not type(None)]
    origin = typing.get_origin(ann)
    if origin is Literal:
        return "one of the values above"
    if origin is not None and args:
        if origin is list:
            return "a list"
        if datetime in args:
            return "a date such as 2020-02-22, or a date and time"
        return _kind_of(args[0])
    return {bool: "true or false", int: "a whole number", str: "a name", date: "a date such as 2020-02-22"
            }.get(ann, "a value")


def _choices(ann) -> list[str]:
    if typing.get_origin(ann) is Literal:
        return [str(a) for a in typing.get_args(ann)]
    for a in typing.get_args(ann):
        found = _choices(a)
        if found:
            return found
    return []


def _models(ann) -> list[type[BaseModel]]:
    """The models a field's type holds (a Group inside Union[str, Group], say)."""
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return [ann]
    return [m for a in typing.get_args(ann) for m in _models(a)]


def _nested(model: type[BaseModel], seen=None) -> list[type[BaseModel]]:
    seen = [] if seen is None else seen
    for field in model.model_fields.values():
        for m in _models(field.annotation):
            if m not in seen:
                seen.append(m)
                _nested(m, seen)
    return seen


def _is_list(ann) -> bool:
    if typing.get_origin(ann) is list:
        return True
    return typing.get_origin(ann) is Union and any(_is_list(a) for a in typing.get_args(ann))


def _scalar(value: Any) -> str:
    """One value as YAML writes it inline (an ISO date as a date, unquoted)."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=1000).strip()
    return text.removesuffix("\n...").removesuffix("...").strip()
