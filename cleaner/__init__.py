"""cleaner: clean boilerplate and noise out of web-scraped text, explainably.

    from cleaner import Cleaner
    result = Cleaner().clean(text)          # result.text, result.removed
    for rec in Cleaner().stream(records):   # constant memory, in order
        ...
"""
from .document import CATEGORIES, Block, Document, Verdict
from .pipeline import PRESETS, Cleaner, CleanerSpec, Rejected, Result

__version__ = "0.1.0"

__all__ = ["Cleaner", "CleanerSpec", "Result", "Rejected", "Document", "Block", "Verdict",
           "CATEGORIES", "PRESETS", "__version__"]
