"""Facade: Odoo 18's ``odoo.osv.expression`` names, implemented in ``odoo.orm.domains``."""

from __future__ import annotations

from ..orm.domains import (
    AND as AND,
)
from ..orm.domains import (
    AND_OPERATOR as AND_OPERATOR,
)
from ..orm.domains import (
    ANY_IN as ANY_IN,
)
from ..orm.domains import (
    DOMAIN_OPERATORS as DOMAIN_OPERATORS,
)
from ..orm.domains import (
    DOMAIN_OPERATORS_NEGATION as DOMAIN_OPERATORS_NEGATION,
)
from ..orm.domains import (
    FALSE_DOMAIN as FALSE_DOMAIN,
)
from ..orm.domains import (
    FALSE_LEAF as FALSE_LEAF,
)
from ..orm.domains import (
    NEGATIVE_TERM_OPERATORS as NEGATIVE_TERM_OPERATORS,
)
from ..orm.domains import (
    NOT_OPERATOR as NOT_OPERATOR,
)
from ..orm.domains import (
    OR as OR,
)
from ..orm.domains import (
    OR_OPERATOR as OR_OPERATOR,
)
from ..orm.domains import (
    SQL_OPERATORS as SQL_OPERATORS,
)
from ..orm.domains import (
    TERM_OPERATORS as TERM_OPERATORS,
)
from ..orm.domains import (
    TERM_OPERATORS_NEGATION as TERM_OPERATORS_NEGATION,
)
from ..orm.domains import (
    TRUE_DOMAIN as TRUE_DOMAIN,
)
from ..orm.domains import (
    TRUE_LEAF as TRUE_LEAF,
)
from ..orm.domains import (
    WILDCARD_OPERATORS as WILDCARD_OPERATORS,
)
from ..orm.domains import (
    check_leaf as check_leaf,
)
from ..orm.domains import (
    combine as combine,
)
from ..orm.domains import (
    distribute_not as distribute_not,
)
from ..orm.domains import (
    domain_combine_anies as domain_combine_anies,
)
from ..orm.domains import (
    expression as expression,
)
from ..orm.domains import (
    is_boolean as is_boolean,
)
from ..orm.domains import (
    is_false as is_false,
)
from ..orm.domains import (
    is_leaf as is_leaf,
)
from ..orm.domains import (
    is_operator as is_operator,
)
from ..orm.domains import (
    normalize_domain as normalize_domain,
)
from ..orm.domains import (
    normalize_leaf as normalize_leaf,
    prettify_domain as prettify_domain,
)
