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
                      WithJsonSchema, model_validator)

from .partition import Period
from .vocab import DISPUTE_SUBJECTS, GROUNDS, KINDS, LABOUR_STATUS, MOTION_KINDS, OFFICES, POSTS

Day = date  # so that a field may be called `date`
KindName = Literal[tuple(KINDS)]  # type: ignore[valid-type]
MotionKind = Literal[MOTION_KINDS]  # type: ignore[valid-type]


MAX_POUNDS = 10**12  # money beyond a trillion pounds is a typing slip, not a fee
# A count of people, votes, groups or motions: more than a billion is a typing
# slip (the LLA had 2,908 supporters), refused with the limit said.
MAX_COUNT = 10**9


def _whole(value: Any) -> Any:
    """A count is a number: true or false is not 1 or 0 (round 68: a
    petition of `groups: true` of 3 was counted as one in three)."""
    if isinstance(value, bool):
        raise ValueError(f"{str(value).lower()} is not a number; help: write a whole number, e.g. 3")
    return value


def _flag(value: Any) -> Any:
    """A yes-or-no fact is true or false: 1 or "yes" is not read as true
    (round 68: `affiliated: 1` passed as affiliated)."""
    if value is not None and not isinstance(value, bool):
        raise ValueError(f"{value!r} is not true or false; help: write true or false (or leave the field out "
                         "where it is not known)")
    return value


Count = Annotated[int, BeforeValidator(_whole), Field(ge=0, le=MAX_COUNT)]
Flag = Annotated[bool, BeforeValidator(_flag)]


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


# Pounds in, pence stored: the schema describes what a file may say, not the pence.
Pence = Annotated[NonNegativeInt, BeforeValidator(_money), WithJsonSchema({
    "anyOf": [{"type": "number", "minimum": 0, "maximum": MAX_POUNDS},
              {"type": "string", "pattern": r"^£?\s*\d{1,15}(\.\d{1,2})?$"}],
    "description": "an amount in pounds, such as 20 or £20.50"})]


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
    # defer_build: a model's validator is built when first used, not on
    # import; a command uses a few of the thirty action and input models (issue 14).
    model_config = ConfigDict(extra="forbid", defer_build=True)


class Group(Strict):
    """A group, branch, union or organisation acting under a draft."""

    name: Optional[str] = Field(None, description="the group's name (a register finds a group by it)",
                                examples=["Anytown Labour Left"])
    kind: KindName = Field(examples=["local_group"])
    members: Optional[Count] = Field(None, examples=[150])
    lla_supporters: Optional[Count] = Field(None, examples=[40])
    fee_paid: Optional[Pence] = Field(None, examples=["£20"])
    affiliated: Optional[Flag] = None
    region_affiliated: Optional[Flag] = None
    national_affiliated: Optional[Flag] = None
    represented: Optional[Flag] = None

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


def _org_name(v: Any) -> Any:
    """An organisation's name; YAML reads unquoted no, yes, ~ as false, true,
    null, which name no organisation (round 54 check: 'got False').

    >>> _org_name("Unite")
    'Unite'
    """
    if v is None or isinstance(v, bool):
        raise ValueError(f"member_of: this entry names no organisation: YAML reads it, unquoted, as "
                         f"{'nothing' if v is None else 'a yes or no'}; help: write member_of: [] for "
                         "none, and quote a name YAML would read so: 'Yes'")
    return v


OrgName = Annotated[str, BeforeValidator(_org_name)]


class Person(Strict):
    """A person acting under a draft: joining, voting, standing, signing."""

    name: Optional[str] = Field(None, description="the person's name, for the report only",
                                examples=["Sam Smith"])
    labour_status: Optional[Literal[LABOUR_STATUS]] = None  # type: ignore[valid-type]
    witch_hunt: Optional[Flag] = None
    other_party: Optional[Flag] = None
    socialist_party: Optional[Flag] = Field(None, description="the other party is a socialist party "
                                            "(Tees 2.3); only with other_party: true")
    campaigns_against_labour: Optional[Flag] = None
    lla_supporter: Optional[Flag] = None
    proxy: Flag = False
    co_opted: Flag = False
    # For Labour status under another body's rules (labour-nec-2021): the
    # organisations the person belongs to, and the day in question. Not
    # given, the organisations are unknown; an empty list says "none".
    member_of: Optional[list[OrgName]] = Field(None, examples=[["Socialist Appeal"]], description=
                                           "organisations the person belongs to ([] for none; "
                                           "left out, they are unknown)")
    date: Optional[Day] = Field(None, examples=["2021-08-01"])

    @model_validator(mode="after")
    def _socialist_party_is_another_party(self):
        if self.socialist_party and self.other_party is False:
            raise ValueError("socialist_party: a socialist party is another party, but other_party is "
                             "false; help: give other_party: true, or leave socialist_party out")
        from .phrases import NO_NAME, _is_labour, _party

        for name in self.member_of or ():
            if not name.strip() or name.strip().lower() == "none":
                raise ValueError(f"member_of: '{name}' names no organisation; help: write member_of: [] "
                                 "for none, or the organisations' names")
            if name.strip().lower() in NO_NAME:
                # A form's "n/a" or "unknown" is no organisation's name (round 54).
                raise ValueError(f"member_of: '{name}' names no organisation; help: write member_of: [] "
                                 "for none, or leave member_of out if not known")
            if _is_labour(name) and self.labour_status in ("non_member", "expelled"):
                raise ValueError(f"member_of: '{name}' is the Labour Party, but labour_status is "
                                 f"{self.labour_status}; help: give labour_status: member, or leave {name} "
                                 "out of member_of")
        if self.member_of == [] and (self.other_party or self.socialist_party):
            # "none" and "in another party" cannot both be so. A list of
            # unions beside other_party: true is read as not all the person
            # belongs to: the fact given stands (round 54).
            raise ValueError("member_of: none, but the person is in another party; help: name the party "
                             "in member_of, or leave member_of out")
        for name in self.member_of or ():
            is_party, socialist = _party(name)
            if is_party and self.other_party is False:
                raise ValueError(f"member_of: '{name}' is a party other than Labour, but other_party is "
                                 "false; help: give other_party: true, or leave other_party out")
            if is_party and socialist and self.socialist_party is False:
                raise ValueError(f"member_of: '{name}' is a socialist party, but socialist_party is "
                                 "false; help: leave socialist_party out")
        return self

    def facts(self) -> dict:
        facts = self.model_dump(exclude={"name", "member_of"}, exclude_none=True)
        if self.socialist_party and self.other_party is None:
            facts["other_party"] = True  # a member of a socialist party is in another party
        if self.member_of is not None:
            # A party named among them is read as a question's words read it
            # (round 50: `lla check` left a Conservative "not in another party"
            # where `lla ask` said so); "[] for none", or only unions and the
            # like, is in no other party (rounds 51, 54); the Labour Party
            # named is Labour membership (round 54).
            from .phrases import _settle_parties

            settled = ("labour_status", "other_party", "socialist_party")
            named = {"member_of": list(self.member_of), **{k: facts[k] for k in settled if k in facts}}
            # The list is all the person belongs to, unless other_party is
            # given as unknown (null: a question's words, round 54).
            _settle_parties(named, complete=not ("other_party" in self.model_fields_set
                                                 and self.other_party is None))
            facts.update({k: named[k] for k in settled if k in named})
            facts["member_of"] = frozenset(self.member_of)
        return {"kind": "individual", **facts}


class Register(Strict):
    groups: list[Group] = Field(default_factory=list)
    # People, for `lla table` questions about "each person" (a membership
    # list): each is asked as `lla check` judges that person's action.
    people: list[Person] = Field(default_factory=list)

    def find(self, name: str) -> Group | None:
        wanted = name.strip().strip('"').casefold()
        return next((g for g in self.groups if (g.name or "").casefold() == wanted), None)

    def find_person(self, name: str, span=None) -> Person | None:
        """A person of the register by name, as `lla table` names each row.
        Two people of one name are refused: which of them is meant, the
        name does not say (round 28)."""
        wanted = " ".join(name.strip().strip('"').split()).casefold()
        found = [i for i, p in enumerate(self.people) if " ".join((p.name or "").split()).casefold() == wanted]
        if len(found) > 1:
            from .errors import QuestionError, fail

            fail(QuestionError, span, f"{len(found)} people of the register are called "
                 f"'{self.people[found[0]].name}' (people {', '.join(str(i + 1) for i in found)})",
                 expected="a name only one person has",
                 help="lla table answers each of them on a row of its own; or describe the person in words")
        return self.people[found[0]] if found else None


class Tally(Strict):
    """Votes in one part of a ballot. `eligible` is everyone entitled to vote."""

    for_: Count = Field(alias="for", description="votes for", examples=[30])
    against: Count = Field(0, description="votes against", examples=[10])
    abstain: Count = Field(0, description="abstentions")
    eligible: Optional[Count] = Field(None, description="everyone entitled to vote", examples=[60])

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    @model_validator(mode="after")
    def _eligible_covers_votes(self):
        cast = self.for_ + self.against + self.abstain
        if self.eligible is not None and self.eligible < cast:
            raise ValueError(f"eligible: eligible ({self.eligible}) is fewer than the votes cast ({cast})")
        return self


GroupRef = Union[str, Group]  # a register name, or the group described inline
_REF = "a name from the --register file, or the group described here"


class Action(Strict):
    action: str
    name: Optional[str] = Field(None, description="a label for this action in the report",
                                examples=["the Unite branch's motion"])


class Join(Action):
    """May this person become an individual supporter?"""

    action: Literal["join"]
    person: Person = Field(description="the person applying to join")


class LabourMembership(Action):
    """May this person be (or remain) a Labour Party member? The Labour NEC's question."""

    action: Literal["labour_membership"]
    person: Person = Field(description="the person whose Labour Party membership is in question")


class Stand(Action):
    """May this person stand for election to the body, e.g. as a conference delegate?"""

    action: Literal["stand"]
    person: Person = Field(description="the person standing")
    body: str = Field("conference", description="the body the person stands for, by any of its names")


class Affiliate(Action):
    """May this group affiliate?"""

    action: Literal["affiliate"]
    group: GroupRef = Field(description="the group applying to affiliate: " + _REF)


class SendDelegates(Action):
    """May this group send this many delegates to the body?"""

    action: Literal["send_delegates"]
    group: GroupRef = Field(description="the group sending delegates: " + _REF)
    body: str = Field("conference", description="the body the delegates are sent to, by any of its names")
    count: Count = Field(description="how many delegates the group would send", examples=[2])


class _Dated(Action):
    submitted: Optional[datetime | date] = Field(None, description="when it was sent in: a date, or a date and time",
                                                 examples=["2020-02-01"])
    meeting: Optional[datetime | date] = Field(None, description="when the meeting begins: a date, or a date and time",
                                               examples=["2020-02-22"])

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
    """May this submitter put a motion to the body, in time?"""

    action: Literal["submit_motion"]
    body: str = Field("conference", description="the body the motion is put to, by any of its names")
    group: Optional[GroupRef] = Field(None, description="the group submitting it: " + _REF)
    signatories: Optional[Count] = Field(  # individual LLA members putting it
        None, description="how many individual LLA members put their names to it", examples=[10])
    by: Optional[str] = Field(None, description="a body of the draft that puts it, e.g. the CAC",
                              examples=["organising group"])
    adopted: Optional[Flag] = Field(None, description="the group duly proposed, seconded and adopted it "
                                    "(left out: presumed adopted, and the answer says so)")
    emergency: Flag = False
    previous_motions: Count = 0
    previous_amendments: Count = 0
    # London 2.6 counts one motion "to conference" in all, not per heading.
    # Left out: none sent under other headings (as many as previous_*), and
    # the answer says so where a rule turns on it.
    motions_sent: Optional[Count] = Field(
        None, description="motions the submitter already sent to this meeting, on any heading "
        "(left out: previous_motions, none under other headings)")
    amendments_sent: Optional[Count] = Field(
        None, description="amendments the submitter already sent to this meeting, on any heading "
        "(left out: previous_amendments)")
    motion_kind: MotionKind = "ordinary"
    # The conference is a special one, called for the purpose (Tees 5.10:
    # the CC may "call a special conference"). Not given: unknown.
    special_meeting: Optional[Flag] = None

    @model_validator(mode="after")
    def _one_submitter(self):
        if sum(x is not None for x in (self.group, self.signatories, self.by)) != 1:
            raise ValueError("give one submitter: 'group', 'signatories' (individual members) "
                             "or 'by' (a body of the draft); help: keep exactly one of group, "
                             "signatories or by, and put another submitter in an action of its own")
        for every, here in (("motions_sent", "previous_motions"), ("amendments_sent", "previous_amendments")):
            if getattr(self, every) is not None and getattr(self, every) < getattr(self, here):
                raise ValueError(f"'{every}' counts every heading, so it is at least '{here}' "
                                 f"({getattr(self, here)}): give {every} >= {here}")
        return self


class SubmitAmendment(SubmitMotion):
    """May this submitter put an amendment to the body, in time?"""

    action: Literal["submit_amendment"]  # type: ignore[assignment]


class SignMotion(Action):
    """May this person sign another motion or amendment to conference?"""

    action: Literal["sign_motion"]
    person: Person = Field(description="the person signing")
    # Conference's: Tees 5.5's limit is said in its sentence on conference
    # motions; of motions to the SC between conferences it says nothing
    # (round 63).
    previous_signatures: Count = Field(0, description="motions or amendments to conference the person "
                                       "already signed")


class CirculateMotion(_Dated):
    """Were the motions circulated in time before the meeting?"""

    action: Literal["circulate_motion"]
    body: str = Field("conference", description="the body whose meeting the motions are for, by any of its names")
    submitted: Optional[datetime | date] = Field(None, description="when the motions were circulated "
                                                 "(also written 'circulated')", examples=["2020-02-08"])

    @model_validator(mode="before")
    @classmethod
    def _circulated_is_submitted(cls, data):
        if isinstance(data, dict) and "circulated" in data:
            data = dict(data)
            data["submitted"] = data.pop("circulated")
        return data


class Petition(Strict):
    """A petition of individual supporters."""

    signatures: Count = Field(description="how many individual supporters signed it", examples=[40])
    supporters: Count = Field(description="how many individual supporters there are in all",
                                       examples=[200])

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

    groups: Count = Field(description="how many affiliated groups and branches ask", examples=[5])
    of: Count = Field(description="how many affiliated groups and branches there are", examples=[20])

    @model_validator(mode="after")
    def _not_more_than_all(self):
        if self.of == 0:
            raise ValueError("of: there must be at least 1 affiliated group or branch")
        if self.groups > self.of:
            raise ValueError(f"groups: groups ({self.groups}) cannot be more than of ({self.of})")
        return self


class CallSpecialConference(Action):
    """May this caller call a special conference?"""

    action: Literal["call_special_conference"]
    by: Optional[str] = Field(None, description="a body of the draft that calls it", examples=["organising group"])
    petition: Optional[Petition] = Field(None, description="a petition of individual supporters that calls it")
    groups_petition: Optional[GroupsPetition] = Field(
        None, description="affiliated groups and LLA branches that ask for it (London 2.5)")

    @model_validator(mode="after")
    def _one_caller(self):
        if sum(x is not None for x in (self.by, self.petition, self.groups_petition)) != 1:
            raise ValueError("give one caller: 'by' (a body), 'petition' (of individual supporters) "
                             "or 'groups_petition' (of affiliated groups and branches); help: each "
                             "route is checked on its own: put each caller in a file of its own")
        return self


class Initiator(Strict):
    """A body that initiates a recall. Where the draft declares its categories
    (Dulwich 5.3: "those in 3. i. – v."), the category follows from the kind."""

    name: Optional[str] = Field(None, description="the body's name, for the report only",
                                examples=["Anytown Labour Left"])
    kind: Optional[KindName] = Field(None, examples=["local_group"])
    category: Optional[str] = Field(None, description="its category in your words, for a draft that names "
                                    "none; a draft that names its categories of initiators (dulwich 5.3) "
                                    "works each out from the kind, so give the kind",
                                    examples=["trade unions"])

    @model_validator(mode="after")
    def _kind_or_category(self):
        if self.kind is None and self.category is None:
            raise ValueError("give the initiator's 'kind' (e.g. local_group) or its 'category'; help: add "
                             "kind: local_group (or the initiator's own kind), or category: with a "
                             "category the draft names")
        return self


class RecallOfficer(Action):
    """Was this recall of an officer valid?"""

    action: Literal["recall_officer"]
    body: str = Field(description="the body whose member is recalled, by any of its names; for an "
                      "officer, give 'office' or name the officers' own body", examples=["organising group"])
    by: str = Field(description="the body that recalls, by any of its names", examples=["conference"])
    special_meeting: Optional[Flag] = Field(None, description="the meeting was specially convened for "
                                            "the recall (left out: presumed so, and the answer says so)")
    notice: Optional[date] = Field(None, description="the day notice of the meeting was given",
                                   examples=["2020-03-01"])
    meeting: Optional[date] = Field(None, description="the day of the meeting that recalls", examples=["2020-03-15"])
    initiators: Optional[list[Initiator]] = Field(None, description="the bodies that initiated the recall "
                                                  "(left out: unknown)")
    grounds: Optional[Literal[GROUNDS]] = None  # type: ignore[valid-type]
    office: Optional[Literal[OFFICES]] = Field(  # type: ignore[valid-type]
        None, description="the post the officer holds (left out: a member of the body named, "
        "holding no post given)", examples=["chair"])
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

    name: Optional[str] = Field(None, description="the branch's name", examples=["Anytown LLA"])
    members: Count = Field(description="the branch's members, the weight of its vote", examples=[25])
    vote: Literal["for", "against", "abstain"] = Field(description="how the branch voted")


class PassMotion(Action):
    """Is the motion carried by these votes? Give each tally you know: which
    of them carries a motion is the draft's to say, and a draft that counts a
    tally not given says so."""

    # Every tally, so that the example can be checked against any draft.
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"action": "pass_motion", **{t: {"for": 30, "against": 10}
                                     for t in ("votes", "individuals", "groups", "delegate_votes", "branch_votes")}}]})

    action: Literal["pass_motion"]
    body: str = Field("conference", description="the body voting on the motion, by any of its names")
    motion_kind: MotionKind = "ordinary"
    # A full debate including amendments (Tees 5.13: weighted branch votes).
    # Not given: presumed not, and the answer says so where a rule turns on it.
    full_debate: Optional[Flag] = Field(None, description="a full debate including amendments is required "
                                        "(left out: presumed not, and the answer says so; asked for where "
                                        "branch_votes are given and a rule for the body counts them)")
    votes: Optional[Tally] = None
    individuals: Optional[Tally] = None
    groups: Optional[Tally] = None
    delegate_votes: Optional[Tally] = None
    branch_votes: Optional[Tally] = None  # LLA branches' votes weighted by membership
    # Or each branch's vote with its membership: the engine weighs them.
    branches: Optional[list[BranchVote]] = Field(None, description="each LLA branch's vote with its "
                                                 "membership, which the engine weighs (instead of branch_votes)")

    @model_validator(mode="after")
    def _weigh_branches(self):
        if self.branches is None:
            return self
        if self.branch_votes is not None:
            raise ValueError("branches: give 'branches' (each branch's vote) or 'branch_votes' "
                             "(the weighted totals), not both; help: remove branch_votes, which lla "
                             "works out from the branches")
        names = [b.name for b in self.branches if b.name is not None]
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise ValueError(f"branches: the branch {twice[0]!r} is given twice; each LLA branch "
                             "votes once (Tees 5.13: 'the votes of each LLA branch'); help: give each "
                             "branch once, or give the two different names")
        weight = {v: sum(b.members for b in self.branches if b.vote == v) for v in ("for", "against", "abstain")}
        self.branch_votes = Tally.model_validate(weight)
        return self

    @model_validator(mode="after")
    def _parts_within_votes(self):
        # Individual members' and delegates' votes are among all votes cast:
        # a part larger than the whole cannot be (round 67: 500 individual
        # votes for beside 1 vote for were each counted by its own draft).
        if self.votes is None:
            return self
        for name in ("individuals", "delegate_votes"):
            part = getattr(self, name)
            if part is None:
                continue
            for field, said in (("for_", "for"), ("against", "against"), ("abstain", "abstaining")):
                if getattr(part, field) > getattr(self.votes, field):
                    raise ValueError(
                        f"{name}: {getattr(part, field)} {said} is more than the {getattr(self.votes, field)} "
                        f"{said} in 'votes', all votes cast, which include them; help: give 'votes' as the "
                        "whole count, or leave it out where the draft counts in parts")
        return self


class RecallVote(Action):
    """Is this vote enough to recall a member of `body`? Counted under the
    draft's recall rule for the body, else (given `by`) as that body decides
    any motion."""

    action: Literal["recall_vote"]
    body: str = Field(description="the body whose member would be recalled, by any of its names",
                      examples=["organising group"])
    by: Optional[str] = Field(None, description="the body that votes, by any of its names", examples=["conference"])
    office: Optional[Literal[OFFICES]] = Field(  # type: ignore[valid-type]
        None, description="the post the member holds (left out: any)", examples=["chair"])
    votes: Tally


class ResolveDispute(Action):
    """Who resolves a dispute on this subject?"""

    action: Literal["resolve_dispute"]
    subject: Literal[DISPUTE_SUBJECTS] = Field(description="what the dispute is about")  # type: ignore[valid-type]


class Appeal(Action):
    """May a decision of this body be appealed, and to whom?"""

    action: Literal["appeal"]
    against: str = Field(description="the body whose decision is appealed, by any of its names",
                         examples=["organising group"])
    dispute: Optional[Flag] = None  # whether that decision settled a dispute


class Nominate(Action):
    """May this region, group or affiliate nominate a candidate for the body's ballot?"""

    action: Literal["nominate"]
    nominator: GroupRef = Field(description="the region, group or affiliate nominating: " + _REF)
    body: str = Field(description="the body the candidate would sit on, by any of its names",
                      examples=["steering committee"])
    post: Literal[POSTS]  # type: ignore[valid-type]
    previous_nominations: Count = 0


class Vote(Action):
    """May this person vote in the body?"""

    action: Literal["vote"]
    body: str = Field("conference", description="the body the person votes in, by any of its names")
    person: Person = Field(description="the person voting")


class ElectCommittee(Action):
    """May the body be elected with this many members?"""

    action: Literal["elect_committee"]
    body: str = Field(description="the committee being elected, by any of its names",
                      examples=["steering committee"])
    size: Count = Field(examples=[9])


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
    up_to: Optional[bool] = None  # the answer is a most, "up to three" (LAW/SLL 3.b.1)
    status: str
    when: list[str] = Field(default_factory=list)
    decided_by: Optional[str] = None
    because: list[Citation] = Field(default_factory=list)


class AnswerOut(BaseModel):
    draft: str
    question: str
    status: Literal["determined", "delegated", "silent", "ambiguous", "not_applicable"]
    answer: Any = None
    up_to: Optional[bool] = None  # the answer is a most, "up to three" (round 44: printed as "3")
    answers: Optional[list[CaseOut]] = None
    decided_by: Optional[str] = None
    because: list[Citation] = Field(default_factory=list)
    conditions: list[Condition] = Field(default_factory=list)
    assumed: list[str] = Field(default_factory=list)
    depends_on: list[str] = Field(default_factory=list)
    note: Optional[str] = None
    notes: list[str] = Field(default_factory=list)  # the deciding rules' own notes
    unmet: list[str] = Field(default_factory=list)
    # A yes-or-no question is an action checked: its verdict, the engine's
    # reasons, and the action it was read as (to paste into an action file).
    verdict: Optional[str] = None
    reasons: list[str] = Field(default_factory=list)
    action: Optional[dict] = None


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
