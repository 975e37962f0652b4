"""The knowledge-base tables (SQLAlchemy Core): the same definitions serve SQLite and PostgreSQL.

A document yields *local people* (a person as one document describes them); resolution groups
local people into *people* (profiles). Facts hang off local people, so re-resolving a profile
moves its facts without rewriting them, and re-ingesting a document replaces only its own rows.
"""
from __future__ import annotations

from sqlalchemy import (Boolean, Column, DateTime, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text,
                        UniqueConstraint)

metadata = MetaData()

meta = Table(
    "meta", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

documents = Table(
    "documents", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(512), nullable=False, unique=True),
    Column("sha256", String(64), nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("extractor_version", String(32), nullable=False),
    # JSON (v5): what is known besides the text. "format" (pdf, docx, odt, html, rows); a PDF's "pages",
    # the offset in ``text`` each page starts at (``linernotes.reader.page_of`` turns an offset into
    # its page); a row's "rows_file", "row", and "source_url", "date", "author" where given. NULL: none.
    Column("meta", Text),
)

mentions = Table(
    "mentions", metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("type", String(32), nullable=False),
    Column("ref", String(128)),
    Column("label", Text),
)

#: Things facts point at that are not people: places, ensembles, instruments, institutions...
entities = Table(
    "entities", metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(32), nullable=False),
    Column("key", String(256), nullable=False),
    Column("name", Text, nullable=False),
    Column("ref", String(128)),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("country", String(8)),
    UniqueConstraint("kind", "key", name="uq_entities_kind_key"),
)

people = Table(
    "people", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("key", String(256), nullable=False, index=True),
)

local_people = Table(
    "local_people", metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("local_id", String(16), nullable=False),
    Column("name", Text, nullable=False),
    Column("aliases", Text, nullable=False),  # JSON list
    Column("main", Boolean, nullable=False),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="SET NULL"), index=True),
    Column("reason", Text),  # why resolution put this local person in its profile
)

#: Name keys of local people: for finding the same person in other documents and by name.
name_keys = Table(
    "name_keys", metadata,
    Column("local_person_id", Integer, ForeignKey("local_people.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("key", String(256), nullable=False, index=True),
    # "full": a full name; "part": one word of a person who also has a full name; "only": the one name
    # a person is known by. Full names match full names; a lone name may match a part (with support).
    Column("kind", String(4), nullable=False),
)
#: Name keys by key and kind (schema v8): resolution reads a name's lone-name ("only") people
#: without visiting every person who has the name as one word of a full name.
name_keys_by_kind = Index("ix_name_keys_key_kind", name_keys.c.key, name_keys.c.kind)

facts = Table(
    "facts", metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("local_person_id", Integer, ForeignKey("local_people.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("relation", String(32), nullable=False),
    Column("value", Text, nullable=False),
    Column("value_key", String(256), nullable=False),
    Column("label_key", String(256)),
    Column("entity_id", Integer, ForeignKey("entities.id"), index=True),
    Column("object_local_person_id", Integer, ForeignKey("local_people.id", ondelete="SET NULL")),
    Column("ref", String(128)),
    Column("label", Text),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("evidence", Text, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("note", Text),
    Column("extractor_version", String(32), nullable=False),
    # "extracted", or what a review made of it: "accepted", "rejected", "corrected", "added" (schema v4).
    Column("status", String(12), nullable=False, server_default="extracted"),
    Column("review_id", Integer, index=True),
    Column("page", Integer),  # the page of a PDF its sentence is on (schema v6); NULL for other documents  # the fact_reviews row that decided it (no FK: reviews outlive facts)
)

#: Facts whose value is a given person ("studied with X"): a profile lists who names its person.
facts_by_object = Index("ix_facts_object_local_person", facts.c.object_local_person_id)
#: Facts by value and by label (schema v8), with their status and local person: a filter finds the
#: people with a value from the index alone, without reading each fact's row (and its sentence).
facts_by_value = Index("ix_facts_relation_value_person", facts.c.relation, facts.c.value_key, facts.c.status,
                       facts.c.local_person_id)
facts_by_label = Index("ix_facts_relation_label_person", facts.c.relation, facts.c.label_key, facts.c.status,
                       facts.c.local_person_id)
#: A person's facts with the things they point at (schema v8): the map counts the places of many
#: people's facts from the index alone.
facts_by_person_entity = Index("ix_facts_local_person_entity", facts.c.local_person_id, facts.c.entity_id)
#: Facts by the entity they point at with their relation, status and local person (schema v8): a
#: place filter finds the people with a fact about a place in a country from the index alone.
facts_by_entity = Index("ix_facts_entity_person", facts.c.entity_id, facts.c.relation, facts.c.status,
                        facts.c.local_person_id)
#: What indexed facts by value and label before schema v8: the first columns of the two above.
FACT_VALUE_INDEXES_V1 = ("ix_facts_relation_value", "ix_facts_relation_label")

checks = Table(
    "checks", metadata,
    Column("id", Integer, primary_key=True),
    # A document's own finding, or (document NULL) a disagreement between documents about a person.
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), index=True),
    Column("local_person_id", Integer, ForeignKey("local_people.id", ondelete="CASCADE"), index=True),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), index=True),
    Column("code", String(64), nullable=False, index=True),
    Column("severity", String(16), nullable=False),
    Column("message", Text, nullable=False),
    Column("value", Text, nullable=False),
    Column("start_char", Integer),
    Column("end_char", Integer),
    Column("evidence", Text, nullable=False),
    Column("fact_ids", Text),  # JSON list of the facts the check is about
)

#: Corrections by hand. Keyed by document name and person name, so they survive re-ingest.
decisions = Table(
    "decisions", metadata,
    Column("id", Integer, primary_key=True),
    Column("action", String(8), nullable=False),  # "merge" or "split"
    Column("document_a", String(512), nullable=False),
    Column("name_a", Text, nullable=False),
    Column("document_b", String(512), nullable=False),
    Column("name_b", Text, nullable=False),
    Column("note", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

#: A word index over document text, portable across SQLite and PostgreSQL.
search_terms = Table(
    "search_terms", metadata,
    Column("term", String(64), primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True, index=True),
)

#: Which document holds a text (by digest): a copy under another name loses the claim and is skipped,
#: even when two writers store the copies at the same moment. A replaced document gives its claim up.
document_claims = Table(
    "document_claims", metadata,
    Column("sha256", String(64), primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
)

#: Profiles that lost a member to a replaced document and wait for resolution (``kb.resolve.resolve_pending``),
#: with the local people whose ``person_id`` is still NULL. No foreign key: a writer must never wait
#: for, or fail on, the resolver deleting a profile.
stale_people = Table(
    "stale_people", metadata,
    Column("person_id", Integer, primary_key=True, autoincrement=False),
)

#: Review of single facts by hand (schema v4): accept, reject, correct or add. Keyed by what survives
#: re-ingest of the document: its name, a digest of the fact's sentence, the person's name in it, the
#: relation and the value's key. An unchanged sentence finds its decision again; a changed one does not.
fact_reviews = Table(
    "fact_reviews", metadata,
    Column("id", Integer, primary_key=True),
    Column("document", String(512), nullable=False, index=True),
    Column("sentence_key", String(64), nullable=False),
    Column("person", Text, nullable=False),
    Column("relation", String(32), nullable=False),
    Column("value_key", String(256), nullable=False),
    Column("action", String(8), nullable=False),  # accept, reject, correct, add
    # What a correction or an addition says: the fact's new person (a name in the document), relation, value.
    Column("new_person", Text),
    Column("new_relation", String(32)),
    Column("new_value", Text),
    Column("evidence", Text),  # the sentence, as the reviewer saw it (an added fact's quote)
    Column("start_char", Integer),
    Column("end_char", Integer),
    Column("reviewer", String(128), nullable=False),
    Column("reason", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_fact_reviews_key", "document", "sentence_key", "relation", "value_key"),
)

#: Wikidata QIDs and MusicBrainz MBIDs of people and entities (schema v4). A person's id is filed
#: under each of their descriptions (document and name), as merge and split decisions are, so it
#: follows the person through re-resolution; an entity's under its kind and key ("" as document).
identifiers = Table(
    "identifiers", metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(32), nullable=False),  # "Person", or an entity kind: Place, Country, Ensemble, ...
    Column("document", String(512), nullable=False),  # a person's document; "" for an entity
    Column("key", String(256), nullable=False),  # a person's name in that document; an entity's key
    Column("scheme", String(16), nullable=False),  # "wikidata" or "musicbrainz"
    Column("value", String(64), nullable=False),  # Q…, or an MBID
    Column("source", String(16), nullable=False),  # "hand", "csv", or "gazetteer"
    Column("created_by", String(128)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("kind", "document", "key", "scheme", name="uq_identifiers_subject_scheme"),
)
