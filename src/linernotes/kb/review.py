"""Review of single facts by hand: accept, reject, correct, add, undo; the review queue; the history.

Each decision is filed with who made it, when and why, under the fact's key (document, sentence,
person, relation, value; ``store.reviews``), so it holds when the document is re-ingested: an
unchanged sentence finds its decision again. The latest decision of a key wins; the earlier ones
stay as its history. ``evaluate_reviewed`` scores the extractor against the decisions.

    accept(store, 17, reviewer="ana", reason="checked in the 1998 programme")
    correct(store, 18, reviewer="ana", value="Almaty", reason="the text says Alma-Ata, the city's old name")
    add(store, "ivan.txt", "Iván Imankulov", "instrument", "dombra", quote="He also plays the dombra.", reviewer="ana")
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from ..errors import Errors, NotFound, StoreError
from ..keys import sentence_key, value_key
from ..model import RELATIONS
from ..store import Store, Tx
from ..store.reviews import KEY, locate
from ..store.writes import NewDocument

#: What ``reviewer`` may be at most (``schema.fact_reviews.reviewer``).
MAX_REVIEWER = 128


@dataclass
class Decision:
    """A review as filed, and the fact it decided (None when it removed one, or the document was re-read)."""

    review: dict[str, Any]
    fact: Optional[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {"review": self.review, "fact": self.fact}


def accept(store: Store, fact_id: int, reviewer: str, reason: Optional[str] = None) -> Decision:
    """The fact is right as extracted."""
    return _decide(store, fact_id, "accept", reviewer, reason)


def reject(store: Store, fact_id: int, reviewer: str, reason: Optional[str] = None) -> Decision:
    """The fact is wrong: it leaves exports, filters, counts and answers, but stays on its profile, marked.
    Rejecting a fact a reviewer added takes the addition back."""
    return _decide(store, fact_id, "reject", reviewer, reason)


def undo(store: Store, fact_id: int, reviewer: str, reason: Optional[str] = None) -> Decision:
    """Back to what the extractor said (the decisions stay in the history)."""
    return _decide(store, fact_id, "undo", reviewer, reason)


def correct(store: Store, fact_id: int, reviewer: str, reason: Optional[str] = None, *, relation: Optional[str] = None,
            value: Optional[str] = None, person: Optional[str] = None) -> Decision:
    """The fact's sentence says something else: another value, relation, or person (a name of the document)."""
    return _decide(store, fact_id, "correct", reviewer, reason,
                   {"relation": relation, "value": value, "person": person})


#: The decisions ``decide`` takes by name (the web's forms and the JSON API).
ACTIONS = ("accept", "reject", "correct", "undo")


def decide(store: Store, fact_id: int, action: str, reviewer: str, reason: Optional[str] = None, *,
           relation: Optional[str] = None, value: Optional[str] = None, person: Optional[str] = None) -> Decision:
    """``accept``, ``reject``, ``correct`` or ``undo`` by name."""
    if action == "correct":
        return correct(store, fact_id, reviewer, reason, relation=relation, value=value, person=person)
    if action not in ACTIONS:
        raise StoreError(Errors.E051.format(why=f"{action!r} is not a decision; the decisions are "
                                                + ", ".join(ACTIONS)))
    return _decide(store, fact_id, action, reviewer, reason)


def names_in(store: Store, document: str) -> list[str]:
    """The names a document gives its people: what a review's person may be."""
    with store.reading() as tx:
        found = tx.document_by_name(document)
        if found is None:
            raise NotFound(Errors.E032.format(name=document))
        return tx.person_names_in(found["id"])


def add(store: Store, document: str, person: str, relation: str, value: str, quote: str, reviewer: str,
        reason: Optional[str] = None) -> Decision:
    """A fact the extractor missed: ``person`` (a name in ``document``) has ``relation`` ``value``, as
    ``quote`` (words copied from the document, its sentence) says."""
    with store.transaction() as tx:
        review = _addition(tx, document, person, relation, value, quote, _reviewer(reviewer), reason)
        decided = _apply(tx, review)
        seen = tx.document_by_name(document)["id"]
    return Decision(review, _settle(store, review, seen, decided))


def _addition(tx: Tx, document: str, person: str, relation: str, value: str, quote: str, reviewer: str,
              reason: Optional[str]) -> dict[str, Any]:
    found = tx.document_by_name(document)
    if found is None:
        raise NotFound(Errors.E032.format(name=document))
    value, quote = (value or "").strip(), " ".join((quote or "").split())
    _check_relation(relation)
    if not value:
        raise StoreError(Errors.E051.format(why="an added fact needs a value"))
    _check_person(tx, found["id"], document, person)
    if locate(tx.document_text(found["id"]), quote) is None:
        raise StoreError(Errors.E053.format(document=document, quote=quote[:200]))
    return tx.add_review({
        "document": document, "sentence_key": sentence_key(quote), "person": person, "relation": relation,
        "value_key": value_key(value), "action": "add", "new_person": person, "new_relation": relation,
        "new_value": value, "evidence": quote, "start_char": None, "end_char": None, "reviewer": reviewer,
        "reason": reason})


def _decide(store: Store, fact_id: int, action: str, reviewer: str, reason: Optional[str],
            change: Optional[dict[str, Optional[str]]] = None) -> Decision:
    reviewer = _reviewer(reviewer)
    with store.transaction() as tx:
        fact = tx.fact_for_review(fact_id)
        if fact is None:
            raise NotFound(Errors.E050.format(id=fact_id))
        # The row of a corrected fact no longer holds what the extractor said: only reading the document
        # again brings it back, for any decision but another correction.
        reread = fact["status"] == "corrected" and action != "correct"
        if fact["status"] == "added":
            done = _redo_addition(tx, fact, action, reviewer, reason, change or {})
        else:
            review = {**dict(zip(KEY, fact["key"])), "action": action, "new_person": None, "new_relation": None,
                      "new_value": None, "evidence": fact["evidence"], "start_char": fact["start_char"],
                      "end_char": fact["end_char"], "reviewer": reviewer, "reason": reason}
            if action == "correct":
                review.update(_correction(tx, fact, change or {}))
            review = tx.add_review(review)
            done = Decision(review, None if reread else _apply(tx, review))
    if reread:
        _read_again(store, fact["document"])
        return done
    return Decision(done.review, _settle(store, done.review, fact["document_id"], done.fact))


def _settle(store: Store, review: dict, seen: int, decided: Optional[dict]) -> Optional[dict]:
    """An ingest (which writes beside a review, not after it) may have replaced the document while the
    decision was filed, and stored the new rows without it: then apply the document's reviews again."""
    with store.writing() as tx:
        found = tx.document_by_name(review["document"])
        if found is None or found["id"] == seen:
            return decided
        tx.apply_reviews([(found["id"], review["document"], tx.document_text(found["id"]))])
        rows = tx.facts_decided_by(review["id"])
    return rows[0] if rows else None


def _redo_addition(tx: Tx, fact: dict, action: str, reviewer: str, reason: Optional[str],
                   change: dict[str, Optional[str]]) -> Decision:
    """A fact a reviewer added: accepting it changes nothing; rejecting or undoing it takes it back;
    correcting it replaces it with another addition from the same sentence."""
    if action == "accept":
        raise StoreError(Errors.E051.format(why=f"fact #{fact['id']} was added by a reviewer; it is accepted already"))
    key = dict(zip(KEY, fact["key"]))
    taken_back = tx.add_review({**key, "action": "undo", "new_person": None, "new_relation": None, "new_value": None,
                                "evidence": fact["evidence"], "start_char": fact["start_char"],
                                "end_char": fact["end_char"], "reviewer": reviewer, "reason": reason})
    _apply(tx, taken_back)
    if action != "correct":
        return Decision(taken_back, None)
    new = _correction(tx, fact, change)
    review = _addition(tx, fact["document"], new["new_person"] or fact["person"],
                       new["new_relation"] or fact["relation"], new["new_value"] or fact["value"], fact["evidence"],
                       reviewer, reason)
    return Decision(review, _apply(tx, review))


def _correction(tx: Tx, fact: dict, change: dict[str, Optional[str]]) -> dict[str, Optional[str]]:
    relation, person = change.get("relation") or None, change.get("person") or None
    value = (change.get("value") or "").strip() or None
    if relation:
        _check_relation(relation)
    if person:
        _check_person(tx, fact["document_id"], fact["document"], person)
    if (relation or fact["relation"], value_key(value or fact["value"]), value_key(person or fact["person"])) == \
            (fact["relation"], fact["value_key"], value_key(fact["person"])):
        raise StoreError(Errors.E051.format(why="a correction needs a new value, relation or person "
                                                "(--value, --relation, --person)"))
    return {"new_person": person, "new_relation": relation, "new_value": value}


def _apply(tx: Tx, review: dict) -> Optional[dict[str, Any]]:
    """Apply a review to its document's facts now; the fact it decided, as the store reads facts."""
    found = tx.document_by_name(review["document"])
    tx.apply_review(review, found["id"], tx.document_text(found["id"]))
    rows = tx.facts_decided_by(review["id"])
    return rows[0] if rows else None


def _read_again(store: Store, document: str) -> None:
    """Extract a stored document's text again and store it in place, its reviews re-applied (as re-ingest does)."""
    from ..api import extract
    from .ingest import sha256
    from .resolve import resolve_pending

    with store.reading() as tx:
        found = tx.document_by_name(document)
        text = tx.document_text(found["id"])
    extracted = extract(text, document)
    with store.writing() as tx:
        tx.mark_stale(tx.delete_document(found["id"]))
        tx.add_documents([NewDocument(document, sha256(text), text, extracted)], replacing={document})
    resolve_pending(store)


def _reviewer(reviewer: str) -> str:
    reviewer = " ".join((reviewer or "").split())
    if not reviewer:
        raise StoreError(Errors.E051.format(why="say who reviews (--reviewer, or $LINERNOTES_REVIEWER)"))
    if len(reviewer) > MAX_REVIEWER:
        raise StoreError(Errors.E051.format(why=f"a reviewer's name has at most {MAX_REVIEWER} characters"))
    return reviewer


def _check_relation(relation: str) -> None:
    if relation not in RELATIONS:
        raise StoreError(Errors.E051.format(why=f"{relation!r} is not a relation; the relations are "
                                                + ", ".join(RELATIONS)))


def _check_person(tx: Tx, document_id: int, document: str, person: str) -> None:
    names = tx.person_names_in(document_id)
    if value_key(person or "") not in {value_key(n) for n in names}:
        raise NotFound(Errors.E052.format(document=document, name=person,
                                          names=", ".join(repr(n) for n in names[:12]) or "no one"))


# -- reading the reviews ----------------------------------------------------------------------------

def queue(store: Store, limit: int = 50) -> list[dict[str, Any]]:
    """Facts nobody has reviewed, those a check names first, then the least sure first."""
    with store.reading() as tx:
        return tx.review_queue(limit)


def history(store: Store, fact_id: Optional[int] = None, document: Optional[str] = None) -> list[dict[str, Any]]:
    """Every decision, oldest first: of one fact (its key), of one document, or all of them."""
    with store.reading() as tx:
        if fact_id is None:
            return tx.reviews(document)
        fact = tx.fact_for_review(fact_id)
        if fact is None:
            raise NotFound(Errors.E050.format(id=fact_id))
        return [r for r in tx.reviews(fact["document"]) if tuple(r[k] for k in KEY) == fact["key"]]


def orphaned(store: Store) -> list[dict[str, Any]]:
    """Decisions that apply to no fact now: their sentence, quote or person is no longer in the document."""
    with store.reading() as tx:
        return tx.orphaned_reviews()


# -- the extractor scored against the decisions ---------------------------------------------------------

@dataclass
class ReviewedScore:
    """``evaluate.Score`` of the facts reviewers decided on, and how many predicted facts nobody reviewed."""

    score: Any
    documents: int = 0
    unreviewed: int = 0
    missing: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        facts = self.score.facts
        return {"micro": facts.micro(), "relations": facts.per_key(), "documents": self.documents,
                "unreviewed_predictions": self.unreviewed}


def truth(reviews: list[dict]) -> tuple[list[tuple], set[tuple]]:
    """What a document's deciding reviews say: the facts that are right ``(sentence, person, relation,
    value)`` and the keys of those that are wrong. A correction says both: its original is wrong."""
    right, wrong = [], set()
    for r in reviews:
        original = (r["sentence_key"], value_key(r["person"]), r["relation"], r["value_key"])
        if r["action"] in ("reject", "correct"):
            wrong.add(original)
        if r["action"] == "accept":
            right.append((r["sentence_key"], r["person"], r["relation"], r["value_key"]))
        elif r["action"] in ("correct", "add"):
            right.append((r["sentence_key"], r["new_person"] or r["person"], r["new_relation"] or r["relation"],
                          r["new_value"] or r["value_key"]))
    return right, wrong


def evaluate_reviewed(store: Store) -> ReviewedScore:
    """Extract the stored text of every reviewed document again with the current extractor and score
    it against the reviews, with the matching of ``evaluate`` (person alignment, folded values): a
    predicted fact a review says is right is a true positive, one it says is wrong (a rejected fact,
    a correction's original) a false positive, a right fact not predicted a false negative. Predicted
    facts nobody reviewed are not counted (``unreviewed``)."""
    from ..api import extract
    from ..evaluate import score

    with store.reading() as tx:
        latest = tx.latest_reviews(r["document"] for r in tx.reviews())
        texts = {}
        for name in latest:
            found = tx.document_by_name(name)
            if found is not None:
                texts[name] = tx.document_text(found["id"])
    gold, predicted, unreviewed = {}, [], 0
    for name, text in sorted(texts.items()):
        right, wrong = truth(latest[name])
        people: dict[str, list[dict]] = {}
        for _, person, relation, value in right:
            people.setdefault(person, []).append({"relation": [relation], "value": [value]})
        gold[name] = {"doc": name, "people": [{"name": p, "facts": fs} for p, fs in people.items()]}
        reviewed = {(s, value_key(p), r, value_key(v)) for s, p, r, v in right} | wrong
        document = extract(text, name).to_dict()
        for person in document["people"]:
            kept = [f for f in person["facts"] if (sentence_key(f["evidence"]), value_key(person["name"]),
                                                   f["relation"], value_key(f["value"])) in reviewed]
            unreviewed += len(person["facts"]) - len(kept)
            person["facts"] = kept
        document["checks"] = []
        predicted.append(document)
    return ReviewedScore(score(gold, predicted), len(gold), unreviewed, sorted(set(latest) - set(texts)))
