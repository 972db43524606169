"""Scoring functions for the two public benchmarks (their authors' metrics).

- ScrapingHub: token 4-gram shingles of gold and output (``\\w+`` tokens, one token
  per CJK character); per page TP/FP/FN normalised to sum 1; mean precision and mean
  recall over pages; F1 from the two means.
- trafilatura: "with" segments must appear in the output, "without" segments must
  not (whitespace-normalised substring test), micro-averaged; in text mode only the
  segments present in the page's input text are scored.
"""
from __future__ import annotations

import re
from collections import Counter

_CJK = ("\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3041-\u309f\u30a0-\u30ff"
        "\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\u1100-\u11ff"
        "\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff\uffa0-\uffdc"
        "\U0001b000-\U0001b16f\U00020000-\U0003ffff")
_WORD = re.compile(r"\w+")
_SPLIT = re.compile(f"[{_CJK}]|[^{_CJK}]+")
_WS = re.compile(r"\s+")


def tokens(text: str) -> list[str]:
    out = []
    for w in _WORD.findall(text or ""):
        out.extend(_SPLIT.findall(w))
    return out


def shingles(text: str, n: int = 4) -> Counter:
    t = tokens(text)
    return Counter(tuple(t[i:i + n]) for i in range(max(1, len(t) - n + 1)) if t[i:i + n])


def page_tp_fp_fn(gold: str, pred: str) -> tuple[float, float, float]:
    g, p = shingles(gold), shingles(pred)
    tp = sum((g & p).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    total = tp + fp + fn
    if not total:
        return 1.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def shingle_prf(gold: dict, pred: dict) -> tuple[float, float, float]:
    """(F1, precision, recall) over pages: mean P and mean R, F1 of the means."""
    ps, rs = [], []
    for key, g in gold.items():
        tp, fp, fn = page_tp_fp_fn(g, pred.get(key, ""))
        ps.append(tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0))
        rs.append(tp / (tp + fn) if tp + fn else 1.0)
    p, r = sum(ps) / len(ps), sum(rs) / len(rs)
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def norm(s: str | None) -> str:
    return _WS.sub(" ", s or "").strip()


def segment_prf(gold: dict, out: dict, inp: dict | None = None) -> tuple[float, float, float]:
    """trafilatura's metric: (F1, precision, recall), micro-averaged over segments."""
    tp = fp = fn = 0
    for key, g in gold.items():
        o = norm(out.get(key))
        x = None if inp is None else norm(inp.get(key))
        for side in ("with", "without"):
            for seg in map(norm, g[side]):
                if x is not None and seg not in x:
                    continue
                kept = seg in o
                if side == "with":
                    tp += kept
                    fn += not kept
                else:
                    fp += kept
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), p, r
