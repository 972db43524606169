"""Pages cleaned together (``cleaner.batch``) must come out exactly as cleaned one by one:
the arrays a page is primed with are the ones it finds alone, and ``clean_many`` returns
what ``Cleaner.clean`` returns (or raises) for every call, whatever went through the
batch and whatever did not."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from cleaner import batch
from cleaner.blockstats import BlockStats
from cleaner.page import Page
from cleaner.run import Payload, RecordOptions, clean_one, clean_records

ROOT = Path(__file__).resolve().parents[1]
BBC = "https://www.bbc.com/news/world-1"
SAMPLE = (ROOT / "samples" / "000_7fd473eb7fccdec6.txt").read_text(encoding="utf-8")

# short records of the shapes a crawl holds: lines in several scripts, numbers (folded in
# block keys), a casefold that grows ('ß'), lines a rule removes.  Their languages are
# given, so that the test builds no rule index but English's: 'xx' (no pack) has a
# stopword table of its own, and a site with a pack (bbc.com) a rule index of its own.
TEXTS = [
    ("Share this article on Facebook", "en"),
    ("The minister said the talks would continue next week in Geneva, with all parties present.", "en"),
    ("Der Minister sagte, die Gespräche würden nächste Woche in Genf an der Straße fortgesetzt.", "xx"),
    ("部长表示，谈判将于下周在日内瓦继续进行，各方都将出席。", "en"),
    ("東京都は12日、新たに1,204人の感染を確認したと発表しました。", "en"),
    ("Updated 12.03.2024 at 10:45 — 3 min read", "en"),
    ("Read more", "en"),
    ("Cookies help us deliver our services. By using our services, you agree to our use of cookies.", "en"),
    ("Правительство объявило о новых мерах поддержки малого бизнеса в регионах.", "xx"),
    ("© 2024 Example Media Group. All rights reserved.", "en"),
    ("Title of a page\n\nA paragraph with enough words to be prose, and it ends with a full stop.\n\nShare", "en"),
    (SAMPLE[:3000], "en"),
]


def _arrays(page: Page) -> dict:
    st = page.stats
    out = {f: getattr(st, f).tolist() for f in BlockStats.__dataclass_fields__}
    out["codes"] = page.codes.tolist()
    out["candidates"] = page.candidates.tolist()
    return out


def test_pages_analysed_together_get_the_arrays_they_find_alone(cleaner):
    docs = [cleaner.parse(t, lang=lang, url=BBC if i % 3 == 0 else None) for i, (t, lang) in enumerate(TEXTS)]
    together = [Page(d, cleaner.context) for d in docs]
    batch.analyse(together)
    assert all("candidates" in p.__dict__ and "codes" in p.__dict__ for p in together)  # primed
    alone = [Page(d, cleaner.context) for d in docs]
    assert len({id(p.active) for p in alone}) > 1 and len({id(p.stopwords) for p in alone}) > 1
    for a, b in zip(together, alone):
        assert "candidates" not in b.__dict__
        assert _arrays(a) == _arrays(b), a.texts[:1]


def _same(a, b) -> None:
    if isinstance(b, Exception):
        assert type(a) is type(b) and str(a) == str(b)
        return
    assert (a.text, a.removed, a.lang, a.notes, a.chars_removed, a.chars_by_rule, a.chars_in, a.metadata) == \
        (b.text, b.removed, b.lang, b.notes, b.chars_removed, b.chars_by_rule, b.chars_in, b.metadata)


def test_clean_many_returns_what_clean_returns_for_every_call(cleaner, monkeypatch):
    calls = [{"text": t, "lang": lang, "url": BBC if i % 2 else None}
             for i, (t, lang) in enumerate(TEXTS)]
    calls += [
        {"text": "", "lang": "en"},
        {"text": "broken \ud800 surrogate in a line of text", "lang": "en"},  # replaced, counted as invalid UTF-8
        {"text": "<html><body><article><p>An HTML page goes through clean itself.</p></article></body></html>"},
        {"text": "A [link](https://example.com/) in markup\n\n## A heading", "lang": "xx"},
        {"text": 5},  # clean raises TypeError
        {"text": "A line of text whose language is detected."},
        {"text": ("A long line of text, cleaned alone. " * 30 + "\n") * 100, "lang": "en"},  # over SHORT_CHARS
    ]
    primed = []
    analyse = batch.analyse
    monkeypatch.setattr(batch, "analyse", lambda pages: (primed.extend(pages), analyse(pages)))
    got = batch.clean_many(cleaner, calls)
    assert len(primed) == len(calls) - 3  # all but the HTML page, the non-string and the long text
    for call, res in zip(calls, got):
        try:
            want = cleaner.clean(**call)
        except Exception as exc:
            want = exc
        _same(res, want)
    assert got[len(TEXTS) + 1].notes["invalid_utf8"] == 1


def test_a_page_that_fails_fails_alone(cleaner, monkeypatch):
    calls = [{"text": t, "lang": lang} for t, lang in TEXTS[:4]]
    quality = cleaner.filters[0]
    apply = quality.apply

    def boom(page):
        if "Geneva" in page.texts[0]:
            raise RuntimeError("a bug")
        apply(page)

    monkeypatch.setattr(quality, "apply", boom)
    got = batch.clean_many(cleaner, calls)
    assert isinstance(got[1], RuntimeError) and str(got[1]) == "a bug"
    monkeypatch.setattr(quality, "apply", apply)
    for k in (0, 2, 3):
        _same(got[k], cleaner.clean(**calls[k]))


def test_a_chunk_of_records_has_the_outcomes_of_one_by_one(cleaner):
    payloads = [Payload({"id": i, "text": t, "lang": lang}) for i, (t, lang) in enumerate(TEXTS)]
    payloads += [Payload({"id": "x"}), Payload(None, reject="malformed JSON line"), Payload({"text": None})]
    options = RecordOptions(audit=True, lang_field="lang")
    got = clean_records(cleaner, payloads, options)
    assert got == [clean_one(cleaner, p, options) for p in payloads]
    assert got[0].record["removed"][0]["rule"] == "en-share-prompt"
    assert [o.reason for o in got[-3:]] == ["record has no 'text' field", "malformed JSON line",
                                           "field 'text' is NoneType, not a string"]


@pytest.mark.parametrize("window", [None, 40])
def test_candidates_of_several_pages_split_as_each_pages_own(cleaner, monkeypatch, window):
    from cleaner.rules import matcher
    if window:  # the blocks of the batch taken in windows, as a long page's
        monkeypatch.setattr(matcher, "WINDOW_CHARS", window)
    pages = [Page(cleaner.parse(t, lang="en"), cleaner.context) for t, _ in TEXTS[:3] + TEXTS[5:8]]
    index = cleaner.context.matcher(pages[0].active).index
    alone = [index.candidates(p).tolist() for p in pages]
    texts = [t for p in pages for t in p.texts]
    pairs = index.candidates_of(texts, np.concatenate([p.stats.ntok for p in pages]),
                                np.concatenate([p.stats.digit for p in pages]))
    offsets = np.cumsum([0] + [p.n for p in pages])
    split = [[[b - lo, r] for b, r in pairs.tolist() if lo <= b < hi] for lo, hi in zip(offsets[:-1], offsets[1:])]
    assert split == alone and sum(map(len, alone)) > 0


def test_a_chunk_leaves_the_cycle_collector_as_it_found_it(cleaner, monkeypatch):
    """While a chunk is cleaned, older objects are frozen (the collector does not traverse
    the rule packs again at each run); they are handed back afterwards, and a caller's own
    freeze is left alone."""
    import gc

    frozen = []
    process = cleaner.process

    def counted(doc, **kw):
        frozen.append(gc.get_freeze_count())
        return process(doc, **kw)

    monkeypatch.setattr(cleaner, "process", counted)
    calls = [dict(text=t, lang=lang) for t, lang in TEXTS[:3]]
    assert gc.get_freeze_count() == 0
    batch.clean_many(cleaner, calls)
    assert gc.get_freeze_count() == 0
    assert len(frozen) == 3 and all(k > 0 for k in frozen)  # frozen while the pages were cleaned
    gc.freeze()
    try:
        batch.clean_many(cleaner, calls)
        assert gc.get_freeze_count() > 0  # still frozen: not handed back by the chunk
    finally:
        gc.unfreeze()
