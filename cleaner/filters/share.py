"""Share widgets and follow-us prompts (icon rows rendered as words).

The words and patterns live in rules/*.yaml (category `share`); see RuleFilter.
"""
from .base import register
from .rulebased import RuleFilter


@register
class ShareFilter(RuleFilter):
    id = "share"
    category = "share"
