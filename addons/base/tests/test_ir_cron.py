"""Scheduled actions: manual runs, triggers, rescheduling and the lock that
keeps one job from running twice at once."""
from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged


@tagged('at_install', '-post_install')
class TestCron(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cron = cls.env['ir.cron'].create({
            'name': 'd2 bump parameter',
            'model_id': cls.env['ir.model']._get_id('ir.config_parameter'),
            'state': 'code',
            'code': "value = int(model.get_param('d2.cron.runs', '0'))\n"
                    "model.set_param('d2.cron.runs', value + 1)",
            'interval_number': 2,
            'interval_type': 'hours',
            'nextcall': fields.Datetime.now() + timedelta(days=1),
        })

    def test_server_action_created_for_cron(self):
        self.assertEqual(self.cron.usage, 'ir_cron')
        self.assertEqual(self.cron.ir_actions_server_id.usage, 'ir_cron')
        self.assertEqual(self.cron.cron_name, 'd2 bump parameter')

    def test_method_direct_trigger_runs_code(self):
        self.cron.method_direct_trigger()
        self.cron.method_direct_trigger()
        self.assertEqual(self.env['ir.config_parameter'].get_param('d2.cron.runs'), '2')
        self.assertTrue(self.cron.lastcall)

    def test_trigger_creates_triggers(self):
        at = datetime(2030, 1, 1, 8, 0)
        self.cron._trigger(at)
        self.cron._trigger([at, at + timedelta(hours=1)])
        triggers = self.env['ir.cron.trigger'].search([('cron_id', '=', self.cron.id)])
        self.assertEqual(sorted(set(triggers.mapped('call_at'))), [at, at + timedelta(hours=1)])

    def test_ready_jobs_and_acquire(self):
        cr = self.env.cr
        self.assertNotIn(self.cron.id, type(self.cron)._get_all_ready_jobs(cr))
        # now() of SQL is when the test transaction began: trigger before it
        self.cron._trigger(datetime(2020, 1, 1))
        self.env.flush_all()
        self.assertIn(self.cron.id, type(self.cron)._get_all_ready_jobs(cr))
        job = type(self.cron)._acquire_one_job(cr, self.cron.id)
        self.assertEqual(job['id'], self.cron.id)

    def test_reschedule_later_skips_missed_calls(self):
        past = fields.Datetime.now() - timedelta(hours=5)
        job = {'id': self.cron.id, 'interval_type': 'hours', 'interval_number': 2, 'nextcall': past,
               'active': True}
        self.cron._reschedule_later(job)
        self.assertGreater(self.cron.nextcall, fields.Datetime.now())
        self.assertLessEqual(self.cron.nextcall, fields.Datetime.now() + timedelta(hours=2))

    def test_failures_deactivate_after_a_while(self):
        start = fields.Datetime.now() - timedelta(days=8)
        job = {'failure_count': 4, 'first_failure_date': start, 'cron_name': 'd2'}
        self.cron._update_failure_count(job, 'failed')
        self.assertFalse(self.cron.active)

    def test_success_resets_failures(self):
        self.cron.write({'failure_count': 3, 'first_failure_date': fields.Datetime.now()})
        self.cron._update_failure_count({'failure_count': 3, 'first_failure_date': None, 'cron_name': 'd2'}, 'done')
        self.assertEqual(self.cron.failure_count, 0)

    def test_progress_notifications(self):
        cron, progress = self.cron._add_progress()
        cron._notify_progress(done=5, remaining=7)
        self.assertEqual((progress.done, progress.remaining), (5, 7))


@tagged('post_install', '-at_install')
class TestCronLock(TransactionCase):
    """Two runners (two database connections) never hold the same job."""

    def test_second_runner_skips_a_held_job(self):
        Cron = type(self.env['ir.cron'])
        with self.registry.cursor() as setup_cr:
            env = self.env(cr=setup_cr)
            cron = env['ir.cron'].create({
                'name': 'd2 lock probe',
                'model_id': env['ir.model']._get_id('res.partner'),
                'state': 'code',
                'code': 'pass',
                'nextcall': fields.Datetime.now() - timedelta(minutes=1),
            })
            action = cron.ir_actions_server_id
            setup_cr.commit()
        try:
            with self.registry.cursor() as first, self.registry.cursor() as second:
                held = Cron._acquire_one_job(first, cron.id)
                self.assertEqual(held['id'], cron.id)
                self.assertIsNone(Cron._acquire_one_job(second, cron.id),
                                  "a job locked by one runner is skipped by the others")
                first.rollback()
                self.assertEqual(Cron._acquire_one_job(second, cron.id)['id'], cron.id,
                                 "released, the job is available again")
                second.rollback()
        finally:
            with self.registry.cursor() as cleanup_cr:
                cleanup_cr.execute("DELETE FROM ir_cron WHERE id = %s", [cron.id])
                cleanup_cr.execute("DELETE FROM ir_act_server WHERE id = %s", [action.id])
                cleanup_cr.commit()


@tagged('at_install', '-post_install')
class TestServerActions(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.category = cls.env['res.partner.category'].create({'name': 'd2 parent'})
        cls.child = cls.env['res.partner.category'].create({'name': 'd2 child', 'parent_id': cls.category.id})
        cls.model_id = cls.env['ir.model']._get_id('res.partner.category')

    def _run(self, action, record):
        return action.with_context(active_model=record._name, active_id=record.id, active_ids=record.ids).run()

    def test_code_returns_action(self):
        action = self.env['ir.actions.server'].create({
            'name': 'd2 code', 'model_id': self.model_id, 'state': 'code',
            'code': "record.write({'color': 4})\naction = {'type': 'ir.actions.act_window_close'}",
        })
        self.assertEqual(self._run(action, self.child), {'type': 'ir.actions.act_window_close'})
        self.assertEqual(self.child.color, 4)

    def test_object_write_through_a_path(self):
        action = self.env['ir.actions.server'].create({
            'name': 'd2 write', 'model_id': self.model_id, 'state': 'object_write',
            'update_path': 'parent_id.color', 'evaluation_type': 'value', 'value': '6',
        })
        self.assertEqual(action.update_field_id.name, 'color')
        self.assertEqual(action.crud_model_id.model, 'res.partner.category')
        self.child.color = 2
        self._run(action, self.child)
        self.assertEqual(self.category.color, 6)
        self.assertEqual(self.child.color, 2, "the path leads to the parent only")

    def test_object_write_equation(self):
        action = self.env['ir.actions.server'].create({
            'name': 'd2 equation', 'model_id': self.model_id, 'state': 'object_write',
            'update_path': 'name', 'evaluation_type': 'equation', 'value': "record.name + ' (checked)'",
        })
        self._run(action, self.child)
        self.assertEqual(self.child.name, 'd2 child (checked)')

    def test_object_create_links_the_new_record(self):
        action = self.env['ir.actions.server'].create({
            'name': 'd2 create', 'model_id': self.model_id, 'state': 'object_create', 'value': 'd2 created',
            'link_field_id': self.env['ir.model.fields']._get('res.partner.category', 'parent_id').id,
        })
        self._run(action, self.child)
        self.assertEqual(self.child.parent_id.name, 'd2 created')

    def test_bad_code_refused(self):
        with self.assertRaises(ValidationError):
            self.env['ir.actions.server'].create({
                'name': 'd2 broken', 'model_id': self.model_id, 'state': 'code', 'code': 'import os',
            })
