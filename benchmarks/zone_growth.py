"""What a stream of new words leaves behind after spaCy's memory zones (issue 16).

Each batch of ``--words`` words no text has had is tokenized inside ``nlp.memory_zone()``, as
``api._extract_stream`` does for each batch of documents. The zone drops the batch's lexemes and
strings, so the live counts stay flat; but the hash tables that indexed them (``StringStore._map``,
``Vocab._by_orth``, preshed ``PreshMap``) only mark a dropped entry as deleted, count it as filled,
and double when "full": their memory grows with every new word ever seen. This prints, every
``--every`` batches, the live lexemes and strings, the string table's capacity and the memory
Python's allocator holds (tracemalloc, which sees cymem's pools):

    python benchmarks/zone_growth.py --batches 400 --words 1000
"""
from __future__ import annotations

import argparse
import sys
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from linernotes.pipeline import shared_pipeline  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batches", type=int, default=400)
    parser.add_argument("--words", type=int, default=1000, help="new words in each batch")
    parser.add_argument("--every", type=int, default=50, help="print every this many batches")
    options = parser.parse_args()
    nlp = shared_pipeline()
    tracemalloc.start()
    for batch in range(1, options.batches + 1):
        with nlp.memory_zone():
            nlp.make_doc(" ".join(f"Zq{batch}w{i}ova" for i in range(options.words)))
        if batch % options.every == 0:
            table = nlp.vocab.strings._map
            print(f"{batch * options.words:9,} new words: live lexemes {sum(1 for _ in nlp.vocab):,}, "
                  f"live strings {len(nlp.vocab.strings):,}, string table {len(table):,} filled of {table.capacity:,}, "
                  f"traced {tracemalloc.get_traced_memory()[0] / 2**20:.1f} MB", flush=True)


if __name__ == "__main__":
    main()
