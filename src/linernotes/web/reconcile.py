"""OpenRefine reconciliation service (protocol 0.2) at ``/reconcile``: an archivist matches a
spreadsheet column of names against the knowledge base. Scoring is ``kb.reconcile``'s.

- ``GET /reconcile``: the service manifest.
- ``GET|POST /reconcile?queries={"q0": {"query": "Ivan Imankulov", "properties": [{"pid": "instrument", "v": "saxophone"}]}}``
- ``GET /reconcile/preview?id=12``: a small HTML card OpenRefine shows in a frame.
"""
from __future__ import annotations

import json
from typing import Any, Optional

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.templating import Jinja2Templates

from ..errors import Errors, InputError
from ..kb import query
from ..kb.reconcile import reconcile
from ..store import Store
from .inputs import MAX_INT, MAX_JSON_DEPTH, storable, too_deep

MAX_QUERIES = 100
MAX_QUERIES_CHARS = 200_000
#: OpenRefine's front end fetches the manifest from another origin (its own page on localhost).
CORS = {"Access-Control-Allow-Origin": "*"}


def manifest(base: str) -> dict[str, Any]:
    return {
        "versions": ["0.2"],
        "name": "linernotes musicians",
        "identifierSpace": f"{base}/people/",
        "schemaSpace": f"{base}/schema/",
        "defaultTypes": [{"id": "Musician", "name": "Musician"}],
        "view": {"url": f"{base}/people/{{{{id}}}}"},
        "preview": {"url": f"{base}/reconcile/preview?id={{{{id}}}}", "width": 420, "height": 220},
        "properties": [{"id": name, "name": name} for name in query.FILTERS],
    }


def _queries(raw: str) -> dict[str, dict[str, Any]]:
    if len(raw) > MAX_QUERIES_CHARS:
        raise InputError(Errors.E035.format(why=f"queries is over {MAX_QUERIES_CHARS:,} characters"))
    if too_deep(raw):
        raise InputError(Errors.E035.format(why=f"queries nests arrays or objects over {MAX_JSON_DEPTH} deep"))
    try:
        batch = json.loads(raw)
    except json.JSONDecodeError as error:
        raise InputError(Errors.E035.format(why=f"queries is not JSON ({error.msg})")) from None
    except (ValueError, RecursionError):  # e.g. a number of over 4,300 digits
        raise InputError(Errors.E035.format(why="queries is not JSON this server can read")) from None
    if not isinstance(batch, dict) or len(batch) > MAX_QUERIES or not all(
            isinstance(q, dict) and isinstance(q.get("query"), str) for q in batch.values()):
        raise InputError(Errors.E035.format(
            why=f'queries must be an object of at most {MAX_QUERIES} {{"query": "name", ...}} objects'))
    for q in batch.values():
        storable(q["query"], "a query")
    return batch


def _properties(given: Any) -> dict[str, str]:
    out = {}
    for prop in given if isinstance(given, list) else []:
        if not isinstance(prop, dict):
            continue
        value = prop.get("v")
        value = value[0] if isinstance(value, list) and value else value
        value = value.get("name") or value.get("id") if isinstance(value, dict) else value
        if isinstance(prop.get("pid"), str) and isinstance(value, str):
            out[storable(prop["pid"], "a property")] = storable(value, "a property value")
    return out


def router(store: Store, pages: Jinja2Templates) -> APIRouter:
    app = APIRouter(tags=["reconciliation"])

    def answer(request: Request, raw: Optional[str]) -> JSONResponse:
        base = str(request.base_url).rstrip("/")
        if not raw:
            return JSONResponse(manifest(base), headers=CORS)
        results = {}
        for key, q in _queries(raw).items():
            limit = q.get("limit") if isinstance(q.get("limit"), int) and 0 < q["limit"] <= 50 else 5
            found = reconcile(store, q["query"][:300], limit=limit, properties=_properties(q.get("properties")))
            results[key] = {"result": [c.to_dict() for c in found]}
        return JSONResponse(results, headers=CORS)

    @app.get("/reconcile", summary="OpenRefine reconciliation: the manifest, or answers to `queries`")
    def reconcile_get(request: Request, queries: Optional[str] = None) -> JSONResponse:
        return answer(request, queries)

    @app.post("/reconcile", summary="OpenRefine reconciliation: answers to a form-encoded `queries` batch")
    async def reconcile_post(request: Request) -> JSONResponse:
        form = await request.form()
        raw = form.get("queries")
        return answer(request, raw if isinstance(raw, str) else None)

    @app.get("/reconcile/preview", response_class=HTMLResponse, summary="A person's card for OpenRefine's preview")
    def preview(request: Request, id: int = Query(..., ge=1, le=MAX_INT)):
        profile = query.show(store, id)
        return pages.TemplateResponse(request, "preview.html", {"p": profile})

    return app
