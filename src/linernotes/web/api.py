"""JSON API over the knowledge base. Every route calls one library function; errors share one shape:

    {"error": {"code": "E022", "message": "...", "status": 404}}

Read-only unless the operator sets a token; ``POST /api/documents`` then needs
``Authorization: Bearer <token>``.
"""
from __future__ import annotations

import hmac
import re
from typing import Any, Optional

from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from .. import __version__
from ..api import extract
from ..errors import Errors, LinernotesError, NotFound
from ..kb import ask as ask_module
from ..kb import query
from ..kb.ingest import document_from_text, ingest_documents
from ..store import Store

#: Largest biography accepted over HTTP (characters).
MAX_UPLOAD_CHARS = 200_000


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


class NewBiography(BaseModel):
    name: str = Field(..., min_length=1, max_length=200, description="Document name, e.g. 'aruzhan-bekova.txt'.")
    text: str = Field(..., min_length=1, description="The biography as plain text.")


def _code(error: Exception) -> str:
    match = re.match(r"\[(E\d{3})\]", str(error))
    return match.group(1) if match else "E000"


def create_app(store: Store, token: Optional[str] = None) -> FastAPI:
    app = FastAPI(title="linernotes", version=__version__,
                  description="Musicians' biographies as an evidenced knowledge base: people, facts with their "
                              "sentences, checks, search and questions.")

    @app.exception_handler(ApiError)
    async def api_error(_: Request, error: ApiError) -> JSONResponse:
        return JSONResponse({"error": {"code": error.code, "message": error.message, "status": error.status}},
                            status_code=error.status)

    @app.exception_handler(LinernotesError)
    async def library_error(_: Request, error: LinernotesError) -> JSONResponse:
        status = 404 if isinstance(error, NotFound) else 400
        return JSONResponse({"error": {"code": _code(error), "message": str(error), "status": status}},
                            status_code=status)

    def operator(authorization: Optional[str] = Header(None)) -> None:
        if not token:
            raise ApiError(403, "E030", Errors.E030)
        given = (authorization or "").removeprefix("Bearer ").strip()
        if not hmac.compare_digest(given.encode(), token.encode()):
            raise ApiError(401, "E031", Errors.E031)

    @app.get("/api/stats", summary="Counts of documents, people, facts and checks")
    def stats() -> dict[str, int]:
        with store.reading() as tx:
            return tx.counts()

    @app.get("/api/people", summary="People, filtered and sorted")
    def people(instrument: Optional[str] = None, genre: Optional[str] = None, place: Optional[str] = None,
               institution: Optional[str] = None, ensemble: Optional[str] = None, name: Optional[str] = None,
               has_checks: bool = False, sort: str = Query("name", pattern="^(name|id)$"),
               limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0)) -> list[dict[str, Any]]:
        return query.people(store, limit=limit, offset=offset, name=name, has_checks=has_checks, sort=sort,
                            instrument=instrument, genre=genre, place=place, institution=institution,
                            ensemble=ensemble)

    @app.get("/api/people/{person_id}", summary="One person's profile with evidence")
    def person(person_id: int) -> dict[str, Any]:
        return query.show(store, person_id).to_dict()

    @app.get("/api/facts", summary="Facts of a relation, optionally with a value")
    def facts(relation: str, value: Optional[str] = None, limit: int = Query(100, ge=1, le=1000)) -> list[dict[str, Any]]:
        with store.reading() as tx:
            return tx.facts_where([relation], value=value, limit=limit)

    @app.get("/api/documents", summary="Documents in the knowledge base")
    def documents(limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0)) -> list[dict[str, Any]]:
        with store.reading() as tx:
            return tx.documents(limit=limit, offset=offset)

    @app.get("/api/documents/{name}", summary="A document with its mentions, facts and checks")
    def document(name: str) -> dict[str, Any]:
        with store.reading() as tx:
            found = tx.document(name)
        if found is None:
            raise ApiError(404, "E032", Errors.E032.format(name=name))
        return found

    @app.get("/api/checks", summary="Findings of the fact checker")
    def checks(code: Optional[str] = None, limit: int = Query(500, ge=1, le=5000)) -> list[dict[str, Any]]:
        with store.reading() as tx:
            return tx.all_checks(code, limit=limit)

    @app.get("/api/search", summary="Full-text search over documents and facts")
    def search(q: str = Query(..., min_length=1, max_length=500), limit: int = Query(20, ge=1, le=100)) -> list[dict[str, Any]]:
        return [hit.to_dict() for hit in query.search(store, q, limit=limit)]

    @app.get("/api/ask", summary="Answer a question with citations")
    def ask(q: str = Query(..., min_length=1, max_length=500)) -> dict[str, Any]:
        return ask_module.ask(store, q).to_dict()

    @app.post("/api/documents", status_code=201, dependencies=[Depends(operator)],
              summary="Add a biography (operators only)")
    def add_document(biography: NewBiography) -> dict[str, Any]:
        if len(biography.text) > MAX_UPLOAD_CHARS:
            raise ApiError(413, "E033", Errors.E033.format(size=len(biography.text), limit=MAX_UPLOAD_CHARS))
        name = biography.name.replace("/", "_").replace("\\", "_")  # a name, never a path
        report = ingest_documents(store, [document_from_text(name, biography.text, extract(biography.text, name))])
        return {"document": name, **report.summary()}

    return app
