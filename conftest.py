"""Test-wide setup, for the tests under tests/ and the doctests in the package.

lla caches its parsers and resolved rulebooks in the user's cache directory
(lla_constitution/cache.py). The tests run with that cache on, as users do,
but in a directory of their own, never the real ~/.cache: a fresh one per run,
so every run starts cold and then reads what it wrote.
"""
import os
import shutil
import tempfile

_CACHE_HOME = tempfile.mkdtemp(prefix="lla-test-cache-")
os.environ["XDG_CACHE_HOME"] = _CACHE_HOME


def pytest_unconfigure(config):
    shutil.rmtree(_CACHE_HOME, ignore_errors=True)
