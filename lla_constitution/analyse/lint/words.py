"""Topics, clauses and answers in a reader's words, for the findings' messages.

>>> topic_label("delegates", "conference"), clauses(["2.8", "3.8", "2.8"])
('delegates(conference)', 'clauses 2.8, 3.8')
>>> question("fee", None, "a group with exactly 200 members")
'what fee a group with exactly 200 members pays'
>>> from lla_constitution import ast as A
>>> both("delegates", "conference", "a group", A.Count(2), A.Count(3))
'a group may send both 2 and 3 delegates to conference'
"""
from __future__ import annotations

from ... import ast as A
from ...format import value as show_value

# What a permission topic lets someone do, as a verb phrase.
VERBS = {"join": "join", "affiliate": "affiliate", "submit_motion": "submit a motion to {body}",
         "submit_amendment": "submit an amendment to {body}", "sign_motion": "sign a motion",
         "call_special_conference": "call a special conference",
         "recall": "recall a member of {body}", "vote": "vote in {body}",
         "elect": "elect {body} at that size", "circulate_motion": "count motions to {body} as circulated",
         "stand": "stand for {body}", "labour_membership": "be a Labour Party member",
         "nominate": "nominate a candidate for {body}", "amend_constitution": "change the constitution as {body}",
         "appeal": "appeal a decision of {body}", "disputes": "resolve the dispute"}
# Who or what a topic is asked about, when the rules do not read a kind.
NOUNS = {"delegates": "a group", "fee": "a group", "join": "a person", "affiliate": "a group",
         "submit_motion": "a submitter", "submit_amendment": "a submitter", "sign_motion": "a person",
         "call_special_conference": "a caller", "recall": "a recall", "vote": "a voter",
         "elect": "a committee", "pass_motion": "a motion", "circulate_motion": "a motion",
         "meetings": "a meeting", "quorum": "a meeting", "stand": "a candidate",
         "labour_membership": "a person", "elections": "an election"}
# Count facts as a subject's attribute: "with exactly 100 members".
FACT_NOUNS = {"members": "members", "lla_supporters": "LLA supporters", "signatories": "signatories",
              "size": "members", "initiators": "initiators", "previous_motions": "earlier motions",
              "motions_sent": "earlier motions on any heading", "amendments_sent": "earlier amendments on any heading",
              "previous_signatures": "earlier signatures", "initiator_categories": "categories of initiator"}


def topic_label(topic: str, target: str | None) -> str:
    return f"{topic}({target})" if target else topic


def clauses(ids) -> str:
    """'clause 2.3' or 'clauses 2.8, 3.8', each id once, in the order given."""
    ids = list(dict.fromkeys(ids))
    return ("clause " if len(ids) == 1 else "clauses ") + ", ".join(ids)


def verb(rule: A.Rule) -> str:
    """What the rule lets someone do: 'submit a motion to conference'."""
    return VERBS.get(rule.topic, rule.topic).format(body=rule.target)


def article(words: str) -> str:
    """'a local group', 'an individual supporter'."""
    return ("an " if words[0].lower() in "aeiou" else "a ") + words


def question(topic: str, target: str | None, subject: str) -> str:
    """What the draft leaves unanswered, as words: 'what fee a group pays'."""
    if topic == "delegates":
        return f"how many delegates {subject} may send to {target}"
    if topic == "fee":
        return f"what fee {subject} pays"
    if topic in VERBS:
        return f"whether {subject} may {VERBS[topic].format(body=target)}"
    if topic == "pass_motion":
        return f"what vote carries {subject} in {target}"
    if topic in ("meetings", "elections", "quorum"):
        return {"meetings": f"how often {target} must meet", "elections": f"how often {target} is elected",
                "quorum": f"what quorum {target} needs"}[topic]
    return f"{topic.replace('_', ' ')} of {target} for {subject}" if target else f"{topic} for {subject}"


def both(topic: str, target: str | None, subject: str, va, vb) -> str:
    """The consequence of two answers at once, in a reader's words."""
    a, b = show_value(va), show_value(vb)
    if topic == "delegates" and isinstance(va, A.Count) and isinstance(vb, A.Count):
        return f"{subject} may send both {a} and {b} delegates to {target}"
    if topic == "fee" and isinstance(va, A.Money) and isinstance(vb, A.Money):
        return f"{subject} is charged both {a} and {b}"
    if isinstance(va, A.Permission) and isinstance(vb, A.Permission) and topic in VERBS:
        return f"{subject} is both allowed and forbidden to {VERBS[topic].format(body=target)}"
    return f"the draft gives two answers to {question(topic, target, subject)}: {a} and {b}"
