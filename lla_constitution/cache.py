"""Files lla keeps between runs so that a command starts quickly (issue 14).

Two things are cached, both in the user's cache directory
(``$XDG_CACHE_HOME/lla-constitution``, else ``~/.cache/lla-constitution``):

* the rules parser, as lark builds it (lark's ``cache=``), and the question
  parser, which lark cannot cache (it is an Earley parser), pickled by lla;
* each resolved rulebook, keyed by its file's bytes, the name it is shown
  under and a hash of the code that builds a rulebook.

A file that cannot be read back (missing, truncated, written by another
version) is rebuilt silently, and a directory that cannot be written only
means nothing is cached. ``LLA_NO_CACHE=1`` turns every cache off. Files are
written to a temporary name and renamed into place, so a reader never sees
half a file; only files lla wrote itself, in the user's own directory, are
ever unpickled.

>>> key("a", b"b") == key("a", b"b") != key("ab", b"")
True
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
import types
from pathlib import Path

APP = "lla-constitution"


def enabled() -> bool:
    return os.environ.get("LLA_NO_CACHE", "").strip() in ("", "0")


def directory() -> Path | None:
    """The cache directory, created if need be; None when caching is off or impossible."""
    if not enabled():
        return None
    base = os.environ.get("XDG_CACHE_HOME", "")
    try:
        # The XDG spec ignores a relative XDG_CACHE_HOME.
        root = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
        path = root / APP
        path.mkdir(parents=True, exist_ok=True)
    except (OSError, RuntimeError):  # no home directory, or not allowed to create it
        return None
    return path


def key(*parts: str | bytes) -> str:
    """A hex digest of the parts, each length-prefixed so that no two lists collide."""
    h = hashlib.sha256()
    for p in parts:
        b = p.encode("utf-8") if isinstance(p, str) else p
        h.update(len(b).to_bytes(8, "little"))
        h.update(b)
    return h.hexdigest()


def temp_name(path: Path) -> Path:
    """A fresh name beside `path` to write to before renaming into place."""
    return path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")


def write_bytes(path: Path, data: bytes) -> None:
    """Write atomically (a temporary file, then os.replace); any failure leaves no file."""
    tmp = temp_name(path)
    try:
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass


def prune(directory: Path, prefix: str, keep: str) -> None:
    """Remove this entry's files from earlier versions (same prefix, another name)."""
    try:
        for old in directory.glob(prefix + "*"):
            if old.name != keep:
                old.unlink()
    except OSError:
        pass


def load_pickle(path: Path, header: bytes):
    """The object pickled at `path` after `header`, or None (missing, stale or unreadable)."""
    try:
        with open(path, "rb") as f:
            if f.read(len(header)) != header:
                return None
            return pickle.load(f)
    except Exception:  # noqa: BLE001 - any unreadable cache file is rebuilt
        return None


class _Pickler(pickle.Pickler):
    """Pickles a module reference by name (lark's parsers keep the `re` module)."""

    def reducer_override(self, obj):
        if isinstance(obj, types.ModuleType):
            return _module, (obj.__name__,)
        return NotImplemented


def _module(name: str):
    __import__(name)
    return sys.modules[name]


def store_pickle(path: Path, header: bytes, obj) -> None:
    import io

    buf = io.BytesIO()
    buf.write(header)
    try:
        _Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL).dump(obj)
    except Exception:  # noqa: BLE001 - an object that cannot be pickled is simply not cached
        return
    write_bytes(path, buf.getvalue())


def python_tag() -> str:
    return "%s-%d.%d" % (sys.implementation.name, *sys.version_info[:2])
