"""One run loop: every input record becomes exactly one typed ``Outcome``.

``clean_one`` is the only function that turns a record into an outcome: the cleaned
record and its summary (characters in/out, removals by category and rule, notes such
as invalid UTF-8 carried over from the reader), or a rejection with its reason.
``cleaner clean``, ``Cleaner.stream``, ``cleaner templates stream``, the Dask engine and
the datatrove / Hugging Face integrations all call it, through ``run`` (ordered, in
this process or on an engine) or directly.

The work a worker process does is described by a picklable ``RecordWork`` (a Cleaner
factory and the record options): each process builds it once (``build``) and keeps the
handler for every chunk it is given.
"""
from __future__ import annotations

import hashlib
import pickle
from collections import deque
from dataclasses import dataclass
from functools import partial
from typing import Any, Callable, Iterable, Iterator

from .document import TooManyBlocks
from .records import record_problem, source_field, text_value
from .stats import RunStats


def _logger():
    """The package's logger (logging is imported only when there is something to say)."""
    import logging

    return logging.getLogger("cleaner")


# Records per chunk (a worker's unit of work; in this process, the pages analysed
# together: ``batch``), and the characters that end a chunk early.  On one-line records
# a chunk's fixed cost (a few array passes over its pages) is about a tenth of their
# cleaning at 64 records, a third of that at 256; a chunk of long records stops at
# about a megabyte of text.
CHUNK_RECORDS = 256
CHUNK_CHARS = 1_000_000

# the per-document notes a run summary counts (the rest of a document's notes stay with it)
SUMMARY_NOTES = ("invalid_utf8", "encoding", "repaired", "rule_errors", "empty", "page_type", "parts")


@dataclass(frozen=True)
class RecordOptions:
    """How records map to documents.  text_field: the text to clean (replaced by the
    cleaned text); url_field: the page URL (site rules, templates); site_field: group
    pages into sites by this field instead of the URL's registrable domain (as the
    template store was learned); lang_field: a field giving the document's language;
    audit: add a ``removed`` field listing the removed blocks."""

    text_field: str = "text"
    audit: bool = False
    url_field: str = "url"
    site_field: str | None = None
    lang_field: str | None = None


@dataclass(slots=True)
class Payload:
    """What a worker needs to clean one record: the record, its document format hint,
    a reader's reject reason (then there is nothing to clean), the reader's notes."""

    record: Any
    fmt: str | None = None
    reject: str | None = None
    notes: dict | None = None

    @classmethod
    def of(cls, x, text_field: str = "text") -> "Payload":
        """From a reader Item, a record dict, or a plain string (one document)."""
        if isinstance(x, Payload):
            return x
        if isinstance(x, str):
            return cls({text_field: x})
        if hasattr(x, "reject") and hasattr(x, "record") and hasattr(x, "fmt"):
            return cls(x.record, x.fmt, x.reject, getattr(x, "notes", None) or None)
        return cls(x)


@dataclass(slots=True)
class Outcome:
    """The result for one input record: ``record`` (the cleaned record) and ``summary``
    when it was cleaned, ``reason`` when it was rejected.

    ``summary``: ``chars_in``/``chars_out`` (text characters of the blocks),
    ``categories`` and ``rules`` (characters removed by each), ``notes``
    (``SUMMARY_NOTES`` that apply), ``emptied`` (the document had text and none was kept)."""

    record: dict | None = None
    summary: dict | None = None
    reason: str | None = None

    @property
    def ok(self) -> bool:
        return self.reason is None


def summarize(result, reader_notes: dict | None = None) -> dict:
    """The run-summary part of a cleaning ``Result``."""
    chars_in = result.chars_in
    notes = {k: v for k, v in result.notes.items() if k in SUMMARY_NOTES and v}
    if reader_notes:
        notes.update({k: v for k, v in reader_notes.items() if k in SUMMARY_NOTES and v})
    return {
        # characters of block text (markup and layout whitespace not counted)
        "chars_in": chars_in, "chars_out": chars_in - sum(result.chars_removed.values()),
        "categories": result.chars_removed,
        "rules": result.chars_by_rule,
        "notes": notes,
        "emptied": chars_in > 0 and not result.text.strip(),
    }


def _check(cleaner, payload: Payload, options: RecordOptions) -> "Outcome | tuple[str, dict]":
    """The rejection of a record that cannot be cleaned, else the field to clean and
    the arguments of ``Cleaner.clean``."""
    if payload.reject is not None:
        return Outcome(reason=payload.reject)
    record = payload.record
    spec = cleaner.spec
    source, fmt = source_field(record, options.text_field, spec.html_field)
    fmt = fmt or payload.fmt
    problem = record_problem(record, source, spec.max_chars)
    if problem is not None and spec.html_field and isinstance(record, dict) and source not in record:
        problem += f" and no '{spec.html_field}' field"
    if problem is None and fmt == "html":
        from .parse.html import not_html
        problem = not_html(record[source])
        problem = f"field '{source}' {problem}" if problem else None
    if problem is not None:
        return Outcome(reason=problem)
    site = None
    if options.site_field:
        from .corpus.learn import site_of
        site = site_of(record, url_field=options.url_field, site_field=options.site_field)
    return source, dict(text=record[source], lang=text_value(record, options.lang_field),
                        url=text_value(record, options.url_field), doc_id=record.get("id"), fmt=fmt, site=site,
                        audit=options.audit)


def _outcome(cleaner, payload: Payload, source: str, res, options: RecordOptions) -> tuple[Outcome, Any]:
    """The outcome of a record from what ``Cleaner.clean`` returned or raised (``res``)."""
    if isinstance(res, TooManyBlocks):
        return Outcome(reason=str(res) + " (a guard on time and memory)"), None
    if isinstance(res, Exception):  # a bug must not lose the record: reject it with the error
        _logger().error("cleaning failed", exc_info=res)
        return Outcome(reason=f"internal error: {type(res).__name__}: {res}"), None
    out = dict(payload.record)
    if source != options.text_field and not cleaner.spec.keep_html:
        out.pop(source, None)
    out[options.text_field] = res.text
    if res.metadata:
        given = out.get("metadata")
        # datatrove/Dolma records keep their metadata in one dict: what the record
        # already says wins over what the page says
        out["metadata"] = {**res.metadata, **given} if isinstance(given, dict) else res.metadata
    if options.audit:
        out["removed"] = res.removed
    return Outcome(out, summarize(res, payload.notes)), res


def clean_record(cleaner, payload: Payload, options: RecordOptions) -> tuple[Outcome, Any]:
    """``clean_one`` that also returns the cleaning ``Result`` (None when rejected)."""
    got = _check(cleaner, payload, options)
    if isinstance(got, Outcome):
        return got, None
    source, call = got
    try:
        res = cleaner.clean(**call)
    except Exception as exc:
        res = exc
    return _outcome(cleaner, payload, source, res, options)


def clean_one(cleaner, payload: Payload, options: RecordOptions) -> Outcome:
    """The outcome of one record: cleaned (record + summary) or rejected (reason)."""
    return clean_record(cleaner, payload, options)[0]


def clean_records(cleaner, payloads: list[Payload], options: RecordOptions) -> list[Outcome]:
    """``clean_one`` of each payload, their pages analysed together (``batch.clean_many``)."""
    from .batch import clean_many

    checked = [_check(cleaner, p, options) for p in payloads]
    todo = [k for k, got in enumerate(checked) if not isinstance(got, Outcome)]
    results = clean_many(cleaner, [checked[k][1] for k in todo])
    for k, res in zip(todo, results):
        checked[k] = _outcome(cleaner, payloads[k], checked[k][0], res, options)[0]
    return checked


class RecordWork:
    """The per-record work of a run, as a picklable description.

    ``factory()`` builds a Cleaner (e.g. ``functools.partial(Cleaner, spec=spec)``);
    ``build()`` — called once per worker process — returns the handler
    ``Payload -> Outcome``.  ``key`` identifies the work, so a process that is handed
    the same work again (Dask, datatrove, ``datasets``) reuses what it built."""

    def __init__(self, factory: Callable, options: RecordOptions = RecordOptions()):
        self.factory, self.options = factory, options
        self.key = hashlib.sha1(pickle.dumps((type(self).__name__, factory, options))).hexdigest()

    def build(self) -> Callable[[Payload], Outcome]:
        return self.handler(self.factory())

    def handler(self, cleaner) -> "CleanHandler":
        """The handler over an already-built Cleaner (the in-process path)."""
        return CleanHandler(cleaner, self.options)


class CleanHandler:
    """``Payload -> Outcome`` over one Cleaner.  ``fork_safe``: a worker process forked
    from this one may use it as it is (no open database connection inside), instead of
    building its own."""

    __slots__ = ("cleaner", "options")

    def __init__(self, cleaner, options: RecordOptions):
        self.cleaner, self.options = cleaner, options

    def __call__(self, payload: Payload) -> Outcome:
        return clean_one(self.cleaner, payload, self.options)

    def many(self, payloads: list[Payload]) -> list[Outcome]:
        """The handler over a chunk of payloads, their pages analysed together."""
        return clean_records(self.cleaner, payloads, self.options)

    @property
    def fork_safe(self) -> bool:
        store = getattr(self.cleaner, "template_store", None)
        return store is None or getattr(store, "conn", None) is None


def payload_chars(payload) -> int:
    """Characters of a payload's record strings (of the first of a pair): what a chunk
    of records is cut by (``engines.local.cut``)."""
    if type(payload) is tuple:
        payload = payload[0]
    rec = getattr(payload, "record", None)
    if type(rec) is not dict:
        return 0
    return sum(len(v) for v in rec.values() if type(v) is str)


def run(work, items: Iterable, *, to_payload: Callable = Payload.of, engine: str = "local",
        workers: int | None = 1, scheduler: str | None = None, chunk_size: int = CHUNK_RECORDS, local=None,
        client=None, batched: bool = False, chunk_chars: int | None = CHUNK_CHARS) -> Iterator[tuple[Any, Outcome]]:
    """Yield ``(item, outcome)`` for every item, in input order, in bounded memory.

    ``work`` builds the handler (``RecordWork`` or ``corpus.streaming.StreamWork``);
    ``to_payload`` turns an item into what the handler takes.  ``engine``: ``local``
    (``workers`` processes; 1 = this process, using the prebuilt handler ``local`` when
    given; None or 0 = one per CPU) or ``dask`` (``scheduler`` address, or ``client``;
    a local cluster otherwise).  ``batched``: in this process too, records are cleaned
    a chunk at a time (``batch``: their pages analysed together), reading a chunk ahead.
    A chunk holds ``chunk_size`` records, fewer once they hold ``chunk_chars`` characters
    (local engine).  The outcomes do not depend on the engine, the number of workers,
    batching or chunking."""
    pending: deque = deque()

    def payloads():
        for it in items:
            pending.append(it)
            yield to_payload(it)

    if engine == "local":
        from .engines.local import map_ordered
        results = map_ordered(work, payloads(), workers=workers, chunk_size=chunk_size, local=local,
                              batched=batched, chunk_chars=chunk_chars, size=payload_chars)
    elif engine == "dask":
        from .engines.dask import map_ordered_dask
        results = map_ordered_dask(work, payloads(), scheduler=scheduler, workers=workers, chunk_size=chunk_size,
                                   client=client)
    else:
        raise ValueError(f"unknown engine {engine!r}; known: local, dask")
    try:
        for _payload, outcome in results:
            yield pending.popleft(), outcome
    finally:
        close = getattr(results, "close", None)
        if close is not None:
            close()  # a run left early (Ctrl-C, an output error) stops its workers now


def stream_records(cleaner, records: Iterable, *, options: RecordOptions = RecordOptions(),
                   workers: int | None = None, on_reject: Callable | None = None, stats: RunStats | None = None,
                   chunk_size: int = CHUNK_RECORDS, engine: str = "local", scheduler: str | None = None,
                   client=None) -> Iterator[dict]:
    """``Cleaner.stream``: yield the cleaned records; rejects go to ``on_reject(index,
    record, reason)`` (or a logged warning); ``stats`` counts both."""
    stats = stats if stats is not None else RunStats()
    work = RecordWork(partial(type(cleaner), spec=cleaner.spec), options)
    results = run(work, records, to_payload=partial(Payload.of, text_field=options.text_field), engine=engine,
                  workers=workers, scheduler=scheduler, chunk_size=chunk_size, local=work.handler(cleaner),
                  client=client)
    for index, (rec, outcome) in enumerate(results):
        stats.add(outcome)
        if outcome.ok:
            yield outcome.record
        elif on_reject is not None:
            on_reject(index, rec, outcome.reason)
        else:
            _logger().warning("record %d rejected: %s", index, outcome.reason)
