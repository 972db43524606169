"""The title finder (``roles.title``): which block has a headline's shape; page-title
separators: the first-character check before the pattern (a fast path) splits and finds
exactly what the pattern alone does; the title runs are made only when a block may repeat
them."""
from __future__ import annotations

import pytest

from cleaner.features import GOOD
from cleaner.filters.layout import LayoutConfig
from cleaner.page import Page
from cleaner.roles import title
P = ("It solved my daughter's problems with the screen, although I did have to order the tools with it "
     "and the battery took two weeks to arrive at our house in the countryside.")
Q = ("The kit has every bit the repair guides ask for, and the case keeps them in order; after a year of "
     "use none of the drivers has lost its grip and the spudger is still straight.")


def page_of(cleaner, lines):
    return Page(cleaner.parse("\n".join(lines)), cleaner.context)


def test_initials_are_no_headline(cleaner):
    # a reviewer's initials (an avatar's letters) just before the review text: two tokens,
    # but too few letters to name an article
    page = page_of(cleaner, ["Customer Reviews", "K O", P, Q])
    assert not title.headline(page, 1, strict=True)
    assert page.roles.article(LayoutConfig()).title == 0  # the nearest headline before the text


def test_short_headlines_keep_their_shape(cleaner):
    page = page_of(cleaner, ["Talks resume", "東京五輪が開幕", "F1 2018", "A b", P])
    assert title.headline(page, 0, strict=True)
    assert title.headline(page, 1, strict=True)  # CJK: counted in characters, not letters
    assert title.headline(page, 2, strict=True)  # digits count with the letters
    assert not title.headline(page, 3, strict=True)


def test_a_teaser_headline_after_the_text_is_no_title(cleaner):
    # a short news item (headline, byline, date, two paragraphs) followed by a list of
    # teasers, each a headline, a byline and a date: the title is the item's own headline,
    # not the first teaser's, though a byline follows both
    lines = ["BREAKING NEWS", "Son of former president stabbed to death in Berlin", "By POST STAFF",
             "NOVEMBER 20, 2019 10:43", P, Q, "Both parties are to blame for the lack of a government",
             "By POST STAFF", "11/20/2019 01:14 PM", "Strikes on Syria were the wrong move, Moscow says", "By REUTERS",
             "11/20/2019 10:08 AM"]
    layout = cleaner.clean("\n".join(lines)).document.meta["layout"]
    assert (layout["title"], layout["start"], layout["end"]) == (1, 4, 5)

LINES = [
    "Talks resume | Example News", "Talks resume – Example News", "Talks resume - Example News",
    "well-known talks", "A ratio of 3:2", "Topic: Headline - Sub | Site", "標題｜新聞網", "snake_case_name",
    "No separator at all here", "", "   ", "Trailing |", "| leading", "a :: b", "x » y • z ~ w / v · u",
    "The quick brown fox jumps over the lazy dog",
]


@pytest.mark.parametrize("line", LINES)
def test_the_separators_split_and_find_as_their_pattern_does(cleaner, line):
    sep = title.separators(cleaner.rules)
    assert sep.split(line) == sep.regex.split(line)
    assert [m.span() for m in sep.finditer(line)] == [m.span() for m in sep.regex.finditer(line)]


def test_an_empty_separator_word_turns_the_check_off():
    sep = title.separator_pattern(frozenset({"-", ""}), frozenset())
    assert sep.split("a b") == sep.regex.split("a b")


def test_a_one_line_page_has_no_anchor_and_no_title_from_the_page_title(cleaner):
    # a one-line record: its line is its own page title, and no other block can repeat it
    line = "Talks to resume in Geneva | Example News"
    page = Page(cleaner.parse(line), cleaner.context)
    sep = title.separators(cleaner.rules)
    assert title.anchor(page, [GOOD], sep, GOOD) is None
    assert title.find_title(page, [GOOD], 0, sep, window=25, lookback=5, good=GOOD, end=1) is None
    art = page.roles.article(LayoutConfig())
    assert art is None or art.title is None


def test_a_headline_opening_a_page_title_part_repeats_it():
    # the page title adds words after the headline ("… von <user> | Site", "… Rezept | Site"): the
    # headline's leading words cover most of the part; a short opening ("Mandarinen") does not
    sep = title.builtin_separators()
    runs = title.title_runs("Mandarinen-Schmand-Kuchen von jesusfreak | Chefkoch", sep)
    assert "mandarinen schmand kuchen" in runs and "mandarinen schmand kuchen von jesusfreak" in runs
    runs = title.title_runs("Lemon sheet cake with a crunchy sugar glaze | Example Kitchen", sep)
    assert "lemon sheet cake with a crunchy" in runs and "lemon sheet cake" not in runs


def test_the_headline_without_the_words_the_page_title_adds_is_the_title(cleaner):
    page = page_of(cleaner, ["Lemon sheet cake recipe | Example Kitchen", "Recipes", "Baking",
                             "Lemon sheet cake", P, Q])
    assert title.repeats_title(page, page.cls, page.roles.separators) == 3


def test_blocks_skipped_by_token_count_are_those_that_could_not_repeat_the_title(cleaner, monkeypatch):
    # the title headlines are the same when every block is folded (no token-count gate)
    lines = ["Café owners – “Grüße” from 2 towns | Example News", "Home", "News", "Café owners “Grüße” from 2 towns",
             "CAFÉ OWNERS – GRÜSSE FROM 2 TOWNS", "Café owners – “Grüße” from 2 towns…", "Café owners", P,
             "Café owners – “Grüße” from 12 towns", "café owners grüße from 2 towns", Q, "Example News",
             "ﬁrst: café owners grüße from 2 towns", "Café owners – “Grüße” from 2 towns"]
    page = page_of(cleaner, lines)
    sep = page.roles.separators
    gated = list(title.title_headlines(page, page.cls, sep))
    monkeypatch.setattr(title, "key_keeps_tokens", lambda text: False)
    page = page_of(cleaner, lines)  # a new page: the first found its title blocks once
    assert gated == list(title.title_headlines(page, page.cls, sep))
    assert len(gated) >= 3


def test_run_blocks_are_the_blocks_whose_fold_key_is_a_run(cleaner, block_texts):
    # the per-page pass (token counts first) finds what folding every block finds
    lines = [t for t in block_texts if t] + ["ﬁrst: café owners grüße from 2 towns", "Ｆｕｌｌ ｗｉｄｔｈ ２ ｔｏｗｎｓ"]
    page = page_of(cleaner, lines)
    assert page.n >= 100
    keys = [page.fold_key(i) for i in range(page.n)]
    sep = page.roles.separators
    for runs in (frozenset(keys[::7]), frozenset(keys[-2:]), title.folded_runs(lines[3], sep), frozenset()):
        assert title.run_blocks(page, runs) == [i for i, k in enumerate(keys) if k in runs]
    assert len(title.run_blocks(page, frozenset(keys[::7]))) >= page.n // 7
    assert title.run_blocks(page, frozenset(keys[-2:]))[-2:] == [page.n - 2, page.n - 1]


# a blog post as resiliparse's text gives it (no <title> line: the first line is a skip link);
# the dateline's two dates are glued, so no rule takes it for one
BLOG = ["Zum Inhalt springen", "Sprechblase", "Vogel fliegt. Fisch schwimmt. Ich blogge.", "Startseite",
        "Born Entrepreneurs", "About me", "Kontakt", "Elektro-Zapfsäulen.", "17/11/201917/11/2019 ~ Cem Basman",
        "Ich würde ja in smarte und wirtschaftliche Elektro-Zapfsäulen investieren. Wundere mich, dass es sie "
        "noch nicht konkurrenzfähig mit Drumrum und Service gibt.",
        "Ich bedanke mich für die Tipp-Provision von 2%…", "Teilen Sie dies mit:", "Twitter", "Facebook",
        "Gefällt mir:", "Liken Lade …", "Veröffentlicht von Cem Basman", "Beitrags-Navigation",
        "‹ PreviousKristallnacht.", "Next ›My arrival in Hamburg.", "Kommentar verfassen Antwort abbrechen",
        "Abbrechen", "Verbinde mit %s", "Micro-Series: Born Entrepreneurs",
        "Unternehmerische Einsichten und Erkenntnisse von Unternehmern, Investoren, Künstlern wie Karl Lagerfeld "
        "oder Christo, Wissenschaftlern wie Peter Higgs und anderen kreativen Köpfen.",
        "Mittlerweile sind es ein gutes Dutzend Artikel in dieser Serie. Gute Unterhaltung und manche gute "
        "Erkenntnis hoffentlich.", "Mein Instagram", "Impressum"]


def test_without_a_page_title_the_headline_the_url_slug_spells_is_the_anchor(cleaner):
    url = "https://sprechblase.wordpress.com/2019/11/17/elektro-zapfsaeulen/"
    page = Page(cleaner.parse("\n".join(BLOG), url=url), cleaner.context)
    sep = title.separators(cleaner.rules)
    assert title.anchor(page, page.cls, sep, GOOD) == 7  # "Elektro-Zapfsäulen." (ä spelled ae: de pack)
    layout = cleaner.clean("\n".join(BLOG), url=url).document.meta["layout"]
    assert (layout["title"], layout["start"], layout["end"]) == (7, 9, 10)
    # without the URL there is no anchor, and the series' blurb in the sidebar is the article
    page = Page(cleaner.parse("\n".join(BLOG)), cleaner.context)
    assert title.anchor(page, page.cls, sep, GOOD) is None
    layout = cleaner.clean("\n".join(BLOG)).document.meta["layout"]
    assert (layout["start"], layout["end"]) == (24, 25)


def test_a_breadcrumb_trail_holding_the_slug_headline_is_not_it(cleaner):
    lines = ["Skip to content", "Home Holidays Homemade Spiced Honey Pear Jam for the Holidays", P,
             "Holidays Recipes", "Homemade Spiced Honey Pear Jam for the Holidays", "by Regan December 6, 2017", Q]
    page = Page(cleaner.parse("\n".join(lines), url="https://example.com/2017/12/spiced-honey-pear-jam-recipe/"),
                cleaner.context)
    assert title.slug_headlines(page, page.cls) == [4]
    assert title.repeats_title(page, page.cls, page.roles.separators) == 4


def test_the_slug_is_no_witness_when_a_block_repeats_the_page_title(cleaner):
    # the scraper's first line is the <title>: the headline repeating it wins over one the slug spells
    lines = ["Lemon sheet cake | Example Kitchen", "Recipes", "Orange cake with a glaze", P, "Lemon sheet cake", Q]
    page = Page(cleaner.parse("\n".join(lines), url="https://example.com/recipes/orange-cake-glaze"),
                cleaner.context)
    assert title.repeats_title(page, page.cls, page.roles.separators) == 4


def test_a_spaced_separator_is_looked_for_only_after_a_space(cleaner):
    sep = title.separators(cleaner.rules)
    # '-' and ':' split only between spaces: a hyphenated word or a ratio is not searched
    assert not sep._may_split("well-known talks") and not sep._may_split("A ratio of 3:2")
    assert sep._may_split("Talks resume - Example News") and sep._may_split("snake_case_name")


def test_the_runs_of_a_page_title_are_kept_for_the_next_page_with_it(cleaner):
    sep = title.separators(cleaner.rules)
    runs = title.folded_runs("Topic: Headline here - Sub | Site", sep)
    assert runs == title.title_runs("Topic: Headline here - Sub | Site", sep)
    assert title.folded_runs("Topic: Headline here - Sub | Site", sep) is runs
