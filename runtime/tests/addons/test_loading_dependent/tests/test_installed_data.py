from odoo.tests import Form, TransactionCase, tagged


class TestInstalledData(TransactionCase):
    """Runs at install: sees the data loaded by the module being installed."""

    def test_data_loaded(self):
        item = self.env.ref('test_loading_dependent.item_first')
        self.assertEqual(item.partner_id, self.env.ref('base.main_partner'))
        self.assertEqual(item.double, 6)

    def test_form_onchange(self):
        form = Form(self.env['test.loading.item'])
        form.name = 'From a form'
        form.partner_id = self.env.ref('base.main_partner')
        self.assertEqual(form.note, f"for {self.env.ref('base.main_partner').name}")
        form.quantity = 4
        item = form.save()
        self.assertEqual(item.double, 8)


@tagged('post_install', '-at_install')
class TestAfterInstall(TransactionCase):

    def test_registry_loaded(self):
        self.assertTrue(self.registry.loaded)
        self.assertIn('test.loading.item', self.env)
