"""Form views: one record rendered from a ``<form>`` arch — header with
statusbar and buttons, sheet, groups, notebook pages, one2many lines
editable in place, chatter — as a single HTML form posted (via htmx) to
``/web/client/form/save``, which saves everything in one transaction.
``invisible`` / ``readonly`` / ``required`` are evaluated here against the
record's values."""
from __future__ import annotations

import logging
import re
from typing import Any

from odoo import _
from odoo.tools.safe_eval import safe_eval

from . import fields_html, layout
from .actions import WindowAction, bound_actions
from .arch import View, field_nodes, load_views
from .expressions import evaluate, field_domain, record_values
from .html import Markup, attrs, join
from .kanban_fields import field_options

LAYOUT_TAGS = {'div', 'span', 'p', 'h1', 'h2', 'h3', 'h4', 'strong', 'em', 'small', 'b', 'i', 'br', 'hr', 'a', 'img', 'ul', 'li', 'table', 'tr', 'td', 'th', 'tbody', 'thead'}
_logger = logging.getLogger(__name__)
ACTION_REF = re.compile(r'^%\((.+)\)d$')
# a statusbar shows at most this many records of its many2one's model
STATUSBAR_LIMIT = 40


class FormRenderer:
    """Renders one record through one form view."""

    def __init__(self, env: Any, view: View, record: Any, context: dict, readonly_all: bool = False) -> None:
        self.env = env
        self.view = view
        self.record = record
        self.context = context
        self.values = record_values(record, list(view.fields))
        self.readonly_all = readonly_all
        self.tab_counter = 0
        self.deleted_lines: dict[str, list[int]] = {}    # one2many lines removed since the page was drawn
        self.line_keys: dict[str, list[str]] = {}        # the form's own keys of the lines, kept across redraws
        self.live_fields = modifier_fields(view.root)
        self.close_url = ''      # where a button with special="cancel" leads (the page that opened a wizard)

    # -- modifiers -----------------------------------------------------
    def _is(self, node: Any, modifier: str) -> bool:
        return evaluate(node.get(modifier), self.values, self.context, f"{self.view.model} form {node.tag} {node.get('name', '')} {modifier}")

    def field_state(self, node: Any) -> tuple[bool, bool]:
        """(readonly, required) of a field node for the current values."""
        info = self.view.fields.get(node.get('name'), {})
        readonly = self.readonly_all or self._is(node, 'readonly') if node.get('readonly') is not None else (
            self.readonly_all or bool(info.get('readonly')))
        required = self._is(node, 'required') if node.get('required') is not None else bool(info.get('required'))
        return bool(readonly), bool(required) and not readonly

    # -- nodes ----------------------------------------------------------
    def children(self, node: Any) -> Markup:
        return join(self.node(child) for child in node if isinstance(child.tag, str))

    def node(self, node: Any) -> Markup:
        if node.get('invisible') is not None and self._is(node, 'invisible'):
            return Markup('')
        handler = getattr(self, f"tag_{node.tag}", None)
        if handler is not None:
            return handler(node)
        if node.tag in LAYOUT_TAGS:
            return self.tag_html(node)
        return self.children(node)

    def tag_html(self, node: Any) -> Markup:
        klass = node.get('class', '')
        if 'oe_button_box' in klass:
            return Markup('<div class="o_button_box d-flex flex-wrap gap-1 justify-content-end mb-2">{}</div>').format(self.children(node))
        if 'oe_title' in klass:
            return Markup('<div class="o_title mb-3">{}</div>').format(self.children(node))
        keep = {key: node.get(key) for key in ('class', 'style', 'title') if node.get(key)}
        if node.tag == 'img':
            return Markup('')        # images of archs point to addon statics we do not serve here
        tag = 'span' if node.tag == 'a' else node.tag
        text = Markup('{}').format(node.text or '')
        tail_free = join(Markup('{}{}').format(self.node(child), child.tail or '') for child in node if isinstance(child.tag, str))
        return Markup('<{0}{1}>{2}{3}</{0}>').format(tag, attrs(**{k + '_' if k == 'class' else k: v for k, v in keep.items()}),
                                                    text, tail_free)

    def tag_sheet(self, node: Any) -> Markup:
        return Markup('<div class="o_form_sheet card shadow-sm mx-auto p-3 p-md-4 mb-3">{}</div>').format(self.children(node))

    def tag_header(self, node: Any) -> Markup:
        buttons = join(self.node(child) for child in node if isinstance(child.tag, str) and child.tag != 'field')
        statusbar = join(self.node(child) for child in node if isinstance(child.tag, str) and child.tag == 'field')
        return Markup('<div class="o_form_statusbar d-flex flex-wrap justify-content-between align-items-center gap-2 mb-2">'
                      '<div class="d-flex flex-wrap gap-1">{}</div><div class="o_statusbar">{}</div></div>').format(buttons, statusbar)

    def tag_group(self, node: Any) -> Markup:
        inner_groups = [child for child in node if isinstance(child.tag, str) and child.tag == 'group']
        title = Markup('<h6 class="o_horizontal_separator text-uppercase text-secondary border-bottom pb-1 mt-2">{}</h6>').format(
            node.get('string')) if node.get('string') else ''
        if inner_groups and len(inner_groups) == len([c for c in node if isinstance(c.tag, str)]):
            cols = join(Markup('<div class="col-12 col-lg-6">{}</div>').format(self.node(child)) for child in node if isinstance(child.tag, str))
            return Markup('{}<div class="row o_group">{}</div>').format(title, cols)
        rows = []
        for child in node:
            if not isinstance(child.tag, str):
                continue
            if child.tag == 'field' and not child.get('nolabel') and not (child.get('invisible') and self._is(child, 'invisible')):
                rows.append(self.labelled_field(child))
            else:
                rows.append(Markup('<div class="mb-2">{}</div>').format(self.node(child)))
        return Markup('<div class="o_inner_group mb-2">{}{}</div>').format(title, join(rows))

    def labelled_field(self, node: Any) -> Markup:
        info = self.view.fields.get(node.get('name'), {})
        label = node.get('string') or info.get('string') or node.get('name')
        if info.get('type') == 'one2many' or node.get('widget') in ('one2many', 'section_and_note_one2many'):
            return Markup('<div class="mb-2"><div class="o_form_label mb-1">{}</div>{}</div>').format(label, self.tag_field(node))
        return Markup('<div class="row mb-2 align-items-center o_field_row"><label class="col-sm-4 col-form-label o_form_label py-1" for="o_field_{}">{}</label>'
                      '<div class="col-sm-8">{}</div></div>').format(node.get('name'), label, self.tag_field(node))

    def tag_label(self, node: Any) -> Markup:
        target = node.get('for')
        info = self.view.fields.get(target, {})
        return Markup('<label class="o_form_label" for="o_field_{}">{}</label>').format(target or '', node.get('string') or info.get('string') or '')

    def tag_separator(self, node: Any) -> Markup:
        return Markup('<h6 class="text-uppercase text-secondary border-bottom pb-1 mt-3">{}</h6>').format(node.get('string') or '')

    def tag_newline(self, node: Any) -> Markup:
        return Markup('')

    def tag_notebook(self, node: Any) -> Markup:
        pages = [page for page in node if isinstance(page.tag, str) and page.tag == 'page'
                 and not (page.get('invisible') is not None and self._is(page, 'invisible'))]
        self.tab_counter += 1
        tabs, panes = [], []
        for index, page in enumerate(pages):
            pane_id = f"o_page_{self.tab_counter}_{index}"
            tabs.append(Markup('<li class="nav-item" role="presentation"><button class="nav-link {}" data-bs-toggle="tab" data-bs-target="#{}" '
                               'type="button" role="tab">{}</button></li>').format('active' if not index else '', pane_id, page.get('string') or ''))
            panes.append(Markup('<div class="tab-pane fade {}" id="{}" role="tabpanel">{}</div>').format(
                'show active' if not index else '', pane_id, self.children(page)))
        return Markup('<div class="o_notebook mt-3"><ul class="nav nav-tabs flex-nowrap overflow-auto" role="tablist">{}</ul>'
                      '<div class="tab-content border border-top-0 rounded-bottom p-2 p-md-3">{}</div></div>').format(join(tabs), join(panes))

    def tag_footer(self, node: Any) -> Markup:
        return Markup('<div class="o_form_footer d-flex flex-wrap gap-1 border-top pt-3 mt-3">{}</div>').format(self.children(node))

    def special_button(self, node: Any) -> Markup:
        """A ``special="save"`` button saves the form; ``special="cancel"`` leaves it unsaved."""
        klass = node.get('class') or ''
        style = 'btn-primary' if 'btn-primary' in klass or 'oe_highlight' in klass else 'btn-secondary'
        label = node.get('string') or (_("Save") if node.get('special') == 'save' else _("Discard"))
        if node.get('special') == 'save':
            return Markup('<button type="submit" class="btn btn-sm {} o_form_button" name="button_call" value="save:">{}</button>').format(
                style, label)
        return Markup('<a class="btn btn-sm {} o_form_button o_form_button_special_cancel" href="{}">{}</a>').format(
            style, self.close_url or '.', label)

    def tag_button(self, node: Any) -> Markup:
        kind = node.get('type')
        name = node.get('name') or ''
        if node.get('special') in ('save', 'cancel'):
            return self.special_button(node)
        if kind not in ('object', 'action') or not name:
            return Markup('')
        if kind == 'action':
            matched = ACTION_REF.match(name)
            name = matched.group(1) if matched else name
        klass = node.get('class') or ''
        style = 'btn-primary' if 'btn-primary' in klass or 'oe_highlight' in klass else 'btn-secondary'
        if 'oe_stat_button' in klass:
            style = 'btn-outline-secondary'
        icon = Markup('<i class="bi bi-box-arrow-up-right me-1"></i>') if 'oe_stat_button' in klass else ''
        return Markup('<button type="submit" class="btn btn-sm {} o_form_button" name="button_call" value="{}:{}"{}>{}{}</button>').format(
            style, kind, name, attrs(data_confirm=node.get('confirm'), onclick='return !this.dataset.confirm || confirm(this.dataset.confirm)'),
            icon, node.get('string') or name)

    def tag_field(self, node: Any) -> Markup:
        name = node.get('name')
        info = self.view.fields.get(name)
        if info is None:
            return Markup('')
        widget = node.get('widget')
        if widget == 'statusbar':
            return self.statusbar(node, info)
        readonly, required = self.field_state(node)
        if widget == 'many2many_binary' and info['type'] == 'many2many':
            return Markup('<div class="o_field_widget" data-name="{}">{}</div>').format(
                name, fields_html.attachments_html(self.record, name, readonly=readonly))
        if info['type'] == 'one2many' or (info['type'] == 'many2many' and widget not in ('many2many_tags', 'many2many_checkboxes', None)):
            return self.x2many_lines(node, info, readonly)
        domain = field_domain(node.get('domain') or info.get('domain'), self.values, self.context,
                              f"{self.view.model} form {name}") if info['type'] in ('many2one', 'many2many') else None
        options = field_options(node)
        if info['type'] == 'many2many' and node.get('context'):
            options = {**options, 'context': self.field_context(node)}
        control = fields_html.input_html(self.record, name, info, widget, readonly=readonly, required=required,
                                         placeholder=node.get('placeholder'), domain=domain, options=options,
                                         force_save=force_saved(node) and not self.readonly_all)
        if node.getparent() is not None and node.getparent().tag in ('h1', 'h2'):
            control = Markup(str(control).replace('class="form-control"', 'class="form-control form-control-lg fw-semibold"', 1))
        return Markup('<div class="o_field_widget" data-name="{}"{}>{}</div>').format(
            name, Markup(' data-live="1"') if name in self.live_fields else '', control)

    def field_context(self, node: Any) -> dict:
        """The ``context`` attribute of a relational field for the current values (what its suggestions
        are searched with, as Odoo's); empty when it cannot be evaluated."""
        scope = {**self.values, 'context': dict(self.context), 'uid': self.env.uid}
        try:
            result = safe_eval(node.get('context'), scope)
        except Exception as exc:  # noqa: BLE001 - suggestions then come without it rather than failing the form
            _logger.warning("web client: cannot evaluate the context of %s.%s: %s", self.view.model, node.get('name'), exc)
            return {}
        return result if isinstance(result, dict) else {}

    def statusbar(self, node: Any, info: dict) -> Markup:
        name = node.get('name')
        current = self.values.get(name)
        visible = [v for v in (node.get('statusbar_visible') or '').split(',') if v]
        if info['type'] == 'many2one':
            comodel = self.env[info['relation']]
            # the field's domain for the current values, as Odoo's statusbar
            # (e.g. only the stages of the order's own type)
            domain = field_domain(node.get('domain') or info.get('domain'), self.values, self.context,
                                  f"{self.view.model} form {name}") or []
            records = comodel.search(domain, limit=STATUSBAR_LIMIT)
            choices = [(rec.id, rec.display_name) for rec in records]
            if current and current not in records.ids:
                choices.append((current, comodel.browse(current).display_name))
        else:
            choices = list(info.get('selection') or [])
        if visible:
            choices = [(key, label) for key, label in choices if key in visible or key == current]
        options = node.get('options') or ''
        clickable = ('clickable' in options and re.search(r"clickable['\"]?\s*:\s*['\"]?(1|True|true)", options)) and not self.readonly_all
        items = []
        for key, label in choices:
            active = key == current
            if clickable and not active:
                items.append(Markup('<button type="submit" class="btn btn-sm btn-outline-secondary" name="statusbar_set" value="{}:{}">{}</button>').format(
                    name, key, label))
            else:
                items.append(Markup('<span class="btn btn-sm btn-outline-secondary {} disabled" aria-current="{}">{}</span>').format(
                    'active' if active else '', 'step' if active else 'false', label))
        return Markup('<div class="btn-group flex-wrap o_field_statusbar" data-name="{}" role="group">{}</div>').format(name, join(items))

    def x2many_lines(self, node: Any, info: dict, readonly: bool) -> Markup:
        """The lines of a one2many (or listed many2many), editable in place with the field's own list sub-view."""
        name = node.get('name')
        comodel = self.env[info['relation']]
        sub = next((child for child in node if isinstance(child.tag, str) and child.tag in ('list', 'tree')), None)
        sub_view = sub_view_of(self.env, comodel, sub)
        cols = [col for col in field_nodes(sub_view.root)
                if col.get('name') in sub_view.fields and col.get('column_invisible') not in ('1', 'True')
                and not evaluate(col.get('column_invisible'), {}, self.context) and col.get('optional') != 'hide'
                and col.get('widget') != 'handle']
        lines = self.record[name]
        editable = not readonly and info['type'] == 'one2many'
        head = join(Markup('<th class="{}">{}</th>').format(
            'text-end' if sub_view.fields[col.get('name')]['type'] in fields_html.NUMERIC else '',
            col.get('string') or sub_view.fields[col.get('name')].get('string')) for col in cols)

        def line_row(line: Any, index: str) -> Markup:
            prefix = f"o2m.{name}.{index}."
            values = record_values(line, list(sub_view.fields))
            cells = []
            for col in cols:
                cname = col.get('name')
                cinfo = sub_view.fields[cname]
                if evaluate(col.get('invisible'), values, self.context):
                    cells.append(Markup('<td></td>'))
                    continue
                c_readonly = not editable or bool(cinfo.get('readonly')) or evaluate(col.get('readonly'), values, self.context)
                c_required = bool(cinfo.get('required')) or evaluate(col.get('required'), values, self.context)
                cells.append(Markup('<td data-name="{}">{}</td>').format(cname, fields_html.input_html(
                    line, cname, cinfo, col.get('widget'), readonly=c_readonly, required=c_required and not c_readonly, prefix=prefix,
                    options=field_options(col),
                    force_save=force_saved(col) and editable)))
            identity = Markup('<input type="hidden" name="{}id" value="{}">').format(prefix, line._origin.id or '')
            remove = Markup('<label class="btn btn-sm btn-link text-danger p-0" title="{}"><input type="checkbox" class="d-none" name="{}__delete" value="1" '
                            'onchange="this.closest(\'tr\').classList.toggle(\'opacity-25\', this.checked)"><i class="bi bi-trash"></i></label>').format(
                _("Delete"), prefix) if editable else ''
            return Markup('<tr class="o_data_row">{}<td class="text-end">{}{}</td></tr>').format(join(cells), identity, remove)

        keys = self.line_keys.get(name) or []
        rows = join(line_row(line, keys[position] if position < len(keys) else str(position)) for position, line in enumerate(lines))
        template = ''
        add = ''
        if editable:
            blank = comodel.new(comodel.with_context(**self.context).default_get(list(sub_view.fields)))
            template = Markup('<template class="o_line_template">{}</template>').format(line_row(blank, '__INDEX__'))
            add = Markup('<tr><td colspan="{}"><a href="#" class="o_field_x2many_list_row_add text-decoration-none" '
                         'onclick="return tianchiAddLine(this)"><i class="bi bi-plus-lg"></i> {}</a></td></tr>').format(len(cols) + 1, _("Add a line"))
        removed = join(Markup('<input type="hidden" name="o2m.{0}.d{1}.id" value="{1}"><input type="hidden" name="o2m.{0}.d{1}.__delete" value="1">').format(
            name, line_id) for line_id in self.deleted_lines.get(name, []))
        return Markup('<div class="o_field_x2many table-responsive" data-name="{}" data-count="{}"><table class="table table-sm align-middle mb-0">'
                      '<thead class="table-light"><tr>{}<th></th></tr></thead><tbody>{}</tbody><tfoot>{}</tfoot></table>{}{}</div>').format(
            name, len(lines), head, rows, add, template, removed)

    def tag_chatter(self, node: Any) -> Markup:
        return Markup('')      # drawn below the sheet by render_form_page

    def render(self) -> Markup:
        return self.children(self.view.root)


_NAME = re.compile(r'\b[a-zA-Z_][a-zA-Z0-9_]*\b')


def force_saved(node: Any) -> bool:
    """Whether a field node says ``force_save``: read-only in the view, yet saved with the record."""
    return (node.get('force_save') or '').strip() in ('1', 'True', 'true')


def modifier_fields(root: Any) -> set[str]:
    """The names the ``invisible`` / ``readonly`` / ``required`` expressions of an arch read: their
    inputs redraw the form while the user types (other inputs when they change)."""
    names: set[str] = set()
    for node in root.iter():
        for attribute in ('invisible', 'readonly', 'required', 'column_invisible'):
            text = node.get(attribute) if isinstance(node.tag, str) else None
            if text and text.strip() not in ('0', '1', 'True', 'False'):
                names.update(_NAME.findall(text))
    return names


def print_menu(env: Any, record: Any) -> Markup:
    """The reports bound to the record's model (``binding_model_id``), each printing this record."""
    # as Odoo's web client: the bindings the user may run (read as superuser,
    # filtered on the user's groups), not a search users have no right to
    bound = env['ir.actions.actions'].get_bindings(record._name).get('report', [])
    reports = env['ir.actions.report'].sudo().browse([values['id'] for values in bound])
    if not reports:
        return Markup('')
    links = join(Markup('<li><a class="dropdown-item o_print_report" target="_blank" href="/report/{}/{}/{}">{}</a></li>').format(
        'pdf' if report.report_type == 'qweb-pdf' else 'html', report.report_name, record.id, report.name) for report in reports)
    return Markup('<div class="dropdown"><button class="btn btn-light btn-sm dropdown-toggle o_print_toggle" type="button" '
                  'data-bs-toggle="dropdown"><i class="bi bi-printer me-1"></i>{}</button><ul class="dropdown-menu dropdown-menu-end">{}</ul></div>').format(
        _("Print"), links)


def action_menu(env: Any, record: Any) -> Markup:
    """Odoo's Action menu of a form: duplicate, archive or unarchive the record, and the actions bound to
    its model for forms — each run after the form is saved."""
    items = []
    if record.has_access('create'):
        items.append(('duplicate:', _("Duplicate")))
    if 'active' in record._fields and record.has_access('write'):
        items.append(('archive:', _("Archive")) if record.active else ('unarchive:', _("Unarchive")))
    items += [(f"binding:{action_id}", name) for action_id, name in bound_actions(env, record._name, 'form')]
    if not items:
        return Markup('')
    entries = join(Markup('<li><button type="submit" class="dropdown-item" name="button_call" value="{}">{}</button></li>').format(
        value, label) for value, label in items)
    return Markup('<div class="dropdown"><button class="btn btn-light btn-sm dropdown-toggle o_form_actions" type="button" '
                  'data-bs-toggle="dropdown"><i class="bi bi-gear me-1"></i>{}</button><ul class="dropdown-menu dropdown-menu-end">{}</ul></div>').format(
        _("Actions"), entries)


def sub_view_of(env: Any, comodel: Any, inline: Any) -> View:
    """The list sub-view of an x2many: the inline ``<list>`` of the arch, else the comodel's default list view."""
    if inline is not None:
        fields_info = comodel.fields_get([n.get('name') for n in field_nodes(inline)])
        return View(model=comodel._name, view_type='list', view_id=False, root=inline, fields=fields_info, all_models={})
    return load_views(env, comodel._name, [(False, 'list')], with_search=False)['list']


def load_form(env: Any, action: WindowAction) -> View:
    return load_views(env, action.res_model, [(action.view_id('form'), 'form')], action.id, with_search=False)['form']


def form_record(env: Any, model: str, record_id: str, context: dict) -> Any:
    """The record of the page: an existing one, or a new one filled with its defaults."""
    if record_id and str(record_id).isdigit():
        record = env[model].with_context(**context).browse(int(record_id)).exists()
        if not record:
            from odoo.exceptions import MissingError
            raise MissingError(_("Record %(id)s of %(model)s does not exist or was deleted.", id=record_id, model=model))
        record.check_access('read')
        return record
    model_env = env[model].with_context(**context)
    return model_env.new(model_env.default_get(list(model_env._fields)))


def render_form_page(env: Any, action: WindowAction, record_id: str, csrf_token: str) -> tuple[str, Markup]:
    """``(title, body)`` of the form page of one record of ``action``."""
    context = {**env.context, **action.context}
    view = load_form(env, action)
    record = form_record(env, action.res_model, record_id, context)
    can_write = record.has_access('write') if record.id else env[action.res_model].has_access('create')
    if view.attr('edit', '1') in ('0', 'false', 'False') and record.id:
        can_write = False
    renderer = FormRenderer(env, view, record, context, readonly_all=not can_write)
    base = action.base_url()
    # a wizard (target 'new') closes back to the page that opened it; other forms to their action
    wizard = action.target == 'new'
    renderer.close_url = action.prefix if wizard else (f"{base}/{record.id}" if record.id else base)
    title = record.display_name if record.id else _("New")
    if wizard and not record.id:
        # a wizard is titled by its action, as Odoo's dialog is
        title = action.name or title
        crumbs = layout.breadcrumbs([*action.crumbs, (title, None)])
    else:
        crumbs = layout.breadcrumbs([*action.crumbs, (action.name, base), (title, None)])
    hidden = {'csrf_token': csrf_token, 'model': action.res_model, 'id': record.id or '', 'action_id': action.id or '', 'view_id': view.view_id or '',
              'base': base}
    if action.key:
        hidden['action_key'] = action.key
    # as Odoo's dialog: a wizard's footer buttons replace the form's own
    own_buttons = not (wizard and view.root.find('.//footer') is not None)
    save = Markup('<button type="submit" class="btn btn-primary btn-sm o_form_button_save" name="button_call" value="save:">'
                  '<i class="bi bi-cloud-arrow-up me-1"></i>{}</button>').format(_("Save")) if can_write and own_buttons else ''
    discard = Markup('<a class="btn btn-light btn-sm o_form_button_cancel" href="{}">{}</a>').format(
        renderer.close_url, _("Discard")) if own_buttons else ''
    delete = Markup('<button type="submit" class="btn btn-outline-danger btn-sm" name="button_call" value="delete:" formnovalidate '
                    'onclick="return confirm(this.dataset.confirm)" data-confirm="{}"><i class="bi bi-trash"></i></button>').format(
        _("Are you sure you want to delete this record?")) if record.id and record.has_access('unlink') and not wizard else ''
    prints = print_menu(env, record) + action_menu(env, record) if record.id and not wizard else ''
    arch = renderer.render()
    if wizard and view.root.find('.//sheet') is None:
        # drawn as the dialog Odoo opens: a card of a dialog's width
        arch = Markup('<div class="o_wizard card shadow-sm mx-auto p-3 p-md-4" style="max-width: 60rem">{}</div>').format(arch)
    chatter = ''
    if record.id and view.root.find('.//chatter') is not None and 'message_ids' in record._fields:
        from .chatter import render as render_chatter
        chatter = render_chatter(env, record, csrf_token, f"{base}/{record.id}")
    body = Markup(
        '<form class="o_form_view" method="post" action="/web/client/form/save" enctype="multipart/form-data" '
        'hx-post="/web/client/form/save" hx-encoding="multipart/form-data" hx-swap="none">'
        '{hidden}'
        '<div class="o_control_panel bg-body border-bottom px-3 py-2 d-flex flex-wrap align-items-center gap-2">{crumbs}'
        '<div class="ms-auto d-flex gap-1">{prints}{save}{discard}{delete}</div></div>'
        '<div class="o_content p-2 p-md-3">{arch}</div></form>{chatter}'
    ).format(hidden=join(Markup('<input type="hidden" name="{}" value="{}">').format(k, v) for k, v in hidden.items()),
             crumbs=crumbs, prints=prints, save=save, discard=discard, delete=delete, arch=arch, chatter=chatter)
    return title, body
