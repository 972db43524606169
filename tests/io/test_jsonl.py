"""JSON lines -> Items: rejects stay alone, line numbers match an editor's."""
import codecs
import json

from cleaner.io.compressed import Damage
from cleaner.io.jsonl import read_jsonl, transcode_bom


def items(data: bytes, **kw):
    return list(read_jsonl([data], "f.jsonl", "f.jsonl", **kw))


def rec(i):
    return json.dumps({"id": i, "text": f"record {i}"}).encode()


def test_bare_cr_separates_records_and_counts_as_a_line():
    # issue 10 bug 6: a bare CR joined two JSONL records into one reject
    data = rec(1) + b"\r" + rec(2) + b"\r\n" + rec(3) + b"\n" + rec(4) + b"\r" + rec(5)
    got = items(data)
    assert [(i.line, i.record["id"]) for i in got] == [(1, 1), (2, 2), (3, 3), (4, 4), (5, 5)]
    assert all(i.reject is None for i in got)


def test_a_cr_inside_one_object_is_whitespace():
    got = items(b'{"id": 1,\r "text": "x"}\n' + rec(2) + b"\n")
    assert [(i.line, i.record["id"]) for i in got] == [(1, 1), (3, 2)]


def test_one_bad_piece_between_crs_rejects_the_line_with_its_reason():
    got = items(rec(1) + b"\rnot json\r" + rec(3) + b"\n")
    assert len(got) == 1 and got[0].reject.startswith("malformed JSON line")


def test_deep_line_rejected_alone_and_reading_goes_on():
    # issue 10 bug 4
    data = rec(1) + b"\n" + b"[" * 100_000 + b"]" * 100_000 + b"\n" + rec(3) + b"\n"
    got = items(data)
    assert [(i.line, i.reject is None) for i in got] == [(1, True), (2, False), (3, True)]
    assert "nested" in got[1].reject and len(got[1].raw) <= 2000


def test_overlong_line_is_rejected_with_a_preview():
    got = items(rec(1) + b"\n" + b'{"text": "' + b"a" * 5000 + b'"}\n' + rec(3) + b"\n", max_line=1000)
    assert [i.reject is None for i in got] == [True, False, True]
    assert got[1].reject.startswith("line is longer than")


def test_records_in_a_damaged_range_are_not_trusted():
    lines = [rec(i) + b"\n" for i in range(6)]
    data = b"".join(lines)
    lo, hi = len(lines[0]) + 3, len(lines[0]) + len(lines[1]) + len(lines[2]) + 1
    got = items(data, damages=[Damage(lo, hi, "damaged", "gzip member at byte 0 is damaged")])
    assert [i.reject is None for i in got] == [True, False, False, False, True, True]
    assert got[1].reject.startswith("damaged input: gzip member") and got[1].raw.startswith('{"id": 1')


def test_truncation_rejects_the_incomplete_last_line_only():
    data = rec(1) + b"\n" + rec(2)[:10]
    got = items(data, damages=[Damage(len(data), len(data), "truncated", "the file is truncated")])
    assert [i.reject for i in got] == [None, "incomplete last line: the file is truncated"]


def test_truncation_after_a_whole_line_and_lost_bytes_become_rejects():
    data = rec(1) + b"\n" + rec(2) + b"\n"
    got = items(data, damages=[Damage(len(rec(1)) + 1, len(rec(1)) + 1, "lost", "12 bytes skipped"),
                               Damage(len(data), len(data), "truncated", "the file is truncated")])
    assert [i.reject for i in got] == [None, "input lost: 12 bytes skipped", None,
                                       "input truncated: the file is truncated"]


def test_blank_lines_are_not_records_and_end_offsets_allow_resuming():
    data = rec(1) + b"\n\n  \n" + rec(2) + b"\n"
    got = items(data)
    assert [(i.line, i.end, i.next_line) for i in got] == [(1, len(rec(1)) + 1, 2), (4, len(data), 5)]
    again = list(read_jsonl([data[got[0].end:]], "f", start=got[0].end, first_line=2))
    assert [(i.line, i.record["id"]) for i in again] == [(4, 2)]


def test_utf16_and_utf8_bom_files():
    text = (json.dumps({"id": 1, "text": "Grüße"}, ensure_ascii=False) + "\n").encode("utf-8")
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
                     (codecs.BOM_UTF32_LE, "utf-32-le")):
        raw = bom + text.decode("utf-8").encode(enc)
        chunks = [raw[i:i + 3] for i in range(0, len(raw), 3)]
        got = list(read_jsonl(transcode_bom(chunks), "f"))
        assert [i.record for i in got] == [{"id": 1, "text": "Grüße"}], enc
    got = items(codecs.BOM_UTF8 + text)
    assert got[0].record == {"id": 1, "text": "Grüße"}
