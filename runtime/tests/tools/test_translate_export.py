"""Tests of odoo.tools.translate_export: PO/POT files of installed modules."""
from __future__ import annotations

import io

from odoo.modules.registry import Registry
from odoo.tools.translate import PoFileReader, load_language
from odoo.tools.translate_export import trans_export


def export(base_db, lang, fileformat='po'):
    buffer = io.BytesIO()
    with Registry(base_db).cursor() as cr:
        if lang:
            load_language(cr, lang)
        trans_export(lang, ['base'], buffer, fileformat, cr)
        cr.rollback()
    buffer.seek(0)
    buffer.name = f'base.{fileformat}'
    return buffer


def test_pot_lists_record_and_code_terms(base_db):
    rows = list(PoFileReader(export(base_db, None, 'pot')))
    countries = [row for row in rows if row['type'] == 'model' and row['imd_model'] == 'res.country'
                 and row['imd_name'] == 'cn']
    assert countries and countries[0]['name'] == 'res.country,name' and countries[0]['value'] == ''
    code = [row for row in rows if row['type'] == 'code']
    assert code and all(row['module'] == 'base' and 'odoo-python' in row['comments'] for row in code)
    assert any(row['type'] == 'model_terms' and row['imd_model'] == 'ir.ui.view' for row in rows)


def test_po_round_trips_through_the_reader(base_db):
    rows = list(PoFileReader(export(base_db, 'zh_CN')))
    china = next(row for row in rows if row['type'] == 'model' and row['imd_name'] == 'cn'
                 and row['imd_model'] == 'res.country')
    assert china['src'] == 'China' and china['value'] == '中国'
