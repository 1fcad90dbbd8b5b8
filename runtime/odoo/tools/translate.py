"""Translations: ``_()`` / ``_lt`` for code, PO files, and the import of model translations.

``_("Order %s", name)`` translates into the language of the caller (its
``context``, ``self.env.lang``, the request, or the user's preference) using
the PO files of the caller's addon (``odoo.addons.<module>``), entries marked
``#. odoo-python``; ``%`` formatting happens after translation. PO files
are read with babel. ``TranslationImporter`` writes the ``model:`` and
``model_terms:`` entries of PO files into the jsonb columns of
``translate=True`` / ``translate=xml_translate`` fields.
"""
from __future__ import annotations

import functools
import inspect
import io
import logging
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import suppress
from typing import IO, Any

from babel.messages.pofile import read_po
from markupsafe import Markup, escape
from psycopg2.extras import Json

from .misc import OrderedSet, ReadonlyDict, file_open, file_path, get_iso_codes
from .sql import SQL
from .translate_xml import (  # noqa: F401 - re-exported: fields declare translate=xml_translate
    MODIFIER_ATTRS,
    TRANSLATED_ELEMENTS,
    get_text_content,
    html_term_converter,
    html_translate,
    is_text,
    parse_html,
    parse_xml,
    serialize_html,
    serialize_xml,
    translate_xml_node,
    xml_term_adapter,
    xml_term_converter,
    xml_translate,
)

__all__ = ['LazyGettext', 'LazyTranslate', 'TranslationImporter', '_', '_lt', 'code_translations',
           'get_po_paths', 'get_translation', 'html_translate', 'xml_translate']

_logger = logging.getLogger(__name__)

PYTHON_TRANSLATION_COMMENT = 'odoo-python'
JAVASCRIPT_TRANSLATION_COMMENT = 'odoo-javascript'

_MODEL_OCCURRENCE_RE = re.compile(r'(model|model_terms):([\w.]+),(\w+):(\w+)\.([^ ]+)')
_CODE_OCCURRENCE_RE = re.compile(r'(code):([\w/.-]+)')
_MODULE_COMMENT_RE = re.compile(r'modules?: (\w+)')
_LINE_SUFFIX_RE = re.compile(r':\d+$')


# --- PO files ------------------------------------------------------------------

def _with_line_numbers(po_text: str) -> str:
    """Give every ``#:`` occurrence a line number: babel drops those without one, and
    Odoo writes ``#: model:res.partner,name:base.main_partner`` bare."""
    lines = []
    for line in po_text.splitlines():
        if line.startswith('#:'):
            occurrences = line[2:].split()
            for occurrence in occurrences:
                # Odoo 18 reads a code occurrence's line number as an int and
                # fails on the whole file without one: refuse it here too
                if occurrence.startswith('code:') and not _LINE_SUFFIX_RE.search(occurrence):
                    raise ValueError(f"code occurrence {occurrence!r} has no line number "
                                     f"(write {occurrence}:0)")
            occurrences = [occ if _LINE_SUFFIX_RE.search(occ) else occ + ':0' for occ in occurrences]
            line = '#: ' + ' '.join(occurrences)
        lines.append(line)
    return '\n'.join(lines) + '\n'


class PoFileReader:
    """Iterates over the entries of a PO file as Odoo's translation rows:
    ``{'type': 'model'|'model_terms'|'code', 'name', 'imd_model', 'imd_name', 'src',
    'value', 'comments', 'module', 'res_id'}``."""

    def __init__(self, source: str | IO[bytes]) -> None:
        if isinstance(source, str):
            with open(source, 'rb') as handle:
                raw = handle.read()
            self.name = source
        else:
            raw = source.read()
            self.name = getattr(source, 'name', '<po file>')
        text = raw.decode('utf-8') if isinstance(raw, bytes) else raw
        try:
            self.catalog = read_po(io.StringIO(_with_line_numbers(text)), abort_invalid=True)
        except Exception as exc:
            raise ValueError(f"malformed PO file {self.name}: {exc}") from exc

    def __iter__(self) -> Iterator[dict]:
        for message in self.catalog:
            if not message.id or isinstance(message.id, tuple):
                continue        # header, or plural forms (not used by Odoo)
            module = ''
            comments = []
            for comment in message.auto_comments:
                match = _MODULE_COMMENT_RE.match(comment)
                if match and not module:
                    module = match.group(1)
                elif not match:
                    comments.append(comment)
            comments_text = '\n'.join(comments)
            value = message.string or ''
            seen_code = False
            for occurrence, line in message.locations:
                match = _MODEL_OCCURRENCE_RE.match(occurrence)
                if match:
                    kind, model_name, field_name, xmlid_module, xmlid_name = match.groups()
                    yield {'type': kind, 'imd_model': model_name, 'name': f'{model_name},{field_name}',
                           'imd_name': xmlid_name, 'res_id': None, 'src': message.id, 'value': value,
                           'comments': comments_text, 'module': xmlid_module}
                    continue
                match = _CODE_OCCURRENCE_RE.match(occurrence)
                if match:
                    if seen_code:
                        continue        # a code term is translated once, whatever its occurrences
                    seen_code = True
                    yield {'type': 'code', 'name': match.group(2), 'src': message.id, 'value': value,
                           'comments': comments_text, 'res_id': int(line or 0), 'module': module}
                    continue
                _logger.warning("PO file %s: unknown occurrence %r of %r", self.name, occurrence, message.id)


def TranslationFileReader(source: str | IO[bytes], fileformat: str = 'po') -> PoFileReader:
    """A reader of translation rows; only the PO format is supported."""
    if fileformat not in ('po', 'pot'):
        raise ValueError(f"unsupported translation file format {fileformat!r} (only 'po')")
    return PoFileReader(source)


def get_po_paths(module_name: str, lang: str, env: Any = None) -> Iterator[str]:
    """The existing PO files of ``module_name`` for ``lang``: the base language first
    (``zh.po``), then the exact one (``zh_CN.po``), in ``i18n`` then ``i18n_extra``."""
    base = lang.split('_', 1)[0]
    names = [base, lang]
    if base == 'es' and lang not in ('es_ES', 'es_419'):
        names.insert(1, 'es_419')
    for name in OrderedSet(names):
        for folder in ('i18n', 'i18n_extra'):
            with suppress(FileNotFoundError):
                yield file_path(os.path.join(module_name, folder, name + '.po'), env=env)


class CodeTranslations:
    """Cache of the code translations of each (module, language), read from its PO files."""

    def __init__(self) -> None:
        self.python_translations: dict[tuple[str, str], ReadonlyDict] = {}
        self.web_translations: dict[tuple[str, str], ReadonlyDict] = {}

    @staticmethod
    def _read(module_name: str, lang: str, marker: str) -> dict[str, str]:
        translations: dict[str, str] = {}
        for path in get_po_paths(module_name, lang):
            try:
                with file_open(path, mode='rb') as handle:
                    rows = list(PoFileReader(handle))
            except (OSError, ValueError):
                _logger.exception("couldn't read translation file %s [lang: %s]", path, get_iso_codes(lang))
                continue
            for row in rows:
                if row['type'] == 'code' and row['src'] and row['value'] and marker in row['comments']:
                    translations[row['src']] = row['value']
        return translations

    def get_python_translations(self, module_name: str, lang: str) -> ReadonlyDict:
        key = (module_name, lang)
        if key not in self.python_translations:
            self.python_translations[key] = ReadonlyDict(self._read(module_name, lang, PYTHON_TRANSLATION_COMMENT))
        return self.python_translations[key]

    def get_web_translations(self, module_name: str, lang: str) -> ReadonlyDict:
        key = (module_name, lang)
        if key not in self.web_translations:
            found = self._read(module_name, lang, JAVASCRIPT_TRANSLATION_COMMENT)
            self.web_translations[key] = ReadonlyDict({'messages': tuple(
                ReadonlyDict({'id': src, 'string': value}) for src, value in found.items())})
        return self.web_translations[key]


code_translations = CodeTranslations()


# --- _() and _lt -------------------------------------------------------------------

def get_translation(module: str, lang: str, source: str, args: tuple | dict) -> str:
    """``source`` translated by ``module``'s PO files into ``lang``, then ``% args``.

    Markup arguments make the translation escaped first; lazy arguments are
    translated into the same language. A translation that does not accept the
    arguments falls back to the source text.
    """
    if not lang:
        raise ValueError(f"no language given to translate {source!r}")
    if lang == 'en_US':
        translation = source
    else:
        if not module:
            raise ValueError(f"no module given to translate {source!r}")
        translation = code_translations.get_python_translations(module, lang).get(source, source)
    if not args:
        return translation
    values = list(args.values()) if isinstance(args, dict) else list(args)
    if any(isinstance(value, Markup) for value in values):
        translation = escape(translation)
    if any(isinstance(value, LazyGettext) for value in values):
        if isinstance(args, dict):
            args = {k: v._translate(lang) if isinstance(v, LazyGettext) else v for k, v in args.items()}
        else:
            args = tuple(v._translate(lang) if isinstance(v, LazyGettext) else v for v in args)
    try:
        return translation % args
    except (TypeError, ValueError, KeyError):
        _logger.exception("Bad translation %r for string %r", translation, source)
        return source % args


def get_translated_module(arg: str | int | Any) -> str:
    """The addon a string/frame/stack depth belongs to: ``odoo.addons.<name>``, else 'base'."""
    if isinstance(arg, str):
        if arg.startswith('odoo.addons.'):
            return arg.split('.')[2]
        return 'base' if not arg or '.' in arg else arg
    frame = arg
    if isinstance(arg, int):
        frame = inspect.currentframe()
        for _level in range(arg):
            frame = frame.f_back if frame else None
    if not frame:
        return 'base'
    name = frame.f_globals.get('__name__') or ''
    if name.startswith('odoo.addons.'):
        return name.split('.')[2]
    try:
        from ..modules.module import get_resource_from_path
        info = get_resource_from_path(inspect.getfile(frame))
    except (ImportError, TypeError):
        return 'base'
    return info[0] if info else 'base'


def _request_env() -> Any:
    try:
        from ..http import request
        return request.env if request else None
    except (ImportError, RuntimeError, AttributeError):
        return None


def _frame_cursor(frame: Any) -> Any:
    """The cursor a frame works with: its local ``cr`` or ``cursor``, then
    ``self.env.cr`` or ``self.cr``, then the request's."""
    local = frame.f_locals
    for name in ('cr', 'cursor'):
        if name in local:
            return local[name]
    owner = local.get('self')
    if owner is not None:
        env = getattr(owner, 'env', None)
        if env is not None:
            return env.cr
        cr = getattr(owner, 'cr', None)
        if cr is not None:
            return cr
    request_env = _request_env()
    return request_env.cr if request_env is not None else None


def _frame_uid(frame: Any) -> int | None:
    """The user a frame works for: its local ``uid``, its local ``user`` (an
    id or a record), then ``self.env.uid``."""
    local = frame.f_locals
    if 'uid' in local:
        return local['uid']
    if 'user' in local:
        return int(local['user'])
    owner = local.get('self')
    if owner is not None and hasattr(owner, 'env') and owner.env.uid:
        return owner.env.uid
    return None


def _lang_of_frame(frame: Any, default_lang: str = '') -> str:
    """The language in effect in ``frame``, looked for as Odoo 18 does: its
    ``context``, ``kwargs['context']``, ``self.env.lang``, the HTTP request,
    the preference of the frame's user. A local ``env`` is not looked at:
    code handed an Environment translates with ``env._()``."""
    local = frame.f_locals
    for context in (local.get('context'), (local.get('kwargs') or {}).get('context')):
        if context and context.get('lang'):
            return context['lang']
    owner = local.get('self')
    env = getattr(owner, 'env', None) if owner is not None else None
    if env:
        if env.lang:
            return env.lang
    request_env = _request_env()
    if request_env is not None and request_env.lang:
        return request_env.lang
    cr = _frame_cursor(frame)
    uid = _frame_uid(frame)
    if cr and uid:
        from .. import api
        lang = api.Environment(cr, uid, {})['res.users'].context_get().get('lang')
        if lang:
            return lang
    if default_lang:
        _logger.debug("no translation language detected, falling back to %s", default_lang)
        return default_lang
    # a caller with records only lacks a language; a caller without any is
    # probably a mistake (a helper function), which Odoo warns about
    _logger.log(logging.DEBUG if env else logging.WARNING,
                "no translation language detected, skipping translation %s", frame, stack_info=True)
    return ''


def _translation_source(stack_level: int, module: str = '', lang: str = '', default_lang: str = '') -> tuple[str, str]:
    frame = None
    if not (module and lang):
        frame = inspect.currentframe()
        for _level in range(stack_level + 1):
            frame = frame.f_back
        lang = lang or _lang_of_frame(frame, default_lang)
    if lang and lang != 'en_US':
        return (module or get_translated_module(frame)), lang
    return module or 'base', 'en_US'


def _(source: str, *args: Any, **kwargs: Any) -> str:
    """Translate ``source`` into the caller's language, then format it with the
    positional (``%s``) or keyword (``%(name)s``) arguments."""
    if args and kwargs:
        raise TypeError("_() takes positional or keyword format arguments, not both")
    if not isinstance(source, str):
        raise TypeError(f"_() expects a string to translate, got {type(source).__name__}")
    module, lang = _translation_source(1)
    return get_translation(module, lang, source, args or kwargs)


@functools.total_ordering
class LazyGettext:
    """A term translated when rendered (``str()``), in the language in effect then.

    ``_lt("Partner")`` at module level; ``env._(LABEL)`` or ``str(LABEL)`` later.
    Lazy terms cannot be compared or hashed: compare their translations.
    """
    __slots__ = ('_args', '_default_lang', '_module', '_source')

    def __init__(self, source: str, *args: Any, _module: str = '', _default_lang: str = '', **kwargs: Any) -> None:
        if args and kwargs:
            raise TypeError("_lt() takes positional or keyword format arguments, not both")
        if not isinstance(source, str):
            raise TypeError(f"_lt() expects a string to translate, got {type(source).__name__}")
        self._source = source
        self._args = args or kwargs
        self._module = get_translated_module(_module or 2)
        self._default_lang = _default_lang

    def _translate(self, lang: str = '') -> str:
        module, lang = _translation_source(2, self._module, lang, default_lang=self._default_lang)
        return get_translation(module, lang, self._source, self._args)

    def __repr__(self) -> str:
        return f"_lt({self._source!r}, _module={self._module!r}, _args={self._args!r})"

    def __str__(self) -> str:
        return self._translate()

    def __eq__(self, other: object) -> bool:
        raise NotImplementedError("compare the translation: str(term) == ...")

    def __hash__(self) -> int:
        raise NotImplementedError("lazy translations are not hashable")

    def __lt__(self, other: object) -> bool:
        raise NotImplementedError("compare the translation: str(term) < ...")

    def __add__(self, other: Any) -> str:
        if isinstance(other, str):
            return self._translate() + other
        if isinstance(other, LazyGettext):
            return self._translate() + other._translate()
        return NotImplemented

    def __radd__(self, other: Any) -> str:
        if isinstance(other, str):
            return other + self._translate()
        return NotImplemented


class LazyTranslate:
    """A factory of lazy terms bound to a module: ``_lt = LazyTranslate(__name__)``."""

    def __init__(self, module: str, *, default_lang: str = '') -> None:
        self.module = get_translated_module(module or 2)
        # Lazy terms of base fall back to English when no language is found.
        self.default_lang = default_lang or ('en_US' if self.module == 'base' else '')

    def __call__(self, source: str, *args: Any, **kwargs: Any) -> LazyGettext:
        return LazyGettext(source, *args, **kwargs, _module=self.module, _default_lang=self.default_lang)


_lt = LazyGettext


def translate_sql_constraint(cr: Any, key: str, lang: str) -> str:
    """The message of SQL constraint ``key`` in ``lang`` (English when untranslated)."""
    cr.execute("SELECT COALESCE(c.message->>%s, c.message->>'en_US') FROM ir_model_constraint c "
               "WHERE name = %s AND type = 'u'", (lang, key))
    return cr.fetchone()[0]


# --- model translations --------------------------------------------------------------

def _translation_dictionary(translate: Callable, value_en: str, translations: dict[str, str]) -> dict[str, dict]:
    """``{term_en: {lang: term}}`` pairing the terms of each translated value with the
    English ones by position (when both have as many terms)."""
    terms_en: list[str] = []
    translate(terms_en.append, value_en)
    result: dict[str, dict] = {term: {} for term in terms_en}
    for lang, value in translations.items():
        terms: list[str] = []
        translate(terms.append, value)
        if len(terms) == len(terms_en):
            for term_en, term in zip(terms_en, terms):
                result[term_en][lang] = term
        else:
            for term_en in terms_en:
                result[term_en][lang] = term_en
    return result


class TranslationImporter:
    """Collects model translations from PO files, then writes them in one go.

    ``importer.load_file('base/i18n/zh_CN.po', 'zh_CN')`` then
    ``importer.save(overwrite=False)``: existing translations are kept unless
    ``overwrite`` (and the record is not ``noupdate``) or ``force_overwrite``.
    """

    def __init__(self, cr: Any, verbose: bool = True) -> None:
        from .. import api
        self.cr = cr
        self.verbose = verbose
        self.env = api.Environment(cr, 1, {})
        # {model: {field: {xmlid: {lang: value}}}}
        self.model_translations: defaultdict = defaultdict(lambda: defaultdict(lambda: defaultdict(dict)))
        # {model: {field: {xmlid: {term_en: {lang: term}}}}}
        self.model_terms_translations: defaultdict = defaultdict(
            lambda: defaultdict(lambda: defaultdict(lambda: defaultdict(dict))))

    def load_file(self, filepath: str, lang: str, xmlids: Any = None) -> None:
        """Read the PO file ``filepath`` (absolute, or inside an addon) for ``lang``; a missing
        file is ignored."""
        with suppress(FileNotFoundError), file_open(filepath, mode='rb', env=self.env) as handle:
            _logger.info("loading translation file %s for language %s", filepath, lang)
            self.load(handle, os.path.splitext(filepath)[-1][1:].lower(), lang, xmlids=xmlids)

    def load(self, fileobj: IO[bytes], fileformat: str, lang: str, xmlids: Any = None) -> None:
        """Read translations of ``lang`` from an open file."""
        if not self.env['res.lang']._lang_get(lang):
            _logger.error("Couldn't read translation for lang '%s', language not found", lang)
            return
        fileobj.seek(0)
        self._load(TranslationFileReader(fileobj, fileformat=fileformat), lang, xmlids)

    def _load(self, reader: Iterator[dict], lang: str, xmlids: Any = None) -> None:
        wanted = set(xmlids) if xmlids else None
        for row in reader:
            if not row.get('value') or not row.get('src') or row['type'] == 'code':
                continue
            model_name = row.get('imd_model')
            if model_name not in self.env:
                continue
            field_name = row['name'].split(',')[1]
            field = self.env[model_name]._fields.get(field_name)
            if field is None or not field.translate or not field.store:
                continue
            xmlid = f"{row['module']}.{row['imd_name']}"
            if wanted is not None and xmlid not in wanted:
                continue
            if row['type'] == 'model' and field.translate is True:
                self.model_translations[model_name][field_name][xmlid][lang] = row['value']
            elif row['type'] == 'model_terms' and callable(field.translate):
                self.model_terms_translations[model_name][field_name][xmlid][row['src']][lang] = row['value']

    def save(self, overwrite: bool = False, force_overwrite: bool = False) -> None:
        """Write the collected translations into the database."""
        if not self.model_translations and not self.model_terms_translations:
            return
        self.env.flush_all()
        for model_name, fields in self.model_terms_translations.items():
            for field_name, records in fields.items():
                self._save_terms(model_name, field_name, records, overwrite, force_overwrite)
        self.model_terms_translations.clear()
        for model_name, fields in self.model_translations.items():
            for field_name, records in fields.items():
                self._save_values(model_name, field_name, records, overwrite, force_overwrite)
        self.model_translations.clear()
        self.env.invalidate_all()
        self.env.registry.clear_cache()
        if self.verbose:
            _logger.info("translations are loaded successfully")

    def _save_values(self, model_name: str, field_name: str, records: dict, overwrite: bool,
                     force_overwrite: bool) -> None:
        table = SQL.identifier(self.env[model_name]._table)
        column = SQL.identifier(field_name)
        if force_overwrite:
            merged = SQL("m.%s || t.value", column)
        elif overwrite:
            merged = SQL("CASE WHEN imd.noupdate IS TRUE THEN t.value || m.%s ELSE m.%s || t.value END",
                         column, column)
        else:
            merged = SQL("t.value || m.%s", column)     # right operand wins: existing values stay
        for chunk in self.cr.split_for_in_conditions(records.items()):
            rows = SQL(", ").join(
                SQL("(%s, %s, %s::jsonb)", *xmlid.split('.', 1), Json(values)) for xmlid, values in chunk)
            self.cr.execute(SQL(
                "UPDATE %s AS m SET %s = %s FROM (VALUES %s) AS t(imd_module, imd_name, value) "
                "JOIN ir_model_data AS imd ON imd.model = %s AND imd.module = t.imd_module AND imd.name = t.imd_name "
                "WHERE imd.res_id = m.id",
                table, column, merged, rows, model_name))

    def _save_terms(self, model_name: str, field_name: str, records: dict, overwrite: bool,
                    force_overwrite: bool) -> None:
        model = self.env[model_name]
        field = model._fields[field_name]
        table, column = SQL.identifier(model._table), SQL.identifier(field_name)
        for chunk in self.cr.split_for_in_conditions(records.keys()):
            pairs = SQL(" OR ").join(SQL("(imd.module = %s AND imd.name = %s)", *xmlid.split('.', 1))
                                     for xmlid in chunk)
            self.cr.execute(SQL(
                "SELECT m.id, imd.module || '.' || imd.name, m.%s, imd.noupdate "
                "FROM %s m JOIN ir_model_data imd ON imd.res_id = m.id AND imd.model = %s WHERE %s",
                column, table, model_name, pairs))
            updates = []
            for record_id, xmlid, values, noupdate in self.cr.fetchall():
                value_en = values and values.get('_en_US', values.get('en_US'))
                if not value_en:
                    continue
                incoming = records[xmlid]       # {term_en: {lang: term}}
                langs = {lang for terms in incoming.values() for lang in terms}
                existing = _translation_dictionary(
                    field.translate, value_en,
                    {lang: values.get(f'_{lang}', values[lang]) for lang in langs if lang in values})
                replace = force_overwrite or (overwrite and not noupdate)
                for term_en, terms in incoming.items():
                    current = existing.setdefault(term_en, {})
                    if replace:
                        current.update(terms)
                    else:
                        kept = {lang: term for lang, term in current.items() if term != term_en}
                        current.update(terms)
                        current.update(kept)
                for lang in langs:
                    values[lang] = field.translate(
                        lambda term, lang=lang, terms=existing: terms.get(term, {}).get(lang), value_en)
                    values.pop(f'_{lang}', None)
                updates.append(SQL("(%s, %s::jsonb)", record_id, Json(values)))
            if updates:
                self.cr.execute(SQL(
                    "UPDATE %s AS m SET %s = t.value FROM (VALUES %s) AS t(id, value) WHERE m.id = t.id",
                    table, column, SQL(", ").join(updates)))


def trans_load(cr: Any, filepath: str, lang: str, verbose: bool = True, overwrite: bool = False) -> None:
    """Load one PO file into the database (deprecated shortcut of TranslationImporter)."""
    importer = TranslationImporter(cr, verbose=verbose)
    importer.load_file(filepath, lang)
    importer.save(overwrite=overwrite)


def load_language(cr: Any, lang: str) -> None:
    """Activate ``lang`` and load the translations of the installed modules for it."""
    from .. import api
    env = api.Environment(cr, 1, {})
    env['res.lang']._activate_lang(lang)
    env['ir.module.module'].search([('state', '=', 'installed')])._update_translations(lang)
