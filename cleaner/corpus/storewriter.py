"""Writing a template store atomically: a temporary file next to the destination,
renamed over it only when complete."""
from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from pathlib import Path

import numpy as np

from .storeschema import CHUNK_KEYS, FORMAT, SCHEMA, SCHEMA_VERSION, StoreError, StoreParams, s64

class StoreWriter:
    """Writes a new store to a temporary file; ``commit()`` renames it into place,
    ``abort()`` (or an exception inside ``with``) removes it."""

    def __init__(self, path, params: StoreParams):
        self.path = Path(path)
        self.params = params
        parent = self.path.resolve().parent
        if not parent.is_dir():
            raise StoreError(f"{self.path}: folder {parent} does not exist")
        from ..io.tempfiles import sweep, tagged
        sweep(parent, f".{self.path.name}.")  # what a killed run left
        fd, tmp = tempfile.mkstemp(prefix=tagged(f".{self.path.name}."), suffix=".tmp", dir=parent)
        os.close(fd)
        self.tmp = Path(tmp)
        self.conn = sqlite3.connect(str(self.tmp), isolation_level=None)
        self.conn.execute("PRAGMA journal_mode=OFF")
        self.conn.execute("PRAGMA synchronous=OFF")
        self.conn.executescript(SCHEMA)
        self.conn.execute("BEGIN")
        self._meta({"format": FORMAT, "version": str(SCHEMA_VERSION), "params": params.to_json()})
        self._site_ids: dict[str, int] = {}
        self._chunks: dict[int, int] = {}
        self.done = False

    def _meta(self, items: dict) -> None:
        self.conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", list(items.items()))

    def set_meta(self, **items) -> None:
        self._meta({k: json.dumps(v) if not isinstance(v, str) else v for k, v in items.items()})

    def site_id(self, name: str, pages: int) -> int:
        sid = self._site_ids.get(name)
        if sid is None:
            sid = self._site_ids[name] = len(self._site_ids) + 1
            self.conn.execute("INSERT INTO sites VALUES (?, ?, ?)", (sid, name, int(pages)))
        return sid

    def add_counts(self, sid: int, keys: np.ndarray, pages: np.ndarray, prot: np.ndarray) -> None:
        """Append sorted, unique keys (ascending across calls for one site)."""
        for s in range(0, len(keys), CHUNK_KEYS):
            k = keys[s:s + CHUNK_KEYS]
            if not len(k):
                continue
            chunk = self._chunks.get(sid, 0)
            self._chunks[sid] = chunk + 1
            self.conn.execute(
                "INSERT INTO counts VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (sid, chunk, s64(int(k[0])), s64(int(k[-1])), len(k),
                 np.ascontiguousarray(k, dtype="<u8").tobytes(),
                 np.ascontiguousarray(pages[s:s + CHUNK_KEYS], dtype="<u4").tobytes(),
                 np.ascontiguousarray(prot[s:s + CHUNK_KEYS], dtype="<u4").tobytes()))

    def add_texts(self, sid: int, items) -> None:
        self.conn.executemany("INSERT OR REPLACE INTO texts VALUES (?, ?, ?)",
                              ((sid, s64(k), t) for k, t in items))

    def add_template(self, sid: int, site: str, tpl: dict) -> None:
        self.conn.execute("INSERT INTO templates VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                          (tpl["id"], sid, s64(tpl["key"]), tpl["text"], tpl["pages"], tpl["prot"],
                           len(tpl["members"]), tpl["status"]))
        self.conn.executemany(
            "INSERT INTO template_keys VALUES (?, ?, ?, ?, ?)",
            ((sid, s64(k), tpl["id"], p, None if sig is None else np.asarray(sig, dtype="<u4").tobytes())
             for k, p, sig in tpl["members"]))

    def add_vetoes(self, rows) -> None:
        self.conn.executemany("INSERT OR REPLACE INTO vetoes VALUES (?, ?, ?, ?)", rows)

    def commit(self) -> Path:
        self.conn.execute("COMMIT")
        self.conn.close()
        with open(self.tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(self.tmp, self.path)
        self.done = True
        return self.path

    def abort(self) -> None:
        if self.done:
            return
        try:
            self.conn.close()
        except Exception:
            pass
        try:
            self.tmp.unlink()
        except FileNotFoundError:
            pass
        self.done = True

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            self.abort()
        elif not self.done:
            self.commit()
        return False
