"""What custom fields are added to (customers, contacts, products), with the
object's own name, the layout of its list columns and the views generated
from all of it.

The generated views are ordinary inherited views (``mode='extension'``) of
the target's list, form and search views; their arch is rebuilt from the
configuration after every change, so that Odoo 18 Community shows the same."""
from lxml import etree
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .tianchi_custom_field import check_custom_field_admin

# generated view kind -> (base view field, generated view field)
VIEW_KINDS = {
    'list': ('list_view_id', 'generated_list_view_id'),
    'form': ('form_view_id', 'generated_form_view_id'),
    'search': ('search_view_id', 'generated_search_view_id'),
}


class TianchiCustomFieldTarget(models.Model):
    _name = 'tianchi.custom.field.target'
    _description = "Custom Field Target"
    _order = 'sequence, id'

    name = fields.Char(string="Object Name", required=True, translate=True,
                       help="The name of the object in menus and window titles, "
                            "e.g. “Project Tracking Sheet” instead of “Customers”.")
    code = fields.Selection([('customer', 'Customers'), ('contact', 'Contacts'), ('product', 'Products')],
                            required=True, readonly=True)
    sequence = fields.Integer(default=10)
    model_name = fields.Char(string="Model", required=True, readonly=True)
    currency_field = fields.Char(readonly=True, help="The currency of the amounts of this object.")
    action_id = fields.Many2one('ir.actions.act_window', string="Action", readonly=True, ondelete='set null')
    menu_ids = fields.Many2many('ir.ui.menu', string="Menus", readonly=True)
    list_view_id = fields.Many2one('ir.ui.view', string="List View", readonly=True, ondelete='set null')
    list_path = fields.Char(default='/list', readonly=True,
                            help="Where the columns are in the list view (an XPath).")
    form_view_id = fields.Many2one('ir.ui.view', string="Form View", readonly=True, ondelete='set null')
    form_anchor = fields.Char(default='//sheet/notebook', readonly=True,
                              help="The form's custom fields come before this node (an XPath).")
    search_view_id = fields.Many2one('ir.ui.view', string="Search View", readonly=True, ondelete='set null')
    generated_list_view_id = fields.Many2one('ir.ui.view', readonly=True, ondelete='set null', copy=False)
    generated_form_view_id = fields.Many2one('ir.ui.view', readonly=True, ondelete='set null', copy=False)
    generated_search_view_id = fields.Many2one('ir.ui.view', readonly=True, ondelete='set null', copy=False)
    custom_field_ids = fields.One2many('tianchi.custom.field', 'target_id', string="Custom Fields")
    column_ids = fields.One2many('tianchi.custom.field.column', 'target_id', string="Columns")

    def write(self, vals):
        check_custom_field_admin(self.env)
        result = super().write(vals)
        if 'name' in vals:
            for target in self:
                # the action and menus take the name in the language being written
                if target.action_id:
                    target.action_id.sudo().name = target.name
                if target.menu_ids:
                    target.menu_ids.sudo().name = target.name
        if 'column_ids' in vals:
            self._regenerate_views()
        return result

    def action_load_columns(self):
        """Add a column line for each column of the list view not configured yet."""
        check_custom_field_admin(self.env)
        IrFields = self.env['ir.model.fields']
        for target in self:
            if not target.list_view_id:
                continue
            base = target._base_arch(target.list_view_id)
            known = set(target.column_ids.field_id.mapped('name'))
            custom = set(target.custom_field_ids.field_id.mapped('name'))
            values = []
            sequence = max(target.column_ids.mapped('sequence') or [0])
            for node in base.xpath(f"{target.list_path}/field"):
                fname = node.get('name')
                if fname in known or fname in custom or node.get('column_invisible') in ('1', 'True', 'true'):
                    continue
                field = IrFields._get(target.model_name, fname)
                if not field:
                    continue
                sequence += 10
                known.add(fname)
                values.append({'target_id': target.id, 'field_id': field.id, 'sequence': sequence})
            self.env['tianchi.custom.field.column'].create(values)
        return True

    # ------------------------------------------------------------------
    # generated views
    # ------------------------------------------------------------------

    def _generated_views(self):
        return self.generated_list_view_id | self.generated_form_view_id | self.generated_search_view_id

    def _base_arch(self, view):
        """The combined arch of ``view`` as other modules make it, without
        the views generated here."""
        generated = self.search([])._generated_views().sudo().filtered('active')
        generated.write({'active': False})
        try:
            return view.sudo()._get_combined_arch()
        finally:
            generated.write({'active': True})

    @api.model
    def _regenerate_all_views(self):
        """After an upgrade of the addon: the base views may have changed."""
        self.sudo().search([])._regenerate_views()

    def _regenerate_views(self):
        """Rebuild the generated views of these targets from their configuration."""
        View = self.env['ir.ui.view'].sudo()
        for target in self.sudo():
            for kind, (base_fname, generated_fname) in VIEW_KINDS.items():
                base_view = target[base_fname]
                generated = target[generated_fname]
                arch = None
                if base_view:
                    arch = getattr(target, f'_{kind}_arch')(target._base_arch(base_view))
                if arch is None:
                    if generated:
                        target[generated_fname] = False
                        generated.unlink()
                    continue
                arch = etree.tostring(arch, encoding='unicode', pretty_print=True)
                if generated:
                    if generated.arch_db != arch:
                        generated.arch_db = arch
                else:
                    target[generated_fname] = View.create({
                        'name': f"tianchi.custom.field.{target.code}.{kind}",
                        'model': target.model_name,
                        'inherit_id': base_view.id,
                        'mode': 'extension',
                        'priority': 99,
                        'arch_db': arch,
                    })

    def _shown_custom_fields(self, flag):
        removing = set(self._context.get('tianchi_custom_field_removing') or ())
        return self.custom_field_ids.filtered(
            lambda f: f.active and f[flag] and f.field_id and f.id not in removing).sorted(
            lambda f: (f.sequence, f.id))

    @staticmethod
    def _field_node(custom_field, **attrs):
        """The ``<field>`` of a custom field in a generated view."""
        node = etree.Element('field', name=custom_field.field_id.name)
        if custom_field.field_type == 'tags':
            node.set('widget', 'many2many_tags')
            node.set('options', "{'no_create': True, 'color_field': 'color'}")
        elif custom_field.field_type == 'many2one':
            node.set('options', "{'no_quick_create': True}")
        for key, value in attrs.items():
            node.set(key, value)
        return node

    def _list_arch(self, base):
        """Columns renamed, hidden and in order, then the custom fields."""
        arch = etree.Element('data')
        path = self.list_path
        if not base.xpath(path):
            return None
        columns = self.column_ids.filtered('field_id').sorted(lambda c: (c.sequence, c.id))
        customs = self._shown_custom_fields('show_in_list')
        if not columns and not customs:
            return None
        for column in columns:
            fname = column.field_id.name
            locator = f"{path}/field[@name='{fname}']"
            if not base.xpath(locator):
                continue
            attributes = {}
            if column.label:
                attributes['string'] = column.label
            attributes['column_invisible'] = 'False' if column.visible else 'True'
            spec = etree.SubElement(arch, 'xpath', expr=locator, position='attributes')
            for key, value in attributes.items():
                etree.SubElement(spec, 'attribute', name=key).text = value
        inside = etree.SubElement(arch, 'xpath', expr=path, position='inside')
        # one sequence for the columns and the custom fields
        items = [(c.sequence, 0, c.id, c) for c in columns] + [(f.sequence, 1, f.id, f) for f in customs]
        for _sequence, kind, _id, item in sorted(items, key=lambda i: i[:3]):
            if kind == 1:
                attrs = {'optional': 'show'}
                if item.required:
                    attrs['required'] = 'True'
                inside.append(self._field_node(item, **attrs))
                continue
            fname = item.field_id.name
            locator = f"{path}/field[@name='{fname}']"
            if base.xpath(locator):
                etree.SubElement(inside, 'xpath', expr=locator, position='move')
            elif item.visible:
                node = etree.SubElement(inside, 'field', name=fname, optional='show')
                if item.label:
                    node.set('string', item.label)
        return arch

    def _form_arch(self, base):
        """A group of the custom fields, and the columns' labels."""
        arch = etree.Element('data')
        customs = self._shown_custom_fields('show_in_form')
        for column in self.column_ids.filtered(lambda c: c.label and c.field_id):
            locator = f"//field[@name='{column.field_id.name}'][not(ancestor::field)]"
            if base.xpath(locator):
                spec = etree.SubElement(arch, 'xpath', expr=locator, position='attributes')
                etree.SubElement(spec, 'attribute', name='string').text = column.label
        if customs and base.xpath(self.form_anchor):
            spec = etree.SubElement(arch, 'xpath', expr=self.form_anchor, position='before')
            outer = etree.SubElement(spec, 'group', name='tianchi_custom_fields', string=_("More Information"))
            half = (len(customs) + 1) // 2
            for part in (customs[:half], customs[half:]):
                group = etree.SubElement(outer, 'group')
                for custom_field in part:
                    attrs = {'required': 'True'} if custom_field.required else {}
                    group.append(self._field_node(custom_field, **attrs))
        return arch if len(arch) else None

    def _search_arch(self, base):
        """The custom fields to search on, and to group by for choices and links."""
        customs = self._shown_custom_fields('show_in_search')
        if not customs or not base.xpath('/search'):
            return None
        arch = etree.Element('data')
        spec = etree.SubElement(arch, 'xpath', expr='/search', position='inside')
        for custom_field in customs:
            etree.SubElement(spec, 'field', name=custom_field.field_id.name)
        groupable = customs.filtered(lambda f: f.field_type in ('selection', 'many2one', 'date'))
        if groupable:
            group = etree.SubElement(spec, 'group', name='tianchi_custom_group_by', expand='0',
                                     string=_("Group By"))
            for custom_field in groupable:
                etree.SubElement(group, 'filter', name=f"group_by_{custom_field.field_id.name}",
                                 string=custom_field.name,
                                 context=repr({'group_by': custom_field.field_id.name}))
        return arch


class TianchiCustomFieldColumn(models.Model):
    _name = 'tianchi.custom.field.column'
    _description = "Custom Field Column"
    _order = 'target_id, sequence, id'

    target_id = fields.Many2one('tianchi.custom.field.target', required=True, ondelete='cascade', index=True)
    model_name = fields.Char(related='target_id.model_name')
    field_id = fields.Many2one('ir.model.fields', string="Field", required=True, ondelete='cascade',
                               domain="[('model', '=', model_name), ('ttype', 'not in', ['binary', 'one2many'])]")
    label = fields.Char(help="Shown instead of the field's own label.")
    sequence = fields.Integer(default=10)
    visible = fields.Boolean(default=True)

    _sql_constraints = [
        ('field_uniq', 'unique(target_id, field_id)', "A field has one column line per object."),
    ]

    @api.constrains('field_id', 'target_id')
    def _check_field_model(self):
        for column in self:
            if column.field_id.model != column.target_id.model_name:
                raise ValidationError(_("The field %(field)s is not a field of %(target)s.",
                                        field=column.field_id.name, target=column.target_id.name))

    @api.model_create_multi
    def create(self, vals_list):
        check_custom_field_admin(self.env)
        columns = super().create(vals_list)
        columns.target_id._regenerate_views()
        return columns

    def write(self, vals):
        check_custom_field_admin(self.env)
        targets = self.target_id
        result = super().write(vals)
        (targets | self.target_id)._regenerate_views()
        return result

    def unlink(self):
        check_custom_field_admin(self.env)
        targets = self.target_id
        result = super().unlink()
        targets.exists()._regenerate_views()
        return result
