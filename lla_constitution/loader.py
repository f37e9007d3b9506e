"""Find and load rulebooks: bundled ones by id, or any .lla file by path.

>>> sorted(bundled_ids())[:1]
['dulwich']
>>> load("dulwich").id
'dulwich'
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .ast import Rulebook
from .build import build
from .data import data_dir
from .errors import InputError, did_you_mean, fail
from .parser import parse_rules
from .resolve import Book, resolve
from .source import Source


def parse_text(text: str, name: str = "<rules>") -> Rulebook:
    source = Source(name, text)
    return build(parse_rules(source), source)


def parse_file(path: Path) -> Rulebook:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        fail(InputError, None, f"cannot read rules file: {err}", path=str(path))
    return parse_text(text, _display(path))


def _display(path: Path) -> str:
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def bundled_ids() -> list[str]:
    return sorted(p.stem for p in data_dir("rules").glob("*.lla"))


@lru_cache(maxsize=None)
def _load_path(path: str) -> Book:
    book = resolve(parse_file(Path(path)))
    return book


def load(name: str) -> Book:
    """Load a rulebook by bundled id (``dulwich``) or by path to a ``.lla`` file."""
    path = Path(name)
    if name.endswith(".lla") or path.is_file():
        if not path.is_file():
            fail(InputError, None, f"no rules file at '{name}'", path=name)
        return _load_path(str(path.resolve()))
    ids = bundled_ids()
    if name not in ids:
        hint = did_you_mean(name, ids)
        fail(InputError, None, f"unknown draft '{name}'",
             expected="one of " + ", ".join(ids + ["all"]),
             help=hint or "pass a bundled draft id, 'all', or a path to a .lla file",
             path="--draft")
    return _load_path(str(data_dir("rules") / f"{name}.lla"))


def load_many(names) -> list[Book]:
    """Expand 'all' and load each named rulebook once, in the order given."""
    out, seen = [], set()
    for name in names or ["all"]:
        for n in (bundled_ids() if name == "all" else [name]):
            if n not in seen:
                seen.add(n)
                out.append(load(n))
    return out
