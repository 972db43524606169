"""HTTP payloads of WARC response records: the head checked, the body decoded.

Both WARC libraries parse the HTTP headers and hand over the payload as stored; the
checks and the decoding (chunked transfer, gzip/deflate/brotli content) happen here,
once, so that either library gives the same result for the same bytes.  A body that
does not decode as its headers claim is kept as stored (crawlers often store decoded
bodies under the original headers); a body that is not text is rejected later.
"""
from __future__ import annotations

import zlib

from .items import MAX_RECORD_BYTES

MAX_HEAD_BYTES = 32 << 10  # FastWARC's limit; warcio has none: the stricter one for both


def head_problem(block: bytes) -> str | None:
    """Why an HTTP response block cannot be read, or None."""
    if not block.startswith(b"HTTP/"):
        return "its HTTP response has no status line"
    end = min((i for i in (block.find(b"\r\n\r\n"), block.find(b"\n\n")) if i >= 0), default=-1)
    if end < 0:
        return "its HTTP headers do not end"
    if end > MAX_HEAD_BYTES:
        return f"its HTTP headers are longer than {MAX_HEAD_BYTES >> 10} KiB"
    return None


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
