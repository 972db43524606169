"""Pipelines: an ordered list of filters from a preset or a config file, and the
``Cleaner`` API (``clean`` one text, ``stream`` many records in constant memory).
"""
from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import filters as _filters  # noqa: F401  (registers the filters)
from .document import Document
from .features import ProseConfig
from .filters.base import REGISTRY, Filter
from .filters.context import Context
from .lang import detect
from .page import Page
from .parse import FORMATS, parse, sniff
from .render import OUTPUT_FORMATS, chars_by, removed_records, render
from .spec import CleanerSpec
from .text import fix_surrogates
from .rules.loader import RuleSet

PRESETS: dict[str, tuple[str, ...]] = {
    # the full default: rules by category, within-page repeats, site templates
    # (when a store is given), then the page structure around the article
    # (dom acts on HTML pages only: the main content their tree shows)
    "default": ("quality", "protect", "dom", "nav", "share", "cookie", "comments", "related", "ads",
                "metadata", "footer", "duplicates", "templates", "layout"),
    # rules only: no structural decisions (keeps everything no rule names)
    "rules-only": ("quality", "protect", "nav", "share", "cookie", "comments", "related", "ads",
                   "metadata", "footer", "duplicates", "templates"),
}

# Filter options for HTML pages with a DOM analysis: the page structure, not a text
# header, says where a comment section begins and ends (a "76 Replies" line above a
# forum thread, or a "31 comments" link under a headline, does not start a section
# running to the end of the page).  Options a config sets explicitly win.
HTML_OPTIONS: dict[str, dict] = {"comments": {"sections": False}}

# Filter options for the parts of a huge document (cleaner.parts): a part ends where the
# cut fell, not where a page ends, so a comments header's section would run to the end
# of the part over whatever follows it (ScrapingHub's text joined into one document and
# cut in 4 parts: word F1 .772 with comment sections, .894 without; .876 as one page).
PART_OPTIONS: dict[str, dict] = {"comments": {"sections": False}}

@dataclass
class Result:
    """What ``Cleaner.clean`` returns."""

    text: str
    removed: list[dict]
    document: Document
    lang: str | None
    chars_removed: dict[str, int] = field(default_factory=dict)
    notes: dict = field(default_factory=dict)
    metadata: dict = field(default_factory=dict)  # page metadata (HTML pages): see cleaner.dom.metadata
    chars_in: int = 0  # characters of block text in the input (markup and layout whitespace not counted)
    chars_by_rule: dict[str, int] = field(default_factory=dict)  # characters removed per rule id

    @property
    def rule_errors(self) -> list[str]:
        return list(self.document.meta.get("rule_errors", ()))


def _count_replaced(result: Result, replaced: int) -> Result:
    if replaced:  # counted like the invalid UTF-8 bytes a reader replaces
        result.notes["invalid_utf8"] = result.notes.get("invalid_utf8", 0) + replaced
    return result


class Rejected(Exception):
    """A record that cannot be cleaned; ``reason`` says why."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class Cleaner:
    """Clean scraped text.  ``Cleaner()`` uses the default preset and built-in rules.

    >>> Cleaner().clean("Title\\n\\nSome paragraph of text.\\n\\nShare").text  # doctest: +SKIP
    """

    def __init__(self, preset: str = "default", *, spec: CleanerSpec | None = None,
                 rules: RuleSet | None = None, rules_dirs=(), templates=None, **spec_options):
        if spec is None:
            spec = CleanerSpec(preset=preset, rules_dirs=tuple(str(d) for d in rules_dirs),
                               templates=str(templates) if isinstance(templates, (str, Path)) else None,
                               **spec_options)
        self.spec = spec
        if spec.input_format not in FORMATS:
            raise ValueError(f"unknown input format {spec.input_format!r}; known: {', '.join(FORMATS)}")
        if spec.output_format not in OUTPUT_FORMATS:
            raise ValueError(f"unknown output format {spec.output_format!r}; known: {', '.join(OUTPUT_FORMATS)}")
        self.rules = rules or RuleSet.load(spec.rules_dirs, include_builtin=spec.include_builtin_rules,
                                           timeout=spec.timeout)
        prose = ProseConfig()
        if spec.prose:
            names = {f.name for f in fields(ProseConfig)}
            bad = [k for k, _ in spec.prose if k not in names]
            if bad:
                raise ValueError(f"unknown prose option(s) {bad}; known: {sorted(names)}")
            prose = replace(prose, **dict(spec.prose))
        self.context = Context(self.rules, prose, tuple(spec.always_languages))
        self.template_store = None
        if templates is not None and not isinstance(templates, (str, Path)):
            self.template_store = templates  # an open store object
            if getattr(templates, "path", None) and not spec.templates:
                # worker processes rebuild the Cleaner from the spec: give them the path
                spec = replace(spec, templates=str(templates.path))
                self.spec = spec
        elif spec.templates:
            from .corpus.store import TemplateStore
            self.template_store = TemplateStore.open(spec.templates)
        self.filters = self._build_filters()
        self.html_filters = self._build_filters(HTML_OPTIONS)
        self._part_filters: list[Filter] | None = None
        from .filters.rulebased import RuleFilter
        self.context.categories = tuple(f.category for f in self.filters if isinstance(f, RuleFilter))

    # -- construction ---------------------------------------------------------------
    def _build_filters(self, defaults: dict | None = None) -> list[Filter]:
        spec = self.spec
        if spec.filters:
            entries = [(i, dict(o)) for i, o in spec.filters]
        else:
            if spec.preset not in PRESETS:
                raise ValueError(f"unknown preset {spec.preset!r}; known: {', '.join(PRESETS)}")
            entries = [(i, {}) for i in PRESETS[spec.preset]]
        if defaults:
            entries = [(i, {**defaults.get(i, {}), **o}) for i, o in entries]
        out = []
        for fid, opts in entries:
            cls = REGISTRY.get(fid)
            if cls is None:
                raise ValueError(f"unknown filter {fid!r}; known: {', '.join(sorted(REGISTRY))}")
            if fid == "templates":
                if self.template_store is None:
                    continue
                out.append(cls(context=self.context, store=self.template_store, **opts))
                continue
            out.append(cls(context=self.context, **opts))
        return out

    @property
    def filter_ids(self) -> list[str]:
        return [f.id for f in self.filters]

    # -- one document -----------------------------------------------------------------
    def parse(self, text: str, *, fmt: str | None = None, doc_id=None, url=None, lang=None,
              site: str | None = None) -> Document:
        doc = parse(text, fmt or self.spec.input_format, doc_id=doc_id,
                    inline=self.spec.output_format != "text")
        doc.url = url
        if site is not None:  # the page's site when grouped by a record field, not by its URL
            doc.meta["site"] = site
        lang = lang or self.spec.lang
        if lang:
            doc.lang = lang
            doc.meta["langs"] = {lang}
            doc.meta["lang_source"] = "given"
        else:
            primary, langs = detect([b.text for b in doc.blocks])
            doc.lang = primary
            doc.meta["langs"] = langs
            doc.meta["lang_source"] = "detected"
        return doc

    @property
    def part_filters(self) -> list[Filter]:
        """The filters for a part of a huge document (``PART_OPTIONS``), built when first needed."""
        if self._part_filters is None:
            self._part_filters = self._build_filters(PART_OPTIONS)
        return self._part_filters

    def process(self, doc: Document, *, part: bool = False, page: Page | None = None) -> Document:
        """Run the filters over a parsed document (they add verdicts to its blocks);
        ``part``: the document is a part of a huge one (``cleaner.parts``); ``page``: the
        document's Page, already made (``cleaner.batch``; its roles are let go afterwards:
        ``Page.done``)."""
        if "_nodes" in doc.meta:
            return self._process_html(doc)
        page = page or Page(doc, self.context)
        for f in self.part_filters if part else self.filters:
            f.apply(page)
        page.done()
        return doc

    def _process_html(self, doc: Document) -> Document:
        """HTML pages: the DOM analysis first, then the other filters over the content it
        located (``cleaner.dom.scope``), or over the whole page when it located none."""
        from .dom.scope import content_view
        first = [f for f in self.html_filters if f.id == "dom"]
        rest = [f for f in self.html_filters if f.id != "dom"]
        whole = Page(doc, self.context)
        for f in first:
            f.apply(whole)
        whole.done()
        with content_view(doc) if first else nullcontext() as sub:
            page = Page(sub if sub is not None else doc, self.context)
            for f in rest:
                f.apply(page)
            page.done()
        return doc

    def clean(self, text: str, *, lang: str | None = None, url: str | None = None,
              fmt: str | None = None, doc_id=None, site: str | None = None, audit: bool = True) -> Result:
        """Clean one text.  Returns the cleaned text and every removal with its reason.

        Text or markup longer than twice ``spec.part_chars`` is cleaned in parts, each
        a page of its own (``cleaner.parts``): then ``Result.document`` holds no blocks,
        ``notes["parts"]`` says how many parts there were, and ``Result.removed`` lists
        the removals only with ``audit`` (the counts by category and rule are kept)."""
        if not isinstance(text, str):
            raise TypeError(f"clean() takes a str, not {type(text).__name__}; decode bytes first "
                            "(data.decode(\"utf-8\", errors=\"replace\"))")
        text, replaced = fix_surrogates(text)
        result = self._clean_text(text, lang=lang, url=url, fmt=fmt, doc_id=doc_id, site=site, audit=audit)
        return _count_replaced(result, replaced)

    def _clean_text(self, text: str, *, lang, url, fmt, doc_id, site, audit) -> Result:
        size = self.spec.part_chars
        if size and len(text) > 2 * size:
            fmt = fmt or self.spec.input_format
            if fmt == "auto":
                fmt = sniff(text)
            if fmt != "html":
                from .parts import clean_in_parts
                return Result(**clean_in_parts(self.clean_page, text, size, fmt=fmt,
                                               output_format=self.spec.output_format, lang=lang, url=url,
                                               doc_id=doc_id, site=site, audit=audit))
        return self.clean_page(text, lang=lang, url=url, fmt=fmt, doc_id=doc_id, site=site)

    def clean_page(self, text: str, *, lang: str | None = None, url: str | None = None,
                   fmt: str | None = None, doc_id=None, site: str | None = None, part: bool = False) -> Result:
        """``clean`` of the whole text as one page, whatever its size; ``part``: the text
        is a part of a huge document (``cleaner.parts``: its filter options)."""
        doc = self.parse(text, fmt=fmt, doc_id=doc_id, url=url, lang=lang, site=site)
        if part:
            self.process(doc, part=True)
        else:
            self.process(doc)
        return self.result_of(doc)

    def result_of(self, doc: Document, replaced: int = 0) -> Result:
        """The Result of a processed document; ``replaced``: surrogates replaced in its text."""
        notes = {k: v for k, v in doc.meta.items() if not k.startswith("_") and k != "layout"}
        removed = removed_records(doc)
        out = render(doc, self.spec.output_format, links=self.spec.links)
        if doc.source_format == "html" and not out:
            from .parse.html import empty_reason
            notes["empty"] = empty_reason(doc)
        meta = {}
        if self.spec.metadata and doc.source_format == "html":
            from .dom.metadata import page_metadata
            meta = page_metadata(doc)
        by_category, by_rule = chars_by(removed)
        return _count_replaced(Result(out, removed, doc, doc.lang, by_category, notes, meta,
                                      chars_in=sum([len(b.text) for b in doc.blocks]),
                                      chars_by_rule=by_rule), replaced)

    # -- records --------------------------------------------------------------------------
    def clean_record(self, record, *, text_field: str = "text", audit: bool = False,
                     url_field: str = "url", lang_field: str | None = None, site_field: str | None = None,
                     fmt: str | None = None) -> tuple[dict, Result]:
        """Clean one JSON-like record; raises Rejected with a reason for a bad record."""
        from .run import Payload, RecordOptions
        from .run import clean_record as run_one

        options = RecordOptions(text_field=text_field, audit=audit, url_field=url_field, site_field=site_field,
                                lang_field=lang_field)
        outcome, res = run_one(self, Payload(record, fmt), options)
        if not outcome.ok:
            raise Rejected(outcome.reason)
        return outcome.record, res

    def stream(self, records: Iterable, *, text_field: str = "text", audit: bool = False,
               workers: int | None = None, on_reject: Callable | None = None,
               stats=None, chunk_size: int = 64, engine: str = "local",
               scheduler: str | None = None, options=None, client=None) -> Iterator[dict]:
        """Clean an iterable of records lazily, in order, in constant memory.

        ``records`` may hold dicts (``{"id", "text", ...}``) or plain strings.  Each
        input yields exactly one output record, unless it is rejected: then
        ``on_reject(index, record, reason)`` is called (or, without a callback, a
        warning is logged) and ``stats`` (a RunStats) counts it.  ``workers``: processes
        (None: one per CPU; 1: this process), each building the pipeline once.
        ``engine="dask"`` runs on a Dask cluster (``scheduler`` address or ``client``, or
        a local cluster).  ``options``: a ``run.RecordOptions`` (url/site/lang fields),
        overriding ``text_field``/``audit``.  Output order never changes.
        """
        from .run import RecordOptions, stream_records

        options = options or RecordOptions(text_field=text_field, audit=audit)
        yield from stream_records(self, records, options=options, workers=workers, on_reject=on_reject,
                                  stats=stats, chunk_size=chunk_size, engine=engine, scheduler=scheduler,
                                  client=client)
