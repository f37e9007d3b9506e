"""The check form, generated from the action models (model.ACTIONS).

Every field of an action becomes a labelled control: a choice of values for
a `Literal` (a kind of group, a Labour status), yes / no / not said for a
yes-or-no fact, a number, a date, or text; a group, a person or a tally is
a fieldset of its own fields. What the user fills becomes the same YAML
`lla check` reads, shown beside the answers for reuse. A field the form
cannot hold (a list of initiators or branches) is left to the YAML box.

>>> [f["name"] for f in action_form("join")[0]["fields"]][:3]
['f.person.labour_status', 'f.person.witch_hunt', 'f.person.other_party']
>>> print(to_yaml("join", {"f.person.labour_status": "member", "f.person.lla_supporter": "true"}), end="")
action: join
person:
  labour_status: member
  lla_supporter: true
"""
from __future__ import annotations

import datetime as dt
import types
import typing
from functools import lru_cache

from pydantic import BaseModel

from ..errors import InputError, fail

_SKIP = {"action", "name"}


def actions() -> list[dict]:
    """Each action as the form's menu offers it: id and what it asks, in words."""
    from ..model import ACTIONS
    from ..words import ACTIONS as SAID

    return [{"id": a, "label": SAID.get(a, a.replace("_", " "))} for a in ACTIONS]


@lru_cache(maxsize=64)
def action_form(action: str) -> list[dict]:
    from ..errors import did_you_mean
    from ..model import ACTIONS

    model = ACTIONS.get(action)
    if model is None:
        fail(InputError, None, f"unknown action '{action[:60]}'", path="action",
             expected="one of " + ", ".join(ACTIONS), help=did_you_mean(action, ACTIONS))
    return _fields(model, "f", 0)


def _fields(model: type[BaseModel], prefix: str, depth: int) -> list[dict]:
    out = []
    for name, info in model.model_fields.items():
        if name in _SKIP and depth == 0 or name == "name" and depth > 0:
            continue
        path = f"{prefix}.{info.alias or name}"
        label = name.replace("_", " ")
        help_ = info.description or ""
        kind, choices, inner = _kind(info.annotation)
        if kind == "list":  # a form says "none", not YAML's []
            help_ = help_.replace("[] for none", "none for none")
        field = {"name": path, "label": label, "help": help_, "kind": kind, "choices": choices,
                 "required": info.is_required(), "default": None if info.is_required() else _shown(info.default)}
        if kind == "group" and depth < 2:
            field["fields"] = _fields(inner, path, depth + 1)
        elif kind == "group":
            continue
        if kind == "skip":
            continue
        out.append(field)
    return out


def _shown(value) -> str | None:
    if value is None or isinstance(value, (list, dict)):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _kind(annotation):
    """(control, choices, inner model) for a field's type."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
        if models:  # a group by name or by its fields: the fields
            return "group", None, models[0]
        if any(a in (dt.datetime,) for a in args):
            return "datetime", None, None
        if len(args) == 1:
            return _kind(args[0])
        return "text", None, None
    if origin is typing.Annotated:
        return _kind(args[0])
    if origin is typing.Literal:
        return "choice", [str(a) for a in typing.get_args(annotation)], None
    if origin in (list, tuple):
        inner = args[0] if args else str
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            return "skip", None, None  # initiators, branches: the YAML box
        return "list", None, None
    if annotation is bool:
        return "bool", None, None
    if annotation is int:
        return "int", None, None
    if annotation in (dt.date,):
        return "date", None, None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "group", None, annotation
    if isinstance(annotation, type) and issubclass(annotation, dt.date):
        return "date", None, None
    return "text", None, None


def to_yaml(action: str, values: dict[str, str]) -> str:
    """The filled form as an action file, the fields in the form's order."""
    import yaml

    doc: dict = {"action": action}
    kinds = {f["name"]: f["kind"] for f in _flat(action_form(action))}
    for path, raw in values.items():
        raw = raw.strip()
        if not raw or path not in kinds:
            continue
        value = _value(kinds[path], raw)
        node = doc
        keys = path.split(".")[1:]
        for k in keys[:-1]:
            node = node.setdefault(k, {})
        node[keys[-1]] = value
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)


def _flat(fields):
    for f in fields:
        yield f
        yield from _flat(f.get("fields") or [])


def _value(kind: str, raw: str):
    if kind == "bool":
        return {"true": True, "false": False}.get(raw, raw)
    if kind == "int":
        return int(raw) if raw.lstrip("-").isdigit() else raw
    if kind == "list":
        if raw.lower() in ("none", "[]"):
            return []  # the form's word for an empty list (round 55: '[]' was a name)
        return [p.strip() for p in raw.replace(";", ",").split(",") if p.strip()]
    return raw


def choice_words(name: str, value: str) -> str:
    """A choice in a form's menu as the answers say it.

    >>> choice_words("f.person.labour_status", "non_member"), choice_words("f.group.kind", "clp")
    ('not in the Labour Party', 'a Constituency Labour Party')
    """
    from ..words import _enum

    return _enum(name.rpartition(".")[2], value, {}) or value.replace("_", " ")
