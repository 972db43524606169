"""Streaming readers: files, folders (recursive), stdin; JSONL, WARC/WET, Parquet and
text documents, plain or compressed (gzip, zstd: told by their magic bytes).

Every input record comes out as an ``Item``: a record to clean, or a reject with a
reason and its source position, so nothing is ever dropped silently.
``.txt``/``.md``/``.html`` files are one document each; JSONL lines, WARC response
(and WET conversion) records and Parquet rows are one record each.  A file of unknown
kind, and stdin, are sniffed: WARC, Parquet, JSON lines, else a text document.
A compressed file is checked before it is read (``compressed.scan``): records from a
damaged stretch are rejected, never passed as clean.
"""
from __future__ import annotations

import itertools
import os
import sys
from pathlib import Path
from typing import Iterator

from .compressed import codec_of, decompressed_chunks, scan
from .decode import NotText, decode_document
from .items import MAX_RECORD_BYTES, Item, ResumePoint
from .jsoncodec import JsonLineError, loads_object
from .jsonl import read_jsonl, transcode_bom

TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".md": "markup", ".markdown": "markup",
                 ".html": "html", ".htm": "html", ".xhtml": "html"}
RECORD_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".warc": "warc", ".wet": "warc",
                   ".arc": "warc", ".parquet": "parquet"}
COMPRESSION_SUFFIXES = (".gz", ".zst")
FORMATS = ("auto", "text", "markup", "html", "jsonl", "warc", "parquet")

__all__ = ["Item", "ResumePoint", "read_inputs", "expand", "kind_of", "FORMATS"]


def base_name(name: str) -> str:
    """The name without a compression suffix: ``a.jsonl.gz`` -> ``a.jsonl``."""
    low = name.lower()
    for suf in COMPRESSION_SUFFIXES:
        if low.endswith(suf):
            return name[:-len(suf)]
    return name


def kind_of(path: Path) -> str | None:
    """'jsonl', 'warc', 'parquet', 'text' (one document per file) or None (unknown:
    sniffed when given by name, skipped inside folders)."""
    suffix = Path(base_name(path.name)).suffix.lower()
    if suffix in RECORD_SUFFIXES:
        return RECORD_SUFFIXES[suffix]
    if suffix in TEXT_SUFFIXES:
        return "text"
    return None


def expand(inputs: list[str]) -> Iterator[tuple[Path | None, Path | None, str | None]]:
    """(file, root, problem) for each input: folders are walked recursively in sorted
    order; files with unknown suffixes inside folders are skipped, given ones are read."""
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
        elif p.exists():
            yield p, None, f"not a regular file (a pipe or device): {inp}; give it on stdin instead"
        else:
            yield p, None, f"no such file or folder: {inp}"


def sniff(head: bytes) -> str:
    """'warc', 'parquet', 'jsonl' or 'document' from the first bytes of a stream."""
    if head.startswith(b"WARC/"):
        return "warc"
    if head.startswith(b"PAR1"):
        return "parquet"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"{"):
        first = text.split(b"\n", 1)[0].rstrip(b"\r")
        try:
            loads_object(first)
            return "jsonl"
        except JsonLineError:
            pass
    return "document"


def _skip(items: Iterator[Item], n: int) -> Iterator[Item]:
    return itertools.islice(items, n, None) if n else items


def read_inputs(inputs: list[str], input_format: str = "auto", *,
                resume: dict[str, ResumePoint] | None = None) -> Iterator[Item]:
    """Items for every input.  ``input_format``: auto, text, markup, html, jsonl, warc or
    parquet.  ``resume`` maps an input (its path as a string) to where a resumed run
    picks it up."""
    if input_format not in FORMATS:
        raise ValueError(f"unknown input format {input_format!r}; known: {', '.join(FORMATS)}")
    if not inputs:
        inputs = ["-"]
    resume = resume or {}
    for path, root, problem in expand(inputs):
        source = "-" if path is None else str(path)
        point = resume.get(source, ResumePoint())
        if point.done:
            continue
        if problem:
            yield Item(source, reject=problem, end=1, next_line=1)
            continue
        if path is None:
            yield from _read_stdin(input_format)
            continue
        rel = path.relative_to(root).as_posix() if root is not None else path.name
        try:
            yield from _read_file(path, rel, input_format, point)
        except (OSError, EOFError, RuntimeError) as exc:
            yield Item(source, reject=f"cannot read file: {exc}", rel=rel)


def _read_file(path: Path, rel: str, input_format: str, point: ResumePoint) -> Iterator[Item]:
    source = str(path)
    codec = codec_of(path)
    kind = kind_of(path)
    if input_format in ("jsonl", "warc", "parquet"):
        kind = input_format
    elif input_format != "auto":
        kind = "text"
    if kind is None:
        with open(path, "rb") as fh:
            head = b"".join(itertools.islice(decompressed_chunks(fh, codec), 1))[:65536]
        kind = sniff(head)
        kind = "text" if kind == "document" else kind
    if kind == "parquet":
        from .parquet import read_parquet
        if point.offset is not None:
            yield from _skip(read_parquet(path, source, rel, start_row=point.offset), point.after)
        else:
            yield from _skip(read_parquet(path, source, rel), point.items)
        return
    if kind == "text":
        yield from _read_text_file(path, rel, codec, input_format)
        return
    damages = scan(path, codec) if codec else []
    with open(path, "rb") as fh:
        head = fh.read(4)
        fh.seek(0)
        wide = head[:2] in (b"\xff\xfe", b"\xfe\xff") or head in (b"\x00\x00\xfe\xff",)
        seek = point.offset is not None and codec is None and not wide
        if seek:
            fh.seek(point.offset)
            start, first, skip = point.offset, point.line, point.after
        else:
            start, first, skip = 0, 1, point.items
        chunks = decompressed_chunks(fh, codec)
        if kind == "warc":
            from .warc import read_warc
            items = read_warc(chunks, source, rel, damages=damages, start=start, first=first)
        else:
            items = read_jsonl(chunks if seek else transcode_bom(chunks), source, rel, damages=damages,
                               start=start, first_line=first)
        yield from _skip(items, skip)


def _read_text_file(path: Path, rel: str, codec: str | None, input_format: str) -> Iterator[Item]:
    source = str(path)
    name = base_name(path.name).lower()
    if input_format == "auto":
        fmt = TEXT_SUFFIXES.get(Path(name).suffix)
        fmt = None if fmt in (None, "text") else fmt
    else:
        fmt = input_format
    damages = scan(path, codec) if codec else []
    if damages:
        yield Item(source, reject=f"damaged input: {damages[0].reason}", rel=rel, end=1, next_line=1)
        return
    size = path.stat().st_size
    data = _read_whole(path, codec)
    if data is None:
        yield Item(source, reject=f"document is larger than {MAX_RECORD_BYTES >> 20} MiB", rel=rel,
                   nbytes=size, end=1, next_line=1)
        return
    item = read_document(data, source, rel, fmt, nbytes=size)
    del data  # only the decoded text stays while the document is cleaned
    yield item


def _read_whole(path: Path, codec: str | None) -> bytes | None:
    """The (decompressed) bytes of a one-document file, None when over MAX_RECORD_BYTES.
    An uncompressed file is read in one piece: no second copy of a huge document."""
    with open(path, "rb") as fh:
        if codec is None:
            data = fh.read(MAX_RECORD_BYTES + 1)
            return data if len(data) <= MAX_RECORD_BYTES else None
        buf = bytearray()
        for chunk in decompressed_chunks(fh, codec):
            buf += chunk
            if len(buf) > MAX_RECORD_BYTES:
                return None
    return bytes(buf)


def read_document(data: bytes, source: str, rel: str | None, fmt: str | None, nbytes: int | None = None) -> Item:
    nbytes = len(data) if nbytes is None else nbytes
    try:
        text, notes = decode_document(data, fmt)
    except NotText as exc:
        return Item(source, reject=exc.reason, rel=rel, nbytes=nbytes, end=1, next_line=1)
    return Item(source, record={"id": rel or source, "text": text}, rel=rel, fmt=fmt, notes=notes,
                nbytes=nbytes, end=1, next_line=1)


def _read_stdin(input_format: str) -> Iterator[Item]:
    stream = sys.stdin.buffer
    head = stream.read(65536)
    chunks = itertools.chain([head], iter(lambda: stream.read(1 << 20), b""))
    if head.startswith((b"\x1f\x8b", b"\x28\xb5\x2f\xfd")):
        yield Item("-", reject="compressed data on stdin: give the file's name instead (or pipe it through "
                               "zcat/zstdcat)", nbytes=len(head))
        for _ in chunks:
            pass
        return
    kind = input_format
    if input_format == "auto":
        kind = sniff(head)
    if kind == "jsonl":
        yield from read_jsonl(transcode_bom(chunks), "-")
    elif kind == "warc":
        from .warc import read_warc
        yield from read_warc(chunks, "-", None)
    elif kind == "parquet":
        yield Item("-", reject="Parquet on stdin cannot be read (it needs a seekable file): give its name",
                   nbytes=len(head))
        for _ in chunks:
            pass
    else:
        fmt = None if input_format in ("auto", "document") else input_format
        data = bytearray()
        for chunk in chunks:
            data += chunk
            if len(data) > MAX_RECORD_BYTES:
                yield Item("-", reject=f"document is larger than {MAX_RECORD_BYTES >> 20} MiB")
                for _ in chunks:
                    pass
                return
        yield read_document(bytes(data), "-", None, fmt)
