"""Navigation menus, breadcrumbs, login/app/subscribe banners, skip links.

The words and patterns live in rules/*.yaml (category `nav`); see RuleFilter.
"""
from .base import register
from .rulebased import RuleFilter


@register
class NavFilter(RuleFilter):
    id = "nav"
    category = "nav"
