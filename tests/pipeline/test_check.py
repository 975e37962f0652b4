"""Stage 6, check: claims that cannot all be true, flagged; true claims left alone."""
from __future__ import annotations

import pytest

from linernotes.errors import Checks, ConfigError
from linernotes.model import SEVERITIES, Check
from linernotes.pipeline import check as check_module, load
from linernotes.pipeline.check import Checker, CheckRule, check_rule, check_rules, finding
from linernotes.pipeline.checks.contradictions import compatible
from linernotes.pipeline.checks.places import same_place

from ..helpers import checks_about, codes


def checks(extract, text):
    doc = extract(text)
    for check in doc.checks:
        assert check.severity in SEVERITIES
        assert check.message and check.evidence in text
        assert 0 <= check.start < check.end <= len(text)
        assert text[check.start:check.end] in check.evidence
    return doc


# -- place-country-mismatch ---------------------------------------------------------------------

@pytest.mark.parametrize("text,place,real", [
    ("Daulet Sarsenbayev was born in Osh, Kazakhstan. He plays the kobyz.", "Osh", "Kyrgyzstan"),
    ("Zhanar Ibraimova grew up in the town of Karakol, Kazakhstan.", "Karakol", "Kyrgyzstan"),
    ("Nurlan Abdrakhmanov was born in Taraz, Kyrgyzstan in 1975.", "Taraz", "Kazakhstan"),
])
def test_place_country_mismatch_flagged(extract, text, place, real):
    doc = checks(extract, text)
    (found,) = checks_about(doc, "place-country-mismatch", place)
    assert found.value == place and text[found.start:found.end] == place
    assert real in found.message
    assert found.severity == "warning"


@pytest.mark.parametrize("text", [
    "Zarina Ospanova was born in Almaty, Kazakhstan in 1980.",
    "Arman Zhaksybek was born in Karakol, Kyrgyzstan.",
    "Madina Bekova lives in Osh, Kyrgyzstan.",
    "Madina Bekova was born in Bishkek, Kyrgyzstan. She lives in Taraz, Kazakhstan.",
    "Nargiza Alimova was born on 5 June 1978 in Tashkent, Uzbekistan.",
    "Zarina Ospanova was born in Astana, Kazakhstan.",
])
def test_place_country_mismatch_not_flagged(extract, text):
    assert "place-country-mismatch" not in codes(checks(extract, text))


# -- wrong-capital ------------------------------------------------------------------------------

@pytest.mark.parametrize("text,city", [
    ("Arman Zhaksybek lives in Shymkent, the capital of Kazakhstan.", "Shymkent"),
    ("Aidos Bekov was born in 1990 in Shymkent, the capital of Kazakhstan.", "Shymkent"),
    ("In 1995 Madina Bekova moved to Astana, the capital of Kazakhstan.", "Astana"),
    ("In 2005 Madina Bekova moved to Almaty, the capital of Kazakhstan.", "Almaty"),
    ("Madina Bekova lives in Osh, the capital of Kyrgyzstan.", "Osh"),
])
def test_wrong_capital_flagged(extract, text, city):
    doc = checks(extract, text)
    (found,) = checks_about(doc, "wrong-capital", city)
    assert text[found.start:found.end] == city


@pytest.mark.parametrize("text", [
    "Aidos Bekov moved in 1990 to Almaty, then the capital of Kazakhstan.",
    "Madina Bekova was born in 1980 in Almaty, then the capital of Kazakhstan.",
    "Arman Zhaksybek lives in Astana, the capital of Kazakhstan.",
    "Madina Bekova lived in Almaty, the capital of Kazakhstan, from 1985.",
    "Madina Bekova moved to Almaty, the former capital of Kazakhstan.",
    "Arman Zhaksybek lives in Bishkek, the capital of Kyrgyzstan.",
])
def test_wrong_capital_not_flagged(extract, text):
    assert "wrong-capital" not in codes(checks(extract, text))


# -- date-inconsistency -------------------------------------------------------------------------

@pytest.mark.parametrize("text,year", [
    ("Ruslan Temirov (born 1980) died in 1975.", "1975"),
    ("Madina Bekova (1980–1975) was a singer.", "1975"),
    ("Ruslan Temirov was born in 1980. In 1975 he recorded his first album.", "1975"),
    ("Madina Bekova died in 1998. In 2003 she recorded an album.", "2003"),
])
def test_date_inconsistency_flagged(extract, text, year):
    doc = checks(extract, text)
    (found,) = checks_about(doc, "date-inconsistency", year)
    assert text[found.start:found.end] == year


@pytest.mark.parametrize("text", [
    "Arman Zhaksybek was born in 1970. In 2001 he recorded his first album.",
    "Erzhan Sultanov (14 May 1931 – 2 June 1998) was a Kazakh composer.",
    "Arman Zhaksybek died in 1998. In 2005 his final album was released posthumously.",
    "Madina Bekova was born in 1980. Her grandfather recorded an album in 1955.",
])
def test_date_inconsistency_not_flagged(extract, text):
    assert "date-inconsistency" not in codes(checks(extract, text))


# -- age-inconsistency --------------------------------------------------------------------------

@pytest.mark.parametrize("text,age", [
    ("Ruslan Temirov was born in 1980. In 1995, at the age of 30, he won a competition.", "30"),
    ("Madina Bekova was born in 1980. In 2000, aged 35, she won a competition.", "35"),
])
def test_age_inconsistency_flagged(extract, text, age):
    doc = checks(extract, text)
    (found,) = checks_about(doc, "age-inconsistency", age)
    assert age in text[found.start:found.end]


@pytest.mark.parametrize("text", [
    "Ruslan Temirov was born in 1980. In 1995, at the age of 15, he won a competition.",
    "Ruslan Temirov was born in 1980. He won the Grand Prix in 1995 at the age of 15.",
    "Madina Bekova was born in 1980. In 2000, at the age of 20, she won a competition.",
    "Madina Bekova was born in 1980. In 2001, at the age of 20, she recorded her first album.",
])
def test_age_inconsistency_not_flagged(extract, text):
    assert "age-inconsistency" not in codes(checks(extract, text))


@pytest.mark.xfail(reason="check: an age given before the year ('At the age of 35, in 2001, she recorded') is not "
                          "compared with the birth year", strict=False)
def test_age_before_the_year(extract):
    doc = checks(extract, "Madina Bekova was born in 1980. At the age of 35, in 2001, she recorded her first album.")
    assert checks_about(doc, "age-inconsistency", "35")


def test_someone_elses_age_is_not_checked_against_the_persons_birth(extract):
    doc = checks(extract, "Madina Bekova was born in 1980. In 2001 her mother, aged 50, recorded an album.")
    assert "age-inconsistency" not in codes(doc)


# -- institution-location-mismatch --------------------------------------------------------------

@pytest.mark.parametrize("text,place,home", [
    ("Gaukhar Sadykova studied at the Kurmangazy Conservatory in Astana.", "Astana", "Almaty"),
    ("Madina Bekova studied at the Moscow Conservatory in Almaty.", "Almaty", "Moscow"),
])
def test_institution_location_mismatch_flagged(extract, text, place, home):
    doc = checks(extract, text)
    (found,) = checks_about(doc, "institution-location-mismatch", place)
    assert home in found.message and text[found.start:found.end] == place


@pytest.mark.parametrize("text", [
    "Gaukhar Sadykova studied at the Kurmangazy Conservatory in Almaty.",
    "Madina Bekova studied at the Moscow Conservatory in Moscow.",
    "Madina Bekova studied at the Kurmangazy Conservatory in Kyzylorda-Town.",
])
def test_institution_location_mismatch_not_flagged(extract, text):
    assert "institution-location-mismatch" not in codes(checks(extract, text))


def test_institution_in_the_historical_name_of_its_city(extract):
    doc = checks(extract, "Madina Bekova studied at the Kurmangazy Conservatory in Alma-Ata.")
    assert "institution-location-mismatch" not in codes(doc)


# -- contradiction ------------------------------------------------------------------------------

@pytest.mark.parametrize("text,value", [
    ("Bolat Yesenov was born in Almaty. He was born in Taraz.", "Taraz"),
    ("Madina Bekova was born in 1980. She was born in 1982.", "1982"),
])
def test_contradiction_flagged(extract, text, value):
    doc = checks(extract, text)
    (found,) = checks_about(doc, "contradiction", value)
    assert text[found.start:found.end] == value


@pytest.mark.parametrize("text", [
    "Bolat Yesenov was born in Almaty. He later moved to Taraz.",
    "Madina Bekova was born in Almaty. She was born in Kazakhstan.",
    "Madina Bekova was born in Almaty. She was born in Alma-Ata.",
    "Madina Bekova was born on 3 May 1980. She was born in 1980.",
    "Madina Bekova was born in Osh. Her brother was born in Taraz.",
    "Zarina Ospanova was born in Almaty, Kazakhstan in 1980.",
    "Bolat Yesenov was born in Alma-Ata, Kazakhstan.",
])
def test_contradiction_not_flagged(extract, text):
    assert "contradiction" not in codes(checks(extract, text))


# -- clean texts and helpers --------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Saule Nurlanovna (born 12 March 1987 in Shymkent) is a Kazakh dombra player. She grew up in Taraz.",
    "Dilnaz Abenova is a singer. Her father, a violinist from Osh, taught her to sing.",
    "Madina Bekova was born in Paris, Texas.",
])
def test_true_biographies_have_no_findings(extract, text):
    assert checks(extract, text).checks == []


def test_one_finding_per_problem(extract):
    doc = checks(extract, "Daulet Sarsenbayev was born in Osh, Kazakhstan. Daulet later moved to Osh, Kazakhstan.")
    starts = [(c.code, c.start) for c in doc.checks]
    assert len(starts) == len(set(starts))
    assert len(checks_about(doc, "place-country-mismatch", "Osh")) == 2


def test_same_place_and_compatible():
    assert same_place("Alma-Ata", "Almaty")
    assert same_place("Nur-Sultan", "Astana")
    assert not same_place("Almaty", "Astana")
    assert compatible("born_in", "Almaty", "Kazakhstan")
    assert compatible("born_in", "Almaty", "Alma-Ata")
    assert not compatible("born_in", "Almaty", "Taraz")
    assert compatible("birth_date", "1980-05-03", "1980")
    assert not compatible("birth_date", "1980", "1982")
    assert not compatible("gender", "male", "female")


def test_a_capital_named_by_its_adjective(extract):
    doc = extract("Deniz Yilmaz gave her first concert in Istanbul, the Turkish capital, in 2015.")
    assert [c.code for c in doc.checks] == ["wrong-capital"]
    assert not extract("Deniz Yilmaz gave her first concert in Ankara, the Turkish capital, in 2015.").checks


def test_a_country_after_a_compass_word(extract):
    doc = extract("In 2005 the band played two nights in Khujand, in northern Kyrgyzstan.")
    assert [c.code for c in doc.checks] == ["place-country-mismatch"]


# -- the registry: checks by name, codes from the catalogue --------------------------------------

PLANTED = ("Daulet Sarsenbayev was born in Osh, Kazakhstan in 1980. In 1975 he recorded his first album. "
           "He lives in Shymkent, the capital of Kazakhstan.")


def test_every_registered_check_emits_catalogued_document_codes():
    rules = check_rules()
    assert list(rules) == ["linernotes.place_country.v1", "linernotes.wrong_capital.v1",
                           "linernotes.institution_location.v1", "linernotes.dates_and_ages.v1",
                           "linernotes.contradictions.v1"]
    for rule in rules.values():
        assert rule.codes and all(Checks.of(code).scope == "document" for code in rule.codes)
    declared = {code for rule in rules.values() for code in rule.codes}
    assert declared == {c.code for c in Checks.all() if c.scope == "document"}  # no catalogued code left unemitted


def test_findings_are_typed_checks_with_the_catalogued_severity(nlp):
    doc = nlp(PLANTED)
    assert {c.code for c in doc._.ln_checks} == {"place-country-mismatch", "date-inconsistency", "wrong-capital"}
    for check in doc._.ln_checks:
        assert isinstance(check, Check) and check.severity == Checks.of(check.code).severity


@pytest.fixture(scope="module")
def without_place_country():
    """A pipeline of its own (the shared one is left as loaded) with one check switched off by config."""
    nlp = load()
    nlp.remove_pipe("linernotes_check")
    nlp.add_pipe("linernotes_check", config={"disabled": ["linernotes.place_country.v1"]})
    return nlp


def test_a_check_disabled_by_config_finds_nothing_and_the_others_still_run(nlp, without_place_country):
    everything = [c.to_dict() for c in nlp(PLANTED)._.ln_checks]
    found = [c.to_dict() for c in without_place_country(PLANTED)._.ln_checks]
    assert found == [c for c in everything if c["code"] != "place-country-mismatch"]
    assert len(found) == len(everything) - 1


def test_the_default_pipeline_disables_nothing(nlp):
    assert nlp.get_pipe_config("linernotes_check")["disabled"] == []
    assert [rule.name for rule in nlp.get_pipe("linernotes_check").rules] == list(check_rules())


def test_disabling_a_check_that_does_not_exist_is_refused(without_place_country):
    with pytest.raises(ConfigError, match=r"\[E040\].*'linernotes.place_contry.v1'.*linernotes.place_country.v1"):
        without_place_country.add_pipe("linernotes_check", name="misspelt",
                                       config={"disabled": ["linernotes.place_contry.v1"]})
    assert "misspelt" not in without_place_country.pipe_names


def test_an_uncatalogued_code_is_refused_at_registration_and_at_emission(nlp):
    before = dict(check_rules())
    with pytest.raises(ValueError, match="not in the catalogue"):
        check_rule("test.made_up.v1", codes=("made-up-code",))
    with pytest.raises(ValueError, match="already registered"):
        check_rule("linernotes.place_country.v1", codes=("place-country-mismatch",))(lambda doc: [])
    assert check_rules() == before
    doc = nlp("Madina Bekova was born in Almaty.")
    with pytest.raises(ValueError, match="not in the catalogue"):
        finding("made-up-code", "m", "Almaty", 26, 32, doc[:7])


def test_a_finding_outside_its_checks_codes_is_refused(nlp, monkeypatch):
    doc = nlp("Madina Bekova was born in Almaty.")
    stray = CheckRule("test.stray.v1", ("wrong-capital",), lambda d: [finding("contradiction", "m", "Almaty", 26, 32, d[:7])])
    monkeypatch.setattr(check_module, "CHECK_RULES", {stray.name: stray})
    with pytest.raises(ValueError, match="emitted 'contradiction'"):
        Checker()(doc)
