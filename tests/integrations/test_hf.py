"""``CleanBatch`` with Hugging Face ``datasets``: ``map(batched=True, num_proc=2)`` gives
the command line's text, keeps every row, and says why a row was rejected."""
import json

import pytest

pytest.importorskip("datasets")

from datasets import Dataset  # noqa: E402

from cleaner import Cleaner  # noqa: E402
from cleaner.integrations.hf import CleanBatch  # noqa: E402

P = ("The minister said the talks would continue next week in Geneva, with all parties present at the "
     "table, and that a ceasefire remained the first priority for everyone involved in them.")


def test_map_batched_over_two_processes(tmp_path):
    rows = [{"id": str(i), "text": f"Home\nHeadline {i}\n{P}\nShare", "url": f"https://e.com/{i}"} for i in range(24)]
    rows[5]["text"] = "\x00\x01\x02\x03" * 40
    ds = Dataset.from_list(rows)
    out = ds.map(CleanBatch(audit=True, stats=True), batched=True, batch_size=4, num_proc=2,
                 cache_file_name=str(tmp_path / "c.arrow"))
    assert out.num_rows == 24 and out["id"] == [r["id"] for r in rows] and out["url"] == [r["url"] for r in rows]
    good = [r for i, r in enumerate(rows) if i != 5]
    expected = [o["text"] for o in Cleaner().stream(good, workers=1)]
    assert [t for i, t in enumerate(out["text"]) if i != 5] == expected
    assert out["cleaner_rejected"][5] == "text looks binary (NUL/control characters), not text"
    assert out["text"][5] == rows[5]["text"]  # a rejected row keeps its text and says why
    assert all(r == "" for i, r in enumerate(out["cleaner_rejected"]) if i != 5)
    assert json.loads(out["cleaner_removed"][0])[-1]["rule"] == "en-share-row"
    assert out["cleaner_chars_kept"][0] < out["cleaner_chars_in"][0] and out["cleaner_emptied"][0] is False
