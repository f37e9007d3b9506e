"""Imported once by the web app's fork server (web/limits.py): the engine's
modules and every bundled rulebook, so each worker forked from it starts
with them loaded, and no worker imports anything while another thread
could hold an import's lock."""
from __future__ import annotations

from .. import actions, answer_acts, ask, books, inputs, question, question_acts, service  # noqa: F401
from .. import register_csv, report_md  # noqa: F401
from ..analyse import compare, diff, report, witness  # noqa: F401
from ..analyse import lint  # noqa: F401
from ..conference import run, tallies  # noqa: F401
from ..loader import bundled_ids, load
from . import work  # noqa: F401

for _rid in bundled_ids():
    load(_rid)
