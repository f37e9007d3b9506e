"""Read the subject of a yes-or-no question: who is asking to act.

`may SUBJECT ACT?` leaves SUBJECT as free words (grammar/question.lark); the
act says what sort of subject it takes, and this module reads the words as
that sort: a person's facts, a group, a body of a draft, or individual
members putting their names together. Every word must be understood: a word
the reader skips could be the one that changes the answer ("a member who is
*banned*"), so an unknown word is an error at that word, never ignored.

>>> from lla_constitution.source import Source
>>> src = Source("question", "a suspended Labour member who is a witch-hunt victim")
>>> sorted(person(src.span(0, len(src.text))).items())
[('labour_status', 'suspended'), ('witch_hunt', True)]
>>> signatories("10 LLA members")
10
"""
from __future__ import annotations

import re
from functools import lru_cache

from .errors import QuestionError, did_you_mean, fail
from .source import Span

# What a person's words say, longest phrases first. Each pattern sets facts
# of model.Person; words left over must be filler (FILLER).
_ORG = r"(?P<org>[a-z][a-z'’\- ]*?)"
# Where an organisation's name ends: before "who", "and", a comma, or words
# that say more of the person (round 54: "a member of the Green Party
# expelled in the witch-hunt" took the whole as the party's name).
_ORG_END = r"(?=$| who| and|,| (expelled|suspended|in the witch|in a witch|as part of|co-? ?opted|by proxy|not)\b)"
PERSON_PHRASES: list[tuple[str, dict]] = [
    # In no other party (round 44: "a member of no other party" was taken as
    # an organisation called "no other party").
    (r"not (a )?member of (another|any other|any) (political )?party|member of no other (political )?party|"
     r"(not )?in no other (political )?party|not in (another|any other) (political )?party|"
     r"belongs? to no other (political )?party", {"other_party": False}),
    # Tees 2.3's "other socialist political parties", said either way; before
    # "a member of ORGANISATION", which would take "a non-socialist party" as a name.
    (r"member of (another|other|a) socialist (political )?part(y|ies)|in (another|a) socialist (political )?party",
     {"other_party": True, "socialist_party": True}),
    (r"member of (another|other|a|an) non-? ?socialist (political )?part(y|ies)|in (another|a) non-? ?socialist (political )?party",
     {"other_party": True, "socialist_party": False}),
    # Words that would be misread: refused with a hint, not guessed.
    (r"labour( party)? supporters?|ex-[a-z]+|anti-[a-z]+|non-co-? ?opted|non-suspended|non-expelled",
     {"refuse": "say what the person is: an LLA supporter, a Labour Party member, not in the Labour "
                "Party, co-opted or not"}),
    # Expelled from what, a supporter how: the NEC's decision is about
    # members of the four groups (002 line 34), and Labour status is Labour's.
    (r"(suspended|expelled) (members?|supporters?) of (?!(the )?(lla|labour)\b)[a-z][a-z'’\- ]*?(?=$| who| and|,)",
     {"refuse": "say it apart: 'an expelled Labour member who is a member of Socialist Appeal'"}),
    # CAC 2.2 B bars "members/supporters" of other parties; the fact records
    # membership only (round 44: the hint spoke of the NEC's groups).
    (r"supporters? of (another|a rival|any other|an other|other) (political )?part(y|ies)",
     {"refuse": "lla records membership of another party, not support for one: say 'a member of "
                "another party' (CAC 2.2 B bars both; other drafts bar members only)"}),
    (r"supporters? of (?!(the )?lla\b)[a-z][a-z'’\- ]*?(?=$| who| and|,)",
     {"refuse": "the NEC's decision is about members of the groups: say 'a member of ...'"}),
    # "a Labour non-member" is outside Labour, not a Labour member who is
    # no LLA supporter (round 35).
    (r"non-members? of (the )?labour( party)?|non-labour( party)?( members?)?|labour( party)? non-? ?members?",
     {"labour_status": "non_member"}),
    (r"non-(lla )?(supporters?|members?|signator(y|ies))|not (a |an )?signator(y|ies)", {"lla_supporter": False}),
    # An organisation a person belongs to (the NEC's proscribed groups): not
    # the LLA, Labour or "another party", which have their own facts below.
    (r"member of (?!(the )?(lla|another|a rival)\b|(the )?labour( party)?" + _ORG_END + ")" + _ORG + _ORG_END,
     {"member_of": "org"}),
    (r"member of another (political )?party|in another (political )?party|"
     r"member of a(nother)? rival party", {"other_party": True}),
    (r"(who )?(actively )?campaigns? (electorally )?against (the )?labour( party)?",
     {"campaigns_against_labour": True}),
    # "expelled in the witch-hunt", "as part of the witch-hunt" (round 54).
    (r"((in|during|as part of) (the |a ))?(a )?(victim of the |victim of a )?witch-? ?hunt( victim)?",
     {"witch_hunt": True}),
    (r"not (a |an )?lla (supporter|member)|non-supporter|not (a )?signed[- ]up supporter",
     {"lla_supporter": False}),
    (r"(signed[- ]up )?(lla|individual) (supporter|member)|supporter of the lla|"
     r"signed[- ]up supporter|lla signatory|signatory|supporter", {"lla_supporter": True}),
    (r"suspended( from (the )?labour( party)?)?( labour( party)?)?", {"labour_status": "suspended"}),
    (r"expelled( from (the )?labour( party)?)?( labour( party)?)?", {"labour_status": "expelled"}),
    (r"not (a |an |in )?(the )?labour( party)?( member)?|non-labour|not a member of (the )?labour( party)?|"
     r"outside (the )?labour( party)?", {"labour_status": "non_member"}),
    (r"labour( party)?( member)?|member of (the )?labour( party)?|in (the )?labour( party)?",
     {"labour_status": "member"}),
    (r"co-? ?opted", {"co_opted": True}),
    (r"(by )?proxy", {"proxy": True}),
]
FILLER = frozenset("a an any the who is was has been and but member members person "
                   "individual someone anyone everyone voter people one".split())
PERSON_HELP = ("describe the person in words such as: an LLA supporter, a Labour Party member, "
               "a suspended (or expelled) Labour member, a witch-hunt victim, a co-opted member, "
               "a proxy, a member of another party, a member of Socialist Appeal (two organisations: "
               "a member of Socialist Appeal and a member of the Green Party)")


def person(span: Span) -> dict:
    """The facts of model.Person the words give; unknown words are an error."""
    text = span.text.lower().replace("’", "'")
    facts: dict = {}
    taken = [False] * len(text)
    for pattern, sets in PERSON_PHRASES:
        # A phrase starts and ends at a word's edge: "non-LLA supporter" is
        # not "LLA supporter" with "non-" left over (round 17).
        for m in re.finditer(r"(?<![a-z'\-])(" + pattern + r")(?![a-z'\-])", text):
            if any(taken[m.start():m.end()]):
                continue
            if "refuse" in sets:
                fail(QuestionError, span.source.span(span.start + m.start(), span.start + m.end()),
                     f"'{span.text[m.start():m.end()]}' could be read more than one way",
                     help=sets["refuse"])
            for i in range(m.start(), m.end()):
                taken[i] = True
            for fact, value in sets.items():
                if value == "org" and _is_labour(m.group("org")):
                    # "a member of the UK Labour Party" is a Labour member,
                    # as "a member of the Labour Party" is (round 54).
                    fact, value = "labour_status", "member"
                elif value == "org":
                    org = _org_name(span, m.start("org"), m.end("org"))
                    facts.setdefault("member_of", []).append(org)
                    _say_party(org)
                    continue
                if fact in facts and facts[fact] != value:
                    fail(QuestionError, span.source.span(span.start + m.start(), span.start + m.end()),
                         f"the person is described two ways ({fact.replace('_', ' ')})",
                         help="describe one person")
                facts[fact] = value
            if sets.get("labour_status") in ("suspended", "expelled") and "labour" not in m.group():
                # The facts are Labour's: the LLA suspends no one the drafts
                # name, so say how the bare word is read (round 35).
                read_as(f"'{m.group()}' is read as {m.group()} from the Labour Party")
            if re.fullmatch(r"non-members?", m.group()):
                # Whose non-member: the LLA's, as "member" alone is (round 36).
                read_as(f"'{m.group()}' is read as not an LLA supporter; say 'a Labour non-member' "
                         "for someone outside the Labour Party")
    for m in re.finditer(r"[^\s,]+", text):
        # A word must be read whole: one only partly read is not read.
        if not all(taken[m.start():m.end()]) and m.group() not in FILLER:
            fail(QuestionError, span.source.span(span.start + m.start(), span.start + m.end()),
                 f"'{span.text[m.start():m.end()]}' is not a word lla reads in a person",
                 # "each person" is `lla table`'s form (round 56).
                 help=("to ask of every person of a register, use lla table QUESTION --register FILE"
                       if m.group().lower() in ("each", "every") and m.start() == 0 else PERSON_HELP))
    _settle_parties(facts)
    if facts.get("member_of") and "other_party" not in facts:
        # "a member of Unite" says nothing of other memberships: unlike a
        # member_of list, the words are not all the person belongs to, so
        # "in another party" is said to be unknown (round 54).
        facts["other_party"] = None
    return facts


def _party(org: str) -> tuple[bool, bool | None]:
    """Whether a name is of a party other than Labour ("the Green Party",
    "the Socialist Party", "UKIP"), and whether a socialist one (None: the
    name does not say). Parties of the right and centre are not socialist by
    any reading, named with "Party" or not (round 49: "the Conservative Party"
    kept Tees 2.3's and CAC 2.2 A's socialist cases; "the Tories" was refused).

    >>> _party("the Socialist Party"), _party("the Green Party"), _party("the Tories")
    ((True, True), (True, None), (True, False))
    >>> _party("the party"), _party("Momentum")
    ((False, None), (False, None))
    >>> _party("the National Socialist Party"), _party("the SWP"), _party("the Greens")
    ((True, False), (True, True), (True, None))
    >>> _party("Reform Socialists"), _party("the Liberal Left"), _party("the Socialist Labour Party")
    ((False, None), (False, None), (True, True))
    >>> _party("the Socialist Labour Network"), _party("Greens for Labour"), _party("the Scottish Conservatives")
    ((False, None), (False, None), (True, False))
    """
    said = " ".join(re.findall(r"[a-z]+", org.lower()))
    words = set(said.split())
    # A name parties go by is the whole name, give or take "the", a nation and
    # "Party" (round 51 check: "the Socialist Labour Network" is no party).
    known = next((s for name, s in _KNOWN_PARTIES.items()
                  if re.fullmatch(rf"(the )?((scottish|welsh|english|british) )?{name}( party)?( uk)?", said)), "no")
    # A party by its name: "Party" in it, or a name parties go by. A word of
    # the right in another name ("Socialists for Reform", "the Liberal Left")
    # makes no party of it (round 50 check).
    if ("labour" in words and known == "no") or ("party" not in words and known == "no") \
            or words & _CO_OP or not words - {"the", "a", "an", "party", "political"}:
        return False, None  # Labour, or "the party" with no name: Labour, as often as not (round 47)
    if "national socialist" in said:
        return True, False  # the Nazis' name, not a socialist party (round 50)
    if words & {"socialist", "socialists"}:
        return True, True
    return True, False if words & _NOT_SOCIALIST else None if known == "no" else known


# Words in the names of parties no one calls socialist.
_NOT_SOCIALIST = {"conservative", "conservatives", "tory", "tories", "liberal", "ukip", "brexit", "reform"}
# Parties often named without "Party", and whether socialist by name (None:
# the name does not say): round 50, "the Greens" was offered "the resist".
_KNOWN_PARTIES = {"greens": None, "snp": None, "plaid cymru": None, "left unity": None, "swp": True,
                  "tusc": True, "lib dems": False, "libdems": False, "liberal democrats": False,
                  "tories": False, "tory": False, "conservatives": False, "ukip": False, "reform uk": False,
                  "socialist labour": True, "independent labour": None}
_CO_OP = {"co", "operative", "cooperative"}


def _is_labour(org: str) -> bool:
    """Whether a name is the Labour Party itself, whole, give or take "the"
    and "UK": belonging to it is Labour membership (round 54: member_of:
    [Labour Party] left Labour status open). Not a nation's, youth's or
    other group's name: what belonging to those says, the name does not.

    >>> [_is_labour(n) for n in ("Labour", "the Labour Party", "the UK Labour Party", "LABOUR PARTY")]
    [True, True, True, True]
    >>> [_is_labour(n) for n in ("Scottish Labour", "Young Labour", "Greens for Labour",
    ...                          "Labour Against the Witchhunt", "the Socialist Labour Party")]
    [False, False, False, False, False]
    """
    said = " ".join(re.findall(r"[a-z]+", org.lower()))
    return re.fullmatch(r"(the )?(uk )?labour( party)?( uk)?", said) is not None


# Organisations known to be no political party (round 54: member_of: [Unite]
# left "in another party" open where [] settled it). A closed list: a name
# lla does not know may be a party's ("Alba", "Respect"), so it settles nothing.
_NO_PARTY = frozenset("unite unison gmb cwu rmt fbu pcs neu ucu usdaw aslef tssa bfawu nuj equity bectu "
                      "prospect nasuwt community momentum".split())


@lru_cache(maxsize=4096)  # a register of people asks it of each row's names
def _no_party(org: str) -> bool:
    """Whether a name is known to be of no political party: a trade union,
    Momentum, or a group the Labour NEC's decision names (as its rulebook
    names them, the NEC itself aside).

    >>> [_no_party(n) for n in ("Unite", "the GMB", "Unite the Union", "Momentum", "LAW", "Socialist Appeal")]
    [True, True, True, True, True, True]
    >>> [_no_party(n) for n in ("Alba", "Respect", "the Union Party", "the NEC", "Greens for Labour")]
    [False, False, False, False, False]
    >>> [_no_party(n) for n in ("the GMB union", "Christian Democratic Union", "Trade Union and Socialist Coalition")]
    [True, False, False]
    """
    from .loader import load

    said = " ".join(re.findall(r"[a-z]+", org.lower()))
    words = set(said.split())
    if "party" in words:
        return False
    # "Unite the Union", "the GMB union": a known union's name with "union"
    # after it. "Union" alone proves nothing: the CDU is a Christian
    # Democratic Union, and TUSC a Trade Union and Socialist Coalition that
    # stands candidates (round 54 check).
    name = said.removeprefix("the ").removesuffix(" union").removesuffix(" the")
    return (name in _NO_PARTY
            or load("labour-nec-2021").ast.find_body(org) not in (None, "nec"))


# How a spreadsheet or a form says "none" or "not known" where a name goes
# (round 54: 'n/a' was read as an organisation called 'n/a').
NO_NAME = frozenset({"no", "n/a", "na", "-", "--", "nothing", "nil", "null", "unknown", "?", "[]"})


def _say_party(org: str) -> None:
    """Say how a named organisation is read as a party (the facts are
    :func:`_settle_parties`'s, once every name is read)."""
    if "party" in org.lower() and set(re.findall(r"[a-z]+", org.lower())) & _CO_OP:
        # Labour's sister party, with joint members: whether it is "another
        # party" the drafts do not say (round 47: a confident "no").
        read_as(f"'{org}' is Labour's sister party: whether it counts as another party the drafts "
                "do not say; say 'a member of another party' to ask so")
        return
    is_party, socialist = _party(org)
    if is_party:
        read_as(f"'{org}' is read as another party than Labour"
                + {True: ", a socialist one", False: ", not a socialist one", None: ""}[socialist])


def _settle_parties(facts: dict, complete: bool = False) -> None:
    """The party facts of every party named: in another party; in a socialist
    one if any named is, in none if every one named is of the right or centre
    (round 49 check: a second name was dropped as a clash, by word order).
    Facts the words give otherwise stand: the clash is theirs. The Labour
    Party named is Labour membership; a `complete` list (member_of: all the
    person belongs to) naming no organisation that may be a party other than
    Labour, as [] names none, is in no other party (round 54).

    >>> f = {"member_of": ["the Conservative Party", "the Socialist Party"]}; _settle_parties(f); f["socialist_party"]
    True
    >>> f = {"member_of": ["the Conservative Party", "the Green Party"]}; _settle_parties(f); "socialist_party" in f
    False
    >>> f = {"member_of": ["Labour Party", "Unite"]}; _settle_parties(f, complete=True); f
    {'member_of': ['Labour Party', 'Unite'], 'labour_status': 'member', 'other_party': False}
    >>> f = {"member_of": ["Unite", "Alba"]}; _settle_parties(f, complete=True); f
    {'member_of': ['Unite', 'Alba']}
    >>> f = {"member_of": ["Unite"]}; _settle_parties(f); f
    {'member_of': ['Unite']}
    """
    if "member_of" not in facts:
        return  # the organisations are not known
    orgs = facts["member_of"]
    if any(_is_labour(o) for o in orgs):
        facts.setdefault("labour_status", "member")
    if not _party_named(orgs):
        if complete:
            facts.setdefault("other_party", False)
        return
    named = [s for o in orgs for is_party, s in [_party(o)] if is_party]
    if not named or facts.get("other_party") is False:
        return  # "in no other party" and a party named: the words' clash stands as said
    facts["other_party"] = True
    if any(s is True for s in named):
        facts["socialist_party"] = True  # in a socialist party, whatever else they are in
    elif all(s is False for s in named):
        facts.setdefault("socialist_party", False)


def _party_named(orgs) -> bool:
    """Whether a list of organisations may name a party other than Labour:
    not if each is the Labour Party or known to be no party ([] names none).

    >>> _party_named([]), _party_named(["Labour", "Unite"]), _party_named(["Unite", "Alba"])
    (False, False, True)
    """
    return not all(_is_labour(o) or _no_party(o) for o in orgs)


def _org_name(span: Span, start: int, end: int) -> str:
    """An organisation a person belongs to, by a name the NEC's decision uses."""
    from .loader import load

    words = " ".join(span.text[start:end].split())
    nec = load("labour-nec-2021")
    body = nec.ast.find_body(words)
    if body == "nec":
        # The NEC decides; no one is "a member of" it in this sense (round 46:
        # it was called a body of the LLA).
        fail(QuestionError, span.source.span(span.start + start, span.start + end),
             f"'{words}' is Labour's National Executive Committee, not an organisation lla reads "
             "a person's membership of",
             expected="an organisation the Labour NEC's decision names, e.g. Socialist Appeal",
             help="a seat on Labour's NEC is not a fact lla reads of a person: describe the person "
                  "(an LLA supporter, a Labour Party member, ...)")
    if body is None:
        # The organisations the NEC proscribed, not the NEC itself (round 43).
        if re.match(r"(no|none|nothing|any|every|some)\b", words.lower()):
            fail(QuestionError, span.source.span(span.start + start, span.start + end),
                 f"'{words}' names no organisation",
                 expected="an organisation's name, e.g. Socialist Appeal",
                 help="say 'in no other party' or 'a member of another party' for a party")
        names = sorted(n for n, b in nec.ast.body_names().items() if "_" not in n and b != "nec")
        from .labour import near_name
        from .loader import bundled_ids

        # A body the LLA's texts set up, not one they name outside it (round
        # 46: JVL, named in the NEC motion, was "a body of the LLA").
        lla_body = any((b := load(d).ast.find_body(words)) and not load(d).ast.body(b).outside
                       for d in bundled_ids() if d != "labour-nec-2021")
        # A party's name is no typo for a proscribed group's ("the Tories"
        # is not "the resist": round 49 check).
        # As a register's or an action file's member_of reads it: "SA" is
        # refused, not taken as another organisation, and the hint gives the
        # group's name as the NEC writes it (round 55).
        near = None if _party(words)[0] else near_name(nec, words)
        hint = (f"did you mean '{nec.ast.body(near).name}'?" if near
                else None if _party(words)[0] else did_you_mean(words.lower(), names))
        if not lla_body and hint is None:
            # Another organisation (Momentum, a union): membership of it is a
            # fact as an action file's member_of takes it; no proscription names
            # it, which the answer says (round 43: it was refused).
            read_as(f"'{words}' is taken as an organisation the NEC's decision does not name")
            return words
        fail(QuestionError, span.source.span(span.start + start, span.start + end),
             f"'{words}' is a body of the LLA, not an organisation lla reads a person's membership of"
             if lla_body else f"no organisation called '{words}' is known",
             expected="an organisation the Labour NEC's decision names, e.g. Socialist Appeal",
             # A body of the LLA (round 42): who sits on it is not a fact
             # of a person; the drafts answer what its members may do.
             help=("'a member of' names a group a person belongs to outside the LLA; a seat on "
                   f"{words} is not a fact lla reads of a person: describe the person (an LLA "
                   "supporter, a Labour Party member, ...)" if lla_body else
                   hint))
    return nec.ast.body(body).name.removeprefix("the ")


# "a group of 25 individual members" is Tees 5.6's own phrase for members
# acting together, as it reads 3.15's (round 46: refused as a body's name);
# "individual" says they are members, not an organisation ("a group of 10
# members" stays unread).
_NUMBER = r"(?:any |all |together |a group of (?=[0-9,]+ individual ))?(?P<n>[0-9][0-9,]*) (?:individual |lla |signed[- ]up )*(?:members?|supporters?|signator(?:y|ies)|people|person)(?: together)?"


def signatories(text: str) -> int | None:
    """'10 LLA members' -> 10: individual members putting their names together."""
    said = " ".join(text.lower().split())
    m = re.fullmatch(_NUMBER, said)
    if m and said.startswith("a group of"):
        read_as(f"'{' '.join(text.split())}' is read as {m.group('n')} individual LLA members acting together, "
                "not as a group affiliated to the LLA")
    elif m and re.search(r"\b(people|person)\b", said) and not re.search(r"\b(lla|signed[- ]up)\b", said):
        # The drafts count LLA members (signatories); "people" does not say
        # they are: read so, and said (round 34).
        read_as(f"'{' '.join(text.split())}' is read as {m.group('n')} individual LLA members acting together")
    return int(m.group("n").replace(",", "")) if m else None


def read_as(note: str) -> None:
    """Say, with the answer, how words of the question were read."""
    from .question import READ_AS

    if note not in READ_AS:
        READ_AS.append(note)


def body_words(text: str) -> str:
    """A body as named in a question: 'the steering committee', 'conference'."""
    return " ".join(text.split())


_DECISIONS = re.compile(r"(?:a |the |any )?decisions? (?:of|by|taken by|made by) (?P<body>.+)", re.I)


def decisions_of(text: str) -> str | None:
    """'decisions of the steering committee' -> 'the steering committee'."""
    m = _DECISIONS.fullmatch(" ".join(text.split()))
    return m.group("body") if m else None
