"""The rule files `lla lint` is asked to check, from its arguments.

>>> [p.name for p in targets(["dulwich", "cac", "dulwich"])]
['dulwich.lla', 'cac.lla']
"""
from __future__ import annotations

from pathlib import Path

from ...data import data_dir
from ...errors import InputError, did_you_mean, fail
from ...loader import bundled_ids, is_file


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def targets(args) -> list[Path]:
    """The rule files the arguments name: .lla paths, bundled draft ids, or
    directories (every *.lla directly inside, sorted); none means every
    bundled draft."""
    if not args:
        return sorted(data_dir("rules").glob("*.lla"))
    out: list[Path] = []
    for arg in args:
        if not arg.strip():
            fail(InputError, None, "an empty name is no draft", path="FILES",
                 help="pass a bundled draft id, a .lla file or a directory")
        path = Path(arg)
        if arg == "-":  # standard input
            out.append(path)
        elif _is_dir(path):
            files = sorted(path.glob("*.lla"))
            if not files:
                fail(InputError, None, f"no .lla files in directory '{arg}'", path=arg)
            out += files
        elif is_file(path):
            out.append(path)
        elif arg.endswith(".lla"):
            fail(InputError, None, f"no rules file at '{arg}'", path=arg)
        elif arg in bundled_ids():
            out.append(data_dir("rules") / f"{arg}.lla")
        else:
            ids = bundled_ids()
            fail(InputError, None, f"unknown draft '{arg}'", path=arg,
                 expected="a .lla file, a directory of them, or one of " + ", ".join(ids),
                 help=did_you_mean(arg, ids) or "pass a bundled draft id, a .lla file or a directory")
    once: dict[Path, Path] = {}
    for path in out:  # a file named twice (by id and by path) is linted once
        once.setdefault(path.resolve(), path)
    return list(once.values())
