"""Sentence-level coverage: is every sentence of a source text accounted for?

A rulebook names the seed lines it encodes (`source "…" lines a..b`). Each
sentence in those lines must be quoted by a block whose line range holds it:

* a clause with rules (or a choice, or an amendment) *formalises* it, unless
  an aside (`non_normative "why" for "First words"`) sets that sentence apart;
* a clause marked `non_normative "why"` accounts for it with that reason;
* anything else is *unaccounted*, and the coverage test fails.

A formalised sentence is also *exercised* when some scenario case (the
`tests/scenarios/*.yaml` files) cites the clause that formalises it, or
chooses the option or applies the amendment that does: a rule nobody has
checked against an expected answer is a rule nobody has read twice.

>>> normalise("  •  opposes   racism;")
'opposes racism;'
>>> [s.text for s in split_sentences(1, "It meets. It decides. e.g. this")]
['It meets.', 'It decides. e.g. this']
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from . import ast as A
from .data import data_dir
from .errors import InputError, fail


def normalise(text: str) -> str:
    """Compare texts modulo white space, bullets and Unicode presentation forms."""
    text = unicodedata.normalize("NFKC", text).replace("\ufffd", " ").replace("•", " ")
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class Sentence:
    line: int
    text: str


# A sentence ends at . ! or ? followed by space and a capital, quote or bracket;
# "e.g." and "etc." followed by lower case do not end one.
_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"‘(\[])")


def split_sentences(line_no: int, line: str) -> list[Sentence]:
    text = normalise(line)
    return [Sentence(line_no, part) for part in _END.split(text) if part.strip()]


@dataclass(frozen=True)
class Account:
    """What became of one sentence."""

    line: int
    text: str
    status: str  # formalised | non_normative | unaccounted
    by: tuple[str, ...] = ()  # the clause, choice or amendment ids
    reason: str | None = None
    exercised: bool | None = None  # for formalised sentences, when scenarios were read

    def to_json(self) -> dict:
        return {"line": self.line, "text": self.text, "status": self.status,
                "by": list(self.by), "reason": self.reason, "exercised": self.exercised}


def source_lines(name: str) -> list[str]:
    """The lines of a bundled source text. A rule file names its source by
    file name only: it can never make lla read a file elsewhere."""
    from pathlib import PurePath

    folder = data_dir("rules") / "sources"
    if PurePath(name).name != name or name in (".", ".."):
        fail(InputError, None, f"the source text '{name}' is not a file name", path="source",
             help="name a text in rules/sources/ by its file name, e.g. 003_38c7806d72b9aa5f.txt")
    path = folder / name
    if not path.is_file():
        fail(InputError, None, f"the source text '{name}' is not bundled",
             help="copy it into rules/sources/ beside the rulebooks")
    try:
        return path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError) as err:
        fail(InputError, None, f"the source text '{name}' cannot be read as UTF-8 text: {err.reason if hasattr(err, 'reason') else err}",
             path=str(path), help="save it as UTF-8 text")


def _blocks(book: A.Rulebook):
    """(kind, id, block) for everything that quotes the source."""
    for c in book.clauses:
        yield "clause", c.id, c
    for ch in book.choices:
        yield "choice", ch.id, ch
        for opt in ch.options:
            for c in opt.clauses:
                yield "clause", c.id, c
    for am in book.amendments:
        yield "amendment", am.id, am
        for op in am.ops:
            for c in getattr(op, "clauses", ()):
                yield "clause", c.id, c


def _formal(kind: str, block) -> bool:
    if kind != "clause":
        return True  # a choice or amendment is itself the formal encoding
    return bool(block.items) or block.carried is not None


def account(book: A.Rulebook) -> list[Account]:
    """One Account per sentence of the rulebook's source ranges, in source order."""
    if book.source is None:
        return []
    name, ranges = book.source
    lines = source_lines(name)
    blocks = [(kind, bid, b, normalise(b.text)) for kind, bid, b in _blocks(book) if b.lines]
    out = []
    for first, last in ranges:
        for n in range(first, last + 1):
            for s in split_sentences(n, lines[n - 1] if n <= len(lines) else ""):
                out.append(_account_one(s, blocks))
    return out


_NUMBER = re.compile(r"[0-9]+(\.[0-9]+)*\.?|[a-zA-Z]\)|[0-9]+\)|[ivxIVX]+\.|[a-zA-Z]\.")


def _account_one(s: Sentence, blocks) -> Account:
    if _NUMBER.fullmatch(s.text):
        # A bare clause number says nothing; the clause after it is accounted for.
        return Account(s.line, s.text, "non_normative", (), "clause number")
    holders = [(b.lines[1] - b.lines[0], kind, bid, b) for kind, bid, b, text in blocks
               if b.lines[0] <= s.line <= b.lines[1] and s.text in text]
    if not holders:
        return Account(s.line, s.text, "unaccounted")
    # The innermost block speaks for the sentence: an option's clause, not its choice.
    _, kind, bid, block = min(holders, key=lambda h: h[0])
    label = bid if kind == "clause" else f"{kind} {bid}"
    if block.non_normative is not None:
        return Account(s.line, s.text, "non_normative", (label,), block.non_normative)
    for aside in block.asides:
        if s.text.startswith(normalise(aside.fragment)):
            return Account(s.line, s.text, "non_normative", (label,), aside.reason)
    if not _formal(kind, block):
        return Account(s.line, s.text, "unaccounted", (label,))
    return Account(s.line, s.text, "formalised", (label,))


def scenario_dir() -> "Path | None":
    """The project's scenario files, where the rules are installed from a checkout."""
    path = data_dir("rules").parent / "tests" / "scenarios"
    return path if path.is_dir() else None


def exercised_labels(book_id: str, directory) -> set[str]:
    """What the scenario files exercise of a rulebook: the clauses their cases
    expect to be cited ("2.3.ii", or "dulwich:2.3.ii" from another file), and
    "choice X" / "amendment Y" for the options chosen and amendments applied.

    >>> from lla_constitution.coverage import exercised_labels, scenario_dir
    >>> "2.3.ii" in exercised_labels("dulwich", scenario_dir())
    True
    """
    import yaml
    from pathlib import Path

    found: set[str] = set()

    def walk(node, draft):
        if isinstance(node, list):
            for x in node:
                walk(x, draft)
            return
        if not isinstance(node, dict):
            return
        draft = node.get("draft", draft) if isinstance(node.get("draft"), str) else draft
        for key, value in node.items():
            if key == "clauses" and isinstance(value, list):
                for c in value:
                    other, sep, cid = str(c).partition(":")
                    if sep and other == book_id:
                        found.add(cid)
                    elif not sep and draft == book_id:
                        found.add(str(c))
            elif key == "options" and isinstance(value, dict) and draft == book_id:
                found.update(f"choice {k}" for k in value)
            elif key == "per_option" and isinstance(value, dict) and draft == book_id:
                found.update(f"choice {p.partition('=')[0]}" for k in value for p in str(k).split(","))
                walk(list(value.values()), draft)
            elif key == "amend" and draft == book_id:
                found.update(f"amendment {a}" for a in ([value] if isinstance(value, str) else value or []))
            else:
                walk(value, draft)

    for path in sorted(Path(directory).glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        walk(data, data.get("draft"))
    return found


def mark_exercised(accounts: list[Account], labels: set[str]) -> list[Account]:
    import dataclasses

    return [dataclasses.replace(a, exercised=any(b in labels for b in a.by))
            if a.status == "formalised" else a for a in accounts]


@dataclass(frozen=True)
class Summary:
    book: str
    sentences: int
    formalised: int
    non_normative: int
    unaccounted: int
    unexercised: int | None = None  # formalised sentences no scenario exercises

    @property
    def share(self) -> float:
        done = self.formalised + self.non_normative
        return 1.0 if not self.sentences else done / self.sentences

    def to_json(self) -> dict:
        return {"draft": self.book, "sentences": self.sentences, "formalised": self.formalised,
                "non_normative": self.non_normative, "unaccounted": self.unaccounted,
                "unexercised": self.unexercised, "accounted_share": round(self.share, 4)}


def summarise(book_id: str, accounts: list[Account]) -> Summary:
    count = {k: sum(1 for a in accounts if a.status == k)
             for k in ("formalised", "non_normative", "unaccounted")}
    read = any(a.exercised is not None for a in accounts)
    unexercised = sum(1 for a in accounts if a.exercised is False) if read else None
    return Summary(book_id, len(accounts), **count, unexercised=unexercised)
