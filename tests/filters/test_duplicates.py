"""Within-page near-duplicates: teaser groups go whole, repeated prose keeps one copy,
short lines repeated inside the article (refrains, list items) stay."""
from pathlib import Path

import pytest

from cleaner.pipeline import Cleaner, CleanerSpec

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

P1 = ("The minister said the talks would continue next week in Geneva, with all parties present at the "
      "table, and that a ceasefire remained the first priority for everyone involved in them.")
P2 = ("Diplomats said a draft agreement had been circulated among the delegations on Sunday, although "
      "several points were still contested and would need further discussion before any signing.")
P3 = ("Observers expect the next round to focus on humanitarian corridors and on the exchange of "
      "prisoners, which both sides have said they are willing to discuss in good faith this time.")
P4 = ("The talks are the first since the spring, when a previous attempt collapsed after only two days "
      "because the delegations could not agree on the order in which the issues would be discussed.")


def seed(prefix):
    p = next(p for p in SAMPLES.glob(prefix + "_*.txt") if ".expected" not in p.name)
    return p, p.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def only_dups():
    """quality, protect and duplicates: the duplicates policy on its own."""
    return Cleaner(spec=CleanerSpec(filters=(("quality", ()), ("protect", ()), ("duplicates", ()))))


@pytest.fixture(scope="module")
def no_related():
    """The default pipeline without the related-list rules: duplicates must clean seed 001 alone."""
    from cleaner.pipeline import PRESETS
    return Cleaner(spec=CleanerSpec(filters=tuple((f, ()) for f in PRESETS["default"] if f != "related")))


def dup_verdicts(res):
    return {b.index: v for b in res.document.blocks for v in b.verdicts if v.filter == "duplicates"}


def test_seed_001_teaser_group_goes_whole_and_the_article_stays(only_dups, no_related, cleaner):
    path, text = seed("001")
    expected = path.with_name(path.stem + ".expected.txt").read_text(encoding="utf-8").strip()
    r = only_dups.clean(text)
    v = dup_verdicts(r)
    blocks = r.document.blocks
    teasers = [b.index for b in blocks if b.index >= 11]
    assert sorted(v) == teasers  # every teaser title and summary, first copies included
    assert all(x.category == "duplicate" and x.rule == "teaser-group" for x in v.values())
    assert v[12].reason.endswith("copy of block 11") and v[16].reason.endswith("copy of block 13")
    assert all(not blocks[i].dropped for i in range(11))  # title, article, prompt, header
    # without the 'related' rules, duplicates + layout give the gold text exactly
    assert no_related.clean(text).text.strip() == expected
    # and the default pipeline (rules first) still does
    assert cleaner.clean(text).text.strip() == expected


def test_refrain_and_list_items_inside_the_article_stay(only_dups):
    doc = "\n".join(["Songs of the river", P1, "Row, row, row your boat", P2, "Row, row, row your boat",
                     "Ingredients", "1 cup of flour", P3, "1 cup of flour", P4, "Share", "Share"])
    r = only_dups.clean(doc)
    v = dup_verdicts(r)
    assert r.text.count("Row, row, row your boat") == 2
    assert r.text.count("1 cup of flour") == 2
    # after the article, a repeated short line goes (its first copy stays)
    assert list(v) == [11] and v[11].reason == "repeat of block 10" and v[11].rule == "duplicate-exact"


def test_repeats_inside_the_article_stay_and_after_it_go(only_dups):
    question = ("What do you like to cook for yourself at home, and is there a dish or a product you "
                "would never eat, whatever the occasion?")
    doc = "\n".join(["Ten cooks", P1, question, P2, question, P3, question.replace("yourself", "you"), P4,
                     "More stories", P3, P2.replace("Sunday", "Monday")])
    r = only_dups.clean(doc)
    v = dup_verdicts(r)
    assert r.text.count(question) == 2 and question.replace("yourself", "you") in r.text  # the interview's
    assert set(v) == {9, 10}
    assert v[9].reason == "repeat of block 5" and v[9].rule == "duplicate-exact"
    assert v[10].reason == "near-duplicate of block 3" and v[10].rule == "duplicate-near"


def test_a_doubled_article_keeps_its_first_copy(only_dups):
    doc = "\n".join(["Talks resume", P1, P2, P3, "Talks resume", P1, P2, P3])
    r = only_dups.clean(doc)
    assert set(dup_verdicts(r)) == {5, 6, 7}  # no article core: only prose repeats go
    assert r.text.count(P1) == 1 and r.text.count("Talks resume") == 2


def test_nothing_before_the_article_is_dropped(only_dups):
    # a dek/lede printed before the title too: the title area is the layout filter's
    doc = "\n".join(["Talks resume | Daily", P1, "Home", "Talks resume", P1, P2, P3, P4, "Share", P1])
    v = dup_verdicts(only_dups.clean(doc))
    assert list(v) == [9] and v[9].reason == "repeat of block 1 (block 4 kept)"


def test_labels_and_prices_of_an_item_grid_are_not_copies(only_dups):
    # every card of a shop's grid repeats its label and, with numbers folded, its price
    cards = []
    for name, price in (("Romy Glass Candle", "$38.00"), ("Cowboy Hat Candle", "$140.00"),
                        ("Floral Taper Candle", "$68.00"), ("Pasta Shaped Candle", "$24.00")):
        cards += [name, price, "Quickshop"]
    doc = "\n".join(["Candles", P1, P2, *cards, "More stories", P3, "Quickshop"])
    v = dup_verdicts(only_dups.clean(doc))
    assert list(v) == [17] and v[17].reason == "repeat of block 5"  # after the grid, a copy again


def test_short_repeats_before_the_article_are_left_to_layout(only_dups):
    doc = "\n".join(["Talks resume", "Home", "Talks resume", P1, P2, P3])
    assert dup_verdicts(only_dups.clean(doc)) == {}


def test_teaser_groups_off_keeps_first_copies():
    c = Cleaner(spec=CleanerSpec(filters=(("duplicates", (("teaser_groups", False),)),)))
    t1 = "Ceasefire holds in the north for a third day"
    s1 = ("The ceasefire agreed on Friday held for a third day on Monday, officials said, as aid convoys "
          "reached several towns that had been cut off for weeks by the fighting in the region.")
    doc = "\n".join(["Talks resume", P1, P2, P3, "Related", t1, t1, s1, t1, t1, s1])
    r = c.clean(doc)
    v = dup_verdicts(r)
    assert set(v) == {6, 8, 9, 10}
    assert r.text.count(t1) == 1 and r.text.count(s1) == 1
    v2 = dup_verdicts(Cleaner(spec=CleanerSpec(filters=(("duplicates", ()),))).clean(doc))
    assert set(v2) == {5, 6, 7, 8, 9, 10} and v2[5].rule == "teaser-group"


def test_cjk_near_duplicates_by_characters(only_dups):
    a = "据新华社报道，联合调查组今天通报了湘雅医院研究生坠江离世事件的调查结果，相关责任人已被依法处理。"
    b = "据新华社报道，联合调查组今天通报了湘雅医院研究生坠江离世事件的调查结果，相关责任人已依法处理。"
    body = ["今天的天气很好，我们一起去公园散步，看到了很多美丽的花朵和绿树，心情非常愉快，一直玩到傍晚才回家。",
            "下午我们去了博物馆，参观了古代的文物和书画作品，讲解员为我们详细介绍了每一件展品的历史背景和故事。"]
    doc = "\n".join(["标题", body[0], a, body[1], "相关新闻", b])
    v = dup_verdicts(only_dups.clean(doc))
    assert list(v) == [5] and v[5].reason == "near-duplicate of block 2"


def test_protected_blocks_are_never_dropped(write_rules):
    root = write_rules("sites/example.com.yaml", """
        pack: example-com
        kind: site
        sites: [example.com]
        rules:
          - id: example-share-line
            category: protect
            description: On this site a line 'Share' after the text is part of the article.
            kind: protect
            pattern: 'Share'
            examples:
              protect: ["Share"]
              keep: ["Other text"]
        """).parent.parent
    c = Cleaner(spec=CleanerSpec(filters=(("protect", ()), ("duplicates", ())), rules_dirs=(str(root),)))
    doc = "\n".join(["Talks resume", P1, P2, P3, "Share", "Share"])
    r = c.clean(doc, url="https://example.com/a")
    assert r.text.count("Share") == 2
    assert dup_verdicts(r) == {}
    assert set(dup_verdicts(c.clean(doc, url="https://other.org/a"))) == {5}


def test_bad_options_fail():
    with pytest.raises(ValueError):
        Cleaner(spec=CleanerSpec(filters=(("duplicates", (("similarity", 0),)),)))
    with pytest.raises(ValueError):
        Cleaner(spec=CleanerSpec(filters=(("duplicates", (("bands", 50), ("rows", 6))),)))


def _reference_clusters(page, similarity=0.75, fuzzy_tokens=5):
    """The clusters by their definition: blocks not dropped with one key are copies; the
    first blocks of two keys are copies when both are long enough (``fuzzy_tokens``
    tokens or four times as many characters) and their shingle sets (``Shingling``:
    word bigrams, character 4-grams below 6 tokens, character trigrams without
    spaces) have a Jaccard similarity of at least ``similarity``; copies of copies
    are copies."""
    from cleaner.corpus.shingles import Shingling, jaccard

    keys = page.keys.tolist()
    by_key: dict[int, list[int]] = {}
    for b in page.blocks:
        if keys[b.index] and not b.dropped:
            by_key.setdefault(keys[b.index], []).append(b.index)
    firsts = [v[0] for v in by_key.values()
              if page.ntok[v[0]] >= fuzzy_tokens or len(page.texts[v[0]]) >= 4 * fuzzy_tokens]
    shingles = {i: Shingling().shingles(page.texts[i]) for i in firsts}
    group = {k: k for k in by_key}

    def root(k):
        while group[k] != k:
            k = group[k]
        return k

    for x, a in enumerate(firsts):
        for c in firsts[x + 1:]:
            if jaccard(shingles[a], shingles[c]) >= similarity:
                group[root(keys[c])] = root(keys[a])
    out: dict[int, list[int]] = {}
    for k, members in by_key.items():
        out.setdefault(root(k), []).extend(members)
    return sorted((sorted(m) for m in out.values() if len(m) >= 2), key=lambda m: m[0])


def test_clusters_are_the_copies_by_their_definition(only_dups):
    """Exact repeats, near copies (one word or one character changed), CJK lines, lines
    too short to compare and blocks already dropped, on random pages."""
    import random

    from cleaner.document import Verdict
    from cleaner.filters.duplicates import DuplicatesFilter
    from cleaner.page import Page

    rnd = random.Random(11)
    words = ("talks geneva minister week parties table ceasefire priority draft agreement delegations "
             "sunday points discussion signing observers round corridors prisoners faith").split()
    cjk = ["联合调查组今天通报了湘雅医院研究生坠江离世事件的调查结果",
           "今天的天气很好我们一起去公园散步看到了很多美丽的花朵"]
    dup = DuplicatesFilter(context=only_dups.context)
    for _ in range(12):
        lines = []
        for _ in range(40):
            r = rnd.random()
            if lines and r < 0.25:
                lines.append(rnd.choice(lines))  # a repeat
            elif lines and r < 0.5:  # a near copy: a word or a character changed
                src = rnd.choice(lines).split(" ")
                src[rnd.randrange(len(src))] = rnd.choice(words) if rnd.random() < 0.5 else "x"
                lines.append(" ".join(src))
            elif r < 0.6:
                lines.append(rnd.choice(cjk)[rnd.randrange(3):] + rnd.choice("的了在"))
            else:
                lines.append(" ".join(rnd.choice(words) for _ in range(rnd.choice((1, 3, 4, 5, 8, 14)))))
        page = Page(only_dups.parse("\n\n".join(lines)), only_dups.context)
        assert page.n == len(lines)
        for b in rnd.sample(page.blocks, 6):
            b.add(Verdict("nav", "nav", "a menu"))
        want = _reference_clusters(page)
        assert dup.clusters(page) == want
        assert any(len(m) > 2 for m in want)
