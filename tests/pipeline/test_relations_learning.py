"""Learning and teaching: educated_at, field_of_study, student_of, teacher_of."""
from __future__ import annotations

import pytest

from linernotes.reference import fold

from ..helpers import assert_well_formed, facts, fact_problems, main_person, person, surface_matches, values


def main_of(extract, text):
    doc = extract(text)
    assert_well_formed(text, doc)
    return main_person(doc)


# -- educated_at and field_of_study -------------------------------------------------------------

@pytest.mark.parametrize("text,institution,field", [
    ("Gaukhar Sadykova studied composition at the Moscow Conservatory.", "Moscow Conservatory", "composition"),
    ("Gaukhar Sadykova graduated from the Kurmangazy Conservatory with a degree in conducting.",
     "Kurmangazy Conservatory", "conducting"),
    ("Erzhan Sultanov has a degree in musicology from the Kurmangazy Conservatory.", "Kurmangazy Conservatory",
     "musicology"),
    ("Gaukhar Sadykova is a composition student at the Gnessin Russian Academy of Music.",
     "Gnessin Russian Academy of Music", "composition"),
])
def test_educated_at_with_field(extract, text, institution, field):
    who = main_of(extract, text)
    assert who.values("educated_at") == [institution]
    assert who.values("field_of_study") == [field]
    for relation in ("educated_at", "field_of_study"):
        (fact,) = facts(who, relation)
        assert surface_matches(text, fact), (relation, text[fact.start:fact.end])


def test_educated_at_links_to_the_reference_institution(extract):
    (fact,) = facts(main_of(extract, "Gaukhar Sadykova graduated from the Kurmangazy Conservatory."), "educated_at")
    assert fact.label == "Kurmangazy Kazakh National Conservatory"
    assert fact.ref


def test_graduated_without_a_field(extract):
    who = main_of(extract, "Arman Zhaksybek graduated from the Kyrgyz National Conservatory in 1999.")
    assert who.values("educated_at") == ["Kyrgyz National Conservatory"]
    assert who.values("field_of_study") == []


@pytest.mark.parametrize("text", [
    "Arman Zhaksybek taught at the Kurmangazy Conservatory.",
    "Gaukhar Sadykova teaches composition at the Moscow Conservatory.",
    "Gaukhar Sadykova performed at the Moscow Conservatory.",
])
def test_working_or_performing_at_a_school_is_not_studying_there(extract, text):
    who = main_of(extract, text)
    assert who.values("educated_at") == []
    assert who.values("field_of_study") == []


def test_not_studying_is_not_educated_at(extract):
    who = main_of(extract, "Madina Sarsenbayeva did not study at the Moscow Conservatory. "
                           "She studied at the Kyrgyz National Conservatory.")
    assert who.values("educated_at") == ["Kyrgyz National Conservatory"]


def test_wanting_to_study_is_not_educated_at(extract):
    assert main_of(extract, "Gaukhar Sadykova wanted to study at the Moscow Conservatory.").values("educated_at") == []


@pytest.mark.parametrize("text", [
    "Gaukhar Sadykova hoped to study at the Moscow Conservatory.",
    "Gaukhar Sadykova hoped to study at the Moscow Conservatory, but she stayed in Taraz.",
])
def test_hoping_to_study_is_not_educated_at(extract, text):
    assert main_of(extract, text).values("educated_at") == []


@pytest.mark.parametrize("text", [
    # an offer that the sentence's main clause denies, or one conceded against another school
    "Although Dinara Akhmetova was offered a place at the Gnessin Academy in 2001, she never studied there; she went to Almaty.",
    "Although Dinara Akhmetova had been invited to the Gnessin Academy, she studied at the Kurmangazy Conservatory.",
])
def test_a_denied_offer_is_not_educated_at(extract, text):
    assert "Gnessin Academy" not in main_of(extract, text).values("educated_at")


def test_the_school_a_denied_offer_stands_against_is_kept(extract):
    who = main_of(extract, "Although Dinara Akhmetova had been invited to the Gnessin Academy, she studied at the Kurmangazy Conservatory.")
    assert who.values("educated_at") == ["Kurmangazy Conservatory"]


def test_a_subject_studied_is_not_a_field_of_study(extract):
    who = main_of(extract, "Gaukhar Sadykova wrote a book on the history of Kazakh music.")
    assert who.values("field_of_study") == []


def test_majored_at(extract):
    who = main_of(extract, "Gaukhar Sadykova majored in ethnomusicology at Nazarbayev University.")
    assert who.values("field_of_study") == ["ethnomusicology"]
    assert who.values("educated_at") == ["Nazarbayev University"]


# -- student_of and teacher_of ------------------------------------------------------------------

def test_studied_under(extract):
    text = "Gaukhar Sadykova studied under Gulnara Kassymova at the Kurmangazy Conservatory."
    doc = extract(text)
    assert_well_formed(text, doc)
    student, teacher = person(doc, "Gaukhar Sadykova"), person(doc, "Gulnara Kassymova")
    assert student.values("student_of") == ["Gulnara Kassymova"]
    assert teacher.values("teacher_of") == ["Gaukhar Sadykova"]
    assert student.values("educated_at") == ["Kurmangazy Conservatory"]
    assert teacher.values("educated_at") == []
    (fact,) = facts(student, "student_of")
    assert text[fact.start:fact.end] == "Gulnara Kassymova"
    assert not fact_problems(text, fact)  # the stated direction: value span inside the evidence


def test_taught_someone(extract):
    text = "Asel Dzhumabekova taught Marat Ibrayev the kobyz. She teaches at the Kazakh National University of Arts."
    doc = extract(text)
    teacher, student = person(doc, "Asel Dzhumabekova"), person(doc, "Marat Ibrayev")
    assert teacher.values("teacher_of") == ["Marat Ibrayev"]
    assert student.values("student_of") == ["Asel Dzhumabekova"]
    assert "teacher" in values(teacher, "occupation")
    assert "teacher" not in values(student, "occupation")
    assert student.values("educated_at") == []


def test_teacher_apposition(extract):
    doc = extract("Arman Zhaksybek studied with his teacher, Zeinep Akhmetova.")
    assert person(doc, "Arman Zhaksybek").values("student_of") == ["Zeinep Akhmetova"]
    assert person(doc, "Zeinep Akhmetova").values("teacher_of") == ["Arman Zhaksybek"]


def test_mentor_apposition(extract):
    doc = extract("Gaukhar Sadykova's mentor, Zeinep Akhmetova, lives in Taraz.")
    assert person(doc, "Gaukhar Sadykova").values("student_of") == ["Zeinep Akhmetova"]


def test_a_mentors_occupation_is_not_the_students(extract):
    doc = extract("Gaukhar Sadykova's mentor, Zeinep Akhmetova, is a composer.")
    assert person(doc, "Gaukhar Sadykova").values("occupation") == []


def test_taught_two_people(extract):
    doc = extract("Gulnara Kassymova taught Gaukhar Sadykova and Erlan Nurov.")
    assert set(person(doc, "Gulnara Kassymova").values("teacher_of")) == {"Gaukhar Sadykova", "Erlan Nurov"}


def test_pupil_of(extract):
    doc = extract("Gaukhar Sadykova was a pupil of Gulnara Kassymova.")
    assert person(doc, "Gaukhar Sadykova").values("student_of") == ["Gulnara Kassymova"]


def test_her_teacher_was(extract):
    doc = extract("Gaukhar Sadykova is a pianist. Her teacher was Zeinep Akhmetova.")
    assert person(doc, "Gaukhar Sadykova").values("student_of") == ["Zeinep Akhmetova"]


def test_lessons_from(extract):
    doc = extract("Gaukhar Sadykova took piano lessons from Zeinep Akhmetova.")
    assert person(doc, "Gaukhar Sadykova").values("student_of") == ["Zeinep Akhmetova"]


def test_taught_a_pronoun(extract):
    doc = extract("Arjun Serikbayev met Priya Raghunathan in Delhi. She taught him the sitar.")
    assert person(doc, "Priya Raghunathan").values("teacher_of") == ["Arjun Serikbayev"]
    assert person(doc, "Arjun Serikbayev").values("student_of") == ["Priya Raghunathan"]


def test_teaching_oneself_is_not_teaching(extract):
    who = main_of(extract, "Vivaan Tulegen taught himself the accordion.")
    assert "teacher" not in values(who, "occupation")
    assert who.values("teacher_of") == []


@pytest.mark.parametrize("text,teacher", [
    ("Saule Ermekova studied the dombra at the Kurmangazy Conservatory in Almaty under Karlygash Abdrakhmanova.", "Karlygash Abdrakhmanova"),
    ("At nine, Munisa Ortikova took doira lessons with Abbos Kholmatov at the music school.", "Abbos Kholmatov"),
])
def test_a_teacher_behind_a_preposition_the_parser_hung_elsewhere(extract, text, teacher):
    doc = extract(text)
    assert fold(teacher) in {fold(v) for p in doc.people if p.main for v in p.values("student_of")}


# -- issue 12: the usual English shapes -----------------------------------------------------------

@pytest.mark.parametrize("text,field", [
    ("Nurlan Abishev studied petroleum engineering before turning to music.", "petroleum engineering"),
    ("Nurlan Abishev studied Uzbek classical music at the Tashkent Conservatory.", "uzbek classical music"),
    ("Nurlan Abishev earned a master's degree in jazz at the Jazz Institute Berlin.", "jazz"),
    ("Nurlan Abishev studied percussion at the State Conservatory.", "percussion"),
    ("Nurlan Abishev studied jazz piano in Boston.", "jazz piano"),
])
def test_a_field_is_the_whole_subject_studied(extract, text, field):
    assert field in main_of(extract, text).values("field_of_study")


@pytest.mark.parametrize("text", [
    "Nurlan Abishev studied the dombra at the State Conservatory.",  # learning to play it
    "Nurlan Abishev learned the kobyz from the kobyz master Serik Abenov.",
    "Nurlan Abishev specialises in shashmaqam.",
])
def test_an_instrument_or_genre_is_a_field_only_as_a_subject(extract, text):
    assert main_of(extract, text).values("field_of_study") == []


@pytest.mark.parametrize("text,student,teacher", [
    ("Nurlan Abishev was taught by Saltanat Ibraeva.", "Nurlan Abishev", "Saltanat Ibraeva"),
    ("Nurlan Abishev was mentored by the composer Saltanat Ibraeva.", "Nurlan Abishev", "Saltanat Ibraeva"),
    ("Nurlan Abishev's teacher, Saltanat Ibraeva, was a famous violinist.", "Nurlan Abishev", "Saltanat Ibraeva"),
    ("Nurlan Abishev credits his mentor Saltanat Ibraeva with his career.", "Nurlan Abishev", "Saltanat Ibraeva"),
    ("Nurlan Abishev studied composition with Saltanat Ibraeva.", "Nurlan Abishev", "Saltanat Ibraeva"),
    ("Nurlan Abishev was a pupil of Dina Nurpeisova.", "Nurlan Abishev", "Dina Nurpeisova"),  # the model's ORG
    ("Nurlan Abishev counts Saltanat Ibraeva among his teachers.", "Nurlan Abishev", "Saltanat Ibraeva"),
    ("Saltanat Ibraeva was the first teacher of Nurlan Abishev.", "Nurlan Abishev", "Saltanat Ibraeva"),
])
def test_teacher_shapes(extract, text, student, teacher):
    doc = extract(text)
    assert teacher in person(doc, student).values("student_of")
    assert student in person(doc, teacher).values("teacher_of")


def test_being_taught_does_not_make_a_teacher(extract):
    doc = extract("Nurlan Abishev was taught by Saltanat Ibraeva.")
    assert "teacher" not in person(doc, "Nurlan Abishev").values("occupation")


@pytest.mark.parametrize("text", [
    "Nurlan Abishev took the stage with Saltanat Ibraeva in 2005.",
    "Nurlan Abishev took part in the festival with Saltanat Ibraeva.",
])
def test_taking_something_else_with_someone_is_no_lesson(extract, text):
    assert person(extract(text), "Nurlan Abishev").values("student_of") == []


def test_received_lessons_from(extract):
    doc = extract("Nurlan Abishev received his first piano lessons from his mother, Saltanat Ibraeva.")
    assert person(doc, "Nurlan Abishev").values("student_of") == ["Saltanat Ibraeva"]


@pytest.mark.parametrize("text", [
    "After the split, Nurlan Abishev continued with the pianist Saltanat Ibraeva as a duo.",
    "Nurlan Abishev learned of the offer from his manager, Saltanat Ibraeva.",
    "Nurlan Abishev started his career under the manager Saltanat Ibraeva.",
])
def test_no_lesson_in_other_senses_of_learn_continue_begin(extract, text):
    assert person(extract(text), "Nurlan Abishev").values("student_of") == []


@pytest.mark.parametrize("text", [
    "Nurlan Abishev began the dombra under Saltanat Ibraeva.",
    "Nurlan Abishev continued his studies with Saltanat Ibraeva.",
])
def test_lessons_begun_or_continued(extract, text):
    assert person(extract(text), "Nurlan Abishev").values("student_of") == ["Saltanat Ibraeva"]


@pytest.mark.parametrize("text,student,teacher", [
    ("Bolat Nurov's pupil Aigerim Sadykova won the competition.", "Aigerim Sadykova", "Bolat Nurov"),
    ("Bolat Nurov taught piano to Aigerim Sadykova.", "Aigerim Sadykova", "Bolat Nurov"),
    ("Bolat Nurov, with whom Aigerim Sadykova studied for six years, died in 2001.", "Aigerim Sadykova", "Bolat Nurov"),
])
def test_more_teacher_shapes(extract, text, student, teacher):
    assert teacher in person(extract(text), student).values("student_of")


def test_where_she_studied(extract):
    who = main_of(extract, "Aigerim Sadykova teaches at the Moscow Conservatory, where she studied in the 1980s.")
    assert who.values("educated_at") == ["Moscow Conservatory"]


def test_teaching_at_a_school_is_not_studying_there(extract):
    assert main_of(extract, "Aigerim Sadykova teaches at the Moscow Conservatory.").values("educated_at") == []


def test_a_school_named_in_lower_case(extract):
    doc = extract("Arman Bekov is a dombra player. He studied at the Taraz music college.")
    assert person(doc, "Arman Bekov").values("educated_at") == ["Taraz music college"]


def test_music_school_without_a_name_is_no_institution(extract):
    doc = extract("Aigul Bekova grew up in Taraz, where she attended music school.")
    assert person(doc, "Aigul Bekova").values("educated_at") == []


def test_her_mother_taught_her(extract):
    doc = extract("Asel Nurova is a singer. Her mother, the singer Roza Nurova, taught her her first songs.")
    assert person(doc, "Asel Nurova").values("student_of") == ["Roza Nurova"]


@pytest.mark.parametrize("text", [
    "His wife, the pianist Aigul Bekova, tried to teach him the piano for years.",
    "Aigul Bekova married the pianist Nurlan Omarov, who had studied at the Moscow Conservatory and later played with "
    "her in a trio.",
])
def test_no_lesson_that_did_not_happen_or_was_another_verbs(extract, text):
    doc = extract(text)
    assert all(not p.values("student_of") and not p.values("teacher_of") for p in doc.people)


def test_what_parents_hoped_is_no_field(extract):
    doc = extract("Saule Ermekova's parents had hoped she would study medicine.")
    assert person(doc, "Saule Ermekova").values("field_of_study") == []
