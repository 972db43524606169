"""The memo on disk: results survive the process, a changed input or an unusable
folder only costs the computation again, and ``off`` disables it."""
from __future__ import annotations

import os
import pickle

import pytest

from cleaner import diskmemo
from cleaner.diskmemo import DiskMemo


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def computed(calls: list, value):
    def compute():
        calls.append(value)
        return value
    return compute


def test_a_result_is_computed_once_and_read_back_by_the_next_process(folder):
    calls: list = []
    memo = DiskMemo("test-analysis")
    assert memo.get("a", computed(calls, 1)) == 1
    assert memo.get("a", computed(calls, 2)) == 1 and calls == [1]
    memo.flush()
    files = list(folder.glob("test-analysis-*.pickle"))
    assert len(files) == 1 and diskmemo.code_digest() in files[0].name
    again = DiskMemo("test-analysis")  # a new process would start like this
    assert again.get("a", computed(calls, 3)) == 1 and calls == [1]
    assert again.get("b", computed(calls, 4)) == 4 and calls == [1, 4]


def test_a_corrupt_file_is_ignored_and_replaced(folder):
    memo = DiskMemo("test-corrupt")
    memo.get("k", lambda: "v")
    memo.flush()
    path = next(folder.glob("test-corrupt-*.pickle"))
    path.write_bytes(b"not a pickle")
    fresh = DiskMemo("test-corrupt")
    assert fresh.get("k", lambda: "recomputed") == "recomputed"
    fresh.flush()
    assert pickle.loads(path.read_bytes()) == {"k": "recomputed"}


def test_off_disables_the_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("CLEANER_CACHE_DIR", "off")
    assert diskmemo.cache_dir() is None
    memo = DiskMemo("test-off")
    assert memo.get("k", lambda: 5) == 5
    memo.flush()  # nothing to write to, no error


def test_an_unwritable_folder_is_skipped(monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(blocker / "cache"))  # under a file: cannot be made
    memo = DiskMemo("test-unwritable")
    assert memo.get("k", lambda: 7) == 7
    memo.flush()


def test_worker_processes_add_to_the_same_file(folder):
    memo = DiskMemo("test-fork")
    memo.get("parent", lambda: 1)
    memo.flush()
    pid = os.fork()
    if pid == 0:  # a worker computes more and writes it, keeping the parent's entries
        memo.get("child", lambda: 2)
        memo.flush()
        os._exit(0)
    os.waitpid(pid, 0)
    path = next(folder.glob("test-fork-*.pickle"))
    assert pickle.loads(path.read_bytes()) == {"parent": 1, "child": 2}
    memo.get("later", lambda: 3)
    memo.flush()  # the parent's next write keeps the worker's entry
    assert pickle.loads(path.read_bytes()) == {"parent": 1, "child": 2, "later": 3}


def test_the_rule_analyses_start_from_the_memo(folder):
    """A second load of the built-in packs computes no pattern analysis again."""
    from cleaner.rules import loader

    def forget():  # what this process holds: the next load reads the folder back
        for memo in DiskMemo._all:
            memo._data, memo._dirty, memo._new = None, False, {}

    forget()
    loader.RuleSet.load()  # computes into the (empty) test folder and writes it
    assert list(folder.glob("rule-packs-*/*.pickle")) and list(folder.glob("regex-facts-*.pickle"))
    forget()
    calls: list = []
    real = loader._parse_pack
    loader._parse_pack = lambda *a: calls.append(a) or real(*a)
    try:
        loader.RuleSet.load()
    finally:
        loader._parse_pack = real
    assert calls == []


def test_other_versions_files_unwritten_for_a_week_are_removed_on_write(folder):
    folder.mkdir(parents=True)
    old = folder / "test-analysis-0000000000000000.pickle"
    recent = folder / "test-analysis-1111111111111111.pickle"
    other = folder / "other-analysis-0000000000000000.pickle"
    for f in (old, recent, other):
        f.write_bytes(pickle.dumps({}))
    week_ago = os.path.getmtime(old) - diskmemo.STALE_SECONDS - 60
    os.utime(old, (week_ago, week_ago))
    os.utime(other, (week_ago, week_ago))
    memo = DiskMemo("test-analysis")
    memo.get("a", lambda: 1)
    memo.flush()
    assert not old.exists()  # an old version's memo of this analysis
    assert recent.exists()  # another installation in use
    assert other.exists()  # another analysis: pruned when that one is written
    assert (folder / f"test-analysis-{diskmemo.code_digest()}.pickle").exists()


# -- one file per entry ----------------------------------------------------------------------

def test_per_entry_results_live_in_a_file_each_read_only_when_asked_for(folder):
    calls: list = []
    memo = DiskMemo("test-entries", per_entry=True)
    assert memo.get(("a", b"x"), computed(calls, 1)) == 1
    assert memo.get(("b", b"y"), computed(calls, 2)) == 2
    memo.flush()
    sub = folder / f"test-entries-{diskmemo.code_digest()}"
    files = sorted(sub.glob("*.pickle"))
    assert len(files) == 2
    assert sorted(pickle.loads(f.read_bytes()) for f in files) == [(("a", b"x"), 1), (("b", b"y"), 2)]
    again = DiskMemo("test-entries", per_entry=True)  # a new process
    assert again.get(("b", b"y"), computed(calls, 3)) == 2 and calls == [1, 2]
    assert again._data == {("b", b"y"): 2}  # the other entry was never read


def test_per_entry_a_file_holding_another_key_or_garbage_is_recomputed(folder):
    memo = DiskMemo("test-entries-bad", per_entry=True)
    memo.get("k", lambda: "v")
    memo.flush()
    path = next((folder / f"test-entries-bad-{diskmemo.code_digest()}").glob("*.pickle"))
    for junk in (pickle.dumps(("other key", "w")), b"not a pickle", pickle.dumps({"k": "v"})):
        path.write_bytes(junk)
        fresh = DiskMemo("test-entries-bad", per_entry=True)
        assert fresh.get("k", lambda: "recomputed") == "recomputed"
    fresh.flush()
    assert pickle.loads(path.read_bytes()) == ("k", "recomputed")


def test_per_entry_off_and_unwritable_folders_only_cost_the_computation(monkeypatch, tmp_path):
    monkeypatch.setenv("CLEANER_CACHE_DIR", "off")
    memo = DiskMemo("test-entries-off", per_entry=True)
    assert memo.get("k", lambda: 5) == 5
    memo.flush()
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(blocker / "cache"))
    memo = DiskMemo("test-entries-unwritable", per_entry=True)
    assert memo.get("k", lambda: 7) == 7
    memo.flush()


def test_other_versions_entry_folders_unwritten_for_a_week_are_removed_on_write(folder):
    old, recent = folder / "test-entries-old-0000000000000000", folder / "test-entries-old-1111111111111111"
    for d in (old, recent):
        d.mkdir(parents=True)
        (d / "x.pickle").write_bytes(pickle.dumps(("k", 1)))
    week_ago = os.path.getmtime(old / "x.pickle") - diskmemo.STALE_SECONDS - 60
    os.utime(old / "x.pickle", (week_ago, week_ago))
    memo = DiskMemo("test-entries-old", per_entry=True)
    memo.get("a", lambda: 1)
    memo.flush()
    assert not old.exists() and recent.exists()
    assert (folder / f"test-entries-old-{diskmemo.code_digest()}").is_dir()
