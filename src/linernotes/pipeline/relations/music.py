"""Music: instrument, genre, member_of, founded, collaborator, record_label, award, notable_work, influenced_by."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from spacy.tokens import Span

from ...reference import fold, vocab
from ..recognise import ENSEMBLE_NOUNS
from ..arguments import names_after, people_under, person_behind, relative_behind, title_named
from ..relate import WORK_NOUNS, Candidate, Context, recent_people, rule
from ..syntax import subject_owner
from ._util import ancestors_within, clean_name
from ..layout import text_of, tokens_of, tokens_with
from ..name_types import AFTER_TITLE, YEAR_IN
from ...reference.lexicons import lexicon

#: Word lists of the career rules, in ``data/lexicons`` (read when first needed: ``patterns`` imports ``relate``).
PLAY, INSTRUMENT_CONTEXT, NOT_PLAYING = "play_verbs", "instrument_context", "not_playing_verbs"
#: Nouns for an ensemble that can be formed without a name ("formed a band"); "project" is too vague.
UNNAMED_ENSEMBLES = ENSEMBLE_NOUNS - {"project"}
# The trigger words of the ensembles and collaborator rules are lexicons (data/lexicons): ensemble_member_words,
# joined_by_verbs, founding_verbs, collaborator_nouns, partner_music_words, collaborate_verbs.
WIN, RELEASE, NOMINATION = "win_words", "release_words", "nomination_words"
INSIDE_NAMES = ("Event", "Venue", "Ensemble", "Institution", "Work", "Organization", "Award")
GENRE_TAILS, LABEL_NOUNS, LABEL_VERBS = "genre_tails", "label_nouns", "label_verbs"
GENRE_NOT_OF_PERSON, PIECE_NOUNS, ABOUT_A_WORK = "genre_not_of_person", "piece_nouns", "about_a_work"
YEAR_AFTER = re.compile(r"\s*,\s*(?:19|20)\d\d\s*\)")
#: What one does "for" a label: "recorded four albums for Melodiya"; the last words of a label's name.
RECORDED_FOR, LABEL_WORDS = "recorded_for", "label_words"


words = lexicon  # the word lists named above


def genre_value(span) -> str:
    """The genre as written, without a trailing "songs"/"scene" ("folk songs" -> "folk").

    A nationality before it ("Kazakh folk") stays in the evidence, not in the value.
    """
    parts, tails = span.text.lower().split(), words(GENRE_TAILS)
    while len(parts) > 1 and parts[-1] in tails and vocab.genres().get(" ".join(parts[:-1])) is not None:
        parts.pop()  # but "long song" stays: "long" is no genre
    return " ".join(parts)


@rule("linernotes.instrument.v1")
def instrument(ctx: Context) -> Iterator[Candidate]:
    instruments = vocab.instruments()
    for span in ctx.labelled("Instrument"):
        root = span.root
        if root.dep_ in ("compound", "amod") and ctx.mention_of(root.head, "Occupation"):
            continue  # "dombra player": the occupation rule says it
        up = ancestors_within(root, 4)
        lemmas = {t.lemma_.lower() for t in up}
        near = {root.head.lower_, *(c.lower_ for c in root.children)}
        if root.dep_ == "conj":
            near |= {root.head.head.lower_}
            lemmas |= {t.lemma_.lower() for t in ancestors_within(root.head, 4)}
        on = root.dep_ == "pobj" and root.head.lower_ == "on"
        if not (lemmas & words(PLAY) or near & words(INSTRUMENT_CONTEXT) or on or "instrument" in lemmas):
            continue
        if lemmas & words(NOT_PLAYING) and not lemmas & {"play", "learn", "master"}:
            continue
        if not played_by_someone(span, ctx):
            continue
        # "... with the bassist X and Katrin on cello": the cello is Katrin's
        people = None
        if on and root.head.i > 0:  # the parser often hangs "on cello" on an earlier noun: the name right before says whose
            before = root.head.i - 1
            people = ctx.refs.get(before) or ctx.refs.get(root.head.head.i)
        term = instruments.get(span.text)
        if term:
            written = instruments.as_written(span.text)
            if term.name == "voice" and written.lower() == "singing":
                written = term.name  # "she studied singing": the voice, as the gold writes it
            yield Candidate("instrument", written, span.start_char, span.end_char, root, 0.9, ref=term.ref, label=term.name,
                            fallback=True, people=people)
            # "she plays the kobyz": who plays an instrument, in the present, is its player
            verb = root.head if root.dep_ == "dobj" else None
            if verb is not None and verb.lemma_.lower() == "play" and verb.tag_ in ("VBZ", "VBP"):
                role = player_of(term)
                if role is not None:
                    yield Candidate("occupation", role.name, span.start_char, span.end_char, root, 0.6, ref=role.ref, label=role.name)


def played_by_someone(span, ctx: Context) -> bool:
    """Whether an instrument word can be a player's instrument: not someone else's thing, not a comparison, not a wish."""
    root = span.root
    if any(g.label_ == "Genre" and len(g) > len(span) for g in ctx.at_token.get(root.i, ())):
        return False  # "throat singing": a genre, not the voice
    if any(c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN") and c.i not in ctx.refs for c in root.children):
        return False  # "holding his father's kobyz": the father's instrument
    if root.dep_ == "pobj" and root.head.lower_ in ("like", "than"):
        return False  # "a voice can breathe like a flute"
    return not wished(root)


def wished(token) -> bool:
    """"Daulet hoped that Timur would take over his dombra class": the model lemmatises "hoped" as "hop",
    so the clause check misses the wish; a "would" clause under a form of "hope" is one."""
    for t in ancestors_within(token, 6):
        if t.pos_ == "VERB" and t.lower_ in ("hope", "hoped", "hopes", "hoping"):
            return True
    return False


def player_of(term) -> "vocab.Term | None":
    """The occupation of one who plays an instrument: kobyz -> "kobyz player"."""
    return players().get(term.name)


@lru_cache(maxsize=None)
def players() -> dict:
    return {t.extra.get("instrument"): t for t in vocab.occupations().terms if t.name.endswith(" player")}


@rule("linernotes.sings.v1")
def sings(ctx: Context) -> Iterator[Candidate]:
    """"She sings, mostly türkü", "he also sings": who sings, in the present, is a singer."""
    singer = vocab.occupations().get("singer")
    for token in tokens_with(ctx.doc, lemmas=("sing",)):
        if token.tag_ not in ("VBZ", "VBP") or singer is None:
            continue
        if not any(c.dep_ == "nsubj" and c.i in ctx.refs for c in token.children):
            continue
        yield Candidate("occupation", singer.name, token.idx, token.idx + len(token.text), token, 0.6, ref=singer.ref, label=singer.name)


@rule("linernotes.genre.v1")
def genre(ctx: Context) -> Iterator[Candidate]:
    genres = vocab.genres()
    names = {i for s in ctx.labelled(*INSIDE_NAMES) for i in range(s.start, s.end)}
    for span in ctx.labelled("Genre"):
        term = genres.get(span.text)
        if term is None or names.intersection(range(span.start, span.end)):
            continue  # "the Seoul Jazz Festival", "the Neva Big Band": a word of a name, no genre of anyone's
        if not of_a_person(span, ctx) or wished(span.root):
            continue
        people = None
        head = span.root.head if span.root.dep_ in ("amod", "compound") else None
        if head is not None and ctx.mention_of(head, "Occupation") is not None:
            named = person_behind(head, ctx.refs)
            if named is not None and named.i != head.i and named.i in ctx.refs:
                people = ctx.refs[named.i]  # "features the pansori singer Kim Soo-ah": her genre, not the subject's
            elif head.i + 1 < len(ctx.doc) and head.i + 1 in ctx.refs:
                people = ctx.refs[head.i + 1]  # "the mugham singer Yagub Shirvani"
            elif head.i + 1 < len(ctx.doc) and ctx.doc[head.i + 1].pos_ == "PROPN" and ctx.doc[head.i + 1].text[:1].isupper():
                continue  # a title before a name the model did not take for a person: someone else's genre
        value = genre_value(span)  # a prefix of the span, so its offsets start where the span does
        start = span.start_char
        region = regional_words(span) if term.id in ("folk", "traditional-music") else None
        if region is not None:  # "Anatolian folk song", "North Indian raga": the tradition is the region's
            value, start = f"{region.text} {value}", region.start_char
        yield Candidate("genre", value, start, start + len(value), span.root, 0.85,
                        ref=term.ref, label=term.name, fallback=True, people=people)


def regional_words(span) -> Span | None:
    """The capitalised words naming a people or region right before a regional genre: "Anatolian" folk, "North Indian" raga."""
    doc, start = span.doc, span.start
    while start > span.start - 2 and start > 0:
        t = doc[start - 1]
        if not (t.text[:1].isupper() and t.is_alpha and t.pos_ in ("ADJ", "PROPN") and not t.is_sent_start
                and t.head.i in range(start, span.end)):
            break
        start -= 1
    return doc[start:span.start] if start < span.start else None


def of_a_person(span, ctx: Context) -> bool:
    """Whether a genre word says something about someone's style, not about a prize, a subject or one piece."""
    root = span.root
    up = ancestors_within(root, 4)
    awards = {i for s in ctx.labelled("Award") for i in range(s.start, s.end)}
    if any(t.i in awards for t in up):
        return False  # "the Golden Yurt Award for Best Folk Album"
    head = root.head if root.dep_ in ("amod", "compound") else root
    if head.dep_ == "dobj" and head.head.lemma_.lower() in words(GENRE_NOT_OF_PERSON) or \
            {t.lemma_.lower() for t in up[:3]} & (words(GENRE_NOT_OF_PERSON) - {"study"}):
        if head is root or ctx.mention_of(head, "Instrument") is None:
            return False  # "studied Turkish folk music", "orchestral conducting" (but "studied jazz piano")
    if any(c.dep_ == "amod" and c.lower_ == "best" for c in head.children):
        return False  # "the award for the best world music album": a prize category
    if any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children) and \
            (head is root or head.lemma_.lower() in words(PIECE_NOUNS)):
        return False  # "lost to a pop ballad", "a sampled drone": one piece, one sound
    if root.tag_ == "NNS" and head is root and (any(c.dep_ == "poss" for c in root.children)
                                                 or root.head.lemma_.lower() in ("write", "compose", "score", "arrange")):
        return False  # "to write film scores", "on two of Ryskulov's film soundtracks": works, not a style
    return True


def ensemble_references(ctx: Context) -> Iterator[tuple[Span, str, int, int]]:
    """Every named ensemble, and every "the band" that stands for one: (span, name, start, end)."""
    for span in ctx.labelled("Ensemble"):
        text, start, end = clean_name(span)
        yield span, text, start, end
    named = {i for s in ctx.labelled("Ensemble") for i in range(s.start, s.end)}
    for i, index in ctx.ensemble_refs.items():
        token = ctx.doc[i]
        if i not in named and token.pos_ == "NOUN":
            yield ctx.doc[i:i + 1], ctx.ensembles[index].name, token.idx, token.idx + len(token.text)


def partners(verb, ctx: Context) -> list:
    """People a verb is done "with" / "together with" / "alongside": "formed the trio with X and Y"."""
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("with", "alongside")]
    preps += [g for c in verb.children if c.lower_ == "together" for g in c.children if g.dep_ == "prep" and g.lower_ == "with"]
    out = [t for prep in preps for t in people_under(prep, ctx.refs)]
    seen = {ctx.refs[t.i][0] for t in out}
    for prep in preps:
        for person in names_after(prep, ctx.refs):
            if person not in seen:
                seen.add(person)
                out.append(ctx.people[person].spans[0].root)
    return out


def co_founded(verb) -> bool:
    """"co-founded" (split by the tokenizer: "co", "-", "founded"), "cofounded", "founded ... together with"."""
    doc = verb.doc
    if verb.lemma_.lower() in ("co-found", "cofound") or verb.i >= 2 and doc[verb.i - 2].lower_ == "co" and doc[verb.i - 1].text == "-":
        return True
    return any(c.lower_ in ("together", "jointly") or c.dep_ == "prep" and any(g.lower_ == "together" for g in c.children)
               for c in verb.children)


def whose_clause_lost(root) -> bool:
    """"She founded the group X, whose album Y mixes ...": the parser makes X the subject of the relative clause's
    verb, hung under the clause before; X is still what was founded or joined."""
    return root.head.dep_ in ("ccomp", "conj", "advcl") and any(
        c.dep_ in ("appos", "relcl") and any(g.tag_ == "WP$" for g in c.children) for c in root.children)


@rule("linernotes.ensembles.v1")
def ensembles(ctx: Context) -> Iterator[Candidate]:
    member, joined, found = lexicon("ensemble_member_words"), lexicon("joined_by_verbs"), lexicon("founding_verbs")
    for span, text, start, end in ensemble_references(ctx):
        if span.root.dep_ == "nsubj" and not whose_clause_lost(span.root):
            continue  # "Dala Tolqyny played ...": the ensemble's own doing, not someone joining it
        root = span.root
        before = ctx.doc[span.start - 1] if span.start > 0 else None
        if before is not None and before.lemma_.lower() in ENSEMBLE_NOUNS and before.pos_ == "NOUN" and before.head.i != root.i:
            root = before  # "played in the folk ensemble Sazgen", with the name hung elsewhere by the parser
        up = ancestors_within(root, 5)
        relation, verb = None, None
        for t in up:
            word = t.lemma_.lower()
            if word in found:
                relation, verb = "founded", t
                break
            if word in member or t.pos_ == "NOUN" and vocab.occupations().get(t.text) is not None and t.i < span.start:
                relation, verb = "member_of", t  # "a kobyz player in the orchestra of X", "a soloist of Astana Opera"
                break
        if relation is None:
            continue
        yield Candidate(relation, text, start, end, span.root, 0.85)
        # "he co-founded Kokzhal with X", "founded Kokzhal together with X": the partner did too;
        # "he formed the Karabakh Trio with X", "she formed a trio with X": X is a member, a co-founder at most.
        jointly = relation != "founded" or co_founded(verb)
        for partner in partners(verb, ctx):
            if jointly:
                yield Candidate(relation, text, start, end, span.root, 0.8, people=ctx.refs[partner.i])
            if relation == "founded":
                yield Candidate("member_of", text, start, end, span.root, 0.75, people=ctx.refs[partner.i])
    # "a principal soloist of Astana Opera", "joined the Mariinsky Theatre": a company one belongs to, named as a venue.
    companies = lexicon("company_words")
    for span in ctx.labelled("Venue", "Institution", "Organization"):
        if fold(span[-1].text) not in companies or span.root.dep_ in ("nsubj", "nsubjpass", "poss", "compound"):
            continue
        trigger = next((t for t in ancestors_within(span.root, 3) if t.lemma_.lower() in lexicon("company_member_words")), None)
        prep = span.root.head if span.root.dep_ == "pobj" else None
        if trigger is None and prep is not None and prep.lower_ == "with" and prep.head.i != prep.i:
            word = prep.head  # "sang with the Korean Theatre", "a concert pianist with the State Philharmonic"
            if word.lemma_.lower() in ("sing", "play", "perform", "dance") or word.pos_ == "NOUN" and vocab.occupations().get(word.text) is not None:
                trigger = word
        if trigger is not None:
            text, start, end = clean_name(span)
            yield Candidate("member_of", text, start, end, span.root, 0.75)
    # "Formed in 2012 by Yerzhan Abilov and Madina Seitova, the band ...", "Kokzhal was founded by ...".
    for token in tokens_with(ctx.doc, lemmas=found | joined):
        word = token.lemma_.lower()
        if token.pos_ != "VERB":
            continue
        relation = "founded" if word in found else "member_of"
        agent = next((c for c in token.children if c.dep_ == "agent"), None)
        if agent is None:
            continue
        subject = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
        if subject is None and token.dep_ in ("advcl", "acl"):
            subject = next((c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")), None) if token.dep_ == "advcl" else token.head
        if subject is None and token.dep_ == "advcl":
            # "Formed in 2012 by X and Y, the band fuses ...", parsed with "the band" hung on Y
            subject = next((t for t in token.sent if t.i > token.i and t.i in ctx.ensemble_refs and t.pos_ in ("NOUN", "PROPN")), None)
        if subject is not None and subject.i not in ctx.ensemble_refs and subject.dep_ == "attr":
            # "Dala e Mar is a duo formed by X and Y": the duo is the subject of "is"
            subject = next((c for c in subject.head.children if c.dep_ == "nsubj"), subject)
        if subject is None:
            continue
        if subject.i in ctx.ensemble_refs:
            ensemble = ctx.ensembles[ctx.ensemble_refs[subject.i]]
        elif relation == "member_of" and (subject.i in ctx.refs or subject.lower_ in ("they", "we")) and ctx.ensembles:
            ensemble = max(ctx.ensembles, key=lambda e: len(e.spans))  # "they were joined by X": the band of the text
        else:
            continue
        for person in dict.fromkeys([*(ctx.refs[t.i][0] for t in people_under(agent, ctx.refs)), *names_after(agent, ctx.refs)]):
            yield Candidate(relation, ensemble.name, subject.idx, subject.idx + len(subject.text), token, 0.85,
                            people=(person,), check_modality=False)
    # "Together, they formed a band": an ensemble without a name is still worth knowing.
    for token in tokens_with(ctx.doc, lemmas=UNNAMED_ENSEMBLES):
        if token.dep_ != "dobj" or token.head.lemma_.lower() not in found:
            continue
        if token.ent_type_ or ctx.mention_of(token, "Ensemble") is not None:
            continue
        if any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "his", "her", "their") for c in token.children):
            continue  # a band already introduced, or someone else's
        verb = token.head
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        group: list[int] = []
        if subject is not None:
            for t in [subject, *subject.conjuncts]:
                group.extend(ctx.refs.get(t.i, ()))
            if not group and subject_owner(subject, ctx.refs).why == "group":
                group = list(recent_people(ctx.doc, ctx.refs, subject))
        people = tuple(dict.fromkeys(group)) if len(set(group)) > 1 else None
        yield Candidate("founded", token.text, token.idx, token.idx + len(token.text), verb, 0.7, people=people)
        # "she formed a trio with X and Y": X and Y are her collaborators (that rule says it), no founders of "trio"


def named_in_apposition(token, refs):
    """The person a noun names, through a chain of appositions: "her husband, the tanbur player X"."""
    for _ in range(3):
        named = person_behind(token, refs)
        if named is not None:
            return named
        token = next((c for c in token.children if c.dep_ == "appos"), None)
        if token is None:
            return None
    return None


def makes_music_together(verb, collaborate, found, together_nouns) -> bool:
    """Is a verb one of making music together: "recorded/toured/played with X"; a generic verb ("shared", "formed",
    "released") only with a musical object ("shared a stage", "formed a duo", not "shared an apartment")."""
    word = verb.lemma_.lower()
    if word not in collaborate and word not in found:
        return False
    if word not in lexicon("generic_collaborate_verbs"):
        return True
    musical = together_nouns | lexicon("recording_nouns") | lexicon("musical_objects")
    objects = [c for c in verb.children if c.dep_ in ("dobj", "attr")]
    return not objects or any(o.lemma_.lower() in musical or o.pos_ == "PROPN" for o in objects)


def discography_line(token) -> bool:
    """Is ``token`` in a list item that names a record: "- Steppe Winds (2004), with Marat Omarov (piano)"."""
    doc = token.doc
    for start, end, kind in doc._.ln_lines or ():
        if start <= token.idx < end:
            line = text_of(doc)[start:end].lstrip()
            return kind == "item" and line[:1] in "-–•*" and bool(YEAR_IN.search(line))
    return False


def together_ensemble(word, ctx: Context, together_nouns) -> bool:
    """"a side project, the electronic duo Blue Sky Machine, with the producer X": a named duo or band one has
    "with" someone (the name, with its noun before it)."""
    return word.pos_ == "PROPN" and word.i in ctx.ensemble_refs \
        and any(c.dep_ == "compound" and c.lemma_.lower() in together_nouns for c in word.children)


def playing_verb(word, together_nouns):
    """The verb a "with X" belongs to when the parser hangs it lower: "played together with X", "he played it
    live with me", "plays jazz and improvised music there, most often with X" (on the object)."""
    for _ in range(4):
        if word.head.i == word.i or word.head.pos_ not in ("VERB", "NOUN"):
            break
        if word.dep_ in ("advmod", "npadvmod") and word.head.pos_ == "VERB":
            word = word.head
        elif word.pos_ == "NOUN" and word.lemma_.lower() not in together_nouns and word.dep_ in ("dobj", "conj") \
                and (word.dep_ == "dobj" or word.head.dep_ in ("dobj", "conj")):
            word = word.head
        else:
            break
    return word


@rule("linernotes.collaborator.v1")
def collaborator(ctx: Context) -> Iterator[Candidate]:
    collaborate, found = lexicon("collaborate_verbs"), lexicon("founding_verbs")
    collab_nouns, musical_partners = lexicon("collaborator_nouns"), lexicon("partner_music_words")
    together_nouns, accompany = lexicon("collaboration_nouns"), lexicon("accompany_verbs")
    refs = ctx.refs
    # "a duet with the rapper Dala MC (Alibek Zhaksybekov)", "with the rapper X and the producer Y": the run of
    # names after "with", for parses that hang the names elsewhere.
    for prep in tokens_with(ctx.doc, lowers=("with", "alongside")):
        if prep.dep_ != "prep":
            continue
        verb = playing_verb(prep.head, together_nouns)
        word = verb.lemma_.lower()
        if not (verb.pos_ == "VERB" and makes_music_together(verb, collaborate, found, together_nouns)
                or verb.pos_ == "NOUN" and word in together_nouns or together_ensemble(verb, ctx, together_nouns)
                or ctx.mention_of(verb, "Work") is not None or discography_line(prep)):
            continue  # a discography line: "- Steppe Winds (2004), with X (piano)"
        for index in names_after(prep, refs):
            first = ctx.people[index].spans[0]
            span = next((s for s in ctx.people[index].spans if s.start > prep.i), first)
            yield Candidate("collaborator", ctx.people[index].name, span.start_char, span.end_char, prep, 0.8, value_person=index)
    by_prep: dict[int, dict[int, list]] = {}  # verb -> its "with"/"alongside" -> the partners under it
    for token in tokens_of(ctx.doc):
        if token.dep_ not in ("dobj", "pobj", "conj"):
            continue
        named = title_named(token, refs)
        if named is None and token.pos_ == "PRON" and token.dep_ == "pobj" and token.head.lower_ in ("with", "alongside") \
                and len(refs.get(token.i, ())) == 1 and token.lower_ not in ("it", "them", "they", "us", "we"):
            named = token  # "who later played with her in a trio", "he played it live with me"
        relative = relative_behind(token, refs, ctx.people) if named is None else None  # "alongside her father"
        if relative is not None:
            index, span = relative, ctx.people[relative].spans[0]
        elif named is None or (named.i != token.i and token.i in refs):
            continue
        else:
            index = refs[named.i][0]
            span = next((s for s in ctx.people[index].spans if s.start <= named.i < s.end), ctx.people[index].spans[0])
        head = token
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head  # "with X, Y and Z": each of them
            if head.dep_ in ("appos", "compound") and head.head.dep_ == "pobj":
                head = head.head  # "with the bassist X and the percussionist Y": Y hangs on X
        if head.dep_ == "dobj" and head.head.lemma_.lower() in accompany:
            yield Candidate("collaborator", ctx.people[index].name, span.start_char, span.end_char, head.head, 0.8,
                            value_person=index, fallback=True)
        elif head.dep_ == "pobj" and head.head.lower_ == "by" and head.head.head.lemma_.lower() in WORK_NOUNS \
                and head.head.head.dep_ == "pobj" and head.head.head.head.lower_ == "on":
            # "she has guested on tracks by X and Y", "played on records by X": the other's work
            yield Candidate("collaborator", ctx.people[index].name, span.start_char, span.end_char, head.head, 0.75,
                            value_person=index)
        elif head.dep_ == "pobj" and head.head.lower_ in ("with", "alongside"):
            verb = playing_verb(head.head.head, together_nouns)
            if makes_music_together(verb, collaborate, found, together_nouns) or verb.pos_ == "NOUN" and verb.lemma_.lower() in together_nouns \
                    or together_ensemble(verb, ctx, together_nouns):
                yield Candidate("collaborator", ctx.people[index].name, span.start_char, span.end_char, head.head, 0.85, value_person=index)
                by_prep.setdefault(verb.i, {}).setdefault(head.head.i, []).append((index, span))
    # "X played with her in a trio alongside her father": those one plays with, and those one plays alongside, play together.
    for preps in by_prep.values():
        if len(preps) < 2:
            continue
        for a_prep, a_people in preps.items():
            for b_prep, b_people in preps.items():
                if a_prep == b_prep:
                    continue
                for a, _ in a_people:
                    for b, span in b_people:
                        if a != b:
                            yield Candidate("collaborator", ctx.people[b].name, span.start_char, span.end_char, ctx.doc[b_prep],
                                            0.75, people=(a,), value_person=b)
    # "he played in Tarik Demir's band", "Mikhail played in his father's last quartet", "joined her uncle's orchestra":
    # playing in someone's ensemble is playing with them.
    member_words = lexicon("ensemble_member_words")
    for token in tokens_with(ctx.doc, lemmas=ENSEMBLE_NOUNS):
        if token.pos_ != "NOUN":
            continue
        poss = next((c for c in token.children if c.dep_ == "poss"), None)
        if poss is None:
            continue
        leader = person_behind(poss, refs)
        index = refs[leader.i][0] if leader is not None else relative_behind(poss, refs, ctx.people)
        if index is None:
            continue
        verb = token.head.head if token.dep_ == "pobj" and token.head.lower_ in ("in", "with", "for", "of") else \
            token.head if token.dep_ == "dobj" else None
        if verb is None or verb.lemma_.lower() not in member_words:
            continue
        span = next((s for s in ctx.people[index].spans if s.start <= poss.i < s.end), ctx.people[index].spans[0])
        yield Candidate("collaborator", ctx.people[index].name, span.start_char, span.end_char, verb, 0.75, value_person=index)
    # "her regular recital partner", "Yazmyrat's first accompanist", "his bandmate X": nouns of making music together.
    for token in tokens_with(ctx.doc, lemmas=collab_nouns):
        if token.pos_ != "NOUN":
            continue
        if token.lemma_.lower() == "partner" and not {c.lower_ for c in token.children} & musical_partners:
            continue  # a plain "partner" is a life partner; the family rules read it
        owner = next((c for c in token.children if c.dep_ == "poss" and c.i in refs), None)
        if owner is None:
            continue
        others = [person_behind(c, refs) for c in token.children if c.dep_ == "appos"]
        if token.dep_ == "nsubj" and token.head.lemma_.lower() == "include":
            # "Her collaborators include X and Y"
            for obj in (c for c in token.head.children if c.dep_ == "dobj"):
                others += [person_behind(t, refs) for t in [obj, *obj.conjuncts]]
        if token.dep_ == "nsubj" and token.head.lemma_ == "be":
            # "her accompanist was her husband, the tanbur player X"
            others += [named_in_apposition(c, refs) for c in token.head.children
                       if c.dep_ == "attr" or c.dep_ == "nsubj" and c.i > token.i]  # the parser makes both subjects
        if token.dep_ == "attr":
            verb = token.head
            subjects = [c for c in verb.children if c.dep_ == "nsubj"]
            if not subjects and verb.dep_ == "conj":
                subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]  # "X is a pianist and has been her partner"
            others += [person_behind(c, refs) for c in subjects]
        for other in others:
            if other is None or refs[other.i] == refs[owner.i]:
                continue
            index = refs[other.i][0]
            first = ctx.people[index].spans[0]
            yield Candidate("collaborator", ctx.people[index].name, first.start_char, first.end_char, token, 0.8,
                            people=refs[owner.i], value_person=index)
    # "Together, they formed a band", "Kairat and Sophia recorded ...": a group subject working together.
    for token in tokens_with(ctx.doc, lemmas=collaborate):
        if token.pos_ != "VERB":
            continue
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        if subject is None and token.dep_ == "xcomp":
            verb = token.head.head if token.head.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in token.head.children) else token.head
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)  # "they (met and) began performing together"
        if subject is None:
            continue
        group: list[int] = []
        for t in [subject, *subject.conjuncts]:
            named = title_named(t, refs) if t.i not in refs and t.pos_ == "NOUN" else None
            group.extend(refs.get(t.i, ()) if named is None else refs[named.i])  # "She and the guitarist X formed a duo"
        group = list(dict.fromkeys(group))
        if not group and subject_owner(subject, refs).why == "group":
            group = list(recent_people(ctx.doc, refs, subject))
        if len(group) == 1 and subject.lower_ == "we" and any(c.lower_ == "together" for c in token.children):
            # "We have recorded together" in an answer: the speaker and the one just spoken of
            group = list(dict.fromkeys([*group, *recent_people(ctx.doc, refs, subject)]))
        if len(group) < 2:
            continue
        for a in group:
            for b in group:
                if a != b:
                    other = ctx.people[b]
                    first = other.spans[0]
                    yield Candidate("collaborator", other.name, first.start_char, first.end_char, token, 0.8,
                                    people=(a,), value_person=None)


@rule("linernotes.record_label.v1")
def record_label(ctx: Context) -> Iterator[Candidate]:
    doc = ctx.doc
    works = {s.end: s for s in ctx.labelled("Work")}
    for span in ctx.labelled("Organization"):
        root = span.root
        before = doc[span.start - 1] if span.start > 0 else None
        is_label = fold(span[-1].text) in words(LABEL_WORDS) or root.head.lemma_.lower() in words(LABEL_NOUNS) \
            or any(c.lemma_.lower() in words(LABEL_NOUNS) for c in root.children) or before is not None and before.lemma_.lower() in words(LABEL_NOUNS)
        if not is_label and root.dep_ == "pobj" and root.head.lower_ in ("for", "on"):
            # "recorded four albums for Melodiya", "its recordings for Melodiya", "released on Melodiya"
            is_label = root.head.head.lemma_.lower() in words(RECORDED_FOR) | ({"release", "issue", "reissue", "come", "appear"} if root.head.lower_ == "on" else set())
        text, start, end = clean_name(span)
        # "Two Kitchens (Blue Lotus Records, 2022)": the label in brackets after a title is that work's.
        opening = next((i for i in range(span.start - 1, max(span.start - 8, -1), -1) if doc[i].text == "("), None)
        work = works.get(opening) if opening is not None else None
        if work is not None and is_label or work is not None and YEAR_AFTER.match(text_of(doc)[span.end_char:span.end_char + 8]):
            yield Candidate("record_label", text, start, end, work.root, 0.8)
            continue
        above = {t.lemma_.lower() for t in ancestors_within(root, 5)}
        if is_label and above & words(LABEL_VERBS):
            # "The debut album appears on the label X", "It brought a contract with X": a work's label is
            # its makers' (the topic's, or the band's in a band history)
            yield Candidate("record_label", text, start, end, root, 0.85, fallback=True)
    # "Ember (Ninefold, 2021)": a name the model took for a title or a person, in the label's place.
    for span in ctx.labelled("Work", "Person"):
        work = label_in_brackets(span, ctx)
        if work is not None:
            text, start, end = clean_name(span)
            yield Candidate("record_label", text, start, end, work.root, 0.75)


def label_in_brackets(span, ctx: Context) -> Span | None:
    """The work a name in brackets right after a title is the label of: "Ember (Ninefold, 2021)", not
    "Kóktem Küii ('Spring Küi', 1997)" (a translation is quoted) nor "(Almaty, 1997)" (a place)."""
    doc = ctx.doc
    if span.start < 2 or doc[span.start - 1].text != "(" or span.text[:1] in "\"'“‘«":
        return None
    if not YEAR_AFTER.match(text_of(doc)[span.end_char:span.end_char + 8]):
        return None
    if any(s.label_ in ("Place", "Country") for t in span for s in ctx.at_token.get(t.i, ())):
        return None
    return next((s for s in ctx.labelled("Work") if s.end == span.start - 1), None)


@rule("linernotes.award.v1")
def award(ctx: Context) -> Iterator[Candidate]:
    for span in ctx.labelled("Award", "Event"):
        if span.label_ == "Award" and span.end in ctx.refs and len(ctx.refs[span.end]) == 1 and ctx.doc[span.end].pos_ == "PROPN":
            # "People's Artist of Kazakhstan Raushan Zhaksybekova": a title worn before a name is that person's
            text, start, end = clean_name(span)
            yield Candidate("award", text, start, end, span.root, 0.75, people=ctx.refs[span.end])
            continue
        up = ancestors_within(span.root, 5)
        above = {t.lemma_.lower() for t in up}
        if not above & words(WIN):
            continue
        # "received a Grammy nomination", "was a finalist for the X Prize": a nomination is no award.
        first_word = next((t.lemma_.lower() for t in up if t.lemma_.lower() in words(WIN) or t.lemma_.lower() in words(NOMINATION)), None)
        if first_word in words(NOMINATION) or any(c.lemma_.lower() in words(NOMINATION) for c in span.root.children):
            continue
        if span.label_ == "Event" and not above & {"prize", "award", "medal", "grand", "place", "first", "second", "third", "win", "winner", "laureate"}:
            continue
        text, start, end = clean_name(span)
        yield Candidate("award", text, start, end, span.root, 0.85 if span.label_ == "Award" else 0.7, fallback=span.label_ == "Award")


@rule("linernotes.notable_work.v1")
def notable_work(ctx: Context) -> Iterator[Candidate]:
    for span in ctx.labelled("Work"):
        if label_in_brackets(span, ctx) is not None:
            continue  # "Two Kitchens (Blue Lotus, 2024)": the label, not a second title
        head = span.root.head
        if span.root.dep_ == "pobj" and head.lower_ in ("for", "of", "about", "on") and head.head.lemma_.lower() in words(ABOUT_A_WORK):
            continue  # "she wrote the liner notes for Shusha Nights", "a review of X": someone else's work
        up = ancestors_within(span.root, 4)
        above = {t.lemma_.lower() for t in up} | {span.root.head.lower_}
        above |= {c.lemma_.lower() for t in up for c in t.children if c.dep_ in ("nsubj", "nsubjpass")}
        # "her 2015 album Copper Sky reached ...", "her single Glass Houses": the work noun hangs on the title
        above |= {c.lemma_.lower() for c in span.root.children if c.dep_ in ("compound", "amod", "appos", "nmod") and c.i < span.start}
        if span.start > 0:
            above.add(ctx.doc[span.start - 1].lemma_.lower())
        dated = AFTER_TITLE.match(text_of(ctx.doc)[span.end_char:span.end_char + 80])  # "White Nights (1979)"
        if above & words(RELEASE) or dated and YEAR_IN.search(dated.group(0)):
            text = span.text.strip("\"'“”‘’«» ")
            offset = span.text.find(text)
            yield Candidate("notable_work", text, span.start_char + offset, span.start_char + offset + len(text), span.root, 0.8,
                            fallback=True)


@rule("linernotes.influenced_by.v1")
def influenced_by(ctx: Context) -> Iterator[Candidate]:
    for token in tokens_with(ctx.doc, lemmas=("influence", "inspire", "shape")):
        if token.lower_ in ("influences",):
            continue
        agent = next((c for c in token.children if c.dep_ == "agent" or c.dep_ == "prep" and c.lower_ == "by"), None)
        if agent is None:
            continue
        for obj in agent.subtree:
            mention = ctx.mention_of(obj, "Person", "Genre")
            if mention is None or obj.i != mention.root.i:
                continue
            if mention.label_ == "Person" and obj.i in ctx.refs:
                index = ctx.refs[obj.i][0]
                yield Candidate("influenced_by", ctx.people[index].name, mention.start_char, mention.end_char, token, 0.8)
            elif mention.label_ == "Genre":
                term = vocab.genres().get(mention.text)
                if term:
                    yield Candidate("influenced_by", genre_value(mention), mention.start_char, mention.end_char, token, 0.75)
