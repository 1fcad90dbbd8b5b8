"""Exporting the terms of installed modules to a PO (or POT) file (``--i18n-export``).

Terms come from the module's records (``translate=True`` fields as ``model:``
entries, term-translated fields such as view archs as ``model_terms:``) and
from its Python code (``_()``, ``_lt()`` and ``env._()`` calls, as
``odoo-python`` ``code:`` entries). Translations are those of the database for
records and those of the module's PO files for code.
"""
from __future__ import annotations

import io
import logging
import os
from collections.abc import Iterable, Iterator
from typing import IO, Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_python
from babel.messages.pofile import write_po

from .. import release
from .sql import SQL
from .translate import PYTHON_TRANSLATION_COMMENT, code_translations

_logger = logging.getLogger(__name__)

# A row: (module, type, name, res_id, source, value, comments), as Odoo's readers yield.
Row = tuple[str, str, str, Any, str, str, tuple[str, ...]]

_CODE_KEYWORDS = {'_': None, '_lt': None}
_SKIPPED_DIRS = {'tests', 'static', 'i18n', 'i18n_extra', '__pycache__', 'node_modules'}


class TranslationModuleReader:
    """The translatable terms of ``modules`` (all installed ones by default) with their
    ``lang`` translations (empty for a POT)."""

    def __init__(self, cr: Any, modules: Iterable[str] | None = None, lang: str | None = None) -> None:
        from .. import api
        self.env = api.Environment(cr, 1, {})
        self.lang = lang or ''
        installed = self.env['ir.module.module'].search([('state', '=', 'installed')]).mapped('name')
        wanted = [name for name in (modules or ()) if name != 'all']
        self.modules = sorted(set(wanted) & set(installed)) if wanted else sorted(installed)
        missing = set(wanted) - set(installed)
        if missing:
            _logger.warning("not exporting modules that are not installed: %s", ', '.join(sorted(missing)))

    def __iter__(self) -> Iterator[Row]:
        for module in self.modules:
            yield from self._record_terms(module)
            yield from self._code_terms(module)

    # --- records -------------------------------------------------------------

    def _record_terms(self, module: str) -> Iterator[Row]:
        cr = self.env.cr
        cr.execute("SELECT model, name, res_id FROM ir_model_data WHERE module = %s ORDER BY model, id", (module,))
        per_model: dict[str, list[tuple[str, int]]] = {}
        for model, name, res_id in cr.fetchall():
            per_model.setdefault(model, []).append((name, res_id))
        for model_name, xmlids in per_model.items():
            if model_name not in self.env:
                continue
            model = self.env[model_name]
            fields = [field for field in model._fields.values() if field.translate and field.store]
            if not fields or getattr(model, '_abstract', False) or not getattr(model, '_auto', True):
                continue
            by_id = {res_id: name for name, res_id in xmlids}
            columns = SQL(", ").join(SQL.identifier(field.name) for field in fields)
            cr.execute(SQL("SELECT id, %s FROM %s WHERE id IN %s ORDER BY id", columns,
                           SQL.identifier(model._table), tuple(by_id)))
            for record_id, *values in cr.fetchall():
                xmlid = f"{module}.{by_id[record_id]}"
                for field, value in zip(fields, values):
                    yield from self._field_terms(module, model_name, field, xmlid, record_id, value)

    def _field_terms(self, module: str, model_name: str, field: Any, xmlid: str, record_id: int,
                     value: dict | None) -> Iterator[Row]:
        if not value or not value.get('en_US'):
            return
        source = value['en_US']
        translated = value.get(self.lang, '') if self.lang else ''
        name = f"{model_name},{field.name}"
        if not callable(field.translate):
            yield (module, 'model', name, xmlid, source, translated if translated != source else '', ())
            return
        terms_en: list[str] = []
        field.translate(terms_en.append, source)
        terms_lang: list[str] = []
        if translated:
            field.translate(terms_lang.append, translated)
        paired = len(terms_lang) == len(terms_en)
        for index, term in enumerate(terms_en):
            value_lang = terms_lang[index] if paired else ''
            yield (module, 'model_terms', name, xmlid, term, value_lang if value_lang != term else '', ())

    # --- code ----------------------------------------------------------------

    def _code_terms(self, module: str) -> Iterator[Row]:
        from ..modules.module import get_module_path
        path = get_module_path(module, display_warning=False)
        if not path:
            return
        known = code_translations.get_python_translations(module, self.lang) if self.lang not in ('', 'en_US') else {}
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if d not in _SKIPPED_DIRS)
            for filename in sorted(files):
                if not filename.endswith('.py'):
                    continue
                full = os.path.join(root, filename)
                relative = os.path.relpath(full, os.path.dirname(path))
                with open(full, 'rb') as handle:
                    found = list(extract_python(handle, _CODE_KEYWORDS, [], {}))
                for _lineno, _func, message, _comments in found:
                    source = message[0] if isinstance(message, tuple) else message
                    if not source:
                        continue
                    yield (module, 'code', f"addons/{relative}", 0, source, known.get(source, ''),
                           (PYTHON_TRANSLATION_COMMENT,))


def _catalog(rows: Iterable[Row], lang: str | None) -> Catalog:
    """Rows merged by source text: one PO entry lists all its occurrences and modules."""
    entries: dict[str, dict] = {}
    for module, kind, name, res_id, source, value, comments in rows:
        entry = entries.setdefault(source, {'modules': [], 'locations': [], 'comments': [], 'value': ''})
        if module not in entry['modules']:
            entry['modules'].append(module)
        # code terms carry a line number (always 0), which Odoo's reader requires
        location = f"{kind}:{name}:{res_id}"
        if (location, None) not in entry['locations']:
            entry['locations'].append((location, None))
        for comment in comments:
            if comment not in entry['comments']:
                entry['comments'].append(comment)
        entry['value'] = entry['value'] or value
    catalog = Catalog(locale=lang or None, project=f"{release.description} {release.version}",
                      version=release.version, charset='utf-8')
    for source, entry in entries.items():
        modules = entry['modules']
        label = f"module: {modules[0]}" if len(modules) == 1 else f"modules: {', '.join(modules)}"
        flags = ['python-format'] if '%' in source and PYTHON_TRANSLATION_COMMENT in entry['comments'] else []
        catalog.add(source, entry['value'] if lang else '', locations=entry['locations'],
                    auto_comments=[label, *entry['comments']], flags=flags)
    return catalog


def trans_export(lang: str | None, modules: Iterable[str], buffer: IO[bytes], format: str, cr: Any) -> None:
    """Write the terms of ``modules`` and their ``lang`` translations (none: a POT) to ``buffer``."""
    if format not in ('po', 'pot'):
        raise ValueError(f"unsupported translation export format {format!r} (only 'po' and 'pot')")
    reader = TranslationModuleReader(cr, modules=modules, lang=lang)
    write_po(buffer, _catalog(reader, lang if format == 'po' else None), width=0, sort_output=True)


def export_to_file(cr: Any, path: str, lang: str | None, modules: Iterable[str]) -> None:
    """``trans_export`` into file ``path`` (``.pot`` extension: no translations)."""
    fileformat = 'pot' if path.endswith('.pot') else 'po'
    buffer = io.BytesIO()
    trans_export(lang, modules, buffer, fileformat, cr)
    with open(path, 'wb') as handle:
        handle.write(buffer.getvalue())
