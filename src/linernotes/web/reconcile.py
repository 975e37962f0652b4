"""OpenRefine reconciliation service (protocol 0.2) at ``/reconcile``: an archivist matches a
spreadsheet column of names (musicians, ensembles, places) against the knowledge base, and fetches
what it knows of them into new columns. Scoring and values are ``kb.reconcile``'s.

- ``GET /reconcile``: the service manifest.
- ``GET|POST /reconcile?queries={"q0": {"query": "Ivan Imankulov", "type": "Musician", "properties": [{"pid": "instrument", "v": "saxophone"}]}}``
- ``GET|POST /reconcile?extend={"ids": ["person/12"], "properties": [{"id": "instrument"}]}``: data extension.
- ``GET /reconcile/extend/propose?type=Musician``: the properties data extension offers.
- ``GET /reconcile/suggest/{entity,property,type}?prefix=Iva``: completion as a name is typed.
- ``GET /reconcile/preview?id=person/12``: a small HTML card OpenRefine shows in a frame.
- ``GET /reconcile/view?id=person/12``: the explorer's page of a person, ensemble or place.

``identifierSpace`` is the collection's base (``kb.export.DEFAULT_BASE`` unless the operator sets
one): ``identifierSpace + id`` is the IRI the exports mint, whatever host and port serve it.
"""
from __future__ import annotations

import json
from typing import Any, Optional

from fastapi import APIRouter, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from ..errors import Errors, InputError, NotFound
from ..kb import query
from ..kb import reconcile as service
from ..kb.export import DEFAULT_BASE
from ..store import Store
from .inputs import MAX_INT, MAX_JSON_DEPTH, storable, too_deep
from .pages import people_url

MAX_QUERIES = 100
MAX_QUERIES_CHARS = 200_000
MAX_EXTEND_IDS = 500
MAX_EXTEND_PROPERTIES = 50
SUGGEST_LIMIT = 10
#: OpenRefine's front end fetches the manifest from another origin (its own page on localhost).
CORS = {"Access-Control-Allow-Origin": "*"}


def manifest(url: str, base: str = DEFAULT_BASE) -> dict[str, Any]:
    """The manifest for a service at ``url`` (where OpenRefine reached it) over the collection ``base``."""
    return {
        "versions": ["0.2"],
        "name": "linernotes: musicians, ensembles and places",
        "identifierSpace": base,
        "schemaSpace": f"{base}vocab/",
        "defaultTypes": [service.type_dict(service.DEFAULT_TYPE)],
        "view": {"url": f"{url}/reconcile/view?id={{{{id}}}}"},
        "preview": {"url": f"{url}/reconcile/preview?id={{{{id}}}}", "width": 420, "height": 220},
        "suggest": {kind: {"service_url": url, "service_path": f"/reconcile/suggest/{kind}"}
                    for kind in ("entity", "property", "type")},
        "extend": {"propose_properties": {"service_url": url, "service_path": "/reconcile/extend/propose"},
                   "property_settings": []},
        "batchSize": MAX_QUERIES,
    }


def _json(raw: str, what: str) -> Any:
    if len(raw) > MAX_QUERIES_CHARS:
        raise InputError(Errors.E035.format(why=f"{what} is over {MAX_QUERIES_CHARS:,} characters"))
    if too_deep(raw):
        raise InputError(Errors.E035.format(why=f"{what} nests arrays or objects over {MAX_JSON_DEPTH} deep"))
    try:
        return json.loads(raw)
    except json.JSONDecodeError as error:
        raise InputError(Errors.E035.format(why=f"{what} is not JSON ({error.msg})")) from None
    except (ValueError, RecursionError):  # e.g. a number of over 4,300 digits
        raise InputError(Errors.E035.format(why=f"{what} is not JSON this server can read")) from None


def _queries(raw: str) -> dict[str, dict[str, Any]]:
    batch = _json(raw, "queries")
    if not isinstance(batch, dict) or len(batch) > MAX_QUERIES or not all(
            isinstance(q, dict) and isinstance(q.get("query"), str) for q in batch.values()):
        raise InputError(Errors.E035.format(
            why=f'queries must be an object of at most {MAX_QUERIES} {{"query": "name", ...}} objects'))
    for q in batch.values():
        storable(q["query"], "a query")
        if q.get("type") is not None and not isinstance(q["type"], str):
            raise InputError(Errors.E035.format(why="a query's type must be a type id (a string)"))
    return batch


def _extension(raw: str) -> tuple[list[str], list[str]]:
    asked = _json(raw, "extend")
    ids = asked.get("ids") if isinstance(asked, dict) else None
    props = asked.get("properties") if isinstance(asked, dict) else None
    if not (isinstance(ids, list) and isinstance(props, list) and all(isinstance(i, str) for i in ids)
            and all(isinstance(p, dict) and isinstance(p.get("id"), str) for p in props)
            and len(ids) <= MAX_EXTEND_IDS and len(props) <= MAX_EXTEND_PROPERTIES):
        raise InputError(Errors.E035.format(
            why=f'extend must be {{"ids": [at most {MAX_EXTEND_IDS} ids], "properties": [{{"id": ...}}, ...]}}'))
    for ref in ids:
        _in_range(storable(ref, "an id"))
    return ids, [storable(p["id"], "a property") for p in props]


def _in_range(ref: str) -> tuple[str, int]:
    """``ref`` parsed; a number past the database's integer is an invalid request (E035), as on every route."""
    kind, number = service.parse_ref(ref)
    if number > MAX_INT:
        raise InputError(Errors.E035.format(why=f"id: {kind} numbers stop at {MAX_INT:,}"))
    return kind, number


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


def router(store: Store, pages: Jinja2Templates, base: str = DEFAULT_BASE) -> APIRouter:
    app = APIRouter(tags=["reconciliation"])

    def answer(request: Request, queries: Optional[str], extend: Optional[str]) -> JSONResponse:
        if extend:
            ids, props = _extension(extend)
            return JSONResponse(service.extend(store, ids, props), headers=CORS)
        if not queries:
            return JSONResponse(manifest(str(request.base_url).rstrip("/"), base), headers=CORS)
        results = {}
        for key, q in _queries(queries).items():
            limit = q.get("limit") if isinstance(q.get("limit"), int) and 0 < q["limit"] <= 50 else 5
            found = service.reconcile(store, q["query"][:300], limit=limit, properties=_properties(q.get("properties")),
                                      type=q.get("type"))
            results[key] = {"result": [c.to_dict() for c in found]}
        return JSONResponse(results, headers=CORS)

    @app.get("/reconcile", summary="OpenRefine reconciliation: the manifest, answers to `queries`, or `extend`")
    def reconcile_get(request: Request, queries: Optional[str] = None, extend: Optional[str] = None) -> JSONResponse:
        return answer(request, queries, extend)

    @app.post("/reconcile", summary="OpenRefine reconciliation: a form-encoded `queries` batch or `extend` query")
    async def reconcile_post(request: Request) -> JSONResponse:
        form = await request.form()
        queries, extend = form.get("queries"), form.get("extend")
        return answer(request, queries if isinstance(queries, str) else None, extend if isinstance(extend, str) else None)

    @app.get("/reconcile/suggest/entity", summary="Musicians, ensembles and places whose name holds `prefix`")
    def suggest_entity(prefix: str = Query("", max_length=300), cursor: int = Query(0, ge=0, le=10_000),
                       type: Optional[str] = Query(None, max_length=64)) -> JSONResponse:
        return JSONResponse({"result": service.suggest_entities(store, prefix, cursor, SUGGEST_LIMIT, type)},
                            headers=CORS)

    @app.get("/reconcile/suggest/property", summary="Properties whose id or name holds `prefix`")
    def suggest_property(prefix: str = Query("", max_length=300), cursor: int = Query(0, ge=0, le=10_000),
                         type: Optional[str] = Query(None, max_length=64)) -> JSONResponse:
        found = service.suggest_properties(prefix, type)
        return JSONResponse({"result": found[cursor:cursor + SUGGEST_LIMIT]}, headers=CORS)

    @app.get("/reconcile/suggest/type", summary="Types whose name holds `prefix`")
    def suggest_type(prefix: str = Query("", max_length=300), cursor: int = Query(0, ge=0, le=10_000)) -> JSONResponse:
        return JSONResponse({"result": service.suggest_types(prefix)[cursor:cursor + SUGGEST_LIMIT]}, headers=CORS)

    @app.get("/reconcile/extend/propose", summary="The properties data extension offers for a type")
    def propose(type: str = Query(..., max_length=64), limit: Optional[int] = Query(None, ge=1, le=1000)) -> JSONResponse:
        answer = {"type": service.check_type(type), "properties": service.propose_properties(type, limit)}
        if limit is not None:
            answer["limit"] = limit
        return JSONResponse(answer, headers=CORS)

    @app.get("/reconcile/preview", response_class=HTMLResponse, summary="A card for OpenRefine's preview")
    def preview(request: Request, id: str = Query(..., max_length=40)):
        kind, number = _known(id)
        if kind == "person":
            return pages.TemplateResponse(request, "preview.html", {"p": query.show(store, number)})
        entity = _entity(number)
        return pages.TemplateResponse(request, "preview.html", {"entity": entity, "url": _entity_page(entity)})

    @app.get("/reconcile/view", summary="The explorer's page of a reconciled person, ensemble or place")
    def view(id: str = Query(..., max_length=40)) -> RedirectResponse:
        kind, number = _known(id)
        if kind == "person":
            return RedirectResponse(f"/people/{query.show(store, number).id}", status_code=303)
        return RedirectResponse(_entity_page(_entity(number)), status_code=303)

    def _known(ref: str) -> tuple[str, int]:
        try:
            return _in_range(ref)
        except InputError as error:  # the status a number out of range has on every route: 422
            if "[E035]" not in str(error):
                raise
            raise RequestValidationError([{"loc": ("query", "id"), "msg": f"at most {MAX_INT}", "type": "value_error"}])

    def _entity(number: int) -> dict[str, Any]:
        with store.reading() as tx:
            entity = tx.entity(number)
        if entity is None or entity["kind"] not in {k for kinds in service.TYPES.values() for k in kinds or ()}:
            raise NotFound(Errors.E061.format(id=service.entity_ref(number)))
        return {**entity, "shown": service.entity_name(entity)}

    return app


def _entity_page(entity: dict[str, Any]) -> str:
    """An ensemble's or place's page: the people it is a filter for."""
    return people_url(**{"ensemble" if entity["kind"] == "Ensemble" else "place": entity["shown"]})
