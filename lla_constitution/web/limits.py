"""What a request may cost the server: its size, its time and its memory.

Every piece of engine work a request asks for runs in a worker process with
a time box and a memory cap, so no input can hang the server or take its
memory (issue 15): a comparison over many drafts or a question over many
composite options stops at the limit with a located message, as the CLI's
own limits do. A worker starts in milliseconds: it is forked from a server
process that has imported the engine and loaded every rulebook already.

>>> run_limited(sum, [1, 2, 3], seconds=5)
6
"""
from __future__ import annotations

import multiprocessing
import resource
import os
import threading

from ..errors import InputError, LlaError

MAX_BODY = 2_000_000  # bytes of a request: a register or rule file pasted in
TIME_LIMIT = 10.0  # seconds of one request's engine work, unless the server says otherwise
MEMORY_HEADROOM = 1 << 30  # bytes a worker may use beyond what it holds when it starts

# Workers are forked from a fork server that has imported the engine and
# loaded every bundled rulebook, and runs no threads: forking the threaded
# web server itself could copy a lock another thread holds (an import's)
# and leave the worker waiting on it for ever.
_PRELOAD = ["lla_constitution.web.preload"]
_lock = threading.Lock()
_context = None


class TimeBox(InputError):
    """A request whose work ran past its time box."""


def _ctx():
    global _context
    with _lock:
        if _context is None:
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(_PRELOAD)
            _context = ctx
    return _context


def run_limited(fn, *args, seconds: float = TIME_LIMIT, **kwargs):
    """`fn(*args, **kwargs)` in a worker process, at most `seconds` long.

    `fn` and its arguments travel by pickling (module-level functions and
    plain values). Its LlaError comes back as itself (a located message for
    the user); anything else as an InputError saying the work failed, never
    a traceback."""
    ctx = _ctx()
    here, there = ctx.Pipe(duplex=False)
    worker = ctx.Process(target=_work, args=(there, fn, args, kwargs), daemon=True)
    worker.start()
    there.close()
    try:
        if not here.poll(seconds):
            raise TimeBox(f"the request takes longer than the {seconds:g} seconds the server allows",
                          help="narrow it: fewer drafts, one question family (family=fees), "
                               "or options chosen rather than left open")
        try:
            kind, value = here.recv()
        except (EOFError, OSError):
            raise InputError("the request could not be answered: the worker stopped",
                             help="narrow it (fewer drafts, one question family) or try again") from None
    finally:
        here.close()
        if worker.is_alive():
            worker.kill()
        worker.join(5)
    if kind == "ok":
        return value
    if kind == "lla":
        raise value
    raise InputError(f"the request could not be answered: {value}",
                     help="narrow it (fewer drafts, one question family) or try again")


def _work(conn, fn, args, kwargs) -> None:
    """In the worker: cap its memory, do the work, send the outcome."""
    _cap_memory()
    try:
        outcome = ("ok", fn(*args, **kwargs))
    except LlaError as err:
        outcome = ("lla", err)
    except MemoryError:
        outcome = ("fail", "it needed more memory than the server allows a request")
    except Exception as err:  # never a traceback for the user
        outcome = ("fail", f"{type(err).__name__}: {err}")
    try:
        conn.send(outcome)
    except Exception as err:  # an outcome that cannot be sent back
        conn.send(("fail", f"{type(err).__name__}: {err}"))
    conn.close()


def _cap_memory() -> None:
    """The worker may grow by MEMORY_HEADROOM beyond its size at the start."""
    try:
        with open("/proc/self/statm") as f:
            pages = int(f.read().split()[0])
        limit = pages * os.sysconf("SC_PAGE_SIZE") + MEMORY_HEADROOM
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (OSError, ValueError):  # no /proc: the time box still holds
        pass
