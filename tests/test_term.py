"""Terminal output: colour and a pager on a terminal only, width from it,
plain text when piped, NO_COLOR honoured (https://no-color.org)."""
from __future__ import annotations

import click
from click.testing import CliRunner

from lla_constitution import term
from lla_constitution.cli import main

Q = "may the steering committee call a special conference?"


def _run(*args, env=None):
    return CliRunner().invoke(main, list(args), env=env or {})


def test_piped_output_is_plain(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    r = _run("ask", "--draft", "tees", Q)
    assert r.exit_code == 0 and "\x1b[" not in r.output
    assert "tees: determined: no" in r.output


def test_a_terminal_gets_colour_unless_no_color(monkeypatch):
    monkeypatch.setattr(term, "is_terminal", lambda stream=None: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    r = _run("ask", "--draft", "tees", Q)
    assert "\x1b[31mno\x1b[0m" in r.output  # the verdict, in red
    monkeypatch.setenv("NO_COLOR", "1")
    r = _run("ask", "--draft", "tees", Q)
    assert "\x1b[" not in r.output


def test_long_output_goes_through_a_pager_on_a_terminal(monkeypatch):
    paged = []
    monkeypatch.setattr(term, "is_terminal", lambda stream=None: True)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setattr(click, "echo_via_pager", lambda text, color=None: paged.append(text))
    monkeypatch.setattr("lla_constitution.cli._screen_lines", lambda: 5)
    r = _run("ask", "--draft", "tees", "--draft", "law-sll", Q)
    assert r.exit_code == 0 and paged and "tees: determined: no" in paged[0]
    paged.clear()
    r = _run("--no-pager", "ask", "--draft", "tees", "--draft", "law-sll", Q)
    assert not paged and "tees: determined: no" in r.output


def test_tables_take_the_width_they_are_given():
    r = _run("ask", "--draft", "tees", "who may call a special conference?", env={"COLUMNS": "60"})
    lines = r.output.splitlines()
    table = lines[lines.index(next(x for x in lines if x.startswith("who "))):]
    assert max(len(x) for x in table[:12]) <= 60
