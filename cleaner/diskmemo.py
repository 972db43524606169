"""A memo on disk for pure analyses that are slow to compute at start-up.

Parsing and validating the rule packs (``rules.loader``, ``rules.schema``), reading
each rule's dispatch condition off its source (``rules.literals``, ``rules.leads``), compiling the
literal scanners (``rules.matcher``) and tabulating the character classes
(``blockstats``) take seconds, and their results depend only on their inputs and the
code that computes them.  They are kept in one file per analysis under the cache
folder, keyed by the input, so a process that meets the same packs again starts in a
fraction of a second.

The folder is ``$CLEANER_CACHE_DIR``, else ``$XDG_CACHE_HOME/cleaner``, else
``~/.cache/cleaner``; ``CLEANER_CACHE_DIR=off`` disables the cache.  A file's name
carries a digest of the analysing modules' source and of the library versions, so a
change to either starts a new file; files of other versions not written for a week are
removed when a file is written.  An unreadable, foreign-owned or corrupt file is
ignored; a folder that cannot be written is skipped silently (the analyses then run in
every process, as without a cache).
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path

_ANALYSERS = ("diskmemo.py", "blockstats.py", "rules/*.py")


def cache_dir() -> Path | None:
    env = os.environ.get("CLEANER_CACHE_DIR")
    if env is not None:
        return None if env.strip().lower() in ("", "off", "0", "none") else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cleaner"


@lru_cache(maxsize=1)
def code_digest() -> str:
    """What the cached results depend on besides their keys."""
    import regex
    h = hashlib.sha256()
    here = Path(__file__).parent
    for pattern in _ANALYSERS:
        for path in sorted(here.glob(pattern)):
            h.update(path.read_bytes())
    h.update(regex.__version__.encode())
    try:
        import hyperscan
        h.update(str(getattr(hyperscan, "__version__", "hs")).encode())
    except ImportError:
        h.update(b"no-hyperscan")
    return h.hexdigest()[:16]


class DiskMemo:
    """A dict from keys to results of one analysis, loaded from disk on first use and
    written back by ``flush`` when it gained entries."""

    _all: list["DiskMemo"] = []

    def __init__(self, name: str):
        self.name = name
        self._data: dict | None = None
        self._dirty = False
        DiskMemo._all.append(self)

    def _path(self) -> Path | None:
        folder = cache_dir()
        return None if folder is None else folder / f"{self.name}-{code_digest()}.pickle"

    def _load(self) -> dict:
        if self._data is None:
            path = self._path()
            self._data = self._load_from(path) if path is not None else {}
        return self._data

    @staticmethod
    def _load_from(path: Path) -> dict:
        try:
            if path.stat().st_uid == getattr(os, "getuid", lambda: path.stat().st_uid)():
                with open(path, "rb") as fh:
                    data = pickle.load(fh)
                if isinstance(data, dict):
                    return data
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError,
                IndexError, TypeError, ValueError):
            pass
        return {}

    def get(self, key, compute):
        data = self._load()
        try:
            return data[key]
        except KeyError:
            value = data[key] = compute()
            self._dirty = True
            return value

    def flush(self) -> None:
        """Write the entries this process added, merged with what the file holds now
        (worker processes of one run add to the same file; a lost race only costs a
        recomputation, never a torn file: the file is replaced whole)."""
        if not self._dirty:
            return
        self._dirty = False
        path = self._path()
        if path is None:
            return
        on_disk = self._load_from(path)
        merged = {**on_disk, **self._data}
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{self.name}-", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as fh:
                    pickle.dump(merged, fh, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, path)
            except BaseException:
                os.unlink(tmp)
                raise
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            return  # the cache is an optimisation: a process that cannot write it runs as without
        prune(path.parent, self.name, keep=path)


STALE_SECONDS = 7 * 24 * 3600


def prune(folder: Path, name: str, keep: Path, now: float | None = None) -> None:
    """Remove the files of this analysis that other code versions wrote and that were
    not written for a week (an upgrade must not leave its old memo behind for ever; a
    second installation in use keeps writing its own and keeps it)."""
    import time

    now = time.time() if now is None else now
    for old in folder.glob(f"{name}-*.pickle"):
        if old == keep:
            continue
        try:
            if now - old.stat().st_mtime > STALE_SECONDS:
                old.unlink()
        except OSError:
            pass


def flush_all() -> None:
    """Write every memo that gained entries (called once the rules are analysed)."""
    for memo in DiskMemo._all:
        memo.flush()
