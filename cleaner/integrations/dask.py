"""``clean_bag``: clean a ``dask.bag.Bag`` of records (``pip install 'cleaner[dask]'``).

For an ordered stream of records on a Dask cluster, use ``Cleaner.stream(...,
engine="dask")`` instead (``cleaner.engines.dask``)."""
from __future__ import annotations

from functools import partial

from ..engines.local import handler_of
from ..pipeline import Cleaner, CleanerSpec
from ..run import Payload, RecordOptions, RecordWork


def clean_bag(bag, spec: CleanerSpec | None = None, *, options: RecordOptions | None = None,
              text_field: str = "text", audit: bool = False):
    """A bag with one output per input record: the cleaned record, or, for a record
    that cannot be cleaned, ``{"id": ..., "rejected": reason}`` so nothing is lost.
    ``spec``: the pipeline (default preset); ``options``: a ``run.RecordOptions``
    (default: ``text_field`` and ``audit``).  Each worker process builds the Cleaner
    once and keeps it for every partition."""
    options = options or RecordOptions(text_field=text_field, audit=audit)
    work = RecordWork(partial(Cleaner, spec=spec or CleanerSpec()), options)
    return bag.map_partitions(_clean_partition, work)


def _clean_partition(records, work: RecordWork) -> list:
    handler = handler_of(work)
    out = []
    for rec in records:
        o = handler(Payload.of(rec, work.options.text_field))
        out.append(o.record if o.ok else
                   {"id": rec.get("id") if isinstance(rec, dict) else None, "rejected": o.reason})
    return out
