"""``rules try`` mechanics: counts, attribution to current rules, over-firing, scope."""
from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.pipeline import CleanerSpec
from cleaner.rules.loader import builtin_rules_dir
from cleaner.rules.trial import Trial

DRAFT = """\
pack: draft
kind: common
rules:
  - id: zzq-promo
    category: ads
    description: Zzq promotions.
    kind: pattern
    pattern: 'zzq promo:.*'
    examples:
      drop: ["Zzq promo: win a prize"]
      keep: ["The zzq is a small bird."]
  - id: draft-share
    category: share
    description: A share word.
    kind: pattern
    pattern: 'share'
    examples:
      drop: ["Share"]
      keep: ["Share prices fell."]
"""

DOC1 = ("Council approves budget\nShare\n"
        "The council approved the budget on Monday after a long debate about school funding and roads.\n"
        "Zzq promo: win a prize\n"
        "Members said the new plan would be reviewed again next spring, once the first figures are in.\n")
DOC2 = "Zzq promo: free tickets\nZzq promo: and more\n"
RECORDS = [("doc1", DOC1, "text", None, "en"), ("doc2", DOC2, "text", None, "en")]


@pytest.fixture
def draft(write_rules):
    return write_rules("draft.yaml", DRAFT)


def run(draft, records=RECORDS, examples=5, **spec):
    trial = Trial(draft, CleanerSpec(preset="rules-only", **spec), examples=examples)
    return trial.run(records)


def test_counts_examples_and_over_firing(draft):
    rep = run(draft)
    assert (rep.documents, rep.blocks) == (2, 7)
    promo, share = rep.rules
    assert promo.rule.id == "zzq-promo" and promo.applied_by == "ads"
    assert (promo.dropped, promo.docs_touched, promo.new, promo.already_total) == (3, 2, 3, 0)
    assert [e.text for e in promo.examples] == ["Zzq promo: win a prize", "Zzq promo: free tickets",
                                                "Zzq promo: and more"]
    assert [(e.doc, e.block) for e in promo.examples][0] == ("doc1", 3)
    assert promo.over_fired == [("doc2", 2)]  # every block of doc2
    assert [t.rule.id for t in rep.over_firing] == ["zzq-promo"]
    assert rep.newly_dropped == 3 and rep.newly_kept == 0 and rep.docs_changed == 2
    assert rep.emptied == ["doc2"]


def test_blocks_the_current_rules_already_drop_are_attributed(draft):
    share = run(draft).rules[1]
    assert (share.dropped, share.new) == (1, 0)
    assert dict(share.already) == {"en-share-row": 1}
    assert share.examples == [] and share.already_examples[0].already == "en-share-row"
    # in the draft run the earlier built-in rule still decides that block
    assert share.in_draft_run == 0 and not share.over_fired


def test_examples_limit(draft):
    promo = run(draft, examples=1).rules[0]
    assert len(promo.examples) == 1 and promo.dropped == 3


def test_scope_site_rule_needs_a_matching_url(write_rules):
    d = write_rules("sites/example.com.yaml", DRAFT.replace("kind: common", "kind: site\nsites: [example.com]"))
    rep = run(d)
    assert rep.rules[0].docs_in_scope == 0 and rep.rules[0].dropped == 0
    recs = [(i, t, f, "https://www.example.com/x", lang) for i, t, f, _u, lang in RECORDS]
    rep = run(d, recs)
    assert rep.rules[0].docs_in_scope == 2 and rep.rules[0].dropped == 3


def test_protect_rule_reports_what_it_saves(write_rules):
    d = write_rules("p.yaml", """\
pack: draft
kind: common
rules:
  - id: keep-share
    category: protect
    description: Keep the share line.
    kind: protect
    pattern: 'share'
    examples:
      protect: ["Share"]
      keep: ["Other"]
""")
    t = run(d).rules[0]
    assert (t.protected, dict(t.already), t.over_fired) == (1, {"en-share-row": 1}, [])
    rep = run(d)
    assert rep.newly_kept == 1


def test_rule_of_a_category_no_filter_applies(write_rules):
    d = write_rules("q.yaml", DRAFT.replace("category: ads", "category: template"))
    t = run(d).rules[0]
    assert t.applied_by is None and t.dropped == 0


def test_timeouts_are_reported_per_rule(write_rules):
    d = write_rules("slow.yaml", DRAFT.replace("'zzq promo:.*'", "'(z|z)+$'"))
    recs = [("slow", "z" * 60 + "!z\nThe council met on Monday to discuss the budget.\n", "text", None, "en")]
    t = run(d, recs, timeout=0.02).rules[0]
    assert t.timeouts == ["slow"] and t.dropped == 0


def test_a_builtin_file_as_draft_replaces_its_builtin_version():
    draft = builtin_rules_dir() / "sites" / "bbc.com.yaml"
    trial = Trial(draft, CleanerSpec(preset="rules-only"))
    assert not [r for r in trial.base_rules.rules if r.pack == "bbc-com"]
    ids = [r.id for r in trial.draft_rules.rules if r.pack == "bbc-com"]
    assert len(ids) == len(set(ids)) > 0
    assert [t.rule.id for t in trial.trials] == ids
    rec = ("bbc", "Image copyright Getty Images\nThe council met on Monday to discuss the budget for next year.",
           "text", "https://www.bbc.com/news/x", "en")
    rep = trial.run([rec])
    credit = next(t for t in rep.rules if t.rule.id == "bbc-image-credit")
    assert (credit.dropped, credit.new) == (1, 1)


def test_unreadable_inputs_and_limit(draft):
    trial = Trial(draft, CleanerSpec(preset="rules-only"))
    rep = trial.run([None, RECORDS[0], RECORDS[1]], limit=1)
    assert (rep.rejected, rep.documents, rep.limited) == (1, 1, True)
    assert Path(rep.draft_files[0]).name == "draft.yaml"
