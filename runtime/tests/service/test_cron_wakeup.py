"""The scheduled-action runner wakes up when a job is triggered for now
(``ir.cron._trigger`` NOTIFYs ``cron_trigger`` after its commit), instead
of waiting for its next regular pass."""
from __future__ import annotations

import threading

from odoo import sql_db
from odoo.service import http_server


def _notify(delay: float) -> threading.Timer:
    def send():
        with sql_db.db_connect('postgres').cursor() as cr:
            cr.execute("SELECT pg_notify('cron_trigger', 'any_db')")
    timer = threading.Timer(delay, send)
    timer.start()
    return timer


def test_a_notify_ends_the_wait(pg_server, monkeypatch):
    monkeypatch.setattr(http_server, 'CRON_INTERVAL', 30)
    listener = http_server._trigger_listener()
    assert listener is not None
    stop = threading.Event()
    guard = threading.Timer(20, stop.set)       # a lost NOTIFY ends the wait here, failing below
    guard.start()
    try:
        _notify(0.2).join()
        http_server._wait_for_jobs(listener, stop)
        assert not stop.is_set()
    finally:
        guard.cancel()
        listener.close()


def test_a_trigger_for_now_notifies_after_commit(base_env, monkeypatch):
    env = base_env
    sent = []
    monkeypatch.setattr(type(env['ir.cron']), '_notifydb', lambda self: sent.append(self.id))
    cron = env['ir.cron'].search([], limit=1)
    cron._trigger()
    assert sent == []                       # not before the commit
    env.cr.postcommit.run()
    assert sent == [cron.id]
    env.cr.postcommit.clear()
    cron._trigger(cron.nextcall.replace(year=cron.nextcall.year + 1))
    env.cr.postcommit.run()
    assert sent == [cron.id]                # a later trigger waits for its time
