"""The examples runner: rules' drop/keep/trim/documents examples are tests."""
from __future__ import annotations

import pytest

from cleaner.rules.examples import check_all, check_rule
from cleaner.rules.loader import RuleSet

PACK = """\
pack: example-com
kind: site
sites: [example.com]
rules:
  - id: example-share
    category: share
    description: Share rows.
    kind: pattern
    pattern: 'share(?: this)?'
    examples:
      drop: ["Share this", "Share"]
      keep: ["Share prices fell on Monday."]

  - id: example-meta-prefix
    category: metadata
    description: A byline glued to the first paragraph.
    kind: trim
    prefix: 'By [A-Z]\\w+ [A-Z]\\w+ \\| '
    examples:
      trim:
        - input: "By Jane Doe | The council met on Monday."
          output: "The council met on Monday."
      keep: ["The council met on Monday."]

  - id: example-related
    category: related
    description: Related list.
    kind: section
    header_words: [More from Example]
    extent: to-end
    examples:
      documents:
        - input: |
            The council met on Monday to discuss the budget for the coming year, members said.
            More from Example
            Budget talks stall
            Mayor visits school
          output: |
            The council met on Monday to discuss the budget for the coming year, members said.
      drop: ["More from Example"]
      keep: ["More from the council meeting will follow in our evening edition, the editor said."]
"""


def load(write_rules, text):
    f = write_rules("sites/example.com.yaml", text)
    return RuleSet.load([f.parent.parent], include_builtin=False)


def test_passing_rules(write_rules):
    rs = load(write_rules, PACK)
    n, fails = check_all(rs)
    assert n == 8 and fails == []


@pytest.mark.parametrize("old, new, rid, kind, index, message", [
    ('drop: ["Share this", "Share"]', 'drop: ["Share this", "Share now"]',
     "example-share", "drop", 1, "does not match this block"),
    ('keep: ["Share prices fell on Monday."]', 'keep: ["Share prices fell on Monday.", "Share this"]',
     "example-share", "keep", 1, "matches a block it must keep"),
    ('output: "The council met on Monday."', 'output: "The council met."',
     "example-meta-prefix", "trim", 0, "expected 'The council met.'"),
    ("extent: to-end", "extent: 1", "example-related", "documents", 0, "Mayor visits school"),
])
def test_failing_rule_names_the_example(write_rules, old, new, rid, kind, index, message):
    assert old in PACK
    rs = load(write_rules, PACK.replace(old, new))
    n, fails = check_all(rs)
    assert [(f.rule.id, f.kind, f.index) for f in fails] == [(rid, kind, index)]
    f = fails[0]
    assert message in f.message
    assert f.path == (("rules", [r.id for r in rs.rules].index(rid)) + ("examples", kind, index))
    assert f"[{rid}] {kind} example {index + 1} failed" in str(f)


def test_section_header_drop_example_is_checked_as_a_header(write_rules):
    rs = load(write_rules, PACK.replace('drop: ["More from Example"]', 'drop: ["More from Example today"]'))
    [f] = check_rule(next(r for r in rs.rules if r.id == "example-related"), rs)
    assert "does not match (as a section header)" in f.message


def test_an_example_that_times_out_fails_and_does_not_hang(write_rules):
    slow = PACK.replace("'share(?: this)?'", "'(a|a)+$'").replace(
        'drop: ["Share this", "Share"]', 'drop: ["aaaa"]').replace(
        'keep: ["Share prices fell on Monday."]', 'keep: ["' + "a" * 60 + '!"]')
    f = write_rules("sites/example.com.yaml", slow)
    rs = RuleSet.load([f.parent.parent], include_builtin=False, timeout=0.05)
    _, fails = check_all(rs)
    assert [(x.rule.id, x.kind) for x in fails] == [("example-share", "keep")]
    assert "timed out" in fails[0].message


def test_all_builtin_rule_examples_pass():
    rs = RuleSet.load()
    n, fails = check_all(rs)
    assert n > 0
    assert not fails, f"{len(fails)} failing example(s) in rules: " + ", ".join(
        sorted({f.rule.id for f in fails})) + "\n" + "\n".join(str(f) for f in fails)


SELECTOR_AND_PROTECT = """\
pack: demo
kind: common
rules:
  - id: demo-share-bar
    category: share
    description: The share bar.
    kind: selector
    tokens: [share-bar]
    css: 'div.social-links'
    examples:
      drop: ['<div class="share-bar"><a href="#">Facebook</a></div>', '<div class="social-links"><p>Tweet</p></div>']
      keep: ['<div class="article-share-bar-text"><p>The council met on Monday.</p></div>']
  - id: demo-lede
    category: protect
    description: Ledes start with a place in capitals and a dash.
    kind: protect
    case_sensitive: true  # otherwise \\p{Lu} matches lowercase letters too
    pattern: '\\p{Lu}{2,} — .{20,}'
    examples:
      protect: ["HANOI — The council met on Monday to discuss the budget."]
      keep: ["Hanoi is a city."]
"""


def test_selector_and_protect_examples(write_rules):
    f = write_rules("common.yaml", SELECTOR_AND_PROTECT)
    rs = RuleSet.load([f.parent], include_builtin=False)
    assert check_all(rs) == (5, [])
    # whole class tokens only: 'article-share-bar-text' is not 'share-bar'
    f.write_text(SELECTOR_AND_PROTECT.replace("tokens: [share-bar]", "tokens: [share-bar, article-share-bar-text]")
                 .replace('protect: ["HANOI', 'protect: ["Hanoi'), encoding="utf-8")
    rs = RuleSet.load([f.parent], include_builtin=False)
    _, fails = check_all(rs)
    assert [(x.rule.id, x.kind) for x in fails] == [("demo-share-bar", "keep"), ("demo-lede", "protect")]
