"""``cleaner rules lint|test|try|list`` as an editor uses them."""
from __future__ import annotations

import json
import os

import pytest

from cleaner.cli import main

DRAFT = """\
pack: example-com
kind: site
sites: [example.com]
rules:
  - id: example-promo
    category: ads
    description: Zzq promotions.
    kind: pattern
    pattern: 'zzq promo:.*'
    examples:
      drop: ["Zzq promo: win a prize"]
      keep: ["The zzq is a small bird."]
"""

DOC1 = ("Council approves budget\nShare\n"
        "The council approved the budget on Monday after a long debate about school funding and roads.\n"
        "Zzq promo: win a prize\n"
        "Members said the new plan would be reviewed again next spring, once the first figures are in.\n")
DOC2 = "Zzq promo: free tickets\nZzq promo: and more\n"


def run(capsys, *argv):
    rc = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.fixture
def sample(tmp_path):
    d = tmp_path / "sample"
    d.mkdir()
    (d / "doc1.txt").write_text(DOC1, encoding="utf-8")
    (d / "doc2.txt").write_text(DOC2, encoding="utf-8")
    return d


# -- lint ----------------------------------------------------------------------------------------------------
def test_lint_clean_draft(write_rules, capsys):
    f = write_rules("sites/example.com.yaml", DRAFT)
    rc, out, _ = run(capsys, "rules", "lint", f.parent.parent)
    assert rc == 0 and out.strip() == "1 rules in 1 files: no problems."


def test_lint_reports_every_problem_at_once(write_rules, capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    bad = DRAFT.replace("category: ads", "category: adz") + """\
  - id: example-second
    category: ads
    description: A rule whose examples are wrong.
    kind: pattern
    pattern: 'sponsored'
    examples:
      drop: ["Sponsored", "Advertisement"]
      keep: ["Sponsored by the council, the fair opens on Friday.", "sponsored"]
  - id: example-third
    category: ads
    description: Bad regex.
    kind: pattern
    pattern: 'ad(vert'
    examples:
      drop: ["advert"]
      keep: ["no"]
"""
    src = write_rules("sites/example.com.yaml", bad).read_text(encoding="utf-8").split("\n")

    def col(line, text):  # 1-based column of ``text`` on 1-based ``line`` of the file
        return src[line - 1].index(text) + 1

    rc, out, _ = run(capsys, "rules", "lint", "my-rules")
    assert rc == 1
    lines = [ln for ln in out.splitlines() if ln.startswith("my-rules/")]
    f = "my-rules/sites/example.com.yaml"
    c6, c19, c20 = col(6, "adz"), col(19, '"Advertisement'), col(20, '"sponsored"')
    c25 = col(25, "'") + 8  # the character after the pattern, where ')' is missing
    assert lines == [
        f"{f}:6:{c6}: R006 [example-promo] unknown category 'adz'",
        f"{f}:19:{c19}: R010 [example-second] drop example 2 is not satisfied by the rule: "
        "the rule does not match this block",
        f"{f}:20:{c20}: R010 [example-second] keep example 2 is not satisfied by the rule: "
        "the rule matches a block it must keep",
        f"{f}:25:{c25}: R004 [example-third] bad regex in 'pattern' at character 8 (after 'ad(vert'): missing )",
    ]
    assert "    example: 'Advertisement'" in out
    assert "fix: did you mean 'ads'?" in out
    assert "fix: make the rule match this block, or move the example under 'keep'" in out
    assert "fix: make the rule stricter" in out
    assert out.rstrip().endswith("1 rules in 1 files: 4 problem(s).")  # example-promo is not loaded


def test_lint_category_no_filter_applies(write_rules, capsys):
    f = write_rules("sites/example.com.yaml", DRAFT.replace("category: ads", "category: quality"))
    rc, out, _ = run(capsys, "rules", "lint", f)
    assert rc == 1
    assert f"{os.path.relpath(f)}:6:15: R006 [example-promo] no filter applies 'quality' rules" in out
    assert "fix: use one of: " in out and "share" in out


def test_lint_duplicates_only_at_the_same_level(write_rules, capsys):
    # same id as a built-in rule: an override, fine
    f = write_rules("common.yaml", "pack: mine\nkind: common\nrules:\n" + DRAFT.split("rules:\n")[1]
                    .replace("example-promo", "media-duration"))
    rc, out, _ = run(capsys, "rules", "lint", f.parent)
    assert rc == 0, out
    # twice in the draft folder: a duplicate
    write_rules("more.yaml", "pack: mine-2\nkind: common\nrules:\n" + DRAFT.split("rules:\n")[1]
                .replace("example-promo", "media-duration"))
    rc, out, _ = run(capsys, "rules", "lint", f.parent)
    assert rc == 1 and "R005 [media-duration] duplicate rule id 'media-duration'" in out


def test_lint_disable_of_an_unknown_id(write_rules, capsys):
    f = write_rules("sites/example.com.yaml", DRAFT.replace("rules:\n", "disable: [media-duration, zh-share-rwo]\nrules:\n"))
    rc, out, _ = run(capsys, "rules", "lint", f)
    assert rc == 1
    column = f.read_text(encoding="utf-8").split("\n")[3].index("zh-share-rwo") + 1
    assert f"{os.path.relpath(f)}:4:{column}: R018 'disable' names 'zh-share-rwo', which no loaded" in out
    assert "fix: did you mean 'zh-share-row'?" in out and "media-duration'" not in out


def test_lint_refuses_yaml_tags(write_rules, capsys):
    f = write_rules("sites/x.yaml", "pack: !!python/object/apply:os.system ['echo pwned']\n")
    rc, out, _ = run(capsys, "rules", "lint", f)
    assert rc == 1 and ":1:7: R017 YAML tag" in out and "pwned" not in out.split("R017")[0]


def test_lint_missing_path(capsys, tmp_path):
    rc, _out, err = run(capsys, "rules", "lint", tmp_path / "nope")
    assert rc == 2 and "no such file or folder" in err


# -- test ------------------------------------------------------------------------------------------------------
def test_test_passes_and_fails(write_rules, capsys):
    f = write_rules("sites/example.com.yaml", DRAFT)
    rc, out, _ = run(capsys, "rules", "test", f)
    assert rc == 0 and "2 examples of 1 rules: 2 passed, 0 failed." in out
    f.write_text(DRAFT.replace('keep: ["The zzq is a small bird."]',
                               'keep: ["The zzq is a small bird.", "zzq promo: keep me"]'), encoding="utf-8")
    rc, out, _ = run(capsys, "rules", "test", f)
    assert rc == 1
    column = f.read_text(encoding="utf-8").split("\n")[11].index('"zzq promo: keep me"') + 1
    assert f"FAIL {os.path.relpath(f)}:12:{column}: R010 [example-promo] keep example 2 is not satisfied" in out
    assert "example: 'zzq promo: keep me'" in out
    assert "3 examples of 1 rules: 2 passed, 1 failed\nfailing rules: example-promo" in out


# -- try --------------------------------------------------------------------------------------------------------
def test_try_over_firing_exit_code(write_rules, capsys, sample):
    f = write_rules("promo.yaml", DRAFT.replace("kind: site\nsites: [example.com]", "kind: common"))
    rc, out, _ = run(capsys, "rules", "try", f, sample, "--preset", "rules-only", "--lang", "en")
    assert rc == 1
    assert "sample: 2 documents, 7 blocks" in out
    assert "drops 3 blocks in 2 documents: 3 new, 0 already dropped by the current rules" in out
    assert "[new] doc1.txt #3: 'Zzq promo: win a prize'" in out
    assert "!! OVER-FIRING: drops EVERY block of 1 document(s): doc2.txt (2 blocks)" in out
    assert "!! over-firing rules: example-promo" in out


def test_try_json_site_scope_and_attribution(write_rules, capsys, sample):
    (sample / "doc2.txt").unlink()
    f = write_rules("sites/example.com.yaml", DRAFT.replace("'zzq promo:.*'", "'zzq promo:.*|share'"))
    rc, out, _ = run(capsys, "rules", "try", f, sample, "--preset", "rules-only", "--lang", "en", "--json")
    assert rc == 0
    [r] = json.loads(out)["rules"]
    assert (r["documents_in_scope"], r["dropped"]) == (0, 0)  # a site rule, and no URL
    rc, out, _ = run(capsys, "rules", "try", f, sample, "--preset", "rules-only", "--lang", "en", "--json",
                     "--url", "https://www.example.com/a.html")
    assert rc == 0
    rep = json.loads(out)
    [r] = rep["rules"]
    assert (r["documents_in_scope"], r["dropped"], r["new"]) == (1, 2, 1)
    assert r["already_dropped"] == {"en-share-row": 1}
    assert rep["changes"]["newly_dropped"] == 1 and rep["over_firing"] == []


def test_try_jsonl_records_carry_their_url(write_rules, capsys, tmp_path):
    f = write_rules("sites/example.com.yaml", DRAFT)
    jl = tmp_path / "sample.jsonl"
    jl.write_text("\n".join(json.dumps({"url": u, "text": DOC1}) for u in
                            ("https://example.com/1", "https://other.org/2")) + "\n", encoding="utf-8")
    rc, out, _ = run(capsys, "rules", "try", f, jl, "--preset", "rules-only", "--lang", "en", "--json")
    [r] = json.loads(out)["rules"]
    assert rc == 0 and (r["documents_in_scope"], r["dropped"]) == (1, 1)
    assert r["examples"][0]["doc"] == "sample.jsonl:1"


def test_clean_refuses_to_start_with_a_broken_pack(write_rules, capsys, sample):
    write_rules("sites/a.yaml", DRAFT.replace("'zzq promo:.*'", "'zzq(promo'"))
    f = write_rules("sites/b.yaml", DRAFT.replace("example-com", "example-b").replace("category: ads", "category: adz"))
    rc, out, err = run(capsys, "clean", sample / "doc1.txt", "--rules", f.parent.parent)
    assert rc == 2 and out == ""
    assert "nothing was cleaned" in err and "R004 [example-promo]" in err and "R006 [example-promo]" in err


def test_try_a_draft_that_only_disables(write_rules, capsys, sample):
    f = write_rules("sites/example.com.yaml", "pack: example-com\nkind: site\nsites: [example.com]\n"
                    "disable: [en-share-row]\n")
    rc, out, _ = run(capsys, "rules", "try", f, sample / "doc1.txt", "--preset", "rules-only", "--lang", "en",
                     "--url", "https://example.com/a")
    assert rc == 0 and "draft: " in out and "(0 rules)" in out
    assert "with the draft: 0 blocks newly dropped, 1 newly kept" in out
    assert "[newly kept, was: en-share-row] doc1.txt #1: 'Share'" in out


def test_try_bad_draft(write_rules, capsys, sample):
    f = write_rules("bad.yaml", DRAFT.replace("'zzq promo:.*'", "'zzq(promo'"))
    rc, _out, err = run(capsys, "rules", "try", f, sample)
    assert rc == 2 and "R004 [example-promo] bad regex" in err


# -- list -------------------------------------------------------------------------------------------------------
def test_list_filters(capsys):
    rc, out, _ = run(capsys, "rules", "list", "--json", "--category", "related", "--language", "vi")
    assert rc == 0
    rows = json.loads(out)["rules"]
    assert rows and {r["category"] for r in rows} == {"related"}
    assert all(r["languages"] is None or "vi" in r["languages"] for r in rows)
    assert "vi-related-header" in {r["id"] for r in rows} and "zh-related-header" not in {r["id"] for r in rows}
    rc, out, _ = run(capsys, "rules", "list", "--json", "--site", "www.bbc.com")
    rows = json.loads(out)["rules"]
    assert rows and all(r["sites"] == ["bbc.com", "bbc.co.uk"] for r in rows)
    assert all(r["file"].endswith("sites/bbc.com.yaml") and r["line"] > 0 for r in rows)


def test_list_table_and_hits(capsys, sample, write_rules):
    rc, out, _ = run(capsys, "rules", "list", "--kind", "trim")
    assert rc == 0 and "zh-meta-prefix" in out and "rules/lang/zh.yaml:" in out and "hits" not in out
    f = write_rules("sites/example.com.yaml", DRAFT)
    rc, out, _ = run(capsys, "rules", "list", sample, "--json", "--rules", f.parent.parent, "--preset",
                     "rules-only", "--lang", "en", "--url", "https://example.com/x", "--sort", "hits")
    rep = json.loads(out)
    assert rep["documents"] == 2
    hits = {r["id"]: r["hits"] for r in rep["rules"]}
    assert hits["example-promo"] == 3 and hits["en-share-row"] == 1 and hits["zh-meta-prefix"] == 0
    assert rep["rules"][0]["id"] == "example-promo"  # sorted by hits


def test_list_overridden_rule_is_marked(write_rules, capsys):
    f = write_rules("common.yaml", "pack: mine\nkind: common\nrules:\n" + DRAFT.split("rules:\n")[1]
                    .replace("example-promo", "media-duration").replace("category: ads", "category: related"))
    rc, out, _ = run(capsys, "rules", "list", "--json", "--rules", f.parent, "--category", "related",
                     "--kind", "pattern")
    rows = [r for r in json.loads(out)["rules"] if r["id"] == "media-duration"]
    assert [r["status"].split(" by ")[0] for r in rows] == ["overridden", ""]


def test_list_unknown_category(capsys):
    rc, _out, err = run(capsys, "rules", "list", "--category", "relatd")
    assert rc == 2 and "did you mean 'related'?" in err


# -- explain with a site rule (the editor's last step) ------------------------------------------------------
def test_explain_shows_the_site_rule_with_url(write_rules, capsys, sample):
    f = write_rules("sites/example.com.yaml", DRAFT)
    args = ["explain", sample / "doc1.txt", "--rules", f.parent.parent, "--json", "--lang", "en"]
    rc, out, _ = run(capsys, *args, "--url", "https://www.example.com/news/1")
    rules = [v.get("rule") for b in json.loads(out)["blocks"] for v in b["verdicts"]]
    assert rc == 0 and "example-promo" in rules
    rc, out, _ = run(capsys, *args)
    assert "example-promo" not in [v.get("rule") for b in json.loads(out)["blocks"] for v in b["verdicts"]]
