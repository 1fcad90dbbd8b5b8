"""``Command``: the triplets that describe writes on one2many/many2many fields."""
from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Any


class Command(enum.IntEnum):
    """The x2many write commands, as tuples ``(code, id, values)``."""

    CREATE = 0
    UPDATE = 1
    DELETE = 2
    UNLINK = 3
    LINK = 4
    CLEAR = 5
    SET = 6

    @classmethod
    def create(cls, values: dict) -> tuple:
        return (cls.CREATE, 0, values)

    @classmethod
    def update(cls, id: int, values: dict) -> tuple:
        return (cls.UPDATE, id, values)

    @classmethod
    def delete(cls, id: int) -> tuple:
        return (cls.DELETE, id, 0)

    @classmethod
    def unlink(cls, id: int) -> tuple:
        return (cls.UNLINK, id, 0)

    @classmethod
    def link(cls, id: int) -> tuple:
        return (cls.LINK, id, 0)

    @classmethod
    def clear(cls) -> tuple:
        return (cls.CLEAR, 0, 0)

    @classmethod
    def set(cls, ids: Iterable[Any]) -> tuple:
        return (cls.SET, 0, ids)
