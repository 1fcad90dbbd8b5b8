"""The error sheet of a customer import: an .xlsx listing, for every row that was not
imported as is, its row number in the original sheet, its values and the reasons."""

import base64
import io
import os

from odoo import _, models
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from ..tools.import_reader import cell_text


class TianchiCustomerImport(models.TransientModel):
    _inherit = 'tianchi.customer.import'

    def _tianchi_error_sheet(self, rows):
        """``{'error_file', 'error_filename'}`` values for the rows with errors, duplicates or warnings."""
        reported = [row for row in rows if row.result in ('error', 'duplicate') or row.warnings]
        if not reported:
            return {'error_file': False, 'error_filename': False}
        headers = [column.header for column in self.column_ids.sorted('sequence')]
        results = {
            'error': _("Not imported"),
            'duplicate': _("Duplicate, skipped"),
            'created': _("Imported, with remarks"),
            'updated': _("Updated, with remarks"),
        }
        book = Workbook(write_only=True)
        sheet = book.create_sheet(_("Errors"))
        bold = Font(bold=True)
        title = []
        for label in [_("Row"), _("Result"), _("Reasons")] + headers:
            cell = WriteOnlyCell(sheet, value=label)
            cell.font = bold
            title.append(cell)
        sheet.append(title)
        for row in reported:
            reasons = [message for _code, message in row.problems] + list(row.warnings)
            if row.result == 'duplicate':
                reasons.append(self._tianchi_duplicate_reason(row))
            sheet.append([row.number, results[row.result], "\n".join(reasons)]
                         + [cell_text(value) for value in row.values])
        buffer = io.BytesIO()
        book.save(buffer)
        stem = os.path.splitext(self.filename or 'customers')[0]
        return {
            'error_file': base64.b64encode(buffer.getvalue()),
            'error_filename': _("%(name)s-errors.xlsx", name=stem),
        }

    def _tianchi_duplicate_reason(self, row):
        kind, target = row.duplicate_of
        if kind == 'new':
            return _("Same customer as row %(row)s of this file.", row=target.number)
        partner = self.env['res.partner'].sudo().browse(target)
        return _("Customer %(name)s already exists (owner: %(owner)s).",
                 name=partner.display_name, owner=partner.user_id.name or _("public pool"))
