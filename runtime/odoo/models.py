"""Facade ``odoo.models``: the model base classes and their helpers."""
from __future__ import annotations

from .orm.models import (  # noqa: F401
    LOG_ACCESS_COLUMNS as LOG_ACCESS_COLUMNS,
    MAGIC_COLUMNS as MAGIC_COLUMNS,
    PREFETCH_MAX as PREFETCH_MAX,
    AbstractModel as AbstractModel,
    BaseModel as BaseModel,
    MetaModel as MetaModel,
    Model as Model,
    TransientModel as TransientModel,
    check_pg_name as check_pg_name,
    is_definition_class as is_definition_class,
)
from .orm.models_misc import check_company_domain_parent_of as check_company_domain_parent_of  # noqa: F401
from .orm.environments import NewId as NewId  # noqa: F401
