"""Item grids (``roles.items``): runs of priced items, found from the text and kept by
the layout filter as content regions (shapes adapted from WCXB development pages: a
home-goods shop's category of candles, a jeweller's product page with a "Complete the
set" grid)."""
from __future__ import annotations

import pytest

from cleaner.roles.items import (GRID_GAP, GRID_ITEMS, LABEL_COPIES, REVIEW_GAP, REVIEW_STAMPS, item_grids,
                                 label_share, price_lines, review_runs, stamp_lines)
from cleaner.roles.items import price_line as _price_line
from cleaner.roles.lines import line_shapes


@pytest.fixture(autouse=True)
def _price(cleaner):
    global PRICE
    PRICE = line_shapes(cleaner.rules).price  # the packs' price pattern


def price_line(text, ntok):
    return _price_line(text, ntok, PRICE)


def grid(texts):
    return item_grids(price_lines(texts, [len(t.split()) for t in texts], PRICE))


def test_price_lines():
    assert price_line("$34.00", 1) and price_line("$66.00 – $165.00", 3) and price_line("19,90 €", 2)
    assert price_line("$ 425.00 View product", 4)
    assert not price_line("Price: Low to High", 4)  # a sort option
    assert not price_line("22 products", 2)
    assert not price_line("$24.50 was the price of the candle before the sale ended last week", 13)


def test_a_grid_starts_one_card_before_its_first_price():
    cards = []
    for name, price in (("Espresso Martini Glass Candle", "$24.50"), ("Dirty Martini Glass Candle", "$35.00"),
                        ("Nata Butter Shaped Decorative Candle", "$20.00"), ("Oaxacan Floral Taper Candle", "$68.00")):
        cards += [name, price, "Quickshop"]
    texts = ["Decorative Candles", "22 products", "Sort", "Featured", *cards, "Customer Service"]
    # cards of three lines: the grid opens two lines before the first price (the first
    # card's name and the line before it), and ends at the last price
    assert grid(texts) == [(3, 4 + 3 * 3 + 1)]
    assert grid(texts[4:]) == [(0, 3 * 3 + 1)]


def test_too_few_or_too_scattered_prices_make_no_grid():
    few = ["Candle", "$24.50", "Glass", "$35.00", "Vase", "$20.00"]
    assert GRID_ITEMS > 3 and grid(few) == []
    filler = ["Some line of the page"] * GRID_GAP
    scattered = []
    for price in ("$24.50", "$35.00", "$20.00", "$68.00"):
        scattered += [*filler, "Candle", price]
    assert grid(scattered) == []


def test_a_cards_prices_one_under_the_other_count_once():
    # a bird-feeder shop: was, now and the saving printed under each item's name
    cards = []
    for name, was, now in (("Wall Mount", 29, 25), ("Suet Ball Holder", 19, 14), ("Solar Roof", 79, 59),
                           ("Perch Extender", 29, 25)):
        cards += [name, f"{was} € Original price was: {was}€. {now} € Current price is: {now}€.", f"{now} €",
                  f"{was} € ({round(100 - 100 * now / was)}% OFF)", "Buy Now", "Check it out"]
    # four prices six blocks apart: cards of six lines, the grid opens five blocks before
    # the first price (here the page's first line) and ends at the last card's prices
    assert grid(["Shop", *cards, "Projects"]) == [(0, 1 + 6 * 3 + 3)]


def test_a_price_filter_is_no_grid():
    facet = ["Shop by Price", "$0 - $25", "$25 - $50", "$50 - $100", "$100 - $150", "Over $150", "Size"]
    assert grid(facet) == []


CANDLES = [("Spring Swan Floral Fresh Grass & Hyacinth Figural Glass Candle", "$34.00"),
           ("Romy Fruity Strawberry and Blonde Wood Glass Candle", "$38.00"),
           ("Davie Ocho Cowboy Hat Decorative Candle", "$140.00"),
           ("Oaxacan Floral Taper Candle, Large", "$68.00"),
           ("Espresso Martini Glass Candle", "$24.50"),
           ("Nata Penne Pasta Shaped Wax Candle", "$24.00")]
INTRO = ("Set the mood with our decorative candles, hand-poured in small batches from soy wax and scented "
         "with notes of fig, amber and cedar for every room of the house.")


def test_category_grid_is_kept_as_a_region(cleaner):
    cards = [line for name, price in CANDLES for line in (name, price)]
    text = "\n".join(["Decorative Candles | Home Shop", "New!", "Candles & Home Fragrance", "Gifts & Holidays",
                      "Decorative Candles", INTRO, "22 products", "Filter & Sort", *cards, "Help",
                      "Track Your Order", "Shipping & Delivery"])
    r = cleaner.clean(text, url="https://shop.example/collection-decorative-candles")
    for name, price in CANDLES:
        assert name in r.text
    first = next(i for i, b in enumerate(r.document.blocks) if b.text == CANDLES[0][0])
    assert (first, first + 2 * len(CANDLES) - 1) in r.document.meta["layout"]["regions"]
    gone = next(b for b in r.document.blocks if b.text == "Track Your Order").drop_verdict
    assert (gone.filter, gone.reason.split(" (")[0]) == ("layout", "after the article end")


DESC = ("You will love the shimmering accent stone against the silver look of this engraved buckle, made by "
        "hand in our workshop from a solid sterling plate and finished with a bright cut border.")
DESC2 = ("Like this buckle shape but want to make it your own? Follow the link to the oval buckle with a rope "
         "edge, which takes the same belt straps and the same engraving.")


def test_grid_after_a_product_description_is_other_products(cleaner):
    others = []
    for name, price in (("Engraved Silver Cuff", "$ 425.00 View product"), ("Silver Flower Pendant", "$ 310.00"),
                        ("Sterling Statement Ring", "$ 275.00"), ("Wyatt Cross Pendant", "$ 190.00")):
        others += [name, price, "View Product"]
    text = "\n".join(["Engraved Silver Fashion Belt Buckle - Silver Shop", "Buckles", "Cuffs", "Your cart is empty.",
                      "Engraved Silver Fashion Belt Buckle", "$ 1,150.00", DESC, DESC2, "Quantity", "Add to cart",
                      "Complete the set?", *others, "Customer Reviews"])
    r = cleaner.clean(text, url="https://silver.example/shop/buckles/engraved-silver-fashion-belt-buckle/")
    assert r.document.meta["page_type"].startswith("product")
    assert DESC in r.text and DESC2 in r.text
    cuff = next(b for b in r.document.blocks if b.text == "Engraved Silver Cuff").drop_verdict
    assert (cuff.filter, cuff.reason) == ("layout", "after the article end (product page)")


# a recipe site's category page (shape of a WCXB development page): an intro, then cards of
# a title and its rating, which no price marks
RECIPES = [("Banza Chicken Bowls with Calabrian Chili Sauce", "84 reviews / 5 average"),
           ("Ridiculously Good Air Fryer Salmon", "67 reviews / 5 average"),
           ("Ridiculously Good Chicken Tacos with Green Sauce", "161 reviews / 4.9 average"),
           ("Crispy Rice Salad with Cucumbers and Herbs", "28 reviews / 4.9 average"),
           ("Honey Chipotle Chicken Skewers", "104 reviews / 4.7 average"),
           ("Crispy Air Fryer Tofu", "31 reviews / 4.4 average"),
           ("Yummy Air Fryer Chicken Tenders", "11 reviews / 4.8 average"),
           ("Crispy Gochujang Chicken", "14 reviews / 5 average")]


def test_stamps_recur_with_their_numbers_folded():
    texts = ["Air Fryer Recipes"] + [line for card in RECIPES for line in card]
    ntok = [len(t.split()) for t in texts]
    digit = [any(c.isdigit() for c in t) for t in texts]
    stamps = stamp_lines(texts, ntok, digit, lambda i: False)
    assert stamps == {i for i, t in enumerate(texts) if t.endswith("average")}
    assert stamp_lines(texts, ntok, digit, lambda i: texts[i].endswith("average")) == set()  # dropped by a rule
    few = texts[:2 * (GRID_ITEMS - 1) + 1]
    assert stamp_lines(few, ntok[:len(few)], digit[:len(few)], lambda i: False) == set()
    grids = item_grids(sorted(stamps.union(price_lines(texts, ntok, PRICE))))
    assert grids == [(1, len(texts) - 1)]  # from the first card's title to the last stamp


def test_a_grid_of_rated_cards_is_kept(cleaner):
    intro = ("I love a meal with crispiness and crunch, and these air fryer recipes deliver! The air fryer "
             "makes weeknight dinners fast.")
    text = "\n".join(["Best Air Fryer Recipes - Pinch of Salt", "Home", "Recipes", "Air Fryer Recipes", intro,
                      "Top Rated Air Fryer Recipes", *[line for card in RECIPES for line in card],
                      "Follow Us", "About", "Contact"])
    r = cleaner.clean(text, url="https://recipes.example/recipes/air-fryer-recipes")
    for name, rating in RECIPES:
        assert name in r.text
    first = next(i for i, b in enumerate(r.document.blocks) if b.text == RECIPES[0][0])
    assert (first, first + 2 * len(RECIPES) - 1) in r.document.meta["layout"]["regions"]


ARTICLE = ["The council voted on Tuesday to close the old bridge to cars from next spring, after engineers "
           "found cracks in two of its piers during the winter inspection.",
           "Buses and bicycles will still cross it, the mayor said, while a new bridge is built upstream over the "
           "next three years at a cost the city puts at forty million euros.",
           "Shop owners on both banks fear for their trade, and a petition against the closure has gathered more "
           "than two thousand signatures in a week."]


def test_a_news_articles_stamped_teasers_are_no_grid(cleaner):
    """Teasers with a count each ("12 comments" is a rule's; "3 min read" style stamps
    here: "4 photos") hold fewer tokens than the article: they stay out of it."""
    teasers = [line for k, head in enumerate(["Flood barriers tested on the quay", "New tram line opens in May",
                                              "School roofs to get solar panels", "Harbour festival moves to June",
                                              "Night buses return to the old town"])
               for line in (head, f"{k + 3} photos")]
    text = "\n".join(["Old bridge to close to cars | City News", "News", "Old bridge to close to cars", *ARTICLE,
                      "Around town", *teasers])
    r = cleaner.clean(text, url="https://news.example/city/old-bridge-to-close")
    assert all(p in r.text for p in ARTICLE)
    gone = next(b for b in r.document.blocks if b.text == "Flood barriers tested on the quay").drop_verdict
    assert (gone.filter, gone.reason) == ("layout", "after the article end")


def test_review_stamps_close_together_make_a_run():
    assert review_runs([3, 10, 10 + REVIEW_GAP]) == [(3, 10 + REVIEW_GAP)]
    assert review_runs(list(range(REVIEW_STAMPS - 1))) == []  # too few stamps
    far = [5, 5 + REVIEW_GAP + 1, 5 + 2 * (REVIEW_GAP + 1)]  # each too far from the one before
    assert review_runs(far) == []
    assert review_runs([1, 2, 3, 60, 61, 62]) == [(1, 3), (60, 62)]


SPECS = ("Our lightest daypack carries a full day of supplies on the trail, with a padded laptop sleeve and "
         "a rain cover that stows in its own pocket at the bottom of the pack.")
REVIEWS = [
    ("The straps are a game changer", "I received this pack for free in exchange for my honest review, and it "
     "has been on every hike since then; the hip belt carries the weight well on steep climbs."),
    ("Just fell short for me", "It was not very comfortable for me and sat weird on my body, although the "
     "pockets are well placed and the fabric held up in two days of steady rain on the coast."),
    ("Spacious and well built", "Big enough for a full day of supplies but not too big, and the side pockets "
     "hold a litre bottle each without the pack losing its shape when it is half empty."),
]


def test_customer_reviews_on_a_product_page_are_dropped(cleaner):
    """Shape of an outfitter's product page (WCXB development page): description, the
    rating histogram, then reviews, each stamped "N people found this review helpful"."""
    reviews = []
    for k, (head, body) in enumerate(REVIEWS):
        reviews += ["2 years ago", head, body, f"{12 + k} people found this review helpful", "Show Full Review"]
    text = "\n".join(["Trail 25 Pack | Outfitter", "Camp & Hike", "Trail 25 Pack", "$99.95", "In stock",
                      "Add to cart", SPECS, "Reviews", "159 Reviews", "106 4 stars", "26 3 stars", "15 2 stars",
                      *reviews, "Customer Service", "Shipping Info"])
    r = cleaner.clean(text, url="https://shop.example/product/227955/trail-25-pack")
    assert r.document.meta["page_type"].startswith("product")
    assert SPECS in r.text
    for head, body in REVIEWS:
        gone = next(b for b in r.document.blocks if b.text == body).drop_verdict
        assert (gone.filter, gone.reason) == ("layout", "customer reviews (product page)")
    stamp = next(b for b in r.document.blocks if b.text == "26 3 stars").drop_verdict
    assert stamp.rule == "en-review-chrome"


# a job board's cards (shape of a remote-jobs category page): title, age, company, and the
# labels every card repeats
JOBS = [("Software Engineer", "18d", "Cortes 23"), ("Senior Software Engineer", "14d", "Walter"),
        ("Software engineer", "21d", "Sticker Mule"), ("Senior Ruby on Rails Developer", "29d", "OnTheGoSystems"),
        ("Full Stack Developer", "3d", "Bluefin Labs"), ("Backend Engineer (Go)", "7d", "Nimbus Works"),
        ("Lead Frontend Engineer", "1d", "Paperplane"), ("Staff Engineer, Payments", "9d", "Ledgerly"),
        ("Product Engineer", "11d", "Orbit Health"), ("Senior Python Developer", "2d", "Datafield"),
        ("Platform Engineer", "5d", "Crane Cloud"), ("Web Developer (Django)", "16d", "Fieldnote")]
CARD = ["Remote", "Featured", "Full-Time", "$50,000 - $74,999 USD", "Anywhere in the World"]


def job_cards():
    return [line for title, age, company in JOBS for line in (title, age, company, *CARD)]


def test_card_labels_recur_on_every_card():
    texts = job_cards()
    # of each card's eight lines, six are labels that recur on every card: the age and the
    # salary with their numbers folded ("0d", "$0,0 - $0,0 USD"), "Remote", "Featured", ...
    assert label_share(texts, [len(t.split()) for t in texts]) == pytest.approx(6 / 8)


def test_a_menu_printed_twice_makes_no_card_labels():
    menu = ["Home", "News", "Sport", "Business", "Culture"]
    texts = menu + ["Talks resume in Geneva", "Diplomats met on Sunday to agree on the agenda."] + menu
    assert LABEL_COPIES > 2 and label_share(texts, [len(t.split()) for t in texts]) == 0.0


def test_price_lines_are_the_blocks_price_line_finds(block_texts):
    ntok = [len(t.split()) for t in block_texts]
    expected = [i for i, (t, n) in enumerate(zip(block_texts, ntok)) if price_line(t, n)]
    assert len(expected) > 5 and price_lines(block_texts, ntok, PRICE) == expected


def test_stamp_lines_pick_the_short_lines_with_a_number_as_a_search_per_block_does(block_texts):
    import regex

    from cleaner.blockstats import block_stats
    from cleaner.text import fold_key
    texts = block_texts + ["20 reviews / 5 average", "٣ reviews / ٤ average", "１ reviews / 2 average"] * 2
    st = block_stats(texts)
    ntok = st.ntok.tolist()
    amount = regex.compile(r"\d+(?:[.,:/]\d+)*")  # what a stamp's number is
    assert [bool(amount.search(t)) for t in texts] == st.digit.tolist()
    keys: dict = {}
    for i, (t, n) in enumerate(zip(texts, ntok)):  # the per-block reference
        if 0 < n <= 8 and amount.search(t) and i % 7:
            keys.setdefault(fold_key(amount.sub("0", t)), []).append(i)
    expected = {i for found in keys.values() if len(found) >= GRID_ITEMS for i in found}
    assert expected and stamp_lines(texts, st.ntok, st.digit, lambda i: not i % 7) == expected
    broken = ["4\n5 reviews", "6\n7 reviews", "8 reviews", "8\n9 reviews", "1\n2 reviews"]  # folded one by one
    assert stamp_lines(broken, [3, 3, 2, 3, 3], [True] * 5, lambda i: False) == {0, 1, 3, 4}
