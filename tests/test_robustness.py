"""Bad input gets one located error and exit 2, never an internal error or a
hang: the reproducers of the fuzzing campaign (issue 11), each pinned."""
from __future__ import annotations

import time

import pytest
from click.testing import CliRunner

from lla_constitution.cli import main

BIG = "9" * 4400
# (file name, its text, the command, text the one error must contain)
CASES = [
    ("a.yaml", "action: {}\n", ["check", "{f}", "--draft", "tees"], "a.yaml:1:9: error: the action must be a name"),
    ("a.yaml", "action: []\n", ["check", "{f}", "--draft", "tees"], "a.yaml:1:9: error: the action must be a name"),
    ("a.yaml", "action: join\nperson: {date: !!timestamp x}\n", ["check", "{f}", "--draft", "tees"],
     "a.yaml:2:16: error: impossible value: x (not a timestamp YAML can read)"),
    ("a.yaml", f"action: send_delegates\ngroup: {{kind: local_group, members: {BIG}}}\ncount: 1\n",
     ["check", "{f}", "--draft", "tees"], "a number of more than 4,300 digits, the most lla reads"),
    ("a.yaml", "action: send_delegates\ngroup: {kind: local_group, fee_paid: .inf}\ncount: 1\n",
     ["check", "{f}", "--draft", "tees"], "a.yaml:2:38: error: impossible value: an amount of money up to £1,000,000,000,000"),
    ("a.yaml", "action: send_delegates\ngroup: {kind: local_group, fee_paid: 1.0e+308}\ncount: 1\n",
     ["check", "{f}", "--draft", "tees"], "an amount of money up to"),
    ("a.yaml", "action: join\nperson: {str: 1}\n", ["check", "{f}", "--draft", "tees"],
     "a.yaml:2:10: error: unknown field 'str'"),
    ("r.lla", 'rulebook r\nclause 1\n  text """x"""\n  join = allowed when ' + "not " * 600 + "lla_supporter\nend\n",
     ["lint", "{f}"], "r.lla:4:23: error: a condition nested 600 deep is more than lla reads"),
    ("r.lla", 'rulebook r\nbody conference "conference"\nclause 1\n  text """x"""\n'
              "  submit_motion(conference) = forbidden when lead_time >= 9999 years\nend\n",
     ["lint", "{f}"], "r.lla:5:59: error: a duration of 9999 years is longer than lla counts"),
    ("r.lla", f'rulebook r\nclause 1\n  text """x"""\n  join = allowed when members >= {BIG}\nend\n',
     ["lint", "{f}"], "r.lla:4:34: error: a number of 4400 digits is more than lla reads"),
    ("r.lla", 'rulebook r\nclause 1\n  text """x"""\n  join = allowed when date >= 20\nend\n',
     ["lint", "{f}"], "r.lla:4:31: error: 'date' is a date, but this is a whole number"),
    ("r.lla", 'rulebook r\n  source "/etc/passwd" lines 1..3\nclause 1 lines 1..1\n  text """x"""\n  join = allowed\nend\n',
     ["coverage", "{f}", "--unaccounted"], "the source text '/etc/passwd' is not a file name"),
    ("a.yaml", "\n".join(['a: &a ["x","x","x","x","x","x","x","x","x"]'] +
                         [f"{chr(97 + i)}: &{chr(97 + i)} [" + ",".join(["*" + chr(96 + i)] * 9) + "]"
                          for i in range(1, 8)] + ["action: join", "person: {name: *h}"]) + "\n",
     ["check", "{f}", "--draft", "tees"], "a.yaml:1:1: error: the file expands to more than 100,000 values"),
    (None, None, ["check", "/dev/zero", "--draft", "tees"], "/dev/zero: error: '/dev/zero' is not a regular file"),
    (None, None, ["diff", "a" * 300, "dulwich"], "error: unknown draft 'aaaa"),
    (None, None, ["diff", "", "dulwich"], "DRAFT: error: unknown draft ''"),
    (None, None, ["lint", ""], "FILES: error: an empty name is no draft"),
    (None, None, ["compare", "--family", "fees", "-o", "/nonexistent/dir/x.html"],
     "--output: error: no directory to write '/nonexistent/dir/x.html' in"),
]


@pytest.mark.parametrize("name,text,args,said", CASES)
def test_bad_input_gets_one_located_error(tmp_path, name, text, args, said):
    f = ""
    if name:
        f = str(tmp_path / name)
        (tmp_path / name).write_text(text, encoding="utf-8")
    start = time.monotonic()
    r = CliRunner().invoke(main, [a.replace("{f}", f) for a in args])
    took = time.monotonic() - start
    assert r.exit_code == 2, r.output
    assert said in r.output.replace(str(tmp_path) + "/", ""), r.output
    assert "internal error" not in r.output and "Traceback" not in r.output
    assert len(r.output) < 2000  # one message, not an echo of the input
    assert took < 30  # no hang (not a timing assertion: a bound far above the normal)
