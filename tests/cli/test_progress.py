"""Progress: shown only when wanted, updates batched, records and MB/s over the run."""
import argparse

from cleaner.cli.progress import RunProgress, wanted


def test_not_wanted_in_pipes_or_when_switched_off(monkeypatch):
    import sys
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False, raising=False)
    assert not wanted(argparse.Namespace(no_progress=False, quiet=False))
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    assert wanted(argparse.Namespace(no_progress=False, quiet=False))
    assert not wanted(argparse.Namespace(no_progress=True, quiet=False))
    assert not wanted(argparse.Namespace(no_progress=False, quiet=True))


def test_disabled_progress_counts_but_never_starts_a_display():
    with RunProgress("x", 100, enabled=False) as p:
        for _ in range(5):
            p.advance(10)
        assert p._progress is None
    assert (p.records, p.nbytes) == (5, 50)


def test_enabled_progress_shows_records_and_bytes():
    with RunProgress("cleaning", 1000, enabled=True) as p:
        p.advance(100)  # the first update shows at once
        prog = p._progress
        task = prog.tasks[0]
        assert task.completed == 100 and task.fields["records"] == 1 and task.description == "cleaning"
        p.UPDATE_EVERY = 0.0
        p.advance(50, records=3)
        assert task.completed == 150 and task.fields["records"] == 4
        p.phase("writing the store")
        assert task.description == "writing the store"
    assert p._progress is None
