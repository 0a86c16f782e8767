"""JSON text that every line-based reader splits where we mean it to.

``json.dumps(..., ensure_ascii=False)`` writes U+0085, U+2028 and U+2029 as they
are. They are valid inside JSON strings, but Python's ``str.splitlines`` and
JavaScript parsers before ES2019 treat them as line ends, which would cut a
JSON Lines record in two. They can occur only inside strings, so escaping them
there changes nothing a JSON reader sees.
"""

from __future__ import annotations

import json
from typing import Any

_LINE_ENDS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def dumps(value: Any, **options: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, **options)`` with the Unicode line ends escaped."""
    return escape_line_ends(json.dumps(value, ensure_ascii=False, **options))


def escape_line_ends(text: str) -> str:
    """JSON ``text`` with U+0085, U+2028 and U+2029 escaped. They are rare: finding each
    (a fast scan) and replacing it is far quicker than ``str.translate``'s lookup per character."""
    for char, escaped in _LINE_ENDS.items():
        if char in text:
            text = text.replace(char, escaped)
    return text
