"""``CleanerStep`` under datatrove's own LocalPipelineExecutor: the same text as the
command line, rejects dropped with their reason into datatrove's stats (total =
forwarded + dropped), and the exclusion writer gets them."""
import json

import pytest

pytest.importorskip("datatrove")

from datatrove.data import Document  # noqa: E402
from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

from cleaner import Cleaner  # noqa: E402
from cleaner.integrations.datatrove import CleanerStep, reason_key  # noqa: E402
from cleaner.run import RecordOptions  # noqa: E402

P = ("The minister said the talks would continue next week in Geneva, with all parties present at the "
     "table, and that a ceasefire remained the first priority for everyone involved in them.")


def docs():
    out = [Document(text=f"Home\nHeadline {i}\n{P}\nShare", id=str(i), metadata={"url": f"https://e.com/{i}"})
           for i in range(8)]
    out.append(Document(text="\x00\x01\x02\x03" * 40, id="bin", metadata={}))
    out.append(Document(text="Share\n© 2024 Example News", id="empty", metadata={}))
    return out


def test_step_under_the_local_executor_cleans_and_counts(tmp_path):
    kept = []

    def collect(data, rank=0, world_size=1):
        for d in data:
            kept.append(d)
            yield d

    step = CleanerStep(options=RecordOptions(audit=True), drop_empty=True,
                       exclusion_writer=JsonlWriter(str(tmp_path / "excluded"), compression=None))
    LocalPipelineExecutor(pipeline=[docs(), step, collect], tasks=1, workers=1,
                          logging_dir=str(tmp_path / "logs")).run()
    expected = list(Cleaner().stream([{"id": d.id, "text": d.text, **d.metadata} for d in docs()[:8]], workers=1))
    assert [d.text for d in kept] == [e["text"] for e in expected]
    assert all(d.metadata["removed"][-1]["rule"] == "en-share-row" for d in kept)
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text())
    mine = next(s for s in stats if s["name"].startswith("Cleaner"))["stats"]
    assert mine["total"] == 10 and mine["forwarded"] == 8 and mine["dropped"] == 2
    assert mine["dropped_text_looks_binary"] == 1 and mine["dropped_emptied"] == 1 and mine["emptied"] == 1
    assert mine["removed_share"]["total"] > 0
    excluded = [json.loads(x) for f in (tmp_path / "excluded").iterdir() for x in f.read_text().splitlines()]
    assert sorted((e["id"], e["metadata"]["filter_reason"]) for e in excluded) == [
        ("bin", "text looks binary (NUL/control characters), not text"), ("empty", "emptied")]


def test_reason_keys():
    assert reason_key("text is 5,000 characters, over the limit of 4 (raise max_chars to clean it)") == \
        "text_is_n_characters_over_the_limit_of_n"
    assert reason_key("record has no 'text' field") == "record_has_no_text_field"
    assert reason_key("internal error: ValueError: x") == "internal_error"
