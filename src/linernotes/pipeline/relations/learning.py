"""Learning and teaching: educated_at, field_of_study, student_of, teacher_of, and teaching as a job."""
from __future__ import annotations

from typing import Iterator

from ...reference import vocab
from ..arguments import THROUGH_OF, names_after, person_behind
from ..relate import Candidate, Context, rule
from ._util import ancestors_within, clean_name
from ..layout import tokens_of, tokens_with
from ..syntax import HYPOTHETICAL, is_hypothetical, is_negated, path_to_clause, subject_owner
from ...reference.lexicons import lexicon


def named_subject(verb, refs) -> tuple[int, ...] | None:
    """The person a kinship or title subject names in apposition: "Her mother, the singer X, taught ..." (the clause
    reader stops at "mother")."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.i in refs or subject_owner(subject, refs).people:
        return None
    named = [refs[p.i][0] for c in subject.children if c.dep_ == "appos" for p in [person_behind(c, refs)] if p is not None]
    return tuple(named[:1]) or None


def only_wished(token) -> bool:
    """"her parents had hoped she would study medicine", "she hoped to study at the Moscow Conservatory": a clause
    under a wish verb (the clause reader stops at "she would study", which has a subject of its own; and the
    lemmatizer reads "hoped" as "hop")."""
    def lemma(t) -> str:
        return "hope" if t.lower_ in ("hoped", "hopes", "hoping") else t.lemma_.lower()
    path = path_to_clause(token)
    top = path[-1]
    if any(lemma(t) == "hope" for t in path[1:]) or top.dep_ == "xcomp" and lemma(top.head) == "hope":
        return True
    return top.dep_ == "ccomp" and lemma(top.head) in HYPOTHETICAL \
        and any(c.dep_ == "aux" and c.lower_ in ("would", "could", "might", "should") for c in top.children)


def not_the_teacher(verb, obj, student: int, refs) -> int:
    """"Her mother, the singer X, taught her her first songs": an object pronoun is not the subject's own person
    (the pronoun reader took the nearest woman, the mother); it is the possessor the subject is named through."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or obj.pos_ != "PRON":
        return student
    teachers = set(subject_owner(subject, refs).people) | set(named_subject(verb, refs) or ())
    if student not in teachers:
        return student
    possessor = next((c for c in subject.children if c.dep_ == "poss" and c.i in refs and len(refs[c.i]) == 1), None)
    return refs[possessor.i][0] if possessor is not None and refs[possessor.i][0] != student else student


def learning_here(token, word: str, lessons: frozenset[str], ctx: Context) -> bool:
    """Does this "learn" / "continue" / "begin" say one learned? Not "learned of the offer from X", "learned that
    ...", "continued with the pianist X as a duo", "started her career under the manager X"."""
    children = list(token.children)
    if word == "learn":
        return not any(c.dep_ == "prep" and c.lower_ in ("of", "about") or c.dep_ == "ccomp" for c in children)
    if word in ("continue", "begin", "start"):
        objects = [c for c in children if c.dep_ in ("dobj", "xcomp")]
        if word == "continue" and not objects:
            return any(c.dep_ == "prep" and c.lower_ == "under" for c in children)  # "continued under X", not "with"
        return all(o.lemma_.lower() in lessons or ctx.mention_of(o, "Instrument", "Field") is not None for o in objects)
    return True


def trigger_words(name: str) -> frozenset[str]:
    """A trigger-word list from ``data/lexicons`` (imported here: ``patterns`` imports ``relate``)."""
    return lexicon(name)


SELF = {"himself", "herself", "themselves", "myself"}


def study_denied(root, studied: int) -> bool:
    """"Although she was offered a place at X, she did not study there": the study word is in a clause above the
    school's own one (the offer), and that clause denies it or only wishes it; "Although she was invited to X, she
    studied at Y": an offer conceded against the study."""
    clause = path_to_clause(root)
    verb = ancestors_within(root, 6)[studied]
    if verb in clause:
        return False
    top = clause[-1]
    conceded = top.lemma_.lower() in trigger_words("offer_verbs") and any(
        c.dep_ == "mark" and c.lower_ in ("although", "though", "while") for c in top.children)
    return conceded or is_negated(verb) or is_hypothetical(verb)


@rule("linernotes.educated_at.v1")
def educated_at(ctx: Context) -> Iterator[Candidate]:
    STUDY, EMPLOYED = trigger_words("study_words"), trigger_words("employed_words")
    for span in ctx.labelled("Institution"):
        words = [t.lemma_.lower() for t in ancestors_within(span.root, 6)]
        employed = next((i for i, w in enumerate(words) if w in EMPLOYED), None)
        studied = next((i for i, w in enumerate(words) if w in STUDY), None)
        anchor = span.root
        if studied is None or (employed is not None and employed < studied):
            # "she teaches at the Conservatory, where she studied in the 1980s": the school's own clause says it
            anchor = next((c for c in span.root.children if c.dep_ == "relcl" and c.lemma_.lower() in STUDY
                           and any(a.lower_ == "where" for a in c.children)), None)
            if anchor is None:
                continue
        if only_wished(anchor) or anchor.i == span.root.i and study_denied(span.root, studied):
            continue
        text, start, end = clean_name(span)
        term = vocab.institutions().get(text)
        yield Candidate("educated_at", text, start, end, anchor, 0.9,
                        ref=term.ref if term else None, label=term.name if term else None)


@rule("linernotes.field_of_study.v1")
def field_of_study(ctx: Context) -> Iterator[Candidate]:
    """"a degree in composition", "studied petroleum engineering", and a genre or instrument studied as a
    subject: "studied percussion", "a master's degree in jazz", "studied jazz piano"."""
    seen: set[int] = set()
    for span in [*ctx.labelled("Field"), *ctx.labelled("Genre", "Instrument")]:
        root = span.root
        following = root.doc[span.end] if span.end < len(root.doc) else None
        if root.i in seen or following is not None and following.lower_ == "of":
            continue  # "the history of Kazakh music" is a subject studied, not a field of study
        if not states_field(root, strict=span.label_ != "Field") or only_wished(root):
            continue
        if span.label_ == "Instrument" and any(c.dep_ in ("det", "poss") for c in root.children):
            continue  # "studied the dombra" is learning to play it; "studied piano" names a subject
        term = vocab.fields_of_study().get(span.text) if span.label_ == "Field" else None
        if span.label_ == "Field" and term is None:
            continue
        seen.add(root.i)
        start = first_modifier(root, span.start)
        text = root.doc[start:span.end].text
        yield Candidate("field_of_study", text.lower(), root.doc[start].idx, span.end_char, root, 0.85,
                        ref=term.ref if term and start == span.start else None, label=term.name if term else None)


#: Adjectives that say how one studied, not what: "further composition studies", "private piano lessons".
NOT_OF_THE_FIELD = {"further", "advanced", "formal", "private", "early", "first", "basic", "general", "postgraduate",
                    "graduate", "undergraduate", "professional", "serious", "intensive", "additional", "two", "three"}


def first_modifier(root, start: int) -> int:
    """Where the field's name begins: the nouns and adjectives written right before it ("petroleum
    engineering", "Turkish folk music", "jazz piano")."""
    modifiers = {c.i for c in root.children if c.dep_ in ("compound", "amod") and c.i < root.i
                 and c.lower_ not in NOT_OF_THE_FIELD and c.pos_ in ("NOUN", "PROPN", "ADJ")}
    modifiers |= {g.i for m in list(modifiers) for g in root.doc[m].children if g.dep_ in ("compound", "amod") and g.i < m
                  and g.lower_ not in NOT_OF_THE_FIELD and g.pos_ in ("NOUN", "PROPN", "ADJ")}
    while start - 1 in modifiers:
        start -= 1
    return start


@rule("linernotes.teaching.v1")
def teaching(ctx: Context) -> Iterator[Candidate]:
    """"X studied under Y", "Y taught X", "her teacher Y", "teaching accordion lessons" (teacher)."""
    refs = ctx.refs
    LEARN, LESSONS, LEARNING_WORDS = trigger_words("learn_words"), trigger_words("lesson_nouns"), trigger_words("learning_words")
    TEACHER_NOUNS, STUDENT_NOUNS, LISTING = trigger_words("teacher_nouns"), trigger_words("student_nouns"), trigger_words("listing_verbs")
    LESSON_VERBS = trigger_words("lesson_verbs")  # "took the stage with X" is no lesson; "took lessons with X" is
    LEARN_ONLY, LESSONS_OR_LEARN, PERSON_NOUNS = LEARN - LESSON_VERBS, LESSONS | LEARN, TEACHER_NOUNS | STUDENT_NOUNS
    # Only these words start a branch below: the rest of the text is passed over without a look at its children.
    starts = LEARN | LESSON_VERBS | PERSON_NOUNS | {"teach"}
    for token in tokens_with(ctx.doc, lemmas=starts, lowers=("under", "from", "with", "taught")):
        word = token.lemma_.lower()
        passive = any(c.dep_ == "auxpass" for c in token.children)
        if word == "teach" and token.pos_ == "VERB" and not passive:  # "was taught by X" is read below
            if token.dep_ == "xcomp" and token.head.lemma_.lower() in ("try", "attempt", "refuse"):
                continue  # "she tried to teach him the piano; he never learned it"
            objects = [c for c in token.children if c.dep_ in ("dobj", "dative")]
            objects += [o for p in token.children if p.dep_ == "prep" and p.lower_ == "to" for o in p.children if o.dep_ == "pobj"]  # "taught piano to X"
            if any(c.lower_ in SELF for c in objects):
                continue
            students = [not_the_teacher(token, c, refs[c.i][0], refs)  # "taught A and B"
                        for o in objects for c in [o, *o.conjuncts] if c.i in refs and len(refs[c.i]) == 1]
            teacher = named_subject(token, refs)
            for student in students:
                name = ctx.people[student].name
                span = ctx.people[student].spans[0]
                yield Candidate("teacher_of", name, span.start_char, span.end_char, token, 0.85, people=teacher, value_person=student)
            if token.dep_ not in ("xcomp", "pcomp") or objects:
                yield Candidate("occupation", "teacher", token.idx, token.idx + len(token.text), token, 0.75, fallback=False)
        elif word in LEARN_ONLY or token.lower_ == "taught" and token.dep_ in ("acl", "auxpass") or word == "teach" and passive \
                or word in LESSON_VERBS and any(c.dep_ == "dobj" and c.lemma_.lower() in LESSONS for c in token.children):
            if not learning_here(token, word, LESSONS_OR_LEARN, ctx):
                continue
            for prep in [*token.children, *(g for c in token.children if c.dep_ == "dobj" and c.lemma_.lower() in LESSONS for g in c.children)]:
                if word in ("begin", "start"):
                    allowed = ("under", "from")
                elif word in LESSON_VERBS:
                    allowed = ("under", "from", "with")  # only reached with "lessons" as its object
                else:
                    allowed = ("under", "with", "by", "from", "in")
                if prep.dep_ in ("prep", "agent") and prep.lower_ in allowed:
                    teachers = []
                    for obj in prep.children:
                        named = person_behind(obj, refs) if obj.dep_ == "pobj" else None
                        if named is None or prep.lower_ == "in" and obj.lemma_.lower() not in THROUGH_OF:
                            continue
                        teachers.append(refs[named.i][0])
                    if prep.lower_ != "in":
                        teachers += names_after(prep, refs)
                    for teacher in dict.fromkeys(teachers):
                        span = ctx.people[teacher].spans[0]
                        yield Candidate("student_of", ctx.people[teacher].name, span.start_char, span.end_char, token, 0.85, value_person=teacher)
        elif token.pos_ == "ADP" and token.lower_ in ("under", "from", "with"):
            # "studied the dombra at the Conservatory in Almaty under X", "took doira lessons with X",
            # "learned his first küis from X": the preposition hangs wherever the parser put it.
            learning = next((t for t in ancestors_within(token, 4) if t.lemma_.lower() in LEARNING_WORDS), None)
            if learning is None or token.lower_ == "from" and learning.lemma_.lower() in ("study", "train", "trainee") \
                    or token.lower_ == "with" and learning.lemma_.lower() in ("trainee", "student", "pupil"):
                continue
            if token.head.i == learning.i or not learning_here(learning, learning.lemma_.lower(), LESSONS_OR_LEARN, ctx):
                continue  # read above, on the verb itself; "learned of the offer from X" is no lesson
            path = ancestors_within(token, 4)
            if any(t.pos_ in ("VERB", "AUX") for t in path[:path.index(learning)]):
                continue  # "studied at the Conservatory and later played with her": another verb's "with"
            for teacher in dict.fromkeys(names_after(token, refs)):
                span = ctx.people[teacher].spans[0]
                yield Candidate("student_of", ctx.people[teacher].name, span.start_char, span.end_char, learning, 0.75, value_person=teacher)
        elif word in PERSON_NOUNS and token.pos_ == "NOUN":
            relation = "student_of" if word in TEACHER_NOUNS else "teacher_of"
            named = [c for c in token.children if c.dep_ in ("appos", "compound") and c.i in refs]
            if token.dep_ in ("appos", "compound") and token.head.i in refs:
                named.append(token.head)  # "her mentor Marat Ospanov": the noun hangs on the name
            owner = next((c for c in token.children if c.dep_ == "poss" and c.i in refs), None)
            if owner is None and token.dep_ == "compound":  # "Nurov's pupil Aigerim Sadykova won": the possessor hangs on the name
                owner = next((c for c in token.head.children if c.dep_ == "poss" and c.i in refs and c.i < token.i), None)
            # "His students included X and Y", "among his pupils were X and Y": the names sit on the verb.
            verb = token.head if token.dep_ in ("nsubj", "attr") else token.head.head if token.dep_ == "pobj" and token.head.lower_ == "among" else None
            if verb is not None and token.dep_ == "pobj" and verb.lemma_.lower() != "be":
                verb = None  # "she counts X among her teachers": the pattern learning.among_teachers, owned by the subject
            if owner is not None and verb is not None and verb.lemma_.lower() in LISTING:
                listed = names_after(verb, refs)
                for c in verb.children:  # "included his son, X, and the singer Y": "his" ends the run of names
                    if c.dep_ in ("dobj", "attr") and c.i != token.i:
                        listed += [refs[t.i][0] for t in (person_behind(x, refs) for x in [c, *c.conjuncts]) if t is not None]
                if token.dep_ == "pobj":
                    listed += [refs[c.i][0] for c in verb.children if c.dep_ in ("nsubj", "attr") and c.i in refs]
                for other in dict.fromkeys(listed):
                    if other in refs[owner.i]:
                        continue
                    span = ctx.people[other].spans[0]
                    yield Candidate(relation, ctx.people[other].name, span.start_char, span.end_char, token, 0.8,
                                    people=refs[owner.i], value_person=other)
                if listed or not named:
                    continue  # else "Her teacher, X, was a violinist": the name in apposition, below
            for name_token in named:
                other = refs[name_token.i][0]
                span = ctx.people[other].spans[0]
                people = refs[owner.i] if owner is not None else None
                if people is None:
                    continue
                yield Candidate(relation, ctx.people[other].name, span.start_char, span.end_char, token, 0.8,
                                people=people, value_person=other)


def states_field(root, strict: bool = False) -> bool:
    """"a degree in musicology", "studied composition", "majored in conducting", "composition student".
    ``strict`` (a genre or an instrument): not "specialises in Shashmaqam", not "the kobyz master X"."""
    DEGREE_NOUNS, STUDY_VERBS = trigger_words("degree_nouns"), trigger_words("study_verbs")
    if strict:
        DEGREE_NOUNS, STUDY_VERBS = DEGREE_NOUNS - {"master"}, STUDY_VERBS - {"specialize", "specialise"}
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head  # "studied piano and composition": the first of the list says how it is used
    head = root.head
    if root.dep_ == "compound":
        return head.lemma_.lower() in DEGREE_NOUNS
    if root.dep_ == "dobj":
        return head.lemma_.lower() in STUDY_VERBS
    if root.dep_ == "pobj" and head.lower_ in ("in", "of"):
        owner = head.head
        if owner.lemma_.lower() in DEGREE_NOUNS | STUDY_VERBS:
            return True
        return any(c.dep_ == "dobj" and c.lemma_.lower() in DEGREE_NOUNS for c in owner.children)
    return False
