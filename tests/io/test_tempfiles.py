"""Temporary files of killed runs are removed by the next run (issue 10 bug 11:
`templates learn` left temp files and spill folders after kill -9)."""
import json
import os
import signal
import subprocess
import sys
import time

from cleaner.io.tempfiles import pid_alive, sweep, tagged


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_sweep_removes_only_what_dead_processes_of_this_host_left(tmp_path):
    pid = dead_pid()
    assert not pid_alive(pid) and pid_alive(os.getpid())
    mine = tagged("cleaner-learn-")
    dead = mine.replace(f"-{os.getpid()}-", f"-{pid}-")
    (tmp_path / (dead + "abc")).mkdir()
    (tmp_path / (dead + "abc") / "part00.bin").write_bytes(b"x")
    (tmp_path / (dead + "f.tmp")).write_bytes(b"x")
    (tmp_path / (mine + "live")).mkdir()
    (tmp_path / ("cleaner-learn-otherhost-" + str(pid) + "-x")).mkdir()
    (tmp_path / "unrelated").mkdir()
    assert sweep(tmp_path, "cleaner-learn-") == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [mine + "live", "cleaner-learn-otherhost-" + str(pid) + "-x", "unrelated"])


def test_templates_learn_killed_then_run_again_leaves_nothing_behind(tmp_path):
    spill = tmp_path / "spill"
    spill.mkdir()
    src = tmp_path / "in.jsonl"
    para = "The minister said the talks would continue next week in Geneva with all parties present {}."
    with open(src, "w", encoding="utf-8") as fh:
        for i in range(4000):
            text = "\n".join(["Home", f"Story {i}", para.format(i), para.format(i * 7), "Share this"])
            fh.write(json.dumps({"id": i, "url": f"https://site{i % 5}.example/{i}", "text": text}) + "\n")
    out = tmp_path / "out"
    out.mkdir()
    # a small window so that counts spill while the run goes on
    code = ("import sys; from cleaner.corpus.learn import learn_inputs; "
            "learn_inputs([sys.argv[1]], sys.argv[2], window=100, memory_mb=0, workdir=sys.argv[3])")
    proc = subprocess.Popen([sys.executable, "-c", code, str(src), str(out / "s.tpl"), str(spill)],
                            start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline and not any(spill.iterdir()) and proc.poll() is None:
        time.sleep(0.02)
    assert proc.poll() is None, "the run ended before it spilled"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert any(spill.iterdir())  # the killed run left its spill folder
    # ... and a store it was writing when killed
    stale = out / (tagged(".s.tpl.").replace(f"-{os.getpid()}-", f"-{proc.pid}-") + "x.tmp")
    stale.write_bytes(b"half a store")
    done = subprocess.run([sys.executable, "-m", "cleaner.cli", "templates", "learn", str(src), "-o",
                           str(out / "s.tpl"), "--tmp", str(spill), "-q"], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert list(spill.iterdir()) == [] and [p.name for p in out.iterdir()] == ["s.tpl"]
