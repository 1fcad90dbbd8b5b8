"""The ``server`` command: read the configuration, create and initialise the databases
named by ``-d``, then run the server (or stop, with ``--stop-after-init``)."""
from __future__ import annotations

import logging
import os
import sys

import psycopg2

from .. import release
from ..service import db as db_service
from ..service import embedded_pg
from ..service import server as server_service
from ..tools.config import config
from .command import Command

_logger = logging.getLogger('odoo')


def check_root_user() -> None:
    if os.name == 'posix' and os.getuid() == 0:
        sys.stderr.write("Running as user 'root' is a security risk.\n")


def check_postgres_user() -> None:
    """Refuse to run as the PostgreSQL superuser ``postgres``, as Odoo does."""
    if (config['db_user'] or os.environ.get('PGUSER')) == 'postgres':
        sys.stderr.write("Using the database user 'postgres' is a security risk, aborting.\n")
        sys.exit(1)


def report_configuration() -> None:
    """Log the version, configuration file, addons path and database server."""
    _logger.info("Odoo version %s (Tianchi runtime)", release.version)
    if config.rcfile:
        _logger.info("Using configuration file at %s", config.rcfile)
    _logger.info("addons paths: %s", config['addons_path'].split(','))
    if config['db_host']:
        _logger.info("database: %s@%s:%s", config['db_user'] or 'default', config['db_host'],
                     config['db_port'] or 'default')
    else:
        params = embedded_pg.connection_params()
        _logger.info("database: embedded PostgreSQL under %s (socket %s, port %s)",
                     embedded_pg.default_cluster().base_dir, params['host'], params['port'])


def create_missing_databases(names: list[str]) -> None:
    """Create each database of ``-d`` that does not exist yet; a new one gets ``base``."""
    for name in names:
        try:
            db_service._create_empty_database(name)
        except db_service.DatabaseExists:
            continue
        _logger.info("created database %s", name)
        config['init']['base'] = True


def export_translation(dbname: str) -> None:
    """``--i18n-export FILE [-l LANG] --modules M1,M2 -d DB``: write the modules' terms
    (and their LANG translations; none for a ``.pot``) to FILE."""
    from ..modules.registry import Registry
    from ..tools.translate_export import export_to_file
    registry = Registry.new(dbname)
    with registry.cursor() as cr:
        export_to_file(cr, config['translate_out'], config['language'], config['translate_modules'])
    _logger.info("translation file written: %s", config['translate_out'])


def import_translation(dbname: str) -> None:
    """``--i18n-import FILE -l LANG -d DB``: load a PO file's model translations into DB."""
    from ..modules.registry import Registry
    from ..tools.translate import TranslationImporter
    if not config['language']:
        sys.exit("--i18n-import needs the language of the file: add -l <code>, e.g. -l zh_CN")
    registry = Registry.new(dbname)
    with registry.cursor() as cr:
        importer = TranslationImporter(cr)
        importer.load_file(config['translate_in'], config['language'])
        importer.save(overwrite=config['overwrite_existing_translations'])


def main(args: list[str]) -> None:
    check_root_user()
    config.parse_config(args, setup_logging=True)
    check_postgres_user()
    try:
        report_configuration()
        preload = [name.strip() for name in (config['db_name'] or '').split(',') if name.strip()]
        if (config['init'] or config['update']) and not preload:
            sys.exit("-i/--init and -u/--update require a database: add -d <name>")
        create_missing_databases(preload)
    except embedded_pg.EmbeddedPostgresError as exc:
        _logger.critical("%s", exc)
        sys.exit(1)
    except ValueError as exc:       # an invalid database name given with -d
        sys.exit(f"odoo-bin: {exc}")
    except psycopg2.OperationalError as exc:
        where = f"{config['db_host']}:{config['db_port'] or 5432}" if config['db_host'] else 'the embedded cluster'
        sys.exit(f"odoo-bin: cannot connect to PostgreSQL at {where} as {config['db_user'] or 'the default user'}: "
                 f"{str(exc).strip()}")
    if config['translate_out']:
        if len(preload) != 1:
            sys.exit("--i18n-export needs exactly one database: add -d <name>")
        export_translation(preload[0])
        sys.exit(0)
    if config['translate_in']:
        if len(preload) != 1:
            sys.exit("--i18n-import needs exactly one database: add -d <name>")
        import_translation(preload[0])
        sys.exit(0)
    rc = server_service.start(preload=preload, stop=config['stop_after_init'])
    sys.exit(rc)


class Server(Command):
    """Start the odoo server (default command)"""

    def run(self, args: list[str]) -> None:
        main(args)
