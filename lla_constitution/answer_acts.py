"""Answer the yes-or-no, who-may and value questions of `lla ask`.

A yes-or-no question is answered by `lla check` of the action it reads as
(question_acts), so the two cannot disagree. A who-may question checks that
action once for every subject the draft could mean (each kind of group, each
body, individual members together, a petition), with the facts the question
does not give left open: the evaluator then splits the answer at the exact
thresholds of the rules (partition.py), and each row says when the subject
may. A value question ("how many signatures does a motion need?") asks the
topic with the fact it is about left open, in the same way.

>>> from lla_constitution.loader import load
>>> from lla_constitution.question import parse_question
>>> a = answer(parse_question("may the steering committee call a special conference?"), load("tees"))
>>> a.status, a.answer, [c.clause for c in a.because]
('determined', 'no', ['5.1'])
"""
from __future__ import annotations

from pydantic import ValidationError

from . import ast as A
from .words import no_body
from .actions import Checker, check
from .errors import InputError, QuestionError, fail
from .evaluate import evaluate
from .explain import citations, to_answer
from .model import ACTIONS, AnswerOut, CaseOut, Group, Person, Register, VerdictOut
from .resolve import Book
from .vocab import DISPUTE_SUBJECTS, KINDS, POSTS

YES_NO = {"allowed": "yes", "forbidden": "no"}
_DEFINITE = {"allowed", "forbidden", "carried", "lost", "referred"}


def model(q, doc: dict):
    """The pydantic action of a question, with a located error if impossible."""
    try:
        return ACTIONS[doc["action"]].model_validate(doc)
    except ValidationError as err:
        msg = err.errors()[0]["msg"].removeprefix("Value error, ")
        msg = msg.split(": ", 1)[1] if msg.split(": ", 1)[0].isidentifier() else msg
        fail(QuestionError, q.source.span(0, len(q.source.text)), f"impossible question: {msg}")


def from_verdict(v: VerdictOut, question: str, action: dict | None = None) -> AnswerOut:
    """A verdict of `lla check` as the answer to a yes-or-no question."""
    from .explain import unsaid_in_part

    status = "determined" if v.verdict in _DEFINITE else v.verdict
    answers = None
    if v.answers:
        answers = [c.model_copy(update={"answer": YES_NO.get(c.answer, c.answer)}) for c in v.answers]
        if status == "ambiguous" and unsaid_in_part(v.answers):
            status = "silent"  # "silent in part": yes for some cases, unsaid for the others (round 23)
    return AnswerOut(draft=v.draft, question=question, status=status,
                     answer=YES_NO.get(v.verdict, v.verdict) if status == "determined" else None,
                     verdict=v.verdict, answers=answers, decided_by=v.decided_by, because=v.because,
                     conditions=v.conditions, assumed=v.assumed, notes=v.notes, unmet=v.unmet,
                     reasons=v.reasons, action=action)


# Actions whose votes a question gives as one count ("by 30 votes to 10").
_COUNTED = ("pass_motion", "recall_vote", "recall_officer")


def _count_clauses(book: Book, action: dict) -> list:
    """The clauses that say how the body counts this vote, as the action's
    own rules are found (its body by any name; a motion's kind)."""
    from .ask import find_body

    # A recall by a named body is counted as that body decides (actions.recall_vote).
    by = action.get("by") if action.get("action") != "pass_motion" else None
    topic = "recall_vote" if action.get("action") != "pass_motion" and not by else "pass_motion"
    body = find_body(book, str(by or action.get("body") or ""))
    if body is None:
        return []
    facts = {"motion_kind": action.get("motion_kind", "ordinary")} if topic == "pass_motion" else {}
    return citations(evaluate(book, topic, body, facts).because)


def _splits(q, book: Book, message: str) -> dict | None:
    """Verdicts of a motion whose one count the draft takes in two parts,
    each with a split of the votes that gives it (a witness), for a few
    splits: where the votes go at the extremes and halfway. None where the
    parts are not two plain tallies. Each verdict found is possible; a
    verdict not found may still be (the splits are samples)."""
    import re

    from .vocab import TALLIES

    # The first reading's parts; another reading's are found as they are asked for.
    parts = re.findall(r"'(\w+)'", message.partition("needs the ")[2].partition(";")[0])
    votes = q.action.get("votes") or {}
    if (q.action.get("action") != "pass_motion" or len(parts) != 2 or "branch_votes" in parts
            or not isinstance(votes, dict)):
        return None
    f, a = int(votes.get("for", 0)), int(votes.get("against", 0))
    picks = lambda n: sorted({0, min(1, n), n // 2, (n + 1) // 2, max(n - 1, 0), n})  # noqa: E731
    found: dict = {}
    # Splits where both parts have votes first: a witness with a part no one
    # voted in is the last resort.
    pairs = sorted(((f1, a1) for f1 in picks(f) for a1 in picks(a)),
                   key=lambda p: ((p[0] + p[1] == 0) + (f - p[0] + a - p[1] == 0),
                                  abs(2 * p[0] - f) + abs(2 * p[1] - a)))
    rest = list(parts[1:])
    for f1, a1 in pairs:
        doc = {k: v for k, v in q.action.items() if k != "votes"}
        doc[parts[0]] = {"for": f1, "against": a1}
        v = None
        for _ in range(3):
            # The rest of the votes are the other part's, however a reading
            # counts it (Dulwich 2.10: delegate votes, or groups' votes).
            for t in rest:
                doc[t] = {"for": f - f1, "against": a - a1}
            try:
                v = check(book, model(q, doc))
                break
            except InputError as err:
                more = [t for t in re.findall(r"'(\w+)'", err.message.partition("needs the ")[2].partition(";")[0])
                        if t in TALLIES and t != parts[0] and t not in rest and t != "branch_votes"]
                if not more:
                    break
                rest += more
        if v is None:
            continue
        split = (f"{TALLIES[parts[0]]} {f1} to {a1} and "
                 + " or ".join(TALLIES[t] for t in rest) + f" {f - f1} to {a - a1}")
        # A verdict that turns on a reading gives each reading's (Dulwich 2.10).
        cases = ([(v.verdict, "")] if v.verdict in _DEFINITE else
                 [(c.answer, " (" + " or ".join(c.when) + ")") for c in v.answers or [] if c.answer in _DEFINITE])
        for verdict, where in cases:
            if verdict not in found:
                found[verdict] = split + where
    return found


def answer(q, book: Book, register: Register | None = None) -> AnswerOut:
    question = " ".join(q.text.split())
    if q.action is not None:
        try:
            return from_verdict(check(book, model(q, q.action), register), question, q.action)
        except InputError as err:
            if q.action.get("action") not in _COUNTED:
                raise  # refused as `lla check` refuses it (round 23: not a vote to count apart)
            # The draft counts a tally the question cannot give ("by 30 votes
            # to 10" is one count; Dulwich counts individuals and groups apart).
            # The clauses that set the count are cited (round 43: none were).
            counted = _count_clauses(book, q.action)
            if "'eligible'" in err.message:
                # A count of all entitled to vote: the question gives no number of them.
                return AnswerOut(draft=book.id, question=question, status="ambiguous",
                                 depends_on=["how many may vote"], action=q.action, because=counted,
                                 reasons=[err.message, "the question does not say how many may vote: "
                                          "check an action file with 'eligible' "
                                          f"(`lla new {q.action['action']}`)"])
            split = _splits(q, book, err.message)
            if q.action.get("action") == "pass_motion" and q.action["votes"].get("for", 0) == 0:
                # No vote for it in any part: lost however the votes split
                # (round 63: "0 votes to 30" at Dulwich's AGM was "ambiguous").
                verdict = "lost"
                return AnswerOut(draft=book.id, question=question, status="determined",
                                 answer=verdict, verdict=verdict, action=q.action, because=counted,
                                 reasons=[err.message, "with no vote for it, no part of the count carries "
                                          "it: it is lost however the votes split"])
            answers = None
            if split:
                answers = [CaseOut(answer=v, status="determined", when=[f"e.g. {w}"], because=counted)
                           for v, w in split.items()]
            return AnswerOut(draft=book.id, question=question, status="ambiguous",
                             depends_on=["the votes counted apart"], action=q.action, because=counted,
                             answers=answers,
                             reasons=[err.message, "the question gives one count of votes: "
                                      "check an action file with each tally "
                                      f"(`lla new {q.action['action']}`)"])
    if q.form == "who_acts":
        return who(q, book, register)
    if q.form in _FORMS:
        return _FORMS[q.form](q, book, question, register)
    return value(q, book, question)


# ---- yes or no, about a body -------------------------------------------------

def _may_body(q, book, question, register) -> AnswerOut:
    fields = q.act_fields
    body = book.ast.find_body(fields["body"])
    if body is None:
        return AnswerOut(draft=book.id, question=question, status="not_applicable",
                         reasons=[no_body(book.id, fields['body'])])
    if q.act == "elect_committee":
        doc = {"action": "elect_committee", "body": fields["body"], "size": fields["size"]}
        return from_verdict(check(book, model(q, doc), register), question, doc)
    if q.act == "amend_constitution":
        checker = Checker(book, register)
        nominal = model(q, {"action": "pass_motion", "body": fields["body"], "motion_kind": "constitutional"})
        v = checker.permission(nominal, "amend_constitution", body, {})
        return from_verdict(v.model_copy(update={"action": "amend_constitution"}), question)
    # resolve_dispute: may this body resolve it? Yes where the draft sends it
    # there; on appeal where it hears appeals against the body it goes to
    # (Tees 6.2, 6.3). With no subject given, each subject is asked.
    if not fields.get("subject"):
        return _joined([(_may_resolve(q, book, question, register, body, subject), _about(subject))
                        for subject in DISPUTE_SUBJECTS], book, question)
    return _may_resolve(q, book, question, register, body, fields["subject"])


def _may_resolve(q, book, question, register, body: str, subject: str) -> AnswerOut:
    doc = {"action": "resolve_dispute", "subject": subject}
    v = check(book, model(q, doc), register)
    out = from_verdict(v, question, doc)
    if v.verdict != "delegated":
        return out
    out.status = "determined"
    if v.decided_by == body:
        out.answer = "yes"
        return out
    out.answer = "no"
    out.reasons = out.reasons + [f"{book.id} sends it to {_name(book, v.decided_by)}"]
    appeal = evaluate(book, "appeal", v.decided_by, {"dispute": True})
    if appeal.status == "delegated" and appeal.decided_by == body:
        out.answer = "on appeal"
        out.because = out.because + [c for c in citations(appeal.because) if c not in out.because]
        out.reasons.append(f"{_name(book, body)} hears appeals against the decisions of {_name(book, v.decided_by)}")
    return out


def _may_either_post(q, book, question, register) -> AnswerOut:
    """'nominate a candidate': an officer post and an ordinary place, each checked."""
    parts = []
    for post in POSTS:
        doc = {"action": "nominate", **q.act_fields, "post": post}
        parts.append((from_verdict(check(book, model(q, doc), register), question, doc),
                      {"officer": "for an officer post", "member": "for an ordinary member's place"}[post]))
    # A body with no officer posts (Tees's CC): a candidate is for its places.
    kept = [p for p in parts if p[0].status != "not_applicable"] or parts
    return _joined(kept, book, question)


def _may_recall_any(q, book, question, register) -> AnswerOut:
    """'may conference recall an officer?': each body whose members the draft lets be recalled."""
    parts = []
    for target in _recall_targets(book):
        doc = {"action": "recall_officer", "body": target, "by": q.act_fields["by"]}
        parts.append((from_verdict(check(book, model(q, doc), register), question, doc),
                      f"a member of {_name(book, target)}"))
    if not parts:
        by = q.act_fields.get("by")
        if by and book.ast.find_body(by) is None:
            # A recaller the draft does not have: as `lla check` answers it
            # (round 41), not "says nothing" (round 61).
            return AnswerOut(draft=book.id, question=question, status="not_applicable",
                             note=no_body(book.id, by))
        return AnswerOut(draft=book.id, question=question, status="silent",
                         reasons=[f"{book.id} says nothing on recalling anyone"])
    return _joined(parts, book, question)


def _joined(parts, book, question) -> AnswerOut:
    """One answer from several (an officer post and an ordinary place): the
    same answer once, or each with what it is for."""
    outs = [o for o, _ in parts]
    if len({(o.status, str(o.answer), str(o.answers)) for o in outs}) == 1:
        # The same answer: with every part's grounds and notes (round 46: an
        # ordinary place's 3.1 was lost behind the officer post's 3.2).
        one = outs[0].model_copy(deep=True)
        for o in outs[1:]:
            one.because += [c for c in o.because if c not in one.because]
            one.notes += [n for n in o.notes if n not in one.notes]
            one.assumed += [x for x in o.assumed if x not in one.assumed]
        return one
    from .ask import least_certain

    cases: list[CaseOut] = []
    for o, label in parts:
        found = (o.answers or [CaseOut(answer=o.answer, status=o.status, decided_by=o.decided_by,
                                       because=o.because)])
        for c in found:
            when = [label + (f" and ({' or '.join(c.when)})" if c.when else "")]
            # The same answer on the same grounds for several parts: one case.
            # Grounds too: a silence 5.2 speaks to is not one no clause does
            # (Dulwich, round 37).
            same = next((x for x in cases if (x.answer, x.status, x.decided_by, x.because)
                         == (c.answer, c.status, c.decided_by, list(c.because))), None)
            if same is not None:
                same.when += when
            else:
                cases.append(c.model_copy(update={"when": when, "because": list(c.because)}))
    because = []
    for o in outs:
        because += [c for c in o.because if c not in because]
    status = least_certain([o.status for o in outs])
    # Parts that answer differently: several answers, each with when it
    # holds, whatever the status of the least certain part.
    common = [r for r in outs[0].reasons if all(r in o.reasons for o in outs)]
    if status in ("determined", "silent", "delegated"):
        # Settled for some parts and unsaid for others is silent in part
        # (Tees 6.1 names six subjects of dispute), not ambiguous (round 27).
        from .explain import unsaid_in_part

        status = "silent" if unsaid_in_part(cases) else "ambiguous"
    # Each part's notes and presumptions: a note may be all that says a rule
    # is an inference (Dulwich 5.1; round 28).
    notes = list(dict.fromkeys(n for o in outs for n in o.notes))
    assumed = list(dict.fromkeys(x for o in outs for x in o.assumed))
    return AnswerOut(draft=book.id, question=question, status=status, answers=cases, because=because,
                     depends_on=["what it is for"], reasons=common, notes=notes, assumed=assumed)


_FORMS = {"may_body": _may_body, "may_either_post": _may_either_post, "may_recall_any": _may_recall_any}


def _about(subject: str) -> str:
    return "about anything else" if subject == "other" else f"about {subject}"


def _name(book: Book, body: str | None) -> str:
    b = book.ast.body(body) if body else None
    return b.name if b is not None else str(body)


def _subject(book: Book, body: str) -> str:
    """A body as a row of a who-may table: where it is set up only under an
    option of a choice left open (CAC 3.2 C's conduct body), the row says so,
    as on the other options there is no such body to ask about.

    >>> from lla_constitution.loader import load_variants
    >>> (b,) = load_variants(["cac"], ["4.3=B"], [], {("amend_constitution", None)})
    >>> _subject(b, "constitutional_committee")
    'Constitutional Committee (only if 3.2 is D)'
    """
    for bid, choice, options in getattr(book.ast, "open_bodies", ()):
        if bid == body:
            return f"{_name(book, body)} (only if {choice} is {' or '.join(options)})"
    return _name(book, body)


def _recall_targets(book: Book) -> list[str]:
    return sorted({t for (topic, t) in book.by_topic if topic == "recall" and t})


# ---- who may -------------------------------------------------------------------

PERSON_ACTS = ("join", "labour_membership", "stand", "vote", "sign_motion")
# Sorts of group asked, per act (analyse.space.ASKED_OF, less the sorts asked otherwise).
_GROUP_SORTS = {"affiliate": {"group"}, "send_delegates": {"group", "branch", "area"},
                "nominate": {"person", "group", "branch", "region"},
                "submit_motion": {"group", "branch", "area"}, "submit_amendment": {"group", "branch", "area"}}
_NOT_WHO = {"elect_committee": "how many members may BODY have?",
            "appeal": "who hears appeals against BODY?  /  may decisions of BODY be appealed?",
            "resolve_dispute": "who resolves disputes about SUBJECT?"}


def who(q, book: Book, register: Register | None = None) -> AnswerOut:
    """Every subject the act could be asked of, with whether and when it may."""
    question = " ".join(q.text.split())
    act, fields = q.act, dict(q.act_fields)
    if act in _NOT_WHO:
        fail(QuestionError, q.source.span(0, len(q.source.text)), "this is not a who-may question",
             help="ask: " + _NOT_WHO[act])
    for key in ("body",):
        if key in fields and book.ast.find_body(fields[key]) is None:
            return AnswerOut(draft=book.id, question=question, status="not_applicable",
                             reasons=[no_body(book.id, fields[key])])
    if act == "nominate" and "post" not in fields:
        fields["post"] = "member"  # rows per post would double the table; say which
    rows, left_out = [], []
    for label, doc, open_, named in subjects(act, fields, book):
        if act == "recall_officer" and "body" not in doc:
            continue
        checker = Checker(book, register)
        checker.open_facts = frozenset(open_)
        if doc.pop("_power", False):  # who may change the constitution: the body's power
            v = checker.permission(model(q, doc), "amend_constitution", doc["body"], {})
        else:
            v = getattr(checker, doc["action"])(model(q, doc))
        row = _row(label, doc, v, book)
        # Only where no rule answers at all: a row silent in part (a deadline
        # that binds every submitter, Dulwich 3.6) is a row (round 24).
        # A silence a clause speaks to (an `unspecified` rule with its note,
        # CAC 3.2 B) is a row too: it says which clause and why (round 39).
        if row["status"] in ("silent", "not_applicable") and not named and not v.answers and not (
                row["status"] == "silent" and v.notes and v.because):
            left_out.append(label)
            continue
        rows.append(row)
    if not rows:
        return AnswerOut(draft=book.id, question=question, status="silent",
                         reasons=[f"no clause of {book.id} says who may do this"])
    _presumed_in_row(rows)
    from .ask import least_certain

    because = []
    for r in rows:
        because += [c for c in r["because"] if c not in because]
    # The rules' own notes, once each: a table of "no" rows may rest on a
    # note saying who does decide (LAW/SLL 3.a: the groups replace their own).
    notes = list(dict.fromkeys(n for r in rows for n in r.get("notes") or []))
    from .evaluate import elected_note

    target = book.ast.find_body(fields["body"]) if "body" in fields else None
    elected = elected_note(book, act, target) if target is not None else None
    return AnswerOut(draft=book.id, question=question, status=least_certain(r["status"] for r in rows),
                     answer=rows, notes=notes, because=[type(c).model_validate(c) if isinstance(c, dict) else c
                                           for c in because],
                     note=("no rule answers for: " + "; ".join(left_out)) if left_out else None,
                     reasons=([elected] if elected else [])
                     + ([f"asked for an ordinary member's place ({book.id}: ask 'nominate an "
                         "officer' for officer posts)"] if act == "nominate" and "post" not in q.act_fields
                        else []))


def _presumed_in_row(rows: list[dict]) -> None:
    """A plain 'yes' or 'no' that rests on a presumption the other rows do
    not share says so in its own 'when' (round 65: Tees's trade union
    'yes' rested on 'the group is affiliated', said only under the table,
    beside rows that say 'depends: affiliated'). Presumptions every answering
    row shares stay under the table."""
    answering = [r for r in rows if r.get("may") not in (None, "silent", "not applicable")]
    shared = set.intersection(*(set(r.get("assumed") or []) for r in answering)) if answering else set()
    for r in answering:
        own = [x for x in r.get("assumed") or [] if x not in shared]
        if r["may"] in ("yes", "no") and not r["when"] and own:
            r["when"] = ["presumed: " + ", ".join(own)]
        elif own:
            # Each case the row gives rests on it too (round 66: London's
            # "silent or yes" rows did not say so).
            r["when"] = [f"{w} (presumed: {', '.join(own)})" for w in r["when"]]


def subjects(act: str, fields: dict, book: Book):
    """(label, action document, facts left open, whether a rule names it) per subject."""
    from .ask import mentioned_kinds

    if act in PERSON_ACTS:
        # Whether the person is co-opted, or votes by proxy, is not asked
        # either: left open, as every other fact of the person is.
        yield "anyone", {"action": act, **fields, "person": {}}, ("co_opted", "proxy"), True
        return
    named = mentioned_kinds(book)
    by_named = _by_values(book, {"recall_officer": "recall"}.get(act, act))
    if act == "recall_officer":
        targets = [fields["body"]] if "body" in fields else _recall_targets(book)
        for target in targets:
            for body in _present(book):
                yield (f"{_subject(book, body.id)}, of a member of {_name(book, target)}" if "body" not in fields
                       else _subject(book, body.id),
                       {"action": act, "body": target, "by": body.id}, (), body.id in by_named)
        return
    if act == "amend_constitution":
        for body in _present(book):
            yield _subject(book, body.id), {"action": "pass_motion", "body": body.id,
                                         "motion_kind": "constitutional", "_power": True}, (), \
                ("amend_constitution", body.id) in book.by_topic
        return
    if act == "call_special_conference":
        yield ("a petition of individual supporters",
               {"action": act, "petition": {"signatures": 1, "supporters": 1}}, ("petition_share",),
               _tested(book, "call_special_conference", "petition_share"))
        together = _tested(book, "call_special_conference", "groups_share")
        # "and branches" where the draft counts them together (London 2.5;
        # round 67: the row named them under LAW/SLL and Tees).
        yield ("affiliated groups and branches asking together" if together else "affiliated groups asking together",
               {"action": act, "groups_petition": {"groups": 1, "of": 1}}, ("groups_share",), together)
        for body in _present(book):
            yield _subject(book, body.id), {"action": act, "by": body.id}, (), body.id in by_named
        return
    for kind in KINDS.values():
        if kind.sort in _GROUP_SORTS.get(act, ()):
            key = "nominator" if act == "nominate" else "group"
            yield (_a(kind.label), {"action": act, **fields, key: {"kind": kind.name}}, (),
                   kind.name in named)
    if act in ("submit_motion", "submit_amendment"):
        yield ("individual LLA members together", {"action": act, **fields, "signatories": 0},
               ("signatories",), True)
        target = book.ast.find_body(fields.get("body", "conference"))
        for body in _present(book):
            if body.id != target:
                yield _subject(book, body.id), {"action": act, **fields, "by": body.id}, (), body.id in by_named


def _present(book: Book):
    """The draft's bodies, less those an option not chosen would set up
    (CAC 3.2 D's Constitutional Committee under 3.2=A): not in the note of
    those no rule answers for, which would say they exist. Nor an
    organisation outside the LLA (JVL, Labour's NEC), which no draft asks to
    act in the LLA (round 46: listed among those no rule answers for)."""
    absent = set(getattr(book.ast, "absent", ()) or ())
    return [b for b in book.ast.bodies if b.id not in absent and not b.outside]


def _a(label: str) -> str:
    """'an LLA branch', 'a local group': by the sound, not the letter."""
    vowel = label[0].lower() in "aeiou" or label.startswith(("LLA", "MP", "NEC"))
    return ("an " if vowel else "a ") + label


def _tested(book: Book, topic: str, fact: str) -> bool:
    """Some rule on the topic compares the fact with a constant."""
    from .evaluate import _constants

    found: set = set()
    for (t, _), entries in book.by_topic.items():
        if t == topic:
            for e in entries:
                _constants(e.rule.cond, fact, found)
    return bool(found)


def _by_values(book: Book, topic: str | None = None) -> set[str]:
    """The bodies some rule (on the topic) names as the one acting (`by = organising_group`)."""
    from .evaluate import _constants

    found: set = set()
    for (t, _), entries in book.by_topic.items():
        if topic is None or t == topic:
            for e in entries:
                _constants(e.rule.cond, "by", found)
    return found


def _row(label: str, doc: dict, v: VerdictOut, book: Book) -> dict:
    """One row of a who-may table: may the subject, and when."""
    row = {"who": label, "action": {k: x for k, x in doc.items() if not k.startswith("_")},
           "verdict": v.verdict, "because": v.because, "when": [], "status": None,
           "assumed": v.assumed, "notes": v.notes}
    if v.verdict in _DEFINITE:
        row.update(may=YES_NO.get(v.verdict, v.verdict), status="determined")
    elif v.verdict == "ambiguous":
        cases = v.answers or []
        readings = any("reading:" in w for c in cases for w in c.when)
        definite = all(c.answer in _DEFINITE for c in cases)
        yes = [c for c in cases if c.answer == "allowed"]
        # Without readings, the cases are the text's own, each settled or
        # left unsaid: the row is as certain as its least certain case
        # ("silent" where the text says nothing of some: LAW/SLL 4.f's
        # fewer than 25 members, round 22).
        unsaid = all(c.answer in _DEFINITE or c.status == "silent" for c in cases)
        row["status"] = ("determined" if definite and not readings else
                         "silent" if unsaid and not readings else "ambiguous")
        said = sorted({YES_NO.get(c.answer, c.answer) or c.status.replace("_", " ") for c in cases})
        yes_or_no = all(c.answer in ("allowed", "forbidden") for c in cases)
        # "depends" with the yes-cases alone only where every other case is a
        # no: a case the text leaves silent is shown as such (LAW/SLL 4.f).
        row["may"] = ("depends" if yes and len(yes) < len(cases) and yes_or_no else
                      "yes" if yes and len(yes) == len(cases) else
                      "no" if definite and not yes and yes_or_no else " or ".join(said))
        row["when"] = ([w for c in yes for w in c.when] if row["may"] in ("depends", "yes") else
                       [f"{YES_NO.get(c.answer, c.answer) or c.status.replace('_', ' ')} when "
                        + " or ".join(c.when) for c in cases if c.when])
        row["answers"] = [c.model_dump() for c in cases]
    elif v.verdict == "delegated":
        row.update(may="decided by " + _name(book, v.decided_by), status="delegated")
    else:
        row.update(may=v.verdict.replace("_", " "), status=v.verdict)
    return row


# ---- values ------------------------------------------------------------------

def conditional(out: AnswerOut, fact: str) -> AnswerOut:
    """An answer that varies only with the fact the question asks about
    (signatures, notice, size) is determined: the text gives every case."""
    if out.status in ("ambiguous", "silent") and out.answers and not any(
            "reading:" in w for c in out.answers for w in c.when) and all(
            c.status in ("determined", "delegated", "silent") for c in out.answers):
        # Every case is settled by the text, left by it to a body, or not
        # spoken of: the least certain of them is the answer's status (round
        # 19: London's OG of one or more is conference's to decide; round 22:
        # LAW/SLL 4.f says nothing of fewer than 25 signatures). The cases stay.
        delegated = [c for c in out.answers if c.status == "delegated"]
        silent = any(c.status == "silent" for c in out.answers)
        out.status = "silent" if silent else "delegated" if delegated else "determined"
        out.decided_by = delegated[0].decided_by if len({c.decided_by for c in delegated}) == 1 else None
        out.depends_on = [fact]
    elif out.status == "determined" and out.answer in ("allowed", "forbidden"):
        out.answer = f"{out.answer} whatever the {FACT_WORDS.get(fact, fact)}"
    return out


FACT_WORDS = {"notice": "notice", "size": "size", "lead_time": "time before the meeting",
              "signatories": "number of signatures"}


def value(q, book: Book, question: str) -> AnswerOut:
    form = q.form
    if form == "how_much_notice":
        parts = []
        for target in _recall_targets(book):
            for by in sorted(_by_values(book)):
                if book.ast.body(by) is None:
                    continue
                result = evaluate(book, "recall", target, {"special_meeting": True, "by": by})
                values = [result.value] if result.status == "determined" else [c.value for c in result.cases]
                if not any(isinstance(v, A.Permission) and v.allowed for v in values):
                    continue  # this body may not recall a member of that one at all
                parts.append((conditional(to_answer(book.id, question, result), "notice"),
                              f"a member of {_name(book, target)}, recalled by {_name(book, by)}"))
        if not parts:
            return AnswerOut(draft=book.id, question=question, status="silent",
                             reasons=[f"{book.id} says nothing on recalling anyone"])
        out = _joined(parts, book, question)
        if not out.answers:
            # One answer for every recall: say which recalls it is of, as
            # the question does not (round 67: London's was its officers').
            labels = [label for _, label in parts]
            out.reasons.insert(0, "read as of the recall" + ("s" if len(labels) > 1 else "") + " the draft "
                               "lets be made: " + "; ".join(labels))
        return out
    if form == "who_resolves":
        subject = q.facts.get("subject")
        if subject:
            doc = {"action": "resolve_dispute", "subject": subject}
            return from_verdict(check(book, model(q, doc)), question, doc)
        # No subject given: each subject the vocabulary knows, said apart
        # where the answers differ (Tees 6.1 names six).
        parts = []
        for s_ in DISPUTE_SUBJECTS:
            doc = {"action": "resolve_dispute", "subject": s_}
            parts.append((from_verdict(check(book, model(q, doc)), question, doc), _about(s_)))
        return _joined(parts, book, question)
    body = book.ast.find_body(q.body_words) if q.body_words else None
    if q.body_words and body is None:
        return AnswerOut(draft=book.id, question=question, status="not_applicable",
                         reasons=[no_body(book.id, q.body_words)])
    if form == "who_hears":
        doc = {"action": "appeal", "against": q.body_words}
        return from_verdict(check(book, model(q, doc)), question, doc)
    if form == "what_majority":
        return _majority(q, book, body, question)
    if form == "how_many_signatures":
        facts = {"kind": "individual", "by": "none", "adopted": True, "during_meeting": False,
                 "emergency": q.facts.get("emergency", False), "previous_motions": 0,
                 "previous_amendments": 0, "motions_sent": 0, "amendments_sent": 0, "motion_kind": q.facts.get("motion_kind", "ordinary")}
        result = evaluate(book, q.topic, body, facts)
        # London 2.6 and Tees 5.5 read motions_sent and amendments_sent: presumptions, said (rounds 28, 31).
        return conditional(to_answer(book.id, question, result, ["during_meeting", "motions_sent", "amendments_sent"]),
                           "signatories")
    fact = {"elect": "size", "circulate_motion": "lead_time"}[q.topic]
    return conditional(to_answer(book.id, question, evaluate(book, q.topic, body, {})), fact)


def _majority(q, book: Book, body: str, question: str) -> AnswerOut:
    if q.topic == "recall_vote":
        voting = q.facts.get("voting body")
        if voting is not None:
            # "What majority does conference need to recall ...": first
            # whether conference may recall at all, as a recall vote by it is
            # checked (CAC 3.2 E gives the OG's two-thirds to the OG only).
            by = book.ast.find_body(voting)
            if by is None:
                return AnswerOut(draft=book.id, question=question, status="not_applicable",
                                 reasons=[no_body(book.id, voting)])
            checker = Checker(book)
            power = checker._recall_power(body, by)
            values = ([power.value] if power.status == "determined" else
                      [c.value for c in power.cases] if power.status == "ambiguous" else [])
            if not any(isinstance(v, A.Permission) and v.allowed for v in values):
                out = to_answer(book.id, question, power)
                if out.status == "determined":
                    out.answer = f"none: {_name(book, by)} may not recall a member of {_name(book, body)}"
                return out
            if not book.entries("recall_vote", body):
                return to_answer(book.id, question, evaluate(book, "pass_motion", by,
                                                             {"motion_kind": "ordinary", "full_debate": False}))
        return to_answer(book.id, question, evaluate(book, "recall_vote", body, {}))
    kind = q.facts["motion_kind"]
    vote = to_answer(book.id, question, evaluate(book, "pass_motion", body,
                                                 {"motion_kind": kind, "full_debate": False}),
                     ["full_debate"])
    if kind != "constitutional":
        return vote
    power = evaluate(book, "amend_constitution", body, {})
    name = _name(book, body)
    if power.status == "determined" and not power.value.allowed:
        out = to_answer(book.id, question, power)
        out.answer = f"none: {name} may not change the constitution"
        return out
    if power.status == "determined":
        vote.because = citations(power.because) + [c for c in vote.because
                                                   if c not in citations(power.because)]
        return vote
    from .ask import least_certain

    # Whether the body may change the constitution at all is not settled:
    # its majority for motions is no answer to what changing it needs.
    said = (f"{name} decides its motions by {vote.answer}" if vote.status == "determined"
            else f"how {name} decides its motions: {vote.status.replace('_', ' ')}")
    power_out = to_answer(book.id, question, power)
    power_out.answer = None
    power_out.status = least_certain([vote.status, power.status])
    power_out.because = power_out.because + [c for c in vote.because if c not in power_out.because]
    power_out.reasons = [said, f"whether {name} may change the constitution at all: "
                         + power.status.replace("_", " ")]
    power_out.assumed = list(vote.assumed)  # the count's presumption holds for its line
    return power_out
