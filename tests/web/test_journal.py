"""The server's log: one line per event; a file name with a newline cannot forge another."""
from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient

from linernotes.web.app import create_app
from linernotes.web.journal import clean

from .test_inputs import multipart

TOKEN = "journal-token"


@pytest.fixture()
def client(store):
    return TestClient(create_app(store, token=TOKEN))


def test_clean_escapes_control_characters():
    assert clean("a\nb\r\x00c\x1b[31m\u2028é") == "a\\nb\\r\\x00c\\x1b[31m\\u2028é"


def test_upload_names_are_logged_on_one_line(client, caplog):
    caplog.set_level(logging.INFO, logger="linernotes.web")
    forged = "x.txt\nERROR forged line"
    client.post("/api/documents", json={"name": forged, "text": "Dina sings."},
                headers={"Authorization": f"Bearer {TOKEN}"})
    client.post("/upload", content=multipart("x.txt\x1b[2K\x0bforged", b"Dina sings.", TOKEN),
                headers={"Content-Type": "multipart/form-data; boundary=XX"})
    client.post("/upload", data={"token": TOKEN, "name": "dina.txt", "text": "Dina Nurpeisova sings in Taraz."})
    messages = [r.getMessage() for r in caplog.records if r.name == "linernotes.web"]
    assert len(messages) == 3 and all("\n" not in m for m in messages)
    assert "x.txt\\nERROR forged line" in messages[0] and "x.txt\\x1b[2K\\x0bforged" in messages[1]
    assert "refused" in messages[0] and "refused" in messages[1] and "stored" in messages[2]
