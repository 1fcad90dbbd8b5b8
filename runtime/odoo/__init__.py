"""The Odoo-18-compatible runtime of Tianchi, importable as ``odoo``.

Exposes what addons import from ``odoo`` (``api``, ``fields``, ``models``,
``tools``, ``_``, ``_lt``, ``Command``, ``SUPERUSER_ID``, ``registry``) and
makes ``odoo.addons`` a namespace package whose ``__path__`` the module
loader extends with the addons path.
"""
from __future__ import annotations

import sys
import types

# ``odoo.addons.<module>`` must resolve along the addons path: a bare
# package object whose __path__ the module layer fills in.
if 'odoo.addons' not in sys.modules:
    addons = types.ModuleType('odoo.addons', "The addons, found along the configured addons path.")
    addons.__path__ = []
    addons.__package__ = 'odoo.addons'
    sys.modules['odoo.addons'] = addons
else:
    addons = sys.modules['odoo.addons']

SUPERUSER_ID = 1

from . import release  # noqa: E402
from . import tools  # noqa: E402
from . import api  # noqa: E402
from . import fields  # noqa: E402
from . import models  # noqa: E402
from .orm.commands import Command  # noqa: E402
from .tools.translate import _, _lt  # noqa: E402


def registry(database_name: str | None = None):
    """The registry of ``database_name`` (loaded if needed)."""
    from .orm.registry import Registry
    if database_name is None:
        import threading
        database_name = threading.current_thread().dbname
    return Registry(database_name)


__all__ = ['SUPERUSER_ID', 'Command', '_', '_lt', 'addons', 'api', 'fields', 'models', 'registry',
           'release', 'tools']
