"""Loading rule packs: a set of pack files is built (parsed, validated, compiled) once and
read back whole by the next process; a changed file is built afresh."""
from __future__ import annotations

import pytest

from cleaner.diskmemo import DiskMemo
from cleaner.rules import loader


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path / "cache"))
    forget()
    yield tmp_path / "cache"
    forget()


def forget():
    """Drop what this process holds: the next load reads the folder back, as a new process would."""
    for memo in DiskMemo._all:
        memo._data, memo._dirty, memo._new = None, False, {}


def summary(rs):
    return [(r.id, r.file, r.line, r.level, r.source, r.languages, r.sites,
             None if r.lexicon is None else sorted(r.lexicon.phrases)) for r in rs.rules]


def test_a_built_pack_set_is_read_back_without_parsing_or_compiling(folder, monkeypatch):
    first = loader.RuleSet.load()
    assert list(folder.glob("rule-sets-*/*.pickle"))
    forget()
    calls: list = []
    monkeypatch.setattr(loader, "_parse_pack", lambda *a: calls.append("parse"))
    monkeypatch.setattr(loader, "compile_rule", lambda *a, **k: calls.append("compile"))
    again = loader.RuleSet.load()
    assert calls == []
    assert summary(again) == summary(first) and len(again.rules) > 100
    assert [p.id for p in again.packs] == [p.id for p in first.packs]


def test_a_changed_pack_file_is_built_afresh(folder, write_rules):
    pack = """
        pack: mine
        kind: common
        rules:
          - id: my-share
            category: share
            kind: pattern
            description: a share prompt
            pattern: '{word}'
            examples: {{drop: ['{word}'], keep: ['Some article text here.']}}
        """
    root = write_rules("common.yaml", pack.format(word="Teilen Sie es"), root="mine").parent
    first = loader.RuleSet.load([root], include_builtin=False)
    write_rules("common.yaml", pack.format(word="Share it now"), root="mine")
    forget()
    second = loader.RuleSet.load([root], include_builtin=False)
    assert [r.source for r in first.rules] == ["(?:Teilen Sie es)\\Z"]
    assert [r.source for r in second.rules] == ["(?:Share it now)\\Z"]


def test_a_pack_set_with_problems_still_fails_when_read_back(folder, write_rules):
    root = write_rules("common.yaml", """
        pack: broken
        kind: common
        rules:
          - id: no-category
            kind: pattern
            pattern: 'x'
        """, root="bad").parent
    for _ in range(2):
        forget()
        with pytest.raises(loader.RulePackError):
            loader.RuleSet.load([root], include_builtin=False)
