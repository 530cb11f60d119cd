"""`frozen`: the immutable dataclass of msqschema's values, with equality, hash and repr written
once.

Python 3.11 compiles `__eq__`, `__hash__` and `__repr__` anew for each dataclass as it is
created: for the model, the question types, the conditions and the problems, about 20 ms of
every command's start-up. A `frozen` class shares the three below instead, which read the
class's fields and give what the generated ones give: equal when of the same class with equal
compared fields, hashed from those fields, shown as `Name(field=value, ...)`.
"""

from __future__ import annotations

import reprlib
from collections.abc import Callable
from dataclasses import dataclass, fields
from operator import attrgetter
from types import NotImplementedType
from typing import TYPE_CHECKING, Any, TypeVar, overload

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
else:  # it only tells type checkers (typing has it from Python 3.11)
    def dataclass_transform(**options: Any) -> Callable[[Any], Any]:
        return lambda function: function

_Class = TypeVar("_Class", bound=type)


@overload
@dataclass_transform(frozen_default=True)
def frozen(cls: _Class, /) -> _Class: ...
@overload
def frozen(*, kw_only: bool = False) -> Callable[[_Class], _Class]: ...


def frozen(cls: _Class | None = None, /, *,
           kw_only: bool = False) -> _Class | Callable[[_Class], _Class]:
    """`@dataclass(frozen=True)` (with `kw_only`), whose `__eq__`, `__hash__` and `__repr__`
    are shared rather than compiled for the class; a class's own methods are kept."""

    def make(cls: _Class) -> _Class:
        own = dict(vars(cls))
        if own.get("__hash__", _hash) is None and "__eq__" in own:
            del own["__hash__"]  # set to None by Python for an own __eq__: dataclass adds one
        made: Any = dataclass(frozen=True, eq=False, repr=False, kw_only=kw_only)(cls)
        made._compared = staticmethod(_getter([f.name for f in fields(made) if f.compare]))
        made._hashed = staticmethod(_getter([f.name for f in fields(made)
                                             if (f.compare if f.hash is None else f.hash)]))
        made._shown = tuple(f.name for f in fields(made) if f.repr)
        for name, method in (("__eq__", _eq), ("__hash__", _hash), ("__repr__", _repr)):
            if name not in own:
                setattr(made, name, method)
        return made  # type: ignore[no-any-return]

    return make if cls is None else make(cls)


def _getter(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """The values of these attributes of an object, as a tuple."""
    if len(names) > 1:
        return attrgetter(*names)
    return (lambda value: (getattr(value, names[0]),)) if names else (lambda value: ())


def _eq(self: Any, other: Any) -> bool | NotImplementedType:
    if other.__class__ is not self.__class__:
        return NotImplemented  # type: ignore[no-any-return]  # typeshed types it Any
    return bool(self._compared(self) == self._compared(other))


def _hash(self: Any) -> int:
    return hash(self._hashed(self))


@reprlib.recursive_repr()
def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._shown)
    return f"{self.__class__.__qualname__}({shown})"
