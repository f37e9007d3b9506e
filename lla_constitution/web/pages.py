"""The pages: ask, check, compare, diff and the drafts, in plain words.

Each page takes plain form fields (GET for what only reads, so a page can be
bookmarked and shared; POST where a file or a filled form is sent), does its
engine work through `work` (within the server's limits) and shows it with
the same words as the CLI's text: bodies by their names, facts in sentences.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from fastapi import APIRouter, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from ..analyse.report import VERDICT_WORDS
from ..errors import LlaError
from . import forms, work
from .app import HERE
from .wording import for_web

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=HERE / "templates")


# ---- words ------------------------------------------------------------------------

@lru_cache(maxsize=8)
def _names(ids: tuple[str, ...]) -> dict:
    from ..loader import load
    from ..words import names_of

    return names_of([load(i) for i in ids])


def say_for(ids) -> callable:
    """Identifiers in a line put into words, with the names these drafts give bodies."""
    from ..words import line, outcome

    names = _names(tuple(sorted(set(ids))))

    def say(text) -> str:
        return line(str(text), names)

    # What a witness's command answers ("delegated: organising_group").
    say.outcome = lambda text: outcome(str(text), names)
    say.names = names  # for a rule said as a sentence (words.rule_said)
    return say


def _all_ids(request: Request) -> list[str]:
    from ..loader import bundled_ids

    return bundled_ids() + sorted(request.app.state.extra.values())


def _render(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
    say = context.get("say")
    if say is not None:
        context.setdefault("fact", lambda k, v: say(f"{k} = {_literal(v)}"))
    return templates.TemplateResponse(request, name, {"nav": name.split(".")[0], **context},
                                      status_code=status)


def _literal(value) -> str:
    """A witness's fact value as the rule language writes it (true, not True)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "{" + ", ".join(map(str, value)) + "}"
    return str(value)


def clause_text(side: str, clause: str) -> str:
    """The verbatim text of `clause` in the draft a side label names
    (cac[4.2=B], london+swansea: the draft's own clause, or an option's)."""
    from ..loader import bundled_ids, load

    rid = side.partition("[")[0].partition(":")[0].partition("+")[0]
    if rid not in bundled_ids():
        return ""
    found = next((c for c in load(rid).ast.all_clauses() if c.id == clause), None)
    return found.text if found is not None else ""


def clause_link(draft: str, clause: str) -> str | None:
    """Where a cited clause is on its draft's page: /drafts/tees#c-3.5.
    An option's clause (cac[4.2=B]) is on the composite's page; an amended
    draft's (london+swansea) may be the amendment's own, so no link.

    >>> clause_link("cac[4.2=B]", "4.2.b.ii"), clause_link("london+swansea", "2.3")
    ('/drafts/cac#c-4.2.b.ii', None)
    """
    from urllib.parse import quote

    if "+" in draft:
        return None
    rid = draft.partition("[")[0].partition(":")[0]
    return f"/drafts/{quote(rid)}#c-{quote(clause)}"


def _yaml(doc) -> str:
    import yaml

    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)


templates.env.globals["clause_text"] = clause_text
templates.env.globals["verdict_words"] = VERDICT_WORDS
templates.env.globals["choice_words"] = forms.choice_words
templates.env.filters["yaml"] = _yaml


def error_page(request: Request, err: LlaError, status: int = 422) -> HTMLResponse:
    return _render(request, "error.html", status=status, error=for_web(err.render()), message=err.message)


def working(request: Request) -> HTMLResponse:
    return _render(request, "working.html", status=503)


# ---- the choices a page offers ----------------------------------------------------------

@lru_cache(maxsize=1)
def _menus() -> list[dict]:
    """Each composite's choices, for the option controls: id, title, options."""
    from ..loader import bundled_ids, load

    out = []
    for rid in bundled_ids():
        book = load(rid)
        for c in book.ast.choices:
            out.append({"draft": rid, "id": c.id, "title": c.title,
                        "options": [{"key": o.key, "title": o.title or o.key} for o in c.options],
                        "requires": c.requires})
    return out


@lru_cache(maxsize=1)
def _amendments() -> list[dict]:
    from ..loader import bundled_ids, load

    return [{"draft": rid, "id": a.id, "title": getattr(a, "title", None) or a.id}
            for rid in bundled_ids() for a in load(rid).ast.amendments]


def _drafts(request: Request) -> list[dict]:
    from ..service import drafts_json

    rows = drafts_json()
    for rid, path in sorted(request.app.state.extra.items()):
        rows.append({"id": rid, "title": f"{rid} (from {path})", "clauses": None})
    return rows


def _options(request: Request) -> list[str]:
    """The composite options chosen with the controls: `option=4.2=B` fields."""
    return [v for v in request.query_params.getlist("option") if v]


# ---- ask ------------------------------------------------------------------------

@router.get("/", response_class=HTMLResponse)
def home():
    return RedirectResponse("/ask", status_code=307)


@router.get("/ask", response_class=HTMLResponse)
def ask_page(request: Request, q: str = "", draft: list[str] = Query([]), option: list[str] = Query([]),
             amend: list[str] = Query([])):
    from ..model import AnswerOut
    from ..question_forms import FORMS
    from ..report_md import fragment

    answers, error = [], None
    if q.strip():
        try:
            data, _ = work.ask(q, draft, [o for o in option if o], amend, extra=request.app.state.extra,
                               seconds=request.app.state.seconds)
            say = say_for([d.partition(":")[0].partition("+")[0] for d in draft] or _all_ids(request))
            answers = [{"draft": a["draft"], "status": a["status"],
                        "html": Markup(for_web(fragment(AnswerOut(**a), say, "h3", conditions=True, link=clause_link), html=True))}
                       for a in data]
        except LlaError as err:
            error = for_web(err.render())
    # One suggestion per form ("who may affiliate?   /   who may join?" are three).
    forms = [f.strip() for form in FORMS for f in form.split("   /   ")]
    return _render(request, "ask.html", q=q, forms=forms, drafts=_drafts(request), chosen=draft,
                   menus=_menus(), options=option, amendments=_amendments(), amends=amend,
                   answers=answers, error=error)


# ---- check ----------------------------------------------------------------------

@router.get("/check", response_class=HTMLResponse)
def check_page(request: Request, action: str = "join"):
    from .forms import action_form, actions

    return _render(request, "check.html", actions=actions(), action=action, form=action_form(action),
                   drafts=_drafts(request), chosen=[], menus=_menus(), options=[], yaml_text=None,
                   verdicts=[], error=None, values={})


@router.post("/check", response_class=HTMLResponse)
async def check_post(request: Request):
    from ..model import VerdictOut
    from ..report_md import fragment
    from .forms import action_form, actions, to_yaml

    form = await request.form()
    action = str(form.get("action") or "join")
    drafts = [str(d) for d in form.getlist("draft") if d]
    options = [str(o) for o in form.getlist("option") if o]
    text = str(form.get("yaml") or "").strip()
    values = {k: str(v) for k, v in form.items() if k.startswith("f.")}
    verdicts, error = [], None
    try:
        if not text:
            text = to_yaml(action, values)
        data, _ = work.check(text, drafts, options, extra=request.app.state.extra,
                             seconds=request.app.state.seconds)
        say = say_for([d.partition(":")[0] for d in drafts] or _all_ids(request))
        verdicts = [{"draft": v["draft"], "status": v["verdict"],
                     "html": Markup(for_web(fragment(VerdictOut(**v), say, "h3", conditions=True, link=clause_link), html=True))} for v in data]
    except LlaError as err:
        error = for_web(err.render())
    return _render(request, "check.html", actions=actions(), action=action, form=action_form(action),
                   drafts=_drafts(request), chosen=drafts, menus=_menus(), options=options,
                   yaml_text=text, verdicts=verdicts, error=error, values=values,
                   status=422 if error else 200)


# ---- compare ---------------------------------------------------------------------

@router.get("/compare", response_class=HTMLResponse)
def compare_page(request: Request, family: list[str] = Query([])):
    from ..analyse.report import STATUS_WORDS, attribution_lines

    family = [f for f in family if f]
    if family:
        data, _ = work.compare((), family, extra=request.app.state.extra, seconds=request.app.state.seconds)
    else:
        data = request.app.state.comparison.result(wait=min(2.0, request.app.state.seconds))
    say = say_for(_all_ids(request))
    return _render(request, "compare.html", data=data, say=say, status_words=STATUS_WORDS,
                   family=family, lines=[x for x in attribution_lines(data)
                                         if x != (0, "The CAC's attributions checked")])


@router.get("/compare/{label}", response_class=HTMLResponse)
def compare_family(request: Request, label: str):
    """One family of the comparison: each position, and where two part, the
    witness with every draft's answer and the clauses on both sides."""
    from ..analyse.report import STATUS_WORDS
    from .comparison import NotReady

    try:  # the whole comparison, when it is worked out already
        data = request.app.state.comparison.result(wait=0)
    except NotReady:
        data, _ = work.compare((), [label], extra=request.app.state.extra, seconds=request.app.state.seconds)
    (row,) = [r for r in data["rows"] if r["family"] == label] or [None]
    if row is None:
        from ..errors import InputError, did_you_mean, fail

        fail(InputError, None, f"no question family '{label[:60]}' among the drafts compared", path="family",
             help=did_you_mean(label, [r["family"] for r in data["rows"]]) or "open a row of /compare")
    pairs = []
    for x in (row or {}).get("contrasts", []):
        first = {g["group"]: g["drafts"][0] for g in row["groups"]}
        a, b = first[x["groups"][0]], first[x["groups"][1]]
        try:
            d, _ = work.diff(a, b, only=[label], extra=request.app.state.extra,
                             seconds=request.app.state.seconds)
        except LlaError as err:
            d = {"error": for_web(err.render())}
        pairs.append({"contrast": x, "a": a, "b": b, "diff": d})
    say = say_for(_all_ids(request))
    return _render(request, "family.html", row=row, label=label, pairs=pairs, say=say,
                   status_words=STATUS_WORDS, drafts=data["drafts"])


# ---- diff ------------------------------------------------------------------------

def _side_spec(draft: str, options: list[str]) -> str:
    """A side picked with the controls: a draft, and a composite's options."""
    options = [o for o in options if o]
    return draft + (":" + ",".join(options) if draft and options else "")


@router.get("/diff", response_class=HTMLResponse)
def diff_page(request: Request, a: str = "", b: str = "", family: list[str] = Query([]),
              a_draft: str = "", b_draft: str = "", a_option: list[str] = Query([]),
              b_option: list[str] = Query([])):
    # Picked with the controls, or typed (as a link from the comparison gives it).
    a = a.strip() or _side_spec(a_draft, a_option)
    b = b.strip() or _side_spec(b_draft, b_option)
    family = [f.strip() for x in family for f in x.split(",") if f.strip()]
    data, error = None, None
    if a and b:
        try:
            data, _ = work.diff(a, b, only=family, extra=request.app.state.extra,
                                seconds=request.app.state.seconds)
        except LlaError as err:
            error = for_web(err.render())
    return _diff(request, a, b, family, data, error)


@router.post("/diff", response_class=HTMLResponse)
async def diff_upload(request: Request, a: str = Form(""), b: str = Form(""),
                      a_file: Optional[UploadFile] = None, b_file: Optional[UploadFile] = None):
    texts = {}
    for which, upload in (("a", a_file), ("b", b_file)):
        if upload is not None and upload.filename:
            raw = await upload.read(work.MAX_TEXT + 1)
            texts[which] = raw.decode("utf-8", errors="replace")
    data, error = None, None
    try:
        data, _ = work.diff(a or None, b or None, texts.get("a"), texts.get("b"),
                            extra=request.app.state.extra, seconds=request.app.state.seconds)
    except LlaError as err:
        error = for_web(err.render())
    return _diff(request, a, b, [], data, error)


def _diff(request, a, b, family, data, error):
    from ..books import draft_spec

    say = say_for(_all_ids(request))
    picked = {}
    for which, spec in (("a", a), ("b", b)):
        try:
            name, options, amends = draft_spec(spec) if spec else ("", [], [])
        except LlaError:
            name, options, amends = "", [], []
        name = "+".join([name] + amends)
        picked[which] = {"draft": name, "options": options}
    # Each draft, and each with one of its amendments applied (london+swansea);
    # a composite's own amendments are among its options.
    composites = {m["draft"] for m in _menus()}
    sides = _drafts(request) + [{"id": f"{am['draft']}+{am['id']}", "title": f"{am['draft']} with the "
                                 f"{am['id']} amendment"} for am in _amendments() if am["draft"] not in composites]
    return _render(request, "diff.html", a=a, b=b, family=family, data=data, error=error, say=say,
                   drafts=sides, menus=_menus(), picked=picked, status=422 if error else 200)


# ---- the API's own page -----------------------------------------------------------

@router.get("/api", response_class=HTMLResponse)
def api_page(request: Request):
    """What the JSON API offers, readable offline (/docs loads its viewer
    from the internet)."""
    from .api import router as api_router

    routes = [{"path": r.path, "methods": sorted(r.methods - {"HEAD"}), "summary": r.summary or ""}
              for r in api_router.routes]
    return _render(request, "api.html", routes=routes)


# ---- drafts ----------------------------------------------------------------------

@router.get("/drafts", response_class=HTMLResponse)
def drafts_page(request: Request):
    return _render(request, "drafts.html", drafts=_drafts(request))


@router.get("/drafts/{draft}", response_class=HTMLResponse)
def draft_page(request: Request, draft: str, clause: Optional[str] = None):
    """A draft's clauses beside its rules (one clause and those under it with
    `clause`, as `lla show DRAFT CLAUSE`), with its lint findings."""
    from ..loader import load
    from ..service import show_json

    (path,) = work.drafts_allowed([draft], request.app.state.extra)
    book = load(path)
    clauses = show_json(book, clause or None) if clause else whole_draft(book)
    findings, _ = work.lint(None, [draft], extra=request.app.state.extra, seconds=request.app.state.seconds)
    ids = [book.id] if path == draft else _all_ids(request)
    say = say_for(ids)
    found = {c.id: c for c in book.ast.all_clauses()}
    names = _names(tuple(sorted(set(ids))))
    unrecalled = unrecalled_bodies(book)
    for c in clauses:
        if "clause" in c:
            c["words"] = rules_in_words(found[c["clause"]], names, unrecalled)
    return _render(request, "draft.html", book=book, clauses=clauses, findings=findings, say=say)


def whole_draft(book) -> list[dict]:
    """Every clause of a draft in the order of its source, a composite's
    menus with each option's own clauses and the amendments after, under
    headings (`lla show` lists the body's clauses only)."""
    from ..service import clause_json as one

    blocks = [((c.lines or (0,))[0], [one(c)]) for c in book.ast.clauses]
    for ch in book.ast.choices:
        block = [{"heading": f"Choice {ch.id}: {ch.title}", "level": 2, "text": ch.text}]
        for opt in ch.options:
            block.append({"heading": f"Option {opt.key}" + (f": {opt.title}" if opt.title else ""), "level": 3,
                          "text": ""})
            block += [one(c) for c in opt.clauses]
        blocks.append(((ch.lines or (10**9,))[0], block))
    out = [x for _, block in sorted(blocks, key=lambda b: b[0]) for x in block]
    for am in book.ast.amendments:
        out.append({"heading": f"Amendment {am.id}" + (f": {am.title}" if am.title else ""), "level": 2,
                    "text": am.text})
        out += [one(c) for op in am.ops for c in getattr(op, "clauses", ())]
    return out


def unrecalled_bodies(book) -> frozenset:
    """The bodies no clause of the file (any option's or amendment's
    included) provides a recall for, though some rule counts a vote to
    recall one of their members ("All decisions at all levels ...").

    >>> from lla_constitution.loader import load
    >>> sorted(unrecalled_bodies(load("london")))
    ['local_branch', 'organising_group', 'working_group']
    """
    from .. import ast as A

    rules = [r for c in book.ast.all_clauses() for r, _ in A.rules_of(c)]
    provided = {r.target for r in rules if r.topic == "recall" and not isinstance(r.value, A.Unspecified)}
    return frozenset(r.target for r in rules if r.topic == "recall_vote" and r.target not in provided)


def rules_in_words(clause, names: dict, unrecalled: frozenset = frozenset()) -> list[str]:
    """A clause's rules as sentences, for readers of the text, not the DSL
    (the page shows the DSL beside them). A vote to recall a member of a
    body in `unrecalled` says that it recalls no one, as `lla check` has it
    (round 42: London 3.5 read as if it provided the recall)."""
    from .. import ast as A
    from ..words import body, rule_said, the

    def said(rule) -> str:
        text = rule_said(rule, names)
        if (rule.topic == "recall_vote" and rule.target in unrecalled
                and not isinstance(rule.value, A.Unspecified)):
            text += (" No clause provides the recall itself, so a vote recalls no one;"
                     " a vote short of this is lost.")
        return text

    out = []
    for item in clause.items:
        if isinstance(item, A.Rule):
            out.append(said(item))
        elif isinstance(item, A.Creates):
            out.append(f"Sets up {the(body(item.body, names))}"
                       + (f", set up by {the(body(item.by, names))}" if item.by else "") + ".")
        elif isinstance(item, A.Either):
            out.append("The text can be read in these ways, and does not settle which:")
            for reading in item.readings:
                out.append(f"  Reading “{reading.label}”"
                           + (f", which stands because {reading.because}" if reading.because else "") + ":")
                out += [f"    {said(r)}" for r in reading.rules] or ["    no rule follows."]
    return out
