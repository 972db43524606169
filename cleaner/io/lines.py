"""Lines of a byte stream with their offsets, in bounded memory.

A line longer than ``max_bytes`` is not kept whole: the reader keeps a preview, skips
to the next newline and marks the line ``too_long``, so one giant line cannot exhaust
memory or swallow the lines after it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

from .items import MAX_RECORD_BYTES

MAX_LINE_BYTES = MAX_RECORD_BYTES
PREVIEW = 2000


@dataclass
class Line:
    data: bytes  # without the terminator ('\n' or '\r\n'); a preview when too_long
    start: int  # offset of the first byte
    end: int  # offset just after the terminator (or the end of the stream)
    terminated: bool
    too_long: bool = False


def iter_lines(chunks: Iterable[bytes], *, start: int = 0, max_bytes: int = MAX_LINE_BYTES) -> Iterator[Line]:
    """Split on '\\n'; a '\\r' before it is dropped.  ``start`` is the offset of the
    first byte of ``chunks`` (when reading resumes in the middle of a file)."""
    off = start  # offset of the start of the current (partial) line
    parts: list[bytes] = []
    size = 0
    too_long = False
    for chunk in chunks:
        pieces = chunk.split(b"\n")
        for piece in pieces[:-1]:
            if too_long:
                data = b"".join(parts)
                length = size + len(piece) + 1
            else:
                data = b"".join(parts) + piece if parts else piece
                length = len(data) + 1
                if length - 1 > max_bytes:
                    too_long, data = True, data[:PREVIEW]
            if data.endswith(b"\r") and not too_long:
                data = data[:-1]
            yield Line(data, off, off + length, True, too_long)
            off += length
            parts, size, too_long = [], 0, False
        tail = pieces[-1]
        if tail:
            size += len(tail)
            if too_long:
                continue
            parts.append(tail)
            if size > max_bytes:
                too_long = True
                parts = [b"".join(parts)[:PREVIEW]]
    if size:
        data = b"".join(parts)
        if not too_long and data.endswith(b"\r"):
            data = data[:-1]
        yield Line(data, off, off + size, False, too_long)
