"""The OpenRefine reconciliation service: manifest, batched queries (GET and POST), suggest, data
extension, preview and view; every answer checked against the protocol's JSON Schemas (0.2)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from jsonschema import Draft202012Validator

from linernotes.kb.ingest import ingest
from linernotes.web.app import create_app

from ..conftest import write_corpus
from ..kb.corpus import CORPUS

SCHEMAS = Path(__file__).parent.parent / "data" / "reconciliation"


def valid(answer, schema: str):
    """``answer`` if it satisfies the named schema of the protocol; the first violation if not."""
    validator = Draft202012Validator(json.loads((SCHEMAS / f"{schema}.json").read_text(encoding="utf-8")))
    errors = sorted(validator.iter_errors(answer), key=lambda e: list(e.path))
    assert not errors, f"{schema}: {errors[0].message} at {list(errors[0].path)}"
    return answer


@pytest.fixture()
def client(store, tmp_path):
    ingest(store, [str(write_corpus(tmp_path / "bios", CORPUS))])
    return TestClient(create_app(store))


def test_the_schemas_reject_what_the_protocol_forbids():
    """The test data is not a rubber stamp: each schema refuses a broken answer of its kind."""
    for schema, broken in [("manifest", {"versions": ["0.1"], "name": "x", "identifierSpace": "a", "schemaSpace": "b"}),
                           ("reconciliation-result-batch", {"q0": {"result": [{"id": 1, "name": "x", "score": 1}]}}),
                           ("suggest-entities-response", {"result": [{"name": "no id"}]}),
                           ("suggest-types-response", {"result": [{"id": "Musician"}]}),
                           ("data-extension-property-proposal-response", {"properties": []}),
                           ("data-extension-response", {"meta": [], "rows": {"a": {"p": [{"str": 3}]}}})]:
        validator = Draft202012Validator(json.loads((SCHEMAS / f"{schema}.json").read_text(encoding="utf-8")))
        assert not validator.is_valid(broken), schema


def test_manifest(client):
    manifest = valid(client.get("/reconcile").json(), "manifest")
    assert manifest["versions"] == ["0.2"] and manifest["defaultTypes"][0]["id"] == "Musician"
    assert "{{id}}" in manifest["view"]["url"] and "{{id}}" in manifest["preview"]["url"]
    assert set(manifest["suggest"]) == {"entity", "property", "type"}
    assert manifest["extend"]["propose_properties"]["service_path"] == "/reconcile/extend/propose"
    assert client.get("/reconcile").headers["access-control-allow-origin"] == "*"


def test_identifier_space_is_the_collections_base_not_the_host(store):
    one = TestClient(create_app(store), base_url="http://127.0.0.1:8000").get("/reconcile").json()
    other = TestClient(create_app(store), base_url="http://archive.example:9999").get("/reconcile").json()
    assert one["identifierSpace"] == other["identifierSpace"] == "urn:linernotes:"
    assert one["schemaSpace"] == other["schemaSpace"] == "urn:linernotes:vocab/"
    assert other["view"]["url"].startswith("http://archive.example:9999/")  # where to fetch: the host's
    ours = TestClient(create_app(store, base="https://archive.example/kb/")).get("/reconcile").json()
    assert ours["identifierSpace"] == "https://archive.example/kb/"


def test_queries_by_get_and_post(client):
    batch = {"q0": {"query": "Ivan Imankulov", "type": "Musician"},
             "q1": {"query": "Imankulov", "properties": [{"pid": "instrument", "v": "accordion"}], "limit": 2},
             "q2": {"query": "Nobody Atall"},
             "q3": {"query": "Steppe Jazz Quartet", "type": "Ensemble"},
             "q4": {"query": "Almaty", "type": "Place", "properties": [{"pid": "country", "v": "KZ"}]}}
    by_get = valid(client.get("/reconcile", params={"queries": json.dumps(batch)}).json(), "reconciliation-result-batch")
    by_post = client.post("/reconcile", data={"queries": json.dumps(batch)}).json()
    assert by_get == by_post
    assert by_get["q0"]["result"][0]["name"] == "Iván Imankulov" and by_get["q0"]["result"][0]["match"] is True
    assert by_get["q0"]["result"][0]["type"] == [{"id": "Musician", "name": "Musician"}]
    assert by_get["q1"]["result"][0]["name"] == "Vivaan Imankulov" and len(by_get["q1"]["result"]) <= 2
    assert by_get["q2"]["result"] == []
    assert by_get["q3"]["result"][0]["type"] == [{"id": "Ensemble", "name": "Ensemble"}]
    assert by_get["q4"]["result"][0]["name"] == "Almaty" and by_get["q4"]["result"][0]["match"] is True


def test_an_unknown_type_is_a_bad_request(client):
    response = client.get("/reconcile", params={"queries": json.dumps({"q0": {"query": "x", "type": "Volcano"}})})
    assert response.status_code == 400 and response.json()["error"]["code"] == "E060"


def test_suggest_entities_properties_and_types(client):
    entities = valid(client.get("/reconcile/suggest/entity", params={"prefix": "Imank"}).json(), "suggest-entities-response")
    assert {e["name"] for e in entities["result"]} == {"Iván Imankulov", "Vivaan Imankulov"}
    assert client.get("/reconcile/suggest/entity", params={"prefix": "Imank", "cursor": 1}).json()["result"] == \
        entities["result"][1:]
    places = valid(client.get("/reconcile/suggest/entity", params={"prefix": "Alm", "type": "Place"}).json(),
                   "suggest-entities-response")
    assert [p["name"] for p in places["result"]] == ["Almaty"]
    props = valid(client.get("/reconcile/suggest/property", params={"prefix": "birth"}).json(),
                  "suggest-properties-response")
    assert {p["id"] for p in props["result"]} == {"born_in", "birth_date"}
    types = valid(client.get("/reconcile/suggest/type", params={"prefix": ""}).json(), "suggest-types-response")
    assert [t["id"] for t in types["result"]] == ["Musician", "Ensemble", "Place"]
    assert client.get("/reconcile/suggest/entity").headers["access-control-allow-origin"] == "*"


def test_data_extension_fills_columns(client):
    proposal = valid(client.get("/reconcile/extend/propose", params={"type": "Musician", "limit": 50}).json(),
                     "data-extension-property-proposal-response")
    assert proposal["type"] == "Musician" and {"instrument", "born_in"} <= {p["id"] for p in proposal["properties"]}
    assert client.get("/reconcile/extend/propose", params={"type": "Volcano"}).json()["error"]["code"] == "E060"
    found = client.get("/reconcile", params={"queries": json.dumps(
        {"a": {"query": "Ivan Imankulov"}, "b": {"query": "Vivaan Imankulov"}})}).json()
    ivan, vivaan = found["a"]["result"][0]["id"], found["b"]["result"][0]["id"]
    asked = json.dumps({"ids": [ivan, vivaan], "properties": [{"id": "instrument"}, {"id": "born_in"}]})
    by_post = valid(client.post("/reconcile", data={"extend": asked}).json(), "data-extension-response")
    assert by_post == client.get("/reconcile", params={"extend": asked}).json()
    assert by_post["rows"][ivan]["instrument"] == [{"str": "saxophone"}]
    assert by_post["rows"][vivaan]["instrument"] == [{"str": "accordion"}]
    (born,) = by_post["rows"][vivaan]["born_in"]
    assert born["name"].startswith("Karakol") and born["id"].startswith("entity/")
    place = valid(client.get("/reconcile", params={"extend": json.dumps(
        {"ids": [born["id"]], "properties": [{"id": "country"}, {"id": "latitude"}]})}).json(), "data-extension-response")
    assert place["rows"][born["id"]]["country"] == [{"str": "KG"}]
    for bad in [json.dumps({"ids": "person/1", "properties": []}), json.dumps({"ids": ["people/1"], "properties": []})]:
        response = client.get("/reconcile", params={"extend": bad})
        assert response.status_code == 400 and response.json()["error"]["code"] in {"E035", "E061"}


def test_bad_queries_get_the_error_shape(client):
    for raw in ["{not json", json.dumps(["a list"]), json.dumps({"q0": {"no": "query"}}),
                json.dumps({"q0": {"query": "x", "type": ["Musician"]}})]:
        response = client.get("/reconcile", params={"queries": raw})
        assert response.status_code == 400 and response.json()["error"]["code"] == "E035"


def test_preview_may_be_framed_by_openrefine(client):
    candidate = client.get("/reconcile", params={"queries": json.dumps({"q": {"query": "Vivaan Imankulov"}})}).json()
    response = client.get("/reconcile/preview", params={"id": candidate["q"]["result"][0]["id"]})
    assert response.status_code == 200 and "Vivaan Imankulov" in response.text and "accordion" in response.text
    assert "frame-ancestors *" in response.headers["content-security-policy"]
    assert "x-frame-options" not in response.headers
    place = client.get("/reconcile", params={"queries": json.dumps({"q": {"query": "Almaty", "type": "Place"}})}).json()
    card = client.get("/reconcile/preview", params={"id": place["q"]["result"][0]["id"]})
    assert card.status_code == 200 and "Almaty" in card.text and "KZ" in card.text


def test_view_leads_to_the_explorers_page(client):
    found = client.get("/reconcile", params={"queries": json.dumps(
        {"p": {"query": "Ivan Imankulov"}, "e": {"query": "Steppe Jazz Quartet", "type": "Ensemble"}})}).json()
    person = client.get("/reconcile/view", params={"id": found["p"]["result"][0]["id"]}, follow_redirects=False)
    assert person.status_code == 303 and person.headers["location"].startswith("/people/")
    ensemble = client.get("/reconcile/view", params={"id": found["e"]["result"][0]["id"]}, follow_redirects=False)
    assert ensemble.headers["location"] == "/people?ensemble=Steppe+Jazz+Quartet"
    assert client.get("/reconcile/view", params={"id": "entity/999999"}).status_code == 404
    assert client.get("/reconcile/view", params={"id": "nonsense"}).json()["error"]["code"] == "E061"


def test_deep_huge_or_unstorable_queries_are_invalid_requests(client):
    deep = "[" * 3000 + "]" * 3000
    nested = '{"q0": {"query": "Ivan", "properties": [{"pid": "x", "v": ' + "[" * 40 + "]" * 40 + "}]}}"
    for raw in [deep, "{" * 3000, nested, '{"q0": {"query": "Ivan", "limit": ' + "9" * 5000 + "}}",
                json.dumps({"q0": {"query": "Iv\x00an"}}), '{"q0": {"query": "Iv\\ud800an"}}',
                json.dumps({"q0": {"query": "Ivan", "properties": [{"pid": "instrument", "v": "sax\x00"}]}})]:
        for response in (client.get("/reconcile", params={"queries": raw}), client.post("/reconcile", data={"queries": raw})):
            assert response.status_code == 400 and response.json()["error"]["code"] == "E035", raw[:40]
    for raw in [deep, json.dumps({"ids": ["person/1\x00"], "properties": []})]:
        response = client.post("/reconcile", data={"extend": raw})
        assert response.status_code == 400 and response.json()["error"]["code"] == "E035", raw[:40]


def test_numbers_past_the_database_are_invalid_requests(client):
    huge = "person/" + "9" * 20
    for response in (client.get("/reconcile/preview", params={"id": huge}),
                     client.get("/reconcile/view", params={"id": "entity/" + "9" * 20})):
        assert response.status_code == 422 and response.json()["error"]["code"] == "E035"
    extend = client.post("/reconcile", data={"extend": json.dumps({"ids": [huge], "properties": [{"id": "genre"}]})})
    assert extend.status_code == 400 and extend.json()["error"]["code"] == "E035"
