"""Comment sections and comment prompts.

The words and patterns live in rules/*.yaml (category `comments`); see RuleFilter.
"""
from .base import register
from .rulebased import RuleFilter


@register
class CommentsFilter(RuleFilter):
    id = "comments"
    category = "comments"
