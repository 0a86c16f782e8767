"""Pickling for the frozen, slotted dataclasses that travel between processes.

The default for a slotted dataclass restores each field through Python code
(``__setstate__``); ``reduce_by_fields`` rebuilds through the constructor from
the fields in order, which loads several times faster.

The classes that travel by the million (events and their parts: a corpus run
loads them all in its one main process) take the class decorator
``@loaded_by_slots`` instead: they load through a function made for the class
that fills the slots directly, without the ``__init__`` of a frozen class and
its ``object.__setattr__`` call per field: a third to half of the time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from functools import cache
from operator import attrgetter
from types import MemberDescriptorType
from typing import Any, TypeVar

C = TypeVar("C", bound=type)


def reduce_by_fields(obj: Any) -> tuple[Callable[..., Any], tuple[Any, ...]]:
    """``__reduce__`` for a dataclass whose constructor takes every field in order."""
    cls = type(obj)
    return cls, _values(cls)(obj)


def loaded_by_slots(cls: C) -> C:
    """Class decorator (over ``@dataclass(frozen=True, slots=True)``): pickle by fields, load by slots.

    Adds ``cls._from_slots(*values)``, the fields' values in order to an instance, as the
    constructor would make it (no ``__post_init__`` then: the class must have none); pickle
    finds it by name, so the loading process needs no more than the class.
    """
    names = _names(cls)
    descriptors = [cls.__dict__.get(name) for name in names]
    if not all(isinstance(d, MemberDescriptorType) for d in descriptors) or hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__qualname__}: a slotted dataclass without __post_init__ is needed")
    # def _from_slots(v0, v1, ...): obj = new(cls); s0(obj, v0); s1(obj, v1); ...; return obj
    # with s0, s1, ... the slots' setters (bound __set__ of each member descriptor).
    values = ", ".join(f"v{i}" for i in range(len(names)))
    body = "".join(f"    s{i}(obj, v{i})\n" for i in range(len(names)))
    namespace: dict[str, Any] = {"new": object.__new__, "cls": cls,
                                 **{f"s{i}": d.__set__ for i, d in enumerate(descriptors)}}
    source = f"def _from_slots({values}):\n    obj = new(cls)\n{body}    return obj\n"
    exec(source, namespace)  # noqa: S102  (as dataclasses makes __init__: only the names above)
    load = namespace["_from_slots"]
    load.__module__, load.__qualname__ = cls.__module__, f"{cls.__qualname__}._from_slots"
    load.__doc__ = f"A {cls.__qualname__} from its fields' values in order (for unpickling)."
    cls._from_slots = staticmethod(load)  # type: ignore[attr-defined]
    cls.__reduce__ = _reduce_to_slots  # type: ignore[method-assign]
    return cls


def _reduce_to_slots(obj: Any) -> tuple[Callable[..., Any], tuple[Any, ...]]:
    """``__reduce__`` of a ``@loaded_by_slots`` class."""
    cls = type(obj)
    return cls._from_slots, _values(cls)(obj)


@cache
def _names(cls: type) -> tuple[str, ...]:
    return tuple(field.name for field in fields(cls))


@cache
def _values(cls: type) -> Callable[[Any], tuple[Any, ...]]:
    """The fields' values of an instance of ``cls``, in order, as a tuple (in one C call)."""
    getter = attrgetter(*_names(cls))
    return getter if len(_names(cls)) > 1 else lambda obj: (getter(obj),)
