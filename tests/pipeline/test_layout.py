"""Layout: blank lines, headings, list rows and turns end sentences; line kinds."""
from __future__ import annotations

import pytest

from linernotes.pipeline.layout import lines_of, tokens_with

from ..helpers import main_person, values


def kinds(text: str) -> list[str]:
    return [kind for _, _, kind in lines_of(text)]


def test_line_kinds():
    text = "DALA TOLQYNY — PRESS KIT\n\nThe band formed in 2012.\n\nLINE-UP\nYerzhan Abilov — vocals\nArsen Kim — bass (since 2012)\n\n- Dala Sazy (Tumar Records, 2012)\nQ: Where were you born?\n"
    assert kinds(text) == ["heading", "prose", "heading", "item", "item", "item", "turn"]


def test_heading_with_years_in_brackets():
    assert kinds("Formation (2006–2008)\nThe group was founded in 2006 by two students.") == ["heading", "prose"]


def test_headline_is_not_glued_to_the_first_sentence(parse):
    doc = parse("Biography\n\nKamila Yusupova is a Kazakh kobyz player. She grew up in Taraz.")
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences[0] == "Biography"
    assert sentences[1] == "Kamila Yusupova is a Kazakh kobyz player."


def test_a_preset_boundary_does_not_split_a_name(extract):
    # With one boundary given, the parser used to split "Kamila | Yusupova" and lose the person.
    who = main_person(extract("Biography\n\nKamila Yusupova is a Kazakh kobyz player. She grew up in Taraz."))
    assert who.name == "Kamila Yusupova"
    assert "taraz" in values(who, "residence")


@pytest.mark.parametrize("heading", ["Discography", "Early life", "RECORDS AND AWARDS", "Career"])
def test_headings_name_nobody(extract, heading):
    doc = extract(f"{heading}\n\nAigerim Sadykova is a Kazakh singer from Almaty.")
    assert [p.name for p in doc.people] == ["Aigerim Sadykova"]


def test_pre_tokenized_text_reads_like_normal_text(extract):
    # Corpora often come tokenized: "Thorborg 's", "( born 19 May 1896 )".
    normal = "Kerstin Thorborg (born 19 May 1896 in Venjan) was a Swedish opera singer. Thorborg's debut came in 1924 at the Royal Swedish Opera."
    spaced = "Kerstin Thorborg ( born 19 May 1896 in Venjan ) was a Swedish opera singer . Thorborg 's debut came in 1924 at the Royal Swedish Opera ."

    def facts(text):
        return {(p.name, f.relation, f.value) for p in extract(text).people for f in p.facts}

    assert facts(spaced) == facts(normal)
    assert ("Kerstin Thorborg", "born_in", "Venjan") in facts(spaced)


FIRST = "Kamila Yusupova is a Kazakh kobyz player born in Taraz."


@pytest.mark.parametrize("top", [
    "Kamila Yusupova, the kobyz's new voice, returns to her home town of Taraz\n",  # a long headline with commas
    "The long road from Taraz to the great concert halls of Europe and Asia\n",
    "The Kobyz Player\nBy Marat Seitkali, Almaty correspondent for the Steppe Review\n",  # headline and byline
    "Almaty, 3 March 2021\n",  # a dateline on its own line
    "The Kobyz Player\n\nALMATY, 3 March 2021 —\n",
    "ALMATY, March 3, 2021 — ",  # a dateline before the first sentence, on its line
    "TARAZ (Steppe Review) — ",
])
def test_headlines_bylines_and_datelines_are_segments_of_their_own(extract, top):
    document = extract(top + FIRST + " She lives in Almaty.")
    (who,) = [p for p in document.people if p.name == "Kamila Yusupova"]  # an agency may be taken for a person
    assert "taraz" in values(who, "born_in")
    assert {f.evidence for f in who.facts if f.relation == "born_in"} == {FIRST}


def test_a_text_wrapped_at_a_width_keeps_sentences_across_lines(parse):
    # Here a line ending without punctuation goes on: the next line starts with a name, not a sentence.
    text = ("Kamila Yusupova is a Kazakh kobyz player who studied for many years with\n"
            "Marat Seitkali in Almaty and later with the old masters of the region, who\n"
            "taught her the long melodies of the steppe.")
    sentences = [" ".join(s.text.split()) for s in parse(text).sents]
    assert sentences == [" ".join(text.split())]


@pytest.mark.parametrize("lemmas, lowers", [
    ({"study", "teach"}, ()), (("play",), ("with", "under")), (frozenset(), {"the", "she"}),
    ({f"word{n}" for n in range(500)} | {"study"}, ())])  # a lexicon larger than the document's words
def test_tokens_with_finds_what_a_scan_of_every_token_finds(parse, lemmas, lowers):
    doc = parse("She studied with Aliya Temirkhanova and taught under the old teacher; she plays with them.")
    scanned = [t.i for t in doc if t.lemma_.lower() in lemmas or t.lower_ in lowers]
    assert scanned  # each case finds something
    assert [t.i for t in tokens_with(doc, lemmas=lemmas, lowers=lowers)] == scanned
