"""Knowledge-base addresses: '@' in a password, and no message ever shows the password."""
from __future__ import annotations

import pytest

from linernotes.errors import StoreError
from linernotes.store import Store
from linernotes.store.urls import cannot_open, database_url, shown, sqlite_path


def test_a_password_with_an_at_sign_stays_a_password():
    assert database_url("postgresql://u:p@ss@h:5432/db") == "postgresql+psycopg://u:p%40ss@h:5432/db"
    assert database_url("postgresql://u:p%40ss@h/db") == "postgresql+psycopg://u:p%40ss@h/db"  # encoded once
    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("postgres://h/db") == "postgresql+psycopg://h/db"


def test_shown_hides_the_password_and_names_a_file_by_its_path(tmp_path):
    assert shown(database_url("postgresql://u:p@ss@h/db")) == "postgresql+psycopg://u:***@h/db"
    assert shown("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    assert shown(database_url(str(tmp_path / "kb.db"))) == str(tmp_path / "kb.db")
    assert sqlite_path("postgresql+psycopg://h/db") is None and sqlite_path("sqlite://") is None


def test_a_message_quoting_the_password_is_scrubbed():
    url = database_url("postgresql://u:s3cr@t@h/db")
    message = str(cannot_open(url, "auth failed for s3cr@t (s3cr%40t)"))
    assert message.startswith("[E020] postgresql+psycopg://u:***@h/db:") and "s3cr" not in message


@pytest.mark.parametrize("target", ["postgresql://user:p@ss@127.0.0.1:1/none", "postgresql://user:sec%40ret@127.0.0.1:1/x"])
def test_unreachable_server_message_has_no_password(target):
    with pytest.raises(StoreError, match=r"E020.*\*\*\*") as caught:
        Store.open(target)
    message = str(caught.value)
    assert "ss@" not in message and "p@ss" not in message and "ret@" not in message and "%40" not in message
