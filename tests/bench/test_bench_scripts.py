"""The benchmark scripts import and run end to end on a few pages (no timing, no thresholds),
and the markdown stripping used to score the markdown variant does what the READMEs say."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


def load(name: str):
    sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("md, plain", [
    ("## A heading", "A heading"),
    ("- [Home](https://example.com/a_(b) \"Home page\")", "Home"),
    ("[![logo](https://example.com/logo.png)](https://example.com/)", "logo"),
    ("![chart](<Base64-Image-Removed>)", "chart"),
    ("**bold**, *it*, _it_, ~~old~~ and `a_b` with \\*stars\\*", "bold, it, it, old and a_b with *stars*"),
    ("| name | value |\n| --- | ---: |\n| a | 1 |", "name value\na 1"),
    ("> 1. quoted item", "quoted item"),
    ("```python\nx = a_b * c_d\n```", "x = a_b * c_d"),
    ("[two\nlines](https://example.com/)", "two\nlines"),
    ("1\\. not a list", "1. not a list"),
    ("<https://example.com/x_y>", "https://example.com/x_y"),
    ("---", ""),
])
def test_strip_markdown(md, plain):
    metrics = load("metrics")
    assert metrics.strip_markdown(md) == plain


def test_quality_runs_on_a_few_pages(tmp_path):
    quality = load("quality")
    data = quality.default_data()
    if not (data / "scrapinghub").is_dir():
        pytest.skip(f"benchmark data not found at {data}")
    out = tmp_path / "q.json"
    assert quality.main(["--limit", "2", "--variants", "markdown", "--json", str(out), "--save-outputs", str(tmp_path / "outs")]) == 0
    res = json.loads(out.read_text())["results"]
    for name, variants in res.items():
        assert variants, name
        for variant, systems in variants.items():
            assert "cleaner" in systems and "nothing" in systems
            for s in systems.values():
                assert 0.0 <= s["f1"] <= 1.0
    assert (tmp_path / "outs" / "scrapinghub" / "markdown" / "cleaner.jsonl").exists()


def test_speed_runs_on_a_few_inputs(tmp_path):
    speed = load("speed")
    data = speed.default_data()
    if not (data / "scrapinghub").is_dir():
        pytest.skip(f"benchmark data not found at {data}")
    out = tmp_path / "s.json"
    assert speed.main(["--only", "text,html,tiny", "--scale", "0.0002", "--passes", "1",
                       "--json", str(out), "--tmp", str(tmp_path / "tmp")]) == 0
    sections = json.loads(out.read_text())["sections"]
    assert sections["text"]["mb_per_s"]["cleaner"] > 0
    assert sections["html"]["pages_per_s"]["cleaner"] > 0
    assert sections["tiny"]["rc"] == 0 and sections["tiny"]["records"] == 200


def test_speed_says_when_the_sets_are_missing(tmp_path, capsys):
    """A folder without the sets is a usage error (exit 2) naming what is missing; it used to
    make the big-document section loop for ever on no text."""
    speed = load("speed")
    with pytest.raises(SystemExit) as exc:
        speed.main(["--data", str(tmp_path), "--only", "bigdoc"])
    assert exc.value.code == 2
    assert "no benchmark set scrapinghub, trafilatura-dev" in capsys.readouterr().err
