"""Views (ir.ui.view): stored archs, their inheritance combined into the
final arch, and the validation that refuses an arch naming a field its
model lacks.
"""
from __future__ import annotations

import ast
import collections
import logging
import os
import re
import uuid

from lxml import etree
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.template_inheritance import apply_inheritance_specs, locate_node
from odoo.tools.translate import xml_translate

_logger = logging.getLogger(__name__)

VIEW_TYPES = [
    ('list', 'List'),
    ('form', 'Form'),
    ('graph', 'Graph'),
    ('pivot', 'Pivot'),
    ('calendar', 'Calendar'),
    ('kanban', 'Kanban'),
    ('search', 'Search'),
    ('qweb', 'QWeb'),
]

# sub-view tags that switch field validation to the comodel of their field
SUBVIEW_TAGS = ('list', 'tree', 'form', 'kanban', 'graph', 'pivot', 'calendar', 'search')

# attributes whose Python expression may name fields of the record
EXPRESSION_ATTRS = ('invisible', 'readonly', 'required', 'column_invisible')

# names usable in view expressions that are never fields
EXPRESSION_BUILTINS = frozenset({
    'True', 'False', 'None', 'context', 'parent', 'uid', 'today', 'now', 'current_date',
    'current_company_id', 'allowed_company_ids', 'id', 'time', 'datetime',
    'relativedelta', 'context_today', 'active_id', 'active_ids', 'active_model', 'record',
})


# a '<type>_view_ref': 'module.xmlid' item in a node's context attribute
VIEW_REF_RE = re.compile(r"""(['"])(?P<view_type>\w+_view_ref)\1\s*:\s*(['"])(?P<view_id>[.\w]+)\3""")


def _xpath_hasclass(context, *classes) -> bool:
    """ XPath ``hasclass('a', 'b')``: the node has all these CSS classes. """
    present = (context.context_node.get('class') or '').split()
    return set(classes) <= set(present)


# views' xpath expressions may use hasclass(), as in Odoo
etree.FunctionNamespace(None)['hasclass'] = _xpath_hasclass


def _addon_relative_path(filename: str) -> str | None:
    """ ``module/path/file.xml`` for a file inside an addon, as Odoo stores
    it in ``arch_fs``. """
    parts = os.path.normpath(filename).split(os.sep)
    for index in range(len(parts) - 1, 0, -1):
        folder = os.sep.join(parts[:index])
        if os.path.isfile(os.path.join(folder, '__manifest__.py')):
            return '/'.join(parts[index - 1:])
    return None


def expression_field_names(expression: str) -> set:
    """ Bare names an expression of a view attribute reads. """
    try:
        tree = ast.parse(expression.strip(), mode='eval')
    except SyntaxError:
        return set()
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == 'parent':
            names.discard('parent')
    return names - EXPRESSION_BUILTINS


class ViewCustom(models.Model):
    _name = 'ir.ui.view.custom'
    _description = 'Custom View'
    _order = 'create_date desc'
    _rec_name = 'user_id'
    _allow_sudo_commands = False

    ref_id = fields.Many2one('ir.ui.view', string='Original View', index=True, required=True, ondelete='cascade')
    user_id = fields.Many2one('res.users', string='User', index=True, required=True, ondelete='cascade')
    arch = fields.Text(string='View Architecture', required=True)


class View(models.Model):
    _name = 'ir.ui.view'
    _description = 'View'
    _order = "priority,name,id"
    _allow_sudo_commands = False

    name = fields.Char(string='View Name', required=True)
    model = fields.Char(index=True)
    key = fields.Char(index='btree_not_null')
    priority = fields.Integer(string='Sequence', default=16, required=True)
    type = fields.Selection(VIEW_TYPES, string='View Type')
    arch = fields.Text(compute='_compute_arch', inverse='_inverse_arch', string='View Architecture')
    arch_base = fields.Text(compute='_compute_arch_base', inverse='_inverse_arch_base',
                            string='Base View Architecture')
    arch_db = fields.Text(string='Arch Blob', translate=xml_translate)
    arch_fs = fields.Char(string='Arch Filename')
    arch_updated = fields.Boolean(string='Modified Architecture')
    arch_prev = fields.Text(string='Previous View Architecture')
    inherit_id = fields.Many2one('ir.ui.view', string='Inherited View', ondelete='restrict', index=True)
    inherit_children_ids = fields.One2many('ir.ui.view', 'inherit_id', string='Views which inherit from this one')
    model_data_id = fields.Many2one('ir.model.data', string="Model Data", compute='_compute_model_data_id')
    xml_id = fields.Char(string="External ID", compute='_compute_xml_id')
    groups_id = fields.Many2many('res.groups', 'ir_ui_view_group_rel', 'view_id', 'group_id', string='Groups')
    mode = fields.Selection([('primary', "Base view"), ('extension', "Extension View")],
                            string="View inheritance mode", default='primary', required=True)
    warning_info = fields.Html(string="Warning information", compute='_compute_warning_info')
    active = fields.Boolean(default=True)
    model_id = fields.Many2one("ir.model", string="Model of the view", compute='_compute_model_id',
                               inverse='_inverse_compute_model_id')

    _sql_constraints = [
        ('inheritance_mode',
         "CHECK (mode != 'extension' OR inherit_id IS NOT NULL)",
         "Invalid inheritance mode: if the mode is 'extension', the view must extend an other view"),
        ('qweb_required_key',
         "CHECK (type != 'qweb' OR key IS NOT NULL)",
         "A QWeb view needs a key."),
    ]

    @api.depends('arch_db')
    @api.depends_context('lang')
    def _compute_arch(self):
        for view in self:
            view.arch = view.arch_db

    def _inverse_arch(self):
        for view in self:
            data = {'arch_db': view.arch}
            relative = _addon_relative_path(self._context['install_filename']) \
                if 'install_filename' in self._context else None
            if relative:
                data['arch_fs'] = relative
                data['arch_updated'] = False
            view.write(data)

    @api.depends('arch')
    def _compute_arch_base(self):
        # the arch in the source language, whatever the context's language
        source = self.with_context(lang=None)
        for index, view in enumerate(self):
            view.arch_base = source[index].arch

    def _inverse_arch_base(self):
        source = self.with_context(lang=None)
        for index, view in enumerate(self):
            source[index].arch = view.arch_base

    def _compute_model_data_id(self):
        data = self.env['ir.model.data'].sudo().search_read(
            [('model', '=', 'ir.ui.view'), ('res_id', 'in', self.ids)], ['res_id'], order='id')
        first = {}
        for row in data:
            first.setdefault(row['res_id'], row['id'])
        for view in self:
            view.model_data_id = first.get(view.id, False)

    @api.depends('arch')
    def _compute_warning_info(self):
        """ Why the view would be refused now, if it would. """
        for view in self:
            view.warning_info = ''
            try:
                full = view._get_combined_arch()
                if view.model and view.type != 'qweb':
                    view._validate_view(full, view.model)
            except (etree.ParseError, ValueError) as exc:
                view.warning_info = view._describe_error(exc)

    @api.depends('model')
    def _compute_model_id(self):
        for view in self:
            view.model_id = self.env['ir.model']._get(view.model) if view.model else False

    def _inverse_compute_model_id(self):
        for view in self:
            view.model = view.model_id.model

    def _compute_xml_id(self):
        self.env.cr.execute("""
            SELECT DISTINCT ON (res_id) res_id, module || '.' || name FROM ir_model_data
             WHERE model = 'ir.ui.view' AND res_id = ANY(%s) ORDER BY res_id, id
        """, [list(self._origin.ids)])
        first = dict(self.env.cr.fetchall())
        for view in self:
            view.xml_id = first.get(view._origin.id, '')

    def _auto_init(self):
        res = super()._auto_init()
        self.env.cr.execute("""CREATE INDEX IF NOT EXISTS ir_ui_view_model_type_inherit_id
                               ON ir_ui_view (model, inherit_id)""")
        return res

    # ------------------------------------------------------------------
    # constraints
    # ------------------------------------------------------------------

    @api.constrains('arch_db')
    def _check_xml(self):
        """ Refuse an arch that does not parse, whose inheritance does not
        apply, or that names a field its model lacks. """
        for view in self:
            try:
                full = view._get_combined_arch()
            except (etree.ParseError, ValueError) as exc:
                raise ValidationError(_("View %(view)s cannot be parsed or combined:\n\n%(error)s",
                                        view=view._display_ref(), error=view._describe_error(exc))) from None
            if not view.model or view.type == 'qweb':
                continue
            if full.xpath('//*[@attrs or @states]'):
                raise ValidationError(_(
                    'View %(name)s (%(file)s) uses "attrs" or "states", which Odoo 17 and later ignore.',
                    name=view._display_ref(), file=view.arch_fs))
            try:
                view._validate_view(full, view.model)
            except ValueError as exc:
                raise ValidationError(_("Invalid view %(view)s:\n\n%(error)s",
                                        view=view._display_ref(), error=view._describe_error(exc))) from None
        return True

    @api.constrains('groups_id', 'inherit_id', 'mode')
    def _check_groups(self):
        for view in self:
            if view.groups_id and view.inherit_id and view.mode != 'primary':
                raise ValidationError(_("Inherited view cannot have 'Groups' define on the record. "
                                        "Use 'groups' attributes inside the view definition"))

    @api.constrains('inherit_id')
    def _check_000_inheritance(self):
        for view in self:
            chain = []
            ancestor = view
            while ancestor:
                if ancestor.id in chain:
                    raise ValidationError(_("View %s would inherit from itself.", view._display_ref()))
                chain.append(ancestor.id)
                ancestor = ancestor.inherit_id

    def _qualified_xmlid(self) -> str:
        """ The view's xml id, ``module.name``; while a data file loads, the
        one being loaded. """
        xmlid = self._context.get('install_xmlid') or self.xml_id or ''
        module = self._context.get('install_module')
        if xmlid and '.' not in xmlid and module:
            xmlid = f'{module}.{xmlid}'
        return xmlid

    def _display_ref(self) -> str:
        """ ``name (xml id)`` of the view, to name it in errors. """
        xmlid = self._qualified_xmlid()
        return f'{self.name} ({xmlid})' if xmlid else (self.name or str(self.id))

    def _describe_error(self, error: Exception) -> str:
        context = getattr(error, 'context', None)
        if not context:
            return str(error)
        lines = "\n".join(f"{key}: {value}" for key, value in context.items() if key != 'view')
        return f"{error}\n\nView error context:\n{lines}"

    def _raise_view_error(self, message: str, node=None, *, from_exception=None):
        """ Raise a ValueError whose ``context`` names the view (name, xml
        id, model, file) and the line of ``node``. """
        error = ValueError(message)
        parent = self.inherit_id
        error.context = dict(
            view=self,
            name=self.name,
            xmlid=self._qualified_xmlid(),
            file=self._context.get('install_filename') or self.arch_fs,
            line=1 if node is None else node.sourceline,
        )
        error.context['view.model'] = self.model
        error.context['view.parent'] = (parent.xml_id or parent.name) if parent else False
        raise error from from_exception

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    def _compute_defaults(self, values: dict) -> dict:
        # a view that starts inheriting becomes an extension unless told otherwise
        parent = values.get('inherit_id', None)
        if parent is not None and (not parent or not any(self.mapped('inherit_id'))):
            values.setdefault('mode', 'primary' if not parent else 'extension')
        return values

    @api.model_create_multi
    def create(self, vals_list):
        loading_file = self._context.get('install_filename')
        for values in vals_list:
            if not values.get('arch_db', True):
                values.pop('arch_db')
            source = values.get('arch') or values.get('arch_base') or values.get('arch_db')
            if not values.get('type'):
                values['type'] = self._guess_type(values, source)
            if values.get('type') == 'qweb' and not values.get('key'):
                values['key'] = f"gen_key.{uuid.uuid4().hex[:6]}"
            values.setdefault('name', False)
            values['name'] = values['name'] or f"{values.get('model')} {values.get('type')}"
            values['arch_prev'] = source
            if 'arch' in values:
                values['arch_db'] = values.pop('arch')
                relative = loading_file and _addon_relative_path(loading_file)
                if relative:
                    values.update(arch_fs=relative, arch_updated=False)
            values.update(self._compute_defaults(values))
        self.env.registry.clear_cache('templates')
        return super().create(vals_list)

    def _guess_type(self, values: dict, source) -> str | None:
        """ The view type a new view gets: its parent's, or its root tag. """
        if values.get('inherit_id'):
            return self.browse(values['inherit_id']).type
        if not source:
            raise ValidationError(_("View %s has no architecture.", values.get('name') or values.get('model')))
        try:
            tag = etree.fromstring(source).tag
        except etree.LxmlError:
            return None  # _check_xml reports it with the view's name
        return 'list' if tag == 'tree' else tag

    def write(self, vals):
        if 'arch_updated' not in vals and ('arch' in vals or 'arch_base' in vals) \
                and 'install_filename' not in self._context:
            vals['arch_updated'] = True
        custom = self.env['ir.ui.view.custom'].sudo().search([('ref_id', 'in', self.ids)])
        if custom:
            custom.unlink()
        self.env.registry.clear_cache('templates')
        keep_previous = 'arch_db' in vals and not self._context.get('no_save_prev')
        if keep_previous:
            vals['arch_prev'] = self.arch_db if len(self) == 1 else False
        res = super().write(self._compute_defaults(vals))
        if vals.get('active'):
            self._check_xml()
        return res

    def unlink(self):
        if self.env.context.get('_force_unlink') and self.inherit_children_ids:
            self.inherit_children_ids.unlink()
        self.env.registry.clear_cache('templates')
        return super().unlink()

    # ------------------------------------------------------------------
    # lookup and inheritance
    # ------------------------------------------------------------------

    @api.model
    def default_view(self, model: str, view_type: str) -> int:
        """ Id of the primary view of ``model`` and ``view_type`` with the
        lowest priority, or False. """
        wanted = 'list' if view_type == 'tree' else view_type
        best = self.search([('mode', '=', 'primary'), ('model', '=', model), ('type', '=', wanted)], limit=1)
        return best.id

    @api.model
    def _get_inheriting_views_domain(self) -> list:
        return [('active', '=', True)]

    def _get_inheriting_views(self):
        """ The views extending ``self`` (recursively, extensions on the same
        model), ordered by priority then id. """
        if not self.ids:
            return self.browse()
        self.flush_model(['inherit_id', 'priority', 'model', 'mode', 'active'])
        self.env.cr.execute("""
            WITH RECURSIVE tree(id, priority, model) AS (
                SELECT id, priority, model FROM ir_ui_view WHERE active AND id IN %s
                UNION
                SELECT child.id, child.priority, child.model
                  FROM ir_ui_view child, tree
                 WHERE child.inherit_id = tree.id AND child.active AND child.mode = 'extension'
                   AND child.model IS NOT DISTINCT FROM tree.model
            )
            SELECT id FROM tree ORDER BY priority, id
        """, [tuple(self.ids)])
        views = self.browse([row[0] for row in self.env.cr.fetchall()])
        if getattr(self.env.registry, '_init', False) and not self._context.get('load_all_views'):
            views = views._filter_loaded_views()
        return views

    def _filter_loaded_views(self):
        """ While modules load, only views of already loaded modules apply:
        a later module's view may need fields not set up yet. """
        check_view_ids = set(self.env.context.get('check_view_ids') or ())
        ids_to_check = [vid for vid in self.ids if vid not in check_view_ids]
        if not ids_to_check:
            return self
        loaded = tuple(getattr(self.env.registry, '_init_modules', ()) or ()) + \
            (self._context.get('install_module') or '',)
        self.env.cr.execute("""
            SELECT res_id FROM ir_model_data
             WHERE res_id IN %s AND model = 'ir.ui.view' AND module IN %s
        """, [tuple(ids_to_check), loaded])
        valid = {row[0] for row in self.env.cr.fetchall()} | check_view_ids
        # views created without an xml id (by hand, by tests) always apply
        self.env.cr.execute("""
            SELECT v.id FROM ir_ui_view v
             WHERE v.id IN %s AND NOT EXISTS (
                SELECT 1 FROM ir_model_data d WHERE d.model = 'ir.ui.view' AND d.res_id = v.id)
        """, [tuple(ids_to_check)])
        valid |= {row[0] for row in self.env.cr.fetchall()}
        return self.browse([vid for vid in self.ids if vid in valid])

    # ------------------------------------------------------------------
    # QWeb templates (the QWeb engine reads them through these)
    # ------------------------------------------------------------------

    def _read_template_keys(self) -> list:
        """ Context keys that change what ``_read_template`` returns. """
        return ['lang', 'inherit_branding', 'edit_translations']

    @api.model
    def _read_template(self, view_id: int) -> str:
        """ The combined arch of a template, as text. """
        return etree.tostring(self.browse(view_id)._get_combined_arch(), encoding='unicode')

    @api.model
    def _get_view_id(self, template) -> int:
        """ The id of ``template``: a view id, a view ``key`` or an xml id. """
        if isinstance(template, int):
            return template
        if '.' not in template:
            raise ValueError(f'Invalid template id: {template!r}')
        by_key = self.sudo().search([('key', '=', template)], limit=1)
        if by_key:
            return by_key.id
        model, res_id = self.env['ir.model.data']._xmlid_to_res_model_res_id(template, raise_if_not_found=True)
        if model != self._name:
            raise ValueError(f'{template} is a {model}, not a view')
        return res_id

    @api.model
    def _get(self, view_ref):
        """ The view ``view_ref`` designates (id, key or xml id). """
        return self.browse(self._get_view_id(view_ref))

    def _render_template(self, template, values=None):
        return self.env['ir.qweb']._render(template, values)

    @api.model
    def _validate_module_views(self, module: str) -> None:
        """ After a module's update, check the views it loaded but did not
        rewrite (noupdate xml ids): a field they name may have left the model.
        Views of modules not loaded yet are left out of the combined arch, as
        their fields do not exist in the registry at this point. """
        names = [xmlid.split('.', 1)[1] for xmlid in self.pool.loaded_xmlids
                 if xmlid.split('.', 1)[0] == module]
        if not names:
            return
        self.env.cr.execute("""
            SELECT data.res_id FROM ir_model_data data
             WHERE data.model = 'ir.ui.view' AND data.noupdate
               AND data.module = %s AND data.name = ANY(%s)
        """, [module, names])
        for view in self.browse([row[0] for row in self.env.cr.fetchall()]).exists():
            view._check_xml()

    def locate_node(self, arch, spec):
        return locate_node(arch, spec)

    def apply_inheritance_specs(self, source, specs_tree, pre_locate=lambda s: True):
        """ Apply the specs of an inheriting arch to ``source``; an error
        names this view. """
        try:
            return apply_inheritance_specs(source, specs_tree, pre_locate=pre_locate)
        except ValueError as e:
            self._raise_view_error(str(e), specs_tree, from_exception=e)

    def _combine(self, hierarchy: dict):
        """ ``self``'s arch with its extensions applied depth first; primary
        children are applied after all extensions of their parent. """
        self.ensure_one()
        result = etree.fromstring(self.arch)
        # extensions first (depth first), primary children once their parent is complete
        todo = collections.deque(child for child in hierarchy[self] if child.mode == 'extension')
        todo.extend(child for child in hierarchy[self] if child.mode == 'primary')
        while todo:
            current = todo.popleft()
            specs = etree.fromstring(current.arch or '<data/>')
            result = current.apply_inheritance_specs(result, specs)
            children = hierarchy[current]
            todo.extendleft(reversed([c for c in children if c.mode != 'primary']))
            todo.extend(c for c in children if c.mode == 'primary')
        return result

    def get_combined_arch(self) -> str:
        combined = self._get_combined_arch()
        return etree.tostring(combined, encoding='unicode')

    def _get_combined_arch(self):
        """ The arch of ``self`` (an lxml element) with the inheritance of
        all its ancestors and extensions applied. """
        self.ensure_one()
        lineage = []
        top = self
        while top:
            if top.id in lineage:
                raise ValidationError(_("View %s would inherit from itself.", self._display_ref()))
            lineage.append(top.id)
            if not top.inherit_id:
                break
            top = top.inherit_id
        # the views being combined always apply, even while their module loads
        forced = list(self._context.get('check_view_ids') or ()) + lineage
        related = self.browse(lineage).with_context(check_view_ids=forced)._get_inheriting_views()
        children_of = collections.defaultdict(list)
        for member in related:
            children_of[member.inherit_id].append(member)
        return top.with_context(check_view_ids=forced)._combine(children_of)

    # ------------------------------------------------------------------
    # validation
    # ------------------------------------------------------------------

    def _validate_view(self, node, model_name: str) -> None:
        """ Check that every field ``node`` names exists on its model;
        raise a ValueError naming the field, the model and this view. """
        if model_name not in self.env:
            self._raise_view_error(_('Model not found: %(model)s', model=model_name), node)
        self._validate_node(node, self.env[model_name], in_subview=False)

    def _validate_node(self, node, model, in_subview: bool) -> None:
        for child in node:
            if not isinstance(child.tag, str):
                continue
            if child.tag == 'field':
                name = child.get('name')
                if not name:
                    self._raise_view_error(_('Field tag must have a "name" attribute defined'), child)
                field = model._fields.get(name)
                if field is None:
                    self._raise_view_error(_('Field "%(field_name)s" does not exist in model "%(model_name)s"',
                                             field_name=name, model_name=model._name), child)
                comodel_name = getattr(field, 'comodel_name', None)
                if comodel_name and comodel_name in self.env and len(child):
                    self._validate_node(child, self.env[comodel_name], in_subview=True)
                continue
            if child.tag == 'label' and child.get('for') and child.get('for') not in model._fields \
                    and not node.getroottree().xpath('//*[@id=$id]', id=child.get('for')):
                self._raise_view_error(_('Label tag must contain a "for". To match label style without '
                                         'corresponding field or button, use \'class="o_form_label"\'.'), child)
            if child.tag == 'button' and child.get('type') == 'object' and child.get('name'):
                method = child.get('name')
                if method.startswith('_') or not callable(getattr(model, method, None)):
                    self._raise_view_error(_('"%(method)s" is not a valid action on %(model)s',
                                             method=method, model=model._name), child)
            if child.tag in ('groupby',):
                field = model._fields.get(child.get('name'))
                if field is None:
                    self._raise_view_error(_('Field "%(field_name)s" does not exist in model "%(model_name)s"',
                                             field_name=child.get('name'), model_name=model._name), child)
                if getattr(field, 'comodel_name', None) in self.env:
                    self._validate_node(child, self.env[field.comodel_name], in_subview=True)
                continue
            self._validate_node(child, model, in_subview)

    # ------------------------------------------------------------------
    # rendering helpers used by get_view
    # ------------------------------------------------------------------

    def _postprocess_access_rights(self, tree):
        """ Remove the nodes whose ``groups`` the current user is not in. """
        cache = {}
        for node in tree.xpath('//*[@groups]'):
            spec = node.attrib.pop('groups')
            if spec not in cache:
                cache[spec] = self.env.user.sudo().has_groups(spec) if hasattr(
                    type(self.env.user), 'has_groups') else self._user_has_groups(spec)
            if not cache[spec]:
                parent = node.getparent()
                if parent is not None:
                    parent.remove(node)
        return tree

    def _get_view_refs(self, node) -> dict:
        """ The ``<type>_view_ref`` items of a field node's context. """
        if not node.get('context'):
            return {}
        return {m.group('view_type'): m.group('view_id') for m in VIEW_REF_RE.finditer(node.get('context'))}

    def _user_has_groups(self, spec: str) -> bool:
        """ Whether the current user matches a ``groups`` attribute value:
        in one of the listed groups, and in none of the ``!`` ones. """
        if self.env.su:
            return True
        positives, matched = False, False
        for xmlid in (g.strip() for g in spec.split(',') if g.strip()):
            negate = xmlid.startswith('!')
            has = self.env.user.has_group(xmlid[1:] if negate else xmlid)
            if negate and has:
                return False
            if not negate:
                positives = True
                matched = matched or has
        return matched or not positives

