"""Records: a document survives the trip to JSON and back whole (unrounded confidences, text, warnings)."""
from __future__ import annotations

import json

from linernotes.scale.records import from_record, to_record
from linernotes.scale.shards import ShardWriter, read_shards

from ..conftest import EXAMPLES


def test_records_round_trip_every_field(extract):
    for path in sorted((EXAMPLES / "bios").glob("*.txt"))[:5]:
        document = extract(path.read_text(encoding="utf-8"), path.name)
        again = from_record(to_record(document))
        assert again == document  # dataclass equality: every field, confidences to the last bit
        assert json.loads(to_record(document))["text"] == document.text


def test_jsonl_shards_hold_the_documents_in_order(extract, tmp_path):
    documents = [extract(p.read_text(encoding="utf-8"), p.name).to_dict() for p in sorted((EXAMPLES / "bios").glob("*.txt"))]
    writer = ShardWriter(str(tmp_path / "out"), "jsonl", size=4)
    for document in documents:
        writer.add(document)
    paths = writer.close()
    assert [p.rsplit("/", 1)[1] for p in paths] == ["part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl",
                                                     "part-00003.jsonl"]
    assert read_shards(paths) == documents
