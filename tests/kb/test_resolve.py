"""Cross-document resolution of people: rules on plain data, then through the store."""
from __future__ import annotations

from linernotes.errors import Checks
from linernotes.kb.ingest import ingest
from linernotes.kb.resolve import Local, cluster_locals, contradiction_checks
from linernotes.store.writes import key_kinds

from ..conftest import write_corpus
from .corpus import CORPUS, IVAN_CONTRADICTS


def local(id, document, name, aliases=(), facts=()):
    return Local(id, document, name, list(aliases), True, None, dict(key_kinds(name, list(aliases))),
                 [{"id": id * 100 + i, "relation": r, "value": v, "value_key": v.lower(), "label_key": None, "ref": None,
                   "evidence": f"{name} {r} {v}.", "document": document} for i, (r, v) in enumerate(facts)])


def names(clusters):
    return sorted(sorted(m.name for m in c.members) for c in clusters)


def test_transliterations_of_one_name_are_one_person():
    clusters = cluster_locals([local(1, "a", "Iván Imankulov"), local(2, "b", "Ivan Imankulov"),
                               local(3, "c", "Иван Иманкулов")])
    assert len(clusters) == 1
    assert "same name" in clusters[0].reasons[2]


def test_people_sharing_a_surname_stay_apart():
    clusters = cluster_locals([local(1, "a", "Vivaan Imankulov", ["Imankulov"]),
                               local(2, "b", "Iván Imankulov", ["Imankulov"])])
    assert names(clusters) == [["Iván Imankulov"], ["Vivaan Imankulov"]]


def test_two_people_of_one_document_are_never_merged():
    clusters = cluster_locals([local(1, "a", "Ivan Imankulov"), local(2, "a", "Iván Imankulov")])
    assert len(clusters) == 2


def test_a_lone_name_joins_only_with_a_shared_fact():
    full = local(1, "a", "Sophia Lee", ["Sophia"], [("instrument", "cello")])
    same = local(2, "b", "Sophia", (), [("instrument", "cello")])
    other = local(3, "c", "Sophia", (), [("instrument", "flute")])
    clusters = cluster_locals([full, same, other])
    assert names(clusters) == [["Sophia"], ["Sophia", "Sophia Lee"]]
    joined = next(c for c in clusters if len(c.members) == 2)
    assert "instrument cello" in joined.reasons[2]


def test_same_name_with_many_disagreements_and_nothing_shared_stays_apart():
    a = local(1, "a", "Arman Ospanov", (), [("born_in", "Almaty"), ("birth_date", "1950")])
    b = local(2, "b", "Arman Ospanov", (), [("born_in", "Aktobe"), ("birth_date", "1991")])
    assert len(cluster_locals([a, b])) == 2


def test_one_disagreement_merges_and_becomes_a_check():
    a = local(1, "a", "Arman Ospanov", (), [("born_in", "Almaty"), ("instrument", "dombra")])
    b = local(2, "b", "Arman Ospanov", (), [("born_in", "Shymkent"), ("instrument", "dombra")])
    (cluster,) = cluster_locals([a, b])
    assert "differ on birthplace" in cluster.reasons[2]
    (check,) = contradiction_checks(cluster, person_id=7)
    assert check["code"] == "cross-document-contradiction"
    assert check["severity"] == Checks.of(check["code"]).severity
    assert "Almaty (a)" in check["message"] and "Shymkent (b)" in check["message"]
    assert "a: Arman Ospanov born_in Almaty." in check["evidence"]


def test_a_parent_named_two_ways_is_no_disagreement():
    """One father, but "Serik" in one document and "Serik Nurov" in the next: names are not compared."""
    a = local(1, "a", "Aliya Nurova", ["Aliya"], [("father", "Serik Nurov"), ("instrument", "dombra")])
    b = local(2, "b", "Aliya", (), [("father", "Serik"), ("instrument", "dombra")])
    (cluster,) = cluster_locals([a, b])
    assert "differ" not in cluster.reasons[2]
    assert contradiction_checks(cluster, person_id=7) == []


def test_a_birth_date_disagreement_is_named_by_the_relation_table():
    a = local(1, "a", "Arman Ospanov", (), [("birth_date", "1950-03-02"), ("instrument", "dombra")])
    b = local(2, "b", "Arman Ospanov", (), [("birth_date", "1951"), ("instrument", "dombra")])
    same = local(3, "c", "Arman Ospanov", (), [("birth_date", "1950"), ("instrument", "dombra")])
    (cluster,) = cluster_locals([a, b, same])
    assert "differ on birth date" in cluster.reasons[2] and "differ" not in cluster.reasons[3]  # by year
    (check,) = contradiction_checks(cluster, person_id=7)
    assert "disagree on Arman Ospanov's birth date" in check["message"]


def test_split_and_merge_decisions_win_over_the_rules():
    a, b = local(1, "a", "Ivan Imankulov"), local(2, "b", "Ivan Imankulov")
    split = {"action": "split", "document_a": "a", "name_a": "Ivan Imankulov", "document_b": "b", "name_b": "Ivan Imankulov"}
    assert len(cluster_locals([a, b], [split])) == 2
    c, d = local(3, "c", "Kairat Yusuf"), local(4, "d", "Qayrat Jusupov")
    merge = {"action": "merge", "document_a": "c", "name_a": "Kairat Yusuf", "document_b": "d", "name_b": "Qayrat Jusupov"}
    assert len(cluster_locals([c, d])) == 2
    assert len(cluster_locals([c, d], [merge])) == 1
    assert len(cluster_locals([a, b], [split, {**split, "action": "merge"}])) == 1  # the later decision wins


def test_store_resolves_across_documents(store, tmp_path):
    ingest(store, [str(write_corpus(tmp_path / "bios", {**CORPUS, "ivan_c.txt": IVAN_CONTRADICTS}))])
    with store.reading() as tx:
        ivan = tx.people_named("Ivan Imankulov")
        vivaan = tx.people_named("Vivaan Imankulov")
        assert len(ivan) == 1 and len(vivaan) == 1 and ivan[0]["id"] != vivaan[0]["id"]
        members = tx.person_members(ivan[0]["id"])
        assert sorted(m["document"] for m in members) == ["ivan_a.txt", "ivan_b.txt", "ivan_c.txt"]
        checks = tx.person_checks(ivan[0]["id"])
    contradiction = [c for c in checks if c["code"] == "cross-document-contradiction"]
    assert len(contradiction) == 1
    assert "Almaty" in contradiction[0]["message"] and "Shymkent" in contradiction[0]["message"]
    assert contradiction[0]["document"] is None


def test_removing_the_contradicting_document_removes_the_check(store, tmp_path):
    corpus = write_corpus(tmp_path / "bios", {**CORPUS, "ivan_c.txt": IVAN_CONTRADICTS})
    ingest(store, [str(corpus)])
    (corpus / "ivan_c.txt").write_text("Ivan Imankulov, the saxophonist, was born in Almaty.", encoding="utf-8")
    ingest(store, [str(corpus)])
    with store.reading() as tx:
        (ivan,) = tx.people_named("Ivan Imankulov")
        assert not [c for c in tx.person_checks(ivan["id"]) if c["code"] == "cross-document-contradiction"]
