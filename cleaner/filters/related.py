"""Related-article and related-video lists, read-also sections.

The words and patterns live in rules/*.yaml (category `related`); see RuleFilter.
"""
from .base import register
from .rulebased import RuleFilter


@register
class RelatedFilter(RuleFilter):
    id = "related"
    category = "related"
