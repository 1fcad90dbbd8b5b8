"""The ``shell`` command: a Python console (or a script on stdin) with ``env`` on a database.

Nothing is committed unless the code calls ``env.cr.commit()``, as in Odoo.
"""
from __future__ import annotations

import code
import logging
import os
import sys
from typing import Any

from .. import api
from ..tools.config import config
from .command import Command

_logger = logging.getLogger(__name__)

SUPERUSER_ID = 1


class Shell(Command):
    """Start odoo in an interactive shell"""
    supported_shells = ('ipython', 'ptpython', 'bpython', 'python')

    def console(self, local_vars: dict[str, Any]) -> None:
        if not os.isatty(sys.stdin.fileno()):
            local_vars['__name__'] = '__main__'
            exec(sys.stdin.read(), local_vars)
            return
        if 'env' not in local_vars:
            print('No environment set, use `odoo-bin shell -d dbname` to get one.')
        for name in sorted(local_vars):
            print(f'{name}: {local_vars[name]}')
        preferred = config['shell_interface']
        shells = [preferred] if preferred else []
        shells += [name for name in self.supported_shells if name != preferred]
        for name in shells:
            try:
                getattr(self, name)(local_vars)
                return
            except ImportError:
                continue
            except Exception:
                _logger.warning("Could not start %r shell.", name, exc_info=True)

    def ipython(self, local_vars: dict[str, Any]) -> None:
        from IPython import start_ipython
        start_ipython(argv=[], user_ns=local_vars)

    def ptpython(self, local_vars: dict[str, Any]) -> None:
        from ptpython.repl import embed
        embed({}, local_vars)

    def bpython(self, local_vars: dict[str, Any]) -> None:
        from bpython import embed
        embed(local_vars)

    def python(self, local_vars: dict[str, Any]) -> None:
        code.InteractiveConsole(locals=local_vars).interact()

    def shell(self, dbname: str | None) -> None:
        import odoo
        local_vars: dict[str, Any] = {'openerp': odoo, 'odoo': odoo}
        if not dbname:
            self.console(local_vars)
            return
        from ..modules.registry import Registry
        from ..service import db as db_service
        if not db_service.exp_db_exist(dbname):
            sys.exit(f"database {dbname!r} does not exist: create it with "
                     f"./odoo-bin -d {dbname} -i base --stop-after-init")
        registry = Registry(dbname)
        with registry.cursor() as cr:
            ctx = api.Environment(cr, SUPERUSER_ID, {})['res.users'].context_get()
            env = api.Environment(cr, SUPERUSER_ID, ctx)
            local_vars['env'] = env
            local_vars['self'] = env.user
            self.console(local_vars)
            cr.rollback()

    def run(self, args: list[str]) -> None:
        config.parse_config(args, setup_logging=True)
        # The shell must not serve HTTP nor run crons.
        config['http_enable'] = False
        config['max_cron_threads'] = 0
        dbnames = [name for name in (config['db_name'] or '').split(',') if name]
        if len(dbnames) > 1:
            sys.exit("-d/--database/db_name has multiple databases, please provide a single one")
        self.shell(dbnames[0] if dbnames else None)
