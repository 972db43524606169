"""Load rule packs from folders, validate them all, and build a RuleSet.

Load order and override priority (a higher level wins for the same rule id, only
where the higher-level rule applies):

    0 built-in common  <  1 built-in language  <  2 built-in site
    <  each --rules DIR in the order given (inside one folder again common < language < site)

A site pack's ``disable:`` switches ids off where the pack applies, for rules of its
level and below (a user's own rule with that id stays on).  A rule with
``enabled: false`` wins its id like any other override, and switches it off.

Inside one folder, ``common*.yaml`` and ``*.yaml`` at the top are common packs, files
under ``lang/`` are language packs and files under ``sites/`` are site packs (the
``kind`` key inside the file is what counts; the folder is a convention).
A pack set with any problem never half-loads: RulePackError lists them all.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..diskmemo import DiskMemo, flush_all
from .compile import Rule, compile_rule, site_matches
from .problems import Problem, RulePackError

BUILTIN_KIND_LEVEL = {"common": 0, "language": 1, "site": 2}
LEVELS_PER_FOLDER = 3  # common, language, site


def folder_level(i: int) -> int:
    """Base override level of the i-th (0-based) extra rules folder."""
    return LEVELS_PER_FOLDER * (i + 1)


def builtin_rules_dir() -> Path:
    """The packaged rules/ folder (a source checkout's top-level rules/ when present)."""
    here = Path(__file__).resolve().parent.parent.parent / "rules"
    if (here / "languages.yaml").is_file():
        return here
    # an installed wheel: pyproject maps rules/ to the package folder cleaner/builtin_rules
    return Path(__file__).resolve().parent.parent / "builtin_rules"


def pack_files(path: Path) -> list[Path]:
    path = Path(path)
    if path.is_file():
        return [path]
    out = [p for p in path.rglob("*.yaml") if p.name != "languages.yaml"]
    out += [p for p in path.rglob("*.yml")]
    return sorted(out, key=lambda p: p.relative_to(path).as_posix())


@lru_cache(maxsize=4)
def known_languages(root: str | None = None) -> dict[str, str]:
    """ISO 639-1 codes -> names, from rules/languages.yaml (data, not code)."""
    p = Path(root) if root else builtin_rules_dir()
    text = (p / "languages.yaml").read_text(encoding="utf-8")
    return _LANGUAGES.get(hashlib.sha256(text.encode("utf-8")).hexdigest(), lambda: _parse_languages(text))


_LANGUAGES = DiskMemo("rule-languages")


def _parse_languages(text: str) -> dict[str, str]:
    from . import yamlpos  # YAML is parsed only when the memo on disk does not hold the result

    data = yamlpos.load(text).value
    return {str(k): str(v) for k, v in (data.get("languages") or {}).items()}


@dataclass
class Pack:
    id: str
    kind: str
    file: str
    level: int
    language: str | None
    sites: list | None
    lexicons: dict
    disable: list
    rules: list[Rule] = field(default_factory=list)
    description: str = ""


def read_pack(file: Path, level_base: int, langs: set[str], display: str | None = None):
    """Parse and validate one file.  Returns (data, positioned, problems)."""
    name = display or str(file)
    try:
        text = Path(file).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, None, [Problem(name, 1, 1, f"file is not UTF-8 ({exc.reason} at byte {exc.start})",
                                    code="R012", hint="save the file as UTF-8")]
    except OSError as exc:
        return None, None, [Problem(name, 0, 0, f"cannot read file: {exc}", code="R012")]
    key = hashlib.sha256(text.encode("utf-8")).hexdigest(), name, tuple(sorted(langs))
    return _PACKS.get(key, lambda: _parse_pack(text, name, langs))


_PACKS = DiskMemo("rule-packs", per_entry=True)


def _parse_pack(text: str, name: str, langs: set[str]):
    from . import yamlpos  # only when the memo on disk does not hold the result
    from .schema import validate_pack
    from .validator import Validator

    try:
        pos = yamlpos.load(text, name)
    except yamlpos.YamlError as exc:
        if exc.unsafe:
            return None, None, [Problem(name, exc.line, exc.column, exc.message, code="R017",
                                        hint="rule files are plain data: write the value out in full "
                                             "(quote strings), without tags, anchors, aliases or '<<'")]
        return None, None, [Problem(name, exc.line, exc.column, f"YAML syntax: {exc.message}", code="R012",
                                    hint="check indentation and quoting; strings with ':' or '#' need quotes")]
    v = Validator(name, pos, langs)
    validate_pack(v, pos.value)
    return pos.value, pos, v.problems


def _display(file) -> str:
    """A pack file's name in messages and rules: relative to the working folder."""
    try:
        return os.path.relpath(file)
    except ValueError:  # pragma: no cover - other drive on Windows
        return str(file)


# The built packs (parsed, validated, compiled) of each set of pack files: a process that
# meets the same files again unpickles them instead of reading every pack's positions
# and compiling every rule (the rules' regexes are compiled on first use, not here).
_BUILT = DiskMemo("rule-sets", per_entry=True)


def _build_key(named, langs: dict, strict: bool):
    """What building a pack set depends on: each file's bytes, name and level, the known
    languages and the strictness; None when a file cannot be read (the build says why)."""
    try:
        files = tuple((hashlib.sha256(Path(f).read_bytes()).hexdigest(), display, level)
                      for f, level, display in named)
    except OSError:
        return None
    return files, tuple(sorted(langs.items())), strict


def _build_packs(named, langs: dict, strict: bool) -> tuple[list[Pack], list[Problem]]:
    """Parse, validate and compile ``(file, base level, display name)`` triples into packs,
    with every problem found (see ``RuleSet.from_files``)."""
    problems: list[Problem] = []
    loaded = []
    for file, level, display in named:
        data, pos, probs = read_pack(file, 0, set(langs), display)
        problems.extend(probs)
        if data is None:
            continue
        if not probs:
            loaded.append((file, display, level, data, pos, set()))
        elif not strict:
            bad = {p.path[:2] for p in probs}
            if all(len(b) == 2 and b[0] == "rules" and isinstance(b[1], int) for b in bad):
                loaded.append((file, display, level, data, pos, {b[1] for b in bad}))
    flush_all()  # the patterns' validation, memoized for the next process
    packs: list[Pack] = []
    seen_ids: dict[tuple[int, str], tuple[str, int]] = {}
    seen_packs: dict[str, str] = {}
    # common lexicons first, so 'common:NAME' resolves anywhere
    common_lex: dict[str, list[str]] = {}
    for file, display, level, data, pos, _bad in loaded:
        if data.get("kind") == "common":
            for k, v in (data.get("lexicons") or {}).items():
                common_lex.setdefault(k, []).extend(v if isinstance(v, list) else [v])
    for file, display, level, data, pos, bad_rules in loaded:
        kind = data["kind"]
        lvl = (level or 0) + BUILTIN_KIND_LEVEL[kind]
        pid = data["pack"]
        if (lvl, pid) in seen_packs:
            problems.append(Problem(display, *pos.where(("pack",)), f"pack id '{pid}' is already used by "
                                    f"{seen_packs[(lvl, pid)]}", code="R005", hint="give each pack its own id"))
        seen_packs[(lvl, pid)] = display
        lex = {k: (v if isinstance(v, list) else [v]) for k, v in (data.get("lexicons") or {}).items()}
        scope_lex = dict(lex)
        scope_lex.update({f"common:{k}": v for k, v in common_lex.items()})
        sites = data.get("sites")
        if isinstance(sites, str):
            sites = [sites]
        pack = Pack(id=pid, kind=kind, file=display, level=lvl,
                    language=data.get("language") if kind == "language" else None,
                    sites=sites if kind == "site" else None, lexicons=lex,
                    disable=list(data.get("disable") or []), description=data.get("description", ""))
        for i, raw in enumerate(data.get("rules") or []):
            if i in bad_rules:
                continue
            line, _col = pos.where(("rules", i))
            rid = raw["id"]
            key = (lvl, rid)
            if key in seen_ids:
                f0, l0 = seen_ids[key]
                problems.append(Problem(display, line, pos.where(("rules", i, "id"))[1],
                                        f"duplicate rule id '{rid}' (first defined at {f0}:{l0})",
                                        rule=rid, code="R005",
                                        hint="rule ids must be unique; to override a rule, put the new "
                                             "version in a site pack or your own --rules folder"))
                continue
            seen_ids[key] = (display, line)
            for name in ([raw["lexicon"]] if isinstance(raw.get("lexicon"), str) else raw.get("lexicon") or []):
                if name.startswith("common:") and name[7:] not in common_lex:
                    problems.append(Problem(display, *pos.where(("rules", i, "lexicon")),
                                            f"unknown lexicon '{name}'", rule=rid, code="R013",
                                            hint="the common pack defines: " + ", ".join(sorted(common_lex))))
            try:
                rule = compile_rule(raw, pack=pid, file=display, line=line, level=lvl,
                                    pack_language=pack.language, pack_sites=pack.sites,
                                    lexicons=scope_lex)
            except Exception as exc:  # a regex the validator accepted but combination broke
                problems.append(Problem(display, line, 1, f"cannot compile rule: {exc}", rule=rid, code="R004"))
                continue
            rule.path = ("rules", i)
            pack.rules.append(rule)
        packs.append(pack)
    return packs, problems


class RuleSet:
    """All loaded rules, with scoped views for a document's languages and site."""

    def __init__(self, packs: list[Pack], languages: dict[str, str], timeout: float = 1.0):
        self.problems: list[Problem] = []  # only a lenient load (lint) keeps problems here
        self.packs = packs
        self.languages = languages
        self.timeout = timeout
        self.rules: list[Rule] = [r for p in packs for r in p.rules]
        self._lex: dict[tuple[str | None, str], list[str]] = {}
        for p in packs:
            for name, words in p.lexicons.items():
                key = (p.language if p.kind == "language" else (None if p.kind == "common" else p.id), name)
                self._lex.setdefault(key, []).extend(words)
        # every domain named by a site pack or a rule's 'sites' scope, for the cache key
        self._domains = {s[2:] if s.startswith("*.") else s
                         for r in self.rules if r.sites for s in r.sites}
        self._domains.update(s[2:] if s.startswith("*.") else s
                             for p in packs if p.kind == "site" for s in p.sites or ())
        self._active_cache: dict = {}
        self._active_by_rules: dict = {}
        self._lexlang: dict[str, frozenset] = {}
        self._words_cache: dict = {}

    # -- loading ---------------------------------------------------------------
    @staticmethod
    def sources(extra_dirs=(), include_builtin: bool = True, exclude=()) -> list[tuple[Path, int, Path]]:
        """(file, base level, folder) for the built-in packs and each extra folder (or file),
        skipping files in ``exclude``."""
        root = builtin_rules_dir()
        skip = {Path(f).resolve() for f in exclude}
        out: list[tuple[Path, int, Path]] = []
        if include_builtin:
            out += [(f, 0, root) for f in pack_files(root) if f.resolve() not in skip]
        for i, d in enumerate(extra_dirs):
            d = Path(d)
            if not d.exists():
                raise RulePackError([Problem(str(d), 0, 0, "rules folder does not exist", code="R012",
                                             hint="give an existing folder (or .yaml file) to --rules")])
            out += [(f, folder_level(i), d) for f in pack_files(d) if f.resolve() not in skip]
        return out

    @classmethod
    def load(cls, extra_dirs=(), include_builtin: bool = True, timeout: float = 1.0) -> "RuleSet":
        root = builtin_rules_dir()
        langs = known_languages(str(root))
        return cls.from_files(cls.sources(extra_dirs, include_builtin), langs, timeout=timeout)

    @classmethod
    def from_files(cls, sources, langs: dict, timeout: float = 1.0, strict: bool = True) -> "RuleSet":
        """Build from ``(file, base level, folder)`` triples; a pack's level is its base
        level plus 0/1/2 for common/language/site.

        ``strict`` (the default): any problem raises RulePackError listing them all.
        Otherwise (lint) the rules without problems are loaded and the problems are kept
        in ``.problems``, so that one run can report schema problems and failing examples.
        """
        named = [(file, level, _display(file)) for file, level, _base in sources]
        key = _build_key(named, langs, strict)
        packs, problems = (_build_packs(named, langs, strict) if key is None
                           else _BUILT.get(key, lambda: _build_packs(named, langs, strict)))
        _BUILT.flush()
        if problems and strict:
            raise RulePackError(problems)
        rs = cls(packs, langs, timeout=timeout)
        rs.problems = problems
        return rs

    def rule(self, rule_id: str) -> Rule | None:
        """A rule by id (the highest-level one when several share it)."""
        by_id = self.__dict__.get("_by_id")
        if by_id is None:
            by_id = {}
            for r in self.rules:
                cur = by_id.get(r.id)
                if cur is None or r.level > cur.level:
                    by_id[r.id] = r
            self._by_id = by_id
        return by_id.get(rule_id)

    # -- knowledge for mechanisms ---------------------------------------------
    def words(self, name: str, langs=()) -> frozenset:
        """A lexicon's words for the given languages plus the common pack's."""
        key = (name, frozenset(langs))
        hit = self._words_cache.get(key)
        if hit is None:
            out = set(self._lex.get((None, name), ()))
            for lang in langs:
                out.update(self._lex.get((lang, name), ()))
            hit = self._words_cache[key] = frozenset(w.casefold() for w in out)
        return hit

    def exact_words(self, name: str, langs=()) -> tuple:
        """A lexicon's entries as written (case kept, in pack order), for the given
        languages plus the common pack's: for lexicons of case-sensitive tokens and of
        patterns (a lexicon named ``*_patterns`` holds regular expressions)."""
        key = ("exact", name, tuple(langs))
        hit = self._words_cache.get(key)
        if hit is None:
            out = list(self._lex.get((None, name), ()))
            for lang in langs:
                out.extend(self._lex.get((lang, name), ()))
            hit = self._words_cache[key] = tuple(dict.fromkeys(out))
        return hit

    def lexicon_languages(self, name: str) -> frozenset:
        """Languages whose packs define lexicon ``name``."""
        hit = self._lexlang.get(name)
        if hit is None:
            hit = self._lexlang[name] = frozenset(k[0] for k in self._lex if k[1] == name and k[0] in self.languages)
        return hit

    # -- scoped views ------------------------------------------------------------
    def site_key(self, host: str | None) -> tuple:
        """The known domains that ``host`` belongs to (host itself and its parents)."""
        if not host or not self._domains:
            return ()
        labels = host.lower().rstrip(".").split(".")
        return tuple(d for d in (".".join(labels[i:]) for i in range(len(labels))) if d in self._domains)

    def active(self, langs, host: str | None = None) -> "ActiveRules":
        langs = frozenset(langs)
        site_key = self.site_key(host)
        key = (langs, site_key)
        hit = self._active_cache.get(key)
        if hit is None:
            hit = self._build_active(langs, host, site_key)
            if len(self._active_cache) > 256:
                self._active_cache.clear()
            self._active_cache[key] = hit
        return hit

    def disabled_on(self, host: str | None) -> dict[str, int]:
        """Rule id -> the highest level of a site pack that disables it on ``host``."""
        disabled: dict[str, int] = {}
        if host:
            for p in self.packs:
                if p.kind == "site" and p.disable and any(site_matches(s, host) for s in p.sites or ()):
                    for rid in p.disable:
                        disabled[rid] = max(disabled.get(rid, -1), p.level)
        return disabled

    def _build_active(self, langs, host, site_key) -> "ActiveRules":
        disabled = self.disabled_on(host)
        chosen: dict[str, Rule] = {}
        for r in self.rules:
            if not r.applies(langs, host) or disabled.get(r.id, -1) >= r.level:
                continue
            cur = chosen.get(r.id)
            if cur is None or r.level > cur.level:
                chosen[r.id] = r
        order = {id(r): i for i, r in enumerate(self.rules)}
        rules = sorted((r for r in chosen.values() if r.raw.get("enabled", True) is not False),
                       key=lambda r: order[id(r)])
        # Language combinations without rules of their own share one ActiveRules (and so
        # one rule index per pipeline): short records detect many languages.
        same = tuple(map(id, rules))
        hit = self._active_by_rules.get(same)
        if hit is None:
            if len(self._active_by_rules) > 256:
                self._active_by_rules.clear()
            hit = self._active_by_rules[same] = ActiveRules(rules, self.timeout)
        return hit


class ActiveRules:
    """The rules in force for one (languages, site) combination, by kind.  Pages match
    them all at once through ``matcher.RuleIndex`` (one per ActiveRules and pipeline)."""

    def __init__(self, rules: list[Rule], timeout: float):
        self.rules = rules
        self.timeout = timeout
        self.sections = [r for r in rules if r.kind == "section"]
        self.trims = [r for r in rules if r.kind == "trim"]
        self.selectors = [r for r in rules if r.kind == "selector"]
