"""Review through the explorer: forms beside each fact on the profile and document pages (operator
token and a name), the /review queue, the JSON API; decisions shown beside the facts, after
re-ingest too; a read-only server shows the status and no forms; everything escaped."""
from __future__ import annotations

import csv
import io
import re

import pytest
from fastapi.testclient import TestClient

from linernotes.kb import export as export_module
from linernotes.kb.ingest import ingest
from linernotes.web.app import create_app

from ..conftest import write_corpus
from ..kb.corpus import CORPUS, IVAN_A
from .test_pages import ivan

TOKEN = "review-token"
QUOTE = "He plays jazz and studied at the Kurmangazy Kazakh National Conservatory."


@pytest.fixture()
def kb(store, tmp_path):
    ingest(store, [str(write_corpus(tmp_path / "bios", CORPUS))])
    return store


@pytest.fixture()
def client(kb):
    return TestClient(create_app(kb, token=TOKEN))


def fact_id(kb, relation: str, value: str, document: str = "ivan_a.txt") -> int:
    with kb.reading() as tx:
        found = [f["id"] for f in tx.document(document)["facts"] if (f["relation"], f["value"]) == (relation, value)]
    assert len(found) == 1
    return found[0]


def decide(client, fact: int, back: str, **fields):
    return client.post(f"/facts/{fact}/review", data={"token": TOKEN, "reviewer": "ana", "back": back, **fields},
                       follow_redirects=False)


def fact_block(html: str, fact: int) -> str:
    """The markup of one fact on a page, up to the next fact."""
    start = html.index(f'id="fact-{fact}"')
    following = html.find('id="fact-', start + 1)
    return html[start:following if following > 0 else len(html)]


def test_review_walked_through_the_pages_holds_after_reingest(client, kb, tmp_path):
    pid = ivan(kb)
    page = f"/people/{pid}?sort=relation"
    born, genre = fact_id(kb, "born_in", "Almaty"), fact_id(kb, "genre", "jazz")
    assert f'action="/facts/{born}/review"' in client.get(page).text  # the form is beside the fact

    answer = decide(client, born, page, action="reject", reason="the programme says <b>Shymkent</b>")
    assert answer.status_code == 303 and answer.headers["location"] == f"{page}#fact-{born}"
    assert decide(client, genre, page, action="correct", value="free jazz").status_code == 303
    added = client.post("/documents/ivan_a.txt/review", follow_redirects=False, data={
        "token": TOKEN, "reviewer": "bo", "person": "Iván Imankulov", "relation": "instrument", "value": "clarinet",
        "quote": QUOTE})
    assert added.status_code == 303 and added.headers["location"].startswith("/documents/ivan_a.txt#fact-")

    ingest(kb, [str(write_corpus(tmp_path / "bios", {**CORPUS, "ivan_a.txt": IVAN_A + " He lives in Astana."}))])
    html = client.get(page).text
    rejected = fact_block(html, fact_id(kb, "born_in", "Almaty"))
    assert "status-rejected" in rejected and "Rejected</strong>" in rejected and "by ana" in rejected
    assert "the programme says &lt;b&gt;Shymkent&lt;/b&gt;" in rejected and "<b>Shymkent" not in html
    assert "Corrected</strong>" in fact_block(html, fact_id(kb, "genre", "free jazz"))
    assert "Added</strong>" in fact_block(html, fact_id(kb, "instrument", "clarinet"))
    document = client.get("/documents/ivan_a.txt").text
    assert "Rejected</strong>" in fact_block(document, fact_id(kb, "born_in", "Almaty"))
    assert 'action="/documents/ivan_a.txt/review"' in document  # the form to add a fact

    out = io.StringIO()
    export_module.export(kb, "csv", out)
    pairs = {(r["relation"], r["value"]) for r in csv.DictReader(io.StringIO(out.getvalue()))
             if r["document"] == "ivan_a.txt"}
    assert ("born_in", "Almaty") not in pairs and ("genre", "free jazz") in pairs and ("instrument", "clarinet") in pairs


def test_a_wrong_or_missing_token_is_refused_and_nothing_is_filed(client, kb):
    born = fact_id(kb, "born_in", "Almaty")
    for token in ("", "guess"):
        answer = client.post(f"/facts/{born}/review", data={"token": token, "reviewer": "x", "action": "reject"})
        assert answer.status_code == 401 and "E031" in answer.text
    assert client.get("/api/reviews").json()["items"] == []


def test_a_read_only_server_shows_the_status_but_no_forms(client, kb):
    born = fact_id(kb, "born_in", "Almaty")
    assert decide(client, born, "/review", action="reject").status_code == 303
    read_only = TestClient(create_app(kb))
    html = read_only.get(f"/people/{ivan(kb)}").text
    assert "Rejected</strong>" in fact_block(html, born) and "/review\"" in html  # status, and the nav link
    assert 'action="/facts/' not in html and 'action="/facts/' not in read_only.get("/review").text
    answer = read_only.post(f"/facts/{born}/review", data={"token": "", "reviewer": "x", "action": "accept"})
    assert answer.status_code == 403 and "E030" in answer.text


def test_a_form_returns_only_to_a_page_of_this_site(client, kb):
    born = fact_id(kb, "born_in", "Almaty")
    for back in ("//evil.example/x", "https://evil.example/", "/\\evil.example"):
        answer = decide(client, born, back, action="accept")
        assert answer.status_code == 303 and answer.headers["location"] == f"/review#fact-{born}"


def test_refusals_are_shown_with_their_code(client, kb):
    genre = fact_id(kb, "genre", "jazz")
    answer = decide(client, genre, "/review", action="correct", person="Timur Bekov")
    assert answer.status_code == 404 and "E052" in answer.text
    answer = client.post("/documents/ivan_a.txt/review", data={
        "token": TOKEN, "reviewer": "bo", "person": "Iván Imankulov", "relation": "instrument", "value": "dombra",
        "quote": "<script>He plays the dombra</script>"})
    assert answer.status_code == 400 and "E053" in answer.text and "<script>He" not in answer.text


def test_review_queue_page_lists_unreviewed_facts_with_forms(client, kb):
    html = client.get("/review").text
    assert '<a href="/review">Review</a>' in html
    ids = [int(i) for i in re.findall(r'<dd id="fact-(\d+)"', html)]
    assert ids and f'action="/facts/{ids[0]}/review"' in html
    assert decide(client, ids[0], "/review", action="accept").status_code == 303
    assert f'<dd id="fact-{ids[0]}"' not in client.get("/review").text


def test_json_api_reviews_with_the_bearer_token(client, kb):
    born = fact_id(kb, "born_in", "Almaty")
    body = {"action": "correct", "reviewer": "ana", "value": "Alma-Ata", "reason": "the old name"}
    assert client.post(f"/api/facts/{born}/review", json=body).status_code == 401
    answer = client.post(f"/api/facts/{born}/review", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.status_code == 200, answer.text
    assert answer.json()["fact"]["value"] == "Alma-Ata" and answer.json()["fact"]["status"] == "corrected"
    added = client.post("/api/documents/ivan_a.txt/facts", headers={"Authorization": f"Bearer {TOKEN}"},
                        json={"person": "Iván Imankulov", "relation": "instrument", "value": "clarinet", "quote": QUOTE,
                              "reviewer": "bo"})
    assert added.status_code == 201 and added.json()["fact"]["status"] == "added"
    history = client.get("/api/reviews", params={"document": "ivan_a.txt"}).json()["items"]
    assert [(r["action"], r["reviewer"]) for r in history] == [("correct", "ana"), ("add", "bo")]
    profile = client.get(f"/api/people/{ivan(kb)}").json()
    statuses = {f["value"]: f["status"] for facts in profile["facts"].values() for f in facts}
    assert statuses["Alma-Ata"] == "corrected" and statuses["clarinet"] == "added"
    queue = client.get("/api/review/queue", params={"limit": 5}).json()["items"]
    assert len(queue) == 5 and born not in {f["id"] for f in queue}


def test_each_decision_over_http_is_logged_with_its_reviewer(client, kb, caplog):
    born = fact_id(kb, "born_in", "Almaty")
    with caplog.at_level("INFO", logger="linernotes.web"):
        decide(client, born, "/review", action="reject", reviewer="ana\nforged line")
        client.post(f"/facts/{born}/review", data={"token": "guess", "reviewer": "eve", "action": "accept"})
    lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith("review ")]
    assert lines[0].startswith(f"review reject #{born} by 'ana\\nforged line': review ") and "\n" not in lines[0]
    assert lines[1].startswith(f"review accept #{born} by 'eve': refused, [E031]")
