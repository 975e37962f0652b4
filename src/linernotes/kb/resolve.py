"""Cross-document resolution: which local people (a person as one document tells it) are one musician.

Rules, in order of strength:
- Two documents' people with the same full name (after folding accents, word order and
  romanisation: Iván/Ivan) are one person, unless they disagree on two or more things that a
  person has only one of (birthplace, birth year, ...) and agree on nothing.
- A person known by a single name ("Sophia") joins a full-named person whose name has that
  word, or another lone name, only when the two share a fact (an instrument, a band, a teacher...).
- Two people of one document are never merged (the extractor already told them apart), and
  full names that differ never merge (Vivaan Imankulov and Iván Imankulov stay two people).
- Corrections by hand (``merge``/``split``) win over the rules, and are keyed by document and
  name so that they survive re-ingest.

Each local person's profile assignment keeps its reason; disagreements inside a profile
become ``cross-document-contradiction`` checks.

Cost: each round reads the block of people sharing a name key with its pending people. A weak key
(a lone name, or one word of a full name) is shared by more people the bigger the collection, so
past ``WEAK_BLOCK`` people its block is not read: only those of its people who share a fact with
the person holding the key (``_compare`` asks for one to join by a weak key) are looked up, by a
keyed join in the database. What that can no longer find, in a block that big: a lone name whose
shared fact is written differently (a birth date in another form than the other's, a place one
document links and the other does not), and a person whose profile, not their own document,
gives the shared fact. A lone given name shared by hundreds of people is no evidence by itself;
what joins them is the shared fact, and that is still looked up. Full names are never cut.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from ..dates import year_of
from ..errors import Checks
from ..keys import name_key
from ..model import DATE_RELATIONS, RELATION_TABLE, SINGLE_VALUED

#: Things a person has one of: two documents giving different values contradict each other. Not a
#: parent: a person's name is written differently from one document to the next ("Serik" / "Serik
#: Nurov"), so two spellings of a father are no disagreement.
SINGLE = tuple(r for r, spec in RELATION_TABLE.items() if r in SINGLE_VALUED and "Person" not in spec.values)
#: Facts too common to show that two descriptions are of one person.
WEAK_SUPPORT = frozenset(r for r, spec in RELATION_TABLE.items() if spec.common)
#: The kinds of name key a key of each kind can match (``_compare``): full names match full names, a part of
#: a full name matches a lone name, a lone name matches a part or another lone name.
MATCHING = {"full": ("full",), "part": ("only",), "only": ("only", "part")}
#: Past this many people, a block of one weak name key (a lone name, a part of a full name) is no lead by
#: itself: only its people who also share a fact (a second key) are read. See the module docstring.
WEAK_BLOCK = 200
#: What a disagreement between documents is filed under (code and severity from the check catalogue).
CROSS_DOCUMENT = Checks.of("cross-document-contradiction")


@dataclass
class Local:
    """A person as one document describes them, with what resolution needs to know."""

    id: int
    document: str
    name: str
    aliases: list[str]
    main: bool
    person_id: int | None
    keys: dict[str, str]  # name key -> kind ("full", "part", "only")
    facts: list[dict] = field(default_factory=list)
    _signatures: set | None = field(default=None, repr=False, compare=False)

    @property
    def full_keys(self) -> set[str]:
        return {k for k, kind in self.keys.items() if kind == "full"}

    @property
    def identities(self) -> set[tuple[str, str]]:
        """(document, name key) pairs by which corrections by hand refer to this person."""
        return {(self.document, name_key(n)) for n in [self.name, *self.aliases]}

    def signatures(self) -> set[tuple[str, str]]:
        if self._signatures is None:
            self._signatures = {(f["relation"], _signature(f)) for f in self.facts if f["relation"] not in WEAK_SUPPORT}
        return self._signatures


@dataclass
class Cluster:
    members: list[Local] = field(default_factory=list)
    reasons: dict[int, str] = field(default_factory=dict)

    @property
    def documents(self) -> set[str]:
        return {m.document for m in self.members}

    def keys_of(self, kinds: set[str]) -> set[str]:
        return {k for m in self.members for k, kind in m.keys.items() if kind in kinds}

    def signatures(self) -> set[tuple[str, str]]:
        return set().union(*(m.signatures() for m in self.members)) if self.members else set()

    def single_values(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for m in self.members:
            for f in m.facts:
                if f["relation"] in SINGLE:
                    out.setdefault(f["relation"], set()).add(_signature(f))
        return out

    @property
    def name(self) -> str:
        """The profile's name: the full name most documents use for their main person."""
        names = Counter(m.name for m in self.members if m.main and " " in m.name.strip()) or \
            Counter(m.name for m in self.members if " " in m.name.strip()) or Counter(m.name for m in self.members)
        first = {m.name: m.id for m in reversed(self.members)}
        return max(names, key=lambda n: (names[n], -first[n]))


def _signature(fact: dict) -> str:
    if fact["relation"] in DATE_RELATIONS:
        year = year_of(fact["value"])
        return str(year) if year else fact["value_key"]
    return fact.get("ref") or fact.get("label_key") or fact["value_key"]


def conflicts(local: Local, cluster: Cluster) -> list[str]:
    """Single-valued relations on which ``local`` and ``cluster`` give different values."""
    theirs = cluster.single_values()
    mine: dict[str, set[str]] = {}
    for f in local.facts:
        if f["relation"] in SINGLE:
            mine.setdefault(f["relation"], set()).add(_signature(f))
    return sorted(r for r, values in mine.items() if r in theirs and not values & theirs[r])


def _describe(signatures: set[tuple[str, str]], facts: Iterable[dict]) -> str:
    shown = {}
    for f in facts:
        sig = (f["relation"], _signature(f))
        if sig in signatures and sig not in shown:
            shown[sig] = f"{f['relation']} {f['value']}"
    return ", ".join(sorted(shown.values()))


def cluster_locals(locals_: list[Local], decisions: list[dict] | None = None) -> list[Cluster]:
    """Group local people into profiles (greedy, in ingest order), honouring corrections by hand.

    Only clusters sharing a name key (or tied by a decision) are compared, so the work grows with
    the number of people, not its square.
    """
    must, cannot = _constraints(decisions or [])
    clusters: list[Cluster] = []
    by_key: dict[tuple[str, str], list[Cluster]] = {}  # (name key, kind) -> clusters with it
    by_identity: dict[tuple[str, str], Cluster] = {}
    for local in sorted(locals_, key=lambda m: m.id):
        # Only keys that can match (MATCHING): two people sharing a given name are no candidates by it.
        candidates = {id(c): c for key, kind in local.keys.items() for theirs in MATCHING[kind]
                      for c in by_key.get((key, theirs), ())}
        for pair in must:
            for mine in local.identities & pair:
                other = next(iter(pair - {mine}), mine)
                if other in by_identity:
                    candidates[id(by_identity[other])] = by_identity[other]
        best, best_score, best_reason = None, None, ""
        for cluster in candidates.values():
            if local.document in cluster.documents or _paired(local, cluster, cannot):
                continue
            if _paired(local, cluster, must):
                anchor = cluster.members[0]
                verdict = (1000.0, f"merged by hand with {anchor.name!r} ({anchor.document})")
            else:
                verdict = _compare(local, cluster)
            if verdict is None:
                continue
            score, reason = verdict
            if best_score is None or score > best_score:
                best, best_score, best_reason = cluster, score, reason
        if best is None:
            best = Cluster()
            clusters.append(best)
            best_reason = f"first described in {local.document}"
        best.members.append(local)
        best.reasons[local.id] = best_reason
        for key, kind in local.keys.items():
            if best not in by_key.setdefault((key, kind), []):
                by_key[(key, kind)].append(best)
        for identity in local.identities:
            by_identity[identity] = best
    return _apply_merges(clusters, must, cannot)


def _compare(local: Local, cluster: Cluster) -> tuple[float, str] | None:
    """Whether ``local`` may join ``cluster``: a score and the reason, or None."""
    anchor = cluster.members[0]
    shared = local.signatures() & cluster.signatures()
    support = _describe(shared, [f for m in cluster.members for f in m.facts])
    differ = conflicts(local, cluster)
    same_full = local.full_keys & cluster.keys_of({"full"})
    if same_full:
        if len(differ) >= 2 and not shared:
            return None
        reason = f"same name as {anchor.name!r} in {anchor.document}"
    else:
        lone = {k for k, kind in local.keys.items() if kind == "only"}
        mine_parts = {k for k, kind in local.keys.items() if kind in ("part", "only")}
        matched = (lone & cluster.keys_of({"part", "only"})) or (mine_parts & cluster.keys_of({"only"}))
        if not matched or not shared or differ:
            return None
        reason = f"the name {local.name!r} is part of {anchor.name!r} in {anchor.document}"
    if support:
        reason += f"; both give {support}"
    if differ:
        reason += "; they differ on " + ", ".join(RELATION_TABLE[r].noun for r in differ)
    score = (2.0 if same_full else 0.0) + len(shared) - len(differ)
    return score, reason


def _constraints(decisions: list[dict]) -> tuple[set[frozenset], set[frozenset]]:
    """Pairs of (document, name key) that must / must not share a profile; the later decision wins."""
    state: dict[frozenset, str] = {}
    for d in decisions:
        pair = frozenset({(d["document_a"], name_key(d["name_a"])), (d["document_b"], name_key(d["name_b"]))})
        state[pair] = d["action"]
    must = {p for p, action in state.items() if action == "merge"}
    cannot = {p for p, action in state.items() if action == "split"}
    return must, cannot


def _paired(local: Local, cluster: Cluster, pairs: set[frozenset]) -> bool:
    """Whether a decision pairs ``local`` with a member of ``cluster`` (a split, or with ``must``, a merge)."""
    if not pairs:
        return False
    return any(frozenset({a, b}) in pairs for m in cluster.members for a in local.identities for b in m.identities)


def _apply_merges(clusters: list[Cluster], must: set[frozenset], cannot: set[frozenset]) -> list[Cluster]:
    for pair in must:
        a, b = tuple(pair) if len(pair) == 2 else (next(iter(pair)),) * 2
        ca = next((c for c in clusters if any(a in m.identities for m in c.members)), None)
        cb = next((c for c in clusters if any(b in m.identities for m in c.members)), None)
        if ca is None or cb is None or ca is cb:
            continue
        if any(_paired(m, ca, cannot) for m in cb.members):
            continue
        for m in cb.members:
            ca.members.append(m)
            ca.reasons[m.id] = f"merged by hand with {ca.members[0].name!r} ({ca.members[0].document})"
        clusters.remove(cb)
    return clusters


def contradiction_checks(cluster: Cluster, person_id: int) -> list[dict]:
    """``cross-document-contradiction`` checks: documents giving a profile different single values."""
    rows = []
    if len(cluster.documents) < 2:
        return rows
    for relation in SINGLE:
        by_value: dict[str, list[dict]] = {}
        for m in cluster.members:
            for f in m.facts:
                if f["relation"] == relation:
                    by_value.setdefault(_signature(f), []).append(f)
        if len(by_value) < 2 or len({f["document"] for fs in by_value.values() for f in fs}) < 2:
            continue
        sides = [fs[0] for fs in by_value.values()]
        said = " vs ".join(f"{f['value']} ({f['document']})" for f in sides)
        rows.append({
            "person_id": person_id, "code": CROSS_DOCUMENT.code, "severity": CROSS_DOCUMENT.severity,
            "message": f"Documents disagree on {cluster.name}'s {RELATION_TABLE[relation].noun}: {said}",
            "value": " / ".join(f["value"] for f in sides),
            "evidence": "\n".join(f"{f['document']}: {f['evidence']}" for f in sides),
            "fact_ids": [f["id"] for fs in by_value.values() for f in fs],
        })
    return rows


def resolve(tx, local_ids: Iterable[int] = (), person_ids: Iterable[int] = ()) -> set[int]:
    """Re-resolve the profiles around some local people (new ones, or members of changed profiles).

    The block re-clustered is everyone who could be affected: the local people given, whoever
    shares a name key with them, the other members of their profiles, and people a correction
    by hand ties to them. Returns the ids of the profiles in the block after resolution.
    """
    return _resolve_block(tx, local_ids, person_ids)[0]


def _resolve_block(tx, local_ids: Iterable[int], person_ids: Iterable[int]) -> tuple[set[int], int]:
    """``resolve``, and how many of the block's local people were in no profile before."""
    person_ids = set(person_ids)
    decisions = tx.decisions()
    block = set(local_ids) | tx.locals_of_people(person_ids)
    frontier = set(block)
    for _ in range(6):
        if not frontier:
            break
        found = _neighbours(tx, frontier, decisions)
        found |= tx.locals_of_people({r["person_id"] for r in tx.local_people(found - block) if r["person_id"]})
        frontier = found - block
        block |= frontier
    if not block:
        return set(), 0
    rows = tx.local_people(block)
    keys = tx.keys_of_locals(block)
    facts = tx.facts_of_locals(block)
    locals_ = [Local(r["id"], r["document"], r["name"], r["aliases"], bool(r["main"]), r["person_id"],
                     dict(keys.get(r["id"], [])), facts.get(r["id"], [])) for r in rows]
    clusters = cluster_locals(locals_, decisions)
    people = _store_clusters(tx, clusters, {m.person_id for m in locals_ if m.person_id} | person_ids)
    return people, sum(1 for m in locals_ if m.person_id is None)


def resolve_pending(store, chunk: int = 1000) -> int:
    """Resolve every local person not yet in a profile, and every profile queued as stale; return
    how many local people were resolved.

    The step after the writes, safe to run any time and again (it does nothing when nothing is
    pending), from any number of processes: each round is one exclusive transaction over ``chunk``
    pending people and the block around them (``resolve``: the people sharing a name key, their
    profiles' members), so its cost grows with the size of the blocks, not with the collection.
    """
    resolved = 0
    previous = None
    while True:
        with store.transaction() as tx:
            local_ids, stale = tx.unresolved_locals(chunk), tx.stale_people(chunk)
            if not local_ids and not stale:
                return resolved
            if (local_ids, stale) == previous:  # resolve assigns every local it is given: cannot happen
                raise RuntimeError(f"resolution made no progress on local people {local_ids[:5]}...")
            resolved += _resolve_block(tx, local_ids, stale)[1]  # the block's other pending people count too
            tx.clear_stale(stale)
        previous = (local_ids, stale)


def _neighbours(tx, frontier: set[int], decisions: list[dict]) -> set[int]:
    keys = tx.keys_of_locals(frontier)
    full: set[str] = set()
    weak: dict[tuple[str, str], set[int]] = {}  # (weak key, kind) -> the frontier's people with it
    for local_id, pairs in keys.items():
        for key, kind in pairs:
            if kind == "full":
                full.add(key)
            else:
                weak.setdefault((key, kind), set()).add(local_id)
    found = tx.locals_with_keys(full, ["full"])
    big: list[tuple[str, str, set[int]]] = []
    for kind in ("part", "only"):
        mine = {key for key, k in weak if k == kind}
        blocks = tx.locals_with_keys_up_to(mine, MATCHING[kind], WEAK_BLOCK + 1)
        for key in sorted(mine):
            block = blocks.get(key, set())
            if len(block) <= WEAK_BLOCK:
                found |= block
            else:
                big.append((key, kind, weak[(key, kind)]))
    if big:
        found |= _sharing_a_second_key(tx, big)
    if decisions:
        documents = {r["document"] for r in tx.local_people(frontier)}
        for d in decisions:
            for mine, other in (("a", "b"), ("b", "a")):
                if d[f"document_{mine}"] in documents:
                    row = tx.local_named(d[f"document_{other}"], d[f"name_{other}"])
                    if row:
                        found.add(row["id"])
    return found


def _sharing_a_second_key(tx, big: list[tuple[str, str, set[int]]]) -> set[int]:
    """Of each big weak block, the people who share a fact with the frontier's people holding its key:
    the only ones ``_compare`` could join by a weak key (it asks for a shared fact), found by a keyed join."""
    holders = set().union(*(h for _, _, h in big))
    facts = tx.facts_of_locals(holders)
    found: set[int] = set()
    for key, kind, mine in big:
        signatures = {(f["relation"], _signature(f)) for m in mine for f in facts.get(m, ())
                      if f["relation"] not in WEAK_SUPPORT}
        found |= tx.locals_with_key_and_fact(key, MATCHING[kind], sorted(signatures))
    return found


def _store_clusters(tx, clusters: list[Cluster], old_people: set[int]) -> set[int]:
    """Give each cluster a profile id: the one most of its members had, else a spare one of the
    same name (a re-ingested document keeps its person's number), else a new one."""
    taken: set[int] = set()
    people: set[int] = set()
    assignments = []
    checks = []
    chosen: dict[int, int] = {}
    ordered = sorted(clusters, key=lambda c: min(m.id for m in c.members))
    for number, cluster in enumerate(ordered):
        votes = Counter(m.person_id for m in cluster.members if m.person_id and m.person_id not in taken)
        if votes:
            chosen[number] = max(votes, key=lambda p: (votes[p], -p))
            taken.add(chosen[number])
    spare = {p: tx.person(p) for p in sorted(old_people - taken)}
    for number, cluster in enumerate(ordered):
        if number in chosen:
            person_id = chosen[number]
            if tx.person(person_id)["name"] != cluster.name:
                tx.rename_person(person_id, cluster.name)
        else:
            same = [p for p, row in spare.items() if row and p not in taken and name_key(row["name"]) == name_key(cluster.name)]
            person_id = same[0] if same else tx.create_person(cluster.name)
        taken.add(person_id)
        people.add(person_id)
        assignments.extend((m.id, person_id, cluster.reasons[m.id]) for m in cluster.members)
        checks.extend(contradiction_checks(cluster, person_id))
    tx.assign(assignments)
    tx.replace_person_checks(people | old_people, checks)
    tx.delete_empty_people(old_people - people)
    return people
