"""Resolution's cost per pending person is bounded: a big block of one weak name key is read only where it
shares a fact with the person (``resolve.WEAK_BLOCK``), however many people the name has."""
from __future__ import annotations

from linernotes.kb.ingest import ingest_documents, sha256
from linernotes.kb.resolve import WEAK_BLOCK, resolve, resolve_pending
from linernotes.model import Document, Fact, Person
from linernotes.store import Store
from linernotes.store.writes import NewDocument

from ..conftest import _empty_postgres


def surname(number: int) -> str:
    """A surname per number: letters only (names drop digits), each consonant followed by an "a", from
    consonants no romanisation rule folds into another (``data/transliteration.tsv``), so no two fold alike."""
    letters = "bcdfgjklmnprstvz"
    word = ""
    while True:
        word += letters[number % len(letters)] + "a"
        number //= len(letters)
        if not number:
            return word.capitalize() + "nov"


def document(name: str, people: list[tuple[str, list[str], str]]) -> NewDocument:
    """A document telling of ``people`` (name, aliases, instrument), one sentence each."""
    text, persons = "", []
    for number, (full, aliases, instrument) in enumerate(people):
        sentence = f"{full} plays the {instrument}."
        start = len(text) + sentence.index(instrument)
        text += sentence + " "
        persons.append(Person(f"p{number + 1}", full, aliases, main=number == 0,
                              facts=[Fact("instrument", instrument, start, start + len(instrument), sentence, 0.9)]))
    return NewDocument(name, sha256(text), text, Document(name, text, [], persons, []))


def block_read_for_a_lone_name(db_url: str, crowd: int, sharing: int) -> tuple[int, int, str]:
    """Store ``crowd`` people called Sophia <surname>, ``sharing`` of them cellists, resolve them; then a
    document about a lone "Sophia" who plays the cello. Returns how many local people that one pending
    person's resolution read, how many profiles it re-resolved, and the reason given for her."""
    store = Store.open(db_url)
    try:
        people = [(f"Sophia {surname(i)}", ["Sophia"], "cello" if i % (crowd // sharing) == 0 else "flute")
                  for i in range(crowd)]
        ingest_documents(store, [document("crowd.txt", people)], resolve_each_batch=False)
        resolve_pending(store)
        ingest_documents(store, [document("sophia.txt", [("Sophia", [], "cello")])], resolve_each_batch=False)
        with store.transaction() as tx:
            (pending,) = tx.unresolved_locals(10)
            read: set[int] = set()
            facts_of_locals = tx.facts_of_locals

            def counted(local_ids):
                read.update(local_ids)
                return facts_of_locals(local_ids)

            tx.facts_of_locals = counted
            profiles = resolve(tx, [pending])
            (row,) = tx.local_people([pending])
        return len(read), len(profiles), row["reason"]
    finally:
        store.close()


def test_a_big_weak_block_is_read_only_where_it_shares_a_fact(db_url, tmp_path):
    assert WEAK_BLOCK < 300
    small = block_read_for_a_lone_name(db_url, 300, 5)
    if "://" in db_url:  # PostgreSQL: one database per test, emptied for the second collection
        _empty_postgres(db_url)
        bigger = db_url
    else:
        bigger = str(tmp_path / "bigger.db")
    big = block_read_for_a_lone_name(bigger, 3000, 5)
    # Ten times the people called Sophia, the same work: she and the five cellists (a sixth read
    # for her facts), five profiles; and she still joins the first cellist by the shared instrument.
    assert small[:2] == big[:2] == (6, 5)
    assert small[2] == big[2] == "the name 'Sophia' is part of 'Sophia Banov' in crowd.txt; both give instrument cello"


def test_a_small_weak_block_is_read_whole(db_url):
    """Below the bound nothing changes: every Sophia is read, and she joins the cellist."""
    read, profiles, reason = block_read_for_a_lone_name(db_url, 40, 2)
    assert (read, profiles) == (41, 40)
    assert "both give instrument cello" in reason
