"""The command line's run: exit codes (0 clean, 1 rejects, 2 usage/config, 3 run
failure, 130 interrupted) without tracebacks for expected errors, emptied documents,
rule packs failing their own examples, Ctrl-C, the same bytes for any worker count
and engine."""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cleaner.cli import main

P = ("The minister said the talks would continue next week in Geneva, with all parties present at the "
     "table, and that a ceasefire remained the first priority for everyone involved in them.")
DOC = "\n".join(["Home", "Talks to resume in Geneva", P, "Share"])

DROP_ALL = """\
pack: drop-everything
kind: common
rules:
  - id: drop-every-line
    category: ads
    description: A careless rule that drops every line with a letter.
    kind: pattern
    pattern: '.*[a-z].*'
    examples:
      drop: ["Anything at all"]
      keep: ["2024"{extra}]
"""


def cli(*args, stdout=None, cwd=None, timeout=300):
    proc = subprocess.run([sys.executable, "-m", "cleaner.cli", *map(str, args)], capture_output=stdout is None,
                          stdout=stdout, stderr=subprocess.PIPE if stdout is not None else None, cwd=cwd,
                          timeout=timeout, stdin=subprocess.DEVNULL)
    return proc.returncode, (proc.stdout or b"").decode(), proc.stderr.decode()


@pytest.fixture
def doc(tmp_path):
    f = tmp_path / "doc.txt"
    f.write_text(DOC, encoding="utf-8")
    return f


@pytest.mark.parametrize("args, message", [
    (["--workers", "-3"], "must be 0 (one process per CPU) or more, not -3"),
    (["--workers", "two"], "expected a whole number"),
    (["--engine", "dask", "--scheduler", "no-port-here"], "bad Dask scheduler address 'no-port-here'"),
])
def test_usage_errors_exit_2_without_a_traceback(doc, args, message):
    rc, out, err = cli("clean", doc, *args)
    assert rc == 2 and out == "" and message in err and "Traceback" not in err


def test_a_config_that_is_not_yaml_exits_2_with_its_problem(doc, tmp_path):
    cfg = tmp_path / "bad.yaml"
    cfg.write_text("preset: default\nfilters: [quality\n", encoding="utf-8")
    rc, out, err = cli("clean", doc, "--config", cfg)
    assert rc == 2 and "not valid YAML" in err and "line 3" in err and "Traceback" not in err


def test_an_output_error_exits_3_with_one_line(doc, tmp_path):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    with open("/dev/full", "wb") as full:
        rc, _out, err = cli("clean", doc, stdout=full)
    assert rc == 3 and "No space left on device" in err and "Traceback" not in err


def test_rejects_exit_1_and_clean_runs_exit_0(doc, tmp_path):
    assert cli("clean", doc, "-q")[0] == 0
    bad = tmp_path / "x.jsonl"
    bad.write_text('{"id": 1, "text": "ok"}\nnot json\n', encoding="utf-8")
    assert cli("clean", bad, "-q", "--rejects", tmp_path / "r.jsonl")[0] == 1


def test_a_rule_pack_failing_its_own_examples_is_refused_at_load(doc, write_rules, capsys):
    pack = write_rules("common.yaml", DROP_ALL.format(extra=', "Kept text"'))
    rc = main(["clean", str(doc), "--rules", str(pack.parent)])
    err = capsys.readouterr().err
    assert rc == 2 and "1 example(s) of your rule packs fail" in err
    assert "[drop-every-line] keep example 2 failed" in err and "Nothing was cleaned" in err


def test_a_run_that_empties_most_documents_says_so(doc, write_rules, tmp_path, capsys):
    pack = write_rules("common.yaml", DROP_ALL.format(extra=""))
    summary = tmp_path / "s.json"
    rc = main(["clean", str(doc), "--rules", str(pack.parent), "--summary-json", str(summary), "-q"])
    err = capsys.readouterr().err
    assert rc == 0 and "warning: 1 of 1 cleaned documents kept no text at all" in err
    assert json.loads(summary.read_text())["emptied"] == 1
    rc = main(["clean", str(doc), "--summary-json", str(summary)])
    err = capsys.readouterr().err
    assert rc == 0 and "warning" not in err and json.loads(summary.read_text())["emptied"] == 0


def _tiny_jsonl(path: Path, n: int, bad_first: bool = False) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        if bad_first:
            fh.write("not json\n")
        for i in range(n):
            fh.write(json.dumps({"id": i, "text": f"Record number {i} of a long run."}) + "\n")
    return path


def _as_in_a_terminal() -> None:
    """Ctrl-C's disposition of a terminal's foreground job.  A process started in the
    background by a script (`cmd &`), or under nohup, inherits SIGINT ignored, and Python
    keeps it so: the test suite may run that way, and its child would then rightly not be
    interrupted."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_stops_quickly_and_leaves_no_partial_files(tmp_path):
    psutil = pytest.importorskip("psutil")
    src = _tiny_jsonl(tmp_path / "in.jsonl", 100_000, bad_first=True)
    out = tmp_path / "out" / "clean.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "cleaner.cli", "clean", str(src), "-o", str(out), "--workers", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                            start_new_session=True, preexec_fn=_as_in_a_terminal)
    try:
        end = time.monotonic() + 120
        # both files are being written (as .part files until the run completes)
        while not Path(str(out) + ".rejects.jsonl.part").exists() or not Path(str(out) + ".part").exists():
            assert time.monotonic() < end and proc.poll() is None
            time.sleep(0.05)
        workers = psutil.Process(proc.pid).children()
        os.killpg(proc.pid, signal.SIGINT)  # what a terminal does on Ctrl-C: the whole group
        t = time.monotonic()
        _, err = proc.communicate(timeout=30)  # (reads stderr while waiting: a full pipe would block it)
        stopped = time.monotonic() - t
        rc, err = proc.returncode, err.decode()
    finally:
        if proc.poll() is None:
            proc.kill()
    assert rc == 130 and "interrupted" in err and "Traceback" not in err, (rc, err[-2000:])
    assert stopped < 5, stopped  # (the target is 2 s; a loaded test machine gets slack)
    assert sorted(p.name for p in out.parent.iterdir()) == []  # no output, no .part, no rejects
    assert not psutil.wait_procs(workers, timeout=5)[1]


def test_output_is_byte_identical_for_any_worker_count_and_engine(tmp_path, dask_scheduler):
    src = tmp_path / "in.jsonl"
    with open(src, "w", encoding="utf-8") as fh:
        for i in range(60):
            fh.write(json.dumps({"id": i, "text": DOC.replace("Geneva", f"Geneva {i}"), "url": f"https://e.com/{i}"})
                     + "\n")
        fh.write("[]\n")
    outs = {}
    for name, extra in {"one": ["--workers", "1"], "two": ["--workers", "2"],
                        "dask": ["--engine", "dask", "--scheduler", dask_scheduler]}.items():
        out = tmp_path / f"{name}.jsonl"
        assert main(["clean", str(src), "-o", str(out), "--audit", "-q", *extra]) == 1
        outs[name] = (out.read_bytes(), Path(str(out) + ".rejects.jsonl").read_bytes())
    assert outs["one"] == outs["two"] == outs["dask"]
    assert len(outs["one"][0].splitlines()) == 60 and len(outs["one"][1].splitlines()) == 1
