"""JSON API over the knowledge base. Every route calls one library function; errors share one shape
(see ``web.app``):

    {"error": {"code": "E022", "message": "...", "status": 404}}

Every list is an object with its ``items``, ``total`` and a ``next`` link, takes ``offset`` and
``limit``, and has a CSV twin at ``<path>.csv`` (see ``web.listing``).

Read-only unless the operator sets a token; ``POST /api/documents`` then needs
``Authorization: Bearer <token>``.
"""
from __future__ import annotations

import hmac
from typing import Annotated, Any, Literal, Optional

from fastapi import APIRouter, Depends, Header, Path, Query, Request
from pydantic import BaseModel, Field

from ..api import DEFAULT_TIME_BUDGET
from ..errors import AccessError, Errors, LinernotesError, NotFound
from ..kb import ask as ask_module
from ..kb import identifiers, query
from ..kb import review as review_module
from ..kb.ingest import ingest_text
from ..model import RELATION_TABLE
from ..store import Store
from . import journal
from .cache import Recent
from .inputs import MAX_INT, Id, Offset, document_name, storable
from .listing import CAP, listing, sliced, with_csv
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

    def people(request: Request, instrument: Optional[str] = None, genre: Optional[str] = None,
               place: Optional[str] = None, institution: Optional[str] = None, ensemble: Optional[str] = None,
               name: Optional[str] = None, has_checks: bool = False, sort: str = Query("name", pattern="^(name|id)$"),
               limit: int = Query(50, ge=1, le=500), offset: Offset = 0) -> dict[str, Any]:
        filters = dict(name=name, has_checks=has_checks, instrument=instrument, genre=genre, place=place,
                       institution=institution, ensemble=ensemble)
        rows = query.people(store, limit=limit + 1, offset=offset, sort=sort, **filters)
        return listing(request, rows, offset, limit, query.count_people(store, CAP, **filters))

    with_csv(app, "/api/people", "people", people, "People, filtered and sorted")

    @app.get("/api/people/{person_id}", summary="One person's profile with evidence; sort=confidence adds "
             "facts_by_confidence, every fact least likely to be right first")
    def person(person_id: Id, sort: str = Query("relation", pattern="^(relation|confidence)$")) -> dict[str, Any]:
        return {**query.show(store, person_id).to_dict(sort), "ids": identifiers.person_links(store, person_id)}

    def facts(request: Request, relation: Optional[str] = Query(None, max_length=32),
              value: Optional[str] = Query(None, max_length=500), limit: int = Query(100, ge=1, le=1000),
              offset: Offset = 0) -> dict[str, Any]:
        relations = [relation] if relation else (list(RELATION_TABLE) if value else None)  # a value of any relation
        with store.reading() as tx:
            rows = tx.facts_page(relations, value, offset=offset, limit=limit + 1)
            total = tx.count_facts_upto(relations, value, cap=CAP)
        return listing(request, rows, offset, limit, total)

    with_csv(app, "/api/facts", "facts", facts, "Facts, of a relation and with a value if given, in id order")

    def documents(request: Request, limit: int = Query(100, ge=1, le=1000), offset: Offset = 0) -> dict[str, Any]:
        with store.reading() as tx:
            return listing(request, tx.documents(limit=limit + 1, offset=offset), offset, limit, tx.count_documents())

    with_csv(app, "/api/documents", "documents", documents, "Documents in the knowledge base")

    @app.get("/api/documents/{name}", summary="A document with its mentions, facts and checks")
    def document(name: str) -> dict[str, Any]:
        with store.reading() as tx:
            found = tx.document(name)
        if found is None:
            raise NotFound(Errors.E032.format(name=name))
        return found

    def checks(request: Request, code: Optional[str] = Query(None, max_length=64),
               limit: int = Query(500, ge=1, le=5000), offset: Offset = 0) -> dict[str, Any]:
        with store.reading() as tx:
            rows = tx.all_checks(code, limit=limit + 1, offset=offset)
            return listing(request, rows, offset, limit, tx.count_checks_upto(code, cap=CAP))

    with_csv(app, "/api/checks", "checks", checks, "Findings of the fact checker")

    def search(request: Request, q: str = Query(..., min_length=1, max_length=500),
               limit: int = Query(20, ge=1, le=100), offset: Annotated[int, Query(ge=0, le=1000)] = 0) -> dict[str, Any]:
        hits = query.search(store, q, limit=offset + limit + 1)  # ranked: a page is a slice of the best ones
        return listing(request, sliced([hit.to_dict() for hit in hits], offset, limit), offset, limit)

    with_csv(app, "/api/search", "search", search, "Full-text search over documents and facts")

    @app.get("/api/ask", summary="Answer a question with citations")
    def ask(q: str = Query(..., min_length=1, max_length=500)) -> dict[str, Any]:
        return ask_module.ask(store, q).to_dict()

    def review_queue(request: Request, limit: int = Query(50, ge=1, le=1000),
                     offset: Annotated[int, Query(ge=0, le=10_000)] = 0) -> dict[str, Any]:
        rows = review_module.queue(store, offset + limit + 1)  # ranked: a page is a slice of the first ones
        return listing(request, sliced(rows, offset, limit), offset, limit)

    with_csv(app, "/api/review/queue", "review-queue", review_queue,
             "Facts nobody has reviewed: those a check names first, then the least sure")

    def reviews(request: Request, document: Optional[str] = Query(None, max_length=512), orphaned: bool = False,
                limit: int = Query(100, ge=1, le=1000), offset: Offset = 0) -> dict[str, Any]:
        rows = review_module.orphaned(store) if orphaned else review_module.history(store, document=document)
        return listing(request, sliced(rows, offset, limit), offset, limit, len(rows))

    with_csv(app, "/api/reviews", "reviews", reviews,
             "Every decision on single facts, oldest first (of one document, or orphaned only)")

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
