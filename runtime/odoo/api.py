"""Facade ``odoo.api``: decorators and the ``Environment``."""
from __future__ import annotations

from .orm.decorators import (  # noqa: F401
    attrsetter as attrsetter,
    autovacuum as autovacuum,
    constrains as constrains,
    depends as depends,
    depends_context as depends_context,
    model as model,
    model_create_multi as model_create_multi,
    onchange as onchange,
    ondelete as ondelete,
    private as private,
    propagate as propagate,
    readonly as readonly,
    returns as returns,
)
from .orm.environments import (  # noqa: F401
    SUPERUSER_ID as SUPERUSER_ID,
    Cache as Cache,
    Environment as Environment,
    NewId as NewId,
    Transaction as Transaction,
    frozendict as frozendict,
)
