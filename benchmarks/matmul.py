"""Matrix products at the small English model's shapes: blis (spaCy's CPU default) against numpy's
BLAS on one thread (what ``linernotes.pipeline.matmul`` gives the model).

    python benchmarks/matmul.py [--tokens 25600] [--repeat 10]

``--tokens`` is the rows of a batch (64 documents of about 400 tokens); the columns are the
tok2vec's and parser's widths. Prints milliseconds per product for each and their ratio.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy
from thinc.api import NumpyOps

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from linernotes.pipeline.matmul import OneThreadBlasOps  # noqa: E402

# (inner, outer) of en_core_web_sm's layers: the tok2vec's and the entity recogniser's own mixing
# layers (576 and 384 features in, 96 out with 3 pieces), their window layers (3 x 96 in), the
# parser's and recogniser's projection to 64, and their precomputed state features (8 and 3 tokens,
# 64 wide, 2 pieces)
SHAPES = [(576, 288), (384, 288), (288, 288), (96, 64), (64, 8 * 64 * 2), (64, 3 * 64 * 2)]


def per_product_ms(product, repeat: int) -> float:
    product()
    start = time.perf_counter()
    for _ in range(repeat):
        product()
    return (time.perf_counter() - start) / repeat * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tokens", type=int, default=25_600)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args(argv)
    rng = numpy.random.default_rng(0)
    blis, one_thread = NumpyOps(), OneThreadBlasOps()
    print(f"{'rows x inner x outer':<24}{'blis ms':>10}{'numpy ms':>10}{'ratio':>8}")
    for inner, outer in SHAPES:
        x = rng.standard_normal((args.tokens, inner), dtype=numpy.float32)
        w = rng.standard_normal((outer, inner), dtype=numpy.float32)
        a = per_product_ms(lambda: blis.gemm(x, w, trans2=True), args.repeat)
        b = per_product_ms(lambda: one_thread.gemm(x, w, trans2=True), args.repeat)
        print(f"{f'{args.tokens} x {inner} x {outer}':<24}{a:>10.1f}{b:>10.1f}{a / b:>8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
