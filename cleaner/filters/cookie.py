"""Cookie and consent notices.

The words and patterns live in rules/*.yaml (category `cookie`); see RuleFilter.
"""
from .base import register
from .rulebased import RuleFilter


@register
class CookieFilter(RuleFilter):
    id = "cookie"
    category = "cookie"
