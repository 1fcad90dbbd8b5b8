"""The HTTP layer of the runtime, one concept per module; ``odoo.http`` is
its public facade."""
