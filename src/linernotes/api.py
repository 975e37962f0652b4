"""The library API: ``extract`` one text, ``extract_many`` a stream, ``extract_paths`` files."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Iterator

from .errors import InputError
from .model import Document
from .pipeline import shared_pipeline, to_document
from .reader import DEFAULT_MAX_BYTES, Source, read_sources


def extract(text: str, doc_id: str = "text") -> Document:
    """Read one biography and return its people, facts, mentions and checks.

    text (str): the biography.
    doc_id (str): the name the result carries in its ``doc`` field.
    """
    nlp = shared_pipeline()
    return to_document(nlp(text), doc_id)


def extract_many(items: Iterable[tuple[str, str] | str], batch_size: int = 64, n_process: int = 1) -> Iterator[Document]:
    """Stream documents through one loaded pipeline; items are ``(text, doc_id)`` pairs or texts.

    Memory stays bounded: documents are read lazily and processed in batches.
    """
    nlp = shared_pipeline()

    def pairs() -> Iterator[tuple[str, str]]:
        for number, item in enumerate(items):
            yield (item, f"doc-{number}") if isinstance(item, str) else item

    for doc, doc_id in nlp.pipe(pairs(), as_tuples=True, batch_size=batch_size, n_process=n_process):
        yield to_document(doc, doc_id)


@dataclass
class BatchResult:
    """What happened to a batch of files: documents read, and errors by file."""

    documents: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def extract_paths(paths: Iterable[str], result: BatchResult | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                  batch_size: int = 32) -> Iterator[Document]:
    """Extract from files and directories; unreadable files are recorded in ``result.errors`` and skipped."""
    result = result if result is not None else BatchResult()

    def sources() -> Iterator[tuple[str, str]]:
        for item in read_sources(paths, max_bytes):
            if isinstance(item, InputError):
                result.errors.append(str(item))
                continue
            assert isinstance(item, Source)
            result.warnings.extend(item.warnings)
            yield item.text, item.doc

    for document in extract_many(sources(), batch_size=batch_size):
        result.documents += 1
        yield document
