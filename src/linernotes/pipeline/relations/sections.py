"""Lists under a heading: "Discography" items are works (and their labels), "Awards" items are awards.

Encyclopedia entries end with lists that prose rules never see: "- Dala Sazy (Tumar Records, 2012)"
under "Discography", "- 2014 – Zhas Tolqyn Prize ..." under "Awards". The heading words are data
(``data/section_headings.tsv``). A sub-heading "With Kokzhal" gives the works to that ensemble's
members of the time; "With <person>" to that person as well; otherwise they are the main person's.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from ...reference import fold, load_tsv
from ..layout import LIST_MARKER, text_of
from ..relate import Candidate, Context, rule

LEADING_YEAR = re.compile(r"^\s*(?:(?:19|20)\d\d(?:\s*[–—-]\s*(?:19|20)?\d\d)?\s*(?:[–—:-]|,)?\s*)")
YEAR = re.compile(r"^(?:19|20)\d\d$")
NOMINATED = re.compile(r"\b(?:nominat|shortlist|longlist|finalist|runner-up)", re.I)


@lru_cache(maxsize=None)
def section_relations() -> dict[str, str]:
    return {fold(r["word"]): r["relation"] for r in load_tsv("section_headings.tsv")}


def _title_and_brackets(text: str) -> tuple[str, list[str]]:
    """"Kerueen ("Caravan") (Tumar Records, 2017)" -> ("Kerueen", ['"Caravan"', "Tumar Records, 2017"])."""
    brackets = re.findall(r"\(([^()]*)\)", text)
    title = re.split(r"\s+\(|\s+[–—]\s+|,\s+(?:19|20)\d\d", text, maxsplit=1)[0].strip()
    return title.strip(" \"'“”‘’«»*_"), brackets


def listed_partners(body: str, ctx: Context) -> list[int]:
    """The people after "– with" in a list item: "Usul (Kreisklang, 2017) – with Katrin Lenz and Tunde Adeyemi"."""
    found = re.search(r"[–—-]\s+with\s+(?:the\s+)?(.+)$", body)
    if not found:
        return []
    out = []
    for name in re.split(r",\s*|\s+and\s+", found.group(1).strip().rstrip(".")):
        key = fold(re.sub(r"\s*\(.*$", "", name))
        out += [i for i, p in enumerate(ctx.people) if key and (key == fold(p.name) or key in {fold(a) for a in p.aliases})]
    return out


@rule("linernotes.section_lists.v1")
def section_lists(ctx: Context) -> Iterator[Candidate]:
    doc, relations = ctx.doc, section_relations()
    main = next((i for i, p in enumerate(ctx.people) if p.main), None)
    relation: str | None = None
    owners: tuple[int, ...] | None = None
    ensemble: int | None = None
    makers: dict[str, tuple[int, ...]] = {}  # a listed work's people: "Bozgasht (Kreisklang, 2020) – with X and Y"
    roles = False  # under "Roles": "Olga, Eugene Onegin (2001)" is a role and its opera
    for start, end, kind in doc._.ln_lines or ():
        line = text_of(doc)[start:end]
        if relation is not None and kind == "item" and not LIST_MARKER.match(line) and len(line.split()) <= 5 \
                and not re.search(r"[\d(),]", line):
            kind = "heading"  # "With Kokzhal", "Solo": a sub-heading inside the list
        if kind == "heading":
            key = fold(line.strip().rstrip(":"))
            if key in relations:
                relation, owners, ensemble = relations[key], ((main,) if main is not None else None), None
                roles = key.endswith("roles")
            elif relation is not None and key.startswith("with "):
                # "With Kokzhal", "With Aruzhan Kassymova": matched by name, the model often tags nothing here
                name = key.removeprefix("with ").removeprefix("the ")
                ensemble = next((i for i, e in enumerate(ctx.ensembles) if name in e.keys), None)
                person = next((i for i, p in enumerate(ctx.people) if name == fold(p.name) or name in {fold(a) for a in p.aliases}), None)
                owners = tuple(p for p in (main, person) if p is not None) if ensemble is None else None
            elif relation is not None and len(line.split()) <= 2:
                owners, ensemble = ((main,) if main is not None else None), None  # "Solo"
            else:
                relation = None
            continue
        if relation is None or kind not in ("item", "prose"):
            continue
        if kind == "prose" and not LIST_MARKER.match(line):
            relation = None  # the list is over
            continue
        marker = LIST_MARKER.match(line)
        body_start = start + (marker.end() if marker else 0)
        body = text_of(doc)[body_start:end]
        if relation == "award" and NOMINATED.search(body):
            continue  # "2019 – Grammy Award for Best Folk Album (nominated)": under "Awards and nominations", no award
        if relation == "award":
            # "2021 – Album of the Year, ..., for Bozgasht": the award of a listed work is its makers' too
            work = re.search(r",\s+for\s+([^(),;]+)", body)
            extra = makers.get(fold(work.group(1).strip().rstrip("."))) if work else None
            skip = LEADING_YEAR.match(body)
            if skip:
                body_start, body = body_start + skip.end(), body[skip.end():]
            value = re.split(r",\s+for\s|\s+\(|\s+[–—]\s+for\s|;", body.strip(), maxsplit=1)[0].strip().rstrip(".;,")
            with_ensemble = re.search(r"\(with\s+(?:the\s+)?([^()]+)\)", body)
            if with_ensemble and ensemble is None:
                where = text_of(doc).find(with_ensemble.group(1), body_start, end)
                inner = doc.char_span(where, where + len(with_ensemble.group(1)), alignment_mode="expand") if where >= 0 else None
                found = next((ctx.ensemble_refs[t.i] for t in inner if t.i in ctx.ensemble_refs), None) if inner is not None else None
                if found is not None:
                    at = text_of(doc).find(value, body_start, end)
                    span = doc.char_span(at, at + len(value), alignment_mode="expand") if at >= 0 else None
                    if span is not None:
                        yield Candidate(relation, value, at, at + len(value), span.root, 0.75, ensemble=found, check_modality=False)
        else:
            value, brackets = _title_and_brackets(body)
            if roles:
                for part in (p.strip() for p in value.split(",")):
                    at = text_of(doc).find(part, body_start, end) if part else -1
                    span = doc.char_span(at, at + len(part), alignment_mode="expand") if at >= 0 else None
                    if span is not None:
                        yield Candidate(relation, part, at, at + len(part), span.root, 0.7, people=owners, check_modality=False)
                continue
        if not value or len(value) > 150:
            continue
        at = text_of(doc).find(value, body_start, end)
        span = doc.char_span(at, at + len(value), alignment_mode="expand") if at >= 0 else None
        if span is None:
            continue
        yield Candidate(relation, value, at, at + len(value), span.root, 0.8, people=owners if ensemble is None else None,
                        ensemble=ensemble, check_modality=False)
        if relation == "award" and extra:
            others = tuple(p for p in extra if owners is None or p not in owners)
            if others:
                yield Candidate(relation, value, at, at + len(value), span.root, 0.7, people=others, check_modality=False)
        if relation == "notable_work" and ensemble is None:
            makers[fold(value)] = tuple(dict.fromkeys([*(owners or ()), *listed_partners(body, ctx)]))
        if relation == "notable_work":
            for inner in brackets:
                parts = [p.strip() for p in inner.split(",")]
                for part in parts:
                    if part and not YEAR.match(part) and not part[:1] in "\"'“‘«" and part[:1].isupper():
                        where = text_of(doc).find(part, at, end)
                        mention = doc.char_span(where, where + len(part), alignment_mode="expand") if where >= 0 else None
                        if mention is not None:
                            yield Candidate("record_label", part, where, where + len(part), mention.root, 0.75,
                                            people=owners if ensemble is None else None, ensemble=ensemble, check_modality=False)
