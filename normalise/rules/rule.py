"""What a rule is: a named Danish construction with its pattern, its production and its
examples, and the compiled regex of its pattern (the lexicon fragments expanded, bounded by word
edges). The rules themselves are the table in ``normalise.rules``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from normalise.hit import Hit
from normalise.spec import Spec
from normalise.words import fragments

Build = Callable[[Hit], "Spec | None"]


@dataclass(frozen=True, slots=True)
class Rule:
    """A named Danish construction: pattern, production and examples."""

    name: str
    pattern: str
    build: Build
    examples: tuple[str, ...]
    span: str | int = 0  # the group whose offsets are the expression's span

    @property
    def regex(self) -> re.Pattern[str]:
        return _compile(self.pattern)


@cache
def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + fragments().expand(pattern) + r")(?!\w)", re.IGNORECASE)
