"""Facade: Odoo 18's ``odoo.osv.expression`` names, implemented in ``odoo.orm.domains``."""

from __future__ import annotations

from ..orm.domains import (
    AND as AND,
    AND_OPERATOR as AND_OPERATOR,
    ANY_IN as ANY_IN,
    DOMAIN_OPERATORS as DOMAIN_OPERATORS,
    DOMAIN_OPERATORS_NEGATION as DOMAIN_OPERATORS_NEGATION,
    FALSE_DOMAIN as FALSE_DOMAIN,
    FALSE_LEAF as FALSE_LEAF,
    NEGATIVE_TERM_OPERATORS as NEGATIVE_TERM_OPERATORS,
    NOT_OPERATOR as NOT_OPERATOR,
    OR as OR,
    OR_OPERATOR as OR_OPERATOR,
    SQL_OPERATORS as SQL_OPERATORS,
    TERM_OPERATORS as TERM_OPERATORS,
    TERM_OPERATORS_NEGATION as TERM_OPERATORS_NEGATION,
    TRUE_DOMAIN as TRUE_DOMAIN,
    TRUE_LEAF as TRUE_LEAF,
    WILDCARD_OPERATORS as WILDCARD_OPERATORS,
    check_leaf as check_leaf,
    combine as combine,
    distribute_not as distribute_not,
    domain_combine_anies as domain_combine_anies,
    expression as expression,
    is_boolean as is_boolean,
    is_false as is_false,
    is_leaf as is_leaf,
    is_operator as is_operator,
    normalize_domain as normalize_domain,
    normalize_leaf as normalize_leaf,
)
