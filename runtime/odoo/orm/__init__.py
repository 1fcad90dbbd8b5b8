"""The ORM of the runtime, one concept per module; addons reach it through
the facades ``odoo.api``, ``odoo.fields`` and ``odoo.models``."""
