"""The ``odoo-bin`` command line: ``server`` (default), ``shell``, ``help``."""
from __future__ import annotations

from . import server, shell
from .command import Command, main

__all__ = ['Command', 'main']
