"""The explorer's pages over HTTP (no browser): every page renders, links lead to evidence, text is
escaped, uploads need the token and respect the limits, paths cannot leave their place."""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from linernotes.kb.ingest import MAX_TEXT_CHARS, ingest, ingest_text
from linernotes.kb.query import find_person
from linernotes.web.app import create_app
from linernotes.web.security import MAX_BODY_BYTES

from ..conftest import write_corpus
from ..kb.corpus import CORPUS

TOKEN = "page-token"
HOSTILE = ("Zarina Alieva is a kobyz player born in Taraz. <script>alert('x')</script>\n\n"
           "She studied in Almaty. <img src=x onerror=alert(1)> \"quoted\" & done.")


@pytest.fixture()
def kb(store, tmp_path):
    ingest(store, [str(write_corpus(tmp_path / "bios", CORPUS))])
    ingest_text(store, "hostile.txt", HOSTILE)
    return store


@pytest.fixture()
def client(kb):
    return TestClient(create_app(kb, token=TOKEN))


def ivan(kb) -> int:
    with kb.reading() as tx:
        return find_person(tx, "Iván Imankulov")


def test_every_page_renders_with_the_security_headers(client, kb):
    pid = ivan(kb)
    for url in ["/", "/people", "/people?instrument=saxophone&sort=id", "/people?has_checks=true", f"/people/{pid}",
                f"/people/{pid}/timeline", "/documents", "/documents/ivan_b.txt", "/checks", "/graph",
                f"/graph?person={pid}", "/map", "/map?instrument=accordion", "/upload", "/search?q=quartet",
                "/ask?q=Who+plays+the+accordion%3F", "/search", "/ask"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["content-type"].startswith("text/html")
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert response.headers["x-content-type-options"] == "nosniff"
        assert re.fullmatch(r"app;dur=\d+\.\d+", response.headers["server-timing"])
        assert "<main id=\"main\">" in response.text


def test_profile_links_each_fact_to_its_sentence_in_the_document(client, kb):
    html = client.get(f"/people/{ivan(kb)}").text
    assert "Steppe Jazz Quartet" in html and "saxophon" in html
    link = re.search(r'href="(/documents/ivan_b\.txt\?start=(\d+)&amp;end=(\d+)#evidence)"', html)
    assert link, "a fact from ivan_b.txt links to its place in the document"
    document = client.get(link.group(1).replace("&amp;", "&")).text
    marked = "".join(re.findall(r"<mark[^>]*>(.*?)</mark>", document, flags=re.S))
    assert "Steppe Jazz Quartet" in re.sub(r"<[^>]+>", "", marked) or "saxophonist" in re.sub(r"<[^>]+>", "", marked)
    assert 'id="evidence"' in document


def _sentences(html: str) -> list[str]:
    """The sentence blocks of a profile, in page order."""
    return re.findall(r'<li class="sentence">(.*?)</li>', html.split('id="sentences-heading"', 1)[1], flags=re.S)


def test_profile_facts_can_be_read_least_sure_first(client, kb):
    pid = ivan(kb)
    html = client.get(f"/people/{pid}?sort=confidence").text
    assert "<strong>least sure first</strong>" in html and f'href="/people/{pid}"' in html
    least = [min(float(c) for c in re.findall(r'data-confidence="([0-9.]+)"', block)) for block in _sentences(html)]
    assert len(least) > 3 and least == sorted(least)
    grouped = client.get(f"/people/{pid}").text
    assert f'href="/people/{pid}?sort=confidence"' in grouped and "<strong>least sure first</strong>" not in grouped
    assert client.get(f"/people/{pid}?sort=nonsense").status_code == 422


def test_profile_quotes_each_sentence_once_with_every_fact_it_gives(client, kb):
    pid = ivan(kb)
    html = client.get(f"/people/{pid}").text
    with kb.reading() as tx:
        facts = tx.person_facts(pid)
    blocks = _sentences(html)
    quoted = [re.search(r'class="evidence"[^>]*>“(.*?)”</a>', b, flags=re.S).group(1) for b in blocks]
    assert len(quoted) == len(set(quoted)) == len({(f["document"], f["evidence"]) for f in facts})
    shared = [f for f in facts if sum(g["evidence"] == f["evidence"] and g["document"] == f["document"] for g in facts) > 1]
    assert shared, "the corpus has a sentence that gives two facts"
    for fact in facts:  # each fact is under its own sentence, with its id (for review) and its confidence in words
        block = next(b for b in blocks if f'id="fact-{fact["id"]}"' in b)
        assert html.count(f'id="fact-{fact["id"]}"') == 1
        assert re.sub(r"&#39;", "'", re.search(r"“(.*?)”", block, flags=re.S).group(1)) == fact["evidence"]
    assert re.search(r'<span class="confidence" title="Confidence 0\.\d\d, [a-z :]+: of 100 facts at this confidence, '
                     r'about \d+ are right"', html)
    assert re.search(r'<span class="confidence-words">(almost surely right|probably right|more likely right than not|'
                     r'doubtful: check it)</span>', html)


def test_profile_of_one_document_says_so_instead_of_why_documents_are_one(client, kb):
    with kb.reading() as tx:
        pid = find_person(tx, "Zarina Alieva")
    html = client.get(f"/people/{pid}").text
    assert "Only <a href=\"/documents/hostile.txt\">hostile.txt</a> describes Zarina Alieva" in html
    assert "Why these documents are one person" not in html
    assert "Why these documents are one person" in client.get(f"/people/{ivan(kb)}").text


def test_document_text_and_names_are_escaped(client):
    for url in ["/documents/hostile.txt", "/search?q=kobyz", "/people?instrument=kobyz",
                "/search?q=%3Cscript%3Ealert(2)%3C/script%3E", "/ask?q=%3Cimg+src%3Dx+onerror%3Dalert(3)%3E"]:
        html = client.get(url).text
        assert "<script>alert" not in html and "<img src=x" not in html and "<script>alert(2)" not in html, url
    document = client.get("/documents/hostile.txt").text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in document
    assert "&lt;img src=x onerror=alert(1)&gt;" in document and "&#34;quoted&#34; &amp; done." in document


def test_errors_are_pages_for_people_and_json_for_programs(client):
    page = client.get("/people/999999")
    assert page.status_code == 404 and "E022" in page.text and page.headers["content-type"].startswith("text/html")
    assert client.get("/no/such/page").status_code == 404
    assert "E036" in client.get("/no/such/page").text
    api = client.get("/api/no-such-route")
    assert api.status_code == 404 and api.json()["error"]["code"] == "E036"
    invalid = client.get("/api/people/abc")
    assert invalid.status_code == 422 and invalid.json()["error"]["code"] == "E035"


def test_paths_cannot_leave_their_place(client):
    for url in ["/documents/..%2F..%2Fetc%2Fpasswd", "/documents/%2e%2e%2fpyproject.toml", "/static/../pyproject.toml",
                "/static/%2e%2e/pyproject.toml", "/static/..%2F..%2Fstore%2F__init__.py"]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "[build-system]" not in response.text and "Store" not in response.text[:200]


def test_upload_page_needs_the_token(client, kb):
    body = {"name": "dina.txt", "text": "Dina Nurpeisova is a Kazakh dombra player born in Taraz."}
    refused = client.post("/upload", data={**body, "token": "wrong"})
    assert refused.status_code == 401 and "E031" in refused.text
    added = client.post("/upload", data={**body, "token": TOKEN})
    assert added.status_code == 201 and 'href="/documents/dina.txt"' in added.text
    assert "Dina Nurpeisova" in client.get("/people?instrument=dombra").text


def test_upload_of_a_cp1251_file(client):
    text = "Айгуль Сейткали — казахская певица, родилась в Алматы. Aigul Seitkali is a Kazakh singer."
    response = client.post("/upload", data={"token": TOKEN},
                           files={"file": ("aigul.txt", text.encode("cp1251"), "text/plain")})
    assert response.status_code == 201
    assert "Айгуль" in client.get("/documents/aigul.txt").text


def test_read_only_server_and_size_limits(kb):
    read_only = TestClient(create_app(kb))
    response = read_only.post("/upload", data={"token": "x", "name": "a.txt", "text": "Some text."})
    assert response.status_code == 403 and "E030" in response.text
    assert "Upload" not in read_only.get("/").text.split("<main")[0]  # not offered in the menu
    client = TestClient(create_app(kb, token=TOKEN))
    too_long = client.post("/upload", data={"token": TOKEN, "name": "long.txt", "text": "a " * (MAX_TEXT_CHARS // 2 + 1)})
    assert too_long.status_code == 413 and "E033" in too_long.text
    huge = client.post("/api/documents", content=b"x" * (MAX_BODY_BYTES + 1),
                       headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    assert huge.status_code == 413 and huge.json()["error"]["code"] == "E034"


def test_a_file_over_the_limit_is_reported_with_its_real_size(client):
    """A 1.9 MB file was read only to 800,001 bytes, and reported as 800,001 characters."""
    text = ("Dina Nurpeisova is a Kazakh dombra player born in Taraz. " * 40_000)[:1_900_000]
    response = client.post("/upload", data={"token": TOKEN}, files={"file": ("big.txt", text.encode(), "text/plain")})
    assert 400 <= response.status_code < 500
    assert "1,900,000 characters" in response.text


def test_a_fact_two_documents_give_is_listed_once_with_both_sentences(client, kb):
    pid = ivan(kb)
    html = client.get(f"/people/{pid}").text
    with kb.reading() as tx:
        said = [f for f in tx.person_facts(pid) if f["relation"] == "occupation" and f["value"] == "saxophonist"]
    assert len(said) == 2 and {f["document"] for f in said} == {"ivan_a.txt", "ivan_b.txt"}
    glance = html.split('id="glance-heading"', 1)[1].split("</section>", 1)[0]
    assert len(re.findall(r">saxophonist</a>", glance)) == 1 and "(2 sentences)" in glance
    for fact in said:  # every fact keeps its anchor (and so its id) for review, under its own sentence
        assert html.count(f'id="fact-{fact["id"]}"') == 1
        assert f'action="/facts/{fact["id"]}/review"' in html


def test_profile_links_the_ids_of_the_places_and_ensembles_its_facts_name(client, kb):
    from linernotes.kb.identifiers import set_id

    set_id(kb, "Steppe Jazz Quartet", "Q4115300", kind="Ensemble")
    page = client.get(f"/people/{ivan(kb)}").text
    assert 'href="https://www.wikidata.org/wiki/Q4115300"' in page  # set by hand
    assert 'href="https://www.wikidata.org/wiki/Q35493"' in page  # Almaty, proposed from its GeoNames id
    assert re.search(r'href="https://www\.geonames\.org/1526384"', page)


def test_graph_page_draws_people_links_with_depth_size_and_things(store, tmp_path):
    from ..kb.test_explore import TEACHERS

    ingest(store, [str(write_corpus(tmp_path / "teachers", TEACHERS))])
    client = TestClient(create_app(store, token=TOKEN))
    with store.reading() as tx:
        dana = find_person(tx, "Dana Serikova")
    near, far = (client.get(f"/graph?person={dana}&depth={depth}") for depth in (1, 2))
    assert near.status_code == far.status_code == 200
    assert "Dana Serikova studied with Rauf Mammadli" in near.text  # an edge's title and the list say it
    assert "Elchin Guliyev" not in near.text and "Elchin Guliyev studied with Rauf Mammadli" in far.text
    assert 'class="edge-label">teacher<' in near.text  # what the one at the arrow is to the other
    people_only = client.get("/graph?things=none").text
    assert "Elchin Guliyev is married to Leyla Guliyeva" in people_only
    assert 'class="node node-' in people_only and 'class="node node-Ensemble' not in people_only
    with_bands = client.get("/graph?things=ensembles").text
    assert 'class="node node-Ensemble' in with_bands and 'class="node node-Instrument' not in with_bands
    for bad in ("/graph?things=everything", "/graph?depth=9", "/graph?limit=201"):
        assert client.get(bad).status_code == 422, bad


ODD = ("Aigerim Sadykova is a Kazakh dombra player. She was born in 1990 in Karakol, Kazakhstan. "
       "She died in 1985 in Almaty.")


def test_checks_name_the_person_link_the_sentence_and_put_errors_first(client, kb):
    ingest_text(kb, "odd.txt", ODD)
    html = client.get("/checks").text
    rows = re.findall(r'<tr class="severity-(\w+)">(.*?)</tr>', html, flags=re.S)
    ours = [(severity, row) for severity, row in rows if "odd.txt" in row]
    assert [s for s, row in ours] == ["error", "warning"]  # the impossible date before the doubtful place
    error, warning = ours[0][1], ours[1][1]
    assert "date-inconsistency" in error and "place-country-mismatch" in warning
    with kb.reading() as tx:
        pid = find_person(tx, "Aigerim Sadykova")
    assert f'<a href="/people/{pid}">Aigerim Sadykova</a>' in error
    start = ODD.index("1985")
    assert f'href="/documents/odd.txt?start={start}&amp;end={start + 4}#evidence">“She died in 1985 in Almaty.”' in error
    only = client.get("/checks?code=place-country-mismatch").text
    assert "Karakol" in only and "date-inconsistency</td>" not in only
    assert '<option value="place-country-mismatch" selected>' in only


def test_search_marks_the_words_found_and_escapes_the_rest(client, kb):
    ingest_text(kb, "odd.txt", ODD)
    html = client.get("/search?q=karakol+%3Cb%3E").text
    assert "<mark>Karakol</mark>" in html
    assert "<b>" not in html.split("<main", 1)[1] and "&lt;b&gt;" in html
    hostile = client.get("/search?q=kobyz").text
    assert "<mark>kobyz</mark>" in hostile and "<script>" not in hostile.split("<main", 1)[1]


def test_checks_show_the_catalogue_severity_of_a_finding_stored_before_it_changed(client, kb):
    from sqlalchemy import update

    from linernotes.store import schema

    ingest_text(kb, "odd.txt", ODD)
    with kb.writing() as tx:  # as a knowledge base checked when a date inconsistency was a warning
        tx.conn.execute(update(schema.checks).values(severity="warning"))
    html = client.get("/checks?code=date-inconsistency").text
    assert re.findall(r'<tr class="severity-(\w+)">', html) == ["error"]
