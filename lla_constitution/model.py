"""Pydantic models: registers and actions in, answers and verdicts out.

Inputs refuse what cannot be true (negative members, a meeting before the
submission) so that the engine only ever reasons about possible worlds.

>>> g = Group(kind="local_group", members=150, lla_supporters=40, fee_paid="£20")
>>> g.facts()[0]["fee_paid"], g.facts()[1]
(2000, ['affiliated', 'national_affiliated', 'region_affiliated'])
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import (BaseModel, BeforeValidator, ConfigDict, Field, NonNegativeInt,
                      model_validator)

from .partition import Period
from .vocab import DISPUTE_SUBJECTS, GROUNDS, KINDS, LABOUR_STATUS, MOTION_KINDS, POSTS

Day = date  # so that a field may be called `date`
KindName = Literal[tuple(KINDS)]  # type: ignore[valid-type]
MotionKind = Literal[MOTION_KINDS]  # type: ignore[valid-type]


MAX_POUNDS = 10**12  # money beyond a trillion pounds is a typing slip, not a fee


def _money(value: Any) -> Any:
    """Accept 20, 20.5, "20", "£20" or "£20.50"; store pence."""
    if isinstance(value, bool):
        raise ValueError("an amount of money, such as 20 or £20")
    if isinstance(value, (int, float)):
        if value != value or value in (float("inf"), float("-inf")) or value > MAX_POUNDS:
            raise ValueError(f"an amount of money up to £{MAX_POUNDS:,}")
        if value < 0:
            raise ValueError("an amount of money cannot be negative")
        return round(value * 100)
    if isinstance(value, str) and re.fullmatch(r"£?\s*\d{1,15}(\.\d{1,2})?", value.strip()):
        return _money(float(value.strip().lstrip("£")))
    raise ValueError("an amount of money, such as 20 or £20")


Pence = Annotated[NonNegativeInt, BeforeValidator(_money)]


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _moment(value: date | datetime) -> datetime:
    """A date means the start of that day: 'three weeks before the conference date'.
    A time with an offset is converted to UTC, so a submission and a meeting
    given in different offsets compare as the moments they are (a time with no
    offset is taken as it stands).

    >>> _moment(datetime.fromisoformat("2020-02-22T10:30+01:00"))
    datetime.datetime(2020, 2, 22, 9, 30)
    """
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            return value.astimezone(timezone.utc).replace(tzinfo=None)
        return value
    return datetime.combine(value, time())


@dataclass(frozen=True)
class LeadTime(Period):
    """From a submission to the meeting's date, counted in whole days.

    Dulwich 2.6: "three weeks before Conference date". A deadline counted in
    days or weeks to a date falls on a day, so both ends are days: a motion
    sent at 09:00 on the deadline day is sent on that day, as one sent with
    no hour is. `at` keeps the submission's real time for a deadline counted
    in hours (2.7: "up to 24 hours before the Conference date"), which
    `counted` gives the evaluator when it passes the deadline's unit.
    (Whether the meeting has begun, `during_meeting`, compares real times.)

    >>> lt = LeadTime(datetime(2020, 2, 1), datetime(2020, 2, 22), at=datetime(2020, 2, 1, 9))
    >>> (lt.end - lt.start).days, lt.counted("hours").end - lt.counted("hours").start
    (21, datetime.timedelta(days=20, seconds=54000))
    """

    at: Optional[datetime] = None

    def counted(self, unit: str) -> Period:
        """The period a deadline in `unit` measures: real time for hours."""
        if unit == "hours" and self.at is not None:
            return Period(self.at, self.end)
        return self


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Group(Strict):
    """A group, branch, union or organisation acting under a draft."""

    name: Optional[str] = None
    kind: KindName
    members: Optional[NonNegativeInt] = None
    lla_supporters: Optional[NonNegativeInt] = None
    fee_paid: Optional[Pence] = None
    affiliated: Optional[bool] = None
    region_affiliated: Optional[bool] = None
    national_affiliated: Optional[bool] = None
    represented: Optional[bool] = None

    @model_validator(mode="after")
    def _supporters_within_members(self):
        if (self.members is not None and self.lla_supporters is not None
                and self.lla_supporters > self.members):
            raise ValueError(f"lla_supporters: lla_supporters ({self.lla_supporters}) cannot be more than "
                             f"members ({self.members})")
        return self

    def facts(self) -> tuple[dict, list[str]]:
        """Facts for the evaluator, and what was presumed because it was not said."""
        facts = self.model_dump(exclude={"name"}, exclude_none=True)
        assumed = []
        # Asking what a group may send presumes an affiliated group standing on
        # its own; each presumption is reported where a rule turned on it.
        for fact, value in PRESUMED.items():
            if facts.get(fact) is None:
                facts[fact] = value
                assumed.append(fact)
        return facts, assumed


PRESUMED = {"affiliated": True, "national_affiliated": False, "region_affiliated": False}


def presumption(fact: str, value=None) -> str:
    value = PRESUMED[fact] if value is None else value
    return f"{fact} = {str(value).lower()}"


class Person(Strict):
    name: Optional[str] = None
    labour_status: Optional[Literal[LABOUR_STATUS]] = None  # type: ignore[valid-type]
    witch_hunt: Optional[bool] = None
    other_party: Optional[bool] = None
    campaigns_against_labour: Optional[bool] = None
    lla_supporter: Optional[bool] = None
    proxy: bool = False
    co_opted: bool = False
    # For Labour status under another body's rules (labour-nec-2021): the
    # organisations the person belongs to, and the day in question. Not
    # given, the organisations are unknown; an empty list says "none".
    member_of: Optional[list[str]] = None
    date: Optional[Day] = None

    def facts(self) -> dict:
        facts = self.model_dump(exclude={"name", "member_of"}, exclude_none=True)
        if self.member_of is not None:
            facts["member_of"] = frozenset(self.member_of)
        return {"kind": "individual", **facts}


class Register(Strict):
    groups: list[Group] = Field(default_factory=list)

    def find(self, name: str) -> Group | None:
        wanted = name.strip().strip('"').casefold()
        return next((g for g in self.groups if (g.name or "").casefold() == wanted), None)


class Tally(Strict):
    """Votes in one part of a ballot. `eligible` is everyone entitled to vote."""

    for_: NonNegativeInt = Field(alias="for")
    against: NonNegativeInt = 0
    abstain: NonNegativeInt = 0
    eligible: Optional[NonNegativeInt] = None

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    @model_validator(mode="after")
    def _eligible_covers_votes(self):
        cast = self.for_ + self.against + self.abstain
        if self.eligible is not None and self.eligible < cast:
            raise ValueError(f"eligible: eligible ({self.eligible}) is fewer than the votes cast ({cast})")
        return self


GroupRef = Union[str, Group]  # a register name, or the group described inline


class Action(Strict):
    action: str


class Join(Action):
    action: Literal["join"]
    person: Person


class LabourMembership(Action):
    """May this person be (or remain) a Labour Party member? The Labour NEC's question."""

    action: Literal["labour_membership"]
    person: Person


class Stand(Action):
    """May this person stand for election to the body, e.g. as a conference delegate?"""

    action: Literal["stand"]
    person: Person
    body: str = "conference"


class Affiliate(Action):
    action: Literal["affiliate"]
    group: GroupRef


class SendDelegates(Action):
    action: Literal["send_delegates"]
    group: GroupRef
    body: str = "conference"
    count: NonNegativeInt


class _Dated(Action):
    submitted: Optional[datetime | date] = None
    meeting: Optional[datetime | date] = None

    # A submission after the meeting has begun is possible (an emergency
    # motion, or simply a late one): the draft's deadlines judge it, not the input.

    def during_meeting(self) -> bool | None:
        if self.submitted is None or self.meeting is None:
            return None
        return _moment(self.submitted) >= _moment(self.meeting)

    def lead_time(self) -> LeadTime | None:
        """Time from submission to the meeting's day: the drafts count their
        deadlines "before the Conference date", so a meeting's hour does not
        move them, and a submission's hour does not either (see LeadTime)."""
        if self.submitted is None or self.meeting is None:
            return None
        return LeadTime(_moment(_day(self.submitted)), _moment(_day(self.meeting)),
                        at=_moment(self.submitted))


class SubmitMotion(_Dated):
    action: Literal["submit_motion"]
    body: str = "conference"
    group: Optional[GroupRef] = None
    signatories: Optional[NonNegativeInt] = None  # individual LLA members putting it
    by: Optional[str] = None  # a body of the draft puts it, e.g. the CAC
    adopted: Optional[bool] = None  # not given: presumed adopted, and the answer says so
    emergency: bool = False
    previous_motions: NonNegativeInt = 0
    previous_amendments: NonNegativeInt = 0
    motion_kind: MotionKind = "ordinary"
    # The conference is a special one, called for the purpose (Tees 5.10:
    # the CC may "call a special conference"). Not given: unknown.
    special_meeting: Optional[bool] = None

    @model_validator(mode="after")
    def _one_submitter(self):
        if sum(x is not None for x in (self.group, self.signatories, self.by)) != 1:
            raise ValueError("give one submitter: 'group', 'signatories' (individual members) "
                             "or 'by' (a body of the draft)")
        return self


class SubmitAmendment(SubmitMotion):
    action: Literal["submit_amendment"]  # type: ignore[assignment]


class SignMotion(Action):
    action: Literal["sign_motion"]
    person: Person
    previous_signatures: NonNegativeInt = 0


class CirculateMotion(_Dated):
    action: Literal["circulate_motion"]
    body: str = "conference"

    @model_validator(mode="before")
    @classmethod
    def _circulated_is_submitted(cls, data):
        if isinstance(data, dict) and "circulated" in data:
            data = dict(data)
            data["submitted"] = data.pop("circulated")
        return data


class Petition(Strict):
    signatures: NonNegativeInt
    supporters: NonNegativeInt

    @model_validator(mode="after")
    def _not_more_than_all(self):
        if self.supporters == 0:
            raise ValueError("supporters: supporters must be at least 1")
        if self.signatures > self.supporters:
            raise ValueError(f"signatures: signatures ({self.signatures}) cannot be more than "
                             f"supporters ({self.supporters})")
        return self


class GroupsPetition(Strict):
    """Affiliated groups and LLA branches asking for a special conference (London 2.5)."""

    groups: NonNegativeInt  # how many ask
    of: NonNegativeInt  # how many affiliated groups and branches there are

    @model_validator(mode="after")
    def _not_more_than_all(self):
        if self.of == 0:
            raise ValueError("of: there must be at least 1 affiliated group or branch")
        if self.groups > self.of:
            raise ValueError(f"groups: groups ({self.groups}) cannot be more than of ({self.of})")
        return self


class CallSpecialConference(Action):
    action: Literal["call_special_conference"]
    by: Optional[str] = None  # a body of the draft
    petition: Optional[Petition] = None  # of individual supporters
    groups_petition: Optional[GroupsPetition] = None

    @model_validator(mode="after")
    def _one_caller(self):
        if sum(x is not None for x in (self.by, self.petition, self.groups_petition)) != 1:
            raise ValueError("give one caller: 'by' (a body), 'petition' (of individual supporters) "
                             "or 'groups_petition' (of affiliated groups and branches)")
        return self


class Initiator(Strict):
    """A body that initiates a recall. Where the draft declares its categories
    (Dulwich 5.3: "those in 3. i. – v."), the category follows from the kind."""

    name: Optional[str] = None
    kind: Optional[KindName] = None
    category: Optional[str] = None

    @model_validator(mode="after")
    def _kind_or_category(self):
        if self.kind is None and self.category is None:
            raise ValueError("give the initiator's 'kind' (e.g. local_group) or its 'category'")
        return self


class RecallOfficer(Action):
    action: Literal["recall_officer"]
    body: str  # the body the officer sits on
    by: str  # the body that recalls
    special_meeting: Optional[bool] = None  # not given: presumed specially convened, and said
    notice: Optional[date] = None
    meeting: Optional[date] = None
    initiators: Optional[list[Initiator]] = None  # not given: unknown
    grounds: Optional[Literal[GROUNDS]] = None  # type: ignore[valid-type]
    votes: Optional[Tally] = None

    @model_validator(mode="after")
    def _meeting_after_notice(self):
        if self.notice and self.meeting and self.meeting < self.notice:
            raise ValueError(f"meeting: the meeting ({self.meeting}) is before the notice ({self.notice})")
        return self


class BranchVote(Strict):
    """One LLA branch's vote and its membership, the weight it carries
    (Tees 5.13: "the votes of each LLA branch weighted according to
    membership numbers")."""

    name: Optional[str] = None
    members: NonNegativeInt
    vote: Literal["for", "against", "abstain"]


class PassMotion(Action):
    action: Literal["pass_motion"]
    body: str = "conference"
    motion_kind: MotionKind = "ordinary"
    # A full debate including amendments (Tees 5.13: weighted branch votes).
    # Not given: presumed not, and the answer says so where a rule turns on it.
    full_debate: Optional[bool] = None
    votes: Optional[Tally] = None
    individuals: Optional[Tally] = None
    groups: Optional[Tally] = None
    delegate_votes: Optional[Tally] = None
    branch_votes: Optional[Tally] = None  # LLA branches' votes weighted by membership
    # Or each branch's vote with its membership: the engine weighs them.
    branches: Optional[list[BranchVote]] = None

    @model_validator(mode="after")
    def _weigh_branches(self):
        if self.branches is None:
            return self
        if self.branch_votes is not None:
            raise ValueError("branches: give 'branches' (each branch's vote) or 'branch_votes' "
                             "(the weighted totals), not both")
        names = [b.name for b in self.branches if b.name is not None]
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise ValueError(f"branches: the branch {twice[0]!r} is given twice; each LLA branch "
                             "votes once (Tees 5.13: 'the votes of each LLA branch')")
        weight = {v: sum(b.members for b in self.branches if b.vote == v) for v in ("for", "against", "abstain")}
        self.branch_votes = Tally.model_validate(weight)
        return self


class RecallVote(Action):
    """Is this vote enough to recall a member of `body`? Counted under the
    draft's recall rule for the body, else (given `by`) as that body decides
    any motion."""

    action: Literal["recall_vote"]
    body: str
    by: Optional[str] = None
    votes: Tally


class ResolveDispute(Action):
    """Who resolves a dispute on this subject?"""

    action: Literal["resolve_dispute"]
    subject: Literal[DISPUTE_SUBJECTS]  # type: ignore[valid-type]


class Appeal(Action):
    """May a decision of this body be appealed, and to whom?"""

    action: Literal["appeal"]
    against: str  # the body whose decision is appealed
    dispute: Optional[bool] = None  # whether that decision settled a dispute


class Nominate(Action):
    """May this region, group or affiliate nominate a candidate for the body's ballot?"""

    action: Literal["nominate"]
    nominator: GroupRef
    body: str
    post: Literal[POSTS]  # type: ignore[valid-type]
    previous_nominations: NonNegativeInt = 0


class Vote(Action):
    action: Literal["vote"]
    body: str = "conference"
    person: Person


class ElectCommittee(Action):
    action: Literal["elect_committee"]
    body: str
    size: NonNegativeInt


ACTIONS: dict[str, type[Action]] = {
    m.model_fields["action"].annotation.__args__[0]: m  # type: ignore[union-attr]
    for m in (Join, Affiliate, SendDelegates, SubmitMotion, SubmitAmendment, SignMotion,
              CirculateMotion, CallSpecialConference, RecallOfficer, PassMotion, Vote,
              ElectCommittee, LabourMembership, Stand, RecallVote, ResolveDispute, Appeal, Nominate)
}


# ---- outputs: the JSON contract ----------------------------------------

class Citation(BaseModel):
    clause: str
    text: str
    draft: Optional[str] = None  # set when the clause is another rulebook's


class Condition(BaseModel):
    clause: str
    rule: str
    holds: Optional[bool]
    values: dict[str, Any] = Field(default_factory=dict)
    reading: Optional[str] = None


class CaseOut(BaseModel):
    answer: Any = None
    status: str
    when: list[str] = Field(default_factory=list)
    decided_by: Optional[str] = None
    because: list[Citation] = Field(default_factory=list)


class AnswerOut(BaseModel):
    draft: str
    question: str
    status: Literal["determined", "delegated", "silent", "ambiguous", "not_applicable"]
    answer: Any = None
    answers: Optional[list[CaseOut]] = None
    decided_by: Optional[str] = None
    because: list[Citation] = Field(default_factory=list)
    conditions: list[Condition] = Field(default_factory=list)
    assumed: list[str] = Field(default_factory=list)
    depends_on: list[str] = Field(default_factory=list)
    note: Optional[str] = None
    notes: list[str] = Field(default_factory=list)  # the deciding rules' own notes
    unmet: list[str] = Field(default_factory=list)


class VerdictOut(BaseModel):
    draft: str
    action: str
    verdict: Literal["allowed", "forbidden", "carried", "lost", "referred",
                     "delegated", "silent", "ambiguous", "not_applicable"]
    decided_by: Optional[str] = None
    because: list[Citation] = Field(default_factory=list)
    conditions: list[Condition] = Field(default_factory=list)
    answers: Optional[list[CaseOut]] = None
    assumed: list[str] = Field(default_factory=list)
    reasons: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    unmet: list[str] = Field(default_factory=list)
