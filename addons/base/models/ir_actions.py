"""Actions: the common ir.actions.actions, window actions and their views,
URL and client actions, and server actions (Python code run with
safe_eval, or a sequence of other server actions).
"""
from __future__ import annotations

import base64
import logging
from collections import defaultdict

from odoo import _, api, fields, models, tools
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.fields import Command
from odoo.tools.float_utils import float_compare
from odoo.tools.safe_eval import datetime, dateutil, safe_eval, test_python_expr, time
from pytz import timezone

_logger = logging.getLogger(__name__)

WINDOW_VIEW_TYPES = [
    ('list', 'List'),
    ('form', 'Form'),
    ('graph', 'Graph'),
    ('pivot', 'Pivot'),
    ('calendar', 'Calendar'),
    ('kanban', 'Kanban'),
]

DEFAULT_PYTHON_CODE = """# Names you can use here:
#   env, model (empty recordset of the action's model), record, records,
#   time, datetime, dateutil, timezone, float_compare, b64encode, b64decode,
#   log(message, level='info'), _logger, UserError, Command.
# Set `action = {...}` to return an action to the client.
"""


# URL paths the web client keeps for itself
RESERVED_PATH_PREFIXES = ("m-", "action-")


class IrActions(models.Model):
    _name = 'ir.actions.actions'
    _description = 'Actions'
    _table = 'ir_actions'
    _order = 'name'
    _allow_sudo_commands = False

    name = fields.Char(string='Action Name', required=True, translate=True)
    type = fields.Char(string='Action Type', required=True)
    xml_id = fields.Char(compute='_compute_xml_id', string="External ID")
    path = fields.Char(string="Path to show in the URL")
    help = fields.Html(string='Action Description', translate=True, sanitize=False)
    binding_model_id = fields.Many2one('ir.model', ondelete='cascade')
    binding_type = fields.Selection([('action', 'Action'), ('report', 'Report')],
                                    required=True, default='action')
    binding_view_types = fields.Char(default='list,form')

    _sql_constraints = [
        ('path_unique', 'unique(path)', "Path to show in the URL must be unique! Please choose another one."),
    ]

    @api.constrains('path')
    def _check_path(self):
        for action in self:
            if action.path:
                if not all(c.isalnum() or c in '-_' for c in action.path) or action.path[0].isdigit():
                    raise ValidationError(_("The path should contain only lowercase alphanumeric characters, "
                                            "underscore, and dash, and it should start with a letter."))
                reserved = next((p for p in RESERVED_PATH_PREFIXES if action.path.startswith(p)), None)
                if reserved or action.path == "new":
                    raise ValidationError(_("Action %(name)s: the path %(path)s is reserved.",
                                            name=action.name, path=action.path))

    def _compute_xml_id(self):
        found = self.env['ir.model.data']._first_xmlids(self)
        for action in self:
            action.xml_id = found.get(action.id, False)

    @api.model_create_multi
    def create(self, vals_list):
        res = super().create(vals_list)
        self.env.registry.clear_cache()
        return res

    def write(self, vals):
        res = super().write(vals)
        self.env.registry.clear_cache()
        return res

    def unlink(self):
        self.env['ir.ui.menu'].sudo().search([('action', 'in', [f'{a._name},{a.id}' for a in self])]).unlink()
        res = super().unlink()
        self.env.registry.clear_cache()
        return res

    @api.model
    def _get_eval_context(self, action=None) -> dict:
        """ Names available to Python expressions of actions. """
        return {
            'uid': self.env.uid,
            'user': self.env.user,
            'time': time,
            'datetime': datetime,
            'dateutil': dateutil,
            'timezone': timezone,
            'float_compare': float_compare,
            'b64encode': base64.b64encode,
            'b64decode': base64.b64decode,
            'Command': Command,
        }

    @api.model
    def get_bindings(self, model_name: str) -> dict:
        """ ``{binding_type: [action dict]}`` of the actions bound to
        ``model_name`` that the current user may run. """
        user = self.env.user
        access = self.env['ir.model.access']

        def allowed(values: dict) -> bool:
            required = values.get('groups_id')
            if required and not any(user.has_group(xid) for xid in required):
                return False
            target = values.get('res_model')
            return not target or access.check(target, mode='read', raise_exception=False)

        bindings = {}
        for kind, candidates in self._get_bindings(model_name).items():
            kept = [
                {k: v for k, v in values.items() if k not in ('groups_id', 'res_model')}
                for values in candidates if allowed(values)
            ]
            if kept:
                bindings[kind] = kept
        return bindings

    @tools.ormcache('model_name', 'self.env.lang')
    def _get_bindings(self, model_name: str) -> dict:
        """ Every action bound to ``model_name``, read as superuser, grouped
        by binding type (cached; filtered per user by get_bindings). """
        self.env.flush_all()
        self.env.cr.execute("""
            SELECT act.id, act.type, act.binding_type
              FROM ir_actions act, ir_model im
             WHERE act.binding_model_id = im.id AND im.model = %s
          ORDER BY act.id
        """, [model_name])
        grouped = defaultdict(list)
        for act_id, act_model, kind in self.env.cr.fetchall():
            if act_model not in self.env:
                continue
            record = self.env[act_model].sudo().browse(act_id)
            wanted = ['name', 'binding_view_types'] + [
                name for name in ('groups_id', 'res_model', 'sequence', 'domain') if name in record._fields]
            try:
                values = record.read(wanted)[0]
            except MissingError:
                continue
            if values.get('groups_id'):
                groups = self.env['res.groups'].browse(values['groups_id'])
                values['groups_id'] = list(self.env['ir.model.data']._first_xmlids(groups).values())
            if not values.get('domain', True):
                del values['domain']
            grouped[kind].append(values)
        if 'action' in grouped:
            grouped['action'].sort(key=lambda values: values.get('sequence', 0))
        return dict(grouped)

    @api.model
    def _for_xml_id(self, full_xml_id: str) -> dict:
        """ The client-safe dict of the action ``full_xml_id``. """
        record = self.env.ref(full_xml_id)
        if not isinstance(self.env[record._name], type(self.env['ir.actions.actions'])) \
                and not record._name.startswith('ir.actions.'):
            raise ValueError('%s is not an action' % full_xml_id)
        return record._get_action_dict()

    def _get_action_dict(self) -> dict:
        self.ensure_one()
        readable = self._get_readable_fields()
        return {name: value for name, value in self.sudo().read()[0].items() if name in readable}

    def _get_readable_fields(self) -> set:
        """ Fields the web client may read from an action. """
        return {"id", "name", "type", "xml_id", "path", "help", "display_name",
                "binding_model_id", "binding_type", "binding_view_types"}


class IrActionsActWindow(models.Model):
    _name = 'ir.actions.act_window'
    _description = 'Action Window'
    _table = 'ir_act_window'
    _inherit = 'ir.actions.actions'
    _order = 'name'
    _allow_sudo_commands = False

    type = fields.Char(default="ir.actions.act_window")
    view_id = fields.Many2one('ir.ui.view', string='View Ref.', ondelete='set null')
    domain = fields.Char(string='Domain Value')
    context = fields.Char(string='Context Value', default='{}', required=True)
    res_id = fields.Integer(string='Record ID')
    res_model = fields.Char(string='Destination Model', required=True)
    target = fields.Selection([('current', 'Current Window'), ('new', 'New Window'), ('inline', 'Inline Edit'),
                               ('fullscreen', 'Full Screen'), ('main', 'Main action of Current Window')],
                              default="current", string='Target Window')
    view_mode = fields.Char(required=True, default='list,form')
    mobile_view_mode = fields.Char(default="kanban")
    usage = fields.Char(string='Action Usage')
    view_ids = fields.One2many('ir.actions.act_window.view', 'act_window_id', string='No of Views')
    views = fields.Binary(compute='_compute_views')
    limit = fields.Integer(default=80)
    groups_id = fields.Many2many('res.groups', 'ir_act_window_group_rel', 'act_id', 'gid', string='Groups')
    search_view_id = fields.Many2one('ir.ui.view', string='Search View Ref.')
    filter = fields.Boolean()

    @api.constrains('res_model', 'binding_model_id')
    def _check_model(self):
        for act in self:
            for model_name in (act.res_model, act.binding_model_id.model):
                if model_name is not False and model_name not in self.env:
                    raise ValidationError(_("Action %(action)s names an unknown model: %(model)s",
                                            action=act.name, model=model_name))

    @api.depends('view_ids.view_mode', 'view_mode', 'view_id.type')
    def _compute_views(self):
        """ ``[(view_id, mode)]``: the action's explicit views first, then
        ``view_id`` for its mode, then the remaining modes with no view. """
        for act in self:
            pairs = [(line.view_id.id, line.view_mode) for line in act.view_ids]
            covered = {mode for _vid, mode in pairs}
            rest = [m for m in (act.view_mode or '').split(',') if m and m not in covered]
            main_type = act.view_id.type
            if main_type in rest:
                pairs.append((act.view_id.id, main_type))
                rest.remove(main_type)
            act.views = pairs + [(False, m) for m in rest]

    @api.constrains('view_mode')
    def _check_view_mode(self):
        for act in self:
            listed = act.view_mode.split(',')
            if ' ' in act.view_mode or len(set(listed)) < len(listed):
                raise ValidationError(_("Action %(action)s: view_mode %(modes)s must list distinct view "
                                        "types separated by commas, without spaces.",
                                        action=act.name, modes=act.view_mode))

    def read(self, fields=None, load='_classic_read'):
        result = super().read(fields, load=load)
        if not fields or 'help' in fields:
            for values in result:
                model = values.get('res_model')
                if model in self.env and hasattr(self.env[model], 'get_empty_list_help'):
                    try:
                        ctx = safe_eval(values.get('context') or '{}', dict(self.env.context))
                    except Exception:  # noqa: BLE001 - a broken context only loses the help text
                        ctx = {}
                    values['help'] = self.with_context(**ctx).env[model].get_empty_list_help(values.get('help') or '')
        return result

    @api.model_create_multi
    def create(self, vals_list):
        for values in vals_list:
            target = values.get('res_model')
            if target in self.env and not values.get('name'):
                values['name'] = self.env[target]._description
        return super().create(vals_list)

    def _get_readable_fields(self) -> set:
        window_keys = {"res_model", "res_id", "domain", "context", "target", "limit", "filter",
                       "view_id", "view_mode", "views", "mobile_view_mode", "search_view_id", "groups_id",
                       "flags", "close_on_report_download"}
        return super()._get_readable_fields() | window_keys


class IrActionsActWindowView(models.Model):
    _name = 'ir.actions.act_window.view'
    _description = 'Action Window View'
    _table = 'ir_act_window_view'
    _rec_name = 'view_id'
    _order = 'sequence,id'
    _allow_sudo_commands = False

    sequence = fields.Integer()
    view_id = fields.Many2one('ir.ui.view', string='View')
    view_mode = fields.Selection(WINDOW_VIEW_TYPES, string='View Type', required=True)
    act_window_id = fields.Many2one('ir.actions.act_window', string='Action', ondelete='cascade')
    multi = fields.Boolean(string='On Multiple Doc.')

    def _auto_init(self):
        res = super()._auto_init()
        self.env.cr.execute("""CREATE UNIQUE INDEX IF NOT EXISTS act_window_view_unique_mode_per_action
                               ON ir_act_window_view (act_window_id, view_mode)""")
        return res


class IrActionsActWindowclose(models.Model):
    _name = 'ir.actions.act_window_close'
    _description = 'Action Window Close'
    _inherit = 'ir.actions.actions'
    _table = 'ir_actions'
    _allow_sudo_commands = False

    type = fields.Char(default='ir.actions.act_window_close')

    def _get_readable_fields(self) -> set:
        return super()._get_readable_fields() | {"effect", "infos"}


class IrActionsActUrl(models.Model):
    _name = 'ir.actions.act_url'
    _description = 'Action URL'
    _table = 'ir_act_url'
    _inherit = 'ir.actions.actions'
    _order = 'name'
    _allow_sudo_commands = False

    type = fields.Char(default='ir.actions.act_url')
    url = fields.Text(string='Action URL', required=True)
    target = fields.Selection([('new', 'New Window'), ('self', 'This Window'), ('download', 'Download')],
                              default='new', required=True, string='Action Target')

    def _get_readable_fields(self) -> set:
        return super()._get_readable_fields() | {"target", "url", "close"}


class LoggerProxy:
    """ The ``_logger`` given to server action code: logs under this module. """

    @staticmethod
    def log(level, message, *args, stack_info=False, exc_info=False):
        _logger.log(level, message, *args, stack_info=stack_info, exc_info=exc_info)

    @staticmethod
    def info(message, *args):
        _logger.info(message, *args)

    @staticmethod
    def warning(message, *args):
        _logger.warning(message, *args)

    @staticmethod
    def error(message, *args):
        _logger.error(message, *args)

    @staticmethod
    def exception(message, *args):
        _logger.exception(message, *args)


class IrActionsServer(models.Model):
    """ Server actions: run Python code (``code``) or a list of other
    server actions (``multi``) on the active records. """
    _name = 'ir.actions.server'
    _description = 'Server Actions'
    _table = 'ir_act_server'
    _inherit = 'ir.actions.actions'
    _order = 'sequence,name'
    _allow_sudo_commands = False

    name = fields.Char(required=True)
    type = fields.Char(default='ir.actions.server')
    usage = fields.Selection([('ir_actions_server', 'Server Action'), ('ir_cron', 'Scheduled Action')],
                             string='Usage', default='ir_actions_server', required=True)
    state = fields.Selection([
        ('object_write', 'Update Record'),
        ('object_create', 'Create Record'),
        ('code', 'Execute Code'),
        ('webhook', 'Send Webhook Notification'),
        ('multi', 'Execute Existing Actions'),
    ], string='Type', default='object_write', required=True, copy=True)
    sequence = fields.Integer(default=5)
    model_id = fields.Many2one('ir.model', string='Model', required=True, ondelete='cascade', index=True)
    model_name = fields.Char(related='model_id.model', string='Model Name', readonly=True, store=True)
    code = fields.Text(string='Python Code', groups='base.group_system', default=DEFAULT_PYTHON_CODE)
    child_ids = fields.Many2many('ir.actions.server', 'rel_server_actions', 'server_id', 'action_id',
                                 string='Child Actions')
    groups_id = fields.Many2many('res.groups', 'ir_act_server_group_rel', 'act_id', 'gid', string='Allowed Groups')
    # record creation / update
    crud_model_id = fields.Many2one('ir.model', string='Record to Create', compute='_compute_crud_relations',
                                    readonly=False, store=True)
    crud_model_name = fields.Char(related='crud_model_id.model', string='Target Model Name', readonly=True)
    link_field_id = fields.Many2one('ir.model.fields', string='Link Field')
    update_field_id = fields.Many2one('ir.model.fields', string='Field to Update', ondelete='cascade',
                                      compute='_compute_crud_relations', store=True, readonly=False)
    update_path = fields.Char(string='Field to Update Path')
    update_related_model_id = fields.Many2one('ir.model', compute='_compute_crud_relations', readonly=False,
                                              store=True)
    update_field_type = fields.Selection(related='update_field_id.ttype', readonly=True)
    update_m2m_operation = fields.Selection([('add', 'Adding'), ('remove', 'Removing'), ('set', 'Setting it to'),
                                             ('clear', 'Clearing it')], string='Many2many Operations', default='add')
    update_boolean_value = fields.Selection([('true', 'Yes (True)'), ('false', "No (False)")],
                                            string='Boolean Value', default='true')
    value = fields.Text()
    evaluation_type = fields.Selection([('value', 'Update'), ('equation', 'Compute')], 'Value Type',
                                       default='value', change_default=True)
    selection_value = fields.Many2one('ir.model.fields.selection', string="Custom Value", ondelete='cascade')

    @api.constrains('code')
    def _check_python_code(self):
        for act in self.sudo():
            problem = act.code and test_python_expr(expr=act.code.strip(), mode="exec")
            if problem:
                raise ValidationError(_("Server action %(name)s: %(problem)s", name=act.name, problem=problem))

    @api.constrains('child_ids')
    def _check_child_recursion(self):
        for action in self:
            seen, todo = set(), list(action.child_ids)
            while todo:
                child = todo.pop()
                if child.id == action.id:
                    raise ValidationError(_("Server action %s runs itself through its child actions.",
                                            action.name))
                if child.id not in seen:
                    seen.add(child.id)
                    todo.extend(child.child_ids)

    def _get_readable_fields(self) -> set:
        return super()._get_readable_fields() | {"groups_id", "model_name"}

    def _get_runner(self) -> tuple:
        """ ``(method, multi)`` that runs an action of this state. """
        multi = True
        runner = getattr(type(self), '_run_action_%s_multi' % self.state, None)
        if not runner:
            runner = getattr(type(self), '_run_action_%s' % self.state, None)
            multi = False
        return runner, multi

    def create_action(self):
        """ Bind the server actions to their model (contextual menu). """
        for action in self:
            action.write({'binding_model_id': action.model_id.id, 'binding_type': 'action'})
        return True

    def unlink_action(self):
        self.check_access('write')
        bound = self.filtered(lambda act: act.binding_model_id)
        bound.write({'binding_model_id': False})
        return True

    def _run_action_code_multi(self, eval_context):
        safe_eval(self.code.strip(), eval_context, mode="exec", nocopy=True, filename=str(self))
        return eval_context.get('action')

    def _run_action_multi(self, eval_context=None):
        res = False
        for act in self.child_ids.sorted():
            res = act.run() or res
        return res

    @api.depends('model_id', 'update_path', 'state')
    def _compute_crud_relations(self):
        """ The model a create/write action works on and, for writes, the
        field at the end of ``update_path``. """
        for act in self:
            target_model, target_field, related = False, False, False
            if act.model_id and act.state == 'object_create':
                target_model = act.model_id
            elif act.model_id and act.state == 'object_write':
                target_model = act.model_id
                if act.update_path:
                    model_name, field = act._walk_update_path()
                    target_model = self.env['ir.model']._get(model_name)
                    target_field = self.env['ir.model.fields']._get(model_name, field.name)
                    if act.evaluation_type == 'value' and getattr(field, 'comodel_name', None):
                        related = self.env['ir.model']._get(field.comodel_name)
            act.crud_model_id = target_model
            act.update_field_id = target_field
            act.update_related_model_id = related

    def _walk_update_path(self, record=None) -> tuple:
        """ Follow ``update_path`` from the action's model: ``(model name,
        last field)``, or with ``record``, the records holding that field. """
        self.ensure_one()
        model = self.env[self.model_id.model]
        names = self.update_path.split('.')
        targets = record
        for index, name in enumerate(names):
            field = model._fields.get(name)
            if field is None:
                raise UserError(_("Server action %(action)s: %(model)s has no field %(field)s.",
                                  action=self.name, model=model._name, field=name))
            if index < len(names) - 1:
                if not getattr(field, 'comodel_name', None):
                    raise UserError(_("Server action %(action)s: %(field)s in %(path)s is not a relation.",
                                      action=self.name, field=name, path=self.update_path))
                if targets is not None:
                    targets = targets.mapped(name)
                model = self.env[field.comodel_name]
        if record is not None:
            return targets, field
        return model._name, field

    def _eval_value(self, eval_context=None) -> dict:
        """ ``{action id: value}`` to write, from ``value`` read by the type
        of the updated field, or evaluated when it is an equation. """
        result = {}
        for act in self:
            ftype = act.update_field_id.ttype
            raw = act.value
            if act.evaluation_type == 'equation':
                result[act.id] = safe_eval(raw, eval_context)
                continue
            if ftype in ('one2many', 'many2many'):
                operation = act.update_m2m_operation
                target = int(raw) if raw and operation != 'clear' else 0
                result[act.id] = {
                    'add': [Command.link(target)],
                    'remove': [Command.unlink(target)],
                    'set': [Command.set([target])],
                    'clear': [Command.clear()],
                }[operation]
            elif ftype == 'boolean':
                result[act.id] = act.update_boolean_value == 'true'
            elif ftype == 'selection' and act.selection_value:
                result[act.id] = act.selection_value.value
            elif ftype in ('many2one', 'integer'):
                try:
                    number = int(raw)
                except (TypeError, ValueError):
                    number = raw
                result[act.id] = (number or False) if ftype == 'many2one' else number
            elif ftype in ('float', 'monetary'):
                try:
                    result[act.id] = float(raw)
                except (TypeError, ValueError):
                    result[act.id] = raw
            else:
                result[act.id] = raw
        return result

    def _run_action_object_write(self, eval_context=None):
        """ Write the value on the active record (or on what
        ``update_path`` reaches from it). """
        value = self._eval_value(eval_context=eval_context)[self.id]
        fname = self.update_field_id.name
        if self._context.get('onchange_self'):
            self._context['onchange_self'][fname] = value
            return
        record = self.env[self.model_id.model].browse(self._context.get('active_id'))
        targets = self._walk_update_path(record)[0] if self.update_path else record
        targets.write({fname: value})

    def _run_action_object_create(self, eval_context=None):
        """ Create a record of ``crud_model_id`` named ``value``, linked to
        the active record through ``link_field_id`` if set. """
        new_id, _label = self.env[self.crud_model_id.model].name_create(self.value)
        if self.link_field_id:
            record = self.env[self.model_id.model].browse(self._context.get('active_id'))
            many = self.link_field_id.ttype in ('one2many', 'many2many')
            record.write({self.link_field_id.name: [Command.link(new_id)] if many else new_id})

    def _get_eval_context(self, action=None) -> dict:
        """ Names available to the code: env, model, record(s), log, ... """
        values = super()._get_eval_context(action=action)
        target = self.env[action.model_id.sudo().model]
        ctx = self._context
        on_target = ctx.get('active_model') == target._name
        record = target.browse(ctx['active_id']) if on_target and ctx.get('active_id') else None
        records = target.browse(ctx['active_ids']) if on_target and ctx.get('active_ids') else None
        record = ctx.get('onchange_self') or record

        def log(message, level="info"):
            _logger.log(getattr(logging, level.upper(), logging.INFO), "server action %s: %s", action.name, message)

        values.update(env=self.env, model=target, record=record, records=records,
                      UserError=UserError, log=log, _logger=LoggerProxy)
        return values

    def _check_can_run(self, targets) -> None:
        """ Refuse to run an action the user's groups or access rights do
        not allow, naming the action and the user. """
        # the action is read as superuser (users may not read ir.actions.server), the rights checked are the user's
        action = self.sudo()
        if action.groups_id:
            if not set(action.groups_id.ids) & set(self.env.user.sudo().groups_id.ids):
                raise AccessError(_("Server action %(action)s is not allowed for user %(user)s.",
                                    action=action.name, user=self.env.user.sudo().name))
            return
        self.env[action.model_id.model].check_access("write")
        if targets.ids:
            targets.check_access('write')

    def run(self):
        """ Run each action on the records of the context (``active_id``,
        ``active_ids``, ``active_model``); return the action to execute
        next, or False. """
        outcome = False
        for act in self.sudo():
            env_values = self._get_eval_context(act)
            empty = env_values['model']
            targets = (env_values.get('record') or empty) | (env_values.get('records') or empty)
            act.with_env(self.env)._check_can_run(targets)
            method, batched = act._get_runner()
            if method is None:
                _logger.warning("Server action %r has a type (%r) nothing can run; skipped.", act.name, act.state)
                continue
            if batched:
                outcome = method(act.with_context(env_values['env'].context), eval_context=env_values)
                continue
            ctx = self._context
            single = ctx.get('active_id')
            ids = ctx.get('active_ids') or ([single] if single else [])
            if not ids:
                outcome = method(act, eval_context=env_values)
            for rid in ids:
                one = targets.browse(rid)
                env_values.update(record=one, records=one)
                outcome = method(act.with_context(active_id=rid, active_ids=[rid]), eval_context=env_values)
        return outcome or False

    def copy_data(self, default=None):
        default = default or {}
        vals_list = super().copy_data(default=default)
        if not default.get('name'):
            for vals in vals_list:
                vals['name'] = _("%(name)s (copy)", name=vals.get('name', ''))
        return vals_list


class IrActionsActClient(models.Model):
    _name = 'ir.actions.client'
    _description = 'Client Action'
    _inherit = 'ir.actions.actions'
    _table = 'ir_act_client'
    _order = 'name'
    _allow_sudo_commands = False

    type = fields.Char(default='ir.actions.client')
    tag = fields.Char(string='Client action tag', required=True)
    target = fields.Selection([('current', 'Current Window'), ('new', 'New Window'), ('fullscreen', 'Full Screen'),
                               ('main', 'Main action of Current Window')], default="current", string='Target Window')
    res_model = fields.Char(string='Destination Model')
    context = fields.Char(string='Context Value', default="{}", required=True)
    params = fields.Binary(compute='_compute_params', inverse='_inverse_params', string='Supplementary arguments')
    params_store = fields.Binary(string='Params storage', readonly=True, attachment=False)

    @api.depends('params_store')
    def _compute_params(self):
        for record, record_bin in zip(self, self.with_context(bin_size=False)):
            store = record_bin.params_store
            if isinstance(store, bytes):
                store = store.decode()
            record.params = store and safe_eval(store, {'uid': self.env.uid})

    def _inverse_params(self):
        for record in self:
            params = record.params
            record.params_store = params if not isinstance(params, dict) else repr(params)

    def _get_readable_fields(self) -> set:
        return super()._get_readable_fields() | {"context", "params", "res_model", "tag", "target"}
