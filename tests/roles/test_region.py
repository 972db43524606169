"""roles.region: the pure pieces of the article region (boundaries that recur as credits)."""
from __future__ import annotations

from types import SimpleNamespace

from cleaner.features import BAD, GOOD, NEAR, SHORT
from cleaner.filters.layout import LayoutConfig
from cleaner.roles import region


def test_a_boundary_rule_recurring_between_prose_is_interleaved():
    # a gallery: credit, caption heading, paragraph, three times; then the page's footer
    keys = ["copyright-symbol", None, None, "copyright-symbol", None, None, "copyright-symbol", None, None]
    cls = [None, NEAR, GOOD, None, NEAR, GOOD, None, NEAR, GOOD]
    assert region.interleaved(keys, cls) == {0, 3, 6}


def test_copies_without_prose_between_them_are_no_chain():
    # a footer of two lines of one rule, twice, with only headings between: a footer
    keys = ["copyright-symbol", "copyright-symbol", None, "copyright-symbol", None, "copyright-symbol"]
    cls = [None, None, SHORT, None, NEAR, None]
    assert region.interleaved(keys, cls) == set()
    # two copies with prose between them are not enough
    assert region.interleaved(["x", None, "x"], [None, GOOD, None]) == set()


def test_chains_of_each_rule_are_counted_apart():
    keys = ["a", None, "b", None, "a", None, "b", None, "a"]
    cls = [None, GOOD, None, GOOD, None, GOOD, None, GOOD, None]
    assert region.interleaved(keys, cls) == {0, 4, 8}
    assert region.interleaved(keys, cls, min_run=2) == {0, 2, 4, 6, 8}


def test_a_prose_run_goes_over_drops_but_stops_at_a_headline():
    cls = [GOOD, None, GOOD, NEAR, GOOD]
    hard = [False] * 5
    w = [30.0, 0.0, 20.0, -6.0, 40.0]
    assert region.prose_run(cls, hard, w, 0) == (2, 50.0)
    hard[1] = True  # a boundary ends it
    assert region.prose_run(cls, hard, w, 0) == (0, 30.0)


class _Block:
    def __init__(self, category=None):
        self.drop_verdict = SimpleNamespace(category=category) if category else None


def test_teaser_cards_with_link_headlines_after_an_article_are_a_teaser_series():
    # markdown teaser cards: a linked headline and a linked author (BAD: link lines), a
    # dateline a rule dropped, a summary; three in a row
    card_cls = [BAD, BAD, None, GOOD]
    card_sent = [False, False, False, True]
    cards_cls, cards_sent, cards = [], [], []
    for _ in range(3):
        cards_cls += card_cls
        cards_sent += card_sent
        cards += [_Block(), _Block(), _Block("metadata"), _Block()]
    # under an article (five paragraphs): a rail
    article = [GOOD] * 5
    assert region.teaser_series([_Block()] * 5 + cards, article + cards_cls, [True] * 5 + cards_sent, 3) == {8, 12, 16}
    # from the top of the page: a listing's own cards
    assert region.teaser_series(cards, cards_cls, cards_sent, 3) == set()


def test_a_headline_list_is_long_and_made_of_headlines():
    playlist = [SHORT, SHORT] + [BAD] * 10 + [NEAR] * 2
    sent = [False] * len(playlist)
    assert region.headline_list(playlist, sent, 0, len(playlist), 12)
    assert not region.headline_list(playlist, sent, 0, 10, 12)  # too short to be more than a box
    ingredients = [SHORT] * 14
    assert not region.headline_list(ingredients, sent, 0, 14, 12)
    assert not region.headline_list(playlist[:7] + [GOOD] + playlist[7:], sent + [True], 0, 15, 12)


def test_a_teaser_series_holding_most_of_the_prose_makes_a_teaser_page():
    # a blog's front page: the summaries (blocks 2, 5, 8) are 90 of its 100 prose tokens
    cls = [NEAR, NEAR, GOOD, NEAR, NEAR, GOOD, NEAR, NEAR, GOOD, GOOD]
    ntok = [6, 3, 30, 6, 3, 30, 6, 3, 30, 10]
    assert region.teaser_page({2, 5, 8}, cls, ntok)
    # an article of 300 tokens with the same three teasers under it
    ntok[9] = 300
    assert not region.teaser_page({2, 5, 8}, cls, ntok)
    assert not region.teaser_page(set(), cls, ntok)


def test_a_name_line_is_two_to_four_capitalised_words():
    assert region.name_line("Markus Reuter") and region.name_line("Anna-Lena Graf")
    assert not region.name_line("Urheberrecht")  # one word: a tag
    assert not region.name_line("Markus Reuter.") and not region.name_line("Mehr zum Thema")
    assert not region.name_line("Formel 1 Team")  # digits
    assert not region.name_line("CROSS JOIN")  # a keyword of a reference page, all in capitals


def test_a_keyword_heading_over_its_explanation_is_no_author_box():
    # a SQL reference page: the synopsis before the region names "CROSS JOIN" among other
    # words, and the section "CROSS JOIN" opens its paragraph with the keyword; before, the
    # section was taken for the writer's bio and the region ended above it
    texts = ["from_item [ NATURAL ] join_type from_item | from_item CROSS JOIN from_item", "p1", "p2",
             "CROSS JOIN", "CROSS JOIN is equivalent to INNER JOIN ON (TRUE), that is, no rows are removed.", "p3"]
    cls = [SHORT] + [GOOD, GOOD, NEAR, GOOD, GOOD]
    assert region.author_box(texts, cls, 1, 5, bylines={0}) is None


BIO = "Markus Reuter beschäftigt sich mit den Themen Digital Rights, Hate Speech und Zensur."
ARTICLE = [GOOD, GOOD, GOOD]


def test_an_author_box_closes_the_region():
    # article prose, "Über den Autor", the name, the bio opening with the name: the box starts at the label
    texts = ["p1", "p2", "p3", "Über den Autor", "Markus Reuter", BIO]
    cls = ARTICLE + [SHORT, NEAR, GOOD]
    assert region.author_box(texts, cls, 0, 5) == 3
    cls[3] = None  # the label already dropped: the box starts at the name
    assert region.author_box(texts, cls, 0, 5) == 4


def test_a_profile_followed_by_prose_is_no_author_box_unless_a_byline_names_it():
    texts = ["p1", "p2", "p3", "Markus Reuter", BIO, "p4"]
    cls = ARTICLE + [NEAR, GOOD, GOOD]
    assert region.author_box(texts, cls, 0, 5) is None  # a section about someone: more prose follows
    texts[0] = "23.06.2016 um 16:14 Uhr - Markus Reuter"  # a byline before the region names the writer
    assert region.author_box(texts, cls, 1, 5, bylines={0}) == 3


def test_a_contents_entry_repeating_a_section_heading_is_no_byline():
    # a docs page: its table of contents before the region lists "Automation Testing Frameworks",
    # the section heading inside the region whose first paragraph opens with those words
    texts = ["Automation Testing Frameworks", "p1", "p2", "Automation Testing Frameworks",
             "Automation Testing Frameworks are a set of rules and tools used to build test cases.", "p3"]
    cls = [SHORT] + [GOOD, GOOD, NEAR, GOOD, GOOD]
    assert region.author_box(texts, cls, 1, 5, bylines={0}) is None


def test_a_paragraph_that_does_not_open_with_the_name_is_no_bio():
    texts = ["p1", "p2", "p3", "Markus Reuter", "Er schreibt über Digital Rights, Hate Speech und Zensur.", "x"]
    assert region.author_box(texts, ARTICLE + [NEAR, GOOD, SHORT], 0, 5) is None


def test_a_far_head_is_the_densest_run_under_the_headline():
    # the head of an article whose body lies past a newsletter box (a footer drop: a hard
    # boundary): its paragraphs with the "Read later" button, a caption and a byline between them
    cls = [GOOD, SHORT, GOOD, SHORT, SHORT, GOOD, GOOD, None, SHORT, GOOD]
    hard = [False] * 7 + [True, False, False]
    sentence = [c == GOOD for c in cls]
    cfg = LayoutConfig()
    w = region.weights(cls, [20, 2, 30, 3, 2, 40, 40, 0, 2, 50], cfg, sentence, {0: cfg.anchor_bonus})
    assert region.head_region(cls, sentence, w, 0, 9, hard) == [0, 2, 5, 6]
    assert region.head_run(cls, sentence, 0, 9, hard) == [0]  # the first paragraphs only stop at the button
    sentence[0] = False  # a line of teaser links is no lede
    assert region.head_region(cls, sentence, w, 0, 9, hard) == []


def test_densest_ending_is_the_heaviest_run_ending_on_a_block():
    # weights of blocks 0..4; the run must end on block 4 and never cross the hard block 1
    cls = [GOOD, None, GOOD, SHORT, GOOD]
    w = [50.0, 0.0, 30.0, -4.0, 20.0]
    assert region.densest_ending(cls, [False, True, False, False, False], w, 4) == (2, 46.0)
    assert region.densest_ending(cls, [False] * 5, w, 4) == (0, 96.0)
    # a run that would start on a dropped block starts on the next kept one
    assert region.densest_ending([None, GOOD], [False, False], [0.0, 10.0], 1) == (1, 10.0)


def test_densest_from_and_mostly_prose_tell_sections_from_a_teaser_list():
    # a section with a label line ("Pros:") between paragraphs, then a teaser list
    cls = [GOOD, SHORT, GOOD, GOOD, NEAR, GOOD, NEAR, GOOD]
    w = [40.0, -1.0, 30.0, 30.0, -8.0, 6.0, -8.0, 6.0]
    hard = [False] * len(cls)
    assert region.densest_from(cls, hard, w, 0) == (3, 99.0)
    assert region.mostly_prose(cls, 0, 3)  # three paragraphs and a label
    assert not region.mostly_prose(cls, 4, 7)  # a headline over each summary
    assert region.densest_from(cls, [False, True] + [False] * 6, w, 0) == (0, 40.0)  # no hard boundary crossed


def test_weights_are_each_blocks_weight_plus_its_bonus():
    cls = [None, GOOD, NEAR, NEAR, BAD, SHORT, SHORT, SHORT, SHORT, SHORT, GOOD]
    ntok = [0, 40, 12, 3, 7, 1, 2, 3, 5, 9, 1]
    sentence = [False, True, True, False, False, False, True, False, False, True, False]
    for cfg in (LayoutConfig(), LayoutConfig(strictness=1.7, near_weight=0.3, long_short_weight=-0.25)):
        expected = [region.weight(c, n, cfg, s) for c, n, s in zip(cls, ntok, sentence)]
        assert region.weights(cls, ntok, cfg, sentence) == expected
        expected[3] += 2.5
        assert region.weights(cls, ntok, cfg, sentence, {3: 2.5, 99: 1.0}) == expected


def test_doubled_and_name_lines_are_what_the_whole_split_says(block_texts):
    texts = block_texts + ["Best TV deals of 2019 Best TV deals of 2019", " a b c a b c", "a b c a b d",
                           "Markus Reuter", "Anna-Lena Graf", "CROSS JOIN", "Dr. Anna Maria Graf", "Anna Graf."]

    def doubled(text):  # the definition, on every block
        toks = text.split()
        n = len(toks)
        return n >= 6 and n % 2 == 0 and toks[:n // 2] == toks[n // 2:]

    def name_line(text):
        toks = text.split()
        return (2 <= len(toks) <= 4 and text.rstrip()[-1:] not in ".:!?;," and not text.isupper()
                and all(t[0].isupper() and not any(ch.isdigit() for ch in t) for t in toks))
    assert [region.doubled(t) for t in texts] == [doubled(t) for t in texts] and any(map(doubled, texts))
    assert [region.name_line(t) for t in texts] == [name_line(t) for t in texts] and any(map(name_line, texts))
