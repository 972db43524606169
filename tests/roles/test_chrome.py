"""A page whose scraper got only the frame (roles.chrome): shapes from a shop page drawn
by a script, where the naive scraper kept nothing but the footer's link columns."""
from __future__ import annotations

from cleaner.roles.chrome import chrome_only, enumeration

FRAME = [
    "Aliexpress",
    "I'm shopping for...",
    "Help",
    "Help Center, Disputes & Reports, Return&refund policy, Report IPR infringement, DSA/OSA Information, "
    "Integrity Compliance, Transparency Center, Submit report (non-registered users), Recalls, Return Policy",
    "Multi-Language Sites",
    "Russian, Portuguese, Spanish, French, German, Italian, Dutch, Turkish, Japanese, Korean, Thai, Polish",
    "Browse by Category",
    "All Popular, Product, Promotion, Low Price, Great Value, Reviews, Wiki, Blog, Video",
    "Intellectual Property Protection - Privacy Policy - Sitemap - Terms of Use - Legal Information / Imprint"
    " - User Information Legal Enquiry Guide ©2010-2025 Example.com. All rights reserved. 浙B2-20120091-8",
]


def test_enumeration_rows():
    assert enumeration("Russian, Portuguese, Spanish, French, German, Italian, Dutch")
    assert enumeration(": Help Center, Disputes & Reports, Return Policy, Sitemap, Careers")  # markdown "term: list"
    assert enumeration("Privacy Policy | Terms of Use | Sitemap | Careers | Contact us")
    # a sentence with commas is not a row of names
    assert not enumeration("We sell wool, cotton, linen, hemp, silk and bamboo, all of it sourced in Europe.")
    # four names are a short list, not a link column
    assert not enumeration("Red, Green, Blue, Black")
    # long items are clauses, not names
    assert not enumeration("the pump stops when the tank is full, the valve closes after ten seconds, "
                           "the light turns green when ready, the fan keeps running for a minute, then it stops")


def test_chrome_only_needs_most_tokens_in_rows():
    ntok = [len(t.split()) for t in FRAME]
    assert chrome_only(FRAME, ntok)
    poem = ["Roses are red", "Violets are blue", "Sugar is sweet", "And so are you"]
    assert not chrome_only(poem, [3, 3, 3, 4])


def test_frame_only_page_is_emptied_by_layout(cleaner):
    r = cleaner.clean("\n".join(FRAME))
    assert r.text == ""
    assert r.document.meta["layout"].startswith("no prose, enumeration rows only")
    b = next(b for b in r.document.blocks if b.text.startswith("Russian"))
    assert (b.drop_verdict.filter, b.drop_verdict.reason) == ("layout", "page without prose made of enumeration rows")
    # the same rows under an article are left to the other filters: the page has prose
    art = ("The ceramic heating makes for healthier hair styling and the ionic technology produces a frizz-free, "
           "shiny finish, while the powerful motor dries thick hair in a few minutes.")
    r = cleaner.clean("\n".join(["Karmin G3 Pro hair dryer", art, art.replace("ceramic", "tourmaline")] + FRAME[2:]))
    assert art in r.text
    assert isinstance(r.document.meta["layout"], dict)  # a region was found: not the no-prose path
