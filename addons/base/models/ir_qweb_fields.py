"""The ``t-field`` / ``t-options-widget`` converters ``ir.qweb.field.*``: each
turns a field value into HTML in the user's language (numbers with the
language's separators, dates in its format, amounts with the currency's
symbol), as Odoo names and calls them."""
from __future__ import annotations

import base64
import datetime
import re
from typing import Any

import pytz
from markupsafe import Markup, escape
from odoo import api, fields, models
from odoo.tools import float_utils
from odoo.tools.image import image_data_uri
from odoo.tools.misc import format_date, format_datetime, get_lang


def nl2br(text: str) -> Markup:
    """``text`` escaped, its line breaks as <br/>."""
    return escape(text).replace('\n', Markup('<br/>\n'))


def nl2br_enclose(text: str, enclosure_tag: str = 'div') -> Markup:
    """``text`` with <br/> line breaks inside one ``enclosure_tag``."""
    return Markup('<%s>%s</%s>') % (enclosure_tag, nl2br(text), enclosure_tag)


class FieldConverter(models.AbstractModel):
    """The default converter: the value's text, escaped."""
    _name = 'ir.qweb.field'
    _description = 'Qweb Field'

    @api.model
    def get_available_options(self) -> dict:
        return {}

    @api.model
    def attributes(self, record, field_name: str, options: dict, values: dict | None = None) -> dict:
        """ The ``data-oe-*`` attributes of the field's node (only when
        branding is asked for). """
        if not options.get('inherit_branding') and not options.get('translate'):
            return {}
        field = record._fields[field_name]
        data = {
            'data-oe-model': record._name,
            'data-oe-id': record.id,
            'data-oe-field': field.name,
            'data-oe-type': options.get('type'),
            'data-oe-expression': options.get('expression'),
        }
        if field.readonly:
            data['data-oe-readonly'] = 1
        return data

    @api.model
    def value_to_html(self, value: Any, options: dict):
        if value is None or value is False:
            return ''
        return escape(value.decode() if isinstance(value, bytes) else value)

    @api.model
    def record_to_html(self, record, field_name: str, options: dict):
        if not record:
            return False
        value = record.with_context(**self.env.context)[field_name]
        return False if value is False else self.value_to_html(value, options=options)

    @api.model
    def user_lang(self):
        """ The ``res.lang`` record of the rendering language. """
        return self.env['res.lang']._lang_get(get_lang(self.env).code)


class IntegerConverter(models.AbstractModel):
    _name = 'ir.qweb.field.integer'
    _description = 'Qweb Field Integer'
    _inherit = 'ir.qweb.field'

    @api.model
    def value_to_html(self, value, options):
        if options.get('format_decimalized_number'):
            from odoo.tools.misc import format_decimalized_number
            return format_decimalized_number(value, options.get('precision_digits', 1))
        return self.user_lang().format('%d', value, grouping=True).replace('-', '-\N{ZERO WIDTH NO-BREAK SPACE}')


class FloatConverter(models.AbstractModel):
    _name = 'ir.qweb.field.float'
    _description = 'Qweb Field Float'
    _inherit = 'ir.qweb.field'

    @api.model
    def value_to_html(self, value, options):
        precision = options.get('precision')
        if precision is None:
            decimal_precision = options.get('decimal_precision')
            if decimal_precision:
                precision = self.env['decimal.precision'].precision_get(decimal_precision)
        if precision is None:
            text = self.user_lang().format('%f', value, grouping=True)
            # without a precision, drop the trailing zeros of %f but keep one decimal
            text = re.sub(r'(?:(0|\d+?)0+)$', r'\1', text)
        else:
            value = float_utils.float_round(value, precision_digits=precision)
            text = self.user_lang().format(f'%.{precision}f', value, grouping=True)
        return text.replace('-', '-\N{ZERO WIDTH NO-BREAK SPACE}')

    @api.model
    def record_to_html(self, record, field_name, options):
        if 'precision' not in options and 'decimal_precision' not in options:
            digits = record._fields[field_name].get_digits(record.env)
            options = dict(options, precision=digits[1] if digits else None)
        return super().record_to_html(record, field_name, options)


class DateConverter(models.AbstractModel):
    _name = 'ir.qweb.field.date'
    _description = 'Qweb Field Date'
    _inherit = 'ir.qweb.field'

    @api.model
    def value_to_html(self, value, options):
        if not value:
            return ''
        return format_date(self.env, value, date_format=options.get('format'))


class DateTimeConverter(models.AbstractModel):
    _name = 'ir.qweb.field.datetime'
    _description = 'Qweb Field Datetime'
    _inherit = 'ir.qweb.field'

    @api.model
    def value_to_html(self, value, options):
        if not value:
            return ''
        if isinstance(value, str):
            value = fields.Datetime.from_string(value)
        lang = self.user_lang()
        tz_name = options.get('tz_name') or self.env.context.get('tz') or self.env.user.tz or 'UTC'
        local = pytz.utc.localize(value).astimezone(pytz.timezone(tz_name)) if value.tzinfo is None \
            else value.astimezone(pytz.timezone(tz_name))
        if options.get('format'):
            pattern = options['format']
        elif options.get('time_only'):
            pattern = lang.time_format
        elif options.get('date_only'):
            pattern = lang.date_format
        else:
            pattern = f"{lang.date_format} {lang.time_format}"
        if options.get('hide_seconds'):
            pattern = pattern.replace(':%S', '')
        if '%' in pattern:
            return local.strftime(pattern)
        return format_datetime(self.env, value, tz=tz_name, dt_format=pattern)


class TextConverter(models.AbstractModel):
    _name = 'ir.qweb.field.text'
    _description = 'Qweb Field Text'
    _inherit = 'ir.qweb.field'

    @api.model
    def value_to_html(self, value, options):
        return nl2br(value) if value else ''


class SelectionConverter(models.AbstractModel):
    _name = 'ir.qweb.field.selection'
    _description = 'Qweb Field Selection'
    _inherit = 'ir.qweb.field'

    @api.model
    def value_to_html(self, value, options):
        if not value:
            return ''
        return escape(dict(options.get('selection') or ()).get(value, value))

    @api.model
    def record_to_html(self, record, field_name, options):
        if 'selection' not in options:
            field = record._fields[field_name]
            options = dict(options, selection=field._description_selection(self.env))
        return super().record_to_html(record, field_name, options)


class ManyToOneConverter(models.AbstractModel):
    _name = 'ir.qweb.field.many2one'
    _description = 'Qweb Field Many to One'
    _inherit = 'ir.qweb.field'

    @api.model
    def value_to_html(self, value, options):
        if not value:
            return False
        name = value.sudo().display_name
        return nl2br(name) if name else False


class ManyToManyConverter(models.AbstractModel):
    _name = 'ir.qweb.field.many2many'
    _description = 'Qweb field many2many'
    _inherit = 'ir.qweb.field'

    @api.model
    def value_to_html(self, value, options):
        if not value:
            return False
        return nl2br(', '.join(value.sudo().mapped('display_name')))


class HTMLConverter(models.AbstractModel):
    _name = 'ir.qweb.field.html'
    _description = 'Qweb Field HTML'
    _inherit = 'ir.qweb.field'

    @api.model
    def value_to_html(self, value, options):
        # html fields are sanitised when written: their content is trusted markup
        return Markup(value or '')


class ImageConverter(models.AbstractModel):
    """An <img> of a binary image field, embedded as a data URI so that the
    PDF engine needs no server to fetch it."""
    _name = 'ir.qweb.field.image'
    _description = 'Qweb Field Image'
    _inherit = 'ir.qweb.field'

    @api.model
    def value_to_html(self, value, options):
        if not value:
            return False
        if isinstance(value, str):
            value = value.encode()
        try:
            base64.b64decode(value, validate=True)
        except ValueError as e:
            raise ValueError(f"{options.get('expression')!r} does not hold a base64 image") from e
        attrs = {
            'src': image_data_uri(value),
            'class': ' '.join(c for c in ('img', 'img-fluid', options.get('class', '')) if c),
            'style': options.get('style'),
            'alt': options.get('alt_text') or options.get('alt'),
            'width': options.get('width'),
            'height': options.get('height'),
        }
        rendered = ''.join(f' {k}="{escape(v)}"' for k, v in attrs.items() if v)
        return Markup(f'<img{rendered}/>')


class MonetaryConverter(models.AbstractModel):
    """An amount with its currency's symbol where the currency puts it, in
    the language's number format; ``display_currency`` names the currency."""
    _name = 'ir.qweb.field.monetary'
    _description = 'Qweb Field Monetary'
    _inherit = 'ir.qweb.field'

    @api.model
    def value_to_html(self, value, options):
        currency = options.get('display_currency')
        if not currency:
            raise ValueError(f"{options.get('expression')!r}: the monetary widget needs a display_currency option")
        from_currency = options.get('from_currency')
        if from_currency and from_currency != currency:
            date = options.get('date') or fields.Date.context_today(self)
            company = options.get('company_id') or self.env.company
            value = from_currency._convert(value, currency, company, date)
        digits = currency.decimal_places
        value = float_utils.float_round(value, precision_rounding=currency.rounding)
        text = self.user_lang().format(f'%.{digits}f', value, grouping=True)
        text = text.replace(' ', '\N{NO-BREAK SPACE}').replace('-', '-\N{ZERO WIDTH NO-BREAK SPACE}')
        amount = Markup('<span class="oe_currency_value">%s</span>') % text
        symbol = currency.symbol or currency.name
        if currency.position == 'before':
            return Markup('%s\N{NO-BREAK SPACE}%s') % (symbol, amount)
        return Markup('%s\N{NO-BREAK SPACE}%s') % (amount, symbol)

    @api.model
    def record_to_html(self, record, field_name, options):
        options = dict(options)
        field = record._fields[field_name]
        if not options.get('display_currency'):
            currency_field = getattr(field, 'currency_field', None) or 'currency_id'
            if currency_field in record._fields:
                options['display_currency'] = record[currency_field]
            else:
                options['display_currency'] = self.env.company.currency_id
        if not options['display_currency']:
            options['display_currency'] = self.env.company.currency_id
        value = record[field_name]
        return self.value_to_html(value or 0.0, options)


class FloatTimeConverter(models.AbstractModel):
    _name = 'ir.qweb.field.float_time'
    _description = 'Qweb Field Float Time'
    _inherit = 'ir.qweb.field'

    @api.model
    def value_to_html(self, value, options):
        hours, minutes = divmod(round(abs(value) * 60), 60)
        return f"{'-' if value < 0 else ''}{hours:02d}:{minutes:02d}"


class TimeConverter(models.AbstractModel):
    """A number of hours (0 <= value < 24) as a time of day in the user's
    language ("1.5" is 1:30 AM in English)."""
    _name = 'ir.qweb.field.time'
    _description = 'QWeb Field Time'
    _inherit = 'ir.qweb.field'

    @api.model
    def value_to_html(self, value, options):
        import babel.dates
        if value < 0:
            raise ValueError(f"{options.get('expression')!r}: a time of day cannot be negative ({value})")
        hours, minutes = divmod(int(value * 60), 60)
        if hours > 23:
            raise ValueError(f"{options.get('expression')!r}: {value} is past the end of the day (24 hours)")
        locale = babel.Locale.parse(self.user_lang().code)
        return babel.dates.format_time(datetime.time(hours, minutes), format=options.get('format', 'short'),
                                       locale=locale)


class DurationConverter(models.AbstractModel):
    """A number of ``unit`` (option, default 'hour') as a duration in words
    of the user's language ("1 hour, 30 minutes")."""
    _name = 'ir.qweb.field.duration'
    _description = 'Qweb Field Duration'
    _inherit = 'ir.qweb.field'

    @api.model
    def value_to_html(self, value, options):
        import babel.dates
        seconds_per = {'year': 31536000, 'month': 2592000, 'week': 604800, 'day': 86400, 'hour': 3600,
                       'minute': 60, 'second': 1}
        unit = options.get('unit', 'hour')
        if unit not in seconds_per:
            raise ValueError(f"{options.get('expression')!r}: unknown duration unit {unit!r}")
        locale = babel.Locale.parse(self.user_lang().code)
        remaining = abs(value) * seconds_per[unit]
        smallest = seconds_per.get(options.get('round', 'second'), 1)
        parts = []
        for size in seconds_per.values():
            if size < smallest:
                break
            count, remaining = divmod(remaining, size)
            if count:
                parts.append(babel.dates.format_timedelta(count * size, threshold=1, locale=locale,
                                                          format=options.get('format', 'long')))
        text = ' '.join(parts) or babel.dates.format_timedelta(0, locale=locale)
        return f"- {text}" if value < 0 else text


class ImageUrlConverter(models.AbstractModel):
    """An <img> of an image URL."""
    _name = 'ir.qweb.field.image_url'
    _description = 'Qweb Field Image'
    _inherit = 'ir.qweb.field.image'

    @api.model
    def value_to_html(self, value, options):
        return Markup('<img src="%s"/>') % value if value else False


class BarcodeConverter(models.AbstractModel):
    """An <img> of a barcode (QR codes by default), embedded as a data URI."""
    _name = 'ir.qweb.field.barcode'
    _description = 'Qweb Field Barcode'
    _inherit = 'ir.qweb.field'

    @api.model
    def value_to_html(self, value, options=None):
        if not value:
            return ''
        options = options or {}
        kind = options.get('symbology', 'QR')
        png = self.env['ir.actions.report'].barcode(kind, value, width=options.get('width', 600),
                                                    height=options.get('height', 100))
        alt = options.get('alt') or f'Barcode {value}'
        style = options.get('img_style') or ''
        return Markup('<img src="%s" alt="%s" style="%s"/>') % (
            image_data_uri(base64.b64encode(png)), alt, style)


class Contact(models.AbstractModel):
    """A partner as a block of name, address, phone and e-mail lines, the
    ``fields`` option choosing them; rendered by the ``base.contact`` template."""
    _name = 'ir.qweb.field.contact'
    _description = 'Qweb Field Contact'
    _inherit = 'ir.qweb.field.many2one'

    @api.model
    def value_to_html(self, value, options):
        if not value:
            return ''
        shown = options.get('fields') or ['name', 'address', 'phone', 'mobile', 'email']
        partner = value.sudo().with_context(show_address=True)
        address = partner._display_address(without_company=True) if hasattr(partner, '_display_address') else ''
        values = {
            'name': partner.name or '',
            'address': address.strip(),
            'phone': partner.phone,
            'mobile': partner.mobile,
            'city': partner.city,
            'country_id': partner.country_id.display_name,
            'website': partner.website,
            'email': partner.email,
            'vat': partner.vat,
            'vat_label': (partner.country_id.vat_label if 'vat_label' in partner.country_id._fields
                          else '') or 'VAT',
            'fields': shown,
            'object': value,
            'options': options,
        }
        return self.env['ir.qweb']._render('base.contact', values, minimal_qcontext=True)


class DurationDate(models.AbstractModel):
    """A datetime relative to now ("3 hours ago")."""
    _name = 'ir.qweb.field.relative'
    _description = 'Qweb Field Relative'
    _inherit = 'ir.qweb.field'

    @api.model
    def value_to_html(self, value, options):
        if not value:
            return ''
        import babel.dates
        now = options.get('now') or datetime.datetime.now()
        locale = babel.Locale.parse(self.user_lang().code)
        return babel.dates.format_timedelta(value - now, add_direction=True, locale=locale)
