"""Every grammar rule fires on each of its own examples, and every join is reachable."""

from __future__ import annotations

import pytest

from normalise.grammar import scan
from normalise.rules import RULES, Rule

CASES = [(rule, example) for rule in RULES for example in rule.examples]


def test_every_rule_has_examples() -> None:
    assert [rule.name for rule in RULES if not rule.examples] == []


def test_rule_names_are_unique() -> None:
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize(("rule", "example"), CASES, ids=[f"{r.name}:{e}" for r, e in CASES])
def test_rule_fires_on_its_example(rule: Rule, example: str) -> None:
    # A little context, so rules that look at the words around them see a sentence.
    text = f"Det skete {example} ifølge politiet."
    offset = len("Det skete ")
    pieces = [p for p in scan(text, (rule,)) if p.start < offset + len(example) and p.end > offset]
    assert pieces, f"rule {rule.name} did not read {example!r}"
