"""Facade ``odoo.fields``: the field types addons declare."""
from __future__ import annotations

from .orm.commands import Command as Command
from .orm.environments import NewId as NewId
from .orm.fields import Default as Default
from .orm.fields import Field as Field
from .orm.fields import first as first
from .orm.fields_binary import Binary as Binary
from .orm.fields_binary import Image as Image
from .orm.fields_misc import Boolean as Boolean
from .orm.fields_misc import Id as Id
from .orm.fields_misc import Json as Json
from .orm.fields_numeric import Float as Float
from .orm.fields_numeric import Integer as Integer
from .orm.fields_numeric import Monetary as Monetary
from .orm.fields_properties import Properties as Properties
from .orm.fields_properties import PropertiesDefinition as PropertiesDefinition
from .orm.fields_relational import (
    Many2many as Many2many,
)
from .orm.fields_relational import (
    Many2one as Many2one,
)
from .orm.fields_relational import (
    One2many as One2many,
)
from .orm.fields_relational import (
    _Relational as _Relational,
)
from .orm.fields_relational import (
    _RelationalMulti as _RelationalMulti,
)
from .orm.fields_selection import Many2oneReference as Many2oneReference
from .orm.fields_selection import Reference as Reference
from .orm.fields_selection import Selection as Selection
from .orm.fields_temporal import Date as Date
from .orm.fields_temporal import Datetime as Datetime
from .orm.fields_textual import Char as Char
from .orm.fields_textual import Html as Html
from .orm.fields_textual import Text as Text
from .orm.fields_textual import _String as _String
