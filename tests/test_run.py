"""The one run loop: ``clean_one`` turns every record into one typed Outcome (cleaned
with its summary, or rejected with its reason), and ``run`` keeps order and counts."""
import itertools
from functools import partial

import pytest

from cleaner import Cleaner, CleanerSpec
from cleaner.engines.local import handler_of
from cleaner.io.readers import Item
from cleaner.run import Outcome, Payload, RecordOptions, RecordWork, clean_one, clean_record, payload_chars, run
from cleaner.stats import RunStats

P = ("The minister said the talks would continue next week in Geneva, with all parties present at the "
     "table, and that a ceasefire remained the first priority for everyone involved in them.")
DOC = "\n".join(["Talks to resume in Geneva", P, "Share"])


def test_a_cleaned_record_carries_its_summary_and_the_rules_that_decided(cleaner):
    o = clean_one(cleaner, Payload({"id": 1, "text": DOC, "keep": [1]}), RecordOptions(audit=True))
    assert o.ok and o.reason is None
    assert o.record["id"] == 1 and o.record["keep"] == [1] and o.record["text"].endswith("involved in them.")
    assert [x["rule"] for x in o.record["removed"]] == ["en-share-row"]
    s = o.summary
    assert s["rules"] == {"en-share-row": len("Share")} and s["categories"] == {"share": len("Share")}
    assert s["chars_in"] - s["chars_out"] == len("Share") and s["emptied"] is False


@pytest.mark.parametrize("record, reason", [
    ({"id": 1}, "record has no 'text' field"),
    ({"id": 1, "text": 5}, "field 'text' is int, not a string"),
    ([1, 2], "record is a JSON list, not an object"),
    ({"text": "\x00\x01\x02\x03" * 50}, "field 'text' looks binary (NUL/control characters), not text"),
])
def test_records_that_cannot_be_cleaned_are_rejected_with_their_reason(cleaner, record, reason):
    assert clean_one(cleaner, Payload(record), RecordOptions()) == Outcome(reason=reason)


def test_a_readers_reject_passes_through_and_max_chars_is_the_cleaners():
    c = Cleaner(spec=CleanerSpec(max_chars=100))
    assert clean_one(c, Payload(None, reject="malformed JSON line"), RecordOptions()).reason == "malformed JSON line"
    assert clean_one(c, Payload({"text": "x" * 101}), RecordOptions()).reason.startswith(
        "text is 101 characters, over the limit of 100")


def test_an_internal_error_rejects_the_record_instead_of_losing_it(monkeypatch):
    c = Cleaner()

    def boom(doc):
        raise RuntimeError("a bug")

    monkeypatch.setattr(c, "process", boom)
    o = clean_one(c, Payload({"text": DOC}), RecordOptions())
    assert o.reason == "internal error: RuntimeError: a bug" and o.record is None


def test_reader_notes_reach_the_summary(cleaner):
    o = clean_one(cleaner, Payload({"text": DOC}, notes={"invalid_utf8": 2, "other": 1}), RecordOptions())
    assert o.summary["notes"] == {"invalid_utf8": 2, "page_type": "article"}  # "other" is no summary note


def test_a_document_that_keeps_nothing_is_flagged_emptied(cleaner):
    o = clean_one(cleaner, Payload({"text": "Share\n© 2024 Example News"}), RecordOptions())
    assert o.ok and o.record["text"] == "" and o.summary["emptied"] is True
    stats = RunStats()
    stats.add(o)
    stats.add(clean_one(cleaner, Payload({"text": DOC}), RecordOptions()))
    assert stats.emptied == 1 and not stats.mostly_emptied
    stats.add(o)
    assert stats.mostly_emptied  # 2 of 3


def test_the_site_field_groups_the_page(cleaner):
    _o, res = clean_record(
        cleaner, Payload({"text": DOC, "url": "https://a.example.com/x", "shop": "Acme"}),
        RecordOptions(site_field="shop"))
    assert res.document.meta["site"] == "acme" and res.document.url == "https://a.example.com/x"


def test_payloads_from_items_dicts_and_strings():
    item = Item("f.jsonl", 3, record={"text": "x"}, fmt="html", notes={"invalid_utf8": 1}, kind="record")
    assert Payload.of(item) == Payload({"text": "x"}, "html", None, {"invalid_utf8": 1})
    assert Payload.of("plain", text_field="body") == Payload({"body": "plain"})
    assert Payload.of({"text": "y"}) == Payload({"text": "y"})


def test_a_payload_weighs_its_record_strings():
    assert payload_chars(Payload({"id": 7, "url": "https://a.b/", "text": "twelve chars"})) == 24
    assert payload_chars((Payload({"text": "abc"}), "snapshot")) == 3  # a (payload, extra) pair
    assert payload_chars(Payload(["not", "a", "dict"])) == 0


def test_record_work_is_keyed_by_what_it_builds_and_built_once_per_process():
    a = RecordWork(partial(Cleaner, spec=CleanerSpec()), RecordOptions())
    b = RecordWork(partial(Cleaner, spec=CleanerSpec()), RecordOptions())
    c = RecordWork(partial(Cleaner, spec=CleanerSpec()), RecordOptions(audit=True))
    assert a.key == b.key != c.key
    assert handler_of(a) is handler_of(b)  # the same work is built once in a process


def test_run_keeps_order_counts_every_item_and_reads_ahead_boundedly(cleaner):
    seen = []

    def items():
        for i in itertools.count():
            seen.append(i)
            yield {"id": i, "text": f"Title {i}\n{P}"} if i % 3 else {"id": i}

    work = RecordWork(partial(Cleaner, spec=cleaner.spec), RecordOptions())
    out = list(itertools.islice(run(work, items(), local=work.handler(cleaner)), 9))
    assert [it["id"] for it, _o in out] == list(range(9))
    assert [o.ok for _it, o in out] == [i % 3 != 0 for i in range(9)]
    assert len(seen) == 9


def test_unknown_engine():
    with pytest.raises(ValueError, match="unknown engine"):
        list(run(lambda p: p, [1], engine="spark"))
