"""``clean_bag``: one output per input record of a Dask bag, rejects with their reason."""
import pytest

pytest.importorskip("dask.bag")

from cleaner import Cleaner  # noqa: E402
from cleaner.integrations.dask import clean_bag  # noqa: E402

P = ("The minister said the talks would continue next week in Geneva, with all parties present at the "
     "table, and that a ceasefire remained the first priority for everyone involved in them.")


def test_clean_bag_matches_the_stream_and_keeps_rejects(dask_client):
    import dask.bag as db

    recs = [{"id": i, "text": f"Headline {i}\n{P}\nShare"} for i in range(10)] + [{"id": "x"}]
    out = clean_bag(db.from_sequence(recs, npartitions=3), audit=True).compute(scheduler=dask_client.get)
    assert out[:10] == list(Cleaner().stream(recs[:10], workers=1, audit=True))
    assert all(o["removed"][-1]["rule"] == "en-share-row" for o in out[:10])
    assert out[10] == {"id": "x", "rejected": "record has no 'text' field"}
