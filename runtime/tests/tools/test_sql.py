"""The SQL composition class and the schema helpers of ``odoo.tools.sql``,
the latter run on a real PostgreSQL database."""

from __future__ import annotations

import psycopg2
import pytest
from odoo.tools import sql as sqltools
from odoo.tools.sql import SQL

# ---------------------------------------------------------------- SQL

def test_sql_composes_code_and_params():
    inner = SQL("%s IS NULL OR %s > %s", SQL.identifier("t", "x"), SQL.identifier("t", "x"), 5)
    outer = SQL("SELECT id FROM %s WHERE name = %s AND (%s)", SQL.identifier("t"), "bob", inner)
    assert outer.code == 'SELECT id FROM "t" WHERE name = %s AND ("t"."x" IS NULL OR "t"."x" > %s)'
    assert outer.params == ["bob", 5]
    code, params = outer
    assert (code, params) == (outer.code, outer.params)


def test_sql_named_arguments_and_join():
    sql = SQL("%(a)s + %(b)s + %(a)s", a=1, b=SQL("2"))
    assert (sql.code, sql.params) == ("%s + 2 + %s", [1, 1])
    joined = SQL(" AND ").join([SQL("x = %s", 1), SQL("y"), 3])
    assert (joined.code, joined.params) == ("x = %s AND y AND %s", [1, 3])
    assert SQL(", ").join([]) == SQL()
    assert not SQL()


def test_sql_rejects_bad_input():
    with pytest.raises(TypeError):
        SQL("%s %s", 1)
    with pytest.raises(TypeError):
        SQL("%s", 1, b=2)
    with pytest.raises(ValueError, match="identifier"):
        SQL.identifier('x"; DROP TABLE users; --')
    with pytest.raises(ValueError):
        SQL.identifier("t", "a b")


def test_sql_to_flush_collects_fields():
    field_a, field_b = object(), object()
    sql = SQL("%s, %s", SQL.identifier("t", "a", to_flush=field_a), SQL("b", to_flush=field_b))
    assert sql.to_flush == (field_a, field_b)


def test_small_helpers():
    assert sqltools.escape_psql("50%_a\\") == "50\\%\\_a\\\\"
    assert sqltools.pg_varchar() == "VARCHAR"
    assert sqltools.pg_varchar(12) == "VARCHAR(12)"
    with pytest.raises(ValueError):
        sqltools.pg_varchar("12")
    assert sqltools.reverse_order("name desc, id") == "name asc, id desc"
    long_name = "x" * 80
    assert len(sqltools.make_identifier(long_name)) == 63
    assert sqltools.make_identifier(long_name) == sqltools.make_identifier(long_name)
    assert sqltools.make_identifier(long_name) != sqltools.make_identifier(long_name + "y")
    assert sqltools.make_index_name("res_partner", "name") == "res_partner__name_index"


# ---------------------------------------------------------------- DDL

def test_tables_and_columns(cr):
    sqltools.create_model_table(cr, "demo_item", "Demo items", [("name", "VARCHAR", "Name")])
    assert sqltools.table_exists(cr, "demo_item")
    assert sqltools.existing_tables(cr, ["demo_item", "missing"]) == ["demo_item"]
    assert sqltools.table_kind(cr, "demo_item") == sqltools.TableKind.Regular
    assert sqltools.table_kind(cr, "missing") is None
    sqltools.create_column(cr, "demo_item", "done", "BOOLEAN", comment="Done")
    sqltools.create_column(cr, "demo_item", "qty", "int4")
    columns = sqltools.table_columns(cr, "demo_item")
    assert columns["done"]["udt_name"] == "bool" and columns["qty"]["udt_name"] == "int4"
    assert sqltools.column_exists(cr, "demo_item", "qty")
    cr.execute("INSERT INTO demo_item (name, qty) VALUES ('a', 3)")
    cr.execute("SELECT done FROM demo_item")
    assert cr.fetchone()[0] is False  # booleans default to false

    sqltools.rename_column(cr, "demo_item", "qty", "quantity")
    assert not sqltools.column_exists(cr, "demo_item", "qty")
    sqltools.convert_column(cr, "demo_item", "quantity", "numeric")
    assert sqltools.table_columns(cr, "demo_item")["quantity"]["udt_name"] == "numeric"
    sqltools.convert_column_translatable(cr, "demo_item", "name", "jsonb")
    cr.execute("SELECT name->>'en_US' FROM demo_item")
    assert cr.fetchone()[0] == "a"


def test_not_null_and_constraints(cr):
    sqltools.create_model_table(cr, "demo_line", columns=[("code", "VARCHAR", None)])
    cr.execute("INSERT INTO demo_line (code) VALUES (NULL)")
    with pytest.raises(Exception, match="unable to set NOT NULL on column 'code'"):
        sqltools.set_not_null(cr, "demo_line", "code")
    cr.execute("UPDATE demo_line SET code = 'x'")
    sqltools.set_not_null(cr, "demo_line", "code")
    assert sqltools.table_columns(cr, "demo_line")["code"]["is_nullable"] == "NO"
    sqltools.drop_not_null(cr, "demo_line", "code")

    definition = "CHECK (code NOT LIKE '%bad%' AND code <> '')"
    sqltools.add_constraint(cr, "demo_line", "demo_line_code_check", definition)
    assert sqltools.constraint_definition(cr, "demo_line", "demo_line_code_check") == definition
    with pytest.raises(psycopg2.errors.CheckViolation):
        with cr.savepoint(flush=False):
            cr.execute("INSERT INTO demo_line (code) VALUES ('')")
    sqltools.drop_constraint(cr, "demo_line", "demo_line_code_check")
    assert sqltools.constraint_definition(cr, "demo_line", "demo_line_code_check") is None


def test_foreign_keys_and_indexes(cr):
    sqltools.create_model_table(cr, "demo_parent")
    sqltools.create_model_table(cr, "demo_child", columns=[("parent_id", "int4", None)])
    assert sqltools.fix_foreign_key(cr, "demo_child", "parent_id", "demo_parent", "id", "cascade")
    assert len(sqltools.get_foreign_keys(cr, "demo_child", "parent_id", "demo_parent", "id", "cascade")) == 1
    # already right: nothing to do
    assert sqltools.fix_foreign_key(cr, "demo_child", "parent_id", "demo_parent", "id", "cascade") is None
    # another ON DELETE: the old key is replaced
    assert sqltools.fix_foreign_key(cr, "demo_child", "parent_id", "demo_parent", "id", "set null")
    assert sqltools.get_foreign_keys(cr, "demo_child", "parent_id", "demo_parent", "id", "cascade") == []
    with pytest.raises(ValueError, match="ON DELETE"):
        sqltools.add_foreign_key(cr, "demo_child", "parent_id", "demo_parent", "id", "explode")

    sqltools.create_index(cr, "demo_child_parent_idx", "demo_child", ['"parent_id"'], where='"parent_id" IS NOT NULL')
    assert sqltools.index_exists(cr, "demo_child_parent_idx")
    sqltools.create_index(cr, "demo_child_parent_idx", "demo_child", ['"parent_id"'])  # no error twice
    sqltools.create_unique_index(cr, "demo_child_uniq", "demo_child", ['"parent_id"'])
    sqltools.drop_index(cr, "demo_child_parent_idx", "demo_child")
    assert not sqltools.index_exists(cr, "demo_child_parent_idx")
    assert sqltools.index_exists(cr, "demo_child_uniq")


def test_views(cr):
    sqltools.create_model_table(cr, "demo_src", columns=[("n", "int4", None)])
    cr.execute("CREATE VIEW demo_view AS SELECT n FROM demo_src")
    assert sqltools.table_kind(cr, "demo_view") == sqltools.TableKind.View
    # retyping a column read by a view drops the view
    sqltools.convert_column(cr, "demo_src", "n", "int8")
    assert not sqltools.table_exists(cr, "demo_view")
    cr.execute("CREATE MATERIALIZED VIEW demo_mat AS SELECT n FROM demo_src")
    sqltools.drop_view_if_exists(cr, "demo_mat")
    assert not sqltools.table_exists(cr, "demo_mat")
