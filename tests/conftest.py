"""Shared fixtures: a writer for rule packs in a temporary folder."""
from __future__ import annotations

import os
import tempfile
import textwrap
from pathlib import Path

import pytest

# The analyses memoized on disk (cleaner/diskmemo.py) go to a folder of this test run,
# shared with the command-line subprocesses the tests start, never to the user's cache.
os.environ.setdefault("CLEANER_CACHE_DIR", tempfile.mkdtemp(prefix="cleaner-test-cache-"))


@pytest.fixture
def write_rules(tmp_path):
    """``write_rules("sites/example.com.yaml", yaml_text, root="my-rules")`` writes a
    dedented rule file under ``tmp_path/root`` and returns its Path."""

    def write(rel: str, text: str, root: str = "my-rules") -> Path:
        p = tmp_path / root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return p

    return write


@pytest.fixture(scope="session")
def cleaner():
    """The default Cleaner (built-in rules), shared: building one loads every rule pack."""
    from cleaner import Cleaner
    return Cleaner()


@pytest.fixture(scope="session")
def removed_by():
    """``removed_by(result, text_part)``: the rule (or filter) id that removed the block
    containing ``text_part``, or None when that block was kept."""

    def find(result, text_part: str):
        for b in result.document.blocks:
            if text_part in b.text:
                v = b.drop_verdict
                return (v.rule or v.filter) if v is not None else None
        raise AssertionError(f"no block contains {text_part!r}")

    return find


@pytest.fixture(scope="session")
def dask_client():
    """One local Dask cluster (2 worker processes, 127.0.0.1) for every test that needs one."""
    pytest.importorskip("distributed")
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                           dashboard_address=None)
    client = Client(cluster)
    yield client
    client.close()
    cluster.close()


@pytest.fixture(scope="session")
def dask_scheduler(dask_client) -> str:
    return dask_client.scheduler.address
