"""The parser's and entity recogniser's greedy decoding as a loop over spaCy's step model.

spaCy decodes greedily in compiled code that computes each step's action scores through blis, one
small product per step. The blis wheels on the registry fall back to blis's reference kernels on
CPUs blis does not recognise (the AMD EPYC measured here: ``BLIS_ARCH_DEBUG=1`` prints "generic"),
and that loop becomes the largest single cost of the pipeline. spaCy's own step model, the path its
beam search and its training take (``model.predict(states)``, then ``transition_states``), computes
the same scores with the component's ops, so with :mod:`.matmul` through numpy's BLAS; the
transitions are spaCy's own compiled code either way. The parses are the same
(``tests/pipeline/test_greedy_parse.py``); ``benchmarks/greedy_parse.py`` times both.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.pipeline import EntityRecognizer
from spacy.pipeline.transition_parser import Parser
from spacy.util import minibatch
from thinc.api import set_dropout_rate


def greedy_parse_by_steps(parser: Parser, docs, drop: float = 0.0):
    """What ``Parser.greedy_parse`` returns (the final states), one Python step per transition."""
    parser._ensure_labels_are_added(docs)
    set_dropout_rate(parser.model, drop)
    batch = parser.moves.init_batch(docs)
    model = parser.model.predict(docs)
    states = [state for state in batch if not state.is_final()]
    while states:
        states = parser.transition_states(states, model.predict(states))
    model.clear_memory()
    return batch


#: Documents a decoding must have to go by steps, for a recogniser and for a parser: each step costs
#: Python time however few states it has, so fewer documents are decoded faster by the compiled
#: loop (``benchmarks/greedy_parse.py --sizes 1 2 4 8 16``: one document at a time, the parser takes
#: two to three times as long by steps and the recogniser the same; at 8 and 2 they break even).
STEPWISE_MIN_RECOGNISER, STEPWISE_MIN_PARSER = 2, 8


class StepwiseDecoding:
    """One of the model's greedy parsers or recognisers (``component``), decoded by steps; its
    batching, annotations and error handling are the component's, everything else is delegated."""

    def __init__(self) -> None:
        self.component: Parser | None = None  # set by :func:`use_stepwise_decoding`
        self.min_documents = STEPWISE_MIN_PARSER  # fewer go through the compiled loop

    def predict(self, docs):
        if len(docs) < self.min_documents:
            return self.component.predict(docs)
        return greedy_parse_by_steps(self.component, docs)

    def __call__(self, doc):
        try:
            self.component.set_annotations([doc], self.predict([doc]))
            return doc
        except Exception as error:
            return self.component.get_error_handler()(self.component.name, self.component, [doc], error)

    def pipe(self, docs, *, batch_size: int = 256):
        """As ``Parser.pipe``: each batch decoded by length in quarters, given back in order."""
        for batch in minibatch(docs, size=batch_size):
            batch = list(batch)
            try:
                for part in minibatch(sorted(batch, key=len), size=max(batch_size // 4, 2)):
                    part = list(part)
                    self.component.set_annotations(part, self.predict(part))
                yield from batch
            except Exception as error:
                self.component.get_error_handler()(self.component.name, self.component, batch, error)

    def __getattr__(self, name: str):
        if name == "component":
            raise AttributeError(name)
        return getattr(self.component, name)


@Language.factory("linernotes_stepwise_decoding")
def make_stepwise_decoding(nlp: Language, name: str) -> StepwiseDecoding:
    return StepwiseDecoding()


def use_stepwise_decoding(nlp: Language) -> list[str]:
    """Decode ``nlp``'s greedy parsers and recognisers by steps; returns the components changed."""
    changed = []
    for name, component in list(nlp.pipeline):
        if isinstance(component, Parser) and component.cfg.get("beam_width", 1) == 1:
            decoding = nlp.replace_pipe(name, "linernotes_stepwise_decoding")
            decoding.component = component
            if isinstance(component, EntityRecognizer):
                decoding.min_documents = STEPWISE_MIN_RECOGNISER
            changed.append(name)
    return changed
