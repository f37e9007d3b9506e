"""The web app: pages for the committee, and the JSON API under `/api`.

FastAPI (on Starlette) because the engine's pydantic models become the API's
OpenAPI schema for free and it is the most used Python web framework of its
kind; Jinja2 templates and plain HTML forms, so there is no front-end build
step and every page works without JavaScript (a few lines open the
expandable sections for printing).

>>> from fastapi.testclient import TestClient
>>> client = TestClient(create_app())
>>> client.get("/api/ask", params={"question": "what fee does a CLP pay?", "draft": "law-sll"}).json()[0]["answer"]
'£100 per year'
"""
from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from ..errors import InputError, LlaError
from .comparison import Comparison, NotReady
from .limits import MAX_BODY, TIME_LIMIT

HERE = Path(__file__).resolve().parent


def create_app(rule_files=(), seconds: float = TIME_LIMIT, compare_now: bool = False) -> FastAPI:
    """The app, with the bundled rulebooks and `rule_files` (paths the server
    was started with; requests name them by their rulebook id).

    `seconds` bounds each request's engine work; `compare_now` starts the
    drafts' comparison in the background at once, as `lla serve` does."""
    from ..loader import bundled_ids, load

    app = FastAPI(title="lla-constitution", version=_version(),
                  description="Ask, check and compare the Labour Left Alliance's 2020 draft "
                              "constitutions. Every /api endpoint returns what the matching "
                              "`lla` command prints with --json.")
    extra: dict[str, str] = {}
    for path in rule_files:
        book = load(str(path))  # a bad file fails here, with the CLI's located message
        extra[book.id] = str(path)
    for rid in bundled_ids():
        load(rid)  # loaded once, before any request forks a worker
    app.state.extra = extra
    app.state.seconds = seconds
    app.state.comparison = Comparison()
    if compare_now:
        app.state.comparison.start()

    @app.middleware("http")
    async def limit_size(request: Request, call_next):
        length = request.headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > MAX_BODY:
            return _error(request, InputError(
                f"the request is {int(length):,} bytes, more than the server reads ({MAX_BODY:,})",
                path="request", help="send a smaller file, or use the lla CLI"), 413)
        return await call_next(request)

    @app.exception_handler(LlaError)
    async def lla_error(request: Request, err: LlaError):
        return _error(request, err)

    @app.exception_handler(NotReady)
    async def not_ready(request: Request, err: NotReady):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"status": "working", "message": "the comparison is still being "
                                 "worked out; try again in a few seconds"}, status_code=503,
                                headers={"Retry-After": "5"})
        from .pages import working

        return working(request)

    @app.exception_handler(Exception)
    async def bug(request: Request, err: Exception):
        # Never a traceback for the user: the CLI's wording for a bug.
        return _error(request, InputError(f"internal error: {type(err).__name__}",
                                          path=request.url.path,
                                          help="this is a bug in lla; the server's log has the details"), 500)

    from starlette.exceptions import HTTPException

    @app.exception_handler(HTTPException)
    async def no_page(request: Request, err: HTTPException):
        # A page address that does not exist: said in words, as other errors are.
        return _error(request, InputError(f"no page at {request.url.path}" if err.status_code == 404
                                          else str(err.detail), path=request.url.path,
                                          help="the pages are /ask, /check, /compare, /diff, /drafts and /api"),
                      err.status_code)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, err: RequestValidationError):
        first = err.errors()[0] if err.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ()) if x not in ("body", "query"))
        return _error(request, InputError(f"{first.get('msg', 'bad request')}", path=where or "request",
                                          help="see /docs for what each endpoint takes"))

    from . import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    return app


def _error(request: Request, err: LlaError, status: int = 422):
    """The CLI's error: its JSON object (as `--json` prints it) and the
    located message as `lla` prints it (`rendered`); a page shows the latter."""
    if request.url.path.startswith("/api/") or request.url.path.startswith("/docs"):
        # Bad input is the CLI's exit 2, said in the header as every reply's
        # exit code is (round 48: 422 replies carried none); a bug is 1.
        said = err.to_json()
        rendered = err.render()
        if isinstance(said.get("location"), str) and said["location"].startswith("--"):
            # The request's field, not the CLI option it stands for
            # (round 67: "--draft" for the JSON field "draft"), in the
            # message too (round 68).
            field = said["location"][2:]
            rendered = rendered.replace(said["location"] + ":", field + ":", 1)
            said["location"] = field
        return JSONResponse({**said, "rendered": rendered}, status_code=status,
                            headers={"X-LLA-Exit": "1" if status >= 500 else "2"})
    from .pages import error_page

    return error_page(request, err, status)


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("lla-constitution")
    except Exception:  # not installed, e.g. run from a source tree
        return "0"
