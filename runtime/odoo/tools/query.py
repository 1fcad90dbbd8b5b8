"""Facade: ``from odoo.tools.query import Query`` as in Odoo 18."""

from __future__ import annotations

from ..orm.query import Query as Query

__all__ = ["Query"]
