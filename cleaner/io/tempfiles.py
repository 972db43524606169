"""Temporary files and folders that a later run can tell are abandoned.

A process killed with SIGKILL cannot clean up.  So temporary names carry the host and
the process id (``PREFIX<host>-<pid>-...``), and ``sweep`` removes those of dead
processes on this host before a new run makes its own.  Entries of live processes,
and of other hosts sharing the folder, are left alone.
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import tempfile
from pathlib import Path


def _host() -> str:
    return re.sub(r"[^A-Za-z0-9]", "", socket.gethostname())[:32] or "host"


def tagged(prefix: str) -> str:
    """``prefix`` plus this process's host and pid, for mkstemp/mkdtemp."""
    return f"{prefix}{_host()}-{os.getpid()}-"


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep(folder, prefix: str) -> int:
    """Remove entries of ``folder`` named ``tagged(prefix)`` by a dead process of this
    host; returns how many."""
    folder = Path(folder) if folder else Path(tempfile.gettempdir())
    pattern = re.compile(re.escape(prefix) + re.escape(_host()) + r"-(\d+)-")
    removed = 0
    try:
        entries = list(folder.iterdir())
    except OSError:
        return 0
    for entry in entries:
        m = pattern.match(entry.name)
        if not m or pid_alive(int(m.group(1))):
            continue
        try:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
            removed += 1
        except OSError:
            pass
    return removed
