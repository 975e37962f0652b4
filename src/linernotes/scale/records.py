"""Documents as plain records, for rows that cross processes (Ray) and shards that cross runs.

``to_record``/``from_record`` are lossless (every field, confidences unrounded), unlike the output
contract ``Document.to_dict``, so a document extracted on a cluster is stored exactly as one
extracted in this process. No spaCy object is ever pickled: records are JSON.
"""
from __future__ import annotations

import json
from dataclasses import asdict

from ..model import Check, Document, Fact, Mention, Person


def to_record(document: Document) -> str:
    """The document as one JSON string (a column value that Arrow, Parquet and JSONL all keep as is)."""
    return json.dumps(asdict(document), ensure_ascii=False)


def from_record(record: str) -> Document:
    data = json.loads(record)
    return Document(
        doc=data["doc"], text=data["text"],
        mentions=[Mention(**m) for m in data["mentions"]],
        people=[Person(p["id"], p["name"], list(p["aliases"]), p["main"], [Fact(**f) for f in p["facts"]])
                for p in data["people"]],
        checks=[Check(**c) for c in data["checks"]],
        warnings=list(data.get("warnings", [])))
