"""Container types of ``odoo.tools.misc``: immutable and hashable dicts
(contexts), ordered sets, stacked mappings, the cursor's callback queues, a
few small adapters (reverse sort keys, constant and read-only mappings) and
the ``SENTINEL`` marker for "argument not given".
"""
from __future__ import annotations

import enum
import typing
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, MutableMapping, MutableSet

K = typing.TypeVar('K')
T = typing.TypeVar('T')


class Sentinel(enum.Enum):
    """Type of ``SENTINEL``: "no value given", where None and False are values."""
    SENTINEL = -1


SENTINEL = Sentinel.SENTINEL


def freehash(arg: typing.Any) -> int:
    """``hash(arg)``, also for unhashable values: mappings and iterables hash
    by their content, anything else by identity."""
    try:
        return hash(arg)
    except TypeError:
        pass
    if isinstance(arg, Mapping):
        return hash(frozendict(arg))
    if isinstance(arg, Iterable):
        return hash(frozenset(map(freehash, arg)))
    return id(arg)


class frozendict(dict[K, T], typing.Generic[K, T]):
    """A dict that cannot change after creation, hence hashable (contexts)."""
    __slots__ = ()

    def _refuse(self, *_args, **_kwargs):
        raise NotImplementedError(f"a {type(self).__name__} cannot be modified")

    __setitem__ = __delitem__ = __ior__ = _refuse  # type: ignore[assignment]
    clear = pop = popitem = setdefault = update = _refuse  # type: ignore[assignment]

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(frozenset((key, freehash(value)) for key, value in dict.items(self)))


class Collector(dict[K, tuple[T, ...]], typing.Generic[K, T]):
    """``{key: tuple of distinct values}``; a missing key reads as ``()`` and
    assigning an empty collection removes the key."""
    __slots__ = ()

    def __getitem__(self, key: K) -> tuple[T, ...]:
        return dict.get(self, key, ())

    def __setitem__(self, key: K, values: Iterable[T]) -> None:
        values = tuple(values)
        if not values:
            dict.pop(self, key, None)
        else:
            dict.__setitem__(self, key, values)

    def add(self, key: K, value: T) -> None:
        current = self[key]
        if value not in current:
            self[key] = (*current, value)

    def discard_keys_and_values(self, excludes: Collection) -> None:
        """Forget the keys in ``excludes`` and the values in ``excludes``."""
        for key in excludes:
            dict.pop(self, key, None)
        for key in list(self):
            self[key] = [value for value in self[key] if value not in excludes]


class StackMap(MutableMapping[K, T], typing.Generic[K, T]):
    """Mappings stacked on each other: reading finds the topmost mapping
    holding the key; writing and deleting act on the top one only."""
    __slots__ = ['_layers']

    def __init__(self, m: MutableMapping[K, T] | None = None) -> None:
        self._layers: list[MutableMapping[K, T]] = [m] if m is not None else []

    def __getitem__(self, key: K) -> T:
        for layer in self._layers[::-1]:
            if key in layer:
                return layer[key]
        raise KeyError(key)

    def __setitem__(self, key: K, val: T) -> None:
        self._layers[-1][key] = val

    def __delitem__(self, key: K) -> None:
        del self._layers[-1][key]

    def __iter__(self) -> Iterator[K]:
        keys: set = set()
        for layer in self._layers:
            keys.update(layer)
        return iter(keys)

    def __len__(self) -> int:
        return len(set(self))

    def __str__(self) -> str:
        return f"<StackMap of {len(self._layers)} layers: {self._layers}>"

    def pushmap(self, m: MutableMapping[K, T] | None = None) -> None:
        self._layers.append(m if m is not None else {})

    def popmap(self) -> MutableMapping[K, T]:
        return self._layers.pop()


class OrderedSet(MutableSet[T], typing.Generic[T]):
    """A set remembering the order elements were first added in."""
    __slots__ = ['_members']

    def __init__(self, elems: Iterable[T] = ()) -> None:
        # dict keys keep insertion order and give O(1) membership
        self._members: dict[T, None] = {elem: None for elem in elems}

    def __contains__(self, elem: object) -> bool:
        return elem in self._members

    def __iter__(self) -> Iterator[T]:
        return iter(self._members)

    def __len__(self) -> int:
        return len(self._members)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({[*self._members]!r})"

    def add(self, elem: T) -> None:
        self._members.setdefault(elem, None)

    def discard(self, elem: T) -> None:
        self._members.pop(elem, None)

    def update(self, elems: Iterable[T]) -> None:
        for elem in elems:
            self._members.setdefault(elem, None)

    def difference_update(self, elems: Iterable[T]) -> None:
        for elem in elems:
            self._members.pop(elem, None)

    def intersection(self, *others: Iterable[T]) -> OrderedSet[T]:
        common = self
        for other in others:
            common = common & other
        return common


class LastOrderedSet(OrderedSet[T], typing.Generic[T]):
    """An ordered set in which adding an element again moves it last."""

    def add(self, elem: T) -> None:
        self._members.pop(elem, None)
        self._members[elem] = None


class Callbacks:
    """Functions queued to run once, in order, when ``run()`` is called
    (including those queued while running); ``data`` is a scratch dict the
    callbacks share, emptied afterwards. Cursors keep four of these:
    ``precommit``, ``postcommit``, ``prerollback`` and ``postrollback``."""
    __slots__ = ['_queue', 'data']

    def __init__(self) -> None:
        self._queue: deque[Callable[[], typing.Any]] = deque()
        self.data: dict = {}

    def add(self, func: Callable) -> Callable:
        """Queue ``func``; returns it, so it can decorate a local function."""
        self._queue.append(func)
        return func

    def run(self) -> None:
        queue = self._queue
        while queue:
            queue.popleft()()
        self.clear()

    def clear(self) -> None:
        self._queue.clear()
        self.data.clear()


class ReversedIterable(typing.Generic[T]):
    """A view iterating a reversible collection from its end."""
    __slots__ = ['iterable']

    def __init__(self, iterable: typing.Reversible[T]) -> None:
        self.iterable = iterable

    def __iter__(self) -> Iterator[T]:
        return reversed(self.iterable)

    def __reversed__(self) -> Iterator[T]:
        return iter(self.iterable)


class Reverse:
    """Inverts the ordering of the wrapped value, for descending parts of a
    sort key (``key=lambda r: (r.a, Reverse(r.b))``)."""
    __slots__ = ['val']

    def __init__(self, val: typing.Any) -> None:
        self.val = val

    def __eq__(self, other: typing.Any) -> bool:
        return other.val == self.val

    def __ne__(self, other: typing.Any) -> bool:
        return other.val != self.val

    def __lt__(self, other: typing.Any) -> bool:
        return other.val < self.val

    def __le__(self, other: typing.Any) -> bool:
        return other.val <= self.val

    def __gt__(self, other: typing.Any) -> bool:
        return other.val > self.val

    def __ge__(self, other: typing.Any) -> bool:
        return other.val >= self.val

    __hash__ = None  # type: ignore[assignment]


class ConstantMapping(Mapping[typing.Any, T], typing.Generic[T]):
    """Maps every key to one value; iterates as an empty mapping."""
    __slots__ = ['_constant']

    def __init__(self, val: T) -> None:
        self._constant = val

    def __getitem__(self, item: typing.Any) -> T:
        return self._constant

    def __iter__(self) -> Iterator:
        yield from ()

    def __len__(self) -> int:
        return 0


class ReadonlyDict(Mapping[K, T], typing.Generic[K, T]):
    """A snapshot of a mapping that offers reading only."""

    def __init__(self, data: Mapping[K, T]) -> None:
        self.__snapshot = dict(data)

    def __getitem__(self, key: K) -> T:
        return self.__snapshot[key]

    def __contains__(self, key: object) -> bool:
        return key in self.__snapshot

    def __iter__(self) -> Iterator[K]:
        return iter(self.__snapshot)

    def __len__(self) -> int:
        return len(self.__snapshot)


class DotDict(dict):
    """A dict also read through attributes; nested dicts are wrapped the
    same way and absent keys read as None."""

    def __getattr__(self, attrib: str) -> typing.Any:
        found = self.get(attrib)
        if isinstance(found, dict):
            return DotDict(found)
        return found
