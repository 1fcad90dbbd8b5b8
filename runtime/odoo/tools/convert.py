"""Data files of modules: XML (``record``, ``field``, ``menuitem``,
``template``, ``function``, ``delete``), CSV (one model per file) and SQL,
loaded through ``Model._load_records`` so that every record gets its
external id in ``ir.model.data``.

Any error while loading an element is raised as :class:`ParseError` naming
the file, the line and the external id of the element.
"""
from __future__ import annotations

import base64
import csv
import io
import logging
import os
import re
from datetime import datetime, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import release
from odoo.orm.commands import Command

from .misc import file_open, file_path
from .safe_eval import pytz, time
from .safe_eval import safe_eval as _safe_eval

__all__ = [
    'ParseError', 'convert_csv_import', 'convert_file', 'convert_sql_import',
    'convert_xml_import', 'xml_import',
]

_logger = logging.getLogger(__name__)

DATA_ROOTS = ('odoo', 'data', 'openerp')


class ParseError(Exception):
    """A data file could not be loaded; the message names the file and line."""


def safe_eval(expr: str, context: dict[str, Any]) -> Any:
    return _safe_eval(expr, context, nocopy=True)


def str2bool(value: str) -> bool:
    return value.strip().lower() not in ('0', 'false', 'off', '')


def nodeattr2bool(node: etree._Element, attr: str, default: bool = False) -> bool:
    value = (node.get(attr) or '').strip()
    return str2bool(value) if value else default


class xml_import:
    """Loads the elements of one XML data file of ``module``."""

    def __init__(self, env, module: str, idref: dict | None, mode: str,
                 noupdate: bool = False, xml_filename: str | None = None):
        self.mode = mode
        self.module = module
        self.envs = [env(context=dict(env.context, lang=None))]
        self.idref = {} if idref is None else idref
        self._noupdate = [noupdate]
        self._sequences: list[int | None] = []
        self.xml_filename = xml_filename
        self._tags = {
            'record': self._tag_record,
            'delete': self._tag_delete,
            'function': self._tag_function,
            'menuitem': self._tag_menuitem,
            'template': self._tag_template,
            **dict.fromkeys(DATA_ROOTS, self._tag_root),
        }

    # -- state of the element being loaded ---------------------------------

    @property
    def env(self):
        return self.envs[-1]

    @property
    def noupdate(self) -> bool:
        return self._noupdate[-1]

    def next_sequence(self) -> int | None:
        value = self._sequences[-1] if self._sequences else None
        if value is not None:
            value = self._sequences[-1] = value + 10
        return value

    def get_env(self, node: etree._Element, eval_context: dict | None = None):
        uid, context = node.get('uid'), node.get('context')
        if not (uid or context):
            return self.env
        return self.env(
            user=uid and self.id_get(uid),
            context=context and {
                **self.env.context,
                **safe_eval(context, {'ref': self.id_get, **(eval_context or {})}),
            },
        )

    # -- external ids -----------------------------------------------------

    def make_xml_id(self, xml_id: str) -> str:
        if not xml_id or '.' in xml_id:
            return xml_id
        return f'{self.module}.{xml_id}'

    def _test_xml_id(self, xml_id: str) -> None:
        if '.' not in xml_id:
            return
        module, name = xml_id.split('.', 1)
        if '.' in name:
            raise ValueError(f"The external id {xml_id!r} must contain at most one dot (module.name)")
        if module != self.module:
            count = self.env['ir.module.module'].search_count([('name', '=', module), ('state', '=', 'installed')])
            if count != 1:
                raise ValueError(f"The external id {xml_id!r} refers to module {module}, which is not installed")

    def model_id_get(self, id_str: str, raise_if_not_found: bool = True):
        if '.' not in id_str:
            id_str = f'{self.module}.{id_str}'
        return self.env['ir.model.data']._xmlid_to_res_model_res_id(id_str, raise_if_not_found=raise_if_not_found)

    def id_get(self, id_str: str, raise_if_not_found: bool = True):
        if id_str in self.idref:
            return self.idref[id_str]
        result = self.model_id_get(id_str, raise_if_not_found)
        return result and result[1]

    def eval_context(self, model_name: str | None) -> dict[str, Any]:
        """The names available to ``eval``, ``search`` and ``context`` attributes."""
        context = dict(
            self.idref,
            Command=Command,
            time=time,
            DateTime=datetime,
            datetime=datetime,
            timedelta=timedelta,
            relativedelta=relativedelta,
            version=release.major_version,
            ref=self.id_get,
            pytz=pytz,
        )
        if model_name:
            context['obj'] = self.env[model_name].browse
        return context

    # -- elements -----------------------------------------------------------

    def parse(self, root: etree._Element) -> None:
        if root.tag not in DATA_ROOTS:
            raise ParseError(
                f"while parsing {self.xml_filename}: root element must be <odoo>, <data> or <openerp>, "
                f"not <{root.tag}>"
            )
        self._tag_root(root)

    def _tag_root(self, root: etree._Element) -> None:
        for element in root:
            handler = self._tags.get(element.tag)
            if handler is None:
                continue
            self.envs.append(self.get_env(root))
            self._noupdate.append(nodeattr2bool(root, 'noupdate', self.noupdate))
            self._sequences.append(0 if nodeattr2bool(root, 'auto_sequence') else None)
            try:
                handler(element)
            except ParseError:
                raise
            except Exception as e:
                raise ParseError(self._describe_error(element, e)) from e
            finally:
                self._noupdate.pop()
                self.envs.pop()
                self._sequences.pop()

    def _describe_error(self, element: etree._Element, error: Exception) -> str:
        filename = self.xml_filename or element.getroottree().docinfo.URL
        xml_id = element.get('id')
        what = f" (record {self.make_xml_id(xml_id)})" if xml_id else ''
        source = etree.tostring(element, encoding='unicode').rstrip()
        if len(source) > 2000:
            source = source[:2000] + '...'
        return (
            f"while parsing {filename}:{element.sourceline}{what}, somewhere inside\n{source}\n"
            f"{type(error).__name__}: {error}"
        )

    def _tag_delete(self, element: etree._Element) -> None:
        model_name = element.get('model')
        records = self.env[model_name]
        if search := element.get('search'):
            try:
                records = records.search(safe_eval(search, self.eval_context(model_name)))
            except ValueError:
                _logger.warning('Skipping deletion for failed search %r', search, exc_info=True)
        if xml_id := element.get('id'):
            try:
                records += records.browse(self.id_get(xml_id))
            except ValueError:
                _logger.warning('Skipping deletion for missing external id %r', xml_id, exc_info=True)
        if records:
            records.unlink()

    def _tag_function(self, element: etree._Element) -> None:
        if self.noupdate and self.mode != 'init':
            return
        self._eval_function(element, self.get_env(element))

    def _eval_function(self, element: etree._Element, env) -> Any:
        model_name = element.get('model')
        model = env[model_name]
        args: list = []
        kwargs: dict = {}
        if expr := element.get('eval'):
            args = list(safe_eval(expr, self.eval_context(model_name)))
        for child in element:
            if child.tag == 'value' and child.get('name'):
                kwargs[child.get('name')] = self._eval_value(child, env)
            elif isinstance(child.tag, str):
                args.append(self._eval_value(child, env))
        kwargs['context'] = {**env.context, **kwargs.get('context', {})}
        # as an RPC call: @api.model methods on the model, others on the records of args[0]
        from odoo.service.model import call_kw
        return call_kw(model, element.get('name'), args, kwargs)

    def _tag_menuitem(self, element: etree._Element, parent: int | None = None) -> None:
        menu_id = element.attrib['id']
        self._test_xml_id(menu_id)
        values: dict[str, Any] = {
            'parent_id': False,
            'active': nodeattr2bool(element, 'active', default=True),
        }
        if element.get('sequence'):
            values['sequence'] = int(element.get('sequence'))
        if parent is not None:
            values['parent_id'] = parent
        elif element.get('parent'):
            values['parent_id'] = self.id_get(element.attrib['parent'])
        elif element.get('web_icon'):
            values['web_icon'] = element.attrib['web_icon']
        if element.get('name'):
            values['name'] = element.attrib['name']
        if element.get('action'):
            action = self.env.ref(self.make_xml_id(element.attrib['action'])).sudo()
            values['action'] = f'{action.type},{action.id}'
            if not values.get('name') and action.type.endswith(
                    ('act_window', 'wizard', 'url', 'client', 'server')) and action.name:
                values['name'] = action.name
        if not values.get('name'):
            values['name'] = menu_id or '?'

        groups = []
        for group in (element.get('groups') or '').split(','):
            group = group.strip()
            if group.startswith('-'):
                groups.append(Command.unlink(self.id_get(group[1:])))
            elif group:
                groups.append(Command.link(self.id_get(group)))
        if groups:
            values['groups_id'] = groups

        data = {'xml_id': self.make_xml_id(menu_id), 'values': values, 'noupdate': self.noupdate}
        menu = self.env['ir.ui.menu']._load_records([data], self.mode == 'update')
        for child in element.iterchildren('menuitem'):
            self._tag_menuitem(child, parent=menu.id)

    def _tag_record(self, element: etree._Element, extra_vals: dict | None = None):
        model_name = element.get('model')
        env = self.get_env(element)
        record_id = element.get('id', '')
        if model_name not in env.registry:
            raise ValueError(f"Unknown model {model_name!r}")
        model = env[model_name]
        if self.xml_filename and record_id:
            model = model.with_context(
                install_module=self.module,
                install_filename=self.xml_filename,
                install_xmlid=record_id,
            )
        self._test_xml_id(record_id)
        xml_id = self.make_xml_id(record_id)

        # noupdate data is only written when first created
        if self.noupdate and self.mode != 'init':
            if not record_id:
                return None
            record = env['ir.model.data']._load_xmlid(xml_id)
            if record:
                for child in element.xpath('.//record[@id]'):
                    child_xml_id = child.get('id')
                    self._test_xml_id(child_xml_id)
                    child_record = env['ir.model.data']._load_xmlid(self.make_xml_id(child_xml_id))
                    if child_record:
                        self.idref[self.make_xml_id(child_xml_id)] = child_record.id
                self.idref[record_id] = record.id
                return None
            if not nodeattr2bool(element, 'forcecreate', True):
                return None

        foreign_create = False
        if xml_id and xml_id.partition('.')[0] != self.module:
            # a record of another module: only updated, unless forcecreate
            record = self.env['ir.model.data']._load_xmlid(xml_id)
            if not record:
                foreign_create = nodeattr2bool(element, 'forcecreate')
                if not foreign_create:
                    if self.noupdate and not nodeattr2bool(element, 'forcecreate', True):
                        return None
                    raise ValueError(f"Cannot update missing record {xml_id!r}")

        values: dict[str, Any] = {}
        sub_records = []
        for field_node in element.iterchildren('field'):
            name = field_node.get('name')
            if name not in model._fields:
                raise ValueError(f"Model {model_name} has no field {name!r}")
            field = model._fields[name]
            comodel_name = field_node.get('model') or getattr(field, 'comodel_name', None)
            if search := field_node.get('search'):
                if not comodel_name:
                    raise ValueError(f"Field {name!r}: define a model=\"...\" attribute to search")
                found = env[comodel_name].search(safe_eval(search, self.eval_context(comodel_name)))
                use = field_node.get('use') or 'id'
                if field.type == 'many2many':
                    value = [Command.set([rec[use] for rec in found])]
                else:
                    value = found[0][use] if found else False
            elif ref := field_node.get('ref'):
                if field.type == 'reference':
                    res_model, res_id = self.model_id_get(ref)
                    value = f'{res_model},{res_id}'
                else:
                    value = self.id_get(ref, raise_if_not_found=nodeattr2bool(element, 'forcecreate', True))
                    if not value:
                        _logger.warning("Skipping creation of %r because %s=%r could not be resolved",
                                        xml_id, name, ref)
                        return None
            else:
                value = self._eval_value(field_node, env, model_name=comodel_name)
                if field.type == 'many2one':
                    value = int(value) if value else False
                elif field.type == 'integer':
                    value = int(value)
                elif field.type in ('float', 'monetary'):
                    value = float(value)
                elif field.type == 'boolean' and isinstance(value, str):
                    value = str2bool(value)
                elif field.type == 'one2many':
                    for child in field_node.iterchildren('record'):
                        sub_records.append((child, field.inverse_name))
                    if isinstance(value, str):
                        continue  # the children are written with their parent below
            values[name] = value
        if extra_vals:
            values.update(extra_vals)
        if 'sequence' not in values and 'sequence' in model._fields:
            sequence = self.next_sequence()
            if sequence:
                values['sequence'] = sequence

        data = {'xml_id': xml_id, 'values': values, 'noupdate': self.noupdate}
        if foreign_create:
            model = model.with_context(foreign_record_to_create=True)
        record = model._load_records([data], self.mode == 'update')
        if record_id:
            self.idref[record_id] = record.id
        for child, inverse_name in sub_records:
            self._tag_record(child, extra_vals={inverse_name: record.id})
        return model_name, record.id

    def _tag_template(self, element: etree._Element):
        """Turn ``<template>`` into an ``ir.ui.view`` record of type qweb."""
        template_id = element.get('id', element.get('t-name'))
        full_id = template_id if '.' in template_id else f'{self.module}.{template_id}'
        if element.get('inherit_id'):
            element.tag = 'data'
        else:
            element.set('t-name', full_id)
            element.tag = 't'
        element.attrib.pop('id', None)

        record = etree.Element('record', id=template_id, model='ir.ui.view')
        for attr in ('forcecreate', 'context'):
            if attr in element.attrib:
                record.set(attr, element.attrib.pop(attr))

        def add_field(name: str, text: str | None = None, **attrs: str) -> etree._Element:
            field = etree.SubElement(record, 'field', name=name, **attrs)
            field.text = text
            return field

        add_field('name', element.get('name', template_id))
        add_field('key', full_id)
        add_field('type', 'qweb')
        if 'track' in element.attrib:
            add_field('track', element.get('track'))
        if 'priority' in element.attrib:
            add_field('priority', element.get('priority'))
        if 'inherit_id' in element.attrib:
            add_field('inherit_id', ref=element.get('inherit_id'))
        if 'website_id' in element.attrib:
            add_field('website_id', ref=element.get('website_id'))
        if 'key' in element.attrib:
            add_field('key', element.get('key'))
        if element.get('active') in ('True', 'False'):
            existing = self.id_get(template_id, raise_if_not_found=False)
            if self.mode != 'update' or not existing:
                add_field('active', eval=element.get('active'))
        if element.get('customize_show') in ('True', 'False'):
            add_field('customize_show', eval=element.get('customize_show'))
        groups = element.attrib.pop('groups', None)
        if groups:
            refs = ', '.join(f"ref({group.strip()!r})" for group in groups.split(','))
            add_field('groups_id', eval=f'[Command.set([{refs}])]')
        if element.get('primary') == 'True':
            # a primary extension keeps the full name of the new template
            xpath = etree.SubElement(element, 'xpath', expr='.', position='attributes')
            etree.SubElement(xpath, 'attribute', name='t-name').text = full_id
            add_field('mode', 'primary')
        arch = add_field('arch', type='xml')
        arch.append(element)
        return self._tag_record(record)

    # -- values -------------------------------------------------------------

    def _eval_value(self, node: etree._Element, env, model_name: str | None = None) -> Any:
        """The value of a ``<field>`` or ``<value>`` element (search, eval,
        file or text, converted per its ``type``)."""
        kind = node.get('type', 'char')
        model_name = node.get('model') or model_name
        if search := node.get('search'):
            found = env[model_name].search(safe_eval(search, self.eval_context(model_name)))
            use = node.get('use', 'id')
            values = found.ids if use == 'id' else [rec[use] for rec in found]
            field = env[model_name]._fields.get(node.get('name'))
            if field is not None and field.type == 'many2many':
                return values
            return values[0] if values else False
        if expr := node.get('eval'):
            return safe_eval(expr, self.eval_context(model_name))
        if node.tag == 'function':
            return self._eval_function(node, env)

        if kind == 'xml':
            _fix_multiple_roots(node)
            content = ''.join(etree.tostring(child, encoding='unicode') for child in node)
            return '<?xml version="1.0"?>\n' + self._substitute_ids(content)
        if kind == 'html':
            return self._substitute_ids(
                ''.join(etree.tostring(child, method='html', encoding='unicode') for child in node))

        if node.get('file'):
            if kind == 'base64':
                with file_open(node.get('file'), 'rb', env=env) as f:
                    return base64.b64encode(f.read())
            with file_open(node.get('file'), env=env) as f:
                data = f.read()
        else:
            data = node.text or ''

        if kind == 'file':
            path = data.strip()
            file_path(os.path.join(self.module, path))
            return f'{self.module},{path}'
        if kind == 'char':
            return data
        if kind == 'int':
            data = data.strip()
            return None if data == 'None' else int(data)
        if kind == 'float':
            return float(data.strip())
        if kind in ('list', 'tuple'):
            items = [self._eval_value(child, env) for child in node.iterchildren('value')]
            return items if kind == 'list' else tuple(items)
        if kind == 'base64':
            raise ValueError("type 'base64' needs a file attribute")
        raise ValueError(f"Unknown type {kind!r}")

    def _substitute_ids(self, text: str) -> str:
        """Replace ``%(xml_id)d`` / ``%(xml_id)s`` by database ids, ``%%`` by ``%``."""
        def replace(match: re.Match) -> str:
            xml_id = match.group(2)
            if xml_id not in self.idref:
                self.idref[xml_id] = self.id_get(xml_id)
            return match.group(1) + str(self.idref[xml_id])
        text = re.sub(r'([^%])%\((.*?)\)[ds]', replace, text)
        return text.replace('%%', '%')


def _fix_multiple_roots(node: etree._Element) -> None:
    """Wrap several element children of an XML field in one ``<data>``."""
    elements = [child for child in node if isinstance(child.tag, str)]
    if len(elements) > 1:
        wrapper = etree.Element('data')
        for child in list(node):
            wrapper.append(child)
        node.append(wrapper)


# -- files ----------------------------------------------------------------------

def convert_file(env, module: str, filename: str, idref: dict | None, mode: str = 'update',
                 noupdate: bool = False, kind: str | None = None, pathname: str | None = None) -> None:
    """Load the data file ``filename`` of ``module`` (xml, csv, sql; js ignored)."""
    if pathname is None:
        pathname = os.path.join(module, filename)
    ext = os.path.splitext(filename)[1].lower()
    try:
        fp = file_open(pathname, 'rb')
    except FileNotFoundError as e:
        raise FileNotFoundError(f"Module {module}: data file {filename} not found") from e
    with fp:
        if ext == '.csv':
            convert_csv_import(env, module, pathname, fp.read(), idref, mode, noupdate)
        elif ext == '.sql':
            convert_sql_import(env, fp)
        elif ext == '.xml':
            convert_xml_import(env, module, fp, idref, mode, noupdate)
        elif ext != '.js':
            raise ValueError(f"Module {module}: cannot load unknown file type {filename}")


def convert_sql_import(env, fp) -> None:
    content = fp.read()
    # a module's own SQL file, trusted like its Python code
    env.cr.execute(content.decode() if isinstance(content, bytes) else content)


def convert_xml_import(env, module: str, xmlfile, idref: dict | None = None, mode: str = 'init',
                       noupdate: bool = False, report=None) -> None:
    """Load an XML data file (a path or an open file)."""
    filename = xmlfile if isinstance(xmlfile, str) else getattr(xmlfile, 'name', '<xml>')
    try:
        doc = etree.parse(xmlfile)
    except etree.XMLSyntaxError as e:
        raise ParseError(f"while parsing {filename}: invalid XML: {e}") from e
    xml_import(env, module, idref, mode, noupdate=noupdate, xml_filename=filename).parse(doc.getroot())


def convert_csv_import(env, module: str, fname: str, csvcontent: bytes, idref: dict | None = None,
                       mode: str = 'init', noupdate: bool = False) -> None:
    """Load a CSV file named after its model (``res.partner.csv``,
    ``ir.model.access.csv``, ``res.country.state-cn.csv``)."""
    env = env(context=dict(env.context, lang=None))
    model_name = os.path.splitext(os.path.basename(fname))[0].split('-')[0]
    if model_name not in env.registry:
        raise ParseError(f"while parsing {fname}: unknown model {model_name!r} (named by the file name)")
    text = csvcontent.decode('utf-8-sig') if isinstance(csvcontent, bytes) else csvcontent
    reader = csv.reader(io.StringIO(text), quotechar='"', delimiter=',')
    try:
        header = next(reader)
    except StopIteration:
        return
    if mode != 'init' and 'id' not in header:
        _logger.error("File %s has no 'id' column: it can only be loaded when installing", fname)
        return
    rows = [(reader.line_num, row) for row in reader if any(cell.strip() for cell in row)]
    context = {
        'mode': mode, 'module': module, 'install_module': module,
        'install_filename': fname, 'noupdate': noupdate,
    }
    loader = _CsvLoader(env[model_name].with_context(**context), module, fname, header)
    batch: list[tuple[int, dict]] = []

    def flush() -> None:
        if not batch:
            return
        try:
            loader.model._load_records([data for _line, data in batch], mode == 'update')
        except Exception as e:
            lines = f"{batch[0][0]}-{batch[-1][0]}" if len(batch) > 1 else str(batch[0][0])
            raise ParseError(f"while parsing {fname}:{lines}: {type(e).__name__}: {e}") from e
        batch.clear()

    first_lines: dict[str, int] = {}
    for line, row in rows:
        # a row referring to a record of the pending batch waits for it to be created
        if loader.references(row) & {data['xml_id'] for _line, data in batch}:
            flush()
        try:
            data = loader.row_data(row, noupdate)
        except Exception as e:
            raise ParseError(f"while parsing {fname}:{line}: {type(e).__name__}: {e}") from e
        xml_id = data.get('xml_id')
        if xml_id in first_lines:
            # as Odoo, a repeated id is an error in the log, not a failed
            # install: the later row updates the record of the earlier one
            _logger.error("File %s repeats at line %s the external id %s of line %s: "
                          "that record takes the values of line %s",
                          fname, line, xml_id, first_lines[xml_id], line)
            if any(pending.get('xml_id') == xml_id for _line, pending in batch):
                flush()
        elif xml_id:
            first_lines[xml_id] = line
        batch.append((line, data))
    flush()


class _CsvLoader:
    """Converts the rows of a CSV data file to ``_load_records`` items.

    Column names: ``id`` (external id of the row), ``field`` (a value, or the
    name of the related record), ``field/id`` or ``field:id`` (external ids,
    comma-separated for many2many), ``field/.id`` or ``.id`` (database ids).
    """

    def __init__(self, model, module: str, fname: str, header: list[str]):
        self.model = model
        self.module = module
        self.fname = fname
        self.columns = [self._parse_column(name.strip()) for name in header]

    def _parse_column(self, name: str) -> tuple[str, str | None]:
        if name in ('id', '.id'):
            return name, None
        for separator in ('/', ':'):
            if separator in name:
                field_name, sub = name.split(separator, 1)
                if sub not in ('id', '.id'):
                    raise ParseError(f"while parsing {self.fname}: unsupported column {name!r}")
                break
        else:
            field_name, sub = name, None
        if field_name not in self.model._fields:
            raise ParseError(
                f"while parsing {self.fname}: model {self.model._name} has no field {field_name!r} (column {name!r})"
            )
        return field_name, sub

    def qualify(self, xml_id: str) -> str:
        xml_id = xml_id.strip()
        return xml_id if '.' in xml_id else f'{self.module}.{xml_id}'

    def references(self, row: list[str]) -> set[str]:
        """The external ids a row refers to in its ``field/id`` columns."""
        return {
            self.qualify(item)
            for (name, sub), cell in zip(self.columns, row) if sub == 'id'
            for item in cell.split(',') if item.strip()
        }

    def xmlid_to_id(self, xml_id: str) -> int:
        return self.model.env['ir.model.data']._xmlid_to_res_id(self.qualify(xml_id), raise_if_not_found=True)

    def row_data(self, row: list[str], noupdate: bool) -> dict[str, Any]:
        xml_id = None
        values: dict[str, Any] = {}
        for (name, sub), cell in zip(self.columns, row):
            if name == 'id':
                cell = cell.strip()
                xml_id = cell if '.' in cell or not cell else f'{self.module}.{cell}'
                continue
            if name == '.id':
                continue
            values[name] = self.convert(self.model._fields[name], sub, cell)
        return {'xml_id': xml_id, 'values': values, 'noupdate': noupdate}

    def convert(self, field, sub: str | None, cell: str) -> Any:
        stripped = cell.strip()
        relational = field.type in ('many2one', 'many2many', 'one2many')
        if sub in ('id', '.id'):
            if not relational:
                raise ValueError(f"Field {field.name!r} is not relational, it cannot be given by id")
            items = [item for item in stripped.split(',') if item.strip()]
            ids = [int(item) if sub == '.id' else self.xmlid_to_id(item) for item in items]
            if field.type == 'many2one':
                return ids[0] if ids else False
            return [Command.set(ids)]
        if not stripped:
            if field.type in ('many2many', 'one2many'):
                return [Command.set([])]
            return False if field.type != 'char' or not cell else cell
        if field.type == 'boolean':
            return stripped.lower() in ('1', 'true', 'yes')
        if field.type == 'integer':
            return int(stripped)
        if field.type in ('float', 'monetary'):
            return float(stripped)
        if field.type == 'selection':
            return self.selection_value(field, stripped)
        if relational:
            ids = [self.name_to_id(field, name.strip()) for name in stripped.split(',')]
            return ids[0] if field.type == 'many2one' else [Command.set(ids)]
        return cell

    def selection_value(self, field, value: str) -> str:
        selection = field._description_selection(self.model.env) if hasattr(field, '_description_selection') \
            else field.selection
        for key, label in selection or ():
            if value in (str(key), label):
                return key
        raise ValueError(f"Value {value!r} is not a valid choice for field {field.name!r}")

    def name_to_id(self, field, name: str) -> int:
        comodel = self.model.env[field.comodel_name]
        found = comodel.name_search(name, operator='=', limit=2)
        if not found:
            raise ValueError(f"No {field.comodel_name} record named {name!r} for field {field.name!r}")
        return found[0][0]
