import itertools
import json

import pytest

from cleaner import Cleaner, CleanerSpec, Rejected
from cleaner.stats import RunStats

P = ("The minister said the talks would continue next week in Geneva, with all parties present at the "
     "table, and that a ceasefire remained the first priority for everyone involved in them.")
Q = ("Diplomats said a draft agreement had been circulated among the delegations on Sunday, although "
     "several points were still contested and would need further discussion before any signing.")
DOC = "\n".join(["Home", "News", "Talks to resume in Geneva", P, "Share", Q, "© 2024 Example News"])


def test_clean_returns_text_and_every_removal_with_its_reason(cleaner):
    r = cleaner.clean(DOC)
    assert r.text == "\n\n".join(["Talks to resume in Geneva", P, Q])
    removed = {x["text"]: x for x in r.removed}
    assert removed["Share"]["rule"] == "en-share-row" and removed["Share"]["category"] == "share"
    assert removed["© 2024 Example News"]["rule"] == "copyright-symbol"
    assert removed["Home"]["category"] in ("nav", "layout")
    assert r.lang == "en"
    assert sum(r.chars_removed.values()) == sum(len(x["text"]) for x in r.removed)


def test_lang_override_and_detection(cleaner):
    assert cleaner.clean(DOC, lang="de").document.meta["lang_source"] == "given"
    assert cleaner.clean(DOC).document.meta["lang_source"] == "detected"


def test_clean_rejects_bytes(cleaner):
    with pytest.raises(TypeError):
        cleaner.clean(DOC.encode())


def test_lone_surrogates_are_replaced_and_counted_not_a_crash(cleaner):
    text = DOC.replace("\n", " \ud800\n", 1)
    res = cleaner.clean(text)
    assert res.notes["invalid_utf8"] == 1
    assert res.text == cleaner.clean(DOC.replace("\n", " \ufffd\n", 1)).text
    res.text.encode("utf-8")
    record, _ = cleaner.clean_record({"id": 1, "text": "\udc00" + DOC})
    record["text"].encode("utf-8")


def test_clean_record_contract(cleaner):
    out, _ = cleaner.clean_record({"id": 7, "text": DOC, "url": "https://example.com/x", "extra": [1]},
                                  audit=True)
    assert out["id"] == 7 and out["extra"] == [1] and out["url"] == "https://example.com/x"
    assert out["text"].startswith("Talks to resume")
    assert any(x["rule"] == "en-share-row" for x in out["removed"])
    with pytest.raises(Rejected, match="no 'text' field"):
        cleaner.clean_record({"id": 1})
    with pytest.raises(Rejected, match="not a string"):
        cleaner.clean_record({"id": 1, "text": 5})
    with pytest.raises(Rejected, match="binary"):
        cleaner.clean_record({"id": 1, "text": "\x00\x01\x02\x03" * 100})


def test_stream_is_lazy_and_ordered():
    c = Cleaner()
    seen = []

    def gen():
        for i in itertools.count():
            seen.append(i)
            yield {"id": i, "text": f"Title {i}\n{P}\n{Q}"}

    out = list(itertools.islice(c.stream(gen(), workers=1), 3))
    assert [o["id"] for o in out] == [0, 1, 2]
    assert len(seen) <= 4  # constant memory: it does not read ahead of what is asked


def test_stream_rejects_go_to_the_callback_and_counts_reconcile():
    c = Cleaner()
    rejected = []
    stats = RunStats()
    recs = [{"id": 1, "text": DOC}, {"id": 2}, "plain string document\n" + P, {"id": 4, "text": None}]
    out = list(c.stream(recs, workers=1, on_reject=lambda i, r, why: rejected.append((i, why)), stats=stats))
    assert [o.get("id") for o in out] == [1, None]
    assert [i for i, _ in rejected] == [1, 3]
    assert stats.docs_in == 4 and stats.docs_out == 2 and stats.rejected == 2 and stats.reconciled


def test_parallel_output_equals_serial_output():
    c = Cleaner()
    recs = [{"id": i, "text": f"Title number {i}\nMenu\n{P}\n{Q}\nShare"} for i in range(150)]
    serial = list(c.stream(recs, workers=1))
    parallel = list(c.stream(recs, workers=2, chunk_size=7))
    assert serial == parallel


def test_pipeline_from_config_file(tmp_path):
    cfg = tmp_path / "pipeline.yaml"
    cfg.write_text("filters:\n  - quality\n  - share\n  - id: layout\n    config: {strictness: 1.5}\n"
                   "languages: {always: [en]}\nprose: {good_tokens: 15}\n", encoding="utf-8")
    c = Cleaner(spec=CleanerSpec.from_file(cfg))
    assert c.filter_ids == ["quality", "share", "layout"]
    assert c.filters[-1].config.strictness == 1.5
    assert c.context.prose.good_tokens == 15
    r = c.clean(DOC)
    assert "Share" not in r.text


def test_unknown_filter_and_preset_fail_with_the_known_ones():
    with pytest.raises(ValueError, match="unknown filter 'nope'.*layout"):
        Cleaner(spec=CleanerSpec(filters=(("nope", ()),)))
    with pytest.raises(ValueError, match="unknown preset"):
        Cleaner("fancy")
    with pytest.raises(ValueError, match="has no option"):
        Cleaner(spec=CleanerSpec(filters=(("layout", (("bogus", 1),)),)))


def test_rules_only_preset_keeps_what_no_rule_names():
    c = Cleaner("rules-only")
    r = c.clean(DOC)
    assert "Home" in r.text.split("\n\n") or "News" in r.text  # no structural drops
    assert "Share" not in r.text.split("\n\n")


def test_deterministic_results(cleaner):
    a = json.dumps(cleaner.clean(DOC).removed, sort_keys=True)
    b = json.dumps(Cleaner().clean(DOC).removed, sort_keys=True)
    assert a == b


def random_prose(n_paragraphs: int, seed: int = 1) -> str:
    import random
    rnd = random.Random(seed)
    words = (P + " " + Q).replace(",", "").replace(".", "").split()
    paras = []
    for _ in range(n_paragraphs):
        sentences = [" ".join(rnd.choice(words) for _ in range(rnd.randint(12, 25))).capitalize() + "."
                     for _ in range(3)]
        paras.append(" ".join(sentences))
    return "\n".join(paras)


def test_large_document_is_cleaned(cleaner):
    big = "Headline of a very long page\n" + random_prose(6000)  # ~2.4 MB of distinct paragraphs
    assert len(big) > 4 * cleaner.spec.part_chars  # cleaned in several parts
    r = cleaner.clean(big)
    assert len(r.text) > 0.95 * len(big)


def test_max_chars_guard_rejects_with_a_reason():
    c = Cleaner(max_chars=1000)
    with pytest.raises(Rejected, match="over the limit"):
        c.clean_record({"text": "x" * 2000})


def test_a_text_document_is_cleaned_without_the_html_parser_or_numpy_ma():
    """Start-up: what only HTML and markup inputs need (lxml, the DOM analysis) is
    imported by the first such document, and numpy.ma (np.unique's first call) never."""
    import subprocess
    import sys

    code = ("import sys; from cleaner import Cleaner; c = Cleaner(); "
            "c.clean('A title\\n\\nSome article text, long enough to be prose. Share this'); "
            "print(sorted(m for m in ('lxml', 'numpy.ma', 'cleaner.dom.content', 'cleaner.parse.markup') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
