"""Parse `lla ask` questions into a :class:`Question`.

>>> q = parse_question("How many delegates may a local group with 150 members send to conference?")
>>> q.form, q.group.kind, q.group.members, q.body_words
('how_many', 'local_group', 150, 'conference')
"""
from __future__ import annotations

import re

from dataclasses import dataclass, field
from functools import lru_cache

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedInput
from pydantic import ValidationError

from .data import data_dir
from .errors import QuestionError, did_you_mean, fail
from .model import Group, Register, _money
from .parser import cached_lark, syntax_error
from .source import Source, Span
from .vocab import DISPUTE_SUBJECTS as VOCAB_DISPUTE_SUBJECTS, KINDS

from .question_forms import FORMS, GROUP_HELP, PERSON_HELP  # noqa: E402 - data, no imports


def closest_forms(text: str, n: int = 4) -> list[str]:
    """The question forms nearest the words asked, for a question that does not parse.

    >>> closest_forms("can the steering committee call a conference?", 1)
    ['may BODY call a special conference?']
    """
    import difflib

    words = text.lower().split()
    def score(form: str) -> float:
        return difflib.SequenceMatcher(None, words, form.lower().split()).ratio()
    return sorted(FORMS, key=lambda f: (-score(f), FORMS.index(f)))[:n]



_KIND_WORDS = {w: k.name for k in KINDS.values() for w in k.words}
_KIND_WORDS.update({k.replace("_", " "): k for k in KINDS})
# The labels the error lists are read too, with or without their parenthesis
# (round 63: "an English region or nation", which the error offered, was refused).
_KIND_WORDS.update({w: k.name for k in KINDS.values()
                    for w in (k.label.lower(), k.label.lower().split(" (")[0])})


@dataclass
class Question:
    text: str
    form: str  # how_many | what_fee | who_may | how_often | what_quorum | may | who_acts | a value form
    group: Group | None = None
    group_label: str | None = None
    assumed: list[str] = field(default_factory=list)
    body_words: str | None = None
    body_span: Span | None = None
    source: Source | None = None
    topic: str = "delegates"  # what the question decides
    # A yes-or-no question: the `lla check` action it is (question_acts).
    action: dict | None = None
    # A who-may question: the act, and what the words say of it besides its subject.
    act: str | None = None
    act_fields: dict = field(default_factory=dict)
    facts: dict = field(default_factory=dict)  # a value form's facts, e.g. motion_kind
    # How a word of the question was read where it could mean more ("a trade
    # union": its national office); every answer says so.
    read_as: list[str] = field(default_factory=list)
    # "recall an officer of the OG": the body's words, which each draft reads
    # as its officers where it names them as a body (ask.answer).
    officers_of: str | None = None

    def asks(self):
        """The topic (with its body) this question decides, for choosing options."""
        if self.form == "what_fee":
            return "fee"
        if self.action is not None:
            a = self.action
            return (ACT_TOPICS.get(a["action"], a["action"]), a.get("body") or a.get("against"))
        if self.act is not None:
            return (ACT_TOPICS.get(self.act, self.act), self.act_fields.get("body"))
        return (self.topic, self.body_words)

    def topics(self) -> set:
        """What chooses the options to split on: the topic asked, and every
        other body the question names, whose existence an option may decide
        (the CAC's Constitutional Committee exists only under 3.2 D; round 30)."""
        from .compose import EXISTS

        fields = self.action if self.action is not None else self.act_fields or {}
        officers = {(self.asks()[0], f"officers of {self.officers_of}")} if self.officers_of else set()
        return {self.asks()} | officers | {(EXISTS, fields[k]) for k in ("by", "against")
                                           if isinstance(fields.get(k), str)}


# The topic each action asks (the rest are named for their topic).
ACT_TOPICS = {"send_delegates": "delegates", "recall_officer": "recall", "elect_committee": "elect",
              "resolve_dispute": "disputes", "pass_motion": "pass_motion",
              "circulate_motion": "circulate_motion"}


@lru_cache(maxsize=None)
def _parser() -> Lark:
    grammar = (data_dir("grammar") / "question.lark").read_text(encoding="utf-8")
    return cached_lark("question.lark", grammar, dict(parser="earley", propagate_positions=True,
                                                      ambiguity="resolve", start=["start", "described"]))


def _kind(words: str, span: Span) -> str:
    phrase = " ".join(words.lower().replace("’", "'").split())
    for candidate in (phrase, phrase.rstrip("s"), phrase.replace("-", " ")):
        if candidate in _KIND_WORDS:
            return _KIND_WORDS[candidate]
    hint = did_you_mean(phrase, _KIND_WORDS)
    if "lla" in phrase.split() and ({"group", "groups", "branch", "branches"} & set(phrase.split())):
        # The LLA's own groups are its branches, not an outside 'local group'
        # (London 2.3 sets the two apart; round 23).
        # Round 47: London 2.6 names branches only, so there a group that is
        # not a branch is asked of as the body "LLA groups and branches".
        hint = ("the LLA's own groups are asked about as 'an LLA branch'; under London, whose 2.6 "
                "names branches only, ask of 'the LLA groups and branches' for a group that is not one")
    if _a_body(phrase):
        # "a working group" names a body of the drafts, not a kind of group:
        # 'group' would ask of a local group instead (round 59). "a branch"
        # may be either: the kinds come first (round 60: London's 2.6 grants
        # "an LLA branch", where "the branch" is its silent body).
        body = f"'{phrase}' is a body of the drafts, not a kind of group: ask of 'the {phrase}'"
        widens = any(phrase in k.split(" ", 1)[-1] and phrase != k for k in _KIND_WORDS)  # 'branch' < 'lla branch'
        hint = f"{hint}; or, as a body, ask of 'the {phrase}'" if hint and widens else body
    if {"women", "women's", "womens", "bame", "black", "lgbt", "lgbtq", "disabled", "youth"} & set(phrase.split()):
        # The drafts list such groups differently (CAC 2.2 C and Dulwich 1.0
        # among "special interests", Tees's equality groups include Women): the user
        # says which, not lla (round 37).
        hint = "ask about it as 'an equality group' or 'a special-interest organisation': the drafts list such groups differently"
    if phrase in ("group of", "groups of"):
        # "a group of 25 members": 5.6's members acting together, or a
        # standing group? 'group' would read the second (round 56: the hint
        # turned Tees 5.6's "yes" into a local group's "it depends").
        hint = ("say 'a group of 25 individual members' for members putting a motion together, "
                "or 'a local group with 25 members' for a group")
    fail(QuestionError, span, f"unknown kind of group '{words}'",
         expected="one of " + ", ".join(sorted(k.label for k in KINDS.values())),
         help=hint or GROUP_HELP)


def _a_body(phrase: str) -> bool:
    """Whether some bundled draft has a body called `phrase`."""
    from .ask import known_body

    return known_body(f"the {phrase}", [])


def _words(tree: Tree) -> str:
    return " ".join(str(t) for t in tree.scan_values(lambda v: isinstance(v, Token)))


MAX_QUESTION = 1000  # characters; the longest sensible question is under 200


def _numbers_in_range(text: str, source: Source) -> None:
    """A count beyond what lla reads is refused at the number, with the limit
    said (round 58: 99999999999999999999 members was read, and a petition of
    that many was "an impossible question"). Sums of money (after '£') have
    their own limit.

    >>> _numbers_in_range("may a local group with 150 members affiliate?", Source("q", ""))
    """
    from .model import MAX_COUNT

    for m in re.finditer(r"(?<![£\d.,])\d[\d,]*", text):
        digits = m.group(0).rstrip(",").replace(",", "")
        if len(digits) > 10 or int(digits) > MAX_COUNT:
            fail(QuestionError, source.span(m.start(), m.start() + len(m.group(0).rstrip(","))),
                 f"{m.group(0).rstrip(',')} is more than lla reads",
                 expected=f"a count of at most {MAX_COUNT:,}", help="check the number for a slip of the keyboard")


def _label_notes(text: str) -> str:
    """The question with a kind label's parenthesis blanked, so that a label
    the errors list ("a trade union (national office)") reads as its kind;
    the same length, so every position stays where it was (round 64)."""
    for k in KINDS.values():
        stem, _, note = k.label.partition(" (")
        if not note:
            continue
        pattern = re.compile(re.escape(stem) + r"(\s*\(" + re.escape(note.rstrip(")")) + r"\))", re.I)
        text = pattern.sub(lambda m: m.group(0)[:len(m.group(0)) - len(m.group(1))] + " " * len(m.group(1)), text)
    return text


def parse_question(text: str, register: Register | None = None) -> Question:
    text = _label_notes(text)
    source = Source("question", text)
    if len(text) > MAX_QUESTION:
        fail(QuestionError, source.span(MAX_QUESTION, MAX_QUESTION + 1),
             f"the question is {len(text):,} characters long, more than lla reads",
             expected=f"at most {MAX_QUESTION:,} characters", help="ask one thing at a time")
    _numbers_in_range(text, source)
    parser = _parser()
    try:
        tree = parser.parse(text, start="start")
    except UnexpectedInput as err:
        _dispute_subject(text, source)
        _affiliate_noun(text, source)
        _unread_verb(text, source, err)
        syntax_error(err, source, QuestionError, parser,
                     help="the nearest questions lla reads:\n    " + "\n    ".join(closest_forms(text, 3))
                     + "\n  (GROUP, PERSON, BODY: see lla ask --help, which lists every form)")
    form_tree = tree.children[0]
    if str(form_tree.data) in _ACT_FORMS:
        from .question_acts import read

        READ_AS.clear()
        q = read(form_tree, Question(text, str(form_tree.data), source=source), register)
        q.read_as = list(READ_AS)
        return q
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
        elif child.data == "described" and register is not None and register.find(span.text) is not None:
            # A register name that reads as words ("A Group"): the row, as
            # `lla table` reads it, not "a group" (round 60).
            found = register.find(span.text)
            q.group_label, q.group, q.assumed = found.name, found, found.facts()[1]
        elif child.data == "described":
            q.group, q.assumed = _described(child, source)
            q.read_as += _read_as(child)
            q.group_label = " ".join(text[child.meta.start_pos:child.meta.end_pos].split())
        elif child.data in ("quoted", "named"):
            name = _words(child).strip('"')
            q.group_label = name
            group = register.find(name) if register else None
            if group is None:
                names = [g.name for g in register.groups if g.name] if register else []
                each = " ".join(name.lower().split()) in ("each group", "every group", "each person",
                                                         "every person")
                fail(QuestionError, span, f"no group named '{name}'"
                     + ("" if register else " (no --register file given)"),
                     # "each group" is `lla table`'s form (round 56: the hint
                     # said to pass the --register that was passed).
                     help=("to ask of every group or person of a register, use lla table QUESTION "
                           "--register FILE" if each else None)
                     or (did_you_mean(name, names) if names else None) or
                     ("pass --register FILE with the group, or describe it: " + GROUP_HELP))
            facts_group = group
            q.group = facts_group
            q.assumed = facts_group.facts()[1]
    return q


# The subjects of a dispute as a question says them: the vocabulary's, with
# "other matters" for "other" (tests/test_cli.py checks the grammar reads each).
DISPUTE_SUBJECTS = tuple("other matters" if s == "other" else s for s in VOCAB_DISPUTE_SUBJECTS)
_DISPUTE_ABOUT = re.compile(r"\bdisputes? (?:about|over|on|concerning|of) (?P<subject>[^?]*)", re.I)


def _dispute_subject(text: str, source: Source) -> None:
    """A dispute about a subject lla does not read is refused at the
    subject, with the subjects it reads (round 42: "disputes about
    finances" was refused at "about", as if nothing could follow)."""
    m = _DISPUTE_ABOUT.search(text)
    if m is None:
        return
    subject = m.group("subject").strip()
    if subject.lower() in DISPUTE_SUBJECTS + ("procedure",):
        return
    fail(QuestionError, source.span(m.start("subject"), m.start("subject") + len(subject) or 1),
         f"lla does not read disputes about '{subject}'",
         expected="one of " + ", ".join(DISPUTE_SUBJECTS),
         help="a subject the drafts do not name is asked as 'disputes about other matters'")


_AFFILIATE_NOUN = re.compile(r"\b(?:an?|any|each) (?:(?:national|local|regional) )?affiliates?\b(?!\s*\?)", re.I)


def _affiliate_noun(text: str, source: Source) -> None:
    """'An affiliate', the drafts' own noun (Tees 5.6, 3.5), names no kind
    of group; refused at those words, not at the verb after them, which the
    parser took for 'may GROUP affiliate?' (round 42)."""
    m = _AFFILIATE_NOUN.search(text)
    if m is None:
        return
    fail(QuestionError, source.span(m.start(), m.end()),
         f"'{m.group(0)}' names no kind of group",
         expected="a kind of group, e.g. 'an affiliated local group' or 'an affiliated trade union branch'",
         help="the drafts' affiliates are groups of several kinds, and the answer can turn on the kind")


_MAY_SUBJECT = re.compile(r"^\s*(?:may|can)\s+(?P<rest>[^?]*?)\s*\??\s*$", re.I)


def _unread_verb(text: str, source: Source, err) -> None:
    """'may the organising group set up a working group?': the subject
    takes every word up to the '?', so the parser stops there. Where the
    words before some word name a body or a group, that word is the verb lla
    does not read, and the error is put on it (round 65: it was put on the
    '?')."""
    from .ask import known_body

    from lark.exceptions import UnexpectedEOF

    token = getattr(err, "token", None)
    if isinstance(err, UnexpectedEOF) or token is not None and token.type == "$END":
        at = len(text)  # the end of the input
    elif token is not None:
        at = token.start_pos
    else:
        at = getattr(err, "pos_in_stream", None)
    m = _MAY_SUBJECT.match(text)
    if m is None or at is None or at < m.end("rest"):
        return
    def a_group(who: str) -> bool:
        # A kind of group, read quietly: words that are no kind are no group.
        try:
            return group_in(source.span(m.start("rest"), m.start("rest") + len(who)), None, quiet=True) is not None
        except QuestionError:
            return False

    def a_person(who: str) -> bool:
        # A person in words ("a suspended Labour member"), read quietly.
        from .phrases import person

        try:
            return bool(person(source.span(m.start("rest"), m.start("rest") + len(who))))
        except QuestionError:
            return False

    words = list(re.finditer(r"\S+", m.group("rest")))
    for i in range(len(words) - 1, 0, -1):
        who = m.group("rest")[:words[i - 1].end()]
        if known_body(who, []) or a_group(who) or a_person(who):
            start = m.start("rest") + words[i].start()
            verb = words[i].group(0)
            fail(QuestionError, source.span(start, start + len(verb)),
                 f"lla does not read '{verb}' after '{' '.join(who.split())}'",
                 expected="what they may do, one of: join, affiliate, be a Labour Party member, stand, "
                          "vote, submit a motion, sign a motion, call a special conference, recall a "
                          "member of, nominate, send N delegates, change the constitution, have N "
                          "members, be appealed against",
                 help="the nearest questions lla reads:\n    " + "\n    ".join(closest_forms(text, 3))
                      + "\n  (GROUP, PERSON, BODY: see lla ask --help, which lists every form)")


_ACT_FORMS = frozenset({"may", "who_acts", "petition_enough", "is_carried", "recall_enough",
                        "in_time", "what_majority", "how_many_signatures", "how_much_notice",
                        "how_large", "how_long", "who_resolves", "who_hears"})


def group_in(span: Span, register: Register | None, quiet: bool = False) -> dict | None:
    """A group described in words ('a local group with 150 members') or
    named from the register, as the fields of model.Group. `quiet`: None
    when the words are not a group (they may name a body instead)."""
    words = " ".join(span.text.split()).strip('"')
    if register is not None and register.find(words) is not None:
        return words  # a register name, which the action resolves
    try:
        tree = _parser().parse(span.text, start="described")
    except UnexpectedInput:
        if quiet:
            return None
        fail(QuestionError, span, f"'{words}' is not a group lla can read",
             expected=GROUP_HELP, help="or pass --register FILE and use the group's name")
    group, _ = _described(_shift(tree, span.start), span.source)
    READ_AS.extend(x for x in _read_as(tree) if x not in READ_AS)
    fields = group.model_dump(exclude_none=True)
    if "fee_paid" in fields:
        from .format import money

        # Held in pence; an action file writes a fee in pounds ("£19").
        fields["fee_paid"] = money(fields["fee_paid"])
    return fields


def _shift(tree: Tree, offset: int) -> Tree:
    """Positions of a sub-parse, moved to where its words are in the question."""
    for node in tree.iter_subtrees():
        if not node.meta.empty:
            node.meta.start_pos += offset
            node.meta.end_pos += offset
    return tree


# Kind words that name one level of a body with several (CAC 4.2 B gives a
# union's national office 1 delegate, a region by its size): said, not hidden.
_LEVELS = {"trade union": "'trade union' is read as a union's national office; say 'trade union "
                          "branch' or 'trade union region' for the others",
           # Round 25: a draft's "affiliated groups" may mean every kind; the
           # word alone is read as a local group, and the answer says so.
           "group": "'group' is read as a local group; name the kind ('an equality group', 'a CLP', "
                    "'a trade union branch') for the others",
           # Round 46: LAW/SLL 4.a's "new local Labour Left groups" are local
           # groups; Tees's "local Labour Left Branch" is the LLA's own branch.
           "local labour left group": "'local Labour Left group' is read as a local group outside the "
                                      "LLA; say 'an LLA branch' for one of its own branches",
           "labour left group": "'Labour Left group' is read as a local group outside the LLA; say "
                                "'an LLA branch' for one of its own branches"}
READ_AS: list[str] = []  # filled while a yes-or-no question's subject is read (group_in)


def _read_as(tree: Tree) -> list[str]:
    kind = next((c for c in tree.children if isinstance(c, Tree) and c.data == "kind"), None)
    words = " ".join(_words(kind).lower().split()) if kind is not None else ""
    return [_LEVELS[words]] if words in _LEVELS else []


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
            elif child.data == "level":
                # "whose region is (not) affiliated": the level above the group.
                said = {t.type: str(t).lower() for t in child.children if isinstance(t, Token)}
                key = "national_affiliated" if said["LEVEL"].startswith("national") else "region_affiliated"
                if key in fields:
                    fail(QuestionError, span, f"{key.replace('_', ' ')} given twice")
                fields[key] = "NOT" not in said and not said["AFFILIATION"].startswith(("un", "non"))
    try:
        group = Group(**{k: v for k, v in fields.items() if k != "fee_paid"},
                      fee_paid=_money(fields["fee_paid"]) / 100 if "fee_paid" in fields else None)
    except ValidationError as err:
        msg = err.errors()[0]["msg"].removeprefix("Value error, ")
        msg = msg.split(": ", 1)[1] if msg.split(": ", 1)[0].isidentifier() else msg
        # In the question's words, not the action file's field names (round 43).
        msg = re.sub(r"lla_supporters \((\d+)\) cannot be more than members \((\d+)\)",
                     r"\1 LLA supporters cannot be more than its \2 members", msg)
        fail(QuestionError, source.span(tree.meta.start_pos, tree.meta.end_pos),
             f"impossible group: {msg}", help="an organisation's LLA supporters are among its members")
    facts, assumed = group.facts()
    return group, assumed
