"""Line shapes (``roles.lines``): code lines and prices, from the common pack's lexicons."""
import regex

from cleaner.roles.lines import PRICE_LEAD, line_shapes, opening


def test_line_shapes_come_from_the_packs(cleaner):
    shapes = line_shapes(cleaner.rules)
    assert "from \\S+ import" in cleaner.rules.exact_words("code_line_patterns")
    assert shapes.code("from os import path") and not shapes.code("From here we walked")
    assert shapes.code("Import x;")  # a line ending in ';' or a brace
    assert not shapes.code("Import duties rose")  # the patterns keep their case


def test_a_semicolon_ends_a_code_line_only_after_a_statement_or_a_sign_of_code(cleaner):
    shapes = line_shapes(cleaner.rules)
    for line in ["using namespace std;", "i++;", "int count = 0;", "margin: 0 auto;", "console.log(x);"]:
        assert shapes.code(line), line
    # the items of a prose list (a comment policy's "a comment that ...;") are no code
    for line in ["does not correspond with the subject of the post;",
                 "contains links to viruses and malicious software;",
                 "enthält Beleidigungen oder Drohungen gegenüber anderen Nutzern;"]:
        assert not shapes.code(line), line



def test_prices_take_a_currency_sign_before_or_after_the_amount_or_a_code_after_it(cleaner):
    price = line_shapes(cleaner.rules).price
    assert all(price.match(p) for p in ("$1,099.99", "12,50 €", "99 EUR", "€ 5", "¥3000 tax incl."))
    assert not any(price.match(p) for p in ("99 euros of it", "2019 was a year", "EUR 5"))


def test_code_blocks_take_their_comment_lines_but_not_a_lone_command(cleaner):
    from cleaner.features import GOOD, SHORT
    from cleaner.roles.lines import code_blocks
    shapes = line_shapes(cleaner.rules)
    # a post's git cheat sheet: a comment line over each command, as a scraper prints it
    texts = ["As a developer, a version control system is a critical part of your toolkit.",
             "initialize git", "git init", "add all files to the staging area", "git add .",
             "push your commits", "git push origin main",
             "Each of these commands has numerous options associated with it.",
             "Git is installed on most systems."]
    cls = [GOOD] + [SHORT] * 6 + [GOOD, GOOD]
    code = set(shapes.code_lines(texts))
    assert code == {2, 4, 6} and code_blocks(code, cls) == [2, 3, 4, 5, 6]
    # a dropped block is not counted; fewer than three lines of code are no code block
    assert code_blocks({i for i in code if i < 5}, [GOOD, SHORT, SHORT, None, SHORT]) == []


def test_opening_finds_the_blocks_a_match_per_block_finds(block_texts):
    for lead in (r"[\p{Sc}\d]", r"[\d½⅓⅔¼¾⅛]", r"\p{Lu}"):
        one = regex.compile(lead)
        expected = [i for i, t in enumerate(block_texts) if one.match(t)]
        assert expected and opening(block_texts, lead) == expected, lead
        for t in block_texts[:3] + ["$1", "½"]:  # a one-line page
            assert opening([t], lead) == ([0] if one.match(t) else []), (lead, t)
    assert opening([], PRICE_LEAD) == [] and opening(["", ""], PRICE_LEAD) == []
    assert opening(["$5", "no price", "£3"], PRICE_LEAD) == [0, 2]


def test_every_price_opens_with_a_price_lead(cleaner, block_texts):
    price, lead = line_shapes(cleaner.rules).price, regex.compile(PRICE_LEAD)
    prices = [t for t in block_texts if price.match(t)]
    assert len(prices) > 5 and all(lead.match(t) for t in prices)


def test_code_lines_are_the_blocks_code_finds(cleaner, block_texts):
    shapes = line_shapes(cleaner.rules)
    texts = block_texts + ["git init", "int count = 0;", "i++;", "}", "from os import path", "does this;"]
    expected = [i for i, t in enumerate(texts) if shapes.code(t)]
    assert len(expected) > 5 and shapes.code_lines(texts) == expected
