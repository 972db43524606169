"""Folded texts of many blocks at once are the folded texts of each."""
from __future__ import annotations

from cleaner.corpus.shingles import fold, folds


def test_folds_are_the_folds_of_each_text():
    texts = ["© 2023 Example Media. 1,204 readers online", "12.03.2024 — 10:30", "Über 3 Straße 1.5",
             "日本語 2024 年 ３", "", "x", "ΑΣ 2,5", "a\u0301 2/3", "Share · Tweet"]
    for batch in (texts, texts[:1], [], texts[::-1], ["line\nbreak", "7-8"]):
        assert folds(batch) == [fold(t) for t in batch], batch
