"""Facade: Odoo 18's ``odoo.osv.expression`` names, implemented in ``odoo.orm.domains``."""

from __future__ import annotations

from ..orm.domains import (
    AND,
    AND_OPERATOR,
    ANY_IN,
    DOMAIN_OPERATORS,
    DOMAIN_OPERATORS_NEGATION,
    FALSE_DOMAIN,
    FALSE_LEAF,
    NEGATIVE_TERM_OPERATORS,
    NOT_OPERATOR,
    OR,
    OR_OPERATOR,
    SQL_OPERATORS,
    TERM_OPERATORS,
    TERM_OPERATORS_NEGATION,
    TRUE_DOMAIN,
    TRUE_LEAF,
    WILDCARD_OPERATORS,
    check_leaf,
    combine,
    distribute_not,
    domain_combine_anies,
    expression,
    is_boolean,
    is_false,
    is_leaf,
    is_operator,
    normalize_domain,
    normalize_leaf,
    prettify_domain,
)

__all__ = [
    "AND", "AND_OPERATOR", "ANY_IN", "DOMAIN_OPERATORS", "DOMAIN_OPERATORS_NEGATION", "FALSE_DOMAIN",
    "FALSE_LEAF", "NEGATIVE_TERM_OPERATORS", "NOT_OPERATOR", "OR", "OR_OPERATOR", "SQL_OPERATORS",
    "TERM_OPERATORS", "TERM_OPERATORS_NEGATION", "TRUE_DOMAIN", "TRUE_LEAF", "WILDCARD_OPERATORS",
    "check_leaf", "combine", "distribute_not", "domain_combine_anies", "expression", "is_boolean",
    "is_false", "is_leaf", "is_operator", "normalize_domain", "normalize_leaf", "prettify_domain",
]
