"""Corrections by hand: merge two profiles, or split a document's description out of one.

Decisions are stored by document name and person name, not by row id, so they still apply
after the documents are re-ingested (a changed document gets new rows but keeps its name).
"""
from __future__ import annotations

from ..errors import Errors, StoreError
from ..store import Store
from .query import Profile, find_person, profile
from .resolve import resolve


def merge(store: Store, first: str | int, second: str | int, note: str | None = None) -> Profile:
    """Make two profiles one; returns the merged profile."""
    with store.transaction() as tx:
        a, b = find_person(tx, first), find_person(tx, second)
        if a == b:
            raise StoreError(Errors.E025.format(why=f"{first!r} and {second!r} are already one profile (#{a})"))
        first_member = tx.person_members(a)[0]
        # One decision per pair of descriptions, so an earlier split between any two of them is overruled.
        for x in tx.person_members(a):
            for y in tx.person_members(b):
                tx.add_decision("merge", (x["document"], x["name"]), (y["document"], y["name"]), note)
        resolve(tx, person_ids=[a, b])
        merged = tx.local_named(first_member["document"], first_member["name"])
        return profile(tx, merged["person_id"])


def split(store: Store, who: str | int, document: str, note: str | None = None) -> list[Profile]:
    """Take what ``document`` says about a person out of their profile into a profile of its own."""
    with store.transaction() as tx:
        person_id = find_person(tx, who)
        members = tx.person_members(person_id)
        leaving = [m for m in members if m["document"] == document]
        staying = [m for m in members if m["document"] != document]
        if not leaving:
            raise StoreError(Errors.E025.format(
                why=f"profile #{person_id} has no description from {document!r}; it is built from "
                    + ", ".join(sorted({m['document'] for m in members}))))
        if not staying:
            raise StoreError(Errors.E025.format(why=f"profile #{person_id} comes from {document!r} alone; nothing to split"))
        for x in leaving:
            for y in staying:
                tx.add_decision("split", (x["document"], x["name"]), (y["document"], y["name"]), note)
        people = resolve(tx, person_ids=[person_id])
        return [profile(tx, p) for p in sorted(people)]
