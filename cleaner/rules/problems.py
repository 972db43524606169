"""Problems found in rule packs, reported with file:line:column, rule id and a fix."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    column: int
    message: str
    rule: str | None = None
    hint: str | None = None
    code: str = "R000"

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
