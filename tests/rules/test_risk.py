"""Which patterns keep the regex time limit on short blocks."""
from __future__ import annotations

import pytest

from cleaner.rules.risk import risky


@pytest.mark.parametrize("source, expected", [
    (r"(\w|\w\w|\s)+", True), (r"(?:a+)+$", True), (r"(?:share|tweet)+", True),
    (r"share (?:this|on) \w+", False), (r"\d{1,3}(?:,\d{3})*", False), (r"(?:ab){2}", False),
])
def test_risky_names_nested_repetition(source, expected):
    assert risky(source) is expected
