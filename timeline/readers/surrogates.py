"""Lone UTF-16 surrogates (``\\ud800``-``\\udfff`` that pair with none): no UTF-8 can hold
them, so the exports could not be written. They reach a text from a JSON escape or from
Python code; each is read as U+FFFD, one character for one, so every offset stays put."""

from __future__ import annotations

import re
from typing import Any

REPLACEMENT = "\ufffd"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def has_lone_surrogate(value: Any) -> bool:
    """Whether a string, or any string in a dict's keys and values or a list, holds one."""
    if isinstance(value, str):
        return _LONE_SURROGATE.search(value) is not None
    if isinstance(value, dict):
        return any(has_lone_surrogate(key) or has_lone_surrogate(item) for key, item in value.items())
    if isinstance(value, list):
        return any(map(has_lone_surrogate, value))
    return False


def without_lone_surrogates(value: Any) -> Any:
    """``value`` with every lone surrogate in its strings (as ``has_lone_surrogate`` walks them) as U+FFFD."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub(REPLACEMENT, value)
    if isinstance(value, dict):
        return {without_lone_surrogates(key): without_lone_surrogates(item) for key, item in value.items()}
    if isinstance(value, list):
        return [without_lone_surrogates(item) for item in value]
    return value
