"""Where and when: born_in, birth_date, residence, died_in, death_date, performed_at, toured."""
from __future__ import annotations

import pytest

from ..helpers import assert_well_formed, facts, main_person, person, surface_matches, values

ENCYCLOPEDIA = "Saule Nurlanovna (born 12 March 1987 in Shymkent) is a Kazakh dombra player."


def main_of(extract, text):
    doc = extract(text)
    assert_well_formed(text, doc)
    return main_person(doc)


def only(who, relation):
    found = facts(who, relation)
    assert len(found) == 1, f"{relation}: {[f.value for f in found]}"
    return found[0]


# -- birth --------------------------------------------------------------------------------------

def test_encyclopedia_style_birth(extract):
    who = main_of(extract, ENCYCLOPEDIA)
    born_in = only(who, "born_in")
    assert born_in.value == "Shymkent" and ENCYCLOPEDIA[born_in.start:born_in.end] == "Shymkent"
    birth = only(who, "birth_date")
    assert birth.value == "1987-03-12"
    assert ENCYCLOPEDIA[birth.start:birth.end] == "12 March 1987"
    assert values(who, "nationality") == {"kazakhstan"}
    assert values(who, "occupation") == {"dombra player"}
    assert values(who, "instrument") == {"dombra"}


def test_encyclopedia_style_birth_year_only(extract):
    who = main_of(extract, "Talgat Mukhanov (born 1979 in Taraz) is a Kazakh composer.")
    assert who.values("birth_date") == ["1979"]
    assert who.values("born_in") == ["Taraz"]


def test_encyclopedia_style_birth_place_after_a_comma(extract):
    who = main_of(extract, "Saule Nurlanovna (born 12 March 1987, Shymkent) is a Kazakh dombra player.")
    assert who.values("born_in") == ["Shymkent"]


def test_lifespan_in_parentheses(extract):
    text = "Erzhan Sultanov (14 May 1931 – 2 June 1998) was a Kazakh composer."
    who = main_of(extract, text)
    assert who.values("birth_date") == ["1931-05-14"]
    assert who.values("death_date") == ["1998-06-02"]
    assert text[only(who, "death_date").start:only(who, "death_date").end] == "2 June 1998"


@pytest.mark.parametrize("text,place,date", [
    ("Saule Nurlanovna was born in Shymkent on 12 March 1987.", "Shymkent", "1987-03-12"),
    ("Nargiza Alimova was born on 5 June 1978 in Tashkent, Uzbekistan.", "Tashkent", "1978-06-05"),
    ("Bakhyt Oralov was born on March 3, 1961 in Karaganda.", "Karaganda", "1961-03-03"),
    ("Saule Nurlanovna was born in the town of Kentau in 1990.", "Kentau", "1990"),
])
def test_born_in_running_text(extract, text, place, date):
    who = main_of(extract, text)
    assert who.values("born_in") == [place]
    assert who.values("birth_date") == [date]
    assert surface_matches(text, only(who, "born_in"))


def test_nationality_from_the_birthplace_is_less_sure(extract):
    who = main_of(extract, "Saule Nurlanovna was born in Shymkent.")
    (nationality,) = facts(who, "nationality")
    assert nationality.value == "Kazakhstan"
    assert nationality.confidence < only(who, "born_in").confidence


def test_a_relatives_birthplace_is_not_the_persons(extract):
    who = main_of(extract, "Saule Nurlanovna plays the dombra. Her father was born in Osh.")
    assert who.values("born_in") == []


def test_born_in_one_city_raised_in_another(extract):
    who = main_of(extract, "Madina Sarsenbayeva was born in Osh and grew up in Bishkek.")
    assert who.values("born_in") == ["Osh"]
    assert values(who, "residence") == {"bishkek"}


def test_born_in_a_hyphenated_historical_name(extract):
    who = main_of(extract, "Bolat Yesenov was born in Alma-Ata, Kazakhstan.")
    assert who.values("born_in") == ["Alma-Ata"]
    assert values(who, "nationality") == {"kazakhstan"}


# -- residence ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text,place", [
    ("Saule Nurlanovna grew up in Taraz.", "Taraz"),
    ("Saule Nurlanovna was raised in Taraz.", "Taraz"),
    ("Saule Nurlanovna spent her childhood in Taraz.", "Taraz"),
    ("Saule Nurlanovna lived in Almaty for ten years.", "Almaty"),
    ("Saule Nurlanovna settled in Astana.", "Astana"),
    ("Saule Nurlanovna returned to Taraz in 2010.", "Taraz"),
    ("Marat Ibrayev, a Kyrgyz komuz player, lives in Bishkek.", "Bishkek"),
])
def test_residence(extract, text, place):
    who = main_of(extract, text)
    assert who.values("residence") == [place]
    assert who.values("born_in") == []
    assert surface_matches(text, only(who, "residence"))


def test_moving_is_not_being_born(extract):
    who = main_of(extract, "Bolat Yesenov was born in Almaty. He later moved to Taraz.")
    assert who.values("born_in") == ["Almaty"]
    assert who.values("residence") == ["Taraz"]


def test_moved_to_a_city_in_a_year(extract):
    who = main_of(extract, "Madina Sarsenbayeva grew up in Bishkek. She moved to Almaty in 2003.")
    assert values(who, "residence") == {"bishkek", "almaty"}


# -- death --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Arman Zhaksybek died in Almaty in 1998.",
    "Arman Zhaksybek was a composer who died in Almaty in 1998.",
])
def test_death(extract, text):
    who = main_of(extract, text)
    assert who.values("died_in") == ["Almaty"]
    assert who.values("death_date") == ["1998"]
    assert who.values("residence") == []


# -- performing and touring ---------------------------------------------------------------------

@pytest.mark.parametrize("text,venues", [
    ("Meruyert Tulegenova performed at the Royal Albert Hall.", {"royal albert hall"}),
    ("Meruyert Tulegenova sang at the Astana Opera.", {"astana opera"}),
    ("Meruyert Tulegenova has performed in Tokyo and Seoul.", {"tokyo", "seoul"}),
    ("Erzhan Sultanov performed at Carnegie Hall in 2010.", {"carnegie hall"}),
])
def test_performed_at(extract, text, venues):
    who = main_of(extract, text)
    assert values(who, "performed_at") == venues
    for fact in facts(who, "performed_at"):
        assert surface_matches(text, fact)


def test_gave_a_concert_in(extract):
    who = main_of(extract, "Meruyert Tulegenova gave a concert in Astana.")
    assert values(who, "performed_at") == {"astana"}


@pytest.mark.parametrize("text,places", [
    ("Saule Nurlanovna toured Japan and Korea.", {"japan", "korea"}),
    ("Erzhan Sultanov toured across Europe.", {"europe"}),
])
def test_toured(extract, text, places):
    assert values(main_of(extract, text), "toured") == places


def test_toured_coordinated_regions(extract):
    assert values(main_of(extract, "Erzhan Sultanov toured across Europe and Asia."), "toured") == {"europe", "asia"}


def test_studying_in_a_city_is_not_living_or_performing_there(extract):
    who = main_of(extract, "Saule Nurlanovna studied in Moscow.")
    assert not values(who, "performed_at") | values(who, "born_in") | values(who, "toured")


def test_a_venue_named_place_is_the_venue(extract):
    who = main_of(extract, "Meruyert Tulegenova performed at the Palace of the Republic in Almaty.")
    assert any("palace of the republic" in v for v in values(who, "performed_at"))


def test_place_facts_are_per_person(extract):
    doc = extract("Erlan Nurov grew up in Taraz. His sister, Aigerim Nurova, was born in Osh.")
    assert person(doc, "Erlan Nurov").values("residence") == ["Taraz"]
    assert person(doc, "Erlan Nurov").values("born_in") == []


@pytest.mark.parametrize("text", [
    "Erlan Nurov grew up in Taraz. His teacher, Gulnara Kassymova, was born in Osh.",
    "Erlan Nurov grew up in Taraz. His teacher was born in Osh.",
])
def test_a_teachers_birthplace_is_not_the_students(extract, text):
    who = main_of(extract, text)
    assert who.values("residence") == ["Taraz"]
    assert who.values("born_in") == []


@pytest.mark.parametrize("text,places", [
    ("Meruyert Tulegenova divides her time between Astana and Vienna.", {"astana", "vienna"}),
    ("Meruyert Tulegenova lives and works in Almaty.", {"almaty"}),
    ("Meruyert Tulegenova is a singer. In 2009 she came to Vienna to study singing.", {"vienna"}),
    ("Meruyert Tulegenova is a singer. She spent her childhood with her grandparents in Taraz.", {"taraz"}),
])
def test_residence_shapes(extract, text, places):
    assert values(main_of(extract, text), "residence") == places


def test_coming_to_a_city_to_perform_is_no_residence(extract):
    who = main_of(extract, "Meruyert Tulegenova is a singer. In 2009 she came to Vienna to perform at a festival.")
    assert values(who, "residence") == set()


@pytest.mark.parametrize("text,venues", [
    ("Meruyert Tulegenova is a singer. She made her debut at the Astana Opera in 2011.", {"astana opera"}),
    ("Meruyert Tulegenova is a singer. Her appearances include the Salzburg Festival.", {"salzburg festival"}),
    ("Meruyert Tulegenova gave recitals in Tokyo and Seoul.", {"tokyo", "seoul"}),
])
def test_performed_at_shapes(extract, text, venues):
    assert values(main_of(extract, text), "performed_at") == venues


@pytest.mark.parametrize("text", [
    "Meruyert Tulegenova is a singer. A tour of Japan planned for 2020 was dropped.",
    "Meruyert Tulegenova is a singer. I would love to sing in Japan one day, she says.",
])
def test_tours_called_off_or_wished_for_are_not_tours(extract, text):
    who = main_of(extract, text)
    assert not values(who, "toured") | values(who, "performed_at")


def test_a_country_that_says_where_the_city_is_is_no_stage(extract):
    who = main_of(extract, "Meruyert Tulegenova gave two concerts in Osh, in southern Kyrgyzstan.")
    assert values(who, "performed_at") == {"osh"}


def test_a_role_is_no_stage(extract):
    who = main_of(extract, "Meruyert Tulegenova is a soprano. She made her debut at the Astana Opera as Gilda.")
    assert values(who, "performed_at") == {"astana opera"}


def test_a_list_of_countries_parsed_as_apposition(extract):
    who = main_of(extract, "Saule Nurlanovna is a singer. In the 1980s she toured West Germany, the Netherlands and Austria.")
    assert values(who, "toured") == {"west germany", "netherlands", "austria"}


def test_every_stage_of_a_list_played(extract):
    who = main_of(extract, "Saule Nurlanovna is a singer. She has played the Sziget Festival and the Blue Note Tokyo.")
    assert "blue note tokyo" in values(who, "performed_at")


def test_birth_date_further_on_in_the_phrase_born_governs(extract):
    who = main_of(extract, "Saule Nurlanovna had been born far from the capital, in Shymkent, on 2 May 1941.")
    assert who.values("birth_date") == ["1941-05-02"]


def test_a_date_after_another_verb_is_not_the_birth_date(extract):
    who = main_of(extract, "Saule Nurlanovna was born in Shymkent and moved with her parents to Almaty in 1990.")
    assert who.values("birth_date") == []


def test_lifespan_after_a_later_mention(extract):
    text = "Erzhan Sultanov and his students\n\nUstaz Erzhan Sultanov (1931–1998) was a Kazakh composer."
    who = main_of(extract, text)
    assert who.values("birth_date") == ["1931"]


def test_present_tense_death_in_a_chronology(extract):
    who = main_of(extract, "Erzhan Sultanov is a composer. In the last chapter Sultanov dies in Almaty on 2 June 1998.")
    assert who.values("death_date") == ["1998-06-02"]


def test_a_date_after_a_second_verb_is_not_the_birth_date(extract):
    who = main_of(extract, "Saule Nurlanovna was born in Osh and came to Almaty in 1962.")
    assert who.values("birth_date") == []


def test_a_city_that_owns_its_musician(extract):
    who = main_of(extract, "Saule Nurlanovna is one of Almaty's busiest session drummers.")
    assert values(who, "residence") == {"almaty"}


def test_a_city_owning_someone_elses_musician_is_not_her_residence(extract):
    who = main_of(extract, "Saule Nurlanovna is a singer. She recorded with Almaty's best drummer.")
    assert values(who, "residence") == set()


def test_from_a_city_in_a_named_country_gives_the_nationality(extract):
    doc = extract("Saule Nurlanovna teaches in Almaty. Her student Kim Min-ji, a gayageum player from Busan, South Korea, came in 2010.")
    kim = next(p for p in doc.people if p.name == "Kim Min-ji")
    assert values(kim, "nationality") == {"south korea"}
    assert "busan" in values(kim, "residence")


def test_city_born_goes_to_the_name_the_title_ends_in(extract):
    doc = extract("Saule Nurlanovna formed a trio with the Lagos-born drummer and producer Emeka Obi.")
    obi = next(p for p in doc.people if p.name == "Emeka Obi")
    assert values(obi, "born_in") == {"lagos"} and values(obi, "nationality") == {"nigeria"}
    assert values(main_person(doc), "born_in") == set()
