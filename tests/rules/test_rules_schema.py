"""Every schema problem: its code, file:line:column, the rule id and the fix."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from cleaner.rules.loader import RuleSet, known_languages, read_pack
from cleaner.rules.problems import CODES, RulePackError

HEAD = """\
pack: example-com
kind: site
sites: [example.com]
rules:
"""

# A valid rule; tests replace one line of it.  Line numbers: the rule starts on line 5.
RULE = """\
  - id: example-share
    category: share
    description: Share rows.
    kind: pattern
    pattern: 'share(?: this)?'
    examples:
      drop: ["Share this"]
      keep: ["Share prices fell on Monday."]
"""


def problems(path: Path):
    _data, _pos, probs = read_pack(path, 0, set(known_languages()), str(path))
    return probs


def one(path: Path, code: str):
    probs = [p for p in problems(path) if p.code == code]
    assert len(probs) == 1, problems(path)
    return probs[0]


def test_valid_rule_has_no_problems(write_rules):
    assert problems(write_rules("sites/ok.yaml", HEAD + RULE)) == []


def test_every_code_is_tested_here_and_documented():
    here = Path(__file__).read_text(encoding="utf-8") + \
        (Path(__file__).parent.parent / "cli" / "test_rules_cli.py").read_text(encoding="utf-8")
    docs = (Path(__file__).resolve().parents[2] / "docs" / "rules.md").read_text(encoding="utf-8")
    for code in CODES:
        assert re.search(rf"\b{code}\b", here), f"no test asserts {code}"
        assert re.search(rf"^#+ .*{code}", docs, re.M), f"docs/rules.md has no section for {code}"


def test_r001_unknown_key_did_you_mean(write_rules):
    p = one(write_rules("sites/x.yaml", HEAD + RULE.replace("    pattern:", "    patern:")), "R001")
    assert (p.line, p.column, p.rule) == (9, 5, "example-share")
    assert "unknown key 'patern'" in p.message
    assert p.hint == "did you mean 'pattern'?"
    assert str(p).startswith(f"{p.file}:9:5: R001 [example-share] unknown key 'patern'")
    assert "fix: did you mean 'pattern'?" in str(p)


def test_r001_key_of_another_kind(write_rules):
    text = HEAD + RULE.replace("    pattern: 'share(?: this)?'", "    pattern: 'share'\n    prefix: 'x'")
    p = one(write_rules("sites/x.yaml", text), "R001")
    assert (p.line, p.column) == (10, 5)
    assert "'prefix' belongs to trim rules, not pattern rules" in p.hint


def test_r001_unknown_pack_key(write_rules):
    p = one(write_rules("sites/x.yaml", "sitez: [a.com]\n" + HEAD + RULE), "R001")
    assert (p.line, p.column, p.rule) == (1, 1, None)
    assert p.hint == "did you mean 'sites'?"


def test_r002_missing_key(write_rules):
    p = one(write_rules("sites/x.yaml", HEAD + RULE.replace("    description: Share rows.\n", "")), "R002")
    assert (p.line, p.column, p.rule) == (5, 5, "example-share")
    assert p.message == "missing 'description'"
    assert "for humans" in p.hint


def test_r003_wrong_type(write_rules):
    text = HEAD + RULE.replace("    kind: pattern\n", "    kind: pattern\n    max_tokens: ten\n")
    p = one(write_rules("sites/x.yaml", text), "R003")
    assert (p.line, p.column, p.rule) == (9, 17, "example-share")
    assert p.message == "'max_tokens' must be an int, not str"


def test_r003_yaml_boolean_in_word_list(write_rules):
    text = HEAD + RULE.replace('keep: ["Share prices fell on Monday."]', "keep: [Share prices fell, no]")
    p = one(write_rules("sites/x.yaml", text), "R003")
    assert (p.line, p.column) == (12, 33)
    assert "item 2 of 'examples.keep' is bool False" in p.message
    assert 'write it in quotes, e.g. "no"' in p.hint


# line 9 is "    pattern: <value>": the value starts in column 14
@pytest.mark.parametrize("written, column", [
    ("'sh)are'", 17),      # single-quoted: the pattern starts one column after the quote
    ('"sh)are"', 17),      # double-quoted
    ("sh)are", 16),        # plain
    ("'it''s)'", 20),      # '' is one quote in the pattern, two characters in the file
    ('"\\\\d)x"', 18),      # \\ is one backslash in the pattern, two characters in the file
])
def test_r004_bad_regex_points_inside_the_pattern(write_rules, written, column):
    p = one(write_rules("sites/x.yaml", HEAD + RULE.replace("'share(?: this)?'", written)), "R004")
    assert (p.line, p.column, p.rule) == (9, column, "example-share")
    assert "bad regex in 'pattern' at character" in p.message and "unbalanced parenthesis" in p.message
    assert "every '(' needs a ')'" in p.hint


def test_r004_error_at_the_end_of_the_pattern(write_rules):
    p = one(write_rules("sites/x.yaml", HEAD + RULE.replace("'share(?: this)?'", "'share(this'")), "R004")
    assert (p.line, p.column) == (9, 25)  # the closing quote: the ')' is missing there
    assert "at character 11 (after 'share(this'): missing )" in p.message


def test_r004_bad_regex_in_a_list_and_in_a_block_scalar(write_rules):
    text = HEAD + RULE.replace("    pattern: 'share(?: this)?'",
                               "    patterns:\n      - 'ok'\n      - 'a[bc'")
    p = one(write_rules("sites/x.yaml", text), "R004")
    assert (p.line, p.column) == (11, 14)
    assert "unterminated character set" in p.message
    text = HEAD + RULE.replace("    pattern: 'share(?: this)?'", "    pattern: |\n      share\n      x{2,1}")
    p = one(write_rules("sites/y.yaml", text), "R004")
    assert "min repeat greater than max repeat" in p.message
    assert (p.line, p.column) == (11, 9)


def test_r004_pattern_matching_empty_string(write_rules):
    p = one(write_rules("sites/x.yaml", HEAD + RULE.replace("'share(?: this)?'", "'(?:share)?'")), "R004")
    assert "matches the empty string" in p.message and p.rule == "example-share"


def test_r004_bad_regex_in_a_patterns_lexicon(write_rules):
    # a lexicon named *_patterns holds regular expressions: lint compiles each one
    head = HEAD.replace("rules:\n", "lexicons:\n  code_line_patterns: ['import ', 'def (', '(?:x)?']\n  words: ['a (']\nrules:\n")
    probs = [p for p in problems(write_rules("sites/x.yaml", head + RULE)) if p.code == "R004"]
    assert [p.path for p in probs] == [("lexicons", "code_line_patterns", 1), ("lexicons", "code_line_patterns", 2)]
    assert "bad regex" in probs[0].message and "empty string" in probs[1].message


def test_r004_bad_css_selector(write_rules):
    text = HEAD + RULE.replace("    kind: pattern\n    pattern: 'share(?: this)?'",
                               "    kind: selector\n    css: 'div..share'")
    p = one(write_rules("sites/x.yaml", text), "R004")
    assert p.message.startswith("bad CSS selector") and (p.line, p.column) == (9, 10)


def test_r005_duplicate_id_same_level(write_rules):
    a = write_rules("sites/a.yaml", HEAD + RULE)
    b = write_rules("sites/b.yaml", HEAD.replace("example-com", "example-com-2") + RULE)
    with pytest.raises(RulePackError) as ei:
        RuleSet.from_files([(a, 3, a.parent), (b, 3, b.parent)], known_languages())
    [p] = [p for p in ei.value.problems if p.code == "R005"]
    assert p.file == os.path.relpath(b) and (p.line, p.column, p.rule) == (5, 9, "example-share")
    assert "duplicate rule id 'example-share' (first defined at" in p.message and "override" in p.hint


def test_r005_same_id_at_other_levels_is_an_override_not_a_duplicate(write_rules):
    a = write_rules("sites/a.yaml", HEAD + RULE)
    b = write_rules("sites/b.yaml", HEAD.replace("example-com", "example-com-2") + RULE, root="more")
    rs = RuleSet.from_files([(a, 3, a.parent), (b, 6, b.parent)], known_languages())
    assert [r.level for r in rs.rules if r.id == "example-share"] == [5, 8]


def test_r006_unknown_category(write_rules):
    p = one(write_rules("sites/x.yaml", HEAD + RULE.replace("category: share", "category: shares")), "R006")
    assert (p.line, p.column, p.rule) == (6, 15, "example-share")
    assert p.hint == "did you mean 'share'?"


def test_r007_unknown_language_in_scope_and_pack(write_rules):
    text = HEAD + RULE.replace("    kind: pattern\n", "    kind: pattern\n    languages: [en, zhh]\n")
    p = one(write_rules("sites/x.yaml", text), "R007")
    assert (p.line, p.column, p.rule) == (9, 21, "example-share")
    assert p.message == "unknown language 'zhh'" and "did you mean 'zh'?" in p.hint
    lang = "pack: xx\nkind: language\nlanguage: zhh\nrules: []\n"
    p = one(write_rules("lang/x.yaml", lang), "R007")
    assert (p.line, p.column) == (3, 11) and "did you mean 'zh'?" in p.hint


def test_r008_unknown_kind(write_rules):
    p = one(write_rules("sites/x.yaml", HEAD + RULE.replace("kind: pattern", "kind: patern")), "R008")
    assert (p.line, p.column, p.rule) == (8, 11, "example-share")
    assert p.hint == "did you mean 'pattern'?"


def test_r009_id_not_kebab_case(write_rules):
    p = one(write_rules("sites/x.yaml", HEAD + RULE.replace("id: example-share", "id: Example_Share")), "R009")
    assert (p.line, p.column) == (5, 9) and "kebab-case" in p.message


def test_r011_missing_examples(write_rules):
    text = HEAD + RULE.split("    examples:")[0]
    p = one(write_rules("sites/x.yaml", text), "R011")
    assert (p.line, p.column, p.rule) == (5, 5, "example-share")
    assert p.message == "missing 'examples'" and "drop" in p.hint and "keep" in p.hint
    text = HEAD + RULE.replace('      keep: ["Share prices fell on Monday."]\n', "")
    p = one(write_rules("sites/y.yaml", text), "R011")
    assert "needs at least one 'keep' example" in p.message and (p.line, p.column) == (11, 7)


def test_r012_yaml_syntax_and_encoding(write_rules, tmp_path):
    p = one(write_rules("sites/x.yaml", HEAD + RULE.replace("      drop: [", "      drop: [[")), "R012")
    assert p.line == 12 and p.message.startswith("YAML syntax:") and "quot" in p.hint
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes("pack: café\n".encode("latin-1"))
    p = one(bad, "R012")
    assert "not UTF-8" in p.message and p.hint == "save the file as UTF-8"


def test_r013_unknown_lexicon(write_rules):
    text = HEAD.replace("rules:\n", "lexicons:\n  share_words: [Share]\nrules:\n") + RULE.replace(
        "    kind: pattern\n    pattern: 'share(?: this)?'", "    kind: lexicon\n    lexicon: share_word")
    p = one(write_rules("sites/x.yaml", text), "R013")
    assert (p.line, p.column, p.rule) == (11, 14, "example-share")
    assert "did you mean 'share_words'?" in p.hint


def test_r013_unknown_common_lexicon(write_rules):
    f = write_rules("sites/x.yaml", HEAD + RULE.replace(
        "    kind: pattern\n    pattern: 'share(?: this)?'", "    kind: lexicon\n    lexicon: common:nope"))
    with pytest.raises(RulePackError) as ei:
        RuleSet.load([f.parent.parent])
    [p] = [p for p in ei.value.problems if p.code == "R013"]
    assert p.rule == "example-share" and "social_networks" in p.hint


def test_r014_inline_global_flag(write_rules):
    p = one(write_rules("sites/x.yaml", HEAD + RULE.replace("'share(?: this)?'", "'share(?i)x'")), "R014")
    assert (p.line, p.column) == (9, 20) and "(?i)" in p.message and "(?i:...)" in p.hint


def test_r015_bad_extent(write_rules):
    text = HEAD + RULE.replace("    kind: pattern\n    pattern: 'share(?: this)?'",
                               "    kind: section\n    header_words: [Related]\n    extent: forever")
    p = one(write_rules("sites/x.yaml", text), "R015")
    assert (p.line, p.column) == (10, 13) and "to-end, until-content" in p.hint


def test_r016_bad_domain(write_rules):
    p = one(write_rules("sites/x.yaml", HEAD.replace("[example.com]", "[https://example.com/news]") + RULE), "R016")
    assert (p.line, p.column) == (3, 9) and "no scheme, no path" in p.hint


@pytest.mark.parametrize("text, what", [
    ("pack: !!python/object/apply:os.system ['echo hi']\n", "YAML tag"),
    ("pack: !include other.yaml\n", "YAML tag"),
    ("pack: &p x\nkind: site\n", "anchor '&p'"),
    ("a: [x]\nb: *a\n", "alias '*a'"),
    ("base: {kind: site}\nother:\n  <<: {kind: site}\n", "merge keys"),
])
def test_r017_unsafe_yaml_is_refused(write_rules, text, what):
    probs = problems(write_rules("sites/x.yaml", text))
    assert len(probs) == 1
    assert probs[0].code == "R017" and what in probs[0].message
    assert "plain data" in probs[0].hint


def test_all_problems_reported_at_once(write_rules):
    text = HEAD + RULE.replace("category: share", "category: shar").replace("    pattern:", "    patern:") \
        + RULE.replace("example-share", "example-two").replace("'share(?: this)?'", "'x(y'")
    probs = problems(write_rules("sites/x.yaml", text))
    assert sorted(p.code for p in probs) == ["R001", "R002", "R004", "R006"]  # R002: no 'pattern' left
    assert all(p.hint for p in probs)
    assert {p.rule for p in probs} == {"example-share", "example-two"}
