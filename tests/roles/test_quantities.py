"""roles.quantities: lists of amounts (a recipe's ingredients), by shape alone."""
from __future__ import annotations

import regex

from cleaner.roles import quantities

PRICE = regex.compile(r"^(?:[\p{Sc}]\s?\d[\d.,]*|\d[\d.,]*\s?[\p{Sc}])(?:\s|$)")
INGREDIENTS = ["Zutaten", "Für den Mürbeteig:", "125 g Mehl", "65 g Zucker", "1 Ei(er)", "1 TL Backpulver",
               "Für die Füllung:", "500 ml Milch", "½ TL Salz", "1 Glas (à 720 ml) Schattenmorellen", "Salz",
               "3-4 EL Zucker", "Zubereitung"]


def test_a_quantity_line_opens_with_an_amount_and_a_word():
    for line in ("125 g Mehl", "2 cups flour", "½ TL Salz", "1/2 tsp salt", "1,5 kg Kartoffeln", "5 Eier (Gr. M)"):
        assert quantity_line(line), line
    for line in ("19.03.2019 11:45 | von Inga Buller", "12,50 € Versand", "2/199 Simone32", "Salz",
                 "3 Kommentare und 12 Likes, dazu die neuesten Beiträge aus dem Forum der Woche"):
        assert not quantity_line(line), line


def quantity_line(text):
    return quantities.quantity_line(text, PRICE)


def test_an_ingredient_list_with_its_labels_is_one_list():
    kept = [True] * len(INGREDIENTS)
    assert quantities.quantity_lists(INGREDIENTS, kept, PRICE) == [(2, 11)]
    # dropped blocks are not counted; three lines are no list
    kept = [i not in (7, 8, 9, 11) for i in range(len(INGREDIENTS))]
    assert quantities.quantity_lists(INGREDIENTS, kept, PRICE) == [(2, 5)]
    assert quantities.quantity_lists(INGREDIENTS[:5], [True] * 5, PRICE) == []


def test_a_long_line_or_a_long_gap_ends_the_list():
    texts = ["125 g Mehl", "65 g Zucker", "Die Redaktion empfiehlt dazu einen Kaffee aus der Region",
             "1 Ei", "1 TL Backpulver", "500 ml Milch"]
    assert quantities.quantity_lists(texts, [True] * 6, PRICE) == []
    texts[2] = "Salz"
    assert quantities.quantity_lists(texts, [True] * 6, PRICE) == [(0, 5)]
    texts[2:3] = ["Salz", "Pfeffer", "Zimt"]  # three labels in a row
    assert quantities.quantity_lists(texts, [True] * 8, PRICE) == []


def test_every_quantity_line_opens_with_an_amount_lead(block_texts):
    from cleaner.roles.lines import opening
    lines = [i for i, t in enumerate(block_texts) if quantity_line(t)]
    assert len(lines) > 5 and set(lines) <= set(opening(block_texts, quantities.AMOUNT_LEAD))
