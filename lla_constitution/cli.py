"""The `lla` command: I/O and exit codes only; the work is done elsewhere.

Exit codes: 0 determined/allowed/carried, 1 forbidden/lost, 3 an honest
non-answer (delegated, silent, ambiguous, not applicable, referred), 2 bad input.
"""
from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import click

from .errors import LlaError

# lla uses no pydantic plugin, and looking for them reads every installed
# package's metadata when the first model is built: a tenth of a second of
# each command's start (issue 14). Only the CLI's own process is told so;
# a program importing lla as a library keeps its plugins.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from .service import EXIT_BAD, EXIT_NO, EXIT_OK, EXIT_OPEN  # noqa: E402
from .service import SIDE_BOOKS as _SIDE_BOOKS  # noqa: E402,F401
from .service import combined as _combined, dump as _dump, exit_code as _exit_code  # noqa: E402

DRAFT_HELP = ("Draft id, path to a .lla file, or 'all' (repeatable); a composite with options as "
              "cac:4.2=B,3.2=A, an amended draft as london+swansea. Default for ask: the five drafts "
              "and the composite, with launch-2020 and labour-nec-2021 where they answer.")




def _words(text: str, books) -> str:
    """The prose of a report in plain words (words.prose): bodies by their
    names in these drafts, facts as phrases; quoted source is left as it is."""
    from .words import names_of, prose

    return prose(text, names_of(books))


def _book_for(draft: str, books):
    """The constitution an answer labelled `draft` (e.g. cac[4.2=B]) came from."""
    return ([b for b in books if b.id == draft] or [b for b in books if b.id.partition("[")[0]
                                                     == draft.partition("[")[0]] or books)[:1]


def _emit_json(obj) -> None:
    click.echo(json.dumps(obj, indent=2, ensure_ascii=False, sort_keys=False))






class _Group(click.Group):
    """Render every LlaError as a located message with exit code 2."""

    def invoke(self, ctx):
        from .loader import DRAFT_ARGUMENT, _stdin

        DRAFT_ARGUMENT.set("--draft")  # each command says which argument it reads drafts from
        _stdin.clear()  # standard input is each command's own
        try:
            return super().invoke(ctx)
        except LlaError as err:
            if ctx.meta.get("json"):
                _emit_json(err.to_json())
            click.echo(err.render(), err=True)
            ctx.exit(EXIT_BAD)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except BrokenPipeError:  # `lla ... | head`: the reader left, nothing to report
            sys.stderr.close()
            ctx.exit(EXIT_OK)
        except Exception as err:  # never a traceback for the user
            if os.environ.get("LLA_DEBUG"):
                raise
            click.echo(f"lla: internal error: {type(err).__name__}: {err}\n"
                       "  help: this is a bug in lla; rerun with LLA_DEBUG=1 for details",
                       err=True)
            ctx.exit(EXIT_BAD)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="lla-constitution")
@click.option("--no-pager", is_flag=True, help="Print long output straight to the terminal, without a pager.")
@click.pass_context
def main(ctx, no_pager):
    """Constitution-as-code for the Labour Left Alliance drafts.

    Ask questions of the drafts, check actions for compliance, and see the
    clauses behind every answer.

    \b
    On a terminal, output is in colour and long output goes through a pager
    ($PAGER, else less); NO_COLOR=1 turns colour off. Piped or redirected,
    output is plain text.
    """
    ctx.obj = {"pager": not no_pager}


def _out(text: str) -> None:
    """The text of a report: on a terminal in colour, and through a pager when
    it is longer than the screen; otherwise exactly the text."""
    from .term import colour, is_terminal, paint

    ctx = click.get_current_context(silent=True)
    pager = bool(ctx and ctx.find_root().obj and ctx.find_root().obj.get("pager"))
    text = text.rstrip("\n")
    if colour():
        text = paint(text)
    if pager and is_terminal() and text.count("\n") + 1 > _screen_lines():
        click.echo_via_pager(text + "\n", color=colour())
    else:
        click.echo(text, color=colour() or None)


def report_output(f=None, *, formats=("text", "json")):
    """`--format` and `-o FILE` for a command whose output is a report: json
    is its --json, markdown and html (where the command has them) are left
    in ctx.meta["format"], and -o writes the report to FILE (the exit code
    is unchanged; 'wrote FILE' goes to standard error)."""
    if f is None:
        return lambda g: report_output(g, formats=formats)
    import contextlib
    import functools

    @functools.wraps(f)
    def wrapper(*args, fmt="text", output=None, **kwargs):
        if fmt == "json":
            kwargs["as_json"] = True
        click.get_current_context().meta["format"] = fmt
        if not output:
            return f(*args, **kwargs)
        _check_output_dir(output)
        try:
            with open(output, "w", encoding="utf-8") as fh, contextlib.redirect_stdout(fh):
                return f(*args, **kwargs)
        except OSError as err:
            from .errors import InputError, fail

            fail(InputError, None, f"cannot write the file: {err.strerror}", path="--output")
        finally:
            click.echo(f"wrote {output}", err=True)

    wrapper = click.option("-o", "--output", type=click.Path(dir_okay=False),
                           help="Write the report to this file instead of standard output.")(wrapper)
    return click.option("--format", "fmt", type=click.Choice(list(formats)), default="text",
                        show_default=True, help=", ".join(formats[:-1]) + " or " + formats[-1]
                        + " (json is the same as --json).")(wrapper)


def _screen_lines() -> int:
    import shutil

    return shutil.get_terminal_size((100, 24)).lines - 1


from .books import books as _books, books_indirect as _books_indirect, draft_spec, expand as _expand  # noqa: E402,F401


_OPTION_HELP = "CHOICE=OPTION for a composite draft, e.g. 4.2=B (repeatable); open choices are answered per option."
_AMEND_HELP = "Apply this amendment to the draft that defines it (repeatable)."


_REGISTER_HELP = "File of named groups: YAML, JSON, or a spreadsheet saved as .csv."


def _register(path):
    if path is None:
        return None
    from .inputs import load_register

    return load_register(path)


def _ask_help() -> str:
    from .question_forms import FORMS, GROUP_HELP, PERSON_HELP

    return ("Answer QUESTION from each draft, citing its clauses.\n\n\b\nQuestion forms:\n"
            + "\n".join("  " + f for f in FORMS) + "\n\n\b\n" + GROUP_HELP + "\n" + PERSON_HELP
            + "\nBODY: a body by any of its names, e.g. 'the organising group', 'conference'.")


@main.command(help=_ask_help())
@report_output(formats=("text", "json", "markdown", "html"))
@click.argument("question")
@click.option("--draft", "drafts", multiple=True, help=DRAFT_HELP)
@click.option("--register", type=click.Path(dir_okay=False), help=_REGISTER_HELP)
@click.option("--option", "options", multiple=True, help=_OPTION_HELP)
@click.option("--amend", "amends", multiple=True, help=_AMEND_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the JSON contract instead of text.")
@click.option("-v", "--verbose", is_flag=True, help="Also list every condition checked.")
@click.pass_context
def ask(ctx, question, drafts, register, options, amends, as_json, verbose):
    from .ask_text import render_ask
    from .service import ask as answer

    ctx.meta["json"] = as_json
    answers, books = answer(question, drafts, options, amends, _register(register))
    if as_json:
        _emit_json([_dump(a) for a in answers])
    elif ctx.meta.get("format") in ("markdown", "html"):
        _document(ctx, answers, " ".join(question.split()), books)
    else:
        parts = [f"Q: {' '.join(question.split())}\n"]
        from .words import line, names_of

        from .words import circulating

        for a in answers:
            names = names_of(_book_for(a.draft, books))
            with circulating(a):
                text = render_ask(a, verbose, lambda t, names=names: line(t, names))
                parts.append(_words(text, _book_for(a.draft, books)) + "\n")
        _out("\n".join(parts))
    ctx.exit(_exit_code(_combined(answers, lambda a: a.status)))


@main.command()
@report_output(formats=("text", "json", "markdown", "html"))
@click.argument("action_file", type=click.Path(dir_okay=False))
@click.option("--draft", "drafts", multiple=True, help=DRAFT_HELP)
@click.option("--register", type=click.Path(dir_okay=False), help=_REGISTER_HELP)
@click.option("--option", "options", multiple=True, help=_OPTION_HELP)
@click.option("--amend", "amends", multiple=True, help=_AMEND_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the JSON contract instead of text.")
@click.option("-v", "--verbose", is_flag=True, help="Also list every condition checked.")
@click.pass_context
def check(ctx, action_file, drafts, register, options, amends, as_json, verbose):
    """Check the action(s) in ACTION_FILE (YAML or JSON) against each draft."""
    from .explain import render_verdict
    from .inputs import read_source
    from .service import check as run, check_code

    ctx.meta["json"] = as_json
    # The register is read once the actions are: an action's error comes first.
    actions, per_action, books = run(read_source(action_file), drafts, options, amends,
                                     lambda: _register(register))
    verdicts = [v for vs in per_action for v in vs]
    if as_json:
        _emit_json([_dump(v) for v in verdicts])
    elif ctx.meta.get("format") in ("markdown", "html"):
        labels = [(_action_label(action, i, len(actions)).removeprefix("== ") if len(actions) > 1 and j == 0
                   else None)
                  for i, (action, vs) in enumerate(zip(actions, per_action), 1) for j, _ in enumerate(vs)]
        _document(ctx, verdicts, f"lla check {action_file}", books, labels if len(actions) > 1 else None)
    else:
        parts = []
        for i, (action, vs) in enumerate(zip(actions, per_action), 1):
            if len(actions) > 1:
                # The user's own name for it is theirs, not rule text: as given.
                label = _action_label(action, i, len(actions))
                parts.append(label if getattr(action, "name", None) else _words(label, books))
            for v in vs:
                from .words import circulating

                with circulating(v):
                    parts.append(_words(render_verdict(v, verbose), _book_for(v.draft, books)) + "\n")
        _out("\n".join(parts))
    ctx.exit(check_code(per_action))


def _document(ctx, outs, title: str, books, labels=None) -> None:
    """Answers or verdicts as a Markdown or HTML document, in plain words."""
    from . import report_md
    from .words import line, names_of

    names = names_of(books)
    render = report_md.html if ctx.meta["format"] == "html" else report_md.markdown
    click.echo(render(outs, title, lambda t: line(t, names), labels), nl=False)


def _action_label(action, i: int, n: int) -> str:
    """A heading for one action of several: its name, or what it asks in words."""
    from .question_acts import question_for
    from .words import ACTIONS

    if getattr(action, "name", None):
        return f"== {i} of {n}: “{action.name}”"  # the user's own words, as written
    doc = action.model_dump(mode="json", exclude_none=True, by_alias=True)
    person = getattr(action, "person", None)
    if person is not None and "other_party" in person.model_fields_set and person.other_party is None:
        # "other_party: null" says the list may be partial: the words must not
        # then read member_of as all the person belongs to (round 54 check).
        doc.setdefault("person", {})["other_party"] = None
    said = None
    try:
        said = question_for(doc)
        day = (doc.get("person") or {}).get("date")
        if said is None and day:
            # The question in words, and the day it asks of, which no question gives.
            said = question_for({**doc, "person": {k: v for k, v in doc["person"].items() if k != "date"}})
            said = said and f"{said} (on {day})"
    except (KeyError, TypeError, ValueError):
        said = None
    return f"== {i} of {n}: " + (said or ACTIONS.get(action.action, action.action.replace("_", " ")))


@main.command("table")
@click.argument("question")
@click.option("--register", required=True, type=click.Path(dir_okay=False),
              help=_REGISTER_HELP + " One row per group (or per person).")
@click.option("--draft", "drafts", multiple=True, help=DRAFT_HELP)
@click.option("--option", "options", multiple=True, help=_OPTION_HELP)
@click.option("--amend", "amends", multiple=True, help=_AMEND_HELP)
@click.option("--format", "fmt", type=click.Choice(["text", "csv", "json", "jsonl", "markdown"]),
              default="text", show_default=True,
              help="How to print the table; csv and jsonl (one JSON object per row) are written "
                   "a row at a time, for a register of any length.")
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
@click.pass_context
def table_cmd(ctx, question, register, drafts, options, amends, fmt, as_json, output):
    """Answer QUESTION for every group (or person) of the register, under each
    draft: one row per group or person, one column per draft.

    \b
    Write 'each group' where the group goes:
      how many delegates may each group send to BODY?
      what fee does each group pay?
    \b
    or, for a register of people, 'each person' where the person goes:
      may each person join?
      may each person be a Labour Party member?
      may each person vote on BODY?   /   may each person stand for BODY?
      may each person sign a motion?
    Each cell is the answer `lla ask --register` gives for that group, or the
    verdict `lla check` gives for that person's action, in plain words; csv,
    json and jsonl add its status and the clauses that decided it.
    Exit 0 when every answer is determined, 3 when any is not."""
    from .table import each_group_question, rows, subject_of, table
    from .table_out import STREAMED, render

    fmt = "json" if as_json else fmt
    ctx.meta["json"] = fmt == "json"
    if output:
        _check_output_dir(output)
    reg = _register(register)
    asked = each_group_question(question, reg)
    books, indirect = _books_indirect(drafts, options, amends, asked.topics())
    if fmt in STREAMED:
        columns, found = rows(question, books, reg, indirect)
        ctx.exit(_exit_code(_streamed(columns, found, fmt, output, subject_of(question, reg))))
    result = table(question, books, reg, indirect)
    text = render(result, fmt, _terminal_width())
    if output:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as err:
            from .errors import InputError, fail

            fail(InputError, None, f"cannot write the file: {err.strerror}", path="--output")
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)
    ctx.exit(_exit_code(c.status for r in result.rows for c in r.cells))


def _streamed(columns, found, fmt: str, output: str | None, subject: str = "group") -> list[str]:
    """Write a streamed table to `output` or stdout; the statuses seen."""
    from .table_out import stream

    if not output:
        return stream(columns, found, fmt, lambda text: click.echo(text, nl=False), subject)
    try:
        with open(output, "w", encoding="utf-8", newline="") as out:
            statuses = stream(columns, found, fmt, out.write, subject)
    except OSError as err:
        from .errors import InputError, fail

        fail(InputError, None, f"cannot write the file: {err.strerror}", path="--output")
    click.echo(f"wrote {output}", err=True)
    return statuses


def _terminal_width() -> int:
    """The terminal's width; 100 when not printing to a terminal (or COLUMNS
    when set), so that piped output does not depend on the window."""
    import shutil

    if os.environ.get("COLUMNS", "").isdigit():
        return max(40, int(os.environ["COLUMNS"]))
    if sys.stdout.isatty():
        return max(40, shutil.get_terminal_size((100, 24)).columns)
    return 100


@main.command("schema")
@click.argument("action", required=False)
@click.option("--json", "as_json", is_flag=True, help="List the actions as JSON (a schema is JSON already).")
@click.pass_context
def schema_cmd(ctx, action, as_json):
    """Print the JSON Schema of an ACTION file; with no ACTION, list the actions.

    The schema is made from the same models `lla check` reads files with, so
    an editor that knows JSON Schema can check a file as you write it."""
    from .model import ACTIONS
    from .template import schema_text, summary

    ctx.meta["json"] = as_json
    if action is not None:
        click.echo(schema_text(action))
        return
    rows = [{"action": a, "description": summary(a)} for a in ACTIONS]
    if as_json:
        _emit_json(rows)
        return
    click.echo("Actions (lla schema ACTION prints its JSON Schema, lla new ACTION a file to fill in):")
    width = max(len(a) for a in ACTIONS) + 2
    for r in rows:
        click.echo(f"  {r['action']:<{width}}{r['description']}")


@main.command("new")
@click.argument("action")
@click.option("--example", is_flag=True, help="Fill each required value with an example, not a <placeholder>.")
@click.option("--json", "as_json", is_flag=True, help="Print the action as JSON, without the comments.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
@click.pass_context
def new_cmd(ctx, action, example, as_json, output):
    """Print a commented YAML file for ACTION, to fill in and give to `lla check`.

    Each field has a comment saying what it means and its default. Required
    values are <placeholders>, which `lla check` refuses until they are
    filled; optional fields are commented out, with an example."""
    import yaml as _yaml

    from .template import template

    ctx.meta["json"] = as_json
    if output:
        _check_output_dir(output)
    text = template(action, examples=example)
    if as_json:
        text = json.dumps(_yaml.safe_load(text), indent=2, ensure_ascii=False, default=str) + "\n"
    if output:
        if Path(output).exists():
            from .errors import InputError, fail

            fail(InputError, None, f"'{output}' already exists", path="--output",
                 help="give a new file name: lla new does not overwrite a file you may have filled in")
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


@main.command()
@click.option("--json", "as_json", is_flag=True)
def drafts(as_json):
    """List the bundled drafts."""
    from .service import drafts_json

    rows = drafts_json()
    if as_json:
        _emit_json(rows)
        return
    for r in rows:
        width = max(len(x["id"]) for x in rows) + 2
        click.echo(f"{r['id']:<{width}}{r['title']}  ({r['clauses']} clauses, {r['rules']} "
                   f"rule{'' if r['rules'] == 1 else 's'})")


@main.command()
@report_output
@click.argument("draft")
@click.argument("clause", required=False)
@click.option("--json", "as_json", is_flag=True)
def show(draft, clause, as_json):
    """Show a draft's clauses: verbatim text beside the formal rules."""
    from .loader import DRAFT_ARGUMENT

    DRAFT_ARGUMENT.set("DRAFT")
    from .books import draft_spec
    from .loader import load, load_variants
    from .service import show_json

    # An amended draft ('london+swansea') is shown as amended, as ask and
    # check take it (round 38); options fix a composite's choices.
    name, options, amends = draft_spec(draft)
    if options:
        from .errors import InputError, fail

        fail(InputError, None, f"show takes a draft, not options of one: '{draft}'", path="DRAFT",
             help=f"show the composite with: lla show {name}; with options chosen: "
                  f"lla compose {name} --option {options[0]}")
    book = load(name)
    if amends:
        book = load_variants([name], [], amends)[0]
    out = show_json(book, clause)
    if as_json:
        _emit_json(out)
        return
    _print_clauses(out)


def _items(clause) -> list[str]:
    from .service import clause_items

    return clause_items(clause)


def _print_clauses(clauses, header: str | None = None) -> None:
    if header:
        click.echo(header)
        click.echo()
    for c in clauses:
        number = c.get("number", c["clause"])
        head = f"── {c['clause']}" + (f" (printed as {number})" if number != c["clause"] else "")
        click.echo(head + (f"  (lines {c['lines'][0]}–{c['lines'][1]})" if c["lines"] else ""))
        click.echo("   " + "\n   ".join(c["text"].splitlines()))
        if c["non_normative"]:
            click.echo(f"   [non-normative: {c['non_normative']}]")
        for line in c["rules"]:
            click.echo(f"   {line}")
        click.echo()


def _clause_rows(clauses) -> list[dict]:
    return [{"clause": c.id, "lines": c.lines, "text": c.text,
             "non_normative": c.non_normative, "rules": _items(c)} for c in clauses]


@main.command()
@click.argument("draft")
@click.argument("amendments", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.option("--dsl", is_flag=True, help="Print the amended draft as a rule file.")
@click.pass_context
def amend(ctx, draft, amendments, as_json, dsl):
    """Show DRAFT with AMENDMENTS applied: the changed clauses' text and rules.

    With no AMENDMENTS, list the draft's amendments."""
    from .loader import DRAFT_ARGUMENT

    DRAFT_ARGUMENT.set("DRAFT")
    from .amend import apply_amendments, describe_op
    from .format import format_rulebook
    from .loader import load, resolve

    ctx.meta["json"] = as_json
    book = load(draft).ast
    from .books import amendment_names

    amendment_names("AMENDMENTS", list(amendments), path="AMENDMENTS")
    if not amendments:
        rows = [{"amendment": a.id, "title": a.title, "lines": a.lines,
                 "changes": [describe_op(op) for op in a.ops]} for a in book.amendments]
        if as_json:
            _emit_json(rows)
        elif not rows:
            click.echo(f"{book.id} has no amendments")
        for r in rows if not as_json else []:
            lines = f"  (lines {r['lines'][0]}–{r['lines'][1]})" if r["lines"] else ""
            click.echo(f"{r['amendment']}: {r['title'] or ''}{lines}")
            for c in r["changes"]:
                click.echo(f"    {c}")
        return
    new = apply_amendments(book, amendments, path="AMENDMENT")
    resolve(new)  # the amended draft must still be a valid rulebook
    before = {c.id: c for c in book.clauses}
    changed = [c for c in new.clauses if before.get(c.id) != c]
    gone = [cid for cid in before if cid not in {c.id for c in new.clauses}]
    if dsl:
        click.echo(format_rulebook(_as_file(new)), nl=False)
        return
    if as_json:
        _emit_json({"draft": new.id, "title": new.title, "changed": _clause_rows(changed),
                    "removed": gone, "clauses": _clause_rows(new.clauses)})
        return
    click.echo(f"{new.title}\n")
    for cid in gone:
        click.echo(f"── {cid}  removed\n")
    _print_clauses(_clause_rows(changed))
    click.echo(f"({len(changed)} clause(s) changed or added, {len(gone)} removed; "
               f"ask against it with --amend {' --amend '.join(amendments)})")


def _as_file(book, title: str | None = None):
    """A composed or amended draft as a rule file: its id must be a plain id."""
    import dataclasses

    rid = re.sub(r"[^a-z0-9_-]+", "-", book.id.lower()).strip("-")
    return dataclasses.replace(book, id=rid, title=title or book.title)


@main.command()
@click.argument("draft")
@click.option("--option", "options", multiple=True, help="CHOICE=OPTION, e.g. 4.2=B (repeatable).")
@click.option("--list-options", "list_only", is_flag=True, help="List each choice with its options.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.option("--dsl", is_flag=True, help="Print the composed constitution as a rule file.")
@click.pass_context
def compose(ctx, draft, options, list_only, as_json, dsl):
    """Compose a concrete constitution from a composite DRAFT's menu of options."""
    from .loader import DRAFT_ARGUMENT

    DRAFT_ARGUMENT.set("DRAFT")
    from .compose import compose as run
    from .compose import decides, options_table, parse_options
    from .format import format_rulebook
    from .loader import load, resolve

    ctx.meta["json"] = as_json
    book = load(draft).ast
    if not book.choices:
        from .errors import InputError, fail

        fail(InputError, None, f"{book.id} is not a composite: it has no options", path="DRAFT",
             help="lla compose works on a menu of options, such as cac")
    if list_only:
        table = options_table(book)
        if as_json:
            _emit_json(table)
        else:
            _print_menu(book, table)
        return
    chosen = parse_options(book, options)
    new = run(book, chosen)
    resolve(new)
    open_ = [c for c in book.choices if c.id not in chosen and
             (c.requires is None or chosen.get(c.requires[0]) in c.requires[1])]
    if dsl:
        # A rule file is one constitution: a choice left open that decides
        # answers would be dropped from it, and the file would answer where
        # the composite leaves it to conference (round 63: "join: allowed"
        # where 2.2's options differ). Every such choice must be made.
        undecided = [c for c in open_ if decides(book, c)]
        if undecided:
            from .errors import InputError, fail

            names = "; ".join(f"{c.id} {c.title} (options {', '.join(o.key for o in c.options)})"
                              for c in undecided)
            fail(InputError, None, f"a rule file settles every choice, and these decide answers but are "
                 f"not chosen: {names}", path="--option",
                 help="choose each with --option (e.g. --option " + f"{undecided[0].id}={undecided[0].options[-1].key}"
                 + "); without --dsl, lla compose shows the text and answers them per option")
        label = ", ".join(f"{k}={v}" for k, v in chosen.items()) or "no option chosen"
        click.echo(format_rulebook(_as_file(new, f"{new.title or book.id} ({label})")), nl=False)
        return
    if as_json:
        _emit_json({"draft": new.id, "chosen": chosen,
                    "open": [{"choice": c.id, "options": [o.key for o in c.options], "decides": decides(book, c)}
                             for c in open_],
                    "clauses": _clause_rows(new.clauses)})
        return
    _print_clauses(_clause_rows(new.clauses),
                   f"{book.title or book.id}, composed with " +
                   (", ".join(f"{k}={v}" for k, v in chosen.items()) or "no option chosen"))
    for c in open_:
        # A choice of text alone decides no question (round 58): say so, not "per option".
        click.echo(f"not chosen: {c.id} {c.title} (options {', '.join(o.key for o in c.options)}); "
                   + ("questions it decides are answered per option" if decides(book, c) else
                      "its options change the text only, so no answer turns on it"))


def _print_menu(book, table) -> None:
    click.echo(f"{book.title or book.id}: {len(table)} choices\n")
    for ch in table:
        req = ch["requires"]
        click.echo(f"{ch['choice']}  {ch['title']}" +
                   (f"   (only if {req['choice']} is {' or '.join(req['options'])})" if req else ""))
        for o in ch["options"]:
            origin = f"  [{', '.join(o['from'])}]" if o["from"] else ""
            click.echo(f"  {ch['choice']}={o['option']}  {o['title'] or ''}{origin}")
            for line in o["text"].splitlines():
                if line.strip():
                    click.echo(f"      {line.strip()}")
        click.echo()


@main.command("diff")
@report_output
@click.argument("a")
@click.argument("b")
@click.option("--family", "only", multiple=True,
              help="Only this question family, topic or topic(body), e.g. fees or delegates(conference) (repeatable).")
@click.option("--witnesses", "witness_dir", type=click.Path(file_okay=False),
              help="Write each witness to this directory as the file its commands run.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.pass_context
def diff_cmd(ctx, a, b, only, witness_dir, as_json):
    """Where rulebooks A and B decide differently, family by family, with witnesses.

    A and B are draft ids, .lla paths (your own draft, or one written by
    `lla amend --dsl`), a draft with amendments applied (london+swansea), or a
    composite with options chosen (cac:4.2=B,3.2=A). Exit 0 when every family
    is equivalent, 1 otherwise.
    """
    from .analyse.report import diff_data, diff_text
    from .service import diff_result

    ctx.meta["json"] = as_json
    d = diff_result(a, b, only)  # the sides' errors first, as the analysis meets them
    if witness_dir is not None:
        _make_dir(witness_dir)
    left, right = d.a, d.b
    if as_json:
        _emit_json(diff_data(d, equivalent=True, witnesses=witness_dir))
    else:
        _out(_words(diff_text(d, witnesses=witness_dir), [left.book, right.book]))
    ctx.exit(EXIT_OK if not d.differing else EXIT_NO)


def _make_dir(path: str) -> None:
    from pathlib import Path

    from .errors import InputError, fail

    try:
        Path(path).mkdir(parents=True, exist_ok=True)
    except OSError as err:
        fail(InputError, None, f"cannot make the directory: {err.strerror}", path="--witnesses",
             help="give a directory you can write to")


@main.command("compare")
@click.argument("drafts", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json", "html"]), default="text",
              show_default=True, help="How to print the comparison.")
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@click.option("--family", "only", multiple=True, help="Only this question family, topic or topic(body) (repeatable).")
@click.option("--cac", "cac", default="cac", show_default=True,
              help="The composite whose option attributions are checked; 'none' to skip.")
@click.option("--sweep", is_flag=True,
              help="Diff every option combination of the composite against each draft and name the closest.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
@click.pass_context
def compare_cmd(ctx, drafts, fmt, as_json, only, cac, sweep, output):
    """Group the drafts question by question: common ground, options, and who is behind each.

    DRAFTS default to the four full drafts plus Merseyside. The CAC composite's
    own attributions ('option B from law-sll, tees, london') are checked
    against the engine's grouping, and every departure is shown with a witness.
    """
    from .loader import DRAFT_ARGUMENT

    DRAFT_ARGUMENT.set("DRAFTS")
    from .analyse.compare import sides_for, sweep as run_sweep
    from .analyse import report
    from .errors import InputError, fail

    fmt = "json" if as_json else fmt
    ctx.meta["json"] = fmt == "json"
    if output:
        _check_output_dir(output)  # before the comparison is computed, not after
    if sweep:
        from .service import composite_side

        sides = sides_for(drafts)
        composite = composite_side(cac)
        if composite is None:
            fail(InputError, None, "--sweep needs a composite", path="--sweep", help="drop --cac none")
        text = report.sweep_text(run_sweep(composite, sides), composite, fmt)
    else:
        from .service import compare_result

        result, sides, composite = compare_result(drafts, only, cac)
        from .words import line, names_of

        names = names_of([s.book for s in sides] + ([composite.book] if composite else []))

        def say(text: str) -> str:
            return line(text, names)

        text = {"text": lambda c: report.compare_text(c, say),
                "markdown": lambda c: report.compare_markdown(c, say),
                "html": lambda c: report.compare_html(c, say),
                "json": lambda c: json.dumps(report.compare_data(c), indent=2, ensure_ascii=False)}[fmt](result)
        if fmt in ("text", "markdown"):
            text = _words(text, [s.book for s in sides] + ([composite.book] if composite else []))
    if output:
        try:
            Path(output).write_text(text.rstrip("\n") + "\n", encoding="utf-8")
        except OSError as err:
            fail(InputError, None, f"cannot write the file: {err.strerror}", path="--output")
        click.echo(f"wrote {output}", err=True)
    else:
        _out(text)


@main.command()
@report_output
@click.argument("drafts", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Every sentence with what accounts for it.")
@click.option("--unaccounted", "only_open", is_flag=True, help="List the sentences nothing accounts for.")
@click.option("--unexercised", "only_untested", is_flag=True,
              help="List the formalised sentences no scenario case exercises.")
@click.option("--scenarios", "scenarios", type=click.Path(file_okay=False),
              help="Scenario files to read (default: tests/scenarios of a checkout).")
def coverage(drafts, as_json, only_open, only_untested, scenarios):
    """How much of each source text the rule files account for, sentence by sentence,
    and which formalised sentences no scenario case exercises.

    Exit 0 when every sentence is accounted for (and, where scenarios are
    read, exercised), 1 otherwise."""
    from .loader import DRAFT_ARGUMENT

    DRAFT_ARGUMENT.set("DRAFTS")
    from .coverage import account, exercised_labels, mark_exercised, scenario_dir, summarise
    from .errors import InputError, fail
    from .loader import load_many

    directory = Path(scenarios) if scenarios else scenario_dir()
    if scenarios and not directory.is_dir():
        fail(InputError, None, f"no such directory: {scenarios}", path="--scenarios",
             help="give the folder that holds the scenario YAML files")
    rows = []
    for book in load_many(drafts):
        accounts = account(book.ast)
        if directory is not None:
            accounts = mark_exercised(accounts, exercised_labels(book.id, directory))
        rows.append((summarise(book.id, accounts), accounts))
    if as_json:
        _emit_json([dict(s.to_json(), sentence_list=[a.to_json() for a in acc]) for s, acc in rows])
    else:
        click.echo(f"{'draft':<16}{'sentences':>10}{'formalised':>12}{'non-normative':>15}"
                   f"{'unaccounted':>13}{'accounted':>11}{'unexercised':>13}")
        for s, acc in rows:
            untested = "—" if s.unexercised is None else str(s.unexercised)
            click.echo(f"{s.book:<16}{s.sentences:>10}{s.formalised:>12}{s.non_normative:>15}"
                       f"{s.unaccounted:>13}{s.share:>10.1%}{untested:>13}")
            for a in acc:
                if (only_open and a.status == "unaccounted") or (only_untested and a.exercised is False):
                    by = f" ({', '.join(a.by)})" if a.by and a.status != "unaccounted" else ""
                    click.echo(f"    line {a.line}{by}: {a.text}")
        if directory is None:
            click.echo("  (no scenario files found: 'unexercised' needs --scenarios DIR)")
    ok = all(s.unaccounted == 0 and not s.unexercised for s, _ in rows)
    sys.exit(EXIT_OK if ok else EXIT_NO)


@main.command()
@report_output
@click.argument("drafts", nargs=-1)
@click.option("--all", "show_all", is_flag=True, help="List every shared sentence, not only those that differ.")
@click.option("--json", "as_json", is_flag=True, help="Every shared sentence with its clauses and rules.")
def shared(drafts, show_all, as_json):
    """Sentences that occur verbatim in more than one rulebook, and whether each is
    encoded with the same rules (default: every bundled rulebook).

    Exit 0 when every shared sentence agrees or its difference is explained in
    rules/same-sentences.yaml, 1 otherwise."""
    from .loader import DRAFT_ARGUMENT

    DRAFT_ARGUMENT.set("DRAFTS")
    from .analyse.same import check, explanations, shared_sentences
    from .loader import load_many

    found = check(shared_sentences(load_many(drafts)), explanations())
    if as_json:
        _emit_json([{"sentence": s.sentence, "agrees": s.agrees, "problems": s.problems,
                     "pairs": s.pairs, "unexplained": s.unexplained, "explained": s.explained,
                     "occurrences": [{"draft": o.book, "clause": o.clause, "status": o.status,
                                      "rules": sorted(o.rules)} for o in s.occurrences]}
                    for s in found])
    else:
        for s in found:
            if s.agrees and not show_all:
                continue
            where = ", ".join(f"{o.book} {o.clause}" for o in s.occurrences)
            mark = "differs" if not s.agrees else ("explained" if s.explained else "same")
            click.echo(f"{mark}: “{s.sentence}”\n  in {where}")
            for p in s.problems:
                # Only the pairs the file lists are explained (round 58).
                click.echo(f"  {p}" + ("" if p in s.unexplained else " (explained below)"))
            if s.explained:
                click.echo(f"  why: {s.explained}")
            click.echo()
        bad = sum(not s.agrees for s in found)
        click.echo(f"{len(found)} shared sentences: {len(found) - bad} agree or are explained, {bad} differ")
    sys.exit(EXIT_OK if all(s.agrees for s in found) else EXIT_NO)


@main.command()
@report_output
@click.argument("files", nargs=-1, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print each file checked, with its counts, as JSON.")
@click.pass_context
def validate(ctx, files, as_json):
    """Parse and check rule files (default: every bundled draft; '-' reads standard input)."""
    from .data import data_dir
    from .loader import load

    ctx.meta["json"] = as_json
    paths = [Path(f) for f in files] or sorted(data_dir("rules").glob("*.lla"))
    files = sorted({q for f in paths for q in (sorted(f.glob("*.lla")) if f.is_dir() else [f])})
    rows = []
    from .quotes import check_quotes

    for p in files:
        book = load(str(p))
        check_quotes(book.ast)  # a drafter's own file quotes its source too (round 66)
        shown = os.path.relpath(p) if not str(p).startswith(("..", "-")) else str(p)
        rows.append({"file": shown, "rulebook": book.id, "clauses": len(book.ast.clauses),
                     "rules": sum(len(v) for v in book.by_topic.values())})
    if as_json:
        _emit_json(rows)
        return
    for r in rows:
        click.echo(f"ok  {r['file']}  ({r['clauses']} clauses, {r['rules']} rules)")


@main.command("format")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--check", "check_only", is_flag=True, help="Exit 1 if the file is not in canonical form.")
@click.option("--json", "as_json", is_flag=True, help="Print the file, the canonical text and whether it is already so, as JSON.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the canonical text to this file.")
@click.pass_context
def format_cmd(ctx, file, check_only, as_json, output):
    """Print a rule file in canonical layout (comments are not kept; '-' reads standard input)."""
    from .format import format_rulebook
    from .loader import parse_file, read_text

    ctx.meta["json"] = as_json
    text = format_rulebook(parse_file(Path(file)))
    same = read_text(file, "rules") == text
    if as_json:
        _emit_json({"file": file, "canonical": same, "text": text})
        sys.exit(EXIT_OK if same or not check_only else EXIT_NO)
    if check_only:
        click.echo(f"{file}: {'canonical' if same else 'would be reformatted'}")
        sys.exit(EXIT_OK if same else EXIT_NO)
    if output:
        _check_output_dir(output)
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
        return
    click.echo(text, nl=False)


@main.command("lint")
@report_output
@click.argument("files", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print the findings as a JSON list.")
@click.option("--severity", type=click.Choice(["error", "warning", "info"]), default="info",
              show_default=True, help="Show only findings of this severity or worse.")
@click.pass_context
def lint_cmd(ctx, files, as_json, severity):
    """Find defects in drafts: overlapping or gapped bands, contradictions,
    dead rules, duplicate numbers, undefined bodies, vague wording.

    FILES are .lla files, bundled draft ids or directories (every *.lla in
    it), a draft with amendments applied (london+swansea) or a composite with
    options chosen (cac:4.2=B); default: every bundled draft. Exit 0 when
    nothing of severity error or warning is shown, 1 otherwise."""
    from pathlib import Path

    from .analyse.lint import at_least, render_report
    from .service import lint_found, lint_json

    ctx.meta["json"] = as_json
    found = lint_found(files)
    results = [(name, at_least(found, severity)) for name, found in found]
    if as_json:
        _emit_json(lint_json(found, severity)[0])
    else:
        def in_words(text: str, name: str) -> str:
            from .loader import load

            try:
                books = [load("-" if name == "<stdin>" else name)]
            except LlaError:  # a file that does not load has no names to give
                books = []
            return _words(text, books)

        _out(render_report(results, in_words))
    serious = any(f.severity in ("error", "warning") for _, found in results for f in found)
    ctx.exit(EXIT_NO if serious else EXIT_OK)



@main.command()
@report_output
@click.argument("ballots", type=click.Path(dir_okay=False))
@click.option("--seats", type=click.IntRange(min=1), help="Seats to fill (default: a BLT file's header; required for CSV).")
@click.option("--method", default="scottish-stv", show_default=True,
              type=click.Choice(["scottish-stv", "irv", "cpo-stv"]),
              help="How to count: the motion names no method, only 'a transferable voting system'.")
@click.option("--seed", type=click.IntRange(min=0),
              help="Seeds the order in which lots break ties (default: a fixed seed, printed).")
@click.option("--ballot", help="A ranked ballot of a rulebook, e.g. nec_clp (9 places) or nec_bame (1): "
                               "its places are the seats, and its clause is cited.")
@click.option("--draft", default="launch-2020", show_default=True, help="The rulebook that holds --ballot.")
@click.option("--json", "as_json", is_flag=True, help="Print the count as JSON.")
@click.pass_context
def elect(ctx, ballots, seats, method, seed, ballot, draft, as_json):
    """Count ranked BALLOTS for the LLA's NEC candidates (the CLP places, the BAME place) and list the order of election.

    \b
    BALLOTS is a BLT file (.blt) or a CSV of rankings (.csv): one ballot per
    row, names in preference order, no header row and no weight column.
    Exit 0 when every seat is filled, 1 when the count leaves one unfilled,
    2 for bad input."""
    from .elect import DEFAULT_SEED, count, read
    from .elect.report import render
    from .elect.result import LINE_562, cites_order

    ctx.meta["json"] = as_json
    cited = unsaid = None
    if ballot is not None:
        seats, cited, unsaid = _ranked_ballot(draft, ballot, seats)
        if method == "irv" and seats != 1:
            from .errors import InputError, fail

            # The ballot gives the seats, so '--seats 1' is no way out (round 38).
            fail(InputError, None, f"irv fills one seat; {ballot} fills {seats}", path="--method",
                 expected="--method scottish-stv or --method cpo-stv",
                 help=f"count {ballot} with a method for several seats")
    data = read(ballots)
    if ballot is not None and data.seats is not None and data.seats != seats:
        from .errors import InputError, fail

        # The file says what it is a count for: a CLP file is not the BAME ballot.
        fail(InputError, data.seats_span, f"the file is a count for {data.seats} seats, but ballot "
             f"{ballot} fills {seats}", path=ballots, expected=f"a BLT header of {seats} seat{'s' if seats != 1 else ''}",
             help="give the ballots of that election, or leave out --ballot")
    standing = len(data.names) - len(set(data.withdrawn))
    if ballot is not None and seats > standing:
        from .errors import InputError, fail

        # The ballot, not --seats, fixed the number: blame what the user gave (round 58).
        fail(InputError, None, f"{ballot} fills {seats} places, but the ballots name only "
             f"{standing} standing candidate{'s' if standing != 1 else ''}"
             + (" (some are withdrawn)" if data.withdrawn else ""), path=ballots,
             expected=f"ballots naming at least {seats} candidates",
             help=f"give the ballots of {ballot}, or leave out --ballot and give --seats")
    result = count(data, seats, method, DEFAULT_SEED if seed is None else seed)
    result.ballot, result.ballot_id = cited, ballot
    if draft == "launch-2020" and cites_order(result):
        result.motion += LINE_562
    if ballot is not None and draft != "launch-2020":
        # The launch motion's words belong to its own ballots, not another rulebook's.
        result.motion = cited
        result.text_names_no_method = unsaid or (
            f"{draft} asks for a transferable vote and names no method, quota or tie-break: "
            "the method is this count's choice (--method), not the text's.")
    if as_json:
        _emit_json(result.model_dump(mode="json"))
    else:
        click.echo(render(result))
    ctx.exit(EXIT_NO if result.unfilled else EXIT_OK)



_FORM_WORDS = {"between": "between options", "motion": "on a motion", "each_choice": "on each choice",
               "each_amendment": "on each amendment"}


def _ranked_ballot(draft: str, ballot: str, seats: int | None) -> tuple[int, str]:
    """The seats a rulebook's ranked ballot fills, and the clause behind its count."""
    from .errors import InputError, did_you_mean, fail
    from . import ast as A
    from .evaluate import evaluate
    from .loader import load

    book = load(draft)
    ranked = [b.id for b in book.ast.ballots if b.form == "ranked"]
    b = book.ast.ballot(ballot)
    if b is not None and b.form != "ranked":
        # A ballot the file declares, but not an election: say what it is
        # rather than guess at a ranked one with a like name (round 36).
        counted = evaluate(book, "count", b.id, {})
        unsaid = counted.status in ("silent", "unspecified") or isinstance(counted.value, A.Unspecified)
        fail(InputError, None, f"{b.id} is {b.name}: a ballot {_FORM_WORDS.get(b.form, b.form)}, "
             "not a ranked election", path="--ballot",
             expected="one of " + ", ".join(ranked) if ranked else None,
             help=(f"lla elect counts {' and '.join(ranked)}" if ranked else f"{book.id} holds no ranked election")
             + (f"; {book.id} does not say how {b.id} is counted" if unsaid else ""))
    if b is None:
        fail(InputError, None, f"{book.id} has no ranked ballot '{ballot}'", path="--ballot",
             expected="one of " + ", ".join(ranked) if ranked else None,
             help=did_you_mean(ballot, ranked) or (None if ranked else f"{book.id} holds no ranked election"))
    if seats is not None and seats != b.places:
        fail(InputError, None, f"--seats {seats}, but {b.name} fills {b.places}", path="--seats",
             help="leave out --seats: the ballot gives the number")
    from .format import value as value_text

    res = evaluate(book, "count", b.id, {})
    where = "; ".join(f"{book.id} {e.clause.id}" + (f" (lines {e.clause.lines[0]}–{e.clause.lines[1]})"
                                                     if e.clause.lines else "")
                      + (f": {e.rule.note}" if e.rule.note else "") for e in res.because)
    places = f"{b.id}, {b.name}: {b.places} place{'s' if b.places != 1 else ''}"
    if res.status == "determined" and isinstance(res.value, A.Transferable):
        return b.places, f"{places}, by a transferable vote ({where})", None
    if res.status == "determined":
        # A ballot the rulebook counts otherwise is not a transferable vote:
        # counting it by STV would put words in the text's mouth.
        fail(InputError, None, f"{book.id} counts {b.name} by the {value_text(res.value)} ({where}), "
             "not by a transferable vote", path="--ballot",
             help="lla elect counts transferable votes only; lla conference counts a ballot by its own rule")
    # The text does not say how it is counted: the method is the count's choice.
    return b.places, f"{places}; {book.id} does not say how it is counted", (
        f"{book.id} does not say how {b.name} is counted: the method is this count's choice (--method), "
        "not the text's.")


@main.command("conference")
@click.argument("tallies")
@click.option("--draft", default="cac", show_default=True,
              help="The rulebook whose procedure is run (it declares the ballots).")
@click.option("--counting", type=click.Choice(["plurality", "absolute-majority"]),
              help="Count ballots whose counting the text leaves open this way (an assumption, listed).")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write the adopted constitution as a rule file here.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.pass_context
def conference_cmd(ctx, tallies, draft, counting, output, as_json):
    """Run a conference's procedure from a file of TALLIES.

    The CAC procedural motion (cac, lines 17-45): the CAC motion, then each
    section's options and ratification, or, if it falls, the amendments and the
    four drafts against each other. Prints each vote with how it was decided
    and the clause behind it, and what was adopted as a draft spec for lla ask,
    check and compose. Exit 0 when a constitution is adopted, 3 when the text
    leaves a step open, 2 on bad input."""
    from .conference import run
    from .conference.render import text
    from .conference.tallies import load as load_tallies
    from .loader import load

    ctx.meta["json"] = as_json
    if output:
        _check_output_dir(output)
    book = load(draft)
    t = load_tallies(tallies)
    out = run(book, t, counting)
    if output and out.status == "adopted":
        Path(output).write_text(_adopted_file(out), encoding="utf-8")
    if as_json:
        _emit_json(_dump(out))
    else:
        click.echo(text(out, book))
        if output and out.status == "adopted":
            click.echo(f"wrote {output}")
    ctx.exit(EXIT_OK if out.status == "adopted" else EXIT_OPEN)


def _check_output_dir(output: str) -> None:
    from .errors import InputError, fail

    if not Path(output).resolve().parent.is_dir():
        fail(InputError, None, f"no directory to write '{output}' in", path="--output",
             help="create the directory first, or give another path")


def _adopted_file(out) -> str:
    """The adopted constitution as a rule file: the composite with the options
    agreed, or the winning draft with its carried amendments."""
    from .amend import apply_amendments
    from .compose import compose as compose_menu
    from .format import format_rulebook
    from .loader import load

    if ":" in out.adopted:
        book = load(out.draft).ast
        new = compose_menu(book, out.chosen)
    else:
        draft, *amendments = out.adopted.split("+")
        new = apply_amendments(load(draft).ast, amendments)
    return format_rulebook(_as_file(new, out.adopted_title))


@main.command("serve")
@click.argument("rule_files", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on (127.0.0.1: this computer only).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--time-limit", default=10.0, show_default=True, type=click.FloatRange(1, 600),
              help="Seconds of engine work a request may take.")
def serve(rule_files, host, port, time_limit):
    """Start the web app: ask, check, compare, diff and read the drafts in a
    browser, with the JSON API under /api (its docs at /docs).

    RULE_FILES are .lla files offered beside the bundled drafts."""
    from .web.app import create_app

    app = create_app(rule_files, seconds=time_limit, compare_now=True)
    import uvicorn

    click.echo(f"lla serve: open http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/ "
               "(Ctrl-C stops it)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


if __name__ == "__main__":  # pragma: no cover
    main()
