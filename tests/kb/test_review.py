"""Review of single facts: decisions apply at once, hold across re-ingest by key, are superseded by
later ones with their history kept, leave rejected facts out of every public read, and score the
extractor (``evaluate_reviewed``). On SQLite and PostgreSQL."""
from __future__ import annotations

import pytest

from linernotes.errors import NotFound, StoreError
from linernotes.kb import query, review
from linernotes.kb.ingest import ingest
from linernotes.keys import sentence_key

from ..conftest import write_corpus
from .corpus import CORPUS, IVAN_A

BORN = "He was born in Almaty in 1985."
#: ivan_a.txt with one more sentence: the reviewed sentences are unchanged, so their decisions hold.
IVAN_A_LONGER = IVAN_A + " He lives in Astana."
#: ivan_a.txt with the sentence of the birthplace reworded: its decision no longer applies.
IVAN_A_REWORDED = IVAN_A.replace(BORN, "He was born in the city of Almaty in 1985.")


@pytest.fixture()
def kb(store, tmp_path):
    ingest(store, [str(write_corpus(tmp_path / "bios", CORPUS))])
    return store


def reingest(store, tmp_path, text: str) -> None:
    folder = write_corpus(tmp_path / "bios", {**CORPUS, "ivan_a.txt": text})
    report = ingest(store, [str(folder)])
    assert report.replaced == 1


def facts_of(store, document: str) -> list[dict]:
    with store.reading() as tx:
        return tx.document(document)["facts"]


def fact(store, document: str, relation: str, value: str | None = None) -> dict:
    found = [f for f in facts_of(store, document) if f["relation"] == relation and (value is None or f["value"] == value)]
    assert len(found) == 1, (relation, value, found)
    return found[0]


def test_a_rejected_fact_leaves_filters_counts_answers_and_exports_but_stays_on_its_profile(kb):
    born = fact(kb, "ivan_a.txt", "born_in", "Almaty")
    with kb.reading() as tx:
        facts_before = tx.counts()["facts"]
    decision = review.reject(kb, born["id"], "ana", "the programme says Shymkent")
    assert decision.fact["id"] == born["id"] and decision.fact["status"] == "rejected"
    assert decision.fact["reviewer"] == "ana" and decision.fact["review_reason"] == "the programme says Shymkent"
    assert decision.fact["reviewed_at"] is not None
    with kb.reading() as tx:
        assert tx.counts()["facts"] == facts_before - 1
        assert born["id"] not in {f["id"] for f in tx.iter_facts()}
        assert born["id"] not in {f["id"] for f in tx.facts_where(["born_in"], value="Almaty", limit=100)}
        person_id = query.find_person(tx, "Iván Imankulov")
        shown = {f["id"]: f for f in tx.person_facts(person_id)}
    assert shown[born["id"]]["status"] == "rejected"  # still listed, so that a reviewer can undo it


def test_resolution_does_not_weigh_a_rejected_fact(kb):
    born = fact(kb, "ivan_a.txt", "born_in", "Almaty")
    review.reject(kb, born["id"], "ana")
    with kb.reading() as tx:
        weighed = tx.facts_of_locals([born["local_person_id"]])[born["local_person_id"]]
    assert weighed and born["id"] not in {f["id"] for f in weighed}


def test_rejected_fact_no_longer_matches_a_filter(kb):
    karakol = fact(kb, "vivaan.txt", "born_in", "Karakol")
    assert query.people(kb, place="Karakol")
    review.reject(kb, karakol["id"], "ana")
    assert query.people(kb, place="Karakol") == []


def test_correct_changes_value_relation_and_person_and_keeps_the_original_in_the_review(kb):
    genre = fact(kb, "ivan_a.txt", "genre", "jazz")
    decision = review.correct(kb, genre["id"], "ana", "it is fusion", value="jazz fusion")
    assert (decision.fact["value"], decision.fact["relation"], decision.fact["status"]) == \
           ("jazz fusion", "genre", "corrected")
    assert (decision.review["relation"], decision.review["value_key"]) == ("genre", "jazz")  # the original
    with kb.reading() as tx:  # what every export reads: who reviewed what, when and why
        exported = next(f for f in tx.iter_facts() if f["id"] == genre["id"])
    assert {k: exported[k] for k in ("value", "status", "reviewer", "review_reason")} == \
           {"value": "jazz fusion", "status": "corrected", "reviewer": "ana", "review_reason": "it is fusion"}
    assert exported["reviewed_at"] is not None
    founded = [f for f in facts_of(kb, "duo.txt") if f["relation"] == "founded" and f["person"] == "Timur Bekov"][0]
    moved = review.correct(kb, founded["id"], "ana", person="Aigerim Sadykova", relation="member_of")
    assert moved.fact["person"] == "Aigerim Sadykova" and moved.fact["relation"] == "member_of"


def test_decisions_hold_when_the_document_is_ingested_again(kb, tmp_path):
    review.reject(kb, fact(kb, "ivan_a.txt", "born_in", "Almaty")["id"], "ana", "wrong")
    review.correct(kb, fact(kb, "ivan_a.txt", "genre", "jazz")["id"], "bo", value="free jazz")
    review.accept(kb, fact(kb, "ivan_a.txt", "birth_date")["id"], "cy")
    review.add(kb, "ivan_a.txt", "Iván Imankulov", "instrument", "clarinet",
               "He plays jazz and studied at the Kurmangazy Kazakh National Conservatory.", "ana", "he plays both")
    reingest(kb, tmp_path, IVAN_A_LONGER)
    after = facts_of(kb, "ivan_a.txt")
    by_status = {(f["relation"], f["value"]): (f["status"], f["reviewer"]) for f in after}
    assert by_status[("born_in", "Almaty")] == ("rejected", "ana")
    assert by_status[("genre", "free jazz")] == ("corrected", "bo")
    assert ("genre", "jazz") not in by_status
    assert by_status[("birth_date", "1985")] == ("accepted", "cy")
    assert by_status[("instrument", "clarinet")] == ("added", "ana")
    assert by_status[("residence", "Astana")] == ("extracted", None)  # the new sentence's fact: nobody reviewed it
    added = next(f for f in after if f["value"] == "clarinet")
    assert added["confidence"] == 1.0 and added["extractor_version"] == "review"
    assert review.orphaned(kb) == []


def test_a_reworded_sentence_orphans_its_decision_which_is_kept(kb, tmp_path):
    review.reject(kb, fact(kb, "ivan_a.txt", "born_in", "Almaty")["id"], "ana", "wrong")
    reingest(kb, tmp_path, IVAN_A_REWORDED)
    assert fact(kb, "ivan_a.txt", "born_in", "Almaty")["status"] == "extracted"
    orphans = review.orphaned(kb)
    assert [(o["action"], o["relation"], o["value_key"]) for o in orphans] == [("reject", "born_in", "almaty")]
    reingest(kb, tmp_path, IVAN_A)  # the old wording back: so is the decision
    assert fact(kb, "ivan_a.txt", "born_in", "Almaty")["status"] == "rejected"
    assert review.orphaned(kb) == []


def test_a_later_decision_supersedes_and_the_history_keeps_both(kb, tmp_path):
    born = fact(kb, "ivan_a.txt", "born_in", "Almaty")
    review.reject(kb, born["id"], "ana", "wrong")
    review.accept(kb, born["id"], "bo", "the archive's record agrees")
    assert fact(kb, "ivan_a.txt", "born_in", "Almaty")["status"] == "accepted"
    assert [(r["action"], r["reviewer"]) for r in review.history(kb, born["id"])] == [("reject", "ana"), ("accept", "bo")]
    reingest(kb, tmp_path, IVAN_A_LONGER)
    assert fact(kb, "ivan_a.txt", "born_in", "Almaty")["status"] == "accepted"


def test_undo_of_a_correction_brings_back_what_the_extractor_said(kb, tmp_path):
    genre = fact(kb, "ivan_a.txt", "genre", "jazz")
    review.correct(kb, genre["id"], "ana", value="folk")
    corrected = fact(kb, "ivan_a.txt", "genre", "folk")
    review.undo(kb, corrected["id"], "bo", "jazz was right")
    back = fact(kb, "ivan_a.txt", "genre", "jazz")
    assert back["status"] == "extracted" and back["reviewer"] is None
    reingest(kb, tmp_path, IVAN_A_LONGER)
    assert fact(kb, "ivan_a.txt", "genre", "jazz")["status"] == "extracted"


def test_rejecting_an_added_fact_takes_it_back(kb, tmp_path):
    added = review.add(kb, "ivan_b.txt", "Ivan Imankulov", "genre", "jazz",
                       "In 2010 he founded the Steppe Jazz Quartet.", "ana").fact
    assert added["status"] == "added"
    assert (added["start_char"], added["end_char"]) == (CORPUS["ivan_b.txt"].index("Jazz"),
                                                        CORPUS["ivan_b.txt"].index("Jazz") + 4)
    review.reject(kb, added["id"], "bo", "the quartet's name says nothing of his genre")
    assert [f for f in facts_of(kb, "ivan_b.txt") if f["relation"] == "genre"] == []
    assert review.orphaned(kb) == []


def test_queue_lists_unreviewed_facts_least_sure_first(kb):
    rows = review.queue(kb, limit=500)
    assert rows and all(r["status"] == "extracted" for r in rows)
    unchecked = [r["confidence"] for r in rows if not r["checked"]]
    assert unchecked == sorted(unchecked)
    assert [r["checked"] for r in rows] == sorted([r["checked"] for r in rows], reverse=True)  # checked ones first
    first = rows[0]
    review.accept(kb, first["id"], "ana")
    assert first["id"] not in {r["id"] for r in review.queue(kb, limit=500)}
    assert len(review.queue(kb, limit=3)) == 3


def test_queue_puts_facts_a_check_questions_first(store, tmp_path):
    ingest(store, [str(write_corpus(tmp_path / "bios", {"a.txt": CORPUS["ivan_a.txt"],
                                                        "c.txt": "Ivan Imankulov, the saxophonist, was born in "
                                                                 "Shymkent in 1985."}))])
    rows = review.queue(store, limit=500)
    checked = [r for r in rows if r["checked"]]
    assert checked, "the two birthplaces disagree: the check names those facts"
    assert rows[:len(checked)] == checked


def test_refusals_say_what_is_wrong(kb):
    born = fact(kb, "ivan_a.txt", "born_in", "Almaty")
    with pytest.raises(NotFound, match="E050"):
        review.accept(kb, 999_999, "ana")
    with pytest.raises(StoreError, match="E051"):
        review.accept(kb, born["id"], "  ")
    with pytest.raises(StoreError, match="E051"):
        review.correct(kb, born["id"], "ana", value="Almaty")  # nothing changes
    with pytest.raises(StoreError, match="E051"):
        review.correct(kb, born["id"], "ana", relation="born_on_the_moon")
    with pytest.raises(NotFound, match="E052"):
        review.correct(kb, born["id"], "ana", person="Timur Bekov")  # not a person of ivan_a.txt
    with pytest.raises(StoreError, match="E053"):
        review.add(kb, "ivan_a.txt", "Iván Imankulov", "instrument", "dombra", "He plays the dombra.", "ana")
    with pytest.raises(NotFound, match="E032"):
        review.add(kb, "nobody.txt", "Iván Imankulov", "instrument", "dombra", "He plays jazz", "ana")
    with pytest.raises(StoreError, match="E051"):
        review.decide(kb, born["id"], "delete", "ana")
    assert review.history(kb) == []  # nothing refused was filed


def test_evaluate_reviewed_scores_the_extractor_against_the_decisions(kb):
    review.accept(kb, fact(kb, "ivan_a.txt", "born_in", "Almaty")["id"], "ana")  # a true positive
    review.reject(kb, fact(kb, "ivan_a.txt", "genre", "jazz")["id"], "ana")  # a false positive
    review.correct(kb, fact(kb, "ivan_a.txt", "birth_date")["id"], "ana", value="1986")  # FP (1985) and FN (1986)
    review.add(kb, "ivan_a.txt", "Iván Imankulov", "instrument", "clarinet", "He was born in Almaty in 1985.",
               "ana")  # a false negative
    scored = review.evaluate_reviewed(kb)
    summary = scored.summary()
    assert summary["documents"] == 1
    assert (summary["micro"]["tp"], summary["micro"]["fp"], summary["micro"]["fn"]) == (1, 2, 2)
    assert summary["relations"]["born_in"]["tp"] == 1 and summary["relations"]["genre"]["fp"] == 1
    assert summary["relations"]["birth_date"] == {**summary["relations"]["birth_date"], "fp": 1, "fn": 1}
    assert summary["relations"]["instrument"]["fn"] == 1
    total = len(facts_of(kb, "ivan_a.txt")) - 1  # less the added fact, which the extractor does not predict
    assert summary["unreviewed_predictions"] == total - 3


def test_a_rejected_fact_is_not_drawn_on_the_timeline_or_among_related_people(kb):
    from linernotes.kb import explore

    with kb.reading() as tx:
        aigerim = query.find_person(tx, "Aigerim Sadykova")
    collaborator = next(f for f in facts_of(kb, "duo.txt")
                        if f["relation"] == "collaborator" and f["person"] == "Aigerim Sadykova")
    assert [r["name"] for r in explore.person_page(kb, aigerim).related_people] == ["Timur Bekov"]
    review.reject(kb, collaborator["id"], "ana")
    related = explore.person_page(kb, aigerim).related_people
    assert all("collaborator" != how for r in related for how in r["how"])  # his own account may still name her
    with kb.reading() as tx:
        ivan = query.find_person(tx, "Iván Imankulov")
    assert any(e.value == "1985" for e in explore.person_page(kb, ivan).events)
    review.reject(kb, fact(kb, "ivan_a.txt", "birth_date", "1985")["id"], "ana")
    assert not any(e.value == "1985" and e.document == "ivan_a.txt" for e in explore.person_page(kb, ivan).events)


def test_ask_no_longer_answers_from_a_rejected_fact(kb):
    from linernotes.kb.ask import ask

    assert "Vivaan Imankulov" in ask(kb, "Who plays the accordion?").text
    review.reject(kb, fact(kb, "vivaan.txt", "instrument", "accordion")["id"], "ana")
    answer = ask(kb, "Who plays the accordion?")
    assert "Vivaan" not in answer.text and answer.citations == []


def test_a_decision_filed_while_an_ingest_replaced_its_document_is_applied_to_the_new_rows(kb, tmp_path):
    """An ingest writes beside a review (PostgreSQL): it may store the new rows without a decision
    filed meanwhile. ``_settle`` sees the document replaced and applies its reviews again."""
    born = fact(kb, "ivan_a.txt", "born_in", "Almaty")
    with kb.reading() as tx:
        seen = tx.document_by_name("ivan_a.txt")["id"]
    reingest(kb, tmp_path, IVAN_A_LONGER)  # the ingest stores the new rows first...
    with kb.transaction() as tx:  # ...and the decision is filed against the rows that were read before
        filed = tx.add_review({"document": "ivan_a.txt", "sentence_key": sentence_key(born["evidence"]),
                               "person": "Iván Imankulov", "relation": "born_in", "value_key": "almaty",
                               "action": "reject", "new_person": None, "new_relation": None, "new_value": None,
                               "evidence": born["evidence"], "start_char": born["start_char"],
                               "end_char": born["end_char"], "reviewer": "ana", "reason": None})
    assert fact(kb, "ivan_a.txt", "born_in", "Almaty")["status"] == "extracted"
    settled = review._settle(kb, filed, seen, None)
    assert settled["status"] == "rejected" and fact(kb, "ivan_a.txt", "born_in", "Almaty")["status"] == "rejected"
    assert review._settle(kb, filed, settled["document_id"], settled) == settled  # nothing replaced: nothing to do


def test_a_corrected_value_points_at_its_entity_after_reingest_too(kb, tmp_path):
    genre = fact(kb, "ivan_a.txt", "genre", "jazz")
    corrected = review.correct(kb, genre["id"], "ana", value="Free Jazz").fact
    with kb.reading() as tx:
        entity = tx.entity(corrected["entity_id"])
    assert (entity["kind"], entity["name"]) == ("Genre", "Free Jazz")
    reingest(kb, tmp_path, IVAN_A_LONGER)
    assert fact(kb, "ivan_a.txt", "genre", "Free Jazz")["entity_id"] == entity["id"]
    with kb.reading() as tx:
        ivan = query.find_person(tx, "Iván Imankulov")
    assert [p["id"] for p in query.people(kb, genre="free jazz")] == [ivan]


def test_a_change_of_relation_alone_keeps_the_value_linked(kb):
    born = fact(kb, "ivan_a.txt", "born_in", "Almaty")
    assert born["ref"] and born["entity_id"]
    moved = review.correct(kb, born["id"], "ana", relation="residence").fact
    assert (moved["relation"], moved["ref"], moved["entity_id"]) == ("residence", born["ref"], born["entity_id"])
    retyped = review.correct(kb, fact(kb, "ivan_a.txt", "genre", "jazz")["id"], "ana", value="Almaty").fact
    assert retyped["ref"] is None  # a value typed by hand is not linked to a reference id
