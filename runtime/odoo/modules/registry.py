"""Facade: the registry of models lives in ``odoo.orm.registry``."""
from __future__ import annotations

from odoo.orm.registry import Registry as Registry
