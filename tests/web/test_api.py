"""The JSON API: thin over the library, one error shape, read-only without a token, bound input."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from linernotes.kb.ingest import ingest
from linernotes.kb.ingest import MAX_TEXT_CHARS as MAX_UPLOAD_CHARS
from linernotes.web.app import create_app

from ..conftest import write_corpus
from ..kb.corpus import CORPUS

TOKEN = "s3cret-token"


@pytest.fixture()
def client(store, tmp_path):
    ingest(store, [str(write_corpus(tmp_path / "bios", CORPUS))])
    return TestClient(create_app(store, token=TOKEN))


def test_stats_people_profile(client):
    assert client.get("/api/stats").json()["documents"] == 4
    people = client.get("/api/people", params={"instrument": "saxophone"}).json()["items"]
    assert [p["name"] for p in people] == ["Iván Imankulov"]
    profile = client.get(f"/api/people/{people[0]['id']}").json()
    assert profile["documents"] == ["ivan_a.txt", "ivan_b.txt"]
    born = [f for f in profile["facts"]["life"] if f["relation"] == "born_in"]
    assert born[0]["evidence"] == "He was born in Almaty in 1985."
    assert profile["ids"] == []


def test_profile_gives_its_ids_with_their_pages(client, store):
    from linernotes.kb.identifiers import set_id

    set_id(store, "Iván Imankulov", "Q4115190")
    person = client.get("/api/people", params={"instrument": "saxophone"}).json()["items"][0]
    ids = client.get(f"/api/people/{person['id']}").json()["ids"]
    assert ids == [{"scheme": "wikidata", "value": "Q4115190", "source": "hand",
                    "url": "https://www.wikidata.org/wiki/Q4115190"}]


def test_profile_sorted_by_confidence(client):
    person = client.get("/api/people", params={"instrument": "saxophone"}).json()["items"][0]
    profile = client.get(f"/api/people/{person['id']}", params={"sort": "confidence"}).json()
    listed = profile["facts_by_confidence"]
    assert len(listed) == sum(len(f["sources"]) for rows in profile["facts"].values() for f in rows)  # each fact once
    assert [f["confidence"] for f in listed] == sorted(f["confidence"] for f in listed)
    assert "facts_by_confidence" not in client.get(f"/api/people/{person['id']}").json()


def test_documents_search_ask_checks_facts(client):
    assert {d["name"] for d in client.get("/api/documents").json()["items"]} == set(CORPUS)
    document = client.get("/api/documents/vivaan.txt").json()
    assert document["text"].startswith("Vivaan") and document["mentions"] and document["facts"]
    assert client.get("/api/search", params={"q": "quartet"}).json()["items"][0]["document"] == "ivan_b.txt"
    answer = client.get("/api/ask", params={"q": "Who plays the accordion?"}).json()
    assert answer["answered"] and answer["items"] == ["Vivaan Imankulov"]
    facts = client.get("/api/facts", params={"relation": "instrument", "value": "accordion"}).json()["items"]
    assert [f["document"] for f in facts] == ["vivaan.txt"]
    assert isinstance(client.get("/api/checks").json()["items"], list)


def walk(client, url, params):
    """Every item of a list, following its next links; and the pages' totals."""
    items, totals, page = [], set(), client.get(url, params=params).json()
    while True:
        items += page["items"]
        totals.add((page["total"], page["total_capped"]))
        if not page["next"]:
            return items, totals
        assert page["next"].startswith(url + "?")
        page = client.get(page["next"]).json()


def test_lists_have_totals_and_next_links_that_reach_every_item(client):
    everyone = client.get("/api/people", params={"limit": 500}).json()
    assert everyone["next"] is None and everyone["total"] == len(everyone["items"]) > 2
    paged, totals = walk(client, "/api/people", {"limit": 2})
    assert paged == everyone["items"] and totals == {(len(paged), False)}
    facts = client.get("/api/facts", params={"limit": 1000}).json()  # no relation: every fact
    assert facts["total"] == len(facts["items"]) and {f["relation"] for f in facts["items"]} > {"instrument", "born_in"}
    paged, totals = walk(client, "/api/facts", {"limit": 7})
    assert [f["id"] for f in paged] == [f["id"] for f in facts["items"]] == sorted(f["id"] for f in paged)
    documents, totals = walk(client, "/api/documents", {"limit": 3})
    assert sorted(d["name"] for d in documents) == sorted(CORPUS) and totals == {(len(CORPUS), False)}
    second = client.get("/api/documents", params={"limit": 1, "offset": 1}).json()
    assert second["offset"] == 1 and second["items"] == documents[1:2]


def test_facts_of_a_value_in_any_relation(client):
    facts = client.get("/api/facts", params={"value": "accordion"}).json()["items"]
    assert facts and {f["value"].lower() for f in facts} == {"accordion"}


def test_lists_as_csv(client):
    import csv
    import io

    response = client.get("/api/people.csv", params={"limit": 2})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    page = client.get("/api/people", params={"limit": 2}).json()
    assert [r["name"] for r in rows] == [p["name"] for p in page["items"]]
    assert response.headers["x-total-count"] == str(page["total"])
    path, _, query = page["next"].partition("?")
    assert response.headers["link"] == f'<{path}.csv?{query}>; rel="next"'
    facts = list(csv.DictReader(io.StringIO(client.get("/api/facts.csv", params={"relation": "instrument"}).text)))
    assert facts and {"person", "relation", "value", "evidence", "document"} <= set(facts[0])
    for url in ["/api/documents.csv", "/api/checks.csv", "/api/search.csv?q=quartet", "/api/review/queue.csv",
                "/api/reviews.csv"]:
        assert client.get(url).status_code == 200, url


def test_csv_cells_that_a_spreadsheet_would_run_are_text():
    from linernotes.web.listing import csv_of

    assert csv_of([{"value": "=HYPERLINK(\"x\")", "n": 3, "ids": [1, 2]}]).splitlines() == [
        "value,n,ids", "\"'=HYPERLINK(\"\"x\"\")\",3,\"[1, 2]\""]


def test_errors_share_one_shape(client):
    for url, status, code in [("/api/people/999999", 404, "E022"), ("/api/documents/nope.txt", 404, "E032"),
                              ("/api/people?colour=blue&instrument=x&limit=0", 422, None)]:
        response = client.get(url)
        assert response.status_code == status
        if code:
            assert response.json()["error"]["code"] == code and response.json()["error"]["status"] == status


def test_upload_needs_the_token(client):
    body = {"name": "new.txt", "text": "Dina Nurpeisova is a Kazakh dombra player born in Taraz."}
    assert client.post("/api/documents", json=body).status_code == 401
    assert client.post("/api/documents", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
    created = client.post("/api/documents", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert created.status_code == 201 and created.json()["added"] == 1
    assert client.get("/api/people", params={"instrument": "dombra"}).json()["items"][0]["name"] == "Dina Nurpeisova"


def test_upload_limits_and_names_are_not_paths(client):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    big = client.post("/api/documents", json={"name": "big.txt", "text": "x " * MAX_UPLOAD_CHARS}, headers=auth)
    assert big.status_code == 413 and big.json()["error"]["code"] == "E033"
    sneaky = client.post("/api/documents", json={"name": "../../etc/passwd", "text": "Dina Nurpeisova sings."},
                         headers=auth)
    assert sneaky.status_code == 201 and "/" not in sneaky.json()["document"]


def test_read_only_without_a_token(store):
    response = TestClient(create_app(store)).post("/api/documents", json={"name": "a.txt", "text": "x"})
    assert response.status_code == 403 and response.json()["error"]["code"] == "E030"


def test_openapi_lists_the_routes(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/people", "/api/people/{person_id}", "/api/search", "/api/ask", "/api/documents"} <= set(paths)


def test_the_token_must_come_as_bearer(client):
    body = {"name": "new.txt", "text": "Dina Nurpeisova is a Kazakh dombra player born in Taraz."}
    for header in [TOKEN, f"Basic {TOKEN}", f"Bearer{TOKEN}", f"Token {TOKEN}"]:
        response = client.post("/api/documents", json=body, headers={"Authorization": header})
        assert response.status_code == 401 and response.json()["error"]["code"] == "E031", header
    assert client.post("/api/documents", json=body, headers={"Authorization": f"bearer {TOKEN}"}).status_code == 201
