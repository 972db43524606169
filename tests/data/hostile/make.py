"""Hostile inputs: one small file per class of bad input, with what must come out.

``python tests/data/hostile/make.py [FOLDER]`` (re)writes the files and ``cases.json``
(default: beside this script).  Every case states how many records must come out
cleaned and how many must be rejected, and what the rejects must say; the test
(tests/io/test_hostile.py) and bench/robustness.py hold the cleaner to it.  The files
are made here, deterministically, so each one documents how it was damaged.
"""
from __future__ import annotations

import codecs
import gzip
import json
import os
import random
import sys
import zlib
from pathlib import Path

P = ("The minister said the talks would continue next week in Geneva, with all parties present at the "
     "table, and that a ceasefire remained the first priority for everyone involved in them.")
Q = ("Diplomats said a draft agreement had been circulated among the delegations on Sunday, although "
     "several points were still contested and would need further discussion before any signing.")


def doc(i) -> str:
    return f"Talks resume, day {i}\n{P}\nShare\n{Q}"


def rec(i, **extra) -> bytes:
    return json.dumps({"id": f"r{i}", "text": doc(i), "url": f"https://example.com/{i}", **extra}).encode()


def lines(n, start=0, sep=b"\n") -> bytes:
    return b"".join(rec(i) + sep for i in range(start, start + n))


def warc_record(i: int, body: bytes | None = None, ctype=b"text/html; charset=utf-8", wtype=b"response",
                length_delta: int = 0, http_status=b"HTTP/1.1 200 OK", content_length: bytes | None = None) -> bytes:
    if body is None:
        body = (f"<html><head><title>Talks {i}</title></head><body><h1>Talks {i}</h1><p>{P}</p><p>{Q}</p>"
                f"</body></html>").encode()
    if wtype == b"response":
        block = http_status + b"\r\nContent-Type: " + ctype + b"\r\nContent-Length: %d\r\n\r\n" % len(body) + body
        btype = b"application/http; msgtype=response"
    else:
        block, btype = body, ctype
    cl = content_length if content_length is not None else b"%d" % (len(block) + length_delta)
    head = (b"WARC/1.0\r\nWARC-Type: " + wtype + b"\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-%012d>\r\n"
            % i + b"WARC-Target-URI: https://example.com/%d\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n" % i
            + b"Content-Type: " + btype + b"\r\nContent-Length: " + cl + b"\r\n\r\n")
    return head + block + b"\r\n\r\n"


def warc(n, start=0, **kw) -> bytes:
    return b"".join(warc_record(i, **kw) for i in range(start, start + n))


def gz(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


def zst(data: bytes) -> bytes:
    import zstandard
    return zstandard.ZstdCompressor(level=3, write_checksum=True).compress(data)


def flip(data: bytes, at: float, width: int = 16) -> bytes:
    b = bytearray(data)
    i = int(len(b) * at)
    for k in range(i, min(len(b), i + width)):
        b[k] ^= 0xA5
    return bytes(b)


def noisy_lines(n) -> bytes:
    """Lines that do not compress to nothing (so damage lands inside the data)."""
    rng = random.Random(7)
    words = ["talks", "Geneva", "minister", "ceasefire", "draft", "agreement", "delegation", "Sunday"]
    out = []
    for i in range(n):
        text = " ".join(rng.choice(words) + str(rng.randrange(1000)) for _ in range(80))
        out.append(json.dumps({"id": f"n{i}", "text": f"Talks {i}\n{text}.\n{P}"}).encode() + b"\n")
    return b"".join(out)


def _whole_lines(truncated: bytes, codec: str) -> int:
    """How many whole lines the readable prefix of a truncated stream holds."""
    if codec == "gzip":
        data = zlib.decompressobj(31).decompress(truncated)
    else:
        import zstandard
        data = zstandard.ZstdDecompressor().decompressobj().decompress(truncated)
    return data.count(b"\n")


def parquet_bytes(rows: list[dict], row_group: int = 10) -> bytes:
    import io

    import pyarrow as pa
    import pyarrow.parquet as pq
    buf = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(rows), buf, row_group_size=row_group, compression="none")
    return buf.getvalue()


def cases() -> dict[str, tuple[bytes, int | None, int | None, list[str]]]:
    """name -> (bytes, records out, records rejected, reasons the rejects must contain).
    A count of None: at least one (where the damage lands decides how many records a
    damaged stretch held)."""
    c: dict = {}
    # -- JSON lines ------------------------------------------------------------------------------
    c["jsonl-lone-surrogate.jsonl"] = (b'{"id":"\\udc00x","text":"Talks\\n' + P.encode() + b'"}\n' + lines(2), 3, 0, [])
    c["jsonl-nonfinite-ids.jsonl"] = (b'{"id":1e999,"text":"T\\n' + P.encode() + b'"}\n{"id":NaN,"text":"T\\n'
                                      + P.encode() + b'"}\n{"id":-Infinity,"text":"T\\n' + P.encode() + b'"}\n', 3, 0, [])
    c["jsonl-wide-integers.jsonl"] = (b'{"id":123456789012345678901234567890,"text":"T\\n' + P.encode() + b'"}\n', 1, 0, [])
    c["jsonl-deep-nesting.jsonl"] = (lines(1) + b"[" * 100_000 + b"]" * 100_000 + b"\n" + lines(1, 1), 2, 1,
                                     ["nested more than"])
    c["jsonl-malformed-line.jsonl"] = (lines(1) + b'{"id": "x", "text": "unterminated\n' + lines(1, 1), 2, 1,
                                       ["malformed JSON line"])
    c["jsonl-not-objects.jsonl"] = (b'[1, 2]\n"a string"\nnull\n42\n' + lines(1), 1, 4,
                                    ["is a list", "is a string", "is null", "is a number"])
    c["jsonl-missing-text.jsonl"] = (b'{"id": 1}\n{"id": 2, "text": 5}\n{"id": 3, "text": null}\n' + lines(1), 1, 3,
                                     ["has no 'text' field", "is int, not a string", "is NoneType"])
    c["jsonl-bare-cr.jsonl"] = (lines(3, sep=b"\r"), 3, 0, [])
    c["jsonl-crlf.jsonl"] = (lines(3, sep=b"\r\n"), 3, 0, [])
    c["jsonl-mixed-endings.jsonl"] = (rec(0) + b"\r\n" + rec(1) + b"\r" + rec(2) + b"\n" + rec(3), 4, 0, [])
    c["jsonl-utf16.jsonl"] = (codecs.BOM_UTF16_LE + lines(2).decode().encode("utf-16-le"), 2, 0, [])
    c["jsonl-utf8-bom.jsonl"] = (codecs.BOM_UTF8 + lines(2), 2, 0, [])
    c["jsonl-invalid-utf8.jsonl"] = (b'{"id": "bad", "text": "T\\n' + P.encode() + b' \xff\xfe\xc3"}\n' + lines(1), 2, 0, [])
    c["jsonl-nul-in-text.jsonl"] = (b'{"id": "nul", "text": "' + b"\\u0000" * 50 + b'"}\n' + lines(1), 1, 1,
                                    ["looks binary"])
    c["jsonl-raw-control-chars.jsonl"] = (b'{"id": "ctl", "text": "Title\t\x01\\n' + P.encode() + b'"}\n', 1, 0, [])
    c["jsonl-duplicate-keys.jsonl"] = (b'{"id": 1, "text": "x", "text": "Talks\\n' + P.encode() + b'"}\n', 1, 0, [])
    c["jsonl-empty.jsonl"] = (b"", 0, 0, [])
    c["jsonl-blank-lines.jsonl"] = (b"\n\n   \n\t\n", 0, 0, [])
    c["jsonl-no-final-newline.jsonl"] = (lines(2).rstrip(b"\n"), 2, 0, [])
    c["jsonl-zalgo.jsonl"] = (json.dumps({"id": "z", "text": "Title\n" + "".join(
        ch + "\u0301\u0302\u0303\u0304" * 8 for ch in P)}).encode() + b"\n", 1, 0, [])
    # -- compression -----------------------------------------------------------------------------
    noisy = noisy_lines(400)
    c["zst-corrupt.jsonl.zst"] = (flip(zst(noisy), 0.5), 0, None, ["zstd frame at byte 0 is damaged"])
    cut = zst(noisy)[:-2000]
    c["zst-truncated.jsonl.zst"] = (cut, _whole_lines(cut, "zstd"), 1, ["incomplete last line: the file is truncated"])
    c["gz-corrupt-mid-stream.jsonl.gz"] = (flip(gz(noisy), 0.5, 1), 0, None, ["damaged input"])
    cut = gz(noisy)[:-3000]
    c["gz-truncated.jsonl.gz"] = (cut, _whole_lines(cut, "gzip"), 1, ["incomplete last line: the file is truncated"])
    c["gz-trailing-garbage.jsonl.gz"] = (gz(lines(3)) + b"this is not gzip data at all", 3, 1, ["input lost"])
    c["gz-named-jsonl.jsonl"] = (gz(lines(3)), 3, 0, [])
    c["plain-named-gz.jsonl.gz"] = (lines(3), 3, 0, [])
    bad_member = flip(gz(noisy_lines(120)), 0.5, 1)
    c["gz-one-bad-member.jsonl.gz"] = (gz(lines(2)) + bad_member + gz(lines(2, 2)), 4, None, ["damaged"])
    # -- WARC --------------------------------------------------------------------------------------
    w = warc(10)
    huge = warc(1) + warc_record(1, content_length=b"99999999999") + warc(8, 2)
    c["warc-huge-content-length.warc"] = (huge, 9, 1, ["over the limit"])
    c["warc-truncated.warc"] = (w[:-700], 9, 1, ["damaged WARC"])
    c["warc-truncated.warc.gz"] = (b"".join(gz(warc_record(i)) for i in range(10))[:-150], 9, 1, ["damaged WARC"])
    c["warc-length-off.warc"] = (warc(2) + warc_record(2, length_delta=7) + warc(2, 3), 4, 1, ["no record boundary"])
    c["warc-length-short.warc"] = (warc(2) + warc_record(2, length_delta=-9) + warc(2, 3), 4, 1,
                                   ["no record boundary"])
    c["warc-garbage-between.warc"] = (warc(2) + b"garbage garbage garbage\r\n\r\n" + warc(2, 2), 4, 1,
                                      ["not a WARC record"])
    c["warc-no-content-length.warc"] = (warc(1) + warc_record(1, content_length=b"") + warc(1, 2), 2, 1,
                                        ["no valid Content-Length"])
    c["warc-non-text-payload.warc"] = (warc(1) + warc_record(1, body=b"\x89PNG\r\n\x1a\n" + bytes(200),
                                                             ctype=b"image/png"), 1, 1, ["image/png, not text"])
    c["warc-bad-http.warc"] = (warc(1) + warc_record(1, http_status=b"NOT HTTP AT ALL") + warc(1, 2), 2, 1,
                               ["has no status line"])
    wet = b"".join(warc_record(i, body=doc(i).encode(), ctype=b"text/plain", wtype=b"conversion") for i in range(3))
    c["warc-wet.warc.wet.gz"] = (gz(wet), 3, 0, [])
    c["warc-damaged-member.warc.gz"] = (b"".join(gz(warc_record(i)) if i != 3 else flip(gz(warc_record(i)), 0.5, 1)
                                                 for i in range(6)), 5, 1, ["damaged"])
    # -- documents -------------------------------------------------------------------------------
    c["doc-utf16-bom.txt"] = (codecs.BOM_UTF16_LE + doc(0).encode("utf-16-le"), 1, 0, [])
    c["doc-utf16-no-bom.txt"] = (doc(0).encode("utf-16-be"), 1, 0, [])
    c["doc-cp1251.txt"] = (("Переговоры возобновятся\nМинистр сказал, что переговоры продолжатся на следующей "
                            "неделе в Женеве при участии всех сторон.").encode("cp1251"), 1, 0, [])
    c["doc-shift-jis.txt"] = (("会談が再開\n外務大臣は、来週ジュネーブで全ての当事者が参加して会談が続くと述べた。"
                               "停戦が最優先事項であることに変わりはない。").encode("shift_jis"), 1, 0, [])
    c["doc-gbk-no-declaration.html"] = (("<html><head><title>会谈</title></head><body><p>外交部长表示，各方将于下周在"
                                         "日内瓦继续会谈，停火仍是所有相关方的首要任务。</p></body></html>").encode("gbk"),
                                        1, 0, [])
    c["doc-pdf-as.txt"] = (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + bytes(300), 0, 1,
                           ["a PDF document"])
    c["doc-png-as.html"] = (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 2, 0, 1, ["a PNG image"])
    c["doc-random-binary.txt"] = (random.Random(3).randbytes(4000), 0, 1, ["binary file"])
    c["doc-empty.txt"] = (b"", 1, 0, [])
    c["doc-old-mac-cr.txt"] = (doc(0).replace("\n", "\r").encode(), 1, 0, [])
    c["doc-deep-html.html"] = (b"<html><body>" + b"<div>" * 5000 + P.encode() + b"</div>" * 5000
                               + b"</body></html>", 1, 0, [])
    c["doc-one-long-line.html"] = (b"<html><body>" + (b"<p>" + P.encode() + b"</p>") * 500 + b"</body></html>", 1, 0, [])
    c["doc-unclosed-comment.html"] = (b"<html><body><p>" + P.encode() + b"</p><!-- never closed " + b"x" * 5000, 1, 0, [])
    c["doc-gzip-as.txt.gz"] = (flip(gz(doc(0).encode() * 50), 0.5, 1), 0, 1, ["damaged input"])
    # -- Parquet -----------------------------------------------------------------------------------
    rows = [{"id": f"p{i}", "text": doc(i)} for i in range(30)]
    good = parquet_bytes(rows)
    c["parquet-truncated.parquet"] = (good[:len(good) // 2], 0, 1, ["not a readable Parquet file"])
    c["parquet-int-text.parquet"] = (parquet_bytes([{"id": 1, "text": 5}, {"id": 2, "text": None}]), 0, 2,
                                     ["is int, not a string", "is NoneType, not a string"])
    c["parquet-good.parquet"] = (good, 30, 0, [])
    return c


# the exact ids that must come out where damage decides which records survive
IDS = {"gz-one-bad-member.jsonl.gz": ["r0", "r1", "r2", "r3"]}


def write(folder: Path) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    spec = {}
    for name, (data, out, rejected, reasons) in sorted(cases().items()):
        (folder / name).write_bytes(data)
        spec[name] = {"out": out, "rejected": rejected, "reasons": reasons}
        if name in IDS:
            spec[name]["ids"] = IDS[name]
        elif name.endswith("truncated.jsonl.gz") or name.endswith("truncated.jsonl.zst"):
            spec[name]["ids"] = [f"n{i}" for i in range(out)]  # the readable prefix, nothing after
    (folder / "cases.json").write_text(json.dumps(spec, indent=1) + "\n", encoding="utf-8")
    return spec


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    n = len(write(target))
    print(f"{n} hostile inputs written to {os.path.relpath(target)}")
