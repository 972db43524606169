"""Problems found in rule packs, reported with file:line:column, rule id and a fix."""
from __future__ import annotations

from dataclasses import dataclass, field


# Every problem code, with what it means (docs/rules.md explains each with an example).
CODES: dict[str, str] = {
    "R001": "unknown key (with a 'did you mean')",
    "R002": "a required key is missing",
    "R003": "a value has the wrong type or is out of range",
    "R004": "bad regex (with the character where it breaks) or bad CSS selector",
    "R005": "duplicate rule or pack id at the same override level",
    "R006": "unknown category, or a category no rule filter applies",
    "R007": "unknown language code",
    "R008": "unknown pack kind or rule kind",
    "R009": "id is not kebab-case",
    "R010": "an example the rule itself does not satisfy",
    "R011": "examples missing (every rule needs a positive example and a keep example)",
    "R012": "the file cannot be read, is not UTF-8, or is not valid YAML",
    "R013": "unknown lexicon name",
    "R014": "inline global regex flag such as (?i)",
    "R015": "bad section extent",
    "R016": "bad domain pattern in 'sites'",
    "R017": "a YAML feature rule files refuse: tags (!!python/...), anchors, aliases, merge keys",
    "R018": "'disable' names a rule id that no loaded pack defines (lint)",
}


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    column: int
    message: str
    rule: str | None = None
    hint: str | None = None
    code: str = "R000"
    # where in the file's data the problem is (keys/indices), for tools; not printed
    path: tuple = field(default=(), compare=False, repr=False)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        rid = f" [{self.rule}]" if self.rule else ""
        hint = f"\n    fix: {self.hint}" if self.hint else ""
        return f"{where}: {self.code}{rid} {self.message}{hint}"


class RulePackError(Exception):
    """Rule packs with mistakes: carries every problem found, never a partial load."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        lines = [str(p) for p in self.problems]
        super().__init__(f"{len(lines)} problem(s) in rule packs:\n" + "\n".join(lines))
