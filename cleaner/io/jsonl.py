"""JSON lines -> Items: one record per line, or a reject with its reason and line number.

- Lines are numbered as an editor shows them: '\\n', '\\r\\n' and a bare '\\r' each end a
  line.  A line holding records separated by bare CRs (old Mac files, mixed endings)
  yields each record; a single object with a CR as JSON whitespace stays one record.
- A line nested too deeply, too long, or not an object is rejected alone; the lines
  after it are read as usual.
- Records that overlap a damaged part of a compressed file are rejected ("not
  trusted"), and a truncation or an undecodable stretch becomes a reject of its own, so
  a damaged file never passes as clean.
- A UTF-16 or UTF-32 file (with a byte order mark) is transcoded; a UTF-8 BOM is dropped.
"""
from __future__ import annotations

import codecs
from typing import Iterable, Iterator

from .compressed import Damage
from .items import Item
from .jsoncodec import JsonLineError, loads_object
from .lines import MAX_LINE_BYTES, PREVIEW, Line, iter_lines

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def transcode_bom(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """Chunks as UTF-8: a UTF-16/32 stream (known by its BOM) is transcoded, a UTF-8 BOM
    dropped; anything else passes through unchanged."""
    it = iter(chunks)
    head = b""
    for chunk in it:
        head += chunk
        if len(head) >= 4:
            break
    if not head:
        return
    for bom, enc in _BOMS:
        if head.startswith(bom):
            dec = codecs.getincrementaldecoder(enc)(errors="replace")
            yield dec.decode(head[len(bom):]).encode("utf-8", errors="replace")
            for chunk in it:
                yield dec.decode(chunk).encode("utf-8", errors="replace")
            tail = dec.decode(b"", final=True)
            if tail:
                yield tail.encode("utf-8")
            return
    yield head[3:] if head.startswith(codecs.BOM_UTF8) else head
    yield from it


def read_jsonl(chunks: Iterable[bytes], source: str, rel: str | None = None, *,
               damages: list[Damage] = (), start: int = 0, first_line: int = 1,
               max_line: int = MAX_LINE_BYTES) -> Iterator[Item]:
    """Items for the lines of a (decompressed) byte stream.  ``start``/``first_line``:
    where the stream begins when a run resumes inside a file."""
    points = [d for d in damages if d.kind != "damaged"]
    ranges = [d for d in damages if d.kind == "damaged"]
    lineno = first_line
    for line in iter_lines(chunks, start=start, max_bytes=max_line):
        while points and points[0].start <= line.start:
            yield _point(points.pop(0), source, rel, lineno, line.start)
        n_cr = 0 if line.too_long else line.data.count(b"\r")
        yield from _line_items(line, lineno, lineno + 1 + n_cr, source, rel, ranges, points)
        lineno += 1 + n_cr
    for d in points:
        yield _point(d, source, rel, lineno, d.start)


def _point(d: Damage, source, rel, lineno, at) -> Item:
    what = "input lost" if d.kind == "lost" else "input truncated"
    return Item(source, lineno, reject=f"{what}: {d.reason}", rel=rel, kind="record", end=at, next_line=lineno)


def _line_items(line: Line, lineno: int, next_line: int, source: str, rel, ranges, points) -> Iterator[Item]:
    nbytes = line.end - line.start
    base = dict(rel=rel, kind="record", nbytes=nbytes, end=line.end, next_line=next_line)
    if not line.data.strip():
        return
    bad = next((d for d in ranges if d.overlaps(line.start, line.end)), None) if ranges else None
    if bad is not None:
        yield Item(source, lineno, reject=f"damaged input: {bad.reason}", raw=_preview(line.data), **base)
        return
    if not line.terminated and points and points[0].kind == "truncated" and points[0].start <= line.end:
        d = points.pop(0)
        yield Item(source, lineno, reject=f"incomplete last line: {d.reason}", raw=_preview(line.data), **base)
        return
    if line.too_long:
        yield Item(source, lineno, reject=f"line is longer than {MAX_LINE_BYTES >> 20} MiB",
                   raw=_preview(line.data), **base)
        return
    try:
        rec, notes = loads_object(line.data)
    except JsonLineError as exc:
        if b"\r" in line.data:
            split = list(_split_cr(line.data))
            if all(isinstance(x, tuple) for _k, x in split):
                for n, (k, (rec, notes)) in enumerate(split):
                    last = n == len(split) - 1
                    yield Item(source, lineno + k, record=rec, notes=notes, rel=rel, kind="record",
                               nbytes=nbytes if last else 0, end=line.end if last else None,
                               next_line=next_line if last else None)
                return
        yield Item(source, lineno, reject=exc.reason, raw=_preview(line.data), **base)
        return
    yield Item(source, lineno, record=rec, notes=notes, **base)


def _split_cr(data: bytes):
    """(line offset, record and notes) for the pieces between bare CRs, or (line
    offset, JsonLineError) for a piece that fails."""
    for k, piece in enumerate(data.split(b"\r")):
        if not piece.strip():
            continue
        try:
            yield k, loads_object(piece)
        except JsonLineError as exc:
            yield k, exc


def _preview(data: bytes) -> str:
    return data[:PREVIEW].decode("utf-8", errors="replace")
