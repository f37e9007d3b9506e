"""Walk a conference procedure from its tallies to what it adopts.

The procedure is data in a rulebook: its ballots (`ballot ...`) and rules on
them, `begin`, `count(B)`, `tie(B)` and `then(B)`. This module is the same
for any such procedure: it asks the rulebook, ballot by ballot, how the votes
are counted, who breaks a tie and what follows the result, cites the clause
behind each answer, and stops with a named open question wherever the text
decides nothing and the user has supplied no rule.

>>> from lla_constitution.loader import load
>>> from lla_constitution.source import Source
>>> from lla_constitution.conference.tallies import parse
>>> t = parse(Source("t.yaml", "cac_motion: {for: 40, against: 40}\\n"))
>>> out = run(load("cac"), t)
>>> out.status, out.steps[0].decided_by
('undecided', 'undecided')
>>> out.open[0].split(" (")[0]
'the CAC procedural motion: a tie of 40 to 40 is neither carried nor voted down'
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, Field

from .. import ast as A
from ..evaluate import evaluate
from ..explain import citations
from ..model import Citation
from ..resolve import Book
from .count import ABSOLUTE, PLURALITY, RULE_WORDS, Count, absolute, leaders, settle
from .tallies import Tallies

MAX_STEPS = 200  # ballots walked; a procedure that loops is refused, not followed forever


class StepOut(BaseModel):
    """One vote held: what was voted on, the votes, what it decided and how."""

    ballot: str
    title: str
    item: Optional[str] = None  # a choice id, "draft+amendment", or none
    item_title: Optional[str] = None
    votes: dict[str, int] = Field(default_factory=dict)
    abstained: int = 0  # given in the tallies; not votes cast, so not counted
    result: Optional[str] = None  # carried | lost | an option key | a draft id
    result_title: Optional[str] = None  # the option's title, where it has one
    decided_by: Literal["count", "chair", "assumed counting rule", "assumed casting vote", "undecided"]
    how: str
    because: list[Citation] = Field(default_factory=list)


class RunOut(BaseModel):
    """The whole conference: every vote held, and what it adopted, if anything."""

    draft: str
    status: Literal["adopted", "undecided"]
    adopted: Optional[str] = None  # "cac:2.2=B,..." or "london+keable"
    adopted_title: Optional[str] = None
    chosen: dict[str, str] = Field(default_factory=dict)
    steps: list[StepOut] = Field(default_factory=list)
    open: list[str] = Field(default_factory=list)  # what the text does not decide
    assumptions: list[str] = Field(default_factory=list)
    unused: list[str] = Field(default_factory=list)  # tallies of votes the procedure did not reach
    unused_casting: list[str] = Field(default_factory=list)  # casting votes no tie called for


def _notes(res) -> str:
    """The encoder's notes on the rules behind an answer, which say what the text leaves out."""
    return "; ".join(e.rule.note for e in res.because if e.rule.note)


class _Open(Exception):
    """The text decides nothing here: the walk stops, with this said."""


class _Walk:
    def __init__(self, book: Book, tallies: Tallies, counting: str | None):
        self.book, self.t = book, tallies
        self.counting = counting or tallies.counting()
        self.out = RunOut(draft=book.id, status="undecided")
        self.chosen: dict[str, str] = {}
        self.carried: dict[str, list[str]] = {}
        self.unsettled: list[str] = []  # sections the text leaves open
        self.open_amendments: dict[str, list[str]] = {}  # per draft

    # ---- asking the procedure ----
    def ask(self, topic: str, ballot: str | None, facts: dict):
        return evaluate(self.book, topic, ballot, facts)

    def rule(self, ballot: A.Ballot):
        """How the ballot is counted: PLURALITY, ABSOLUTE, a Decision, or None (not said)."""
        res = self.ask("count", ballot.id, {})
        value = res.value if res.status == "determined" else None
        cites = citations(res.because)
        if isinstance(value, A.Largest):
            return PLURALITY, cites
        if isinstance(value, A.Decision):
            t = value.tests[0]
            if len(value.tests) == 1 and t.fraction == "majority" and t.tally == "votes" and not t.of_all:
                return ABSOLUTE, cites
            return value, cites
        return None, cites

    # ---- one vote ----
    def vote(self, ballot: A.Ballot, votes: dict[str, int], item: str | None = None,
             item_title: str | None = None, words=None) -> StepOut:
        """Count one vote; a tie goes to whoever the procedure says breaks it."""
        words = words or {}
        rule, cites = self.rule(ballot)
        step = StepOut(ballot=ballot.id, title=ballot.name, item=item, item_title=item_title,
                       votes=votes, abstained=self.t.abstained, decided_by="count", how="", because=cites)
        if isinstance(rule, A.Decision):
            return self._threshold(step, rule, votes)
        c = settle(votes, rule) if rule is not None else self._either_way(step, votes)
        if c.winner:
            step.result, step.how = c.winner, c.how
            # Only where the count asks for more than half (round 45: not for
            # line 44's "largest number of votes", which abstentions cannot change).
            # Only where the rule in force asks for more than half: not under
            # a largest-vote rule, the text's or the user's (--counting
            # plurality); and "against" leading an amendment or ratification
            # leaves it not carried either way (round 48 check). The CAC
            # motion is voted down only "if a majority votes against".
            needs_half = rule is ABSOLUTE or (rule is None and self.counting != "plurality")
            carried_either_way = c.winner == "against" and ballot.id != "cac_motion"
            turns = (not carried_either_way and step.abstained and "more than half" in c.how
                     and 2 * votes[c.winner] <= sum(votes.values()) + step.abstained)
            if turns and needs_half:
                self._abstentions(step, votes, c.winner, words)
            elif turns and rule is None:
                # The user's largest-vote rule settles it, the abstentions
                # aside: said as the assumption it is (round 48 check).
                self.t.consulted.add(("abstentions", None))  # under this rule they change nothing
                step.decided_by = "assumed counting rule"
                step.how = f"the largest vote, {votes[c.winner]} of {sum(votes.values())} cast"
                self._assume(f"{self._label(step)}: counted as 'the largest vote' (--counting plurality); "
                             f"with the {step.abstained} abstentions no option has more than half")
            return step
        if c.tied:
            return self._tie(step, ballot, votes, c.tied, words)
        supplied = step.decided_by == "assumed counting rule"
        step.decided_by, step.how = "undecided", c.how
        if supplied:
            raise _Open(self._said(step, c.open))
        said = self.count_note(ballot)
        top = max(votes.values(), default=0)
        leaders = [k for k, n in votes.items() if n == top]
        # A tie for the largest vote is open under plurality too: say so
        # before the user reaches for it (round 59).
        tie = (f"; {' and '.join(leaders)} tie for the largest vote at {top}, so --counting plurality "
               "leaves it open too unless a casting vote of your own goes under assume: casting"
               if top and len(leaders) > 1 else "")
        raise _Open(self._said(step, f"{c.open}" + (f" ({said})" if said else "")
                               + "; give --counting plurality or --counting absolute-majority "
                                 "to count it by a rule of your own" + tie))

    def _abstentions(self, step: StepOut, votes: dict[str, int], winner: str, words) -> None:
        """A majority that counting the abstentions would take away. The
        procedure never says whether they count (2.1.d's "not counting
        abstentions" is the composite's, not yet in force), so the vote is
        open unless the user says (round 48: it was adopted on the
        assumption, exit 0; round 44 had said the assumption only)."""
        cast, total = sum(votes.values()), sum(votes.values()) + step.abstained
        said = (f"{words.get(winner, winner)} has {votes[winner]} of the {cast} votes cast, more than "
                f"half, but not more than half of the {total} with the {step.abstained} abstentions")
        rule = self.t.abstentions()
        self.t.consulted.add(("abstentions", None))
        if rule == "not_counted":
            step.decided_by = "assumed counting rule"
            self._assume(f"{self._label(step)}: the {step.abstained} abstentions are not counted "
                         f"(assume: abstentions); counted, {votes[winner]} of {total} would not be more "
                         "than half, and the procedure does not say which")
            return
        step.decided_by, step.result = "undecided", None
        step.how = f"more than half of the {cast} votes cast, not of the {total} with the abstentions"
        if rule == "counted":
            raise _Open(self._said(step, f"{said}: counted, as you chose (assume: abstentions), no "
                                         "option has more than half, and the text provides no further round"))
        raise _Open(self._said(step, f"{said}, and the procedure does not say whether abstentions count; "
                                     "give assume: {abstentions: not_counted} or {abstentions: counted}"))

    def _either_way(self, step: StepOut, votes: dict[str, int]) -> Count:
        """Counted where the text names no rule: an option with more than half
        wins, and options tied with every vote between them are tied, under
        any rule; otherwise the largest vote and a majority part, and only a
        rule the user supplies (--counting) decides, said as assumed."""
        total = sum(votes.values())
        top = leaders(votes)
        half = absolute(votes)
        if half:
            return settle(votes, None)
        if len(top) > 1 and sum(votes[k] for k in top) == total:
            return Count(tied=top, how=f"a tie at {votes[top[0]]} votes each")
        if not self.counting:
            return Count(open=f"no option has more than half of the {total} votes cast",
                         how="the largest vote and a majority part")
        used = PLURALITY if self.counting == "plurality" else ABSOLUTE
        step.decided_by = "assumed counting rule"
        self._assume(f"{self._label(step)}: counted as '{RULE_WORDS[used]}' (--counting {self.counting}); "
                     "the text does not say")
        c = settle(votes, used)
        if c.open:
            c.open += ", as the absolute majority you chose requires, and the text provides no further round"
        return c

    def count_note(self, ballot: A.Ballot) -> str:
        return _notes(self.ask("count", ballot.id, {}))

    def _threshold(self, step: StepOut, rule: A.Decision, votes: dict[str, int]) -> StepOut:
        from ..actions import test_passes
        from ..model import Tally

        if set(votes) != {"for", "against"}:
            step.decided_by, step.how = "undecided", "a vote rule for a motion, on options"
            raise _Open(self._said(step, "the procedure counts this ballot as a motion, but it is "
                                         "a choice between options"))
        tally = Tally.model_validate({"for": votes["for"], "against": votes["against"]})
        ok = all(test_passes(t, tally) for t in rule.tests)
        step.result = "for" if ok else "against"
        step.how = f"{votes['for']} for, {votes['against']} against"
        return step

    def _tie(self, step: StepOut, ballot: A.Ballot, votes, tied: list[str], words) -> StepOut:
        res = self.ask("tie", ballot.id, {"tied": len(tied)})
        step.because += [c for c in citations(res.because) if c not in step.because]
        key = step.item or ballot.id
        self.tied = list(tied)
        named = [words.get(k, k) for k in tied]
        names = ", ".join(named[:-1]) + " and " + named[-1]
        at = votes[tied[0]]
        if res.status == "delegated":
            cast = self.t.chair(key)
            self.t.consulted.add(("chair", key))
            if self.t.assumed_casting(key) is not None:
                # The text gives this tie to the chair: a casting vote of the
                # user's own is not used, and the result says so.
                self.t.consulted.add(("casting", key))
                self._assume(f"{self._label(step)}: the casting vote under assume is not used: the "
                             "text gives a tie of two motions to the chair (give it as chair:)")
            if cast is None:
                step.decided_by, step.how = "undecided", f"a tie between {names}, {at} votes each"
                raise _Open(self._said(step, f"a tie between {names} at {at} votes each: the text gives "
                                             "this tie to the chair, whose casting vote is not in the "
                                             f"tallies; give it as chair: {{{key}: ...}}"))
            self._check_cast(("chair", key), cast, tied, words)
            step.result, step.decided_by = str(cast), "chair"
            step.how = f"a tie between {names} at {at} votes each, broken by the chair's casting vote"
            return step
        cast = self.t.assumed_casting(key)
        self.t.consulted.add(("casting", key))
        if cast is not None:
            self._check_cast(("assume", "casting", key), cast, tied, words)
            step.result, step.decided_by = str(cast), "assumed casting vote"
            step.how = f"a tie between {names} at {at} votes each, broken by a casting vote the text does not give"
            self._assume(f"{self._label(step)}: the tie is broken for {words.get(str(cast), cast)} "
                         "(assume: casting); the text does not say how")
            return step
        step.decided_by, step.how = "undecided", f"a tie between {names}, {at} votes each"
        said = _notes(res)
        if set(tied) == {"for", "against"}:
            why = f"a tie of {at} to {at} is neither carried nor voted down"
        else:
            why = f"a tie between {names} at {at} votes each"
        why += f" ({said})" if said else f", and the text does not say how a tie of {len(tied)} is broken"
        if self.t.chair(key) is not None:
            self.t.consulted.add(("chair", key))
            why += "; the chair's casting vote given is not used: the text gives the chair a tie of two motions only"
        raise _Open(self._said(step, why + "; a casting vote of your own goes under assume: casting"))

    def _check_cast(self, path: tuple, cast, tied: list[str], words) -> None:
        if str(cast) not in tied:
            self.t.fail(path, f"the casting vote is for {cast!r}, which is not among those tied",
                        expected="one of " + ", ".join(tied))

    # ---- bookkeeping ----
    def _label(self, step: StepOut) -> str:
        if step.ballot == "sections" and step.item:
            return f"section {step.item} ({step.item_title})"
        return step.title + (f", {step.item} ({step.item_title})" if step.item else "")

    def _said(self, step: StepOut, why: str) -> str:
        self.out.steps.append(step)
        return f"{self._label(step)}: {why}"

    def _assume(self, text: str) -> None:
        if text not in self.out.assumptions:
            self.out.assumptions.append(text)

    # ---- the ballots ----
    def motion(self, ballot: A.Ballot) -> str:
        votes = self.t.motion(ballot.id, what=ballot.name)
        step = self.vote(ballot, votes, words={"for": "for", "against": "against"})
        step.result = {"for": "carried", "against": "lost"}.get(step.result, step.result)
        self.out.steps.append(step)
        return step.result

    def between(self, ballot: A.Ballot) -> str:
        node = self.t.entry(ballot.id, ballot.name)
        votes = self.t.options((ballot.id,), node, list(ballot.items))
        step = self.vote(ballot, votes)
        self.out.steps.append(step)
        self.winner = step.result
        return "chosen"

    def each_choice(self, ballot: A.Ballot) -> str:
        node = self.t.entry(ballot.id, ballot.name)
        if not isinstance(node, dict):
            self.t.fail((ballot.id,), "the sections' votes must map each choice to its votes",
                        expected='e.g. "4.3": {A: 40, B: 80}')
        menu = self.book.ast
        ids = [c.id for c in menu.choices]
        for k in node:
            if k not in ids:
                from ..errors import did_you_mean

                self.t.fail((ballot.id, k), f"'{k}' is not a section of {menu.id}", key=True,
                            expected="one of " + ", ".join(ids), help=did_you_mean(k, ids))
        for choice in menu.choices:  # every option named is checked before any vote is counted
            if choice.id in node:
                self.t.options((ballot.id, choice.id), node[choice.id], [o.key for o in choice.options])
        opened, unsettled = [], set()
        for choice in menu.choices:
            if choice.requires is not None and self.chosen.get(choice.requires[0]) not in choice.requires[1]:
                parent, keys = choice.requires
                if parent in unsettled:
                    unsettled.add(choice.id)
                    opened.append(f"section {choice.id} ({choice.title}) is voted on only if {parent} "
                                  f"is {' or '.join(keys)}, and {parent} is not decided")
                    continue
                if choice.id in node and parent in self.chosen:
                    self.t.fail((ballot.id, choice.id),
                                f"tallies for {choice.id} ({choice.title}), which is voted on only if "
                                f"{parent} is {' or '.join(keys)}; {parent} chose {self.chosen[parent]}",
                                key=True, help=f"remove '{choice.id}'")
                continue
            if choice.id not in node:
                self.t.fail((ballot.id,), f"no tallies for section {choice.id} ({choice.title})",
                            help=f"add \"{choice.id}\": {{" + ", ".join(f"{o.key}: 0" for o in choice.options) + "}")
            votes = self.t.options((ballot.id, choice.id), node[choice.id], [o.key for o in choice.options])
            words = {o.key: f"{o.key} ({o.title})" if o.title else o.key for o in choice.options}
            try:
                step = self.vote(ballot, votes, choice.id, choice.title, words)
            except _Open as why:
                opened.append(str(why))
                unsettled.add(choice.id)
                continue
            self.chosen[choice.id] = step.result
            step.result_title = choice.option(step.result).title
            self.out.steps.append(step)
        # The document still goes to ratification (line 36): what is open is
        # said when it would be adopted.
        self.unsettled += opened
        return "chosen"

    def each_amendment(self, ballot: A.Ballot) -> str:
        from ..loader import load

        node = self.t.entry(ballot.id, ballot.name)
        if not isinstance(node, dict):
            self.t.fail((ballot.id,), "the amendments' votes must map each amendment to its votes",
                        expected="e.g. london+keable: {for: 60, against: 40}")
        known = {}
        for draft in ballot.items:
            for am in load(draft).ast.amendments:
                known[f"{draft}+{am.id}"] = (draft, am)
        for k in node:
            if k not in known:
                from ..errors import did_you_mean

                self.t.fail((ballot.id, k), f"'{k}' is not an amendment to the motions voted on", key=True,
                            expected="one of " + ", ".join(known) if known else "none: no motion has amendments",
                            help=did_you_mean(k, list(known)))
        for key, (draft, am) in known.items():
            if key not in node:
                self.t.fail((ballot.id,), f"no tallies for the amendment {key} ({am.title or am.id})",
                            help=f"add {key}: {{for: N, against: N}} with the votes it received")
            votes = self.t.motion(ballot.id, key)
            try:
                step = self.vote(ballot, votes, key, am.title or am.id,
                                 words={"for": "for", "against": "against"})
            except _Open as why:
                # The motions are voted on all the same (line 44); this one's
                # wording is open only if it wins.
                self.open_amendments.setdefault(draft, []).append(str(why))
                continue
            step.result = {"for": "carried", "against": "lost"}.get(step.result, step.result)
            if step.result == "carried":
                self.carried.setdefault(draft, []).append(am.id)
            self.out.steps.append(step)
        return "chosen"

    # ---- the walk ----
    def run(self) -> RunOut:
        start = self.ask("begin", None, {})
        if not (start.status == "determined" and isinstance(start.value, A.Step)):
            self.out.open.append(f"{self.book.id} does not say which ballot comes first")
            return self._finish()
        nxt, held = start.value, 0
        forms = {"motion": self.motion, "between": self.between, "each_choice": self.each_choice,
                 "each_amendment": self.each_amendment}
        while nxt.action == "go":
            held += 1
            if held > MAX_STEPS:
                self.out.open.append(f"the procedure holds more than {MAX_STEPS} ballots; lla stops there")
                return self._finish()
            ballot = self.book.ast.ballot(nxt.what)
            if ballot.form not in forms:
                self.out.open.append(f"{ballot.name}: a ranked election is counted with lla elect")
                return self._finish()
            try:
                result = forms[ballot.form](ballot)
            except _Open as why:
                # Sections left open before it stay open whatever this ballot
                # does (a tied ratification: round 28).
                self.out.open += self.unsettled
                if why.args and why.args[0]:
                    self.out.open.append(str(why))
                for draft in getattr(self, "tied", []):
                    self.out.open += self._amendments_open(draft, f"if {draft} is chosen,")
                return self._finish()
            then = self.ask("then", ballot.id, {"result": result})
            if then.status != "determined":
                self.out.open += self.unsettled
                self.out.open.append(f"{ballot.name}: the text does not say what follows when it is {result}")
                return self._finish()
            self._cite_then(then)
            nxt = then.value
        self._adopt(nxt.what)
        return self._finish()

    def _cite_then(self, then) -> None:
        """What follows a ballot is cited on its last step."""
        if self.out.steps:
            last = self.out.steps[-1]
            last.because += [c for c in citations(then.because) if c not in last.because]

    def _adopt(self, what: str) -> None:
        out = self.out
        if what == "composite" and self.unsettled:
            out.open += self.unsettled + ["the document was ratified, but with these options not "
                                          "settled, which constitution it is cannot be said"]
            return
        if what == "winner" and self.open_amendments.get(self.winner):
            out.open += self._amendments_open(self.winner, f"{self.winner} wins, but")
            return
        out.status = "adopted"
        if what == "composite":
            out.chosen = dict(self.chosen)
            out.adopted = f"{self.book.id}:" + ",".join(f"{k}={v}" for k, v in self.chosen.items())
            out.adopted_title = f"{self.book.ast.title or self.book.id}, with the options agreed"
        else:
            from ..loader import load

            winner = self.winner
            amended = self.carried.get(winner, [])
            out.adopted = "+".join([winner] + amended)
            book = load(winner).ast
            # The amendments by their movers' names, not their ids (round 44).
            movers = [(book.amendment(a).title if book.amendment(a) else None) or a for a in amended]
            out.adopted_title = (book.title or winner) + (
                f", as amended by {', '.join(movers)}" if amended else "")

    def _amendments_open(self, draft: str, lead: str) -> list[str]:
        msgs = self.open_amendments.get(draft, [])
        n = len(msgs)
        return msgs + [f"{lead} whether it is amended by the amendment{'s' if n != 1 else ''} "
                       "above is not settled"] if msgs else []

    def _finish(self) -> RunOut:
        self.out.unused = self.t.unused()
        self.out.unused_casting = self.t.unused_casting()
        return self.out


def run(book: Book, tallies: Tallies, counting: str | None = None) -> RunOut:
    """Hold the procedure's ballots with `tallies`; `counting` supplies the
    counting rule the text leaves open (plurality or absolute-majority)."""
    from ..errors import InputError, did_you_mean, fail
    from .tallies import RESERVED

    if not book.ast.ballots or not book.entries("begin", None):
        ranked = [b.id for b in book.ast.ballots if b.form == "ranked"]
        fail(InputError, None, f"{book.id} sets no conference procedure"
             + (" (it has no ballots)" if not book.ast.ballots else ": it names no first ballot; its "
                "ballots are held on their own"), path="--draft",
             help="the launch conference's procedure is in cac"
                  + (f"; count {', '.join(ranked)} with lla elect --ballot" if ranked else ""))
    ballots = [b.id for b in book.ast.ballots]
    for key in tallies.data:
        if key not in ballots and key not in RESERVED:
            tallies.fail((key,), f"'{key}' is no ballot of {book.id}", key=True,
                         expected="one of " + ", ".join(ballots + list(RESERVED)),
                         help=did_you_mean(key, ballots + list(RESERVED)) or "remove it, or check its spelling")
    return _Walk(book, tallies, counting).run()
