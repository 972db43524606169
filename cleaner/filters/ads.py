"""Advertising labels and sponsored-content markers.

The words and patterns live in rules/*.yaml (category `ads`); see RuleFilter.
"""
from .base import register
from .rulebased import RuleFilter


@register
class AdsFilter(RuleFilter):
    id = "ads"
    category = "ads"
