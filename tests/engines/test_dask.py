"""The Dask engine: the same outcomes as the local engine, in order, with the work
built once per Dask worker process."""
import pytest

pytest.importorskip("distributed")

from cleaner import Cleaner  # noqa: E402
from cleaner.engines.dask import map_ordered_dask  # noqa: E402

P = ("The minister said the talks would continue next week in Geneva, with all parties present at the "
     "table, and that a ceasefire remained the first priority for everyone involved in them.")


def test_dask_engine_matches_local_engine(dask_client):
    recs = [{"id": i, "text": f"Headline {i}\nMenu\n{P}\nShare"} for i in range(60)] + [{"id": "bad"}]
    c = Cleaner()
    local = list(c.stream(recs, workers=1))
    rejected = []
    remote = list(c.stream(recs, engine="dask", scheduler=dask_client.scheduler.address, chunk_size=8,
                           on_reject=lambda i, r, why: rejected.append((i, why))))
    assert remote == local and rejected == [(60, "record has no 'text' field")]


class Pid:
    key = "dask-pid-work"

    def build(self):
        import os
        import uuid
        token = f"{os.getpid()}-{uuid.uuid4().hex}"  # a new token for every build
        return lambda x: (x, token)


def test_each_dask_worker_builds_the_work_once(dask_client):
    out = list(map_ordered_dask(Pid(), range(200), client=dask_client, chunk_size=4))
    assert [x for x, _ in out] == list(range(200)) and [r[0] for _, r in out] == list(range(200))
    tokens = {r[1] for _, r in out}
    assert 1 <= len(tokens) <= 2  # 50 chunks over 2 worker processes: one build each
