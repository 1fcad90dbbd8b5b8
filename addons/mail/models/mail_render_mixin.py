"""``mail.render.mixin``: render a record's template fields on documents —
inline templates (``{{ object.name }}``) for subjects and addresses, QWeb for
bodies. Users outside the template editors may only use the harmless
expressions of ``mail_allowed_qweb_expressions``."""
from __future__ import annotations

import functools
import logging
import re

from lxml import html as lxml_html
from markupsafe import Markup, escape
from odoo import _, api, fields, models, tools
from odoo.exceptions import AccessError, UserError
from odoo.tools.rendering_tools import parse_inline_template, render_inline_template, template_env_globals

_logger = logging.getLogger(__name__)

# <tag t-out="object.field">default</tag> or <tag t-out="object.field"/>
_SIMPLE_TOUT = re.compile(
    r'''<(\w+)\s+t-out=\s*(['"])([\w.]+)\2\s*(?:/>|>\s*([^<>]*?)\s*</\1>)''', re.DOTALL)
_QWEB_DIRECTIVE = re.compile(r'''\st-[\w-]+\s*=''')
# 'qweb_view' renders the arch of a view given by its external id
_RENDER_ENGINES = ('inline_template', 'qweb', 'qweb_view')


class MailRenderMixin(models.AbstractModel):
    _name = 'mail.render.mixin'
    _description = 'Mail Render Mixin'

    # the editors of the template may evaluate any expression
    _unrestricted_rendering = False

    lang = fields.Char('Language', help="Language of the rendering, e.g. {{ object.partner_id.lang }}")
    render_model = fields.Char('Rendering Model', compute='_compute_render_model', store=False)

    def _compute_render_model(self):
        self.render_model = False

    def _valid_field_parameter(self, field, name):
        return name in ('render_engine', 'render_options') or super()._valid_field_parameter(field, name)

    # ------------------------------------------------------------------
    # security
    # ------------------------------------------------------------------

    def _is_template_editor(self):
        return self.env.su or self.env.is_admin() or self.env.user.has_group('mail.group_mail_template_editor')

    @api.model
    def _is_expression_allowed(self, expression, model):
        allowed = self.env[model].mail_allowed_qweb_expressions() if model and model in self.env else ()
        return expression.strip() in allowed

    def _has_unsafe_expression(self):
        """Whether a template field uses an expression outside the allowed ones."""
        rendered_fields = [(name, field.render_engine) for name, field in self._fields.items()
                           if getattr(field, 'render_engine', None)]
        for template in self.sudo():
            for fname, engine in rendered_fields:
                value = template[fname]
                if not value:
                    continue
                if engine == 'qweb' and not self._qweb_is_simple(str(value), template.render_model):
                    return True
                if engine == 'inline_template' and not all(
                        self._is_expression_allowed(expr, template.render_model)
                        for _lit, expr, _dflt in parse_inline_template(str(value)) if expr):
                    return True
        return False

    def _check_access_right_dynamic_template(self):
        if not self._is_template_editor() and self._has_unsafe_expression():
            editors = self.env.ref('mail.group_mail_template_editor')
            raise AccessError(_("Only the members of %(group)s may write templates with such expressions.",
                                group=editors.name))

    def _check_may_render_freely(self):
        """Templates beyond plain field paths run code: only template editors
        (or callers rendering trusted templates) may render them."""
        if self._unrestricted_rendering or self._is_template_editor():
            return
        editors = self.env.ref('mail.group_mail_template_editor')
        raise AccessError(_("Only the members of %(group)s may render templates with such expressions.",
                            group=editors.name))

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._check_access_right_dynamic_template()
        return records

    def write(self, vals):
        result = super().write(vals)
        self._check_access_right_dynamic_template()
        return result

    # ------------------------------------------------------------------
    # rendering
    # ------------------------------------------------------------------

    @api.model
    def _render_eval_context(self):
        """Variables every template sees: user, ctx and formatting helpers."""
        env = self.env
        context = {
            'ctx': self._context,
            'format_date': lambda value, date_format=False, lang_code=False:
                tools.format_date(env, value, lang_code=lang_code, date_format=date_format),
            'format_datetime': lambda value, tz=False, dt_format=False, lang_code=False:
                tools.format_datetime(env, value, tz=tz, dt_format=dt_format or 'medium', lang_code=lang_code),
            'format_amount': lambda amount, currency, lang_code=False:
                tools.format_amount(env, amount, currency, lang_code=lang_code),
            'format_duration': tools.format_duration,
            'is_html_empty': tools.is_html_empty,
            'user': env.user,
        }
        context.update(template_env_globals)
        return context

    @api.model
    def _qweb_is_simple(self, template_src, model):
        """A template without QWeb directives, or whose only directives are
        ``t-out`` of allowed expressions, renders without the QWeb engine."""
        stripped = _SIMPLE_TOUT.sub(
            lambda m: '' if self._is_expression_allowed(m.group(3), model) else m.group(0), template_src)
        return not _QWEB_DIRECTIVE.search(stripped)

    @staticmethod
    def _field_path_value(record, expression, default):
        try:
            value = functools.reduce(lambda rec, fname: rec[fname], expression.split('.')[1:], record)
        except KeyError:
            value = None
        if isinstance(value, models.BaseModel):
            value = value.display_name
        return value or default

    @api.model
    def _render_template_qweb_regex(self, template_src, model, res_ids):
        results = {}
        records = self.env[model].browse(res_ids)
        for record in records:
            def substitute(match, record=record):
                tag, expression, default = match.group(1), match.group(3), match.group(4) or ''
                value = escape(self._field_path_value(record, expression, default) or '')
                return str(value) if tag.lower() == 't' else f'<{tag}>{value}</{tag}>'
            results[record.id] = Markup(_SIMPLE_TOUT.sub(substitute, template_src))
        return results

    @api.model
    def _render_template_qweb(self, template_src, model, res_ids, add_context=None, options=None):
        """{res_id: Markup} of a raw QWeb template rendered on each record."""
        results = dict.fromkeys(res_ids, '')
        if not template_src or not res_ids:
            return results
        if self._qweb_is_simple(str(template_src), model):
            return self._render_template_qweb_regex(str(template_src), model, res_ids)
        self._check_may_render_freely()
        if 'ir.qweb' not in self.env:
            raise UserError(_("The template needs the QWeb engine (ir.qweb), which this server lacks:\n%s",
                              template_src))
        variables = {**self._render_eval_context(), **(add_context or {})}
        qweb = self.env['ir.qweb']
        for record in self.env[model].browse(res_ids):
            variables['object'] = record
            try:
                rendered = qweb._render(
                    lxml_html.fragment_fromstring(str(template_src), create_parent='div'), variables,
                    **(options or {}))
            except Exception as exc:
                _logger.info("Cannot render the QWeb template %s", template_src, exc_info=True)
                raise UserError(_("The QWeb template could not be rendered: %(error)s\n%(template)s",
                                  error=exc, template=template_src)) from exc
            # drop the <div> wrapping the fragment
            results[record.id] = Markup(str(rendered)[5:-6])
        return results

    @api.model
    def _render_template_inline_template(self, template_txt, model, res_ids, add_context=None, options=None):
        """{res_id: str} of an inline template rendered on each record."""
        results = dict.fromkeys(res_ids, '')
        if not template_txt or not res_ids:
            return results
        instructions = parse_inline_template(str(template_txt))
        expressions = [expr for _lit, expr, _dflt in instructions if expr]
        records = self.env[model].browse(res_ids)
        if all(self._is_expression_allowed(expr, model) for expr in expressions):
            for record in records:
                parts = []
                for literal, expr, default in instructions:
                    parts.append(literal)
                    if expr:
                        parts.append(str(self._field_path_value(record, expr, default) or ''))
                results[record.id] = ''.join(parts)
            return results
        self._check_may_render_freely()
        variables = {**self._render_eval_context(), **(add_context or {})}
        for record in records:
            variables['object'] = record
            try:
                results[record.id] = render_inline_template(instructions, variables)
            except Exception as exc:
                _logger.info("Cannot render the inline template %s", template_txt, exc_info=True)
                raise UserError(_("The inline template could not be rendered: %(error)s\n%(template)s",
                                  error=exc, template=template_txt)) from exc
        return results

    @api.model
    def _render_template(self, template_src, model, res_ids, engine='inline_template',
                         add_context=None, options=None):
        """{res_id: rendered text} of ``template_src`` on the records
        ``res_ids`` of ``model`` with ``engine`` ('inline_template', 'qweb')."""
        if not isinstance(res_ids, (list, tuple)):
            raise ValueError(_("Templates are rendered on a list of ids, not on %s.", repr(res_ids)))
        if engine not in _RENDER_ENGINES:
            raise ValueError(_("Unknown rendering engine %s: use inline_template, qweb or qweb_view.", engine))
        if engine == 'qweb_view':
            view = self.env.ref(template_src)
            template_src = view.arch_db if hasattr(view, 'arch_db') else str(view.arch)
            engine = 'qweb'
        if engine == 'qweb':
            return self._render_template_qweb(template_src, model, res_ids, add_context=add_context,
                                              options=options)
        return self._render_template_inline_template(template_src, model, res_ids, add_context=add_context,
                                                     options=options)

    def _render_lang(self, res_ids, engine='inline_template'):
        """{res_id: language code} from the template's ``lang`` expression."""
        self.ensure_one()
        return self._render_template(self.lang, self.render_model, res_ids, engine=engine)

    def _classify_per_lang(self, res_ids, engine='inline_template'):
        """{lang: (template in that language, res_ids)}."""
        self.ensure_one()
        preview_lang = self.env.context.get('template_preview_lang')
        if preview_lang:
            per_lang = {preview_lang: list(res_ids)}
        else:
            per_lang = {}
            lang_of = self._render_lang(res_ids, engine=engine)
            for res_id in lang_of:
                per_lang.setdefault(lang_of[res_id] or False, []).append(res_id)
        return {lang: (self.with_context(lang=lang) if lang else self, ids) for lang, ids in per_lang.items()}

    def _render_field(self, field, res_ids, engine='inline_template', compute_lang=False, set_lang=False,
                      add_context=None, options=None):
        """{res_id: value} of the template field ``field`` rendered on each record."""
        if field not in self._fields:
            raise ValueError(_("%(model)s has no field %(field)s to render.", model=self._name, field=field))
        engine = getattr(self._fields[field], 'render_engine', engine)
        self.ensure_one()
        if compute_lang:
            templates = self._classify_per_lang(res_ids)
        elif set_lang:
            templates = {set_lang: (self.with_context(lang=set_lang), res_ids)}
        else:
            templates = {self._context.get('lang'): (self, res_ids)}
        result = {}
        for _lang, (template, ids) in templates.items():
            result.update(template._render_template(template[field], template.render_model, list(ids),
                                                    engine=engine, add_context=add_context, options=options))
        return result
