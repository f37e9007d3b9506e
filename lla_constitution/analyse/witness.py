"""Witnesses: a scenario from the diff written as something a person can run.

A difference is only worth reporting if it can be shown. Each witness is
turned into an action file for `lla check` (or a question for `lla ask`),
then run against both sides; the witness is kept only if the two verdicts
really differ, so every witness the diff prints has been confirmed.

>>> from lla_constitution.analyse.diff import diff, side
>>> d = diff(side("tees"), side("london"), only=["fee"])
>>> w = witness(d, d.families[0], d.families[0].differences[0])
>>> w.confirmed, sorted(w.action)
(True, ['kind', 'question'])
"""
from __future__ import annotations

import copy
import itertools
import shlex
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from fractions import Fraction
from functools import lru_cache

from ..explain import plain
from ..partition import Period
from ..vocab import KINDS
from .space import GROUP, NO_RECALL, NOT_APPLICABLE, PERSON, local_bodies

# Names the actions take a group's facts under (see model.Group).
_GROUP_FIELDS = GROUP
_PERSON_FIELDS = tuple(f for f in PERSON if f != "kind")


@dataclass
class Witness:
    facts: dict  # the scenario, as words and numbers
    action: dict | None  # an action for `lla check`, or {"question": ...} for `lla ask`
    commands: list[str]  # how to run it against each side
    outcomes: list[str] = field(default_factory=list)  # what each side says when run
    citations: list[list[str]] = field(default_factory=list)  # clauses each side cites
    confirmed: bool = False
    in_region: bool = True  # every fact the engine was given lies in the region printed


def _when(period: Period) -> tuple[str, str]:
    start, end = period.start, period.end
    fmt = (lambda d: d.date().isoformat()) if end.time() == start.time() == datetime.min.time() \
        else (lambda d: d.isoformat(timespec="minutes"))
    return fmt(start), fmt(end)


def _group(facts: dict) -> dict:
    out = {"kind": facts.get("kind", "local_group")}
    if out["kind"] == "individual":
        out["kind"] = "local_group"
    for f in _GROUP_FIELDS[1:]:
        if f in facts:
            out[f] = plain(facts[f]) if f != "fee_paid" else _pounds(facts[f])
    return out


def _pounds(pence: int):
    return pence // 100 if pence % 100 == 0 else round(pence / 100, 2)


def _person(facts: dict) -> dict:
    return {f: plain(facts[f]) for f in _PERSON_FIELDS if f in facts}


def _share(value) -> tuple[int, int]:
    """A share as signatures out of supporters, e.g. 1/10 -> (10, 100)."""
    frac = Fraction(value).limit_denominator(100000)
    k = max(1, -(-100 // frac.denominator))  # at least 100 supporters reads naturally
    return frac.numerator * k, frac.denominator * k


def _article(words: str) -> str:
    return ("an " if words[0] in "aeiou" else "a ") + words


def question_for(topic: str, body: str | None, facts: dict) -> str | None:
    """An `lla ask` question for the scenario, when the question language can say it."""
    if topic in ("meetings", "elections", "quorum") and body:
        words = body.replace("_", " ")
        return {"meetings": f"how often must the {words} meet?",
                "elections": f"how often is the {words} elected?",
                "quorum": f"what is the quorum of the {words}?"}[topic]
    if topic == "amend_constitution" and body:
        # The power itself, not a motion's count: the launch conference adopts
        # its constitution by ballots, not by a motion (round 42: a 100 to 0
        # constitutional motion was "silent" where the power is "allowed").
        return f"may the {body.replace('_', ' ')} change the constitution?"
    if topic not in ("fee", "delegates"):
        return None
    kind = facts.get("kind", "local_group")
    if facts.get("national_affiliated") or facts.get("region_affiliated"):
        return None  # the question cannot say so
    if topic == "delegates" and facts.get("affiliated") is False:
        return None
    attrs = []
    if "members" in facts:
        attrs.append(f"{facts['members']} members")
    if "lla_supporters" in facts:
        attrs.append(f"{facts['lla_supporters']} LLA supporters")
    group = _article(KINDS[kind].words[0]) + (" with " + " and ".join(attrs) if attrs else "")
    if "fee_paid" in facts:
        group += f" paying £{_pounds(facts['fee_paid'])}"
    if topic == "fee":
        return f"what fee does {group} pay?"
    return f"how many delegates may {group} send to {(body or 'conference').replace('_', ' ')}?"


def action_for(topic: str, body: str | None, facts: dict, bodies: dict) -> dict | None:
    """An action document for `lla check` (before any choice of count or tallies)."""
    by = facts.get("by")
    by_words = bodies.get(by, by) if isinstance(by, str) else None
    if topic == "delegates":
        return {"action": "send_delegates", "group": _group(facts), "body": body, "count": 1}
    if topic in ("join", "labour_membership"):
        return {"action": topic, "person": _person(facts)}
    if topic in ("stand", "vote"):
        return {"action": topic, "body": body, "person": _person(facts)}
    if topic == "affiliate":
        group = _group(facts)
        group.pop("affiliated", None)
        return {"action": "affiliate", "group": group}
    if topic in ("submit_motion", "submit_amendment"):
        doc: dict = {"action": topic, "body": body}
        if facts.get("kind") == "individual" or "signatories" in facts:
            doc["signatories"] = facts.get("signatories", 0)
        else:
            doc["group"] = _group(facts)
        for f in ("adopted", "emergency", "previous_motions", "previous_amendments", "motions_sent",
                  "amendments_sent", "motion_kind"):
            if f in facts:
                doc[f] = facts[f]
        if facts.get("during_meeting"):
            # Put two hours after the meeting began, on its day.
            doc["submitted"], doc["meeting"] = "2020-01-01T12:00", "2020-01-01T10:00"
        elif "lead_time" in facts:
            doc["submitted"], doc["meeting"] = _when(facts["lead_time"])
            if doc["submitted"] == doc["meeting"]:
                # The same day, but before the meeting begins (not during it).
                doc["submitted"], doc["meeting"] = f"{doc['submitted']}T08:00", f"{doc['meeting']}T10:00"
        if isinstance(by, str) and facts.get("kind") in (None, "lla_body") and "signatories" not in facts:
            doc.pop("group", None)  # a body of the draft puts the motion
            doc["by"] = by_words
        return doc
    if topic == "sign_motion":
        return {"action": topic, "person": _person(facts),
                "previous_signatures": facts.get("previous_signatures", 0)}
    if topic == "circulate_motion":
        doc = {"action": topic, "body": body}
        if "lead_time" in facts:
            doc["circulated"], doc["meeting"] = _when(facts["lead_time"])
        return doc
    if topic == "call_special_conference":
        if (facts.get("by_body") is False or by == "petition") and facts.get("groups_share"):
            groups, of = _share(facts["groups_share"])
            return {"action": topic, "groups_petition": {"groups": groups, "of": of}}
        if facts.get("by_body") is False or by == "petition":
            signatures, supporters = _share(facts.get("petition_share", 0))
            return {"action": topic, "petition": {"signatures": signatures, "supporters": supporters}}
        return {"action": topic, "by": by_words or bodies.get("conference", "conference")}
    if topic == "recall":
        n, k = facts.get("initiators", 0), facts.get("initiator_categories", 0)
        if n > MAX_INITIATORS:
            return None  # an action file listing them would be absurd: no command is shown
        doc = {"action": "recall_officer", "body": body,
               "by": by_words or bodies.get("organising_group", "organising_group"),
               "special_meeting": facts.get("special_meeting", True),
               "initiators": _initiators(n, k, bodies)}
        if "grounds" in facts:
            doc["grounds"] = facts["grounds"]
        if "notice" in facts:
            start, end = facts["notice"].start, facts["notice"].end
            doc["notice"] = start.date().isoformat()
            doc["meeting"] = (end.date() + timedelta(days=1 if end.time() else 0)).isoformat()
        return doc
    if topic == "pass_motion":
        doc = {"action": topic, "body": body, "motion_kind": facts.get("motion_kind", "ordinary")}
        if facts.get("full_debate"):
            doc["full_debate"] = True
        return doc
    if topic == "recall_vote":
        return {"action": "recall_vote", "body": body}
    if topic == "amend_constitution":
        return {"action": "pass_motion", "body": body, "motion_kind": "constitutional"}
    if topic == "disputes":
        return {"action": "resolve_dispute", "subject": facts.get("dispute_subject", "other")}
    if topic == "appeal":
        doc = {"action": "appeal", "against": body}
        if "dispute" in facts:
            doc["dispute"] = facts["dispute"]
        return doc
    if topic == "nominate":
        return {"action": "nominate", "nominator": _group(facts), "body": body,
                "post": facts.get("post", "member"),
                "previous_nominations": facts.get("previous_nominations", 0)}
    if topic == "elect":
        return {"action": "elect_committee", "body": body, "size": facts.get("size", 0)}
    return None


def _initiators(n: int, k: int, bodies: dict) -> list[dict]:
    """n initiators from k categories. Kinds from distinct categories of 3.i–v
    of Dulwich (local group, Labour branch, union, broad left, special
    interest) stand for categories in any draft that counts them."""
    kinds = ("local_group", "labour_branch", "union_branch", "broad_left_national", "special_interest")
    return [{"kind": kinds[min(i, max(k, 1) - 1) % len(kinds)],
             "category": f"category {min(i, max(k, 1) - 1) + 1}"} for i in range(n)]


# Ways to fill in what the scenario leaves to the action: how many delegates
# are asked for, how a vote splits in each tally.
_SPLITS = ((51, 49), (67, 33), (76, 24), (40, 60))


def _counted(fd, sides, table) -> set[str]:
    """The tallies the body's vote is counted by, in any variant of either
    side: `lla check` counts a constitutional motion's vote before it asks
    whether the body may change the constitution, and needs them all."""
    from .. import ast as A
    from .space import body_for

    out: set[str] = set()
    for s in sides:
        target = body_for(s.book, fd.family.role, table, s.id) if fd.family.role else None
        if target is None:
            continue
        # The constitutions `lla check` consults for the vote, as _check does.
        for book in _books(s, "pass_motion", target):
            for e in book.entries("pass_motion", target):
                if isinstance(e.rule.value, A.Decision):
                    out |= {t.tally for t in e.rule.value.tests}
    return out


def _fillings(topic: str, doc: dict, answers, counted=()) -> list[dict]:
    if topic == "delegates":
        counts = sorted({k[1] for keys in answers for k in keys if k[0] == "count"})
        # Asking for the most either side allows says most about the difference.
        tries = sorted({c for n in counts for c in (n, n + 1)} | {1}, reverse=True)
        return [dict(doc, count=c) for c in tries]
    if topic in ("pass_motion", "amend_constitution", "recall_vote"):
        # Only the tallies either side counts, and how many could vote only
        # where a rule counts a share of all of them: what a person would write.
        tests = [t for keys in answers for k in keys if k[0] in ("decision", NO_RECALL)
                 for t in k[1].tests]
        names = sorted({t.tally for t in tests} | set(counted)) or ["votes"]
        of_all = any(t.of_all for t in tests)
        if "branch_votes" in names and "full_debate" not in doc:
            # Weighted branch votes are taken only after a full debate (Tees
            # 5.13): a witness that gives them says whether there was one, as
            # `lla check` asks (round 68).
            doc = dict(doc, full_debate="branch_votes" in {t.tally for t in tests})
        out = []
        # Whether a body may change the constitution shows best where the
        # vote carries under any count: a unanimous one first (round 17: a
        # divided vote the launch conference cannot count hid its power).
        splits = (((100, 0),) + _SPLITS) if topic == "amend_constitution" else _SPLITS
        # All votes cast include the individual members' and the delegates'
        # (round 67: a witness gave 40 for in all beside 51 individual votes
        # for): where both are counted, the whole is the sum of those parts.
        parts = [t for t in names if t in ("individuals", "delegate_votes")]
        free = [t for t in names if not ("votes" in names and parts and t == "votes")]
        for combo in itertools.product(splits, repeat=len(free)):
            tallies = {t: {"for": f, "against": a, **({"eligible": f + a} if of_all else {})}
                       for t, (f, a) in zip(free, combo)}
            if len(free) < len(names):
                f, a = (sum(tallies[t]["for"] for t in parts), sum(tallies[t]["against"] for t in parts))
                tallies["votes"] = {"for": f, "against": a, **({"eligible": f + a} if of_all else {})}
            out.append(dict(doc, **tallies))
        return out
    return [doc]


# A recall witness lists its initiators one by one; past this many, no action
# file is written (a rule may ask for 100,000,000, but nobody types them).
MAX_INITIATORS = 1000

# How many scenarios of a region are tried before giving up on a witness
# that both lies in it and shows the difference: a bound, so a region of
# thousands of cells costs at most this many runs.
TRIES = 12


def witness(d, fd, difference) -> Witness:
    """A runnable witness for the difference: the first scenario of its region,
    most natural first, whose action asks what the region says (every fact the
    engine is given lies in the region's boxes) and whose verdicts differ.
    When none does, the best try comes back with `in_region` or `confirmed`
    false, which the tests treat as a bug."""
    best = None
    for facts in candidates(fd, difference):
        w = _witness(d, fd, difference, facts)
        if w.in_region and w.confirmed:
            return w
        if best is None or (w.in_region, w.confirmed) > (best.in_region, best.confirmed):
            best = w
    return best


def candidates(fd, difference) -> list[dict]:
    """Scenarios inside the region, the most natural first: sizes that are
    not zero, and the region's own order otherwise (its first box first)."""
    cases = [facts for _, facts in difference.cases] or [difference.witness]
    ranked = sorted(range(len(cases)), key=lambda i: (_oddness(cases[i]), i))
    return [cases[i] for i in ranked[:TRIES]]


def _oddness(facts: dict) -> int:
    """How strange the scenario reads: a group of 0 members, a petition of no one."""
    return sum(1 for f in ("members", "lla_supporters", "signatories", "initiators")
               if facts.get(f) == 0)


def _witness(d, fd, difference, facts) -> Witness:
    from .diff import answers_text

    topic = fd.family.topic
    shown = {k: plain(v) if k != "fee_paid" else f"£{_pounds(v)}" for k, v in facts.items()}
    sides = [d.a, d.b]
    bodies = [local_bodies(s.book, d.table, s.id) for s in sides]
    body = [b.get(fd.family.role) if fd.family.role else None for b in bodies]
    region = _Region(fd.space, [leaf for leaf, _ in difference.cases], topic,
                     [s.views(fd.family, d.table) for s in sides], difference.answers)
    # A side without the body is asked about the other side's, and answers
    # 'not applicable'; sides naming it differently are each asked in their words.
    questions = [question_for(topic, body[i] or body[1 - i], facts) for i in range(2)]
    asked = None
    if questions[0] and questions[1]:
        outcomes = [_ask(q, s) for q, s in zip(questions, sides)]
        action = ({"question": questions[0], "kind": "ask"} if questions[0] == questions[1] else
                  {"questions": questions, "kind": "ask"})
        asked = Witness(shown, action, [_command("ask", f'"{q}"', s) for q, s in zip(questions, sides)],
                        [o for o, _, _ in outcomes], [c for _, c, _ in outcomes],
                        _apart(outcomes),
                        all(region.holds(i, seen) for i, (_, _, seen) in enumerate(outcomes)))
        if asked.in_region and asked.confirmed:
            return asked
        # The question leaves a fact to presumption that the region states
        # (a group's affiliation): an action file can state it.
    docs = [action_for(topic, body[i] or fd.family.role, facts, bodies[i]) for i in range(2)]
    if docs[0] is None and asked is not None:
        return asked
    if docs[0] is None:
        return Witness(shown, None, [], [answers_text(x) for x in difference.answers], [], False)
    first = quiet = None
    counted = _counted(fd, sides, d.table) if topic in ("pass_motion", "amend_constitution") else ()
    for fills in zip(*(_fillings(topic, doc, difference.answers, counted) for doc in docs)):
        outcomes = [_check(doc, s) for doc, s in zip(fills, sides)]
        inside = all(region.holds(i, seen) for i, (_, _, seen) in enumerate(outcomes))
        if first is None:
            first = (fills, outcomes, inside)
        if outcomes[0][0] != outcomes[1][0]:
            return _checked(shown, fills, outcomes, sides, True, inside)
        if quiet is None and _apart(outcomes):
            # Two silences, one citing a clause: apart, but a tally that one
            # side loses shows more (round 42: a recall vote lost under one
            # draft's count is silent under the other's), so look on.
            quiet = (fills, outcomes, inside)
    if quiet is not None:
        return _checked(shown, *quiet[:2], sides, True, quiet[2])
    return _checked(shown, *first[:2], sides, False, first[2])


class _Region:
    """The boxes a difference is printed for, to test what a witness really asked.

    Each side's evaluations (topic, body, facts) are read back into roles
    and must fall in one of the region's leaves, fact by fact."""

    def __init__(self, sp, leaves, topic, views, answers):
        self.sp, self.leaves, self.topic, self.answers = sp, leaves, topic, answers
        self.to_role = [{local: r for v in vs for r, local in v.to_local.items()} for vs in views]
        self.roles = [{r for v in vs for r in v.to_local} for vs in views]

    def holds(self, i: int, seen) -> bool:
        asked = [facts for topic, _, facts in seen if topic == self.topic]
        if self.sp is None or not self.leaves:
            return True
        if not asked:
            # Not asked at all: right only where the side lacks the body asked
            # about, or the body that acts, which is what the region then says.
            return self.answers[i] == frozenset([NOT_APPLICABLE])
        return any(self._inside(i, self._roles(i, facts), leaf) for facts in asked
                   for leaf in self.leaves)

    def _roles(self, i, facts: dict) -> dict:
        out = dict(facts)
        back = self.to_role[i]
        if isinstance(out.get("by"), str):
            out["by"] = back.get(out["by"], out["by"])
        if "member_of" in out:
            out["member_of"] = frozenset(back.get(m, m) for m in out["member_of"])
        return out

    def _inside(self, i: int, facts: dict, leaf) -> bool:
        for fact, index in leaf.cells.items():
            if fact not in leaf.facts:
                continue  # split on the way, then left unstated (a body's call has no petition)
            if fact == "by" and self.sp.dims["by"].cells[index].rep not in self.roles[i] \
                    and facts.get("by") in (None, self.sp.dims["by"].cells[index].rep):
                continue  # a body this side lacks: it is asked as if none were named
            if fact not in facts:
                return False
            if not in_cell(self.sp.dims[fact], index, facts[fact]):
                return False
        return True


def in_cell(dim, index: int, value) -> bool:
    """Whether `value` lies in cell `index` of the dimension.

    >>> from lla_constitution.partition import int_cells
    >>> from lla_constitution.evaluate import Dimension
    >>> d = Dimension("members", "int", int_cells([10]))
    >>> [in_cell(d, i, 10) for i in range(len(d.cells))]
    [False, False, True, False]
    """
    from datetime import date

    cell = dim.cells[index]
    if isinstance(cell.rep, frozenset):
        if cell.rep:
            return isinstance(value, frozenset) and cell.rep <= value
        named = frozenset().union(*(c.rep for c in dim.cells if isinstance(c.rep, frozenset)))
        return isinstance(value, frozenset) and not (value & named)
    if cell.label is not None or isinstance(cell.rep, (bool, str)):
        return value == cell.rep
    if isinstance(value, Period):
        return True  # calendar lengths: the walk's own cell, trusted
    if isinstance(value, date):
        value = value.toordinal()
    if isinstance(value, bool) or not isinstance(value, (int, float, Fraction)):
        return False
    lo, hi = cell.lo, cell.hi
    above = value >= lo if cell.lo_incl else value > lo
    below = hi is None or (value <= hi if cell.hi_incl else value < hi)
    return above and below


def _apart(outcomes) -> bool:
    """Whether the two runs say different things: another verdict, or the same
    silence where one text speaks and leaves it open (Dulwich 3.3's "consensus,
    else a show of hands") and the other has no word on it."""
    (a, ca, _), (b, cb, _) = outcomes
    return a != b or (a == b and a.startswith("silent") and bool(ca) != bool(cb))


def _checked(shown, docs, outcomes, sides, confirmed: bool, inside: bool) -> Witness:
    same = docs[0] == docs[1]
    action = docs[0] if same else {"kind": "per-side", "actions": list(docs)}
    commands = [_command("check", "witness.yaml" if same else f"witness-{i + 1}.yaml", s)
                for i, s in enumerate(sides)]
    return Witness(shown, action, commands, [o for o, _, _ in outcomes], [c for _, c, _ in outcomes],
                   confirmed, inside)


def _command(verb: str, arg: str, s) -> str:
    """The command that checks a witness, in the one spelling of a draft
    (`--draft london+swansea`, `--draft cac:4.2=B,3.2=A`)."""
    spec = s.draft + "".join(f"+{a}" for a in s.amends)
    if s.chosen:
        spec += ":" + ",".join(f"{k}={v}" for k, v in s.chosen.items())
    return f"lla {verb} {arg} --draft {shlex.quote(spec)}"


def _books(s, topic: str, body: str | None):
    """The constitutions `lla check`/`lla ask` would consult: one per open
    choice that decides this question, as the CLI does."""
    from ..compose import ACTION_TOPICS
    from ..loader import load_variants

    return load_variants([s.draft], [f"{k}={v}" for k, v in s.chosen.items()], s.amends,
                         topics={(ACTION_TOPICS.get(topic, topic), body)})


def _summary(outs) -> tuple[str, list[str]]:
    """One line per rulebook variant: the verdict or answer, and the clauses cited."""
    lines, cited = [], []
    if len({_verdict(o) for o in outs}) == 1:
        outs = outs[:1]  # every open option gives the same answer
    from ..explain import count_said, unsaid_in_part

    for o in outs:
        data = o.model_dump()
        verdict = data.get("verdict") or data.get("status")
        detail = count_said(data.get("answer"), data.get("up_to"))  # "up to 3", as lla ask says
        if data.get("verdict") == "ambiguous" and unsaid_in_part(o.answers):
            verdict = "silent in part"  # as `lla check` prints it
        if verdict in ("ambiguous", "silent in part"):
            detail = " | ".join(sorted({str(count_said(c["answer"], c.get("up_to")) if c.get("answer") is not None
                                            else (c.get("decided_by") and f"delegated to {c['decided_by']}")
                                            or c.get("status")) for c in data.get("answers") or []}))
        elif verdict == "delegated":
            detail = data.get("decided_by")
        text = verdict if detail in (None, "") or isinstance(detail, list) else f"{verdict}: {detail}"
        lines.append(text if len(outs) == 1 else f"{o.draft}: {text}")
        cited += [c["clause"] if not c.get("draft") else f"{c['draft']}:{c['clause']}"
                  for c in data.get("because", []) if c["clause"] not in cited]
    return "; ".join(lines), cited


def _verdict(o) -> str:
    data = o.model_dump(exclude={"draft", "because", "conditions", "reasons", "notes"})
    return repr(sorted(data.items(), key=str))


def _check(doc: dict, s) -> tuple[str, list[str], list]:
    """What `lla check` says, the clauses it cites, and what it was asked."""
    from ..actions import check
    from ..evaluate import recording
    from ..model import ACTIONS

    action = ACTIONS[doc["action"]].model_validate(doc)
    with recording() as seen:
        out = [check(book, action) for book in _books(s, doc["action"],
                                                      doc.get("body") or doc.get("against"))]
    if doc["action"] == "pass_motion" and not any(t == "pass_motion" for t, _, _ in seen):
        # Stopped at the body's power to change the constitution: the vote was
        # asked about all the same, on the facts the action gives.
        seen.append(("pass_motion", doc.get("body"), {"motion_kind": doc["motion_kind"],
                                                      "full_debate": doc.get("full_debate", False)}))
    return (*_summary(out), seen)


def _ask(question: str, s) -> tuple[str, list[str]]:
    from ..ask import ask_parsed

    from ..evaluate import recording

    q = _parsed(question)
    topic = q.asks()
    topic, body = (topic, None) if isinstance(topic, str) else topic
    with recording() as seen:
        out = ask_parsed(copy.deepcopy(q), _books(s, topic, body))
    return (*_summary(out), seen)


@lru_cache(maxsize=1024)
def _parsed(question: str):
    """Each witness question parsed once (parsing was 40% of `lla diff`, twice
    per side): a question's reading depends only on its words and the bundled
    drafts. Each asking gets its own copy, so nothing asked can change it."""
    from ..question import parse_question

    return parse_question(question)
