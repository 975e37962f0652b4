"""The explorer's HTML pages: server-rendered, complete without JavaScript. Each page calls library
functions (``kb.query``, ``kb.explore``, ``kb.ask``) and hands the result to a template; templates
escape every value, so biography text is shown, never run."""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Optional
from urllib.parse import quote, urlencode

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..api import DEFAULT_TIME_BUDGET
from ..errors import Checks, LinernotesError
from ..model import OBJECT_KINDS, SEVERITIES
from ..kb import ask as ask_module
from ..kb import explore, identifiers, query
from ..kb import review as review_module
from ..kb.ingest import MAX_TEXT_CHARS, ingest_text
from ..model import RELATION_GROUPS, RELATION_TABLE, RELATIONS
from ..reader import source_from_bytes
from ..store import Store
from . import figures, graph_layout, journal
from .api import operator_check
from .cache import Recent
from .errors import code_of, status_of
from .inputs import MAX_INT, Id, document_name, storable
from .offload import in_daemon_thread

HERE = Path(__file__).parent
PAGE_SIZE = 50
#: The filters the people list offers, in the order shown.
LIST_FILTERS = ("instrument", "genre", "place", "ensemble", "institution")


#: How sure a confidence is, in words: (the least confidence, the words), surest first.
CONFIDENCE_WORDS = ((0.9, "almost surely right"), (0.7, "probably right"), (0.5, "more likely right than not"),
                    (0.0, "doubtful: check it"))
CONFIDENCE_EXPLAINED = ("A fact's confidence is the probability that it is right: of 100 facts at 0.80, about 80 "
                        "are right, as hand-checked biographies measured it. Check the doubtful ones first.")
#: The names a page gives the schemes of reference ids.
SCHEME_NAMES = {"wikidata": "Wikidata", "musicbrainz": "MusicBrainz", "geonames": "GeoNames"}


def confidence_words(value: float) -> str:
    return next(words for least, words in CONFIDENCE_WORDS if value >= least)


def confidence_title(value: float) -> str:
    """The tooltip of a confidence: what the number means for this fact."""
    return (f"Confidence {value:.2f}, {confidence_words(value)}: of 100 facts at this confidence, "
            f"about {round(value * 100)} are right")


def document_url(name: str, start: Optional[int] = None, end: Optional[int] = None) -> str:
    """Link to a document; with a span, to that span highlighted (``#evidence``)."""
    url = "/documents/" + quote(name, safe="")
    if start is not None and end is not None:
        url += "?" + urlencode({"start": start, "end": end}) + "#evidence"
    return url


@functools.lru_cache(maxsize=4096)  # a list links each row's values: the same few hundred addresses, over and over
def people_url(**params) -> str:
    query = _query(params)
    return "/people" + ("?" + query if query else "")


def _query(params: dict, drop: tuple[str, ...] = ()) -> str:
    """A query string of the parameters that are set, encoded."""
    return urlencode({k: v for k, v in params.items() if v not in (None, "", False) and k not in drop})


def templates() -> Jinja2Templates:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(document_url=document_url, people_url=people_url, relation_groups=RELATION_GROUPS,
                       list_filters=LIST_FILTERS, relations=RELATIONS,
                       filter_of={r: k for k, rs in query.FILTERS.items() if k in LIST_FILTERS for r in rs},
                       confidence_words=confidence_words, confidence_title=confidence_title,
                       confidence_explained=CONFIDENCE_EXPLAINED, scheme_names=SCHEME_NAMES)
    env.filters["words"] = lambda relation: relation.replace("_", " ")
    env.filters["marked"] = query.marked
    return Jinja2Templates(env=env)


def back_to(path: str, fact_id: Optional[int] = None) -> str:
    """Where a review form returns to: a path of this site (never another site's), at the fact."""
    if not path.startswith("/") or path.startswith("//") or "\\" in path:
        path = "/review"
    return path.split("#", 1)[0] + (f"#fact-{fact_id}" if fact_id else "")


def router(store: Store, token: Optional[str], pages: Jinja2Templates,
           time_budget: Optional[float] = DEFAULT_TIME_BUDGET, recent: Optional[Recent] = None) -> APIRouter:
    app = APIRouter(include_in_schema=False)
    recent = recent if recent is not None else Recent()

    def overview() -> tuple[dict, list]:
        with store.reading() as tx:
            return tx.counts(), tx.documents(limit=8)

    def render(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
        return pages.TemplateResponse(request, template, {"uploads": bool(token), **context}, status_code=status)

    @app.get("/", response_class=HTMLResponse)
    def home(request: Request):
        counts, latest = recent.get("overview", overview)  # the same for every visitor: kept a few seconds
        return render(request, "home.html", counts=counts, recent=latest)

    @app.get("/search", response_class=HTMLResponse)
    def search(request: Request, q: str = Query("", max_length=500)):
        hits = query.search(store, q) if q.strip() else []
        return render(request, "search.html", q=q, hits=hits)

    @app.get("/ask", response_class=HTMLResponse)
    def ask(request: Request, q: str = Query("", max_length=500)):
        answer = ask_module.ask(store, q) if q.strip() else None
        return render(request, "ask.html", q=q, answer=answer)

    @app.get("/people", response_class=HTMLResponse)
    def people(request: Request, instrument: str = "", genre: str = "", place: str = "", ensemble: str = "",
               institution: str = "", name: str = "", has_checks: bool = False,
               sort: str = Query("name", pattern="^(name|id|born)$"), page: int = Query(1, ge=1, le=100_000)):
        filters = {"instrument": instrument, "genre": genre, "place": place, "ensemble": ensemble,
                   "institution": institution}
        table = query.people_table(store, limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE, name=name or None,
                                   has_checks=has_checks, sort=sort, **filters)
        rows = table.rows
        params = {**filters, "name": name, "has_checks": has_checks, "sort": sort}
        return render(request, "people.html", rows=rows[:PAGE_SIZE], more=len(rows) > PAGE_SIZE, page=page,
                      table=table, facet_filters=query.FACETS, sorted_url=lambda by: people_url(**{**params, "sort": by}),
                      facet_url=lambda key, value: people_url(**{**params, key: value}),
                      params=params, filtered=any(filters.values()) or bool(name) or has_checks,
                      query=_query(params), graph_url="/graph?" + _query(filters, drop=("institution",)),
                      map_url="/map?" + _query(filters, drop=("institution", "place")))

    @app.get("/people/{person_id}", response_class=HTMLResponse)
    def person(request: Request, person_id: Id, sort: str = Query("relation", pattern="^(relation|confidence)$")):
        view = explore.person_page(store, person_id)
        return render(request, "person.html", view=view, p=view.profile, sort=sort,
                      timeline=figures.timeline_figure(view.events), here=f"/people/{person_id}?sort={sort}",
                      ids=identifiers.person_links(store, person_id),
                      entity_ids=identifiers.entity_links(store, {
                          (f["entity_id"], OBJECT_KINDS.get(f["relation"]) or "") for f in view.profile.facts
                          if f.get("entity_id")}))

    @app.get("/people/{person_id}/timeline", response_class=HTMLResponse)
    def timeline(request: Request, person_id: Id):
        view = explore.person_page(store, person_id)
        return render(request, "timeline.html", view=view, p=view.profile,
                      timeline=figures.timeline_figure(view.events), event_label=figures.event_label)

    @app.get("/documents", response_class=HTMLResponse)
    def documents(request: Request, page: int = Query(1, ge=1, le=100_000)):
        with store.reading() as tx:
            rows = tx.documents(limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE)
        return render(request, "documents.html", rows=rows[:PAGE_SIZE], more=len(rows) > PAGE_SIZE, page=page)

    @app.get("/documents/{name}", response_class=HTMLResponse)
    def document(request: Request, name: str, start: Optional[int] = Query(None, ge=0, le=MAX_INT),
                 end: Optional[int] = Query(None, ge=0, le=MAX_INT)):
        highlight = (start, end) if start is not None and end is not None else None
        return render(request, "document.html", d=explore.document(store, name, highlight), highlight=highlight,
                      here=document_url(name), names=review_module.names_in(store, name))

    @app.get("/checks", response_class=HTMLResponse)
    def checks(request: Request, code: str = Query("", max_length=64)):
        with store.reading() as tx:
            rows = tx.all_checks(code or None, limit=500)
        # The catalogue's severity, not the one stored: a knowledge base checked before a severity
        # changed (date-inconsistency became an error) shows what the finding means now.
        catalogued = {c.code: c.severity for c in Checks.all()}
        rows = [{**c, "severity": catalogued.get(c["code"], c["severity"])} for c in rows]
        rows.sort(key=lambda c: -SEVERITIES.index(c["severity"]) if c["severity"] in SEVERITIES else 0)  # errors first
        return render(request, "checks.html", rows=rows, code=code, check_kinds=Checks.all())

    @app.get("/graph", response_class=HTMLResponse)
    def graph(request: Request, person: Optional[int] = Query(None, ge=1, le=MAX_INT), instrument: str = "", genre: str = "",
              place: str = "", ensemble: str = "", depth: int = Query(1, ge=1, le=3),
              limit: int = Query(25, ge=1, le=graph_layout.GRAPH_MOST), things: str = Query("", pattern="^(|all|ensembles|none)$")):
        filters = {"instrument": instrument, "genre": genre, "place": place, "ensemble": ensemble}
        things = things or graph_layout.default_things(limit)
        kinds = graph_layout.GRAPH_THINGS[things]
        drawn = explore.graph(store, person_id=person, limit=limit, depth=depth,
                              kinds=kinds, **filters)
        centre = f"p{person}" if person is not None else None
        layout = graph_layout.graph_layout(drawn, centre)
        labelled, edge_labels = graph_layout.graph_labels(drawn, layout)
        return render(request, "graph.html", graph=drawn, layout=layout, labelled=labelled, edge_labels=edge_labels,
                      nodes={n["id"]: n for n in drawn.nodes}, person=person, params=filters, depth=depth, limit=limit,
                      things=things, spec=RELATION_TABLE, size=(graph_layout.GRAPH_WIDTH, graph_layout.GRAPH_HEIGHT))

    @app.get("/map", response_class=HTMLResponse)
    def place_map(request: Request, instrument: str = "", genre: str = "", ensemble: str = ""):
        filters = {"instrument": instrument, "genre": genre, "ensemble": ensemble}
        places = explore.places(store, **filters)
        return render(request, "map.html", figure=figures.map_figure(places), places=places, params=filters,
                      world=figures.WORLD_SIZE)

    @app.get("/map/world.svg")
    def world() -> Response:
        """Every country outline as one SVG the browser caches: the map's background."""
        return Response(figures.world_svg(), media_type="image/svg+xml",
                        headers={"Cache-Control": "public, max-age=86400"})

    @app.get("/review", response_class=HTMLResponse)
    def review_queue(request: Request, limit: int = Query(50, ge=1, le=500)):
        return render(request, "review.html", rows=review_module.queue(store, limit), orphans=review_module.orphaned(store),
                      limit=limit, here=str(request.url.path) + ("?" + request.url.query if request.url.query else ""))

    def refused(request: Request, error: LinernotesError) -> HTMLResponse:
        status = status_of(error)
        return pages.TemplateResponse(request, "error.html", {"uploads": bool(token), "code": code_of(error),
                                                              "message": str(error), "status": status}, status_code=status)

    @app.post("/facts/{fact_id}/review", response_class=HTMLResponse)
    async def review_fact(request: Request, fact_id: Id, token_given: str = Form("", alias="token"),
                          action: str = Form(..., max_length=16), reviewer: str = Form("", max_length=128),
                          reason: str = Form("", max_length=2000), value: str = Form("", max_length=500),
                          relation: str = Form("", max_length=32), person: str = Form("", max_length=200),
                          back: str = Form("/review", max_length=1000)):
        try:
            operator_check(token, token_given)
            for field in (reviewer, reason, value, relation, person, back):
                storable(field, "the form")
            # Undoing a correction reads the document again (seconds): in a thread, as an upload is.
            decision = await in_daemon_thread(review_module.decide, store, fact_id, action, reviewer, reason or None,
                                              relation=relation or None, value=value or None, person=person or None)
        except LinernotesError as error:
            journal.review(f"{action} #{fact_id}", reviewer, f"refused, {error}")
            return refused(request, error)
        recent.clear()
        journal.review(f"{action} #{fact_id}", reviewer, f"review {decision.review['id']}")
        return RedirectResponse(back_to(back, decision.fact["id"] if decision.fact else None), status_code=303)

    @app.post("/documents/{name}/review", response_class=HTMLResponse)
    async def add_fact(request: Request, name: str, token_given: str = Form("", alias="token"),
                       reviewer: str = Form("", max_length=128), reason: str = Form("", max_length=2000),
                       person: str = Form(..., max_length=200), relation: str = Form(..., max_length=32),
                       value: str = Form(..., max_length=500), quote: str = Form(..., max_length=5000)):
        try:
            operator_check(token, token_given)
            for field in (name, reviewer, reason, person, relation, value, quote):
                storable(field, "the form")
            decision = await in_daemon_thread(review_module.add, store, name, person, relation, value, quote,
                                              reviewer, reason or None)
        except LinernotesError as error:
            journal.review(f"add to {name!r}", reviewer, f"refused, {error}")
            return refused(request, error)
        recent.clear()
        journal.review(f"add to {name!r}", reviewer, f"review {decision.review['id']}")
        return RedirectResponse(back_to(document_url(name), decision.fact["id"] if decision.fact else None),
                                status_code=303)

    @app.get("/upload", response_class=HTMLResponse)
    def upload_form(request: Request):
        return render(request, "upload.html", result=None, error=None, limit=MAX_TEXT_CHARS)

    @app.post("/upload", response_class=HTMLResponse)
    async def upload(request: Request, token_given: str = Form("", alias="token"), name: str = Form("", max_length=200),
                     text: str = Form(""), file: Optional[UploadFile] = File(None)):
        try:
            operator_check(token, token_given)
            meta = None
            if file is not None and file.filename:
                data = await file.read()  # whole: the body is already capped, and E033 must count it all
                source = source_from_bytes(data, document_name(file.filename))
                text, name, meta = source.text, name or source.doc, source.meta
            document_name(name)
            storable(text, "the text")
            # Extraction takes seconds: in a thread of its own, so other requests (and SIGTERM) are not held up.
            stored, report = await in_daemon_thread(ingest_text, store, name, text, time_budget=time_budget, meta=meta)
        except LinernotesError as error:
            journal.upload(name or (file.filename if file is not None else "") or "", f"refused, {error}")
            return render(request, "upload.html", status=status_of(error), result=None, error=str(error), limit=MAX_TEXT_CHARS)
        recent.clear()
        journal.upload(stored, "stored")
        return render(request, "upload.html", status=201, result={"document": stored, **report.summary()},
                      error=None, limit=MAX_TEXT_CHARS)

    return app
