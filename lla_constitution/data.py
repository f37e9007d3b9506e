"""Where the bundled grammars and rulebooks are.

A wheel carries them in ``lla_constitution/_bundled``; a source checkout or an
editable install finds them at the top of the repository, where the design
card keeps them.

>>> (data_dir("grammar") / "constitution.lark").is_file()
True
"""
from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    for candidate in (_HERE / "_bundled" / name, _HERE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled '{name}' folder is missing from the installation")
