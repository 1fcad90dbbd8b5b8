"""Field values as HTML: how each field type (and the common widgets) is
displayed read-only, how it is edited (the form input), and how the posted
text is turned back into a value for ``write``/``create``."""
from __future__ import annotations

import base64
import datetime
import json
from typing import Any

import pytz
from odoo import _, fields

from .html import Markup, attrs, join

NUMERIC = ('integer', 'float', 'monetary')


def _currency_of(record: Any, info: dict) -> Any:
    name = info.get('currency_field') or ('currency_id' if 'currency_id' in record._fields else None)
    return record[name] if name and name in record._fields else record.env.company.currency_id


def format_number(value: Any, ftype: str, digits: int = 2) -> str:
    if value in (None, False) and ftype != 'integer':
        value = 0
    if ftype == 'integer':
        return f"{int(value or 0):,}"
    return f"{float(value):,.{digits}f}"


def format_amount(value: float, currency: Any) -> str:
    text = format_number(value, 'float', currency.decimal_places if currency else 2)
    if not currency:
        return text
    symbol = currency.symbol or currency.name
    return f"{text} {symbol}" if currency.position == 'after' else f"{symbol} {text}"


def local_datetime(env: Any, value: datetime.datetime) -> datetime.datetime:
    zone = pytz.timezone(env.user.tz or env.context.get('tz') or 'Asia/Shanghai')
    return pytz.utc.localize(value).astimezone(zone).replace(tzinfo=None)


def display(record: Any, name: str, info: dict, widget: str | None = None) -> Markup:
    """The read-only HTML of ``record[name]``."""
    ftype = info.get('type')
    value = record[name]
    if ftype == 'boolean':
        icon = 'bi-check-square-fill text-primary' if value else 'bi-square text-secondary'
        return Markup('<i class="bi {}" aria-label="{}"></i>').format(icon, _("Yes") if value else _("No"))
    if ftype in ('one2many', 'many2many'):
        if widget == 'many2many_tags' or ftype == 'many2many':
            return join(Markup('<span class="badge rounded-pill text-bg-light border me-1">{}</span>').format(
                rec.display_name) for rec in value)
        return Markup('{}').format(_("%s records", len(value)))
    if ftype == 'many2one':
        return Markup('{}').format(value.display_name or '')
    if ftype == 'monetary' or widget == 'monetary':
        return Markup('{}').format(format_amount(value, _currency_of(record, info)))
    if ftype in NUMERIC:
        digits = (info.get('digits') or [16, 2])[1] if isinstance(info.get('digits'), (list, tuple)) else 2
        return Markup('{}').format(format_number(value, ftype, digits))
    if value is False or value is None:
        return Markup('')
    if ftype == 'selection':
        return Markup('{}').format(dict(info.get('selection') or []).get(value, value))
    if ftype == 'datetime':
        return Markup('{}').format(local_datetime(record.env, value).strftime('%Y-%m-%d %H:%M'))
    if ftype == 'date':
        return Markup('{}').format(value.strftime('%Y-%m-%d'))
    if ftype == 'binary':
        if widget == 'image' or info.get('name', '').startswith('image'):
            return Markup('<img class="o_image rounded border" alt="" src="data:image/png;base64,{}">').format(
                value.decode() if isinstance(value, bytes) else value)
        return Markup('<i class="bi bi-paperclip"></i>')
    if ftype == 'html':
        return Markup(str(value))       # html fields are sanitised by the ORM on write
    if widget == 'email':
        return Markup('<a href="mailto:{0}">{0}</a>').format(value)
    if widget == 'phone':
        return Markup('<a href="tel:{0}">{0}</a>').format(value)
    if widget == 'url':
        return Markup('<a href="{0}" target="_blank" rel="noopener">{0}</a>').format(
            value if '://' in value else f'https://{value}')
    return Markup('{}').format(value)


def attachments_html(record: Any, name: str, *, readonly: bool, prefix: str = '') -> Markup:
    """The ``many2many_binary`` widget: the attached files as download links;
    when editable, a box per file to keep it (unticked, it is unlinked) and a
    file input adding new ones (posted as ``<name>__upload``)."""
    key = prefix + name
    items = []
    for attachment in record[name]:
        link = Markup('<a href="/web/content/{}?download=true"><i class="bi bi-paperclip"></i> {}</a>').format(
            attachment.id, attachment.name or '')
        if readonly:
            items.append(Markup('<li class="list-group-item py-1">{}</li>').format(link))
        else:
            items.append(Markup(
                '<li class="list-group-item py-1 d-flex align-items-center gap-2">'
                '<input class="form-check-input" type="checkbox" name="{}" value="{}" checked title="{}">{}</li>').format(
                key, attachment.id, _("Keep"), link))
    listing = Markup('<ul class="list-group list-group-flush mb-1">{}</ul>').format(join(items)) if items else Markup('')
    if readonly:
        return Markup('<div class="o_field_many2many_binary" id="o_field_{}">{}</div>').format(key, listing)
    return Markup('<div class="o_field_many2many_binary" id="o_field_{0}"><input type="hidden" name="{0}" value="">{1}'
                  '<input type="file" multiple class="form-control form-control-sm" name="{0}__upload"></div>').format(
        key, listing)


def _domain_json(domain: list) -> str:
    """A domain as JSON for the suggestions' request (dates and other values as their text)."""
    try:
        return json.dumps(domain, default=str)
    except (TypeError, ValueError):
        return '[]'


def _tag_color(tag: Any, color_field: str | None) -> int:
    from .kanban_fields import color_index
    return color_index(tag[color_field]) if color_field and color_field in tag._fields else 0


def tag_badge(key: str, tag_id: int, label: str, color: int) -> Markup:
    """One chosen tag: a badge carrying its id (posted under ``key``) and a cross removing it."""
    return Markup(
        '<span class="badge rounded-pill o_tag o_tag_color_{color} d-inline-flex align-items-center gap-1" data-id="{tid}">'
        '<input type="hidden" name="{key}" value="{tid}">{label}'
        '<a href="#" class="o_delete text-reset text-decoration-none" role="button" aria-label="{remove}" title="{remove}">&times;</a>'
        '</span>').format(color=color, tid=tag_id, key=key, label=label, remove=_("Delete"))


def can_quick_create(env: Any, model: str, options: dict) -> bool:
    """Whether typed text may create a tag, as Odoo's many2many_tags offers unless told not to."""
    if options.get('no_create') or options.get('no_quick_create') or options.get('create') is False:
        return False
    return env[model].has_access('create')


def tags_html(record: Any, name: str, info: dict, key: str, domain: list | None, options: dict) -> Markup:
    """Odoo's ``many2many_tags`` editor: the chosen tags as badges, and an input suggesting the
    comodel's records by name (``name_search`` with the field's domain, the chosen ones left out)."""
    model = info['relation']
    color_field = options.get('color_field')
    badges = join(tag_badge(key, tag.id or tag._origin.id, tag.display_name, _tag_color(tag, color_field))
                  for tag in record[name])
    chosen = [tag.id or tag._origin.id for tag in record[name]]
    search_domain = list(domain or [])
    if chosen:
        search_domain = ['&', ('id', 'not in', chosen)] + (search_domain or [(1, '=', 1)])
    vals = {'model': model, 'field': key, 'widget': 'many2many_tags',
            **({'domain': _domain_json(search_domain)} if search_domain else {}),
            **({'color_field': color_field} if color_field else {}),
            **({'context': json.dumps(options['context'], default=str)} if options.get('context') else {}),
            **({'create': '1'} if can_quick_create(record.env, model, options) else {})}
    return Markup(
        '<div class="o_field_many2many_tags o_many2many_tags position-relative d-flex flex-wrap align-items-center gap-1 '
        'form-control" id="o_field_{key}" data-model="{model}">'
        '<input type="hidden" name="{key}" value="">{badges}'
        '<input type="text" class="o_many2many_tags_input border-0 flex-grow-1 bg-transparent" style="outline: none; min-width: 6rem" '
        'autocomplete="off" '
        'name="q_{key}" placeholder="{ph}" aria-label="{ph}" '
        'hx-get="/web/client/name_search" hx-trigger="input changed delay:250ms, focus" '
        'hx-vals="{vals}" hx-target="next .o_many2many_tags_results" hx-swap="innerHTML">'
        '<div class="o_many2many_tags_results o_many2one_results list-group position-absolute w-100 shadow-sm start-0 top-100">'
        '</div></div>').format(key=key, model=model, badges=badges, ph=_("Tags..."), vals=json.dumps(vals))


def tags_choices(env: Any, model: str, found: list, text: str, create: bool, color_field: str | None) -> Markup:
    """The suggestions of a many2many_tags input: the records found, then "Create <text>"."""
    colors = {}
    if color_field and found and color_field in env[model]._fields:
        colors = {tag.id: _tag_color(tag, color_field) for tag in env[model].browse([rid for rid, _l in found])}
    items = [Markup('<a href="#" class="list-group-item list-group-item-action o_many2many_tags_choice" '
                    'data-id="{}" data-label="{}" data-color="{}">{}</a>').format(rid, label, colors.get(rid, 0), label)
             for rid, label in found]
    if create and text.strip():
        items.append(Markup('<a href="#" class="list-group-item list-group-item-action o_many2many_tags_create" '
                            'data-label="{0}">{1}</a>').format(text.strip(), _('Create "%s"', text.strip())))
    if not items:
        items.append(Markup('<span class="list-group-item text-secondary">{}</span>').format(_("No records")))
    return join(items)


def image_html(value: Any, key: str, common: Markup) -> Markup:
    """Odoo's editable ``image`` widget: the picture (or a placeholder), a button choosing a file (previewed
    at once, saved as base64 with the form) and one clearing it (posts ``<key>__clear``)."""
    source = f"data:image/png;base64,{value.decode() if isinstance(value, bytes) else value}" if value else ''
    return Markup(
        '<div class="o_field_image d-inline-flex flex-column align-items-end gap-1">'
        '<img class="o_image rounded border{hide_img}" alt="" src="{src}">'
        '<div class="o_image_placeholder rounded border bg-body-secondary d-flex align-items-center justify-content-center{hide_ph}">'
        '<i class="bi bi-camera fs-3 text-secondary"></i></div>'
        '<div class="d-flex gap-1"><label class="btn btn-sm btn-light border o_select_file_button mb-0" title="{upload}">'
        '<i class="bi bi-pencil"></i><input type="file" class="d-none" accept="image/*"{common}></label>'
        '<button type="button" class="btn btn-sm btn-light border o_clear_file_button" title="{clear}" aria-label="{clear}">'
        '<i class="bi bi-trash"></i></button>'
        '<input type="checkbox" class="d-none o_clear_flag" name="{key}__clear" value="1"></div></div>').format(
        hide_img='' if value else ' d-none', src=source, hide_ph=' d-none' if value else '', upload=_("Upload your file"),
        common=common, clear=_("Clear"), key=key)


def posted_text(record: Any, name: str, info: dict) -> str | None:
    """``record[name]`` as the text its input would post (what ``parse`` reads back); None for the types
    no single input carries (x2many, binary)."""
    ftype = info.get('type')
    value = record[name]
    if ftype in ('one2many', 'many2many', 'binary', 'html'):
        return None
    if ftype == 'many2one':
        return str(value.id or '') if isinstance(value.id, int) else str(value._origin.id or '')
    if ftype == 'boolean':
        return '1' if value else '0'
    if value is False or value is None:
        return '0' if ftype in NUMERIC else ''
    if ftype == 'date':
        return value.isoformat()
    if ftype == 'datetime':
        return local_datetime(record.env, value).strftime('%Y-%m-%dT%H:%M:%S')
    return str(value)


def input_html(record: Any, name: str, info: dict, widget: str | None, *, readonly: bool, required: bool,
               prefix: str = '', placeholder: str | None = None, domain: list | None = None,
               force_save: bool = False, options: dict | None = None) -> Markup:
    """The form control editing ``record[name]`` (posted under ``prefix + name``). A read-only field with
    ``force_save`` still posts its value (set by an onchange), as Odoo saves it. ``options`` are the
    field node's (``color_field``, ``no_create``, ``no_quick_create`` of many2many tags)."""
    if readonly:
        text = posted_text(record, name, info) if force_save else None
        kept = Markup('<input type="hidden" name="{}" value="{}">').format(prefix + name, text) if text is not None else ''
        shown = display(record, name, info, widget)
        if info.get('type') == 'many2many' and widget == 'many2many_tags' and (options or {}).get('color_field'):
            shown = join(Markup('<span class="badge rounded-pill o_tag o_tag_color_{} me-1">{}</span>').format(
                _tag_color(tag, options['color_field']), tag.display_name) for tag in record[name])
        return Markup('<div class="o_readonly py-1">{}{}</div>').format(shown, kept)
    ftype = info.get('type')
    value = record[name]
    key = prefix + name
    common = attrs(name=key, id=f"o_field_{key}", required=required, placeholder=placeholder)
    if ftype == 'boolean' and widget in ('priority', 'boolean_favorite'):
        return Markup('<label class="o_priority d-inline-block fs-5 text-warning" title="{}"><input type="hidden" name="{}" value="0">'
                      '<input class="d-none" type="checkbox" value="1"{}{}><i class="bi bi-star"></i><i class="bi bi-star-fill"></i></label>').format(
            info.get('string') or '', key, common, attrs(checked=bool(value)))
    if ftype == 'boolean':
        return Markup('<div class="form-check form-switch"><input type="hidden" name="{}" value="0">'
                      '<input class="form-check-input" type="checkbox" value="1"{}{}></div>').format(
            key, common, attrs(checked=bool(value)))
    if ftype == 'selection':
        opts = [('', '')] if not required else []
        opts += list(info.get('selection') or [])
        return Markup('<select class="form-select"{}>{}</select>').format(common, join(
            Markup('<option value="{}"{}>{}</option>').format(k, attrs(selected=(k == value) or None), label)
            for k, label in opts))
    if ftype == 'many2one':
        return Markup(
            '<div class="o_many2one position-relative" data-model="{model}">'
            '<input type="hidden" name="{key}" value="{vid}">'
            '<input type="text" class="form-control o_many2one_input" autocomplete="off" value="{label}" '
            'id="o_field_{key}" {req} placeholder="{ph}" '
            'hx-get="/web/client/name_search" hx-trigger="input changed delay:250ms, focus" '
            'hx-vals="{vals}" hx-target="next .o_many2one_results" hx-swap="innerHTML" name="q_{key}">'
            '<div class="o_many2one_results list-group position-absolute w-100 shadow-sm"></div></div>'
        ).format(model=info.get('relation'), key=key, vid=value.id or '', label=value.display_name or '',
                 vals=json.dumps({'model': info.get('relation'), 'field': key, **({'domain': _domain_json(domain)} if domain else {})}),
                 req=Markup('required') if required else '', ph=placeholder or _("Search..."))
    if ftype == 'many2many':
        return tags_html(record, name, info, key, domain, options or {})
    if ftype == 'text' or ftype == 'html':
        return Markup('<textarea class="form-control" rows="3"{}>{}</textarea>').format(common, value or '')
    if ftype == 'binary' and (widget == 'image' or name.startswith('image')):
        return image_html(value, key, common)
    if ftype == 'binary':
        current = display(record, name, info, widget) if value else ''
        return Markup('{}<input type="file" class="form-control mt-1"{}>').format(current, common)
    kind, step, shown = 'text', None, '' if value is False or value is None else value
    if ftype == 'integer':
        kind, step = 'number', '1'
    elif ftype in ('float', 'monetary'):
        kind, step = 'number', 'any'
    elif ftype == 'date':
        kind, shown = 'date', value.strftime('%Y-%m-%d') if value else ''
    elif ftype == 'datetime':
        kind = 'datetime-local'
        shown = local_datetime(record.env, value).strftime('%Y-%m-%dT%H:%M') if value else ''
    elif widget == 'email':
        kind = 'email'
    elif widget == 'phone':
        kind = 'tel'
    elif widget == 'url':
        kind = 'url'
    control = Markup('<input class="form-control" type="{}" value="{}"{}{}>').format(
        kind, shown, common, attrs(step=step))
    if ftype == 'monetary':
        currency = _currency_of(record, info)
        if currency and value not in (False, None):
            # amounts are edited with the currency's decimals (12800.00, not 12800.0)
            control = Markup('<input class="form-control" type="number" step="any" value="{}"{}>').format(
                f"{float(value):.{currency.decimal_places}f}", common)
        return Markup('<div class="input-group"><span class="input-group-text">{}</span>{}</div>').format(
            currency.symbol if currency else '', control)
    return control


def parse(env: Any, info: dict, raw: Any, upload: Any = None) -> Any:
    """The value to write for the posted ``raw`` text of a field described by ``info``."""
    ftype = info.get('type')
    if ftype == 'many2many':
        ids = [int(item) for item in (raw if isinstance(raw, list) else [raw]) if str(item).isdigit()]
        return [fields.Command.set(ids)]
    if isinstance(raw, list):
        raw = raw[-1]
    if ftype == 'boolean':
        return raw in ('1', 'on', 'true', 'True')
    if ftype == 'binary':
        return base64.b64encode(upload.read()) if upload else None
    text = (raw or '').strip() if isinstance(raw, str) else raw
    if text in ('', None):
        return 0 if ftype in NUMERIC else False
    if ftype == 'integer':
        return int(text)
    if ftype in ('float', 'monetary'):
        return float(text.replace(',', ''))
    if ftype == 'many2one':
        return int(text)
    if ftype == 'date':
        return datetime.date.fromisoformat(text)
    if ftype == 'datetime':
        local = datetime.datetime.fromisoformat(text)
        zone = pytz.timezone(env.user.tz or 'Asia/Shanghai')
        return zone.localize(local).astimezone(pytz.utc).replace(tzinfo=None)
    return text
