"""``CleanerStep``: cleaner as a datatrove ``PipelineStep`` (``pip install 'cleaner[datatrove]'``).

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleaner.integrations.datatrove import CleanerStep

    LocalPipelineExecutor(pipeline=[JsonlReader("crawl/"), CleanerStep(), JsonlWriter("clean/")],
                          tasks=8, workers=4, logging_dir="logs/").run()

Each document's text is replaced by the cleaned text (its ``metadata`` feeds the
record: ``url``, a site field, a language field).  A document that cannot be
cleaned is dropped *with its reason*: counted in the step's stats as
``dropped`` and ``dropped_<reason>`` and, with an ``exclusion_writer``, written there
with ``metadata["filter_reason"]`` — so ``total = forwarded + dropped`` and nothing
is lost silently.  The stats also hold the characters in, kept and removed per
category, and the documents emptied; with ``drop_empty`` those are dropped too
(reason ``emptied``).  The Cleaner is built once per process, on the first document.
"""
from __future__ import annotations

import contextlib
import re
from functools import partial

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.base import PipelineStep

from ..engines.local import handler_of
from ..pipeline import Cleaner, CleanerSpec
from ..run import Payload, RecordOptions, RecordWork


def reason_key(reason: str) -> str:
    """A stats label for a reject reason: its stable prefix (before any ' (' or ':'
    detail), numbers as ``n``, words joined by ``_`` (so one kind of reject is one label)."""
    head = reason.split(" (")[0].split(":")[0].lower().replace("'", "")
    return "_".join("n" if w[0].isdigit() else w for w in re.findall(r"[a-z]+|\d[\d,.]*", head))


class CleanerStep(PipelineStep):
    """Clean every document's text (see the module doc).

    spec: the pipeline (a ``CleanerSpec``; default preset and built-in rules);
    options: a ``run.RecordOptions`` (its ``text_field`` is where the document's text
      goes in the record; ``url_field``/``site_field``/``lang_field`` name metadata keys);
    audit: keep the removed blocks in ``metadata["removed"]``;
    drop_empty: drop documents that kept no text (reason ``emptied``);
    exclusion_writer: a datatrove writer for the dropped documents."""

    name = "cleaner"
    type = "Cleaner"

    def __init__(self, spec: CleanerSpec | None = None, *, options: RecordOptions | None = None,
                 audit: bool = False, drop_empty: bool = False, exclusion_writer=None):
        super().__init__()
        self.options = options or RecordOptions(audit=audit)
        self.work = RecordWork(partial(Cleaner, spec=spec or CleanerSpec()), self.options)
        self.drop_empty = drop_empty
        self.exclusion_writer = exclusion_writer

    def _record(self, doc: Document) -> dict:
        rec = dict(doc.metadata)
        rec["id"] = doc.id
        rec[self.options.text_field] = doc.text
        return rec

    def _drop(self, doc: Document, reason: str, writer, rank: int) -> None:
        self.stat_update("dropped", f"dropped_{reason_key(reason)}")
        if writer is not None:
            doc.metadata["filter_reason"] = reason
            writer.write(doc, rank)

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        if data is None:
            return
        handler = handler_of(self.work)
        tf = self.options.text_field
        with self.exclusion_writer if self.exclusion_writer else contextlib.nullcontext() as writer:
            for doc in data:
                self.stat_update("total")
                with self.track_time():
                    o = handler(Payload(self._record(doc)))
                if not o.ok:
                    self._drop(doc, o.reason, writer, rank)
                    continue
                s = o.summary
                self.stat_update("chars_in", value=s["chars_in"], unit="doc")
                self.stat_update("chars_kept", value=s["chars_out"], unit="doc")
                for cat, n in s["categories"].items():
                    self.stat_update(f"removed_{cat}", value=n, unit="doc")
                for note in s["notes"]:
                    self.stat_update(f"note_{note}")
                if s["emptied"]:
                    self.stat_update("emptied")
                    if self.drop_empty:
                        self._drop(doc, "emptied", writer, rank)
                        continue
                doc.text = o.record[tf]
                if self.options.audit:
                    doc.metadata["removed"] = o.record["removed"]
                self.stat_update("forwarded")
                self.update_doc_stats(doc)
                yield doc
