"""Bootstrap of an empty database: the few tables and rows that must exist
before the ORM can load ``base`` (as Odoo's ``base_data.sql`` does), and one
``ir_module_module`` row per addon found on the addons path."""
from __future__ import annotations

import logging
from enum import IntEnum

from psycopg2.extras import Json

from .module import ManifestError, get_manifest, get_modules

_logger = logging.getLogger(__name__)

# Tables the ORM later completes (columns, foreign keys) from the models'
# fields; the columns here carry the names and types of those fields.
_BOOTSTRAP_TABLES = (
    """CREATE TABLE ir_actions (id serial PRIMARY KEY)""",
    """CREATE TABLE ir_act_window (PRIMARY KEY (id)) INHERITS (ir_actions)""",
    """CREATE TABLE ir_act_report_xml (PRIMARY KEY (id)) INHERITS (ir_actions)""",
    """CREATE TABLE ir_act_url (PRIMARY KEY (id)) INHERITS (ir_actions)""",
    """CREATE TABLE ir_act_server (PRIMARY KEY (id)) INHERITS (ir_actions)""",
    """CREATE TABLE ir_act_client (PRIMARY KEY (id)) INHERITS (ir_actions)""",
    # foreign keys to res_company/res_partner come later, once those rows exist
    """CREATE TABLE res_users (
        id serial PRIMARY KEY,
        company_id integer,
        partner_id integer,
        active boolean DEFAULT true,
        create_date timestamp without time zone,
        login varchar(64) NOT NULL UNIQUE,
        password varchar DEFAULT NULL
    )""",
    """CREATE TABLE res_groups (
        id serial PRIMARY KEY,
        name jsonb NOT NULL
    )""",
    """CREATE TABLE ir_module_category (
        id serial PRIMARY KEY,
        create_uid integer,
        create_date timestamp without time zone,
        write_date timestamp without time zone,
        write_uid integer,
        parent_id integer REFERENCES ir_module_category ON DELETE SET NULL,
        name jsonb NOT NULL
    )""",
    """CREATE TABLE ir_module_module (
        id serial PRIMARY KEY,
        create_uid integer,
        create_date timestamp without time zone,
        write_date timestamp without time zone,
        write_uid integer,
        website varchar,
        summary jsonb,
        name varchar NOT NULL,
        author varchar,
        icon varchar,
        state varchar(16),
        latest_version varchar,
        shortdesc jsonb,
        category_id integer REFERENCES ir_module_category ON DELETE SET NULL,
        description jsonb,
        application boolean DEFAULT false,
        demo boolean DEFAULT false,
        web boolean DEFAULT false,
        license varchar(32),
        sequence integer DEFAULT 100,
        auto_install boolean DEFAULT false,
        to_buy boolean DEFAULT false
    )""",
    """CREATE TABLE ir_module_module_dependency (
        id serial PRIMARY KEY,
        name varchar,
        module_id integer REFERENCES ir_module_module ON DELETE CASCADE,
        auto_install_required boolean DEFAULT true
    )""",
    """CREATE TABLE ir_model_data (
        id serial PRIMARY KEY,
        create_uid integer,
        create_date timestamp without time zone DEFAULT (now() AT TIME ZONE 'UTC'),
        write_date timestamp without time zone DEFAULT (now() AT TIME ZONE 'UTC'),
        write_uid integer,
        res_id integer,
        noupdate boolean DEFAULT false,
        name varchar NOT NULL,
        module varchar NOT NULL,
        model varchar NOT NULL
    )""",
    """CREATE TABLE res_currency (
        id serial PRIMARY KEY,
        name varchar NOT NULL,
        symbol varchar NOT NULL
    )""",
    """CREATE TABLE res_company (
        id serial PRIMARY KEY,
        name varchar NOT NULL,
        partner_id integer,
        currency_id integer,
        sequence integer,
        create_date timestamp without time zone
    )""",
    """CREATE TABLE res_partner (
        id serial PRIMARY KEY,
        company_id integer,
        create_date timestamp without time zone,
        name varchar
    )""",
)

# (table, column values, xml id of the row in base): the records every
# database has from the start, with the ids Odoo gives them.
_BOOTSTRAP_ROWS = (
    ('res_currency', {'id': 1, 'name': 'USD', 'symbol': '$'}, ('USD', 'res.currency')),
    ('res_company', {'id': 1, 'name': 'My Company', 'partner_id': 1, 'currency_id': 1},
     ('main_company', 'res.company')),
    ('res_partner', {'id': 1, 'name': 'My Company', 'company_id': 1}, ('main_partner', 'res.partner')),
    ('res_users', {'id': 1, 'login': '__system__', 'password': None, 'active': False,
                   'partner_id': 1, 'company_id': 1}, ('user_root', 'res.users')),
    ('res_groups', {'id': 1, 'name': Json({'en_US': 'Employee'})}, ('group_user', 'res.groups')),
)
_TIMESTAMPED = {'res_company', 'res_partner', 'res_users'}


def is_initialized(cr) -> bool:
    """Whether the database holds the bootstrap tables already."""
    cr.execute("SELECT 1 FROM pg_class WHERE relname = 'ir_module_module' AND relkind IN ('r', 'v', 'p')")
    return bool(cr.fetchone())


def initialize(cr) -> None:
    """Create the bootstrap tables and rows, register every addon of the
    addons path in ``ir_module_module`` ('uninstalled', or 'uninstallable'),
    then mark ``base`` and the modules auto-installed with it 'to install'."""
    for statement in _BOOTSTRAP_TABLES:
        cr.execute(statement)
    for table, values, (xmlid, model) in _BOOTSTRAP_ROWS:
        _insert_row(cr, table, values, timestamp=table in _TIMESTAMPED)
        cr.execute(
            "INSERT INTO ir_model_data (name, module, model, noupdate, res_id) VALUES (%s, 'base', %s, true, %s)",
            [xmlid, model, values['id']],
        )
        # the sequence of a serial column is named after the table
        cr.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), 1)", [table])

    for name in get_modules():
        try:
            register_module(cr, name)
        except ManifestError as e:
            # one unreadable addon must not prevent creating databases
            _logger.error("%s", e)
    cr.execute("UPDATE ir_module_module SET state = 'to install' WHERE name = 'base'")
    mark_auto_install(cr)


def _insert_row(cr, table: str, values: dict, timestamp: bool) -> None:
    # table and column names come from the constants above, never from input
    columns = list(values)
    placeholders = ['%s'] * len(columns)
    if timestamp:
        columns.append('create_date')
        placeholders.append("(now() AT TIME ZONE 'UTC')")
    cr.execute(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(placeholders)})",
        list(values.values()),
    )


def register_module(cr, name: str) -> int | None:
    """Insert the ``ir_module_module`` row (with its dependencies, category
    and ``base.module_<name>`` xml id) of the addon ``name``; return its id."""
    info = get_manifest(name)
    if not info:
        return None
    category_id = create_categories(cr, info['category'].split('/'))
    state = 'uninstalled' if info['installable'] else 'uninstallable'
    cr.execute(
        """INSERT INTO ir_module_module
               (author, website, name, shortdesc, description, category_id, auto_install,
                state, web, license, application, icon, sequence, summary)
           VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
           RETURNING id""",
        [
            info['author'], info['website'], name, Json({'en_US': info['name']}),
            Json({'en_US': info['description']}), category_id, info['auto_install'] is not False,
            state, info['web'], info['license'], info['application'], info['icon'],
            info['sequence'], Json({'en_US': info['summary']}),
        ],
    )
    module_id = cr.fetchone()[0]
    cr.execute(
        "INSERT INTO ir_model_data (name, model, module, res_id, noupdate) "
        "VALUES (%s, 'ir.module.module', 'base', %s, true)",
        ['module_' + name, module_id],
    )
    auto_install = info['auto_install'] or ()
    for dep in info['depends']:
        cr.execute(
            "INSERT INTO ir_module_module_dependency (module_id, name, auto_install_required) "
            "VALUES (%s, %s, %s)",
            [module_id, dep, dep in auto_install],
        )
    return module_id


def mark_auto_install(cr) -> list[str]:
    """Mark 'to install' every auto_install module whose triggering
    dependencies are all installed or to install, with the dependencies it
    still lacks; repeat until stable. Return the newly marked modules."""
    marked: list[str] = []
    while True:
        cr.execute("""
            SELECT m.name FROM ir_module_module m
             WHERE m.auto_install
               AND m.state NOT IN ('to install', 'installed', 'to upgrade', 'uninstallable')
               AND NOT EXISTS (
                   SELECT 1 FROM ir_module_module_dependency d
                     LEFT JOIN ir_module_module dep ON dep.name = d.name
                    WHERE d.module_id = m.id AND d.auto_install_required
                      AND (dep.state IS NULL OR dep.state NOT IN ('to install', 'installed', 'to upgrade'))
               )
        """)
        names = [name for (name,) in cr.fetchall()]
        if not names:
            return marked
        mark_to_install(cr, names)
        marked.extend(names)


def mark_to_install(cr, names: list[str]) -> list[str]:
    """Mark the uninstalled modules ``names`` and their uninstalled
    dependencies (transitively) 'to install'; return the marked names."""
    cr.execute("""
        WITH RECURSIVE wanted(name) AS (
            SELECT unnest(%s::varchar[])
            UNION
            SELECT d.name FROM ir_module_module_dependency d
              JOIN ir_module_module m ON m.id = d.module_id
              JOIN wanted w ON w.name = m.name
        )
        UPDATE ir_module_module SET state = 'to install'
         WHERE name IN (SELECT name FROM wanted) AND state = 'uninstalled'
        RETURNING name
    """, [list(names)])
    return sorted(name for (name,) in cr.fetchall())


def create_categories(cr, categories: list[str]) -> int | None:
    """Return the id of the category path ``['Parent', 'Child']``, creating
    the missing ``ir_module_category`` rows (xml id base.module_category_*)."""
    parent_id = None
    path: list[str] = []
    for category in categories:
        path.append(category)
        xmlid = 'module_category_' + '_'.join(part.lower() for part in path).replace('&', 'and').replace(' ', '_')
        cr.execute(
            "SELECT res_id FROM ir_model_data WHERE name = %s AND module = 'base' AND model = 'ir.module.category'",
            [xmlid],
        )
        row = cr.fetchone()
        if row:
            parent_id = row[0]
            continue
        cr.execute(
            "INSERT INTO ir_module_category (name, parent_id) VALUES (%s, %s) RETURNING id",
            [Json({'en_US': category}), parent_id],
        )
        parent_id = cr.fetchone()[0]
        cr.execute(
            "INSERT INTO ir_model_data (module, name, res_id, model, noupdate) "
            "VALUES ('base', %s, %s, 'ir.module.category', true)",
            [xmlid, parent_id],
        )
    return parent_id


class FunctionStatus(IntEnum):
    MISSING = 0
    PRESENT = 1
    INDEXABLE = 2


def has_unaccent(cr) -> FunctionStatus:
    """Whether the database has a one-argument ``unaccent`` function, and
    whether it is immutable (usable in indexes)."""
    cr.execute("""
        SELECT p.provolatile FROM pg_proc p
          JOIN pg_namespace ns ON ns.oid = p.pronamespace
         WHERE p.proname = 'unaccent' AND p.pronargs = 1 AND ns.nspname = 'public'
    """)
    row = cr.fetchone()
    if not row:
        return FunctionStatus.MISSING
    return FunctionStatus.INDEXABLE if row[0] == 'i' else FunctionStatus.PRESENT


def has_trigram(cr) -> bool:
    """Whether pg_trgm's ``word_similarity`` is available."""
    cr.execute("SELECT 1 FROM pg_proc WHERE proname = 'word_similarity'")
    return bool(cr.fetchone())
