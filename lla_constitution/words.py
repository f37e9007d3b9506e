"""Plain words for the engine's identifiers, in the prose people read.

The engine reasons in identifiers (`labour_status = member`,
`organising_group`, `submit_motion`); a committee reads sentences. `prose`
rewrites the text output of `ask`, `check`, `diff`, `compare` and `lint`
line by line, leaving alone what is meant to be pasted or quoted: rule-file
source (lint's numbered lines), action files a witness prints, commands,
and anything in quotes. `--json` keeps the identifiers.

>>> prose("allowed  when members ≥ 10 and lead_time < 3 weeks", {})
'allowed  when 10 or more members and sent less than 3 weeks before the meeting'
>>> prose("delegated to organising_group", {"organising_group": "the Organising Group (OG)"})
'delegated to the Organising Group (OG)'
>>> prose("presumed (the action does not say): affiliated = true, during_meeting = false", {})
'presumed (the action does not say): the group is affiliated, put before the meeting starts'
"""
from __future__ import annotations

import contextlib
import contextvars
import functools
import re

from .vocab import KINDS

# ---- values of enum facts -------------------------------------------------------

LABOUR = {"member": "a Labour Party member", "suspended": "suspended from the Labour Party",
          "expelled": "expelled from the Labour Party", "non_member": "not in the Labour Party"}
MOTION_KIND = {"ordinary": "an ordinary motion", "constitutional": "a constitutional motion",
               "strategy": "a motion on strategy", "organising": "a motion on organising"}
GROUNDS = {"violation_of_principles": "on grounds of violating LLA principles",
           "failure_of_responsibilities": "on grounds of failing to fulfil responsibilities",
           "breakdown_of_trust": "on grounds of a breakdown in trust", "other": "on other grounds"}
FREQUENCY = {"twice_yearly": "twice a year", "every_two_years": "every two years",
             "annually": "once a year", "monthly": "monthly", "quarterly": "quarterly",
             "every_year": "every year", "weekly": "weekly"}
STATUS = {"not_applicable": "not applicable"}
TALLY = {"votes": "the votes for and against", "individuals": "individual members' votes",
         "groups": "affiliated groups' votes", "delegate_votes": "delegate votes",
         "branch_votes": "LLA branches' votes weighted by membership"}
# "of all": of everyone entitled to vote, not of the votes cast (CAC 3.2 E).
TALLY_ALL = {"votes": "everyone entitled to vote", "individuals": "all individual members",
             "groups": "all affiliated groups", "delegate_votes": "all delegate votes",
             "branch_votes": "all LLA branches' votes weighted by membership"}
FRACTION = {"majority": "a majority", "two_thirds": "two-thirds", "three_quarters": "three-quarters"}
ACTIONS = {
    "join": "join", "labour_membership": "Labour Party membership", "stand": "stand for election",
    "affiliate": "affiliate", "send_delegates": "send delegates", "submit_motion": "submit a motion",
    "submit_amendment": "submit an amendment", "sign_motion": "sign a motion",
    "circulate_motion": "circulate motions", "call_special_conference": "call a special conference",
    "recall_officer": "recall a member", "pass_motion": "pass a motion", "vote": "vote",
    "elect_committee": "elect a committee", "recall_vote": "a recall vote",
    "resolve_dispute": "resolve a dispute", "appeal": "appeal", "nominate": "nominate",
    "amend_constitution": "change the constitution", "delegates": "delegates", "elections": "elections",
    "meetings": "meetings", "recall": "recall", "disputes": "disputes", "elect": "committee size",
}

# Topics as what is done, for "says nothing on ...".
TOPIC_GERUND = {
    "delegates": "delegates", "fee": "fees", "join": "who may join", "affiliate": "who may affiliate",
    "submit_motion": "who may submit motions", "submit_amendment": "who may submit amendments",
    "sign_motion": "signing motions", "call_special_conference": "calling a special conference",
    "recall": "recall", "vote": "who may vote", "elect": "the size of the committee",
    "pass_motion": "how motions are decided", "circulate_motion": "circulating motions",
    "meetings": "how often it meets", "quorum": "quorum", "stand": "who may stand",
    "labour_membership": "Labour Party membership", "elections": "how often it is elected",
    # A recall vote's family is compared with no voter named: with one, the
    # recall's own family (who may recall) says the rest (round 61).
    "recall_vote": "recall votes, no voter named", "amend_constitution": "changing the constitution",
    "disputes": "disputes", "appeal": "appeals", "nominate": "nominations",
    "begin": "where the procedure begins",
}
# With the body: each topic's own preposition ("who may vote in the OG
# officers", not "for", which reads as electing them).
TOPIC_ABOUT = {
    "delegates": "delegates to {b}", "submit_motion": "who may submit motions to {b}",
    "submit_amendment": "who may submit amendments to {b}", "recall": "recalling members of {b}",
    "vote": "who may vote in {b}", "elect": "the size of {b}", "pass_motion": "how {b} decides motions",
    "circulate_motion": "circulating motions for {b}", "meetings": "how often {b} meets",
    "quorum": "the quorum of {b}", "stand": "who may stand for {b}", "elections": "how often {b} is elected",
    "recall_vote": "votes to recall members of {b}", "amend_constitution": "whether {b} may change the constitution",
    "appeal": "appeals against {b}", "nominate": "nominations to {b}",
    "count": "how the vote on {b} is counted", "tie": "who breaks a tie in the vote on {b}",
    "then": "what follows the vote on {b}",
}
_FAMILY = re.compile(r"\b([a-z][a-z_]*)\(([a-z][a-z_]*)\)")  # topic(body), as lint and diff name a family
# An either's key, not "the text" or "one person per post" (round 46: "the
# reading of one person per post" printed "the the reading person per post").
_READING_OF = re.compile(r"reading of (?!(?:the|a|an|this|that|one|two|three|each|every|any|some|all|no)\b)"
                         r"[a-z][a-z0-9_]*")
_DECIDER = re.compile(r"\b(delegated to|decided by|referred to) ([a-z][a-z0-9]*)(?![\w\-])")
_REFERRED_IF_ONE = re.compile(r"(referred to [a-z][a-z0-9_]*) if one\b")
_REFERRED_IF_ONE_OF = re.compile(r"(referred to [a-z][a-z0-9_]*) if one of ([a-z_]+(?: or [a-z_]+)*)")
_SAYS_NOTHING = re.compile(r"says nothing on ([a-z_]+)(?: for ([a-z_]+))?")

# Flags (true/false facts): what each says, and what its negation says.
FLAGS = {
    "witch_hunt": ("a victim of the witch-hunt", "not a victim of the witch-hunt"),
    "lla_supporter": ("an LLA supporter", "not an LLA supporter"),
    "other_party": ("in another party", "not in another party"),
    # Said of the person, so that "not" is true of one in no party at all
    # (round 45: "the other party is not socialist" of someone in none).
    "socialist_party": ("in a socialist party", "not in a socialist party"),
    "co_opted": ("co-opted", "not co-opted"),
    "proxy": ("voting by proxy", "not by proxy"),
    "during_meeting": ("put after the meeting starts", "put before the meeting starts"),
    "special_meeting": ("at a meeting called for it", "not at a meeting called for it"),
    "by_body": ("called by a body of the LLA", "called by petition"),
    "national_affiliated": ("its national body is affiliated", "its national body is not affiliated"),
    "region_affiliated": ("its region is affiliated", "its region is not affiliated"),
    "full_debate": ("a full debate is required", "no full debate is required"),
    "campaigns_against_labour": ("campaigns against Labour", "does not campaign against Labour"),
    "affiliated": ("the group is affiliated", "the group is not affiliated"),
    "adopted": ("adopted by the group", "not adopted by the group"),
    # A motion or an amendment: the fact is said of both (round 37).
    "emergency": ("an emergency item", "not an emergency item"),
    "dispute": ("the decision settled a dispute", "the decision settled no dispute"),
    "represented": ("represented on the body", "not represented on the body"),
    "auto_excluded": ("auto-excluded from Labour", "not auto-excluded from Labour"),
}
# Facts counted or measured: (noun, unit after the number, or a template).
COUNTS = {
    "members": "members", "lla_supporters": "LLA supporters", "signatories": "signatories",
    "initiators": "initiating bodies", "initiator_categories": "categories of initiator",
    "previous_motions": "motions already sent on this heading",
    "previous_amendments": "amendments already sent on this heading",
    "motions_sent": "motions already sent on any heading", "amendments_sent": "amendments already sent on any heading",
    "previous_signatures": "motions or amendments to conference already signed", "previous_nominations": "nominations already made",
    "size": "members on the committee", "tied": "options tied for first place",
}
MEASURES = {  # durations and shares: how the quantity reads
    "lead_time": "sent {cmp} before the meeting", "notice": "notice of {cmp}",
    # A lead time said of circulating motions (`circulated`): not a fact of
    # the vocabulary, only its words.
    "circulation_lead_time": "circulated {cmp} before the meeting",
    "petition_share": "signed by {cmp} of supporters", "groups_share": "asked by {cmp} of affiliated groups and branches",
    "fee_paid": "paying {cmp}",
}
# Where an answer is about circulating motions, a lead time is how long
# before the meeting they were circulated, not sent (round 65: "forbidden
# when sent less than 2 weeks before the meeting" for Dulwich 2.6's
# circulation, whose submission deadline is three weeks).
_CIRCULATING: contextvars.ContextVar = contextvars.ContextVar("circulating", default=False)
_CIRCULATE_WORDS = re.compile(r"\bcirculat(?:ed?|ing|ion)\b", re.I)


@contextlib.contextmanager
def circulating(out):
    """Say lead times of `out` (an answer or verdict) as circulation where it
    is about circulating motions.

    >>> with circulating(type("A", (), {"action": "circulate_motion"})()):
    ...     prose("forbidden  when lead_time < 2 weeks", {})
    'forbidden  when circulated less than 2 weeks before the meeting'
    """
    action = getattr(out, "action", None)
    name = action.get("action") if isinstance(action, dict) else action
    on = name == "circulate_motion" or (
        name is None and bool(_CIRCULATE_WORDS.search(getattr(out, "question", "") or "")))
    token = _CIRCULATING.set(on)
    try:
        yield
    finally:
        _CIRCULATING.reset(token)


def _measure(fact: str) -> str:
    if fact == "lead_time" and _CIRCULATING.get():
        return MEASURES["circulation_lead_time"]
    return MEASURES[fact]


def circulated(text: str) -> str:
    """A condition on circulating motions, its lead time named so that it
    reads as circulation where it is put into words (`lla diff`).

    >>> prose(circulated("lead_time < 2 weeks"), {})
    'circulated less than 2 weeks before the meeting'
    """
    return re.sub(r"\blead_time\b", "circulation_lead_time", text)


_CMP = {"≥": "{v} or more", "≤": "{v} or less", "<": "less than {v}", ">": "more than {v}",
        "=": "exactly {v}", "!=": "other than {v}", ">=": "{v} or more", "<=": "{v} or less"}
_COUNT_CMP = {"≥": "{v} or more", "≤": "{v} or fewer", "<": "fewer than {v}", ">": "more than {v}",
              "=": "{v}", "!=": "other than {v}", ">=": "{v} or more", "<=": "{v} or fewer"}


def _kind(name: str) -> str:
    k = KINDS.get(name)
    if k is None:
        return name.replace("_", " ")
    label = k.label
    vowel = label[0].lower() in "aeiou" or label.startswith(("LLA", "MP", "NEC"))
    return ("an " if vowel else "a ") + label


def post_words(office: str) -> str:
    """A recall's post (`office`) as the reasons name it.

    >>> post_words("chair"), post_words("other_officer")
    ('the chair', 'an officer other than the chair, secretary and treasurer')
    """
    return ("an officer other than the chair, secretary and treasurer" if office == "other_officer"
            else f"the {office}")


def _enum(fact: str, value: str, names: dict) -> str | None:
    if fact == "kind":
        return _kind(value)
    if fact == "labour_status":
        return LABOUR.get(value)
    if fact == "motion_kind":
        return MOTION_KIND.get(value)
    if fact == "grounds":
        return GROUNDS.get(value)
    if fact == "dispute_subject":
        return f"a dispute about {value.replace('_', ' ')}"
    if fact == "office":
        return {"chair": "recalling the Chair", "secretary": "recalling the Secretary",
                "treasurer": "recalling the Treasurer",
                "other_officer": "recalling another officer"}.get(value)
    if fact == "post":
        return {"officer": "for an officer post", "member": "for an ordinary member's place"}.get(value)
    if fact == "by":
        if value == "none":
            return "not put by a body of the LLA"
        if value == "petition":
            return "by petition"
        return "by " + body(value, names)
    if fact == "result":
        return f"the result is {value}"
    return None


def body(bid: str, names: dict) -> str:
    """A body by its name in the draft, else its id in words."""
    name = names.get(bid)
    if name:
        return name
    return "the " + bid.replace("_", " ")


_ATOM = re.compile(
    r"(?P<neg>not )?(?P<fact>[a-z][a-z_]*[a-z])"
    # A duration may hold several units ("1 day 1 hour"; round 29).
    r"(?: (?P<op>=|!=|≥|≤|<|>|>=|<=) (?P<val>£?[0-9](?:[0-9.,]*[0-9])?…?%?"
    r"(?: (?:hours?|days?|weeks?|months?|years?|minutes?|seconds?)(?: [0-9]+ (?:hours?|days?|weeks?|minutes?|seconds?))*)?"
    r"|[A-Za-z0-9_\-]+)"
    r"| (?P<lo>£?[0-9](?:[0-9.,]*[0-9])?)–(?P<hi>£?[0-9](?:[0-9.,]*[0-9])?)"
    # The rule language's own range, "members in 10..100" (round 37).
    r"| in (?P<rlo>[0-9]+)\.\.(?P<rhi>[0-9]+)"
    r"| in (?P<set>\{[^}]*\}|[a-z_]+))?")


# Flags without an underscore that are no prose on their own: "an LLA
# supporter and proxy" reads as "... and voting by proxy" (round 33).
_BARE_FLAGS = {"proxy", "emergency", "dispute"}
# A word of everyday prose besides: a flag only right after a condition's
# own words ("when dispute", "and not dispute"), never in a note ("which
# names no dispute; ...", round 37).
_BARE_IN_CONDITION = {"dispute"}
_CONDITION_BEFORE = re.compile(r"(\b(when|and|or)\s+|\(\s*)$")
_BARE_BEFORE = re.compile(r"\b(by|an|a)\s+$")
# The lines either side of the one being put into words (prose sets them).
_AROUND: contextvars.ContextVar = contextvars.ContextVar("around", default=("", ""))  # (before, after)
_BARE_AFTER = re.compile(r"\s*($|[),;]|\b(and|or)\b|\s+(and|or)\b)")


def _one(noun: str) -> str:
    """A count's noun for exactly one: its first plural word made singular.

    >>> _one("motions already sent on any heading"), _one("LLA supporters"), _one("initiating bodies")
    ('motion already sent on any heading', 'LLA supporter', 'initiating body')
    """
    words = noun.split(" ")
    for i, w in enumerate(words):
        if w.endswith("s") and w != "LLA":
            words[i] = w[:-3] + "y" if w.endswith("ies") else w[:-1]
            break
    return " ".join(words)


def atom(m: re.Match, names: dict) -> str:
    """One condition ('members ≥ 10', 'not witch_hunt', 'kind = clp') in words."""
    fact, op, val = m.group("fact"), m.group("op"), m.group("val")
    neg = bool(m.group("neg"))
    text = m.group(0)
    if m.group("lo") or m.group("rlo"):
        lo, hi = m.group("lo") or m.group("rlo"), m.group("hi") or m.group("rhi")
        if fact in COUNTS:
            return f"{lo} to {hi} {COUNTS[fact]}"
        if fact in MEASURES:
            return _measure(fact).format(cmp=f"{lo} to {hi}")
        return text
    if m.group("set"):
        members = m.group("set").strip("{}").split(", ")
        if fact == "member_of":
            return "a member of " + " or ".join(body(x, names) for x in members)
        said = [names[x] if fact == "kind" and x in names else _enum(fact, x, names) for x in members]
        if all(said):
            joined = " or ".join(said)
            if neg and (len(said) > 1 or " or " in joined):
                return f"not ({joined})"  # none of them, not only the first
            # A named set ("kind in local_or_national") is one word in the
            # rule but several kinds in words: bracketed alike (round 42).
            if ((len(said) > 1 or " or " in joined)
                    and re.search(r"\b(and|or)\b", m.string[:m.start()] + m.string[m.end():])):
                # Beside other conditions the set is one of them: "(not in the
                # Labour Party or expelled) and not a victim" (round 37).
                return f"({joined})"
            return joined
        return text
    if op is None:
        # A bare flag is translated only where it is an identifier: plain
        # words such as "affiliated" or "adopted" are prose already.
        if fact in FLAGS and "_" in fact:
            return FLAGS[fact][1 if neg else 0]
        before, after = m.string[:m.start()], m.string[m.end():]
        # A table's cell may wrap: the line before holds what comes before.
        # (At a line's end the flag is taken as a condition's end.)
        before = before if before.strip() else _AROUND.get()[0] + " " + before
        if (fact in _BARE_FLAGS and not _BARE_BEFORE.search(before) and _BARE_AFTER.match(after)
                and (fact not in _BARE_IN_CONDITION or _CONDITION_BEFORE.search(before))):
            # A condition's flag, not its own words met again ("voting by
            # proxy", "an emergency motion", across a wrapped line) nor a word
            # of other prose ("emergency amendments only" in a reading's name;
            # round 34).
            return FLAGS[fact][1 if neg else 0]
        return text
    if fact in COUNTS:
        noun = _one(COUNTS[fact]) if op == "=" and val == "1" else COUNTS[fact]
        return _COUNT_CMP[op].format(v=val) + " " + noun
    if fact in MEASURES:
        if "…" in val and op == "=":  # a share cut short: "9.99…%" is not exact
            return _measure(fact).format(cmp=val)
        return _measure(fact).format(cmp=_CMP[op].format(v=val))
    if fact in FLAGS and val in ("true", "false"):
        return FLAGS[fact][0 if (val == "true") != neg else 1]
    if fact == "member_of" and op in ("=", "!="):
        # One organisation of a set, by its name ("Resist" has no underscore
        # to mark it as an identifier); "none" begins "none of them".
        said = "a member of " + ("none" if val == "none" else body(val, names))
        return ("not " if op == "!=" or neg else "") + said
    if op in ("=", "!="):
        said = _enum(fact, val, names)
        if said is not None:
            return ("not " if op == "!=" or neg else "") + said
    if fact == "date":
        return {"≤": f"on or before {val}", "≥": f"on or after {val}", "<=": f"on or before {val}",
                ">=": f"on or after {val}", "<": f"before {val}", ">": f"after {val}", "=": f"on {val}"}.get(op, text)
    return text


# Identifiers left once the conditions are words: values and names.
def _identifier(word: str, names: dict) -> str:
    if word in names:
        return names[word]
    if word in KINDS:
        return KINDS[word].label
    for table in (STATUS, FREQUENCY, TALLY, ACTIONS, LABOUR, GROUNDS):
        if word in table:
            return table[word]
    if word in FLAGS:
        return FLAGS[word][0]
    if word in COUNTS:
        return COUNTS[word]
    if word in _all_bodies():  # a body of another draft: what it is called there
        return "the " + word.replace("_", " ")
    if UNKNOWN is not None:
        UNKNOWN.append(word)
    return word.replace("_", " ")


def _all_bodies() -> frozenset:
    """Every body id of the bundled rulebooks ("tees has no officers_group")."""
    global _BODIES
    if _BODIES is None:
        from .loader import bundled_ids, load

        _BODIES = frozenset(b.id for rid in bundled_ids() for b in load(rid).ast.bodies)
    return _BODIES


_BODIES: frozenset | None = None

# Set to a list (as the tests do) to collect identifiers no table above
# words: they are printed with spaces for underscores, a stopgap, not words.
UNKNOWN: list | None = None


_PROTECTED_LINE = re.compile(r"^\s*(\d+ \||\||\$ |lla |witness\.yaml:|[-a-z_]+:\s*[{\[]|```)")
_CITATION = re.compile(r"^\s*(?:[a-z0-9\-]+ )?[A-Za-z0-9_.\-]+: (?=“)")
_QUOTED = re.compile(r"“[^”]*(?:”|$)|(?<!\w)'[^'\n]*'(?!\w)|\"[^\"\n]*\"|`[^`\n]*`")
_IDENT = re.compile(r"(?<![\w\-./])([a-z][a-z0-9]*(?:_[a-z0-9]+)+)(?![\w\-/])")
# Not "of all votes cast": that is this pattern's own words, met again where a
# line already in words is put into words (round 32: "a a majority of
# everyone entitled to vote cast").
_DECISION = re.compile(r"\b(majority|two_thirds|three_quarters) of (all )?(votes|individuals|groups|delegate_votes|branch_votes)\b(?! cast\b)")


_NOT_GIVEN = re.compile(r"\b([a-z][a-z_]*) = not given")


def _not_given(m: re.Match) -> str:
    from .vocab import FACTS

    fact = FACTS.get(m.group(1))
    return f"not given whether {fact.doc}" if fact and fact.type == "bool" else \
        f"{COUNTS.get(m.group(1), m.group(1).replace('_', ' '))} not given"


_NUM = r"£?[0-9](?:[0-9.,]*[0-9])?%?(?: (?:hours?|days?|weeks?|months?|years?))?"
_BETWEEN = re.compile(rf"\b(?P<fact>[a-z][a-z_]*) (?P<op1>≥|>) (?P<lo>{_NUM}) and (?P<op2>≤|<) (?P<hi>{_NUM})")


def _between(m: re.Match, names: dict) -> str:
    """'petition_share ≥ 10% and ≤ 100%': a share up to all of it is only its floor."""
    fact, lo, hi = m.group("fact"), m.group("lo"), m.group("hi")
    floor = _ATOM.sub(lambda a: atom(a, names), f"{fact} {m.group('op1')} {lo}")
    if hi == "100%" and m.group("op2") == "≤":
        return floor
    ceiling = (_COUNT_CMP if fact in COUNTS else _CMP)[m.group("op2")].format(v=hi)
    return f"{floor}, but {ceiling}" if fact in MEASURES or fact in COUNTS else m.group(0)


def _referred_if_one_of(m: re.Match) -> str:
    """A referral on a split among some of the majorities, in words.

    >>> _referred_if_one_of(_REFERRED_IF_ONE_OF.search("referred to organising_group if one of individuals or groups"))
    "referred to organising_group if it wins one but not both of the majorities of individual members' votes and of affiliated groups' votes"
    """
    tallies = m.group(2).split(" or ")
    some = "one but not both" if len(tallies) == 2 else "some but not all"
    return (f"{m.group(1)} if it wins {some} of the majorities of "
            + " and of ".join(TALLY.get(t, t) for t in tallies))


def _phrase(text: str, names: dict) -> str:
    text = _NOT_GIVEN.sub(_not_given, text)
    text = _BETWEEN.sub(lambda m: _between(m, names), text)
    text = _SAYS_NOTHING.sub(lambda m: "says nothing on " + (
        TOPIC_ABOUT.get(m.group(1), TOPIC_GERUND.get(m.group(1), m.group(1)) + " for {b}").format(
            b=the(body(m.group(2), names))) if m.group(2) else TOPIC_GERUND.get(m.group(1), m.group(1))), text)
    text = _FAMILY.sub(lambda m: f"{TOPIC_GERUND.get(m.group(1), m.group(1))} ({body(m.group(2), names)})"
                       if m.group(1) in TOPIC_GERUND else m.group(0), text)
    text = _READING_OF.sub("the reading", text)  # an either's key: its readings say what it is
    # A referral follows a split result: some of the majorities won, not all.
    # Narrowed to some of them (Dulwich 2.10 with 2.9 ii): those named.
    text = _REFERRED_IF_ONE_OF.sub(lambda m: _referred_if_one_of(m), text)
    text = _REFERRED_IF_ONE.sub(r"\1 if it wins some but not all of these majorities", text)
    text = _DECISION.sub(lambda m: f"{FRACTION[m.group(1)]} of "
                         + (TALLY_ALL[m.group(3)] if m.group(2) else TALLY[m.group(3)]), text)
    text = _ATOM.sub(lambda m: atom(m, names), text)
    # A body whose id is one word ("chair", "conference") has no underscore
    # for _IDENT to find: where a line names who decides, it is a body.
    text = _DECIDER.sub(lambda m: m.group(1) + " " + names.get(m.group(2), m.group(2)), text)
    return _IDENT.sub(lambda m: _identifier(m.group(1), names), text)


# A command a witness runs, then what it answers: the command is to be
# pasted, the answer is read ("→ delegated to Organising Group  [4.g]").
_RUN = re.compile(r"^(\s*lla \S.*?  → )(.*?)((?:  \[[^\]]*\])?)$")
# "cac[2.2=A]: " before its answer; not a verdict's own colon ("delegated: ").
_VARIANT = re.compile(r"((?:^|; )(?!(?:delegated|ambiguous|determined|silent|allowed|forbidden|carried|lost)\b)"
                      r"[a-z0-9\-]+(?:\[[^\]]*\])?: )")


def outcome(text: str, names: dict) -> str:
    """What a witness command answers, in words; a variant's label is kept.

    >>> names = {"organising_group": "Organising Group"}
    >>> outcome("cac[3.2=A]: delegated: organising_group; cac[3.2=B]: not_applicable", names)
    'cac[3.2=A]: delegated to Organising Group; cac[3.2=B]: not applicable'
    >>> outcome("delegated: organising_group", names)
    'delegated to Organising Group'
    """
    parts = _VARIANT.split(text)
    out = []
    for part in parts:
        if _VARIANT.fullmatch(part):
            out.append(part)
            continue
        part = re.sub(r"^delegated: ([a-z][a-z0-9_]*)$", lambda m: "delegated to " + body(m.group(1), names), part)
        out.append(_phrase(part, names))
    return "".join(out)


def line(text: str, names: dict) -> str:
    """One line of prose in words; quoted parts are left as they are."""
    run = _RUN.match(text)
    if run:
        return run.group(1) + outcome(run.group(2), names) + run.group(3)
    if _PROTECTED_LINE.match(text):
        return text
    head = _CITATION.match(text)
    if head:  # a clause cited by its id: a reference, as the rule file names it
        return head.group(0) + line(text[head.end():], names)
    out, last = [], 0
    for m in _QUOTED.finditer(text):
        out.append(_phrase(text[last:m.start()], names))
        out.append(m.group(0))
        last = m.end()
    out.append(_phrase(text[last:], names))
    return "".join(out)


def prose(text: str, names: dict) -> str:
    """Every line of a report in words (see the module docstring). A quotation
    of the source may run over several lines: those lines are left alone."""
    out, inside = [], False
    lines = text.split("\n")
    for i, x in enumerate(lines):
        _AROUND.set((lines[i - 1] if i else "", lines[i + 1] if i + 1 < len(lines) else ""))
        if inside:
            # Still inside a quotation: up to its closing mark, leave it.
            end = x.find("”")
            if end < 0:
                out.append(x)
                continue
            out.append(x[:end + 1] + line(x[end + 1:], names))
            inside = x.count("“", end) > x.count("”", end + 1)
            continue
        out.append(line(x, names))
        inside = x.count("“") > x.count("”")
    return "\n".join(out)


def names_of(books) -> dict[str, str]:
    """Body id -> its name, where every draft that has the id names it alike;
    a body named differently in different drafts goes by its id in words
    ("the organising group"), true of each of them. A rule file's list of
    kinds (`kinds local_or_national = ...`) goes by the kinds it lists."""
    seen: dict[str, set] = {}
    for b in books:
        for decl in b.ast.bodies:
            seen.setdefault(decl.id, set()).add(decl.name)
        for decl in b.ast.ballots:  # "the CAC procedural motion" (round 37)
            seen.setdefault(decl.id, set()).add(decl.name)
        for ks in b.ast.kind_sets:
            seen.setdefault(ks.id, set()).add(" or ".join(_kind(k) for k in ks.kinds))
    return {bid: next(iter(ns)) if len(ns) == 1 else "the " + bid.replace("_", " ")
            for bid, ns in seen.items()}


def _cond_said(c, names: dict, within: str | None = None) -> str:
    """A condition in words, bracketed wherever 'and' and 'or' meet (a set
    of values says its own 'or': 'not in the Labour Party or expelled');
    `within` is the connective of the condition this one is part of."""
    from . import ast as A
    from .format import cond as cond_code

    if isinstance(c, (A.And, A.Or)):
        word = "and" if isinstance(c, A.And) else "or"
        text = f" {word} ".join(_cond_said(x, names, word) for x in c.conds)
        return f"({text})" if within is not None and within != word else text
    if isinstance(c, A.Not) and isinstance(c.cond, (A.And, A.Or)):
        return "not (" + _cond_said(c.cond, names) + ")"
    # Said after "when", as in a rule, so that a bare flag ("dispute") reads
    # as the condition it is (round 38: Tees 6.3).
    text = line("when " + cond_code(c), names).removeprefix("when ")
    if within == "and" and isinstance(c, A.Member) and " or " in text and not text.startswith(("(", "not (")):
        return f"({text})"
    return text


def rule_said(rule, names: dict) -> str:
    """A rule of the DSL as a sentence, for readers who do not read the DSL.

    >>> from lla_constitution.loader import load
    >>> rule = [r for r in load("dulwich").ast.clause("1.2").items if getattr(r, "note", "")][0]
    >>> rule_said(rule, {"conference": "Annual General Meeting"})  # doctest: +NORMALIZE_WHITESPACE
    'Who may vote in the Annual General Meeting: forbidden when (not in the Labour Party or expelled from
    the Labour Party) and not a victim of the witch-hunt. Note: 1.0 f.: individual members of LLA are
    Labour Party members; 5.2 leaves the witch-hunt cases to the Officers Group.'
    """
    from .format import value

    about = (TOPIC_ABOUT.get(rule.topic, TOPIC_GERUND.get(rule.topic, rule.topic) + " for {b}")
             .format(b=the(body(rule.target, names))) if rule.target
             else TOPIC_GERUND.get(rule.topic, rule.topic.replace("_", " ")))
    from . import ast as A

    if isinstance(rule.value, A.Unspecified):
        shown = "not settled by the text"
    elif isinstance(rule.value, A.Step):
        # The next ballot by its name; what a procedure adopts in words.
        what = rule.value.what
        shown = (("" if rule.topic == "begin" else "next, ") + "the vote on "
                 + the(names.get(what, what.replace("_", " "))) if rule.value.action == "go"
                 else "adopt " + {"winner": "the winning option", "composite": "the composite"}.get(what, what))
    else:
        shown = outcome(value(rule.value), names)
    said = about[:1].upper() + about[1:] + ": " + shown
    if rule.cond is not None:
        said += " when " + _cond_said(rule.cond, names)
    if rule.otherwise:
        said += (" in every other case" if rule.cond is None else ", in every case no other rule settles")
    said += "."
    if rule.overrides:
        said += " It takes precedence over " + _and(rule.overrides) + "."
    if rule.note:
        said += " Note: " + rule.note.rstrip(".") + "."
    return said


def the(name: str) -> str:
    """A body's name as a noun phrase: 'Organising Group' -> 'the Organising Group'."""
    return name if re.match(r"(the|a|an|each|every) ", name, re.I) else "the " + name


def _and(items) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def rule_text_said(text: str, names: dict) -> str:
    """A rule written in the DSL (as `lla check -v` and the JSON give it) as
    a sentence; the line in words if it does not read as one rule.

    >>> rule_text_said("join = allowed when labour_status = member", {})
    'Who may join: allowed when a Labour Party member.'
    """
    rule = _one_rule(text)
    return rule_said(rule, names) if rule is not None else line(text, names)


@functools.lru_cache(maxsize=4096)
def _one_rule(text: str):
    from . import ast as A
    from .errors import LlaError
    from .loader import parse_text

    try:
        book = parse_text(f"rulebook said\nclause said\n  {text}\nend\n")
    except LlaError:
        return None
    items = book.clauses[0].items
    return items[0] if len(items) == 1 and isinstance(items[0], A.Rule) else None


def no_body(draft: str, name: str) -> str:
    """One wording for a body a draft does not have, whoever asks of it
    (round 62: "has no body 'X'" and "has no such body: X" both were said).

    >>> no_body("london", "area meeting")
    "london has no body called 'area meeting'"
    """
    return f"{draft} has no body called '{name}'"
