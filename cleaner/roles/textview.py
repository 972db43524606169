"""Roles from the block texts alone, for the template learner (which parses pages
without rules or a language): the title blocks (``title.text_title``) and the prose
of the main body run (``region.body_run``), with prose judged by the same classifier
the cleaner uses (``features.classify``) without a stopword list."""
from __future__ import annotations

import numpy as np

from ..blockstats import block_stats
from ..features import CODE, GOOD, ProseConfig, classify
from .region import body_run
from .title import text_title

_PROSE = ProseConfig()


def prose_tokens(text: str, folded: str, prose: ProseConfig = _PROSE) -> int:
    """The block's token count (from its folded text) when it is GOOD prose, else 0."""
    if not folded:
        return 0
    n = folded.count(" ") + 1
    if n < min(prose.good_sentence_tokens, prose.good_tokens) and (
            len(text) < min(prose.good_cjk, prose.good_cjk_sentence) or text.isascii()):
        return 0  # shorter than any GOOD block
    st = block_stats([text])
    code = classify(np.array([n]), st.ncjk, np.zeros(1), st.ends, st.clauses, np.zeros(1), prose, False)
    return n if int(code[0]) == CODE[GOOD] else 0


def title_blocks(texts: list[str], folded: list[str], page_title: str | None = None) -> set[int]:
    """The blocks that are the page's title (see ``title.text_title``)."""
    return text_title(texts, folded, page_title)


def body_blocks(texts: list[str], folded: list[str], prose: list[int] | None = None) -> set[int]:
    """The prose blocks of the page's main body run; ``prose``: the blocks'
    ``prose_tokens`` when already known."""
    if prose is None:
        prose = [prose_tokens(t, f) for t, f in zip(texts, folded)]
    return body_run(prose)


def page_roles(texts: list[str], folded: list[str], page_title: str | None = None) -> tuple[set, set]:
    """(title block indexes, main-body prose block indexes) of one page."""
    return title_blocks(texts, folded, page_title), body_blocks(texts, folded)
