"""The relation table (data/relations.tsv) is the one description of each relation: it is coherent,
the data files keyed on relations name its rows, and no module keeps a list of relations of its own."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from linernotes.kb.explore import GRAPH_RELATIONS, KIND_FILTER
from linernotes.kb.query import FILTERS
from linernotes.model import (INVERSE, LITERAL_VALUES, OBJECT_KINDS, PERSON_RELATIONS, PLACE_RELATIONS, RELATION_GROUPS,
                              RELATION_TABLE, RELATIONS, SINGLE_VALUED, relation_table)
from linernotes.reference import load_tsv, split_cell

from .conftest import REPO

SOURCE = REPO / "src" / "linernotes"
#: A literal with this many relation names is a list of relations.
LIST_SIZE = 3
#: Lists of relations that may stay where they are: (file under src/linernotes, the name it is bound to) -> why.
ALLOWED = {
    ("pipeline/relate.py", "BAND_RELATIONS"): "how attribution passes a band's facts to its members; relate.py is "
                                              "being rewritten in parallel, these become table columns after it",
    ("pipeline/relate.py", "OF_A_WORK"): "the same: what a work's makers share",
    ("pipeline/relate.py", "SHARED_WITH_PARTNERS"): "the same: what the people of a 'with' clause share",
    ("pipeline/relations/life.py", "places"): "a rule's own choice among the facts it emits: which may fall back "
                                              "to the topic person",
}


def relation_lists(source: str, names: set[str]) -> list[tuple[int, str, list[str]]]:
    """(line, bound name, relation names) of each literal in ``source`` that holds ``LIST_SIZE`` or more
    relation names: a set, list, tuple or dict (keys and values), or a ``"a b c".split()``."""
    tree = ast.parse(source)
    owner: dict[int, str] = {}  # id of a literal -> the variable or function it belongs to
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for inner in ast.walk(node):
                owner.setdefault(id(inner), node.name)
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            label = next((t.id for t in targets if isinstance(t, ast.Name)), None)
            if label and node.value is not None:
                for inner in ast.walk(node.value):
                    owner[id(inner)] = label
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Set, ast.List, ast.Tuple)):
            words = [e.value for e in node.elts if isinstance(e, ast.Constant)]
        elif isinstance(node, ast.Dict):
            words = [e.value for e in [*node.keys, *node.values] if isinstance(e, ast.Constant)]
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "split"
              and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str)):
            words = node.func.value.value.split()
        else:
            continue
        hits = list(dict.fromkeys(w for w in words if isinstance(w, str) and w in names))
        if len(hits) >= LIST_SIZE:
            found.append((node.lineno, owner.get(id(node), "<module>"), hits))
    return found


def test_the_scanner_finds_lists_and_passes_single_relations():
    names = set(RELATION_TABLE)
    planted = '''
PLACES = {"born_in", "died_in", "residence"}
KINDS = {"born_in": "Place", "died_in": "Place", "residence": "Place"}
SINGLE = "gender born_in died_in".split()
def rule():
    yield Candidate("born_in", "Almaty", 0, 6)
    if relation in ("born_in", "died_in"):
        return [("x", "born_in"), ("y", "died_in")]
'''
    assert [(owner, hits) for _, owner, hits in relation_lists(planted, names)] == [
        ("PLACES", ["born_in", "died_in", "residence"]), ("KINDS", ["born_in", "died_in", "residence"]),
        ("SINGLE", ["gender", "born_in", "died_in"])]


def test_no_module_keeps_its_own_list_of_relations():
    names = set(RELATION_TABLE)
    found, used = [], set()
    for path in sorted(SOURCE.rglob("*.py")):
        where = path.relative_to(SOURCE).as_posix()
        for line, owner, hits in relation_lists(path.read_text(encoding="utf-8"), names):
            if (where, owner) in ALLOWED:
                used.add((where, owner))
            else:
                found.append(f"src/linernotes/{where}:{line} ({owner}): {', '.join(hits)}")
    assert not found, "lists of relations outside data/relations.tsv (read them from linernotes.model):\n" + "\n".join(found)
    assert used == set(ALLOWED), f"allowed but no longer there: {sorted(set(ALLOWED) - used)}"


def test_only_the_model_reads_the_relation_table():
    readers = [p.relative_to(SOURCE).as_posix() for p in SOURCE.rglob("*.py")
               if "relations.tsv" in p.read_text(encoding="utf-8")]
    assert readers == ["model.py"]


# -- the table itself -------------------------------------------------------------------------------

def test_every_relation_has_a_group_and_is_shown_once():
    shown = [r for relations in RELATION_GROUPS.values() for r in relations]
    assert sorted(shown) == sorted(RELATION_TABLE) and len(shown) == len(set(shown))
    assert all(spec.group for spec in RELATION_TABLE.values())
    assert list(RELATIONS) == list(RELATION_TABLE) == shown  # the table is in profile order


def test_inverses_are_symmetric_and_between_people():
    assert INVERSE, "no inverse relations"
    for relation, inverse in INVERSE.items():
        assert INVERSE.get(inverse) == relation, f"{relation} -> {inverse} -> {INVERSE.get(inverse)}"
        assert relation in PERSON_RELATIONS and inverse in PERSON_RELATIONS


def test_wikidata_properties_look_like_properties():
    for spec in RELATION_TABLE.values():
        assert spec.wikidata is None or re.fullmatch(r"P\d+", spec.wikidata), spec
    assert len({s.wikidata for s in RELATION_TABLE.values() if s.wikidata}) == sum(1 for s in RELATION_TABLE.values() if s.wikidata)


def test_value_types_and_the_names_derived_from_them():
    for spec in RELATION_TABLE.values():
        assert spec.values and all(re.fullmatch(r"[A-Z][A-Za-z]+", v) for v in spec.values), spec
        assert len(spec.values) == 1 or spec.values.count("Person") == 1 and len(spec.values) == 2, spec
        assert (spec.kind is None) == (set(spec.values) <= {"Person"} | LITERAL_VALUES), spec
    assert OBJECT_KINDS == {name: spec.kind for name, spec in RELATION_TABLE.items() if spec.kind}
    assert set(OBJECT_KINDS.values()).isdisjoint(LITERAL_VALUES | {"Person"})
    assert {"father", "mother", "spouse", "sibling", "student_of", "teacher_of", "collaborator"} <= PERSON_RELATIONS
    assert {"born_in", "birth_date", "gender", "father", "mother"} <= SINGLE_VALUED
    assert all(OBJECT_KINDS[r] == "Place" for r in PLACE_RELATIONS) and "born_in" in PLACE_RELATIONS


def test_a_filter_searches_every_relation_of_its_kind():
    """One "place" for the people list, the graph and the map: a filter covers all relations of its kind."""
    for name, relations in FILTERS.items():
        kinds = {RELATION_TABLE[r].values for r in relations}
        assert len(kinds) == 1, f"filter {name} mixes kinds {kinds}"
        (values,) = kinds
        assert set(relations) == {r for r, spec in RELATION_TABLE.items() if spec.values == values}, name
    assert FILTERS["place"] == PLACE_RELATIONS


def test_every_graph_node_lists_the_people_its_edges_come_from():
    for kind, relations in GRAPH_RELATIONS.items():
        assert {RELATION_TABLE[r].filter for r in relations} == {KIND_FILTER[kind]}, kind
        assert set(relations) <= set(FILTERS[KIND_FILTER[kind]])


def test_the_loader_refuses_malformed_rows():
    rows = [dict(row) for row in load_tsv("relations.tsv")]
    assert relation_table(rows) == RELATION_TABLE
    for change in ({"cardinality": "several"}, {"inverse": "godparent"}, {"group": ""}, {"graph": "no"}):
        broken = [dict(rows[0], **change), *rows[1:]]
        with pytest.raises(ValueError, match="relations.tsv"):
            relation_table(broken)
    with pytest.raises(ValueError, match="second row"):
        relation_table([*rows, rows[0]])


# -- data files keyed on relations ------------------------------------------------------------------

@pytest.mark.parametrize("name,column,others", [
    ("question_words.tsv", "relations", ()),
    ("section_headings.tsv", "relation", ()),
    ("kinship.tsv", "relation", ("parent", "family")),  # a parent or kin of unknown sex: resolved by the rule
])
def test_data_files_name_known_relations(name, column, others):
    rows = load_tsv(name)
    assert rows
    unknown = [row for row in rows for r in split_cell(row[column]) if r not in RELATION_TABLE and r not in others]
    assert not unknown, unknown
