"""Parse `lla ask` questions into a :class:`Question`.

>>> q = parse_question("How many delegates may a local group with 150 members send to conference?")
>>> q.form, q.group.kind, q.group.members, q.body_words
('how_many', 'local_group', 150, 'conference')
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedInput
from pydantic import ValidationError

from .data import data_dir
from .errors import QuestionError, did_you_mean, fail
from .model import Group, Register, _money
from .parser import syntax_error
from .source import Source, Span
from .vocab import KINDS

FORMS = (
    "how many delegates may GROUP send to BODY?   ('representatives' works too)",
    "what fee does GROUP pay?",
    "who may send delegates to BODY?",
    "how often must BODY meet?   /   how often is BODY elected?",
    "what is the quorum of BODY?",
)
GROUP_HELP = ("GROUP is a register name (with --register) or 'a|an KIND [with N members] "
              "[and M LLA supporters] [paying £F]', e.g. 'a local group with 150 members'")

_KIND_WORDS = {w: k.name for k in KINDS.values() for w in k.words}
_KIND_WORDS.update({k.replace("_", " "): k for k in KINDS})


@dataclass
class Question:
    text: str
    form: str  # how_many | what_fee | who_may | how_often | what_quorum
    group: Group | None = None
    group_label: str | None = None
    assumed: list[str] = field(default_factory=list)
    body_words: str | None = None
    body_span: Span | None = None
    source: Source | None = None
    topic: str = "delegates"  # what the question decides

    def asks(self):
        """The topic (with its body) this question decides, for choosing options."""
        if self.form == "what_fee":
            return "fee"
        return (self.topic, self.body_words)


@lru_cache(maxsize=None)
def _parser() -> Lark:
    grammar = (data_dir("grammar") / "question.lark").read_text(encoding="utf-8")
    return Lark(grammar, parser="earley", propagate_positions=True, ambiguity="resolve")


def _kind(words: str, span: Span) -> str:
    phrase = " ".join(words.lower().replace("’", "'").split())
    for candidate in (phrase, phrase.rstrip("s"), phrase.replace("-", " ")):
        if candidate in _KIND_WORDS:
            return _KIND_WORDS[candidate]
    hint = did_you_mean(phrase, _KIND_WORDS)
    fail(QuestionError, span, f"unknown kind of group '{words}'",
         expected="one of " + ", ".join(sorted(k.label for k in KINDS.values())),
         help=hint or GROUP_HELP)


def _words(tree: Tree) -> str:
    return " ".join(str(t) for t in tree.scan_values(lambda v: isinstance(v, Token)))


MAX_QUESTION = 1000  # characters; the longest sensible question is under 200


def parse_question(text: str, register: Register | None = None) -> Question:
    source = Source("question", text)
    if len(text) > MAX_QUESTION:
        fail(QuestionError, source.span(MAX_QUESTION, MAX_QUESTION + 1),
             f"the question is {len(text):,} characters long, more than lla reads",
             expected=f"at most {MAX_QUESTION:,} characters", help="ask one thing at a time")
    parser = _parser()
    try:
        tree = parser.parse(text)
    except UnexpectedInput as err:
        syntax_error(err, source, QuestionError, parser,
                     help="ask one of:\n    " + "\n    ".join(FORMS) + "\n  " + GROUP_HELP)
    form_tree = tree.children[0]
    q = Question(text, str(form_tree.data), source=source,
                 topic={"what_fee": "fee", "what_quorum": "quorum"}.get(str(form_tree.data), "delegates"))
    for child in form_tree.children:
        if isinstance(child, Token) and child.type in ("MEET", "ELECTED"):
            q.topic = "meetings" if child.type == "MEET" else "elections"
        if not isinstance(child, Tree):
            continue
        span = source.span(child.meta.start_pos, child.meta.end_pos)
        if child.data == "body":
            q.body_words = _words(child)
            q.body_span = span
        elif child.data == "described":
            q.group, q.assumed = _described(child, source)
            q.group_label = " ".join(text[child.meta.start_pos:child.meta.end_pos].split())
        elif child.data in ("quoted", "named"):
            name = _words(child).strip('"')
            q.group_label = name
            group = register.find(name) if register else None
            if group is None:
                names = [g.name for g in register.groups if g.name] if register else []
                fail(QuestionError, span, f"no group named '{name}'"
                     + ("" if register else " (no --register file given)"),
                     help=(did_you_mean(name, names) if names else None) or
                     ("pass --register FILE with the group, or describe it: " + GROUP_HELP))
            facts_group = group
            q.group = facts_group
            q.assumed = facts_group.facts()[1]
    return q


def _described(tree: Tree, source: Source) -> tuple[Group, list[str]]:
    fields: dict = {}
    for child in tree.children:
        if isinstance(child, Token) and child.type == "AFFILIATION":
            fields["affiliated"] = not child.lower().startswith(("un", "non"))
        elif isinstance(child, Tree):
            span = source.span(child.meta.start_pos, child.meta.end_pos)
            number = next((t for t in child.scan_values(lambda v: isinstance(v, Token))
                           if t.type in ("INT", "MONEY")), None)
            if child.data == "kind":
                fields["kind"] = _kind(_words(child), span)
            elif child.data in ("members", "supporters"):
                key = "members" if child.data == "members" else "lla_supporters"
                if key in fields:
                    fail(QuestionError, span, f"{key.replace('_', ' ')} given twice")
                fields[key] = int(str(number).replace(",", ""))
            elif child.data == "paying":
                fields["fee_paid"] = str(number)
    try:
        group = Group(**{k: v for k, v in fields.items() if k != "fee_paid"},
                      fee_paid=_money(fields["fee_paid"]) / 100 if "fee_paid" in fields else None)
    except ValidationError as err:
        msg = err.errors()[0]["msg"].removeprefix("Value error, ")
        msg = msg.split(": ", 1)[1] if msg.split(": ", 1)[0].isidentifier() else msg
        fail(QuestionError, source.span(tree.meta.start_pos, tree.meta.end_pos),
             f"impossible group: {msg}", help="an organisation's LLA supporters are among its members")
    facts, assumed = group.facts()
    return group, assumed
