"""Languages (res.lang): which ones are active, and how each writes dates,
times and numbers. Active languages are cached as read-only ``LangData``.
"""
from __future__ import annotations

import ast
import logging
import re
from typing import Any

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError, ValidationError

_logger = logging.getLogger(__name__)

DEFAULT_DATE_FORMAT = '%m/%d/%Y'
DEFAULT_TIME_FORMAT = '%H:%M:%S'
DEFAULT_SHORT_TIME_FORMAT = '%H:%M'

# fields kept in the per-language cache: plain values, independent of context
CACHED_LANG_FIELDS = ('id', 'name', 'code', 'iso_code', 'url_code', 'active', 'direction', 'date_format',
                      'time_format', 'short_time_format', 'week_start', 'grouping', 'decimal_point',
                      'thousands_sep', 'flag_image_url')


# strftime directives some C libraries lack (Odoo refuses them too)
NON_PORTABLE_DIRECTIVES = ('%C', '%D', '%e', '%E', '%F', '%g', '%G', '%h', '%k', '%l', '%n', '%O', '%P',
                           '%R', '%r', '%s', '%T', '%t', '%u', '%V', '%x', '%X', '%+')


class LangData(dict):
    """ The cached values of one language, also readable as attributes;
    empty (all False) for an unknown or inactive language. """

    def __bool__(self) -> bool:
        return bool(self.get('id'))

    def __getattr__(self, name: str) -> Any:
        if name.startswith('__'):
            raise AttributeError(name)
        if name not in CACHED_LANG_FIELDS:
            raise AttributeError(f"{name} is not a cached field of res.lang")
        return self.get(name, False)

    def __setitem__(self, key, value):
        raise TypeError("LangData is read-only")


class LangDataDict(dict):
    """ ``{value: LangData}``; a missing key gives an empty LangData. """

    def __missing__(self, key: Any) -> LangData:
        return LangData({})


def intersperse(digits: str, grouping: list, separator: str = '') -> tuple:
    """ Insert ``separator`` in ``digits`` per ``grouping`` (locale style:
    group sizes from the right, 0 repeats the last, -1 stops). Return the
    string and the number of separators inserted. """
    match = re.match(r'([^0-9]*)([0-9]+)(.*)', digits)
    if not match or not grouping or not separator:
        return digits, 0
    head, number, tail = match.groups()
    groups = []
    sizes = list(grouping)
    size = None
    while number:
        if sizes:
            candidate = sizes.pop(0)
            if candidate == -1:
                break
            if candidate != 0:
                size = candidate
        if not size:
            break
        groups.append(number[-size:])
        number = number[:-size]
    if number:
        groups.append(number)
    groups.reverse()
    return head + separator.join(groups) + tail, len(groups) - 1


class Lang(models.Model):
    _name = "res.lang"
    _description = "Languages"
    _order = "active desc,name"
    _allow_sudo_commands = False

    name = fields.Char(required=True)
    code = fields.Char(string='Locale Code', required=True)
    iso_code = fields.Char(string='ISO code')
    url_code = fields.Char('URL Code', required=True)
    active = fields.Boolean()
    direction = fields.Selection([('ltr', 'Left-to-Right'), ('rtl', 'Right-to-Left')], required=True, default='ltr')
    date_format = fields.Char(string='Date Format', required=True, default=DEFAULT_DATE_FORMAT)
    time_format = fields.Char(string='Time Format', required=True, default=DEFAULT_TIME_FORMAT)
    short_time_format = fields.Char(string='Short Time Format', required=True, default=DEFAULT_SHORT_TIME_FORMAT)
    week_start = fields.Selection([('1', 'Monday'), ('2', 'Tuesday'), ('3', 'Wednesday'), ('4', 'Thursday'),
                                   ('5', 'Friday'), ('6', 'Saturday'), ('7', 'Sunday')],
                                  string='First Day of Week', required=True, default='7')
    grouping = fields.Char(string='Separator Format', required=True, default='[]')
    decimal_point = fields.Char(string='Decimal Separator', required=True, default='.', trim=False)
    thousands_sep = fields.Char(string='Thousands Separator', default=',', trim=False)
    flag_image = fields.Image("Image")
    flag_image_url = fields.Char(compute='_compute_field_flag_image_url')

    _sql_constraints = [
        ('name_uniq', 'unique(name)', 'Two languages cannot have the same name.'),
        ('code_uniq', 'unique(code)', 'Two languages cannot have the same code.'),
        ('url_code_uniq', 'unique(url_code)', 'Two languages cannot have the same URL code.'),
    ]

    def _compute_field_flag_image_url(self):
        for lang in self:
            # an uploaded flag wins over the bundled one of the code's country
            country = (lang.code or '').rpartition('_')[2].lower()
            lang.flag_image_url = (f"/web/image/{lang._name}/{lang.id}/flag_image" if lang.flag_image
                                   else f"/base/static/img/country_flags/{country}.png")

    @api.constrains('active')
    def _check_active(self):
        if not self.search_count([], limit=1):
            raise ValidationError(_("At least one language must be active."))

    @api.constrains('time_format', 'date_format')
    def _check_format(self):
        for lang in self:
            for pattern in (lang.time_format or '', lang.date_format or ''):
                bad = [d for d in NON_PORTABLE_DIRECTIVES if d in pattern]
                if bad:
                    raise ValidationError(_("Language %(lang)s: the directives %(directives)s are not portable; "
                                            "use the C89 ones (%%Y, %%m, %%d, %%H, %%M, %%S...).",
                                            lang=lang.code, directives=", ".join(bad)))

    @api.constrains('grouping')
    def _check_grouping(self):
        for lang in self:
            try:
                sizes = ast.literal_eval(lang.grouping)
                if not isinstance(sizes, list) or not all(isinstance(n, int) for n in sizes):
                    raise ValueError(sizes)
            except (ValueError, SyntaxError) as e:
                raise ValidationError(_("Language %(lang)s: the separator format %(grouping)s must be a list "
                                        "of integers such as [3,2,-1].", lang=lang.code, grouping=lang.grouping)) from e

    def _register_hook(self):
        if not self.search_count([], limit=1):
            _logger.error("res.lang: every language is inactive, the interface has no language")

    # ------------------------------------------------------------------
    # activation
    # ------------------------------------------------------------------

    def _activate_lang(self, code: str):
        """ Activate the language ``code`` (if it exists) and return it. """
        found = self.with_context(active_test=False).search([('code', '=', code)])
        found.filtered(lambda rec: not rec.active).write({'active': True})
        return found

    def _create_lang(self, lang: str, lang_name: str | None = None):
        """ Create and activate a language unknown to the data files, with
        neutral formats. """
        return self.create({
            'code': lang,
            'iso_code': lang.split('_')[0],
            'url_code': lang,
            'name': lang_name or lang,
            'active': True,
            'grouping': '[3,0]',
        })

    @api.model
    def install_lang(self) -> bool:
        """ Activate the language asked for at database creation (config
        ``load_language``, English by default) and make it the partners'
        default language. """
        code = (tools.config.get('load_language') or 'en_US').split(',')[0]
        lang = self._activate_lang(code) or self._create_lang(code)
        if 'ir.default' in self.env:
            IrDefault = self.env['ir.default']
            if IrDefault._get('res.partner', 'lang') is None:
                IrDefault.set('res.partner', 'lang', lang.code)
        company_partner = self.env.company.partner_id
        if company_partner and 'lang' in company_partner._fields and not company_partner.lang:
            company_partner.write({'lang': lang.code})
        return True

    def toggle_active(self):
        super().toggle_active()
        # a newly active language gets the translations of installed modules
        active_langs = self.filtered('active')
        if active_langs:
            installed = self.env['ir.module.module'].search([('state', '=', 'installed')])
            installed._update_translations(active_langs.mapped('code'))

    def action_activate_langs(self):
        for lang in self.filtered(lambda rec: not rec.active):
            lang.toggle_active()
        return True

    # ------------------------------------------------------------------
    # cached data of active languages
    # ------------------------------------------------------------------

    @property
    def CACHED_FIELDS(self) -> tuple:
        return CACHED_LANG_FIELDS

    def _get_data(self, **kwargs: Any) -> LangData:
        """ ``_get_data(code='zh_CN')``: the cached values of the active
        language with that field value (empty LangData if none). """
        (field_name, value), = kwargs.items()
        return self._get_active_by(field_name)[value]

    def _lang_get(self, code: str):
        """ The active language ``code``, or an empty recordset. """
        found = self._get_data(code=code)
        return self.browse(found.id)

    def _get_code(self, code: str):
        """ ``code`` if that language is active, else False. """
        found = self._get_data(code=code)
        return found.code

    @api.model
    def get_installed(self) -> list:
        """ ``[(code, name)]`` of the active languages, by name. """
        by_code = self._get_active_by('code')
        return [(code, by_code[code].name) for code in by_code]

    @tools.ormcache('field')
    def _get_active_by(self, field: str) -> LangDataDict:
        if field not in CACHED_LANG_FIELDS:
            raise UserError(_('Field "%s" is not cached', field))
        langs = self.sudo().with_context(active_test=True).search([], order='name')
        rows = langs.read([f for f in CACHED_LANG_FIELDS if f != 'id'])
        return LangDataDict({row[field]: LangData(row) for row in rows})

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        for values in vals_list:
            if not values.get('url_code'):
                values['url_code'] = values.get('iso_code') or values['code']
        return super().create(vals_list)

    def write(self, vals):
        codes = self.mapped('code')
        if 'code' in vals and any(code != vals['code'] for code in codes):
            raise UserError(_("Language code cannot be modified."))
        if vals.get('active') is False:
            if self.env['res.users'].with_context(active_test=True).search_count([('lang', 'in', codes)], limit=1):
                raise UserError(_("Languages %s are used by users and cannot be deactivated.", ", ".join(codes)))
        result = super().write(vals)
        self.env.flush_all()
        self.env.registry.clear_cache()
        return result

    @api.ondelete(at_uninstall=True)
    def _unlink_except_default_lang(self):
        for lang in self:
            if lang.code == 'en_US':
                raise UserError(_("Base Language 'en_US' can not be deleted."))
            if lang.code == (self._context.get('lang') or 'en_US'):
                raise UserError(_("You cannot delete the language which is the user's preferred language."))
            if lang.active:
                raise UserError(_("You cannot delete the language which is Active!\nPlease de-activate the "
                                  "language first."))

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()

    # ------------------------------------------------------------------
    # formatting
    # ------------------------------------------------------------------

    def format(self, percent: str, value, grouping: bool = False) -> str:
        """ ``percent % value`` with this language's decimal point and,
        with ``grouping``, thousands separators. """
        self.ensure_one()
        if not percent.startswith('%'):
            raise ValueError(_("format() must be given exactly one %char format specifier"))
        text = percent % value
        if not grouping:
            return text
        data = self._get_data(id=self.id)
        if not data:
            raise UserError(_("The language %s is not installed.", self.name))
        sizes = ast.literal_eval(data.grouping)
        separator = data.thousands_sep or ''
        if percent[-1] in 'eEfFgG':
            whole, dot, fraction = text.partition('.')
            whole = intersperse(whole, sizes, separator)[0]
            return whole + (data.decimal_point + fraction if dot else '')
        if percent[-1] in 'diu':
            return intersperse(text, sizes, separator)[0]
        return text
