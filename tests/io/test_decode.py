"""Whole documents: decoded whatever their encoding, or named for what they are."""
import codecs

import pytest

from cleaner.io.decode import BINARY_REASON, NotText, decode_document, identify

RU = "Москва — столица России. Министр сказал, что переговоры продолжатся на следующей неделе."
FR = "Le ministre a déclaré que les négociations se poursuivraient à Genève la semaine prochaine."
JA = "東京は日本の首都であり、世界最大の都市圏を形成している。会談は来週も続く予定だ。"
ZH = "外交部长表示，各方将于下周在日内瓦继续会谈，停火仍是所有相关方的首要任务。"


@pytest.mark.parametrize("bom, enc", [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
                                      (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF8, "utf-8")])
def test_byte_order_marks(bom, enc):
    # issue 10 bug 6: UTF-16 files were rejected as "binary"
    text, notes = decode_document(bom + FR.encode(enc))
    assert text == FR and notes.get("encoding", "utf-8") == enc


def test_utf16_without_bom():
    text, notes = decode_document(("Title\n" + FR).encode("utf-16-le"))
    assert text == "Title\n" + FR and notes["encoding"] == "utf-16-le"
    text, notes = decode_document(("Title\n" + FR).encode("utf-16-be"))
    assert text == "Title\n" + FR and notes["encoding"] == "utf-16-be"


@pytest.mark.parametrize("text, enc", [(RU, "cp1251"), (FR * 3, "cp1252"), (JA, "shift_jis"), (ZH, "gbk")])
def test_legacy_charsets_are_detected(text, enc):
    # issue 10 bug 6: legacy-charset .txt files were rejected as "binary"
    got, notes = decode_document(text.encode(enc), "text")
    assert got == text and "encoding" in notes and "invalid_utf8" not in notes


def test_utf8_with_a_few_stray_bytes_stays_utf8():
    got, notes = decode_document(b"Title\n" + FR.encode() + b" \xff\xfe\n")
    assert got.startswith("Title\nLe ministre a déclaré") and notes == {"invalid_utf8": 2}


@pytest.mark.parametrize("data, what", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
    (b"PK\x03\x04\x14\x00\x06\x00", "a ZIP archive"),
    (b"SQLite format 3\x00\x10\x00", "an SQLite database"),
    (b"PAR1\x15\x04", "a Parquet file"),
])
def test_binary_formats_are_named(data, what):
    assert identify(data).startswith(what)
    with pytest.raises(NotText) as exc:
        decode_document(data + b"\x00" * 100)
    assert exc.value.reason.startswith(f"binary file ({what}")


def test_unknown_binary_keeps_the_general_reason():
    with pytest.raises(NotText) as exc:
        decode_document(b"\x00\x01\x02\x03binary" * 10)
    assert exc.value.reason == BINARY_REASON


def test_html_goes_through_the_page_decoder():
    page = '<html><head><meta charset="gbk"><title>t</title></head><body><p>会谈将继续</p></body></html>'
    text, notes = decode_document(page.encode("gbk"), "html")
    assert "会谈将继续" in text and notes.get("encoding") == "gbk"
