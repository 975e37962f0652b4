"""The explorer in a real browser: Playwright driving Debian's Chromium (never a downloaded browser).

Opens the home page, searches, opens a profile, follows an evidence link to the highlighted
sentence, checks that a hostile biography stays inert, runs axe-core on every kind of page, and
saves the screenshots the README shows (``docs/screenshots/``).

Skipped when Chromium or Playwright is missing, unless ``LINERNOTES_REQUIRE_BROWSER`` is set (CI sets it).
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from linernotes.kb.ingest import ingest, ingest_text
from linernotes.store import Store
from linernotes.web.app import create_app

from ..conftest import EXAMPLES, REPO, SHARED_EVAL

SCREENSHOTS = REPO / "docs" / "screenshots"
CHROMIUM = os.environ.get("LINERNOTES_CHROMIUM", "/usr/bin/chromium")
HOSTILE = ("Zarina Alieva is a Kazakh kobyz player born in Taraz. <script>window.__xss = 1</script>\n\n"
           "She studied at the Kurmangazy Conservatory in Almaty. <img src=x onerror=\"window.__xss = 2\">")


def _needed(why: str):
    if os.environ.get("LINERNOTES_REQUIRE_BROWSER"):
        pytest.fail(f"{why}, but LINERNOTES_REQUIRE_BROWSER is set: the browser tests must run")
    pytest.skip(why)


@contextmanager
def _live(store: Store):
    """The explorer over ``store``, served on a free loopback port while the block runs: its address."""
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(store, token="browser-test-token"), host="127.0.0.1", port=port,
                            log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    for _ in range(100):
        if running.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def server(tmp_path_factory, nlp):
    """A live server on a free loopback port over the seed biographies (or our examples without them)."""
    store = Store.open(str(tmp_path_factory.mktemp("browser") / "kb.db"))
    seeds = SHARED_EVAL / "seeds"
    ingest(store, [str(seeds if seeds.is_dir() else EXAMPLES / "bios")])
    ingest_text(store, "hostile.txt", HOSTILE)
    with _live(store) as url:
        yield url, seeds.is_dir()
    store.close()


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _needed("Playwright is not installed")
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        _needed(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--headless", "--no-sandbox", "--disable-background-networking", "--disable-gpu",
                  "--disable-dev-shm-usage"])
        yield launched
        launched.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    opened = context.new_page()
    yield opened
    context.close()


def _shot(page, name: str, seeded: bool) -> None:
    if seeded:  # the README shows the seed biographies
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def test_home_search_profile_and_evidence(server, page):
    url, seeded = server
    page.goto(url + "/")
    assert page.locator("h1").inner_text().startswith("Musicians")
    people = int(page.locator(".counts li").first.locator("strong").inner_text().replace(",", ""))
    assert people >= 2
    _shot(page, "home", seeded)

    page.fill("#search-q", "kobyz")
    page.click("section[aria-labelledby=search-heading] button")
    page.wait_for_url("**/search?q=kobyz")
    assert page.locator("ol.hits > li").count() >= 1
    _shot(page, "search", seeded)

    page.goto(url + "/people?instrument=kobyz")
    page.locator("table.people a", has_text="Zarina Alieva").first.click()
    assert page.locator("h1").inner_text() == "Zarina Alieva"
    fact = page.locator("li.sentence", has=page.locator(".value", has_text="kobyz")).first  # the sentence it is read from
    evidence = fact.locator("a.evidence")
    assert "kobyz player" in evidence.inner_text()

    evidence.click()
    page.wait_for_url("**/documents/hostile.txt?start=*#evidence")
    assert "kobyz player" in "".join(page.locator(".source-text mark").all_inner_texts())  # the sentence
    assert page.locator(".source-text mark .value-hl").count() >= 1  # and the value of its first fact in it
    first = page.locator("mark#evidence")
    assert first.evaluate("el => el === document.activeElement")  # the enhancement script focused it


def test_a_hostile_biography_is_shown_not_run(server, page):
    url, _ = server
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for path in ("/documents/hostile.txt", "/search?q=kobyz", "/people?instrument=kobyz"):
        page.goto(url + path)
        assert page.evaluate("() => window.__xss") is None
    page.goto(url + "/documents/hostile.txt")
    text = page.locator(".source-text").inner_text()
    assert "<script>window.__xss = 1</script>" in text and "<img src=x onerror=" in text
    assert page.locator(".source-text img, .source-text script").count() == 0
    assert not dialogs
    response = page.request.get(url + "/documents/hostile.txt")
    assert "script-src 'self'" in response.headers["content-security-policy"]


def test_seed_pages_for_the_readme(server, page):
    url, seeded = server
    if not seeded:
        pytest.skip("the README screenshots show the seed biographies (../shared/eval/seeds)")
    page.goto(url + "/people")
    _shot(page, "people", seeded)
    page.locator("table.people tbody a").first.click()
    profile = page.url
    _shot(page, "profile", seeded)
    page.locator("a.evidence").first.click()
    page.wait_for_url("**#evidence")
    _shot(page, "document", seeded)
    page.goto(profile.replace("/people/", "/graph?person="))
    _shot(page, "graph", seeded)
    page.goto(url + "/map")
    assert page.locator("figure.map svg circle").count() >= 1
    _shot(page, "map", seeded)
    page.goto(url + "/ask?q=" + "Who plays the accordion?")
    _shot(page, "ask", seeded)


def test_pages_part_profile_people_checks_and_search(server, page):
    """Issue 15 (pages): a profile quotes each sentence once and explains its confidences; the people
    list has columns, sorting and facet counts; checks name the person and link the sentence; search marks."""
    url, seeded = server
    page.goto(url + "/people")
    headers = page.locator("table.people thead th").all_inner_texts()
    assert [h.strip(" ▲") for h in headers] == ["Name", "Instrument", "Genre", "Born", "Place", "Facts", "Documents",
                                                 "Checks"]
    facet = page.locator(".facet", has=page.locator("h3", has_text="Instrument"))
    link = facet.locator("a", has_text="kobyz")
    count = int(link.locator("xpath=..").locator(".count").inner_text().replace(",", ""))
    link.click()
    page.wait_for_url("**/people?instrument=kobyz*")
    assert page.locator("table.people tbody tr").count() == count
    assert "kobyz" in page.locator("table.people tbody tr").first.locator("td").nth(1).inner_text()

    page.goto(url + "/people")
    page.locator("table.people").locator("a", has_text="Zarina Alieva").first.click()
    quotes = page.locator("li.sentence > .quote a.evidence").all_inner_texts()
    assert quotes and len(quotes) == len(set(quotes))  # each sentence once
    assert page.locator("li.sentence dd[id^=fact-]").count() >= len(quotes)  # with every fact under it
    assert page.locator("li.sentence", has=page.locator(".value", has_text="kobyz")).locator("dd").count() >= 2
    confidence = page.locator("li.sentence .confidence").first
    assert "of 100 facts at this confidence" in confidence.get_attribute("title")
    assert confidence.locator(".confidence-words").inner_text()
    assert "describes Zarina Alieva" in page.locator("#resolution-heading + p").inner_text()  # one document, said so

    page.goto(url + "/checks")
    row = page.locator("table.checks tbody tr").first
    assert row.locator(".severity").inner_text().lower() in ("error", "warning")
    if seeded:
        assert row.locator("td").nth(2).locator("a").count() == 1  # the person
        row.locator("a.evidence").click()
        page.wait_for_url("**#evidence")
        assert page.locator(".source-text mark").count() >= 1

    page.goto(url + "/search?q=kobyz")
    marked = page.locator("ol.hits mark").all_inner_texts()
    assert marked and all(m.lower() == "kobyz" for m in marked)


def _pages(url: str, page) -> list[str]:
    page.goto(url + "/people")
    first = page.locator("table.people tbody a").first.get_attribute("href")
    return ["/", "/people", "/people?instrument=kobyz&sort=id", first, first + "/timeline", "/documents",
            "/documents/hostile.txt?start=0&end=20", "/checks", "/search?q=conservatory", "/ask?q=Who+plays+the+kobyz%3F",
            "/ask?q=Who+is+the+king%3F", "/graph", first.replace("/people/", "/graph?person="), "/map", "/upload",
            "/people/999999", "/review"]


def test_pages_pass_axe_core(server, browser):
    """axe-core (WCAG 2.x A/AA rules) on every kind of page: no serious or critical violations."""
    try:
        import axe_playwright_python
    except ImportError:
        _needed("axe-playwright-python (axe-core for Python) is not installed")
    axe = Path(axe_playwright_python.__file__).with_name("axe.min.js").read_text(encoding="utf-8")
    url, _ = server
    context = browser.new_context(viewport={"width": 1280, "height": 860}, bypass_csp=True)  # to inject axe
    page = context.new_page()
    found = {}
    for path in _pages(url, page):
        page.goto(url + path)
        page.add_script_tag(content=axe)
        result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        bad = [f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}" for v in result["violations"]
               if v["impact"] in ("serious", "critical")]
        if bad:
            found[path] = bad
    context.close()
    assert not found, found


# -- figures (issue 15): the map, the graph and the timeline ------------------------------------------

@pytest.fixture(scope="module")
def figures_server(tmp_path_factory, nlp):
    """A live server over our example biographies (and the seeds when present): enough people for a
    graph of 25 with teachers, families and bands."""
    store = Store.open(str(tmp_path_factory.mktemp("figures") / "kb.db"))
    seeds = SHARED_EVAL / "seeds"
    ingest(store, [str(EXAMPLES / "bios")] + ([str(seeds)] if seeds.is_dir() else []))
    with _live(store) as url:
        yield url, seeds.is_dir()
    store.close()


def _widest_piece(path_data: list[str]) -> float:
    """The most degrees of longitude any one piece (``M…Z``) of these SVG paths spans (x is
    ``(longitude + 180) * 960 / 360``, as ``web/figures.project`` draws it)."""
    widest = 0.0
    for d in path_data:
        for piece in d.split("M")[1:]:
            xs = [float(point.split(",")[0]) for point in piece.replace("Z", " ").replace("L", " ").split()]
            widest = max(widest, (max(xs) - min(xs)) * 360 / 960)
    return widest


def test_figures_map_graph_and_timeline(figures_server, browser):
    url, seeded = figures_server
    context = browser.new_context(viewport={"width": 1280, "height": 1240})
    page = context.new_page()

    page.goto(url + "/map")
    drawn = page.locator("figure.map svg path").evaluate_all("paths => paths.map(p => p.getAttribute('d'))")
    world = page.request.get(url + "/map/world.svg").text()
    outlines = re.findall(r' d="([^"]+)"', world)
    assert drawn and len(outlines) > 150
    assert _widest_piece(drawn + outlines) <= 180  # no outline drawn across the antimeridian
    assert page.locator("figure.map svg a.place").count() >= 5
    written = page.locator("figure.map svg a.place text:not(.on-hover)")
    assert written.count() >= 5
    boxes = written.evaluate_all("texts => texts.map(t => { const b = t.getBoundingClientRect(); "
                                 "return [b.left, b.top, b.right, b.bottom]; })")
    for i, a in enumerate(boxes):  # the written labels do not overlap
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1), (a, b)

    page.goto(url + "/graph?limit=25")
    people = page.locator("figure.graph a.node-Person").count()
    assert people >= 25
    links = page.locator("figure.graph g.edge-person line")
    assert links.count() >= 5  # people linked to people: teachers, family, collaborators
    assert page.locator("figure.graph text.edge-label").count() >= 1
    assert page.locator("details.links li").count() == page.locator("figure.graph line.edge").count()
    _shot(page, "graph-25", seeded)

    lesson = page.locator("figure.graph g.edge-person.rel-student_of title").first.text_content()
    student = lesson.split(" studied with ")[0]
    page.goto(url + "/graph?limit=200&things=ensembles")
    assert page.locator("figure.graph a.node-Instrument, figure.graph a.node-Place").count() == 0
    assert page.locator("figure.graph g.edge-person line").count() >= links.count()

    page.goto(url + "/people")
    href = page.locator("table.people a", has_text=student).first.get_attribute("href")
    page.goto(url + href.replace("/people/", "/graph?person=") + "&depth=2")
    assert page.locator("figure.graph a.node.centre").count() == 1
    assert page.locator("figure.graph g.edge-person line").count() >= 1
    _shot(page, "graph-person", seeded)

    page.goto(url + "/people")
    page.locator("table.people a", has_text="Dana Zhaksylykova").first.click()
    page.goto(page.url + "/timeline")
    labels = page.locator("figure.timeline text.event-label")
    assert labels.count() == page.locator("ol.events > li").count() >= 8  # every event labelled, once each
    assert len(set(labels.all_text_contents())) == labels.count()
    _shot(page, "timeline", seeded)
    context.close()
