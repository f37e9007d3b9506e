"""The documentation site builds without warnings."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


def test_mkdocs_build_strict(tmp_path):
    pytest.importorskip("mkdocs")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_rulebook_pages_are_current():
    """docs/rulebooks/ shows each clause beside its rules: a rule changed
    without regenerating the page would show readers the old rule (round 11
    found law-sll's page behind). Regenerate with:
    python -c "import sys; sys.path.insert(0, 'docs_src'); import rulebooks; rulebooks.write(__import__('pathlib').Path('docs'))"
    """
    sys.path.insert(0, str(ROOT / "docs_src"))
    try:
        import rulebooks
    finally:
        sys.path.pop(0)
    from lla_constitution.loader import bundled_ids

    stale = [rid for rid in bundled_ids()
             if (ROOT / "docs" / "rulebooks" / f"{rid}.md").read_text(encoding="utf-8") != rulebooks.page(rid) + "\n"]
    assert not stale, f"regenerate the rulebook pages: {stale}"
