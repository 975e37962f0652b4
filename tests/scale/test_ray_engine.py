"""Ray: a cluster run gives exactly the facts of a one-process run; ingest on the cluster equals a local ingest.

One local Ray cluster (2 CPUs, loopback, no dashboard) is shared by the module. Skipped when Ray is
not installed, unless ``LINERNOTES_REQUIRE_RAY`` is set (CI sets it and installs the ray extra).
"""
from __future__ import annotations

import os

import pytest

from linernotes import extract_paths
from linernotes.api import BatchResult
from linernotes.kb.ingest import ingest

from ..conftest import EXAMPLES
from ..kb.snapshot import snapshot
from .corpus import write_many

if os.environ.get("LINERNOTES_REQUIRE_RAY"):
    import ray  # noqa: F401  (CI: a missing Ray is a failure, not a skip)
else:
    pytest.importorskip("ray", reason="Ray is not installed: pip install 'linernotes[ray]'")

from linernotes.scale import extract_with_ray, ingest_with_ray  # noqa: E402
from linernotes.scale.ray_engine import iter_with_ray  # noqa: E402
from linernotes.scale.shards import read_shards  # noqa: E402
from linernotes.store import Store  # noqa: E402


@pytest.fixture(scope="module")
def cluster():
    import ray

    ray.init(num_cpus=2, include_dashboard=False, _node_ip_address="127.0.0.1", logging_level="WARNING",
             log_to_driver=False)
    yield ray
    ray.shutdown()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("many")
    files = write_many(folder)
    (folder / "empty.txt").write_text("", encoding="utf-8")  # E001: a bad file among the good ones
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02 not text")  # E002
    return folder, files


def test_ray_run_gives_exactly_the_one_process_facts(cluster, corpus, tmp_path, nlp):
    folder, files = corpus
    assert len(files) >= 200
    local = BatchResult()
    expected = [d.to_dict() for d in extract_paths([str(folder)], local)]
    result = extract_with_ray([str(folder), str(tmp_path / "missing")], str(tmp_path / "shards"), actors=2,
                              shard_size=100)
    assert len(result.shards) == -(-len(files) // 100)
    assert read_shards(result.shards) == expected  # every document, fact, offset and confidence, in order
    assert result.documents == len(files)
    assert sorted(result.errors) == sorted(local.errors + [f"[E005] {tmp_path / 'missing'}: no such file or directory."])
    assert {e[:6] for e in result.errors} == {"[E001]", "[E002]", "[E005]"}


def test_parquet_shards_hold_the_same_documents(cluster, tmp_path, nlp):
    files = sorted(str(p) for p in (EXAMPLES / "bios").glob("*.txt"))[:6]
    result = extract_with_ray(files, str(tmp_path / "pq"), actors=1, fmt="parquet")
    assert result.shards[0].endswith(".parquet") and not result.errors
    assert read_shards(result.shards) == [d.to_dict() for d in extract_paths(files)]


def test_over_the_time_budget_is_an_error_naming_the_file(cluster, nlp):
    files = sorted(str(p) for p in (EXAMPLES / "bios").glob("*.txt"))[:4]
    result = BatchResult()
    out = list(iter_with_ray(files, result, actors=1, time_budget=1e-9))
    assert out == [] and len(result.errors) == len(files)
    assert all(e.startswith("[E007] ") for e in result.errors)
    assert sorted(e.split(": ")[0][7:] for e in result.errors) == files


@pytest.mark.parametrize("db", ["sqlite", "postgresql"])
def test_ingest_on_ray_equals_a_local_ingest(cluster, corpus, db, request, tmp_path, nlp):
    folder, files = corpus
    subset = files[::6]  # ~40 documents: what is compared is every row
    if db == "sqlite":
        urls = [str(tmp_path / "local.db"), str(tmp_path / "ray.db")]
    else:
        from ..conftest import _empty_postgres, _postgres_or_skip

        base = _postgres_or_skip()
        urls = [str(tmp_path / "local.db"), base]
        _empty_postgres(base)
    local_store = Store.open(urls[0])
    local = ingest(local_store, subset + [str(folder / "empty.txt")])
    local_store.close()
    ray_store = Store.open(urls[1])
    report = ingest_with_ray(ray_store, subset + [str(folder / "empty.txt")], actors=2, writers=2, batch_size=4)
    again = ingest_with_ray(ray_store, subset, actors=1, writers=1)  # again is harmless: skipped before extraction
    ray_store.close()
    assert (report.added, report.failed) == (local.added, local.failed) == (len(subset), 1)
    assert report.errors == local.errors
    assert (again.added, again.unchanged) == (0, len(subset))
    expected, got = snapshot(urls[0]), snapshot(urls[1])
    for part in expected:
        assert got[part] == expected[part], part


def _cli(args: list[str]):
    from typer.testing import CliRunner

    from linernotes.cli import app

    try:
        return CliRunner(mix_stderr=False).invoke(app, args)
    except TypeError:  # Click 8.2 keeps stderr apart already
        return CliRunner().invoke(app, args)


def test_cli_engine_ray_prints_what_the_local_engine_prints(cluster, tmp_path, nlp):
    files = sorted(str(p) for p in (EXAMPLES / "bios").glob("*.txt"))[:3]
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    args = ["extract", *files, str(tmp_path / "empty.txt")]
    local, on_ray = _cli(args), _cli(args + ["--engine", "ray", "--actors", "1"])
    assert local.exit_code == on_ray.exit_code == 1  # the empty file
    assert on_ray.stdout == local.stdout and on_ray.stdout.count("\n") == 3
    assert "[E001]" in on_ray.stderr and str(tmp_path / "empty.txt") in on_ray.stderr
    shards = _cli(["extract", *files, "--engine", "ray", "--actors", "1", "--output", str(tmp_path / "out")])
    assert shards.exit_code == 0, shards.stderr
    assert (tmp_path / "out" / "part-00000.jsonl").read_text(encoding="utf-8") == local.stdout


def test_cli_address_reaches_a_running_cluster(cluster, tmp_path, nlp):
    """Another process joins the cluster by --address (as a user joins a cluster started by `ray start`)."""
    import subprocess
    import sys

    address = cluster.get_runtime_context().gcs_address
    files = sorted(str(p) for p in (EXAMPLES / "bios").glob("*.txt"))[:2]
    run = subprocess.run([sys.executable, "-c", "from linernotes.cli import main; main()", "extract", *files,
                          "--engine", "ray", "--address", address, "--actors", "1"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout == _cli(["extract", *files]).stdout


def test_ingest_on_ray_keeps_a_pdfs_pages(cluster, tmp_path, nlp):
    from ..kb.test_fact_pages import FIRST, SECOND
    from ..readers.files import pdf_bytes

    folder = tmp_path / "bios"
    folder.mkdir()
    (folder / "saule.pdf").write_bytes(pdf_bytes([[FIRST], [SECOND]]))
    store = Store.open(str(tmp_path / "ray.db"))
    try:
        assert ingest_with_ray(store, [str(folder)], actors=1, writers=1).added == 1
        with store.reading() as tx:
            pages = {(f["relation"], f["value"]): f["page"] for f in tx.iter_facts()}
    finally:
        store.close()
    assert pages[("born_in", "Taraz")] == 1 and pages[("residence", "Astana")] == 2
