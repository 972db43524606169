"""The site-template store: one SQLite file, embedded, no server.

What it holds (schema version 1):

``meta``           format name, schema version, the parameters (JSON): MinHash
                   ``num_perm``/``seed``/``bands``/``rows``, shingle hash and permutation
                   scheme, shingling, block-key scheme, and the decision thresholds
                   (``min_pages`` k, ``min_share`` f, ``protect_share``, ``similarity``,
                   ``variant_share``).
``sites``          one row per site (registrable domain or ``--site-field`` value) with
                   its page count.
``counts``         the exact sufficient statistic of learning: for every block key seen
                   on a site, on how many pages it occurred and on how many of those it
                   was protected (the page's title or prose of its main body run).
                   Stored as sorted numpy arrays in chunks of up to 1M keys.
``texts``          a sample text for every key seen on two or more pages.
``templates``      the decisions: per site, each template (or protected candidate) with
                   its representative text, page count, protected count and variants.
``template_keys``  the exact keys of each template's variants, with their MinHash
                   signatures (for near-duplicate matching at clean time).
``vetoes``         keys an editor vetoed (``cleaner templates veto``): never dropped.

Writing is atomic: a store is written to a temporary file next to its destination
and renamed over it (``os.replace``) only when complete, so an interrupted ``learn``
or ``merge`` leaves the old store (or nothing), never half a store.

``TemplateStore.open(path)`` opens a store read-only and fails with a clear
``StoreError`` for a missing, damaged, foreign or incompatible file.
"""
from __future__ import annotations

import json
import sqlite3
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .minhash import LSHIndex, MinHasher
from .shingles import Shingling
from .storeschema import (FORMAT, QUICK_CHECK_MAX_BYTES, SCHEMA_VERSION, TABLES, StoreError, StoreParams,
                          check_known, s64, u64)

# -- records ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Template:
    id: str
    site: str
    text: str
    pages: int  # pages carrying it (or a near-duplicate variant)
    site_pages: int
    prot: int  # of those, pages where it was the title or main-body prose
    variants: int  # distinct keys (near-duplicate variants)
    status: str  # "template" or "protected"
    key: int
    vetoed: bool = False
    veto_reason: str | None = None

    @property
    def share(self) -> float:
        return self.pages / self.site_pages if self.site_pages else 0.0


@dataclass(frozen=True)
class SiteInfo:
    name: str
    pages: int
    templates: int
    protected: int
    vetoed: int


class SiteTemplates:
    """What the templates filter needs for one site: exact keys and an LSH index of
    the templates' variant signatures (vetoed and protected ones left out)."""

    def __init__(self, site: str, exact: dict[int, str], index: LSHIndex | None, pages: int,
                 tpl_pages: dict[str, int] | None = None):
        self.site = site
        self.exact = exact  # key -> template id
        self.index = index  # LSH over (template id, key) -> variant signature
        self.pages = pages  # pages of the site
        self.tpl_pages = tpl_pages or {}  # template id -> pages carrying it

    def __len__(self) -> int:
        return len(set(self.exact.values()))


# -- reading ---------------------------------------------------------------------------------

class TemplateStore:
    """A template store opened read-only (see the module doc).  ``site_templates``
    caches per-site indexes (an LRU of ``cache_sites``)."""

    def __init__(self, path: Path, conn: sqlite3.Connection, params: StoreParams, meta: dict,
                 cache_sites: int = 256):
        self.path = path
        self.conn = conn
        self.params = params
        self.meta = meta
        self._site_rows = {name: (sid, pages) for sid, name, pages in
                           conn.execute("SELECT id, name, pages FROM sites")}
        self._cache: OrderedDict = OrderedDict()
        self._cache_sites = cache_sites
        self._hasher: MinHasher | None = None
        self._shingler = params.shingler()

    @property
    def grouping(self) -> dict:
        """How pages were grouped into sites when the store was learned:
        ``{"url_field": ..., "site_field": ...}`` (empty for stores that do not say)."""
        try:
            g = json.loads(self.meta.get("grouping") or "{}")
        except json.JSONDecodeError:
            return {}
        return g if isinstance(g, dict) else {}

    # -- opening -------------------------------------------------------------------------
    @classmethod
    def open(cls, path, *, check: bool | None = None) -> "TemplateStore":
        """Open a store for reading; ``StoreError`` with the reason when it cannot be used.
        ``check``: run SQLite's quick_check (default: for stores up to 256 MB)."""
        p = Path(path)
        if not p.exists():
            raise StoreError(f"{p}: no such template store (make one with `cleaner templates learn`)")
        if p.is_dir():
            raise StoreError(f"{p}: is a folder, not a template store file")
        size = p.stat().st_size
        if size == 0:
            raise StoreError(f"{p}: empty file, not a template store")
        with open(p, "rb") as fh:
            head = fh.read(16)
        if head != b"SQLite format 3\x00":
            raise StoreError(f"{p}: not a template store (not an SQLite file)")
        try:
            conn = sqlite3.connect(f"file:{p.resolve().as_posix()}?mode=ro", uri=True, check_same_thread=False)
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            missing = [t for t in TABLES if t not in tables]
            if "meta" not in tables:
                raise StoreError(f"{p}: an SQLite file, but not a template store (no meta table)")
            meta = dict(conn.execute("SELECT name, value FROM meta"))
            if meta.get("format") != FORMAT:
                raise StoreError(f"{p}: an SQLite file, but not a template store (format {meta.get('format')!r})")
            try:
                version = int(meta.get("version", "0"))
            except ValueError:
                version = 0
            if version > SCHEMA_VERSION:
                raise StoreError(f"{p}: template store schema {version} is newer than this cleaner's "
                                 f"({SCHEMA_VERSION}): upgrade cleaner")
            if version != SCHEMA_VERSION:
                raise StoreError(f"{p}: template store schema {version} is not supported "
                                 f"(this cleaner reads {SCHEMA_VERSION}): learn it again")
            if missing:
                raise StoreError(f"{p}: damaged template store (missing table(s) {', '.join(missing)})")
            params = StoreParams.from_json(meta.get("params", ""), str(p))
            check_known(params, str(p))
            if check if check is not None else size <= QUICK_CHECK_MAX_BYTES:
                res = conn.execute("PRAGMA quick_check(1)").fetchone()
                if not res or res[0] != "ok":
                    raise StoreError(f"{p}: damaged template store (SQLite: {res[0] if res else 'no answer'})")
            return cls(p, conn, params, meta)
        except StoreError:
            raise
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{p}: damaged or not a template store (SQLite: {exc})") from None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __getstate__(self):
        # a store travels to worker processes as its path and reopens there
        return {"path": str(self.path)}

    def __setstate__(self, state):
        other = TemplateStore.open(state["path"], check=False)
        self.__dict__.update(other.__dict__)

    # -- queries -------------------------------------------------------------------------
    def _q(self, sql, args=()):
        try:
            return self.conn.execute(sql, args).fetchall()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: damaged template store (SQLite: {exc})") from None

    @property
    def hasher(self) -> MinHasher:
        if self._hasher is None:
            self._hasher = MinHasher(self.params.num_perm, self.params.seed)
        return self._hasher

    @property
    def shingler(self) -> Shingling:
        return self._shingler

    def site_names(self) -> list[str]:
        return sorted(self._site_rows)

    def site_pages(self, site: str) -> int:
        row = self._site_rows.get(site)
        return row[1] if row else 0

    def sites(self) -> list[SiteInfo]:
        stats = {}
        for sid, status, n in self._q("SELECT site, status, count(*) FROM templates GROUP BY site, status"):
            stats.setdefault(sid, {})[status] = n
        vetoed = {}
        for t in self.templates():
            if t.vetoed:
                vetoed[t.site] = vetoed.get(t.site, 0) + 1
        out = []
        for name, (sid, pages) in self._site_rows.items():
            st = stats.get(sid, {})
            out.append(SiteInfo(name, pages, st.get("template", 0), st.get("protected", 0), vetoed.get(name, 0)))
        out.sort(key=lambda s: (-s.pages, s.name))
        return out

    def _vetoes(self, site: str | None = None) -> dict[tuple[str, int], str]:
        rows = (self._q("SELECT site, key, reason FROM vetoes WHERE site = ?", (site,)) if site is not None
                else self._q("SELECT site, key, reason FROM vetoes"))
        return {(s, u64(k)): r for s, k, r in rows}

    def templates(self, site: str | None = None, *, include_protected: bool = True) -> list[Template]:
        """Templates (and protected candidates), most frequent first."""
        names = {sid: (name, pages) for name, (sid, pages) in self._site_rows.items()}
        if site is not None:
            row = self._site_rows.get(site)
            if row is None:
                return []
            rows = self._q("SELECT id, site, key, text, pages, prot, variants, status FROM templates "
                           "WHERE site = ?", (row[0],))
            members = self._q("SELECT template, key FROM template_keys WHERE site = ?", (row[0],))
        else:
            rows = self._q("SELECT id, site, key, text, pages, prot, variants, status FROM templates")
            members = self._q("SELECT template, key FROM template_keys")
        vetoes = self._vetoes(site)
        veto_of: dict[str, str] = {}
        if vetoes:
            site_of_tpl = {r[0]: names[r[1]][0] for r in rows}
            for tid, k in members:
                reason = vetoes.get((site_of_tpl.get(tid), u64(k)))
                if reason is not None:
                    veto_of[tid] = reason
        out = []
        for tid, sid, key, text, pages, prot, variants, status in rows:
            if status == "protected" and not include_protected:
                continue
            name, spages = names[sid]
            out.append(Template(tid, name, text, pages, spages, prot, variants, status, u64(key),
                                tid in veto_of, veto_of.get(tid)))
        out.sort(key=lambda t: (t.site, t.status != "template", -t.pages, t.id))
        return out

    def template(self, tid: str) -> Template | None:
        for t in self.templates(self._site_of_template(tid)):
            if t.id == tid:
                return t
        return None

    def _site_of_template(self, tid: str) -> str | None:
        row = self._q("SELECT s.name FROM templates t JOIN sites s ON s.id = t.site WHERE t.id = ?", (tid,))
        return row[0][0] if row else None

    def member_keys(self, tid: str) -> list[int]:
        return [u64(k) for (k,) in self._q("SELECT key FROM template_keys WHERE template = ?", (tid,))]

    def site_templates(self, site: str) -> SiteTemplates | None:
        """The filter's view of one site (None when the store has no templates for it)."""
        if site in self._cache:
            self._cache.move_to_end(site)
            return self._cache[site]
        st = self._load_site(site)
        self._cache[site] = st
        if len(self._cache) > self._cache_sites:
            self._cache.popitem(last=False)
        return st

    def _load_site(self, site: str) -> SiteTemplates | None:
        row = self._site_rows.get(site)
        if row is None:
            return None
        sid, pages = row
        tpls = self._q("SELECT id, pages FROM templates WHERE site = ? AND status = 'template'", (sid,))
        if not tpls:
            return None
        tpl_pages = dict(tpls)
        live = set(tpl_pages)
        members = self._q("SELECT key, template, signature FROM template_keys WHERE site = ? ORDER BY key", (sid,))
        vetoes = self._vetoes(site)
        vetoed = {tid for k, tid, _ in members if (site, u64(k)) in vetoes}
        live -= vetoed
        if not live:
            return None
        exact: dict[int, str] = {}
        items, sigs = [], []
        for k, tid, sig in members:
            if tid not in live:
                continue
            exact[u64(k)] = tid
            if sig is not None:
                items.append((tid, u64(k)))
                sigs.append(np.frombuffer(sig, dtype="<u4"))
        index = None
        if items:
            index = LSHIndex(self.params.bands, self.params.rows)
            index.add_many(items, np.vstack(sigs).astype(np.uint32))
        return SiteTemplates(site, exact, index, pages, {t: tpl_pages[t] for t in live})

    # -- counts (for merging) ----------------------------------------------------------
    def count_chunks(self, site: str) -> list[tuple[int, int, int]]:
        """``[(chunk, lo, hi)]`` of a site's counts, in key order."""
        row = self._site_rows.get(site)
        if row is None:
            return []
        return [(c, u64(lo), u64(hi)) for c, lo, hi in
                self._q("SELECT chunk, lo, hi FROM counts WHERE site = ? ORDER BY chunk", (row[0],))]

    def load_chunk(self, site: str, chunk: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        sid = self._site_rows[site][0]
        rows = self._q("SELECT n, keys, pages, prot FROM counts WHERE site = ? AND chunk = ?", (sid, chunk))
        if not rows:
            raise StoreError(f"{self.path}: damaged template store (counts chunk {chunk} of {site} missing)")
        n, k, p, q = rows[0]
        keys = np.frombuffer(k, dtype="<u8")
        if len(keys) != n or len(p) != 4 * n or len(q) != 4 * n:
            raise StoreError(f"{self.path}: damaged template store (counts chunk {chunk} of {site} is truncated)")
        return keys.astype(np.uint64), np.frombuffer(p, dtype="<u4").astype(np.uint32), \
            np.frombuffer(q, dtype="<u4").astype(np.uint32)

    def counts(self, site: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """All (keys, pages, prot) of a site, sorted by key (for tests and small sites)."""
        parts = [self.load_chunk(site, c) for c, _lo, _hi in self.count_chunks(site)]
        if not parts:
            e = np.zeros(0, dtype=np.uint64)
            return e, e.astype(np.uint32), e.astype(np.uint32)
        return tuple(np.concatenate(x) for x in zip(*parts))  # type: ignore[return-value]

    def texts(self, site: str, keys=None) -> dict[int, str]:
        row = self._site_rows.get(site)
        if row is None:
            return {}
        if keys is None:
            return {u64(k): t for k, t in self._q("SELECT key, text FROM texts WHERE site = ?", (row[0],))}
        out = {}
        keys = [s64(int(k)) for k in keys]
        for s in range(0, len(keys), 500):
            part = keys[s:s + 500]
            q = f"SELECT key, text FROM texts WHERE site = ? AND key IN ({','.join('?' * len(part))})"
            out.update({u64(k): t for k, t in self._q(q, (row[0], *part))})
        return out

    def all_vetoes(self) -> list[tuple[str, int, str, str]]:
        return [(s, k, t, r) for s, k, t, r in self._q("SELECT site, key, template, reason FROM vetoes")]

    # -- matching one block (used by the filter and by `explain`) -------------------------

# -- vetoes (in place, one transaction) -------------------------------------------------------

def veto(path, template_ids, reason: str = "vetoed by an editor", undo: bool = False) -> list[str]:
    """Veto (or un-veto) templates by id in the store at ``path``; returns the ids done.
    A veto is kept by key, so it survives merges and holds for every variant."""
    store = TemplateStore.open(path)
    try:
        rows, done = [], []
        for tid in template_ids:
            site = store._site_of_template(tid)
            if site is None:
                raise StoreError(f"{path}: no template {tid!r} (see `cleaner templates show {path}`)")
            for k in store.member_keys(tid):
                rows.append((site, s64(k), tid, reason))
            done.append(tid)
    finally:
        store.close()
    try:
        conn = sqlite3.connect(str(path), isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        if undo:
            conn.executemany("DELETE FROM vetoes WHERE site = ? AND key = ?", [(s, k) for s, k, _t, _r in rows])
        else:
            conn.executemany("INSERT OR REPLACE INTO vetoes VALUES (?, ?, ?, ?)", rows)
        conn.execute("COMMIT")
        conn.close()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: cannot write vetoes (SQLite: {exc})") from None
    return done


__all__ = ["TemplateStore", "StoreError", "Template", "SiteInfo", "SiteTemplates", "veto"]
