"""The URL slug as a witness of the headline (``roles.slug``): which words a URL's slug has,
which headline spells it."""
from __future__ import annotations

from cleaner.roles import slug


def test_the_slug_is_the_last_segment_with_letters_without_ids_and_extension():
    # an id (8 digits) is no word of the slug
    s = slug.slug_of("https://www.topagrar.com/energie/news/schnee-belastet-module-10558804.html")
    assert s.words == ("schnee", "belastet", "module") and s.segment == "schnee-belastet-module-10558804"
    # a query string is no part of it; a numeric last segment is passed over
    assert slug.slug_of("https://www.rosalux.de/news/id/45292/wir-waren-fast-40-tage-in-quarantaene?cHash=39ac7"
                        ).words == ("wir", "waren", "fast", "40", "tage", "in", "quarantaene")
    # a number of one or two digits is a word of the headline ("Scherenschnitt (3)")
    assert slug.slug_of("https://gnadlib.wordpress.com/2020/01/05/scherenschnitt-3/").words == ("scherenschnitt", "3")
    assert slug.slug_of("https://example.org/2019/11/17/elektro-zapfsaeulen/1234.html").words == (
        "elektro", "zapfsaeulen")


def test_a_slug_of_one_word_or_none_names_no_headline():
    assert slug.slug_of("https://elpais.com/elpais/2020/02/18/ciencia/1582045946_459487.html") is None
    assert slug.slug_of("https://orsted.de/gruene-energie/gruener-wasserstoff/potenzial") is None
    assert slug.slug_of("hard::dw.com.colonial.html") is None
    assert slug.slug_of(None) is None


def test_a_headline_spells_its_slug_with_the_language_s_spellings():
    de = slug.spelling_map(["ä=ae", "ö=oe", "ü=ue"])
    s = slug.slug_of("https://sprechblase.wordpress.com/2019/11/17/elektro-zapfsaeulen/")
    assert slug.spells("Elektro-Zapfsäulen.", s, de)
    assert not slug.spells("Elektro-Zapfsäulen.", s)  # without the spelling the umlaut word differs
    # most of the slug's words; a slug word may be the end of a headline word ("Solarmodule")
    s = slug.slug_of("https://www.topagrar.com/energie/news/schnee-belastet-module-10558804.html")
    assert slug.spells("Schnee belastet Solarmodule - Warum nur Profis zum Entfernen raten", s, de)
    assert not slug.spells("Schnee im Februar", s, de)
    # other diacritics are stripped on both sides
    s = slug.slug_of("https://www.example.es/deportes/el-campeon-gano-en-paris")
    assert slug.spells("El campeón ganó en París", s)


def test_a_line_holding_the_slug_as_the_url_writes_it_is_no_headline():
    s = slug.slug_of("https://www.sportsnet.ca/tennis/argentina-comfortably-wins-davis-cup-opener-chile/")
    assert slug.spells("Argentina comfortably wins Davis Cup opener against Chile", s)
    assert not slug.spells("%2Ftennis%2Fargentina-comfortably-wins-davis-cup-opener-chile%2F", s)
