def migrate(cr, version):
    cr.execute("CREATE TABLE IF NOT EXISTS test_loading_migration_log (id serial, step varchar, version varchar)")
    cr.execute("INSERT INTO test_loading_migration_log (step, version) VALUES (%s, %s)", ['1.0/pre', version])
