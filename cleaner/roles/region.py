"""Where the content runs: the article region (a maximum-sum run of weighted
blocks), the teaser series that stops it, the tail that may continue it, the prose
core the duplicate policy protects, the point where a section header's extent ends
(article prose resumes), and the template learner's main body run.

Weights (``weight``): GOOD prose counts its tokens, NEAR a share of them, a
headline-shaped NEAR block and SHORT/BAD blocks count against; ``strictness`` scales
every penalty.  Blocks already dropped by a rule weigh nothing.  A block that is one
phrase printed twice (``doubled``: a teaser card's link text and image alt) weighs as
a headline.
"""
from __future__ import annotations

from ..features import BAD, GOOD, NEAR, SHORT


def weight(c, n, cfg, sentence=True) -> float:
    """The weight of one block of class ``c`` and ``n`` tokens (``weights``)."""
    return weights([c], [n], cfg, [sentence])[0]


DOUBLED_TOKENS = 3  # a doubled block's half has at least this many tokens


def doubled(text: str) -> bool:
    """The block is one phrase printed twice ("Best TV deals of 2019 Best TV deals of
    2019"): a teaser card's link text and its image's alt text, glued by the scraper.  (Its
    second half opens with its first word: a text whose first word does not recur is not
    split into words.)"""
    first = text.split(None, 1)[:1]
    if not first or text.find(first[0], len(first[0])) < 0:
        return False
    toks = text.split()
    n = len(toks)
    return n >= 2 * DOUBLED_TOKENS and n % 2 == 0 and toks[:n // 2] == toks[n // 2:]


def weights(cls, ntok, cfg, sentence, bonus=None) -> list[float]:
    """The weight of each block, plus its ``bonus`` if any, in one pass (the penalties
    worked out once, not once per block): a GOOD block its tokens, a NEAR one a share of
    them when it ends a sentence (else a headline's weight), a BAD or short one a penalty
    by its length, a longer SHORT one a share of its tokens; a dropped block (``None``) 0."""
    k = cfg.strictness
    near, headline, bad = cfg.near_weight, k * cfg.headline_weight, -k * cfg.bad_penalty
    short, mid, long_short = -k * cfg.short_penalty, -k * cfg.mid_penalty, cfg.long_short_weight
    w = [0.0 if c is None else float(n) if c == GOOD else (near * n if s else headline) if c == NEAR
         else bad if c == BAD else short if n <= 2 else mid if n <= 5 else long_short * n
         for c, n, s in zip(cls, ntok, sentence)]
    if bonus:
        for i, extra in bonus.items():
            if 0 <= i < len(w):
                w[i] += extra
    return w


def densest(cls, hard, ntok, cfg, sentence, bonus=None, with_score=False):
    """The contiguous region with the highest total weight (maximum-sum subarray),
    never crossing a hard boundary; ties go to the earlier region."""
    start, end, score = _densest_in(cls, hard, weights(cls, ntok, cfg, sentence, bonus), 0, len(cls))
    return (start, end, score) if with_score else (start, end)


def _densest_in(cls, hard, w, lo: int, hi: int) -> tuple[int, int, float]:
    """``densest`` of blocks [lo, hi), from their weights ``w``: (start, end, score)."""
    best = (float("-inf"), lo, lo)
    cur, cur_start = 0.0, lo
    for i in range(lo, hi):
        if hard[i]:
            cur, cur_start = 0.0, i + 1
            continue
        if cur <= 0:
            cur, cur_start = w[i], i
        else:
            cur += w[i]
        if cur > best[0] and cls[i] is not None:
            best = (cur, cur_start, i)
    score, start, end = best
    while start < end and cls[start] is None:  # the region starts on a kept block
        start += 1
    return start, end, score


def prose_run(cls, hard, w, lo: int) -> tuple[int, float]:
    """The run of prose (GOOD) blocks from ``lo`` on, over blocks already dropped but not
    over a hard boundary nor any other kept block: (its last block, its weight)."""
    last, score = lo, 0.0
    for i in range(lo, len(cls)):
        if cls[i] is None and not hard[i]:
            continue
        if cls[i] != GOOD:
            break
        last, score = i, score + w[i]
    return last, score


def densest_ending(cls, hard, w, hi: int) -> tuple[int, float]:
    """The run of blocks ending on block ``hi`` with the highest total weight, not crossing a
    hard boundary and starting on a kept block: (its first block, its weight)."""
    return _densest_run(cls, hard, w, range(hi, -1, -1))


def densest_from(cls, hard, w, lo: int) -> tuple[int, float]:
    """The run of blocks starting on block ``lo`` with the highest total weight, not crossing a
    hard boundary and ending on a kept block: (its last block, its weight)."""
    return _densest_run(cls, hard, w, range(lo, len(cls)))


def _densest_run(cls, hard, w, order: range) -> tuple[int, float]:
    """Of the runs that begin at ``order``'s first block and grow in its direction, the one
    with the highest total weight that ends on a kept block: (its far end, its weight)."""
    best, best_at, cur = float("-inf"), order.start, 0.0
    for i in order:
        if hard[i]:
            break
        cur += w[i]
        if cur > best and cls[i] is not None:
            best, best_at = cur, i
    return best_at, best


PROSE_SHARE = 2 / 3  # of a run's kept blocks that are paragraphs, for it to be an article's text


def mostly_prose(cls, lo: int, hi: int) -> bool:
    """Blocks [lo, hi] hold ``PROSE_SHARE`` paragraphs (GOOD) among their kept blocks at least:
    an article's sections, a subheading over several paragraphs — not a teaser list, a
    headline over each summary."""
    kept = [c for c in cls[lo:hi + 1] if c is not None]
    return bool(kept) and sum(c == GOOD for c in kept) >= PROSE_SHARE * len(kept)


def further_regions(cls, hard, ntok, cfg, sentence, lo: int, hi: int, min_weight: float) -> list:
    """Other dense regions in blocks [lo, hi): each the densest of what is left beside
    the regions already taken, while its weight reaches ``min_weight`` (a page made of
    several content regions: posts, items, sections)."""
    if hi - lo <= 0 or min_weight <= 0:
        return []
    return _further(cls, hard, weights(cls, ntok, cfg, sentence), lo, hi, min_weight)


def _further(cls, hard, w, lo: int, hi: int, min_weight: float) -> list:
    if hi - lo <= 0:
        return []
    start, end, score = _densest_in(cls, hard, w, lo, hi)
    if score < min_weight:
        return []
    return _further(cls, hard, w, lo, start, min_weight) + [(start, end)] + _further(cls, hard, w, end + 1, hi,
                                                                                     min_weight)


INTERLEAVED = 3  # boundary drops of one rule, each with article prose before the next, that are no boundary


def interleaved(keys: list, cls: list, min_run: int = INTERLEAVED) -> set[int]:
    """The blocks whose key (``keys[i]``: the rule whose boundary drop block i is, else None)
    recurs ``min_run`` times or more in a row with article prose (GOOD) between each copy and
    the next: a credit under every picture of a gallery ("2/28 photos © Shutterstock"), not
    the page's footer, which comes once and ends the text."""
    chains: dict = {}
    prose: dict = {}  # key -> prose seen since its last block
    out: set = set()
    for i, (k, c) in enumerate(zip(keys, cls)):
        if c == GOOD:
            prose = dict.fromkeys(prose, True)
        if k is None:
            continue
        if not prose.get(k):
            if len(chains.get(k, ())) >= min_run:
                out.update(chains[k])
            chains[k] = []
        chains[k].append(i)
        prose[k] = False
    for chain in chains.values():
        if len(chain) >= min_run:
            out.update(chain)
    return out


RAIL_AFTER = 5  # paragraphs of other prose (an article) before a series of cards with linked headlines


def teaser_series(blocks, cls, sentence, min_run: int) -> set:
    """Prose blocks that are the summaries of a teaser list: each right after a
    headline-shaped line and a dateline/byline, ``min_run`` or more in a row (an
    article has that head once).  They weigh nothing, so the article region stops
    there.  A series with cards whose headline is a link line (BAD: markdown's linked
    headlines) counts only after ``RAIL_AFTER`` paragraphs of other prose: a rail under
    an article, not a listing's own cards from the top of the page."""
    if min_run <= 0:
        return set()
    units: list[tuple[int, bool]] = []  # (summary, whether its headline is only a link line)
    before: dict = {}  # summary -> paragraphs of other prose before it
    prose = 0
    for i, c in enumerate(cls):
        if c != GOOD:
            continue
        meta = head = linked = False
        for j in range(i - 1, max(-1, i - 4), -1):
            v = blocks[j].drop_verdict
            if v is not None and v.category == "metadata":
                meta = True
            elif cls[j] in (NEAR, SHORT) and not sentence[j]:
                head = True
            elif cls[j] == BAD and not sentence[j]:
                linked = True
            elif cls[j] == GOOD:
                break
        if meta and (head or linked):
            units.append((i, not head))
            before[i] = prose
        else:
            prose += 1
    out: set = set()
    run: list[tuple[int, bool]] = []
    for unit in units + [None]:
        if unit is not None and (not run or unit[0] - run[-1][0] <= 6):
            run.append(unit)
            continue
        if len(run) >= min_run and (not any(k for _, k in run) or before[run[0][0]] >= RAIL_AFTER):
            out.update(i for i, _ in run)
        run = [unit]
    return out


TEASER_PAGE = 0.6  # share of a page's prose in a teaser series that makes the page a list of teasers


def teaser_page(teasers: set, cls, ntok) -> bool:
    """The teaser series (``teaser_series``) holds ``TEASER_PAGE`` or more of the page's
    prose (GOOD) tokens: the page is a list of teasers (a blog's or a newsroom's front page,
    an events list), not an article with a teaser list under it, and the teasers are its
    content."""
    if not teasers:
        return False
    prose = sum(n for c, n in zip(cls, ntok) if c == GOOD)
    return sum(ntok[i] for i in teasers) >= TEASER_PAGE * prose


def head_run(cls, sentence, first: int, stop: int, hard) -> list[int]:
    """The prose blocks from ``first`` on, up to the first block that is neither prose nor
    already dropped (or ``stop``, or a hard boundary): an article's first paragraphs.  None
    unless the first of them ends a sentence (a line of teaser links is not a lede)."""
    if not sentence[first]:
        return []
    out = []
    for i in range(first, stop):
        if hard[i]:
            break
        if cls[i] is None:
            continue
        if cls[i] != GOOD:
            break
        out.append(i)
    return out


def head_region(cls, sentence, w, first: int, stop: int, hard) -> list[int]:
    """The prose (GOOD or NEAR) blocks of the densest run of blocks [``first``, ``stop``)
    (weights ``w``, the headline's bonus on ``first``): an article's head when its body lies
    far below it, past a box that ends a run (a newsletter form) — its paragraphs with the
    short lines between them (a caption, a "Read later" button) left out.  None unless
    ``first`` ends a sentence (``head_run``)."""
    if not sentence[first] or stop <= first:
        return []
    a, b, _ = _densest_in(cls, hard, w, first, stop)
    return [i for i in range(a, b + 1) if cls[i] in (GOOD, NEAR)]


HEADLINE_LIST_SHARE = 2 / 3  # of a list's kept blocks that are headlines (or link lines) at least


def headline_list(cls, sentence, lo: int, hi: int, min_len: int) -> bool:
    """Blocks [lo, hi) are a list of headlines: more than ``min_len`` kept blocks, no prose
    among them, and ``HEADLINE_LIST_SHARE`` of them link lines (BAD) or headline-shaped (NEAR,
    not a sentence) — a teaser rail or a video playlist, not an article's list of short items
    (ingredients, dates, specifications: SHORT lines)."""
    kept = [k for k in range(lo, hi) if cls[k] is not None]
    if len(kept) <= min_len or any(cls[k] == GOOD for k in kept):
        return False
    heads = sum(cls[k] == BAD or (cls[k] == NEAR and not sentence[k]) for k in kept)
    return heads >= HEADLINE_LIST_SHARE * len(kept)


def tail(cls, hard, end: int, tail_near: int) -> int:
    """The region's end moved over up to ``tail_near`` NEAR blocks that continue it."""
    taken = 0
    i = end + 1
    while i < len(cls) and taken < tail_near:
        if cls[i] is None:
            if hard[i]:
                break
            i += 1
            continue
        if cls[i] != NEAR:
            break
        end = i
        taken += 1
        i += 1
    return end


NAME_TOKENS = (2, 4)  # tokens of a person's name standing alone on a line
BIO_TOKENS = 6  # tokens of a paragraph about that person at least


def name_line(text: str) -> bool:
    """The block is a person's name on its own ("Markus Reuter", "Anna-Lena Graf"): 2 to 4
    words, each starting with a capital letter, no digits, no closing punctuation, not all
    in capitals (a keyword a reference page explains: "CROSS JOIN", "GROUP BY")."""
    toks = text.split(None, NAME_TOKENS[1])  # all of them when there are few enough
    if not NAME_TOKENS[0] <= len(toks) <= NAME_TOKENS[1] or text.rstrip()[-1:] in ".:!?;,":
        return False
    return all(t[0].isupper() and not any(ch.isdigit() for ch in t) for t in toks) and not text.isupper()


def author_box(texts, cls, start: int, end: int, bylines=frozenset()) -> int | None:
    """The first block of an author box closing the region [start, end], if any: a name line
    (``name_line``) whose next kept block is a paragraph of ``BIO_TOKENS`` or more that opens
    with that name ("Markus Reuter beschäftigt sich mit …", "Inga Buller ist Head of …").  It is
    the writer's bio when the name stands, with other words, in one of the ``bylines`` (blocks
    before the name line that are metadata lines or lie before the region: "19.03.2019 | von
    Inga Buller"; not a contents entry repeating a section heading), or when no
    prose (GOOD) follows the paragraph up to the region's end; a short label just before the name
    ("Über den Autor") belongs to the box.  A profile among the article's sections has prose
    after it and a name no byline holds."""
    for k in range(end - 1, start, -1):
        if cls[k] is None or not name_line(texts[k]):
            continue
        nxt = next((j for j in range(k + 1, end + 1) if cls[j] is not None), None)
        if nxt is None:
            continue
        name, bio = texts[k].strip(), texts[nxt].strip()
        if not (bio.startswith(name + " ") and len(bio.split()) >= BIO_TOKENS):
            continue
        # a byline holds the name among other words ("von Inga Buller", a date); a line that is
        # the name alone before the region is a table of contents' or a menu's entry
        named = any(name in texts[j] and texts[j].strip() != name for j in bylines if j < k)
        if not named and any(cls[j] == GOOD for j in range(nxt + 1, end + 1)):
            return None  # prose follows: a section about someone, inside the article
        label = next((j for j in range(k - 1, start, -1) if cls[j] is not None), None)
        if label is not None and cls[label] != GOOD and len(texts[label].split()) <= NAME_TOKENS[1] \
                and texts[label].rstrip()[-1:] not in ".!?":
            return label
        return k
    return None


def prose_core(live: list[int], cls: dict, repeated) -> tuple[int, int] | None:
    """The article's span for the duplicate policy: from the first to the last GOOD
    block without copies (``repeated``: blocks with copies), widened over the prose
    (GOOD or NEAR) blocks that directly adjoin it."""
    single = [k for k, i in enumerate(live) if cls[i] == GOOD and i not in repeated]
    if not single:
        return None
    lo, hi = single[0], single[-1]
    while lo > 0 and cls[live[lo - 1]] in (GOOD, NEAR):
        lo -= 1
    while hi + 1 < len(live) and cls[live[hi + 1]] in (GOOD, NEAR):
        hi += 1
    return live[lo], live[hi]


def content_resumes(cls, start: int, n: int) -> int:
    """The first block from ``start`` where article prose resumes (``until-content``
    section extents end there), or ``n``."""
    end = start
    while end < n and cls[end] != GOOD:
        end += 1
    return end


BODY_MAX_GAP = 4  # non-prose blocks allowed between two prose blocks of one body run


def body_run(prose: list[int]) -> set[int]:
    """The prose blocks of the main body run: ``prose[i]`` is block i's token count
    when it is prose, else 0.  Prose blocks with at most ``BODY_MAX_GAP`` other blocks
    between them form a run; the run with the most tokens is the main body run."""
    good = [i for i, n in enumerate(prose) if n]
    if not good:
        return set()
    best: list[int] = []
    best_tok = -1
    run = [good[0]]
    for i in good[1:] + [None]:
        if i is not None and i - run[-1] - 1 <= BODY_MAX_GAP:
            run.append(i)
            continue
        tok = sum(prose[j] for j in run)
        if tok > best_tok:
            best, best_tok = run, tok
        if i is not None:
            run = [i]
    return set(best)
