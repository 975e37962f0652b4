"""The OpenRefine reconciliation service: manifest, batched queries (GET and POST), preview."""
from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from linernotes.kb.ingest import ingest
from linernotes.web.app import create_app

from ..conftest import write_corpus
from ..kb.corpus import CORPUS


@pytest.fixture()
def client(store, tmp_path):
    ingest(store, [str(write_corpus(tmp_path / "bios", CORPUS))])
    return TestClient(create_app(store))


def test_manifest(client):
    manifest = client.get("/reconcile").json()
    assert manifest["versions"] == ["0.2"] and manifest["defaultTypes"][0]["id"] == "Musician"
    assert manifest["view"]["url"].endswith("/people/{{id}}")
    assert "{{id}}" in manifest["preview"]["url"]
    assert client.get("/reconcile").headers["access-control-allow-origin"] == "*"


def test_queries_by_get_and_post(client):
    batch = {"q0": {"query": "Ivan Imankulov", "type": "Musician"},
             "q1": {"query": "Imankulov", "properties": [{"pid": "instrument", "v": "accordion"}], "limit": 2},
             "q2": {"query": "Nobody Atall"}}
    by_get = client.get("/reconcile", params={"queries": json.dumps(batch)}).json()
    by_post = client.post("/reconcile", data={"queries": json.dumps(batch)}).json()
    assert by_get == by_post
    assert by_get["q0"]["result"][0]["name"] == "Iván Imankulov" and by_get["q0"]["result"][0]["match"] is True
    assert by_get["q0"]["result"][0]["type"] == [{"id": "Musician", "name": "Musician"}]
    assert by_get["q1"]["result"][0]["name"] == "Vivaan Imankulov" and len(by_get["q1"]["result"]) <= 2
    assert by_get["q2"]["result"] == []


def test_bad_queries_get_the_error_shape(client):
    for raw in ["{not json", json.dumps(["a list"]), json.dumps({"q0": {"no": "query"}})]:
        response = client.get("/reconcile", params={"queries": raw})
        assert response.status_code == 400 and response.json()["error"]["code"] == "E035"


def test_preview_may_be_framed_by_openrefine(client):
    candidate = client.get("/reconcile", params={"queries": json.dumps({"q": {"query": "Vivaan Imankulov"}})}).json()
    response = client.get("/reconcile/preview", params={"id": candidate["q"]["result"][0]["id"]})
    assert response.status_code == 200 and "Vivaan Imankulov" in response.text and "accordion" in response.text
    assert "frame-ancestors *" in response.headers["content-security-policy"]
    assert "x-frame-options" not in response.headers


def test_deep_huge_or_unstorable_queries_are_invalid_requests(client):
    deep = "[" * 3000 + "]" * 3000
    nested = '{"q0": {"query": "Ivan", "properties": [{"pid": "x", "v": ' + "[" * 40 + "]" * 40 + "}]}}"
    for raw in [deep, "{" * 3000, nested, '{"q0": {"query": "Ivan", "limit": ' + "9" * 5000 + "}}",
                json.dumps({"q0": {"query": "Iv\x00an"}}), '{"q0": {"query": "Iv\\ud800an"}}',
                json.dumps({"q0": {"query": "Ivan", "properties": [{"pid": "instrument", "v": "sax\x00"}]}})]:
        for response in (client.get("/reconcile", params={"queries": raw}), client.post("/reconcile", data={"queries": raw})):
            assert response.status_code == 400 and response.json()["error"]["code"] == "E035", raw[:40]
