"""Line shapes (``roles.lines``): code lines and prices, from the common pack's lexicons."""
import regex

from cleaner.roles.lines import PRICE_LEAD, _line_shapes, line_shapes, opening, prefix

# lines that open with (a part of) a code pattern's opening, or end as code lines may
CODE_SHAPES = ["$ ls -la", "$ Ls", "$", "$5", "$\u00a0ls", "from os import path", "from", "from os", "import numpy",
               "import", "def f():", ">>> 1 + 1", ">>", "git commit -m 'x'", "git", "x = 1;", "i++;", "}", "{",
               "a list item;", "", "class Foo {", "  def indented", "pip install cleaner", "npm i x"]


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


def test_a_pattern_opens_with_its_prefix():
    assert prefix(r"\$\s+\p{Ll}") == "$" and prefix(r"from \S+ import") == "from " and prefix("git ") == "git "
    assert prefix("ab?c") == "a" and prefix(r"\$?x") == "" and prefix("x*") == "" and prefix("x{0,2}y") == ""
    # an alternation or a (? group may match without it: no known opening
    assert prefix("import|export") == "" and prefix("(?i)import ") == "" and prefix("[ab]c") == ""
    for pattern in ["ab?c", "a+b", r"\.\.\.x", "x{2}", r"\$\s+\p{Ll}", "from \\S+"]:
        for text in ["abc", "ac", "aab", "...x", "xx", "$ ls", "from \\S"]:
            if regex.match(pattern, text):
                assert text.startswith(prefix(pattern)), (pattern, text)


def test_code_lines_are_the_lines_code_takes(cleaner, block_texts):
    # the per-page scans (last characters, pattern openings) find what ``code`` on every block finds
    texts = block_texts + CODE_SHAPES
    packs = line_shapes(cleaner.rules)
    unknown = _line_shapes(("(?i)import ", r"\$\s+\p{Ll}"), ())  # an opening not known: every block is tried
    assert packs.line_scan is not None and unknown.line_scan is None
    for shapes in (packs, unknown):
        expected = [i for i, t in enumerate(texts) if shapes.code(t)]
        assert len(expected) >= 5 and shapes.code_lines(texts) == expected
        for t in CODE_SHAPES:  # a one-line page
            assert shapes.code_lines([t]) == ([0] if shapes.code(t) else []), t
        assert shapes.code_lines([]) == [] and shapes.code_lines(["a\nb;", "$ ls"]) == [0, 1]
