"""Turn a composite menu (common ground + choices) into concrete constitutions.

`--option 4.2=B` picks option B of choice 4.2: its clauses join the common
ground, and any amendment it applies is applied. A choice left open is not
guessed: :func:`variants` yields one constitution per option of each open
choice that matters to the question, so the answer comes per option.

>>> from lla_constitution.loader import parse_text
>>> menu = parse_text('''rulebook m
... body conference "Conference"
... clause 1 lines 1..1 fee = £10 end
... choice 2 "Delegates" lines 2..4
...   option A  clause 2.a lines 2..2 delegates(conference) = 2 end  end
...   option neither end
... end''')
>>> [b.id for b, _ in variants(menu, {}, {"delegates"})]
['m[2=A]', 'm[2=neither]']
>>> [c.id for c in compose(menu, {"2": "A"}).clauses]
['1', '2.a']
"""
from __future__ import annotations

import dataclasses
import itertools

from . import ast as A
from .amend import apply
from .errors import InputError, did_you_mean, fail

# The topic an action asks, where its name is not the topic's.
ACTION_TOPICS = {"send_delegates": "delegates", "recall_officer": "recall",
                 "elect_committee": "elect", "resolve_dispute": "disputes", "nominate": "nominate"}
# recall_vote is its own topic, asked by the action of the same name.


def parse_options(book: A.Rulebook, pairs, arg: str = "--option", requires: bool = True) -> dict[str, str]:
    """Check `CHOICE=OPTION` pairs against the menu; keys come back as the file spells them.
    `arg` is what the user typed them in: '--option', or a draft such as
    'cac:4.2=B' (diff, lint), whose errors then name it and its spelling."""
    def pick(key: str, value: str) -> str:
        return f"--option {key}={value}" if arg == "--option" else f"{book.id}:{key}={value}"

    chosen: dict[str, str] = {}
    for pair in pairs:
        key, eq, value = pair.partition("=")
        key, value = key.strip(), value.strip()
        if not eq or not key or not value:
            fail(InputError, None, f"'{pair}' is not a choice", path=arg,
                 expected="CHOICE=OPTION, e.g. 4.2=B", help="see the choices with: lla compose cac --list-options")
        if not book.choices:
            fail(InputError, None, f"{book.id} has no options to choose", path=arg,
                 help="--option applies to composite drafts such as cac")
        choice = book.choice(key)
        if choice is None:
            ids = [c.id for c in book.choices]
            fail(InputError, None, f"{book.id} has no choice '{key}'", path=arg,
                 expected="one of " + ", ".join(ids), help=did_you_mean(key, ids))
        option = choice.option(value)
        if option is None:
            keys = [o.key for o in choice.options]
            fail(InputError, None, f"choice {key} ({choice.title}) has no option '{value}'",
                 path=arg, expected="one of " + ", ".join(keys),
                 help=did_you_mean(value, keys) or f"write e.g. {pick(key, keys[0])}")
        if chosen.get(choice.id, option.key) != option.key:
            fail(InputError, None, f"choice {key} is given twice, as {chosen[choice.id]} and {option.key}",
                 path=arg, help="give each choice once")
        chosen[choice.id] = option.key
    for cid in chosen if requires else ():
        _check_requires(book, book.choice(cid), chosen, arg, pick)
    return chosen


def _check_requires(book: A.Rulebook, choice: A.Choice, chosen: dict[str, str], arg: str = "--option",
                    pick=lambda k, v: f"--option {k}={v}"):
    if choice.requires is None:
        return
    parent, keys = choice.requires
    if chosen.get(parent) not in keys:
        got = f"{parent} is {chosen[parent]}" if parent in chosen else f"{parent} is not chosen"
        fail(InputError, None,
             f"choice {choice.id} ({choice.title}) applies only if {parent} is {' or '.join(keys)}; {got}",
             path=arg, expected=" or ".join(pick(parent, k) for k in keys),
             help=(f"choose {parent} as well, or drop {pick(choice.id, chosen[choice.id])}"
                   if parent not in chosen else
                   f"{choice.id} is voted on only once {parent} {' or '.join(keys)} is agreed; "
                   f"drop {pick(choice.id, chosen[choice.id])}"))


def compose(book: A.Rulebook, chosen: dict[str, str]) -> A.Rulebook:
    """The constitution with the chosen options in place; open choices are left out."""
    clauses = list(book.clauses)
    applies = []
    for choice in book.choices:
        key = chosen.get(choice.id)
        if key is None:
            continue
        option = choice.option(key)
        clauses += option.clauses
        applies += option.applies
    # Keep the source's order: an option's clauses sit where the menu put them.
    clauses.sort(key=lambda c: c.lines[0] if c.lines else 0)
    # With the menu gone, whether an option-only body exists is settled here.
    unset = _unset_bodies(book, chosen)
    out = dataclasses.replace(book, clauses=tuple(clauses), choices=(),
                              absent=tuple(sorted(unset)),
                              open_bodies=tuple((b.id, b.only[0], tuple(b.only[1])) for b in book.bodies
                                                if b.only and b.only[0] not in chosen),
                              bodies=tuple(dataclasses.replace(b, only=None, unset=b.id in unset)
                                           for b in book.bodies))
    for aid in applies:
        out = dataclasses.replace(apply(out, book.amendment(aid)), id=out.id, title=out.title)
    label = ",".join(f"{k}={v}" for k, v in chosen.items())
    return dataclasses.replace(out, id=f"{book.id}[{label}]" if label else book.id, amendments=())


def _unset_bodies(book: A.Rulebook, chosen: dict[str, str]) -> set[str]:
    """Bodies declared `only under CHOICE = OPTIONS` whose choice went another
    way (3.2 D's Constitutional Committee under 3.2=A)."""
    return {b.id for b in book.bodies
            if b.only and b.only[0] in chosen and chosen[b.only[0]] not in b.only[1]}


def _body_id(book: A.Rulebook, words: str | None) -> str | None:
    """The body a question or action names, as the menu's rules name it."""
    return None if words is None else (book.find_body(words) or words)


def _asks(rule: A.Rule, wanted) -> bool:
    return any(rule.topic == w if isinstance(w, str) else
               (rule.topic == w[0] and (w[1] is None or rule.target == w[1])) for w in wanted)


# A topic pair (EXISTS, body) asks only whether the body exists: a body the
# question names as acting ("may the Constitutional Committee call ...").
EXISTS = "exists"


def action_topics(action) -> set:
    """What chooses the options to split an action's check on: its topic with
    its body, and each body acting or appealed against, which may exist only
    under some option."""
    topics = {(ACTION_TOPICS.get(action.action, action.action), getattr(action, "body", None))}
    if action.action in ("recall_vote", "recall_officer") and getattr(action, "votes", None) is not None:
        # A recall's vote is counted as the draft counts a recall of a member
        # of the body, else as the recaller decides its motions (round 63:
        # CAC 4.3 left open, a vote of conference was counted by 2.1.d alone).
        topics.add(("recall_vote", getattr(action, "body", None)))
        if isinstance(getattr(action, "by", None), str):
            topics.add(("pass_motion", action.by))
    return topics | {(EXISTS, getattr(action, k)) for k in ("by", "against")
                     if isinstance(getattr(action, k, None), str)}


def relevant(book: A.Rulebook, topics) -> list[A.Choice]:
    """The choices whose options decide any of `topics` (None: every choice).

    A topic is a name (`"fee"`) or a pair with the body asked about
    (`("delegates", "conference")`): a choice about who sits on the OG does
    not split an answer about conference delegates. (EXISTS, body) is
    decided only by the choice the body exists under."""
    wanted = None if topics is None else [
        t if isinstance(t, str) else (t[0], _body_id(book, t[1])) for t in topics]
    out = []
    for choice in book.choices:
        clauses = [c for o in choice.options for c in o.clauses]
        clauses += [c for o in choice.options for aid in o.applies
                    for op in book.amendment(aid).ops for c in getattr(op, "clauses", ())]
        bodies = {w[1] for w in wanted or () if not isinstance(w, str)}
        if wanted is None or any(_asks(r, wanted) for c in clauses for r, _ in A.rules_of(c)) \
                or any(b.only and b.only[0] == choice.id for b in book.bodies if b.id in bodies):
            out.append(choice)  # it decides the topic, or whether the body asked about exists
    return out


def decides(book: A.Rulebook, choice: A.Choice) -> bool:
    """Whether any option of `choice` holds a rule: the aims' amendments
    (1.2.a.1, 1.2.b, Rotherham's) change only the text, so no answer turns on
    them and none is split by them.

    >>> from lla_constitution.loader import load
    >>> cac = load("cac").ast
    >>> [c.id for c in cac.choices if not decides(cac, c)]
    ['rotherham', '1.2.a.1', '1.2.a.2', '1.2.b']
    """
    clauses = [c for o in choice.options for c in o.clauses]
    clauses += [c for o in choice.options for aid in o.applies
                for op in book.amendment(aid).ops for c in getattr(op, "clauses", ())]
    return any(True for c in clauses for _ in A.rules_of(c))


# Topics a question asks only indirectly: whether a group presumed affiliated
# may affiliate at all (presume.py), and whether a body that votes on a
# constitutional motion may change the constitution (actions.py).
PRESUMING = ("delegates", "submit_motion", "submit_amendment", "nominate")


def indirect_topics(topics) -> set:
    """The topics a question about `topics` also turns on.

    >>> sorted(indirect_topics({("delegates", "conference")}), key=str)
    ['affiliate']
    """
    out: set = set()
    for t in topics or ():
        name, body = (t, None) if isinstance(t, str) else t
        if name in PRESUMING:
            out.add("affiliate")
        if name == "pass_motion":
            out.add(("amend_constitution", body))
    return out


def indirect_choices(book: A.Rulebook, topics) -> set[str]:
    """Choices that decide a question only through an indirect topic."""
    if topics is None:
        return set()
    direct = {c.id for c in relevant(book, topics)}
    return {c.id for c in relevant(book, indirect_topics(topics))} - direct


def collapse_key(draft: str, indirect: dict[str, set[str]]) -> str:
    """The label an answer keeps once the choices asked indirectly are set aside.

    >>> collapse_key("cac[2.2=A,4.2=B]", {"cac": {"2.2"}})
    'cac[4.2=B]'
    """
    base, _, inner = draft.partition("[")
    picks = [p for p in inner.rstrip("]").split(",") if p]
    kept = [p for p in picks if p.partition("=")[0] not in indirect.get(base, set())]
    return base + (f"[{','.join(kept)}]" if kept else "")


def collapse(outs: list, indirect: dict[str, set[str]], memo: dict | None = None,
             aside: frozenset = frozenset()) -> list:
    """Merge the answers that differ only in a choice asked indirectly and agree
    on everything else: `cac[4.2=B,2.2=A]` ... `cac[4.2=B,2.2=neither]`, all
    '2', become one `cac[4.2=B]` answer; where they disagree all are kept.
    `memo`: each answer's text kept by its id, for a caller (lla table) that
    passes the same answer objects, alive throughout, many times. `aside`:
    fields not compared; of `conditions`, the merged answer keeps those every
    variant shares."""
    groups: dict[str, list] = {}
    for o in outs:
        groups.setdefault(collapse_key(o.draft, indirect), []).append(o)
    out = []
    for key, members in groups.items():
        # The same answer, once each variant's own id in its notes is set aside.
        texts = []
        for m in members:
            text = memo.get(id(m)) if memo is not None else None
            if text is None:
                text = _said(m, aside, key)
                if memo is not None:
                    memo[id(m)] = text
            texts.append(text)
        if len(members) > 1 and len(set(texts)) == 1:
            out.append(_merged(members, texts[0], "conditions" in aside))
        else:
            out.extend(members)
    return out


def _said(o, aside, label: str) -> str:
    """An answer as text for comparing, its own label written as `label`."""
    import json

    return json.dumps(o.model_dump(mode="json", exclude=set(aside)),
                      sort_keys=True).replace(json.dumps(o.draft)[1:-1], label)


def _merged(members: list, said: str, common_conditions: bool):
    """One answer from `members` that all read `said`; with `common_conditions`,
    it keeps the conditions every one of them shares."""
    import json

    merged = type(members[0]).model_validate(json.loads(said))
    if common_conditions:
        merged.conditions = [c for c in members[0].conditions if all(c in m.conditions for m in members)]
    return merged


def collapse_alike(outs: list, menus: dict | None = None) -> list:
    """Merge a composite's answers that say the same thing under several
    options of one choice: the same status, answer, cases, clauses, notes
    and reasons, the choice labels aside (round 45: 24 identical answers for
    an LLA branch's motion to the SG). Where, the other picks fixed, every
    option of a choice gives that answer, the choice is set aside (round 46:
    "may a local group affiliate?" printed once per 4.2 option, though 4.2
    decides nothing of it); where only some do, they share one label,
    `3.2=B/C/D/neither`. A label still names exactly the combinations its
    answer holds under. The values a rule saw (`conditions`) may differ
    where a presumption did (a branch presumed affiliated under one option,
    not another): only the conditions every variant shares are kept.
    `menus` (books.menus) gives every option of each choice: a choice is set
    aside only where all of them give the answer, not only those asked.

    >>> from lla_constitution.model import AnswerOut
    >>> outs = [AnswerOut(draft=f"cac[2.2={a},4.2={k}]", question="q", status="silent" if a == "A" else "ambiguous")
    ...         for a in "ABC" for k in "AB"]
    >>> [o.draft for o in collapse_alike(outs)]
    ['cac[2.2=A]', 'cac[2.2=B/C]']
    """
    while True:
        picks = [_picks(o.draft) for o in outs]
        seen: dict[tuple[str, str], list[str]] = {}
        for base, chosen in picks:
            for c, vs in chosen.items():
                have = seen.setdefault((base, c), [])
                have += [v for v in vs if v not in have]
        for (base, c), values in seen.items():
            full = (menus or {}).get(base, {}).get(c, values)
            merged = _merge_choice(outs, picks, base, c, values, full) if len(values) > 1 else None
            if merged is not None:
                outs = merged
                break
        else:
            return outs


def _picks(draft: str) -> tuple[str, dict[str, list[str]]]:
    """'cac[3.2=A/E,4.2=B]' -> ('cac', {'3.2': ['A', 'E'], '4.2': ['B']})."""
    base, _, inner = draft.partition("[")
    return base, {k: v.split("/") for k, _, v in (p.partition("=") for p in inner.rstrip("]").split(",") if p)}


def _merge_choice(outs, picks, base, choice, values, full=None):
    """`outs` with the answers alike across options of `choice` (of composite
    `base`), the other picks fixed, as one; None where none are alike."""
    import json

    here = "@@label@@"  # where an answer names its own label ("cac[3.2=A] says nothing ...")
    groups: dict[tuple[str, str], list[int]] = {}
    for i, (o, (b, chosen)) in enumerate(zip(outs, picks)):
        if b == base and choice in chosen:
            groups.setdefault((collapse_key(o.draft, {base: {choice}}), _said(o, {"conditions"}, here)),
                              []).append(i)
    into: dict[int, object] = {}  # the first member's index -> the merged answer
    gone: set[int] = set()
    for (key, said), members in groups.items():
        if len(members) < 2:
            continue
        have = [v for v in values if any(v in picks[i][1][choice] for i in members)]
        label = dict(picks[members[0]][1])
        if set(have) == set(full or values):
            label.pop(choice)  # every option gives it: the choice is set aside
        else:
            label[choice] = have
        name = base + (f"[{','.join(f'{c}={chr(47).join(vs)}' for c, vs in label.items())}]" if label else "")
        into[members[0]] = _merged([outs[i] for i in members], said.replace(here, json.dumps(name)[1:-1]), True)
        gone |= set(members[1:])
    if not into:
        return None
    return [into.get(i, o) for i, o in enumerate(outs) if i not in gone]


# Open choices a question is answered under, at most: each is a whole
# constitution to compose and ask. The CAC's widest question has 24.
MAX_VARIANTS = 1024


def variants(book: A.Rulebook, chosen: dict[str, str], topics):
    """(constitution, open choices varied) for each combination of the open
    choices that matter; a choice whose prerequisite is not met drops out."""
    open_ = [c for c in relevant(book, topics) if c.id not in chosen]
    # A sub-choice opens only under its parent's options, so the parent is
    # varied too (round 46: 3.2's sub-option 2 was never asked, 3.2 itself
    # deciding nothing of "may the launch conference call a conference?").
    for c in list(open_):
        parent = book.choice(c.requires[0]) if c.requires is not None else None
        if parent is not None and parent.id not in chosen and parent not in open_:
            open_.insert(open_.index(c), parent)
    if not open_:
        yield compose(book, chosen), {}
        return
    count = 1
    for c in open_:
        count *= len(c.options)
    if count > MAX_VARIANTS:
        from .errors import InputError, fail

        fail(InputError, book.span,
             f"a question here turns on {len(open_)} open choices, {count:,} combinations, "
             f"more than the {MAX_VARIANTS:,} lla explores", path=book.id,
             expected=f"at most {MAX_VARIANTS:,} combinations of open choices",
             help="choose some options: ask, check and diff take --option CHOICE=OPTION, e.g. "
                  f"--option {open_[0].id}={open_[0].options[0].key}")
    seen = set()
    for combo in itertools.product(*[[o.key for o in c.options] for c in open_]):
        pick = dict(chosen)
        varied = {}
        for choice, key in zip(open_, combo):
            pick[choice.id] = key
            varied[choice.id] = key
        for choice in open_:
            req = choice.requires
            if req is not None and pick.get(req[0]) not in req[1]:
                pick.pop(choice.id)
                varied.pop(choice.id)
        frozen = tuple(sorted(pick.items()))
        if frozen in seen:
            continue
        seen.add(frozen)
        yield compose(book, pick), varied


def options_table(book: A.Rulebook) -> list[dict]:
    """The menu as data: each choice, its options, their texts and origins."""
    out = []
    for ch in book.choices:
        out.append({
            "choice": ch.id, "title": ch.title,
            "requires": ({"choice": ch.requires[0], "options": list(ch.requires[1])}
                         if ch.requires else None),
            "note": ch.text,
            "options": [{"option": o.key, "title": o.title, "from": list(o.origins),
                         "clauses": [c.id for c in o.clauses],
                         "applies": list(o.applies),
                         "text": "\n".join(c.text for c in o.clauses) or
                         "\n".join(_amendment_text(book, a) for a in o.applies)}
                        for o in ch.options]})
    return out


def _amendment_text(book: A.Rulebook, aid: str) -> str:
    am = book.amendment(aid)
    return am.text if am is not None else ""
