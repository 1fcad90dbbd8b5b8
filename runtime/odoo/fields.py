"""Facade ``odoo.fields``: the field types addons declare."""
from __future__ import annotations

from .orm.commands import Command as Command  # noqa: F401
from .orm.environments import NewId as NewId  # noqa: F401
from .orm.fields import Default as Default, Field as Field, first as first  # noqa: F401
from .orm.fields_binary import Binary as Binary, Image as Image  # noqa: F401
from .orm.fields_misc import Boolean as Boolean, Id as Id, Json as Json  # noqa: F401
from .orm.fields_numeric import Float as Float, Integer as Integer, Monetary as Monetary  # noqa: F401
from .orm.fields_relational import (  # noqa: F401
    Many2many as Many2many,
    Many2one as Many2one,
    One2many as One2many,
    _Relational as _Relational,
    _RelationalMulti as _RelationalMulti,
)
from .orm.fields_selection import Many2oneReference as Many2oneReference, Reference as Reference, Selection as Selection  # noqa: F401,E501
from .orm.fields_temporal import Date as Date, Datetime as Datetime  # noqa: F401
from .orm.fields_textual import Char as Char, Html as Html, Text as Text, _String as _String  # noqa: F401
