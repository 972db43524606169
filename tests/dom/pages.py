"""Page shapes for the DOM tests, written after the structure of real pages (a
Discourse thread's crawler view, a streaming-rendered blog post, a forum thread,
a shop's category grid, a Sphinx documentation page, a news article with a
comment section and a link farm).  Text is our own."""

P1 = ("The city council approved the new budget on Tuesday evening, after a debate that lasted "
      "well into the night and touched on housing, transport and the state of the public parks.")
P2 = ("Members of the opposition said the plan relied on optimistic forecasts, but conceded that "
      "the investment in schools was overdue and would be welcomed by parents across the district.")
P3 = ("The mayor told reporters that the first projects would start in spring, and that the council "
      "would publish a progress report every quarter so that residents could follow the spending.")

NAV = """<header class="site-header"><a href="/">Home</a> <nav class="main-nav"><ul>
<li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/culture">Culture</a></li>
<li><a href="/about">About us</a></li></ul></nav></header>"""
FOOTER = """<footer class="site-footer"><p>© 2025 Example Media. All rights reserved.</p>
<ul><li><a href="/privacy">Privacy</a></li><li><a href="/terms">Terms</a></li></ul></footer>"""


def page(body: str, title: str = "Council approves budget | Example News", head: str = "") -> str:
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>{head}"
            f"</head><body>{body}</body></html>")


ARTICLE_WITH_COMMENTS = page(f"""{NAV}
<main id="primary"><article class="post">
<header class="entry-header"><h1>Council approves budget</h1>
<p class="byline">By Jane Doe, 3 March 2025</p></header>
<div class="entry-content"><p>{P1}</p><p>{P2}</p><p>{P3}</p>
<p><a href="/a">Cheap watches online</a></p><p><a href="/b">Best casino bonus codes</a></p>
<p><a href="/c">Download free themes</a></p></div>
<footer class="entry-footer"><div id="comments" class="comments-area"><h2>12 responses to “Council approves budget”</h2>
<ol class="comment-list">
<li class="comment"><p>I think this budget is a disgrace and the council should be ashamed of spending so much on parks.</p></li>
<li class="comment"><p>Finally some money for our schools, it was about time someone in this town noticed them at all.</p></li>
<li class="comment"><p>Does anyone know when the bus lanes will be built? The article does not say anything about it.</p></li>
</ol></div></footer></article></main>
<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/x">A story</a></li><li><a href="/y">Another story</a></li></ul>
<p>Our newsletter brings you the best of the week's reporting, every Friday morning, straight to your inbox.</p></aside>
{FOOTER}""")

# a menu element left unclosed around the whole page (the parser nests everything in it)
UNCLOSED_HEADER = page(f"""<header class="header top-menu"><ul class="menu"><li><a href="/">Shop</a></li>
<li><a href="/blog">Blog</a></li><li><a href="/help">Help</a></li></ul>
<div class="article-page"><h1>Council approves budget</h1><div class="article-content">
<p>{P1}</p><p>{P2}</p><p>{P3}</p></div></div>
{FOOTER}""")

_POSTS = [("maria_k", "May 3, 2024, 8:45am",
           "I upgraded to the new release yesterday and since then the dashboard never finishes loading. "
           "I have restarted twice and cleared the cache, but the spinner stays there for ever. Any ideas?"),
          ("tom.b", "May 3, 2024, 9:12am",
           "Same here. Rolling back to the previous version fixed it for me, so it must be something in "
           "the upgrade. Did you check the log file for errors about the database migration?"),
          ("maria_k", "May 3, 2024, 11:39am",
           "Thanks, the log shows the migration stopped halfway because the disk was full. After freeing "
           "some space and running the migration again everything works, including the dashboard.")]


def _post(i, user, date, text):
    return (f'<div class="topic-post" itemprop="comment"><div class="post-header"><span class="creator">'
            f'<a href="/u/{user}">{user}</a></span> <span class="post-time">{date}</span> '
            f'<span class="post-number">#{i + 1}</span></div>'
            f'<div class="post-body" itemprop="text"><p>{text}</p></div>'
            f'<div class="post-actions"><a href="#like">Like</a> <a href="#reply">Reply</a> '
            f'<a href="#share">Share</a></div></div>')


# Discourse-like: the posts only in <noscript> (the crawler view), the app shell empty
NOSCRIPT_THREAD = page(f"""<div id="app"><div class="loading">Loading…</div></div>
<noscript><div id="main-outlet"><h1><a href="/t/42">Dashboard never finishes loading after upgrade</a></h1>
{''.join(_post(i, *p) for i, p in enumerate(_POSTS))}
<footer class="nav-footer"><a href="/">Home</a> <a href="/categories">Categories</a></footer></div></noscript>
<footer><p>Powered by Discourse</p></footer>""", title="Dashboard never finishes loading after upgrade - Support")

# the same thread as plain markup, in a forum's page chrome
FORUM_THREAD = page(f"""{NAV}<div class="breadcrumbs"><a href="/">Forum</a> › <a href="/support">Support</a></div>
<div class="thread"><h1>Dashboard never finishes loading after upgrade</h1>
<div class="posts">{''.join(_post(i, *p) for i, p in enumerate(_POSTS))}</div></div>
<aside class="sidebar"><h3>Similar topics</h3><ul><li><a href="/t/1">Dashboard slow</a></li>
<li><a href="/t/2">Upgrade failed</a></li><li><a href="/t/3">Cache issues</a></li></ul></aside>{FOOTER}""",
                    title="Dashboard never finishes loading after upgrade - Support")

# a streaming renderer: the whole article inside a hidden container a script moves
HIDDEN_STREAM = page(f"""<div id="root"><nav><a href="/">Blog</a></nav><div class="skeleton"></div></div>
<div hidden id="S:0"><article><h1>Council approves budget</h1><p>{P1}</p><p>{P2}</p><p>{P3}</p></article></div>
<script>document.getElementById("root").replaceWith(document.getElementById("S:0"))</script>""")

# an app that shows its page once scripts and fonts are loaded: the root is invisible
# (shapes of a Next.js tutorial site), the header inside stays display:none
INVISIBLE_ROOT = page(f"""<div id="__next"><div style="visibility:hidden;min-height:100vh">
<div class="header" style="display:none"><a href="/">Courses</a><a href="/t">Tutorials</a></div>
<div class="article"><h1>Council approves budget</h1><p>{P1}</p><p>{P2}</p><p>{P3}</p></div></div></div>""")

# a hidden mobile menu must stay hidden
HIDDEN_MENU = page(f"""<div class="mobile-menu" style="display: none"><ul>
<li><a href="/a">Section A</a></li><li><a href="/b">Section B</a></li></ul></div>
<article><h1>Council approves budget</h1><p>{P1}</p><p>{P2}</p></article>""")

_CARDS = [("Trail Runner 2", "$120"), ("City Walker", "$95"), ("Hill Climber", "$140"), ("Rain Shell", "$80")]

# a shop's category page: a description and a grid of product cards
CARD_GRID = page(f"""{NAV}<main><h1>Running shoes</h1>
<div class="category-description"><p>Light, cushioned and made for long distances, our running shoes
are tested by runners on roads and trails before they reach the shelves, so you can pick a pair with confidence.</p></div>
<ul class="products">{''.join(
    f'<li class="product"><a href="/p/{i}"><img src="/i/{i}.jpg" alt=""><h2>{n}</h2></a>'
    f'<span class="price">{p}</span><a class="button" href="/cart?add={i}">Add to cart</a></li>'
    for i, (n, p) in enumerate(_CARDS))}</ul>
<nav class="pagination"><a href="?page=1">1</a> <a href="?page=2">2</a> <a href="?page=3">3</a></nav></main>{FOOTER}""",
                 title="Running shoes | Example Shop")

CODE = """def load(path):
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)"""

# a Sphinx-like documentation page: prose, a code block with its language, a table
DOC_PAGE = page(f"""<div class="related" role="navigation"><ul><li><a href="/index">index</a></li>
<li><a href="/modules">modules</a></li></ul></div>
<div class="document"><div class="documentwrapper"><div class="body" role="main">
<section id="loading-files"><h1>Loading files</h1>
<p>The <code>load</code> function reads a JSON file and returns the parsed object. It raises
<em>ValueError</em> when the file is not valid JSON, and <strong>never</strong> guesses an encoding.</p>
<div class="highlight-python"><pre><span class="k">def</span> load(path):
    <span class="k">with</span> open(path, encoding="utf-8") <span class="k">as</span> fh:
        <span class="k">return</span> json.load(fh)</pre></div>
<h2>Options</h2>
<table><tr><th>name</th><th>default</th></tr><tr><td>encoding</td><td>utf-8</td></tr>
<tr><td>strict</td><td>True</td></tr></table>
<ul><li>Files are read once.<ul><li>Nested detail about caching.</li></ul></li><li>Paths may be relative.</li></ul>
<ol><li>Open the file.</li><li>Parse it.</li></ol>
</section></div></div>
<div class="sphinxsidebar" role="navigation"><h3>Navigation</h3><ul><li><a href="/a">Install</a></li>
<li><a href="/b">Usage</a></li><li><a href="/c">API</a></li></ul></div></div>
<div class="footer">© Copyright 2025, Example Project. Created using Sphinx.</div>""", title="Loading files — Example 1.0 documentation")

P4 = ("Residents can read the full budget on the council's website, where each department's "
      "spending is listed line by line, together with the forecasts the plan was built on.")
P5 = ("The council will vote on the first quarterly report in June, and the opposition has asked "
      "for an independent review of the transport projects before any contract is signed.")

# a news article: headline and byline in a header column next to the body, a photo
# with its caption and credit inside the body
NEWS_ARTICLE = page(f"""{NAV}<div class="page"><div class="story-head"><h1>Council approves budget</h1>
<div class="byline">Jane Doe</div><time datetime="2025-03-03">March 3, 2025</time></div>
<div class="story-body"><p>{P1} {P4}</p>
<figure><img src="/i/council.jpg" alt=""><figcaption>The council chamber on Tuesday. Photo: John Roe / Example News</figcaption></figure>
<p>{P2} {P5}</p><p>{P3} {P1}</p></div></div>{FOOTER}""")

# a product page: the description, then customer reviews
PRODUCT_WITH_REVIEWS = page(f"""{NAV}<main class="product-page"><h1>Trail Runner 2</h1>
<div class="product-description"><p>The Trail Runner 2 is a light, cushioned shoe for long runs on rough
ground, with a grippy sole, a breathable upper and a heel that stays put on steep descents.</p>
<p>It is made from recycled materials and comes in five colours, in sizes from 36 to 48.</p></div>
<section class="customer-reviews"><h2>Reviews</h2>
<div class="review"><p>Ran a marathon in them on the first day, no blisters at all, very happy with them.</p></div>
<div class="review"><p>Comfortable, but the laces are far too long and keep coming undone on trails.</p></div>
</section></main>{FOOTER}""", title="Trail Runner 2 | Example Shop")

# a tabloid news story: one-sentence paragraphs (too short for the shape guess), declared
# a NewsArticle in JSON-LD; a gallery image whose caption and credit are <div>s named by
# class (no <figure>), a "most read" rail between the paragraphs, a newsletter box, and
# an author box under the body
S1 = "A hunter who ate a wild rabbit has been diagnosed with the plague, officials said on Monday."
S2 = "The man, 55, is the third person in the region to catch the disease this month."
S3 = "Health officials said that twenty-eight people who met him were placed in quarantine."
S4 = "The regional health office said the risk of the disease spreading further was very low."
S5 = "Doctors said the man was in a stable condition and was being treated with antibiotics."
TABLOID = page(f"""{NAV}<div class="page"><article class="story">
<h1 class="story__headline">Hunter catches plague after eating rabbit</h1>
<div class="story__body"><p>{S1}</p><p>{S2}</p>
<div class="gallery-item"><img src="/i/1.jpg" alt=""><div class="media__caption">The hospital where the man is treated</div>
<div class="image-credit">Photo: Example Agency</div></div>
<p>{S3}</p>
<div class="rail trending-bar"><h3 class="rail__title">Most read in world news</h3>
<div class="rail__item"><h3>ROYAL PARTY</h3><div>Prince parties in unearthed pictures</div></div>
<div class="rail__item"><h3>TIME TRAVELLER</h3><div>Pupil spotted in a photo from 1898</div></div></div>
<p>{S4}</p>
<p><a href="/news/older-case">Second plague case confirmed in the same region last week</a></p>
<p>{S5}</p>
<div class="newsletter-signup"><h3>Get our daily newsletter</h3><p>The day's biggest stories, straight to your inbox every morning, for free.</p>
<form><input type="email" name="email"><button>Sign up</button></form></div>
<p>{S1}</p>
<div class="author-bio"><p>Jane Doe is a health reporter for Example News, covering hospitals and public health since 2015.</p></div>
</div></article></div>{FOOTER}""", title="Hunter catches plague after eating rabbit | Example News",
               head='<script type="application/ld+json">{"@context": "https://schema.org", '
                    '"@type": "NewsArticle", "headline": "Hunter catches plague after eating rabbit"}</script>')

# a story whose body holds a search box and a sign-up form (dropped), and a thread whose
# posts are each inside a <form> (kept)
FORMS = page(f"""{NAV}<main><h1>Council approves budget</h1><div class="story-body">
<p>{P1}</p><form class="search-box" action="/search"><label>Search the archive</label>
<input type="search" name="q"><p>Find stories from 1990 to today, by keyword, by author or by date.</p></form>
<p>{P2}</p><form action="/post/1"><div class="usertext"><p>{P3}</p></div></form><p>{P4}</p></div></main>{FOOTER}""")

# a catalogue of links: a one-paragraph description, then letter groups of categories
_CATS = {"A": ["Adapters", "Anchors", "Axles"], "B": ["Bands", "Bolts", "Brackets", "Bushings"],
         "C": ["Caps", "Clamps", "Clips", "Couplings"], "D": ["Dowels", "Drives"],
         "E": ["Ends", "Eyes"], "F": ["Fasteners", "Ferrules", "Fittings"]}
CATALOGUE = page(f"""{NAV}<div class="catalog"><h1>Fasteners and hardware</h1><div class="page-intro">
<p>Find item details, images, downloadable spec sheets and drawings from the catalogues of manufacturers.</p></div>
<div class="browse">{''.join(
    f'<div class="group"><div class="letter">{k}</div><ul>' + ''.join(
        f'<li><a href="/c/{n.lower()}">{n} and {n.lower()} accessories</a></li>' for n in v) + '</ul></div>'
    for k, v in _CATS.items())}</div></div>{FOOTER}""", title="Fasteners and hardware | Example Catalogues")

# a news index: each item a linked headline and its summary (not inline teasers)
_ITEMS = [("Council approves budget", P1), ("Opposition doubts the forecasts", P2),
          ("Mayor promises quarterly reports", P3), ("Budget published line by line", P4),
          ("Vote on the first report in June", P5)]
NEWS_INDEX = page(f"""{NAV}<main class="index">{''.join(
    f'<div class="item"><p><a href="/n/{i}">{t}</a></p><p>{s}</p></div>' for i, (t, s) in enumerate(_ITEMS))}
</main>{FOOTER}""", title="Latest news | Example News")

# a story with a gallery overlay hidden by a utility class (shown by a script), and a
# desktop-only column hidden on small screens only (Tailwind: 'hidden md:block')
HIDDEN_UTILITY = page(f"""{NAV}<main><h1>Council approves budget</h1><div class="story-body">
<p>{P1}</p><div class="gallery-overlay hidden"><div class="overlay-title">Council approves budget</div>
<div class="overlay-close">Back to Gallery</div><p>{P4}</p></div>
<p>{P2}</p><div class="hidden md:block"><p>{P5}</p></div><p>{P3}</p></div></main>{FOOTER}""")

# a blog theme marking its post body 'share' (the post may be shared), with a real share
# bar next to it, and a column with a paragraph of its own
SHAREABLE_POST = page(f"""{NAV}<div class="main"><article class="post"><h1>Council approves budget</h1>
<div class="entry themeform share"><div class="entry-inner"><p>{P1}</p><p>{P2}</p><p>{P3}</p></div>
<div class="share-bar"><a href="/s/fb">Facebook</a> <a href="/s/tw">Twitter</a> <a href="/s/mail">E-mail</a></div></div>
</article></div><div class="column"><p>{P4}</p></div>{FOOTER}""")

# a declared news article whose photos sit in plain <div> boxes: an image and one line of
# caption each (no <figure>, no caption class), and one of its paragraphs holds an image
# inline next to long prose
IMAGE_BOXES = page(f"""{NAV}<div class="story"><h1>Council approves budget</h1><div class="body">
<div class="photo"><img src="/i/1.jpg" alt="">The council chamber on Tuesday (Image: Example Agency)</div>
<p>{P1}</p><p>{P2}</p>
<div class="image"><img src="/i/2.jpg" alt=""><p>The mayor after the vote. (Photo: John Roe)</p></div>
<p><img src="/i/3.jpg" alt="">{P3} {P4}</p><p>{P5}</p></div></div>{FOOTER}""",
                   head='<meta property="og:type" content="article">')

# a declared article whose paragraph carries formulas rendered as images inside its text
# (an encyclopedia's math fallback images), one of them at the end of the paragraph
FORMULA_ARTICLE = page(f"""{NAV}<div class="story"><h1>Council approves budget</h1><div class="body">
<p>{P1}</p><p>{P2}</p>
<p>The share of the budget is <span class="math"><img src="/m/1.svg" alt="x"></span> of the total, set at
<span class="math"><img src="/m/2.svg" alt="q=0"></span></p><p>{P3}</p></div></div>{FOOTER}""",
                       head='<meta property="og:type" content="article">')

# an article whose container ends with the site's chrome after its last paragraph: links to
# other articles, a rating widget under a heading, a sign-in note as a heading
ARTICLE_TAIL = page(f"""{NAV}<main><article class="story"><h1>Council approves budget</h1>
<div class="body"><p>{P1}</p><p>{P2}</p><p>{P3}</p><p>Budget in figures:</p>
<ul><li>Schools: 12 million</li><li>Parks: 3 million</li></ul>
<p><a href="/news/1">Opposition doubts the forecasts</a></p>
<p><a href="/news/2">Mayor presents the spending plan</a></p>
<h3>Was this article helpful?</h3><h3>Sign in to comment</h3></div></article></main>{FOOTER}""",
                    head='<meta property="og:type" content="article">')

# a tabloid's article with a trending rail between its paragraphs, named only by a BEM
# modifier ('rail--trending'), and a section whose modifier is a state ('section--ads')
BEM_RAIL = page(f"""{NAV}<main><article class="story"><h1>Council approves budget</h1>
<div class="story__body"><p>{P1}</p><p>{P2}</p>
<div class="rail rail--trending"><h3>Trending</h3><p>Star spotted on a beach in a surprising outfit, fans say.</p>
<p>Singer cancels tour dates after a late-night accident, the agency confirmed.</p></div>
<div class="story__section story__section--ads"><p>{P3}</p></div><p>{P4}</p></div></article></main>{FOOTER}""")

# a short article next to a hidden consent dialog that holds more text than the article
# (but not the page: less than twice what the page shows)
_CONSENT = " ".join(f"Service {i} processes usage data to measure reach and improve the offer; "
                    f"consent can be withdrawn at any time in the settings." for i in range(5))
HIDDEN_CONSENT = page(f"""<article><h1>Council approves budget</h1><p>{P1}</p><p>{P2}</p><p>{P3}</p></article>
<div class="privacy-dialog" style="display:none"><h2>Privacy settings</h2><p>{_CONSENT}</p></div>""")

# a recipe article whose head, between the headline and the method, holds the byline and
# the list of ingredients
RECIPE_HEAD = page(f"""{NAV}<div class="page"><div class="recipe-head"><h1>Council approves budget</h1>
<div class="byline">Jane Doe</div><ul class="ingredients"><li>1 large chicken</li><li>1 tablespoon cinnamon</li>
<li>4 cups of water</li></ul></div><div class="method"><p>{P1} {P4}</p><p>{P2} {P5}</p><p>{P3} {P1}</p></div></div>
{FOOTER}""", head='<meta property="og:type" content="article">')

# an article that declares nothing (its shape says article): long paragraphs and one photo
# in a plain box with a line of caption; and a blog index of the same boxes, one per post
_LONG = [P1 + " " + P4, P2 + " " + P5, P3 + " " + P1, P4 + " " + P2]
UNDECLARED_PHOTO = page(f"""{NAV}<div class="story"><h1>Council approves budget</h1><div class="body">
<p>{_LONG[0]}</p><p>{_LONG[1]}</p>
<div class="image"><img src="/i/2.jpg" alt=""><p>The mayor after the vote. (Photo: John Roe)</p></div>
<p>{_LONG[2]}</p><p>{_LONG[3]}</p></div></div>{FOOTER}""")
POST_BOXES = page(f"""{NAV}<div class="blog-list"><h1>News</h1><p>{_LONG[0]}</p><p>{_LONG[1]}</p><p>{_LONG[2]}</p>
{''.join(f'<div class="post"><img src="/i/{i}.jpg" alt=""><p>{t}</p></div>' for i, t in enumerate((P1, P2, P3, P4)))}
</div>{FOOTER}""")

# the app shell of a forum topic: no text in the body (a splash screen, scripts), the
# topic's first words in its description and a publication time in its <meta>
_SHELL_HEAD = ('<meta name="description" content="I have nothing smart in my flat yet. Where should I start, '
               'and which brand of sensors is the most reliable one?">')
APP_SHELL_POST = page('<section id="splash"><div class="dots"></div></section><script>start()</script>',
                      head=_SHELL_HEAD + '<meta property="article:published_time" content="2018-09-16T20:53:14+00:00">')
APP_SHELL_SHOP = page('<section id="splash"><div class="dots"></div></section><script>start()</script>',
                      head=_SHELL_HEAD)

# a page of quotes, each with the same row of share links under it (links named in the
# site's language and an app's button: no lexicon knows them), and one link to show more
_ROW = '<p><a href="/s/wa">Whatsapp</a> <a href="/s/fb">Facebook</a> <a href="/s/pin">Pint</a> <a href="/d">Baixar</a></p>'
SHARE_ROWS = page(f"""{NAV}<div class="quotes"><h1>Council approves budget</h1>
{''.join(f'<div class="quote"><p>{t}</p><p><a href="#s">Show the whole quote</a></p>{_ROW}</div>'
         for t in (P1, P2, P3, P4))}</div>{FOOTER}""")
