"""WARC (and WET) records -> Items, never losing the rest of a file to one bad record.

WARC libraries trust each record's Content-Length: a record that declares too much
swallows the records after it, and a truncated file loses its last record without a
word (both FastWARC and warcio, measured in ``bench/robustness.py``); on damaged
headers they also disagree with each other.  So records are framed and checked here,
over the decompressed stream:

- a record starts with a ``WARC/1.x`` line; its headers end at a blank line; its
  block is Content-Length bytes followed by a blank line (CRLF CRLF);
- when a block runs past the end of the file, or is not followed by a record
  boundary, the record is rejected with the reason and reading *resynchronises* at the
  next ``WARC/1.`` line after the record's header (inside an over-long block when it
  swallowed its neighbours);
- a block whose ``WARC-Block-Digest`` does not match is rejected (damage inside a
  body is found even in an uncompressed file);
- a record that overlaps a damaged part of a compressed file is rejected; garbage
  between records is reported.

Response records carrying HTTP, and text resource and WET conversion records, are
documents; the HTTP response is read by ``http.py``.  Request, metadata, warcinfo
and revisit records are not records to clean.
"""
from __future__ import annotations

import base64
import hashlib
import re
from typing import Iterable, Iterator

from .compressed import Damage
from .decode import NotText, decode_document
from .http import BadResponse, decode_body, parse_response
from .items import MAX_RECORD_BYTES, Item

MAX_HEADER_BYTES = 64 << 10
_START = b"\nWARC/1."
_DIGITS = re.compile(r"[0-9]{1,15}\Z")


class _Stream:
    """A byte stream with an absolute position, look-ahead and push-back."""

    def __init__(self, chunks: Iterable[bytes], start: int = 0):
        self.it = iter(chunks)
        self.buf = bytearray()
        self.pos = start  # offset of buf[0]

    def _fill(self, n: int) -> None:
        while len(self.buf) < n:
            chunk = next(self.it, None)
            if chunk is None:
                return
            self.buf += chunk

    def peek(self, n: int) -> bytes:
        self._fill(n)
        return bytes(self.buf[:n])

    def read(self, n: int) -> bytes:
        self._fill(n)
        out = bytes(self.buf[:n])
        del self.buf[:n]
        self.pos += len(out)
        return out

    def readline(self, limit: int) -> bytes:
        start = 0
        while True:
            i = self.buf.find(b"\n", start)
            if i >= 0 and i < limit:
                return self.read(i + 1)
            if len(self.buf) >= limit:
                return self.read(limit)
            start = len(self.buf)
            before = len(self.buf)
            self._fill(before + (1 << 16))
            if len(self.buf) == before:
                return self.read(len(self.buf))

    def unread(self, data: bytes) -> None:
        self.buf[:0] = data
        self.pos -= len(data)

    def skip_to_record(self) -> int:
        """Consume up to the next line starting with ``WARC/1.``; return the bytes skipped."""
        skipped = 0
        while True:
            self._fill(len(_START) + (1 << 16))
            i = self.buf.find(_START)
            if i >= 0:
                self.read(i + 1)
                return skipped + i + 1
            if len(self.buf) <= len(_START):
                n = len(self.buf)
                self.read(n)
                return skipped + n
            n = len(self.buf) - len(_START)
            self.read(n)
            skipped += n

    def at_eof(self) -> bool:
        self._fill(1)
        return not self.buf


def _parse_headers(head: bytes) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in head.split(b"\n")[1:]:
        name, sep, value = line.partition(b":")
        if sep:
            out.setdefault(name.strip().decode("latin-1").lower(), value.strip().decode("utf-8", "replace"))
    return out


def frames(stream: _Stream) -> Iterator[tuple]:
    """("record", start, end, raw bytes, headers) for each well-framed record, or
    ("bad", start, end, reason, headers) for a stretch that is not one."""
    while True:
        # between records: the CRLF CRLF trailer, or stray blank lines
        while stream.peek(1) in (b"\r", b"\n"):
            stream.read(1)
        if stream.at_eof():
            return
        start = stream.pos
        if not stream.peek(7).startswith(b"WARC/1."):
            n = stream.skip_to_record()
            yield ("bad", start, start + n, f"{n:,} bytes at byte {start:,} are not a WARC record", {})
            continue
        head = bytearray()
        complete = False
        while len(head) < MAX_HEADER_BYTES:
            line = stream.readline(MAX_HEADER_BYTES)
            if not line:
                break
            head += line
            if line in (b"\r\n", b"\n"):
                complete = True
                break
        headers = _parse_headers(bytes(head))
        if not complete:
            reason = ("the file ends inside the record's headers" if stream.at_eof()
                      else f"the record's headers are longer than {MAX_HEADER_BYTES >> 10} KiB")
            stream.unread(bytes(head[1:]))
            stream.skip_to_record()
            yield ("bad", start, stream.pos, reason, headers)
            continue
        length = headers.get("content-length", "")
        if not _DIGITS.match(length) or int(length) > MAX_RECORD_BYTES:
            why = (f"declares Content-Length {length}, over the limit of {MAX_RECORD_BYTES >> 20} MiB"
                   if _DIGITS.match(length) else f"has no valid Content-Length ({length[:40] or 'missing'})")
            stream.skip_to_record()
            yield ("bad", start, stream.pos, f"the record {why}", headers)
            continue
        length = int(length)
        block = stream.read(length)
        if len(block) < length:
            yield from _resync(stream, start, block, headers,
                               f"declares Content-Length {length:,} but the file ends after {len(block):,} bytes")
            continue
        if _boundary(stream.peek(12)):
            yield ("record", start, stream.pos, block, headers)
            continue
        yield from _resync(stream, start, block, headers,
                           f"declares Content-Length {length:,} but no record boundary follows its block")


def _boundary(after: bytes) -> bool:
    """Does a block end here?  The blank line (CRLF CRLF) that ends a record, a bare
    LF LF, or a single line end before the next record or the end of the file."""
    if not after or after.startswith((b"\r\n\r\n", b"\n\n")):
        return True
    for end in (b"\r\n", b"\n"):
        if after.startswith(end):
            return after[len(end):len(end) + 7] in (b"WARC/1.", b"")
    return False


def _resync(stream: _Stream, start: int, block: bytes, headers: dict, why: str) -> Iterator[tuple]:
    """Reject a record whose block does not fit; continue at the next record start
    inside its block, or after it."""
    stream.unread(block)  # the next record may start inside the block, or straddle its end
    stream.skip_to_record()
    yield ("bad", start, stream.pos, f"the record {why}", headers)


# -- record contents ---------------------------------------------------------------------------------

_DIGESTS = {"sha1": hashlib.sha1, "sha256": hashlib.sha256, "md5": hashlib.md5}


def digest_problem(headers: dict, block: bytes) -> str | None:
    """Why a block does not match its WARC-Block-Digest (base32 or hex), or None
    (also when there is no digest, or its algorithm is unknown)."""
    algo, sep, value = headers.get("warc-block-digest", "").partition(":")
    make = _DIGESTS.get(algo.strip().lower())
    if not sep or make is None:
        return None
    raw = make(block).digest()
    value = value.strip()
    if value.upper() in (base64.b32encode(raw).decode("ascii"), raw.hex().upper()):
        return None
    return f"its block does not match its {algo.strip()} digest (damaged content)"


_DOCUMENT_TYPES = {"response", "conversion", "resource"}


def _is_document(headers: dict) -> bool:
    """Responses carrying HTTP, and text resource/conversion (WET) records."""
    wtype, ctype = headers.get("warc-type", "").lower(), headers.get("content-type", "").lower()
    if wtype == "response":
        return ctype.startswith("application/http")
    return wtype in _DOCUMENT_TYPES and (ctype.startswith("text/") or "html" in ctype)


def _payload(block: bytes, headers: dict) -> tuple[str, bytes]:
    """(content type, decoded body) of a document record; raises BadResponse."""
    if headers.get("warc-type", "").lower() != "response":
        return headers.get("content-type", "").lower(), block
    if not headers.get("warc-target-uri"):
        raise BadResponse("a response record needs a WARC-Target-URI")
    http, body = parse_response(block)
    body = decode_body(body, http.get("transfer-encoding"), http.get("content-encoding"))
    return http.get("content-type", "").lower(), body


def read_warc(chunks: Iterable[bytes], source: str, rel: str | None, *, damages: list[Damage] = (),
              start: int = 0, first: int = 1) -> Iterator[Item]:
    """Items for the document records of a (decompressed) WARC stream; ``start`` and
    ``first`` (the first record number) when a run resumes inside the file."""
    points = [d for d in damages if d.kind != "damaged"]
    ranges = [d for d in damages if d.kind == "damaged"]
    n = first - 1
    for kind, start, end, payload, headers in frames(_Stream(chunks, start)):
        while points and points[0].start <= start:
            d = points.pop(0)
            n += 1
            yield Item(source, n, reject=f"input {'lost' if d.kind == 'lost' else 'truncated'}: {d.reason}",
                       rel=rel, kind="record", end=start, next_line=n + 1)
        if kind == "record" and not _is_document(headers):
            continue
        n += 1
        url = headers.get("warc-target-uri")
        where = f"WARC record at byte {start:,}" + (f" ({url})" if url else "")
        base = dict(rel=rel, kind="record", nbytes=end - start, end=end, next_line=n + 1)
        bad = next((d for d in ranges if d.overlaps(start, end)), None)
        if bad is not None:
            yield Item(source, n, reject=f"damaged input: {where}: {bad.reason}", **base)
            continue
        if kind == "bad":
            while points and points[0].start <= end:  # the cut that made this record incomplete
                points.pop(0)
            yield Item(source, n, reject=f"damaged WARC: {where}: {payload}", **base)
            continue
        problem = digest_problem(headers, payload)
        if problem is not None:
            yield Item(source, n, reject=f"damaged WARC: {where}: {problem}", **base)
            continue
        try:
            ctype, body = _payload(payload, headers)
        except BadResponse as exc:
            yield Item(source, n, reject=f"malformed WARC record: {where}: {exc}", **base)
            continue
        fmt = "html" if "html" in ctype else "text" if ctype.startswith("text/") else None
        if ctype and fmt is None:
            yield Item(source, n, reject=f"WARC record {url} is {ctype}, not text", **base)
            continue
        try:
            text, notes = decode_document(body, fmt)
        except NotText as exc:
            yield Item(source, n, reject=f"{where}: {exc.reason}", **base)
            continue
        record = {"id": headers.get("warc-record-id") or f"{rel or source}#{n}", "url": url, "text": text}
        yield Item(source, n, record=record, fmt=fmt, notes=notes, **base)
    for d in points:
        n += 1
        yield Item(source, n, reject=f"input {'lost' if d.kind == 'lost' else 'truncated'}: {d.reason}",
                   rel=rel, kind="record", end=d.start, next_line=n + 1)
