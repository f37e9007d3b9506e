"""What `lla ask`, `check`, `diff`, `compare`, `drafts`, `show`, `lint` and
`conference` work out, once, for the CLI and the web app alike.

The CLI prints these with `--json`; the web app's `/api` returns the same
dicts (issue 15), so the two contracts cannot drift apart. Inputs come as
text with a name (an action file's text, a register's), never as a path the
caller may not be allowed to read: the CLI reads its files first.

>>> data, code = ask_json("what fee does a CLP pay?", ["law-sll"])
>>> data[0]["answer"], code
('£100 per year', 0)
"""
from __future__ import annotations

from .source import Source

EXIT_OK, EXIT_NO, EXIT_BAD, EXIT_OPEN = 0, 1, 2, 3
_NO = {"forbidden", "lost"}
_YES = {"determined", "allowed", "carried"}

# Rulebooks that are not drafts of the constitution: asked by default, shown
# only where they have something to say.
SIDE_BOOKS = ("launch-2020", "labour-nec-2021")


def dump(model) -> dict:
    """The JSON contract: absent fields are left out, but a condition's `holds`
    is always there, null when the facts given do not settle it."""
    data = model.model_dump(mode="json", exclude_none=True)
    for cond in data.get("conditions", []):
        cond.setdefault("holds", None)
    return data


def combined(outs, status) -> list[str]:
    """One status per draft: where a composite's open options disagree, the
    answer depends on the choice, so it is no more certain than 'ambiguous'."""
    per: dict[str, list[str]] = {}
    for o in outs:
        per.setdefault(o.draft.partition("[")[0], []).append(status(o))
    return [v[0] if len(set(v)) == 1 else "ambiguous" for v in per.values()]


def exit_code(statuses) -> int:
    statuses = list(statuses)
    if any(s in _NO for s in statuses):
        return EXIT_NO
    if all(s in _YES for s in statuses):
        return EXIT_OK
    return EXIT_OPEN


# ---- ask ---------------------------------------------------------------------

def ask(question: str, drafts=(), options=(), amends=(), register=None):
    """Every asked draft's answer to `question`, and the constitutions asked."""
    from .ask import ask_parsed
    from .books import books_indirect, menus
    from .compose import collapse, collapse_alike
    from .question import parse_question

    q = parse_question(question, register)  # once: the drafts to ask depend on it
    books, indirect = books_indirect(drafts, options, amends, q.topics())
    answers = collapse_alike(collapse(ask_parsed(q, books, register), indirect), menus(drafts))
    if not drafts:
        # By default the five drafts and the composite; the launch
        # arrangements and the NEC's decision join where they answer.
        # A side book silent in part answers some cases: it joins (round 26).
        answers = [a for a in answers if a.draft.partition("[")[0] not in SIDE_BOOKS
                   or a.status not in ("silent", "not_applicable") or a.answers or _rows_answer(a)]
    return answers, books


def _rows_answer(answer) -> bool:
    """A who-may table headed "(silent)" whose rows settle some cases (round
    33: launch-2020's 'who may vote on the NEC election?' was dropped)."""
    rows = answer.answer if isinstance(answer.answer, list) else []
    return any(isinstance(r, dict) and r.get("verdict") not in (None, "silent", "not_applicable")
               for r in rows)


def ask_json(question: str, drafts=(), options=(), amends=(), register=None) -> tuple[list[dict], int]:
    answers, _ = ask(question, drafts, options, amends, register)
    return [dump(a) for a in answers], exit_code(combined(answers, lambda a: a.status))


# ---- check -------------------------------------------------------------------

def check(source: Source, drafts=(), options=(), amends=(), register=None):
    """Each action of the file's text, judged by every asked draft: the
    actions, the verdicts per action, and the constitutions asked.
    `register` may be a function giving it, read once the actions are."""
    from .actions import check as run
    from .actions import check_bodies
    from .books import books_indirect, menus
    from .compose import action_topics, collapse, collapse_alike
    from .inputs import actions_from

    actions, spans, fields = actions_from(source)
    topics = set().union(*(action_topics(a) for a in actions))
    books, indirect = books_indirect(drafts, options, amends, topics)
    register = register() if callable(register) else register
    for action, where in zip(actions, fields):
        check_bodies(action, books, where)
    menu = menus(drafts)
    per_action = [collapse_alike(collapse(_judged(run, books, action, register, span), indirect), menu)
                  for action, span in zip(actions, spans)]
    return actions, per_action, books


def _judged(run, books, action, register, span) -> list:
    """Each draft's verdict on one action. A draft that counts a tally the
    action lacks (Dulwich counts individuals and groups apart) says so in its
    own answer, as `lla ask` does, where another draft can check the action;
    where none can, the action is refused as bad input."""
    from .errors import MissingTally
    from .model import VerdictOut

    verdicts, missing = [], []
    for book in books:
        try:
            verdicts.append(run(book, action, register, span))
        except MissingTally as err:
            missing.append(err)
            verdicts.append(VerdictOut(
                draft=book.id, action=action.action, verdict="ambiguous",
                reasons=[err.message, f"not checked: {err.help}" if err.help else "not checked"]))
    if missing and len(missing) == len(books):
        raise missing[0]
    return verdicts


def check_code(per_action) -> int:
    # Each action is judged on its own: its open options may disagree.
    return exit_code(s for vs in per_action for s in combined(vs, lambda v: v.verdict))


def check_json(source: Source, drafts=(), options=(), amends=(), register=None) -> tuple[list[dict], int]:
    _, per_action, _ = check(source, drafts, options, amends, register)
    return [dump(v) for vs in per_action for v in vs], check_code(per_action)


# ---- drafts and their clauses --------------------------------------------------

def drafts_json() -> list[dict]:
    """The bundled drafts: id, title and how many clauses and rules each has."""
    from .loader import bundled_ids, load

    rows = []
    for rid in bundled_ids():
        book = load(rid)
        clauses = book.ast.clauses
        rows.append({"id": rid, "title": book.ast.title,
                     "clauses": len(clauses),
                     "normative": sum(1 for c in clauses if c.non_normative is None),
                     "rules": sum(len(v) for v in book.by_topic.values())})
    return rows


def show_json(book, clause: str | None = None) -> list[dict]:
    """A rulebook's clauses (or one clause and those under it): the verbatim
    text beside the rules, each rule in the DSL's own form."""
    from .errors import InputError, did_you_mean, fail

    clauses = book.ast.clauses
    if clause is not None:
        clauses = tuple(book.ast.all_clauses())  # an option's or amendment's clauses too
        ids = [c.id for c in clauses]
        chosen = [c for c in clauses if clause in (c.id, c.number) or c.id.startswith(clause + ".")]
        if not chosen:
            fail(InputError, None, f"{book.id} has no clause '{clause}'", path="CLAUSE",
                 help=did_you_mean(clause, ids) or "clauses: " + ", ".join(ids))
        clauses = chosen
    return [clause_json(c) for c in clauses]


def clause_json(c) -> dict:
    """One clause as `lla show --json` gives it: its text beside its rules."""
    return {"clause": c.id, "number": c.number or c.id, "lines": c.lines, "text": c.text,
            "non_normative": c.non_normative, "rules": clause_items(c)}


def clause_items(clause) -> list[str]:
    """The clause's rules as people read them, readings labelled."""
    from . import ast as A
    from .format import format_rule

    lines = []
    if clause.carried is not None:
        # The recorded vote that answers cite ("carried 22 to 10"): shown,
        # so a reader can check it against the words (round 43).
        k = clause.carried
        lines.append(f"⇒ carried {k.votes_for} to {k.votes_against}" + (f" on {k.on.isoformat()}" if k.on else "")
                     + (f" (the figures of {k.figures_from})" if k.figures_from else ""))
    for item in clause.items:
        if isinstance(item, A.Rule):
            lines.append("⇒ " + format_rule(item))
        elif isinstance(item, A.Creates):
            lines.append(f"⇒ creates {item.body}" + (f" (set up by {item.by})" if item.by else ""))
        else:
            lines.append("⇒ one of these readings (the text does not settle which):")
            for reading in item.readings:
                lines.append(f"    reading “{reading.label}”:")
                if reading.because:
                    lines.append(f"      (stands because {reading.because})")
                lines += [f"      ⇒ {format_rule(r)}" for r in reading.rules] or ["      (no rule)"]
    return lines


# ---- analyses -----------------------------------------------------------------

def diff_result(a, b, only=()):
    """Where sides `a` and `b` (specs, or analyse.diff.Side) decide differently."""
    from .analyse.diff import Side, check_families, diff, side

    left, right = (x if isinstance(x, Side) else side(x) for x in (a, b))
    if only:
        check_families(only, [left.book, right.book])
    return diff(left, right, list(only) or None)


def diff_json(a, b, only=()) -> tuple[dict, int]:
    """The diff's JSON contract, and its exit code (0: equivalent, 1: not)."""
    from .analyse.report import diff_data

    d = diff_result(a, b, only)
    return diff_data(d, equivalent=True, witnesses=None), (EXIT_OK if not d.differing else EXIT_NO)


def compare_result(drafts=(), only=(), cac: str = "cac"):
    """The comparison of `drafts` (default: the five), with the composite's
    attributions checked unless `cac` is 'none'."""
    from .analyse.compare import compare, sides_for
    from .analyse.diff import check_families

    sides = sides_for(list(drafts))
    composite = composite_side(cac)
    if only:
        check_families(only, [s.book for s in sides])
    return compare(sides, list(only) or None, composite), sides, composite


def composite_side(cac: str):
    """The composite whose attributions are checked (`--cac`), or None for 'none'."""
    from .analyse.diff import side
    from .errors import InputError, fail

    if ":" in cac:
        # The attributions and the sweep are of every option: options chosen
        # here were dropped without a word (round 66: the sweep's header
        # named "cac:3.2=A" and then reported 3.2=B combinations).
        fail(InputError, None, f"--cac takes a composite, not one with options chosen ('{cac}')",
             path="--cac", help=f"pass '{cac.partition(':')[0]}': the comparison checks each of its options; "
                                "to diff one choice against a draft, use lla diff "
                                f"{cac} DRAFT")
    composite = None if cac.lower() == "none" else side(cac)
    if composite is not None and not composite.book.ast.choices:
        fail(InputError, None, f"{composite.label} is not a composite: it has no options",
             path="--cac", help="pass a composite draft such as cac, or --cac none")
    return composite


def compare_json(drafts=(), only=(), cac: str = "cac") -> dict:
    from .analyse.report import compare_data

    return compare_data(compare_result(drafts, only, cac)[0])


def lint_found(files) -> list:
    """(file, findings) for rule files, bundled ids or directories; a draft
    amended (london+swansea) or with options chosen (cac:4.2=B) is linted
    as composed; no files: every bundled draft."""
    from pathlib import Path

    from .analyse.lint import lint_paths, lint_sides, targets

    composed = [f for f in files if not Path(f).exists() and ("+" in f or ":" in f)]
    plain = [f for f in files if f not in composed]
    return (lint_paths(targets(plain)) if plain or not files else []) + lint_sides(composed)


def lint_json(found, severity: str = "info") -> tuple[list[dict], int]:
    from .analyse.lint import at_least

    results = [(name, at_least(f, severity)) for name, f in found]
    serious = any(f.severity in ("error", "warning") for _, fs in results for f in fs)
    return [f.to_json() for _, fs in results for f in fs], (EXIT_NO if serious else EXIT_OK)


def conference_json(book, tallies, counting=None) -> tuple[dict, int]:
    from .conference import run

    out = run(book, tallies, counting)
    return dump(out), (EXIT_OK if out.status == "adopted" else EXIT_OPEN)
