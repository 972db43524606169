"""``CleanBatch``: cleaner for Hugging Face ``datasets`` (``pip install 'cleaner[hf]'``).

    from datasets import load_dataset
    from cleaner.integrations.hf import CleanBatch

    ds = load_dataset("json", data_files="crawl.jsonl", split="train")
    ds = ds.map(CleanBatch(), batched=True, num_proc=4)
    kept = ds.filter(lambda r: not r["cleaner_rejected"])

Every row stays (nothing is lost): its text column holds the cleaned text, and the
``cleaner_rejected`` column is empty, or the reason the row could not be cleaned (its
text is then left as it was).  ``audit=True`` adds a ``cleaner_removed`` column (the
removed blocks with rule, category and reason, as a JSON string: a batch where
nothing was removed has no Arrow type to give them), ``stats=True`` the characters
in and kept and whether the row was emptied.  Every column always has a value (a
batch of all-None values would have no Arrow type).  The callable is small to pickle; each worker
process builds the Cleaner once, on its first batch, and keeps it.
"""
from __future__ import annotations

import json
from functools import partial

from ..engines.local import handler_of
from ..pipeline import Cleaner, CleanerSpec
from ..run import Payload, RecordOptions, RecordWork


class CleanBatch:
    """``batch -> columns`` for ``Dataset.map(batched=True)`` (see the module doc).

    spec: the pipeline (default preset, built-in rules); options: a ``run.RecordOptions``
    (``text_field`` is the text column, ``url_field``/``site_field``/``lang_field`` other
    columns); reject_column: the name of the reason column."""

    def __init__(self, spec: CleanerSpec | None = None, *, options: RecordOptions | None = None,
                 text_field: str = "text", audit: bool = False, stats: bool = False,
                 reject_column: str = "cleaner_rejected"):
        self.options = options or RecordOptions(text_field=text_field, audit=audit)
        self.work = RecordWork(partial(Cleaner, spec=spec or CleanerSpec()), self.options)
        self.stats, self.reject_column = stats, reject_column

    def __call__(self, batch: dict) -> dict:
        handler = handler_of(self.work)
        tf = self.options.text_field
        names = list(batch)
        n = len(batch[tf]) if tf in batch else len(next(iter(batch.values()), []))
        texts, reasons, removed, chars_in, chars_kept, emptied = [], [], [], [], [], []
        for i in range(n):
            rec = {k: batch[k][i] for k in names}
            o = handler(Payload(rec))
            s = o.summary or {}
            texts.append(o.record[tf] if o.ok else rec.get(tf))
            reasons.append(o.reason or "")
            if self.options.audit:
                removed.append(json.dumps(o.record["removed"] if o.ok else [], ensure_ascii=False))
            chars_in.append(s.get("chars_in", 0))
            chars_kept.append(s.get("chars_out", 0))
            emptied.append(bool(s.get("emptied", False)))
        out = {tf: texts, self.reject_column: reasons}
        if self.options.audit:
            out["cleaner_removed"] = removed
        if self.stats:
            out.update(cleaner_chars_in=chars_in, cleaner_chars_kept=chars_kept, cleaner_emptied=emptied)
        return out

