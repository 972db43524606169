"""Text primitives shared by parsers and filters: repair, tokens, shape.

Word counts treat every CJK (Han, kana, Hangul syllable) character as a token:
counting words by spaces would make every Chinese line a one-word line.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import regex

# One token: a CJK/kana/Hangul character, or a run of other letters/digits.
_TOKEN = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]|[\p{L}\p{M}\p{N}_]+", regex.V1)
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
_HANGUL = regex.compile(r"\p{Hangul}")
_LETTER = regex.compile(r"\p{L}")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_DIGITS = regex.compile(r"\p{Nd}+")

# Characters that end a sentence in the scripts we cover (ASCII, CJK fullwidth,
# Arabic, Devanagari, Armenian, Ethiopic, ...), optionally followed by closing quotes.
SENTENCE_END = regex.compile(
    r"[.!?。！？…‼⁇⁈⁉؟۔।॥։።፧᙮᠃᠉⳹⳾⸼。︒﹒﹖﹗．｡:;：；]['\"”’»›」』）)\]】〕〉》]*\s*$")
SENTENCE_PUNCT = regex.compile(r"[.!?。！？…؟۔।,，、;；:：]")


def tokens(text: str) -> list[str]:
    """Word tokens, one per CJK character."""
    return _TOKEN.findall(text)


def count_tokens(text: str) -> int:
    return len(_TOKEN.findall(text))


def cjk_ratio(text: str) -> float:
    """Share of letters that are Han/kana/Hangul."""
    letters = len(_LETTER.findall(text))
    if not letters:
        return 0.0
    return (len(_CJK.findall(text)) + len(_HANGUL.findall(text))) / letters


# ASCII text: NFKC leaves it as it is, casefold is lower(), \p{Nd} is [0-9] and a token
# is a run of [a-z0-9_]; the standard library's engine is several times faster here.
_ASCII_DIGITS = re.compile(r"[0-9]+")
_ASCII_TOKEN = re.compile(r"[a-z0-9_]+")


def fold_key(text: str) -> str:
    """A normalized key for exact-duplicate tests: casefolded, digits folded to 0,
    whitespace and punctuation collapsed.  (Short texts are memoized: filters ask for
    the keys of the same short lines several times a page.)"""
    if len(text) <= _MEMO_CHARS:
        return _fold_key_memo(text)
    return _fold_key(text)


_MEMO_CHARS = 200


# Below U+0300 (Latin-1 and Latin Extended, after NFKC and casefolding) there are no
# combining marks and no decimal digits but 0-9, so a token is the standard library's
# \w run and a digit run is [0-9]+ (every character of the range is checked in
# tests/test_text.py).
_LATIN_END = "\u0300"
_LATIN_TOKEN = re.compile(r"\w+")


def _fold_key(text: str) -> str:
    if text.isascii():
        return " ".join(_ASCII_TOKEN.findall(_ASCII_DIGITS.sub("0", text.lower())))
    t = unicodedata.normalize("NFKC", text).casefold()
    if t and max(t) < _LATIN_END:
        return " ".join(_LATIN_TOKEN.findall(_ASCII_DIGITS.sub("0", t)))
    t = _DIGITS.sub("0", t)
    return " ".join(tokens(t))


_fold_key_memo = lru_cache(maxsize=256)(_fold_key)  # repeats within a page, not a corpus cache

# fold_keys: the tokens of a whole page and the line breaks between its texts
_ASCII_KEY_PART = re.compile(_ASCII_TOKEN.pattern + r"|\n")
_LATIN_KEY_PART = re.compile(_LATIN_TOKEN.pattern + r"|\n")
# A token character from U+0300 on: in a text without one, a token is a \w run and
# a digit run is [0-9]+, as below _LATIN_END (no other character there is \w: tested)
_HIGH_TOKEN_CHAR = regex.compile(r"[[\p{L}\p{M}\p{N}]--[\x00-\u02ff]]", regex.V1)
_KEY_PART = regex.compile(_TOKEN.pattern + r"|\n", _TOKEN.flags)


def fold_keys(texts: list[str]) -> list[str]:
    """``[fold_key(t) for t in texts]``, in a few passes over the texts joined by line
    breaks instead of a few per text.  A line break is neither a token nor changed by
    NFKC, casefolding or digit folding, and no character normalizes into one (checked
    over every code point in tests/test_text.py), so each pass does to every text what
    it would do to it alone.  Texts holding line breaks themselves are folded one by
    one."""
    if not texts:
        return []
    joined = "\n".join(texts)
    if joined.count("\n") != len(texts) - 1:
        return [fold_key(t) for t in texts]
    if joined.isascii():
        parts = _ASCII_KEY_PART.findall(_ASCII_DIGITS.sub("0", joined.lower()))
    else:
        t = unicodedata.normalize("NFKC", joined).casefold()
        if _HIGH_TOKEN_CHAR.search(t) is None:  # quotes and dashes, but no letter, above Latin
            parts = _LATIN_KEY_PART.findall(_ASCII_DIGITS.sub("0", t))
        else:
            parts = _KEY_PART.findall(_DIGITS.sub("0", t))
    return " ".join(parts).replace(" \n", "\n").replace("\n ", "\n").split("\n")


def key_keeps_tokens(text: str) -> bool:
    """Whether ``fold_key(text)`` has as many tokens as ``blockstats`` counts in ``text``
    (``ntok``, counted after casefolding too): true of a text that NFKC leaves as it is,
    since folding a digit run to ``0`` moves no token boundary.  A caller looking for
    keys of known token counts can then skip folding a text of another count."""
    return text.isascii() or unicodedata.is_normalized("NFKC", text)


# whole-document passes: plain character classes, which the standard library's
# engine scans much faster than the regex module
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_ODD_SPACE = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_TERMINAL_ESC = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_LIGATURES = re.compile(r"[\ufb00-\ufb06]")
# What mis-decoding leaves behind: C1 controls; a UTF-8 lead byte read as Latin-1 or
# cp1252 followed by a continuation byte ("Ã©", "â€™"); cp1251 readings ("Рџ").
# Only text with such a sequence goes on to ftfy's (much slower) badness test.
_MOJIBAKE_HINT = re.compile(
    "[\u0080-\u009f]|[\u00c2-\u00df][\u0080-\u00bf\u2018-\u201e\u2020-\u2022\u2026\u2030"
    "\u2039\u203a\u20ac\u2122\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc]"
    "|\u00e2\u20ac|\u00ef\u00bf\u00bd|[\u0420\u0421][\u0402-\u040f\u0452-\u045f\u0080-\u00bf]")
# every alternative of _MOJIBAKE_HINT begins with one of these characters
_MOJIBAKE_LEAD = re.compile("[\u0080-\u009f\u00c2-\u00df\u00e2\u00ef\u0420\u0421]")


def _mojibake_hint(text: str) -> bool:
    """``_MOJIBAKE_HINT.search(text)``, faster: its pattern is tried only where one of
    its first characters stands (German umlauts make many such places, but a page holds
    few compared with its length)."""
    m = _MOJIBAKE_LEAD.search(text)
    for _ in range(256):
        if m is None:
            return False
        at = m.start()
        if _MOJIBAKE_HINT.match(text, at):
            return True
        m = _MOJIBAKE_LEAD.search(text, at + 1)
    # a text full of such characters: one scan of the rest
    return m is not None and _MOJIBAKE_HINT.search(text, m.start()) is not None


def _is_bad(text: str) -> bool:
    """ftfy's badness test (imported on first use: most runs never need ftfy), run only
    on the stretches around the text's non-ASCII characters (``_bad_windows``)."""
    from ftfy.badness import BADNESS_RE

    search = BADNESS_RE.search
    if len(text) < _WINDOWED_CHARS:
        return search(text) is not None
    return any(search(text, a, z) is not None for a, z in _bad_windows(text))


# Every alternative of ftfy's BADNESS_RE matches at most BAD_SPAN characters, one of
# them non-ASCII, and looks at no character outside its match but the text start (``^``)
# (tests/test_text.py checks this on the installed ftfy).  A match therefore lies within
# BAD_SPAN - 1 characters of a non-ASCII character: searching the stretches reaching
# BAD_MARGIN characters around each run of them finds a match exactly when the whole
# text holds one.
BAD_SPAN = 7
BAD_MARGIN = BAD_SPAN + 1
_WINDOWED_CHARS = 20_000  # shorter texts are searched whole
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _bad_windows(text: str) -> list[tuple[int, int]]:
    """The stretches of ``text`` within BAD_MARGIN characters of a non-ASCII
    character, merged where they meet, in order."""
    out: list[tuple[int, int]] = []
    n = len(text)
    for m in _NON_ASCII.finditer(text):
        a, z = max(0, m.start() - BAD_MARGIN), min(n, m.end() + BAD_MARGIN)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], z)
        else:
            out.append((a, z))
    return out


_FTFY_OPTIONS = dict(
    unescape_html=False, remove_terminal_escapes=True, fix_encoding=True, fix_latin_ligatures=True,
    fix_character_width=False, uncurl_quotes=False, fix_line_breaks=True, fix_surrogates=True,
    remove_control_chars=True, normalization="NFC", max_decode_length=1_000_000)


@lru_cache(maxsize=1)
def _ftfy_touches():
    """The characters one of ftfy's fixers (with ``_FTFY_OPTIONS``) changes whatever
    surrounds them, read from ftfy's own tables: C1 controls, ligatures, line breaks
    other than "\\n", surrogates, the terminal escape and the control characters it
    removes."""
    from ftfy import chardata

    codes = set(chardata.LIGATURES) | set(chardata.CONTROL_CHARS)
    codes |= set(range(0x80, 0xA0)) | set(range(0xD800, 0xE000)) | {0x0D, 0x1B, 0x2028, 0x2029}
    return re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(codes)) + "]")


def _ftfy_lines(text: str) -> str:
    """``ftfy.fix_text(text, **_FTFY_OPTIONS)``, with ftfy called only for the lines it
    could change.  ftfy fixes a text line by line (each segment up to and including a
    "\\n", at most ``max_decode_length`` characters), so a line is passed over when
    each fixer leaves it as it is: its encoding fix (ASCII, or not "bad" by ftfy's own
    test), the character fixers (none of ``_ftfy_touches``) and NFC (already NFC).  A
    long text with one mis-decoded line no longer pays ftfy on every line."""
    import ftfy
    from ftfy.badness import is_bad

    touches = _ftfy_touches().search
    limit = _FTFY_OPTIONS["max_decode_length"]
    out, pos, n = [], 0, len(text)
    while pos < n:
        end = text.find("\n", pos) + 1 or n
        line = text[pos:end]
        if (len(line) > limit or touches(line) or not unicodedata.is_normalized("NFC", line)
                or (not line.isascii() and is_bad(line))):
            line = ftfy.fix_text(line, **_FTFY_OPTIONS)
        out.append(line)
        pos = end
    return "".join(out)


def repair(text: str, *, entities: bool = True) -> tuple[str, dict]:
    """Repair mojibake, HTML entities, odd whitespace, NBSP, zero-width and control characters.

    ftfy does the mojibake repair; it runs only when ftfy's own badness test says the
    text looks mis-decoded (most text is fine, and ftfy over every line is the slowest
    step of a run).  Newlines are kept: they are block boundaries.  Returns the
    repaired text and what was done.
    """
    notes: dict = {}
    if not text:
        return text, notes
    fixed = text
    if "\r" in fixed:
        fixed = fixed.replace("\r\n", "\n").replace("\r", "\n")
    if not fixed.isascii():
        if _mojibake_hint(fixed) and _is_bad(fixed):
            fixed = _ftfy_lines(fixed)
            if fixed != text:
                notes["mojibake_fixed"] = True
        elif not unicodedata.is_normalized("NFC", fixed):
            fixed = unicodedata.normalize("NFC", fixed)
        if _LIGATURES.search(fixed):
            fixed = _LIGATURES.sub(lambda m: unicodedata.normalize("NFKC", m.group()), fixed)
        fixed = _ZERO_WIDTH.sub("", fixed)
        fixed = _ODD_SPACE.sub(" ", fixed)
    if "\x1b" in fixed:
        fixed = _TERMINAL_ESC.sub("", fixed)
    if entities and "&" in fixed and _ENTITY.search(fixed):
        import html

        fixed = _ENTITY.sub(lambda m: html.unescape(m.group()), fixed)
    fixed = _CONTROL.sub("", fixed)
    if fixed != text:
        notes["repaired"] = True
    return fixed, notes


# the regex engine scans a text for this class several times faster than the re one
_SURROGATE = regex.compile("[\ud800-\udfff]")


def fix_surrogates(text: str) -> tuple[str, int]:
    """A Python string may hold UTF-16 surrogates (decoded with ``surrogatepass`` or
    ``surrogateescape``, or built from JSON escapes), which are not Unicode and which no
    UTF-8 writer can store.  A high surrogate followed by a low one is joined into the
    character the pair stands for; every other surrogate becomes U+FFFD.  Returns the
    text and how many surrogates were replaced."""
    if text.isascii() or not _SURROGATE.search(text):
        return text, 0
    joined = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return joined, joined.count("\ufffd") - text.count("\ufffd")


def repair_blocks(blocks) -> dict:
    """``repair`` over the text of parsed blocks (and their inline form), in place.
    Returns what was done.  Pages in ASCII, or without any sign of mis-decoding and
    odd characters, cost one scan of their joined text."""
    notes: dict = {}
    if not blocks:
        return notes
    joined = "\n".join(b.text for b in blocks)
    if joined.isascii() and "\x1b" not in joined:
        return notes
    if not (_mojibake_hint(joined) or _ZERO_WIDTH.search(joined) or _ODD_SPACE.search(joined)
            or _LIGATURES.search(joined) or "\x1b" in joined or not unicodedata.is_normalized("NFC", joined)):
        return notes
    for b in blocks:
        fixed, n = repair(b.text, entities=False)
        if fixed != b.text:
            notes.update(n)
            b.text = " ".join(fixed.split()) if b.kind != "code" else fixed
            inline = b.features.get("inline")
            if inline:
                b.features["inline"] = repair(inline, entities=False)[0]
    return notes


# replacement characters and control characters other than \t \n \f \r (what a text sample
# may hold a few of)
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\ufffd]")


def looks_binary(data: bytes | str, sample: int = 8192) -> bool:
    """True when a sample is mostly not text (NULs, control bytes, replacement chars)."""
    if isinstance(data, bytes):
        chunk = data[:sample]
        if not chunk:
            return False
        if b"\x00" in chunk:
            return True
        bad = sum(1 for c in chunk if c < 9 or 13 < c < 32)
        return bad / len(chunk) > 0.10
    chunk = data[:sample]
    if not chunk:
        return False
    if "\x00" in chunk:
        return True
    bad = len(_NOT_TEXT.findall(chunk))
    return bad / len(chunk) > 0.25
