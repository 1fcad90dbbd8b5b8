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
        for res in self:
            res.complete_name = ".".join(n for n in [res.module, res.name] if n)

    @api.depends('model', 'res_id')
    def _compute_reference(self):
        for res in self:
            res.reference = "%s,%s" % (res.model, res.res_id)

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
        if '.' not in xmlid:
            raise ValueError('External ID not found in the system: %s' % xmlid)
        module, name = xmlid.split('.', 1)
        self.env.cr.execute("SELECT model, res_id FROM ir_model_data WHERE module = %s AND name = %s",
                            [module, name])
        result = self.env.cr.fetchone()
        if not (result and result[1]):
            raise ValueError('External ID not found in the system: %s' % xmlid)
        return tuple(result)

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
        return self._xmlid_to_res_model_res_id(xmlid, raise_if_not_found)[1]

    @api.model
    def check_object_reference(self, module: str, xml_id: str, raise_on_access_error: bool = False) -> tuple:
        model, res_id = self._xmlid_lookup("%s.%s" % (module, xml_id))
        if self.env[model].search([('id', '=', res_id)]):
            return model, res_id
        if raise_on_access_error:
            raise AccessError(_('Not enough access rights on the external ID "%(module)s.%(xml_id)s"',
                                module=module, xml_id=xml_id))
        return model, False

    def _lookup_xmlids(self, xml_ids, model) -> list:
        """ Rows ``(id, module, name, model, res_id, noupdate, record_id)``
        for the given xml ids of ``model``; ``record_id`` is None when the
        record vanished. """
        if not xml_ids:
            return []
        by_module = {}
        for xml_id in xml_ids:
            prefix, suffix = xml_id.split('.', 1)
            by_module.setdefault(prefix, set()).add(suffix)
        result = []
        cr = self.env.cr
        for prefix, suffixes in by_module.items():
            suffixes = sorted(suffixes)
            for start in range(0, len(suffixes), 1000):
                cr.execute("""
                    SELECT d.id, d.module, d.name, d.model, d.res_id, d.noupdate, r.id
                    FROM ir_model_data d LEFT JOIN "%s" r ON d.res_id = r.id
                    WHERE d.module = %%s AND d.name IN %%s
                """ % model._table, [prefix, tuple(suffixes[start:start + 1000])])
                result.extend(cr.fetchall())
        return result

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        for data, vals in zip(self, vals_list):
            vals['name'] = "%s_%04x" % (data.name, random.getrandbits(16))
        return vals_list

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
        for data in data_list:
            prefix, suffix = data['xml_id'].split('.', 1)
            record = data['record']
            rows[(prefix, suffix)] = (prefix, suffix, record._name, record.id, bool(data.get('noupdate')))
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
        record = self.env.ref(xml_id, raise_if_not_found=False)
        if record:
            self.env.registry.loaded_xmlids.add(xml_id)
        return record

    @api.model
    def toggle_noupdate(self, model: str, res_id: int) -> None:
        self.env[model].browse(res_id).check_access('write')
        for xid in self.search([('model', '=', model), ('res_id', '=', res_id)]):
            xid.noupdate = not xid.noupdate

    # ------------------------------------------------------------------
    # end of loading and uninstall
    # ------------------------------------------------------------------

    @api.model
    def _process_end(self, modules) -> bool:
        """ Delete the records of the updated ``modules`` whose xml ids were
        not loaded again (they left the module's data files). """
        if not modules or tools.config.get('import_partial'):
            return True
        self = self.with_context(**{MODULE_UNINSTALL_FLAG: True})
        loaded = self.env.registry.loaded_xmlids
        cr = self.env.cr
        cr.execute("""
            SELECT id, module || '.' || name, model, res_id FROM ir_model_data
            WHERE module IN %s AND res_id IS NOT NULL AND COALESCE(noupdate, false) != true
            ORDER BY id DESC
        """, [tuple(modules)])
        bad_imd_ids = []
        for imd_id, xmlid, model, res_id in cr.fetchall():
            if xmlid in loaded:
                continue
            Model = self.env.get(model)
            if Model is None:
                continue
            if self._kept_by_loaded_child(Model, res_id, loaded):
                continue
            cr.execute("SELECT 1 FROM ir_model_data WHERE model = %s AND res_id = %s AND id != %s AND NOT id = ANY(%s)",
                       [model, res_id, imd_id, bad_imd_ids or [0]])
            if cr.fetchone():
                # another external id still owns the record: only forget this one
                bad_imd_ids.append(imd_id)
                continue
            record = Model.browse(res_id).exists()
            if record:
                _logger.info('Deleting %s@%s (%s)', res_id, model, xmlid)
                self._process_end_unlink_record(record.with_context(module=xmlid.split('.', 1)[0]))
            else:
                bad_imd_ids.append(imd_id)
        if bad_imd_ids:
            self.browse(bad_imd_ids).unlink()
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
            xids = {x for ids in children._get_external_ids().values() for x in ids} if children else set()
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
            raise AccessError(_('Administrator access is required to uninstall a module'))
        self = self.with_context(**{MODULE_UNINSTALL_FLAG: True, 'prefetch_fields': False})

        records_items = []
        model_ids, field_ids, selection_ids, constraint_ids = [], [], [], []
        module_data = self.search([('module', 'in', list(modules_to_remove))], order='id DESC')
        for data in module_data:
            if data.model == 'ir.model':
                model_ids.append(data.res_id)
            elif data.model == 'ir.model.fields':
                field_ids.append(data.res_id)
            elif data.model == 'ir.model.fields.selection':
                selection_ids.append(data.res_id)
            elif data.model == 'ir.model.constraint':
                constraint_ids.append(data.res_id)
            elif data.model in self.env:
                records_items.append((data.model, data.res_id))

        undeletable_ids = []

        def delete(records):
            ref_data = self.search([('model', '=', records._name), ('res_id', 'in', records.ids)])
            records -= records.browse((ref_data - module_data).mapped('res_id'))
            records = records.exists()
            if not records:
                return
            if records._name == 'ir.model.fields':
                records -= records.filtered(lambda f: f.name == 'id' or (
                    f.name in LOG_ACCESS_COLUMNS and f.model in self.env and self.env[f.model]._log_access))
            try:
                with self.env.cr.savepoint():
                    records.unlink()
            except Exception:  # noqa: BLE001 - bisect to find the records that cannot go
                if len(records) <= 1:
                    undeletable_ids.extend(ref_data.ids)
                else:
                    half = len(records) // 2
                    delete(records[:half])
                    delete(records[half:])

        seen = set()
        ordered = [item for item in records_items if not (item in seen or seen.add(item))]
        for model, items in itertools.groupby(ordered, lambda item: item[0]):
            delete(self.env[model].browse([item[1] for item in items]))

        modules = self.env['ir.module.module'].search([('name', 'in', list(modules_to_remove))])
        delete(self.env['ir.model.constraint'].browse(list(dict.fromkeys(constraint_ids))))
        delete(self.env['ir.model.fields.selection'].browse(list(dict.fromkeys(selection_ids))))
        delete(self.env['ir.model.fields'].browse(list(dict.fromkeys(field_ids))))
        self.env['ir.model.relation'].search([('module', 'in', modules.ids)])._module_data_uninstall()
        delete(self.env['ir.model'].browse(list(dict.fromkeys(model_ids))))

        for data in self.browse(undeletable_ids).exists():
            try:
                with self.env.cr.savepoint():
                    if data.model in self.env and self.env[data.model].browse(data.res_id).exists():
                        module_data -= data
            except psycopg2.ProgrammingError:
                # the table went away with its model: the row is gone too
                pass
        module_data.exists().unlink()
