"""A cache keyed by the identity of the arguments, for values that cost more to hash than
to look up: compiled patterns (hashing one hashes its whole program) and tuples of
calendar frames (hashing one asks every datetime for its UTC offset). The callers pass
the same objects again and again (they come from other caches)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def by_identity(maxsize: int) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Remember up to ``maxsize`` results by the identity of the positional arguments
    (the arguments are kept, so an identity is never reused while remembered)."""

    def decorate(function: Callable[P, R]) -> Callable[P, R]:
        remembered: dict[tuple[int, ...], tuple[tuple[object, ...], R]] = {}

        @wraps(function)
        def cached(*args: P.args, **kwargs: P.kwargs) -> R:
            key = tuple(map(id, args))
            known = remembered.get(key)
            if known is None:
                if len(remembered) >= maxsize:
                    remembered.clear()
                known = remembered[key] = (args, function(*args, **kwargs))
            return known[1]

        return cached

    return decorate
