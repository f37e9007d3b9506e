"""Find and load rulebooks: bundled ones by id, or any .lla file by path.

>>> "dulwich" in bundled_ids()
True
>>> load("dulwich").id
'dulwich'
"""
from __future__ import annotations

import sys
from contextvars import ContextVar

from functools import lru_cache
from pathlib import Path

from .ast import Rulebook
from .data import data_dir
from .errors import DslSyntaxError, InputError, did_you_mean, fail
from .resolve import Book, resolve
from .source import Source


MAX_NESTING = 100  # `not`s and brackets one inside another, per line


def parse_text(text: str, name: str = "<rules>") -> Rulebook:
    # Imported here: a rulebook read from the cache needs neither (nor lark).
    from .build import build
    from .parser import parse_rules

    source = Source(name, text)
    _check_nesting(source)
    return build(parse_rules(source), source)


def _check_nesting(source: Source) -> None:
    """Refuse a condition nested deeper than MAX_NESTING before it is parsed:
    the parser and the analyses walk conditions recursively, and a deep one
    would exhaust the stack. No constitution nests a condition so deep."""
    import re

    offset = 0
    for line in source.text.split("\n"):
        depth = best = 0
        for m in re.finditer(r"\bnot\b|[()]", line):
            depth = depth + 1 if m.group(0) != ")" else max(0, depth - 1)
            if m.group(0) == "not" and best < depth:
                best = depth
            best = max(best, depth)
        if best > MAX_NESTING:
            where = re.search(r"\bnot\b|\(", line).start()
            fail(DslSyntaxError, source.span(offset + where, offset + where + 3),
                 f"a condition nested {best} deep is more than lla reads",
                 expected=f"at most {MAX_NESTING} 'not's and brackets inside one another",
                 help="write the condition more simply: 'not not x' is x")
        offset += len(line) + 1


MAX_FILE_BYTES = 5_000_000  # a rule, action or register file; the largest bundled is ~0.1 MB
# A register saved as CSV is read a line at a time into groups (about 1.5 KB
# of memory each, a person less): 200 MB is some 3 million rows. A YAML or
# JSON register keeps every node with its place while it is checked, about
# 100 times its size, so it keeps the limit of every other file.
MAX_CSV_REGISTER_BYTES = 200_000_000


def is_file(path) -> bool:
    """Path.is_file, False for a name the system cannot even look up (too long)."""
    try:
        return Path(path).is_file()
    except (OSError, ValueError):
        return False


# The argument a draft name was given in, for its error: '--draft' for
# ask and check, 'DRAFT' where it is a command's first argument (show).
DRAFT_ARGUMENT: ContextVar[str] = ContextVar("draft_argument", default="--draft")
STDIN = "-"  # a file argument given as '-' is read from standard input
_stdin: list[str] = []  # read once: a command may look at its input twice


def read_stdin(what: str, limit: int | None = None) -> str:
    """Standard input's text, under the same size limit and UTF-8 check as a file."""
    limit = MAX_FILE_BYTES if limit is None else limit
    if _stdin and len(_stdin[0]) > limit:
        _too_big(what, "on standard input", limit, "<stdin>")
    if not _stdin:
        raw = sys.stdin.buffer.read(limit + 1) if hasattr(sys.stdin, "buffer") else \
            sys.stdin.read(limit + 1).encode("utf-8")
        if len(raw) > limit:
            _too_big(what, "on standard input", limit, "<stdin>")
        try:
            _stdin.append(raw.decode("utf-8"))
        except UnicodeDecodeError as err:
            shown = Source("<stdin>", raw.decode("utf-8", errors="replace"))
            offset = len(raw[:err.start].decode("utf-8", errors="replace"))
            fail(InputError, shown.span(offset, offset + 1),
                 f"the {what} on standard input is not UTF-8 text (byte {err.start} cannot be read)",
                 help="save it as UTF-8")
    return _stdin[0]


def _too_big(what: str, where: str, limit: int, path: str):
    help_ = None
    if what == "register" and limit < MAX_CSV_REGISTER_BYTES:
        help_ = (f"save a large register as a spreadsheet (.csv), which may be up to "
                 f"{MAX_CSV_REGISTER_BYTES:,} bytes")
    fail(InputError, None, f"the {what} {where} is larger than {limit:,} bytes",
         path=path, expected=f"at most {limit:,} bytes", help=help_)


def read_text(path, what: str, limit: int | None = None) -> str:
    """A regular file's text, refusing devices, pipes and files over the limit
    (MAX_FILE_BYTES unless `limit` is given); '-' is standard input."""
    limit = MAX_FILE_BYTES if limit is None else limit
    if str(path) == STDIN:
        return read_stdin(what, limit)
    p = Path(path)
    try:
        if not p.is_file():
            fail(InputError, None, f"'{path}' is not a regular file", path=str(path),
                 help=f"give the path of the {what} file")
        if p.stat().st_size > limit:
            _too_big(what, "file", limit, str(path))
        return p.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        # Point at the byte: the text up to it decodes, so its line and column are known.
        raw = p.read_bytes()
        shown = Source(str(path), raw.decode("utf-8", errors="replace"))
        offset = len(raw[:err.start].decode("utf-8", errors="replace"))
        fail(InputError, shown.span(offset, offset + 1),
             f"the {what} file is not UTF-8 text (byte {err.start} cannot be read)",
             help="save it as UTF-8")
    except OSError as err:
        fail(InputError, None, f"cannot read the {what} file: {err.strerror or err}", path=str(path))


def parse_file(path: Path) -> Rulebook:
    if str(path) == STDIN:
        return parse_text(read_stdin("rules"), "<stdin>")
    return parse_text(read_text(path, "rules"), _display(path))


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
    return _cached_book(Path(path))


# The modules whose code builds a Book from a rules file (what importing this
# module loads of the package): a change to any of them, to the rules grammar,
# to lark or to Python makes every cached rulebook stale.
# tests/test_cache.py checks the list against what the import really loads.
BOOK_MODULES = ("ast", "build", "cache", "data", "errors", "loader", "parser", "resolve", "source", "vocab")


@lru_cache(maxsize=None)
def code_key() -> str | None:
    """A hash of everything besides the file that a resolved rulebook depends on
    (None when some of it cannot be read: then nothing is cached)."""
    import importlib.util
    import pickle

    from . import __version__, cache

    here = Path(__file__).resolve().parent
    try:
        lark_init = importlib.util.find_spec("lark").origin  # its version is in it; not imported
        files = [here / f"{m}.py" for m in BOOK_MODULES] + [data_dir("grammar") / "constitution.lark", Path(lark_init)]
        return cache.key(__version__, cache.python_tag(), str(pickle.HIGHEST_PROTOCOL),
                         *(f.read_bytes() for f in files))
    except (OSError, AttributeError, TypeError, ValueError, FileNotFoundError):
        return None


def _cached_book(path: Path) -> Book:
    """resolve(parse_file(path)), from the user's cache when this very file
    (its bytes and the name it is shown under) was resolved by this very code
    before; the cache file is rebuilt silently when it is missing or stale."""
    from . import cache

    where = cache.directory()
    code = code_key() if where is not None else None
    raw = None
    if code is not None:
        try:
            if path.is_file() and path.stat().st_size <= MAX_FILE_BYTES:
                raw = path.read_bytes()
        except OSError:
            raw = None
    if raw is None:  # no cache, or a file read_text will refuse with its own message
        return resolve(parse_file(path))
    try:
        # As Path.read_text reads it (universal newlines), from the bytes hashed.
        import io

        text = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8").read()
    except UnicodeDecodeError:
        return resolve(parse_file(path))
    display = _display(path)
    entry = f"book-{cache.key(str(path), display)[:20]}-"
    file = where / f"{entry}{code[:16]}.pickle"
    header = f"lla book {cache.key(code, display, raw)}\n".encode()
    book = cache.load_pickle(file, header)
    if isinstance(book, Book):
        return book
    book = resolve(parse_text(text, display))
    cache.store_pickle(file, header, book)
    cache.prune(where, entry, file.name)
    return book


def load(name: str) -> Book:
    """Load a rulebook by bundled id (``dulwich``) or by path to a ``.lla`` file
    ('-': from standard input)."""
    if name == STDIN:
        return _own_id(resolve(parse_text(read_stdin("rules"), "<stdin>")))
    path = Path(name)
    if name.endswith(".lla") or is_file(path):
        if not is_file(path):
            fail(InputError, None, f"no rules file at '{name}'", path=name)
        resolved = path.resolve()
        book = _load_path(str(resolved))
        return book if resolved == (data_dir("rules") / f"{book.id}.lla").resolve() else _own_id(book)
    ids = bundled_ids()
    if name not in ids:
        hint = did_you_mean(name, ids)
        fail(InputError, None, f"unknown draft '{name}'",
             expected="one of " + ", ".join(ids + ["all"]),
             help=hint or "pass a bundled draft id, 'all', or a path to a .lla file",
             path=DRAFT_ARGUMENT.get())
    return _load_path(str(data_dir("rules") / f"{name}.lla"))


def _own_id(book: Book) -> Book:
    """A drafter's file may not take a bundled draft's id: its answers
    would be labelled, and read, as that draft's (round 68: a composed CAC
    saved as `rulebook london` answered as "london:" under 3.2.e)."""
    import re

    if book.id in bundled_ids():
        span = book.ast.span
        m = re.compile(r"(?m)^rulebook\s+(\S+)").search(span.source.text) if span else None
        fail(InputError, span.source.span(m.start(1), m.end(1)) if m else None,
             f"the rulebook id '{book.id}' is a bundled draft's",
             help=f"give the file its own id, e.g. '{book.id}-mine', so that its answers are not "
                  "labelled as the bundled draft's")
    return book


def load_many(names) -> list[Book]:
    """Expand 'all' and load each named rulebook once, in the order given."""
    out, seen = [], set()
    for name in names or ["all"]:
        for n in (bundled_ids() if name == "all" else [name]):
            if n not in seen:
                seen.add(n)
                out.append(load(n))
    return out


@lru_cache(maxsize=4096)
def _resolve_cached(ast: Rulebook) -> Book:
    return resolve(ast)


def load_variants(names, options=(), amends=(), topics=None) -> list[Book]:
    """The drafts asked, amended, and for composite menus one constitution per
    open choice that matters to `topics` (the chosen options fixed)."""
    from .amend import apply_amendments
    from .compose import parse_options, variants

    books = load_many(names)
    if amends:
        from .books import amendment_names

        amendment_names("--amend", list(amends), path="--amend")  # each once (round 66 readers)
        for aid in amends:
            if not any(b.ast.amendment(aid) for b in books):
                known = sorted({a.id for b in books for a in b.ast.amendments})
                fail(InputError, None, f"no draft asked has an amendment '{aid}'", path="--amend",
                     expected=("one of " + ", ".join(known)) if known else None,
                     help=did_you_mean(aid, known) or "list a draft's amendments with: lla amend DRAFT")
    if options and not any(b.ast.choices for b in books):
        fail(InputError, None, "--option needs a composite draft, and none was asked",
             path="--option", help="add --draft cac")
    out = []
    for book in books:
        ast = book.ast
        mine = [a for a in amends if ast.amendment(a)]
        # In a menu an amendment is voted on as a choice: carry it that way.
        voted = {aid: f"{ch.id}={o.key}" for ch in ast.choices for o in ch.options for aid in o.applies}
        picks = list(options) + [voted[a] for a in mine if a in voted]
        mine = [a for a in mine if a not in voted]
        if mine:
            ast = apply_amendments(ast, mine)
        if not ast.choices:
            out.append(book if ast is book.ast else _resolve_cached(ast))
            continue
        chosen = parse_options(ast, picks)
        out += [_resolve_cached(v) for v, _ in variants(ast, chosen, topics)]
    return out
