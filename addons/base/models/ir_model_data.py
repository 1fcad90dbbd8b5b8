"""External identifiers (``module.name`` -> record): ir.model.data.

The data loader records every record it loads here, looks xml ids up
through ``_xmlid_lookup`` (cached), and at the end of an update removes the
records whose xml ids were not loaded again (``_process_end``).
"""
from __future__ import annotations

import itertools
import logging
import random

import psycopg2
from odoo import _, api, fields, models, tools
from odoo.exceptions import AccessError

from .ir_model import MODULE_UNINSTALL_FLAG

_logger = logging.getLogger(__name__)

# columns every model has but no module owns: never dropped at uninstall
LOG_ACCESS_COLUMNS = ('create_uid', 'create_date', 'write_uid', 'write_date')


class IrModelData(models.Model):
    """ Holds the external identifier of records (``module.name``). """
    _name = 'ir.model.data'
    _description = 'Model Data'
    _order = 'module, model, name'
    _allow_sudo_commands = False

    name = fields.Char(string='External Identifier', required=True)
    complete_name = fields.Char(compute='_compute_complete_name', string='Complete ID')
    model = fields.Char(string='Model Name', required=True)
    module = fields.Char(default='', required=True)
    res_id = fields.Many2oneReference(string='Record ID', model_field='model')
    noupdate = fields.Boolean(string='Non Updatable', default=False)
    reference = fields.Char(string='Reference', compute='_compute_reference', readonly=True, store=False)

    _sql_constraints = [
        ('name_nospaces', "CHECK(name NOT LIKE '% %')", "External IDs cannot contain spaces"),
    ]

    @api.depends('module', 'name')
    def _compute_complete_name(self):
        for xid in self:
            xid.complete_name = f"{xid.module}.{xid.name}" if xid.module else (xid.name or '')

    @api.depends('model', 'res_id')
    def _compute_reference(self):
        for xid in self:
            xid.reference = f"{xid.model},{xid.res_id}"

    def _auto_init(self):
        res = super()._auto_init()
        cr = self.env.cr
        cr.execute("""CREATE UNIQUE INDEX IF NOT EXISTS ir_model_data_module_name_uniq_index
                      ON ir_model_data (module, name)""")
        cr.execute("""CREATE INDEX IF NOT EXISTS ir_model_data_model_res_id_index
                      ON ir_model_data (model, res_id)""")
        return res

    @api.depends('res_id', 'model', 'complete_name')
    def _compute_display_name(self):
        for xid in self:
            name = xid.complete_name
            if xid.model in self.env and xid.res_id:
                record = self.env[xid.model].sudo().browse(xid.res_id).exists()
                if record:
                    name = record.display_name or name
            xid.display_name = name

    # ------------------------------------------------------------------
    # lookups
    # ------------------------------------------------------------------

    @api.model
    @tools.ormcache('xmlid')
    def _xmlid_lookup(self, xmlid: str) -> tuple:
        """ Return ``(model, res_id)`` for ``module.name``; raise ValueError
        naming the id when it does not exist. """
        module, dot, name = xmlid.partition('.')
        row = None
        if dot:
            self.env.cr.execute("SELECT model, res_id FROM ir_model_data WHERE module = %s AND name = %s",
                                [module, name])
            row = self.env.cr.fetchone()
        if not row or not row[1]:
            raise ValueError(f"External ID not found in the system: {xmlid}")
        return row[0], row[1]

    @api.model
    def _xmlid_to_res_model_res_id(self, xmlid: str, raise_if_not_found: bool = False) -> tuple:
        try:
            return self._xmlid_lookup(xmlid)
        except ValueError:
            if raise_if_not_found:
                raise
            return (False, False)

    @api.model
    def _xmlid_to_res_id(self, xmlid: str, raise_if_not_found: bool = False):
        _model, res_id = self._xmlid_to_res_model_res_id(xmlid, raise_if_not_found)
        return res_id

    @api.model
    def check_object_reference(self, module: str, xml_id: str, raise_on_access_error: bool = False) -> tuple:
        model, res_id = self._xmlid_lookup(f"{module}.{xml_id}")
        if self.env[model].search_count([('id', '=', res_id)], limit=1):
            return model, res_id
        if raise_on_access_error:
            raise AccessError(_('Not enough access rights on the external ID "%(module)s.%(xml_id)s"',
                                module=module, xml_id=xml_id))
        return model, False

    @api.model
    def _first_xmlids(self, records) -> dict:
        """ ``{record id: 'module.name'}``: the oldest xml id of each record. """
        ids = [rid for rid in records._ids if isinstance(rid, int)]
        if not ids:
            return {}
        self.env.cr.execute("""
            SELECT DISTINCT ON (res_id) res_id, module || '.' || name FROM ir_model_data
             WHERE model = %s AND res_id = ANY(%s) ORDER BY res_id, id
        """, [records._name, ids])
        return dict(self.env.cr.fetchall())

    @api.model
    def _all_xmlids(self, records) -> dict:
        """ ``{record id: ['module.name', ...]}`` of the records. """
        ids = [rid for rid in records._ids if isinstance(rid, int)]
        result = {rid: [] for rid in ids}
        if ids:
            self.env.cr.execute("""SELECT res_id, module || '.' || name FROM ir_model_data
                                    WHERE model = %s AND res_id = ANY(%s) ORDER BY id""", [records._name, ids])
            for rid, xid in self.env.cr.fetchall():
                result[rid].append(xid)
        return result

    def _lookup_xmlids(self, xml_ids, model) -> list:
        """ Rows ``(id, module, name, model, res_id, noupdate, record_id)``
        for the given xml ids of ``model``; ``record_id`` is None when the
        record vanished. """
        if not xml_ids:
            return []
        by_module = {}
        for full in xml_ids:
            module, _dot, name = full.partition('.')
            by_module.setdefault(module, set()).add(name)
        result = []
        cr = self.env.cr
        for prefix, suffixes in by_module.items():
            suffixes = sorted(suffixes)
            for start in range(0, len(suffixes), 1000):
                cr.execute("""
                    SELECT imd.id, imd.module, imd.name, imd.model, imd.res_id, imd.noupdate, rec.id
                      FROM ir_model_data imd
                      LEFT JOIN "%s" rec ON rec.id = imd.res_id
                     WHERE imd.module = %%s AND imd.name = ANY(%%s)
                """ % model._table, [prefix, suffixes[start:start + 1000]])
                result.extend(cr.fetchall())
        return result

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    def copy_data(self, default=None):
        copies = super().copy_data(default=default)
        for source, values in zip(self, copies):
            values['name'] = f"{source.name}_{random.getrandbits(16):04x}"
        return copies

    @api.model_create_multi
    def create(self, vals_list):
        res = super().create(vals_list)
        self.env.registry.clear_cache()
        return res

    def write(self, vals):
        self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()

    @api.model
    def _update_xmlids(self, data_list, update: bool = False) -> None:
        """ Create or update xml ids. ``data_list`` items are dicts with
        ``xml_id``, ``record`` and optionally ``noupdate``; with ``update``
        (module upgrade), ids flagged noupdate are left alone. """
        if not data_list:
            return
        rows = {}
        for item in data_list:
            module, _dot, name = item['xml_id'].partition('.')
            target = item['record']
            rows[(module, name)] = (module, name, target._name, target.id, bool(item.get('noupdate')))
        rows = list(rows.values())
        cr = self.env.cr
        for start in range(0, len(rows), 1000):
            chunk = rows[start:start + 1000]
            cr.execute("""
                INSERT INTO ir_model_data (module, name, model, res_id, noupdate)
                VALUES %s
                ON CONFLICT (module, name) DO UPDATE
                    SET (model, res_id, write_date) = (EXCLUDED.model, EXCLUDED.res_id, now() at time zone 'UTC')
                    WHERE (ir_model_data.res_id != EXCLUDED.res_id OR ir_model_data.model != EXCLUDED.model) %s
            """ % (', '.join(['(%s, %s, %s, %s, %s)'] * len(chunk)),
                   "AND NOT ir_model_data.noupdate" if update else ""),
                [arg for row in chunk for arg in row])
        self.env.registry.loaded_xmlids.update("%s.%s" % row[:2] for row in rows)
        self.env.registry.clear_cache()

    @api.model
    def _load_xmlid(self, xml_id: str):
        """ Mark ``xml_id`` as loaded (so ``_process_end`` keeps it) and
        return its record, or None. """
        found = self.env.ref(xml_id, raise_if_not_found=False)
        if found:
            self.env.registry.loaded_xmlids.add(xml_id)
        return found

    @api.model
    def toggle_noupdate(self, model: str, res_id: int) -> None:
        self.env[model].browse(res_id).check_access('write')
        for xid in self.search([('res_id', '=', res_id), ('model', '=', model)]):
            xid.write({'noupdate': not xid.noupdate})

    # ------------------------------------------------------------------
    # end of loading and uninstall
    # ------------------------------------------------------------------

    @api.model
    def _process_end(self, modules) -> bool:
        """ Delete the records of the updated ``modules`` whose xml ids were
        not loaded again (they left the module's data files). """
        if tools.config.get('import_partial') or not modules:
            return True
        this = self.with_context(**{MODULE_UNINSTALL_FLAG: True})
        loaded = this.env.registry.loaded_xmlids
        cr = this.env.cr
        cr.execute("""
            SELECT id, module || '.' || name, model, res_id FROM ir_model_data
            WHERE module IN %s AND res_id IS NOT NULL AND COALESCE(noupdate, false) != true
            ORDER BY id DESC
        """, [tuple(modules)])
        bad_imd_ids = []
        for imd_id, xmlid, model, res_id in cr.fetchall():
            if xmlid in loaded:
                continue
            Model = this.env.get(model)
            if Model is None:
                continue
            if this._kept_by_loaded_child(Model, res_id, loaded):
                continue
            cr.execute("SELECT 1 FROM ir_model_data WHERE model = %s AND res_id = %s AND id != %s AND NOT id = ANY(%s)",
                       [model, res_id, imd_id, bad_imd_ids or [0]])
            if cr.fetchone():
                # another external id still owns the record: only forget this one
                bad_imd_ids.append(imd_id)
                continue
            record = Model.browse(res_id).exists()
            if record:
                _logger.info('%s is no longer in its module data: deleting %s(%s)', xmlid, model, res_id)
                this._process_end_unlink_record(record.with_context(module=xmlid.split('.', 1)[0]))
            else:
                bad_imd_ids.append(imd_id)
        if bad_imd_ids:
            this.browse(bad_imd_ids).unlink()
        loaded.clear()
        return True

    def _kept_by_loaded_child(self, Model, res_id: int, loaded: set) -> bool:
        """ A parent created implicitly through ``_inherits`` has the xml id
        of its child; keep it when that child was loaded again. """
        for child_name in getattr(Model, '_inherits_children', ()) or ():
            child = self.env[child_name]
            if child._abstract:
                continue
            parent_field = child._inherits[Model._name]
            children = child.with_context(active_test=False).search([(parent_field, '=', res_id)])
            xids = {x for ids in self._all_xmlids(children).values() for x in ids}
            if xids & loaded:
                return True
        return False

    @api.model
    def _process_end_unlink_record(self, record) -> None:
        record.unlink()

    @api.model
    def _module_data_uninstall(self, modules_to_remove) -> None:
        """ Delete every record the given modules created (by their xml ids),
        then their schema: constraints, fields (columns), m2m tables, models
        (tables). Records still owned by another module are kept. """
        if not self.env.is_system():
            raise AccessError(_("Only an administrator can uninstall modules (%s).", ", ".join(modules_to_remove)))
        this = self.with_context(**{MODULE_UNINSTALL_FLAG: True, 'prefetch_fields': False})
        owned = this.search([('module', 'in', list(modules_to_remove))], order='id DESC')

        schema_models = ('ir.model.constraint', 'ir.model.fields.selection', 'ir.model.fields', 'ir.model')
        by_kind = {name: [] for name in schema_models}
        plain = []
        for xid in owned:
            if xid.model in by_kind:
                by_kind[xid.model].append(xid.res_id)
            elif xid.model in this.env and (xid.model, xid.res_id) not in plain:
                plain.append((xid.model, xid.res_id))

        stuck = []
        kept_columns = ('id',) + LOG_ACCESS_COLUMNS

        def remove(targets):
            refs = this.search([('res_id', 'in', targets.ids), ('model', '=', targets._name)])
            # a record another module also names stays
            targets = (targets - targets.browse((refs - owned).mapped('res_id'))).exists()
            if targets._name == 'ir.model.fields':
                targets = targets.filtered(lambda fld: fld.name not in kept_columns or (
                    fld.name != 'id' and fld.model in this.env and not this.env[fld.model]._log_access))
            if not targets:
                return
            try:
                with this.env.cr.savepoint():
                    targets.unlink()
            except Exception:  # noqa: BLE001 - bisect to find the records that cannot go
                if len(targets) == 1:
                    stuck.extend(refs.ids)
                    return
                middle = len(targets) // 2
                remove(targets[:middle])
                remove(targets[middle:])

        for model_name, pairs in itertools.groupby(plain, key=lambda pair: pair[0]):
            remove(this.env[model_name].browse([res_id for _m, res_id in pairs]))
        installed = this.env['ir.module.module'].search([('name', 'in', list(modules_to_remove))])
        for kind in schema_models[:3]:
            remove(this.env[kind].browse(list(dict.fromkeys(by_kind[kind]))))
        this.env['ir.model.relation'].search([('module', 'in', installed.ids)])._module_data_uninstall()
        remove(this.env['ir.model'].browse(list(dict.fromkeys(by_kind['ir.model']))))

        for xid in this.browse(stuck).exists():
            try:
                with this.env.cr.savepoint():
                    if xid.model in this.env and this.env[xid.model].browse(xid.res_id).exists():
                        owned -= xid
            except psycopg2.ProgrammingError:
                # its table went away with its model: the record is gone too
                pass
        owned.exists().unlink()
