"""Output shards of a cluster run: JSONL (one document a line, as ``linernotes extract`` prints it)
or Parquet (columns ``doc`` and ``document``, the same JSON), a new file every ``size`` documents."""
from __future__ import annotations

import json
import os


class ShardWriter:
    """Writes documents (``Document.to_dict()``) to ``out_dir/part-00000.jsonl``, ``part-00001...``."""

    def __init__(self, out_dir: str, fmt: str = "jsonl", size: int = 1000) -> None:
        if fmt not in ("jsonl", "parquet"):
            raise ValueError(f"unknown shard format {fmt!r}: jsonl or parquet")
        os.makedirs(out_dir, exist_ok=True)
        self.out_dir, self.fmt, self.size = out_dir, fmt, size
        self.paths: list[str] = []
        self._pending: list[tuple[str, str]] = []

    def add(self, document: dict) -> None:
        self._pending.append((document["doc"], json.dumps(document, ensure_ascii=False)))
        if len(self._pending) >= self.size:
            self._flush()

    def close(self) -> list[str]:
        if self._pending:
            self._flush()
        return self.paths

    def _flush(self) -> None:
        path = os.path.join(self.out_dir, f"part-{len(self.paths):05d}.{self.fmt}")
        if self.fmt == "jsonl":
            with open(path, "w", encoding="utf-8") as handle:
                handle.writelines(line + "\n" for _, line in self._pending)
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            names, lines = zip(*self._pending)
            pq.write_table(pa.table({"doc": list(names), "document": list(lines)}), path)
        self.paths.append(path)
        self._pending = []


def read_shards(paths: list[str]) -> list[dict]:
    """The documents in shards (for tests and for loading them elsewhere), in shard order."""
    out = []
    for path in paths:
        if path.endswith(".parquet"):
            import pyarrow.parquet as pq

            out.extend(json.loads(line) for line in pq.read_table(path).column("document").to_pylist())
        else:
            with open(path, encoding="utf-8") as handle:
                out.extend(json.loads(line) for line in handle if line.strip())
    return out
