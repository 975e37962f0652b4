"""Knowledge-base benchmark: ingest rate, ``show`` and ``ask`` latency with many synthetic people.

The people are generated (names from syllables, facts from small lists), not extracted, so
this measures the store, resolution and queries, not the NLP. A share of the documents
re-describe someone already in the knowledge base (a transliterated name), so cross-document
resolution runs as it would on a real collection.

    python benchmarks/kb.py [--people 100000] [--db /tmp/linernotes-bench.db | postgresql://...] [--queries 1000]

A PostgreSQL URL is emptied first (its public schema is dropped): use a database kept for it. [--resolve after]

``--resolve after`` stores every document first and then runs cross-document resolution once
(``resolve_pending``, what ``ingest --engine ray`` does after its writers), timing the two apart;
resolution works block by block by name key, so its time should grow with the collection, not its square.
``--resolve none`` only stores (a SQLite file can then be copied), and ``--stored`` resolves and queries such
a database: resolution timed on the same writes, e.g. before and after a change.

Goal (issue 4): ``show`` p99 under 10 ms and ``ask`` p99 under 100 ms on SQLite.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from linernotes.kb.ask import ask  # noqa: E402
from linernotes.kb.ingest import IngestReport, ingest_documents, sha256  # noqa: E402
from linernotes.kb.query import show  # noqa: E402
from linernotes.kb.resolve import resolve_pending  # noqa: E402
from linernotes.model import Document, Fact, Person  # noqa: E402
from linernotes.errors import StoreError  # noqa: E402
from linernotes.store import Store  # noqa: E402
from linernotes.store.writes import NewDocument  # noqa: E402
from linernotes.reference.places import gazetteer  # noqa: E402

SYLLABLES = "ka ra ba za ma na sa ta da la ya zhan nur as ar ai bek gul mir tal dan ser kan bo lo ri vi mu".split()
SURNAME_ENDINGS = ["ov", "ev", "uly", "bekov", "baev", "kyzy", "ova", "eva", "yan", "li"]
INSTRUMENTS = ["dombra", "kobyz", "accordion", "saxophone", "piano", "violin", "guitar", "tar", "komuz", "sybyzgy",
               "cello", "drums", "flute", "trumpet", "oud", "bass guitar", "clarinet", "harp", "zither", "bayan"]
GENRES = ["folk", "jazz", "rock", "classical", "pop", "mugham", "electronic", "hip hop", "blues", "opera"]
CITIES = ["Almaty", "Astana", "Bishkek", "Tashkent", "Baku", "Shymkent", "Osh", "Karakol", "Samarkand", "Bukhara",
          "Taraz", "Aktobe", "Karaganda", "Pavlodar", "Dushanbe", "Khujand", "Namangan", "Ganja", "Tbilisi", "Moscow"]
INSTITUTIONS = ["Kurmangazy Kazakh National Conservatory", "Kyrgyz National Conservatory", "Tashkent State Conservatory",
                "Azerbaijan State Conservatory", "Al-Farabi Kazakh National University", "Berklee College of Music",
                "Moscow Conservatory", "Kazakh National University of Arts", "Gnessin Academy of Music",
                "Baku Music Academy"]
OCCUPATIONS = ["musician", "singer", "composer", "teacher", "songwriter", "conductor"]


@lru_cache(maxsize=None)
def city_ref(city: str) -> str | None:
    """The gazetteer's reference for a city, as linking gives it: places get coordinates for the map."""
    place = gazetteer().best(city)
    return place.ref if place else None


def syllable_name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


class Writer:
    """Builds a document sentence by sentence, with the offsets of each value."""

    def __init__(self) -> None:
        self.text = ""

    def say(self, template: str, value: str) -> tuple[str, int, int]:
        sentence = template.format(v=value)
        start = len(self.text) + sentence.index(value)
        self.text += sentence + " "
        return sentence, start, start + len(value)


def person_document(number: int, name: str, ensembles: list[str], partner: str | None, told_as: str | None = None,
                    contradict: bool = False) -> Document:
    """A document about ``name``; the person's facts come from a generator seeded by the name, so a
    second document about the same person (``told_as`` another spelling) says the same things."""
    rng = random.Random(name)
    told = told_as or name
    writer, person = Writer(), Person("p1", told, [told.split()[0]], main=True)

    def fact(relation: str, template: str, value: str, confidence: float = 0.9, ref: str | None = None) -> None:
        evidence, start, end = writer.say(template, value)
        person.facts.append(Fact(relation, value, start, end, evidence, confidence, ref))

    fact("occupation", f"{told} is a {{v}}.", rng.choice(OCCUPATIONS))
    for instrument in rng.sample(INSTRUMENTS, rng.choice((1, 1, 2))):
        fact("instrument", "They play the {v}.", instrument)
    fact("genre", "Their music is mostly {v}.", rng.choice(GENRES))
    city = rng.choice(CITIES)
    fact("born_in", f"{told} was born in {{v}}.", city, ref=city_ref(city))
    fact("birth_date", "The year of birth was {v}.", str(rng.randint(1930, 2004) + (1 if contradict else 0)))
    fact("educated_at", "They studied at the {v}.", rng.choice(INSTITUTIONS))
    verb = rng.choice(("member_of", "founded"))
    fact(verb, "In time they " + ("joined" if verb == "member_of" else "founded") + " {v}.", rng.choice(ensembles))
    people = [person]
    if partner:
        fact("collaborator", "They often perform with {v}.", partner, 0.8)
        people.append(Person("p2", partner, []))
    return Document(f"bio-{number:06d}.txt", writer.text.strip(), [], people, [])


def generate(count: int, redescribed: float, seed: int = 11):
    """``count`` people, one document each, plus re-descriptions of a share of them."""
    rng = random.Random(seed)
    ensembles = [f"{syllable_name(rng, 2)} {rng.choice(['Ensemble', 'Quartet', 'Band', 'Orchestra', 'Trio'])}"
                 for _ in range(3000)]
    names, seen = [], set()
    while len(names) < count:
        name = f"{syllable_name(rng, 2)} {syllable_name(rng, 2)}{rng.choice(SURNAME_ENDINGS)}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    documents = []
    for number, name in enumerate(names):
        partner = rng.choice(names) if rng.random() < 0.2 else None
        documents.append(person_document(number, name, ensembles, partner if partner != name else None))
    for extra in range(int(count * redescribed)):
        name = rng.choice(names)
        spelling = name.replace("k", "q", 1).replace("zh", "j", 1)  # another romanisation of the same name
        documents.append(person_document(count + extra, name, ensembles, None, spelling, contradict=rng.random() < 0.1))
    return names, documents


def show_or_choose(store: Store, name: str):
    """``show`` by name; a name two people share gets the error listing them, as a user would."""
    try:
        return show(store, name)
    except StoreError as error:
        assert "E023" in str(error)
        return None


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def timed(calls) -> list[float]:
    out = []
    for call in calls:
        started = time.perf_counter()
        call()
        out.append((time.perf_counter() - started) * 1000)
    return out


def empty_server_database(url: str) -> None:
    """A PostgreSQL ``--db`` URL is emptied first (its public schema dropped): give a database for benchmarks only."""
    import sqlalchemy

    from linernotes.store import database_url

    engine = sqlalchemy.create_engine(database_url(url))
    with engine.begin() as conn:
        conn.execute(sqlalchemy.text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(sqlalchemy.text("CREATE SCHEMA public"))
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--redescribed", type=float, default=0.05, help="share of people told by a second document")
    parser.add_argument("--db", default="/tmp/linernotes-bench.db")
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--resolve", choices=["each-batch", "after", "none"], default="each-batch",
                        help="resolve after each batch (as ingest does), once after all the writes, or not at all "
                             "(store only, then stop: resolve later with --stored)")
    parser.add_argument("--stored", action="store_true",
                        help="the --db already holds the writes of a --resolve none run with these --people: "
                             "only resolve and query (what resolution costs, measured apart from the writes)")
    args = parser.parse_args()
    server = "://" in args.db
    if args.stored:
        args.resolve = "after"
    elif server:
        empty_server_database(args.db)
    else:
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(args.db + suffix):
                os.remove(args.db + suffix)

    names, documents = generate(args.people, args.redescribed)
    store = Store.open(args.db)
    started = time.perf_counter()
    if args.stored:
        report = IngestReport()
    else:
        report = ingest_documents(store, (NewDocument(d.doc, sha256(d.text), d.text, d) for d in documents),
                                  batch_size=args.batch_size, resolve_each_batch=args.resolve == "each-batch")
    seconds = time.perf_counter() - started
    if args.resolve == "none":
        print(f"writes: {len(documents):,} documents in {seconds:.1f} s = {len(documents) / seconds:,.0f} documents/s")
        return
    if args.resolve == "after":
        if not args.stored:
            print(f"writes: {len(documents):,} documents in {seconds:.1f} s = {len(documents) / seconds:,.0f} documents/s")
        resolving = time.perf_counter()
        resolved = resolve_pending(store)
        resolution = time.perf_counter() - resolving
        with store.reading() as tx:
            report.totals = tx.counts()
        print(f"resolution after the writes: {resolved:,} local people in {resolution:.1f} s "
              f"= {resolved / resolution:,.0f} local people/s")
        seconds += resolution
    totals = report.totals
    if not args.stored:  # with --stored, the writes were timed by the run that made them
        print(f"ingest: {len(documents):,} documents ({args.people:,} people, {args.redescribed:.0%} re-described) "
              f"in {seconds:.1f} s = {len(documents) / seconds:,.0f} documents/s")
    print(f"knowledge base: {totals['people']:,} people, {totals['facts']:,} facts, {totals['checks']:,} checks "
          f"(cross-document contradictions)" + ("" if server else f", {os.path.getsize(args.db) / 1e6:,.0f} MB"))

    rng = random.Random(5)
    sample = [rng.choice(names) for _ in range(args.queries)]  # some names are shared by two people: E023
    show_ms = timed(lambda name=name: show_or_choose(store, name) for name in sample)
    templates = [
        lambda: f"Who plays the {rng.choice(INSTRUMENTS)}?",
        lambda: f"Where was {rng.choice(names)} born?",
        lambda: f"How many musicians come from {rng.choice(CITIES)}?",
        lambda: f"Did {rng.choice(names)} play in a band?",
        lambda: f"What does {rng.choice(names)} play?",
        lambda: f"Who did {rng.choice(names)} work with?",
        lambda: "Which musicians studied at a conservatory?",
        lambda: f"Which musicians play {rng.choice(GENRES)}?",
    ]
    questions = [templates[i % len(templates)]() for i in range(args.queries)]
    answered = 0

    def run(question: str) -> None:
        nonlocal answered
        answered += ask(store, question).answered

    ask_ms = timed(lambda q=q: run(q) for q in questions)
    print(f"show: p50 {statistics.median(show_ms):.2f} ms, p99 {percentile(show_ms, 0.99):.2f} ms "
          f"over {len(show_ms)} profiles (goal p99 < 10 ms)")
    print(f"ask:  p50 {statistics.median(ask_ms):.2f} ms, p99 {percentile(ask_ms, 0.99):.2f} ms "
          f"over {len(ask_ms)} questions, {answered} answered (goal p99 < 100 ms)")
    slowest = sorted(zip(ask_ms, questions), reverse=True)[:3]
    print("slowest questions: " + "; ".join(f"{q} ({ms:.0f} ms)" for ms, q in slowest))


if __name__ == "__main__":
    main()
