"""The `cleaner clean` / `cleaner explain` contract: JSONL one-for-one in order with
other fields kept, text trees mirrored, rejects with reasons, counts that reconcile."""
import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


from cleaner.cli import main

P = ("The minister said the talks would continue next week in Geneva, with all parties present at the "
     "table, and that a ceasefire remained the first priority for everyone involved in them.")
Q = ("Diplomats said a draft agreement had been circulated among the delegations on Sunday, although "
     "several points were still contested and would need further discussion before any signing.")
DOC = "\n".join(["Home", "Talks to resume in Geneva", P, "Share", Q])
SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def run_cli(*args, stdin: bytes | None = None, cwd=None):
    proc = subprocess.run([sys.executable, "-m", "cleaner.cli", *map(str, args)], input=stdin,
                          capture_output=True, cwd=cwd, timeout=300)
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


def test_jsonl_stdin_one_output_per_record_in_order(tmp_path):
    recs = [{"id": i, "text": DOC.replace("Geneva", f"Geneva {i}"), "url": f"https://ex.com/{i}", "keep": {"x": i}}
            for i in range(5)]
    data = "".join(json.dumps(r) + "\n" for r in recs).encode()
    rc, out, err = run_cli("clean", "-", "--input-format", "jsonl", "--no-progress", stdin=data, cwd=tmp_path)
    assert rc == 0, err
    lines = [json.loads(x) for x in out.splitlines()]
    assert [x["id"] for x in lines] == [0, 1, 2, 3, 4]
    assert all(x["keep"] == {"x": x["id"]} and x["url"].endswith(str(x["id"])) for x in lines)
    assert lines[2]["text"].startswith("Talks to resume in Geneva 2") and "Share" not in lines[2]["text"]
    assert "removed" not in lines[0]
    assert "5 in = 5 out + 0 rejected" in err


def test_text_field_and_audit(tmp_path):
    f = tmp_path / "in.jsonl"
    f.write_text(json.dumps({"id": "a", "body": DOC, "text": "untouched"}) + "\n", encoding="utf-8")
    rc, out, err = run_cli("clean", f, "--text-field", "body", "--audit", "-q")
    rec = json.loads(out)
    assert rc == 0 and rec["text"] == "untouched" and rec["body"].startswith("Talks")
    rules = {x["rule"]: x for x in rec["removed"]}
    assert rules["en-share-row"]["text"] == "Share" and rules["en-share-row"]["category"] == "share"


def test_bad_records_go_to_the_rejects_file_and_the_run_goes_on(tmp_path):
    f = tmp_path / "mixed.jsonl"
    f.write_bytes(b'{"id": 1, "text": "Title here\\n' + P.encode() + b'"}\n'
                  b'this is not json\n'
                  b'{"id": 3}\n'
                  b'[1, 2]\n'
                  b'{"id": 5, "text": "ok \xff\xfe bad bytes\\n' + Q.encode() + b'"}\n'
                  b'{"id": 6, "text": 42}\n')
    out_file = tmp_path / "out.jsonl"
    rc, out, err = run_cli("clean", f, "-o", out_file, "--no-progress", "--summary-json", tmp_path / "s.json")
    assert rc == 1  # something was rejected
    kept = [json.loads(x) for x in out_file.read_text(encoding="utf-8").splitlines()]
    assert [k["id"] for k in kept] == [1, 5]
    rejects = [json.loads(x) for x in (tmp_path / "out.jsonl.rejects.jsonl").read_text().splitlines()]
    assert [(r["line"], r["reason"].split(" (")[0]) for r in rejects] == [
        (2, "malformed JSON line"), (3, "record has no 'text' field"), (4, "JSON line is a list, not an object"),
        (6, "field 'text' is int, not a string")]
    assert rejects[0]["raw"] == "this is not json" and rejects[1]["record"] == {"id": 3}
    summary = json.loads((tmp_path / "s.json").read_text())
    assert summary["documents"] == {"in": 6, "out": 2, "rejected": 4}
    assert summary["notes"].get("documents with invalid UTF-8 (replaced)") == 1
    assert "6 in = 2 out + 4 rejected (reconciled)" in err


def test_text_tree_is_mirrored_with_o(tmp_path):
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text(DOC, encoding="utf-8")
    (src / "sub" / "b.md").write_text("# Talks to resume\n\n" + P + "\n\n" + Q, encoding="utf-8")
    (src / "sub" / "c.html").write_text(f"<html><head><title>T</title></head><body><p>{P}</p><p>{Q}</p></body></html>",
                                        encoding="utf-8")
    (src / "ignored.bin").write_bytes(b"\x00\x01")
    rc, out, err = run_cli("clean", src, "-o", tmp_path / "out", "-q")
    assert rc == 0, err
    files = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert files == ["a.txt", "sub/b.txt", "sub/c.txt"]
    assert (tmp_path / "out" / "a.txt").read_text(encoding="utf-8").startswith("Talks to resume in Geneva\n\n")
    assert (tmp_path / "out" / "sub" / "b.txt").read_text(encoding="utf-8").startswith("Talks to resume\n\n")


def test_binary_empty_and_invalid_utf8_files(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02\x03binary" * 10)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bad.txt").write_bytes(b"Title\n" + P.encode() + b" \xff\xfe\n")
    rc, out, err = run_cli("clean", tmp_path / "bin.txt", tmp_path / "empty.txt", tmp_path / "bad.txt",
                           "--no-progress", "--rejects", tmp_path / "rej.jsonl")
    assert rc == 1
    rej = [json.loads(x) for x in (tmp_path / "rej.jsonl").read_text().splitlines()]
    assert [r["reason"] for r in rej] == ["binary file (NUL or control bytes), not text"]
    assert "==> empty.txt <==" in out and "==> bad.txt <==" in out and "\ufffd" in out
    assert "3 in = 2 out + 1 rejected" in err and "invalid UTF-8" in err


def test_gzipped_jsonl(tmp_path):
    f = tmp_path / "in.jsonl.gz"
    with gzip.open(f, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "g", "text": DOC}) + "\n")
    rc, out, err = run_cli("clean", f, "-q", "--rejects", tmp_path / "r.jsonl")
    assert rc == 0 and json.loads(out)["id"] == "g" and not (tmp_path / "r.jsonl").exists()


@pytest.mark.parametrize("command", ["clean", "templates stream", "templates learn"])
def test_a_missing_input_is_a_usage_error_not_a_rejected_record(tmp_path, command):
    """Issue 10, bug 13: a missing file exited 1 like "some records were rejected"."""
    f = tmp_path / "in.jsonl"
    f.write_text(json.dumps({"id": "g", "text": DOC}) + "\n", encoding="utf-8")
    out_file = tmp_path / ("s.tpl" if command.endswith("learn") else "o.jsonl")
    rc, out, err = run_cli(*command.split(), f, tmp_path / "nope.txt", "-o", out_file, "--no-progress")
    assert rc == 2 and out == ""
    assert err.strip() == f"cleaner: no such file or folder: {tmp_path / 'nope.txt'}; nothing was cleaned"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]  # nothing written


def test_seed_through_the_cli_prints_just_the_article():
    seed = next(p for p in SAMPLES.glob("003_*.txt") if ".expected" not in p.name)
    rc, out, err = run_cli("clean", seed, "-q")
    expected = seed.with_name(seed.stem + ".expected.txt").read_text(encoding="utf-8")
    assert rc == 0 and out.strip() == expected.strip()


def test_broken_rule_pack_stops_start_up_with_every_problem(tmp_path):
    bad = tmp_path / "rules" / "x.yaml"
    bad.parent.mkdir()
    bad.write_text("pack: x\nkind: common\nrules:\n  - id: Bad_Id\n    category: navv\n", encoding="utf-8")
    rc, out, err = run_cli("clean", "-", "--rules", tmp_path / "rules", stdin=b"text")
    assert rc == 2
    assert "x.yaml:4:" in err and "kebab-case" in err and "navv" in err and "did you mean 'nav'" in err


def test_explain_shows_rule_ids(tmp_path):
    f = tmp_path / "doc.txt"
    f.write_text(DOC, encoding="utf-8")
    rc, out, err = run_cli("explain", f, "--json")
    assert rc == 0
    blocks = json.loads(out)["blocks"]
    share = next(b for b in blocks if b["text"] == "Share")
    assert share["dropped"] and share["verdicts"][0]["rule"] == "en-share-row"
    rc, out, err = run_cli("explain", f)
    assert rc == 0 and "en-share-row" in out and "Talks to resume in Geneva" in out


def test_a_huge_document_is_cleaned_in_parts_and_says_so(tmp_path):
    """With part_chars 2000, a 9,000-character document is cleaned in parts: the summary
    counts it, each audit entry names its part, explain declines to show blocks it did
    not keep; a small document beside it is untouched."""
    config = tmp_path / "small-parts.yaml"
    config.write_text("part_chars: 2000\n", encoding="utf-8")
    pages = [DOC.replace("Geneva", f"Geneva {i}").replace("\n", "\n\n") for i in range(20)]
    recs = [{"id": "big", "text": "\n\n".join(pages)}, {"id": "small", "text": pages[0]}]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    summary = tmp_path / "summary.json"
    rc, out, err = run_cli("clean", src, "--config", config, "--audit", "--summary-json", summary, "--workers", "1")
    assert rc == 0
    big, small = (json.loads(line) for line in out.splitlines())
    parts = -(-len(recs[0]["text"]) // 2000)
    assert parts > 2 and {r["part"] for r in big["removed"]} == set(range(parts))
    assert all("part" not in r for r in small["removed"])
    assert [r["text"] for r in big["removed"] if r["text"] == "Share"] == ["Share"] * 20
    notes = json.loads(summary.read_text())["notes"]
    assert notes["huge documents cleaned in parts (each part a page of its own)"] == 1
    doc = tmp_path / "big.txt"
    doc.write_text(recs[0]["text"], encoding="utf-8")
    rc, out, err = run_cli("explain", doc, "--config", config)
    assert rc == 2 and f"cleaned in {parts} parts" in err and "part_chars" in err


def test_the_command_line_imports_only_the_command_it_runs(cleaner):
    # (the ``cleaner`` fixture has built the packs, so the memo on disk holds them: a warm start)
    code = ("import sys; from cleaner.cli import main; main(['clean', '-', '-q', '--workers', '1']); "
            "print(sorted(m for m in ('cleaner.cli.rules', 'cleaner.cli.templates', 'yaml', "
            "'cleaner.rules.examples', 'concurrent.futures.process') if m in sys.modules)); "
            # nor what only other paths need: a logged problem, HTML output, a template store,
            # worker processes (start-up)
            "print(sorted(m for m in ('logging', 'html', 'importlib.resources', 'signal', "
            "'cleaner.corpus.sites') if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code], input=DOC.encode(), capture_output=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode().strip().splitlines()[-2:] == ["[]", "[]"]  # the built packs are read back without yaml
    rc, out, err = run_cli("--help")
    assert rc == 0 and all(c in out for c in ("clean", "explain", "rules", "templates"))
    rc, out, err = run_cli("templates", "--help")
    assert rc == 0 and "learn" in out


def test_in_process_main_and_workers_give_the_same_output(tmp_path, capsys):
    f = tmp_path / "many.jsonl"
    f.write_text("".join(json.dumps({"id": i, "text": DOC.replace("Geneva", f"Geneva {i}")}) + "\n"
                         for i in range(40)), encoding="utf-8")
    assert main(["clean", str(f), "-q", "--workers", "1"]) == 0
    one = capsys.readouterr().out
    assert main(["clean", str(f), "-q", "--workers", "2"]) == 0
    two = capsys.readouterr().out
    assert one == two and len(one.splitlines()) == 40


def test_html_records_markdown_output_and_bad_pages(tmp_path):
    page = ("<html><head><title>Talks to resume | Example</title></head><body><nav><a href='/'>Home</a> "
            "<a href='/world'>World</a> <a href='/sport'>Sport</a></nav><article><h1>Talks to resume</h1>"
            f"<p>{P}</p><h2>What comes next</h2><ul><li>a <b>ceasefire</b></li><li>a vote</li></ul><p>{Q}</p>"
            "</article></body></html>")
    recs = [{"id": "ok", "html": page}, {"id": "json", "html": json.dumps({"a": 1})},
            {"id": "empty", "html": "<html><body></body></html>"}]
    src = tmp_path / "pages.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    (tmp_path / "scan.html").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 5 >>\x00\x01stream")
    rc, out, err = run_cli("clean", src, tmp_path / "scan.html", "-o", tmp_path / "out.jsonl",
                           "--output-format", "markdown", "--summary-json", tmp_path / "s.json", cwd=tmp_path)
    assert rc == 1, err  # some records rejected
    lines = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    ok = next(x for x in lines if x.get("id") == "ok")
    assert "html" not in ok and ok["text"].startswith("# Talks to resume\n\n")
    assert "## What comes next" in ok["text"] and "- a **ceasefire**\n- a vote" in ok["text"]
    assert "Sport" not in ok["text"] and ok["metadata"]["title"] == "Talks to resume"
    assert next(x for x in lines if x.get("id") == "empty")["text"] == ""
    rejects = [json.loads(x) for x in (tmp_path / "out.jsonl.rejects.jsonl").read_text().splitlines()]
    reasons = sorted(r["reason"] for r in rejects)
    assert reasons[0].startswith("binary file") and reasons[1] == "field 'html' holds JSON, not HTML"
    summary = json.loads((tmp_path / "s.json").read_text())
    assert summary["documents"] == {"in": 4, "out": 2, "rejected": 2}
    assert summary["notes"]["empty output: the page has no visible text"] == 1


def test_jsonl_in_gbk_is_read_as_gbk_and_the_summary_says_so(tmp_path):
    f = tmp_path / "gbk.jsonl"
    para = "这是一个测试文档，包含中文内容。这个段落足够长，可以作为正文保留下来，不会被当作导航。"
    f.write_bytes("".join(json.dumps({"id": i, "text": para * 3}, ensure_ascii=False) + "\n"
                          for i in range(3)).encode("gbk"))
    out_file = tmp_path / "out.jsonl"
    rc, _out, err = run_cli("clean", f, "-o", out_file, "--no-progress", "--summary-json", tmp_path / "s.json")
    assert rc == 0, err
    kept = [json.loads(x) for x in out_file.read_text(encoding="utf-8").splitlines()]
    assert [k["id"] for k in kept] == [0, 1, 2] and all(para in k["text"] for k in kept)
    notes = json.loads((tmp_path / "s.json").read_text())["notes"]
    assert notes == {**notes, "decoded as gb18030 (not UTF-8)": 3}


def test_the_command_line_sets_up_the_process_before_numpy_is_imported():
    """`import cleaner` leaves the pipeline (numpy) for later, so the command line can keep
    OpenBLAS to one thread (start-up); a value given in the environment wins."""
    code = ("import os, sys; import cleaner.cli; "
            "print(os.environ['OPENBLAS_NUM_THREADS'], 'numpy' in sys.modules, cleaner.Cleaner.__name__)")
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    run = [sys.executable, "-c", code]
    assert subprocess.run(run, env=env, capture_output=True, text=True, check=True).stdout.split() == \
        ["1", "False", "Cleaner"]
    env["OPENBLAS_NUM_THREADS"] = "3"
    assert subprocess.run(run, env=env, capture_output=True, text=True, check=True).stdout.split()[0] == "3"
