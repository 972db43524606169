from cleaner.text import SENTENCE_END, count_tokens, fold_key, looks_binary, repair, tokens


def test_cjk_characters_are_tokens():
    assert tokens("王毅会见 UN chief") == ["王", "毅", "会", "见", "UN", "chief"]
    assert count_tokens("点赞 收藏") == 4


def test_sentence_end_covers_cjk_and_closing_quotes():
    assert SENTENCE_END.search("他说。")
    assert SENTENCE_END.search('He said so.”')
    assert SENTENCE_END.search("هل هذا صحيح؟")
    assert not SENTENCE_END.search("Related Stories")


def test_fold_key_folds_digits_case_and_punctuation():
    assert fold_key("© 2019 Example, Inc.") == fold_key("© 2023 example inc")


def test_repair_fixes_mojibake_entities_nbsp_and_zero_width():
    text, notes = repair("caf\u00c3\u00a9 &amp; cr\u00e8me\u00a0br\u00fbl\u00e9e\u200b")
    assert text == "café & crème brûlée"
    assert notes.get("repaired") and notes.get("mojibake_fixed")


def test_repair_keeps_newlines_and_clean_text():
    text, notes = repair("line one\nline two")
    assert text == "line one\nline two" and notes == {}


def test_repair_normalizes_crlf_and_removes_controls():
    text, _ = repair("a\r\nb\x07c\x1b[31mred")
    assert text == "a\nbcred"


def test_looks_binary():
    assert looks_binary(b"\x00\x01\x02binary")
    assert not looks_binary("plain text\nwith lines".encode())
    assert not looks_binary(b"")
