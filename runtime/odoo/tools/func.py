"""Function and descriptor helpers (Odoo 18's ``odoo.tools.func``): lazy properties, frames."""
from __future__ import annotations

import functools
import typing
from collections.abc import Callable
from inspect import getsourcefile
from typing import Any

__all__ = ['classproperty', 'conditional', 'frame_codeinfo', 'lazy', 'lazy_classproperty',
           'lazy_property', 'reset_cached_properties']

T = typing.TypeVar('T')


class lazy_property(typing.Generic[T]):
    """A property computed once per instance, then stored in the instance's ``__dict__``.

    The stored value shadows the descriptor, so later reads cost a dict lookup.
    """

    def __init__(self, fget: Callable[[Any], T]) -> None:
        if fget.__name__.startswith('__'):
            raise TypeError(f"lazy_property cannot wrap the mangled name {fget.__name__}")
        self.compute = fget
        self.__doc__ = fget.__doc__
        self.__name__ = fget.__name__

    @property
    def fget(self) -> Callable[[Any], T]:
        return self.compute

    def __get__(self, obj: Any, cls: type | None = None) -> Any:
        if obj is None:
            return self
        result = obj.__dict__[self.__name__] = self.compute(obj)
        return result

    @staticmethod
    def reset_all(obj: Any) -> None:
        """Forget the values of all lazy properties of ``obj``."""
        reset_cached_properties(obj)


def reset_cached_properties(obj: Any) -> None:
    """Drop the values stored by the ``lazy_property`` descriptors of ``obj``."""
    obj_dict = getattr(obj, '__dict__', {})
    for name in list(obj_dict):
        if isinstance(getattr(type(obj), name, None), lazy_property):
            del obj_dict[name]


def conditional(condition: Any, decorator: Callable) -> Callable:
    """Apply ``decorator`` only when ``condition`` is true."""
    if condition:
        return decorator
    return lambda fn: fn


class classproperty(typing.Generic[T]):
    """A read-only property of the class itself."""

    def __init__(self, fget: Callable[[Any], T]) -> None:
        self.getter = fget
        self.__doc__ = fget.__doc__

    def __get__(self, cls: Any, owner: type | None = None) -> T:
        return self.getter(owner)


class lazy_classproperty(classproperty[T]):
    """A class property computed once, then stored on the class it was read from."""

    def __get__(self, cls: Any, owner: type | None = None) -> T:
        result = self.getter(owner)
        setattr(owner, self.getter.__name__, result)
        return result


def frame_codeinfo(fframe: Any, back: int = 0) -> tuple[str, int | str]:
    """``(filename, line number)`` of the frame ``back`` levels above ``fframe``."""
    try:
        if not fframe:
            return "<unknown>", ''
        for _ in range(back):
            fframe = fframe.f_back
        try:
            fname = getsourcefile(fframe)
        except TypeError:
            fname = '<builtin>'
        return fname or '<unknown>', fframe.f_lineno
    except Exception:  # noqa: BLE001 - diagnostics must never raise
        return "<unknown>", ''


class lazy:
    """A value computed by ``func(*args, **kwargs)`` on first use, then proxied.

    Used by ``_lt``: the translation happens when the string is rendered.
    """
    __slots__ = ['_pending', '_result']

    def __init__(self, func: Callable, *args: Any, **kwargs: Any) -> None:
        object.__setattr__(self, '_pending', functools.partial(func, *args, **kwargs))

    @property
    def _value(self) -> Any:
        pending = object.__getattribute__(self, '_pending')
        if pending is not None:
            object.__setattr__(self, '_result', pending())
            object.__setattr__(self, '_pending', None)
        return object.__getattribute__(self, '_result')

    def __getattr__(self, name: str) -> Any:
        return getattr(self._value, name)

    def __setattr__(self, name: str, value: Any) -> None:
        return setattr(self._value, name, value)

    def __delattr__(self, name: str) -> None:
        return delattr(self._value, name)

    def __repr__(self) -> str:
        if object.__getattribute__(self, '_pending') is None:
            return repr(self._value)
        return f"<lazy {object.__getattribute__(self, '_pending').func!r}>"

    def __str__(self) -> str: return str(self._value)
    def __bytes__(self) -> bytes: return bytes(self._value)
    def __format__(self, spec: str) -> str: return format(self._value, spec)
    def __lt__(self, other: Any) -> bool: return other > self._value
    def __le__(self, other: Any) -> bool: return other >= self._value
    def __eq__(self, other: Any) -> bool: return other == self._value
    def __ne__(self, other: Any) -> bool: return other != self._value
    def __gt__(self, other: Any) -> bool: return other < self._value
    def __ge__(self, other: Any) -> bool: return other <= self._value
    def __hash__(self) -> int: return hash(self._value)
    def __bool__(self) -> bool: return bool(self._value)
    def __call__(self, *args: Any, **kwargs: Any) -> Any: return self._value(*args, **kwargs)
    def __len__(self) -> int: return len(self._value)
    def __getitem__(self, key: Any) -> Any: return self._value[key]
    def __iter__(self): return iter(self._value)
    def __contains__(self, key: Any) -> bool: return key in self._value
    def __add__(self, other: Any) -> Any: return self._value + other
    def __radd__(self, other: Any) -> Any: return other + self._value
    def __mod__(self, other: Any) -> Any: return self._value % other
    def __mul__(self, other: Any) -> Any: return self._value * other

