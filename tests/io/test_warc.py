"""WARC records framed and checked: a bad record is rejected with its reason and the
records after it are still read (FastWARC and warcio lose them; see the last tests)."""
import gzip
import io

import pytest

from cleaner.io.compressed import decompressed_chunks, scan
from cleaner.io.readers import read_inputs
from cleaner.io.warc import digest_problem, read_warc

from .warcs import record_starts, warc_bytes


def read(data: bytes, **kw):
    return list(read_warc([data], "x.warc", "x.warc", **kw))


def summary(items):
    return [(i.line, i.reject.split(":")[0] if i.reject else i.record["url"]) for i in items]


def test_clean_warc_gives_every_response_as_the_libraries_do():
    from fastwarc.warc import ArchiveIterator as FastIterator
    from fastwarc.warc import WarcRecordType
    from warcio.archiveiterator import ArchiveIterator

    data = warc_bytes()
    items = read(data)
    assert [i.record["url"] for i in items] == [f"https://example.com/{i}" for i in range(20)]
    assert items[0].fmt == "html" and "<p>The minister said" in items[0].record["text"]
    assert items[0].record["id"].startswith("<urn:uuid:")
    bodies = [r.content_stream().read().decode() for r in ArchiveIterator(io.BytesIO(data))
              if r.rec_type == "response"]
    fast = [r.reader.read().decode() for r in FastIterator(io.BytesIO(data), record_types=WarcRecordType.response,
                                                           auto_decode="all")]
    assert [i.record["text"] for i in items] == bodies == fast


def _huge(data: bytes) -> bytes:
    starts = record_starts(data)
    second_response = starts[4]  # warcinfo, request, response, request, *response*
    i = data.index(b"Content-Length: ", second_response)
    j = data.index(b"\r\n", i)
    return data[:i] + b"Content-Length: 99999999999" + data[j:]


def _too_long_by(data: bytes, delta: int) -> bytes:
    starts = record_starts(data)
    i = data.index(b"Content-Length: ", starts[4])
    j = data.index(b"\r\n", i)
    n = int(data[i + 16:j])
    return data[:i] + b"Content-Length: %d" % (n + delta) + data[j:]


def test_huge_content_length_does_not_swallow_the_rest():
    # issue 10 bug 3: 2 in / 2 out for 20 records, exit 0
    items = read(_huge(warc_bytes()))
    assert len(items) == 20
    assert items[1].reject.startswith("damaged WARC: WARC record at byte") and "over the limit" in items[1].reject
    assert [i.record["url"] for i in items if i.record] == [f"https://example.com/{i}" for i in range(20) if i != 1]


@pytest.mark.parametrize("delta", [1, 3, 7, 500, -7, 3000])
def test_wrong_content_length_resyncs_at_the_next_record(delta):
    items = read(_too_long_by(warc_bytes(), delta))
    assert [i.reject is not None for i in items] == [i == 1 for i in range(20)]
    # a length 1-3 bytes long still ends on a line end; its digest then gives it away
    assert any(why in items[1].reject for why in ("no record boundary", "the file ends", "digest"))


@pytest.mark.parametrize("cut", [300, 5000, 11_675])
def test_truncated_warc_rejects_the_cut_record(cut):
    # issue 10 bug 3: a truncated .warc gave "'NoneType' object has no attribute 'startswith'"
    data = warc_bytes()
    items = read(data[:len(data) - cut])
    assert items and items[-1].reject is not None and items[-1].reject.startswith("damaged WARC")
    assert all(i.reject is None for i in items[:-1])


def test_truncated_warc_gz_never_loses_the_last_record_silently(tmp_path):
    # issue 10 bug 3: a truncated .warc.gz lost its last record silently (exit 0)
    f = tmp_path / "t.warc.gz"
    f.write_bytes(warc_bytes(gz=True)[:-100])
    items = list(read_inputs([str(f)]))
    assert len(items) == 20 and items[-1].reject is not None
    assert [i.reject is None for i in items[:-1]] == [True] * 19


def test_damaged_gzip_member_in_a_warc_gz(tmp_path):
    data = bytearray(warc_bytes(gz=True))
    members = [i for i in range(len(data) - 2) if data[i:i + 3] == b"\x1f\x8b\x08"]
    data[members[6] + 200] ^= 0xFF  # inside the 4th response's member
    f = tmp_path / "d.warc.gz"
    f.write_bytes(bytes(data))
    assert scan(f, "gzip")
    items = list(read_inputs([str(f)]))
    bad = [i for i in items if i.reject]
    assert bad and all(b.reject.startswith(("damaged", "input lost")) for b in bad)
    assert len([i for i in items if i.record]) == 19


def test_damage_inside_a_body_is_caught_by_the_block_digest():
    data = bytearray(warc_bytes(3))
    i = data.index(b"The minister", record_starts(bytes(data))[4])
    data[i:i + 3] = b"XXX"
    items = read(bytes(data))
    assert [i.reject is None for i in items] == [True, False, True]
    assert "does not match its sha1 digest" in items[1].reject
    assert digest_problem({"warc-block-digest": "sha1:" + "A" * 32}, b"x")
    assert digest_problem({"warc-block-digest": "crc32:1234"}, b"x") is None
    assert digest_problem({}, b"x") is None


def test_garbage_between_records_is_reported_and_skipped():
    data = warc_bytes(3, extra=False)
    starts = record_starts(data)
    data = data[:starts[2]] + b"garbage garbage\r\n\r\n" + data[starts[2]:]
    assert summary(read(data)) == [(1, "https://example.com/0"), (2, "damaged WARC"),
                                   (3, "https://example.com/1"), (4, "https://example.com/2")]


def _response(block: bytes, uri=b"https://example.com/x") -> bytes:
    head = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
            + (b"WARC-Target-URI: " + uri + b"\r\n" if uri else b"")
            + b"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n" % len(block))
    return head + block + b"\r\n\r\n"


HTML = b"<html><body><p>" + b"The talks would continue next week in Geneva. " * 5 + b"</p></body></html>"


def _chunked(data: bytes) -> bytes:
    return b"".join(b"%x\r\n" % len(data[i:i + 50]) + data[i:i + 50] + b"\r\n" for i in range(0, len(data), 50)) \
        + b"0\r\n\r\n"


@pytest.mark.parametrize("block, outcome", [
    (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + HTML, "ok"),
    (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked"
     b"\r\n\r\n" + _chunked(gzip.compress(HTML)), "ok"),
    (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: deflate\r\n\r\n"
     + __import__("zlib").compress(HTML), "ok"),
    (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n" + HTML, "ok"),
    (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n" + HTML, "ok"),
    (b"NOT HTTP AT ALL\r\nContent-Type: text/html\r\n\r\n" + HTML, "has no status line"),
    (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + HTML, "do not end"),
    (b"", "has no status line"),
    (bytes(range(256)), "has no status line"),
    (b"HTTP/1.1 200 OK\r\nX: " + b"a" * 40000 + b"\r\nContent-Type: text/html\r\n\r\n" + HTML, "longer than"),
])
def test_http_payloads_are_checked_and_decoded(block, outcome):
    item = read(_response(block))[0]
    if outcome == "ok":
        assert item.record is not None and "talks would continue" in item.record["text"], item.reject
    else:
        assert item.reject.startswith("malformed WARC record") and outcome in item.reject


def test_a_response_without_target_uri_is_rejected():
    # warcio raises "'NoneType' object has no attribute 'startswith'" on such a record
    data = _response(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + HTML, uri=None)
    assert "needs a WARC-Target-URI" in read(data)[0].reject


def test_a_non_ascii_digit_content_length_is_not_a_crash():
    data = _response(b"HTTP/1.1 200 OK\r\n\r\n" + HTML).replace(b"Content-Length: ", b"Content-Length: \xc2\xb2")
    assert "no valid Content-Length" in read(data)[0].reject


def test_wet_conversion_records_are_text_documents(tmp_path):
    text = "Talks to resume in Geneva\n" + "The minister said the talks would continue.\n"
    rec = (f"WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: https://example.com/a\r\n"
           f"WARC-Record-ID: <urn:uuid:1>\r\nContent-Type: text/plain\r\n"
           f"Content-Length: {len(text.encode())}\r\n\r\n{text}\r\n\r\n").encode()
    f = tmp_path / "CC-MAIN-x.warc.wet.gz"
    f.write_bytes(gzip.compress(rec + rec.replace(b"uuid:1", b"uuid:2")))
    items = list(read_inputs([str(f)]))
    assert [(i.fmt, i.record["id"], i.record["text"]) for i in items] == [
        ("text", "<urn:uuid:1>", text), ("text", "<urn:uuid:2>", text)]


def test_resuming_inside_a_plain_warc():
    data = warc_bytes(6)
    items = read(data)
    cut = items[2]
    stream = io.BytesIO(data)
    stream.seek(cut.end)
    again = list(read_warc(decompressed_chunks(stream, None), "x", "x", start=cut.end, first=cut.next_line))
    assert [(i.line, i.record["url"]) for i in again] == [(i.line, i.record["url"]) for i in items[3:]]


# -- why the libraries are not trusted with framing: they lose records silently -------------------------

def _library_counts(data: bytes) -> dict[str, int]:
    from fastwarc.warc import ArchiveIterator as FastIterator
    from fastwarc.warc import WarcRecordType
    from warcio.archiveiterator import ArchiveIterator

    out = {}
    try:
        out["warcio"] = sum(1 for r in ArchiveIterator(io.BytesIO(data)) if r.rec_type == "response")
    except Exception:
        out["warcio"] = -1
    try:
        out["fastwarc"] = sum(1 for _ in FastIterator(io.BytesIO(data), record_types=WarcRecordType.response))
    except Exception:
        out["fastwarc"] = -1
    return out


def test_the_libraries_lose_what_the_checked_reader_keeps():
    huge = _huge(warc_bytes())
    assert _library_counts(huge) == {"warcio": 2, "fastwarc": 2}  # 18 records swallowed, no error
    items = read(huge)
    assert len([i for i in items if i.record]) == 19 and len([i for i in items if i.reject]) == 1
