"""Page metadata of an HTML page, for the output record's ``metadata`` key.

Fields (absent when unknown): ``title``, ``authors`` (list), ``published``,
``modified`` (ISO dates), ``site_name``, ``url`` (canonical), ``language``,
``description``, ``page_type`` (article, forum, product, collection, listing,
documentation or service).  Sources, first found wins: JSON-LD, OpenGraph and
other ``<meta>`` tags, ``<link rel=canonical>``, ``<html lang>``, the page itself
(the headline the DOM analysis found, the ``<title>``); dates fall back to
``htmldate`` (its fast mode: markup and URL, no full-text search).
"""
from __future__ import annotations

import regex

from . import jsonld

_WS = regex.compile(r"\s+")
_DATE = regex.compile(r"^\d{4}-\d{2}-\d{2}")
_LANG = regex.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")

_META_KEYS = {
    "title": ("og:title", "twitter:title", "dc.title", "citation_title"),
    "description": ("og:description", "description", "twitter:description", "dc.description"),
    "site_name": ("og:site_name", "application-name", "twitter:site"),
    "authors": ("author", "article:author", "dc.creator", "citation_author", "parsely-author", "sailthru.author"),
    "published": ("article:published_time", "datepublished", "date", "dc.date", "dc.date.issued",
                  "citation_publication_date", "pubdate", "publish-date", "parsely-pub-date",
                  "sailthru.date", "og:published_time"),
    "modified": ("article:modified_time", "og:updated_time", "datemodified", "last-modified", "dc.date.modified"),
    "url": ("og:url",),
    "language": ("og:locale", "content-language", "dc.language"),
    "og_type": ("og:type",),
}


def _clean(s) -> str:
    return _WS.sub(" ", s).strip() if isinstance(s, str) else ""


def _meta_tags(tree) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    if tree is None:
        return out
    for m in tree.iter("meta"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or m.get("http-equiv") or "").strip().lower()
        val = _clean(m.get("content"))
        if key and val:
            out.setdefault(key, []).append(val)
    return out


def _date(value: str) -> str | None:
    value = _clean(value)
    m = _DATE.match(value)
    return m.group() if m else None


def _from_jsonld(objs: list[dict]) -> dict:
    out: dict = {}
    for o in objs:
        ts = jsonld.types_of(o)
        if not ts:
            continue
        if ts & {"website"}:
            out.setdefault("site_name", jsonld.text_of(o.get("name")))
            continue
        main = ts & (jsonld.ARTICLE_TYPES | jsonld.FORUM_TYPES | jsonld.PRODUCT_TYPES | jsonld.COLLECTION_TYPES
                     | jsonld.DOC_TYPES | {"webpage"})
        if not main:
            continue
        title = jsonld.text_of(o.get("headline") or o.get("name"))
        if title and "title" not in out and not ts & {"webpage"}:
            out["title"] = title
        authors = jsonld.names(o.get("author") or o.get("creator"))
        if authors and "authors" not in out:
            out["authors"] = authors
        for key, src in (("published", "datePublished"), ("modified", "dateModified")):
            d = _date(jsonld.text_of(o.get(src)))
            if d and key not in out:
                out[key] = d
        desc = jsonld.text_of(o.get("description"))
        if desc and "description" not in out:
            out["description"] = desc
        pub = o.get("publisher")
        if isinstance(pub, dict) and "site_name" not in out and jsonld.text_of(pub.get("name")):
            out["publisher"] = jsonld.text_of(pub.get("name"))
        kind = type_from_schema(ts)
        if kind and "page_type" not in out:
            out["page_type"] = kind
    return {k: v for k, v in out.items() if v}


# schema.org types -> page type, the first that matches wins
_SCHEMA_PAGE_TYPES = (("forum", jsonld.FORUM_TYPES), ("documentation", jsonld.DOC_TYPES),
                      ("product", jsonld.PRODUCT_TYPES), ("collection", jsonld.COLLECTION_TYPES),
                      ("article", jsonld.ARTICLE_TYPES), ("service", jsonld.SERVICE_TYPES))


def type_from_schema(types: set[str]) -> str | None:
    return next((name for name, known in _SCHEMA_PAGE_TYPES if types & known), None)


def _og_type(value: str) -> str | None:
    v = value.lower()
    if v in ("article", "blog", "news") or v.startswith("article"):
        return "article"
    if v.startswith("product") or v == "og:product":
        return "product"
    return None


def _page_meta_tags(doc) -> dict[str, list[str]]:
    metas = doc.meta.get("_metas")
    if metas is None:
        metas = doc.meta["_metas"] = _meta_tags(doc.meta.get("_tree"))
    return metas


def _page_jsonld(doc) -> list[dict]:
    objs = doc.meta.get("_jsonld")
    if objs is None:
        tree = doc.meta.get("_tree")
        objs = doc.meta["_jsonld"] = jsonld.objects(tree) if tree is not None else []
    return objs


def _jsonld_fields(doc) -> dict:
    fields = doc.meta.get("_jsonld_fields")
    if fields is None:
        fields = doc.meta["_jsonld_fields"] = _from_jsonld(_page_jsonld(doc))
    return fields


def declared_type(doc) -> str | None:
    """The page type the page declares about itself: its JSON-LD schema.org type, else
    its ``og:type`` (article or product); None when it declares none."""
    kind = _jsonld_fields(doc).get("page_type")
    if kind:
        return kind
    og = _page_meta_tags(doc).get("og:type")
    return _og_type(og[0]) if og else None


def post_description(doc) -> str | None:
    """The description of a page that declares itself a dated post (a publication time in
    its JSON-LD or ``<meta>``), else None: for an app shell that shows none of its text."""
    fields = _jsonld_fields(doc)
    metas = _page_meta_tags(doc)
    if not (fields.get("published") or any(_date(v) for k in _META_KEYS["published"] for v in metas.get(k, ()))):
        return None
    desc = fields.get("description") or next(
        (vals[0] for k in _META_KEYS["description"] if (vals := metas.get(k))), None)
    return desc or None


def page_metadata(doc, *, dates: bool = True) -> dict:
    """The metadata of a parsed HTML page (``doc.meta['_tree']``); {} for other inputs."""
    tree = doc.meta.get("_tree")
    if tree is None or doc.source_format != "html":
        return {}
    out = dict(_jsonld_fields(doc))
    metas = _page_meta_tags(doc)
    for field, keys in _META_KEYS.items():
        if field in out:
            continue
        for k in keys:
            vals = metas.get(k)
            if not vals:
                continue
            if field == "authors":
                out[field] = [v for v in dict.fromkeys(vals) if not v.startswith("http")] or None
            elif field in ("published", "modified"):
                out[field] = _date(vals[0])
            else:
                out[field] = vals[0]
            if out.get(field):
                break
            out.pop(field, None)
    og_type = out.pop("og_type", None)
    publisher = out.pop("publisher", None)
    if "site_name" not in out and publisher:
        out["site_name"] = publisher
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            out["url"] = link.get("href").strip()
            break
    html_lang = tree.get("lang") or tree.get("xml:lang")
    if html_lang and _LANG.match(html_lang.strip()):
        out["language"] = html_lang.strip()
    if out.get("language"):
        out["language"] = out["language"].replace("_", "-").split("-")[0].lower()
    if "title" not in out:
        content = doc.meta.get("content") or {}
        t = content.get("title")
        if t is None:
            t = content.get("headline")  # left out of the text, still the page's title
        if t is not None and t < len(doc.blocks):
            out["title"] = doc.blocks[t].text
        elif doc.meta.get("page_title"):
            out["title"] = doc.meta["page_title"]
    if dates and ("published" not in out or "modified" not in out):
        out.update({k: v for k, v in _htmldate(tree, doc.url).items() if k not in out})
    content = doc.meta.get("content") or {}
    if "page_type" not in out:
        guess = _og_type(og_type or "") or content.get("page_type")
        if guess:
            out["page_type"] = guess
    return {k: v for k, v in out.items() if v}


def _htmldate(tree, url) -> dict:
    try:
        from htmldate import find_date
    except ImportError:  # pragma: no cover - a declared dependency
        return {}
    out = {}
    try:
        pub = find_date(tree, url=url, extensive_search=False, original_date=True)
        mod = find_date(tree, url=url, extensive_search=False, original_date=False)
    except Exception:  # a date library's quirk must never cost the record
        return out
    if pub:
        out["published"] = pub
    if mod and mod != pub:
        out["modified"] = mod
    return out
