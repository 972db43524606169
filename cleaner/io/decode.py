"""Bytes of a whole document -> text, or a clear statement of what the bytes are.

In order: a byte order mark (UTF-8, UTF-16, UTF-32); UTF-16 without a BOM (told by
its NUL bytes); UTF-8; a known binary format (``cleaner/data/file_signatures.txt``:
PDF, images, archives, ... — rejected with its name); HTML through the page decoder
(declared charset, then detection); other text as UTF-8 or, when many bytes are not
UTF-8 and fewer form UTF-8 sequences, in a legacy charset detected by charset-normalizer
(cp1251, Shift-JIS, GBK, ...).  A few stray bytes in UTF-8 text stay U+FFFD (counted).
"""
from __future__ import annotations

import codecs
import pkgutil
from functools import lru_cache

import regex

from ..text import looks_binary

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_UTF8_MULTI = regex.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
BINARY_REASON = "binary file (NUL or control bytes), not text"
_CONTROL = bytes(range(9)) + bytes(range(14, 32))
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL)


def binary_bytes(data: bytes, sample: int = 8192) -> bool:
    """True when a sample holds a NUL or more than 10% control bytes (the same test as
    ``cleaner.text.looks_binary`` on bytes, at C speed)."""
    chunk = data[:sample]
    if not chunk:
        return False
    if b"\x00" in chunk:
        return True
    return len(chunk.translate(None, _NOT_CONTROL)) / len(chunk) > 0.10


class NotText(ValueError):
    """The bytes are not a text document; ``reason`` says what they are."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@lru_cache(maxsize=1)
def signatures() -> tuple[tuple[int, bytes, str], ...]:
    # (pkgutil reads package data as importlib.resources does, without importing its zip machinery)
    text = pkgutil.get_data("cleaner", "data/file_signatures.txt").decode("utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        offset, magic, what = line.split("\t")
        out.append((int(offset), bytes.fromhex(magic), what))
    return tuple(out)


def identify(data: bytes) -> str | None:
    """What a known binary format is ('a PDF document'), or None."""
    for offset, magic, what in signatures():
        if data[offset:offset + len(magic)] == magic:
            return what
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when the NUL bytes sit on one parity (text in a
    Latin script stored as UTF-16), else None."""
    if len(sample) < 8 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2], sample[1::2]
    ne, no = even.count(0) / len(even), odd.count(0) / len(odd)
    if no > 0.3 and ne < 0.05:
        return "utf-16-le"
    if ne > 0.3 and no < 0.05:
        return "utf-16-be"
    return None


def decode_document(data: bytes, fmt: str | None = None) -> tuple[str, dict]:
    """Text and notes (``encoding`` when not UTF-8, ``invalid_utf8`` when characters were
    replaced).  Raises NotText for binary data."""
    notes: dict = {}
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = data[len(bom):].decode(enc, errors="replace")
            if enc != "utf-8":
                notes["encoding"] = enc
            return _counted(text, notes)
    enc16 = _utf16_without_bom(data[:8192])
    if enc16:
        text = data.decode(enc16, errors="replace")
        if not looks_binary(text):
            notes["encoding"] = enc16
            return _counted(text, notes)
    what = identify(data[:64])
    if what:
        raise NotText(f"binary file ({what}), not text")
    if binary_bytes(data):
        raise NotText(BINARY_REASON)
    if fmt == "html":  # declared charset first, then detection (the page decoder)
        from ..parse import decode_html
        return decode_html(data)
    return utf8_or_legacy(data)


def utf8_or_legacy(data: bytes) -> tuple[str, dict]:
    """UTF-8 text; or, when many byte sequences are not UTF-8 and fewer form UTF-8
    sequences, the text in the legacy charset detected (note ``encoding``); else UTF-8
    with the stray bytes as U+FFFD (note ``invalid_utf8``)."""
    try:
        return data.decode("utf-8"), {}
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd")
    if invalid >= 4 and invalid >= len(data) / 500 and len(_UTF8_MULTI.findall(data)) < invalid:
        legacy = _legacy(data)
        if legacy is not None:
            return legacy
    return text, {"invalid_utf8": invalid}


def _legacy(data: bytes) -> tuple[str, dict] | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding in ("utf_8", "ascii"):
        return None
    text = str(best)
    if looks_binary(text):
        return None
    return text, {"encoding": best.encoding}


def _counted(text: str, notes: dict) -> tuple[str, dict]:
    if "\ufffd" in text:
        notes["invalid_utf8"] = text.count("\ufffd")
    return text, notes
