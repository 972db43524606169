"""Progress of long commands on stderr: bytes read (a bar when the total is known),
MB/s, records and records/s over the whole run (all workers together).

Shown only when stderr is a terminal and not switched off (``--no-progress``,
``-q``): never in pipes or logs.  The display starts on the first update (after any
worker processes have been started, so no process is forked while its refresh
thread runs) and updates are batched (at most ten a second), so a run of millions of
tiny records pays nearly nothing for it.
"""
from __future__ import annotations

import sys
import time


def wanted(args) -> bool:
    """Whether a command with these arguments should show progress."""
    return (sys.stderr.isatty() and not getattr(args, "no_progress", False)
            and not getattr(args, "quiet", False))


class RunProgress:
    """``with RunProgress("cleaning", total_bytes, enabled) as p: p.advance(nbytes)``."""

    UPDATE_EVERY = 0.1  # seconds

    def __init__(self, label: str, total_bytes: int | None = None, *, enabled: bool = True):
        self.label, self.total = label, total_bytes or None
        self.enabled = enabled
        self.records = 0
        self.nbytes = 0
        self._progress = None
        self._task = None
        self._shown = (0, 0)
        self._last = 0.0

    def __enter__(self) -> "RunProgress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _start(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )

        cols = [TextColumn("[bold]{task.description}")]
        if self.total:
            cols += [BarColumn(), DownloadColumn(), TransferSpeedColumn(), _records_column(),
                     TimeRemainingColumn()]
        else:
            cols += [DownloadColumn(), TransferSpeedColumn(), _records_column(), TimeElapsedColumn()]
        self._progress = Progress(*cols, console=Console(stderr=True, highlight=False), transient=True)
        self._task = self._progress.add_task(self.label, total=self.total, records=0)
        self._progress.start()

    def advance(self, nbytes: int = 0, records: int = 1) -> None:
        self.records += records
        self.nbytes += nbytes
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < self.UPDATE_EVERY:
            return
        self._last = now
        self._flush()

    def _flush(self) -> None:
        if self._progress is None:
            self._start()
        _records, done_bytes = self._shown
        self._progress.update(self._task, advance=self.nbytes - done_bytes, records=self.records)
        self._shown = (self.records, self.nbytes)

    def phase(self, label: str) -> None:
        """Name what the command does next (e.g. writing a store after reading)."""
        self.label = label
        if self._progress is not None:
            self._progress.update(self._task, description=label)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


def _records_column():
    """A column instance showing ``12,345 records 2,100/s`` (rich imported only when shown)."""
    from rich.progress import ProgressColumn
    from rich.text import Text

    class RecordsColumn(ProgressColumn):
        def render(self, task) -> Text:
            n = task.fields.get("records", 0)
            elapsed = task.elapsed or 0.0
            rate = f" {n / elapsed:,.0f}/s" if elapsed > 0.5 else ""
            return Text(f"{n:,} records{rate}", style="progress.data.speed")

    return RecordsColumn()
