"""Execution engines: local processes (default) and Dask (optional extra)."""
