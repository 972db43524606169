"""Line shapes (``roles.lines``): code lines and prices, from the common pack's lexicons."""
from cleaner.roles.lines import line_shapes


def test_line_shapes_come_from_the_packs(cleaner):
    shapes = line_shapes(cleaner.rules)
    assert "from \\S+ import" in cleaner.rules.exact_words("code_line_patterns")
    assert shapes.code("from os import path") and not shapes.code("From here we walked")
    assert shapes.code("Import x;")  # a line ending in ';' or a brace
    assert not shapes.code("Import duties rose")  # the patterns keep their case



def test_prices_take_a_currency_sign_before_or_after_the_amount_or_a_code_after_it(cleaner):
    price = line_shapes(cleaner.rules).price
    assert all(price.match(p) for p in ("$1,099.99", "12,50 €", "99 EUR", "€ 5", "¥3000 tax incl."))
    assert not any(price.match(p) for p in ("99 euros of it", "2019 was a year", "EUR 5"))
