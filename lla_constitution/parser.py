"""Lark parsers for the rules DSL and the question language.

Syntax errors become :class:`DslSyntaxError` (or the caller's error type) with
the position where parsing stopped and the tokens that could have come next.

>>> tree = parse_rules(Source("x.lla", "rulebook x"))
>>> tree.data
Token('RULE', 'start')
"""
from __future__ import annotations

import io
import pickle
from functools import lru_cache

from lark import Lark, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from .data import data_dir
from .errors import DslSyntaxError, LlaError, fail
from .source import Source

# Terminal names shown to a person instead of lark's internal ones.
_READABLE = {
    "NAME": "a name", "REFERRAL_TALLY": "a tally such as individuals or groups",
    "INT": "a whole number", "STRING": "a quoted string",
    "LONG_STRING": 'a """text""" block', "CLAUSE_ID": "a clause id such as 2.3",
    "MONEY": "an amount such as £20", "PERCENT": "a share such as 10%",
    "DURATION": "a duration such as 3 weeks", "OP": "a comparison (=, >=, <, ...)",
    "FRACTION": "a vote share (majority, two_thirds, three_quarters)", "$END": "the end of the file",
    "LPAR": "'('", "RPAR": "')'", "LBRACE": "'{'", "RBRACE": "'}'", "COMMA": "','",
    "EQUAL": "'='", "UP_TO": "'up to'", "AT_LEAST": "'at least'", "PER_YEAR": "'per year'",
    "ALLOWED": "'allowed'", "FORBIDDEN": "'forbidden'", "ALL": "'all'",
    "DELEGATES": "'delegates'", "FEE": "'fee'", "DOES": "'does'",
    "ARTICLE": "'a' or 'an'", "WORD": "a word", "NAMEWORD": "a group name",
    "ESCAPED_STRING": "a quoted name",
    # The question language's words (grammar/question.lark).
    "SIGNERS": "'signatures'", "MAY": "'may' or 'can'", "BE": "'is' or 'are'", "AUX": "'does', 'must' or 'is'",
    "NEED": "'need'", "SWORD": "who acts (a group, person or body)", "MOTION": "'a motion' or 'an amendment'",
    "SPECIAL": "'special conference'", "RECALLED": "'a member of' or 'an officer of'", "NOMINEE": "'a candidate' or 'an officer'",
    "UNIT": "'days', 'weeks' or 'months'", "ENOUGH": "'enough to'", "ABLE": "'allowed to'",
    "STAY": "'be' or 'remain'", "LABOUR_MEMBER": "'a Labour Party member'", "LLA_NAME": "'the LLA'",
    "STAND_FOR": "'for'", "VOTE_IN": "'on' or 'in'", "SUBMIT": "'submit'", "CHANGE": "'change'",
    "DISPUTES": "'disputes about ...'", "RESOLVES": "'resolves'", "PEOPLE": "'supporters'",
    "GROUPS": "'affiliated groups'", "PASS": "'pass'", "MEET": "'meet'", "ELECTED": "'elected'",
    "AFFILIATION": "'affiliated'", "LLA": "'LLA'", "FREQ": "a frequency (monthly, quarterly, twice_yearly, annually, every_two_years)",
}


# Keywords that only start a phrase: shown as the phrase.
_PHRASES = {"GO": "'go to BALLOT'", "ADOPT": "'adopt composite'", "LARGEST": "'largest vote'",
            "TRANSFERABLE": "'transferable vote'"}


def readable(names) -> list[str]:
    words = []
    for name in sorted(set(names)):
        if name in _READABLE:
            words.append(_READABLE[name])
        elif name.isupper() and not name.startswith("__ANON"):
            words.append(f"'{name.lower()}'")
    return sorted(set(words))


def one_of(items: list[str]) -> str | None:
    """['a', 'b', 'c'] -> "a, b or c"."""
    items = list(dict.fromkeys(items))
    if not items:
        return None
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


@lru_cache(maxsize=None)
def _lark(name: str, parser: str) -> Lark:
    grammar = (data_dir("grammar") / name).read_text(encoding="utf-8")
    options = dict(parser=parser, propagate_positions=True, maybe_placeholders=False,
                   **({"lexer": "contextual"} if parser == "lalr" else {}))
    return cached_lark(name, grammar, options)


def cached_lark(name: str, grammar: str, options: dict) -> Lark:
    """Lark(grammar, **options), from the user's cache when it was built before.

    The file is named for a hash of the grammar, the options, lark's version
    and Python's, so a change to any of them builds afresh. An LALR parser is
    stored in lark's own format (Lark.save, what lark's `cache=` writes;
    `cache=` itself is not used because it writes the file in place and hashes
    the file's path into its key, so it could not be renamed into place
    whole). lark cannot save an Earley parser, so that one is pickled whole.
    A missing, stale or unreadable file means building the parser as before."""
    import lark as lark_module

    from . import cache

    where = cache.directory()
    if where is None:
        return Lark(grammar, **options)
    stem = name.replace(".", "-")
    digest = cache.key(grammar, repr(sorted(options.items())), lark_module.__version__, cache.python_tag())[:24]
    path = where / f"lark-{stem}-{digest}.cache"
    header = f"lla {name} {digest}\n".encode()
    lalr = options.get("parser") == "lalr"
    try:
        with open(path, "rb") as f:
            if f.read(len(header)) == header:
                parser = Lark.load(f) if lalr else pickle.load(f)
                if isinstance(parser, Lark):
                    return parser
    except Exception:  # noqa: BLE001 - missing or unreadable: build it
        pass
    parser = Lark(grammar, **options)
    if lalr:
        buf = io.BytesIO()
        buf.write(header)
        try:
            parser.save(buf)
        except Exception:  # noqa: BLE001 - not cached, still answered
            return parser
        cache.write_bytes(path, buf.getvalue())
    else:
        cache.store_pickle(path, header, parser)
    cache.prune(where, f"lark-{stem}-", path.name)
    return parser


def rules_parser() -> Lark:
    return _lark("constitution.lark", "lalr")


def _keyword_terminals(lark: Lark) -> dict[str, str]:
    """Lark names keywords like 'when' WHEN; map them back to their text."""
    out = {}
    for term in lark.terminals:
        pattern = term.pattern
        if pattern.type == "str":
            out[term.name] = f"'{pattern.value}'"
    return out


def syntax_error(err: UnexpectedInput, source: Source, kind: type[LlaError],
                 lark: Lark, help: str | None = None):
    keywords = _keyword_terminals(lark)
    if isinstance(err, UnexpectedToken):
        tok = err.token
        if tok.type == "$END":
            start = len(source.text.rstrip())
            span = source.span(start, start + 1)
            message = "unexpected end of input"
        else:
            span = source.span(tok.start_pos, tok.end_pos)
            message = f"unexpected '{tok}'"
        expected = err.expected
        parser = getattr(err, "interactive_parser", None)
        if parser is not None:
            try:  # LALR's expected set can over-approximate; ask what really fits
                expected = parser.accepts() or expected
            except Exception:  # pragma: no cover - keep the coarser set
                pass
    elif isinstance(err, UnexpectedCharacters):
        span = source.span(err.pos_in_stream, err.pos_in_stream + 1)
        message = f"unexpected character '{source.text[err.pos_in_stream]}'"
        expected = err.allowed or set()
    elif isinstance(err, UnexpectedEOF):
        start = len(source.text.rstrip())
        span = source.span(start, start + 1)
        message = "unexpected end of input"
        expected = err.expected
    else:  # pragma: no cover - lark has no other kinds
        raise err
    expected = {e for e in expected if e != "$END"} or set(expected)
    names = [_PHRASES.get(n) or keywords.get(n, n) for n in expected]
    words = sorted({n for n in names if n.startswith("'")})
    others = readable(n for n in names if not n.startswith("'"))
    # A word some phrase already offers ('be' beside "'be' or 'remain'") is
    # listed once (round 65: 'be' was listed twice).
    words = [w for w in words if not any(o.startswith(w + " or ") or f" or {w}" in o for o in others)]
    if message == "unexpected end of input" and "'end'" in words:
        help = "a clause, either or reading block may be missing its closing 'end'"
    fail(kind, span, message, expected=one_of(words + others), help=help)


def parse_rules(source: Source) -> Tree:
    lark = rules_parser()
    try:
        return lark.parse(source.text)
    except UnexpectedInput as err:
        syntax_error(err, source, DslSyntaxError, lark,
                     help="see the DSL reference in docs/dsl.md for the forms a rulebook may use")
