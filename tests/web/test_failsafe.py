"""The last resort: an unexpected exception is logged and answered 500 in the error shape, no internals."""
from __future__ import annotations

import logging
import re

import pytest
from fastapi.testclient import TestClient

from linernotes.kb import explore, query
from linernotes.web.app import create_app


@pytest.fixture()
def client(store, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("secret internals\nforged line")

    monkeypatch.setattr(query, "show", boom)
    monkeypatch.setattr(explore, "person_page", boom)
    return TestClient(create_app(store))


def test_an_unexpected_exception_is_a_500_in_the_error_shape(client, caplog):
    caplog.set_level(logging.ERROR, logger="linernotes.web")
    api = client.get("/api/people/1")
    assert api.status_code == 500 and api.json()["error"]["code"] == "E037" and api.json()["error"]["status"] == 500
    page = client.get("/people/1")
    assert page.status_code == 500 and "E037" in page.text and page.headers["content-type"].startswith("text/html")
    assert "content-security-policy" in page.headers
    for response in (api, page):
        assert "secret" not in response.text and "Traceback" not in response.text
    ref = re.search(r"reference ([0-9a-f]{8})", api.json()["error"]["message"]).group(1)
    logged = [r.getMessage() for r in caplog.records if r.name == "linernotes.web"]
    assert any(ref in m and "secret internals\\nforged line" in m.splitlines()[0] for m in logged)
