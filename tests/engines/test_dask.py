import pytest

pytest.importorskip("distributed")

from cleaner import Cleaner  # noqa: E402

P = ("The minister said the talks would continue next week in Geneva, with all parties present at the "
     "table, and that a ceasefire remained the first priority for everyone involved in them.")


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                           dashboard_address=None)
    c = Client(cluster)
    yield c
    c.close()
    cluster.close()


def test_dask_engine_matches_local_engine(client):
    recs = [{"id": i, "text": f"Headline {i}\nMenu\n{P}\nShare"} for i in range(60)] + [{"id": "bad"}]
    c = Cleaner()
    local = list(c.stream(recs, workers=1))
    rejected = []
    remote = list(c.stream(recs, engine="dask", scheduler=client.scheduler.address, chunk_size=8,
                           on_reject=lambda i, r, why: rejected.append(i)))
    assert remote == local and rejected == [60]


def test_clean_bag(client):
    import dask.bag as db

    from cleaner.integrations.dask import clean_bag
    bag = db.from_sequence([{"id": 1, "text": f"Headline\n{P}\nShare"}, {"id": 2}], npartitions=2)
    out = clean_bag(bag).compute(scheduler=client.get)
    assert out[0]["text"].endswith("everyone involved in them.") and out[1] == {"id": 2, "rejected": "record has no 'text' field"}
