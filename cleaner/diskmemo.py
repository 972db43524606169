"""A memo on disk for pure analyses that are slow to compute at start-up.

Parsing, validating and building the rule packs (``rules.loader``, ``rules.schema``), reading
each rule's dispatch condition off its source (``rules.literals``, ``rules.leads``), compiling the
literal scanners (``rules.matcher``) and tabulating the character classes
(``blockstats``) take seconds, and their results depend only on their inputs and the
code that computes them.  They are kept under the cache folder, keyed by the input,
so a process that meets the same packs again starts in a fraction of a second: in one
file per analysis when its entries are small and all read at start-up, or (``per_entry``)
in one file per entry when they are large and a process needs few of them (the
literal scanners of each combination of packs: a run reads its own, not every
combination ever compiled).

The folder is ``$CLEANER_CACHE_DIR``, else ``$XDG_CACHE_HOME/cleaner``, else
``~/.cache/cleaner``; ``CLEANER_CACHE_DIR=off`` disables the cache.  A file's name
carries a digest of the analysing modules' source and of the library versions, so a
change to either starts a new file (or folder); files and folders of other versions not
written for a week are removed when a file is written.  An unreadable, foreign-owned or corrupt file is
ignored; a folder that cannot be written is skipped silently (the analyses then run in
every process, as without a cache).
"""
from __future__ import annotations

import hashlib
import os
import pickle
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
    written back by ``flush`` when it gained entries.  ``per_entry``: one file per key
    (named by a digest of the pickled key, which it holds beside the value), read when
    that key is asked for."""

    _all: list["DiskMemo"] = []

    def __init__(self, name: str, per_entry: bool = False):
        self.name = name
        self.per_entry = per_entry
        self._data: dict | None = None
        self._dirty = False
        self._new: dict = {}  # per_entry: entry file name -> (key, value) computed here, not yet written
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
    def _load_from(path: Path, kind: type = dict):
        """What the file holds when it is this user's and an intact pickle of ``kind``,
        else an empty ``kind``."""
        try:
            if path.stat().st_uid == getattr(os, "getuid", lambda: path.stat().st_uid)():
                with open(path, "rb") as fh:
                    data = pickle.load(fh)
                if isinstance(data, kind):
                    return data
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError,
                IndexError, TypeError, ValueError):
            pass
        return kind()

    def get(self, key, compute):
        if self.per_entry:
            return self._get_entry(key, compute)
        data = self._load()
        try:
            return data[key]
        except KeyError:
            value = data[key] = compute()
            self._dirty = True
            return value

    # -- one file per entry ----------------------------------------------------------------
    def _folder(self) -> Path | None:
        folder = cache_dir()
        return None if folder is None else folder / f"{self.name}-{code_digest()}"

    @staticmethod
    def _entry_name(key) -> str | None:
        try:
            return hashlib.sha256(pickle.dumps(key, protocol=4)).hexdigest()[:40] + ".pickle"
        except (pickle.PicklingError, TypeError, AttributeError):
            return None

    def _get_entry(self, key, compute):
        if self._data is None:
            self._data = {}
        try:
            return self._data[key]
        except (KeyError, TypeError):
            pass
        name, folder = self._entry_name(key), self._folder()
        if name is not None and folder is not None:
            stored = self._load_from(folder / name, kind=tuple)
            if len(stored) == 2 and stored[0] == key:
                self._data[key] = stored[1]
                return stored[1]
        value = self._data[key] = compute()
        if name is not None:
            self._new[name] = (key, value)
            self._dirty = True
        return value

    def _flush_entries(self) -> None:
        folder = self._folder()
        new, self._new = self._new, {}
        if folder is None:
            return
        for name, entry in sorted(new.items()):
            if not _write_atomic(folder / name, entry, self.name):
                return
        prune(folder.parent, self.name, keep=folder)

    def flush(self) -> None:
        """Write the entries this process added, merged with what the file holds now
        (worker processes of one run add to the same file; a lost race only costs a
        recomputation, never a torn file: the file is replaced whole)."""
        if not self._dirty:
            return
        self._dirty = False
        if self.per_entry:
            self._flush_entries()
            return
        path = self._path()
        if path is None:
            return
        on_disk = self._load_from(path)
        if _write_atomic(path, {**on_disk, **self._data}, self.name):
            prune(path.parent, self.name, keep=path)


def _write_atomic(path: Path, data, name: str) -> bool:
    """Replace ``path`` by a pickle of ``data`` whole (a reader never sees a torn file).
    False when it cannot be written: the cache is an optimisation, and a process that
    cannot write it runs as without."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        return False
    return True


STALE_SECONDS = 7 * 24 * 3600


def prune(folder: Path, name: str, keep: Path, now: float | None = None) -> None:
    """Remove the files of this analysis that other code versions wrote and that were
    not written for a week (an upgrade must not leave its old memo behind for ever; a
    second installation in use keeps writing its own and keeps it)."""
    import shutil
    import time

    now = time.time() if now is None else now
    for old in folder.glob(f"{name}-*"):
        if old == keep or not (old.suffix == ".pickle" or old.is_dir()):
            continue
        try:
            if old.is_dir():  # an entry folder: stale when no entry was written for a week
                newest = max((f.stat().st_mtime for f in old.iterdir()), default=old.stat().st_mtime)
                if now - newest > STALE_SECONDS:
                    shutil.rmtree(old, ignore_errors=True)
            elif now - old.stat().st_mtime > STALE_SECONDS:
                old.unlink()
        except OSError:
            pass


def flush_all() -> None:
    """Write every memo that gained entries (called once the rules are analysed)."""
    for memo in DiskMemo._all:
        memo.flush()
