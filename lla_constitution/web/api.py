"""`/api`: the CLI's `--json` contract over HTTP.

Each endpoint returns exactly what the matching command prints with
`--json` (tests/test_web_api.py compares them), with the command's exit
code in the `X-LLA-Exit` header. Bad input gets HTTP 422 with the CLI's
error object and its located message (`rendered`), as `lla` prints it.
"""
from __future__ import annotations

from typing import Literal, Optional

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from ..model import AnswerOut, VerdictOut
from . import work

router = APIRouter(prefix="/api", tags=["api"])


def _reply(data, code: int) -> JSONResponse:
    return JSONResponse(content=data, headers={"X-LLA-Exit": str(code)})


def _settings(request: Request) -> dict:
    return {"extra": request.app.state.extra, "seconds": request.app.state.seconds}


class AskBody(BaseModel):
    question: str = Field(..., examples=["how many delegates may a local group with 150 members send to conference?"])
    drafts: list[str] = Field(default_factory=list, description="draft ids, as --draft (default: the five and the composite)")
    options: list[str] = Field(default_factory=list, description="CHOICE=OPTION, as --option", examples=[["4.2=B"]])
    amends: list[str] = Field(default_factory=list, description="amendments to apply, as --amend")
    register_text: Optional[str] = Field(None, alias="register",
                                         description="a register's text (YAML, or CSV with register_csv)")
    register_csv: bool = False

    model_config = {"populate_by_name": True}


class CheckBody(BaseModel):
    action: str = Field(..., description="an action file's text, YAML or JSON",
                        examples=["action: join\nperson: {labour_status: member}\n"])
    drafts: list[str] = Field(default_factory=list)
    options: list[str] = Field(default_factory=list)
    amends: list[str] = Field(default_factory=list)
    register_text: Optional[str] = Field(None, alias="register", description="a register's text")
    register_csv: bool = False

    model_config = {"populate_by_name": True}


class DiffBody(BaseModel):
    a: Optional[str] = Field(None, examples=["dulwich"], description="a draft spec, or leave out and send a_rules")
    b: Optional[str] = Field(None, examples=["law-sll"])
    a_rules: Optional[str] = Field(None, description="a rule file's text for side a")
    b_rules: Optional[str] = Field(None, description="a rule file's text for side b")
    family: list[str] = Field(default_factory=list)


class LintBody(BaseModel):
    rules: Optional[str] = Field(None, description="a rule file's text")
    drafts: list[str] = Field(default_factory=list, description="or drafts by id (default: every bundled one)")


class ConferenceBody(BaseModel):
    tallies: str = Field(..., description="a tallies file's text, as lla conference reads it")
    draft: str = "cac"
    counting: Optional[Literal["plurality", "absolute-majority"]] = None


_ANSWERS = {200: {"model": list[AnswerOut], "description": "as `lla ask --json`"}}
_VERDICTS = {200: {"model": list[VerdictOut], "description": "as `lla check --json`"}}


@router.get("/ask", responses=_ANSWERS, summary="Answer a question from each draft (lla ask --json)")
def ask_get(request: Request, question: str, draft: list[str] = Query([]), option: list[str] = Query([]),
            amend: list[str] = Query([])):
    return _reply(*work.ask(question, draft, option, amend, **_settings(request)))


@router.post("/ask", responses=_ANSWERS, summary="Answer a question, with a register (lla ask --json)")
def ask_post(request: Request, body: AskBody):
    return _reply(*work.ask(body.question, body.drafts, body.options, body.amends, body.register_text,
                            body.register_csv, **_settings(request)))


@router.post("/check", responses=_VERDICTS, summary="Check the actions of an action file (lla check --json)")
def check(request: Request, body: CheckBody):
    return _reply(*work.check(body.action, body.drafts, body.options, body.amends, body.register_text,
                              body.register_csv, **_settings(request)))


@router.get("/compare", summary="The topic × draft matrix (lla compare --json)")
def compare(request: Request, draft: list[str] = Query([]), family: list[str] = Query([]),
            cac: str = "cac"):
    if not draft and not family and cac == "cac":
        data = request.app.state.comparison.result(wait=request.app.state.seconds)
        return _reply(data, 0)
    return _reply(*work.compare(draft, family, cac, **_settings(request)))


@router.get("/diff", summary="Where two drafts decide differently (lla diff --json)")
def diff_get(request: Request, a: str, b: str, family: list[str] = Query([])):
    return _reply(*work.diff(a, b, only=family, **_settings(request)))


@router.post("/diff", summary="Diff with a rule file sent as text on either side (lla diff --json)")
def diff_post(request: Request, body: DiffBody):
    return _reply(*work.diff(body.a, body.b, body.a_rules, body.b_rules, body.family, **_settings(request)))


@router.get("/drafts", summary="The bundled drafts (lla drafts --json)")
def drafts():
    from ..service import drafts_json

    return _reply(drafts_json(), 0)


@router.get("/drafts/{draft}", summary="A draft's clauses, text beside rules (lla show DRAFT --json)")
def show(request: Request, draft: str, clause: Optional[str] = None):
    from ..loader import load
    from ..service import show_json

    (path,) = work.drafts_allowed([draft], request.app.state.extra)
    return _reply(show_json(load(path), clause), 0)


@router.get("/lint", summary="Lint drafts by id (lla lint --json)")
def lint_get(request: Request, draft: list[str] = Query([])):
    return _reply(*work.lint(None, draft, **_settings(request)))


@router.post("/lint", summary="Lint a rule file sent as text (lla lint --json)")
def lint_post(request: Request, body: LintBody):
    return _reply(*work.lint(body.rules, body.drafts, **_settings(request)))


@router.post("/conference", summary="Run a conference's procedure from tallies (lla conference --json)")
def conference(request: Request, body: ConferenceBody):
    return _reply(*work.conference(body.tallies, body.draft, body.counting, **_settings(request)))
