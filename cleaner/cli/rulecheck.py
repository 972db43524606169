"""The checks behind ``cleaner rules lint`` and ``rules test``: loading packs leniently
for checking, and the problems that only the command line reports (example failures
at their own file:line:column, categories no filter applies, unknown ``disable`` ids)."""
from __future__ import annotations

import os
from pathlib import Path


def _rel(path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover - other drive on Windows
        return str(path)


def load_for_check(paths):
    """A leniently loaded RuleSet of the built-in packs plus ``paths`` (files or folders
    outside the built-in rules/ are extra folders, each one override level up), and the
    set of files under check (None: all).  Raises FileNotFoundError for a missing path."""
    from ..rules.loader import RuleSet, builtin_rules_dir, known_languages, pack_files

    root = builtin_rules_dir().resolve()
    extra, files = [], set()
    for p in paths:
        pth = Path(p)
        if not pth.exists():
            raise FileNotFoundError(p)
        rp = pth.resolve()
        if rp != root and root not in rp.parents:
            extra.append(pth)
        files.update(_rel(f) for f in pack_files(pth))
    sources = RuleSet.sources(extra)
    rs = RuleSet.from_files(sources, known_languages(str(builtin_rules_dir())), strict=False)
    return rs, (files if paths else None)


class Positions:
    """Positions of values in rule files, read on demand (for examples' file:line:column)."""

    def __init__(self):
        self._cache: dict = {}

    def where(self, file: str, path: tuple, default: tuple[int, int]) -> tuple[int, int]:
        from ..rules import yamlpos

        if file not in self._cache:
            try:
                self._cache[file] = yamlpos.load(Path(file).read_text(encoding="utf-8"))
            except (OSError, yamlpos.YamlError):
                self._cache[file] = None
        pos = self._cache[file]
        return pos.where(path) if pos is not None and path else default


_R010_HINTS = {
    "drop": "make the rule match this block, or move the example under 'keep' if the block is content",
    "protect": "make the rule match this block",
    "keep": "make the rule stricter (anchor it, narrow the words, set max_tokens), or move the example "
            "under 'drop' if the block is boilerplate",
    "trim": "change 'prefix'/'suffix' so that cutting its match from 'input' leaves exactly 'output'",
    "documents": "compare the lines got/expected: check the header and 'extent' (to-end, until-content, N)",
}


def failure_problem(f, positions: Positions):
    """An example failure as an R010 Problem at the example's own file:line:column."""
    from ..rules.problems import Problem

    r = f.rule
    line, col = positions.where(r.file, f.path, (r.line, 1))
    ex = f.example if len(f.example) <= 200 else f.example[:197] + "..."
    hint = _R010_HINTS.get(f.kind, "")
    if "timed out" in f.message:
        hint = "simplify the regex: avoid nested quantifiers like (a+)+ and runs like .*.* that backtrack"
    return Problem(r.file, line, col, f"{f.kind} example {f.index + 1} is not satisfied by the rule: "
                   f"{f.message}\n    example: {ex!r}", r.id, hint, "R010")


def category_problems(rules, positions: Positions) -> list:
    """R006 for block rules whose category no rule filter applies (they would never run)."""
    from .. import filters  # noqa: F401  (registers the filters)
    from ..filters.base import REGISTRY
    from ..filters.rulebased import RuleFilter
    from ..rules.problems import Problem

    applied = sorted({c.category for c in REGISTRY.values() if issubclass(c, RuleFilter) and c.category})
    out = []
    for r in rules:
        if r.kind == "protect" or r.category in applied:
            continue
        line, col = positions.where(r.file, tuple(r.path) + ("category",), (r.line, 1))
        out.append(Problem(r.file, line, col, f"no filter applies '{r.category}' rules: this rule would never run",
                           r.id, "use one of: " + ", ".join(applied), "R006"))
    return out


def disable_problems(rs, files, positions: Positions) -> list:
    """R018 for ids in a site pack's ``disable:`` that no loaded rule has (a typo disables nothing)."""
    from ..rules.problems import Problem
    from ..rules.validator import did_you_mean

    known = {r.id for r in rs.rules}
    out = []
    for p in rs.packs:
        if files is not None and p.file not in files:
            continue
        for i, rid in enumerate(p.disable):
            if rid in known:
                continue
            g = did_you_mean(rid, known)
            line, col = positions.where(p.file, ("disable", i), (1, 1))
            out.append(Problem(p.file, line, col, f"'disable' names '{rid}', which no loaded rule pack defines",
                               None, (f"did you mean '{g}'? " if g else "") + "check the id with `cleaner rules list`",
                               "R018"))
    return out
