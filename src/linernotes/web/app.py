"""The web application: the JSON API, the explorer's pages and the reconciliation service over one
knowledge base, behind the security headers; errors in one shape (``web.errors``)."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from .. import __version__
from ..api import DEFAULT_TIME_BUDGET
from ..errors import Errors, LinernotesError
from ..kb.export import DEFAULT_BASE
from ..store import Store
from . import api, pages, reconcile, slowloris
from .cache import Recent
from .errors import code_of, shape, status_of
from .failsafe import CatchAll
from .inputs import plain_request
from .security import SecurityHeaders

HERE = Path(__file__).parent
#: Paths answered in JSON; everything else is a page.
JSON_PREFIXES = ("/api/", "/reconcile", "/openapi.json")
#: What ``linernotes serve`` hands its worker processes (``from_environment``): the database URL,
#: the *name* of the variable holding the upload token (never the token itself), the header deadline.
SERVE_DB, SERVE_TOKEN_ENV, SERVE_HEADER_TIMEOUT = "LINERNOTES_SERVE_DB", "LINERNOTES_SERVE_TOKEN_ENV", \
    "LINERNOTES_SERVE_HEADER_TIMEOUT"
#: ... and the collection's IRI base (``serve --base``), which reconciliation gives as its identifier space.
SERVE_BASE = "LINERNOTES_SERVE_BASE"


def settle_process() -> None:
    """Before serving: project the map outlines once, then move everything alive so far out of the
    garbage collector's view, so its full passes do not stall a request (``gc.freeze``)."""
    import gc

    from .figures import country_paths, world_svg

    country_paths()
    world_svg()
    gc.collect()
    gc.freeze()


def from_environment() -> FastAPI:
    """The app factory each ``linernotes serve`` worker process calls (``uvicorn --factory``): the
    store and token named by the environment the command set, the store closed at shutdown."""
    store = Store.open(os.environ.get(SERVE_DB), create=False)  # the command has created it
    token_env = os.environ.get(SERVE_TOKEN_ENV, "LINERNOTES_TOKEN")
    slowloris.HeaderDeadline.seconds = float(os.environ.get(SERVE_HEADER_TIMEOUT, slowloris.DEFAULT_HEADER_SECONDS))
    app = create_app(store, token=os.environ.get(token_env) or None, base=os.environ.get(SERVE_BASE) or DEFAULT_BASE)
    app.router.add_event_handler("shutdown", store.close)
    settle_process()
    return app


def create_app(store: Store, token: Optional[str] = None, time_budget: Optional[float] = DEFAULT_TIME_BUDGET,
               recent: Optional[Recent] = None, base: str = DEFAULT_BASE) -> FastAPI:
    """The whole server for ``store``. Without ``token`` it is read-only: uploads are refused. Each
    upload's extraction has ``time_budget`` seconds (E007 past it); ``recent`` keeps repeated answers;
    ``base`` is the collection's IRI namespace, the reconciliation service's identifier space."""
    app = FastAPI(title="linernotes", version=__version__,
                  description="Musicians' biographies as an evidenced knowledge base: people, facts with their "
                              "sentences, checks, search and questions. The explorer's pages are at /; an "
                              "OpenRefine reconciliation service is at /reconcile.",
                  # Swagger UI and ReDoc load from a CDN, so offline they fail: the description is /openapi.json.
                  docs_url=None, redoc_url=None, dependencies=[Depends(plain_request)])
    templates = pages.templates()
    recent = recent if recent is not None else Recent()

    def respond(request: Request, code: str, message: str, status: int):
        if request.url.path.startswith(JSON_PREFIXES):
            return JSONResponse(shape(code, message, status), status_code=status)
        return templates.TemplateResponse(request, "error.html", {"code": code, "message": message, "status": status,
                                                                  "uploads": bool(token)}, status_code=status)

    @app.exception_handler(LinernotesError)
    async def library_error(request: Request, error: LinernotesError):
        return respond(request, code_of(error), str(error), status_of(error))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError):
        why = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()[:5])
        return respond(request, "E035", Errors.E035.format(why=why), 422)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException):
        if error.status_code == 404:
            return respond(request, "E036", Errors.E036.format(path=request.url.path), 404)
        return respond(request, "E035", Errors.E035.format(why=error.detail), error.status_code)

    app.include_router(api.router(store, token, time_budget=time_budget, recent=recent))
    app.include_router(reconcile.router(store, templates, base))
    app.include_router(pages.router(store, token, templates, time_budget=time_budget, recent=recent))
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_middleware(CatchAll, respond=lambda scope, *error: respond(Request(scope), *error))
    app.add_middleware(SecurityHeaders)  # outermost: its headers go on every answer, the last resort's too
    return app
