"""Fixtures for the I/O tests."""
import os
import stat

import pytest


@pytest.fixture
def null_device(tmp_path):
    """A private null device: a run that wrongly replaced its output must not replace the
    system's /dev/null (bug 7 of issue 10 did exactly that)."""
    dev = tmp_path / "null"
    try:
        os.mknod(dev, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except OSError:
        pytest.skip("creating a device node needs root")
    return dev
