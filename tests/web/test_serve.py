"""The server under load and abuse (issue 11 rows 2, 6, 14): a runaway upload is stopped by its time
budget, SIGTERM stops `linernotes serve` within seconds even with a long extraction in flight, a
connection that trickles its headers is closed, repeated answers are kept until an upload."""
from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from linernotes.kb.ingest import MAX_TEXT_CHARS, ingest
from linernotes.web.app import create_app
from linernotes.web.cache import Recent

from ..conftest import EXAMPLES, write_corpus
from ..kb.corpus import CORPUS
from ..test_time_budget import ENDLESS, endless_checker  # noqa: F401 - a fixture

TOKEN = "s3cret-token"
LINERNOTES = Path(sys.executable).parent / "linernotes"


def test_a_runaway_upload_is_stopped_by_its_budget_and_the_server_goes_on(endless_checker, store):  # noqa: F811
    client = TestClient(create_app(store, token=TOKEN, time_budget=0.5))
    started = time.monotonic()
    answer = client.post("/api/documents", json={"name": "loop.txt", "text": ENDLESS},
                         headers={"Authorization": f"Bearer {TOKEN}"})
    assert time.monotonic() - started < 10
    assert answer.status_code == 400 and answer.json()["error"]["code"] == "E007"
    page = client.post("/upload", data={"token": TOKEN, "name": "loop2.txt", "text": ENDLESS})
    assert page.status_code == 400 and "E007" in page.text
    assert client.get("/api/stats").json()["documents"] == 0  # nothing stored, and the server still answers


def test_counts_are_kept_until_an_upload(store, tmp_path):
    client = TestClient(create_app(store, token=TOKEN, recent=Recent(seconds=600)))
    assert client.get("/api/stats").json()["documents"] == 0 and ">0</strong> documents" in client.get("/").text
    ingest(store, [str(write_corpus(tmp_path / "bios", CORPUS))])  # behind the server's back: not seen yet
    assert client.get("/api/stats").json()["documents"] == 0 and ">0</strong> documents" in client.get("/").text
    body = {"name": "new.txt", "text": "Dina Nurpeisova is a Kazakh dombra player born in Taraz."}
    assert client.post("/api/documents", json=body, headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 201
    assert client.get("/api/stats").json()["documents"] == len(CORPUS) + 1
    assert f">{len(CORPUS) + 1}</strong> documents" in client.get("/").text


# -- `linernotes serve` in a subprocess -----------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Served:
    def __init__(self, tmp_path: Path, *options: str) -> None:
        self.port = free_port()
        env = {**os.environ, "LINERNOTES_TOKEN": TOKEN}
        self.log = open(tmp_path / "serve.log", "w+")
        self.process = subprocess.Popen([str(LINERNOTES), "serve", "--db", str(tmp_path / "kb.db"),
                                         "--port", str(self.port), *options],
                                        env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.output()
            try:
                if self.request("GET", "/api/stats", timeout=2)[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise AssertionError("the server did not start:\n" + self.output())

    def request(self, method: str, path: str, body: dict | None = None, timeout: float = 60) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
            connection.request(method, path, body=json.dumps(body) if body else None, headers=headers)
            answer = connection.getresponse()
            return answer.status, answer.read()
        finally:
            connection.close()

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.log.close()


@pytest.fixture()
def serve(tmp_path):
    started: list[Served] = []

    def start(*options: str) -> Served:
        started.append(Served(tmp_path, *options))
        return started[-1]

    yield start
    for server in started:
        server.stop()


def longest_biography() -> str:
    """A legal upload that takes seconds to extract: the example biographies, to the size limit."""
    bios = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((EXAMPLES / "bios").glob("*.txt")))
    return (bios * (MAX_TEXT_CHARS // len(bios) + 1))[:MAX_TEXT_CHARS - 1000]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_sigterm_stops_the_server_within_seconds_while_an_upload_is_extracting(serve, workers):
    server = serve("--workers", workers, "--shutdown-timeout", "2")
    outcome: dict = {}

    def upload() -> None:
        try:
            outcome["status"] = server.request("POST", "/api/documents", {"name": "long.txt",
                                                                          "text": longest_biography()})[0]
        except OSError as error:  # cut off by the shutdown
            outcome["error"] = error

    uploading = threading.Thread(target=upload, daemon=True)
    uploading.start()
    time.sleep(2.0)
    assert uploading.is_alive(), "the upload should still be extracting"
    started = time.monotonic()
    server.process.send_signal(signal.SIGTERM)
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        raise AssertionError("still running 10 s after SIGTERM:\n" + server.output())
    assert time.monotonic() - started < 10
    uploading.join(timeout=5)
    assert outcome.get("status") != 201


def test_a_connection_trickling_its_headers_is_closed(serve):
    server = serve("--workers", "1", "--header-timeout", "1")
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as slow:
        slow.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\n")
        started, closed = time.monotonic(), False
        while time.monotonic() - started < 8:
            try:
                slow.sendall(b"X-Slow: a\r\n")  # a byte now and then, never the blank line
            except OSError:
                closed = True
                break
            slow.settimeout(0.3)
            try:
                if slow.recv(1024) == b"":
                    closed = True
                    break
            except socket.timeout:
                pass
        assert closed and time.monotonic() - started < 4
    assert server.request("GET", "/api/stats")[0] == 200  # others are served as before
