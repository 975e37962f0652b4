"""The security middleware: a chunked body over the cap is 413 E034 however it arrives; no page needs
the network (the CDN-loaded API page is off; the OpenAPI description stays)."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from linernotes.web.app import create_app
from linernotes.web.security import MAX_BODY_BYTES

TOKEN = "security-token"


@pytest.fixture()
def client(store):
    return TestClient(create_app(store, token=TOKEN))


def chunks(total: int, size: int = 100_000):
    for _ in range(total // size + 1):
        yield b"x" * size


def test_a_chunked_body_over_the_cap_is_413(client):
    for url, headers in [("/api/documents", {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}),
                         ("/reconcile", {"Content-Type": "application/x-www-form-urlencoded"}),
                         ("/upload", {"Content-Type": "application/x-www-form-urlencoded"})]:
        response = client.post(url, content=chunks(MAX_BODY_BYTES + 1), headers=headers)
        assert response.status_code == 413, url
        assert response.json()["error"] == {**response.json()["error"], "code": "E034", "status": 413}


def test_no_page_loads_from_a_cdn(client):
    assert client.get("/docs").status_code == 404 and client.get("/redoc").status_code == 404
    assert "/api/people" in client.get("/openapi.json").json()["paths"]
    assert "cdn" not in client.get("/").text and "cdn" not in client.get("/").headers["content-security-policy"]
