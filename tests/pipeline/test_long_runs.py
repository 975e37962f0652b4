"""A run of characters without whitespace is tokenized in time linear in its length (the fuzzing
found 40,000 "(" in a row took minutes in spaCy's tokenizer, out of the time budget's reach), and
text without such a run is tokenized exactly as the model's own tokenizer does."""
from __future__ import annotations

import time

from linernotes.pipeline.long_runs import LONG_RUN, BoundedTokenizer

from ..oddtexts import BIOS


def test_a_long_run_is_tokenized_quickly_and_keeps_the_text(nlp):
    text = "Ivan Sokolov plays the violin. " + "(" * 20_000 + " He lives in " + "http://x.y/" * 2_000 + "\nAlmaty."
    started = time.perf_counter()
    doc = nlp.make_doc(text)
    assert time.perf_counter() - started < 5  # 45 s before
    assert doc.text == text
    assert [t.text for t in doc[:6]] == ["Ivan", "Sokolov", "plays", "the", "violin", "."]
    assert [t.text for t in doc[-2:]] == ["Almaty", "."]


def test_text_without_a_long_run_is_tokenized_as_before(nlp):
    assert isinstance(nlp.tokenizer, BoundedTokenizer)
    model = nlp.tokenizer.tokenizer
    for text in [p.read_text(encoding="utf-8") for p in BIOS] + ["x" * (LONG_RUN - 1) + " (born 1956)"]:
        assert [(t.text, t.whitespace_) for t in nlp.make_doc(text)] == [(t.text, t.whitespace_) for t in model(text)]
