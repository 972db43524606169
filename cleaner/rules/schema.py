"""The rule-pack schema: the keys of packs, rules and examples, and the checks of
each (``validate_pack``, ``validate_rule``), reported through a ``validator.Validator``.
See docs/rules.md.
"""
from __future__ import annotations

import regex

from ..document import CATEGORIES
from .validator import Validator, did_you_mean

PACK_KINDS = ("common", "language", "site")
RULE_KINDS = ("pattern", "lexicon", "section", "trim", "selector", "protect")
MATCH_MODES = ("full", "start", "any")
EXTENTS = ("to-end", "until-content")

PACK_KEYS = {
    "pack": "pack id (kebab-case), e.g. 'zh' or 'kankanews-com'",
    "kind": "one of: " + ", ".join(PACK_KINDS),
    "language": "the pack's language code (language packs)",
    "sites": "domain patterns this pack applies to (site packs), e.g. ['kankanews.com']",
    "description": "what the pack covers",
    "lexicons": "named word lists: {name: [word, ...]}",
    "rules": "the list of rules",
    "disable": "rule ids switched off where this pack applies (site packs)",
}

COMMON_RULE_KEYS = {
    "id": "stable kebab-case id, e.g. 'zh-share-row'",
    "category": "one of: " + ", ".join(CATEGORIES),
    "description": "what the rule removes, for humans",
    "kind": "one of: " + ", ".join(RULE_KINDS),
    "languages": "language codes the rule applies to (default: the pack's language)",
    "sites": "domain patterns the rule applies to (default: all sites)",
    "examples": "drop/keep examples that run as tests",
    "enabled": "true (default) or false",
    "case_sensitive": "false (default): patterns ignore case",
    "max_tokens": "only blocks with at most this many tokens (CJK characters count one each)",
    "min_tokens": "only blocks with at least this many tokens",
    "note": "free text for editors",
}

KIND_KEYS = {
    "pattern": {"pattern": "a regex", "patterns": "a list of regexes",
                "match": "full (default: the whole block), start, or any (anywhere)"},
    "protect": {"pattern": "a regex", "patterns": "a list of regexes",
                "match": "full (default), start, or any"},
    "lexicon": {"words": "the words/phrases a block may consist of",
                "lexicon": "name(s) of lexicons to include",
                "min_words": "how many listed words the block must contain (default 1)",
                "allow_numbers": "numbers (counts like '12' or '1.2K') may appear (default true)"},
    "section": {"header": "regex for the header block (matched against the whole block)",
                "headers": "a list of header regexes",
                "header_words": "literal header phrases (case-insensitive, trailing ':' allowed)",
                "extent": "to-end, until-content, or a number N (the next N blocks)",
                "after_content": "only fire after article text has started (default true)"},
    "trim": {"prefix": "regex matched at the start of a block; the match is removed",
             "suffix": "regex matched at the end of a block; the match is removed"},
    "selector": {"css": "a CSS selector (HTML input only)",
                 "tokens": "class/id tokens, matched as whole tokens (HTML input only)"},
}

EXAMPLE_KEYS = {
    "drop": "blocks the rule must drop",
    "keep": "blocks the rule must not touch",
    "trim": "[{input, output}] pairs for trim rules",
    "documents": "[{input, output}] small documents for section rules",
    "protect": "blocks a protect rule must protect",
}

_ID = regex.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def is_site_pattern(p: str) -> bool:
    return bool(regex.fullmatch(r"(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+", p))


def validate_pack(v: Validator, data) -> None:
    """Validate one pack; problems go to ``v.problems``."""
    if data is None:
        v.add((), "empty rule file", code="R002", hint="start with 'pack:', 'kind:' and 'rules:'")
        return
    if not isinstance(data, dict):
        v.add((), "a rule file must be a mapping with 'pack', 'kind' and 'rules'", code="R003",
              hint="start the file with 'pack: NAME', 'kind: site' (or common/language) and 'rules:'")
        return
    v.check_keys(data, PACK_KEYS, ())
    for req in ("pack", "kind"):
        if req not in data:
            v.add((), f"missing '{req}'", code="R002", hint=f"add {req}: — {PACK_KEYS[req]}")
    kind = data.get("kind")
    if kind is not None and kind not in PACK_KINDS:
        g = did_you_mean(str(kind), PACK_KINDS)
        v.add(("kind",), f"unknown pack kind '{kind}'", code="R008",
              hint=f"did you mean '{g}'?" if g else "one of: " + ", ".join(PACK_KINDS))
    if "pack" in data and not (isinstance(data["pack"], str) and _ID.match(data["pack"])):
        v.add(("pack",), f"pack id {data['pack']!r} must be kebab-case", code="R009",
              hint="lowercase letters, digits and '-', e.g. 'zh' or 'example-com'")
    if kind == "language":
        lang = data.get("language")
        if not isinstance(lang, str):
            v.add(("language",) if "language" in data else (), "a language pack needs 'language'",
                  code="R002", hint="e.g. language: zh")
        elif lang not in v.langs:
            g = did_you_mean(lang, v.langs)
            v.add(("language",), f"unknown language '{lang}'", code="R007",
                  hint=(f"did you mean '{g}'? " if g else "") + "use an ISO 639-1 code listed in rules/languages.yaml")
    if kind == "site":
        sites = v.str_list(data.get("sites", []), ("sites",), None, "sites")
        if not sites:
            v.add(("sites",) if "sites" in data else (), "a site pack needs 'sites'", code="R002",
                  hint="e.g. sites: [example.com]")
        for i, s in enumerate(sites):
            if not is_site_pattern(s):
                v.add(("sites", i), f"'{s}' is not a domain pattern", code="R016",
                      hint="write a domain like 'example.com' or '*.example.com' (no scheme, no path)")
    if "disable" in data:
        if kind != "site":
            v.add(("disable",), "'disable' is only allowed in site packs", code="R001",
                  hint="move it to a site pack (kind: site); elsewhere, override the rule with enabled: false")
        v.str_list(data["disable"], ("disable",), None, "disable")
    lex = data.get("lexicons", {})
    if lex is not None and not isinstance(lex, dict):
        v.add(("lexicons",), "'lexicons' must be a mapping of name -> list of words", code="R003",
              hint="write lexicons:, then on the next lines '  share_words: [Share, Tweet]'")
    elif lex:
        for name, words in lex.items():
            words = v.str_list(words, ("lexicons", name), None, f"lexicons.{name}")
            if isinstance(name, str) and name.endswith("_patterns"):  # regular expressions
                for i, pattern in enumerate(words):
                    v.check_regex(pattern, ("lexicons", name, i), None, "patterns")
    rules = data.get("rules", [])
    if rules is None:
        rules = []
    if not isinstance(rules, list):
        v.add(("rules",), "'rules' must be a list", code="R003", hint="start each rule with '  - id: ...'")
        return
    for i, rule in enumerate(rules):
        validate_rule(v, rule, ("rules", i), data)


def validate_rule(v: Validator, rule, path: tuple, pack: dict) -> None:
    if not isinstance(rule, dict):
        v.add(path, "each rule must be a mapping", code="R003", hint="start the rule with '- id: ...'")
        return
    rid = rule.get("id") if isinstance(rule.get("id"), str) else None
    kind = rule.get("kind")
    allowed = dict(COMMON_RULE_KEYS)
    if kind in KIND_KEYS:
        allowed.update(KIND_KEYS[kind])
    v.check_keys(rule, allowed, path, rule=rid, kind=kind if kind in KIND_KEYS else "", kinds=KIND_KEYS)
    for req in ("id", "category", "description", "kind"):
        if req not in rule:
            v.add(path, f"missing '{req}'", rule=rid, code="R002", hint=f"add {req}: — {COMMON_RULE_KEYS[req]}")
    if "id" in rule and not (isinstance(rule["id"], str) and _ID.match(rule["id"])):
        v.add(path + ("id",), f"rule id {rule['id']!r} must be kebab-case", rule=rid, code="R009",
              hint="lowercase letters, digits and '-', e.g. 'zh-share-row'")
    cat = rule.get("category")
    if cat is not None and cat not in CATEGORIES:
        g = did_you_mean(str(cat), CATEGORIES)
        v.add(path + ("category",), f"unknown category '{cat}'", rule=rid, code="R006",
              hint=f"did you mean '{g}'?" if g else "one of: " + ", ".join(CATEGORIES))
    if kind is not None and kind not in RULE_KINDS:
        g = did_you_mean(str(kind), RULE_KINDS)
        v.add(path + ("kind",), f"unknown rule kind '{kind}'", rule=rid, code="R008",
              hint=f"did you mean '{g}'?" if g else "one of: " + ", ".join(RULE_KINDS))
    if "description" in rule:
        v.expect(rule["description"], str, path + ("description",), rid, "description")
    for b in ("enabled", "case_sensitive"):
        if b in rule:
            v.expect(rule[b], bool, path + (b,), rid, b, hint="write true or false")
    for n in ("max_tokens", "min_tokens"):
        if n in rule and v.expect(rule[n], int, path + (n,), rid, n) and rule[n] < 0:
            v.add(path + (n,), f"'{n}' must be >= 0", rule=rid, code="R003", hint="a count of tokens, e.g. 12")
    if "languages" in rule:
        for i, lang in enumerate(v.str_list(rule["languages"], path + ("languages",), rid, "languages")):
            if lang != "*" and lang not in v.langs:
                g = did_you_mean(lang, v.langs)
                v.add(path + ("languages", i), f"unknown language '{lang}'", rule=rid, code="R007",
                      hint=(f"did you mean '{g}'? " if g else "") + "use ISO 639-1 codes (rules/languages.yaml) or '*'")
    if "sites" in rule:
        for i, s in enumerate(v.str_list(rule["sites"], path + ("sites",), rid, "sites")):
            if not is_site_pattern(s):
                v.add(path + ("sites", i), f"'{s}' is not a domain pattern", rule=rid, code="R016",
                      hint="write a domain like 'example.com' or '*.example.com'")
    if kind in ("pattern", "protect"):
        _patterns(v, rule, path, rid, ("pattern", "patterns"))
        if "match" in rule and rule["match"] not in MATCH_MODES:
            v.add(path + ("match",), f"unknown match mode '{rule['match']}'", rule=rid, code="R003",
                  hint="one of: " + ", ".join(MATCH_MODES))
    elif kind == "lexicon":
        if "words" not in rule and "lexicon" not in rule:
            v.add(path, "a lexicon rule needs 'words' or 'lexicon'", rule=rid, code="R002",
                  hint="add words: [Share, Tweet, Email] (the words a block may consist of)")
        if "words" in rule:
            words = v.str_list(rule["words"], path + ("words",), rid, "words")
            for i, w in enumerate(words):
                if not w.strip():
                    v.add(path + ("words", i), "empty word in 'words'", rule=rid, code="R003",
                          hint="remove the empty item (two commas in a row?)")
        if "lexicon" in rule:
            known = set((pack.get("lexicons") or {}).keys()) if isinstance(pack.get("lexicons"), dict) else set()
            for i, name in enumerate(v.str_list(rule["lexicon"], path + ("lexicon",), rid, "lexicon")):
                if name not in known and ":" not in name:
                    g = did_you_mean(name, known)
                    v.add(path + ("lexicon", i) if isinstance(rule["lexicon"], list) else path + ("lexicon",),
                          f"unknown lexicon '{name}'", rule=rid, code="R013",
                          hint=(f"did you mean '{g}'? " if g else "")
                          + "define it under 'lexicons:' in this pack, or write 'common:NAME' for the common pack's")
        if "min_words" in rule and v.expect(rule["min_words"], int, path + ("min_words",), rid, "min_words"):
            if rule["min_words"] < 1:
                v.add(path + ("min_words",), "'min_words' must be >= 1", rule=rid, code="R003",
                      hint="leave it out for the default, 1")
        if "allow_numbers" in rule:
            v.expect(rule["allow_numbers"], bool, path + ("allow_numbers",), rid, "allow_numbers")
    elif kind == "section":
        if not any(k in rule for k in ("header", "headers", "header_words")):
            v.add(path, "a section rule needs 'header', 'headers' or 'header_words'", rule=rid, code="R002",
                  hint="add header_words: [Related Stories] (or header: a regex for the header block)")
        _patterns(v, rule, path, rid, ("header", "headers"), required=False)
        if "header_words" in rule:
            v.str_list(rule["header_words"], path + ("header_words",), rid, "header_words")
        ext = rule.get("extent", "until-content")
        if not (ext in EXTENTS or (isinstance(ext, int) and not isinstance(ext, bool) and ext >= 0)):
            v.add(path + ("extent",), f"bad extent {ext!r}", rule=rid, code="R015",
                  hint="to-end, until-content, or a number of blocks (e.g. 5)")
        if "after_content" in rule:
            v.expect(rule["after_content"], bool, path + ("after_content",), rid, "after_content")
    elif kind == "trim":
        if "prefix" not in rule and "suffix" not in rule:
            v.add(path, "a trim rule needs 'prefix' or 'suffix'", rule=rid, code="R002",
                  hint="add prefix: '<regex for the span to cut at the start of the block>'")
        for k in ("prefix", "suffix"):
            if k in rule and v.expect(rule[k], str, path + (k,), rid, k):
                v.check_regex(rule[k], path + (k,), rid, k)
    elif kind == "selector":
        if "css" not in rule and "tokens" not in rule:
            v.add(path, "a selector rule needs 'css' or 'tokens'", rule=rid, code="R002",
                  hint="add tokens: [share-bar] (class/id tokens) or css: 'div.share-bar'")
        if "css" in rule and v.expect(rule["css"], str, path + ("css",), rid, "css"):
            try:
                from lxml.cssselect import CSSSelector
                CSSSelector(rule["css"])
            except ImportError:  # pragma: no cover - cssselect is a dependency
                pass
            except Exception as exc:  # cssselect raises its own SelectorSyntaxError
                v.add(path + ("css",), f"bad CSS selector: {exc}", rule=rid, code="R004",
                      hint="write a plain CSS selector such as 'div.share-bar, aside#related'")
        if "tokens" in rule:
            v.str_list(rule["tokens"], path + ("tokens",), rid, "tokens")
    _examples(v, rule, path, rid, kind)


def _patterns(v, rule, path, rid, keys, required=True):
    single, many = keys
    if required and single not in rule and many not in rule:
        v.add(path, f"a {rule.get('kind')} rule needs '{single}' or '{many}'", rule=rid, code="R002",
              hint=f"add {single}: '<regex>' (quote it with single quotes), or {many}: a list of regexes")
    if single in rule and v.expect(rule[single], str, path + (single,), rid, single):
        v.check_regex(rule[single], path + (single,), rid, single)
    if many in rule:
        for i, p in enumerate(v.str_list(rule[many], path + (many,), rid, many)):
            v.check_regex(p, path + (many, i), rid, many)


def _examples(v, rule, path, rid, kind):
    ex = rule.get("examples")
    if ex is None:
        v.add(path, "missing 'examples'", rule=rid, code="R011",
              hint="add examples: {drop: [...], keep: [...]} with at least one of each")
        return
    if not isinstance(ex, dict):
        v.add(path + ("examples",), "'examples' must be a mapping (drop/keep/...)", rule=rid, code="R003",
              hint="write examples:, then '  drop: [...]' and '  keep: [...]' on the next lines")
        return
    v.check_keys(ex, EXAMPLE_KEYS, path + ("examples",), rule=rid, what="example key")
    for k in ("drop", "keep", "protect"):
        if k in ex:
            v.str_list(ex[k], path + ("examples", k), rid, f"examples.{k}")
    for k in ("trim", "documents"):
        if k in ex:
            items = ex[k]
            if not isinstance(items, list):
                v.add(path + ("examples", k), f"'examples.{k}' must be a list of {{input, output}}",
                      rule=rid, code="R003", hint=f"write {k}: then '- input: ...' and '  output: ...'")
                continue
            for i, it in enumerate(items):
                if not (isinstance(it, dict) and isinstance(it.get("input"), str)
                        and isinstance(it.get("output"), str)):
                    v.add(path + ("examples", k, i), f"each '{k}' example needs 'input' and 'output' strings",
                          rule=rid, code="R003", hint="for a block scalar write 'input: |' and the text "
                                                       "indented on the next lines")
                else:
                    v.check_keys(it, {"input": "", "output": ""}, path + ("examples", k, i), rule=rid)
    positive = {"pattern": "drop", "lexicon": "drop", "selector": "drop", "section": None,
                "trim": "trim", "protect": "protect"}.get(kind)
    if kind == "section":
        if not (ex.get("documents") or ex.get("drop")):
            v.add(path + ("examples",), "a section rule needs a 'documents' (before/after) or 'drop' example",
                  rule=rid, code="R011", hint="add examples: {documents: [{input: ..., output: ...}], keep: [...]}")
    elif positive and not ex.get(positive):
        v.add(path + ("examples",), f"needs at least one '{positive}' example", rule=rid, code="R011",
              hint={"drop": "add drop: [\"a block this rule must remove\"]",
                    "trim": "add trim: [{input: \"<block>\", output: \"<block after the cut>\"}]",
                    "protect": "add protect: [\"a block this rule must protect\"]"}[positive])
    if kind and not ex.get("keep"):
        v.add(path + ("examples",), "needs at least one 'keep' example (a block the rule must not touch)",
              rule=rid, code="R011", hint="add keep: [\"a block that looks similar but is article text\"]")
