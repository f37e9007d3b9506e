'''Lint a rulebook: defects in a draft's text that a drafter should fix.

Most checks are exact. For each topic the rules decide, every scenario is
tried: one reading of every vague clause and one cell of every fact the rules
read (cut at the rules' own thresholds, as :mod:`lla_constitution.partition` does), so an
overlap, a gap or a dead rule is found wherever it is, never sampled. The
rest read the rule file as data: clause numbers, the bodies it names, vague
wording in its verbatim text, and similar rules that ask different numbers.

One module per check: :mod:`.numbering`, :mod:`.bodies`, :mod:`.vague`,
:mod:`.thresholds`, and over the scenarios of :mod:`.scenarios`,
:mod:`.conflicts`, :mod:`.gaps` and :mod:`.unreachable`, run for every
constitution the file can make by :mod:`.variants`. :mod:`.findings` holds
what they report and the report itself; :mod:`.files` reads the command line.

>>> from lla_constitution.loader import parse_text
>>> from lla_constitution.resolve import resolve
>>> book = resolve(parse_text("""rulebook toy
... body conference "Conference"
... clause 1
...   text \\"\\"\\"Groups with 10 to 100 members send two delegates.\\"\\"\\"
...   delegates(conference) = 2 when members in 10..100
... end
... clause 2
...   text \\"\\"\\"Groups with 100 to 500 members send three.\\"\\"\\"
...   delegates(conference) = 3 when members in 100..500
... end""", "toy.lla"))
>>> for f in lint_book(book):
...     print(f.headline())
...     print(f.consequence)
toy.lla:9:3: error[overlap]: delegates(conference): the bands of clauses 1 and 2 overlap at members = 100 (clause 1 gives 2, clause 2 gives 3)
a group with exactly 100 members may send both 2 and 3 delegates to conference
'''
from __future__ import annotations

from ...loader import parse_file
from ...resolve import Book, resolve
from .bodies import uncreated_bodies, undefined_names
from .files import targets
from .findings import SEVERITIES, Finding, at_least, render_report
from .numbering import duplicate_numbers
from .thresholds import differing_thresholds
from .vague import eithers, vague_phrases
from .variants import exact_checks

__all__ = ["MAX_SCENARIOS", "SEVERITIES", "Finding", "at_least", "lint_book", "lint_paths",
           "render_report", "targets"]

# The most scenarios one topic may need before it is reported as unchecked;
# the bundled drafts' largest topic needs under 50,000.
MAX_SCENARIOS = 200_000


def lint_book(book: Book) -> list[Finding]:
    """Every finding for one resolved rulebook, in file order."""
    ast = book.ast
    # MAX_SCENARIOS is read here, at each call, so that lowering it on the
    # package takes effect (a test makes a small topic too large to check).
    found = (duplicate_numbers(ast) + undefined_names(ast) + uncreated_bodies(ast) + eithers(ast)
             + vague_phrases(ast) + differing_thresholds(ast) + exact_checks(book, MAX_SCENARIOS))
    # A defect met twice is reported once.
    return sorted(dict.fromkeys(found), key=Finding.sort_key)


def lint_sides(specs) -> list[tuple[str, list[Finding]]]:
    """(spec, findings) for drafts named as `lla diff` names a side: with
    amendments applied (london+swansea) or options chosen (cac:4.2=B)."""
    from ...compose import compose
    from ...loader import _resolve_cached
    from ..diff import side

    out = []
    for spec in specs:
        s = side(spec)
        book = _resolve_cached(compose(s.book.ast, s.chosen)) if s.chosen else s.book
        out.append((spec, lint_book(book)))
    return out


def lint_paths(paths) -> list[tuple[str, list[Finding]]]:
    """(file as shown, findings) for each rule file, sorted by file."""
    out = []
    for path in paths:
        ast = parse_file(path)
        out.append((ast.span.source.name if ast.span else str(path), lint_book(resolve(ast))))
    return sorted(out, key=lambda r: r[0])
