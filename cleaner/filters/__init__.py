"""Filters: each adds verdicts to a Document's blocks and never deletes text.

Importing this package registers every built-in filter in ``base.REGISTRY``.
"""
from . import (ads, comments, cookie, footer, layout, metadata, nav, protect,  # noqa: F401
               quality, related, share)
from .base import REGISTRY, Filter, register  # noqa: F401
