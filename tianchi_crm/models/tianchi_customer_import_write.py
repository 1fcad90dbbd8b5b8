"""Running a customer import: chunks of rows checked, matched against existing customers
and earlier rows, then created or updated in batches, all in one transaction.

Duplicates are looked up per chunk with one query (credit code, name or
mobile), never per row. Progress is written through a second cursor so that
another request sees it while the import's own transaction is still open; a
cancel request (set by another request) is read the same way between chunks
and rolls back everything done so far.
"""

import contextlib
import gc
import logging
import time

from odoo import _, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.import_reader import estimate_rows

_logger = logging.getLogger(__name__)

CHUNK_SIZE = 4000


class ImportCancelled(Exception):
    """Raised between chunks when the import was asked to stop."""


@contextlib.contextmanager
def _collected_per_chunk():
    """Collect garbage once per chunk, not while it is written, and let the
    objects that survive a chunk (the rows kept for the summary, the duplicate
    keys) be frozen out of the collector until the import ends.

    Creating thousands of records allocates millions of short-lived objects:
    the collector would run hundreds of times per 100,000 rows, and its full
    collections would walk all the survivors again (at first a quarter of the
    import's time). Reference counting frees nearly all of them; the few
    cycles a chunk leaves go at its end (``_tianchi_release_memory``).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.unfreeze()
        if enabled:
            gc.enable()


class TianchiCustomerImport(models.TransientModel):
    _inherit = 'tianchi.customer.import'

    def _tianchi_import(self):
        """Import the file's rows; return ``{'summary': {...}, 'rows': [ImportRow, ...]}``.

        Nothing is written in a dry run; a cancel or a failure leaves nothing
        behind (the rows are written inside one savepoint).
        """
        self.ensure_one()
        mapping = self._tianchi_mapping()
        check_context = self._tianchi_check_context()
        state = {'code': {}, 'name': {}, 'mobile': {}, 'names': {}, 'existing_max_id': self._tianchi_max_partner_id()}
        rows = []
        total = max(estimate_rows(self.filename, self._tianchi_content()) - self.header_row, 1)
        started = time.monotonic()
        try:
            # the rows closed on the way out: a big sheet's reading process stops with the import
            with (self.env.cr.savepoint(), _collected_per_chunk(),
                  contextlib.closing(self._tianchi_iter_data(mapping)) as data):
                chunk = []
                for number, values, facts in data:
                    chunk.append(self._tianchi_check_row(number, values, mapping, check_context, facts))
                    if len(chunk) >= CHUNK_SIZE:
                        self._tianchi_write_chunk(chunk, state)
                        rows += chunk
                        chunk = []
                        self._tianchi_release_memory(rows[-CHUNK_SIZE:])
                        self._tianchi_progress(len(rows), total)
                self._tianchi_write_chunk(chunk, state)
                rows += chunk
                self.env.flush_all()
        except ImportCancelled:
            self.write(dict(self._tianchi_zero_counts(), state='cancelled', message=_(
                "The import was cancelled after %(count)s rows: nothing was imported.", count=len(rows))))
            return {'summary': {'cancelled': True, 'processed_rows': len(rows)}, 'rows': []}
        except (UserError, ValidationError) as error:
            self.write(dict(self._tianchi_zero_counts(), state='failed', message=_(
                "The import failed and nothing was imported: %(error)s", error=error.args[0])))
            return {'summary': {'failed': True, 'message': error.args[0]}, 'rows': []}
        summary = self._tianchi_summary(rows)
        _logger.info("customer import %s: %s in %.1fs", self.filename, summary, time.monotonic() - started)
        self._tianchi_progress(len(rows), len(rows), final=True)
        self.write({
            'state': 'done',
            'data_rows': summary['data_rows'],
            'created_count': summary['created'],
            'updated_count': summary['updated'],
            'error_count': summary['errors'],
            'duplicate_count': summary['duplicates'],
            'warning_count': summary['warnings'],
            'message': self._tianchi_summary_message(summary),
            **self._tianchi_error_sheet(rows),
        })
        return {'summary': summary, 'rows': rows}

    def _tianchi_release_memory(self, rows):
        """Keep memory flat on big files: forget what a written chunk no longer needs.

        The rows written without remark keep only their number, result and
        customer; the ORM cache, filled with every record created, is emptied
        (after writing what is pending to the database).
        """
        for row in rows:
            if row.result in ('created', 'updated') and not row.warnings:
                row.values = row.vals = row.contact = row.names = None
        self.env.flush_all()
        self.env.invalidate_all()
        gc.collect(1)
        gc.freeze()

    def _tianchi_zero_counts(self):
        return {'created_count': 0, 'updated_count': 0, 'error_count': 0, 'duplicate_count': 0,
                'warning_count': 0, 'error_file': False, 'error_filename': False}

    def _tianchi_summary(self, rows):
        counts = {'created': 0, 'updated': 0, 'error': 0, 'duplicate': 0}
        for row in rows:
            counts[row.result] += 1
        return {
            'data_rows': len(rows),
            'created': counts['created'],
            'updated': counts['updated'],
            'errors': counts['error'],
            'duplicates': counts['duplicate'],
            'warnings': sum(1 for row in rows if row.warnings and row.result != 'error'),
            'dry_run': self.dry_run,
        }

    def _tianchi_summary_message(self, summary):
        if self.dry_run:
            return _(
                "Dry run of %(rows)s rows, nothing saved: %(created)s would be created, %(updated)s "
                "updated, %(duplicates)s skipped as duplicates, %(errors)s have errors.",
                rows=summary['data_rows'], created=summary['created'], updated=summary['updated'],
                duplicates=summary['duplicates'], errors=summary['errors'])
        return _(
            "%(rows)s rows imported: %(created)s customers created, %(updated)s updated, "
            "%(duplicates)s duplicates skipped, %(errors)s rows with errors.",
            rows=summary['data_rows'], created=summary['created'], updated=summary['updated'],
            duplicates=summary['duplicates'], errors=summary['errors'])

    # -- progress and cancel, through a cursor of their own ----------------------

    def _tianchi_progress(self, done, total, final=False):
        """Publish the progress and stop if a cancel was requested (committed by another request)."""
        percent = 100.0 if final else min(99.0, 100.0 * done / total)
        cancelled = False
        # a progress row made in this very transaction is invisible to the
        # other cursor (tests, scripts): nothing is published then
        if self.progress_ids:
            with self.env.registry.cursor() as cr:
                # SKIP LOCKED: should this very transaction hold the row, waiting
                # for it would never end; the progress is then not published
                cr.execute("""
                    UPDATE tianchi_customer_import_progress
                       SET progress = %s, processed_rows = %s, total_rows = %s
                     WHERE id IN (SELECT id FROM tianchi_customer_import_progress WHERE id = %s
                                  FOR UPDATE SKIP LOCKED)
                 RETURNING cancel_requested
                """, (percent, done, total, self.progress_ids[:1].id))
                found = cr.fetchone()
                cancelled = bool(found and found[0])
        if not final and (cancelled or self._tianchi_cancel_requested()):
            raise ImportCancelled()

    def _tianchi_cancel_requested(self):
        """Hook for an in-process cancel (tests); a real cancel comes through the database."""
        return False

    # -- duplicates and writing ------------------------------------------------

    def _tianchi_max_partner_id(self):
        self.env['res.partner'].flush_model()
        self.env.cr.execute("SELECT max(id) FROM res_partner")
        return self.env.cr.fetchone()[0] or 0

    def _tianchi_known_customers(self, rows, state):
        """Load the existing customers matching the chunk's codes, names or mobiles (one query).

        Only the partners that existed before the import are searched: those it
        created or completed are in ``state`` already, and the search stays as
        cheap on the last chunk as on the first.
        """
        keys = {'code': set(), 'name': set(), 'mobile': set()}
        for row in rows:
            for kind in keys:
                value = getattr(row, kind)
                if value and value not in state[kind]:
                    keys[kind].add(value)
        if not any(keys.values()):
            return
        self.env['res.partner'].flush_model(['vat', 'name', 'mobile', 'parent_id', 'active',
                                             'company_id', 'tianchi_is_customer'])
        self.env.cr.execute("""
            SELECT id, vat, name, mobile FROM res_partner
             WHERE id <= %s AND parent_id IS NULL AND tianchi_is_customer AND active
               AND company_id = %s
               AND (vat = ANY(%s) OR name = ANY(%s) OR mobile = ANY(%s))
             ORDER BY id
        """, (state['existing_max_id'], self.company_id.id, list(keys['code']), list(keys['name']),
              list(keys['mobile'])))
        for partner_id, code, name, mobile in self.env.cr.fetchall():
            for kind, value in (('code', code), ('name', name), ('mobile', mobile)):
                if value and value in keys[kind]:
                    state[kind].setdefault(value, ('db', partner_id))

    def _tianchi_match(self, row, state):
        for kind in ('code', 'name', 'mobile'):
            value = getattr(row, kind)
            if value and value in state[kind]:
                return state[kind][value]
        return None

    def _tianchi_write_chunk(self, rows, state):
        """Classify the chunk's rows and write the customers they create or update."""
        if not rows:
            return
        self._tianchi_known_customers([row for row in rows if not row.problems], state)
        to_create, to_update = [], []
        for row in rows:
            if row.problems:
                row.result = 'error'
                continue
            match = self._tianchi_match(row, state)
            if match and self.duplicate_mode != 'create':
                row.duplicate_of = match
                if self.duplicate_mode == 'skip':
                    row.result = 'duplicate'
                    continue
                row.result = 'updated'
                to_update.append(row)
                continue
            row.result = 'created'
            to_create.append(row)
            for kind in ('code', 'name', 'mobile'):
                value = getattr(row, kind)
                if value:
                    state[kind].setdefault(value, ('new', row))
        if self.dry_run:
            return
        self._tianchi_resolve_names(to_create + to_update, state)
        self._tianchi_create(to_create)
        for row in to_update:
            self._tianchi_update(row)
            if row.result == 'updated':
                # later rows find the customer by the values it has now, as a search would
                for kind in ('code', 'name', 'mobile'):
                    value = getattr(row, kind)
                    if value:
                        state[kind].setdefault(value, ('db', row.partner_id))
        self._tianchi_refresh_statistics(state, 2 * len(to_create))

    def _tianchi_refresh_statistics(self, state, inserted):
        """Refresh the planner's statistics of res_partner after the first chunk, then
        each time the import has doubled the rows it added.

        The lookups made while creating (ours, the constraints') pick their
        index from those statistics; taken before the import (a company with
        no customer yet, a much smaller table) they choose a scan that gets
        slower with every chunk. Only the columns those lookups filter on are
        analysed: the whole table's would cost three times as much.
        """
        state.setdefault('partner_rows', 0)   # rows this import added, at the last refresh
        state['inserted'] = state.get('inserted', 0) + inserted
        if state['inserted'] > max(1000, state['partner_rows']):
            self.env['res.partner'].flush_model()
            # ANALYZE counts this transaction's own new rows
            self.env.cr.execute(
                "ANALYZE res_partner (id, vat, name, mobile, company_id, parent_id, tianchi_is_customer, active)")
            state['partner_rows'] += state['inserted']
            state['inserted'] = 0

    def _tianchi_resolve_names(self, rows, state):
        """Turn source, industry, tag and custom relation names into ids, creating missing ones."""
        if not rows:
            return
        cache = state['names']
        wanted = {
            'source': ('tianchi.customer.source', 'customer_source_id'),
            'industry': ('res.partner.industry', 'industry_id'),
            'tags': ('res.partner.category', 'category_id'),
        }
        for key, (model, _field) in wanted.items():
            names = {name for row in rows for name in self._tianchi_as_list(row.names.get(key))}
            # missing sources, industries and tags are created for who may create them
            self._tianchi_ensure_names(model, names, cache, create=self.env[model].has_access('create'))
        custom = {}
        for row in rows:
            for relation, names in row.names.get('custom', {}).values():
                custom.setdefault(relation, set()).update(names)
        for relation, names in custom.items():
            self._tianchi_ensure_names(relation, names, cache, create=False)
        labels = {'source': _("source"), 'industry': _("industry"), 'tags': _("tag")}
        # per target: the row key, the field, the ids known by name, whether it takes several
        targets = [(key, field_name, cache[model], key == 'tags') for key, (model, field_name) in wanted.items()]
        for row in rows:
            for key, field_name, known, several in targets:
                names = self._tianchi_as_list(row.names.get(key))
                if not names:
                    continue
                ids = [known[name] for name in names if name in known]
                if len(ids) < len(names):
                    missing = [name for name in names if name not in known]
                    row.warnings.append(_("Unknown %(kind)s %(names)s: left out.",
                                          kind=labels[key], names=", ".join(missing)))
                if ids:
                    row.vals[field_name] = [fields.Command.set(ids)] if several else ids[0]
            for field_name, (relation, names) in row.names.get('custom', {}).items():
                ids = [cache[relation][name] for name in names if name in cache[relation]]
                missing = [name for name in names if name not in cache[relation]]
                field = self.env['res.partner']._fields[field_name]
                if missing:
                    row.warnings.append(_("Unknown %(kind)s %(names)s: left out.",
                                          kind=field.string, names=", ".join(missing)))
                if ids:
                    row.vals[field_name] = [fields.Command.set(ids)] if field.type == 'many2many' else ids[0]

    @staticmethod
    def _tianchi_as_list(value):
        if not value:
            return []
        return value if isinstance(value, list) else [value]

    def _tianchi_ensure_names(self, model, names, cache, create):
        known = cache.setdefault(model, {})
        missing = [name for name in names if name not in known]
        if not missing:
            return
        Model = self.env[model]
        for record in Model.search([('name', 'in', missing)]):
            known.setdefault(record.display_name if model == 'res.partner.category' else record.name,
                             record.id)
            known.setdefault(record.name, record.id)
        missing = [name for name in missing if name not in known]
        if create and missing:
            for name, record in zip(missing, Model.create([{'name': name} for name in missing])):
                known[name] = record.id

    def _tianchi_create(self, rows):
        if not rows:
            return
        owner = self.env.uid
        company = self.company_id.id
        # The contacts are created with their customers (child_ids) and get
        # the company's commercial and address values from the row, as Odoo's
        # data loading does (with the same context key), instead of one
        # synchronising write per contact. Made inside the customers' create(),
        # their work overlaps the customers' INSERT where the ORM runs it in
        # the background.
        Partner = self.env['res.partner'].with_context(tracking_disable=True, mail_create_nolog=True,
                                                         mail_create_nosubscribe=True,
                                                         _partners_skip_fields_sync=True)
        inherited = list(dict.fromkeys(['lang', *Partner._commercial_fields(), *Partner._address_fields()]))
        vals_list = []
        for row in rows:
            vals = dict(row.vals, tianchi_is_customer=True, is_company=True, company_id=company)
            vals.setdefault('user_id', owner)
            if row.contact:
                contact = {name: vals[name] for name in inherited if name in vals}
                contact.update(row.contact, company_id=company, user_id=vals['user_id'])
                vals['child_ids'] = [fields.Command.create(contact)]
            vals_list.append(vals)
        try:
            with self.env.cr.savepoint():
                partners = Partner.create(vals_list)
        except (ValidationError, UserError):
            # find the culprit rows one by one; the others are created
            partners = self.env['res.partner']
            for row, vals in zip(rows, vals_list):
                try:
                    with self.env.cr.savepoint():
                        partners |= Partner.create(vals)
                except (ValidationError, UserError) as error:
                    row.result = 'error'
                    row.problem('invalid', error.args[0])
            rows = [row for row in rows if row.result != 'error']
        for row, partner in zip(rows, partners):
            row.partner_id = partner.id

    def _tianchi_update(self, row):
        kind, target = row.duplicate_of
        if kind == 'new':
            # a later row completes a customer created earlier in this import
            row.partner_id = target.partner_id
        else:
            row.partner_id = target
        partner = self.env['res.partner'].browse(row.partner_id)
        vals = {key: value for key, value in row.vals.items() if value not in (False, None, '')}
        vals.pop('user_id', None)  # an update never moves the customer to another owner
        try:
            with self.env.cr.savepoint():
                partner.with_context(tracking_disable=True).write(vals)
                if row.contact and row.contact['name'] not in partner.child_ids.mapped('name'):
                    self.env['res.partner'].create(dict(row.contact, parent_id=partner.id,
                                                        company_id=partner.company_id.id,
                                                        user_id=partner.user_id.id))
        except (ValidationError, UserError) as error:
            row.result = 'error'
            row.problem('invalid', error.args[0])
