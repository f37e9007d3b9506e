"""The comparison of the bundled drafts, worked out once per server.

`lla compare` over the five drafts and the composite takes some seconds of
work (issue 14's figures), more than a request may take; the server starts
it in the background when it starts, within a long time box of its own, and
every page and `/api/compare` call without options shares the result.
"""
from __future__ import annotations

import threading

from ..errors import LlaError
from .limits import run_limited

BACKGROUND_LIMIT = 600.0  # seconds for the whole comparison, once


class NotReady(Exception):
    """The comparison is still being worked out."""


class Comparison:
    def __init__(self, seconds: float = BACKGROUND_LIMIT):
        self.seconds = seconds
        self._data: dict | None = None
        self._error: LlaError | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._work, name="lla-compare", daemon=True)
                self._thread.start()

    def _work(self) -> None:
        from ..service import compare_json

        try:
            self._data = run_limited(compare_json, (), (), "cac", seconds=self.seconds)
        except LlaError as err:
            self._error = err

    def result(self, wait: float = 0.0) -> dict:
        """The comparison's JSON contract; NotReady if it is not worked out within `wait` seconds."""
        self.start()
        self._thread.join(wait)
        if self._error is not None:
            raise self._error
        if self._data is None:
            raise NotReady()
        return self._data
