"""Legacy ``odoo.osv`` package: addons import ``odoo.osv.expression`` from here."""

from __future__ import annotations

from . import expression as expression
