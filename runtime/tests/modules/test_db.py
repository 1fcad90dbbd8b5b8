"""Bootstrap of a database (runtime/odoo/modules/db.py), on an empty database."""
from __future__ import annotations

from odoo.modules import db, module


def test_create_categories_builds_the_path_once(cr):
    module.initialize_sys_path()
    db.initialize(cr)
    child = db.create_categories(cr, ['Sales & Marketing', 'CRM'])
    assert db.create_categories(cr, ['Sales & Marketing', 'CRM']) == child
    cr.execute("""SELECT c.name->>'en_US', p.name->>'en_US' FROM ir_module_category c
                  LEFT JOIN ir_module_category p ON p.id = c.parent_id WHERE c.id = %s""", [child])
    assert cr.fetchone() == ('CRM', 'Sales & Marketing')
    cr.execute("SELECT name FROM ir_model_data WHERE model = 'ir.module.category' AND res_id = %s", [child])
    assert cr.fetchone() == ('module_category_sales_and_marketing_crm',)


def test_mark_to_install_follows_dependencies(cr):
    module.initialize_sys_path()
    db.initialize(cr)
    cr.execute("INSERT INTO ir_module_module (name, state) VALUES ('c_top', 'uninstalled'), "
               "('c_mid', 'uninstalled'), ('c_done', 'installed') RETURNING id")
    top, mid, _done = (row[0] for row in cr.fetchall())
    cr.execute("INSERT INTO ir_module_module_dependency (module_id, name) VALUES (%s, 'c_mid'), (%s, 'c_done')",
               [top, mid])
    assert db.mark_to_install(cr, ['c_top']) == ['c_mid', 'c_top']
    cr.execute("SELECT name, state FROM ir_module_module WHERE name LIKE 'c\\_%%' ORDER BY name")
    assert cr.fetchall() == [('c_done', 'installed'), ('c_mid', 'to install'), ('c_top', 'to install')]


def test_mark_auto_install(cr):
    module.initialize_sys_path()
    db.initialize(cr)
    cr.execute("INSERT INTO ir_module_module (name, state, auto_install) VALUES "
               "('c_glue', 'uninstalled', true), ('c_a', 'installed', false), ('c_b', 'uninstalled', false) "
               "RETURNING id")
    glue = cr.fetchone()[0]
    cr.execute("INSERT INTO ir_module_module_dependency (module_id, name, auto_install_required) "
               "VALUES (%s, 'c_a', true), (%s, 'c_b', true)", [glue, glue])
    assert 'c_glue' not in db.mark_auto_install(cr)      # c_b is not installed
    cr.execute("UPDATE ir_module_module SET state = 'to install' WHERE name = 'c_b'")
    assert 'c_glue' in db.mark_auto_install(cr)
