"""Database management: create, duplicate, drop, list and test databases (Odoo 18 names).

Database names are quoted as identifiers by PostgreSQL itself, never
formatted into SQL; ``CREATE``/``DROP DATABASE`` run outside a transaction.
"""
from __future__ import annotations

import logging
import os
import re
import shutil
from contextlib import closing

from psycopg2.extensions import quote_ident

from .. import sql_db
from ..exceptions import AccessDenied
from ..tools.config import config
from ..tools.sql import SQL

_logger = logging.getLogger(__name__)

# Letters, digits, '_', '-' and '.', as Odoo's database manager accepts.
DB_NAME_RE = re.compile(r'^[a-zA-Z0-9][a-zA-Z0-9_.-]*$')


class DatabaseExists(Warning):
    """The database to create already exists."""


def database_identifier(cr: sql_db.Cursor, name: str) -> SQL:
    """``name`` quoted as a database identifier (any name PostgreSQL accepts)."""
    return SQL(quote_ident(name, cr._cnx))


def check_db_name(name: str) -> None:
    """Refuse names the database manager would not accept, naming the culprit."""
    if not name or len(name) > 63 or not DB_NAME_RE.match(name):
        raise ValueError(f"invalid database name {name!r}: use up to 63 letters, digits, '_', '-' or '.'")


def _create_empty_database(name: str) -> None:
    """Create database ``name`` (UTF8, from ``db_template``); ``DatabaseExists`` if present."""
    check_db_name(name)
    with closing(sql_db.db_connect('postgres').cursor()) as cr:
        template = config['db_template']
        cr.execute("SELECT datname FROM pg_database WHERE datname = %s", (name,), log_exceptions=False)
        if cr.fetchall():
            raise DatabaseExists(f"database {name!r} already exists!")
        cr.rollback()
        cr._cnx.autocommit = True
        # 'C' collation is only safe from template0, and gives the most useful indexes.
        cr.execute(SQL(
            "CREATE DATABASE %s ENCODING 'unicode' %s TEMPLATE %s",
            database_identifier(cr, name),
            SQL("LC_COLLATE 'C'") if template == 'template0' else SQL(""),
            database_identifier(cr, template),
        ))
    with closing(sql_db.db_connect(name).cursor()) as cr:
        _prepare_new_database(cr, name)
        cr.commit()


def _prepare_new_database(cr: sql_db.Cursor, name: str) -> None:
    """Extensions (trigram indexes always, unaccent when configured) and the
    schema rights Odoo expects in a fresh database."""
    with_unaccent = bool(config['unaccent'])
    extensions = ['pg_trgm', 'unaccent'] if with_unaccent else ['pg_trgm']
    for extension in extensions:
        try:
            with cr.savepoint(flush=False):
                cr.execute(SQL("CREATE EXTENSION IF NOT EXISTS %s", SQL.identifier(extension)))
        except Exception as exc:  # noqa: BLE001 - extensions are optional
            _logger.warning("database %s: PostgreSQL extension %s is not available (%s)", name, extension, exc)
    if with_unaccent:
        # indexes may only use immutable functions
        with cr.savepoint(flush=False):
            cr.execute(SQL("ALTER FUNCTION unaccent(text) IMMUTABLE"))
    # since PostgreSQL 15 only the owner may create in schema public
    cr.execute(SQL("GRANT CREATE ON SCHEMA public TO PUBLIC"))


def _initialize_db(db_name: str, demo: bool, lang: str | None, user_password: str = 'admin',
                   login: str = 'admin', country_code: str | None = None, phone: str | None = None) -> None:
    """Install ``base`` (and demo data when ``demo``) into the empty ``db_name``, then set
    the admin's login, password and language."""
    from .. import api
    from ..modules.registry import Registry
    config['load_language'] = lang
    registry = Registry.new(db_name, demo, None, update_module=True)
    with closing(registry.cursor()) as cursor:
        env = api.Environment(cursor, 1, {})
        if lang:
            env['ir.module.module'].search([('state', '=', 'installed')])._update_translations(lang)
        company = env['res.company'].browse(1)
        if country_code:
            country = env['res.country'].search([('code', 'ilike', country_code)], limit=1)
            if country:
                company.write({'country_id': country.id, 'currency_id': country.currency_id.id})
        if phone:
            company.write({'phone': phone})
        if '@' in login:
            company.write({'email': login})
        admin_values = {'login': login, 'password': user_password, 'lang': lang or 'en_US'}
        if '@' in login:
            admin_values['email'] = login
        admin = env.ref('base.user_admin')
        admin.write(admin_values)
        cursor.commit()


def exp_create_database(db_name: str, demo: bool, lang: str | None, user_password: str = 'admin',
                        login: str = 'admin', country_code: str | None = None, phone: str | None = None) -> bool:
    """Create ``db_name`` and install ``base`` in it."""
    _logger.info("creating database %s", db_name)
    _create_empty_database(db_name)
    _initialize_db(db_name, demo, lang, user_password, login, country_code, phone)
    return True


def _drop_conn(cr: sql_db.Cursor, db_name: str) -> None:
    """Terminate the other sessions on ``db_name`` so that it can be dropped or copied."""
    cr.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
               "WHERE datname = %s AND pid != pg_backend_pid()", (db_name,))


def exp_duplicate_database(db_original_name: str, db_name: str, neutralize_database: bool = False) -> bool:
    """Copy ``db_original_name`` (and its filestore) to ``db_name``."""
    check_db_name(db_name)
    _logger.info("copying database %s to %s", db_original_name, db_name)
    sql_db.close_db(db_original_name)
    with closing(sql_db.db_connect('postgres').cursor()) as cr:
        cr._cnx.autocommit = True
        _drop_conn(cr, db_original_name)
        cr.execute(SQL("CREATE DATABASE %s ENCODING 'unicode' TEMPLATE %s",
                       database_identifier(cr, db_name), database_identifier(cr, db_original_name)))
    source_files, copied_files = config.filestore(db_original_name), config.filestore(db_name)
    if os.path.isdir(source_files) and not os.path.exists(copied_files):
        shutil.copytree(source_files, copied_files)
    return True


def exp_drop(db_name: str) -> bool:
    """Drop ``db_name`` and its filestore; False if it does not exist."""
    if db_name not in list_dbs(True):
        return False
    try:
        from ..modules.registry import Registry
        Registry.delete(db_name)
    except ImportError:
        pass
    sql_db.close_db(db_name)
    with closing(sql_db.db_connect('postgres').cursor()) as cr:
        cr._cnx.autocommit = True
        _drop_conn(cr, db_name)
        drop = SQL("DROP DATABASE %s", database_identifier(cr, db_name))
        try:
            cr.execute(drop)
        except Exception as exc:
            _logger.info("dropping database %s failed: %s", db_name, exc)
            raise Exception(f"database {db_name} could not be dropped: {exc}") from exc
        _logger.info("database %s dropped", db_name)
    filestore = config.filestore(db_name)
    if os.path.exists(filestore):
        shutil.rmtree(filestore)
    return True


def exp_db_exist(db_name: str) -> bool:
    """Whether a connection to ``db_name`` can be opened."""
    try:
        with closing(sql_db.db_connect(db_name).cursor()):
            return True
    except Exception:  # noqa: BLE001 - any failure means "not usable"
        return False


def list_dbs(force: bool = False) -> list[str]:
    """Databases owned by the configured user (or those of ``-d`` without ``--db-filter``)."""
    if not config['list_db'] and not force:
        raise AccessDenied()
    if not config['dbfilter'] and config['db_name'] and not force:
        return sorted(name.strip() for name in config['db_name'].split(','))
    templates = tuple({'postgres', config['db_template']})
    with closing(sql_db.db_connect('postgres').cursor()) as cr:
        cr.execute("SELECT datname FROM pg_database "
                   "WHERE datdba = (SELECT usesysid FROM pg_user WHERE usename = current_user) "
                   "AND NOT datistemplate AND datallowconn AND datname NOT IN %s ORDER BY datname",
                   (templates,))
        return [row[0] for row in cr.fetchall()]


def exp_list(document: bool = False) -> list[str]:
    if not config['list_db']:
        raise AccessDenied()
    return list_dbs()


def exp_server_version() -> str:
    from .. import release
    return release.version
