"""Views seen from every model: ``get_view`` / ``get_views`` (the combined,
post-processed arch and the fields it uses), default views when a model
has none, and the helpers the web client and ``Form`` rely on.
"""
from __future__ import annotations

import collections
import logging

from lxml import etree
from lxml.builder import E
from odoo import _, api, models, tools
from odoo.exceptions import UserError

from .ir_ui_view import EXPRESSION_ATTRS, expression_field_names

_logger = logging.getLogger(__name__)

# field attributes get_views returns to the client (Odoo 18's list)
VIEW_FIELD_ATTRIBUTES = [
    'change_default', 'context', 'currency_field', 'definition_record', 'definition_record_field', 'digits',
    'domain', 'aggregator', 'groups', 'help', 'model_field', 'name', 'readonly', 'related', 'relation',
    'relation_field', 'required', 'searchable', 'selection', 'size', 'sortable', 'store', 'string',
    'translate', 'trim', 'type', 'groupable',
]

MULTI_RECORD_TAGS = ('list', 'kanban')


class Base(models.AbstractModel):
    _inherit = 'base'

    _date_name = 'date'

    # ------------------------------------------------------------------
    # default views
    # ------------------------------------------------------------------

    def _rec_name_fallback(self) -> str:
        rec_name = self._rec_name
        if rec_name and rec_name in self._fields:
            return rec_name
        return 'name' if 'name' in self._fields else 'id'

    @api.model
    def _get_default_form_view(self):
        """ A form with every non-automatic field: short ones in two
        columns, long and x2many ones on their own line. """
        automatic = {'id', 'create_uid', 'create_date', 'write_uid', 'write_date', 'display_name'}
        wide_types = ('one2many', 'many2many', 'text', 'html')
        blocks = []       # ('columns', [names]) or ('wide', name), in field order
        for name, field in self._fields.items():
            if name in automatic or getattr(field, 'automatic', False):
                continue
            if field.type == "binary" and not field.store:
                continue
            if field.type in wide_types:
                blocks.append(('wide', name))
            elif blocks and blocks[-1][0] == 'columns':
                blocks[-1][1].append(name)
            else:
                blocks.append(('columns', [name]))
        sheet = E.sheet(string=self._description or self._name)
        for kind, content in blocks:
            if kind == 'wide':
                sheet.append(E.group(E.field(name=content)))
                continue
            # alternate the short fields between a left and a right column
            columns = E.group(E.group(*[E.field(name=n) for n in content[0::2]]))
            if content[1::2]:
                columns.append(E.group(*[E.field(name=n) for n in content[1::2]]))
            sheet.append(columns)
        sheet.append(E.group(E.separator()))
        return E.form(sheet)

    @api.model
    def _get_default_search_view(self):
        return E.search(E.field(name=self._rec_name_fallback()), string=self._description or self._name)

    @api.model
    def _get_default_list_view(self):
        return E.list(E.field(name=self._rec_name_fallback()), string=self._description or self._name)

    @api.model
    def _get_default_pivot_view(self):
        return E.pivot(string=self._description or self._name)

    @api.model
    def _get_default_kanban_view(self):
        card = E.t(E.field(name=self._rec_name_fallback()), {'t-name': "card"})
        return E.kanban(E.templates(card), string=self._description or self._name)

    @api.model
    def _get_default_graph_view(self):
        return E.graph(E.field(name=self._rec_name_fallback()), string=self._description or self._name)

    @api.model
    def _get_default_calendar_view(self):
        attrs = {}
        for attr, candidates in (
            ('date_start', [self._date_name, 'date', 'date_start', 'x_date', 'x_date_start']),
            ('color', ["user_id", "partner_id", "x_user_id", "x_partner_id"]),
            ('date_stop', ["date_stop", "date_end", "x_date_stop", "x_date_end"]),
            ('date_delay', ["date_delay", "planned_hours", "x_date_delay", "x_planned_hours"]),
        ):
            found = next((name for name in candidates if name in self._fields), None)
            if found:
                attrs[attr] = found
        if 'date_start' not in attrs or not ('date_stop' in attrs or 'date_delay' in attrs):
            raise UserError(_("Model %s lacks the date fields a default calendar view needs.", self._name))
        if 'date_stop' in attrs:
            attrs.pop('date_delay', None)
        return E.calendar(E.field(name=self._rec_name_fallback()),
                          string=self._description or self._name, **attrs)

    # ------------------------------------------------------------------
    # get_view / get_views
    # ------------------------------------------------------------------

    @api.model
    def get_views(self, views, options=None) -> dict:
        """ ``{'views': {type: view}, 'models': {model: {'fields': ...}}}``
        for the requested ``[(view_id, view_type)]``. """
        options = options or {}
        described = {kind: self.get_view(vid, kind, **options) for vid, kind in views}
        needed = collections.defaultdict(set)
        for described_view in described.values():
            for model_name, names in described_view.pop('models').items():
                needed[model_name].update(names)
        attributes = self._get_view_field_attributes()
        models_info = {
            model_name: {'fields': self.env[model_name].fields_get(allfields=list(names), attributes=attributes)}
            for model_name, names in needed.items()
        }
        if options.get('toolbar'):
            self._add_toolbars(described)
        if options.get('load_filters') and 'search' in described and 'ir.filters' in self.env:
            described['search']['filters'] = self.env['ir.filters'].get_filters(self._name, options.get('action_id'))
        return {'views': described, 'models': models_info}

    def _add_toolbars(self, described: dict) -> None:
        """ Put in each view the bound actions (``action``) and reports
        (``print``) that apply to its type. """
        for described_view in described.values():
            described_view['toolbar'] = {}
        bound = self.env['ir.actions.actions'].get_bindings(self._name)
        for binding, slot in (('report', 'print'), ('action', 'action')):
            for values in bound.get(binding, []):
                kinds = values.get('binding_view_types')
                for kind in (kinds.split(',') if kinds else list(described)):
                    if kind in described:
                        described[kind]['toolbar'].setdefault(slot, []).append(values)

    @api.model
    def _get_view(self, view_id=None, view_type='form', **options) -> tuple:
        """ ``(arch, view)``: the combined arch (an lxml element) of the view
        to use, and that view (empty when a default view was generated). """
        views = self.env['ir.ui.view'].sudo()
        view_type = 'list' if view_type == 'tree' else view_type
        if not view_id:
            view_ref = self._context.get(view_type + '_view_ref')
            if view_ref:
                if '.' in view_ref:
                    module, name = view_ref.split('.', 1)
                    self.env.cr.execute("""SELECT res_id FROM ir_model_data
                                           WHERE model = 'ir.ui.view' AND module = %s AND name = %s""",
                                        [module, name])
                    row = self.env.cr.fetchone()
                    if row:
                        view_id = row[0]
                else:
                    _logger.warning('%r requires a fully-qualified external id (got: %r for model %s).',
                                    view_type + '_view_ref', view_ref, self._name)
            if not view_id:
                view_id = views.default_view(self._name, view_type)
        if view_id:
            chosen = views.browse(view_id)
            return chosen._get_combined_arch(), chosen
        generator = getattr(self, f'_get_default_{view_type}_view', None)
        if generator is None:
            raise UserError(_("Model %(model)s has no %(type)s view and none can be generated.",
                              model=self._name, type=view_type))
        return generator(), views.browse()

    @api.model
    def _get_view_cache_key(self, view_id=None, view_type='form', **options) -> tuple:
        refs = tuple(sorted((k, v) for k, v in self.env.context.items() if k.endswith('_view_ref')))
        return (view_id, view_type, options.get('mobile'), self.env.lang) + refs

    @api.model
    @tools.ormcache('self._get_view_cache_key(view_id, view_type, **options)', cache='templates')
    def _get_view_cache(self, view_id=None, view_type='form', **options) -> dict:
        """ The post-processed view for all users (group filtering comes
        after the cache). """
        tree, view = self._get_view(view_id, view_type, **options)
        arch, used = self._get_view_postprocessed(view, tree, **options)
        used = self._get_view_fields(view_type or view.type, used)
        return {
            'arch': arch,
            'id': view.id,
            'model': self._name,
            'models': {model: tuple(names) for model, names in used.items()},
        }

    @api.model
    def get_view(self, view_id=None, view_type='form', **options) -> dict:
        """ ``{'arch', 'id', 'model', 'models'}`` of the requested view, with
        inheritance applied and the nodes the user may not see removed. """
        self.browse().check_access('read')
        cached = self._get_view_cache(view_id, view_type, **options)
        result = dict(cached, models={m: tuple(f) for m, f in cached['models'].items()})
        visible = self.env['ir.ui.view']._postprocess_access_rights(etree.fromstring(result['arch']))
        self._remove_forbidden_fields(visible)
        self._mark_operations_allowed(visible)
        result['arch'] = etree.tostring(visible, encoding="unicode").replace('\t', '')
        return result

    def _remove_forbidden_fields(self, root) -> None:
        """ Drop the field nodes whose field has ``groups`` the user is not
        in (reading them would be refused), in sub-views too. """
        if self.env.su:
            return
        user = self.env.user
        allowed = {}

        def walk(node, model):
            for child in list(node):
                if not isinstance(child.tag, str):
                    continue
                if child.tag != 'field':
                    walk(child, model)
                    continue
                field = model._fields.get(child.get('name'))
                if field is not None and field.groups:
                    if field.groups not in allowed:
                        allowed[field.groups] = user.has_groups(field.groups)
                    if not allowed[field.groups]:
                        node.remove(child)
                        continue
                comodel_name = getattr(field, 'comodel_name', None)
                walk(child, self.env[comodel_name] if comodel_name in self.env else model)

        walk(root, self)

    def _mark_operations_allowed(self, root) -> None:
        """ Tell the client which buttons to hide: ``create``, ``edit``,
        ``delete`` set to False on the root of a form, list or kanban the
        user may not perform (unless the view decides already). """
        if root.tag not in ('form', 'list', 'tree', 'kanban'):
            return
        for attribute, operation in (('create', 'create'), ('edit', 'write'), ('delete', 'unlink')):
            if root.get(attribute) is None and not self.browse().has_access(operation):
                root.set(attribute, 'False')

    def _get_view_postprocessed(self, view, arch, **options) -> tuple:
        """ Post-process ``arch`` for this model: embed the list view of
        visible x2many fields of forms, add the fields attribute expressions
        read, flag the fields that trigger onchanges. Return
        ``(arch_string, {model: set(field names)})``. """
        used = collections.defaultdict(set)
        self._postprocess_node(arch, self, used, view_type=arch.tag, options=options, top=True)
        if arch.tag in ('form', 'list', 'kanban'):
            self._postprocess_on_change(arch)
        return etree.tostring(arch, encoding="unicode").replace('\t', ''), used

    def _postprocess_node(self, root, model, used, view_type: str, options: dict, top: bool) -> None:
        """ Walk one (sub)view rooted at ``root`` on ``model``. """
        names_in_view = set()
        needed = {}
        stack = [root]
        while stack:
            node = stack.pop()
            if not isinstance(node.tag, str):
                continue
            for attr, expr in node.items():
                if attr not in EXPRESSION_ATTRS and not attr.startswith('decoration-'):
                    continue
                if expr and expr not in ('1', '0', 'True', 'False'):
                    for name in expression_field_names(expr):
                        if name in model._fields:
                            needed.setdefault(name, (attr, expr))
            if node.tag == 'field' and node is not root:
                name = node.get('name')
                field = model._fields.get(name)
                names_in_view.add(name)
                if field is None:
                    continue
                used[model._name].add(name)
                comodel_name = getattr(field, 'comodel_name', None)
                if comodel_name and comodel_name in self.env:
                    comodel = self.env[comodel_name]
                    if field.type in ('one2many', 'many2many') and view_type == 'form' and top \
                            and not node.get('widget') and node.get('invisible') not in ('1', 'True'):
                        self._embed_missing_subview(field, node, options)
                    for child in node:
                        if isinstance(child.tag, str) and child.tag in ('form', 'list', 'tree', 'kanban',
                                                                        'graph', 'calendar'):
                            self._postprocess_node(child, comodel, used, view_type=child.tag,
                                                   options=options, top=False)
                continue
            if node.tag in ('groupby',):
                continue
            stack.extend(reversed(list(node)))
        for name, (attr, expr) in needed.items():
            if name in names_in_view:
                continue
            used[model._name].add(name)
            invisible_attr = 'column_invisible' if root.tag == 'list' else 'invisible'
            extra = etree.Element('field', {
                'name': name, invisible_attr: 'True', 'readonly': 'True',
                'data-used-by': f"{attr}={expr!r}",
            })
            extra.tail = '\n'
            root.append(extra)

    def _embed_missing_subview(self, field, node, options: dict) -> None:
        """ Put the comodel's list (or kanban) view inside an x2many field
        node that has none, so clients need no second request. """
        present = [child.tag for child in node.xpath("./*[descendant::field]")]
        modes = node.get('mode', 'kanban,list').split(',')
        if any(mode in present for mode in modes):
            return
        view_type = node.get('mode', 'kanban' if options.get('mobile') else 'list').split(',')[0]
        refs = self.env['ir.ui.view']._get_view_refs(node)
        comodel = self.env[field.comodel_name].with_context(
            **{f'{view_type}_view_ref': refs.get(f'{view_type}_view_ref')})
        arch, _view = comodel._get_view(view_type=view_type)
        node.append(arch)

    def _postprocess_on_change(self, arch) -> None:
        """ Set ``on_change="1"`` on field nodes whose change must trigger
        an onchange in presence of the other fields of the view. """
        nodes_of = collections.defaultdict(list)
        pending = [(arch, self)]
        while pending:
            element, owner = pending.pop()
            if element.tag == 'field':
                described = owner._fields.get(element.get('name'))
                if described is not None:
                    nodes_of[described].append(element)
                    if getattr(described, 'comodel_name', None) in self.env:
                        owner = self.env[described.comodel_name]
            pending.extend((child, owner) for child in element if isinstance(child.tag, str))
        for described, elements in nodes_of.items():
            if self._triggers_onchange(described, nodes_of):
                for element in elements:
                    if not element.get('on_change'):
                        element.set('on_change', '1')

    def _triggers_onchange(self, field, others) -> bool:
        """ Whether a change of ``field`` must run an onchange when the
        fields ``others`` are shown: it has onchange methods, or some shown
        field is computed from it. """
        owner = self.env[field.model_name]
        has_onchange = getattr(owner, '_has_onchange', None)
        if has_onchange is not None:
            return has_onchange(field, others)
        if field.name in (getattr(type(owner), '_onchange_methods', None) or {}):
            return True
        triggers = getattr(self.env.registry, 'field_triggers', None) or {}
        return any(dependent in others for dependent, _path in triggers.get(field, ()))

    @api.model
    def _get_view_fields(self, view_type, used) -> dict:
        """ The field names the client needs per model, by view type. """
        if view_type in ('form', 'list', 'kanban'):
            for model_name, names in used.items():
                names.add('id')
                names.update(n for n in ('write_date',) if n in self.env[model_name]._fields)
        elif view_type == 'search':
            used[self._name] = set(self._fields)
        elif view_type == 'graph':
            used[self._name] |= {n for n, f in self._fields.items() if f.type in ('integer', 'float')}
        return used

    @api.model
    def _get_view_field_attributes(self) -> list:
        return list(VIEW_FIELD_ATTRIBUTES)

    @api.model
    def view_header_get(self, view_id=None, view_type='form'):
        return False

    # ------------------------------------------------------------------
    # actions and specs derived from views
    # ------------------------------------------------------------------

    def get_formview_id(self, access_uid=None):
        return False

    def get_formview_action(self, access_uid=None) -> dict:
        form_id = self.sudo().get_formview_id(access_uid=access_uid)
        return dict(type='ir.actions.act_window', res_model=self._name, res_id=self.id,
                    views=[(form_id, 'form')], target='current', context=dict(self._context))

    def _get_records_action(self, **kwargs) -> dict:
        action = dict(type='ir.actions.act_window', res_model=self._name, target='current',
                      context=dict(self._context), views=[(False, 'form')])
        ids = self.ids  # new records have no id and are left out
        if len(ids) == 1:
            action['res_id'] = ids[0]
        elif ids:
            action.update(views=[(False, 'list'), (False, 'form')], domain=[('id', 'in', ids)])
        action.update(kwargs)
        return action

    @api.model
    def _onchange_spec(self, view_info=None) -> dict:
        """ ``{dotted field path: on_change flag}`` of a view's fields. """
        result = {}

        def process(node, prefix):
            if node.tag == 'field':
                name = node.attrib['name']
                path = "%s.%s" % (prefix, name) if prefix else name
                if not result.get(path):
                    result[path] = node.attrib.get('on_change')
                for child_view in node.xpath("./*[descendant::field]"):
                    process(child_view, path)
            else:
                for child in node:
                    if isinstance(child.tag, str):
                        process(child, prefix)

        if view_info is None:
            view_info = self.get_view()
        process(etree.fromstring(view_info['arch']), '')
        return result

    @api.model
    def _get_fields_spec(self, view_info=None) -> dict:
        """ The ``web_read`` fields specification of a view's fields. """
        def fill_spec(node, model, spec):
            if node.tag == 'field':
                name = node.attrib['name']
                field_spec = spec.setdefault(name, {})
                field = model._fields.get(name)
                if field is not None:
                    sub = {}
                    if field.type == 'many2one':
                        sub.setdefault('display_name', {})
                    if getattr(field, 'comodel_name', None) in model.env:
                        comodel = model.env[field.comodel_name]
                        for child in node:
                            if isinstance(child.tag, str):
                                fill_spec(child, comodel, sub)
                    if field.type == 'one2many':
                        sub.pop(field.inverse_name, None)
                    if sub:
                        field_spec.setdefault('fields', {}).update(sub)
            else:
                for child in node:
                    if isinstance(child.tag, str):
                        fill_spec(child, model, spec)

        if view_info is None:
            view_info = self.get_view()
        result = {}
        fill_spec(etree.fromstring(view_info['arch']), self, result)
        return result
