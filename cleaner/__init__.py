"""cleaner: clean boilerplate and noise out of web-scraped text, explainably.

    from cleaner import Cleaner
    result = Cleaner().clean(text)          # result.text, result.removed
    for rec in Cleaner().stream(records):   # constant memory, in order
        ...
"""
from .document import CATEGORIES, Block, Document, Verdict

__version__ = "0.1.0"

_PIPELINE = ("PRESETS", "Cleaner", "CleanerSpec", "Rejected", "Result")


def __getattr__(name: str):
    # the pipeline (numpy, the filters) is imported when first asked for, so the command
    # line can set up the process before it is loaded (see cleaner.cli)
    if name in _PIPELINE:
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'cleaner' has no attribute {name!r}")


__all__ = ["Cleaner", "CleanerSpec", "Result", "Rejected", "Document", "Block", "Verdict",
           "CATEGORIES", "PRESETS", "__version__"]
