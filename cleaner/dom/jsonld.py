"""JSON-LD objects of a page (``<script type="application/ld+json">``), flattened.

Pages describe themselves in schema.org terms: an ``Article`` with its
``articleBody``, ``author`` and dates, a ``Product`` with its ``description``, a
``DiscussionForumPosting`` with its ``text``, the ``WebSite`` name.  Broken JSON
(trailing commas, comments, several objects in one script, HTML-escaped text) is
read as far as it can be; what cannot be read is skipped, never an error.
"""
from __future__ import annotations

import json

import regex

_SCRIPT_TYPE = "application/ld+json"
_COMMENTS = regex.compile(r"^\s*//[^\n]*$|/\*.*?\*/", regex.M | regex.S)
_TRAILING_COMMA = regex.compile(r",(\s*[}\]])")
MAX_SCRIPT = 2_000_000  # characters of one script read at most
MAX_OBJECTS = 200

ARTICLE_TYPES = frozenset(("article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
                           "opinionnewsarticle", "scholarlyarticle", "techarticle", "liveblogposting", "report",
                           "posting", "socialmediaposting", "backgroundnewsarticle", "reviewnewsarticle",
                           "howto", "recipe", "review"))
FORUM_TYPES = frozenset(("discussionforumposting", "qapage", "question", "comment"))
PRODUCT_TYPES = frozenset(("product", "productgroup", "offer", "individualproduct", "car", "book"))
COLLECTION_TYPES = frozenset(("collectionpage", "itemlist", "offercatalog", "searchresultspage"))
DOC_TYPES = frozenset(("techarticle", "apireference", "softwaresourcecode"))
SERVICE_TYPES = frozenset(("service", "professionalservice", "localbusiness", "organization", "aboutpage",
                           "contactpage", "financialservice", "legalservice", "medicalbusiness"))


def _loads(text: str):
    text = text.strip()
    if text.startswith("<!--"):
        text = text[4:]
    if text.endswith("-->"):
        text = text[:-3]
    text = text.strip().removeprefix("<![CDATA[").removesuffix("]]>")
    try:
        return json.loads(text)
    except ValueError:
        pass
    fixed = _TRAILING_COMMA.sub(r"\1", _COMMENTS.sub("", text) if len(text) < 200_000 else text)
    try:
        return json.loads(fixed)
    except ValueError:
        pass
    # several objects one after the other
    out, pos, dec = [], 0, json.JSONDecoder()
    while pos < len(fixed):
        while pos < len(fixed) and fixed[pos] in " \t\r\n,;":
            pos += 1
        if pos >= len(fixed):
            break
        try:
            obj, pos = dec.raw_decode(fixed, pos)
        except ValueError:
            break
        out.append(obj)
    return out or None


def _flatten(obj, out: list, depth: int = 0) -> None:
    if len(out) >= MAX_OBJECTS or depth > 12:
        return
    if isinstance(obj, list):
        for x in obj:
            _flatten(x, out, depth + 1)
    elif isinstance(obj, dict):
        out.append(obj)
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement", "hasPart", "comment",
                    "suggestedAnswer", "acceptedAnswer", "item"):
            val = obj.get(key)
            if isinstance(val, (list, dict)):
                _flatten(val, out, depth + 1)


def objects(tree) -> list[dict]:
    """Every JSON-LD object of the page (``@graph`` members and nested entities included)."""
    out: list[dict] = []
    try:  # a walk over the elements: faster than the XPath ``//script[@type=...]``
        scripts = [s for s in tree.getroottree().iter("script") if s.get("type") == _SCRIPT_TYPE]
    except Exception:
        return out
    for s in scripts:
        text = s.text or ""
        if not text.strip() or len(text) > MAX_SCRIPT:
            continue
        data = _loads(text)
        if data is not None:
            _flatten(data, out)
    return out


def types_of(obj: dict) -> set[str]:
    t = obj.get("@type")
    if isinstance(t, str):
        return {t.lower().rsplit("/", 1)[-1]}
    if isinstance(t, list):
        return {x.lower().rsplit("/", 1)[-1] for x in t if isinstance(x, str)}
    return set()


def text_of(value) -> str:
    """A JSON-LD value as plain text (names of objects, items of lists)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, dict):
        return text_of(value.get("name") or value.get("@value") or value.get("text"))
    if isinstance(value, list):
        return ", ".join(t for t in (text_of(v) for v in value) if t)
    return ""


def names(value) -> list[str]:
    """Names of persons/organizations (``author``, ``creator``)."""
    if value is None:
        return []
    if isinstance(value, list):
        out = []
        for v in value:
            out.extend(names(v))
        return out
    t = text_of(value)
    return [t] if t else []


