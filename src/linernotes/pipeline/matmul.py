"""The model's matrix products through numpy's BLAS on one thread, instead of blis.

spaCy's CPU ops multiply with blis, whose wheel falls back to its reference kernels on CPUs it has
no kernels for (the AMD EPYC measured here). At the shapes of the small English model (a batch's
tokens times 64-576 features) numpy's bundled OpenBLAS computes the same products 2.6 to 3.6 times
as fast there (``benchmarks/matmul.py``). The parser's and entity recogniser's compiled decoding
loop multiplies through blis itself; :mod:`.greedy_parse` moves its products here too.

One thread per product, because linernotes scales by processes (``--workers``, one per core): BLAS
threads on top of them would fight for the same cores, and a process's cost per document would
depend on what else runs. The limit holds only for the product and is lifted after it, so the
rest of a program keeps its own BLAS settings.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from thinc.api import NumpyOps


@lru_cache(maxsize=1)
def _blas():
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController().select(user_api="blas")


class OneThreadBlasOps(NumpyOps):
    """``NumpyOps`` whose ``gemm`` is numpy's matrix product on one BLAS thread."""

    def __init__(self) -> None:
        super().__init__(use_blis=False)

    def gemm(self, x, y, *, out=None, trans1=False, trans2=False):
        with _blas().limit(limits=1):
            return super().gemm(x, y, out=out, trans1=trans1, trans2=trans2)


def use_numpy_matmul(nlp: Language) -> int:
    """Give every layer of ``nlp``'s trained components the one-thread numpy ops; returns how many
    layers now use them. Layers on another device (a GPU) are left as they are, and so is every
    layer when numpy has no optimised BLAS that threadpoolctl knows (OpenBLAS, MKL, BLIS...): a
    reference BLAS would be slower than blis."""
    if not _blas().info():
        return 0
    ops = OneThreadBlasOps()
    changed = 0
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if not hasattr(model, "walk"):
            continue
        for layer in model.walk():
            if type(layer.ops) is NumpyOps:
                layer.ops = ops
                changed += 1
    return changed
