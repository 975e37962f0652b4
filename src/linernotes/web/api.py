"""JSON API over the knowledge base. Every route calls one library function; errors share one shape
(see ``web.app``):

    {"error": {"code": "E022", "message": "...", "status": 404}}

Read-only unless the operator sets a token; ``POST /api/documents`` then needs
``Authorization: Bearer <token>``.
"""
from __future__ import annotations

import hmac
from typing import Annotated, Any, Literal, Optional

from fastapi import APIRouter, Depends, Header, Path, Query
from pydantic import BaseModel, Field

from ..api import DEFAULT_TIME_BUDGET
from ..errors import AccessError, Errors, LinernotesError, NotFound
from ..kb import ask as ask_module
from ..kb import identifiers, query
from ..kb import review as review_module
from ..kb.ingest import ingest_text
from ..store import Store
from . import journal
from .cache import Recent
from .inputs import MAX_INT, Id, Offset, document_name, storable
from .offload import in_daemon_thread

class NewBiography(BaseModel):
    name: str = Field(..., min_length=1, max_length=200, description="Document name, e.g. 'aruzhan-bekova.txt'.")
    text: str = Field(..., min_length=1, description="The biography as plain text.")


FactId = Annotated[int, Path(ge=1, le=MAX_INT, description="A fact's number.")]


class FactReview(BaseModel):
    action: Literal["accept", "reject", "correct", "undo"]
    reviewer: str = Field(..., min_length=1, max_length=128, description="Who decides.")
    reason: Optional[str] = Field(None, max_length=2000, description="Why.")
    value: Optional[str] = Field(None, max_length=500, description="With correct: the right value.")
    relation: Optional[str] = Field(None, max_length=32, description="With correct: the right relation.")
    person: Optional[str] = Field(None, max_length=200, description="With correct: the right person, a name in the document.")


class NewFact(BaseModel):
    person: str = Field(..., min_length=1, max_length=200, description="A name in the document.")
    relation: str = Field(..., min_length=1, max_length=32)
    value: str = Field(..., min_length=1, max_length=500)
    quote: str = Field(..., min_length=1, max_length=5000, description="The sentence that says it, copied from the text.")
    reviewer: str = Field(..., min_length=1, max_length=128)
    reason: Optional[str] = Field(None, max_length=2000)


def operator_check(token: Optional[str], given: Optional[str]) -> None:
    """Raise unless ``given`` is the operator's token; a server without a token is read-only."""
    if not token:
        raise AccessError(Errors.E030)
    if not hmac.compare_digest((given or "").strip().encode(), token.encode()):
        raise AccessError(Errors.E031)


def router(store: Store, token: Optional[str] = None, time_budget: Optional[float] = DEFAULT_TIME_BUDGET,
           recent: Optional[Recent] = None) -> APIRouter:
    app = APIRouter()
    recent = recent if recent is not None else Recent()

    def counts() -> dict[str, int]:
        with store.reading() as tx:
            return tx.counts()

    def operator(authorization: Optional[str] = Header(None)) -> None:
        scheme, _, given = (authorization or "").strip().partition(" ")
        operator_check(token, given if scheme.lower() == "bearer" else None)

    @app.get("/api/stats", summary="Counts of documents, people, facts and checks")
    def stats() -> dict[str, int]:
        return recent.get("counts", counts)

    @app.get("/api/people", summary="People, filtered and sorted")
    def people(instrument: Optional[str] = None, genre: Optional[str] = None, place: Optional[str] = None,
               institution: Optional[str] = None, ensemble: Optional[str] = None, name: Optional[str] = None,
               has_checks: bool = False, sort: str = Query("name", pattern="^(name|id)$"),
               limit: int = Query(50, ge=1, le=500), offset: Offset = 0) -> list[dict[str, Any]]:
        return query.people(store, limit=limit, offset=offset, name=name, has_checks=has_checks, sort=sort,
                            instrument=instrument, genre=genre, place=place, institution=institution,
                            ensemble=ensemble)

    @app.get("/api/people/{person_id}", summary="One person's profile with evidence; sort=confidence adds "
             "facts_by_confidence, every fact least likely to be right first")
    def person(person_id: Id, sort: str = Query("relation", pattern="^(relation|confidence)$")) -> dict[str, Any]:
        return {**query.show(store, person_id).to_dict(sort), "ids": identifiers.person_links(store, person_id)}

    @app.get("/api/facts", summary="Facts of a relation, optionally with a value")
    def facts(relation: str, value: Optional[str] = None, limit: int = Query(100, ge=1, le=1000)) -> list[dict[str, Any]]:
        with store.reading() as tx:
            return tx.facts_where([relation], value=value, limit=limit)

    @app.get("/api/documents", summary="Documents in the knowledge base")
    def documents(limit: int = Query(100, ge=1, le=1000), offset: Offset = 0) -> list[dict[str, Any]]:
        with store.reading() as tx:
            return tx.documents(limit=limit, offset=offset)

    @app.get("/api/documents/{name}", summary="A document with its mentions, facts and checks")
    def document(name: str) -> dict[str, Any]:
        with store.reading() as tx:
            found = tx.document(name)
        if found is None:
            raise NotFound(Errors.E032.format(name=name))
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

    @app.get("/api/review/queue", summary="Facts nobody has reviewed: those a check names first, then the least sure")
    def review_queue(limit: int = Query(50, ge=1, le=1000)) -> list[dict[str, Any]]:
        return review_module.queue(store, limit)

    @app.get("/api/reviews", summary="Every decision on single facts, oldest first (of one document, or orphaned only)")
    def reviews(document: Optional[str] = Query(None, max_length=512), orphaned: bool = False) -> list[dict[str, Any]]:
        return review_module.orphaned(store) if orphaned else review_module.history(store, document=document)

    @app.post("/api/facts/{fact_id}/review", dependencies=[Depends(operator)],
              summary="Accept, reject, correct or undo a fact (operators only)")
    async def review_fact(fact_id: FactId, decision: FactReview) -> dict[str, Any]:
        for text in decision.model_dump().values():
            storable(text or "", "the review")
        done = await in_daemon_thread(review_module.decide, store, fact_id, decision.action, decision.reviewer,
                                      decision.reason, relation=decision.relation, value=decision.value,
                                      person=decision.person)
        recent.clear()
        journal.review(f"{decision.action} #{fact_id}", decision.reviewer, f"review {done.review['id']}")
        return done.to_dict()

    @app.post("/api/documents/{name}/facts", status_code=201, dependencies=[Depends(operator)],
              summary="Add a fact the extractor missed (operators only)")
    def add_fact(name: str, fact: NewFact) -> dict[str, Any]:
        for text in [name, *fact.model_dump().values()]:
            storable(text or "", "the fact")
        done = review_module.add(store, name, fact.person, fact.relation, fact.value, fact.quote, fact.reviewer,
                                 fact.reason)
        recent.clear()
        journal.review(f"add to {name!r}", fact.reviewer, f"review {done.review['id']}")
        return done.to_dict()

    @app.post("/api/documents", status_code=201, dependencies=[Depends(operator)],
              summary="Add a biography (operators only)")
    async def add_document(biography: NewBiography) -> dict[str, Any]:
        try:
            document_name(biography.name)
            text = storable(biography.text, "the text")
            name, report = await in_daemon_thread(ingest_text, store, biography.name, text, time_budget=time_budget)
        except LinernotesError as error:
            journal.upload(biography.name, f"refused, {error}")
            raise
        recent.clear()
        journal.upload(name, "stored")
        return {"document": name, **report.summary()}

    return app
