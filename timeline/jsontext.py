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

_LINE_ENDS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def dumps(value: Any, **options: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, **options)`` with the Unicode line ends escaped."""
    return json.dumps(value, ensure_ascii=False, **options).translate(_LINE_ENDS)
