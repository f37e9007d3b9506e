"""The start-up caches (lla_constitution/cache.py): a cached parser or rulebook
answers exactly as one built afresh, a changed file is never read stale, and a
cache that cannot be used is silently not used."""
from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from lla_constitution import cache, loader
from lla_constitution.resolve import Book

ROOT = Path(__file__).resolve().parent.parent
Q150 = "how many delegates may a local group with 150 members and 150 LLA supporters send to conference?"


def run_lla(*args, home: Path | None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ}
    if home is None:
        env["LLA_NO_CACHE"] = "1"
    else:
        env.pop("LLA_NO_CACHE", None)
        env["XDG_CACHE_HOME"] = str(home)
    return subprocess.run([sys.executable, "-m", "lla_constitution", *args], cwd=cwd, env=env,
                          capture_output=True)


COMMANDS = [
    ("ask", "--json", Q150),
    ("ask", "--json", "--draft", "tees", "may the steering committee call a special conference?"),
    ("ask", "--json", "--draft", "cac", "who may call a special conference?"),
    ("compare", "--json", "--family", "delegates", "--family", "recall"),
    ("diff", "--json", "dulwich", "law-sll", "--family", "delegates"),
]


def test_cold_and_warm_cache_answer_byte_for_byte(tmp_path):
    """A fresh cache directory, run twice (cold: building and writing; warm:
    reading), and once with no cache at all: the same bytes and exit codes."""
    home = tmp_path / "cache"
    for args in COMMANDS:
        cold = run_lla(*args, home=home)
        warm = run_lla(*args, home=home)
        none = run_lla(*args, home=None)
        assert cold.stderr == warm.stderr == none.stderr == b"", args
        assert cold.returncode == warm.returncode == none.returncode, args
        assert cold.stdout == warm.stdout == none.stdout, args
    names = sorted(p.name.split("-")[0] for p in (home / "lla-constitution").iterdir())
    assert names.count("lark") == 2 and "book" in names
    assert not [p for p in (home / "lla-constitution").iterdir() if p.name.endswith(".tmp")]


def test_no_cache_writes_nothing(tmp_path):
    env_home = tmp_path / "cache"
    r = subprocess.run([sys.executable, "-m", "lla_constitution", "ask", "--draft", "dulwich", Q150],
                       cwd=ROOT, capture_output=True,
                       env={**os.environ, "XDG_CACHE_HOME": str(env_home), "LLA_NO_CACHE": "1"})
    assert r.returncode == 0 and not env_home.exists()


def test_unwritable_cache_directory_is_silently_unused(tmp_path):
    home = tmp_path / "cache"
    home.write_text("a file where the directory would be")
    r = run_lla("ask", "--draft", "dulwich", Q150, home=home)
    assert r.returncode == 0 and r.stderr == b"" and b"determined: 3" in r.stdout


def test_book_modules_are_what_builds_a_book(tmp_path):
    """The code hash covers every module that loading a rulebook (and writing
    it to the cache) loads: a change to any of them makes cached rulebooks stale."""
    code = ("import sys, lla_constitution.loader as l; l.load('cac');"
            "print(' '.join(sorted(m.split('.')[1] for m in sys.modules"
            " if m.startswith('lla_constitution.'))))")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                       env={**os.environ, "XDG_CACHE_HOME": str(tmp_path)})
    assert sorted(r.stdout.split()) == sorted(loader.BOOK_MODULES)


@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("LLA_NO_CACHE", raising=False)
    return tmp_path / "cache" / "lla-constitution"


RULES = "rulebook mine\nclause 1 fee = £5 when kind = individual end\n"


def test_a_changed_file_is_never_read_stale(tmp_path, own_cache):
    path = tmp_path / "mine.lla"
    path.write_text(RULES)
    first = loader._cached_book(path)
    again = loader._cached_book(path)
    assert first is not again and again.ast == first.ast  # the second from the cache
    assert [p.name for p in own_cache.glob("book-*")]
    path.write_text(RULES.replace("£5", "£7"))
    changed = loader._cached_book(path)
    assert changed.ast != first.ast and "£7" in changed.ast.clauses[0].span.source.text
    assert len(list(own_cache.glob("book-*"))) == 1  # the stale entry was replaced


def test_an_unreadable_cache_file_is_rebuilt(tmp_path, own_cache):
    path = tmp_path / "mine.lla"
    path.write_text(RULES)
    fresh = loader._cached_book(path)
    (entry,) = own_cache.glob("book-*")
    entry.write_bytes(entry.read_bytes()[:40])  # truncated
    assert loader._cached_book(path).ast == fresh.ast
    entry.write_bytes(b"not a pickle at all")
    assert loader._cached_book(path).ast == fresh.ast
    assert loader._cached_book(path).ast == fresh.ast  # and written back whole


def test_cached_book_keeps_no_derived_caches():
    """What the engine keeps on a book (evaluate.topic_index) is not pickled."""
    from lla_constitution.evaluate import evaluate

    book = loader.load("dulwich")
    evaluate(book, "delegates", "conference", {"kind": "local_group", "members": 150, "lla_supporters": 150})
    assert "_topic_index" in book.__dict__
    again = pickle.loads(pickle.dumps(book))
    assert isinstance(again, Book) and "_topic_index" not in again.__dict__
    assert again.ast == book.ast and again.by_topic == book.by_topic


def test_cached_parsers_parse_alike(own_cache):
    """The rules parser (lark's own saved form) and the question parser
    (pickled) read back from the cache give the very trees built afresh."""
    from lark import Lark

    from lla_constitution.data import data_dir
    from lla_constitution.parser import cached_lark

    text = (data_dir("rules") / "dulwich.lla").read_text(encoding="utf-8")
    rules = (data_dir("grammar") / "constitution.lark").read_text(encoding="utf-8")
    lalr = dict(parser="lalr", propagate_positions=True, maybe_placeholders=False, lexer="contextual")
    fresh = Lark(rules, **lalr).parse(text)
    cached_lark("constitution.lark", rules, lalr)  # writes
    assert cached_lark("constitution.lark", rules, lalr).parse(text) == fresh  # reads
    questions = (data_dir("grammar") / "question.lark").read_text(encoding="utf-8")
    earley = dict(parser="earley", propagate_positions=True, ambiguity="resolve", start=["start", "described"])
    fresh = Lark(questions, **earley).parse(Q150, start="start")
    cached_lark("question.lark", questions, earley)
    assert cached_lark("question.lark", questions, earley).parse(Q150, start="start") == fresh
    assert len(list(own_cache.glob("lark-*"))) == 2


def test_cache_directory_follows_xdg(tmp_path, monkeypatch):
    monkeypatch.delenv("LLA_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "x"))
    assert cache.directory() == tmp_path / "x" / "lla-constitution"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.directory() == tmp_path / "home" / ".cache" / "lla-constitution"
    monkeypatch.setenv("LLA_NO_CACHE", "1")
    assert cache.directory() is None
