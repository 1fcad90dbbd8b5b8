"""``MiscMixin``: names of records (``display_name``, ``name_search``,
``name_create``), field descriptions (``fields_get``), multi-company
consistency (``_check_company``) and cycle detection in hierarchies."""
from __future__ import annotations

from typing import Any

from ..exceptions import UserError
from ..tools.sql import SQL
from . import decorators as api
from . import domains


def _company_ids(companies) -> list:
    """The ids of ``companies``: a recordset, an id, or ids."""
    if hasattr(companies, '_ids'):
        return list(companies.ids)
    if isinstance(companies, int):
        return [companies]
    return [cid for cid in (companies or ()) if cid]


def _with_parents(env, company_ids: list) -> list:
    """``company_ids`` and all their parent companies (from their parent_path)."""
    ids: list = []
    for company in env['res.company'].sudo().browse(company_ids):
        path = company.parent_path if 'parent_path' in company._fields and company.parent_path \
            else f"{company.id}/"
        ids.extend(int(part) for part in path.split('/') if part)
    return list(dict.fromkeys(ids))


def check_company_domain_parent_of(self, companies) -> list:
    """A ``_check_company_domain``: records shared by all companies, or owned
    by one of ``companies`` or by one of their parents."""
    company_ids = _company_ids(companies)
    if not company_ids:
        return [('company_id', '=', False)]
    return [('company_id', 'in', _with_parents(self.env, company_ids) + [False])]


def check_companies_domain_parent_of(self, companies) -> list:
    """A ``_check_company_domain`` for models with ``company_ids``: records of
    which one company is one of ``companies`` or one of their parents."""
    company_ids = _company_ids(companies)
    if not company_ids:
        return []
    return [('company_ids', 'in', _with_parents(self.env, company_ids))]


class MiscMixin:
    """Record names, field descriptions, company checks."""

    # ------------------------------------------------------------------
    # names
    # ------------------------------------------------------------------

    @api.depends(lambda self: [self._rec_name] if self._rec_name else [])
    def _compute_display_name(self) -> None:
        """The name of each record shown to users: its ``_rec_name`` or ``model,id``."""
        rec_name = self._rec_name
        if rec_name:
            field = self._fields[rec_name]
            for record in self:
                value = record[rec_name]
                record.display_name = field.convert_to_display_name(value, record)
        else:
            for record in self:
                record.display_name = f"{record._name},{record.id}"

    @api.model
    def name_search(self, name: str = '', args: list | None = None, operator: str = 'ilike',
                    limit: int = 100) -> list[tuple[int, str]]:
        """``(id, display_name)`` of the records whose display name matches ``name``
        (through ``_search_display_name``, which models override, as in Odoo 18)."""
        domain = domains.AND([[('display_name', operator, name)], list(args or [])])
        records = self.search_fetch(domain, ['display_name'], limit=limit)
        return [(record.id, record.display_name) for record in records.sudo()]

    @api.model
    def _name_search(self, name: str, domain: list | None = None, operator: str = 'ilike',
                     limit: int | None = None, order: str | None = None):
        """A query of the records matching ``name`` on ``_rec_names_search`` (or the name)."""
        domain = list(domain or [])
        if not name and operator in ('ilike', 'like', '=like', '=ilike'):
            return self._search(domain, limit=limit, order=order)
        fnames = self._rec_names_search or ([self._rec_name] if self._rec_name else [])
        if not fnames:
            raise UserError(f"Cannot search on {self._name} by name: it has no _rec_name.")
        positive = operator not in ('!=', 'not ilike', 'not like', 'not in')
        name_domain: list = ['|' if positive else '&'] * (len(fnames) - 1)
        name_domain += [(fname, operator, name) for fname in fnames]
        # two domains side by side are ANDed
        return self._search(name_domain + domain, limit=limit, order=order)

    @api.model
    def name_create(self, name: str) -> tuple[int, str] | bool:
        if not self._rec_name:
            return False
        record = self.create({self._rec_name: name})
        return record.id, record.display_name

    # ------------------------------------------------------------------
    # hooks and archiving
    # ------------------------------------------------------------------

    def _register_hook(self) -> None:
        """Called on every model once the registry is loaded."""

    def _unregister_hook(self) -> None:
        """Undo what ``_register_hook`` did (before the registry reloads)."""

    def action_archive(self) -> None:
        """Set the records' active flag to False."""
        active = self._active_name
        if not active:
            raise UserError(f"Model {self._name} has no active field to archive its records.")
        self.filtered(lambda rec: rec[active]).write({active: False})

    def action_unarchive(self) -> None:
        """Set the records' active flag to True."""
        active = self._active_name
        if not active:
            raise UserError(f"Model {self._name} has no active field to unarchive its records.")
        self.filtered(lambda rec: not rec[active]).write({active: True})

    def toggle_active(self) -> None:
        active = self._active_name
        archived = self.filtered(lambda rec: not rec[active])
        (self - archived).action_archive()
        archived.action_unarchive()

    # ------------------------------------------------------------------
    # translations of translate=True fields
    # ------------------------------------------------------------------

    def _translated_values(self, field) -> dict:
        """``{id: {lang: value}}`` as stored in the jsonb column of ``field``."""
        self.flush_recordset([field.name])
        ids = tuple(rid for rid in self._ids if isinstance(rid, int))
        if not ids:
            return {}
        self.env.cr.execute(f'SELECT id, "{field.name}" FROM "{self._table}" WHERE id IN %s', (ids,))
        return {rid: value or {} for rid, value in self.env.cr.fetchall()}

    def get_field_translations(self, field_name: str, langs: list | None = None) -> tuple[list[dict], dict]:
        """The values of a translated field in each language, for the translation dialog."""
        field = self._fields[field_name]
        if not field.translate:
            raise UserError(f"Field {self._name}.{field_name} is not translatable.")
        if langs is None:
            langs = [code for code, _name in self.env['res.lang'].get_installed()] \
                if 'res.lang' in self.env else ['en_US']
        translations = []
        for values in self._translated_values(field).values():
            source = values.get('en_US') or ''
            for lang in langs:
                translations.append({'lang': lang, 'source': source, 'value': values.get(lang, '')})
        context = {'translation_type': 'text' if field.type in ('text', 'html') else 'char',
                   'translation_show_source': callable(field.translate)}
        return translations, context

    def update_field_translations(self, field_name: str, translations: dict) -> bool:
        """Set the value of a translated field per language: ``{lang: value}``
        (a false value drops the translation), or for term-translated fields
        ``{lang: {source term: translated term}}``."""
        field = self._fields[field_name]
        if not field.translate:
            raise UserError(f"Field {self._name}.{field_name} is not translatable.")
        from psycopg2.extras import Json
        stored = self._translated_values(field)
        cr = self.env.cr
        for rid, values in stored.items():
            new_values = dict(values)
            for lang, value in translations.items():
                if callable(field.translate) and isinstance(value, dict):
                    base = new_values.get(lang) or new_values.get('en_US') or ''
                    new_values[lang] = field.translate(lambda term, mapping=value: mapping.get(term) or term, base)
                elif value:
                    new_values[lang] = value
                else:
                    new_values.pop(lang, None)
            if new_values != values:
                cr.execute(f'UPDATE "{self._table}" SET "{field.name}" = %s WHERE id = %s',
                           (Json(new_values) if new_values else None, rid))
        self.env.cache.invalidate([(field, list(stored))])
        self.modified([field_name])
        return True

    # ------------------------------------------------------------------
    # access checks of Odoo 17, still called by addons
    # ------------------------------------------------------------------

    def check_access_rights(self, operation: str, raise_exception: bool = True) -> bool:
        if self.env.su or 'ir.model.access' not in self.env:
            return True
        return self.env['ir.model.access'].check(self._name, operation, raise_exception)

    def check_access_rule(self, operation: str) -> None:
        self.check_access(operation)

    def _filter_access_rules(self, operation: str):
        return self._filtered_access(operation)

    def _filter_access_rules_python(self, operation: str):
        return self._filtered_access(operation)

    # ------------------------------------------------------------------
    # external ids
    # ------------------------------------------------------------------

    def _get_external_ids(self) -> dict[int, list[str]]:
        """The external ids (``module.name``) of each record."""
        result: dict[int, list[str]] = {record.id: [] for record in self}
        ids = tuple(rid for rid in self._ids if isinstance(rid, int))
        if ids and 'ir.model.data' in self.env:
            self.env['ir.model.data'].flush_model()
            self.env.cr.execute(
                'SELECT res_id, module, name FROM ir_model_data WHERE model = %s AND res_id IN %s ORDER BY id',
                (self._name, ids))
            for res_id, module, name in self.env.cr.fetchall():
                result[res_id].append(f"{module}.{name}")
        return result

    def get_external_id(self) -> dict[int, str]:
        return {rid: (xmlids[0] if xmlids else '') for rid, xmlids in self._get_external_ids().items()}

    # ------------------------------------------------------------------
    # descriptions
    # ------------------------------------------------------------------

    @api.model
    def fields_get(self, allfields: list | None = None, attributes: list | None = None) -> dict:
        """The description of the fields the user may read."""
        result = {}
        for name, field in self._fields.items():
            if allfields and name not in allfields:
                continue
            if field.groups and not self._has_field_access(field, 'read'):
                continue
            result[name] = field.get_description(self.env, attributes)
        return result

    def get_metadata(self) -> list[dict]:
        result = []
        for record in self:
            vals: dict[str, Any] = {'id': record.id}
            for name in ('create_uid', 'create_date', 'write_uid', 'write_date'):
                if name in record._fields:
                    value = record[name]
                    vals[name] = (value.id, value.display_name) if hasattr(value, '_ids') and value else value
            result.append(vals)
        return result

    # ------------------------------------------------------------------
    # companies
    # ------------------------------------------------------------------

    def _check_company_domain(self, companies) -> list:
        """The domain of the records of this model usable with ``companies``
        (models may set it to ``check_company_domain_parent_of``)."""
        company_ids = _company_ids(companies)
        if not company_ids:
            return [('company_id', '=', False)]
        return [('company_id', 'in', company_ids + [False])]

    def _check_company(self, fnames: list | None = None) -> None:
        """Raise ``UserError`` when a ``check_company`` field of a record points
        to records its company may not use (``_check_company_domain`` of the
        target model); company-dependent fields are checked against the
        current company."""
        if fnames is None or 'company_id' in fnames:
            fnames = list(self._fields)
        regular, per_company = [], []
        for name in fnames:
            field = self._fields[name]
            if field.relational and field.check_company:
                (per_company if field.company_dependent else regular).append(name)
        if not (regular or per_company):
            return
        inconsistencies = []
        for record in self:
            if regular:
                if self._name == 'res.company':
                    companies = record
                elif 'company_id' in self._fields:
                    companies = record.company_id
                elif 'company_ids' in self._fields:
                    companies = record.company_ids
                else:
                    return
                for name in regular:
                    self._collect_company_mismatch(record, name, companies, inconsistencies)
            for name in per_company:
                self._collect_company_mismatch(record, name, self.env.company, inconsistencies)
        if inconsistencies:
            lines = ["Incompatible companies on records:"]
            for record, name, corecords in inconsistencies[:5]:
                field = self._fields[name]
                owner = record.company_id.display_name if 'company_id' in record._fields else record.display_name
                lines.append(f"- {record.display_name!r} belongs to company {owner!r} and {field.string!r} "
                             f"({name}: {', '.join(corecords.sudo().mapped('display_name'))}) "
                             f"belongs to another company.")
            raise UserError("\n".join(lines))

    @staticmethod
    def _collect_company_mismatch(record, name: str, companies, inconsistencies: list) -> None:
        corecords = record.sudo()[name]
        if not corecords:
            return
        domain = corecords._check_company_domain(companies)
        if domain and corecords != corecords.with_context(active_test=False).filtered_domain(domain):
            inconsistencies.append((record, name, corecords))

    # ------------------------------------------------------------------
    # hierarchies
    # ------------------------------------------------------------------

    def _has_cycle(self, field_name: str | None = None) -> bool:
        """Whether following ``field_name`` (default: ``_parent_name``, a
        many2one or many2many of the model on itself) from one of the records
        comes back to it; as in Odoo, archived records and access rules do not
        matter.

        All the records are followed together, one query per level (a
        recursive query would be planned as a scan of the whole table, and
        costed high enough to be compiled): each node reached keeps the
        records it is reached from, and a link back to one of them closes a
        cycle.
        """
        field_name = field_name or self._parent_name
        field = self._fields.get(field_name)
        if field is None:
            raise ValueError(f"Invalid field_name: {field_name!r}")
        if field.type not in ('many2one', 'many2many') or field.comodel_name != self._name or not field.store:
            raise ValueError(f"Field must be a many2one or many2many relation on itself: {field_name!r}")
        if not self.ids:
            return False
        self.flush_model([field_name])
        if field.type == 'many2many':
            table, start, end = field.relation, field.column1, field.column2
        else:
            table, start, end = self._table, 'id', field_name
        cr = self.env.cr
        origins_of = {id_: {id_} for id_ in self.ids}
        frontier = set(origins_of)
        while frontier:
            cr.execute(SQL("SELECT %s, %s FROM %s WHERE %s IN %s AND %s IS NOT NULL",
                           SQL.identifier(start), SQL.identifier(end), SQL.identifier(table),
                           SQL.identifier(start), tuple(frontier), SQL.identifier(end)))
            frontier = set()
            for node, target in cr.fetchall():
                origins = origins_of[node]
                if target in origins:
                    return True
                known = origins_of.get(target)
                if known is None:
                    origins_of[target] = set(origins)
                    frontier.add(target)
                elif not origins <= known:
                    known |= origins
                    frontier.add(target)
        return False

    def _check_recursion(self, parent: str | None = None) -> bool:
        return not self._has_cycle(parent)

