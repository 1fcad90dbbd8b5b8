"""Facade ``odoo.api``: decorators and the ``Environment``."""
from __future__ import annotations

from .orm.decorators import (
    attrsetter as attrsetter,
)
from .orm.decorators import (
    autovacuum as autovacuum,
)
from .orm.decorators import (
    constrains as constrains,
)
from .orm.decorators import (
    depends as depends,
)
from .orm.decorators import (
    depends_context as depends_context,
)
from .orm.decorators import (
    model as model,
)
from .orm.decorators import (
    model_create_multi as model_create_multi,
)
from .orm.decorators import (
    onchange as onchange,
)
from .orm.decorators import (
    ondelete as ondelete,
)
from .orm.decorators import (
    private as private,
)
from .orm.decorators import (
    propagate as propagate,
)
from .orm.decorators import (
    readonly as readonly,
)
from .orm.decorators import (
    returns as returns,
)
from .orm.environments import (
    SUPERUSER_ID as SUPERUSER_ID,
)
from .orm.environments import (
    Cache as Cache,
)
from .orm.environments import (
    Environment as Environment,
)
from .orm.environments import (
    NewId as NewId,
)
from .orm.environments import (
    Transaction as Transaction,
)
from .orm.environments import (
    frozendict as frozendict,
)


def call_kw(model, name: str, args, kwargs):
    """Call a model method as RPC clients do (``odoo.service.model.call_kw``)."""
    from .service.model import call_kw as service_call_kw
    return service_call_kw(model, name, args, kwargs)
