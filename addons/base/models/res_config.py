"""``res.config`` and ``res.config.settings``: the settings wizards.

A settings model inherits ``res.config.settings`` and declares fields whose
name says what saving them does:

- ``default_<field>`` (with ``default_model=``): the default value of that
  field of that model (``ir.default``);
- ``group_<name>`` (boolean, or selection '0'/'1', with ``implied_group=``
  and optionally ``group=`` xml ids, employees by default): the groups imply
  the implied group or stop implying it;
- ``module_<name>`` (boolean or selection '0'/'1'): the module is installed
  (or uninstalled);
- any field with ``config_parameter=``: an ``ir.config_parameter``;
- other fields: ``get_values`` / ``set_values``, overridden by the model."""
from __future__ import annotations

import logging
import re
from ast import literal_eval

from odoo import _, api, models
from odoo.exceptions import AccessError, RedirectWarning, UserError

_logger = logging.getLogger(__name__)

# "%(menu:module.menu_xmlid)s" and "%(field:model.name.field)s" in settings warnings
_OPTION_REFERENCE = re.compile(r'%\(((?:menu|field):[a-z_.]*)\)s', re.IGNORECASE)
# field types a config_parameter can hold, and how its text reads back
_PARAMETER_TYPES = ('boolean', 'integer', 'float', 'char', 'selection', 'many2one', 'datetime')


class ResConfigModuleInstallationMixin:
    __slots__ = ()

    @api.model
    def _install_modules(self, modules):
        """Install the uninstalled ``modules``; return the next action, if any."""
        pending = modules.filtered(lambda module: module.state == 'uninstalled')
        return pending.button_immediate_install() if pending else None


class ResConfigConfigurable(models.TransientModel):
    """A configuration step: ``execute`` applies it, ``cancel`` skips it."""
    _name = 'res.config'
    _description = 'Config'

    def start(self):
        return self.next()

    def next(self):
        # the settings page reloads to show the applied configuration
        return {'type': 'ir.actions.client', 'tag': 'reload'}

    def execute(self):
        raise NotImplementedError(f"{self._name} must implement execute()")

    def cancel(self):
        return None

    def action_next(self):
        return self.execute() or self.next()

    def action_skip(self):
        return self.cancel() or self.next()

    def action_cancel(self):
        return self.cancel() or self.next()


class ResConfigSettings(models.TransientModel, ResConfigModuleInstallationMixin):
    """The settings form: see this module's docstring for the field conventions."""
    _name = 'res.config.settings'
    _description = 'Config Settings'

    def _valid_field_parameter(self, field, name):
        if name in ('default_model', 'config_parameter'):
            return True
        if name in ('group', 'implied_group') and field.type in ('boolean', 'selection'):
            return True
        return super()._valid_field_parameter(field, name)

    def copy(self, default=None):
        raise UserError(_("Settings cannot be duplicated."))

    def onchange_module(self, field_value, module_name):
        """Warn that unticking an installed module uninstalls its dependents."""
        module = self.env['ir.module.module']._get(module_name.removeprefix('module_'))
        installed = module.state in ('to install', 'installed', 'to upgrade')
        if int(field_value) or not installed:
            return {}
        names = '\n'.join((module.downstream_dependencies() | module).mapped('shortdesc'))
        return {'warning': {
            'title': _('Warning!'),
            'message': _('Unticking this also uninstalls these modules:\n%s', names),
        }}

    def _register_hook(self):
        # each module_* checkbox gets its own onchange warning
        for name in self._fields:
            if name.startswith('module_'):
                type(self)._onchange_methods.setdefault(name, []).append(
                    lambda record, fname=name: record.onchange_module(record[fname], fname))
        super()._register_hook()

    @api.model
    def _get_classified_fields(self, fnames=None):
        """The fields by kind::

            {'default': [(fname, model, field)], 'group': [(fname, groups, implied_group)],
             'module': ir.module.module records, 'config': [(fname, parameter)], 'other': [fname]}
        """
        Module = self.env['ir.module.module']
        Data = self.env['ir.model.data']

        def record_of(xmlid):
            model, res_id = Data._xmlid_to_res_model_res_id(xmlid, raise_if_not_found=True)
            return self.env[model].browse(res_id)

        kinds = {'default': [], 'group': [], 'module': Module, 'config': [], 'other': []}
        for name in self._fields if fnames is None else fnames:
            field = self._fields[name]
            if name.startswith('default_'):
                model = getattr(field, 'default_model', None)
                if not model:
                    raise ValueError(f"Settings field {field} needs a default_model")
                kinds['default'].append((name, model, name.removeprefix('default_')))
            elif name.startswith('group_'):
                implied = getattr(field, 'implied_group', None)
                if field.type not in ('boolean', 'selection') or not implied:
                    raise ValueError(f"Settings field {field} must be a boolean or a selection "
                                     f"with an implied_group")
                holders = self.env['res.groups'].concat(*(
                    record_of(xmlid.strip()) for xmlid in (getattr(field, 'group', None) or 'base.group_user').split(',')))
                kinds['group'].append((name, holders, record_of(implied)))
            elif name.startswith('module_'):
                if field.type not in ('boolean', 'selection'):
                    raise ValueError(f"Settings field {field} must be a boolean or a selection")
                kinds['module'] |= Module._get(name.removeprefix('module_'))
            elif getattr(field, 'config_parameter', None):
                if field.type not in _PARAMETER_TYPES:
                    raise ValueError(f"Settings field {field}: a config_parameter cannot hold a {field.type}")
                kinds['config'].append((name, field.config_parameter))
            else:
                kinds['other'].append(name)
        return kinds

    def get_values(self):
        """Values of the 'other' fields, for subclasses to provide."""
        return {}

    def _parameter_value(self, field, text):
        """The value of ``field`` stored as the parameter ``text``."""
        try:
            if field.type == 'many2one':
                return self.env[field.comodel_name].browse(int(text)).exists().id
            if field.type == 'integer':
                return int(text)
            if field.type == 'float':
                return float(text)
        except (TypeError, ValueError):
            _logger.warning("Parameter of %s holds %r, not a %s: ignored", field, text, field.type)
            return {'many2one': False, 'integer': 0, 'float': 0.0}[field.type]
        if field.type == 'boolean':
            return bool(text)
        return text

    @api.model
    def default_get(self, fields):
        values = super().default_get(fields)
        if not fields:
            return values
        kinds = self._get_classified_fields(fields)
        Default = self.env['ir.default']
        for name, model, fname in kinds['default']:
            current = Default._get(model, fname)
            if current is not None:
                values[name] = current
        for name, holders, implied in kinds['group']:
            enabled = all(implied in group.implied_ids for group in holders)
            values[name] = str(int(enabled)) if self._fields[name].type == 'selection' else enabled
        for module in kinds['module']:
            values[f'module_{module.name}'] = module.state in ('installed', 'to install', 'to upgrade')
        Parameters = self.env['ir.config_parameter'].sudo()
        for name, key in kinds['config']:
            field = self._fields[name]
            fallback = field.default(self) if field.default else False
            text = Parameters.get_param(key, fallback)
            values[name] = text if text is False else self._parameter_value(field, text)
        values.update(self.get_values())
        return values

    def set_values(self):
        """Apply the default_*, group_* and config_parameter fields; subclasses
        extend it for their other fields."""
        self = self.with_context(active_test=False)  # noqa: PLW0642 - archived records count too
        kinds = self._get_classified_fields()
        before = self.default_get(list(self.fields_get()))
        Default = self.env['ir.default'].sudo()
        for name, model, fname in kinds['default']:
            value = self[name]
            if isinstance(value, models.BaseModel):
                value = value.id if self._fields[name].type == 'many2one' else value.ids
            if before.get(name, object()) != value:
                Default.set(model, fname, value)
        # disabled groups first, so that a user keeps a group still implied otherwise
        for name, holders, implied in sorted(kinds['group'], key=lambda kind: bool(int(self[kind[0]] or 0))):
            if self[name] == before[name]:
                continue
            if int(self[name] or 0):
                holders.sudo()._apply_group(implied.sudo())
            else:
                holders.sudo()._remove_group(implied.sudo())
        Parameters = self.env['ir.config_parameter'].sudo()
        for name, key in kinds['config']:
            field = self._fields[name]
            value = self[name]
            if field.type == 'char':
                value = (value or '').strip() or False
            elif field.type in ('integer', 'float'):
                value = repr(value) if value else False
            elif field.type == 'many2one':
                value = value.id
            stored = Parameters.get_param(key)
            if stored not in (value, str(value)):
                Parameters.set_param(key, value)

    def execute(self):
        """Save the settings: set_values(), then (un)install the modules of
        the module_* fields, last, and reload the client."""
        self.ensure_one()
        if not self.env.is_admin():
            raise AccessError(_("Only administrators can change the settings."))
        self = self.with_context(active_test=False)  # noqa: PLW0642
        kinds = self._get_classified_fields()
        self.set_values()
        wanted = kinds['module'].filtered(lambda m: self[f'module_{m.name}'] and m.state != 'installed')
        unwanted = kinds['module'].filtered(
            lambda m: not self[f'module_{m.name}'] and m.state in ('installed', 'to upgrade'))
        if wanted or unwanted:
            self.env.flush_all()
        if unwanted:
            unwanted.button_immediate_uninstall()
        installed = self._install_modules(wanted)
        if installed or unwanted:
            self.env.reset()
            self = self.env()[self._name]  # noqa: PLW0642 - the registry changed
        following = self.env['res.config'].next() or {}
        if following.get('type') == 'ir.actions.act_window_close':
            return {'type': 'ir.actions.client', 'tag': 'reload'}
        return following

    def cancel(self):
        action = self.env['ir.actions.act_window'].search([('res_model', '=', self._name)], limit=1)
        return action.read()[0] if action else {}

    @api.depends()
    def _compute_display_name(self):
        action = self.env['ir.actions.act_window'].search([('res_model', '=', self._name)], limit=1)
        self.display_name = action.name or self._name

    @api.model_create_multi
    def create(self, vals_list):
        # saving the form sends every editable related field: drop those that
        # did not change, so that nothing is rewritten (and recomputed) for nothing
        for vals in vals_list:
            for field in self._fields.values():
                if field.name not in vals or not field.related or field.readonly:
                    continue
                first, *rest = field.related.split('.')
                if first not in vals:
                    continue
                holder = self._fields[first]
                current = holder.convert_to_record(holder.convert_to_cache(vals[first], self), self)
                for step in rest:
                    current = current[:1][step] if isinstance(current, models.BaseModel) else current
                wanted = field.convert_to_record(field.convert_to_cache(vals[field.name], self), self)
                if current == wanted:
                    vals.pop(field.name)
        return super().create(vals_list)

    def get_option_path(self, menu_xml_id):
        """(full path, action id) of the menu ``menu_xml_id``, e.g.
        ("Settings/Users & Companies", 42)."""
        menu = self.env.ref(menu_xml_id)
        return menu.complete_name, menu.action.id if menu.action else None

    @api.model
    def get_option_name(self, full_field_name):
        """The label of the settings field "model.name.field_name"."""
        model_name, field_name = full_field_name.rsplit('.', 1)
        return self.env[model_name].fields_get([field_name])[field_name]['string']

    @api.model
    def get_config_warning(self, msg):
        """The exception to raise for ``msg``, whose "%(field:model.field)s"
        and "%(menu:module.menu)s" placeholders name a settings field and the
        menu path to it; a RedirectWarning leading there when a menu is named."""
        self = self.sudo()  # noqa: PLW0642 - menus and fields of any app are named
        replacements = {}
        action_id = None
        for reference in _OPTION_REFERENCE.findall(msg):
            kind, target = reference.split(':', 1)
            if kind.lower() == 'menu':
                replacements[reference], action_id = self.get_option_path(target)
            else:
                replacements[reference] = self.get_option_name(target)
        text = msg % replacements
        if action_id:
            return RedirectWarning(text, action_id, _('Go to the configuration panel'))
        return UserError(text)

    def action_open_template_user(self):
        action = self.env['ir.actions.actions']._for_xml_id('base.action_res_users')
        template_id = literal_eval(
            self.env['ir.config_parameter'].sudo().get_param('base.template_portal_user_id', 'False'))
        template = self.env['res.users'].browse(template_id).exists()
        if not template:
            raise UserError(_('The template user of portal users no longer exists.'))
        action['res_id'] = template.id
        action['views'] = [[self.env.ref('base.view_users_form').id, 'form']]
        return action
