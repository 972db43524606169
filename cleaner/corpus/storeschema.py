"""What a template store is made of: its SQLite schema, its parameters and their
checks, and the key conversions shared by the writer (``storewriter``) and the
reader (``store``).  The tables are described in ``store``'s module doc."""
from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, fields, replace

from .minhash import HASH_NAME, SCHEME, check_lsh
from .shingles import KEY_SCHEME, Shingling

FORMAT = "cleaner-templates"
SCHEMA_VERSION = 1
UNKNOWN_SITE = "(unknown)"  # the bucket of records without a URL (or site field)
CHUNK_KEYS = 1 << 20
QUICK_CHECK_MAX_BYTES = 256 << 20  # open() runs PRAGMA quick_check on stores up to this size

SCHEMA = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sites (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, pages INTEGER NOT NULL);
CREATE TABLE counts (site INTEGER NOT NULL, chunk INTEGER NOT NULL, lo INTEGER NOT NULL, hi INTEGER NOT NULL,
                     n INTEGER NOT NULL, keys BLOB NOT NULL, pages BLOB NOT NULL, prot BLOB NOT NULL,
                     PRIMARY KEY (site, chunk)) WITHOUT ROWID;
CREATE TABLE texts (site INTEGER NOT NULL, key INTEGER NOT NULL, text TEXT NOT NULL,
                    PRIMARY KEY (site, key)) WITHOUT ROWID;
CREATE TABLE templates (id TEXT PRIMARY KEY, site INTEGER NOT NULL, key INTEGER NOT NULL, text TEXT NOT NULL,
                        pages INTEGER NOT NULL, prot INTEGER NOT NULL, variants INTEGER NOT NULL,
                        status TEXT NOT NULL);
CREATE INDEX templates_site ON templates (site, status);
CREATE TABLE template_keys (site INTEGER NOT NULL, key INTEGER NOT NULL, template TEXT NOT NULL,
                            pages INTEGER NOT NULL, signature BLOB,
                            PRIMARY KEY (site, key)) WITHOUT ROWID;
CREATE INDEX template_keys_template ON template_keys (template);
CREATE TABLE vetoes (site TEXT NOT NULL, key INTEGER NOT NULL, template TEXT NOT NULL, reason TEXT NOT NULL,
                     PRIMARY KEY (site, key)) WITHOUT ROWID;
"""

TABLES = ("meta", "sites", "counts", "texts", "templates", "template_keys", "vetoes")


class StoreError(ValueError):
    """A template store cannot be used; the message says why and what to do.  (A
    ValueError: the CLI reports it like any bad option, with exit code 2.)"""


# -- parameters --------------------------------------------------------------------------

# Parameters that define signatures and keys: stores must agree on all of them to
# be merged, and this code must know them to use a store at all.
SIGNATURE_PARAMS = ("num_perm", "seed", "bands", "rows", "hash", "scheme", "shingling", "key")
DECISION_PARAMS = ("min_pages", "min_share", "protect_share", "similarity", "variant_share")


@dataclass(frozen=True)
class StoreParams:
    """num_perm, seed: MinHash permutations (datasketch-compatible, see minhash.py).
    bands x rows: LSH banding of the signature (bands x rows <= num_perm).
    hash, scheme: the shingle hash and permutation scheme (fixed by this version).
    shingling: how blocks become shingle sets (see shingles.Shingling.spec).
    key: how blocks become exact keys (see shingles.KEY_SCHEME).
    min_pages (k), min_share (f): a block is a template of a site when it (or a
      near-duplicate) occurs on at least max(k, ceil(f x pages of the site)) pages.
    protect_share: a candidate is protected (never a template) when, on more than
      this share of the pages carrying it, it was the page's title or prose of the
      page's main body run.
    similarity: estimated Jaccard similarity at which two blocks are near-duplicates.
    variant_share: a key joins near-duplicate clustering when it occurs on at least
      max(2, variant_share x threshold) pages (bounds the clustering work)."""

    num_perm: int = 128
    seed: int = 1
    bands: int = 20
    rows: int = 6
    hash: str = HASH_NAME
    scheme: str = SCHEME
    shingling: str = Shingling().spec
    key: str = KEY_SCHEME
    min_pages: int = 3
    min_share: float = 0.01
    protect_share: float = 0.5
    similarity: float = 0.75
    variant_share: float = 0.05

    def __post_init__(self):
        check_lsh(self.num_perm, self.bands, self.rows)
        if self.min_pages < 2:
            raise ValueError("min_pages (k) must be at least 2: a block on one page is no template")
        if not 0.0 <= self.min_share <= 1.0:
            raise ValueError("min_share (f) must be within [0, 1]")
        if not 0.0 <= self.protect_share <= 1.0:
            raise ValueError("protect_share must be within [0, 1]")
        if not 0.0 < self.similarity <= 1.0:
            raise ValueError("similarity must be within (0, 1]")
        if not 0.0 <= self.variant_share <= 1.0:
            raise ValueError("variant_share must be within [0, 1]")

    def threshold(self, site_pages: int) -> int:
        """Pages a block must occur on to be a template of a site with site_pages pages."""
        return max(self.min_pages, math.ceil(self.min_share * site_pages - 1e-9))

    def variant_min(self, site_pages: int) -> int:
        return max(2, math.ceil(self.variant_share * self.threshold(site_pages) - 1e-9))

    def shingler(self) -> Shingling:
        return Shingling.from_spec(self.shingling)

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str, source: str = "store") -> "StoreParams":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise StoreError(f"{source}: its parameters are not valid JSON ({exc})") from None
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise StoreError(f"{source}: unknown parameter(s) {sorted(unknown)}: it was made by a newer "
                             "cleaner; upgrade, or learn the store again with this version")
        try:
            return cls(**data)
        except (TypeError, ValueError) as exc:
            raise StoreError(f"{source}: invalid parameters: {exc}") from None

    def incompatible(self, other: "StoreParams", names=SIGNATURE_PARAMS) -> list[str]:
        return [f"{n}: {getattr(self, n)!r} vs {getattr(other, n)!r}" for n in names
                if getattr(self, n) != getattr(other, n)]

    def with_decisions(self, **overrides) -> "StoreParams":
        bad = set(overrides) - set(DECISION_PARAMS)
        if bad:
            raise ValueError(f"only decision parameters can be overridden, not {sorted(bad)}")
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


def check_known(params: StoreParams, source: str) -> None:
    """Fail when this code cannot compute the store's keys and signatures."""
    problems = []
    if params.key != KEY_SCHEME:
        problems.append(f"block keys {params.key!r} (this version computes {KEY_SCHEME!r})")
    if params.hash != HASH_NAME:
        problems.append(f"shingle hash {params.hash!r} (this version uses {HASH_NAME!r})")
    if params.scheme != SCHEME:
        problems.append(f"MinHash scheme {params.scheme!r} (this version uses {SCHEME!r})")
    try:
        Shingling.from_spec(params.shingling)
    except ValueError as exc:
        problems.append(str(exc))
    if problems:
        raise StoreError(f"{source}: incompatible template store: " + "; ".join(problems)
                         + ". Learn it again with this version (`cleaner templates learn`).")


# -- numpy <-> SQLite ---------------------------------------------------------------------


def s64(key: int) -> int:
    """A uint64 key as SQLite's signed INTEGER."""
    return key - (1 << 64) if key >= 1 << 63 else key


def u64(key: int) -> int:
    return key + (1 << 64) if key < 0 else key


def template_id(site: str, key: int) -> str:
    """A stable id: the site and the first 40 bits of the representative key."""
    return f"tpl-{site}-{key >> 24:010x}"
