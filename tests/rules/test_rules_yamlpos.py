"""Safe YAML with positions: plain data only, every value located."""
from __future__ import annotations

import pytest

from cleaner.rules import yamlpos


def test_values_and_positions():
    p = yamlpos.load("a: 1\nb:\n  - x\n  - 'y'\nc: {d: true}\n")
    assert p.value == {"a": 1, "b": ["x", "y"], "c": {"d": True}}
    assert p.where(("b", 1)) == (4, 5)
    assert p.where(("c", "d")) == (5, 8)
    assert p.where(("b", "__key__")) == (2, 1)
    assert p.where(("c", "missing", 3)) == (5, 4)  # nearest ancestor


def test_unquoted_dates_stay_text():
    assert yamlpos.load("d: 2023-11-29\n").value == {"d": "2023-11-29"}


@pytest.mark.parametrize("text, message, line, column", [
    ("a: !!python/object/apply:os.system ['rm -rf /']\n", "YAML tag", 1, 4),
    ("a: !!python/name:os.system\n", "YAML tag", 1, 4),
    ("a: !custom x\n", "YAML tag", 1, 4),
    ("a: !!str 12\n", "YAML tag", 1, 4),  # even standard tags: rule files are plain data
    ("a: &anchor [1, 2]\n", "anchor '&anchor'", 1, 4),
    ("a: &x [1]\nb: *x\n", "anchor '&x'", 1, 4),
    ("b: *x\n", "alias '*x'", 1, 4),
    ("a: 1\n<<: {b: 2}\n", "merge keys", 2, 1),
])
def test_unsafe_features_are_refused(text, message, line, column):
    with pytest.raises(yamlpos.YamlError) as ei:
        yamlpos.load(text)
    e = ei.value
    assert e.unsafe and message in e.message and (e.line, e.column) == (line, column)


def test_syntax_error_and_duplicate_key_are_not_unsafe():
    with pytest.raises(yamlpos.YamlError) as ei:
        yamlpos.load("a: [1, 2\nb: 3\n")
    assert not ei.value.unsafe and ei.value.line >= 2
    with pytest.raises(yamlpos.YamlError) as ei:
        yamlpos.load("a: 1\na: 2\n")
    assert "duplicate key 'a'" in ei.value.message and (ei.value.line, ei.value.column) == (2, 1)


def test_char_pos_inside_scalars():
    text = "a: 'x''(y'\nb: \"\\u00e9(\"\nc: p(q\nd: |\n  one\n  tw(o\ne: >\n  fold(ed\n"
    p = yamlpos.load(text)
    assert p.value["a"] == "x'(y" and p.char_pos(("a",), 2) == (1, 8)
    assert p.value["b"] == "é(" and p.char_pos(("b",), 1) == (2, 11)
    assert p.char_pos(("c",), 1) == (3, 5)
    assert p.value["d"] == "one\ntw(o\n" and p.char_pos(("d",), 6) == (6, 5)
    assert p.char_pos(("e",), 4) is None  # folded scalars: no exact position
