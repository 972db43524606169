"""Boilerplate marks of HTML elements: what an element's own tag, ARIA role and whole
class/id tokens say it is (a menu, a footer, a share bar, a hidden box), read from the
rule packs' selector rules and lexicons (knowledge in ``rules/``, never substrings of a
name).  A BEM class (``block__element--modifier``) also names its element; a modifier is
mostly a state (``section--ads``: a section where ads may go), and names the element only
for the categories the rule packs list (``bem_modifier_categories``: ``rail--trending``
is a trending rail)."""
from __future__ import annotations

from functools import lru_cache

import regex

BOILER_TAGS = frozenset(("tag:nav", "tag:aside", "tag:footer", "tag:menu",
                         "role:navigation", "role:banner", "role:contentinfo", "role:complementary",
                         "role:search", "role:menu", "role:menubar", "role:dialog", "role:alert"))


@lru_cache(maxsize=65536)
def token_names(tok: str) -> tuple[str, ...]:
    """A class/id token and, for a BEM name (``block__element--modifier``), its element
    name: ``media__caption`` -> ``media__caption``, ``caption``.  Each is a whole name;
    nothing is matched inside a name, and a modifier (``section--ads``: a state, not a
    part) is not a name of the element."""
    if "__" not in tok:
        return (tok,)
    element = tok.rsplit("__", 1)[1].split("--", 1)[0]
    return (tok, element) if element else (tok,)


_RESPONSIVE = regex.compile(r"^d-[a-z0-9]+-(?!none$)[a-z-]+$")


def _responsive(tok: str) -> bool:
    """A responsive display variant (``md:block``, ``d-lg-flex``): shown on some screens."""
    return ":" in tok or bool(_RESPONSIVE.match(tok))


@lru_cache(maxsize=65536)
def modifier_names(tok: str) -> tuple[str, ...]:
    """The BEM modifiers of a class token, each a whole name: ``rail--trending`` ->
    ``trending``; ``list--related--wide`` -> ``related``, ``wide``."""
    return tuple(m for m in tok.split("--")[1:] if m)


def boiler_nodes(nodes, boiler_tokens: dict, hidden_tokens: frozenset = frozenset(),
                 modifier_categories: frozenset = frozenset()) -> list[str | None]:
    """Per element: the category its own tag/role/class/id marks it with (boilerplate),
    or None.  ``boiler_tokens`` maps whole tokens (or BEM element names) to
    rule categories; ``hidden_tokens`` are utility classes that hide an element
    (category ``hidden``, unless a responsive variant shows it on some screens);
    ``modifier_categories``: the categories a BEM modifier may mark an element with."""
    out = []
    get = boiler_tokens.get
    for toks in nodes.toks:
        cat = None
        for tok in toks:
            cat = get(tok) or ("nav" if tok in BOILER_TAGS else "form" if tok == "tag:form" else None)
            if cat:
                break
            if "__" in tok:
                cat = get(token_names(tok)[-1])
                if cat:
                    break
            if "--" in tok and modifier_categories:
                cat = next((c for m in modifier_names(tok) if (c := get(m)) in modifier_categories), None)
                if cat:
                    break
            if tok in hidden_tokens and not any(_responsive(t) for t in toks):
                cat = "hidden"
                break
        out.append(cat)
    return out
