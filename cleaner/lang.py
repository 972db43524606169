"""Language identification for documents (py3langid ships its model in the wheel).

A document gets a primary language and, for mixed pages (seed 002: Chinese then its
English version), the secondary languages that hold a fair share of its text.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from .text import count_tokens

_HAN = regex.compile(r"\p{Han}")
_KANA = regex.compile(r"[\p{Hiragana}\p{Katakana}]")
_HANGUL = regex.compile(r"\p{Hangul}")


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)


def _script_guess(text: str) -> str | None:
    han, kana, hangul = len(_HAN.findall(text)), len(_KANA.findall(text)), len(_HANGUL.findall(text))
    total = han + kana + hangul
    if total < 20 or total < 0.3 * len(text.replace(" ", "")):
        return None
    if kana > 0.05 * total:
        return "ja"
    if hangul > 0.3 * total:
        return "ko"
    return "zh"


def identify(text: str) -> str:
    """Language of one piece of text (ISO 639-1 where py3langid has it)."""
    guess = _script_guess(text)
    if guess:
        return guess
    lang, _score = _identifier().classify(text)
    return lang


def _script(text: str) -> str:
    han, kana, hangul = len(_HAN.findall(text)), len(_KANA.findall(text)), len(_HANGUL.findall(text))
    if kana and kana + han > 0.3 * len(text):
        return "jpan"
    if hangul > 0.3 * len(text):
        return "hang"
    if han > 0.3 * len(text):
        return "hani"
    return "other"


def detect(blocks_text: list[str], sample_chars: int = 1500, min_share: float = 0.2) -> tuple[str, set[str]]:
    """(primary language, languages holding >= ``min_share`` of the sampled tokens).

    The primary language comes from one identification over the longest blocks (in
    tokens: a CJK character is a word's worth of text, so article text, not menus).
    Blocks in another script than the primary one are identified on their own, so a
    Chinese article followed by its English version reports both.
    """
    # rank by UTF-8 size (a CJK character is three bytes: about a word's worth of text),
    # then weigh the chosen blocks by their tokens
    ranked = sorted(((len(t.encode("utf-8")), i) for i, t in enumerate(blocks_text) if len(t) >= 20), reverse=True)
    ranked = [(count_tokens(blocks_text[i]), i) for _n, i in ranked[:10]]
    if not ranked:
        joined = " ".join(blocks_text)[:sample_chars]
        if not joined.strip():
            return "und", set()
        lang = identify(joined)
        return lang, {lang}
    top = [(n, blocks_text[i][:600]) for n, i in ranked[:10]]
    by_script: dict[str, list] = {}
    for n, t in top:
        by_script.setdefault(_script(t), []).append((n, t))
    shares: dict[str, int] = {}
    for script, items in by_script.items():
        sample, used = [], 0
        for n, t in items:
            if used >= sample_chars:
                break
            sample.append(t)
            used += len(t)
        lang = identify(" ".join(sample))
        shares[lang] = shares.get(lang, 0) + sum(n for n, _t in items)
    total = sum(shares.values()) or 1
    primary = max(shares.items(), key=lambda kv: (kv[1], kv[0]))[0]
    langs = {lang for lang, n in shares.items() if n >= min_share * total}
    langs.add(primary)
    return primary, langs
