"""Facade ``odoo.models``: the model base classes and their helpers."""
from __future__ import annotations

from .orm.environments import NewId as NewId
from .orm.models import (
    LOG_ACCESS_COLUMNS as LOG_ACCESS_COLUMNS,
)
from .orm.models import (
    MAGIC_COLUMNS as MAGIC_COLUMNS,
)
from .orm.models import (
    PREFETCH_MAX as PREFETCH_MAX,
)
from .orm.models import (
    AbstractModel as AbstractModel,
)
from .orm.models import (
    BaseModel as BaseModel,
)
from .orm.models import (
    MetaModel as MetaModel,
)
from .orm.models import (
    Model as Model,
)
from .orm.models import (
    TransientModel as TransientModel,
)
from .orm.models import (
    check_pg_name as check_pg_name,
)
from .orm.models import (
    is_definition_class as is_definition_class,
)
from .orm.models_crud import MODULE_UNINSTALL_FLAG as MODULE_UNINSTALL_FLAG
from .orm.models_misc import (
    check_companies_domain_parent_of as check_companies_domain_parent_of,
)
from .orm.models_misc import (
    check_company_domain_parent_of as check_company_domain_parent_of,
)
