"""Read a conference's tallies: one entry per ballot of the procedure, each
checked against what that ballot votes on, every mistake located.

A tallies file is YAML (or JSON) keyed by the procedure's ballots:

    cac_motion: {for: 95, against: 40}
    sections:                        # a ballot held once per choice
      "2.2": {A: 10, B: 70, C: 40, neither: 5}
      "4.3": {A: 40, B: 80}
    ratification: {for: 100, against: 20}
    chair: {drafts: london}          # the chair's casting votes, where the text gives one
    assume:                          # rules the text does not give, supplied by the user
      counting: plurality            # or absolute-majority
      casting: {"4.3": B}            # a tie the text does not settle, settled so
      abstentions: not_counted       # or counted, where counting them would change a result

>>> from lla_constitution.source import Source
>>> t = parse(Source("t.yaml", "cac_motion: {for: 3, against: 1}\\n"))
>>> t.motion("cac_motion")
{'for': 3, 'against': 1}
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import InputError, did_you_mean, fail
from ..inputs import _span_for, load_yaml, read_source
from ..source import Source

COUNTINGS = ("plurality", "absolute-majority")
ABSTENTIONS = ("not_counted", "counted")
RESERVED = ("chair", "assume")


@dataclass
class Tallies:
    """The file's data with the span of every value, for located errors."""

    source: Source
    data: dict
    marks: dict
    used: set = field(default_factory=set)  # top-level keys a ballot read
    consulted: set = field(default_factory=set)  # ("chair" | "casting", key) looked up at a tie
    # Abstentions in the votes read last: not votes cast, but reported, so a
    # count that leaves them out says so (round 43: they vanished).
    abstained: int = 0

    def span(self, *path, key: bool = False):
        return _span_for(self.marks, tuple(path), key=key)

    def has(self, ballot: str) -> bool:
        return ballot in self.data

    def fail(self, path: tuple, message: str, key: bool = False, **kw):
        fail(InputError, self.span(*path, key=key), message, **kw)

    def entry(self, ballot: str, what: str):
        if ballot not in self.data:
            self.fail((), f"no tallies for {what} ('{ballot}')",
                      help=f"add '{ballot}:' with its votes; see docs/conference.md")
        self.used.add(ballot)
        return self.data[ballot]

    def motion(self, ballot: str, *path, what: str = "") -> dict:
        """{for: n, against: n} for a motion, abstentions aside."""
        node = self.entry(ballot, what or ballot) if not path else self._at(ballot, *path)
        return self._votes((ballot,) + path, node, ("for", "against"), "abstain",
                           example="{for: 60, against: 40}")

    def options(self, path: tuple, node, keys: list[str]) -> dict:
        return self._votes(path, node, tuple(keys), "abstain",
                           example="{" + ", ".join(f"{k}: 10" for k in keys[:3]) + "}")

    def _at(self, *path):
        node = self.data
        for p in path:
            node = node[p]
        return node

    def _votes(self, path: tuple, node, keys: tuple, extra: str, example: str) -> dict:
        if not isinstance(node, dict):
            self.fail(path, "the votes must be a mapping of each option to its votes",
                      expected=example)
        out = {}
        self.abstained = 0
        for k, n in node.items():
            name = str(k)
            if name not in keys and name != extra:
                self.fail(path + (k,), f"'{name}' is not one of the options voted on here",
                          key=True, expected="one of " + ", ".join(keys),
                          help=did_you_mean(name, keys) or "remove it, or check its spelling")
            if isinstance(n, bool) or not isinstance(n, int) or n < 0:
                self.fail(path + (k,), f"votes for '{name}' must be a whole number, 0 or more, not {n!r}",
                          expected="a whole number such as 40")
            from ..model import MAX_COUNT

            if n > MAX_COUNT:
                self.fail(path + (k,), f"{n} votes for '{name}' is more than lla reads",
                          expected=f"a count of at most {MAX_COUNT:,}", help="check the number for a slip of the keyboard")
            if name != extra:
                out[name] = n
            else:
                self.abstained = n
        missing = [k for k in keys if k not in out]
        if missing:
            # A missing option is missing input, not a vote of 0.
            self.fail(path, f"no votes given for {', '.join(repr(k) for k in missing)}",
                      expected="every option's votes, 0 where none: " + example,
                      help="add " + ", ".join(f"{k}: 0" for k in missing) + " if no one voted for it")
        return {k: out[k] for k in keys}

    def chair(self, key: str):
        return (self.data.get("chair") or {}).get(key)

    def assumed_casting(self, key: str):
        return ((self.data.get("assume") or {}).get("casting") or {}).get(key)

    def counting(self) -> str | None:
        return (self.data.get("assume") or {}).get("counting")

    def abstentions(self) -> str | None:
        """Whether abstentions count towards "more than half", as the user
        says; the procedure never does (round 48)."""
        return (self.data.get("assume") or {}).get("abstentions")

    def unused(self) -> list[str]:
        """Tallies of votes the procedure did not reach, and casting votes for ties that did not arise."""
        out = [k for k in self.data if k not in self.used and k not in RESERVED]
        return out

    def unused_casting(self) -> list[str]:
        """Casting votes given for ties that did not arise, or that the text
        gives no casting vote to."""
        out = [f"chair: {k}" for k in (self.data.get("chair") or {}) if ("chair", k) not in self.consulted]
        out += [f"assume: casting: {k}" for k in ((self.data.get("assume") or {}).get("casting") or {})
                if ("casting", k) not in self.consulted]
        # A rule for abstentions no vote needed (round 48 check).
        if "abstentions" in (self.data.get("assume") or {}) and ("abstentions", None) not in self.consulted:
            out.append("assume: abstentions")
        return out


def _keys_as_text(node):
    if isinstance(node, dict):
        return {("true" if k is True else "false" if k is False else str(k)): _keys_as_text(v)
                for k, v in node.items()}
    return node


def load(path: str) -> Tallies:
    return parse(read_source(path))


def parse(source: Source) -> Tallies:
    data, marks = load_yaml(source)
    if data is None:
        fail(InputError, source.span(0, 1) if source.text else None, "the file holds no tallies",
             path=source.name, help="write e.g. 'cac_motion: {for: 60, against: 40}'")
    if not isinstance(data, dict):
        fail(InputError, source.span(0, 1) if source.text else None,
             "tallies are a mapping of each ballot to its votes", path=source.name,
             help="write e.g. 'cac_motion: {for: 60, against: 40}'")
    # YAML reads `4.3:` as a number and `1:` as an integer: choice ids and
    # option keys are names, so every key is taken as the text it was.
    t = Tallies(source, _keys_as_text(data), marks)
    for name in RESERVED:
        if name in data and not isinstance(data[name], dict):
            t.fail((name,), f"'{name}' must be a mapping", expected="e.g. chair: {drafts: london}"
                   if name == "chair" else "e.g. assume: {counting: plurality}")
    data = t.data
    assume = data.get("assume") or {}
    for k in assume:
        if k not in ("counting", "casting", "abstentions"):
            t.fail(("assume", k), f"unknown field '{k}'", key=True, expected="counting, casting or abstentions",
                   help=did_you_mean(str(k), ["counting", "casting", "abstentions"]))
    if "abstentions" in assume and assume["abstentions"] not in ABSTENTIONS:
        t.fail(("assume", "abstentions"), f"unknown abstentions rule {assume['abstentions']!r}",
               expected="one of " + ", ".join(ABSTENTIONS))
    if "counting" in assume and assume["counting"] not in COUNTINGS:
        t.fail(("assume", "counting"), f"unknown counting rule {assume['counting']!r}",
               expected="one of " + ", ".join(COUNTINGS))
    if "casting" in assume and not isinstance(assume["casting"], dict):
        t.fail(("assume", "casting"), "'casting' must map each tied vote to the option cast for",
               expected="e.g. casting: {\"4.3\": B}")
    return t
