"""Streaming readers: files, folders (recursive), stdin, JSONL(.gz/.zst), WARC.

Every input record comes out as an ``Item``: either a record to clean, or a reject
with a reason and its source position, so nothing is ever dropped silently.
``.txt``/``.md``/``.html`` files are one document each; ``.jsonl`` lines are one
document each; WARC response records are one (HTML) document each.
"""
from __future__ import annotations

import gzip
import io
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from ..text import decode_bytes, looks_binary

TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".md": "markup", ".markdown": "markup",
                 ".html": "html", ".htm": "html", ".xhtml": "html"}
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".jsonl.zst", ".ndjson", ".ndjson.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")


@dataclass
class Item:
    """One input record, or a reject.  ``source`` is the file (or '-'), ``line`` the
    1-based line for JSONL (0 otherwise), ``rel`` the path relative to its input root."""

    source: str
    line: int = 0
    record: dict | None = None
    reject: str | None = None
    raw: str | None = None  # the undecodable/invalid line, kept for the rejects file
    rel: str | None = None
    fmt: str | None = None  # document format hint for this record (text/markup/html)
    notes: dict = field(default_factory=dict)
    kind: str = "document"  # document (a whole file) or record (a JSONL line, a WARC record)
    nbytes: int = 0  # input bytes this item consumed (for progress)


def kind_of(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if name.endswith(".gz") and Path(name[:-3]).suffix in TEXT_SUFFIXES:
        return "text-gz"
    if path.suffix.lower() in TEXT_SUFFIXES:
        return "text"
    return None


def expand(inputs: list[str]) -> Iterator[tuple[Path | None, Path | None, str | None]]:
    """(file, root, problem) for each input: folders are walked recursively in sorted
    order; files with unknown suffixes inside folders are skipped, given ones are read
    as text."""
    for inp in inputs:
        if inp == "-":
            yield None, None, None
            continue
        p = Path(inp)
        if p.is_dir():
            for dirpath, dirnames, filenames in os.walk(p):
                dirnames.sort()
                for fn in sorted(filenames):
                    f = Path(dirpath) / fn
                    if kind_of(f) is not None and not fn.startswith("."):
                        yield f, p, None
        elif p.is_file():
            yield p, p.parent, None
        else:
            yield p, None, f"no such file or folder: {inp}"


def _open_binary(path: Path):
    name = path.name.lower()
    if name.endswith(".gz"):
        return gzip.open(path, "rb")
    if name.endswith(".zst"):
        try:
            import zstandard
        except ImportError as exc:  # pragma: no cover - optional extra
            raise RuntimeError(f"{path}: reading .zst needs the 'zstd' extra (pip install cleaner[zstd])") from exc
        return zstandard.open(path, "rb")
    return open(path, "rb")


def read_jsonl_lines(stream, source: str, rel: str | None = None) -> Iterator[Item]:
    """One Item per line of a binary stream.  Blank lines are skipped (not records)."""
    for lineno, raw in enumerate(stream, 1):
        if not raw.strip():
            continue
        text, notes = decode_bytes(raw.rstrip(b"\r\n"))
        try:
            rec = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Item(source, lineno, reject=f"malformed JSON line ({exc.msg} at column {exc.colno})",
                       raw=text[:2000], rel=rel, kind="record", nbytes=len(raw))
            continue
        if not isinstance(rec, dict):
            yield Item(source, lineno, reject=f"JSON line is a {type(rec).__name__}, not an object",
                       raw=text[:2000], rel=rel, kind="record", nbytes=len(raw))
            continue
        yield Item(source, lineno, record=rec, rel=rel, notes=notes, kind="record", nbytes=len(raw))


def read_document(data: bytes, source: str, rel: str | None, fmt: str | None) -> Item:
    if looks_binary(data):
        return Item(source, reject="binary file (NUL or control bytes), not text", rel=rel, nbytes=len(data))
    if fmt == "html":
        from ..parse import decode_html
        text, notes = decode_html(data)
    else:
        text, notes = decode_bytes(data)
    doc_id = rel or source
    return Item(source, record={"id": doc_id, "text": text}, rel=rel, fmt=fmt, notes=notes, nbytes=len(data))


def read_warc(path: Path, rel: str | None) -> Iterator[Item]:
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        yield Item(str(path), reject="reading WARC needs the 'warc' extra (pip install cleaner[warc])", rel=rel)
        return
    with open(path, "rb") as fh:
        n = 0
        try:
            for rec in ArchiveIterator(fh):
                if rec.rec_type != "response":
                    continue
                n += 1
                url = rec.rec_headers.get_header("WARC-Target-URI")
                ctype = (rec.http_headers.get_header("Content-Type") if rec.http_headers else "") or ""
                data = rec.content_stream().read()
                if "html" not in ctype and "text" not in ctype:
                    yield Item(str(path), n, reject=f"WARC record {url} is {ctype or 'of unknown type'}, not text",
                               rel=rel, kind="record", nbytes=len(data))
                    continue
                item = read_document(data, str(path), rel, "html" if "html" in ctype else "text")
                item.line = n
                item.kind = "record"
                if item.record is not None:
                    item.record = {"id": rec.rec_headers.get_header("WARC-Record-ID") or f"{rel}#{n}",
                                   "url": url, "text": item.record["text"]}
                yield item
        except Exception as exc:  # a truncated archive: report, keep what was read
            yield Item(str(path), n + 1, reject=f"WARC archive is damaged after record {n}: {exc}", rel=rel,
                       kind="record")


def read_inputs(inputs: list[str], input_format: str = "auto") -> Iterator[Item]:
    """Items for every input; ``input_format`` is auto, text, markup, html or jsonl."""
    if not inputs:
        inputs = ["-"]
    for path, root, problem in expand(inputs):
        if problem:
            yield Item(str(path), reject=problem)
            continue
        if path is None:  # stdin
            data = sys.stdin.buffer
            if input_format == "jsonl":
                yield from read_jsonl_lines(data, "-")
            else:
                fmt = None if input_format == "auto" else input_format
                yield read_document(data.read(), "-", None, fmt)
            continue
        rel = path.relative_to(root).as_posix() if root is not None else path.name
        kind = kind_of(path)
        try:
            if kind == "jsonl" or input_format == "jsonl":
                with _open_binary(path) as fh:
                    yield from read_jsonl_lines(io.BufferedReader(fh) if not hasattr(fh, "peek") else fh,
                                                str(path), rel)
            elif kind == "warc":
                yield from read_warc(path, rel)
            else:
                with _open_binary(path) as fh:
                    data = fh.read()
                name = path.name.lower()[:-3] if path.name.lower().endswith(".gz") else path.name.lower()
                fmt = TEXT_SUFFIXES.get(Path(name).suffix, "text") if input_format == "auto" else input_format
                yield read_document(data, str(path), rel, None if fmt == "text" and input_format == "auto"
                                    else fmt)
        except (OSError, EOFError, RuntimeError) as exc:
            yield Item(str(path), reject=f"cannot read file: {exc}", rel=rel)
