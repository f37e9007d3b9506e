"""A person's Labour Party status under the Labour NEC's own rules.

The LLA drafts turn on whether a supporter is a Labour member, suspended or
expelled. When a person's organisations and a date are given, that status is
not the person's word alone but the NEC's decision (`labour-nec-2021`):
membership of a proscribed organisation is incompatible with Labour
membership from the day of the decision, and members "face expulsion" by
letters sent "within days". A member is therefore either still a member (not
yet excluded) or expelled; someone not in Labour is unaffected.

>>> options, cites, reasons = labour_status({"member_of": frozenset({"Socialist Appeal"}),
...     "date": __import__("datetime").date(2021, 8, 1), "labour_status": "member"})
>>> [f["labour_status"] for f, _ in options], [c.clause for c in cites]
(['member', 'expelled'], ['ban.socialist_appeal', 'ban.auto_exclusion', 'vote.socialist_appeal'])
"""
from __future__ import annotations

import re
from datetime import date

from .ask import find_body
from .evaluate import evaluate
from .explain import cite, citations
from .model import Citation

AUTHORITY = "labour-nec-2021"


def org_ids(book, names) -> frozenset:
    """Organisations as the rulebook names them: "Socialist Appeal" -> socialist_appeal.

    A name that nearly matches a proscribed group ("Labour Against the Witch
    Hunt") is not taken as some other organisation: that would answer "no
    proscription bars this person" on a typing slip. It is refused, with the
    name it is close to."""
    from .errors import InputError, fail

    out = set()
    for name in names:
        found = find_body(book, name)
        if found is None:
            words = " ".join(str(name).lower().split())
            parts = [p.strip() for p in re.split(r"[,;&/]|\band\b", words) if p.strip()]
            several = [p for p in parts if find_body(book, p) is not None] if len(parts) > 1 else []
            if several:
                fail(InputError, None, f"member_of: '{name}' names several organisations, "
                     f"{book.ast.body(find_body(book, several[0])).name} among them",
                     path="member_of", expected="one organisation per entry",
                     help="give each organisation on its own: a list in YAML, or in a CSV cell "
                          "names separated by ';'")
            close = near_name(book, name)
            if close:
                fail(InputError, None, f"member_of: '{name}' is not a name {book.id} knows",
                     path="member_of", expected="the organisation's name as the NEC gives it",
                     help=f"did you mean '{book.ast.body(close).name}'? "
                          "Other organisations are fine as they are")
        out.add(found or name)
    return frozenset(out)


def near_name(book, name: str) -> str | None:
    """The id of a proscribed group a name not known nearly names, if any.

    >>> from lla_constitution.loader import load
    >>> nec = load("labour-nec-2021")
    >>> near_name(nec, "S.A."), near_name(nec, "Labour in Exile"), near_name(nec, "Unite")
    ('socialist_appeal', 'labour_in_exile_network', None)
    """
    import difflib

    # Every name, lower-cased -> the body's id; not the NEC's own, which no one
    # "belongs to" as to a group (round 51: "Labour Party" was refused as a
    # slip for "Labour Party National Executive Committee").
    known = {n: b for n, b in book.ast.body_names().items() if b != "nec"}
    words = " ".join(str(name).lower().split())
    # A known name with its punctuation dropped: "L.A.W." for LAW (round 30),
    # which difflib finds too far from the name.
    squeezed = " ".join(re.sub(r"[^\w\s]", "", words).split())
    close = [squeezed] if squeezed in known else []
    if not close and len(squeezed.replace(" ", "")) > 1:
        # Or a group's initials ("SA", "S.A." for Socialist Appeal; "Lien"
        # for the Labour In Exile Network, in any case: round 66): the
        # source never uses them, so they are no name the rulebook knows,
        # but read as another organisation they would answer "no
        # proscription bars this person" (round 55).
        close = [b.name.lower() for b in book.ast.bodies if b.id in known.values()
                 and _initials(b.name) == squeezed.replace(" ", "")][:1]
    close = close or difflib.get_close_matches(words, sorted(known), n=1, cutoff=0.85)
    if not close:
        # A short form: every word, in order, of a known name ("Labour
        # in Exile" for the Labour In Exile Network), but not a
        # different name ("Socialist Party", not "Socialist Appeal").
        close = [k for k in sorted(known) if _in_order(words.split(), k.split())][:1]
    bare = re.sub(r"[^\w\s]", " ", words).split()
    if not close:
        # Or a known name with more words round it ("Socialist Appeal
        # group"), which would otherwise pass as another organisation (round 27).
        close = [k for k in sorted(known) if len(k.split()) > 1
                 and _in_order(k.split(), bare, longer=True)][:1]
    if not close and len(bare) > 1:
        # A one-word name first or last among other words ("Resist
        # movement", "Chris Williamson's Resist"), or an acronym in
        # capitals anywhere ("LIEN network"; "Law Society" is not LAW) (round 28).
        raw = re.sub(r"[^\w\s]", " ", str(name)).split()
        ends = {raw[0].lower(), re.sub(r"s$", "", raw[-1]).lower(), raw[-1].lower()}
        close = [k for k in sorted(known) if len(k.split()) == 1 and (
            (k in ends and not _acronym(book, k)) or k.upper() in raw and _acronym(book, k)
            or _acronym(book, k) and _own_words(book, known[k], k, raw))][:1]
    if not close and len(bare) > 1:
        # Initials the rule file does not write ("LIEN network", "Lien
        # Network": the report never says "LIEN"; round 66), read as the
        # name's own capitals are: in capitals anywhere, or in any case with
        # only words of the name beside them.
        for b in book.ast.bodies:
            ini = _initials(b.name)
            if b.id in known.values() and len(ini) > 1 and (
                    ini.upper() in raw or _own_words(book, b.id, ini, raw)):
                return b.id
    return known[close[0]] if close else None


def _own_words(book, bid: str, short: str, raw: list[str]) -> bool:
    """An acronym in any case with only words of the group's own full name
    beside it ("Lien Network" for the Labour In Exile Network; round 29)."""
    words = [w.lower() for w in raw]
    if short not in words:
        return False
    body = book.ast.body(bid)
    own = {w.lower() for n in (body.name, *body.aliases) for w in n.split()}
    return all(w == short or w in own for w in words)


def _initials(name: str) -> str:
    """The first letters of a name's words but "the": 'Socialist Appeal' -> 'sa'.

    >>> _initials("Labour Against the Witch-hunt")
    'law'
    """
    words = [w for w in name.lower().split() if w != "the"]
    return "".join(w[0] for w in words) if len(words) > 1 else ""


def _acronym(book, name: str) -> bool:
    """Whether a one-word name is written in capitals in the rule file ("LAW", "SA")."""
    return any(n.upper() == n and n.lower() == name for b in book.ast.bodies for n in (b.name, *b.aliases))


def _in_order(words: list[str], name: list[str], longer: bool = False) -> bool:
    """Every word of `words`, in order and side by side, in `name`, and more
    than one word; `name` the longer unless `longer` (then it may be as long).

    >>> _in_order("labour in exile".split(), "labour in exile network".split())
    True
    >>> _in_order("socialist party".split(), "socialist appeal".split())
    False
    >>> _in_order("socialist appeal".split(), "socialist appeal group".split(), longer=True)
    True
    """
    if len(words) < 2 or len(words) > len(name) or (len(words) == len(name) and not longer):
        return False
    if longer:
        n = len(words)
        return any(name[i:i + n] == words for i in range(len(name) - n + 1))
    it = iter(name)
    return all(w in it for w in words)


# What the NEC's decision does to a Labour member of a proscribed group: the
# text says letters "will be sent to members within days to inform them they
# face expulsion", so between the decision and the letter taking effect the
# member is not yet out. Both states are possible on any day after it.
FACING = ((None, "the person is not yet auto-excluded (letters go 'within days')"),
          ("expelled", "the person has been auto-excluded"))
DECIDED = date(2021, 7, 20)  # the NEC meeting (shared/README.md; the report says "Tuesday")


def _facing(facts: dict, labels=None) -> list[tuple[dict, str | None]]:
    """A member (or suspended member) of a proscribed group: as now, and as
    auto-excluded. A `witch_hunt` the question gives is taken to speak of that
    expulsion too; left out, the drafts that turn on it answer both ways."""
    now, out = FACING if labels is None else labels
    return [(facts, now[1]), (dict(facts, labour_status="expelled"), out[1])]


def labour_status(facts: dict) -> tuple[list[tuple[dict, str | None]], list[Citation], list[str]]:
    """The person's facts under each Labour status the NEC's rules leave open
    (with a label saying when it holds), the NEC clauses that decided it, and
    sentences saying what happened."""
    unchanged = [(facts, None)]
    if not facts.get("member_of") and facts.get("date") is None:
        return unchanged, [], []
    from .loader import load

    nec = load(AUTHORITY)
    orgs = org_ids(nec, facts.get("member_of", ()))
    # Only the organisations a rule of the decision proscribes: the NEC, the
    # CLGA and other bodies the report names are not among "the four groups".
    banned = [nec.body(o).name for o in sorted(orgs & _proscribed(nec))]
    status = facts.get("labour_status")
    facing = status in ("member", "suspended")  # a suspended member is still a member
    if facts.get("date") is None:
        if not banned:
            return unchanged, [], []
        said = (f"{AUTHORITY}: membership of {', '.join(banned)} is incompatible with Labour "
                f"membership from {DECIDED.isoformat()}; give the date to settle the person's "
                "Labour status (the person's 'date' in an action file, `lla new join`, or a "
                "Date column in a --register file; a question in words takes no date)")
        if status is None:
            # Not said whether the person is in Labour: if a member, possibly out.
            return _unknown(facts), _as_member(nec, orgs, DECIDED), [said]
        if not facing:
            # The letters go "to members": no date changes this person's status.
            return unchanged, [], [f"{AUTHORITY}: membership of {', '.join(banned)} is incompatible "
                                   f"with Labour membership from {DECIDED.isoformat()}; the letters go to "
                                   f"members, and this person's Labour status ({_said(status)}) "
                                   "is unchanged"]
        # Without a date the person may be before the decision or already out.
        votes = _votes(nec, orgs)
        decided = evaluate(nec, "labour_membership", None,
                           {"member_of": orgs, "date": DECIDED, "labour_status": status})
        cites = _theirs(citations(decided.because) + [cite(c) for c in votes])
        # One phrase, no inner comma: it is joined to other conditions with
        # "and" (round 23), and "before the date, or not yet excluded" then read wrongly.
        labels = ((None, f"not yet auto-excluded (the NEC decided on {DECIDED.isoformat()})"),
                  (None, f"auto-excluded after the NEC's decision of {DECIDED.isoformat()}"))
        return _facing(facts, labels), cites, [said]
    result = evaluate(nec, "labour_membership", None,
                      {"member_of": orgs, "date": facts["date"], **({"labour_status": status} if status else {})})
    day = facts["date"].isoformat()
    if not (result.status == "determined" and not result.value.allowed):
        if "member_of" not in facts and facts["date"] == DECIDED:
            # The day of the decision: a proscription may apply, but the
            # letters go "within days", so no member is excluded yet.
            return unchanged, [], [f"{AUTHORITY}: give 'member_of' to settle whether a proscription of "
                                   f"{DECIDED.isoformat()} applies; on that day a member is not yet "
                                   "excluded (letters go 'within days')"]
        if "member_of" not in facts and facts["date"] > DECIDED:
            # The organisations are not stated: the person may be in one of the four.
            return unchanged, [], [f"{AUTHORITY}: give 'member_of' to settle whether a "
                                   f"proscription of {DECIDED.isoformat()} applies"]
        if facts["date"] >= DECIDED:
            # The report records the four groups proscribed that day, and a
            # panel to consider others (line 44): later proscriptions it
            # cannot rule out (round 57: "no proscription bars" said more).
            return unchanged, [], [f"{AUTHORITY}: none of the four groups the NEC proscribed on "
                                   f"{DECIDED.isoformat()} is among this person's organisations "
                                   "(a panel was set up to consider others, which the report does not name)"]
        return unchanged, [], [f"{AUTHORITY}: the proscriptions of {DECIDED.isoformat()} do not "
                               f"apply on {day}, before the decision"]
    votes = _votes(nec, orgs)
    cites = _theirs(citations(result.because) + [cite(c) for c in votes])
    record = "; ".join(f"carried {c.carried.votes_for} to {c.carried.votes_against}" for c in votes
                       if c.id.removeprefix("vote.") in orgs)
    said = (f"{AUTHORITY}: on {day} membership of {', '.join(banned)} is incompatible with "
            f"Labour membership ({record})")
    if status is None:
        if facts["date"] <= DECIDED:
            return unchanged, cites, [said + "; a Labour member faces auto-exclusion, by letters "
                                      "sent 'within days': give labour_status to say whether the "
                                      "person is one"]
        # The auto-excluded case rests on what the NEC says of members.
        return _unknown(facts), _as_member(nec, orgs, facts["date"]), [
            said + "; a Labour member faces auto-exclusion: give labour_status to say whether "
            "the person is one"]
    if not facing:
        # The letters go "to members": someone not in Labour has nothing to lose.
        return unchanged, cites, [said + f"; the letters go to members, and this person's Labour "
                                  f"status ({_said(status)}) is unchanged"]
    if facts["date"] <= DECIDED:
        # Letters "will be sent ... within days": not on the day of the decision itself.
        return unchanged, cites, [said + "; the letters of auto-exclusion go 'within days', so on "
                                  "the day of the decision the person is not yet excluded"]
    return (_facing(facts), cites,
            [said + "; the person faces expulsion (auto-exclusion), so both their present and "
             "their expected Labour status are considered"])


# Shown with an answer that would change if the person were auto-excluded.
ORGS_PRESUMED = "member_of = none of the groups the NEC proscribed"


def unstated_orgs(facts: dict) -> bool:
    """A Labour member (or suspended member) on or after the decision whose
    organisations are not given: whether a proscription applies is open."""
    return ("member_of" not in facts and facts.get("date") is not None
            and facts["date"] > DECIDED and facts.get("labour_status") in ("member", "suspended"))


def _unknown(facts: dict) -> list[tuple[dict, str | None]]:
    """A person in a proscribed group whose Labour status is not given: the
    letters go "to members", so if a member they may already be out."""
    return [(facts, "not auto-excluded"),
            (dict(facts, labour_status="expelled"),
             f"auto-excluded as a Labour member after {DECIDED.isoformat()}")]


def _proscribed(nec) -> frozenset:
    """The organisations some rule of the NEC's decision forbids members of."""
    from . import ast as A

    out = set()
    for e in nec.entries("labour_membership", None):
        if isinstance(e.rule.value, A.Permission) and not e.rule.value.allowed:
            stack = [e.rule.cond]
            while stack:
                c = stack.pop()
                if isinstance(c, (A.And, A.Or)):
                    stack.extend(c.conds)
                elif isinstance(c, A.Not):
                    stack.append(c.cond)
                elif isinstance(c, A.Member) and c.fact == "member_of":
                    out.update(c.names)
    return frozenset(out)


def _as_member(nec, orgs, day) -> list[Citation]:
    """The NEC clauses that bar a Labour member in these organisations on `day`."""
    result = evaluate(nec, "labour_membership", None,
                      {"member_of": orgs, "date": day, "labour_status": "member"})
    return _theirs(citations(result.because) + [cite(c) for c in _votes(nec, orgs)])


def _votes(nec, orgs) -> list:
    """The recorded NEC votes on these organisations (clauses `vote.ORG`),
    each followed by the clause whose words give its figures, if another
    ("Exactly the same result was reached": round 43)."""
    out = []
    for c in nec.ast.clauses:
        if c.carried and c.id.removeprefix("vote.") in orgs:
            out.append(c)
            source = nec.ast.clause(c.carried.figures_from) if c.carried.figures_from else None
            if source is not None and source not in out:
                out.append(source)
    return out


def _theirs(cites: list[Citation]) -> list[Citation]:
    return [c.model_copy(update={"draft": AUTHORITY}) for c in cites]


def _said(status: str) -> str:
    """A Labour status in plain words: 'non_member' is 'not in the Labour Party'."""
    from .words import LABOUR

    return LABOUR.get(status, status.replace("_", " "))
