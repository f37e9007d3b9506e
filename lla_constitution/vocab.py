"""The fixed vocabulary every rulebook is written in: kinds, facts, topics.

Rulebooks differ in what they decide, not in the words they may use, so that
drafts can be compared topic by topic. A rule names a *topic* (what is being
decided, e.g. ``delegates``), optionally a *body* it concerns, and a condition
over typed *facts* about the subject (``members``, ``labour_status`` ...).

>>> FACTS["members"].type
'int'
>>> TOPICS["delegates"].value
'count'
>>> "union_national" in KINDS
True
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    words: tuple[str, ...]  # how a question may name it
    # What sort of subject it is: person, group (an organisation outside the
    # LLA), branch, area, body (of the LLA itself) or region. The analyses
    # ask each question only of the sorts it is about (see analyse.space.ASKED_OF).
    sort: str = "group"


KINDS: dict[str, Kind] = {k.name: k for k in [
    Kind("individual", "individual supporter",
         # The source calls the same people "LLA supporters", "Individual
         # supporters" and "LLA members" (LAW/SLL 2.a, 2.b, 5.e; round 27).
         ("individual supporter", "individual member", "individual", "supporter", "person",
          "lla supporter", "lla member", "individual lla supporter", "individual lla member"),
         "person"),
    Kind("local_group", "local group (incl. Momentum groups)",
         ("local group", "local labour left group", "labour left group", "momentum group",
          "local left group", "group")),
    # Tees calls them "local Labour Left Branch(es)" (2.4, 2.7, 4.3, 5.6; round 29).
    Kind("lla_branch", "LLA branch", ("lla branch", "labour left branch", "local labour left branch"),
         "branch"),
    Kind("labour_branch", "Labour Party branch",
         ("labour party branch", "labour branch", "branch labour party", "ward branch")),
    Kind("clp", "Constituency Labour Party",
         ("constituency labour party", "clp")),
    Kind("union_national", "trade union (national office)",
         ("national trade union", "trade union national office", "national union", "trade union")),
    Kind("union_regional", "trade union region",
         ("regional trade union", "trade union region", "union region", "regional union")),
    Kind("union_branch", "trade union branch",
         ("trade union branch", "union branch", "local trade union")),
    Kind("broad_left_national", "broad-left national organisation",
         ("broad left national organisation", "broad-left national organisation",
          "national broad left organisation", "national broad-left organisation",
          "broad left organisation", "broad-left organisation", "national broad left group")),
    Kind("special_interest", "special-interest organisation",
         ("special interest organisation", "special-interest organisation",
          "organisation representing special interests")),
    Kind("equality_group", "equality group", ("equality group",)),
    Kind("area", "area meeting (of LLA signatories)",
         ("area meeting", "area", "pre-conference meeting"), "area"),
    # A body of the draft acting itself (the CAC putting its own motions): it is
    # none of the kinds of group or person above, so no test of those holds for it.
    Kind("lla_body", "body of the LLA itself (e.g. one of its committees)", ("lla body",), "body"),
    # An English region, Wales, Scotland, Northern Ireland or International (Tees 3).
    Kind("region", "English region or nation",
         ("english region", "region", "nation"), "region"),
]}


@dataclass(frozen=True)
class Fact:
    name: str
    type: str  # int | money | share | duration | bool | enum | date | set
    doc: str
    values: tuple[str, ...] = ()  # for enums


LABOUR_STATUS = ("member", "suspended", "expelled", "non_member")
GROUNDS = ("violation_of_principles", "failure_of_responsibilities", "breakdown_of_trust", "other")
# What a motion is about. `ordinary` says nothing more; the others are the
# headings the drafts route motions by (Tees 5: organising, strategy, constitution).
# The post of an officer recalled: CAC 3.2 E gives recall for the Chairperson,
# Secretary and Treasurer only, of the five posts of 3.1.b (round 63).
OFFICES = ("chair", "secretary", "treasurer", "other_officer")
MOTION_KINDS = ("ordinary", "constitutional", "strategy", "organising")
DISPUTE_SUBJECTS = ("complaints", "membership", "motions", "procedures", "elections", "ballots",
                    "other")
POSTS = ("officer", "member")

FACTS: dict[str, Fact] = {f.name: f for f in [
    Fact("kind", "enum", "what sort of group or person acts", tuple(KINDS)),
    Fact("members", "int", "how many members the group has"),
    Fact("lla_supporters", "int", "how many of them are signed-up LLA supporters"),
    Fact("fee_paid", "money", "affiliation fee paid for the year"),
    Fact("affiliated", "bool", "the group is affiliated to the LLA"),
    Fact("region_affiliated", "bool", "a union branch's own region is affiliated"),
    Fact("national_affiliated", "bool", "the group's national organisation is affiliated"),
    Fact("adopted", "bool", "the motion was duly proposed, seconded and adopted by the body"),
    Fact("labour_status", "enum", "the person's standing in the Labour Party", LABOUR_STATUS),
    Fact("witch_hunt", "bool", "a suspension or expulsion was part of the witch-hunt against the left"),
    Fact("other_party", "bool", "the person is a member of another political party"),
    # Tees 2.3 bars members of "other socialist political parties" (round 44:
    # a reading stood for it, which a question saying "socialist" could not settle).
    Fact("socialist_party", "bool", "the other party the person is a member of is a socialist party"),
    Fact("lla_supporter", "bool", "the person is a signed-up LLA supporter"),
    Fact("proxy", "bool", "the vote is cast by proxy"),
    Fact("co_opted", "bool", "the voter is a co-opted member"),
    Fact("signatories", "int", "how many individual LLA members put their names to it"),
    Fact("petition_share", "share", "signatures as a share of all individual supporters"),
    Fact("groups_share", "share", "affiliated groups and LLA branches asking, as a share of all of them"),
    Fact("lead_time", "duration", "time from submission to the start of the meeting"),
    Fact("notice", "duration", "time from notice of the meeting to the meeting"),
    Fact("initiator_categories", "int", "how many different categories the initiating bodies come from"),
    Fact("initiators", "int", "how many affiliated bodies initiated it"),
    Fact("grounds", "enum", "the grounds stated for a recall", GROUNDS),
    Fact("office", "enum", "the post held by the officer recalled", OFFICES),
    Fact("size", "int", "how many members the committee would have"),
    Fact("previous_motions", "int", "motions the submitter already sent on this heading"),
    Fact("previous_signatures", "int", "motions or amendments to conference the person already signed"),
    Fact("previous_amendments", "int", "amendments the submitter already sent on this heading"),
    # London 2.6 allows "one motion and one amendment to conference" in all,
    # where LAW/SLL 5.e and Tees 5.5 count per heading: a fact of its own, so
    # a motion sent under another heading counts where the draft says so.
    Fact("motions_sent", "int", "motions the submitter already sent to this meeting, on any heading"),
    Fact("amendments_sent", "int", "amendments the submitter already sent to this meeting, on any heading"),
    Fact("by_body", "bool", "called by a body of the LLA (rather than by petition)"),
    Fact("by", "enum", "which body acts", ()),  # values are the rulebook's bodies
    Fact("emergency", "bool", "an emergency motion or amendment (often put during the meeting: give its dates, or both cases are answered)"),
    Fact("special_meeting", "bool", "the meeting was specially convened for the purpose"),
    Fact("date", "date", "the day the question is asked about, e.g. the day of joining"),
    Fact("member_of", "set", "organisations the person belongs to", ()),  # the rulebook's bodies
    Fact("motion_kind", "enum", "what the motion is about: ordinary (not said), constitutional "
         "(structures and constitution), strategy (political strategy and campaigning priorities) "
         "or organising (recruitment, organising and social media)", MOTION_KINDS),
    Fact("full_debate", "bool", "a full debate including amendments is required (short of a special conference)"),
    Fact("during_meeting", "bool", "the motion is put after the meeting has started"),
    Fact("dispute_subject", "enum", "what a dispute is about", DISPUTE_SUBJECTS),
    Fact("post", "enum", "the place on the body a nomination is for: an officer post or an ordinary member's place", POSTS),
    Fact("previous_nominations", "int", "nominations the nominator already made for this post"),
    Fact("dispute", "bool", "the decision appealed against settled a dispute"),
    Fact("represented", "bool", "the group is represented on the body (a seat, not only affiliation)"),
    Fact("result", "enum", "how a ballot came out: a motion carried, lost or tied; an option chosen",
         ("carried", "lost", "tied", "chosen")),
    Fact("tied", "int", "how many options share the largest vote in a ballot"),
    Fact("campaigns_against_labour", "bool",
         "the person actively campaigns, electorally, for a vote against the Labour Party"),
]}


@dataclass(frozen=True)
class Topic:
    name: str
    value: str  # count | money | permission | decision | frequency | counting | tiebreak | step
    target: bool  # takes a body, e.g. delegates(conference), or a ballot (of = "ballot")
    doc: str
    # "ballot": the target is a ballot of a procedure, count(cac_motion). Such
    # topics say how a conference adopts a constitution, not what the
    # constitution says, so comparisons of drafts leave them out.
    of: str = "body"


TOPICS: dict[str, Topic] = {t.name: t for t in [
    Topic("delegates", "count", True, "how many delegates/representatives a group may send to a body"),
    Topic("fee", "money", False, "the affiliation fee or subscription"),
    Topic("join", "permission", False, "may this person become an individual supporter"),
    Topic("affiliate", "permission", False, "may this group affiliate"),
    Topic("submit_motion", "permission", True, "may this submitter put a motion to a body"),
    Topic("submit_amendment", "permission", True, "may this submitter put an amendment to a body"),
    Topic("sign_motion", "permission", False, "may this person sign a motion or amendment"),
    Topic("call_special_conference", "permission", False, "may this caller call a special conference"),
    Topic("recall", "permission", True, "may a member of this body be recalled in this way"),
    Topic("vote", "permission", True, "may this person vote in this body"),
    Topic("elect", "permission", True, "may the body be elected with this size"),
    Topic("pass_motion", "decision", True, "what vote carries a motion in this body"),
    Topic("circulate_motion", "permission", True, "were motions circulated in time before the meeting"),
    Topic("meetings", "frequency", True, "how often the body must meet"),
    Topic("quorum", "count", True, "how many must attend for a meeting to be quorate"),
    Topic("stand", "permission", True, "may this person be elected to the body, e.g. as a delegate"),
    Topic("labour_membership", "permission", False, "may this person be or remain a Labour Party member"),
    Topic("elections", "frequency", True, "how often the body's members must be elected"),
    Topic("recall_vote", "decision", True, "what vote recalls a member of this body"),
    Topic("amend_constitution", "permission", True, "may this body change the constitution"),
    Topic("disputes", "permission", False, "who resolves a dispute (delegated to that body)"),
    Topic("appeal", "permission", True, "may a decision of this body be appealed, and to whom"),
    Topic("nominate", "permission", True, "may this nominator nominate a candidate for the body"),
    # The procedure by which a conference adopts a constitution (CAC lines 17-45).
    Topic("begin", "step", False, "which ballot a procedure starts with", of="ballot"),
    Topic("count", "counting", True, "how a ballot is counted", of="ballot"),
    Topic("tie", "tiebreak", True, "who breaks a tie for first place in a ballot", of="ballot"),
    Topic("then", "step", True, "what follows a ballot, given its result", of="ballot"),
]}
PROCEDURE_TOPICS = frozenset(t.name for t in TOPICS.values() if t.of == "ballot")
RESULTS = ("carried", "lost", "tied", "chosen")

# The tallies a decision rule may count, as `majority of individuals`.
TALLIES: dict[str, str] = {
    "votes": "all votes cast",
    "individuals": "votes of individual members",
    "groups": "votes of affiliated groups, one per group",
    "delegate_votes": "delegate votes of affiliated groups",
    "branch_votes": "votes of LLA branches, each weighted by its membership",
}

FRACTIONS = {"majority": (1, 2), "two_thirds": (2, 3), "three_quarters": (3, 4)}
