"""The daily clean-up (ir.autovacuum): runs every ``@api.autovacuum``
method of every model, and the vacuum of transient models."""
from __future__ import annotations

import inspect
import logging

from odoo import _, models
from odoo.exceptions import AccessDenied

_logger = logging.getLogger(__name__)


def _is_autovacuum(member) -> bool:
    return callable(member) and getattr(member, '_autovacuum', False)


class AutoVacuum(models.AbstractModel):
    """ Entry point of the ``base.autovacuum_job`` scheduled action. """
    _name = 'ir.autovacuum'
    _description = 'Automatic Vacuum'

    def _run_vacuum_cleaner(self) -> None:
        """ Call each clean-up method in its own transaction, so one failure
        neither stops nor undoes the others. """
        if not self.env.is_admin():
            raise AccessDenied(_("Only administrators may run the database clean-up."))
        for name in list(self.env.registry.models):
            model = self.env[name]
            if model._transient and hasattr(model, '_transient_vacuum'):
                self._run_one(model, '_transient_vacuum', type(model)._transient_vacuum)
            for attr, method in inspect.getmembers(type(model), _is_autovacuum):
                self._run_one(model, attr, method)

    def _run_one(self, model, attr: str, method) -> None:
        _logger.debug('autovacuum: %s.%s()', model._name, attr)
        try:
            method(model)
            self.env.cr.commit()
        except Exception:
            _logger.exception("autovacuum: %s.%s() failed", model._name, attr)
            self.env.cr.rollback()
