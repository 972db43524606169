"""The folding under which rule literals meet page text (``rules.charclass.fold``)."""
import random

from cleaner.rules import charclass
from cleaner.rules.charclass import _COMBINING, fold


def _by_regex(text: str) -> str:
    import unicodedata
    t = text.casefold()
    if t.isascii():
        return t
    return _COMBINING.sub("", unicodedata.normalize("NFKD", t.replace("ı", "i")))


def test_a_page_loses_its_combining_marks_through_the_array_as_through_the_regex(monkeypatch):
    """Every BMP combining mark, astral marks (U+1D167, U+E0100), accented and
    decomposable letters, emoji and a lone surrogate: the array path gives what the
    substitution gives."""
    marks = "".join(m for m in _COMBINING.findall("".join(map(chr, range(0x300, 0x10000)))))
    rnd = random.Random(5)
    alphabet = list("aäöüßéİıﬁ①２ x\n—’😀") + ["\U0001D167", "\U000E0100", "\ud800"] + list(marks[::7])
    texts = ["".join(rnd.choice(alphabet) for _ in range(rnd.randrange(3000))) for _ in range(30)]
    texts += [marks, "Straße " * 400, "plain ascii " * 300, "😀" * 2500]
    monkeypatch.setattr(charclass, "_ARRAY_MIN", 0)
    assert all(fold(t) == _by_regex(t) for t in texts)
    assert _COMBINING.search(fold(marks)) is None and len(marks) > 1000
