"""`lla schema` and `lla new`: action files people can write (issue 13, item 7).

Every action's template, with its example values, is accepted by `lla
check`; left with its placeholders it is refused by name; each optional
field, uncommented, still reads; and the JSON Schema describes every field.
"""
from __future__ import annotations

import json
import re

import pytest
import yaml

from lla_constitution.errors import InputError
from lla_constitution.inputs import load_actions
from lla_constitution.model import ACTIONS
from lla_constitution.template import _models, _nested, describe, schema, template

NAMES = list(ACTIONS)


@pytest.mark.parametrize("action", NAMES)
def test_the_example_template_is_accepted_by_check(lla, action):
    made = lla("new", action, "--example")
    assert made.code == 0 and made.err == ""
    r = lla("check", "a.yaml", files={"a.yaml": made.out})
    assert r.code in (0, 1, 3), r.err  # a verdict, whatever it is: never bad input
    assert r.out.startswith("cac")


@pytest.mark.parametrize("action", NAMES)
def test_filling_the_placeholders_gives_the_example(lla, action):
    """The template and the example differ only where a <placeholder> stands."""
    plain = lla("new", action).out.splitlines()
    example = lla("new", action, "--example").out.splitlines()
    assert len(plain) == len(example)
    differ = [(p, e) for p, e in zip(plain, example) if p != e]
    assert all(re.fullmatch(r"\s*[\w]+: <[^>]+>", p) and p.split(":")[0] == e.split(":")[0] for p, e in differ)
    r = lla("check", "a.yaml", "--draft", "dulwich", files={"a.yaml": "\n".join(plain) + "\n"})
    if differ:  # a placeholder left in is refused by name, at its place
        line = next(i for i, p in enumerate(plain, 1) if "<" in p and not p.lstrip().startswith("#"))
        key = plain[line - 1].split(":")[0].strip()
        assert r.code == 2
        assert r.err.startswith(f"a.yaml:{line}:{plain[line - 1].index('<') + 1}: error: "
                                f"'{key}' is still the template's placeholder\n")
    else:
        assert r.code in (0, 1, 3), r.err


@pytest.mark.parametrize("action", NAMES)
def test_each_optional_field_uncommented_still_reads(tmp_path, action):
    """Uncommenting a commented-out field (removing its '# ') gives a file the
    models read: its example is of the field's type. At most a relation
    between fields refuses it (one submitter, not two)."""
    lines = template(action, examples=True).splitlines()
    blocks = _commented_blocks(lines)
    assert blocks or action in ("affiliate", "send_delegates", "resolve_dispute", "appeal", "sign_motion",
                                "elect_committee", "nominate")
    for start, end in blocks:
        pad = re.match(r"\s*", lines[start]).group(0)
        opened = lines[:start] + [pad + line[len(pad) + 2:] for line in lines[start:end]] + lines[end:]
        path = tmp_path / "a.yaml"
        path.write_text("\n".join(opened) + "\n", encoding="utf-8")
        try:
            actions, _, _ = load_actions(str(path))
        except InputError as err:
            assert err.message.startswith("impossible value: "), (action, lines[start], err.render())
            continue
        assert actions[0].action == action


def _commented_blocks(lines: list[str]) -> list[tuple[int, int]]:
    """Where each commented-out field's lines are: a '# key: ...' line at some
    indent, and the lines under it at a deeper indent, also commented."""
    out = []
    body = next(i for i, line in enumerate(lines) if line.startswith("# Check it with")) + 1
    for i, line in enumerate(lines[body:], body):
        m = re.match(r"(\s*)# (\w+):", line)
        if not m or lines[i - 1].strip().startswith(f"# {m.group(2)}:"):
            continue
        pad = m.group(1)
        end = i + 1
        while end < len(lines) and lines[end].startswith(pad + "#  "):
            end += 1
        out.append((i, end))
    return out


def test_the_example_as_json_is_accepted_too(lla):
    made = lla("new", "submit_motion", "--example", "--json")
    data = made.json()
    assert data["action"] == "submit_motion" and data["group"] == {"kind": "local_group"}
    r = lla("check", "a.json", "--draft", "dulwich", files={"a.json": made.out})
    assert r.code in (0, 1, 3), r.err


def test_a_template_reads_as_comments_saying_meaning_and_default(lla):
    r = lla("new", "send_delegates")
    assert r.code == 0
    assert r.out == """\
# send_delegates: May this group send this many delegates to the body?
# Fill in each <...>; uncomment a line to give that value (left out, it is not given).
# Check it with: lla check FILE
action: send_delegates
# a label for this action in the report (optional)
# name: the Unite branch's motion
# the group sending delegates: a name from the --register file, or the group described here
#   (required)
group:
  # the group's name (a register finds a group by it) (optional)
  # name: Anytown Labour Left
  # what sort of group or person acts; one of individual, local_group, lla_branch, labour_branch,
  #   clp, union_national, union_regional, union_branch, broad_left_national, special_interest,
  #   equality_group, area, lla_body, region (required)
  kind: <one of the values above, e.g. local_group>
  # how many members the group has (optional)
  # members: 150
  # how many of them are signed-up LLA supporters (optional)
  # lla_supporters: 40
  # affiliation fee paid for the year (optional)
  # fee_paid: £20
  # the group is affiliated to the LLA (optional)
  # affiliated: true
  # a union branch's own region is affiliated (optional)
  # region_affiliated: true
  # the group's national organisation is affiliated (optional)
  # national_affiliated: true
  # the group is represented on the body (a seat, not only affiliation) (optional)
  # represented: true
# the body the delegates are sent to, by any of its names (default: conference)
body: conference
# how many delegates the group would send (required)
count: <a whole number, e.g. 2>
"""


def test_a_model_that_needs_one_of_several_fields_says_so(lla):
    out = lla("new", "call_special_conference", "--example").out
    assert "# Give one caller: 'by' (a body), 'petition' (of individual supporters) or 'groups_petition'" in out
    assert "\nby: organising group\n" in out and "\n# petition:\n" in out


@pytest.mark.parametrize("model", sorted({m for a in ACTIONS.values() for m in [a, *_nested(a)]},
                                         key=lambda m: m.__name__), ids=lambda m: m.__name__)
def test_every_field_is_described(model):
    undescribed = [name for name, field in model.model_fields.items() if not describe(model, name, field)]
    assert not undescribed


@pytest.mark.parametrize("action", NAMES)
def test_the_schema(lla, action):
    r = lla("schema", action)
    assert r.code == 0
    data = json.loads(r.out)
    assert data == schema(action)
    assert data["properties"]["action"]["const"] == action
    assert data["additionalProperties"] is False  # an unknown field is refused, as lla check refuses it
    model = ACTIONS[action]
    assert sorted(data.get("required", [])) == sorted(f.alias or n for n, f in model.model_fields.items()
                                                       if f.is_required())
    for where in [data, *data.get("$defs", {}).values()]:
        for name, prop in where["properties"].items():
            assert prop["description"], (action, name)
    # The example file's values are of the types the schema gives.
    example = yaml.safe_load(template(action, examples=True))
    for key, value in example.items():
        assert _fits(value, data["properties"][key], data), (action, key, value)


def _fits(value, prop: dict, root: dict) -> bool:
    """A small reading of JSON Schema: enough to check the examples' types."""
    if "$ref" in prop:
        return _fits(value, root["$defs"][prop["$ref"].rsplit("/", 1)[1]], root)
    if "anyOf" in prop:
        return any(_fits(value, p, root) for p in prop["anyOf"])
    if "const" in prop:
        return value == prop["const"]
    if "enum" in prop:
        return value in prop["enum"]
    kind = prop.get("type")
    if kind == "object":
        return isinstance(value, dict) and all(_fits(v, prop["properties"][k], root) for k, v in value.items())
    if kind == "array":
        return isinstance(value, list) and all(_fits(v, prop["items"], root) for v in value)
    return {"integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
            "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
            "boolean": lambda v: isinstance(v, bool), "null": lambda v: v is None,
            "string": lambda v: isinstance(v, str) or hasattr(v, "isoformat")}.get(kind, lambda v: True)(value)


def test_money_in_the_schema_is_pounds_as_a_file_writes_them(lla):
    group = json.loads(lla("schema", "affiliate").out)["$defs"]["Group"]["properties"]["fee_paid"]
    assert group["description"] == "affiliation fee paid for the year"
    money = group["anyOf"][0]
    assert money["description"] == "an amount in pounds, such as 20 or £20.50"
    assert re.fullmatch(money["anyOf"][1]["pattern"], "£20.50")


def test_schema_with_no_action_lists_them(lla):
    r = lla("schema")
    assert r.code == 0
    assert r.out.splitlines()[0].startswith("Actions (lla schema ACTION")
    assert "  recall_vote              Is this vote enough to recall a member of `body`?" in r.out
    listed = lla("schema", "--json").json()
    assert [row["action"] for row in listed] == NAMES
    assert all(row["description"].endswith("?") for row in listed)


UNKNOWN = """\
ACTION: error: unknown action 'jion'
  expected: one of join, affiliate, send_delegates, submit_motion, submit_amendment, sign_motion, \
circulate_motion, call_special_conference, recall_officer, pass_motion, vote, elect_committee, \
labour_membership, stand, recall_vote, resolve_dispute, appeal, nominate
  help: did you mean 'join'?
"""


@pytest.mark.parametrize("command", [["schema", "jion"], ["new", "jion"], ["new", "jion", "--example"]])
def test_an_unknown_action(lla, command):
    r = lla(*command)
    assert (r.code, r.out, r.err) == (2, "", UNKNOWN)
    r = lla(*command, "--json")
    assert r.code == 2
    assert r.json() == {"error": "input", "message": "unknown action 'jion'", "location": "ACTION",
                        "expected": UNKNOWN.split("expected: ")[1].split("\n")[0], "help": "did you mean 'join'?"}


def test_new_writes_a_file_and_never_over_one(lla, tmp_path):
    r = lla("new", "join", "-o", "join.yaml")
    assert (r.code, r.out, r.err) == (0, "", "wrote join.yaml\n")
    assert (tmp_path / "join.yaml").read_text(encoding="utf-8") == lla("new", "join").out
    r = lla("new", "join", "-o", "join.yaml")
    assert r.code == 2 and r.err.startswith("--output: error: 'join.yaml' already exists\n")


def test_nested_models_are_found():
    from lla_constitution.model import Group, PassMotion, Tally

    assert _models(PassMotion.model_fields["votes"].annotation) == [Tally]
    assert Group in _nested(ACTIONS["send_delegates"])
