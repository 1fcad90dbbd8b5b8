from lxml import etree
from odoo.tests import TransactionCase


class TestDataAndViews(TransactionCase):
    def test_function_data_ran(self):
        value = self.env["ir.config_parameter"].sudo().get_param("test_conformance.loaded")
        self.assertEqual(value, "yes")

    def test_xmlids(self):
        sequence = self.env.ref("test_conformance.seq_conformance_order")
        self.assertEqual(sequence.code, "conformance.order")
        self.assertEqual(self.env.ref("test_conformance.conformance_order_action").res_model, "conformance.order")

    def test_partner_form_inherits(self):
        view = self.env.ref("base.view_partner_form")
        arch = self.env["res.partner"].get_view(view.id, "form")["arch"]
        tree = etree.fromstring(arch)
        vat = tree.xpath("//field[@name='vat']")[0]
        following = vat.getnext()
        self.assertEqual(following.get("name"), "conformance_level")

    def test_fields_get(self):
        fields = self.env["conformance.order"].fields_get(["partner_id", "state", "amount_total"])
        self.assertEqual(fields["partner_id"]["type"], "many2one")
        self.assertEqual(fields["partner_id"]["relation"], "res.partner")
        self.assertEqual(fields["state"]["selection"][0], ("draft", "Draft"))
        self.assertTrue(fields["amount_total"]["store"])
        self.assertTrue(fields["amount_total"]["readonly"])
