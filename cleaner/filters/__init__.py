"""Filters: each adds verdicts to a Document's blocks and never deletes text.

Importing this package registers every built-in filter in ``base.REGISTRY``.
"""
from . import (ads, comments, cookie, dom, duplicates, footer, layout, metadata, nav,  # noqa: F401
               protect, quality, related, share, templates)
from .base import REGISTRY, Filter, register  # noqa: F401
