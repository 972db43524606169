"""Decompression that knows which bytes it can vouch for.

gzip checks its CRC only at the end of a member, so a file damaged in the middle
decodes into garbage for a while before anything fails; zstd frames without a
checksum can do the same.  Records read from such bytes must not pass as clean
output.  Here a file is decoded member by member (gzip) or frame by frame (zstd):

- a member that ends with a good check is trusted;
- a member that fails (bad CRC, invalid data) is *damaged*: everything it produced is
  untrusted; decoding resynchronises at the next member/frame header;
- a file that ends inside a member is *truncated*: what was decoded up to the cut is
  genuine (compression streams decode prefixes exactly), the cut itself is reported;
- bytes that decode to nothing (garbage between members) are reported as *lost*.

``scan(path)`` makes one pass and returns the damages (``Damage``: a range of
decompressed offsets and a reason); readers call it before streaming a compressed
file and reject every record that overlaps a damaged range.  Decompression is fast
next to cleaning, so the extra pass costs little.  The codec comes from the file's
magic bytes, not its name.
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator

GZIP_MAGIC = b"\x1f\x8b\x08"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
_CHUNK = 1 << 20
_ZSTD_FEED = 1 << 12  # compressed bytes per zstd call: bounds the output of one call
_GZIP_FEED = 1 << 16  # compressed bytes per gzip call: what decodes before an error is kept
_GZIP_OUT = 1 << 22  # decompressed bytes per gzip call


@dataclass(frozen=True)
class Damage:
    """Decompressed bytes ``[start, end)`` that cannot be trusted (``kind`` damaged), or a
    point where data is missing (``kind`` truncated or lost, ``start == end``)."""

    start: int
    end: int
    kind: str  # damaged | truncated | lost
    reason: str

    def overlaps(self, start: int, end: int) -> bool:
        if self.kind == "damaged":
            return start < self.end and end > self.start
        return False


def codec_of(path: Path) -> str | None:
    """'gzip', 'zstd' or None (not compressed), from the first bytes of the file."""
    with open(path, "rb") as fh:
        head = fh.read(4)
    if head.startswith(GZIP_MAGIC[:2]):
        return "gzip"
    if head == ZSTD_MAGIC or _is_skippable(head):
        return "zstd"
    return None


def _is_skippable(head: bytes) -> bool:
    return len(head) == 4 and head[1:] == b"\x2a\x4d\x18" and (head[0] & 0xF0) == 0x50


# -- events ---------------------------------------------------------------------------------------
# A decoder yields ("data", bytes), ("ok", None) at the end of a verified member,
# ("bad", (reason, complete)) at the end of a damaged one (``complete``: everything was
# decoded and only the final check failed), ("cut", reason) when the file ends inside a
# member and ("lost", reason) for compressed bytes that decoded to nothing.

def events(fh: BinaryIO, codec: str) -> Iterator[tuple[str, object]]:
    if codec == "gzip":
        return _gzip_events(fh)
    if codec == "zstd":
        return _zstd_events(fh)
    raise ValueError(f"unknown codec {codec!r}")


class _Raw:
    """The compressed file with an absolute position and a re-scan helper."""

    def __init__(self, fh: BinaryIO):
        self.fh = fh
        self.buf = b""
        self.pos = 0  # file offset of buf[0]

    def fill(self) -> bool:
        more = self.fh.read(_CHUNK)
        if more:
            self.buf += more
        return bool(more)

    def take(self, n: int) -> bytes:
        out, self.buf = self.buf[:n], self.buf[n:]
        self.pos += len(out)
        return out

    def put_back(self, data: bytes) -> None:
        self.buf = data + self.buf
        self.pos -= len(data)

    def seek(self, pos: int) -> None:
        self.fh.seek(pos)
        self.buf, self.pos = b"", pos

    def find(self, magic: bytes, start: int) -> int | None:
        """File offset of the next ``magic`` at or after ``start``; consumes up to it."""
        self.seek(start)
        while True:
            i = self.buf.find(magic)
            if i >= 0:
                self.take(i)
                return self.pos
            keep = self.buf[-(len(magic) - 1):] if len(magic) > 1 else b""
            self.take(len(self.buf) - len(keep))
            if not self.fill():
                return None


def _gap(raw: _Raw, is_header, magic: bytes, name: str) -> Iterator[tuple[str, object]]:
    """Skip to the next member header; report what was skipped (NUL padding is fine)."""
    start = raw.pos
    junk = False
    while True:
        if len(raw.buf) < 4:
            raw.fill()
        if not raw.buf or is_header(raw.buf[:4]):
            break
        i = raw.buf.find(magic, 1)
        skipped = raw.take(i if i > 0 else max(1, len(raw.buf) - len(magic) + 1))
        junk = junk or bool(skipped.strip(b"\x00"))
    if junk:
        yield ("lost", f"{raw.pos - start:,} bytes at byte {start:,} are not {name} data and were skipped")


def _gzip_events(fh: BinaryIO) -> Iterator[tuple[str, object]]:
    raw = _Raw(fh)
    raw.fill()
    while True:
        yield from _gap(raw, lambda h: h.startswith(GZIP_MAGIC), GZIP_MAGIC, "gzip")
        if not raw.buf and not raw.fill():
            return
        member_at = raw.pos
        dec = zlib.decompressobj(31)
        pending = b""
        try:
            while not dec.eof:
                if not pending and raw.buf:
                    pending = raw.take(_GZIP_FEED)
                if not pending:
                    if not raw.fill():
                        tail = dec.flush()
                        if tail:
                            yield ("data", tail)
                        yield ("cut", f"the file is truncated: it ends inside the gzip member that starts at "
                                      f"byte {member_at:,}")
                        return
                    pending = raw.take(_GZIP_FEED)
                out = dec.decompress(pending, _GZIP_OUT)
                pending = dec.unconsumed_tail
                if out:
                    yield ("data", out)
            rest = dec.unused_data + pending + raw.take(len(raw.buf))
        except zlib.error as exc:
            complete = "incorrect data check" in str(exc) or "incorrect length check" in str(exc)
            yield ("bad", (f"the gzip member at byte {member_at:,} is damaged ({exc})", complete))
            nxt = raw.find(GZIP_MAGIC, member_at + 1)
            if nxt is None:
                return
            continue
        yield ("ok", None)
        raw.put_back(rest)


def _zstd_events(fh: BinaryIO) -> Iterator[tuple[str, object]]:
    try:
        import zstandard
    except ImportError:  # pragma: no cover - optional extra
        raise RuntimeError("reading .zst needs the 'zstd' extra (pip install 'cleaner[zstd]')") from None
    raw = _Raw(fh)
    raw.fill()
    dctx = zstandard.ZstdDecompressor()
    while True:
        yield from _gap(raw, lambda h: h == ZSTD_MAGIC or _is_skippable(h), ZSTD_MAGIC, "zstd")
        if not raw.buf and not raw.fill():
            return
        frame_at = raw.pos
        if _is_skippable(raw.buf[:4]):
            if len(raw.buf) < 8:
                raw.fill()
            size = int.from_bytes(raw.buf[4:8], "little")
            raw.take(8)
            while size > 0:
                if not raw.buf and not raw.fill():
                    yield ("cut", f"the file is truncated inside the skippable zstd frame at byte {frame_at:,}")
                    return
                size -= len(raw.take(size))
            continue
        dec = dctx.decompressobj()
        try:
            while not dec.eof:
                if not raw.buf and not raw.fill():
                    yield ("cut", f"the file is truncated: it ends inside the zstd frame that starts at "
                                  f"byte {frame_at:,}")
                    return
                out = dec.decompress(raw.take(_ZSTD_FEED))
                if out:
                    yield ("data", out)
            rest = dec.unused_data
        except zstandard.ZstdError as exc:
            yield ("bad", (f"the zstd frame at byte {frame_at:,} is damaged ({exc})", "checksum" in str(exc)))
            nxt = raw.find(ZSTD_MAGIC, frame_at + 1)
            if nxt is None:
                return
            continue
        yield ("ok", None)
        raw.put_back(rest)


def scan(path: Path, codec: str) -> list[Damage]:
    """One decoding pass: the damaged ranges and missing points, in order."""
    damages: list[Damage] = []
    off = member_start = 0
    with open(path, "rb") as fh:
        for kind, val in events(fh, codec):
            if kind == "data":
                off += len(val)
                continue
            if kind == "bad":
                reason, complete = val
                if off > member_start:
                    damages.append(Damage(member_start, off, "damaged", f"{reason}; its records are not trusted"))
                if not complete or off == member_start:
                    damages.append(Damage(off, off, "lost", f"{reason}; what it held could not be decoded"))
            elif kind == "cut":
                damages.append(Damage(off, off, "truncated", val))
            elif kind == "lost":
                damages.append(Damage(off, off, "lost", val))
            member_start = off
    return damages


def decompressed_chunks(fh: BinaryIO, codec: str | None) -> Iterator[bytes]:
    """The decompressed bytes of a file (or its raw bytes when not compressed)."""
    if codec is None:
        while True:
            chunk = fh.read(_CHUNK)
            if not chunk:
                return
            yield chunk
    for kind, val in events(fh, codec):
        if kind == "data":
            yield val
