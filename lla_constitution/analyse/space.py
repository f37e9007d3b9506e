"""The input space two or more rulebooks are compared over, cut exactly.

A *family* is one question the engine answers (a topic, and the body it
concerns). Its rules only compare facts with constants, so cutting every fact
at the constants *either* side uses gives cells in which both sides decide
the same way throughout. :func:`walk` goes through those cells as a decision
tree: a fact is only split where some rule still in play reads it, so a
group's fee_paid is never enumerated for a person's right to join.

Bodies are matched across rulebooks by name (:func:`roles`): Dulwich's
"Officers Group" and LAW/SLL's "Steering Committee" are one role because the
CAC composite names its steering group both ways.

>>> from lla_constitution.loader import load
>>> fams = families([load("dulwich"), load("law-sll")])
>>> [f.label for f in fams][:3]
['affiliate', 'amend_constitution(area_meeting)', 'amend_constitution(chair)']
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from functools import lru_cache

from .. import ast as A
from ..vocab import PROCEDURE_TOPICS
from ..evaluate import (SILENT, Dimension, _constants, _fact_cells, deciding, facts_in, held, possible,
                        topic_index)
from ..decision_table import table_for
from ..partition import Cell, int_cells, period_of
from ..resolve import Book
from ..vocab import FACTS, KINDS

NOT_APPLICABLE = ("not_applicable",)
# A recall vote on a body the draft provides no recall for, counted by a vote
# rule (Tees 2.14): lost when the count loses it, else silent (no one is
# recalled). The key is (NO_RECALL, decision).
NO_RECALL = "no_recall"

# The facts each question can be asked with: what `lla check` (or `lla ask`)
# gathers for it. A fact outside this list is never given, so where a rule
# reads it the answer ranges over its values, as `lla check` would report.
GROUP = ("kind", "members", "lla_supporters", "fee_paid", "affiliated", "region_affiliated",
         "national_affiliated")
PERSON = ("kind", "labour_status", "witch_hunt", "other_party", "socialist_party", "campaigns_against_labour",
          "lla_supporter", "proxy", "co_opted", "member_of", "date")
SUBMISSION = GROUP + ("signatories", "by", "adopted", "emergency", "previous_motions",
                      "previous_amendments", "motions_sent", "amendments_sent",
                      "motion_kind", "lead_time", "during_meeting")
ASKED_WITH: dict[str, tuple[str, ...]] = {
    "delegates": GROUP, "fee": ("kind", "members", "lla_supporters", "fee_paid"),
    "affiliate": GROUP,
    "join": PERSON, "labour_membership": PERSON, "stand": PERSON, "vote": PERSON,
    "sign_motion": PERSON + ("previous_signatures",),
    "submit_motion": SUBMISSION, "submit_amendment": SUBMISSION,
    "circulate_motion": ("lead_time",),
    "call_special_conference": ("by_body", "by", "petition_share", "groups_share"),
    "recall": ("special_meeting", "initiators", "initiator_categories", "by", "grounds", "notice"),
    "pass_motion": ("motion_kind", "full_debate"), "recall_vote": (),
    "elect": ("size",), "meetings": (), "elections": (), "quorum": (),
    "amend_constitution": (), "disputes": ("dispute_subject",), "appeal": ("dispute",),
    "nominate": GROUP + ("post", "previous_nominations"),
}

# The sorts of subject (vocab.Kind.sort) each question is about: a group
# affiliates, a person joins. A witness of an individual "affiliating" is true
# to the rules but persuades no one, so other sorts are not asked.
_SUBMITTERS = frozenset({"person", "group", "branch", "area", "body"})
ASKED_OF: dict[str, frozenset] = {
    "affiliate": frozenset({"group"}), "fee": frozenset({"person", "group"}),
    "delegates": frozenset({"group", "branch", "area"}),
    "nominate": frozenset({"person", "group", "branch", "region"}),
    "submit_motion": _SUBMITTERS, "submit_amendment": _SUBMITTERS,
    **{t: frozenset({"person"}) for t in ("join", "labour_membership", "stand", "vote", "sign_motion")},
}

# Questions a body of the LLA may act in (call a conference, put a motion):
# where one side lacks the body, that side's answer is 'not applicable'.
SUBMISSIONS = ("submit_motion", "submit_amendment")
BODY_ACTS = ("call_special_conference", "recall") + SUBMISSIONS

# Facts a question cannot state but presumes: `lla ask "what fee does ..."`
# describes a group on its own, neither its region nor its national body affiliated.
PRESUMED = {"fee": {"national_affiliated": False, "region_affiliated": False}}

# What the question is called in the terms, for grouping the report.
FAMILY_NAMES = {
    "delegates": "delegates", "fee": "fees", "join": "eligibility", "affiliate": "eligibility",
    "vote": "eligibility", "stand": "eligibility", "labour_membership": "eligibility",
    "submit_motion": "motion thresholds", "submit_amendment": "motion thresholds",
    "sign_motion": "motion thresholds", "call_special_conference": "petition thresholds",
    "circulate_motion": "deadlines", "pass_motion": "voting rules", "recall": "recall",
    "elect": "committee sizes", "quorum": "committee sizes", "meetings": "meetings",
    "elections": "meetings", "recall_vote": "recall", "amend_constitution": "voting rules",
    "disputes": "disputes", "appeal": "disputes", "nominate": "nominations",
}


def family_name(topic: str, role: str | None) -> str:
    if topic == "delegates" and role not in (None, "conference"):
        return "representatives"
    return FAMILY_NAMES[topic]


# ---- bodies across rulebooks --------------------------------------------

def roles(books) -> dict[tuple[str, str], str]:
    """(rulebook id, body id) -> the role it plays, linking bodies that share a name.

    >>> from lla_constitution.loader import load
    >>> r = roles([load("dulwich"), load("tees")])
    >>> r[("dulwich", "officers_group")] == r[("tees", "steering_committee")]
    True
    >>> r[("dulwich", "conference_organising_committee")] == r[("tees", "conference_arrangements_committee")]
    True
    """
    from ..loader import bundled_ids, load

    every = {b.id: b for b in books}
    for rid in bundled_ids():
        every.setdefault(rid, load(rid))
    return _roles(tuple(sorted((bid, b.ast) for bid, b in every.items())))


@lru_cache(maxsize=64)
def _roles(asts) -> dict[tuple[str, str], str]:
    parent: dict = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    by_name: dict[str, tuple] = {}
    books: dict = {}  # a role's root -> the rulebooks with a body in it
    for rid, ast in asts:
        for name, bid in ast.body_names().items():
            node = (rid, bid)
            a = find(node)
            books.setdefault(a, {(rid, bid)})
            if name not in by_name:
                by_name[name] = node
                continue
            b = find(by_name[name])
            if a == b:
                continue
            # A role is one body per rulebook: the CAC's launch conference
            # shares a name with launch-2020's conference, which is the LLA
            # conference of the others, but the CAC has a conference of its own.
            if {r for r, _ in books[a]} & {r for r, _ in books.setdefault(b, {by_name[name]})}:
                continue
            parent[a] = b
            books[b] |= books.pop(a)
    groups: dict = {}
    for node in list(parent):
        groups.setdefault(find(node), []).append(node)
    out = {}
    for members in groups.values():
        ids = [bid for _, bid in members]
        # The role is named by the id most rulebooks use for it.
        role = min(set(ids), key=lambda i: (-ids.count(i), i))
        out.update({m: role for m in members})
    return out


def local_bodies(book: Book, table: dict, rid: str | None = None) -> dict[str, str]:
    """role -> the body id `book` gives it; `rid` is the id the table knows it by."""
    rid = rid or book.id
    return {table[(rid, b.id)]: b.id for b in book.ast.bodies
            if (rid, b.id) in table and b.id not in book.ast.absent}


def body_for(book: Book, role: str, table: dict, rid: str | None = None) -> str | None:
    """The body of `book` that plays `role`, if it has one."""
    rid = rid or book.id
    return next((b.id for b in book.ast.bodies
                 if table.get((rid, b.id)) == role and b.id not in book.ast.absent), None)


# ---- families ------------------------------------------------------------

@dataclass(frozen=True)
class Family:
    topic: str
    role: str | None  # the body asked about, as a role

    @property
    def label(self) -> str:
        return self.topic + (f"({self.role})" if self.role else "")

    @property
    def name(self) -> str:
        return family_name(self.topic, self.role)

    @property
    def names(self) -> tuple[str, ...]:
        """Every way `--family` may pick it: 'fees', 'fee' or 'delegates(conference)'."""
        return (self.name, self.topic, self.label)


def select(fams: list[Family], only) -> list[Family]:
    """The families `--family` asks for (all of them when it is not given)."""
    return [f for f in fams if not only or any(n in only for n in f.names)]


def families(books, table: dict | None = None) -> list[Family]:
    """Every question some rulebook among `books` answers, sorted."""
    table = table if table is not None else roles(books)
    found = set()
    for book in books:
        # Every clause the file holds: a composite's options decide questions
        # its common ground leaves open.
        for clause in book.ast.all_clauses():
            for rule, _ in A.rules_of(clause):
                if rule.topic in PROCEDURE_TOPICS:
                    continue  # how a conference adopts a constitution, not what it says
                role = table.get((book.id, rule.target), rule.target) if rule.target else None
                found.add(Family(rule.topic, role))
    return sorted(found, key=lambda f: (f.topic, f.role or ""))


# ---- one side's answer ---------------------------------------------------

@dataclass
class View:
    """One rulebook seen through a family: its rules, and role names turned into its own."""

    book: Book
    target: str | None
    applicable: bool
    entries: list
    to_local: dict  # role -> this book's body id, for `by` and `member_of`

    def local(self, facts: dict) -> dict:
        out = dict(facts)
        if "by" in out and out["by"] in self.to_local:
            out["by"] = self.to_local[out["by"]]
        elif out.get("by") not in (None, "petition", "none"):
            del out["by"]  # a body this draft lacks: as if no body were named
        if "member_of" in out:
            out["member_of"] = frozenset(self.to_local.get(m, m) for m in out["member_of"])
        return out


def view(book: Book, fam: Family, table: dict, rid: str | None = None) -> View:
    """`rid`: the rulebook id the role table knows (a composed variant's menu)."""
    rid = rid or book.id
    to_local = local_bodies(book, table, rid)
    if fam.role is None:
        return View(book, None, True, book.entries(fam.topic, None), to_local)
    target = body_for(book, fam.role, table, rid)
    if target is None:
        return View(book, None, False, [], to_local)
    return View(book, target, True, book.entries(fam.topic, target), to_local)


def answers(v: View, topic: str, facts: dict, unstated=()) -> frozenset:
    """Every answer the rulebook can give on these facts: one value key when the
    text settles it, several when a vague clause or an unstated fact decides.

    Ratios stay symbolic (`1 per 3 lla_supporters`); :mod:`.diff` compares them."""
    if not v.applicable:
        return frozenset([NOT_APPLICABLE])
    by = facts.get("by")
    foreign = by is not None and by not in ("petition", "none") and by not in v.to_local
    # As `lla check` has it: a special conference called, a motion put or an
    # officer recalled by a body the draft lacks is not applicable.
    if foreign and topic in BODY_ACTS:
        return frozenset([NOT_APPLICABLE])
    if topic == "pass_motion" and facts.get("motion_kind") == "constitutional" and v.target:
        # As `lla check` has it: a body carries a constitutional motion only
        # where the draft lets it change the constitution; otherwise that
        # answer (forbidden, silent, the OG decides) is the answer.
        power = View(v.book, v.target, True, v.book.entries("amend_constitution", v.target),
                     v.to_local)
        gate = answers(power, "amend_constitution", {})
        if gate != frozenset([("permission", True)]):
            return gate
    if topic == "recall_vote" and v.target and not provides_recall(v.book, v.target):
        # As `lla check` has it: a vote to recall a member of a body the
        # draft provides no recall for recalls no one, however a vote would
        # be counted (Tees 2.14 counts every decision; round 40); but a vote
        # the draft's count loses is lost, so the count still tells drafts
        # apart (round 42): a vote rule becomes NO_RECALL's "lost when short".
        return frozenset((NO_RECALL, k[1]) if k[0] == "decision" else SILENT
                         for k in _counted(v, topic, facts, unstated))
    return _counted(v, topic, facts, unstated)


def provides_recall(book, body: str) -> bool:
    """Whether some clause lets someone recall a member of `body`: one that
    leaves the recall unsaid provides none (round 60: CAC 3.2 B's "carried"
    for a recall its 3.2.b leaves unsaid).

    >>> from lla_constitution.loader import load
    >>> provides_recall(load("london"), "officers_group"), provides_recall(load("tees"), "steering_committee")
    (True, False)
    """
    return any(isinstance(e.rule.value, A.Permission) and e.rule.value.allowed for e in book.entries("recall", body))


def _counted(v: View, topic: str, facts: dict, unstated) -> frozenset:
    """The answers the view's own rules give, each set of facts once."""
    if not v.entries:
        return frozenset([SILENT])
    local = v.local(facts)
    # The answer turns only on the cell of each fact the view's rules read
    # (decision_table): the walk meets the same cell of one side in many
    # leaves that differ in facts only other sides read.
    key = (topic, table_for(v.book, topic, v.target).key(local), tuple(unstated))
    cache = v.__dict__.setdefault("_answers", {})
    found_before = cache.get(key)
    if found_before is not None:
        return found_before
    cache[key] = out = _answers(v, topic, local, unstated)
    return out


def _answers(v: View, topic: str, local: dict, unstated) -> frozenset:
    ix = topic_index(v.book, topic, v.target)
    found: set = set()
    for extra in _unstated_values(v, unstated):
        scenario = {**local, **extra}
        hold = held(ix, scenario)
        keys = sorted({r[0] for i in hold if (r := ix.entries[i].reading)})
        _bounded(v.book, [len(v.book.eithers[k].readings) for k in keys])
        for combo in itertools.product(*(range(len(v.book.eithers[k].readings)) for k in keys)):
            winners = deciding(ix, hold, dict(zip(keys, combo)))
            found.update(as_asked(topic, ix.keys[i]) for i in winners) if winners else found.add(SILENT)
    return frozenset(found)


def _bounded(book: Book, sizes: list[int]) -> None:
    """The same limit on readings combined as `lla ask` has."""
    from ..evaluate import check_readings

    n = 1
    for k in sizes:
        n *= k
    check_readings(n, book.ast.span)


def as_asked(topic: str, key: tuple) -> tuple:
    """An answer as `lla check` tells it: a rule that says the text leaves a
    permission or number unsaid ('unspecified') answers 'silent', as no rule
    would. A motion's 'unspecified' (Dulwich 3.3: consensus, else a show of
    hands) is counted differently from silence, so it stays; a recall vote's
    is never so counted (round 39), so it is silence.

    >>> as_asked("vote", ("unspecified",)), as_asked("pass_motion", ("unspecified",))
    (('silent',), ('unspecified',))
    >>> as_asked("recall_vote", ("unspecified",))
    ('silent',)
    """
    from ..vocab import TOPICS

    if key == ("unspecified",) and (TOPICS[topic].value != "decision" or topic != "pass_motion"):
        return SILENT
    return key


def _unstated_values(v: View, unstated):
    """The values of facts a rule reads but the question cannot give."""
    if not unstated:
        yield {}
        return
    cells = [_fact_cells(f, v.entries, v.book) for f in unstated]
    for combo in itertools.product(*cells):
        yield {f: c.rep for f, c in zip(unstated, combo)}


# ---- the walk ------------------------------------------------------------

@dataclass
class Leaf:
    """A box of the input space where every side's answer is fixed."""

    cells: dict  # fact -> cell index, for the facts split on the way here
    facts: dict  # a real scenario inside the box (the witness)
    answers: tuple | None  # one frozenset of value keys per side; None: an impossible box


@dataclass
class Space:
    family: Family
    views: list  # list of lists: per side, its variants' views
    dims: dict[str, Dimension] = field(default_factory=dict)  # fact -> its cells
    order: list[str] = field(default_factory=list)


def space(fam: Family, sides: list[list[View]]) -> Space:
    """The cells of every fact the family's rules read, cut at all sides' constants."""
    entries = [e for variants in sides for v in variants for e in v.entries]
    sp = Space(fam, sides)
    read = []
    for e in entries:
        read += [f for f in facts_in(e.rule.cond) if f not in read]
        if isinstance(e.rule.value, A.Ratio) and e.rule.value.fact not in read:
            read.append(e.rule.value.fact)
    if fam.topic in BODY_ACTS and "by" not in read:
        # Called by a body one side lacks, it is 'not applicable' there even
        # where no rule names the caller.
        read.append("by")
    if fam.topic in SUBMISSIONS and "kind" not in read:
        read.append("kind")  # a body of the LLA submitting is a kind of its own (lla_body)
    if fam.topic == "pass_motion" and "motion_kind" not in read:
        read.append("motion_kind")  # a constitutional motion first asks the body's power
    read.sort(key=lambda f: (f != "kind", list(FACTS).index(f)))
    for f in read:
        sp.dims[f] = Dimension(f, FACTS[f].type, _cells(f, fam.topic, entries, sides))
        sp.order.append(f)
    return sp


def _cells(fact: str, topic: str, entries, sides) -> list[Cell]:
    ftype = FACTS[fact].type
    if ftype == "enum" and fact == "by":
        # Bodies as roles, and a petition (no body) for special conferences.
        names = sorted({r for variants in sides for v in variants for r in v.to_local})
        if topic == "call_special_conference":
            names.append("petition")
        if topic in SUBMISSIONS:
            names.append("none")  # put by a group or by members, not by a body
        return [Cell(n, None, None, label=n) for n in names]
    if ftype == "set":
        consts: set = set()
        for e in entries:
            _constants(e.rule.cond, fact, consts)
        roles_ = sorted({_role_of(n, sides) for n in consts})
        return ([Cell(frozenset([n]), None, None, label=n) for n in roles_]
                + [Cell(frozenset(), None, None, label="none of them")])
    if ftype in ("int", "money"):
        consts = set()
        for e in entries:
            _constants(e.rule.cond, fact, consts)
        return int_cells(consts)
    book = next(v.book for variants in sides for v in variants)
    cells = _fact_cells(fact, entries, book)
    if fact == "kind" and topic in ASKED_OF:
        cells = [c for c in cells if KINDS[c.rep].sort in ASKED_OF[topic]]
    return cells


def _role_of(name: str, sides) -> str:
    for variants in sides:
        for v in variants:
            for role, local in v.to_local.items():
                if local == name:
                    return role
    return name


def allowed(topic: str, fixed: dict) -> set[str]:
    """The facts a question about `topic` can state, given those already fixed.

    A person submitting alone gives signatories, not a group's size; a body
    calling a special conference gives no petition."""
    facts = set(ASKED_WITH.get(topic, ()))
    if topic in SUBMISSIONS and "kind" in fixed:
        if fixed["kind"] in ("individual", "lla_body"):
            facts -= set(GROUP[1:])  # members put it, or a body of the LLA: no group's facts
        if fixed["kind"] != "individual":
            facts.discard("signatories")
    if topic == "call_special_conference":
        if fixed.get("by_body") is True:
            facts.discard("petition_share")
            facts.discard("groups_share")
        if fixed.get("by_body") is False or fixed.get("by") == "petition":
            facts.discard("by")  # a petition is called by no body
    return facts


def walk(sp: Space):
    """Yield a :class:`Leaf` per box in which every side's answer is fixed.

    Only facts read by a rule still in play are split, so the walk is exact
    and usually far smaller than the product of all cells."""
    yield from _Walk(sp).leaves()


def _test(entry):
    from ..cond_code import compile_fast

    return compile_fast(entry.rule.cond)


class _Walk:
    """The walk's rules as bit masks: a node keeps which rules are still in
    play (`live`) and which are settled true, as two integers, so a split
    re-tests only the rules that read the fact split and finds the next fact
    to split without looking at the others (`submit_motion(conference)` over
    the five drafts has some 200,000 leaves and 2 million nodes)."""

    def __init__(self, sp: Space):
        self.sp, self.topic = sp, sp.family.topic
        self.views = [v for variants in sp.views for v in variants]
        self.tests, self.owner = [], []
        self.cond_mask: dict[str, int] = {}  # fact -> rules whose condition reads it
        self.read_mask: dict[str, int] = {}  # fact -> rules that read it (with a ratio's fact)
        for vi, v in enumerate(self.views):
            for e in v.entries:
                bit = 1 << len(self.tests)
                self.tests.append(_test(e))
                self.owner.append(vi)
                for f in facts_in(e.rule.cond):
                    self.cond_mask[f] = self.cond_mask.get(f, 0) | bit
                for f in _reads(e):
                    self.read_mask[f] = self.read_mask.get(f, 0) | bit
        self.order = [(f, self.read_mask.get(f, 0)) for f in sp.order]
        self._can: dict = {}
        self.out: list[Leaf] = []

    def leaves(self) -> list[Leaf]:
        live = (1 << len(self.tests)) - 1
        self._node({}, {}, None, live, 0)
        return self.out

    def can(self, facts: dict) -> set[str]:
        key = (facts.get("kind"), facts.get("by_body"), facts.get("by"))
        found = self._can.get(key)
        if found is None:
            found = self._can[key] = allowed(self.topic, facts)
        return found

    def _node(self, cells: dict, facts: dict, changed: str | None, live: int, settled: int):
        # A rule ruled out stays ruled out as facts are added (the logic is
        # three-valued and monotone), and one settled true stays true, so a
        # split re-tests only the undecided rules that read the fact split.
        # At the root every rule is tested; below, only those that read the split fact.
        retest = live if changed is None else live & ~settled & self.cond_mask.get(changed, 0)
        local: dict = {}
        while retest:
            low = retest & -retest
            i = low.bit_length() - 1
            retest ^= low
            vi = self.owner[i]
            seen = local.get(vi)
            if seen is None:
                seen = local[vi] = self.views[vi].local(facts)
            held = self.tests[i](seen)
            if held is True:
                settled |= low
            elif held is False:
                live ^= low
        fact = self._next(facts, live)
        sp, topic = self.sp, self.topic
        if fact is None:
            real = realise(sp, topic, cells, {**PRESUMED.get(topic, {}), **facts})
            if real is None:
                self.out.append(Leaf(dict(cells), dict(facts), None))  # no real case: lets regions join
                return
            # The facts a rule in play reads that the question cannot give
            # (their order does not change the answers).
            unstated = [f for f, m in self.order if live & m and f not in real]
            per_side = tuple(frozenset().union(*(answers(v, topic, real, unstated) for v in variants))
                             for variants in sp.views)
            self.out.append(Leaf(dict(cells), real, per_side))
            return
        for i, cell in enumerate(sp.dims[fact].cells):
            cells[fact] = i
            facts[fact] = cell.rep
            if not self._doomed(fact, cells, facts):
                self._node(cells, facts, fact, live, settled)
        del cells[fact], facts[fact]

    def _doomed(self, fact: str, cells: dict, facts: dict) -> bool:
        """Whether no case below this box is real, as `realise` would find at
        every leaf under it: those leaves hold no case, and no reader of the
        walk uses them (compare and diff skip them), so the box is not
        walked. Only tests that stay true however the box is cut further
        (issue 14: of 759,000 leaves of submit_motion(conference), 740,000
        were such boxes: a group's motion "put by" one of twenty bodies)."""
        topic, sp = self.topic, self.sp
        if topic in SUBMISSIONS and fact in ("kind", "by") and "kind" in facts and "by" in facts:
            # As realise: a body of the LLA puts it as itself, anyone else as no body.
            if (facts["kind"] == "lla_body") == (facts["by"] == "none"):
                return True
        if fact in ("during_meeting", "lead_time") and facts.get("during_meeting") is True \
                and "lead_time" in cells:
            lc = sp.dims["lead_time"].cells[cells["lead_time"]]
            if not (lc.lo == 0 and lc.lo_incl):
                return True
        for big, small in _AT_LEAST:
            if fact in (big, small) and big in cells and small in cells:
                bc, sc = sp.dims[big].cells[cells[big]], sp.dims[small].cells[cells[small]]
                if bc.hi is not None and bc.hi < sc.lo:
                    return True
        return False

    def _next(self, facts: dict, live: int) -> str | None:
        """The first fact, in the space's order, that a rule in play reads and
        the question can still give, or that must be split for its own sake."""
        topic, sp = self.topic, self.sp
        can = self.can(facts)
        special = set()
        if topic in ("call_special_conference", "recall") and "by" in can and "by" not in facts:
            special.add("by")  # a body one side lacks cannot act there: not applicable
        if topic in SUBMISSIONS and "kind" in can and "kind" not in facts and "kind" in sp.dims:
            special.add("kind")  # whether a body of the LLA puts it, which the next line splits
        if topic == "pass_motion" and "motion_kind" not in facts:
            special.add("motion_kind")  # whether the body may change the constitution
        if topic in SUBMISSIONS and facts.get("kind") == "lla_body" \
                and "by" in can and "by" not in facts and "by" in sp.dims:
            special.add("by")  # which body puts it: one side may have no such body
        for f, m in self.order:
            if f in special or (live & m and f not in facts and f in can):
                return f
        return None


def _reads(entry) -> list[str]:
    out = facts_in(entry.rule.cond)
    if isinstance(entry.rule.value, A.Ratio):
        out = out + [entry.rule.value.fact]
    return out


# Facts one of which is never smaller than the other: no more LLA supporters
# than members, no more categories than initiators, no fewer motions sent on
# any heading than on this one.
_AT_LEAST = (("members", "lla_supporters"), ("initiators", "initiator_categories"),
             ("motions_sent", "previous_motions"), ("amendments_sent", "previous_amendments"))


def realise(sp: Space, topic: str, cells: dict, facts: dict) -> dict | None:
    """A real scenario in the box, or None when the box holds none.

    Each fact takes its cell's lowest value, raised where facts constrain each
    other (no more LLA supporters than members; no more categories of
    initiator than initiators), so a box is never wrongly judged empty."""
    out = dict(facts)
    if topic == "call_special_conference":
        # As `lla check` puts it: a body calls it, or a petition does.
        if "by_body" not in out and "by" in out:
            out["by_body"] = out["by"] != "petition"
        if out.get("by_body") is False:
            out["by"] = "petition"
        elif out.get("by") == "petition":
            return None
        if out.get("by_body") is True:
            out.pop("petition_share", None)
            out.pop("groups_share", None)
        elif out.get("petition_share") and out.get("groups_share"):
            return None  # a petition is of individuals or of groups, not both
    if topic in SUBMISSIONS and ("by" in out or out.get("kind") == "lla_body"):
        # As `lla check` puts it: a body of the draft submits as itself, anyone else as no body.
        if out.get("kind") == "lla_body" and out.get("by", "none") == "none":
            return None
        if out.get("kind") not in (None, "lla_body") and out.get("by", "none") != "none":
            return None
    if out.get("during_meeting") is True and "lead_time" in cells:
        # Put once the meeting has begun: no time before it is left.
        lc = sp.dims["lead_time"].cells[cells["lead_time"]]
        if not (lc.lo == 0 and lc.lo_incl):
            return None
        out["lead_time"] = period_of(0)
    for big, small in _AT_LEAST:
        if big in cells and small in cells:
            bc, sc = sp.dims[big].cells[cells[big]], sp.dims[small].cells[cells[small]]
            if bc.hi is not None and bc.hi < sc.lo:
                return None
            out[big] = max(bc.lo, sc.lo)
    if "initiators" in out and "initiator_categories" in out:
        if (out["initiators"] == 0) != (out["initiator_categories"] == 0):
            ic = sp.dims["initiators"].cells[cells["initiators"]] if "initiators" in cells else None
            if out["initiator_categories"] >= 1 and ic is not None and (ic.hi is None or ic.hi >= 1):
                out["initiators"] = max(out["initiators"], out["initiator_categories"], 1)
            else:
                return None
    out = _not_empty(sp, cells, out)
    # The facts no action can give together (a socialist party that is no
    # other party; round 48), as `evaluate.possible` rules them out.
    return out if possible(out) else None


def _not_empty(sp: Space, cells: dict, out: dict) -> dict:
    """A group of 0 members or a petition of no one persuades nobody: where
    the cell allows more, take its upper boundary (members ≤ 9 gives 9), or 1
    when it has none. The answers are the same throughout a cell."""
    for f in ("lla_supporters", "members", "signatories"):
        if out.get(f) != 0 or f not in cells:
            continue
        c = sp.dims[f].cells[cells[f]]
        if c.hi is None or c.hi > 0:
            out[f] = c.hi if c.hi is not None else max(c.lo, 1)
    if "members" in out and "lla_supporters" in out and out["lla_supporters"] > out["members"]:
        # No more supporters than members: raise the members within their cell, or
        # lower the supporters within theirs.
        mc = sp.dims["members"].cells[cells["members"]] if "members" in cells else None
        sc = sp.dims["lla_supporters"].cells[cells["lla_supporters"]] if "lla_supporters" in cells else None
        if mc is None or mc.hi is None or mc.hi >= out["lla_supporters"]:
            out["members"] = out["lla_supporters"]
        elif sc is None or sc.lo <= out["members"]:
            out["lla_supporters"] = max(out["members"], sc.lo if sc else 0)
    return out
