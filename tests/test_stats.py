"""Run counts: one Outcome at a time, reconciled, emptied documents, merged shards."""
from cleaner.run import Outcome
from cleaner.stats import RunStats


def summary(chars_in=10, chars_out=4, emptied=False, notes=None):
    return {"chars_in": chars_in, "chars_out": chars_out, "categories": {"share": chars_in - chars_out},
            "rules": {"en-share-row": chars_in - chars_out}, "notes": notes or {}, "emptied": emptied}


def test_outcomes_are_counted_and_reconcile():
    s = RunStats()
    s.add(Outcome({"text": "x"}, summary(notes={"invalid_utf8": 1, "rule_errors": ["r1"]})))
    s.add(Outcome(reason="malformed JSON line (Expecting value at column 1)"))
    assert (s.docs_in, s.docs_out, s.rejected) == (2, 1, 1) and s.reconciled
    assert s.reject_reasons == {"malformed JSON line": 1}
    assert s.notes == {"documents with invalid UTF-8 (replaced)": 1} and s.rule_errors == {"r1": 1}
    d = s.as_dict()
    assert d["documents"] == {"in": 2, "out": 1, "rejected": 1} and d["emptied"] == 0
    assert d["top_rules"] == {"en-share-row": 6}


def test_mostly_emptied_means_more_than_half_of_the_cleaned_documents():
    s = RunStats()
    for emptied in (True, False):
        s.add(Outcome({}, summary(chars_out=0 if emptied else 4, emptied=emptied)))
    assert s.emptied == 1 and not s.mostly_emptied
    s.add(Outcome({}, summary(chars_out=0, emptied=True)))
    assert s.mostly_emptied


def test_merge_adds_shards():
    a, b = RunStats(), RunStats()
    a.add(Outcome({}, summary()))
    b.add(Outcome({}, summary(emptied=True, chars_out=0)))
    b.add(Outcome(reason="record has no 'text' field"))
    a.merge(b)
    assert (a.docs_in, a.docs_out, a.rejected, a.emptied) == (3, 2, 1, 1) and a.reconciled
    assert a.categories == {"share": 16} and a.chars_in == 20 and a.chars_out == 4


def test_the_summary_counts_the_page_types_assumed():
    from cleaner import Cleaner
    from cleaner.run import summarize
    text = ("Title of the story\n\nThe council met on Monday to discuss the budget for next year, "
            "and members said the plan would pass after a long debate.\n\nShare this")
    res = Cleaner().clean(text)
    assert res.notes["page_type"] == "article"
    s = RunStats()
    s.add(Outcome({"text": res.text}, summarize(res)))
    assert s.notes == {"page type assumed: article": 1}
