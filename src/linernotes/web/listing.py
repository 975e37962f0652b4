"""The shape of every list the JSON API returns, and its CSV form.

A list is an object, not a bare array, so that a client knows how much there is and how to get the
rest::

    {"items": [...], "offset": 0, "limit": 50, "total": 1234, "total_capped": false,
     "next": "/api/people?instrument=dombra&offset=50&limit=50"}

``total`` is exact up to ``CAP`` (1,000); past it the count stops (an exact count of 100,000 filtered
people costs a join per fact) and ``total_capped`` says that there are more than ``total``.
``next`` is null on the last page. The same list at ``<path>.csv`` is a CSV of the items.
"""
from __future__ import annotations

import csv
import functools
import io
import json
from typing import Any, Callable, Optional

from fastapi import Request
from fastapi.responses import Response
from ..kb.exports.tables import spreadsheet_safe

#: Counting stops past this many: a count of at most this many rows costs little on any filter, even at
#: 100,000 people (``Queries.count_people_upto``); past it a client shows "more than 1,000".
CAP = 1_000


def listing(request: Request, fetched: list[dict[str, Any]], offset: int, limit: int,
            total: Optional[int] = None) -> dict[str, Any]:
    """A page of a list from ``fetched``, the items from ``offset`` on, at most ``limit + 1`` of them
    (the one past the page says there is a next). ``total`` is a count capped at ``CAP + 1``; None when
    the list is only known as far as fetched, where it is at least what the pages so far hold."""
    more = len(fetched) > limit
    items = fetched[:limit]
    if total is None:
        total, capped = offset + len(items) + (1 if more else 0), more
    else:
        total, capped = min(total, CAP), total > CAP
    following = None
    if more:
        url = request.url.include_query_params(offset=offset + limit, limit=limit)
        following = f"{url.path}?{url.query}"  # the path and query: the same server, whatever its name
    return {"items": items, "offset": offset, "limit": limit, "total": total, "total_capped": capped,
            "next": following}


def sliced(items: list[dict[str, Any]], offset: int, limit: int) -> list[dict[str, Any]]:
    """The part of a list computed whole that ``listing`` needs."""
    return items[offset:offset + limit + 1]


def _cell(value: Any) -> Any:
    if isinstance(value, (dict, list, tuple)):
        value = json.dumps(value, ensure_ascii=False, default=str)
    return "" if value is None else spreadsheet_safe(value)


def csv_of(items: list[dict[str, Any]]) -> str:
    """Items as CSV: one column per key (in the order they first appear), nested values as JSON."""
    columns = list(dict.fromkeys(key for item in items for key in item))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for item in items:
        writer.writerow([_cell(item.get(column)) for column in columns])
    return out.getvalue()


def csv_response(page: dict[str, Any], name: str) -> Response:
    """A list's page as a CSV download; the next page's address in a ``Link`` header (RFC 8288)."""
    headers = {"Content-Disposition": f'attachment; filename="{name}.csv"', "X-Total-Count": str(page["total"])}
    if page["next"]:  # the request was the .csv one, so is its next
        headers["Link"] = f'<{page["next"]}>; rel="next"'
    return Response(csv_of(page["items"]), media_type="text/csv; charset=utf-8", headers=headers)


def with_csv(app, path: str, name: str, handler: Callable[..., dict[str, Any]], summary: str) -> None:
    """Register ``handler`` (a list route: a request and query parameters in, a ``listing`` out) at
    ``path`` as JSON and at ``path.csv`` as CSV, with the same parameters."""
    app.add_api_route(path, handler, methods=["GET"], summary=summary)

    @functools.wraps(handler)
    def as_csv(*args, **kwargs) -> Response:
        return csv_response(handler(*args, **kwargs), name)

    app.add_api_route(path + ".csv", as_csv, methods=["GET"], summary=summary + " (CSV)",
                      response_class=Response, response_model=None)
