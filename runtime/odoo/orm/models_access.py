"""``AccessMixin``: the access checks of recordsets (model rights through
``ir.model.access``, record rules through ``ir.rule``, field ``groups``);
all of them pass in superuser mode and when ``base`` is not loaded."""
from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from ..exceptions import AccessError


class AccessMixin:
    """Odoo 18's ``check_access`` / ``has_access`` / ``_filtered_access`` / ``_check_access``."""

    def check_access(self, operation: str) -> None:
        """Raise ``AccessError`` unless the user may do ``operation`` on ``self``."""
        if not self.env.su:
            result = self._check_access(operation)
            if result:
                raise result[1]()

    def has_access(self, operation: str) -> bool:
        if self.env.su:
            return True
        return self._check_access(operation) is None

    def _filtered_access(self, operation: str):
        if self and not self.env.su:
            result = self._check_access(operation)
            if result:
                return self - result[0]
        return self

    def _check_access(self, operation: str) -> tuple[Any, Callable] | None:
        """None when allowed, else ``(forbidden records, error factory)``."""
        env = self.env
        if env.su or 'ir.model.access' not in env:
            return None
        acl = env['ir.model.access']
        model_allowed = acl.check(self._name, operation, raise_exception=False)
        if not model_allowed:
            # the error is built only if the caller raises it
            return self, functools.partial(acl._make_access_error, self._name, operation)
        if not any(self._ids) or 'ir.rule' not in env:
            return None
        # as Odoo: the rules are evaluated on the records themselves (also just
        # created ones, whose values may not be flushed yet)
        rules = env['ir.rule']
        rule_domain = rules._compute_domain(self._name, operation)
        if not rule_domain:
            return None
        forbidden = self - self.sudo().filtered_domain(rule_domain)
        if forbidden:
            return forbidden, functools.partial(rules._make_access_error, operation, forbidden)
        return None

    # field groups --------------------------------------------------------

    def _has_field_access(self, field, operation: str) -> bool:
        if not field.groups or self.env.su:
            return True
        user = self.env.user
        if hasattr(user, 'has_groups'):
            return user.has_groups(field.groups)
        return True

    def _check_field_access(self, field, operation: str) -> None:
        if not self._has_field_access(field, operation):
            description = self.env['ir.model']._get(self._name).name if 'ir.model' in self.env \
                and hasattr(self.env['ir.model'], '_get') else self._name
            raise AccessError(
                f"You do not have enough rights to access the field \"{field.name}\" on {description} "
                f"({self._name}). Please contact your system administrator.\n\n"
                f"Operation: {operation}, User: {self.env.uid}, Groups: {field.groups}")

    def check_field_access_rights(self, operation: str, field_names: list | None) -> list:
        """The readable/writable field names (all when None), or AccessError."""
        if field_names is None:
            return [name for name, field in self._fields.items() if self._has_field_access(field, operation)]
        for name in field_names:
            field = self._fields.get(name)
            if field is None:
                raise ValueError(f"{self._name} has no field {name!r} ({operation} access asked)")
            self._check_field_access(field, operation)
        return list(field_names)
