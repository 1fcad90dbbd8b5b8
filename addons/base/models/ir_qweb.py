"""``ir.qweb``: renders QWeb templates stored as ``ir.ui.view`` records (type
qweb, inheritance applied) or given as lxml elements. Templates are compiled
once into renderers by ``odoo.tools.qweb`` and cached per template and
language in the registry's 'templates' cache (emptied on any view change)."""
from __future__ import annotations

import math
from typing import Any

from dateutil.relativedelta import relativedelta
from lxml import etree
from markupsafe import Markup
from odoo import api, models, tools
from odoo.tools import safe_eval
from odoo.tools.image import image_data_uri
from odoo.tools.qweb import QWebException, Renderer, TemplateCompiler


def _keep_query(*keys: str, **overrides: Any) -> str:
    """The current request's query string, keeping ``keys`` (all when none is
    named) and replacing ``overrides``; empty outside of a request."""
    from urllib.parse import urlencode

    from odoo.http import request
    try:
        args = request.httprequest.args
    except (AttributeError, RuntimeError):
        return ''
    kept = {k: args.getlist(k) for k in args if not keys or k in keys}
    kept.update({k: [v] for k, v in overrides.items()})
    return urlencode([(k, v) for k, vs in kept.items() for v in vs if v is not None])


class IrQWeb(models.AbstractModel):
    _name = 'ir.qweb'
    _description = 'Qweb'

    @api.model
    def _render(self, template, values: dict | None = None, **options) -> Markup:
        """ The rendering of ``template`` (a view id, key, xml id or an lxml
        element) with ``values``; ``options`` go into the context (``lang``,
        ``minimal_qcontext``...). """
        values = dict(values) if values else {}
        if 0 in values:
            raise ValueError("values[0] is reserved for the body of t-call; do not set it when rendering")
        qweb = self.with_context(**options) if options else self
        qweb = qweb._prepare_environment(values)
        safe_eval.check_values(values)
        renderer = qweb._compile(template)
        out: list[str] = []
        renderer(qweb, values, out)
        return Markup(''.join(out))

    def _prepare_environment(self, values: dict):
        """ Fill the default rendering values; returns the engine to render with. """
        values.update(true=True, false=False)
        if self.env.context.get('minimal_qcontext'):
            return self
        from odoo.http import request
        try:
            current_request = request._get_current_object() if request else None
        except RuntimeError:
            current_request = None
        debug = ''
        if current_request is not None:
            debug = getattr(getattr(current_request, 'session', None), 'debug', '') or ''
        # the caller's values win over these
        defaults = {'debug': debug, 'user_id': self.env.user.with_env(self.env), 'res_company': self.env.company.sudo()}
        for key, default in defaults.items():
            values.setdefault(key, default)
        values.update(
            request=current_request,
            test_mode_enabled=bool(tools.config.get('test_enable')),
            json=safe_eval.json,
            time=safe_eval.time,
            datetime=safe_eval.datetime,
            relativedelta=relativedelta,
            image_data_uri=self._get_converted_image_data_uri,
            floor=math.floor,
            ceil=math.ceil,
            env=self.env,
            lang=self.env.context.get('lang'),
            keep_query=_keep_query,
        )
        return self

    # templates --------------------------------------------------------

    def _get_template_cache_keys(self) -> list:
        """ Context keys a compiled template depends on. """
        return ['lang', 'inherit_branding', 'edit_translations', 'profile']

    def _compile(self, template) -> Renderer:
        """ The renderer of ``template``; stored templates are cached. """
        if isinstance(template, etree._Element):
            return TemplateCompiler('<inline template>').compile(template)
        if isinstance(template, str) and template.isdigit():
            template = int(template)
        keys = tuple(self.env.context.get(key) for key in self._get_template_cache_keys())
        return self._compile_cached(template, keys)

    @tools.ormcache('template', 'keys', cache='templates')
    def _compile_cached(self, template, keys: tuple) -> Renderer:
        element, name = self._get_template(template)
        return TemplateCompiler(name).compile(element)

    def _get_template(self, template) -> tuple:
        """ (root element, name) of a stored template. """
        if isinstance(template, str) and '<' in template:
            raise ValueError("Inline templates must be given as lxml elements, not as text: "
                             f"{template[:80]!r}")
        views = self.env['ir.ui.view'].sudo()
        try:
            view_id = views._get_view_id(template)
        except Exception as e:
            raise QWebException(f"Template not found: {template!r}", template=template) from e
        view = views.browse(view_id)
        if not view.exists():
            raise QWebException(f"Template not found: {template!r} (view {view_id} does not exist)",
                                template=template)
        arch = views._read_template(view_id)
        root = etree.fromstring(arch)
        # a <t t-name> wrapper is the template itself; views stored with a
        # <templates> root hold the template as their only child
        if root.tag == 'templates' and len(root) == 1:
            root = root[0]
        return root, (view.key or view.xml_id or template)

    # hooks of the compiled templates ---------------------------------

    def _qweb_call(self, template, values: dict, options: dict, out: list) -> None:
        engine = self.with_context(**options) if options else self
        engine._compile(template)(engine, values, out)

    def _qweb_has_groups(self, groups: str) -> bool:
        # the user's groups count even in sudo, as in Odoo
        return self.env.user.has_groups(groups)

    def _get_field(self, record, field_name: str, expression: str, tagName: str, field_options: dict,
                   values: dict) -> tuple:
        """ (attributes, content, force_display) of ``record.field_name``
        rendered by its ``ir.qweb.field.*`` converter. """
        if not isinstance(record, models.BaseModel):
            raise TypeError(f"t-field={expression!r} needs a record, not {record!r}")
        if field_name not in record._fields:
            raise KeyError(f"t-field={expression!r}: model {record._name} has no field {field_name!r}")
        kind = field_options.get('widget', record._fields[field_name].type)
        branding = self._complete_field_options(field_options, kind, tagName, expression)
        converter = self._get_converter(kind)
        html = converter.record_to_html(record, field_name, field_options)
        return converter.attributes(record, field_name, field_options, values), html, branding

    def _get_widget(self, value, expression: str, tagName: str, field_options: dict, values: dict) -> tuple:
        """ (attributes, content, force_display) of ``value`` rendered by the
        converter named by the ``widget`` option. """
        kind = field_options['widget']
        branding = self._complete_field_options(field_options, kind, tagName, expression)
        html = self._get_converter(kind).value_to_html(value, field_options)
        return {'data-oe-type': kind, 'data-oe-expression': expression}, html, branding

    def _complete_field_options(self, options: dict, kind: str, tag_name: str, expression: str) -> bool:
        """ Add what converters read from the options of t-field / t-out
        widgets; returns whether branding is inherited (shown even if empty). """
        branding = self.env.context.get('inherit_branding', False)
        options.update(tagName=tag_name, expression=expression, type=kind, inherit_branding=branding)
        return branding

    def _get_converter(self, kind: str):
        name = f'ir.qweb.field.{kind}'
        return self.env[name] if name in self.env else self.env['ir.qweb.field']

    def _get_converted_image_data_uri(self, base64_source) -> str:
        """ A data URI of a base64 image (as fields hold them). """
        raw = base64_source.encode() if isinstance(base64_source, str) else base64_source
        return image_data_uri(raw)
