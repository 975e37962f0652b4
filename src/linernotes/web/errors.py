"""One error shape for the whole server: a catalogued code, its message, the HTTP status.

    {"error": {"code": "E022", "message": "[E022] no person called ...", "status": 404}}

The API and the reconciliation service answer with it as JSON; pages show the same three things.
"""
from __future__ import annotations

import re

from ..errors import AccessError, LinernotesError, NotFound

#: HTTP status of each catalogued error that is not a plain bad request.
STATUS = {"E030": 403, "E031": 401, "E033": 413, "E034": 413, "E036": 404, "E037": 500}


def code_of(error: Exception) -> str:
    match = re.match(r"\[([EW]\d{3})\]", str(error))
    return match.group(1) if match else "E025"


def status_of(error: LinernotesError) -> int:
    if isinstance(error, NotFound):
        return 404
    return STATUS.get(code_of(error), 403 if isinstance(error, AccessError) else 400)


def shape(code: str, message: str, status: int) -> dict:
    return {"error": {"code": code, "message": message, "status": status}}
