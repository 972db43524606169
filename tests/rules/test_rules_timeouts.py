"""A rule whose regex runs out of time is reported by id and skipped; the document is
cleaned by the other rules and never lost.  (No timing is asserted: the pattern
backtracks exponentially, so any small timeout is hit.)"""
from __future__ import annotations

import pytest

from cleaner.pipeline import Cleaner

# (z|z)+$ on "zzzz…!" backtracks 2^n ways (the regex module optimises the classic (a+)+$
# itself).  A letter that is no listed word of any built-in lexicon: a block that an
# earlier rule claims is never tried by the slow one.  The block ends with a "z", as a
# match would (``rules.tails``: a block that cannot end a match is not tried at all).
SLOW = "(z|z)+$"
LONG = "z" * 60 + "!z"


def pack(kind: str) -> str:
    key = {"pattern": "pattern", "protect": "pattern", "trim": "prefix"}[kind]
    ex = 'trim:\n        - {input: "zzzb x", output: "x"}' if kind == "trim" else (
        'protect: ["zzz"]' if kind == "protect" else 'drop: ["zzz"]')
    return f"""\
pack: slow
kind: common
rules:
  - id: slow-{kind}
    category: {"protect" if kind == "protect" else "share"}
    description: A catastrophic pattern.
    kind: {kind}
    {key}: '{SLOW}'
    examples:
      {ex}
      keep: ["b"]
"""


TEXT = f"Share\n\n{LONG}\n\nThe council met on Monday to discuss the budget for the coming year, members said."


@pytest.mark.parametrize("kind", ["pattern", "trim", "protect"])
def test_timeout_skips_the_rule_and_keeps_the_document(write_rules, kind):
    d = write_rules("common.yaml", pack(kind))
    c = Cleaner(preset="rules-only", rules_dirs=[d.parent], timeout=0.02)
    res = c.clean(TEXT, lang="en")
    assert res.rule_errors == [f"slow-{kind}"]
    assert LONG in res.text  # the block the rule choked on is passed on unharmed
    assert "The council met on Monday" in res.text
    assert "Share" not in res.text.split("\n")  # the other rules still ran (en-share-row)
    # the next document: the rule is tried again, and reported again
    assert c.clean(TEXT, lang="en").rule_errors == [f"slow-{kind}"]
    assert c.clean("Share\n\nThe council met.", lang="en").rule_errors == []


def test_timeout_in_the_cli_summary(write_rules, tmp_path, capsys):
    import json

    from cleaner.cli import main

    d = write_rules("common.yaml", pack("pattern"))
    doc = tmp_path / "doc.txt"
    doc.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out"
    summary = tmp_path / "summary.json"
    rc = main(["clean", str(doc), "-o", str(out), "--rules", str(d.parent), "--timeout", "0.02",
               "--no-progress", "--preset", "rules-only", "--summary-json", str(summary)])
    assert rc == 0
    err = capsys.readouterr().err
    assert "rule 'slow-pattern' timed out (documents passed on without it)" in " ".join(err.split())
    assert json.loads(summary.read_text())["rule_timeouts"] == {"slow-pattern": 1}
    assert LONG in (out / "doc.txt").read_text(encoding="utf-8")
