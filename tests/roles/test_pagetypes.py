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
    # text before the second header makes it an article (roles.pagetype.OPENING_POST)
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
    from cleaner.roles.pagetype import _chrome_table
    from cleaner.text import fold_key

    def _in(table, text):
        return table.mask(fold_key(text)) == 1

    words = _chrome_table(frozenset({"war diese seite hilfreich?", "kopiert!", "此页面是否有帮助？"}))
    assert _in(words, "War diese Seite hilfreich?") and _in(words, "Kopiert!")
    assert _in(words, "此页面是否有帮助？")
    assert not _in(words, "War diese Brücke hilfreich?")

# A pest-control company's service page as a naive scraper writes it (no markdown
# headings): each service a short title and a one-paragraph summary, a call-to-action
# row between the two groups of services.
SERVICES_A = [
    ("Termite inspections", "Our inspectors check the foundation, the attic and the crawl space, and you get a written "
     "report with photos on the same day."),
    ("Scorpion control", "Scorpions hide in block walls and under rocks, so we treat the perimeter of the house and "
     "seal the gaps where they get in."),
    ("Rodent exclusion", "We find the openings that mice and roof rats use, close them with steel mesh and set traps "
     "in the attic until the activity stops."),
    ("Bed bug treatment", "Heat treatment kills bed bugs at every stage in a single visit, and we come back after "
     "two weeks to make sure they are gone."),
]
SERVICES_B = [
    ("Mosquito reduction", "A monthly treatment of the yard, the shrubs and standing water cuts the number of "
     "mosquitoes through the whole summer season."),
    ("Commercial pest control", "Restaurants, offices and warehouses get a plan that fits their inspections, with "
     "visits outside of opening hours."),
    ("Ant and spider control", "We treat the nests and the trails around the house, inside and out, and the "
     "service is covered by a ninety day guarantee."),
]


def _service_listing():
    lines = ["Pest Control Services in Queen Creek | Example Pest", "Home", "Services", "About", "Contact",
             "Pest Control Services in Queen Creek"]
    for head, para in SERVICES_A:
        lines += [head, para]
    lines += ["Get a free quote", "Call (480) 555-0101", "Book online", "Mon-Fri 7am-6pm", "Same-day service",
              "Licensed and insured", "Family owned", "Request a quote", "First name", "Last name", "Email",
              "Phone", "Zip code", "Service needed", "Message", "Submit", "4.9 stars", "1,200 reviews"]
    for head, para in SERVICES_B:
        lines += [head, para]
    lines += ["Privacy Policy", "© 2025 Example Pest"]
    return "\n".join(lines)


def test_listing_of_items_keeps_every_group(cleaner):
    r = cleaner.clean(_service_listing(), url="https://pest.example/pest-control-queen-creek")
    assert r.document.meta["page_type"].startswith("listing")
    assert "prose run" in r.document.meta["page_type"]
    for head, para in SERVICES_A + SERVICES_B:
        assert para in r.text, head
    # the call-to-action row between the groups is not content
    assert who(r, "Zip code") == ("layout", "after the article end (listing page)")


NEWS_P = [
    "The city council voted on Tuesday to close the old bridge for two years while it is rebuilt.",
    "Buses will run every ten minutes over the new bridge downstream, the transport office said.",
    "Shop owners on the east bank fear they will lose customers during the works and asked for help.",
    "The mayor said a fund of two million euros would pay for the loss of trade in the first year.",
    "Work starts in March and the bridge should reopen to traffic in the spring of the following year.",
]
TEASERS = [
    ("Schools to open later in winter", "Parents and teachers will be asked about the new timetable this month."),
    ("New cycle lanes on the ring road", "The council wants the first lanes painted before the summer holidays."),
    ("Market hall gets a new roof", "The stalls move to the square for six weeks while the roof is replaced."),
    ("Library opens on Sundays", "The main library will open from noon to five on Sundays from next month."),
    ("Harbour fees go up next year", "Owners of small boats will pay ten percent more for a berth in the harbour."),
    ("Night buses return in May", "Three lines will run through the night on Fridays and Saturdays again."),
]


def test_news_with_short_paragraphs_and_teasers_is_one_region(cleaner):
    # short paragraphs and a teaser list make the listing evidence; the one dateline over
    # the article says it is an article: the teasers stay out
    lines = ["Old bridge to close for two years | Example Times", "News", "Sport",
             "Old bridge to close for two years", "Nov. 19, 2019 8:03 am ET"] + NEWS_P + ["Latest news"]
    for head, para in TEASERS:
        lines += [head, para]
    r = cleaner.clean("\n".join(lines), url="https://times.example/news/old-bridge-to-close")
    assert r.document.meta["page_type"].startswith("listing")
    assert "post headers 1" in r.document.meta["page_type"]
    for p in NEWS_P:
        assert p in r.text
    assert who(r, TEASERS[3][1]) == ("layout", "after the article end (listing page)")


def test_summaries_cut_short_make_no_further_region(cleaner):
    # the same service page with a "latest posts" block after it: teasers cut short ("…")
    posts = [("How to keep scorpions out of your garage", "Scorpions come in under the door and through the "
              "gaps around pipes, and the first thing to do is to …"),
             ("Signs of termites in a new home", "Even a house built last year can have termites, and these are "
              "the signs that you should look for when you …"),
             ("When is mosquito season in Arizona", "Mosquitoes are worst after the summer monsoon rains, and the "
              "season runs longer than most people think, from …"),
             ("Do ultrasonic repellers work against mice", "The devices are sold in every hardware store, but "
              "the studies that tested them found that they do …")]
    lines = _service_listing().split("\n")[:-2] + ["Newsletter", "Sign up", "Follow us", "Latest from the blog"]
    for head, para in posts:
        lines += [head, para]
    r = cleaner.clean("\n".join(lines), url="https://pest.example/pest-control-queen-creek")
    assert SERVICES_B[0][1] in r.text
    for head, para in posts:
        assert who(r, para)[0] == "layout"


# A thread on a site where posts are voted on (an old-style discussion page): comment
# headers carry the poster, the scores and the age of the post.
THREAD = [
    ("[–] Ragnar_Dragonfyre 188 points 189 points 190 points 17 hours ago (11 children)",
     "Might this also be a potential cure for tinnitus if we can trigger new cilia to grow in the inner ear? "
     "That would change the lives of a lot of people I know."),
    ("[–] BaronVonBearenstein 139 points 140 points 141 points 15 hours ago (6 children)",
     "Pretty sure I was born with this. Silence, for me, has always had a high pitched buzz to it, and I did "
     "not know that was unusual until I was a teenager."),
    ("[–] rich1051414 41 points 42 points 43 points 15 hours ago (2 children)",
     "I'm pretty sure those are very different types of cells, but something like this is how a treatment for "
     "hearing loss would start, so it is still good news."),
    ("[–] Zissoo 26 points 27 points 28 points 13 hours ago (0 children)",
     "You are correct. There are no actual hairs in the inner ear, but hair cells, and the name comes from "
     "their shape under the microscope."),
]
SIDEBAR = ("Welcome to the science community: a place to share and discuss new scientific research. Read about "
           "the latest advances in astronomy, biology, medicine, physics, social science, and more. Find and "
           "submit new publications and popular press coverage of the latest research, and take part in the "
           "discussion with other members, who are asked to follow the rules below when they post.")


def test_voted_thread_is_a_forum(cleaner):
    lines = ["Fully functional hair follicles grown in the lab : science", "jump to content", "my subreddits",
             SIDEBAR, "Fully functional hair follicles grown in the lab", "all 412 comments", "sorted by: best"]
    for head, post in THREAD:
        lines += [head, post, "permalink", "embed", "save", "report", "reply"]
    r = cleaner.clean("\n".join(lines), url="https://old.example.com/r/science/comments/1rku5x9/hair_follicles/")
    assert r.document.meta["page_type"].startswith("forum")
    for head, post in THREAD:
        assert post in r.text
        assert who(r, head) == ("metadata", "en-post-header")


# A question-and-answer thread (shape of a programming Q&A site): the answers quote code,
# and each carries its author line, its chrome and a "N Comments" row.
ANSWERS = [
    "Case 1 and case 2 take the same five seconds, whereas case 3 takes three, because the sleep in the first "
    "two blocks the event loop and nothing else can run while it waits.",
    "You need to await something that gives control back to the loop; a plain function call, even inside an "
    "async function, runs to its end before anything else is scheduled.",
    "Think of the event loop as a queue of tasks: every await is a point where the running task can be put "
    "back in the queue so that another task can make progress.",
]


def test_question_thread_with_code_is_a_forum(cleaner):
    lines = ["Simplest async/await example possible in Python - Stack Example", "Questions", "Tags", "Users",
             "Simplest async/await example possible in Python", "Asked 7 years ago", "Viewed 120k times",
             "I have read many examples and blog posts about asyncio, but I still cannot find the simplest "
             "example that shows how async and await make two functions run at the same time."]
    code = ["import asyncio", "import time", "from functools import partial", "def work(n):",
            "    return n * 2", "async def sleep():", "    await asyncio.sleep(1)", "def main():",
            "    return asyncio.run(sleep())", "print(total);"]
    for k, answer in enumerate(ANSWERS):
        lines += [f"user{k} Jan {k + 6}, 2019 at 12:{k}0", answer] + code + [
            "Improve this answer", "Follow", f"{k + 3} Comments"]
    r = cleaner.clean("\n".join(lines), url="https://qa.example/questions/50757497/simplest-async-await")
    assert r.document.meta["page_type"].startswith("forum")
    for answer in ANSWERS:
        assert answer in r.text
    assert who(r, "Improve this answer") == ("nav", "en-forum-chrome")


def test_items_before_the_title_are_kept_as_a_region(cleaner):
    # the page's headline stands below the first cards (a hero block of services first):
    # those cards are a region of several prose blocks before the title, and stay
    lines = ["Pest Control Services in Queen Creek | Example Pest", "Home", "Services", "About", "Contact"]
    for head, para in SERVICES_B:
        lines += [head, para]
    lines += ["Get a free quote", "Call (480) 555-0101", "Book online", "Mon-Fri 7am-6pm", "Same-day service",
              "Licensed and insured", "Family owned", "Request a quote", "First name", "Last name", "Email",
              "Phone", "Zip code", "Service needed", "Message", "Submit", "4.9 stars", "1,200 reviews",
              "Pest Control Services in Queen Creek"]
    for head, para in SERVICES_A:
        lines += [head, para]
    r = cleaner.clean("\n".join(lines), url="https://pest.example/pest-control-queen-creek")
    assert r.document.meta["page_type"].startswith("listing")
    assert r.document.meta["layout"]["title"] == len(lines) - 9
    for head, para in SERVICES_A + SERVICES_B:
        assert para in r.text, head
    assert who(r, "Zip code") == ("layout", "before the article title (listing page)")
    assert who(r, "Home") == ("layout", "before the article title (listing page)")
    # the knob: with head_regions 0 nothing before the title is kept
    from dataclasses import replace
    from cleaner import Cleaner
    c = Cleaner()
    for f in c.filters:
        if f.id == "layout":
            f.config = replace(f.config, head_regions=0)
    r0 = c.clean("\n".join(lines), url="https://pest.example/pest-control-queen-creek")
    assert SERVICES_B[0][1] not in r0.text and SERVICES_A[0][1] in r0.text


def test_one_docs_control_repeated_is_a_share_widget_not_documentation(cleaner):
    # "Copied!" follows every copy-link button of a news page's share rows
    art = ("The council approved the budget on Tuesday after a long debate about the cost of the new bridge, "
           "which will be built over the next three years and paid for by the region and the state.")
    text = "\n".join(["Council approves budget | Example News", "Council approves budget", "Copied!",
                      art, "Copied!", art.replace("Tuesday", "Monday"), "Copied!", art.replace("bridge", "tunnel")])
    r = cleaner.clean(text, url="https://news.example/2017/06/council-budget")
    assert r.document.meta["page_type"] == "article"
    assert who(r, "Copied!") == ("nav", "en-docs-chrome")


def test_prices_are_not_code_lines(cleaner):
    # a shop grid: "$1,099.99" starts like a shell prompt, but a prompt is "$ " and a command
    cards = []
    for name, price in (("Walnut desk", "$1,099.99"), ("Oak desk", "$899.00"), ("Ash desk", "$749.50"),
                        ("Birch desk", "$699.00"), ("Bamboo desk", "$649.00"), ("Maple desk", "$799.00")):
        cards += [name, price, "Free delivery in five to seven working days to most of the country."]
    r = cleaner.clean("\n".join(["Standing desks", *cards]))
    assert not r.document.meta["page_type"].startswith("documentation")
    from cleaner.roles.lines import line_shapes
    shapes = line_shapes(cleaner.rules)
    assert shapes.code("$ npm install cleaner") and not shapes.code("$1,099.99")
    assert all(shapes.price.match(p) for p in ("$1,099.99", "12,50 €", "99 EUR"))
    assert not shapes.price.match("99 euros of it")


def test_thread_without_post_headers_is_a_forum_by_its_chrome(cleaner):
    # a finance forum as one scraper renders it: the poster's name, rank and the post's
    # age on lines of their own, "Reply Quote Report" under each post, at a /forum/ URL
    op = ("I am doing my bachelor's in IT and have an internship at a consultancy, and I wonder whether "
          "management consulting is worth the hours, given what my managers told me about it.")
    rows = ["Consulting: is it worth it? | Example Forum", "Courses", "Resources", "Consulting: is it worth it?",
            op, op.replace("hours", "travel"), "Reply", "Quote", "Report", "22 Comments"]
    for name, text in (("AtlanG CO", R1), ("Intern in IB-M&A", R2), ("Analyst 2 in IB", R3)):
        rows += [name, "2y", text, "Reply", "Quote", "Report"]
    r = cleaner.clean("\n".join(rows), url="https://finance.example/forum/consulting/is-it-worth-it")
    pt = r.document.meta["page_type"]
    assert pt.startswith("forum") and "post headers 0" in pt
    for post in (op, R1, R2, R3):
        assert post in r.text
    assert who(r, "Quote") == ("nav", "en-forum-chrome")
    # the same rows at an article URL make no thread (comments under a post)
    r = cleaner.clean("\n".join(rows), url="https://finance.example/news/consulting-is-it-worth-it")
    assert r.document.meta["page_type"] == "article"


def test_glued_vote_scores_still_make_post_headers(cleaner):
    # a scraper that glues inline elements: "[–]name 188 points189 points 17 hours ago"
    rows = ["Hair follicles grown in the lab : science", "Hair follicles grown in the lab", OP]
    for i, text in enumerate((R1, R2, R3)):
        rows += [f"[–]user{i} {40 + i} points{41 + i} points{42 + i} points {i + 2} hours ago ({i} children)", text,
                 "permalink", "embed", "save", "report", "reply"]
    r = cleaner.clean("\n".join(rows), url="https://forum.example/r/science/comments/1rku5x9/hair/")
    assert r.document.meta["page_type"].startswith("forum")
    assert who(r, "[–]user1") == ("metadata", "en-post-header")
    for post in (R1, R2, R3):
        assert post in r.text


def test_landing_page_with_an_intro_run_keeps_every_feature(cleaner):
    # a service's landing page as plain text (an identity-protection company's home page):
    # an intro of three short paragraphs (a prose run of ~170 tokens), then feature items,
    # each a heading-shaped line over one sentence, then testimonials
    intro = [
        "Identity theft can happen to anyone, and it often starts with a single exposed password or a "
        "leaked card number that criminals sell on forums you will never see.",
        "We watch those places for you, day and night, and we tell you the moment your name, your "
        "number or your accounts turn up where they should not be, so you can act first.",
        "More than thirty million people have trusted us over twenty-five years, and our agents have "
        "helped thousands of families recover their names, their savings and their peace of mind.",
    ] * 2
    features = [
        ("Fraud monitoring and alerts", "We monitor your name, your social security number and your driver's "
         "license number to prevent identity fraud and keep your records safe."),
        ("US-based fraud agents", "Through every stage of identity theft we will be there, working around the "
         "clock with our highly trained agents."),
        ("Credit monitoring", "We monitor your credit cards, financial accounts and credit file to detect "
         "fraudulent activity before it costs you money."),
        ("Identity theft insurance", "Our plans are backed with one million dollars of insurance to cover "
         "losses and fees due to identity theft."),
        ("Dark web monitoring", "We scan the marketplaces where stolen data is sold and warn you when your "
         "e-mail address or your passwords appear there."),
        ("Safe browsing tool", "Our browser extension blocks pages that try to steal your logins and warns "
         "you before you type a password into a fake form."),
    ]
    lines = ["Identity Theft Protection You Can Count On | Example Guard", "Home", "Plans & Pricing",
             "Identity theft protection you can count on", *intro,
             "Get Protection Now", "00", "DAYS", "00", "HOURS", "00", "MINUTES", "Start Membership", "Log In",
             "4.4 stars as of Nov. 2023", "Individual", "Family", "Value", "Save 16%", "$7.50", "/mo",
             "Old price was: $8.99", "Renews at", "$8.99", "Billed Annually", "Billed Monthly", "Get Protection Now",
             "Data Breach Notifications", "Password Manager", "Total", "Ultra"]
    for head, text in features:
        lines += [head, text]
    lines += ["© 2025 Example Guard. All rights reserved."]
    r = cleaner.clean("\n".join(lines), url="https://guard.example/")
    pt = r.document.meta["page_type"]
    # no prose run of LIST_BODY (250) tokens: the items are further regions
    assert pt.startswith("listing") and "prose run 186" in pt
    for head, text in features:
        assert text in r.text
    assert who(r, "© 2025")[1] == "copyright-symbol"


# A blog's front page (shape of an engineering blog's home page): each post a dateline,
# its headline, a summary, the author and the tags; the first summary is long.
BLOG_POSTS = [
    ("March 5, 2026", "Making developer tools that people actually use",
     "From interoperability to knowledge architecture to creating tools that people can actually use, here is a "
     "recap of what we heard at the conference this year, from the keynote on the first morning to the last panel "
     "on the closing day, with the questions the audience asked and what the speakers answered, and where the "
     "slides and the recordings of every talk can be found.", "Phoebe Sajor"),
    ("February 25, 2026", "A sneak peek at the redesigned site",
     "Come and try the new beta, tell us what you think about it, and help us shape what comes next for everyone.",
     "Zach Rutta"),
    ("February 23, 2026", "Defense against uploads: an interview with a file scanner's author",
     "Network traffic gets all the press, but some people are still trying to build a better upload scanner.",
     "Ryan Donovan"),
    ("February 18, 2026", "Mind the gap: closing the trust gap for developers",
     "Trust is a willingness to deploy generated code to production systems with minimal review, and it is low.",
     "Eira May"),
    ("February 12, 2026", "How anyone can use new tools for good",
     "Some of the big names in the field use this technology for humanitarian and environmental work, and so can "
     "you.", "Phoebe Sajor"),
]


def test_blog_front_page_is_a_list_of_teasers(cleaner):
    # the summaries make a teaser series (a dateline and a headline over each) holding most
    # of the page's prose: the page is a list of teasers, and they are its content (an
    # article's teaser list under it weighs nothing and stops the article)
    lines = ["The Example Engineering Blog", "Blog", "Everything", "Podcast", "Company", "Latest articles"]
    for date, head, summary, author in BLOG_POSTS:
        lines += [date, head, summary, author, "engineering tools"]
    lines += ["Our Company", "About", "Press", "Privacy Policy"]
    r = cleaner.clean("\n".join(lines), url="https://blog.example.com/")
    assert r.document.meta["page_type"] == "listing (teaser summaries 5)"
    for _, head, summary, _ in BLOG_POSTS[1:]:
        assert head in r.text and summary in r.text
    assert who(r, "February 18, 2026") == ("metadata", "en-dateline")
    assert who(r, "Podcast") == ("layout", "before the article title (listing page)")
    assert who(r, "Our Company") == ("layout", "after the article end (listing page)")


GIT1 = ("As a developer, a version control system is a critical part of your toolkit, and git is the one "
        "most teams use; these are the commands I reach for every day.")
GIT2 = ("Each of these commands has numerous options associated with it and all of them are explained in "
        "the manual, which is well worth reading once you are comfortable.")
GIT_POST = "\n".join([
    "A brief intro to git", "June 6, 2021", GIT1,
    "initialize git", "git init", "add all files in the directory to the staging area", "git add .",
    "commit the staged files with a message", 'git commit -m "first commit"',
    "fetch the remote branch and merge it", "git pull", "push your commits to the remote", "git push",
    "undo the changes to a file", "git checkout .", GIT2, "Github's git tutorial", "Pro Git book",
])


def test_a_documentation_page_keeps_its_code_block_and_the_comment_lines_in_it(cleaner):
    # a cheat sheet of short comment lines and commands between two paragraphs (a real post's
    # shape): the code block weighs nothing against the article region (``lines.code_blocks``)
    r = cleaner.clean(GIT_POST, url="https://blog.example/posts/2021/a-brief-intro-to-git")
    assert r.document.meta["page_type"].startswith("documentation")
    for part in ("initialize git", "git init", "commit the staged files", "git pull", "git checkout .", GIT2):
        assert who(r, part) is None, part


CHROME_SHAPES = ["Reply", "REPLY", "Quote", "Report", "Joined: Mar 2019", "Posts: 1,204", "Add to cart",
                 "Add to Cart!", "In stock", "SKU: 123-44", "Was this page helpful?", "Edit this page",
                 "Ｒｅｐｌｙ", "Ｑｕｏｔｅ Ｒｅｐｏｒｔ", "ﬁle a report", "Zitieren Melden", "Beiträge: 1.204",
                 "In den Warenkorb", "GRÖSSENTABELLE", "Größentabelle", "War diese Seite hilfreich?", "Kopiert!",
                 "此页面是否有帮助？", "回复", "引用 回复", "Responder", "Citar", "Añadir al carrito",
                 "Ответить", "Цитировать", "ΑΠΆΝΤΗΣΗ", "İletişim", "Yanıtla", "Reply Quote Report Like Share",
                 "2 Replies", "Reply 2", "reply_all", "— Reply —", "Reply to this topic and more words here"]


def test_chrome_rows_hold_every_block_a_lexicon_lookup_finds(cleaner, block_texts):
    from cleaner.blockstats import block_stats
    from cleaner.roles.pagetype import CHROME_TOKENS, _chrome_table
    from cleaner.text import fold_key
    rules, langs = cleaner.rules, frozenset(("en", "de", "es", "ru", "zh", "el", "tr", "fr"))
    table = _chrome_table(rules.words("forum_chrome", langs), rules.words("shop_chrome", langs),
                          rules.words("docs_chrome", langs))
    texts = block_texts + CHROME_SHAPES
    st = block_stats(texts)
    short = [i for i, n in enumerate(st.ntok.tolist()) if n <= CHROME_TOKENS]
    chrome = [i for i in short if table.mask(fold_key(texts[i]))]  # the per-block reference
    rows = table.rows(texts, st, CHROME_TOKENS)
    assert len(chrome) > 20 and set(chrome) <= set(rows) <= set(short)
    assert len(rows) < len(short) / 2  # most short lines open with no chrome phrase's word
    # lines without a token: only those NFKC would change are asked about
    assert set(table.rows(texts, st, 0)) <= {i for i in short if not st.ntok[i] and not texts[i].isascii()}


def test_prose_shape_counts_what_a_walk_over_the_blocks_counts(cleaner):
    from cleaner.features import GOOD, NEAR, SHORT
    from cleaner.page import Page
    from cleaner.roles.pagetype import _prose_shape
    from tests.roles.conftest import SAMPLES
    docs = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("[0-9][0-9][0-9]_*.txt"))]
    docs.append(_service_listing())
    for text in docs:
        page = Page(cleaner.parse(text), cleaner.context)
        cls, ntok, ends = page.cls, page.ntok, page.ends
        good_tok, run, body, longest, items, upto = 0, 0, 0, 0, 0, []
        for i, c in enumerate(cls):  # the per-block reference
            if c == GOOD or (c == NEAR and ends[i]):
                run += ntok[i]
                body = max(body, run)
            else:
                run = 0
            if c == GOOD:
                good_tok += ntok[i]
                longest = max(longest, ntok[i])
            upto.append(good_tok)
            items += (c in (NEAR, SHORT) and ntok[i] >= 2 and not ends[i] and i + 1 < len(cls)
                      and cls[i + 1] in (GOOD, NEAR))
        got = _prose_shape(page)
        assert (got[0].tolist(), got[1:4]) == (upto, (body, longest, items))
        assert got[4].tolist() == [c in (GOOD, NEAR) for c in cls] and body > 0
