"""Exit codes of the command line and the two expected failures that map to them."""


# exit codes (README: "Exit codes")
OK = 0           # every record cleaned
REJECTED = 1     # the run completed, some records were rejected (see the rejects file)
USAGE = 2        # bad arguments or configuration (nothing was cleaned)
RUN_FAILURE = 3  # the run failed: input/output error, a worker or the cluster lost
INTERRUPTED = 130  # Ctrl-C (no partial output is left)


class RunFailure(Exception):
    """An expected failure of a run (reported as one line, exit code RUN_FAILURE)."""


class UsageError(Exception):
    """Bad arguments or configuration found after parsing (one line, exit code USAGE)."""


__all__ = ["OK", "REJECTED", "USAGE", "RUN_FAILURE", "INTERRUPTED", "RunFailure", "UsageError"]
