"""``CleanerSpec``: everything needed to rebuild an identical Cleaner in another
process (a preset or filter list, rule folders, formats, limits), and how a pipeline
config file (YAML or JSON) becomes one."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MAX_CHARS = 100_000_000
DEFAULT_PART_CHARS = 500_000


@dataclass(frozen=True)
class CleanerSpec:
    """Everything needed to rebuild an identical Cleaner in another process."""

    preset: str = "default"
    filters: tuple = ()  # ((id, {options}), ...) — overrides the preset when given
    rules_dirs: tuple = ()
    include_builtin_rules: bool = True
    templates: str | None = None  # path of a template store (SQLite)
    input_format: str = "auto"
    always_languages: tuple = ("en",)
    prose: tuple = ()  # ((name, value), ...) overrides of ProseConfig
    timeout: float = 1.0
    max_chars: int = DEFAULT_MAX_CHARS
    lang: str | None = None  # force a language for every document
    output_format: str = "text"  # text | markdown | html (see cleaner.render)
    links: bool = False  # markdown/html output: keep links
    metadata: bool = True  # page metadata (HTML pages) in Result.metadata / the record
    html_field: str | None = None  # records: the field holding a page's HTML (default: 'html' when no text)
    keep_html: bool = False  # records: keep the HTML field in the output record
    part_chars: int = DEFAULT_PART_CHARS  # text/markup over twice this: cleaned in parts (cleaner.parts); 0: never

    @classmethod
    def from_file(cls, path, **overrides) -> "CleanerSpec":
        """Build from a YAML/JSON config file (see docs: pipeline config).

        YAML is read with the rule packs' safe loader: plain data only (no tags, anchors
        or aliases), so a config cannot run code or expand into a bomb.  Every problem is
        a ValueError naming the file, line and column."""
        p = Path(path)
        try:
            text = p.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ValueError(f"{p}: not UTF-8 text (byte {exc.start})") from None
        if p.suffix.lower() == ".json":
            try:
                data = json.loads(text)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{p}: not valid JSON: line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
            except RecursionError:
                raise ValueError(f"{p}: nested too deeply") from None
        else:
            from .rules.yamlpos import YamlError, load

            try:
                data = load(text, str(p)).value
            except YamlError as exc:
                # the loader words its refusals for rule files; the rule is the same here
                msg = exc.message.replace(" in rule files", "").replace(" for a rule file", "")
                what = "only plain YAML data is allowed" if exc.unsafe else "not valid YAML"
                raise ValueError(f"{p}: {what}: line {exc.line}, column {exc.column}: {msg}") from None
        return cls.from_dict({} if data is None else data, base=p.parent, **overrides)

    @classmethod
    def from_dict(cls, data: dict, base: Path | None = None, **overrides) -> "CleanerSpec":
        if not isinstance(data, dict):
            raise ValueError("a pipeline config must be a mapping")
        known = {"preset", "filters", "rules", "builtin_rules", "templates", "input_format",
                 "languages", "prose", "timeout", "max_chars", "lang", "output_format", "links", "metadata",
                 "part_chars"}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown pipeline config key(s) {sorted(unknown)}; known: {sorted(known)}")

        def typed(key, kinds, what):
            value = data.get(key)
            if value is not None and not isinstance(value, kinds):
                raise ValueError(f"config '{key}' must be {what}, not {type(value).__name__}")
            return value

        flt = []
        for item in typed("filters", list, "a list") or ():
            if isinstance(item, str):
                flt.append((item, {}))
            elif isinstance(item, dict) and "id" in item and isinstance(item.get("config") or {}, dict):
                flt.append((item["id"], dict(item.get("config") or {})))
            else:
                raise ValueError(f"a filter entry must be a name or {{id, config}}, not {item!r}")
        rules = typed("rules", (str, list), "a folder or a list of folders") or ()
        if isinstance(rules, str):
            rules = [rules]
        rules = tuple(str((base / r) if base and not Path(r).is_absolute() else r) for r in map(str, rules))
        langs = typed("languages", dict, "a mapping") or {}
        always = langs.get("always", ("en",))
        if not isinstance(always, (list, tuple)) or not all(isinstance(x, str) for x in always):
            raise ValueError("config 'languages.always' must be a list of language codes")
        prose = typed("prose", dict, "a mapping") or {}
        try:
            timeout = float(data.get("timeout", 1.0))
            max_chars = int(data.get("max_chars", DEFAULT_MAX_CHARS))
            part_chars = int(data.get("part_chars", DEFAULT_PART_CHARS))
        except (TypeError, ValueError):
            raise ValueError("config 'timeout' must be a number of seconds and 'max_chars' and 'part_chars' "
                             "whole numbers") from None
        if part_chars < 0:
            raise ValueError("config 'part_chars' must be 0 (never cut a document) or more")
        kw = dict(
            preset=typed("preset", str, "a preset name") or "default",
            filters=tuple((i, tuple(sorted(o.items()))) for i, o in flt),
            rules_dirs=rules, include_builtin_rules=bool(data.get("builtin_rules", True)),
            templates=typed("templates", str, "a store path"),
            input_format=typed("input_format", str, "a format name") or "auto",
            always_languages=tuple(always), prose=tuple(sorted(prose.items())),
            timeout=timeout, max_chars=max_chars, part_chars=part_chars, lang=typed("lang", str, "a language code"),
            output_format=typed("output_format", str, "a format name") or "text",
            links=bool(data.get("links", False)), metadata=bool(data.get("metadata", True)),
        )
        kw.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**kw)
