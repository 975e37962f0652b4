"""Input bounds at the boundary: ids and offsets beyond the database's integers, NUL and unpaired
surrogates, document names with control characters; each a 4xx in the error shape, never a 500."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from linernotes.kb.ingest import ingest
from linernotes.web.app import create_app
from linernotes.web.inputs import MAX_INT, too_deep

from ..conftest import write_corpus
from ..kb.corpus import CORPUS

TOKEN = "inputs-token"
HUGE = "99999999999999999999"


@pytest.fixture()
def client(store, tmp_path):
    ingest(store, [str(write_corpus(tmp_path / "bios", CORPUS))])
    return TestClient(create_app(store, token=TOKEN))


def error_of(response) -> dict:
    if response.headers["content-type"].startswith("application/json"):
        return response.json()["error"]
    assert response.headers["content-type"].startswith("text/html")
    return {"code": "E035" if "E035" in response.text else None, "status": response.status_code}


def test_integers_beyond_the_database_are_invalid_requests(client):
    for url in [f"/people/{HUGE}", f"/people/{HUGE}/timeline", f"/api/people/{HUGE}", f"/api/people/{MAX_INT + 1}",
                f"/reconcile/preview?id={HUGE}", f"/graph?person={HUGE}", f"/api/people?offset={MAX_INT + 1}",
                f"/api/documents?offset={HUGE}", f"/documents/ivan_b.txt?start={HUGE}&end=1"]:
        response = client.get(url)
        assert response.status_code == 422, url
        assert error_of(response) == {**error_of(response), "code": "E035", "status": 422}, url
    assert client.get(f"/api/people/{MAX_INT}").status_code == 404  # in range, just nobody


def test_nul_in_a_path_or_query_is_refused(client):
    for url in ["/api/documents/a%00b", "/documents/a%00b", "/api/facts?relation=%00", "/checks?code=x%00",
                "/api/search?q=a%00b", "/people?name=%00"]:
        response = client.get(url)
        assert response.status_code == 400 and error_of(response)["code"] == "E035", url


def test_uploads_with_nul_or_control_characters_are_refused(client):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    for body in [{"name": "a.txt", "text": "Dina Nurpeisova \x00 sings."},
                 {"name": "a\x00b.txt", "text": "Dina Nurpeisova sings."},
                 {"name": "a\nb.txt", "text": "Dina Nurpeisova sings."}]:
        response = client.post("/api/documents", json=body, headers=auth)
        assert response.status_code == 400 and response.json()["error"]["code"] == "E035", body
    page = client.post("/upload", data={"token": TOKEN, "name": "a.txt", "text": "Dina \x00 sings."})
    assert page.status_code == 400 and "E035" in page.text
    named = client.post("/upload", content=multipart("evil\tname.txt", b"Dina Nurpeisova sings.", TOKEN),
                        headers={"Content-Type": "multipart/form-data; boundary=XX"})
    assert named.status_code == 400 and "E035" in named.text


def multipart(filename: str, data: bytes, token: str) -> bytes:
    """A form with the token and one file, its name sent raw (httpx would percent-encode it)."""
    return (f'--XX\r\nContent-Disposition: form-data; name="token"\r\n\r\n{token}\r\n'
            f'--XX\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
            f"Content-Type: text/plain\r\n\r\n").encode() + data + b"\r\n--XX--\r\n"


def test_json_depth_skips_strings():
    assert too_deep("[" * 33 + "]" * 33) and not too_deep("[" * 32 + "]" * 32)
    assert not too_deep('{"q": {"query": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ \\" [[[["}}', limit=3)
