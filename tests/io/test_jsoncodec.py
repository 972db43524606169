"""JSON lines in (lenient, lossless) and out (always valid, deterministic)."""
import decimal
import json

import orjson
import pytest

from cleaner.io.jsoncodec import MAX_DEPTH, JsonLineError, depth, dumps, loads_object


def test_plain_line_reads_with_fields_in_order():
    rec, notes = loads_object(b'{"id": 7, "text": "a\\u00e9", "meta": {"k": [1, 2.5, null, true]}}')
    assert list(rec) == ["id", "text", "meta"] and rec["text"] == "a\u00e9" and notes == {}


def test_lone_surrogate_is_replaced_and_counted_and_written_back():
    # issue 10 bug 1: {"id":"\udc00x"} crashed the writer (UnicodeEncodeError)
    rec, notes = loads_object(b'{"id":"\\udc00x","text":"ok \\ud83d\\ude00 and \\ud800"}')
    assert rec == {"id": "\ufffdx", "text": "ok \U0001F600 and \ufffd"}
    assert notes["invalid_utf8"] == 2
    line = dumps(rec)
    assert orjson.loads(line) == rec  # a strict parser reads it back


def test_writer_never_fails_on_surrogates_given_directly():
    assert orjson.loads(dumps({"id": "\udc00", "\ud800k": 1})) == {"id": "\ufffd", "\ufffdk": 1}


def test_overflowing_and_non_finite_numbers_give_valid_json():
    # issue 10 bug 14: 1e999 and NaN ids were written as Infinity/NaN (invalid JSON)
    rec, _ = loads_object(b'{"id": 1e999, "neg": -1E+400, "nan": NaN, "inf": -Infinity, "text": "t"}')
    assert rec["id"] == decimal.Decimal("1e999") and rec["nan"] is None and rec["inf"] is None
    out = dumps(rec)
    back = json.loads(out, parse_constant=lambda c: pytest.fail(f"{c} in output"))
    assert back["id"] == float("inf")  # the exact number is kept: 1E+999
    assert b'"id":1E+999' in out and b'"neg":-1E+400' in out
    assert dumps({"x": float("nan"), "y": float("inf")}) == b'{"x":null,"y":null}'


def test_wide_integers_keep_every_digit():
    big = 123456789012345678901234567890
    rec, _ = loads_object(b'{"id": 123456789012345678901234567890, "text": "12345678901234567890123"}')
    assert rec["id"] == big and rec["text"] == "12345678901234567890123"
    assert dumps(rec) == b'{"id":123456789012345678901234567890,"text":"12345678901234567890123"}'
    assert dumps({"n": -(2 ** 70)}) == b'{"n":-1180591620717411303424}'
    # just past the 64-bit range (found by the fuzz tests)
    assert loads_object(b'{"n": -9223372036854775809}')[0] == {"n": -9223372036854775809}


def test_deeply_nested_line_is_rejected_alone():
    # issue 10 bug 4: a line nested 100,000 deep abandoned the rest of the file
    with pytest.raises(JsonLineError, match="nested more than"):
        loads_object(b"[" * 100_000 + b"]" * 100_000)
    with pytest.raises(JsonLineError, match="nested more than"):
        loads_object(b'{"a":' * (MAX_DEPTH + 5) + b"1" + b"}" * (MAX_DEPTH + 5))
    ok = b'{"a":' * 10 + b"1" + b"}" * 10
    assert depth(loads_object(ok)[0]) == 10
    # at the limit, a record can still be written (in the Dolma shape, one level deeper)
    rec, _ = loads_object(b'{"a":' * (MAX_DEPTH - 1) + b"1" + b"}" * (MAX_DEPTH - 1))
    assert orjson.loads(dumps({"metadata": rec})) == {"metadata": rec}


@pytest.mark.parametrize("raw, reason", [
    (b"not json", "malformed JSON line"),
    (b'{"a": 1', "malformed JSON line"),
    (b"[1, 2]", "JSON line is a list, not an object"),
    (b'"text"', "JSON line is a string, not an object"),
    (b"null", "JSON line is null, not an object"),
    (b"12", "JSON line is a number, not an object"),
])
def test_not_an_object(raw, reason):
    with pytest.raises(JsonLineError) as exc:
        loads_object(raw)
    assert exc.value.reason.startswith(reason)


def test_bom_invalid_utf8_and_raw_control_characters():
    rec, notes = loads_object(b'\xef\xbb\xbf{"id": 1, "text": "caf\xe9 \xff"}')
    assert rec == {"id": 1, "text": "caf\ufffd \ufffd"} and notes == {"invalid_utf8": 2}
    rec, _ = loads_object(b'{"text": "a\tb\x01c"}')  # raw tab and control byte inside a string
    assert rec == {"text": "a\tb\x01c"}
    assert orjson.loads(dumps(rec)) == rec


def test_dumps_is_compact_deterministic_utf8_and_handles_other_types():
    rec = {"b": 1, "a": "é\u2028", "when": decimal.Decimal("1.50"), "raw": b"\x00\xff", "t": (1, 2)}
    assert dumps(rec) == dumps(dict(rec))
    assert dumps(rec) == b'{"b":1,"a":"\xc3\xa9\xe2\x80\xa8","when":1.50,"raw":"AP8=","t":[1,2]}'
    with pytest.raises(ValueError, match="cannot be written"):
        dumps({"x": object()})


@pytest.mark.parametrize("encoding, text", [
    ("gbk", "这是一个测试文档，包含中文内容。第二段落也是中文，用来检测编码。"),
    ("cp1251", "Это тестовый документ на русском языке. Второй абзац тоже по-русски, для проверки."),
])
def test_line_in_a_legacy_charset_is_read_in_it_and_noted(encoding, text):
    # JSON Lines are UTF-8, but exports from old systems arrive in GBK or cp1251: the
    # same detection as plain files reads them instead of rejecting every record as binary
    raw = json.dumps({"id": 1, "text": text}, ensure_ascii=False).encode(encoding)
    rec, notes = loads_object(raw)
    assert rec == {"id": 1, "text": text}
    assert "invalid_utf8" not in notes and notes["encoding"] not in ("utf_8", "ascii")
