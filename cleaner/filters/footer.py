"""License/copyright footers, registration numbers (ICP), report hotlines,
footer link rows.

The words and patterns live in rules/*.yaml (category `footer`); see RuleFilter.
"""
from .base import register
from .rulebased import RuleFilter


@register
class FooterFilter(RuleFilter):
    id = "footer"
    category = "footer"
