"""Shared helpers: run the CLI in-process and read the bundled data."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from lla_constitution.cli import main

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent


class Ran:
    def __init__(self, result):
        self.code = result.exit_code
        self.out = result.stdout
        self.err = result.stderr
        self.exception = result.exception

    def json(self):
        return json.loads(self.out)


@pytest.fixture
def lla(tmp_path, monkeypatch):
    """Run `lla ARGS...` in a temporary working directory."""
    monkeypatch.chdir(tmp_path)

    def run(*args, files: dict[str, str] | None = None):
        for name, text in (files or {}).items():
            (tmp_path / name).write_text(text, encoding="utf-8")
        result = CliRunner().invoke(main, list(args), catch_exceptions=True)
        ran = Ran(result)
        # A traceback is never an acceptable answer to bad input.
        assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), \
            f"unexpected exception: {result.exception!r}"
        assert "Traceback" not in ran.out + ran.err
        return ran

    return run


def documented_header_words(section: str) -> dict[str, list[str]]:
    """The table of accepted header words under `section` of the CLI docs'
    template, field -> its words (tests check it against register_csv's own)."""
    import re

    doc = (ROOT / "docs_src" / "templates" / "cli.md").read_text(encoding="utf-8")
    text = doc.split(section)[1].split("\n## ")[0]
    rows = re.findall(r"^\| `(\w+)` \| (.+) \|$", text, re.M)
    return {field: [w.strip(' "') for w in words.split(", ")] for field, words in rows}
