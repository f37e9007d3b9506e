"""`lla check`: judge one action against a draft and cite the clauses.

Each action gathers the facts it brings (dates become lead times, initiators
become counts of categories) and asks the draft one topic; votes are then
counted against whatever majority the draft requires.

>>> from lla_constitution.loader import load
>>> from lla_constitution.model import SendDelegates, Group
>>> v = check(load("dulwich"), SendDelegates(action="send_delegates",
...           group=Group(kind="local_group", members=150, lla_supporters=40), count=3))
>>> v.verdict, [c.clause for c in v.because]
('allowed', ['2.3.ii'])
"""
from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime, timedelta

from fractions import Fraction

from . import ast as A
from . import format as F
from .words import no_body
from .ask import find_body
from .errors import InputError, MissingTally, fail
from .evaluate import Result, evaluate
from .explain import citations, conditions
from .model import (Action, CaseOut, Group, LeadTime, Register, Tally, VerdictOut, _moment)
from .partition import Period
from .resolve import Book
from .source import Span


class Checker:
    def __init__(self, book: Book, register: Register | None = None, span: Span | None = None):
        self.book = book
        self.register = register
        self.span = span
        self.assumed: list[str] = []
        self.reasons: list[str] = []
        # Facts a who-may question leaves open although the action needs them
        # (a petition's share): dropped, so the answer splits on them.
        self.open_facts: frozenset[str] = frozenset()
        # A presumption of affiliation dropped (presume.py), said in the
        # answer only where it turns on it (check()).
        self.presumption_dropped = None  # a presume.Dropped

    # ---- inputs ----
    def group(self, ref) -> Group:
        if isinstance(ref, Group):
            return ref
        group = self.register.find(ref) if self.register else None
        if group is None:
            fail(InputError, self.span, f"no group named '{ref}'"
                 + ("" if self.register else " (no --register file given)"),
                 help="describe the group inline (kind, members, ...) or pass --register FILE")
        return group

    def group_facts(self, ref, presume: bool = True) -> dict:
        facts, assumed = self.group(ref).facts()
        if presume:
            from .presume import presume as check_presumptions

            dropped = check_presumptions(self.book, facts, assumed)
            if dropped:
                self.presumption_dropped = dropped
            self.assumed += [a for a in assumed if a not in self.assumed]
        elif "affiliated" in assumed:
            facts.pop("affiliated")  # whether it may affiliate cannot presume it has
            self.assumed += [a for a in assumed if a != "affiliated" and a not in self.assumed]
        return facts

    def _used(self, result) -> list[str]:
        from .explain import used_presumptions

        return used_presumptions(result, self.assumed)

    def presumed(self, fact: str, given, value):
        """`given`, or `value` when the action leaves it out; the answer then
        lists it as presumed wherever a rule turned on it."""
        if given is not None:
            return given
        if fact not in self.assumed:
            self.assumed.append(fact)
        return value

    def body(self, name: str) -> str:
        return find_body(self.book, name) or name

    # ---- verdicts ----
    def verdict(self, action: Action, result: Result, judge) -> VerdictOut:
        """Map the topic's answer to a verdict with `judge(value) -> verdict | None`."""
        from .explain import notes, used_presumptions

        saved = list(self.reasons)  # judging a turned-round answer may add reasons of its own
        assumed = used_presumptions(result, self.assumed, judge)
        self.reasons[:] = saved
        base = dict(draft=self.book.id, action=action.action, conditions=conditions(result),
                    assumed=assumed, reasons=self.reasons,
                    unmet=presumed_marked(result.unmet, self.assumed), notes=notes(result))
        if result.note:
            self.reasons.append(result.note)
        if result.status == "ambiguous" and not result.cases:
            # No case the facts allow: they cannot all hold together (round 50:
            # a bare "ambiguous" with nothing behind it was printed).
            fail(InputError, self.span, f"the action's facts cannot all hold together under {self.book.id}",
                 help="check the facts against each other, e.g. a group's kind and who puts the motion")
        if result.status == "ambiguous":
            verdicts = []
            for case in result.cases:
                v = judge(case.value) if case.status == "determined" else None
                # A determined answer the judge cannot weigh (a ratio of an
                # unstated count) leaves that case unsettled, not 'determined'.
                verdicts.append(v or ("unsettled" if case.status == "determined" else case.status))
            bodies = {getattr(c.value, "body", None) for c in result.cases}
            if len(set(verdicts)) == 1 and len(bodies) == 1 and verdicts[0] != "unsettled":
                # Every reading gives the same: one answer, not a choice of one
                # (a rule that says 'silent' on one reading, none on the other).
                ground = _cited([citations(c.because) for c in result.cases])
                return VerdictOut(verdict=verdicts[0], decided_by=bodies.pop(),
                                  because=[c for c in citations(result.because) if c in ground],
                                  **base)
            answers, merged, grounds, parts = [], {}, {}, {}
            for i, (v, case) in enumerate(zip(verdicts, result.cases)):
                grounds.setdefault(v, []).append(citations(case.because))
                parts.setdefault(v, []).append(i)
                if v in merged:
                    merged[v].when += case.when
                    continue
                # A determined number the judge cannot weigh is no verdict:
                # it is unsettled until the action gives the fact it counts.
                status = "unsettled" if v == "unsettled" else case.status
                merged[v] = CaseOut(answer=v if v in _DEFINITE else None, status=status,
                                    when=list(case.when), decided_by=getattr(case.value, "body", None))
                answers.append(merged[v])
            from .evaluate import when_of

            because = []
            for v, case in merged.items():
                if len(parts[v]) > 1:
                    # Cases judged alike are one region, said as one.
                    case.when = when_of(result, parts[v]) or case.when
                # A silence is grounded by a rule only where that rule speaks
                # in every part of it (Dulwich 3.8 speaks of motions put during
                # the meeting; before it, no rule does).
                case.because = (_common(grounds[v]) if v == "silent" else _cited(grounds[v]))
                because += [c for c in case.because if c not in because]
            return VerdictOut(verdict="ambiguous", answers=answers, because=because, **base)
        if result.status == "determined":
            v = judge(result.value)
            return VerdictOut(verdict=v, because=citations(result.because), **base)
        return VerdictOut(verdict=result.status, decided_by=result.decided_by,
                          because=citations(result.because), **base)

    def permission(self, action, topic, target, facts) -> VerdictOut:
        if self.open_facts:
            facts = {k: v for k, v in facts.items() if k not in self.open_facts}
        result = evaluate(self.book, topic, target, facts)
        return self.verdict(action, result, lambda v: "allowed" if v.allowed else "forbidden")

    # ---- actions ----
    def join(self, a):
        return self.person_permission(a, "join", None)

    def person_permission(self, a, topic: str, target, extra: dict | None = None):
        """A question about a person, under each Labour status the NEC's
        decision leaves open for them (labour.py); `extra`, facts of the act
        itself (a signature's earlier signatures)."""
        facts = {**a.person.facts(), **(extra or {})}
        if self.book.id == "labour-nec-2021":
            return self.permission(a, topic, target, facts)
        from .labour import ORGS_PRESUMED, labour_status, unstated_orgs

        options, cites, reasons = labour_status(facts)
        varied = {k for f, _ in options for k in f if len({repr(g.get(k)) for g, _ in options}) > 1}
        if not self._reads(topic, target, varied | {"labour_status"}):
            # No rule of the draft reads what the NEC's decision changes
            # (Merseyside 1: "Labour status does not decide who may join"):
            # one answer, without the NEC (round 64: four cases, two alike).
            options = options[:1]
        else:
            self.reasons += reasons
        verdicts = [(self.permission(a, topic, target, facts), label) for facts, label in options]
        # The NEC's clauses are part of the answer only where the person's
        # Labour status, which they settle, changes the verdict: then they
        # are cited by each answer, split further by the draft or not.
        if len({_outcome(v) for v, _ in verdicts}) > 1:
            for v, _ in verdicts:
                v.because = cites + [c for c in v.because if c not in cites]
                for case in v.answers or []:
                    if _reached(case):
                        case.because = cites + [c for c in case.because if c not in cites]
        elif unstated_orgs(facts):
            # A Labour member after the decision, organisations not given:
            # answered as if in none of the four, which is said wherever
            # being auto-excluded would change the answer.
            out = self.permission(a, topic, target, dict(facts, labour_status="expelled"))
            first = verdicts[0][0]
            if _outcome(out) != _outcome(first) and ORGS_PRESUMED not in first.assumed:
                first.assumed.append(ORGS_PRESUMED)
        return _either(verdicts)

    def _reads(self, topic: str, target, facts: set) -> bool:
        """Whether some rule of `topic` reads one of `facts`: a test that
        every value passes (Merseyside 1's "labour_status in {member,
        suspended, expelled, non_member}") reads nothing."""
        from .vocab import FACTS

        def reads(cond) -> bool:
            if cond is None:
                return False
            if isinstance(cond, (A.And, A.Or)):
                return any(reads(c) for c in cond.conds)
            if isinstance(cond, A.Not):
                return reads(cond.cond)
            if cond.fact not in facts:
                return False
            values = getattr(FACTS.get(cond.fact), "values", None)
            return not (isinstance(cond, A.Member) and values and set(values) <= set(cond.names))
        return any(reads(e.rule.cond) for e in self.book.entries(topic, target))

    def labour_membership(self, a):
        from .labour import org_ids

        facts = a.person.facts()
        if "member_of" in facts and _reads(self.book, "member_of"):
            # Names as this rulebook names them, refusing a near-miss of one
            # it reads; where no rule reads them, as given (round 23: a
            # near-miss of the draft's own body was refused "as the NEC gives it").
            facts["member_of"] = org_ids(self.book, facts["member_of"])
        return self.permission(a, "labour_membership", None, facts)

    def stand(self, a):
        return self.person_permission(a, "stand", self.body(a.body))

    def affiliate(self, a):
        return self.permission(a, "affiliate", None, self.group_facts(a.group, presume=False))

    def send_delegates(self, a):
        facts = self.group_facts(a.group)
        result = evaluate(self.book, "delegates", self.body(a.body), facts)
        self.reasons.append(f"asked to send {a.count}")
        if result.status == "determined" and isinstance(result.value, A.Ratio) and a.count > 0:
            # "1 per 3 LLA signatories": with the count unknown, so is the answer.
            ratio = result.value
            self.reasons.append(f"the number is {F.value(ratio)}, and the action does not give "
                                f"{ratio.fact}: add it to settle the answer")
            out = self.verdict(a, result, lambda v: "allowed")
            return out.model_copy(update={"verdict": "ambiguous"})

        if a.count == 0 and (isinstance(result.value, A.Unspecified)
                             or any(isinstance(c.value, A.Unspecified) for c in result.cases)):
            # A number the draft leaves unsaid is still a number: none is
            # within it (Dulwich 3.4: 0, 1 or 3, whichever it is).
            import dataclasses

            none = A.Count(0)
            result = dataclasses.replace(
                result, value=none if isinstance(result.value, A.Unspecified) else result.value,
                status="determined" if isinstance(result.value, A.Unspecified) else result.status,
                cases=[dataclasses.replace(c, value=none) if isinstance(c.value, A.Unspecified) else c
                       for c in result.cases])
            self.reasons.append("sending none is within any number the draft may set")

        def judge(v):
            if isinstance(v, A.Ratio) and a.count == 0:
                return "allowed"  # none is within any number the ratio gives
            if isinstance(v, A.Ratio):
                why = (f"the number counts {v.fact} (e.g. {F.value(v)}), which the action does "
                       "not give: add it to settle the answer")
                why = next((r for r in self.reasons if r.startswith(f"the number counts {v.fact} ")), why)
                if why not in self.reasons:
                    self.reasons.append(why)
                return None  # depends on a fact the action does not give
            return "allowed" if a.count <= v.n else "forbidden"
        return self.verdict(a, result, judge)

    def _submission(self, a, topic):
        if a.group is not None:
            facts = self.group_facts(a.group)
            if facts.get("kind") != "lla_body":
                facts["by"] = "none"  # put by a group, not a body
            # A body of the LLA described as a group: which body, the file
            # does not say (round 50: "by: none" left no case at all).
        elif a.by is not None:
            by = self.body(a.by)
            if self.book.body(by) is None:
                return VerdictOut(draft=self.book.id, action=a.action, verdict="not_applicable",
                                  reasons=[no_body(self.book.id, a.by)])
            facts = {"kind": "lla_body", "by": by}  # a body of the draft puts it, e.g. the CAC
        else:
            facts = {"kind": "individual", "signatories": a.signatories, "by": "none"}
        facts.update(adopted=self.presumed("adopted", a.adopted, True), emergency=a.emergency,
                     previous_motions=a.previous_motions,
                     previous_amendments=a.previous_amendments, motion_kind=a.motion_kind,
                     motions_sent=self.presumed("motions_sent", a.motions_sent, a.previous_motions),
                     amendments_sent=self.presumed("amendments_sent", a.amendments_sent,
                                                   a.previous_amendments))
        if a.special_meeting is not None:
            facts["special_meeting"] = a.special_meeting
            # A special meeting of another body (Dulwich 5.3's "specially convened
            # meeting of the OG") is still that body's meeting (round 32).
            if a.special_meeting and self.body(a.body) == "conference" \
                    and self.book.body("conference") is not None \
                    and not self._special_conferences(topic, "conference"):
                # Dulwich has only its AGM: its submission rules and deadlines
                # are the AGM's, not shown to reach a conference it does not
                # provide (round 31).
                return VerdictOut(draft=self.book.id, action=a.action, verdict="silent",
                                  reasons=[f"{self.book.id} provides no special conference: no clause "
                                           "says how one is called or what is put to it"])
        lead = a.lead_time()
        if lead is not None:
            facts["lead_time"] = lead
            facts["during_meeting"] = a.during_meeting()
        elif not a.emergency:
            # No dates: put before the meeting, as motions ordinarily are;
            # shown as presumed wherever a rule turned on it. An emergency
            # motion is not presumed either way: it is often put during it.
            facts["during_meeting"] = False
            if "during_meeting" not in self.assumed:
                self.assumed.append("during_meeting")
        before = list(self.reasons)  # each case's own lines, not the other's (round 33)
        verdict = self.permission(a, topic, self.body(a.body), facts)
        if lead is not None and isinstance(a.submitted, datetime) and type(a.meeting) is date \
                and a.submitted.date() == a.meeting:
            # Sent at an hour on the meeting's day, which has no hour: the
            # meeting may start before or after it (round 34).
            self.reasons = list(before)
            other = self.permission(a, topic, self.body(a.body), {**facts, "during_meeting": not facts["during_meeting"]})
            if _outcome(other) == _outcome(verdict):
                return verdict.model_copy(update={"unmet": [u for u in verdict.unmet if u in other.unmet]})
            hour, day = a.submitted.strftime("%H:%M"), a.meeting.isoformat()
            cases = {False: f"the meeting starts after {hour} on {day}",
                     True: f"the meeting starts at {hour} or earlier on {day} (the action gives no hour for it)"}
            return _split([(verdict, cases[facts["during_meeting"]]), (other, cases[not facts["during_meeting"]])])
        if lead is None or lead.at is None or type(a.submitted) is not date:
            return verdict
        self.reasons = list(before)
        # A day with no hour is read as its first moment. Where the answer
        # turns on the hour, both are said (round 32), each with its own lines.
        day = a.submitted.isoformat()
        if isinstance(a.meeting, datetime) and a.meeting.date() == a.submitted:
            # Sent on the meeting's day, which starts at an hour: before it, or
            # once the meeting has begun (London 2.6 does not say; round 33).
            start = dataclasses.replace(lead, at=_moment(a.meeting))
            other = self.permission(a, topic, self.body(a.body),
                                    {**facts, "lead_time": start, "during_meeting": True})
            hour = a.meeting.strftime("%H:%M")
            labels = (f"sent before {hour} on {day}", f"sent at {hour} or later on {day} (the action gives no hour)")
        else:
            # A deadline counted in hours (Dulwich 2.7, 3.7: "24 hours before
            # the ... date") may pass at the day's first moment and not later.
            later = dataclasses.replace(lead, at=lead.at + timedelta(days=1) - timedelta(minutes=1))
            other = self.permission(a, topic, self.body(a.body), {**facts, "lead_time": later})
            labels = (f"sent at 00:00 on {day}", f"sent later on {day} (the action gives no hour)")
        if _outcome(other) == _outcome(verdict):
            # The same either way: only the lines true at any hour are said.
            return verdict.model_copy(update={"unmet": [u for u in verdict.unmet if u in other.unmet]})
        return _split([(verdict, labels[0]), (other, labels[1])])

    def _special_conferences(self, topic: str, body: str) -> bool:
        """Whether the draft speaks of a specially convened meeting of `body`:
        it says how a special conference is called, or a rule on this
        submission reads special_meeting."""
        from .evaluate import facts_in

        return bool(self.book.entries("call_special_conference", None)) or any(
            "special_meeting" in facts_in(e.rule.cond) for e in self.book.entries(topic, body))

    def submit_motion(self, a):
        return self._submission(a, "submit_motion")

    def submit_amendment(self, a):
        return self._submission(a, "submit_amendment")

    def sign_motion(self, a):
        # Through the NEC's decision too: a signature turns on Labour status
        # where an ineligible member's is unsaid (rounds 38-40).
        return self.person_permission(a, "sign_motion", None, {"previous_signatures": a.previous_signatures})

    def circulate_motion(self, a):
        facts = {}
        lead = a.lead_time()
        if lead is not None:
            facts["lead_time"] = lead
        before = list(self.reasons)
        verdict = self.permission(a, "circulate_motion", self.body(a.body), facts)
        if lead is None or not (isinstance(a.submitted, datetime) or isinstance(a.meeting, datetime)):
            return verdict  # two dates: counted in days, as the action gives them
        # Circulation is "at least two weeks before Conference" (Dulwich 2.6;
        # 3.6 "before the meeting"), not before its date, as submissions are:
        # counted to the day or to the hour is not said (round 63: 6 days 19
        # hours was "allowed" without a word). An hour not given may be any
        # hour of its day (round 64: a meeting with no hour was "allowed").
        def hours(when):
            if isinstance(when, datetime):
                return [(when, None)]
            day = datetime.combine(when, datetime.min.time())
            return [(day, "00:00"), (day + timedelta(days=1) - timedelta(minutes=1), "23:59")]
        reals = []
        for (s, s_hour) in hours(a.submitted):
            for (m, m_hour) in hours(a.meeting):
                if m < s:
                    continue
                self.reasons = list(before)
                v = self.permission(a, "circulate_motion", self.body(a.body),
                                    {**facts, "lead_time": LeadTime(_moment(s), _moment(m), at=_moment(s))})
                guessed = [f"sent at {s_hour}" if s_hour else "", f"the meeting at {m_hour}" if m_hour else ""]
                reals.append((v, ", ".join(g for g in guessed if g)))
        self.reasons = list(before)
        if all(_outcome(v) == _outcome(verdict) for v, _ in reals):
            return verdict.model_copy(update={"unmet": [u for u in verdict.unmet
                                                        if all(u in v.unmet for v, _ in reals)]})
        seen, parts = set(), [(verdict, "counted in whole days to the day of the meeting")]
        for v, guessed in reals:
            if _outcome(v) in seen:
                continue
            seen.add(_outcome(v))
            parts.append((v, "counted in real time to the hour the meeting starts"
                          + (f" ({guessed}: the action gives no hour)" if guessed else "")))
        out = _split(parts)
        out.reasons = out.reasons + ["the deadline is 'before' the meeting, not before its date: whether "
                                     "it is counted in whole days or to the hour the draft does not say"]
        return out

    def call_special_conference(self, a):
        if a.by is not None:
            by = self.body(a.by)
            if self.book.body(by) is None:
                return VerdictOut(draft=self.book.id, action=a.action, verdict="not_applicable",
                                  reasons=[no_body(self.book.id, a.by)])
            facts = {"by_body": True, "by": by}
        elif a.petition is not None:
            # A petition of individuals: no group asks. (London 2.5 has both routes.)
            facts = {"by_body": False, "by": "petition", "groups_share": Fraction(0),
                     "petition_share": Fraction(a.petition.signatures, a.petition.supporters)}
            from .explain import plain

            self.reasons.append(f"petition signed by {plain(facts['petition_share'])} "
                                "of individual supporters"
                                + (", with no request of affiliated groups and branches" if _reads(self.book, "groups_share") else ""))
        else:
            facts = {"by_body": False, "by": "petition", "petition_share": Fraction(0),
                     "groups_share": Fraction(a.groups_petition.groups, a.groups_petition.of)}
            from .explain import plain

            # "and branches" only where the draft counts them together (London
            # 2.5; round 66: said under Tees and LAW/SLL, which count none).
            self.reasons.append(f"asked for by {plain(facts['groups_share'])} of affiliated "
                                + ("groups and branches" if _reads(self.book, "groups_share") else "groups")
                                + (", with no petition of individual supporters" if _reads(self.book, "petition_share") else ""))
        verdict = self.permission(a, "call_special_conference", None, facts)
        # The other route's share is none by construction, not a count given
        # ("signed by exactly 0% of supporters" said what no one said; round 31).
        other = "groups_share" if a.petition is not None else "petition_share"
        said = "no request of affiliated groups and branches" if other == "groups_share" else "no petition of individual supporters"
        verdict.unmet = [re.sub(rf"\(({other}) = 0%?\)", f"({said})", line) for line in verdict.unmet]
        return verdict

    def _officers_body(self, a) -> str:
        """The body a recall of an officer is of: with a post given (`office`)
        and the body asked the OG, the draft's officers of the OG, where it
        has them as a body (round 64: London's chair, asked of the OG, was
        silent as an ordinary member's recall; "officers of the OG" allowed it)."""
        body = self.body(a.body)
        if getattr(a, "office", None) is None:
            # No post: a member of the body named, as the words "a member of"
            # say (round 66: reading every recall of the OG as its officers'
            # gave London's conference a "no" where 3.1 is silent, and cited
            # the officers' clauses under CAC 3.2 A-E). An officer's recall
            # names the officers' own body, or its post.
            return body
        # The officers' own body of the body named, of any body that has one
        # (round 67: Tees's branch officers, as London's OG officers).
        officers = find_body(self.book, f"officers of the {body}")
        from .words import post_words, the

        post = post_words(a.office)
        if officers is not None and officers != body:
            # A reading, said as one: a draft may name no posts (London 3.2's
            # officers have none named; round 66).
            self.reasons.append(f"a recall of {post} of "
                                f"{the(self.book.ast.body(body).name)} is read as of "
                                f"{the(self.book.ast.body(officers).name)}: the post is taken to be "
                                "one of theirs")
            return officers
        if self.book.body(body) is not None and not self._reads("recall", body, {"office"}) \
                and not self._reads("recall_vote", body, {"office"}):
            # No officers' body and no rule reading the post: the post is read
            # as a seat on the body named, and said so (round 68: LAW/SLL's
            # OG chair was answered as a plain seat without a word; its Chair
            # is an SC post, 4.b).
            self.reasons.append(f"a recall of {post} of {the(self.book.ast.body(body).name)} is read as of a "
                                f"member of it: {self.book.id.partition('[')[0]} sets up no body of its officers "
                                "apart from it, and no rule reads the post")
        return body

    def recall_officer(self, a):
        body = self._officers_body(a)
        if a.office is None and a.votes is not None and (
                self._reads("recall", body, {"office"}) or self._reads("recall_vote", body, {"office"})):
            # The post decides both the power and the count (CAC 3.2 E): each
            # post answered whole, posts alike said together, so no case
            # joins two posts (round 65 focus: "the Chair ... and recalling
            # another officer").
            from .vocab import OFFICES
            from .words import _enum

            outs: dict = {}
            for office in OFFICES:
                v = Checker(self.book, self.register, self.span).recall_officer(a.model_copy(update={"office": office}))
                outs.setdefault(_outcome(v), [v, []])[1].append(_enum("office", office, {}))
            return _split([(v, " or ".join(labels) if len(labels) == 1 or v.verdict != "ambiguous"
                            else "(" + " or ".join(labels) + ")") for v, labels in outs.values()])
        by = self.body(a.by)
        of = body
        facts = {"special_meeting": self.presumed("special_meeting", a.special_meeting, True)}
        if a.initiators is not None:  # not given: who initiated is unknown, not "no one"
            facts.update(self.initiators(a.initiators))
        if a.by is not None and self.book.body(by) is None:
            # A recall by a body this draft does not have is not a case it
            # can decide, as for a special conference or a motion.
            return VerdictOut(draft=self.book.id, action=a.action, verdict="not_applicable",
                              reasons=[no_body(self.book.id, a.by)])
        if a.by is not None:
            facts["by"] = by
        if a.grounds is not None:
            facts["grounds"] = a.grounds
        if a.office is not None:
            facts["office"] = a.office
        if a.notice and a.meeting:

            facts["notice"] = Period(_moment(a.notice), _moment(a.meeting))
        verdict = self.permission(a, "recall", of, facts)
        if verdict.verdict == "allowed" and a.votes is not None:
            # The recall may go ahead: now count the vote. A draft may name the
            # majority a recall needs (CAC 3.2 E: "a 2/3 majority of the OG");
            # otherwise the recalling body decides as it decides any motion.
            vote = self.recall_count(a, of, by)
            return _with_grounds(vote, verdict)
        if a.votes is None or verdict.verdict not in ("silent", "ambiguous"):
            return verdict  # refused, delegated or not the draft's: the vote changes nothing
        may = any(c.answer == "allowed" for c in verdict.answers or [])
        if not may and a.by is None:
            return verdict
        # Counted as the draft counts a recall where `by` is a recaller it
        # provides on some reading or notice (CAC 3.2 E: two thirds of the
        # OG); else as `by` decides any motion, conference by its own
        # majority, not the OG's two thirds (round 49 and its check).
        provided = may or self._may_recall(of, by)
        saved = list(self.reasons)
        try:
            # A body recalling its own member is counted by the draft's rule
            # for that recall where it has one (round 67: CAC 3.2 B and E's
            # unsaid count for an OG member was "carried" by 2.1.d).
            vote = (self.recall_count(a, of, by) if provided or by == of else
                    self.count(a, by, {"votes": a.votes}, "ordinary"))
        except InputError as err:
            if may:
                raise  # where the recall may go ahead the vote decides it: a tally it needs is asked for
            self.reasons[:] = saved
            # A tally the count needs is not given: the recall's own answer,
            # saying the vote is not counted (round 63: Dulwich's AGM counts
            # in parts, and recall_officer dropped the tally unsaid, as
            # recall_vote did before round 61).
            if a.votes.for_ == 0:
                return self._lost_in_parts(a, err.message, verdict.because, verdict.reasons)
            return verdict.model_copy(update={"reasons": verdict.reasons + [_uncounted(err.message)]})
        out = _with_vote(verdict, vote)
        # Only where no clause provides the recall at all (round 61: CAC 3.2 E
        # provides it, and 3.1.a's month of notice left it silent; "no clause
        # provides" was untrue there).
        if out is verdict and verdict.verdict == "silent" and not provided and vote.verdict in ("carried", "referred"):
            # No clause provides this recall, and the vote is carried as the
            # draft counts decisions: say the count, cite its clause (round
            # 60: recall_officer with votes dropped both, as recall_vote did).
            return self._counted_not_provided(a, vote, of, by if a.by is not None else None,
                                              verdict.because)
        if (out is verdict and verdict.verdict == "ambiguous" and not provided and a.by is not None
                and vote.verdict in ("carried", "referred") and any(c.status == "silent" for c in verdict.answers or [])):
            return _count_said(verdict, vote, self.book.ast.body(by).name)  # as recall_vote (round 61)
        if (out is verdict and provided and vote.verdict in ("carried", "referred")
                and (verdict.verdict == "silent" or any(c.status == "silent" for c in verdict.answers or []))):
            # The draft provides the recall and counts its vote, but leaves
            # this one unsettled (CAC 3.2 E at a meeting set with less than
            # 3.1.a's month of notice): the count is still said, for a vote
            # short of it would be lost all the same (round 62: it was dropped).
            return _count_said(verdict, vote, None)
        if out is verdict:
            self.reasons[:] = saved
            return verdict
        if out.verdict == "lost":
            # A lost vote recalls no one, whatever the recall's other
            # conditions (CAC 3.2 E with no notice given: 12 of 25 is no 2/3).
            out.reasons = out.reasons + ["lost, so it recalls no one, whether or not " + (
                "the recall's other conditions were met" if provided else "the draft lets this body recall")]
        return out

    def _lost_in_parts(self, a, message: str, because: list, reasons: list = ()) -> VerdictOut:
        """A recall whose vote the draft counts in parts, with no vote for it:
        no part carries it, so it is lost however the votes split (round 64,
        as a motion's 0 to 30), and a lost vote recalls no one."""
        counted = re.split(r", (?:which counts|so this action needs) ", message)[0]
        return VerdictOut(draft=self.book.id, action=a.action, verdict="lost", because=because,
                          reasons=list(reasons) + [counted, "no vote for it: no part of the count carries it, "
                                                   "so it is lost however the votes split, and recalls no one"])

    def _may_recall(self, body: str, by: str, office: str | None = None) -> bool:
        """Whether the draft lets `by` recall a member of `body` on some
        reading, whatever the recall's other conditions."""
        return any(isinstance(v, A.Permission) and v.allowed for v in _values(self._recall_power(body, by, office)))

    def recall_count(self, a, body: str, by: str) -> VerdictOut:
        """A recall's vote: counted as the draft says a recall of a member of
        `body` is (CAC 3.2 E: "a 2/3 majority of the OG"), else as `by`
        decides any motion."""
        if self.book.entries("recall_vote", body):
            return self.count(a, body, {"votes": a.votes}, "ordinary", topic="recall_vote")
        return self.count(a, by, {"votes": a.votes}, "ordinary")

    def initiators(self, initiators) -> dict:
        """How many initiated a recall, and from how many categories. Where the
        draft names its categories, only bodies in one of them count, and a
        category is the draft's, not the words the action file uses."""
        ast = self.book.ast
        if not any(c.id == "initiators" for c in ast.categories):
            return {"initiators": len(initiators),
                    "initiator_categories": len({i.category or i.kind for i in initiators})}
        found = []
        for i in initiators:
            if i.kind is None:
                fail(InputError, self.span, f"{self.book.id} counts initiators by the category of "
                     f"their kind, and '{i.name or i.category}' gives no kind",
                     help="give each initiator's kind, e.g. {kind: union_branch}")
            cat = ast.category_of("initiators", i.kind)
            if cat is None:
                from .words import _kind

                self.reasons.append(f"{i.name or _kind(i.kind)} is in none of the "
                                    f"categories {self.book.id} counts, so does not count")
            else:
                found.append(cat)
        decl = next(c for c in ast.categories if c.id == "initiators")
        sets = {k.id: k.kinds for k in ast.kind_sets}
        if found:
            from .vocab import KINDS

            words = [" or ".join(KINDS[k].label for k in sets[decl.sets[c]]) for c in sorted(set(found))]
            self.reasons.append(f"the initiators come from {len(set(found))} of the categories "
                                f"{self.book.id} counts: " + "; ".join(words))
        return {"initiators": len(found), "initiator_categories": len(set(found))}

    def _full_debate(self, a, body: str) -> bool:
        """Whether the motion had a full debate: as given, else presumed not,
        unless the action gives the weighted branch votes that only a full
        debate takes (round 68: Tees 5.13's branch vote, given and lost, was
        set aside by the presumption and the motion "carried" by 2.14)."""
        from .evaluate import facts_in

        # Asked only where a rule for this body turns on it (round 69: Tees
        # conference counts by 2.14 either way, and was refused).
        turns = any("full_debate" in facts_in(e.rule.cond) for e in self.book.entries("pass_motion", body))
        if a.full_debate is None and getattr(a, "branch_votes", None) is not None and turns:
            fail(MissingTally, self.span, f"{self.book.id} takes weighted branch votes only after a full "
                 "debate, and the action gives them without saying whether there was one",
                 help="add 'full_debate: true' if a full debate was required, or 'full_debate: false' "
                      "(then the branch votes are not counted)")
        return self.presumed("full_debate", a.full_debate, False)

    def pass_motion(self, a):
        tallies = {k: getattr(a, k) for k in TALLY_FIELDS if getattr(a, k) is not None}
        body = self.body(a.body)
        if a.motion_kind == "constitutional" and self.book.body(body) is not None:
            return self.constitutional_motion(a, body, tallies)
        return self.count(a, body, tallies, a.motion_kind, full_debate=self._full_debate(a, body))

    def constitutional_motion(self, a, body: str, tallies: dict) -> VerdictOut:
        """A motion to change the constitution needs both the vote and the
        power. A vote the body's counting rule loses is lost, whoever may
        change the constitution (LAW/SLL 3.f: all decisions by simple
        majority). A vote that carries still cannot carry the motion where
        the draft does not let the body change the constitution (Dulwich
        2.10: only the AGM); where the draft does not say, neither can the
        engine."""
        name = self.book.ast.body(body).name.removeprefix("the ")
        vote = None
        if self.book.entries("pass_motion", body):
            try:
                vote = self.count(a, body, tallies, a.motion_kind, full_debate=self._full_debate(a, body))
            except InputError:
                vote = None  # a tally the rule needs is missing: the power alone answers
            if vote is not None and vote.verdict == "lost":
                vote.reasons.append(f"a motion to change the constitution: lost on the vote, so "
                                    f"whether the {name} may change the constitution does not arise")
                return vote
        counted = list(vote.reasons) if vote is not None and vote.verdict == "carried" else []
        self.reasons.clear()
        power = self.permission(a, "amend_constitution", body, {})
        if power.verdict != "allowed":
            power.reasons[:0] = counted  # the vote carried; the power decides
            if counted:  # and what the count presumed is still presumed (Tees 5.13)
                power.assumed = power.assumed + [x for x in vote.assumed if x not in power.assumed]
            if counted and power.verdict == "silent":
                # Where the power is unsaid, the count's clause is cited with
                # the count it gives (round 63: London 3.5's "met" line stood
                # with nothing cited); a refusal or a referral decides alone.
                power.because = power.because + [c for c in vote.because if c not in power.because]
            power.reasons.append(f"a motion to change the constitution: "
                                 + ("the vote is carried, but " if counted else "")
                                 + f"the {name} can only carry it if the draft lets it "
                                 "change the constitution")
            return power
        self.reasons.clear()
        vote = self.count(a, body, tallies, a.motion_kind, full_debate=self._full_debate(a, body))
        # The clause that lets the body change the constitution is part of the answer.
        vote.because = power.because + [c for c in vote.because if c not in power.because]
        return vote

    def count(self, a, body: str, tallies: dict, motion_kind: str, topic: str = "pass_motion",
              full_debate: bool = False) -> VerdictOut:
        facts = {"motion_kind": motion_kind, "full_debate": full_debate}
        if getattr(a, "office", None) is not None:
            facts["office"] = a.office  # a recall counted for some posts only (CAC 3.2 E)
        result = evaluate(self.book, topic, body, facts)

        def judge(decision):
            if isinstance(decision, A.Unspecified):
                return None
            return tally_outcome(decision, tallies, self, body, a.action)

        if topic == "pass_motion" and result.status == "silent" and isinstance(result.value, A.Unspecified):
            # A motion whose count the text leaves unsaid. Whatever the
            # majority, no hands for, or fewer for than against, loses it.
            # Where the words say decisions are reached "by consensus"
            # (Dulwich 3.3: consensus, else a show of hands) a vote all for is
            # a consensus, and with no casting vote a tie is lost too; nowhere
            # else (the CAC's launch conference, whose text has a "consensus
            # part" of a section: round 39-40). A recall vote the text leaves
            # unsaid is not counted at all (LAW/SLL 3.a: no vote recalls).
            # Abstentions leave the base of a majority (voting, present, all)
            # unsaid.
            consensus = any(_BY_CONSENSUS.search(e.clause.text) for e in result.because)
            t = _single(tallies)
            clear = None
            if _chooses_among(self.book, result.because):
                # A ballot between options or a ranked election is no yes-or-no
                # vote: 11 for one option against 30 split three ways may be
                # the largest vote, and 10 first preferences of 40 may meet a
                # quota (round 56: launch-2020 nec.3 was "lost").
                t = None
            if consensus and t is not None and t.against == 0 and t.for_ > 0 and not t.abstain:
                clear = "carried", "all for, none against or abstaining: carried by consensus"
                # A count not given is taken as none, and said so: with any
                # abstention the draft names no majority (Dulwich 3.3; round 37).
                unsaid = [w for f, w in (("against", "votes against"), ("abstain", "abstentions"))
                          if f not in t.model_fields_set]
                if unsaid:
                    clear = clear + (" and ".join(unsaid) + " not given, taken as none: with any "
                                     "abstention or vote against, the draft names no majority",)
            elif (consensus and t is not None and t.for_ == 0 and t.against > 0
                  and "abstain" in t.model_fields_set and not t.abstain):
                clear = "lost", "no votes for: lost by consensus"
            elif t is not None and t.for_ == 0:
                # No hands for (all abstaining, round 27; or against with
                # abstentions, or abstentions not given, round 38).
                clear = "lost", "no hands for: lost, whatever majority is needed"
            elif t is not None and 0 < t.for_ < t.against or consensus and t is not None and 0 < t.for_ == t.against:
                clear = "lost", ("no more hands for than against: lost"
                                 + (" by a show of hands" if consensus else "") + ", whatever majority is needed")
            if clear:
                self.reasons.extend(clear[1:])
                return VerdictOut(draft=self.book.id, action=a.action, verdict=clear[0],
                                  because=citations(result.because), conditions=conditions(result),
                                  assumed=self._used(result), reasons=self.reasons)
            if consensus:
                self.reasons.append("the draft names no majority for a divided vote")
        # Every tally any reading counts, so that a refusal names them all at
        # once (round 65: Dulwich 2.10 added to 2.9 i counts the groups'
        # votes besides the two its first reading names).
        decisions = [result.value] + [c.value for c in result.cases]
        self._tallies_read = list(dict.fromkeys(
            t.tally for d in decisions if isinstance(d, A.Decision) for t in d.tests))
        return self.verdict(a, result, judge)

    def vote(self, a):
        return self.person_permission(a, "vote", self.body(a.body))

    def elect_committee(self, a):
        return self.permission(a, "elect", self.body(a.body), {"size": a.size})

    def recall_vote(self, a):
        body = self._officers_body(a)  # a chair's recall is of the OG's officers (round 65 focus)
        read_as = list(self.reasons)  # how the post was read, kept whatever the count (round 67)
        if self.book.body(body) is None:
            # A body the draft does not have: the question does not arise,
            # and no count is said (round 67: "carried" beside "not applicable").
            return VerdictOut(draft=self.book.id, action=a.action, verdict="not_applicable",
                              reasons=read_as + [no_body(self.book.id, a.body)])
        if a.by is None:
            out = self.count(a, body, {"votes": a.votes}, "ordinary", topic="recall_vote")
            from .analyse.space import provides_recall

            recalls = self.book.entries("recall", body)
            if (out.verdict in ("carried", "referred") and self.book.body(body) is not None
                    and not provides_recall(self.book, body)):
                # How such a vote would be counted is no recall: a draft
                # that provides none does not recall by any vote (Tees 2.14
                # counts every decision; no clause of Tees recalls anyone).
                # A clause that leaves the recall unsaid provides none either,
                # and is cited (round 60: CAC 3.2 B's "carried").
                return self._counted_not_provided(a, out, body, more=citations(recalls))
            if out.verdict in ("carried", "referred"):
                # The clauses that provide the recall the vote carries, after
                # the one that counts it (round 42: London 3.2 was not cited).
                grants = citations([e for e in self.book.entries("recall", body)
                                    if isinstance(e.rule.value, A.Permission) and e.rule.value.allowed])
                out.because = out.because + [c for c in grants if c not in out.because]
            return out
        # A vote carries a recall only where the draft lets `by` recall a
        # member of the body at all: a recall the draft never provides is not
        # carried by a vote (Dulwich 5.3: only the OG recalls, and only the
        # Officers Group's members; London 3.2: the OG its officers).
        by = self.body(a.by)
        if self.book.body(by) is None:
            # A voter the draft does not have: the question does not arise
            # (as recall_officer answers it; round 41).
            return VerdictOut(draft=self.book.id, action=a.action, verdict="not_applicable",
                              reasons=[no_body(self.book.id, a.by)])
        power = self._recall_power(body, by, a.office)
        allows = _values(power)
        allowed = [isinstance(v, A.Permission) and v.allowed for v in allows]
        if not any(allowed):
            refused = [isinstance(v, A.Permission) and not v.allowed for v in allows]
            # Unsettled on some reading, or on every one (no recall provided,
            # Tees): a vote that is lost recalls no one either way (round 41).
            if not allows or not all(refused):
                # Some reading leaves the recall unsettled (silent), none
                # allows it: a vote that is lost recalls no one on any reading.
                uncounted = None
                try:
                    # Counted as `by` decides: the body's own recall count is
                    # the recaller's the draft names (CAC 3.2 E: two thirds of
                    # the OG), not conference's (round 41).
                    # A body recalling its own member: by the draft's rule
                    # for that recall, where it has one (round 67).
                    vote = (self.recall_count(a, body, by) if by == body else
                            self.count(a, by, {"votes": a.votes}, "ordinary"))
                except InputError as err:
                    vote = None  # a tally the count needs is missing: the power answers
                    # ...and says so, not silently (round 61: Dulwich's AGM
                    # counts in parts, and one tally was dropped unsaid).
                    uncounted = _uncounted(err.message)
                    if a.votes.for_ == 0:
                        return self._lost_in_parts(a, err.message, citations(power.because))
                if vote is not None and vote.verdict == "lost":
                    vote.reasons.append("lost, so it recalls no one, whether or not the draft lets "
                                        "this body recall")
                    return vote
                if vote is not None and vote.verdict in ("carried", "referred") and power.status == "silent":
                    # Counted, but no clause lets `by` recall: say the count
                    # and cite the clause that counts it, as a vote with no
                    # voter named does (round 59: the count and 2.1.d went).
                    return self._counted_not_provided(a, vote, body, by, citations(power.because))
                self.reasons[:] = read_as
                if vote is not None and vote.verdict in ("carried", "referred"):
                    # Refused on one reading, unsaid on another: the count is
                    # still said, for the readings where it is unsaid (round
                    # 61: LAW/SLL 4.c, London 3.2 dropped it).
                    said = self.verdict(a, power, lambda v: "allowed" if v.allowed else "forbidden")
                    return _count_said(said, vote, self.book.ast.body(by).name)
                if uncounted:
                    self.reasons.append(uncounted)
            # The recall is not the body's to make on any reading: that is
            # the answer, whatever the vote.
            return self.verdict(a, power, lambda v: "allowed" if v.allowed else "forbidden")
        out = self.recall_count(a, body, by)
        by_reading = power.status == "ambiguous" and any(
            not ok and any("reading:" in w for w in c.when) for ok, c in zip(allowed, power.cases))
        if by_reading and out.verdict != "lost":
            # Whether the body may recall at all turns on how the text is read.
            said = self.verdict(a, power, lambda v: "allowed" if v.allowed else "forbidden")
            said.reasons = said.reasons + [f"the vote is {out.verdict}; whether it recalls turns on the above"]
            return said
        if not all(allowed):
            # The body may recall; the recall's own conditions (notice,
            # initiators, grounds) are the recall_officer action's question.
            # The action's name quoted, as it is written in an action file
            # (round 40: in words it read "asked with recall an officer").
            out.reasons = out.reasons + ["whether the recall met the draft's other conditions (notice, "
                                         "initiators, grounds) is checked with 'action: recall_officer'"]
        grounds = citations(power.because)
        out.because = grounds + [c for c in out.because if c not in grounds]
        return out

    def _counted_not_provided(self, a, vote: VerdictOut, body: str, by: str | None = None,
                              more: list | None = None) -> VerdictOut:
        """A recall vote carried as the draft counts decisions, where no clause
        provides the recall: silent, with the count said and the clause that
        counts it cited, for a vote short of it would be lost (round 49:
        compare said nothing in the composite decides it)."""
        from .words import the

        name = the(self.book.ast.body(body).name)
        office = getattr(a, "office", None)
        if office is not None:
            # The post given: a recall provided for some posts only (CAC 3.2
            # E: Chair, Secretary, Treasurer) is not provided for this one
            # (round 65: "a member of the steering group" read as if none was).
            whom = {"chair": f"the Chair of {name}", "secretary": f"the Secretary of {name}",
                    "treasurer": f"the Treasurer of {name}",
                    "other_officer": f"an officer of {name} other than the Chair, Secretary and Treasurer"}[office]
        else:
            whom = f"a member of {name}"
        if by is None:
            said = (f"the vote is {vote.verdict} as the draft counts decisions, but no clause of "
                    f"{self.book.id} provides for recalling {whom}")
        else:
            voter = the(self.book.ast.body(by).name)
            said = (f"the vote is {vote.verdict} as the draft counts the decisions of {voter}, but no clause of "
                    f"{self.book.id} provides for {voter} recalling {whom}")
        return VerdictOut(draft=self.book.id, action=a.action, verdict="silent", reasons=vote.reasons + [said],
                          because=vote.because + [c for c in more or () if c not in vote.because],
                          assumed=vote.assumed, notes=vote.notes)

    def _recall_power(self, body: str, by: str, office: str | None = None):
        """May `by` recall a member of `body` at all? The recall's own
        conditions (notice, initiators, grounds) are recall_officer's
        question: grounds are taken as ones the draft accepts, so that the
        answer does not split on a fact a recall vote cannot give."""
        from .vocab import GROUNDS

        facts = {"by": by, "special_meeting": True}
        if office is not None:
            facts["office"] = office  # the post given decides the power too (CAC 3.2 E; round 65)
        best, score = None, None
        for grounds in (None, *GROUNDS):
            result = evaluate(self.book, "recall", body,
                              facts if grounds is None else {**facts, "grounds": grounds})
            values = _values(result)
            refused = sum(isinstance(v, A.Permission) and not v.allowed for v in values)
            allowed = sum(isinstance(v, A.Permission) and v.allowed for v in values)
            key = (allowed, -refused, grounds is None)
            if score is None or key > score:
                best, score = result, key
        return best

    def resolve_dispute(self, a):
        return self.permission(a, "disputes", None, {"dispute_subject": a.subject})

    def appeal(self, a):
        facts = {} if a.dispute is None else {"dispute": a.dispute}
        return self.permission(a, "appeal", self.body(a.against), facts)

    def nominate(self, a):
        facts = self.group_facts(a.nominator)
        facts.update(post=a.post, previous_nominations=a.previous_nominations)
        return self.permission(a, "nominate", self.body(a.body), facts)


_DEFINITE = {"allowed", "forbidden", "carried", "lost", "referred"}


def _cases(out: VerdictOut) -> list[CaseOut]:
    """A verdict as its cases: one case, holding always, where it is settled."""
    if out.verdict == "ambiguous" and out.answers:
        return list(out.answers)
    definite = out.verdict in _DEFINITE
    return [CaseOut(answer=out.verdict if definite else None, status="determined" if definite else out.verdict,
                    decided_by=out.decided_by, because=list(out.because))]


def _uncounted(message: str) -> str:
    """Why a recall's one count of votes is not counted, where the draft
    counts in parts (a recall action takes one tally, so none is asked for)."""
    return "the vote is not counted: " + re.sub(
        r", (?:which counts the (.+?) tall(y|ies) that a \w+ does not take|so this action needs the (.+?) tall(y|ies))"
        r"(?=;|$)",
        lambda m: f"; one count of votes does not give its {m.group(1) or m.group(3)} "
                  f"tall{m.group(2) or m.group(4)}", message)


def _count_said(verdict: VerdictOut, vote: VerdictOut, voter: str | None) -> VerdictOut:
    """A recall refused on some reading and unsaid on another, with the vote's
    count said and its clause cited for the unsaid readings: carried as the
    draft counts the voter's decisions, though no clause provides the recall."""
    from .words import the

    silent = [c for c in verdict.answers or [] if c.status == "silent"]
    for c in silent:
        c.because = c.because + [x for x in vote.because if x not in c.because]
    said = (f"the vote is {vote.verdict} as the draft counts the decisions of {the(voter)}; where the recall "
            "is unsaid, no clause provides it") if voter else (
            f"the vote is {vote.verdict} as the draft counts a recall; "
            + ("where the recall is unsaid, " if verdict.answers else "")
            + "whether this recall may go ahead the draft does not settle")
    return verdict.model_copy(update={
        "reasons": verdict.reasons + [r for r in vote.reasons if r not in verdict.reasons] + [said],
        "because": verdict.because + [x for x in vote.because if x not in verdict.because]})


def _with_vote(verdict: VerdictOut, vote: VerdictOut) -> VerdictOut:
    """A recall's answer with its vote counted, case by case: where the recall
    may go ahead, the vote's outcome (or its silence); where the text leaves
    it unsettled, a lost vote recalls no one; a refusal stands. Where no case
    recalls anyone and the vote is lost in some, the answer is "lost".
    Returns `verdict` itself where the vote changes nothing."""
    parts: list[CaseOut] = []
    changed = False
    for c in _cases(verdict):
        votes = _cases(vote)
        if c.answer == "allowed":
            changed = True
            parts += [v.model_copy(update={"when": _both(c.when, v.when), "because": _joined(c.because, v.because)})
                      for v in votes]
        elif c.answer is None and c.status == "silent" and any(v.answer == "lost" for v in votes):
            changed = True
            parts += [(v if v.answer == "lost" else c).model_copy(update={
                "when": _both(c.when, v.when), "because": _joined(c.because, v.because)}) for v in votes]
        else:
            parts.append(c)
    if not changed:
        return verdict
    merged: dict[str, CaseOut] = {}
    for p in parts:
        key = p.answer if p.answer is not None else p.status
        if key in merged:
            m = merged[key]
            m.when += [w for w in p.when if w not in m.when]
            m.because += [x for x in p.because if x not in m.because]
        else:
            merged[key] = p.model_copy(update={"when": list(p.when), "because": list(p.because)})
    update = {"because": _joined(verdict.because, vote.because), "reasons": vote.reasons,
              "conditions": verdict.conditions + vote.conditions,
              "assumed": _joined(verdict.assumed, vote.assumed), "notes": _joined(verdict.notes, vote.notes)}
    if set(merged) <= {"lost", "forbidden"} and "lost" in merged:
        # No case recalls anyone: lost, whether or not the draft lets this
        # body recall (Dulwich 5.3 by the AGM; round 41).
        return vote.model_copy(update={**update, "verdict": "lost", "answers": None})
    if len(merged) == 1 and not next(iter(merged.values())).when:
        (only,) = merged.values()
        return verdict.model_copy(update={**update, "verdict": only.answer or only.status, "answers": None,
                                          "decided_by": only.decided_by})
    return verdict.model_copy(update={**update, "verdict": "ambiguous", "answers": list(merged.values())})


def _values(result) -> list:
    """The values a result can take: its one value, or each case's."""
    return ([result.value] if result.status == "determined" else
            [c.value for c in result.cases] if result.status == "ambiguous" else [])


def _joined(first: list, second: list) -> list:
    return list(first) + [x for x in second if x not in first]


def _with_grounds(vote: VerdictOut, verdict: VerdictOut) -> VerdictOut:
    """A vote's outcome with the grounds of the recall it decides: its
    clauses, conditions, presumptions and notes (round 51: a recall presumed
    "at a meeting called for it" lost that line once its vote was counted)."""
    return vote.model_copy(update={"because": _joined(verdict.because, vote.because),
                                   "conditions": verdict.conditions + vote.conditions,
                                   "assumed": _joined(verdict.assumed, vote.assumed),
                                   "notes": _joined(verdict.notes, vote.notes)})


def _both(first: list[str], second: list[str]) -> list[str]:
    """Cases that hold when one of `first` and one of `second` hold: each
    `when` list is alternatives, a conjunction one string joined by "and".

    >>> _both(["notice of 1 month or more"], ["reading: x", "reading: y"])
    ['notice of 1 month or more and reading: x', 'notice of 1 month or more and reading: y']
    """
    if not first or not second:
        return list(first or second)
    return [f"{a} and {b}" for a in first for b in second]



def _reads(book: Book, fact: str) -> bool:
    """Whether any rule of the book reads `fact`."""
    from .evaluate import facts_in

    return any(fact in facts_in(e.rule.cond) for es in book.by_topic.values() for e in es)


def _chooses_among(book, because) -> bool:
    """Whether a deciding clause counts its vote as a ballot between options
    or a ranked election (`count(BALLOT)` of such a ballot), not as a motion.

    >>> from lla_constitution.loader import load
    >>> from lla_constitution.evaluate import evaluate
    >>> b = load("launch-2020")
    >>> _chooses_among(b, evaluate(b, "pass_motion", "slate_ballot", {}).because)
    True
    """
    for e in because:
        for item in e.clause.items:
            rules = [item] if isinstance(item, A.Rule) else [
                r for reading in getattr(item, "readings", ()) for r in reading.rules]
            for r in rules:
                ballot = book.ast.ballot(r.target) if r.topic == "count" and r.target else None
                if ballot is not None and ballot.form in ("between", "ranked"):
                    return True
    return False


def presumed_marked(unmet: list[str], assumed: list[str]) -> list[str]:
    """Near misses with a value the action did not give marked as presumed:
    the answer lists a presumption only where it changed the verdict, so a
    'not met' line must not pass a presumed value off as given.

    >>> presumed_marked(["2.6: during_meeting is not met (during_meeting = false)"], ["during_meeting"])
    ['2.6: during_meeting is not met (during_meeting = false, presumed)']
    """
    if not assumed:
        return unmet
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, assumed)) + r") = [^,()]+(?=[,)])")
    out = []
    for line in unmet:
        head, sep, values = line.rpartition(" is not met (")
        out.append(head + sep + pattern.sub(lambda m: m.group(0) + ", presumed", values) if sep else line)
    return out


def _common(per_case: list[list]) -> list:
    """The clauses every case cites."""
    return [c for c in per_case[0] if all(c in cites for cites in per_case)] if per_case else []


def _cited(per_case: list[list]) -> list:
    """The clauses to cite for one verdict reached in several cases: those
    every case cites (a clause that decides only where an unknown fact takes
    some value is not the verdict's ground); where none is common, each case
    has its own ground, and all are cited."""
    union: list = []
    for cites in per_case:
        union += [c for c in cites if c not in union]
    common = [c for c in union if all(c in cites for cites in per_case)]
    return common or union


def _reached(case: CaseOut) -> bool:
    """Whether the NEC's decision bears on this possible answer: not where it
    is silent, nor where it holds only for someone outside the Labour Party
    ("letters ... sent to members", 002 line 34)."""
    if case.status == "silent":
        return False
    when = " ".join(case.when)
    outside = ("labour_status = expelled" in when or "labour_status = non_member" in when)
    return not outside or "labour_status = member" in when or "labour_status = suspended" in when


def _outcome(v: VerdictOut) -> tuple:
    """What a verdict says, citations and reasons aside: the same outcome under
    every state of a fact means that fact did not decide it. Each possible
    answer counts with the conditions it holds under: the same verdicts under
    other conditions are another outcome (a member allowed on one reading,
    the auto-excluded forbidden on it)."""
    return v.verdict, v.decided_by, tuple(sorted((str(c.answer), c.status, str(c.decided_by),
                                                  tuple(c.when)) for c in v.answers or []))


def _split(verdicts: list[tuple[VerdictOut, str]]) -> VerdictOut:
    """`_either` of verdicts under each value of a fact the action leaves
    out (the hour of a submission): the lines every case shares stay above
    the cases; a case's own ("no clause decides", "not met ... exactly 1
    day") would be said of all (round 33)."""
    out = _either(verdicts)
    if out.verdict != "ambiguous":
        return out
    shared = lambda field: [x for x in getattr(verdicts[0][0], field)
                            if all(x in getattr(v, field) for v, _ in verdicts[1:])]
    # Notes are the encoder's, on the rules that decided some case: all kept.
    notes = list(dict.fromkeys(n for v, _ in verdicts for n in v.notes))
    return out.model_copy(update={"reasons": shared("reasons"), "unmet": shared("unmet"),
                                  "conditions": shared("conditions"), "notes": notes})


def _either(verdicts: list[tuple[VerdictOut, str | None]]) -> VerdictOut:
    """One verdict from the verdicts under each possible state of a fact
    (e.g. a Labour member who faces expulsion): the same verdict if they agree,
    else 'ambiguous' with each answer saying when it holds."""
    first = verdicts[0][0]

    if len(verdicts) == 1 or len({_outcome(v) for v, _ in verdicts}) == 1:
        return first  # every state gives the same answer
    answers = []
    for v, label in verdicts:
        if v.verdict == "ambiguous":
            answers += [c.model_copy(update={"when": [f"{label} and {w}" for w in c.when] or [label]})
                        for c in v.answers or []]
        else:
            answers.append(CaseOut(answer=v.verdict if v.verdict in _DEFINITE else None,
                                   status="determined" if v.verdict in _DEFINITE else v.verdict,
                                   when=[label], decided_by=v.decided_by, because=v.because))
    because = []
    for v, _ in verdicts:
        because += [c for c in v.because if c not in because]
    return first.model_copy(update={"verdict": "ambiguous", "answers": answers, "because": because,
                                    "decided_by": None})
TALLY_FIELDS = ("votes", "individuals", "groups", "delegate_votes", "branch_votes")


# Decisions "arrived at by consensus" (Dulwich 3.3), not the CAC's
# "consensus part" of a section (round 39).
_BY_CONSENSUS = re.compile(r"\bby consensus\b", re.I)


def _single(tallies: dict) -> Tally | None:
    return next(iter(tallies.values()), None) if len(tallies) == 1 else tallies.get("votes")


def test_passes(test: A.Test, tally: Tally) -> bool | None:
    """More than half (or two thirds...) of those voting, abstentions aside;
    or of everyone eligible when the rule says 'of all'."""
    num, den = {"majority": (1, 2), "two_thirds": (2, 3), "three_quarters": (3, 4)}[test.fraction]
    base = (tally.eligible if test.of_all else tally.for_ + tally.against)
    if base is None:
        # Everyone entitled to vote is at least everyone who voted: a share
        # short of the mark among them is short among all (round 46: 11-9
        # under CAC 3.2 E asked for 'eligible', though two thirds fails).
        least = tally.for_ + tally.against + tally.abstain
        return False if least and not _share_passes(Fraction(tally.for_, least), test.fraction, num, den) else None
    if base == 0:
        return False
    return _share_passes(Fraction(tally.for_, base), test.fraction, num, den)


def _share_passes(share: Fraction, fraction: str, num: int, den: int) -> bool:
    return share > Fraction(num, den) if fraction == "majority" else share >= Fraction(num, den)


def _read(book: Book, body: str, decision: A.Decision) -> bool:
    """Whether the rule that counts a vote so is one of an either's readings."""
    return any(e.reading for topic in ("pass_motion", "recall_vote") for e in book.entries(topic, body)
               if e.rule.value == decision)


def _on_reading(book: Book, body: str, decision: A.Decision) -> str:
    """'on one reading of the text, ' where the rule that counts so is one of an either's readings."""
    return "on one reading of the text, " if _read(book, body, decision) else ""


def _count_words(book: Book, body: str, decision: A.Decision) -> str:
    """'the Organising Group by a majority of all votes cast', in words, with
    '(on one reading of the text)' where the rule that counts so is one of
    an either's readings."""
    from .words import line, names_of

    said = line(f"{body} by {F.value(decision)}", names_of([book]))
    return said + (" (on one reading of the text)" if _read(book, body, decision) else "")


def tally_outcome(decision: A.Decision, tallies: dict, checker: Checker, body: str,
                  action: str = "pass_motion") -> str:
    results = []
    given = [t for t in tallies.values() if t is not None]
    if given and all(t.for_ == 0 for t in given) and decision.referral is None and any(
            tallies.get(test.tally) is None for test in decision.tests):
        # No one voted for it: the parts given have none for, so a count that
        # needs every part is lost whatever the rest. Not where winning some
        # parts refers the motion (round 44: Dulwich 2.9 ii refers a motion
        # that wins the groups' majority, which the tallies did not give).
        checker.reasons.append(f"no votes for: lost under a count of {_count_words(checker.book, body, decision)}, "
                               "whatever its other parts")
        return "lost"
    for test in decision.tests:
        tally = tallies.get(test.tally)
        if tally is None:
            from .evaluate import facts_in

            # Where a rule counts differently after a full debate (Tees 5.13),
            # the presumption chose this count: say how to ask for the other.
            debate = any("full_debate" in facts_in(e.rule.cond)
                         for e in checker.book.entries("pass_motion", body))
            counted = _count_words(checker.book, body, decision)
            # Every tally the count lacks, not only the first (round 31).
            lacking = list(dict.fromkeys(t.tally for t in decision.tests if tallies.get(t.tally) is None))
            if action == "recall_vote":
                # A recall vote takes one tally: a body that counts in parts
                # is checked as the motion it is (pass_motion takes them all).
                # Every part it lacks is named (round 66: Dulwich's conference
                # named 'individuals' alone).
                named = " and ".join(repr(t) for t in lacking)
                plural = "ies" if len(lacking) > 1 else "y"
                fail(MissingTally, checker.span,
                     f"{checker.book.id} counts a motion in {counted}, "
                     f"which counts the {named} tall{plural} that a recall_vote does not take",
                     help=f"check it as 'action: pass_motion' in {body} with its {named} tall{plural}")
            also = [t for t in getattr(checker, "_tallies_read", ())
                    if t not in lacking and tallies.get(t) is None]
            fail(MissingTally, checker.span,
                 f"{checker.book.id} counts a motion in {counted}, "
                 f"so this action needs the {' and '.join(repr(t) for t in lacking)} "
                 f"tall{'ies' if len(lacking) > 1 else 'y'}"
                 + (f"; on another reading it also counts the {' and '.join(repr(t) for t in also)} "
                    f"tall{'ies' if len(also) > 1 else 'y'}" if also else ""),
                 help=" and ".join(f"add '{t}: {{for: N, against: N, abstain: N}}'" for t in lacking + also)
                      + (", or 'full_debate: true' if the motion had one, which is counted "
                         "another way" if debate and "full_debate" in checker.assumed else ""))
        passed = test_passes(test, tally)
        if passed is None:
            # Said of the reading that counts so, where the text has others
            # (CAC 3.2.e: two thirds of those voting, or of all; round 24).
            fail(MissingTally, checker.span, f"{_on_reading(checker.book, body, decision)}the draft counts "
                 f"{test.fraction.replace('_', '-')} of all entitled to vote, so '{test.tally}' needs "
                 f"'eligible', how many may vote",
                 help="add the number entitled to vote as 'eligible: N'")
        # "of all": the base is everyone entitled to vote, not the votes cast
        # (CAC 3.2.e), and the line names it so (round 27).
        base = ((f"all {tally.eligible} entitled to vote" if tally.eligible is not None else
                 f"all entitled to vote (at least the {tally.for_ + tally.against + tally.abstain} who voted)")
                if test.of_all else test.tally)
        checker.reasons.append(f"{test.fraction.replace('_', ' ')} of {base}: {tally.for_} for, {tally.against} against, "
                               f"{tally.abstain} abstaining: {'met' if passed else 'not met'}")
        results.append(passed)
    if all(results):
        return "carried"
    if decision.referral:
        # A split among the tests that refer ("if one of individuals or
        # groups"), or among all of them.
        split = [r for t, r in zip(decision.tests, results)
                 if not decision.referral_of or t.tally in decision.referral_of]
        if any(split) and not all(split):
            return "referred"
    return "lost"


def check_bodies(action: Action, books: list[Book], fields: dict) -> None:
    """A body no draft has is a typo, not a question to answer 'not applicable'."""
    from .ask import body_names, known_body
    from .errors import did_you_mean

    for field in ("body", "by", "against"):
        name = getattr(action, field, None)
        if not isinstance(name, str) or known_body(name, books):
            continue
        # The bodies by their names, as a drafter writes them (round 64:
        # identifiers were listed); a special meeting is a fact of the action.
        said = sorted({b_.name for b in books for b_ in b.ast.bodies}, key=str.lower)
        names = {n: i for b in books for n, i in body_names(b).items()}
        close = did_you_mean(name.lower(), names)
        if "special" in name.lower().split() and field == "body":
            close = ((close + "; ") if close else "") + "a special conference or meeting is the body's own: " \
                "write its body and 'special_meeting: true'"
        fail(InputError, fields.get(field), f"{field} '{name}' is not a body of any draft checked",
             expected="one of " + ", ".join(said), help=close)


def check(book: Book, action: Action, register: Register | None = None,
          span: Span | None = None) -> VerdictOut:
    checker = Checker(book, register, span)
    from .presume import cite_dropped

    out = getattr(checker, action.action)(action)
    dropped = checker.presumption_dropped
    field = next((k for k in ("group", "nominator") if isinstance(getattr(action, k, None), Group)), None)
    group = getattr(action, field) if field else None
    rests = False
    if dropped is not None and group is not None and group.affiliated is None:
        # Said only where the verdict rests on it: an affiliated group's is
        # the same (round 63: 0 delegates to Tees 4.2 from a broad-left group
        # of 150 is "yes" affiliated or not, so 2.13's refusal decides nothing).
        turned = Checker(book, register, span)
        alike = action.model_copy(update={field: group.model_copy(update={"affiliated": True})})
        try:
            if _outcome(getattr(turned, action.action)(alike)) == _outcome(out):
                dropped = None
                # Nor is a rule missed for want of affiliation a reason: the
                # group was never said to be unaffiliated.
                out.unmet = [u for u in out.unmet if "affiliated" not in u.partition(" is not met")[0]]
            else:
                rests = True
        except InputError:
            pass  # the turned-round action asks what this one need not: it differs
    cite_dropped(out, dropped, rests)
    return out
