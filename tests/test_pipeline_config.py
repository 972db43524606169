"""`CleanerSpec.from_file`: plain YAML/JSON data only, every problem a clear ValueError
(issue 10 bug 12: `!!python/...` tags gave a traceback; an alias bomb ran to MemoryError)."""
import subprocess
import sys
import time

import pytest

from cleaner import CleanerSpec

BOMB = "\n".join(["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
                 + [f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(8)])


def test_a_plain_yaml_config(tmp_path):
    f = tmp_path / "c.yaml"
    f.write_text("preset: rules-only\nrules: my-rules\nlanguages: {always: [en, de]}\ntimeout: 2\n"
                 "filters:\n  - quality\n  - id: nav\n    config: {}\n", encoding="utf-8")
    spec = CleanerSpec.from_file(f)
    assert spec.preset == "rules-only" and spec.rules_dirs == (str(tmp_path / "my-rules"),)
    assert spec.always_languages == ("en", "de") and spec.timeout == 2.0
    assert spec.filters == (("quality", ()), ("nav", ()))


@pytest.mark.parametrize("text, message", [
    ("preset: !!python/object/apply:os.system ['echo hi']\n", "only plain YAML data is allowed: line 1, column 9: YAML tag"),
    ("preset: &p default\nlang: *p\n", "only plain YAML data is allowed: line 1, column 9: YAML anchor '&p' is not allowed"),
    (BOMB, "line 1, column 4: YAML anchor '&a' is not allowed"),
    ("filters: [nav\n  - x: :\n", "not valid YAML: line 2"),
    ("filters: 5\n", "config 'filters' must be a list, not int"),
    ("languages: [en]\n", "config 'languages' must be a mapping, not list"),
    ("languages: {always: en}\n", "'languages.always' must be a list"),
    ("timeout: soon\n", "config 'timeout' must be a number"),
    ("prose: 3\n", "config 'prose' must be a mapping"),
    ("- a\n- b\n", "a pipeline config must be a mapping"),
])
def test_unsafe_or_malformed_yaml_is_a_clear_error(tmp_path, text, message):
    f = tmp_path / "c.yaml"
    f.write_text(text, encoding="utf-8")
    started = time.process_time()
    with pytest.raises(ValueError) as exc:
        CleanerSpec.from_file(f)
    assert message in str(exc.value)
    assert "lol, lol" not in str(exc.value)  # the bomb is not printed
    assert time.process_time() - started < 5


def test_json_config_errors_carry_their_position(tmp_path):
    f = tmp_path / "c.json"
    f.write_text('{"filters": [1, 2', encoding="utf-8")
    with pytest.raises(ValueError, match=r"c\.json: not valid JSON: line 1, column 18: Expecting ',' delimiter"):
        CleanerSpec.from_file(f)
    f.write_bytes(b'{"preset": "\xff"}')
    with pytest.raises(ValueError, match="not UTF-8"):
        CleanerSpec.from_file(f)
    f.write_text("[" * 100_000, encoding="utf-8")
    with pytest.raises(ValueError):
        CleanerSpec.from_file(f)


def test_cli_reports_config_problems_without_a_traceback(tmp_path):
    f = tmp_path / "c.yaml"
    f.write_text(BOMB, encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text("Title\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "cleaner.cli", "clean", "--config", str(f), str(doc)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith(f"cleaner: {f}: only plain YAML data is allowed: line 1, column 4: YAML anchor")
