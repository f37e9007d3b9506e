"""Read the yes-or-no and who-may questions of `lla ask` as `lla check` actions.

A yes-or-no question is an action in words: "may a local group with 8
members submit a motion to conference?" is the action file

    action: submit_motion
    group: {kind: local_group, members: 8}
    body: conference

and `lla ask` answers it by checking that action, so the two can never
disagree. A who-may question is the same action with its subject left open.

>>> from lla_constitution.question import parse_question
>>> q = parse_question("may a local group with 8 members submit a motion to conference?")
>>> q.form, q.action
('may', {'action': 'submit_motion', 'body': 'conference', 'group': {'kind': 'local_group', 'members': 8}})
>>> parse_question("who may call a special conference?").act
'call_special_conference'
"""
from __future__ import annotations

import re

from datetime import date, timedelta

from lark import Token, Tree

from . import phrases
from .errors import QuestionError, fail
from .source import Source

# The sort of subject each act takes: what the words before the verb must be.
SORTS = {
    "join": "person", "labour_membership": "person", "stand": "person", "vote": "person",
    "sign_motion": "person", "affiliate": "group", "send_delegates": "group", "nominate": "group",
    "submit_motion": "submitter", "submit_amendment": "submitter",
    "call_special_conference": "caller", "recall_officer": "body", "amend_constitution": "body",
    "elect_committee": "body", "resolve_dispute": "body", "appeal": "decisions",
}
SORT_WORDS = {
    "person": "a person, e.g. 'a suspended Labour member' or 'an LLA supporter'",
    "group": "a group, e.g. 'a local group with 150 members', or a name from --register",
    "submitter": "a group ('a local group with 30 members'), individual members together "
                 "('10 LLA members') or a body ('the organising group')",
    "caller": "a body of the draft, e.g. 'the organising group' (or ask: is a petition of "
              "N of M supporters enough to call a special conference?)",
    "body": "a body of the draft, e.g. 'the organising group' or 'conference'",
    "decisions": "decisions of a body, e.g. 'decisions of the steering committee'",
}
# A day for questions that give a lead time, not dates ("10 days before it"):
# only the difference between the two days is ever read.
MEETING_DAY = date(2020, 6, 27)


def _tokens(tree: Tree) -> list[Token]:
    return [t for t in tree.scan_values(lambda v: isinstance(v, Token))]


def _token(tree: Tree, kind: str) -> Token | None:
    return next((t for t in _tokens(tree) if t.type == kind), None)


def _int(tok) -> int:
    return int(str(tok).replace(",", ""))


def _body(tree: Tree) -> str | None:
    found = next((c for c in tree.children if isinstance(c, Tree) and c.data == "body"), None)
    return " ".join(str(t) for t in _tokens(found)) if found is not None else None


def motion_words(tok) -> dict:
    """What 'another emergency constitutional motion' says of a motion."""
    words = str(tok).lower().split()
    head = words[:words.index("to")] if "to" in words else words  # "an amendment to a ... motion"
    out = {"action": "submit_amendment" if head[-1].startswith("amendment") else "submit_motion"}
    if "emergency" in words:
        out["emergency"] = True
    kind = next((w for w in words if w in ("constitutional", "strategy", "organising")), None)
    if kind:
        out["motion_kind"] = kind
    if kind == "constitutional" and "constitutional" in head and out["action"] == "submit_amendment":
        # "a constitutional amendment" is a motion to amend the constitution
        # (Tees 5.8, 5.10), not an amendment to a motion (round 33).
        out["action"] = "submit_motion"
        phrases.read_as("'constitutional amendment' is read as a motion to amend the constitution; "
                        "ask about 'an amendment to a constitutional motion' for an amendment to one")
    if words[0] in ("another", "more") or words[:2] == ["one", "more"]:
        out["previous"] = 1
    return out


def officer_of(tree: Tree) -> bool:
    """Whether a recall is of "an officer of" the body named after it: one
    of its officers, which London, Dulwich and the CAC name as a body of
    their own (round 46: read as a member of the OG, whose recall London
    does not provide). Each draft reads it in `ask.answer`.

    >>> from lark import Token
    >>> officer_of(Tree("recall", [Token("RECALLED", "an officer of")]))
    True
    """
    said = str(_token(tree, "RECALLED") or "").lower().split()
    return bool(said) and said[-1] == "of" and any(w.startswith("officer") for w in said)


def act(tree: Tree) -> tuple[str, dict]:
    """The action an act's words name, with what the words say of it."""
    kind = str(tree.data)
    body = _body(tree)
    at = {"body": body} if body else {}
    if kind in ("join", "affiliate"):
        return kind, {}
    if kind == "labour":
        return "labour_membership", {}
    if kind in ("stand", "vote"):
        return kind, at
    if kind == "submit":
        if body is not None and " ".join(body.lower().split()).removeprefix("a ").removeprefix("the ") \
                == "special conference":
            # "to a special conference": conference, specially convened for
            # it (Tees 5.10: the CC may "call a special conference"; round 30).
            at = {"body": "conference", "special_meeting": True}
        words = motion_words(_token(tree, "MOTION"))
        name = words.pop("action")
        previous = words.pop("previous", 0)
        if previous:
            # On another heading too the words do not say: motions_sent is
            # presumed as many, and the answer says so where a rule reads it.
            # Which heading the earlier one was on they do not say either
            # (LAW/SLL 5.e, Tees 5.5 count per heading): said, not hidden (round 28).
            what = "amendment" if name == "submit_amendment" else "motion"
            words["previous_amendments" if name == "submit_amendment" else "previous_motions"] = previous
            # From the same submitter: where members submit, the same ten
            # (round 67: London 2.6's "any 10 LLA members" let any other ten).
            phrases.read_as(f"'another {what}' is read as one more on the same conference heading, from the "
                            f"same submitter (where members submit, the same ten: any other ten submit their own); one "
                            f"sent under another heading is checked with an action file")
        return name, {**at, **words}
    if kind == "sign":
        words = motion_words(_token(tree, "MOTION"))
        return "sign_motion", {"previous_signatures": words.get("previous", 0)}
    if kind == "call":
        return "call_special_conference", {}
    if kind == "recall":
        return "recall_officer", ({**at, "_officer_of": True} if body and officer_of(tree) else at)
    if kind == "nominate":
        nominee = str(_token(tree, "NOMINEE")).lower()
        post = "officer" if "officer" in nominee else "member" if "member" in nominee else None
        return "nominate", {**at, **({"post": post} if post else {})}
    if kind == "send":
        return "send_delegates", {**at, "count": _int(_token(tree, "INT"))}
    if kind == "change":
        return "amend_constitution", {}
    if kind == "have":
        return "elect_committee", {"size": _int(_token(tree, "INT"))}
    if kind == "appealed":
        return "appeal", {}
    if kind == "resolve":
        return "resolve_dispute", {"subject": dispute_subject(_token(tree, "DISPUTES"))}
    raise AssertionError(kind)  # pragma: no cover - the grammar has no other acts


def dispute_subject(tok) -> str | None:
    """'disputes about membership' -> 'membership'; plain 'disputes' -> None."""
    words = str(tok).lower().split()
    if len(words) < 3:
        return None
    word = words[2]
    return {"procedure": "procedures", "other": "other"}.get(word, word)


def timing(tree: Tree) -> dict:
    """'10 days before it' -> submitted and meeting days that far apart;
    several units add up ('1 week 2 days', round 30)."""
    from dateutil.relativedelta import relativedelta

    tokens = [t for t in tree.children if isinstance(t, Token) and t.type in ("INT", "UNIT")]
    ints = [_int(t) for t in tokens if t.type == "INT"]
    units = [str(t).lower().rstrip("s") for t in tokens if t.type == "UNIT"]
    said = " ".join(f"{n} {u}{'s' if n != 1 else ''}" for n, u in zip(ints, units))
    if sum({"day": n, "week": 7 * n, "month": 30 * n}[u] for n, u in zip(ints, units)) > 3650:
        fail(QuestionError, None, f"{said} before the meeting is more than lla reads",
             help="give at most ten years")
    months = sum(n for n, u in zip(ints, units) if u == "month")
    days = sum(n * (7 if u == "week" else 1) for n, u in zip(ints, units) if u != "month")
    submitted = MEETING_DAY - relativedelta(months=months) - timedelta(days=days)
    return {"submitted": submitted.isoformat(), "meeting": MEETING_DAY.isoformat()}


def subject(name: str, sort: str, tree: Tree, source: Source, register, group_parser) -> dict:
    """The action's fields for the subject words, read as the act's sort."""
    span = source.span(tree.meta.start_pos, tree.meta.end_pos)
    words = " ".join(span.text.split())
    if sort == "person":
        # A person of the register by name: each row of `lla table` about
        # people is this question (round 27).
        found = register.find_person(words, span) if register is not None else None
        if found is not None:
            return {"person": found.model_dump(mode="json", exclude_none=True, exclude={"name"})}
        if words.startswith('"'):
            fail(QuestionError, span, f"no person called {words} in the register"
                 + ("" if register is not None else " (no --register file given)"),
                 expected="a person's name from the --register file, or a person in words",
                 help="pass --register FILE with the person, or describe them: "
                      "'a suspended Labour member'")
        return {"person": phrases.person(span)}
    if sort == "decisions":
        body = phrases.decisions_of(words)
        if body is None:
            fail(QuestionError, span, f"'{words}' is not a decision of a body",
                 expected=SORT_WORDS[sort])
        return {"against": body}
    if sort in ("submitter", "group"):
        n = phrases.signatories(words) if sort == "submitter" else None
        if n is not None:
            return {"signatories": n}
        group = group_parser(span, quiet=sort == "submitter")
        if sort == "submitter" and isinstance(group, dict) and group.get("kind") == "individual":
            # Individual supporters put a motion by their number together
            # ("any 10 LLA members"): "an individual supporter" is one, and
            # "with 12 signatories" twelve, never a group's membership
            # (round 43: both were read as a group of unknown size).
            said = group.get("lla_supporters") or group.get("members")
            one = re.match(r"(an?|one) ", words.lower()) is not None
            if said is not None or one:
                n = said if said is not None else 1
                phrases.read_as(f"'{words}' is read as {n} LLA member{'s' if n != 1 else ''} putting it "
                         + ("together" if n != 1 else "alone"))
                return {"signatories": n}
        if group is not None:
            return {"group" if sort == "submitter" else _GROUP_FIELD[name]: group}
        if sort == "group":
            raise AssertionError("group_parser fails loudly for groups")  # pragma: no cover
    body = words
    if sort == "caller" and not _known_body(body):
        _caller_not_a_body(words, span, group_parser)
    if not _known_body(body):
        if names_a_kind(words, span, group_parser):
            # A kind of group where the question asks of a body: no draft's
            # body, and "did you mean 'branch'?" misled (round 63).
            fail_kind_as_body(words, span, "asks what a body of the draft may do", SORT_WORDS[sort])
        fail(QuestionError, span, f"no draft has a body called '{words}'",
             expected=SORT_WORDS[sort], help=_body_hint(words))
    return {"submitter": {"by": body}, "caller": {"by": body}}.get(sort, {"body": body})


def names_a_kind(words: str, span, group_parser) -> bool:
    """Whether the words name a kind of group, not a body: "a trade union
    branch" as a group reads, or "the trade union branch" (round 65)."""
    from .question import _KIND_WORDS

    lower = words.lower()
    if lower.startswith("the ") and lower[4:].strip() in _KIND_WORDS:
        return True
    return re.match(r"(an?|one) ", lower) is not None and _is_group(span, group_parser)


def fail_kind_as_body(words: str, span, asks: str, expected: str) -> None:
    """The one error for a kind of group where a body is asked for."""
    fail(QuestionError, span, f"'{words}' is a kind of group, not a body of the draft: this question {asks}",
         expected=expected,
         help="name a body, e.g. 'the organising group'; what a group may do is asked as "
              "'may a local group submit a motion to conference?'")


def _is_group(span, group_parser) -> bool:
    """Whether the words describe a group of a known kind (no error if not)."""
    try:
        return isinstance(group_parser(span, quiet=True), dict)
    except QuestionError:
        return False


def _caller_not_a_body(words: str, span, group_parser) -> None:
    """Supporters or a group asked as the caller of a special conference:
    they ask by petition, a share of all of them (London 2.5, LAW/SLL 5.b,
    Tees), so point to the petition question rather than guess at a body
    ("did you mean 'branch'?" for a trade union branch, round 58)."""
    n = phrases.signatories(words)
    group = group_parser(span, quiet=True) if n is None else None
    if isinstance(group, dict) and group.get("kind") == "individual":
        n = group.get("lla_supporters") or group.get("members") or 1
    if n is not None:
        fail(QuestionError, span, f"'{words}' {'is an LLA supporter' if n == 1 else 'are LLA supporters'}, "
             "not a body of the draft: lla reads supporters' call for a special conference as a petition",
             expected="a body of the draft, e.g. 'the organising group'",
             help=f"ask: is a petition of {n} of 2908 supporters enough to call a special conference?")
    if group is not None:
        # A group's wish counts towards a petition of groups (London 2.5's
        # "30% of affiliated groups and branches"); no draft lets one group
        # call a conference as a body does.
        fail(QuestionError, span, f"'{words}' is a group, not a body of the draft: lla reads groups' call "
             "for a special conference as a petition of groups",
             expected="a body of the draft, e.g. 'the organising group'",
             help="ask: is a petition of 3 of 10 groups enough to call a special conference?")


_GROUP_FIELD = {"affiliate": "group", "send_delegates": "group", "nominate": "nominator"}


def _known_body(words: str) -> bool:
    from .ask import known_body

    return known_body(words, [])


def _body_hint(words: str) -> str | None:
    from .errors import did_you_mean
    from .loader import bundled_ids, load

    names = sorted({n for rid in bundled_ids() for n in load(rid).ast.body_names() if "_" not in n})
    return did_you_mean(words.lower().removeprefix("the "), names)


# ---- the forms ----------------------------------------------------------------

def _child(tree: Tree, name: str) -> Tree | None:
    return next((c for c in tree.children if isinstance(c, Tree) and c.data == name), None)


def _acts(tree: Tree) -> Tree:
    return next(c for c in tree.children if isinstance(c, Tree) and c.data not in ("subject", "timing"))


def _ints(tree: Tree) -> list[int]:
    return [_int(t) for t in tree.children if isinstance(t, Token) and t.type == "INT"]


def _abstaining(tree: Tree) -> dict:
    """The abstentions the question gives, or nothing: a count not given is
    not a count of none (Dulwich 3.3's consensus turns on it; round 37)."""
    found = _child(tree, "abstaining")
    return {"abstain": _ints(found)[0]} if found is not None else {}


def _bodies(tree: Tree) -> list[str]:
    return [" ".join(str(t) for t in _tokens(c)) for c in tree.children
            if isinstance(c, Tree) and c.data == "body"]


GROUPS_READ_AS = "is read as all the affiliated groups there are"


def groups_read_as(said: str, book) -> str:
    """How 'N affiliated groups' was read, said of this draft: with its own
    clause where it counts groups and branches together, without the
    branches where it does not (round 65: LAW/SLL's answer named London
    2.5's 'and branches').

    >>> from lla_constitution.loader import load
    >>> groups_read_as("'10 affiliated groups' " + GROUPS_READ_AS + ", with the LLA branches ...", load("law-sll"))
    "'10 affiliated groups' is read as all the affiliated groups there are"
    """
    if GROUPS_READ_AS not in said:
        return said
    head = said[:said.index(GROUPS_READ_AS) + len(GROUPS_READ_AS)]
    from .evaluate import facts_in

    together = [e for e in book.entries("call_special_conference", None)
                if "groups_share" in facts_in(e.rule.cond) and "groups and branches" in e.clause.text]
    if not together:
        return head
    return (head + f", with the LLA branches, which {together[0].clause.id} counts together with them "
            "('affiliated groups and branches')" + said[said.index(";"):])


def read(tree: Tree, q, register):
    """Fill the Question `q` from the parse tree of one of the new forms."""
    from .question import group_in

    source = q.source
    form = q.form
    if form in ("may", "who_acts"):
        name, fields = act(_acts(tree))
        if fields.pop("_officer_of", False):
            q.officers_of = fields["body"]
        when = _child(tree, "timing")
        if when is not None:
            if not name.startswith("submit_"):
                span = source.span(when.meta.start_pos, when.meta.end_pos)
                fail(QuestionError, span, "a time before the meeting is read only for motions and "
                     "amendments", help="leave it out, or ask about submitting a motion")
            fields.update(timing(when))
        if form == "who_acts":
            q.act, q.act_fields = name, fields
            return q
        subj = _child(tree, "subject")
        sort = SORTS[name]
        got = subject(name, sort, subj, source, register,
                      lambda span, quiet=False: group_in(span, register, quiet))
        if name in ("elect_committee", "amend_constitution", "resolve_dispute"):
            q.act, q.act_fields = name, {**fields, **got}
            q.action = None
            q.form = "may_body"  # a power or size of a body: asked of the topic directly
            return q
        if name == "recall_officer":
            if "body" not in fields:
                q.act, q.act_fields = name, {"by": got["body"]}
                q.form = "may_recall_any"  # which bodies' members the body may recall
                return q
            got = {"by": got["body"]}
        if name == "nominate" and "post" not in fields:
            q.act, q.act_fields = name, {**fields, **got}
            q.form = "may_either_post"
            return q
        q.action = {"action": name, **fields, **got}
        return q
    ints = _ints(tree)
    bodies = _bodies(tree)
    if form == "petition_enough":
        groups = next((t for t in tree.children if isinstance(t, Token) and t.type == "GROUPS"), None)
        if groups is not None:
            q.action = {"action": "call_special_conference",
                        "groups_petition": {"groups": ints[0], "of": ints[1]}}
            words = " ".join(str(groups).lower().split())
            if words != "affiliated groups and branches" and words != "affiliated groups and lla branches":
                # London 2.5 counts "affiliated groups and branches" together:
                # the number asked of is read as all of them (round 31).
                # Said of every draft asked, so the branches only where a
                # draft counts them (round 59: LAW/SLL has none).
                phrases.read_as(f"'{ints[1]} {groups}' {GROUPS_READ_AS}, with "
                                "the LLA branches where a draft counts them together (London 2.5: 'affiliated "
                                f"groups and branches'); say 'of {ints[1]} affiliated groups and branches' "
                                "to give them so")
        else:
            q.action = {"action": "call_special_conference",
                        "petition": {"signatures": ints[0], "supporters": ints[1]}}
    elif form == "is_carried":
        motion = motion_words(_token(tree, "MOTION"))
        q.action = {"action": "pass_motion", "body": bodies[0],
                    "votes": {"for": ints[0], "against": ints[1], **_abstaining(tree)},
                    **({"motion_kind": motion["motion_kind"]} if "motion_kind" in motion else {})}
    elif form == "recall_enough":
        q.officers_of = bodies[0] if officer_of(tree) else None
        q.action = {"action": "recall_vote", "body": bodies[0],
                    "votes": {"for": ints[0], "against": ints[1], **_abstaining(tree)},
                    **({"by": bodies[1]} if len(bodies) > 1 else {})}
    elif form == "in_time":
        q.action = {"action": "circulate_motion", "body": bodies[0],
                    **timing(Tree("timing", [t for t in tree.children if isinstance(t, Token)
                                             and t.type in ("INT", "UNIT")]))}
    else:
        _value_form(tree, q, bodies)
    return q


def _value_form(tree: Tree, q, bodies: list[str]) -> None:
    """The what / how-many / who-resolves forms: a topic asked with a fact left open."""
    form = q.form
    q.body_words = bodies[0] if bodies else None
    body_tree = _child(tree, "body")
    if body_tree is not None:
        q.body_span = q.source.span(body_tree.meta.start_pos, body_tree.meta.end_pos)
    if form == "what_majority":
        purpose = next((c for c in tree.children if isinstance(c, Tree) and c.data != "body"), None)
        q.topic, q.facts = "pass_motion", {"motion_kind": "ordinary"}
        if purpose is not None and purpose.data == "change":
            q.facts = {"motion_kind": "constitutional"}
        elif purpose is not None and purpose.data == "pass":
            kind = motion_words(_token(purpose, "MOTION")).get("motion_kind")
            q.facts = {"motion_kind": kind or "ordinary"}
        elif purpose is not None and purpose.data == "recall":
            q.topic, q.facts = "recall_vote", {}
            target = _body(purpose)
            if target:
                q.facts = {"voting body": q.body_words}
                q.body_words = target
    elif form == "how_many_signatures":
        motion = motion_words(_token(tree, "MOTION"))
        q.topic = motion["action"]
        q.body_words = q.body_words or "conference"
        q.facts = {k: v for k, v in motion.items() if k in ("emergency", "motion_kind")}
    elif form == "how_much_notice":
        q.topic = "recall"
    elif form == "how_large":
        q.topic = "elect"
    elif form == "how_long":
        q.topic = "circulate_motion"
    elif form == "who_resolves":
        q.topic, q.facts = "disputes", {"subject": dispute_subject(_token(tree, "DISPUTES"))}
    elif form == "who_hears":
        q.topic = "appeal"


# ---- the other way: an action in words -------------------------------------------

_STATUS_WORDS = {"member": "a Labour Party member", "suspended": "a suspended Labour member",
                 "expelled": "an expelled Labour member", "non_member": "a person not in the Labour Party"}


def person_words(p: dict) -> str:
    """A person's facts as the words a question uses.

    >>> person_words({"labour_status": "suspended", "witch_hunt": True, "lla_supporter": True})
    'a suspended Labour member who is an LLA supporter, a witch-hunt victim'
    """
    head = _STATUS_WORDS.get(p.get("labour_status"), "a person")
    more = []
    if p.get("lla_supporter") is not None:
        more.append("an LLA supporter" if p["lla_supporter"] else "not an LLA supporter")
    if p.get("witch_hunt"):
        more.append("a witch-hunt victim")
    if p.get("other_party"):
        more.append("a member of another socialist party" if p.get("socialist_party")
                    else "a member of another party")
    if p.get("campaigns_against_labour"):
        more.append("campaigns against Labour")
    if p.get("co_opted"):
        more.append("co-opted")
    if p.get("proxy"):
        more.append("by proxy")
    for org in p.get("member_of") or ():
        more.append(f"a member of {org}")
    if p.get("other_party") is False or ("other_party" not in p and p.get("member_of") is not None
                                         and not phrases._party_named(p["member_of"])):
        # A member_of list is all the person belongs to; words naming a union
        # are not, so they say so (round 54).
        more.append("in no other party")
    return head + (" who is " + ", ".join(more) if more else "")


_PROPER = {"lla": "LLA", "english": "English", "labour": "Labour", "constituency": "Constituency",
           "party": "Party", "momentum": "Momentum"}


def group_words(g: dict) -> str:
    """A group's facts as the words a question uses.

    >>> group_words({"kind": "union_branch", "members": 40, "affiliated": False})
    'an unaffiliated trade union branch with 40 members'
    >>> group_words({"kind": "area", "lla_supporters": 7})
    'an area meeting with 7 LLA supporters'
    """
    from .vocab import KINDS

    # The kind's words as a question writes them, with its proper names
    # capitalised (round 63: "an unaffiliated english region").
    kind = " ".join(_PROPER.get(w, w) for w in KINDS[g["kind"]].words[0].split())
    if "affiliated" in g:
        kind = ("affiliated " if g["affiliated"] else "unaffiliated ") + kind
    text = ("an " if kind[0].lower() in "aeiou" or kind.startswith("LLA") else "a ") + kind
    if g.get("members") is not None:
        text += f" with {g['members']} members"
    if g.get("lla_supporters") is not None:
        # One group: "with 40 members and 7 LLA supporters", or "with 7 LLA
        # supporters" (an area meeting is counted by its signatories).
        text += (" and" if g.get("members") is not None else " with") + f" {g['lla_supporters']} LLA supporters"
    if g.get("fee_paid") is not None:
        from .format import money

        fee = g["fee_paid"]  # pence, as a model gives it; or as an action file writes it
        text += f" paying {money(fee) if isinstance(fee, int) else fee if str(fee).startswith('£') else '£' + str(fee)}"
    return text


def _before(doc: dict) -> str:
    """' 10 days before it', or ' 2 hours after it starts' for a motion put
    during the meeting (an emergency motion)."""
    from datetime import datetime

    if not doc.get("submitted"):
        return ""
    sent, meets = str(doc["submitted"]), str(doc["meeting"])
    at = datetime.fromisoformat(sent if "T" in sent else sent + "T00:00")
    start = datetime.fromisoformat(meets if "T" in meets else meets + "T00:00")
    if at >= start and ("T" in sent or at.date() > start.date()):
        later = at - start
        n, unit = (later.days, "day") if later.days else (later.seconds // 3600, "hour")
        if n == 0:
            return " after it starts"
        return f" {n} {unit}{'' if n == 1 else 's'} after it starts"
    days = (start.date() - at.date()).days
    return f" {days} day{'' if days == 1 else 's'} before it"


def question_for(doc: dict) -> str | None:
    """The yes-or-no question that reads as this action (None: no words for it).

    >>> question_for({"action": "submit_motion", "body": "conference", "signatories": 10})
    'may 10 LLA members submit a motion to conference?'
    """
    name = doc["action"]
    body = doc.get("body", "conference")
    # Facts no question form says: a heading without them would read the same
    # for actions answered apart (Tees 3.6, 5.5, 5.13, 6.3; round 37).
    unsaid = {"nominate": ("previous_nominations",), "submit_motion": ("motions_sent", "amendments_sent"),
              "submit_amendment": ("motions_sent", "amendments_sent"),
              "pass_motion": ("full_debate", "branch_votes"), "appeal": ("dispute",)}
    if any(doc.get(f) for f in unsaid.get(name, ())):
        return None
    if name in ("join", "labour_membership", "stand", "vote", "sign_motion"):
        if (doc.get("person") or {}).get("date"):
            return None  # no question form gives the day (the NEC's decision turns on it)
        who = person_words(doc.get("person") or {})
        act = {"join": "join", "labour_membership": "be a Labour Party member",
               "stand": f"stand for {body}", "vote": f"vote in {body}",
               "sign_motion": "sign another motion" if doc.get("previous_signatures") else "sign a motion"}[name]
        return f"may {who} {act}?"
    if name in ("affiliate", "send_delegates", "nominate"):
        group = doc.get("group") or doc.get("nominator")
        who = group_words(group) if isinstance(group, dict) else f'"{group}"'
        act = {"affiliate": "affiliate",
               "send_delegates": f"send {doc.get('count')} delegate{'' if doc.get('count') == 1 else 's'} to {body}",
               "nominate": f"nominate {'an officer' if doc.get('post') == 'officer' else 'a member'} for {body}"}[name]
        return f"may {who} {act}?"
    if name in ("submit_motion", "submit_amendment"):
        if doc.get("group") is not None:
            who = group_words(doc["group"]) if isinstance(doc["group"], dict) else f'"{doc["group"]}"'
        elif doc.get("signatories") is not None:
            who = f"{doc['signatories']} LLA members"
        else:
            who = doc["by"]
        previous = doc.get("previous_amendments" if name == "submit_amendment" else "previous_motions")
        words = []
        if doc.get("emergency"):
            words.append("emergency")
        if doc.get("motion_kind", "ordinary") != "ordinary":
            words.append(doc["motion_kind"])
        if name == "submit_amendment" and doc.get("motion_kind", "ordinary") != "ordinary":
            # An amendment to a motion of that kind ("a constitutional
            # amendment" reads as a motion to amend the constitution).
            kind = words.pop()
            words = ["amendment", "to", "an" if kind[0] in "aeiou" else "a", *words, kind, "motion"]
        else:
            words.append("amendment" if name == "submit_amendment" else "motion")
        article = "another" if previous else ("an" if words[0][0] in "aeiou" else "a")
        words.insert(0, article)
        if doc.get("special_meeting") is not None:
            # "to a special conference" reads special_meeting; no words say "not special".
            if not doc["special_meeting"] or body != "conference":
                return None
            body = "a special conference"
        return f"may {who} submit {' '.join(words)} to {body}{_before(doc)}?"
    if name == "call_special_conference":
        if doc.get("by"):
            return f"may {doc['by']} call a special conference?"
        if doc.get("petition"):
            p = doc["petition"]
            return f"is a petition of {p['signatures']} of {p['supporters']} supporters enough to call a special conference?"
        g = doc["groups_petition"]
        return (f"is a petition of {g['groups']} of {g['of']} affiliated groups and branches enough "
                "to call a special conference?")
    if name == "elect_committee":
        return f"may {doc['body']} have {doc['size']} members?"
    if name == "recall_officer":
        # With its post, an officer's recall; without, a member's.
        from .words import post_words

        post = post_words(doc["office"]) if doc.get("office") else "a member"
        return f"may {doc['by']} recall {post} of {doc['body']}?"
    if name in ("pass_motion", "recall_vote") and doc.get("votes"):
        v = doc["votes"]
        tail = f" with {v['abstain']} abstentions" if v.get("abstain") else ""
        if name == "recall_vote":
            by = f" by {doc['by']}" if doc.get("by") else ""
            return f"is a vote of {v['for']} to {v.get('against', 0)}{tail} enough to recall a member of {doc['body']}{by}?"
        kind = doc.get("motion_kind", "ordinary")
        motion = "a motion" if kind == "ordinary" else f"a {kind} motion"
        return f"is {motion} carried at {body} by {v['for']} votes to {v.get('against', 0)}{tail}?"
    if name == "circulate_motion" and doc.get("submitted"):
        days = (date.fromisoformat(doc["meeting"][:10]) - date.fromisoformat(doc["submitted"][:10])).days
        return f"are motions circulated {days} days before {body} in time?"
    if name == "resolve_dispute":
        return f"who resolves disputes about {doc['subject'].replace('_', ' ')}?"
    if name == "appeal":
        return f"may decisions of {doc['against']} be appealed?"
    return None
