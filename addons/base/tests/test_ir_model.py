"""Reflection of models, fields and selections, and external identifiers."""
from odoo.tests import TransactionCase, tagged


@tagged('at_install', '-post_install')
class TestReflection(TransactionCase):

    def test_models_reflected_with_xmlid(self):
        partner_model = self.env['ir.model']._get('res.partner')
        self.assertTrue(partner_model)
        self.assertEqual(partner_model.state, 'base')
        self.assertEqual(partner_model.order, self.env['res.partner']._order)
        self.assertEqual(self.env.ref('base.model_res_partner'), partner_model)

    def test_fields_reflected(self):
        Fields = self.env['ir.model.fields']
        name = Fields._get('res.partner', 'name')
        self.assertEqual(name.ttype, 'char')
        parent = Fields._get('res.partner', 'parent_id')
        self.assertEqual((parent.ttype, parent.relation, parent.on_delete), ('many2one', 'res.partner', 'set null'))
        children = Fields._get('res.partner', 'child_ids')
        self.assertEqual((children.ttype, children.relation_field), ('one2many', 'parent_id'))
        self.assertEqual(self.env.ref('base.field_res_partner__name'), name)
        self.assertEqual(name.model_id, self.env['ir.model']._get('res.partner'))

    def test_selection_reflected(self):
        field = self.env['ir.model.fields']._get('ir.sequence', 'implementation')
        values = field.selection_ids.mapped('value')
        self.assertEqual(values, ['standard', 'no_gap'])
        self.assertEqual(self.env.ref('base.selection__ir_sequence__implementation__no_gap').value, 'no_gap')

    def test_sql_constraints_reflected(self):
        constraint = self.env.ref('base.constraint_ir_model_fields_name_unique')
        self.assertEqual(constraint.type, 'u')
        self.assertEqual(constraint.model.model, 'ir.model.fields')

    def test_reflection_is_idempotent(self):
        IrModel = self.env['ir.model']
        before = IrModel.search_count([])
        IrModel._reflect_models(['res.partner', 'ir.sequence'])
        self.env['ir.model.fields']._reflect_fields(['res.partner'])
        self.assertEqual(IrModel.search_count([]), before)
        self.assertEqual(len(self.env['ir.model.fields'].search([('model', '=', 'res.partner'), ('name', '=', 'name')])), 1)


@tagged('at_install', '-post_install')
class TestModelData(TransactionCase):

    def test_lookup(self):
        company = self.env.ref('base.main_company')
        IrModelData = self.env['ir.model.data']
        self.assertEqual(IrModelData._xmlid_lookup('base.main_company'), ('res.company', company.id))
        self.assertEqual(IrModelData._xmlid_to_res_id('base.main_company'), company.id)
        self.assertEqual(IrModelData._xmlid_to_res_model_res_id('base.nowhere_to_be_found'), (False, False))

    def test_missing_xmlid_names_it(self):
        with self.assertRaisesRegex(ValueError, 'base.nowhere_to_be_found'):
            self.env['ir.model.data']._xmlid_lookup('base.nowhere_to_be_found')
        with self.assertRaisesRegex(ValueError, 'base.nowhere_to_be_found'):
            self.env.ref('base.nowhere_to_be_found')

    def test_update_xmlids_respects_noupdate(self):
        IrModelData = self.env['ir.model.data']
        first = self.env['res.partner.category'].create({'name': '重点客户'})
        second = self.env['res.partner.category'].create({'name': '普通客户'})
        IrModelData._update_xmlids([{'xml_id': 'test_d2.category', 'record': first, 'noupdate': True}])
        self.assertEqual(self.env.ref('test_d2.category'), first)
        # an update leaves a noupdate xml id alone, a plain load moves it
        IrModelData._update_xmlids([{'xml_id': 'test_d2.category', 'record': second}], update=True)
        self.assertEqual(self.env.ref('test_d2.category'), first)
        IrModelData._update_xmlids([{'xml_id': 'test_d2.category', 'record': second}])
        self.assertEqual(self.env.ref('test_d2.category'), second)
        self.assertIn('test_d2.category', self.env.registry.loaded_xmlids)

    def test_process_end_removes_records_gone_from_data(self):
        IrModelData = self.env['ir.model.data']
        kept = self.env['res.partner.category'].create({'name': 'kept'})
        gone = self.env['res.partner.category'].create({'name': 'gone'})
        IrModelData._update_xmlids([
            {'xml_id': 'test_d2.kept', 'record': kept},
            {'xml_id': 'test_d2.gone', 'record': gone},
        ])
        # the registry's set is shared with the running install: put it back
        loaded = self.env.registry.loaded_xmlids
        self.addCleanup(loaded.update, set(loaded))
        loaded.clear()
        IrModelData._load_xmlid('test_d2.kept')
        IrModelData._process_end(['test_d2'])
        self.assertTrue(kept.exists())
        self.assertFalse(gone.exists())
        self.assertFalse(IrModelData._xmlid_to_res_id('test_d2.gone'))

    def test_module_data_uninstall_removes_owned_records_only(self):
        IrModelData = self.env['ir.model.data']
        owned = self.env['res.partner.category'].create({'name': 'owned'})
        shared = self.env['res.partner.category'].create({'name': 'shared'})
        IrModelData._update_xmlids([
            {'xml_id': 'test_d2.owned', 'record': owned},
            {'xml_id': 'test_d2.shared', 'record': shared},
            {'xml_id': 'test_d2_other.shared', 'record': shared},
        ])
        IrModelData._module_data_uninstall(['test_d2'])
        self.assertFalse(owned.exists())
        self.assertTrue(shared.exists(), "another module still names it")
        self.assertFalse(IrModelData.search([('module', '=', 'test_d2')]))
        self.assertTrue(IrModelData.search([('module', '=', 'test_d2_other')]))
