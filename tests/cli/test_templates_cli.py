"""`cleaner templates learn|merge|show|veto|stream` and `cleaner clean --templates`."""
import json
import random

import pytest

from cleaner.cli import main

STOP = "the of and to in a is that for it as was with be by on not this are or from at which but".split()
WORDS = ("council river market school garden energy report village season museum train doctor budget "
         "library harbor festival bridge farmer weather election station theater minister hospital").split()
PROMO = ("Get the Example Media morning briefing with the news of the day, the weather and the best of our "
         "reporting delivered to your inbox every weekday morning")


def sentence(rng, n=26):
    return " ".join(rng.choice(STOP) if i % 2 else rng.choice(WORDS) for i in range(n)).capitalize() + "."


def page(rng, site):
    title = " ".join(rng.choice(WORDS) for _ in range(6)).capitalize()
    return "\n".join([f"{title} | {site}", "Home", "Local voices", title, *(sentence(rng) for _ in range(4)),
                      PROMO, f"{rng.randint(100, 5000):,} people are reading {site}"])


def write_jsonl(path, n, seed=1, sites=("example.com", "other.org"), extra=()):
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            site = sites[i % len(sites)]
            rec = {"id": f"{seed}-{i}", "url": f"https://www.{site}/{i}", "text": page(rng, site)}
            fh.write(json.dumps(rec) + "\n")
        for line in extra:
            fh.write(line + "\n")
    return path


@pytest.fixture
def corpus(tmp_path):
    return write_jsonl(tmp_path / "pages.jsonl", 16)


def test_learn_show_and_clean_with_templates(tmp_path, corpus, capsys):
    store = tmp_path / "site.tpl"
    assert main(["templates", "learn", str(corpus), "-o", str(store)]) == 0
    err = capsys.readouterr().err
    assert "learned 16 pages of 2 sites" in err and store.is_file()
    assert main(["templates", "show", str(store)]) == 0
    out = capsys.readouterr().out
    assert "example.com" in out and "other.org" in out
    assert main(["templates", "show", str(store), "--site", "example.com", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["pages"] == 8 and shown["threshold"] == 3
    texts = {t["text"]: t for t in shown["templates"]}
    assert texts[PROMO]["pages"] == 8 and texts[PROMO]["status"] == "template"
    assert texts[PROMO]["id"].startswith("tpl-example.com-")
    assert main(["templates", "show", str(store), "--site", "example.com"]) == 0
    assert texts[PROMO]["id"] in capsys.readouterr().out

    out_path = tmp_path / "clean.jsonl"
    assert main(["clean", str(corpus), "-o", str(out_path), "--templates", str(store), "--audit", "-q",
                 "--workers", "1"]) == 0
    recs = [json.loads(x) for x in out_path.read_text(encoding="utf-8").splitlines()]
    assert len(recs) == 16
    for r in recs:
        assert PROMO not in r["text"]
        assert any(x["category"] == "template" and x["rule"].startswith("tpl-") for x in r["removed"])
        assert r["text"].count(".") >= 4  # the four paragraphs stay


def test_learn_reports_skipped_records_and_still_writes(tmp_path, capsys):
    src = write_jsonl(tmp_path / "in.jsonl", 6, extra=["{broken", json.dumps({"id": "x", "url": "https://a.b/"})])
    store = tmp_path / "s.tpl"
    assert main(["templates", "learn", str(src), "-o", str(store)]) == 1
    err = capsys.readouterr().err
    assert "2 records skipped" in err and "malformed JSON line: 1" in err and store.is_file()


def test_records_without_url_are_the_unknown_site(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    rng = random.Random(3)
    src.write_text("".join(json.dumps({"text": page(rng, "example.com")}) + "\n" for _ in range(4)), encoding="utf-8")
    store = tmp_path / "s.tpl"
    assert main(["templates", "learn", str(src), "-o", str(store)]) == 0
    assert "'(unknown)' site of this run" in capsys.readouterr().err
    assert main(["templates", "show", str(store), "--site", "(unknown)", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["pages"] == 4


def test_merge_equals_learning_on_the_union(tmp_path, capsys):
    a = write_jsonl(tmp_path / "a.jsonl", 10, seed=1)
    b = write_jsonl(tmp_path / "b.jsonl", 12, seed=2)
    for name, srcs in (("a", [a]), ("b", [b]), ("u", [a, b])):
        assert main(["templates", "learn", *map(str, srcs), "-o", str(tmp_path / f"{name}.tpl"), "-q"]) == 0
    assert main(["templates", "merge", str(tmp_path / "a.tpl"), str(tmp_path / "b.tpl"),
                 "-o", str(tmp_path / "m.tpl")]) == 0
    assert "merged 2 stores: 22 pages of 2 sites" in capsys.readouterr().err
    shows = []
    for name in ("u", "m"):
        for site in ("example.com", "other.org"):
            assert main(["templates", "show", str(tmp_path / f"{name}.tpl"), "--site", site, "--json",
                         "--limit", "0"]) == 0
            shows.append(json.loads(capsys.readouterr().out))
    assert shows[:2] == shows[2:]


def test_veto_keeps_a_template(tmp_path, corpus, capsys):
    store = tmp_path / "s.tpl"
    main(["templates", "learn", str(corpus), "-o", str(store), "-q"])
    main(["templates", "show", str(store), "--site", "example.com", "--json"])
    tid = next(t["id"] for t in json.loads(capsys.readouterr().out)["templates"] if t["text"] == PROMO)
    assert main(["templates", "veto", str(store), tid, "--reason", "our own promo is content"]) == 0
    assert f"vetoed 1 template(s): {tid}" in capsys.readouterr().err
    main(["templates", "show", str(store), "--site", "example.com"])
    assert "VETOED" in capsys.readouterr().out
    out = tmp_path / "o.jsonl"
    main(["clean", str(corpus), "-o", str(out), "--templates", str(store), "-q", "--workers", "1"])
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert all(PROMO in r["text"] for r in recs if "example.com" in r["url"])
    assert all(PROMO not in r["text"] for r in recs if "other.org" in r["url"])
    assert main(["templates", "veto", str(store), "tpl-example.com-ffffffffff"]) == 2
    assert "no template" in capsys.readouterr().err


def test_bad_stores_and_usage_errors(tmp_path, corpus, capsys):
    bad = tmp_path / "bad.tpl"
    bad.write_bytes(b"garbage" * 50)
    assert main(["clean", str(corpus), "--templates", str(bad), "-q"]) == 2
    assert "not a template store" in capsys.readouterr().err
    assert main(["templates", "show", str(bad)]) == 2
    assert "not a template store" in capsys.readouterr().err
    assert main(["templates", "show", str(tmp_path / "none.tpl")]) == 2
    assert "no such template store" in capsys.readouterr().err
    assert main(["templates", "learn", str(corpus), "-o", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err
    store = tmp_path / "s.tpl"
    main(["templates", "learn", str(corpus), "-o", str(store), "-q"])
    assert main(["templates", "show", str(store), "--site", "nowhere.net"]) == 2
    assert "no site 'nowhere.net'" in capsys.readouterr().err
    other = tmp_path / "o.tpl"
    main(["templates", "learn", str(corpus), "-o", str(other), "-q", "--num-perm", "64", "--bands", "16"])
    assert main(["templates", "merge", str(store), str(other), "-o", str(tmp_path / "m.tpl")]) == 2
    assert "different parameters (num_perm: 128 vs 64" in capsys.readouterr().err


def test_stream_cleans_in_one_pass(tmp_path, corpus, capsys):
    out = tmp_path / "o.jsonl"
    assert main(["templates", "stream", str(corpus), "-o", str(out), "--window", "8", "-q"]) == 0
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(recs) == 16 and [r["id"] for r in recs] == [f"1-{i}" for i in range(16)]
    assert all(PROMO not in r["text"] for r in recs)
    assert main(["templates", "stream", str(corpus), "--preset", "rules-only", "-o", str(out), "-q",
                 "--window", "0"]) == 2


def write_shop_jsonl(path, n, seed=3):
    """Pages of one shop, each under its own domain: only the 'shop' field groups them."""
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": i, "link": f"https://shop{i}.example-{i}.net/p", "shop": "Acme",
                                 "text": page(rng, "acme")}) + "\n")
    return path


def test_clean_with_a_store_learned_by_site_field_groups_pages_the_same_way(tmp_path, capsys):
    src = write_shop_jsonl(tmp_path / "shop.jsonl", 12)
    store = tmp_path / "shop.tpl"
    assert main(["templates", "learn", str(src), "-o", str(store), "--site-field", "shop", "--url-field", "link",
                 "-q"]) == 0
    capsys.readouterr()
    assert main(["clean", str(src), "--templates", str(store), "--audit", "-q", "--workers", "1"]) == 0
    recs = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert len(recs) == 12 and all(PROMO not in r["text"] for r in recs)
    assert all(any(x["rule"].startswith("tpl-acme-") and x["text"] == PROMO for x in r["removed"]) for r in recs)
    # grouping by URL instead (the store has no such sites): nothing is a template
    assert main(["clean", str(src), "--templates", str(store), "--site-field", "", "-q", "--workers", "1"]) == 0
    assert all(PROMO in json.loads(x)["text"] for x in capsys.readouterr().out.splitlines())


def test_stream_groups_by_site_field(tmp_path, capsys):
    src = write_shop_jsonl(tmp_path / "shop.jsonl", 12)
    out = tmp_path / "o.jsonl"
    assert main(["templates", "stream", str(src), "-o", str(out), "--site-field", "shop", "--url-field", "link",
                 "--window", "6", "-q", "--audit"]) == 0
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert all(PROMO not in r["text"] for r in recs)
    assert all(any(x["rule"].startswith("tpl-acme-") for x in r["removed"]) for r in recs)


def test_stream_keeps_the_invalid_utf8_note_and_rejects_like_clean(tmp_path, capsys):
    src = write_jsonl(tmp_path / "p.jsonl", 6, extra=["not json"])
    data = src.read_bytes().replace(b"Home", b"Ho\xffme", 1)
    src.write_bytes(data)
    summaries = {}
    for cmd in (["templates", "stream"], ["clean"]):
        s = tmp_path / f"{cmd[-1]}.json"
        rc = main([*cmd, str(src), "-o", str(tmp_path / f"{cmd[-1]}.jsonl"), "-q", "--summary-json", str(s)])
        assert rc == 1  # the malformed line
        summaries[cmd[-1]] = json.loads(s.read_text())
    for s in summaries.values():
        assert s["documents"] == {"in": 7, "out": 6, "rejected": 1}
        assert s["notes"]["documents with invalid UTF-8 (replaced)"] == 1
        assert s["reject_reasons"] == {"malformed JSON line": 1}


def test_learn_and_stream_report_progress_only_on_a_terminal(tmp_path):
    import os
    import pty
    import subprocess
    import sys

    src = write_jsonl(tmp_path / "p.jsonl", 400)
    base = [sys.executable, "-m", "cleaner.cli", "templates"]
    piped = subprocess.run(base + ["learn", str(src), "-o", str(tmp_path / "a.tpl")], capture_output=True, timeout=120)
    assert piped.returncode == 0 and b"records" not in piped.stderr and b"\x1b[" not in piped.stderr
    master, slave = pty.openpty()
    env = {**os.environ, "COLUMNS": "160", "TERM": "xterm"}
    proc = subprocess.Popen(base + ["learn", str(src), "-o", str(tmp_path / "b.tpl")], stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=slave, env=env)
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal closed: the command is done
            break
        if not chunk:
            break
        seen += chunk
    assert proc.wait(60) == 0
    os.close(master)
    text = seen.decode("utf-8", "replace")
    assert "learning" in text and "records" in text and "/s" in text
