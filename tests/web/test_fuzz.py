"""Hostile requests, generated: huge integers, NUL and control characters, long query strings, deep
JSON, bad tokens on the main routes. None may reach a 500; every JSON error is in the error shape."""
from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linernotes.kb.ingest import ingest
from linernotes.web.app import create_app

from ..conftest import write_corpus
from ..kb.corpus import CORPUS

TOKEN = "fuzz-token"
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

huge = st.one_of(st.integers(min_value=2**31 - 3, max_value=2**31 + 3), st.integers(min_value=-10**30, max_value=10**30))
hostile_text = st.one_of(
    st.text(alphabet=st.characters(codec="utf-8", max_codepoint=0x20), max_size=20),  # NUL and other controls
    st.text(max_size=40), st.just("%00"), st.just("a" * 20_000), huge.map(str))
#: What an HTTP client lets into a header value: visible ASCII and tabs.
header = st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E) | st.just("\t"), max_size=40)
deep = st.integers(min_value=1, max_value=3500).map(lambda n: "[" * n + "]" * n)
PATHS = ["/people/{}", "/people/{}/timeline", "/api/people/{}", "/reconcile/preview?id={}", "/graph?person={}",
         "/api/people?offset={}", "/api/documents?offset={}", "/api/people?limit={}", "/people?page={}",
         "/documents/ivan_b.txt?start={}&end=3", "/api/facts?offset={}", "/api/checks.csv?offset={}",
         "/api/review/queue?offset={}", "/api/search?q=piano&offset={}"]
TEXT_ROUTES = ["/api/people?name={}", "/api/documents/{}", "/documents/{}", "/api/search?q={}", "/api/ask?q={}",
               "/search?q={}", "/ask?q={}", "/people?instrument={}", "/graph?place={}", "/checks?code={}",
               "/api/facts?relation={}&value={}", "/map?genre={}", "/reconcile?queries={}", "/api/facts.csv?value={}",
               "/api/people.csv?place={}"]


@pytest.fixture()
def client(store, tmp_path):
    ingest(store, [str(write_corpus(tmp_path / "bios", CORPUS))])
    return TestClient(create_app(store, token=TOKEN))


def fine(response) -> None:
    assert response.status_code < 500, (response.request.url, response.text[:300])
    if response.status_code >= 400 and response.headers["content-type"].startswith("application/json"):
        error = response.json()["error"]
        assert set(error) == {"code", "message", "status"} and error["status"] == response.status_code
        assert error["message"].startswith(f"[{error['code']}]")


@FUZZ
@given(path=st.sampled_from(PATHS), number=huge)
def test_numbers(client, path, number):
    fine(client.get(path.format(number)))


@FUZZ
@given(path=st.sampled_from(TEXT_ROUTES), text=hostile_text)
def test_text(client, path, text):
    fine(client.get(path.replace("{}", quote(text, safe=""))))


@FUZZ
@given(raw=st.one_of(deep, hostile_text, st.recursive(st.none() | st.booleans() | huge | hostile_text,
                                                      lambda inner: st.lists(inner, max_size=3) |
                                                      st.dictionaries(hostile_text, inner, max_size=3),
                                                      max_leaves=20).map(json.dumps)),
       by_post=st.booleans())
def test_reconcile(client, raw, by_post):
    by_post = by_post or len(quote(raw)) > 60_000  # httpx refuses longer URLs
    fine(client.post("/reconcile", data={"queries": raw}) if by_post else client.get("/reconcile", params={"queries": raw}))


@FUZZ
@given(authorization=st.one_of(header, header.map("Bearer ".__add__), header.map(f"{TOKEN}".__add__)),
       name=hostile_text, text=hostile_text)
def test_uploads_with_bad_tokens(client, authorization, name, text):
    response = client.post("/api/documents", json={"name": name, "text": text}, headers={"Authorization": authorization})
    fine(response)
    assert response.status_code in (400, 401, 413, 422)
