"""Scheduled actions (ir.cron) and the runner that executes them.

A job is a server action (``_inherits`` ir.actions.server) run every
``interval_number`` ``interval_type``. Any number of runner processes may
poll the same database: a runner takes a job with ``SELECT ... FOR NO KEY
UPDATE SKIP LOCKED`` and holds that row lock until it has rescheduled the
job, so no job ever runs twice at once, even across processes.
"""
from __future__ import annotations

import logging
import os
import threading
from datetime import datetime, timedelta

import odoo
import psycopg2
from dateutil.relativedelta import relativedelta
from odoo import _, api, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)

# how long consecutive failures may last before a job is switched off
FAILURE_WINDOW = timedelta(days=7)
FAILURES_BEFORE_DEACTIVATION = 5
# a job reporting remaining work runs again, at most this many times per turn
BATCHES_PER_TURN = 10

INTERVALS = {
    'minutes': lambda n: relativedelta(minutes=n),
    'hours': lambda n: relativedelta(hours=n),
    'days': lambda n: relativedelta(days=n),
    'weeks': lambda n: relativedelta(days=7 * n),
    'months': lambda n: relativedelta(months=n),
}


class IrCron(models.Model):
    """ A server action run periodically by the cron runner. """
    _name = "ir.cron"
    _order = 'cron_name'
    _description = 'Scheduled Actions'
    _allow_sudo_commands = False
    _inherits = {'ir.actions.server': 'ir_actions_server_id'}

    ir_actions_server_id = fields.Many2one('ir.actions.server', 'Server action', delegate=True,
                                           ondelete='restrict', required=True)
    cron_name = fields.Char('Name', compute='_compute_cron_name', store=True)
    user_id = fields.Many2one('res.users', string='Scheduler User', default=lambda self: self.env.user,
                              required=True)
    active = fields.Boolean(default=True)
    interval_number = fields.Integer(default=1, aggregator=None, required=True)
    interval_type = fields.Selection([('minutes', 'Minutes'), ('hours', 'Hours'), ('days', 'Days'),
                                      ('weeks', 'Weeks'), ('months', 'Months')],
                                     string='Interval Unit', default='months', required=True)
    nextcall = fields.Datetime(string='Next Execution Date', required=True, default=fields.Datetime.now)
    lastcall = fields.Datetime(string='Last Execution Date')
    priority = fields.Integer(default=5, aggregator=None)
    failure_count = fields.Integer(default=0)
    first_failure_date = fields.Datetime(string='First Failure Date')

    _sql_constraints = [
        ('check_strictly_positive_interval', 'CHECK(interval_number > 0)',
         'The interval of a scheduled action must be positive.'),
    ]

    @api.depends('ir_actions_server_id.name')
    def _compute_cron_name(self):
        for cron in self.with_context(lang='en_US'):
            cron.cron_name = cron.ir_actions_server_id.name

    @api.model_create_multi
    def create(self, vals_list):
        for values in vals_list:
            values['usage'] = 'ir_cron'
        return super().create(vals_list)

    @api.model
    def default_get(self, fields_list):
        # the server action's default usage would otherwise win
        values = super().default_get(fields_list)
        if 'usage' in fields_list:
            values['usage'] = 'ir_cron'
        return values

    # ------------------------------------------------------------------
    # running by hand
    # ------------------------------------------------------------------

    def method_direct_trigger(self) -> bool:
        """ Run the jobs now, in this transaction, as their user. """
        self.check_access('write')
        for cron in self:
            cron._try_lock()
            started = fields.Datetime.now()
            runner = cron.with_user(cron.user_id).with_context(lastcall=cron.lastcall, cron_id=cron.id)
            runner.ir_actions_server_id.run()
            cron.write({'lastcall': started})
        return True

    def _try_lock(self, lockfk: bool = False) -> None:
        """ Lock the jobs' rows, or refuse when a runner holds them. """
        what = 'FOR UPDATE' if lockfk else 'FOR NO KEY UPDATE'
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute('SELECT id FROM ir_cron WHERE id = ANY(%%s) %s NOWAIT' % what,
                                    [list(self.ids)], log_exceptions=False)
        except psycopg2.OperationalError:
            raise UserError(_("Scheduled action %s is running right now; try again when it is done.",
                              ", ".join(self.mapped('cron_name')))) from None

    def toggle(self, model, domain):
        """ Switch the jobs on when ``model`` has records matching ``domain``. """
        if self.env.context.get('install_mode') or not model or model not in self.env:
            return True
        self.write({'active': bool(self.env[model].search_count(domain, limit=1))})
        return True

    # ------------------------------------------------------------------
    # triggers and progress
    # ------------------------------------------------------------------

    def _trigger(self, at=None):
        """ Ask for the job to run at ``at`` (a datetime or a list of them;
        now by default), on top of its regular schedule. """
        moments = at if isinstance(at, (list, tuple, set)) else [at or fields.Datetime.now()]
        return self._trigger_list(moments)

    def _trigger_list(self, at_list):
        self.ensure_one()
        now = fields.Datetime.now()
        moments = sorted({moment or now for moment in at_list})
        if not self.sudo().active:
            # an inactive job would skip a due trigger: keep only the future ones
            moments = [moment for moment in moments if moment > now]
        if not moments:
            return self.env['ir.cron.trigger']
        triggers = self.env['ir.cron.trigger'].sudo().create([{'cron_id': self.id, 'call_at': m} for m in moments])
        if _logger.isEnabledFor(logging.DEBUG):
            _logger.debug("job %r (%s) triggered for %s", self.sudo().cron_name, self.id, moments)
        if moments[0] <= now or os.getenv('ODOO_NOTIFY_CRON_CHANGES'):
            self.env.cr.postcommit.add(self._notifydb)
        return triggers

    def _notifydb(self) -> None:
        """Wake the scheduled-action runners up (they LISTEN on ``cron_trigger``)."""
        with odoo.sql_db.db_connect('postgres').cursor() as cr:
            cr.execute("SELECT pg_notify('cron_trigger', %s)", [self.env.cr.dbname])

    def _add_progress(self, *, timed_out_counter=None) -> tuple:
        """ A fresh progress record for the current run of the job. """
        values = {'cron_id': self.id}
        if timed_out_counter is not None:
            values['timed_out_counter'] = timed_out_counter
        progress = self.env['ir.cron.progress'].sudo().create(values)
        return self.with_context(ir_cron_progress_id=progress.id), progress

    def _notify_progress(self, *, done: int, remaining: int, deactivate: bool = False) -> None:
        """ Called by job code: ``done`` records processed in this batch,
        ``remaining`` still to do (then the job runs again soon). """
        progress_id = self.env.context.get('ir_cron_progress_id')
        if not progress_id:
            return
        self.env['ir.cron.progress'].sudo().browse(progress_id).write(
            {'done': done, 'remaining': remaining, 'deactivate': deactivate})

    # ------------------------------------------------------------------
    # the runner
    # ------------------------------------------------------------------

    @classmethod
    def _process_jobs(cls, db_name: str) -> None:
        """ Run every ready job of database ``db_name`` once, each in its
        own transaction, skipping those another runner holds. """
        from odoo.modules.registry import Registry

        threading.current_thread().dbname = db_name
        try:
            registry = Registry(db_name)
            with registry.cursor() as lock_cr:
                for job_id in cls._get_all_ready_jobs(lock_cr):
                    try:
                        job = cls._acquire_one_job(lock_cr, job_id)
                    except psycopg2.extensions.TransactionRollbackError:
                        lock_cr.rollback()
                        continue
                    if job is None:
                        continue  # held or already run by another runner
                    registry[cls._name]._process_job(registry, lock_cr, job)
        except psycopg2.errors.UndefinedTable:
            _logger.warning("Database %s has no ir_cron table: no jobs to run.", db_name)
        except Exception:
            _logger.exception("Cron runner failed on database %s", db_name)
        finally:
            if hasattr(threading.current_thread(), 'dbname'):
                del threading.current_thread().dbname

    @classmethod
    def _get_all_ready_jobs(cls, cr) -> list:
        """ Ids of the active jobs due now (by schedule or trigger), the
        most reliable and most urgent first. """
        cr.execute("""
            SELECT job.id FROM ir_cron job
             WHERE job.active
               AND (job.nextcall <= (now() at time zone 'UTC')
                    OR EXISTS (SELECT 1 FROM ir_cron_trigger trg
                                WHERE trg.cron_id = job.id AND trg.call_at <= (now() at time zone 'UTC')))
          ORDER BY job.failure_count, job.priority, job.id
        """)
        return [job_id for (job_id,) in cr.fetchall()]

    @classmethod
    def _acquire_one_job(cls, cr, job_id: int) -> dict | None:
        """ Lock the row of job ``job_id`` if it is still due and no other
        runner holds it; return its values, or None. The lock lasts until
        ``cr`` commits, after the job is rescheduled. """
        cr.execute("""
            SELECT job.*, srv.name AS action_name
              FROM ir_cron job JOIN ir_act_server srv ON srv.id = job.ir_actions_server_id
             WHERE job.id = %s AND job.active
               AND (job.nextcall <= (now() at time zone 'UTC')
                    OR EXISTS (SELECT 1 FROM ir_cron_trigger trg
                                WHERE trg.cron_id = job.id AND trg.call_at <= (now() at time zone 'UTC')))
               FOR NO KEY UPDATE OF job SKIP LOCKED
        """, [job_id], log_exceptions=False)
        return cr.dictfetchone()

    @classmethod
    def _process_job(cls, registry, lock_cr, job: dict) -> None:
        """ Run ``job`` in a transaction of its own, then record the outcome
        and the next call through ``lock_cr`` (which holds the row lock). """
        status = cls._run_job(registry, job)
        env = api.Environment(lock_cr, odoo.SUPERUSER_ID, {})
        cron = env[cls._name].browse(job['id'])
        cron._update_failure_count(job, status)
        if status == 'partial':
            cron._reschedule_asap(job)
        else:
            cron._reschedule_later(job)
        lock_cr.commit()

    @classmethod
    def _run_job(cls, registry, job: dict) -> str:
        """ Execute the job's action as its user; 'done', 'partial' (it
        reported remaining work) or 'failed'. """
        status = 'failed'
        with registry.cursor() as job_cr:
            env = api.Environment(job_cr, job['user_id'], {'lastcall': job['lastcall'], 'cron_id': job['id']})
            cron = env[cls._name].browse(job['id'])
            for _batch in range(BATCHES_PER_TURN):
                cron, progress = cron._add_progress()
                job_cr.commit()
                try:
                    cron._callback(job['cron_name'] or job['action_name'], job['ir_actions_server_id'])
                except Exception:
                    _logger.exception("Scheduled action %r (%s) failed", job['cron_name'], job['id'])
                    job_cr.rollback()
                    status = 'partial' if progress.exists() and progress.done and progress.remaining else 'failed'
                    break
                progress.invalidate_recordset()
                if progress.remaining and progress.done:
                    status = 'partial'
                    job_cr.commit()
                    continue
                status = 'done'
                if progress.deactivate:
                    job['active'] = False
                job_cr.commit()
                break
        return status

    def _callback(self, cron_name: str, server_action_id: int) -> None:
        """ Run the server action of the job in the current transaction. """
        self.ensure_one()
        _logger.info('Job %r (%s) starting', cron_name, self.id)
        started = datetime.now()
        self.env['ir.actions.server'].browse(server_action_id).with_context(
            active_model=False, active_id=False, active_ids=False).run()
        self.env.flush_all()
        _logger.info('Job %r (%s) done in %.3fs', cron_name, self.id, (datetime.now() - started).total_seconds())

    def _update_failure_count(self, job: dict, status: str) -> None:
        """ Count consecutive failures; switch the job off when it kept
        failing for long enough. """
        if status != 'failed':
            if job['failure_count']:
                self.write({'failure_count': 0, 'first_failure_date': False})
            return
        now = fields.Datetime.now()
        count = (job['failure_count'] or 0) + 1
        first = job['first_failure_date'] or now
        values = {'failure_count': count, 'first_failure_date': first}
        if count >= FAILURES_BEFORE_DEACTIVATION and now - first >= FAILURE_WINDOW:
            values.update(active=False, failure_count=0, first_failure_date=False)
            _logger.warning("Scheduled action %r switched off after %d failures since %s",
                            job['cron_name'], count, first)
        self.write(values)

    def _reschedule_later(self, job: dict) -> None:
        """ Next call: the first step of the interval after now; the job's
        due triggers are consumed. """
        now = fields.Datetime.now()
        step = INTERVALS[job['interval_type']](job['interval_number'])
        nextcall = job['nextcall']
        while nextcall <= now:
            nextcall += step
        self.write({'nextcall': nextcall, 'lastcall': now, 'active': job.get('active', True)})
        self.env.cr.execute("DELETE FROM ir_cron_trigger WHERE cron_id = %s AND call_at <= %s",
                            [self.id, now])

    def _reschedule_asap(self, job: dict) -> None:
        """ Work remains: consume the due triggers and ask for another run now. """
        now = fields.Datetime.now()
        self.env.cr.execute("DELETE FROM ir_cron_trigger WHERE cron_id = %s AND call_at <= %s", [self.id, now])
        self.write({'lastcall': now})
        self.env['ir.cron.trigger'].sudo().create({'cron_id': self.id, 'call_at': now})


class IrCronTrigger(models.Model):
    """ A request to run a job at a given time, besides its schedule. """
    _name = 'ir.cron.trigger'
    _description = 'Triggered actions'
    _rec_name = 'cron_id'
    _allow_sudo_commands = False

    cron_id = fields.Many2one("ir.cron", index=True)
    call_at = fields.Datetime(index=True)

    @api.autovacuum
    def _gc_cron_triggers(self):
        old = fields.Datetime.now() - timedelta(weeks=1)
        self.search([('call_at', '<', old)]).unlink()


class IrCronProgress(models.Model):
    """ What one run of a job reported about its progress. """
    _name = 'ir.cron.progress'
    _description = 'Progress of Scheduled Actions'
    _rec_name = 'cron_id'

    cron_id = fields.Many2one("ir.cron", required=True, index=True, ondelete='cascade')
    remaining = fields.Integer(default=0)
    done = fields.Integer(default=0)
    deactivate = fields.Boolean()
    timed_out_counter = fields.Integer(default=0)

    @api.autovacuum
    def _gc_cron_progress(self):
        self.search([('create_date', '<', datetime.now() - timedelta(weeks=1))]).unlink()
