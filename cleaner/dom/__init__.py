"""DOM analysis of HTML pages: what the tree knows about where the content is.

- ``reveal``: ``<noscript>`` content and hidden containers that hold the page's text
  (server-rendered crawler views, streaming/hydration markup);
- ``content``: container scoring over the numbered block elements of the walk
  (text and link density per subtree, prose, paragraph counts, semantic elements,
  ARIA roles, whole class/id tokens), the main content region(s), the title and a
  page-type guess;
- ``marks``: what an element's own tag, role and class/id tokens mark it as
  (boilerplate categories of the selector rules, hiding utility classes, BEM names);
- ``parts``: shapes inside the content that are not its text (sign-up forms, image
  boxes and figures, a link between an article's paragraphs);
- ``title``: the page's headline (a heading repeating the ``<title>``, else the ``<h1>``);
- ``scope``: the view of a page's content blocks the text filters run over;
- ``jsonld``: JSON-LD objects of the page (``articleBody``, ``text``, product and
  forum-post descriptions) used as evidence;
- ``metadata``: title, authors, dates, site name, canonical URL, language,
  description of the page (JSON-LD, OpenGraph, ``<meta>``, the page).

Nothing here adds verdicts: ``cleaner.filters.dom`` is the policy that does.
"""
