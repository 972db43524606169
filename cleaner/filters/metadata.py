"""Datelines, bylines, source/editor lines, keyword/tag lines, and metadata
prefixes glued to a paragraph (trim rules).

The words and patterns live in rules/*.yaml (category `metadata`); see RuleFilter.
"""
from .base import register
from .rulebased import RuleFilter


@register
class MetadataFilter(RuleFilter):
    id = "metadata"
    category = "metadata"
