"""Cleaner inside the frameworks corpus builders use (optional extras):

- ``cleaner.integrations.datatrove``: ``CleanerStep``, a datatrove ``PipelineStep``;
- ``cleaner.integrations.hf``: ``CleanBatch`` for ``datasets.Dataset.map(batched=True, num_proc=N)``;
- ``cleaner.integrations.dask``: ``clean_bag`` for a ``dask.bag.Bag`` of records.

All of them clean each record with ``cleaner.run.clean_one`` (the same outcome the
command line writes) and build the Cleaner once per process.  See docs/scale.md.
"""
