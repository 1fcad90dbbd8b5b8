"""Bulk import of customers (批量导入客户名单): the import session, its file, options,
progress and outcome.

The work is split by concern over files extending this model: reading and
column mapping here, row validation in ``tianchi_customer_import_validate``,
duplicate detection and writing in ``tianchi_customer_import_write``, the
error sheet in ``tianchi_customer_import_report``. Everything runs through
ORM methods, so the page, the wizard form, tests and the benchmark share it.
"""

import base64

from markupsafe import Markup
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools.import_headers import HeaderMatcher, find_header
from ..tools.import_reader import SheetError, cell_text, is_blank, read_rows
from ..tools.sheet_process import sheet_rows

MAX_FILE_BYTES = 60 * 1024 * 1024
PREVIEW_ROWS = 10

DUPLICATE_MODES = [
    ('skip', 'Skip'),
    ('update', 'Update the existing customer'),
    ('create', 'Create anyway'),
]

IMPORT_STATES = [
    ('upload', 'Upload'),
    ('preview', 'Preview'),
    ('done', 'Done'),
    ('cancelled', 'Cancelled'),
    ('failed', 'Failed'),
]


class TianchiCustomerImport(models.TransientModel):
    _name = 'tianchi.customer.import'
    _description = 'Customer Import'

    file = fields.Binary(string='File', attachment=False)
    filename = fields.Char(string='File Name')
    company_id = fields.Many2one('res.company', string='Company', required=True,
                                 default=lambda self: self.env.company)
    state = fields.Selection(IMPORT_STATES, string='Status', default='upload', required=True)
    duplicate_mode = fields.Selection(
        DUPLICATE_MODES, string='Duplicates', default='skip', required=True,
        help="What to do with a row whose customer already exists (same credit code, else same "
             "name, else same mobile), in the database or earlier in the file.")
    dry_run = fields.Boolean(
        string='Dry Run', help="Check every row and count the outcome, without saving anything.")
    header_row = fields.Integer(string='Header Row', readonly=True,
                                help="Row number of the header in the sheet.")
    column_ids = fields.One2many('tianchi.customer.import.column', 'import_id', string='Columns')
    preview_html = fields.Html(string='Preview', sanitize=False, readonly=True)
    progress_ids = fields.One2many('tianchi.customer.import.progress', 'import_id', string='Progress Records')
    total_rows = fields.Integer(string='Rows to Import', compute='_compute_progress')
    processed_rows = fields.Integer(string='Rows Processed', compute='_compute_progress')
    progress = fields.Float(string='Progress', compute='_compute_progress')
    cancel_requested = fields.Boolean(string='Cancel Requested', compute='_compute_progress')
    data_rows = fields.Integer(string='Data Rows', readonly=True)
    created_count = fields.Integer(string='Created', readonly=True)
    updated_count = fields.Integer(string='Updated', readonly=True)
    error_count = fields.Integer(string='Errors', readonly=True)
    duplicate_count = fields.Integer(string='Duplicates Skipped', readonly=True)
    warning_count = fields.Integer(string='Warnings', readonly=True)
    message = fields.Text(string='Message', readonly=True)
    error_file = fields.Binary(string='Error Sheet', attachment=False, readonly=True)
    error_filename = fields.Char(string='Error Sheet Name', readonly=True)

    @api.depends('progress_ids.progress', 'progress_ids.cancel_requested')
    def _compute_progress(self):
        for session in self:
            record = session.progress_ids[:1]
            session.total_rows = record.total_rows
            session.processed_rows = record.processed_rows
            session.progress = record.progress
            session.cancel_requested = record.cancel_requested

    # -- reading ---------------------------------------------------------------

    def _tianchi_content(self):
        self.ensure_one()
        if not self.file:
            if self.filename:
                raise UserError(_("%(file)s is empty.", file=self.filename))
            raise UserError(_("Choose a file to import."))
        content = base64.b64decode(self.file)
        if len(content) > MAX_FILE_BYTES:
            raise UserError(_(
                "%(file)s is too large (%(size)s MB): import at most %(max)s MB at a time.",
                file=self.filename, size=round(len(content) / 1048576, 1), max=MAX_FILE_BYTES // 1048576))
        return content

    def _tianchi_sheet_error(self, error):
        """A readable UserError for a SheetError of the reader."""
        name = self.filename or _("The file")
        messages = {
            'wrong_type': _("%(file)s is not a spreadsheet: import an .xlsx, .xls or .csv file.", file=name),
            'wrong_content': _("%(file)s does not contain what its extension says: save it again as "
                               ".xlsx, .xls or .csv.", file=name),
            'empty': _("%(file)s is empty.", file=name),
            'unreadable': _("%(file)s cannot be read (%(error)s).", file=name,
                            error=error.params.get('error', '')),
            'encoding': _("%(file)s is neither UTF-8 nor GBK text.", file=name),
        }
        return UserError(messages.get(error.code, error.code))

    def _tianchi_custom_fields(self):
        """Custom fields of res.partner that can receive a column: ``{name: ir.model.fields}``."""
        fields_model = self.env['ir.model.fields'].sudo()
        custom = fields_model.search([
            ('model', '=', 'res.partner'), ('name', '=like', 'x\\_%'),
            ('ttype', 'not in', ('one2many', 'binary', 'reference', 'many2one_reference',
                                 'properties', 'properties_definition', 'json'))])
        partner_fields = self.env['res.partner']._fields
        return {field.name: field for field in custom if field.name in partner_fields}

    def _tianchi_matcher(self):
        labels = {}
        for name, field in self._tianchi_custom_fields().items():
            labels[field.field_description] = name
            labels[name] = name
        return HeaderMatcher(labels)

    @api.model
    def _tianchi_target_labels(self):
        """Built-in import targets with their (translated) labels, in display order."""
        return [
            ('name', _("Customer Name")),
            ('credit_code', _("Unified Social Credit Code")),
            ('province', _("Province")),
            ('city', _("City")),
            ('district', _("District")),
            ('street', _("Address")),
            ('contact_name', _("Contact")),
            ('function', _("Job Position")),
            ('mobile', _("Mobile")),
            ('phone', _("Phone")),
            ('email', _("Email")),
            ('website', _("Website")),
            ('source', _("Source")),
            ('industry', _("Industry")),
            ('level', _("Customer Level")),
            ('tags', _("Tags")),
            ('owner', _("Owner")),
            ('next_contact_date', _("Next Contact")),
            ('comment', _("Notes")),
        ]

    @api.model
    def _selection_target(self):
        targets = self._tianchi_target_labels()
        targets += [(name, field.field_description) for name, field in self._tianchi_custom_fields().items()]
        return targets

    def _tianchi_iter_data(self, mapping):
        """Yield ``(sheet_row_number, values, facts)`` of the data rows, below the header,
        blank rows left out; ``facts`` are the row's values normalised for the
        targets of ``mapping`` (``{column_index: target}``)."""
        self.ensure_one()
        content = self._tianchi_content()
        try:
            for number, values, facts in sheet_rows(self.filename, content, mapping):
                if number > self.header_row and not is_blank(values):
                    yield number, values, facts
        except SheetError as error:
            raise self._tianchi_sheet_error(error) from error

    def _tianchi_find_header(self, content):
        """Read the top of the sheet: ``(header_number, headers, mapping, first_rows)``."""
        matcher = self._tianchi_matcher()
        top = []
        try:
            rows = read_rows(self.filename, content)
            for number, values in rows:
                if not is_blank(values):
                    top.append((number, values))
                if len(top) >= 30 + PREVIEW_ROWS:
                    break
        except SheetError as error:
            raise self._tianchi_sheet_error(error) from error
        if not top:
            raise UserError(_("%(file)s has no rows.", file=self.filename))
        found = find_header(top, matcher)
        if not found:
            raise UserError(_(
                "No header row was recognised in %(file)s: the first rows should name the columns, "
                "with at least the customer name (客户名称) and one more, such as 手机 or 统一社会信用代码.",
                file=self.filename))
        index, mapping = found
        number, headers = top[index]
        return number, headers, mapping, top[index + 1:index + 1 + PREVIEW_ROWS]

    # -- actions ---------------------------------------------------------------

    def action_parse(self):
        """Read the file's header, map its columns and show a preview of the first rows."""
        self.ensure_one()
        number, headers, mapping, first_rows = self._tianchi_find_header(self._tianchi_content())
        valid_targets = {key for key, _label in self._selection_target()}
        self.column_ids.unlink()
        if not self.progress_ids:
            self.env['tianchi.customer.import.progress'].create({'import_id': self.id})
        self.write({
            'header_row': number,
            'state': 'preview',
            'column_ids': [fields.Command.create({
                'sequence': index,
                'header': cell_text(header) or _("Column %s", index + 1),
                'target': target if target in valid_targets else False,
                'sample': ", ".join(cell_text(row[index]) for _n, row in first_rows[:3]
                                    if index < len(row) and cell_text(row[index])),
            }) for index, (header, target) in enumerate(zip(headers, mapping))],
            'preview_html': self._tianchi_preview_html(headers, first_rows),
        })
        return self._tianchi_reopen()

    @api.model
    def _tianchi_preview_html(self, headers, rows):
        head = Markup("").join(Markup("<th>%s</th>") % cell_text(h) for h in headers)
        body = Markup("").join(
            Markup("<tr><td>%s</td>%s</tr>") % (
                number, Markup("").join(Markup("<td>%s</td>") % cell_text(v) for v in values))
            for number, values in rows)
        return Markup('<table class="table table-sm table-bordered o_tianchi_import_preview">'
                      '<thead><tr><th>#</th>%s</tr></thead><tbody>%s</tbody></table>') % (head, body)

    def _tianchi_mapping(self):
        """``{column_index: target}`` from the (possibly adjusted) column lines."""
        self.ensure_one()
        mapping = {}
        for column in self.column_ids:
            if column.target:
                if column.target in mapping.values():
                    raise UserError(_("Two columns are imported as %(target)s: keep one.",
                                      target=dict(self._selection_target()).get(column.target)))
                mapping[column.sequence] = column.target
        if 'name' not in mapping.values():
            raise UserError(_("Choose the column holding the customer name."))
        return mapping

    def action_import(self):
        """Import the rows (or only check them in a dry run) and show the outcome."""
        self.ensure_one()
        if self.state == 'upload':
            self.action_parse()
        self._tianchi_import()
        return self._tianchi_reopen()

    def action_open_page(self):
        """Run the import on its page, with a progress bar and a cancel button."""
        self.ensure_one()
        if self.state == 'upload':
            self.action_parse()
        return {
            'type': 'ir.actions.act_url',
            'url': f'/tianchi_crm/import/{self.id}',
            'target': 'self',
        }

    def action_dry_run(self):
        self.ensure_one()
        self.dry_run = True
        return self.action_import()

    def action_request_cancel(self):
        """Ask a running import to stop; it rolls back everything it did."""
        self.progress_ids.write({'cancel_requested': True})
        return True

    def action_download_errors(self):
        self.ensure_one()
        return {
            'type': 'ir.actions.act_url',
            'url': f'/tianchi_crm/import/{self.id}/errors',
            'target': 'self',
        }

    def _tianchi_reopen(self):
        return {
            'type': 'ir.actions.act_window',
            'res_model': self._name,
            'res_id': self.id,
            'view_mode': 'form',
            'target': 'new',
            'name': _("Import Customers"),
        }

    # -- helpers for scripts and tests -----------------------------------------

    @api.model
    def tianchi_import_file(self, content, filename, duplicate_mode='skip', dry_run=False):
        """Import ``content`` (bytes) as a sheet named ``filename``; return the result of the run.

        The result is ``{'summary': {...}, 'rows': [...]}`` as returned by
        :meth:`_tianchi_import`; the import session is ``result['import']``.
        """
        session = self.create({
            'file': base64.b64encode(content),
            'filename': filename,
            'duplicate_mode': duplicate_mode,
            'dry_run': dry_run,
        })
        session.action_parse()
        result = session._tianchi_import()
        result['import'] = session
        return result
