"""A bounded fuzz suite over every input surface: whatever comes in, lla gives
an answer or one located error with exit 2, never an internal error, within a
time bound. Rule files are mutated from the bundled ones; questions, action
and register files, option strings and draft names are drawn at random.

A longer run is the same tests with more examples:

    LLA_FUZZ_EXAMPLES=2000 pytest tests/test_fuzz.py
"""
from __future__ import annotations

import os
import re
import time

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lla_constitution.cli import main
from lla_constitution.data import data_dir
from lla_constitution.model import ACTIONS

EXAMPLES = int(os.environ.get("LLA_FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
BOUND = 60  # seconds: far above any answer's time; a hang would blow through it
LOCATED = re.compile(r"^(\S.*?): error: ", re.M)


def _run(args, inp=None):
    start = time.monotonic()
    r = CliRunner().invoke(main, args, input=inp)
    took = time.monotonic() - start
    assert took < BOUND, (args, took)
    assert "internal error" not in r.output and "Traceback" not in r.output, (args, r.output)
    assert r.exception is None or isinstance(r.exception, SystemExit), (args, repr(r.exception))
    if r.exit_code == 2:
        # One error: lla's located one, or click's own for a malformed command
        # line ("Error: No such option '-1'"), which names the argument.
        if "\nError: " in r.output or r.output.startswith("Error: "):
            assert r.output.count("Error: ") == 1, (args, r.output)
        else:
            assert LOCATED.search(r.output), (args, r.output)
            assert r.output.count(": error: ") == 1, (args, r.output)
    else:
        assert r.exit_code in (0, 1, 3), (args, r.exit_code, r.output)
    return r


# ---- questions -----------------------------------------------------------------

_WORDS = ["how", "many", "delegates", "may", "a", "local", "group", "with", "members", "and", "LLA",
          "supporters", "send", "to", "conference", "the", "OG", "what", "fee", "does", "pay",
          "paying", "£20", "150", "0", "who", "trade", "union", "branch", "?", "quorum", "of",
          "is", "often", "meet", "elected", "99999999999999999999", "-1", "£", "national",
          # the yes-or-no and who-may forms
          "can", "join", "affiliate", "vote", "on", "stand", "for", "submit", "motion", "amendment",
          "call", "special", "recall", "member", "suspended", "expelled", "Labour", "co-opted",
          "petition", "enough", "carried", "by", "votes", "days", "before", "it", "change",
          "constitution", "majority", "need", "signatures", "notice", "appealed", "decisions",
          "disputes", "about", "membership", "Socialist", "Appeal", "another", "emergency", "10"]


@FUZZ
@given(st.lists(st.sampled_from(_WORDS) | st.text(max_size=6), max_size=25),
       st.sampled_from(["tees", "dulwich", "cac", "law-sll"]))
def test_any_question(words, draft):
    _run(["ask", "--draft", draft, " ".join(words)])


_ACTS = ["join?", "affiliate?", "vote on the organising group?", "stand for conference?",
         "submit a motion to conference?", "submit an amendment to conference 3 days before it?",
         "sign another motion?", "call a special conference?", "recall a member of the OG?",
         "nominate an officer for the steering committee?", "send 2 delegates to conference?",
         "change the constitution?", "have 12 members?", "be appealed?", "resolve disputes?",
         "be a Labour Party member?"]


@FUZZ
@given(st.lists(st.sampled_from(_WORDS) | st.text(max_size=8), max_size=12),
       st.sampled_from(_ACTS), st.sampled_from(["may", "who may", "can", "is"]),
       st.sampled_from(["tees", "dulwich", "london"]))
def test_any_subject(words, act, lead, draft):
    """Any words before an act's verb: a located error or an answer."""
    subject = "" if lead == "who may" else " ".join(words) + " "
    _run(["ask", "--draft", draft, f"{lead} {subject}{act}"])


# ---- action and register files -----------------------------------------------------

_FIELDS = sorted({f for m in ACTIONS.values() for f in m.model_fields} |
                 {"kind", "members", "lla_supporters", "fee_paid", "affiliated", "labour_status",
                  "member_of", "date", "votes", "for", "against", "abstain", "eligible"})
_SCALARS = (st.none() | st.booleans() | st.integers(-10, 10**6) | st.floats(allow_nan=True)
            | st.text(max_size=12) | st.sampled_from(list(ACTIONS) + ["local_group", "member",
                                                                    "2020-02-30", "£20", "conference"])
            | st.dates().map(str))
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=3)
                       | st.dictionaries(st.sampled_from(_FIELDS), inner, max_size=4), max_leaves=12)


@FUZZ
@given(st.dictionaries(st.sampled_from(_FIELDS), _VALUES, max_size=6),
       st.sampled_from(list(ACTIONS)))
def test_any_action_file(tmp_path_factory, fields, action):
    path = tmp_path_factory.mktemp("a") / "a.yaml"
    doc = dict(fields)
    doc.setdefault("action", action)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    _run(["check", str(path), "--draft", "tees"])


@FUZZ
@given(st.text(max_size=300))
def test_any_text_as_an_action_file(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("t") / "t.yaml"
    path.write_text(text, encoding="utf-8")
    _run(["check", str(path), "--draft", "dulwich"])


@FUZZ
@given(st.lists(st.dictionaries(st.sampled_from(["name", "kind", "members", "lla_supporters",
                                                 "affiliated", "fee_paid", "aliases"]), _SCALARS,
                                max_size=5), max_size=4))
def test_any_register(tmp_path_factory, groups):
    path = tmp_path_factory.mktemp("r") / "r.yaml"
    path.write_text(yaml.safe_dump({"groups": groups}, allow_unicode=True), encoding="utf-8")
    _run(["ask", "--draft", "tees", "--register", str(path), "what fee does a local group pay?"])


# ---- rule files, mutated from the bundled ones ------------------------------------------

_BOOKS = {p.stem: p.read_text(encoding="utf-8") for p in sorted(data_dir("rules").glob("*.lla"))}


@st.composite
def mutated(draw):
    text = _BOOKS[draw(st.sampled_from(["merseyside", "launch-2020", "london", "tees"]))]
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        how = draw(st.sampled_from(["drop", "dup", "chars", "swap", "number"]))
        if how == "drop":
            del lines[i]
        elif how == "dup":
            lines.insert(i, lines[i])
        elif how == "swap" and i + 1 < len(lines):
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
        elif how == "number":
            lines[i] = re.sub(r"\d+", str(draw(st.integers(0, 10**20))), lines[i], count=1)
        else:
            line = lines[i]
            j = draw(st.integers(0, len(line)))
            lines[i] = line[:j] + draw(st.text(max_size=4)) + line[j + draw(st.integers(0, 3)):]
    return "\n".join(lines)


@FUZZ
@given(mutated())
def test_any_mutated_rule_file(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("m") / "m.lla"
    path.write_text(text, encoding="utf-8")
    _run(["lint", str(path)])
    _run(["ask", "--draft", str(path), "what fee does a local group with 20 members pay?"])


# ---- option strings, draft names and diff sides -------------------------------------------

_NAMES = st.sampled_from(["cac", "dulwich", "tees", "london+swansea", "cac:4.2=B", "cac:4.2=Z",
                          "cac:", ":", "+", "london+", "nosuch", "", "rules/", "cac:4.2=B,3.2=A"]) \
    | st.text(max_size=20)


@FUZZ
@given(_NAMES, st.lists(st.text(max_size=12) | st.sampled_from(["4.2=B", "3.2=E", "x=y", "=", "4.2="]),
                        max_size=3))
def test_any_draft_and_options(draft, options):
    args = ["ask", "--draft", draft]
    for o in options:
        args += ["--option", o]
    _run(args + ["what fee does a local group pay?"])


@settings(max_examples=max(EXAMPLES // 4, 5), deadline=None, suppress_health_check=list(HealthCheck))
@given(_NAMES, _NAMES, st.sampled_from(["fees", "eligibility", "feez", "delegates(conference)"]))
def test_any_diff_sides(a, b, family):
    _run(["diff", a, b, "--family", family])
