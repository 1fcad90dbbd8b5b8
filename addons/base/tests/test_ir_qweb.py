"""ir.qweb on stored templates: t-call between views, inheritance, t-field
converters on base's own models, and the errors that name the template."""
from lxml import etree
from markupsafe import Markup
from odoo.addons.base.models.ir_qweb import QWebException
from odoo.tests import TransactionCase, tagged


@tagged('at_install', '-post_install')
class TestIrQweb(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        View = cls.env['ir.ui.view']
        cls.frame = View.create({
            'name': 'test frame', 'type': 'qweb', 'key': 'base.test_qweb_frame',
            'arch': '<t t-name="base.test_qweb_frame"><section><t t-out="0"/></section></t>'})
        cls.page = View.create({
            'name': 'test page', 'type': 'qweb', 'key': 'base.test_qweb_page',
            'arch': '<t t-name="base.test_qweb_page"><t t-call="base.test_qweb_frame">'
                    '<h1 t-field="partner.name"/></t></t>'})
        cls.partner = cls.env['res.partner'].create({'name': '李<雷>'})

    def test_call_and_field(self):
        html = self.env['ir.qweb']._render('base.test_qweb_page', {'partner': self.partner})
        self.assertIsInstance(html, Markup)
        self.assertEqual(str(html), '<section><h1>李&lt;雷&gt;</h1></section>')

    def test_render_by_id_and_through_views(self):
        html = self.env['ir.ui.view']._render_template(self.page.id, {'partner': self.partner})
        self.assertIn('李&lt;雷&gt;', str(html))

    def test_extension_changes_the_rendering(self):
        self.env['ir.ui.view'].create({
            'name': 'test frame extension', 'type': 'qweb', 'inherit_id': self.frame.id,
            'arch': '<xpath expr="//section" position="attributes">'
                    '<attribute name="class">extended</attribute></xpath>'})
        html = self.env['ir.qweb']._render('base.test_qweb_page', {'partner': self.partner})
        self.assertEqual(str(html), '<section class="extended"><h1>李&lt;雷&gt;</h1></section>')

    def test_monetary_widget(self):
        cny = self.env.ref('base.CNY')
        arch = etree.fromstring('<t t-name="x"><span t-out="amount" '
                                't-options="{\'widget\': \'monetary\', \'display_currency\': cur}"/></t>')
        html = str(self.env['ir.qweb']._render(arch, {'amount': -1234.5, 'cur': cny}))
        self.assertIn('<span class="oe_currency_value">-\N{ZERO WIDTH NO-BREAK SPACE}1,234.50</span>', html)
        self.assertIn(cny.symbol, html)

    def test_missing_field_names_template_and_line(self):
        self.env['ir.ui.view'].create({
            'name': 'test broken', 'type': 'qweb', 'key': 'base.test_qweb_broken',
            'arch': '<t t-name="base.test_qweb_broken">\n<p t-field="partner.no_such_field"/></t>'})
        with self.assertRaises(QWebException) as caught:
            self.env['ir.qweb']._render('base.test_qweb_broken', {'partner': self.partner})
        self.assertEqual(caught.exception.name, 'base.test_qweb_broken')
        self.assertEqual(caught.exception.line, 2)
        self.assertIn('no_such_field', str(caught.exception))

    def test_groups_attribute_follows_the_user(self):
        arch = etree.fromstring('<t t-name="x"><b groups="base.group_system">admin</b><i>all</i></t>')
        user = self.env['res.users'].create({'name': 'Q', 'login': 'qweb_groups_user',
                                             'groups_id': [(6, 0, [self.env.ref('base.group_user').id])]})
        self.assertEqual(str(self.env['ir.qweb'].with_user(user)._render(arch, {})), '<i>all</i>')
        admin = self.env.ref('base.user_admin')
        self.assertEqual(str(self.env['ir.qweb'].with_user(admin)._render(arch, {})), '<b>admin</b><i>all</i>')
