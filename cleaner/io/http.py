"""HTTP responses stored in WARC records: the head parsed, the body decoded.

The WARC libraries differ on damaged HTTP (which records carry HTTP at all, header
size limits, what a broken chunked or gzip body gives), so the HTTP part is read
here, once, whichever library read the record.  A body that does not decode as its
headers claim is kept as stored (crawlers often store decoded bodies under the
original headers); a body that is not text is rejected later.
"""
from __future__ import annotations

import zlib

from .items import MAX_RECORD_BYTES

MAX_HEAD_BYTES = 32 << 10  # FastWARC's limit; warcio has none: the stricter one for both


class BadResponse(ValueError):
    pass


def parse_response(block: bytes) -> tuple[dict[str, str], bytes]:
    """(headers with lower-case names, body as stored); raises BadResponse."""
    if not block.startswith(b"HTTP/"):
        raise BadResponse("its HTTP response has no status line")
    ends = [(i, n) for i, n in ((block.find(b"\r\n\r\n"), 4), (block.find(b"\n\n"), 2)) if i >= 0]
    if not ends:
        raise BadResponse("its HTTP headers do not end")
    end, n = min(ends)
    if end > MAX_HEAD_BYTES:
        raise BadResponse(f"its HTTP headers are longer than {MAX_HEAD_BYTES >> 10} KiB")
    headers: dict[str, str] = {}
    for line in block[:end].split(b"\n")[1:]:
        name, sep, value = line.partition(b":")
        if sep and name.strip():
            headers.setdefault(name.strip().decode("latin-1").lower(), value.strip().decode("latin-1"))
    return headers, block[end + n:]


def dechunk(data: bytes) -> bytes:
    """A chunked transfer body; raises ValueError when it is not one."""
    out, i = [], 0
    while True:
        j = data.find(b"\n", i)
        if j < 0:
            raise ValueError("chunk size line missing")
        size = int(data[i:j].split(b";")[0].strip() or b"x", 16)
        if size == 0:
            return b"".join(out)
        out.append(data[j + 1:j + 1 + size])
        if len(out[-1]) < size:
            raise ValueError("chunk shorter than its size")
        i = j + 1 + size
        if data[i:i + 2] == b"\r\n":
            i += 2
        elif data[i:i + 1] == b"\n":
            i += 1


def _inflate(data: bytes, wbits: int) -> bytes:
    d = zlib.decompressobj(wbits)
    out = d.decompress(data, MAX_RECORD_BYTES)
    if d.unconsumed_tail:
        raise ValueError("decoded body is too large")
    return out


def decode_body(body: bytes, transfer: str | None, encoding: str | None) -> bytes:
    if transfer and "chunked" in transfer.lower():
        try:
            body = dechunk(body)
        except ValueError:
            pass
    enc = (encoding or "").strip().lower()
    try:
        if enc in ("gzip", "x-gzip"):
            return _inflate(body, 47)  # gzip or zlib header
        if enc == "deflate":
            try:
                return _inflate(body, 15)
            except zlib.error:
                return _inflate(body, -15)
        if enc == "br":
            import brotli
            return brotli.decompress(body)
    except Exception:  # zlib.error, a bomb, no brotli module: keep the body as stored
        return body
    return body
