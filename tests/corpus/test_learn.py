"""Learning templates: sites, thresholds, near-duplicate variants, protection of the
article, bounded memory (spills, windows), the unknown-site bucket."""
import json
import random

import numpy as np
import pytest

from cleaner.corpus.learn import (Learner, SeenFilter, body_blocks, learn_inputs, registrable_domain, site_of,
                                  title_blocks)
from cleaner.corpus.shingles import block_key, fold
from cleaner.corpus.store import TemplateStore
from cleaner.corpus.storeschema import UNKNOWN_SITE, StoreParams

STOP = "the of and to in a is that for it as was with be by on not this are or from at which but".split()
WORDS = ("council river market school garden energy report village season museum train doctor budget "
         "library harbor festival bridge farmer weather election station theater minister hospital factory "
         "teacher island forest mayor court border museum orchestra airport tunnel glacier").split()
HEADER = ["Home", "World", "Business", "Sign in to your account", "Subscribe to our newsletter"]


def sentence(rng, n):
    return " ".join(rng.choice(STOP) if i % 2 else rng.choice(WORDS) for i in range(n)).capitalize() + "."


def page(rng, site="example.com", *, first=None, extra=(), title=None):
    title = title or " ".join(rng.choice(WORDS) for _ in range(6)).capitalize()
    body = [sentence(rng, rng.randint(22, 34)) for _ in range(4)]
    if first:
        body.insert(0, first)
    footer = [f"Updated {rng.randint(1, 28)} March 20{rng.randint(10, 24)}", "Related stories",
              f"© 2024 Example Media. {rng.randint(100, 5000):,} readers online", *extra]
    return "\n".join([f"{title} | {site}", *HEADER, title, *body, *footer])


def learn(pages, params=None, **kw):
    ln = Learner(params or StoreParams(), **kw)
    for url, text in pages:
        ln.add_text(text, url=url)
    return ln


def templates_by_text(store, site):
    return {fold(t.text): t for t in store.templates(site)}


def test_registrable_domain_and_sites():
    assert registrable_domain("www.bbc.co.uk") == "bbc.co.uk"
    assert registrable_domain("news.bbc.co.uk") == "bbc.co.uk"
    assert registrable_domain("edition.cnn.com") == "cnn.com"
    assert registrable_domain("www.autoracing.com.br") == "autoracing.com.br"
    assert registrable_domain("someone.github.io") == "someone.github.io"
    assert registrable_domain("example.com.") == "example.com"
    assert registrable_domain("10.0.0.1") == "10.0.0.1"
    assert registrable_domain("localhost") == "localhost"
    assert site_of({"url": "https://WWW.Example.com:8080/a?b"}) == "example.com"
    assert site_of({"url": "example.org/page"}) == "example.org"
    assert site_of({"text": "no url"}) == UNKNOWN_SITE
    assert site_of({"url": ""}) == UNKNOWN_SITE
    assert site_of({"url": 5}) == UNKNOWN_SITE
    assert site_of({"source": "Le Monde", "url": "https://x.com"}, site_field="source") == "le monde"
    assert site_of({"url": "https://x.com"}, site_field="source") == UNKNOWN_SITE


def test_threshold_min_pages_edge(tmp_path):
    rng = random.Random(1)
    pages = []
    for i in range(10):
        extra = ["Try our new crossword app"] if i < 3 else []
        extra += ["Weekly quiz: test your knowledge"] if i < 2 else []
        pages.append((f"https://www.example.com/{i}", page(rng, extra=extra)))
    learn(pages, StoreParams(min_pages=3, min_share=0.01)).write(tmp_path / "s.tpl")
    with TemplateStore.open(tmp_path / "s.tpl") as st:
        t = templates_by_text(st, "example.com")
        assert t["try our new crossword app"].pages == 3 and t["try our new crossword app"].status == "template"
        assert "weekly quiz test your knowledge" not in t
        assert t["home"].pages == 10
        # numbers folded: a changing date and count are one template
        assert t["updated 0 march 0"].pages == 10
        assert t["0 example media 0 readers online"].pages == 10


def test_threshold_share_edge(tmp_path):
    rng = random.Random(2)
    pages = []
    for i in range(400):  # f = 0.02 of 400 pages: a template needs 8 pages
        lines = [f"Story {i} " + " ".join(rng.choice(WORDS) for _ in range(5))]
        if i % 50 == 0:
            lines.append("Listen to our podcast")  # 8 pages
        if i % 57 == 1:
            lines.append("Download the app")  # 7 pages
        pages.append((f"https://example.com/{i}", "\n".join(lines)))
    learn(pages, StoreParams(min_pages=3, min_share=0.02)).write(tmp_path / "s.tpl")
    with TemplateStore.open(tmp_path / "s.tpl") as st:
        assert StoreParams(min_share=0.02).threshold(400) == 8
        t = templates_by_text(st, "example.com")
        assert t["listen to our podcast"].pages == 8
        assert "download the app" not in t


def test_small_site_below_k_learns_nothing(tmp_path):
    rng = random.Random(3)
    learn([(f"https://tiny.org/{i}", page(rng)) for i in range(2)]).write(tmp_path / "s.tpl")
    with TemplateStore.open(tmp_path / "s.tpl") as st:
        assert st.site_pages("tiny.org") == 2
        assert st.templates("tiny.org") == []
        assert st.site_templates("tiny.org") is None


def test_near_duplicate_variants_count_together(tmp_path):
    rng = random.Random(4)
    base = ("Get the Example Media morning briefing with the news of the day, the weather and the best of our "
            "reporting delivered to your inbox every {} morning")
    pages = []
    for i in range(12):
        day = ["weekday", "single", "working"][i // 4] if i < 12 else ""
        extra = [base.format(day)] if i % 2 == 0 else []  # each variant on 2 pages: 6 pages in all
        pages.append((f"https://example.com/{i}", page(rng, extra=extra)))
    learn(pages, StoreParams(min_pages=5)).write(tmp_path / "s.tpl")
    with TemplateStore.open(tmp_path / "s.tpl") as st:
        t = [x for x in st.templates("example.com") if "briefing" in x.text]
        assert len(t) == 1
        assert t[0].variants == 3 and t[0].pages == 6 and t[0].status == "template"
        assert len(st.member_keys(t[0].id)) == 3


def test_standard_first_sentence_is_protected(tmp_path):
    rng = random.Random(5)
    first = ("This article is part of our weekly series on local history, written by readers and checked "
             "by the editors of the paper.")
    pages = [(f"https://example.com/{i}", page(rng, first=first)) for i in range(8)]
    learn(pages).write(tmp_path / "s.tpl")
    with TemplateStore.open(tmp_path / "s.tpl") as st:
        t = templates_by_text(st, "example.com")
        assert t[fold(first)].status == "protected" and t[fold(first)].prot == 8
        assert t["home"].status == "template"
        assert block_key(first) not in st.site_templates("example.com").exact
        assert block_key("Home") in st.site_templates("example.com").exact


def test_shared_title_is_protected_but_a_constant_first_line_is_not(tmp_path):
    rng = random.Random(6)
    title = "Live: election results as they come in"
    pages = [(f"https://example.com/{i}", page(rng, title=title)) for i in range(6)]
    pages += [(f"https://other.com/{i}", "Skip to content\n" + page(rng)) for i in range(6)]
    learn(pages).write(tmp_path / "s.tpl")
    with TemplateStore.open(tmp_path / "s.tpl") as st:
        live = [t for t in st.templates("example.com") if "election" in t.text]
        # the page-title line and the headline are near-duplicates: one candidate, protected
        assert len(live) == 1 and live[0].variants == 2
        assert live[0].status == "protected" and live[0].prot == 6
        assert block_key(title) not in st.site_templates("example.com").exact
        assert templates_by_text(st, "other.com")["skip to content"].status == "template"


def test_page_roles():
    texts = ["Big storm hits the coast - Daily News", "Home", "News", "Big storm hits the coast",
             "By staff", sentence(random.Random(1), 25), "Short line", sentence(random.Random(2), 25),
             "a", "b", "c", "d", "e", sentence(random.Random(3), 12), "Footer"]
    folded = [fold(t) for t in texts]
    assert title_blocks(texts, folded) == {0, 3}
    assert body_blocks(texts, folded) == {5, 7}  # the run; block 13 is 5 blocks away
    # HTML: the <title> is known and is not a block; the headline is the longest match of its parts
    assert title_blocks(texts[1:], folded[1:], page_title="Big storm hits the coast | Daily News") == {2}
    assert title_blocks(["Skip to content", "Home"], ["skip to content", "home"]) == set()


def test_unknown_site_bucket(tmp_path):
    rng = random.Random(7)
    ln = Learner()
    for i in range(4):
        assert ln.add_record({"text": page(rng)}) is None
    assert ln.add_record({"url": "https://example.com/x"}) == "record has no 'text' field"
    s = ln.write(tmp_path / "s.tpl")
    assert s.unknown_site_pages == 4 and s.skipped == 1 and s.pages == 4
    with TemplateStore.open(tmp_path / "s.tpl") as st:
        assert st.site_names() == [UNKNOWN_SITE]
        assert "home" in templates_by_text(st, UNKNOWN_SITE)


def test_spills_and_small_windows_change_nothing(tmp_path):
    rng = random.Random(8)
    pages = [(f"https://s{i % 3}.example{i % 3}.com/{i}", page(rng, extra=[f"Ad {rng.choice(WORDS)}"]))
             for i in range(60)]
    learn(pages).write(tmp_path / "a.tpl")
    ln = learn(pages, window=7, memory_mb=0, workdir=tmp_path)
    assert ln._runs.tmp is not None  # it did spill
    s = ln.write(tmp_path / "b.tpl")
    assert s.spilled_bytes > 0
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("cleaner-learn-")]  # temp folder removed
    with TemplateStore.open(tmp_path / "a.tpl") as a, TemplateStore.open(tmp_path / "b.tpl") as b:
        assert a.site_names() == b.site_names()
        for site in a.site_names():
            for x, y in zip(a.counts(site), b.counts(site)):
                assert np.array_equal(x, y)
            ta = [(t.id, t.pages, t.prot, t.status, t.variants, fold(t.text)) for t in a.templates(site)]
            tb = [(t.id, t.pages, t.prot, t.status, t.variants, fold(t.text)) for t in b.templates(site)]
            assert ta == tb and ta


def test_seen_filter_has_no_false_negatives():
    rng = np.random.default_rng(1)
    f = SeenFilter(capacity=1000)
    keys = rng.integers(0, 2**63, size=50_000, dtype=np.uint64)
    for part in np.array_split(keys, 20):
        f.add(part)
    assert len(f.stages) > 1  # it grew
    assert f.check(keys).all()
    others = rng.integers(0, 2**63, size=50_000, dtype=np.uint64)
    assert f.check(others).mean() < 0.05


def test_learn_inputs_reads_jsonl_and_counts_rejects(tmp_path):
    rng = random.Random(9)
    src = tmp_path / "in.jsonl"
    with open(src, "w", encoding="utf-8") as fh:
        for i in range(5):
            fh.write(json.dumps({"id": i, "url": f"https://example.com/{i}", "text": page(rng)}) + "\n")
        fh.write("{not json\n")
        fh.write(json.dumps({"id": 9, "text": 5}) + "\n")
    s = learn_inputs([str(src)], tmp_path / "s.tpl")
    assert s.pages == 5 and s.skipped == 2 and s.records == 7
    assert set(s.skip_reasons) == {"malformed JSON line", "field 'text' is int, not a string"}


def test_params_validation():
    with pytest.raises(ValueError):
        StoreParams(min_pages=1)
    with pytest.raises(ValueError):
        StoreParams(bands=30, rows=6)
    p = StoreParams(min_pages=3, min_share=0.05)
    assert [p.threshold(n) for n in (1, 60, 61, 100, 1000)] == [3, 3, 4, 5, 50]
    assert p.variant_min(1000) == 3 and p.variant_min(10) == 2
