"""Writers: JSONL (stdout, a file, or one file per input), a mirrored text tree, and
the rejects file (one JSON line per rejected record, with its reason and position).
Files are written to a temporary name and renamed when complete."""
from __future__ import annotations

import gzip
import json
import os
import sys
from pathlib import Path


def _open_out(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    if path.name.endswith(".gz"):
        return tmp, gzip.open(tmp, "wt", encoding="utf-8", newline="\n")
    return tmp, open(tmp, "w", encoding="utf-8", newline="\n")


class AtomicFile:
    """A text file that appears under its name only once closed."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.tmp, self.fh = _open_out(self.path)

    def write(self, s: str) -> None:
        self.fh.write(s)

    def close(self) -> None:
        self.fh.close()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        self.fh.close()
        try:
            os.unlink(self.tmp)
        except OSError:
            pass


class JsonlOutput:
    """JSONL records to stdout, to one file, or mirrored per input file under a folder."""

    def __init__(self, out: str | None):
        self.out = out
        self.mirror = out is not None and (out.endswith(os.sep) or Path(out).is_dir())
        self._files: dict[str, AtomicFile] = {}

    def write(self, record: dict, rel: str | None) -> None:
        line = json.dumps(record, ensure_ascii=False) + "\n"
        if self.out is None:
            sys.stdout.write(line)
            return
        key = (rel or "stdin.jsonl") if self.mirror else "__single__"
        fh = self._files.get(key)
        if fh is None:
            path = Path(self.out) / key if self.mirror else Path(self.out)
            fh = self._files[key] = AtomicFile(path)
        fh.write(line)

    def close(self) -> None:
        for fh in self._files.values():
            fh.close()
        if self.out is None:
            sys.stdout.flush()

    def abort(self) -> None:
        for fh in self._files.values():
            fh.abort()


class TextOutput:
    """Cleaned documents: to stdout (a header line between several), or mirrored under
    a folder as ``.txt`` files with the input tree's relative paths."""

    def __init__(self, out: str | None):
        self.out = out
        self.count = 0

    def write(self, text: str, rel: str | None, total_hint: int = 1) -> None:
        self.count += 1
        if self.out is None:
            if total_hint > 1:
                sys.stdout.write(f"==> {rel or '-'} <==\n")
            sys.stdout.write(text)
            sys.stdout.write("\n")
            return
        rel = rel or "stdin.txt"
        name = rel[:-3] if rel.lower().endswith(".gz") else rel
        target = Path(self.out) / Path(name).with_suffix(".txt")
        fh = AtomicFile(target)
        fh.write(text + ("\n" if text else ""))
        fh.close()

    def close(self) -> None:
        if self.out is None:
            sys.stdout.flush()


class RejectsOutput:
    """The rejects file, created on the first reject only."""

    def __init__(self, path: str):
        self.path = Path(path)
        self._fh = None
        self.count = 0

    def write(self, source: str, line: int, reason: str, record=None, raw: str | None = None) -> None:
        if self._fh is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fh = open(self.path, "w", encoding="utf-8", newline="\n")
        self.count += 1
        entry = {"source": source, "line": line or None, "reason": reason}
        if isinstance(record, dict):
            entry["id"] = record.get("id")
            entry["record"] = record
        elif raw is not None:
            entry["raw"] = raw
        self._fh.write(json.dumps(entry, ensure_ascii=False) + "\n")

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
