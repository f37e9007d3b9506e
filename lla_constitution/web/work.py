"""The engine work a request asks for, checked and run within its limits.

Each function takes plain values (from a form, a query or a JSON body) and
returns the CLI's `--json` contract and its exit code, or raises the CLI's
located error. Drafts are named by id only (a bundled draft, one of the
rule files the server was started with, a composite with options, an
amended draft): a request can never name a path on the server.

>>> drafts_allowed(["cac:4.2=B", "london+swansea"], {})
['cac:4.2=B', 'london+swansea']
"""
from __future__ import annotations

from .. import service
from ..errors import InputError, did_you_mean, fail
from ..source import Source
from .limits import run_limited

MAX_TEXT = 1_000_000  # characters of a pasted action file, register, tallies or rule file


def drafts_allowed(specs, extra: dict[str, str]) -> list[str]:
    """Each spec's draft must be bundled or one the server was given; a
    server rule file is named by its id and read from the path it was given."""
    from ..books import draft_spec
    from ..loader import bundled_ids

    known = bundled_ids()
    out = []
    for spec in specs:
        spec = " ".join(str(spec).split())
        if not spec:
            continue
        if spec in extra:
            out.append(extra[spec])
            continue
        if spec == "all":
            out.append(spec)  # every bundled draft, as --draft all (round 48: refused)
            continue
        name = spec.partition(":")[0].partition("[")[0].partition("+")[0]
        if name not in known or "/" in spec or "\\" in spec:
            fail(InputError, None, f"unknown draft '{spec[:60]}'", path="draft",
                 expected="one of " + ", ".join(known + sorted(extra)),
                 help=did_you_mean(name, known + sorted(extra))
                 or "a composite takes options as cac:4.2=B, an amended draft london+swansea")
        draft_spec(spec)  # its options must parse as the CLI's do
        out.append(spec)
    return out


def text_source(text: str | None, name: str, what: str) -> Source | None:
    if text is None:
        return None
    if len(text) > MAX_TEXT:
        fail(InputError, None, f"the {what} is {len(text):,} characters long, more than the "
             f"server reads ({MAX_TEXT:,})", path=name, help="send a smaller file, or use the lla CLI")
    return Source(name, text)


def _register(text: str | None, as_csv: bool):
    source = text_source(text, "register.csv" if as_csv else "register.yaml", "register")
    if source is None:
        return None
    from ..inputs import register_from

    return register_from(source, as_csv)


# ---- in the child ---------------------------------------------------------------

def _ask(question, drafts, options, amends, register, as_csv):
    return service.ask_json(question, drafts, options, amends, _register(register, as_csv))


def _check(text, drafts, options, amends, register, as_csv):
    source = text_source(text, "action.yaml", "action file")
    return service.check_json(source, drafts, options, amends, lambda: _register(register, as_csv))


def _diff(a, b, a_rules, b_rules, only):
    return service.diff_json(_side(a, a_rules, "a.lla"), _side(b, b_rules, "b.lla"), only)


def _side(spec: str | None, rules: str | None, name: str):
    """A side of a diff: a draft spec, or a rule file's text sent with the request."""
    if rules is None:
        return spec
    from ..analyse.diff import Side
    from ..loader import _resolve_cached, parse_text

    source = text_source(rules, name, "rule file")
    book = _resolve_cached(parse_text(source.text, name))
    return Side(book.id, book)


def _lint(rules: str | None, drafts):
    from ..analyse.lint import lint_book

    if rules is not None:
        from ..loader import parse_text
        from ..resolve import resolve

        source = text_source(rules, "rules.lla", "rule file")
        return service.lint_json([("rules.lla", lint_book(resolve(parse_text(source.text, "rules.lla"))))])
    return service.lint_json(service.lint_found(drafts))


def _conference(text, draft, counting):
    from ..conference.tallies import parse
    from ..loader import load

    source = text_source(text, "tallies.yaml", "tallies file")
    return service.conference_json(load(draft), parse(source), counting)


# ---- as the server calls them -----------------------------------------------------

def ask(question: str, drafts=(), options=(), amends=(), register=None, register_csv=False,
        extra=None, seconds: float = 10):
    drafts = drafts_allowed(drafts, extra or {})
    return run_limited(_ask, question, drafts, list(options), list(amends), register, register_csv,
                       seconds=seconds)


def check(action: str, drafts=(), options=(), amends=(), register=None, register_csv=False,
          extra=None, seconds: float = 10):
    drafts = drafts_allowed(drafts, extra or {})
    return run_limited(_check, action, drafts, list(options), list(amends), register, register_csv,
                       seconds=seconds)


def diff(a: str | None, b: str | None, a_rules=None, b_rules=None, only=(), extra=None,
         seconds: float = 10):
    sides = []
    for spec, rules, which in ((a, a_rules, "a"), (b, b_rules, "b")):
        if rules is None:
            if not spec:
                fail(InputError, None, f"no side {which} to compare", path=which,
                     help="name a draft (e.g. dulwich, cac:4.2=B) or send a rule file")
            spec = drafts_allowed([spec], extra or {})[0]
        sides.append(spec)
    return run_limited(_diff, sides[0], sides[1], a_rules, b_rules, list(only), seconds=seconds)


def compare(drafts=(), only=(), cac="cac", extra=None, seconds: float = 10):
    drafts = drafts_allowed(drafts, extra or {})
    if cac.lower() != "none":
        cac = drafts_allowed([cac], extra or {})[0]
    return run_limited(service.compare_json, drafts, list(only), cac, seconds=seconds), 0


def lint(rules=None, drafts=(), extra=None, seconds: float = 10):
    """No rules and no drafts: every bundled draft, as `lla lint` alone."""
    drafts = drafts_allowed(drafts, extra or {}) if drafts else []
    return run_limited(_lint, rules, drafts, seconds=seconds)


def conference(tallies: str, draft: str = "cac", counting=None, extra=None, seconds: float = 10):
    draft = drafts_allowed([draft], extra or {})[0]
    return run_limited(_conference, tallies, draft, counting, seconds=seconds)
