import re

from cleaner.text import SENTENCE_END, count_tokens, fix_surrogates, fold_key, fold_keys, looks_binary, repair, tokens


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


def test_looks_binary_counts_replacement_and_control_characters_but_tab_newline_formfeed():
    def reference(text):  # the definition, one character at a time
        bad = sum(1 for c in text if c == "\ufffd" or (ord(c) < 32 and c not in "\t\n\r\f"))
        return bad / len(text) > 0.25

    for text in ["ab\x01\x02", "ab\x0b\x0b", "ab\x0c\x0c\r\t", "abc\ufffd", "a\ufffd\ufffd", "\x1f\x1e\x1dabcdef",
                 "\x7f\x7f", "plain text\nwith lines", "ab\x0e"]:
        assert looks_binary(text) == reference(text), text
    assert looks_binary("text\x00")


def test_fold_key_ascii_path_equals_the_unicode_definition():
    import unicodedata

    from cleaner.text import _DIGITS

    def reference(text):
        return " ".join(tokens(_DIGITS.sub("0", unicodedata.normalize("NFKC", text).casefold())))

    every_ascii = "".join(map(chr, range(128)))
    samples = [every_ascii, every_ascii[::-1], "Posted 12.03.2024 by J_Doe -- 1,204 views", "A__b 9x9 Z", "",
               "   ", "x" * 300 + " 42", "Über 3 Straße", "ﬁne ２０２４ ＡＢＣ", "日本語 2024 年"]
    for text in samples:
        assert fold_key(text) == reference(text), text


def test_fold_key_latin_path_equals_the_unicode_definition():
    import unicodedata

    import regex

    from cleaner.text import _DIGITS, _LATIN_END

    def reference(text):
        return " ".join(tokens(_DIGITS.sub("0", unicodedata.normalize("NFKC", text).casefold())))

    # every character below the bound is a token character, a digit or neither alike
    # for both engines, so the fast path cannot differ anywhere in the range
    for c in map(chr, range(ord(_LATIN_END))):
        assert (regex.fullmatch(r"[\p{L}\p{M}\p{N}_]", c) is not None) == (re.fullmatch(r"\w", c) is not None), c
        assert (_DIGITS.fullmatch(c) is not None) == ("0" <= c <= "9"), c
    latin = "".join(map(chr, range(0x80, 0x300)))
    samples = [latin, latin[::-1], "Über 3 Straße, 12.03.2024 — ½ ² µ ª", "Ça coûte 1 204,50 €", "naïve café ¨ ´",
               "ﬁne ２０２４ ＡＢＣ Grüße", "Ελληνικά 2024", "日本語 2024 年", "Łódź ŻÓŁW ǅ ǈ ß ẞ"]
    samples += [latin[i:i + 7] + " x " for i in range(0, len(latin), 5)]
    for text in samples:
        assert fold_key(text) == reference(text), text


def test_no_character_normalizes_or_folds_into_a_line_break():
    """What lets ``fold_keys`` fold texts joined by line breaks: NFKC and casefolding
    put no line break where there was none, and take none away."""
    import unicodedata

    # every character of planes 0-2 but surrogates (above them none has a decomposition or a case)
    text = "".join(map(chr, [*range(0x0A), *range(0x0B, 0xD800), *range(0xE000, 0x30000)]))
    t = unicodedata.normalize("NFKC", text)
    assert "\n" not in t and "\n" not in t.casefold()
    assert unicodedata.normalize("NFKC", "a\u0301\n\u0301b").casefold().split("\n") == ["\u00e1", "\u0301b"]


def test_above_latin_only_a_token_character_is_a_word_character():
    """``fold_keys`` folds a page without a token character from U+0300 on with the
    standard library's \\w: no other character there may be one."""
    import regex

    from cleaner.text import _HIGH_TOKEN_CHAR

    high = "".join(map(chr, [*range(0x300, 0xD800), *range(0xE000, 0x110000)]))
    rest = _HIGH_TOKEN_CHAR.sub("", high)
    assert re.search(r"\w", rest) is None
    assert regex.search(r"[\p{L}\p{M}\p{N}_]", rest) is None and len(rest) > 100_000


def test_fold_keys_are_the_fold_keys_of_each_text():
    import random

    rnd = random.Random(11)
    latin = "".join(map(chr, range(0x20, 0x300)))
    pieces = ["Posted 12.03.2024 by J_Doe", "Über 3 Straße", "ﬁne ２０２４ ＡＢＣ", "日本語 2024 年", "", "  ", "ΑΣ ς",
              "a\u0301 e\u0301", "\u0301x", "x\u0301", "한국어 3", "ภาษาไทย ๓", "हिन्दी ४२", "Ελληνικά", "ǅ ǈ ß ẞ", "-- --"]
    pages = [pieces, pieces[:3], pieces[3:], [], [""], ["", ""], ["a"], ["ÀB", "9"]]
    for _ in range(60):
        pages.append(["".join(rnd.choice(latin) for _ in range(rnd.randint(0, 12))) for _ in range(rnd.randint(1, 6))])
        pages.append([rnd.choice(pieces) + rnd.choice(pieces) for _ in range(rnd.randint(1, 6))])
    pages.append(["two\nlines", "x"])  # a text holding a line break is folded alone
    for texts in pages:
        assert fold_keys(texts) == [fold_key(t) for t in texts], texts


def test_mojibake_hint_is_the_pattern_search():
    from cleaner.text import _MOJIBAKE_HINT, _mojibake_hint

    samples = ["plain ascii", "Grüße aus München, Straße", "Ã©tÃ© â€™", "Ä" * 600 + "Ã©", "Ä" * 600,
               "Рџ ok", "Р alone", "\u0085 C1", "ß“quoted”", "", "ïż ï¿½"]
    for text in samples:
        assert _mojibake_hint(text) == bool(_MOJIBAKE_HINT.search(text)), text


def test_ftfy_is_called_line_by_line_with_the_same_result_as_on_the_whole_text():
    """``repair`` runs ftfy only on the lines it could change: the result is ftfy's own
    on the whole text, for mojibake, controls, ligatures, odd line breaks, combining
    marks, surrogates and clean lines mixed at random."""
    import random

    import ftfy

    from cleaner.text import _FTFY_OPTIONS, _ftfy_lines

    rng = random.Random(7)
    pieces = list("abc XYZ.,\n\n\t") + ["Ã©", "â€™", "ﬁ", "\x85", "\u2028", "\x1b[31m", "\x00", "e\u0301", "Ä",
                                         "ü", "ß", "Â ", "\ufeff", "\u200b", "€", "Ð", "×²", "Ø§Ù", "\x9d", "ĳ",
                                         "\ud800", "\u0308", "Ã", " Ã ", "\r"]
    for _ in range(3000):
        s = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 30)))
        assert _ftfy_lines(s) == ftfy.fix_text(s, **_FTFY_OPTIONS), repr(s)
    long_text = "\n".join(["Grüße aus München, schöne Straße."] * 500 + ["The cafÃ© was closed."] + ["plain"] * 500)
    fixed, notes = repair(long_text)
    assert "The café was closed." in fixed and notes.get("mojibake_fixed")
    assert fixed == ftfy.fix_text(long_text, **_FTFY_OPTIONS)


def test_fix_surrogates_joins_pairs_and_replaces_lone_ones():
    assert fix_surrogates("plain ASCII") == ("plain ASCII", 0)
    assert fix_surrogates("Grüße \ufffd") == ("Grüße \ufffd", 0)  # a U+FFFD already there is not counted
    assert fix_surrogates("smile \ud83d\ude00") == ("smile \U0001F600", 0)
    assert fix_surrogates("a\ud800b \udc00") == ("a\ufffdb \ufffd", 2)
    fixed, _ = fix_surrogates("x\udc00\ud800y")
    fixed.encode("utf-8")  # storable


def test_ftfy_badness_pattern_has_the_shape_the_windowed_search_needs():
    """``_is_bad`` searches only around non-ASCII characters: every alternative of ftfy's
    BADNESS_RE must match at most BAD_SPAN characters, hold a character that is never
    ASCII, and anchor nowhere but at the text start (checked on the installed ftfy)."""
    try:
        import re._constants as c
        import re._parser as sre
    except ImportError:  # Python < 3.11
        import sre_constants as c
        import sre_parse as sre
    from ftfy.badness import BADNESS_RE

    from cleaner.text import BAD_SPAN

    def never_ascii(op, av):
        if op == c.LITERAL:
            return av >= 128
        if op != c.IN or any(o not in (c.LITERAL, c.RANGE) for o, _ in av):
            return False  # a negated set, a category, any character: may be ASCII
        return all((a if o == c.LITERAL else a[0]) >= 128 for o, a in av)

    (op, (_none, alternatives)), = sre.parse(BADNESS_RE.pattern, BADNESS_RE.flags).data
    assert op == c.BRANCH and not BADNESS_RE.flags & re.MULTILINE
    for alt in alternatives:
        items = [(o, a) for o, a in alt.data if o != c.AT]
        assert all(a == c.AT_BEGINNING for o, a in alt.data if o == c.AT), alt
        assert all(o in (c.LITERAL, c.NOT_LITERAL, c.IN, c.ANY, c.CATEGORY) or
                   (o == c.MAX_REPEAT and a[1] == 1) for o, a in items), alt  # \s? at most
        assert len(items) <= BAD_SPAN and any(never_ascii(o, a) for o, a in items), alt


def test_windowed_badness_test_is_ftfys_on_the_whole_text():
    import random

    from ftfy.badness import is_bad

    from cleaner.text import _WINDOWED_CHARS, _bad_windows, _is_bad

    rng = random.Random(11)
    pieces = ["abc ", "XYZ", ". ", "\n", "\t", "Ã©", "â€™", "Â ", "Ã", " Ã ", "Ä", "ü", "ß", "×²", "Ø§Ù", "\x9d",
              "€", "Ð", "œ1", "¡", "½", "·", "é", "世界", "x" * 40]
    from ftfy.badness import BADNESS_RE

    for _ in range(3000):
        s = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        windowed = any(BADNESS_RE.search(s, a, z) for a, z in _bad_windows(s))
        assert windowed == is_bad(s), repr(s)
    clean = "Grüße aus München, schöne Straße. " * (_WINDOWED_CHARS // 30)
    for text in (clean, clean + "The cafÃ© was closed.", "Ã© " + clean, clean + "x Ã"):
        assert len(text) >= _WINDOWED_CHARS and _is_bad(text) == is_bad(text)


def test_a_text_that_keeps_its_tokens_has_a_fold_key_of_its_token_count():
    """``key_keeps_tokens``: the fold key then has as many tokens as ``blockstats``
    counts in the text (what the title finder compares before folding)."""
    import random

    from cleaner.blockstats import block_stats
    from cleaner.text import key_keeps_tokens

    rng = random.Random(5)
    pieces = ["abc", " ", "X_y", "12", ",", "3.5", "-", "Grüße", "Straße", "İstanbul", "ǅ", "日本", "語", "’", "—",
              "½", "ﬁ", "２０", "…", "\u00a0", "e\u0301", "Ελληνικά", "٣", "x²", "ŉ", "🙂", "\u200b"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))).strip() or "x" for _ in range(2000)]
    ntok = block_stats(texts).ntok.tolist()
    kept = 0
    for text, n in zip(texts, ntok):
        if key_keeps_tokens(text):
            kept += 1
            assert len(fold_key(text).split()) == n, repr(text)
    assert 200 < kept < 2000  # both kinds were drawn
