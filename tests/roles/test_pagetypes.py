"""Page types in text mode: each structure (shapes adapted from real pages of the
WCXB development pages: a woodworking forum thread, a shop's product page, a
library's documentation page, a law firm's service page, a news listing) with the
rule or role that kept or dropped each block."""
from __future__ import annotations


def who(r, part):
    """(filter, rule) that dropped the first block containing ``part``; None if kept."""
    b = next(b for b in r.document.blocks if part in b.text)
    v = b.drop_verdict
    return (v.filter, v.rule or v.reason) if v else None


OP = ("I am starting from scratch with my woodworking skills, trying to learn, test and improve a little "
      "bit with my first steps and starting projects, and I would be glad of any hints.")
R1 = ("To have some kind of workbench for starting out, I decided to build a saw horse. It is small "
      "enough, so I could work on the balcony, and it is basically a bit bigger than the usual one.")
R2 = ("If you saw my first dovetails you would run screaming away from your computer, so do not worry "
      "about yours: you are doing fine and they will serve their purpose for years.")
R3 = ("First off, if you really are new, get any old scrap, it does not matter if it is flat, and practise "
      "sawing to a line until the cut is square across the piece and down its face.")
FORUM = "\n".join([
    "Starting projects of an absolute beginner - Woodworking Masterclasses",
    "Skip to content", "Video Library", "Gallery", "Forums", "Login",
    "Starting projects of an absolute beginner",
    "Pepper Pot Jun 7, 2017 at 8:28 pm", OP,
    "76 Replies",
    "Pepper Pot Jun 7, 2017 at 8:34 pm", R1, "Reply Quote Report",
    "Edmund Jun 7, 2017 at 9:09 pm", R2, "Reply Quote Report",
    "Philipp J. Jun 7, 2017 at 10:25 pm", R3, "Reply Quote Report",
])


def test_forum_thread_keeps_the_replies(cleaner):
    r = cleaner.clean(FORUM, url="https://woodworking.example/discussions/topic/starting-projects/")
    assert r.document.meta["page_type"].startswith("forum")
    for post in (OP, R1, R2, R3):
        assert post in r.text
    # the reply header opens no comment section on a thread; the posts' chrome goes
    assert who(r, "76 Replies") == ("comments", "en-comment-prompt")
    assert who(r, "Edmund Jun 7") == ("metadata", "en-post-header")
    assert who(r, "Reply Quote Report") == ("nav", "en-forum-chrome")
    assert who(r, "Video Library") == ("layout", "before the article title (forum page)")


def test_same_posts_under_a_news_article_are_comments(cleaner):
    art = ("The council approved the budget on Tuesday after a long debate about the cost of the new bridge, "
           "which will be built over the next three years and paid for by the region and the state.")
    text = "\n".join(["Council approves budget | Example News", "Council approves budget", "By Jane Smith",
                      art, art.replace("Tuesday", "Monday"), art.replace("bridge", "tunnel"),
                      "Join the discussion", "Edmund Jun 7, 2017 at 9:09 pm", R2, "Philipp J. Jun 7, 2017 at 10:25 pm", R3])
    r = cleaner.clean(text, url="https://news.example/2017/06/council-budget")
    assert r.document.meta["page_type"] == "article"
    assert R2 not in r.text and who(r, "Join the discussion") == ("comments", "en-comments-header")


DESC = ("The ceramic heating makes for healthier hair styling and the ionic technology produces a frizz-free, "
        "shiny finish, while the powerful motor dries thick hair in a few minutes.")
DESC2 = ("Providing you with exactly what you would expect from the brand, this professional dryer comes with "
         "two narrow nozzles and a diffuser for curly hair, and a long cord for the salon.")
PRODUCT = "\n".join([
    "G3 Pro Hair Dryer - Karmin Hair Tools", "Shop", "Brushes", "Dryers", "Your cart is empty.",
    "G3 Pro Hair Dryer", "$ 169.95 Original price was: $169.95. $ 101.97 Current price is: $101.97.",
    DESC, "Quantity", "Add to cart", "Description", DESC2,
    "Customers also bought", "Salon Pro Ionic Hair Dryer Brush", "Add to cart",
    "Ultralight Professional Ionic Hair Dryer", "Add to cart", "In stock",
])


def test_product_page(cleaner):
    r = cleaner.clean(PRODUCT, url="https://shop.example/product/g3-pro-hair-dryer")
    assert r.document.meta["page_type"].startswith("product")
    assert DESC in r.text and DESC2 in r.text
    assert who(r, "Quantity") == ("nav", "en-shop-chrome")
    assert who(r, "In stock") == ("nav", "en-shop-chrome")
    assert who(r, "Brushes") == ("layout", "before the article title (product page)")


DOC1 = ("Use the client to send requests to the server. The client keeps a pool of connections, so create "
        "it once and reuse it for every request your program makes.")
DOC2 = ("A request that fails with a timeout is retried up to three times, with a delay that doubles after "
        "every attempt; pass retries=0 to turn this off.")
DOCS = "\n".join([
    "Quickstart — httpclient 2.1 documentation", "Search docs", "Installation", "Quickstart", "API reference",
    "Quickstart", "On this page", DOC1,
    "import httpclient", "client = httpclient.Client(timeout=5.0)", "response = client.get(url);",
    DOC2, "client.get(url, retries=0);", "def fetch(url):", "return client.get(url);",
    "Was this page helpful?", "Edit on GitHub", "Previous", "Next",
])


def test_documentation_page(cleaner):
    r = cleaner.clean(DOCS, url="https://docs.example/quickstart.html")
    assert r.document.meta["page_type"].startswith("documentation")
    assert DOC1 in r.text and DOC2 in r.text
    assert who(r, "Was this page helpful?") == ("nav", "en-docs-chrome")
    assert who(r, "Edit on GitHub") == ("nav", "en-docs-chrome")
    assert who(r, "On this page") == ("nav", "en-docs-chrome")


SERVICE_SECTIONS = [
    ("Car accident claims", "After a crash, we gather the police report, medical records and witness statements, "
     "and we deal with the insurer so that you can rest."),
    ("Workplace injuries", "If you were hurt at work, a claim may cover lost wages and medical bills; we explain "
     "the deadlines and file the forms with you."),
    ("Disability benefits", "When a disability claim is denied, you can appeal; we prepare the appeal and go with "
     "you to the hearing before the judge."),
    ("Free consultation", "Tell us what happened and we will call you back within one business day to talk "
     "about your options, at no cost to you."),
]


def test_service_page_keeps_every_section(cleaner):
    md = ["[Skip to content](https://law.example/#content)", "- [Home](https://law.example/)",
          "- [About](https://law.example/about/)", "# Personal injury lawyers in Raleigh"]
    for head, para in SERVICE_SECTIONS:
        md += [f"## {head}", para]
    md += ["[Call Us Now](tel:9192770150)", "© 2025 Example Law PLLC"]
    r = cleaner.clean("\n\n".join(md), url="https://law.example/personal-injury/")
    assert r.document.meta["page_type"].startswith("service")
    for head, para in SERVICE_SECTIONS:
        assert para in r.text
    assert who(r, "© 2025")[1] == "copyright-symbol"


LISTING = [
    ("Harbour walk at sunset", "Start at the lighthouse and follow the quay past the fish market, where the boats come in before dark."),
    ("Old town by night", "Narrow lanes, two churches and the town hall, lit up after nine; the tour ends at a wine bar."),
    ("Castle gardens in spring", "The terraces open in April, with tulips on the lower lawn and a cafe in the orangery."),
    ("River cruise to the weir", "Boats leave every hour from the bridge and take about ninety minutes there and back."),
    ("Market hall on Saturday", "More than forty stalls sell cheese, bread and flowers; arrive early, it fills by ten."),
    ("Museum late opening", "On the first Friday of the month the museum stays open until midnight with live music."),
    ("Hill fort and viewpoint", "A steep path climbs to the ramparts, from where you can see the coast on a clear day."),
]


def test_listing_is_named(cleaner):
    lines = ["Things to do | City Guide", "Things to do"]
    for head, para in LISTING:
        lines += [head, para]
    r = cleaner.clean("\n".join(lines))
    assert r.document.meta["page_type"].startswith("listing")
    assert LISTING[0][1] in r.text


# German: the same structures through the German pack's lexicons and post headers
DE_ART = [
    "Der Stadtrat hat am Dienstag nach langer Debatte den Haushalt für das kommende Jahr beschlossen, "
    "der vor allem den Neubau der Brücke über den Fluss und die Sanierung von drei Schulen vorsieht.",
    "Die Kosten für die Brücke werden auf rund vierzig Millionen Euro geschätzt, von denen das Land "
    "etwa die Hälfte übernehmen will, wenn die Stadt bis zum Herbst einen genehmigten Plan vorlegt.",
    "Kritiker im Rat hatten bis zuletzt gefordert, zuerst die Schulen zu sanieren und die Brücke um "
    "zwei Jahre zu verschieben, weil die Zinsen gestiegen sind und die Baupreise weiter steigen.",
    "Die Bürgermeisterin verteidigte den Plan und sagte, die alte Brücke sei nur noch für leichte "
    "Fahrzeuge freigegeben, und jeder Monat Verzögerung koste die Betriebe in der Innenstadt Geld.",
    "Nach der Abstimmung kündigten zwei Fraktionen an, den Bau kritisch zu begleiten und jedes "
    "Quartal einen Bericht über Kosten und Zeitplan im zuständigen Ausschuss einzufordern.",
]
# ten paragraphs of two sentences each: over 400 tokens before the first comment
DE_BODY = [f"{a} {b}" for i, a in enumerate(DE_ART) for b in DE_ART[i + 1:]]
DE_C1 = ("Endlich passiert etwas mit der Brücke, ich fahre jeden Tag mit dem Rad darüber und warte "
         "seit Jahren darauf, dass die Stadt die Sanierung endlich ernsthaft in Angriff nimmt.")
DE_C2 = ("Vierzig Millionen sind viel Geld, aber die Schulen hätten trotzdem Vorrang haben müssen, "
         "denn dort regnet es seit zwei Wintern durch das Dach in die Klassenzimmer hinein.")


def test_german_article_with_a_comment_section_is_no_thread(cleaner):
    # the byline is the page's first post header and the comments look like posts: a long
    # text before the second header makes it an article (roles.pagetype.THREAD_LEAD)
    text = "\n".join(["Stadtrat beschließt Haushalt | Beispiel-Zeitung", "Stadtrat beschließt Haushalt",
                      "Markus Reuter - 23.06.2016 um 16:14 Uhr", *DE_BODY,
                      "Hans Müller 24.06.2016 um 09:12", DE_C1, "Zitieren Melden",
                      "schorsch schrieb am 24.06.2016 um 10:30", DE_C2, "Zitieren Melden",
                      "Hans Müller 24.06.2016 um 11:02", DE_C1.replace("Rad", "Bus"), "Zitieren Melden"])
    r = cleaner.clean(text, url="https://zeitung.example/2016/06/stadtrat-haushalt")
    assert r.document.meta["page_type"] == "article"
    for p in DE_BODY:
        assert p in r.text
    assert who(r, "Markus Reuter - 23.06.2016") == ("metadata", "de-post-header")


def test_german_forum_thread_keeps_the_posts(cleaner):
    text = "\n".join(["Brücke wird saniert - Stadtforum", "Forum", "Anmelden", "Brücke wird saniert",
                      "Hans_M 07.06.2017, 20:28", DE_C1, "Zitieren Melden",
                      "Beitrag von schorsch » Mi 7. Jun 2017, 20:41", DE_C2, "Zitieren Melden",
                      "Hans_M 07.06.2017, 21:02", DE_C1.replace("Rad", "Bus"), "Zitieren Melden",
                      "Beiträge: 1.204", "Registriert seit: 2019"])
    r = cleaner.clean(text, url="https://stadtforum.example/forum/thread/bruecke-wird-saniert/")
    assert r.document.meta["page_type"].startswith("forum")
    assert DE_C1 in r.text and DE_C2 in r.text
    assert who(r, "Beitrag von schorsch") == ("metadata", "de-post-header")
    assert who(r, "Zitieren Melden") == ("nav", "de-forum-chrome")


def test_chrome_phrases_with_punctuation_count_towards_the_type():
    from cleaner.roles.pagetype import _folded, _in

    words = _folded(frozenset({"war diese seite hilfreich?", "kopiert!", "此页面是否有帮助？"}))
    assert _in(words, "War diese Seite hilfreich?") and _in(words, "Kopiert!")
    assert _in(words, "此页面是否有帮助？")
    assert not _in(words, "War diese Brücke hilfreich?")
