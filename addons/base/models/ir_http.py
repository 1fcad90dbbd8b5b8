"""``ir.http``: the database side of serving a request — the URL map of the
installed modules' controllers, authentication per route (``auth='user'``,
``'public'``, ``'none'``), the dispatch hooks modules override, and the
``session_info`` a client receives after logging in."""
from __future__ import annotations

import logging

import werkzeug.exceptions
import werkzeug.routing
import werkzeug.utils
from odoo import SUPERUSER_ID, api, http, models, tools
from odoo.exceptions import AccessDenied, AccessError, MissingError
from odoo.http import request
from odoo.service import common as common_service
from odoo.service import security
from odoo.tools.misc import get_lang
from werkzeug.routing.converters import NumberConverter

_logger = logging.getLogger(__name__)


class ModelConverter(werkzeug.routing.BaseConverter):
    """``<model("res.partner"):partner>``: one record from its id in the URL."""

    regex = r'[0-9]+'

    def __init__(self, url_map, model=False):
        super().__init__(url_map)
        self.model = model

    def to_python(self, value):
        return request.env[self.model].browse(int(value))

    def to_url(self, value):
        return str(value.id)


class ModelsConverter(werkzeug.routing.BaseConverter):
    """``<models("res.partner"):partners>``: records from comma-separated ids."""

    regex = r'[0-9,]+'

    def __init__(self, url_map, model=False):
        super().__init__(url_map)
        self.model = model

    def to_python(self, value):
        return request.env[self.model].browse([int(part) for part in value.split(',') if part])

    def to_url(self, value):
        return ','.join(str(record_id) for record_id in value.ids)


class SignedIntConverter(NumberConverter):
    regex = r'-?\d+'
    num_convert = int


_CONVERTERS = {'model': ModelConverter, 'models': ModelsConverter, 'int': SignedIntConverter}
# exceptions authentication lets through as they are; others become AccessDenied
_AUTHENTICATION_OUTCOMES = (AccessDenied, http.SessionExpiredException, werkzeug.exceptions.HTTPException)


class IrHttp(models.AbstractModel):
    _name = 'ir.http'
    _description = "HTTP Routing"

    # ------------------------------------------------------------------
    # routing
    # ------------------------------------------------------------------

    @classmethod
    def _get_converters(cls):
        # a fresh dict each time: overrides add their own converters to it
        return dict(_CONVERTERS)

    @classmethod
    def _match(cls, path_info):
        router = request.env['ir.http'].routing_map().bind_to_environ(request.httprequest.environ)
        return router.match(path_info=path_info, return_rule=True)

    def _generate_routing_rules(self, modules, converters):
        return http._generate_routing_rules(modules, nodb_only=False, converters=converters)

    @tools.ormcache('key', cache='routing')
    def routing_map(self, key=None):
        """The URL map of the controllers of the installed (and server-wide) modules."""
        installed = set(self.pool._init_modules)
        installed.update(name.strip() for name in (tools.config['server_wide_modules'] or '').split(',')
                         if name.strip())
        converters = self._get_converters()
        _logger.info("building the URL map of database %s (%d modules)", self.pool.db_name, len(installed))
        from odoo.httpd.routing import build_map
        return build_map(self._generate_routing_rules(sorted(installed), converters), converters)

    # ------------------------------------------------------------------
    # authentication
    # ------------------------------------------------------------------

    @classmethod
    def _get_public_users(cls):
        return [request.env['ir.model.data']._xmlid_to_res_id('base.public_user', raise_if_not_found=False)]

    @classmethod
    def _auth_method_user(cls):
        if request.env.uid is None or request.env.uid in cls._get_public_users():
            raise http.SessionExpiredException("Session expired")

    @classmethod
    def _auth_method_none(cls):
        # no user at all, whatever the session says
        current = request.env
        request.env = api.Environment(current.cr, None, current.context)

    @classmethod
    def _auth_method_public(cls):
        if request.env.uid is None:
            request.update_env(user=request.env.ref('base.public_user').id)

    @classmethod
    def _authenticate(cls, endpoint):
        auth = endpoint.routing['auth']
        if http.is_cors_preflight(request, endpoint):
            auth = 'none'  # browsers send preflight requests without credentials
        cls._authenticate_explicit(auth)

    @classmethod
    def _authenticate_explicit(cls, auth):
        try:
            session = request.session
            if session.uid is not None and not security.check_session(session, request.env, request):
                # password changed, user archived...: this session is over
                session.logout(keep_db=True)
                request.env = api.Environment(request.env.cr, None, session.context)
            method = getattr(cls, f'_auth_method_{auth}', None)
            if method is None:
                raise AccessDenied(f"unknown authentication method auth={auth!r} on route {request.httprequest.path}")
            method()
        except _AUTHENTICATION_OUTCOMES:
            raise
        except Exception:
            _logger.info("authenticating %s failed", request.httprequest.path, exc_info=True)
            raise AccessDenied()

    # ------------------------------------------------------------------
    # dispatching
    # ------------------------------------------------------------------

    @classmethod
    def _sanitize_cookies(cls, cookies):
        pass

    @classmethod
    def _pre_dispatch(cls, rule, args):
        params = request.env['ir.config_parameter'].with_user(SUPERUSER_ID)
        upload_limit = params.get_param('web.max_file_upload_size', None)
        if upload_limit is not None:
            try:
                request.httprequest.max_content_length = int(upload_limit)
            except ValueError:
                _logger.error("ir.config_parameter web.max_file_upload_size=%r is not a number", upload_limit)
        request.dispatcher.pre_dispatch(rule, args)

        # the session's language may have been uninstalled since
        env = request.env if request.env.uid else request.env(user=SUPERUSER_ID)
        lang = get_lang(env).code
        if lang != request.env.context.get('lang'):
            request.update_context(lang=lang)

        for key, value in list(args.items()):
            if not isinstance(value, models.BaseModel):
                continue
            args[key] = value.with_env(request.env)
            try:
                args[key].check_access('read')
            except (AccessError, MissingError) as exc:
                on_error = rule.endpoint.routing.get('handle_params_access_error')
                if on_error and (response := on_error(exc)):
                    werkzeug.exceptions.abort(response)
                if isinstance(exc, MissingError):
                    raise werkzeug.exceptions.NotFound() from exc
                raise

    @classmethod
    def _dispatch(cls, endpoint):
        result = endpoint(**request.params)
        if isinstance(result, http.Response) and result.is_qweb:
            result.flatten()
        return result

    @classmethod
    def _post_dispatch(cls, response):
        request.dispatcher.post_dispatch(response)

    @classmethod
    def _post_logout(cls):
        pass

    @classmethod
    def _handle_error(cls, exception):
        return request.dispatcher.handle_error(exception)

    @classmethod
    def _serve_fallback(cls):
        return None

    @classmethod
    def _redirect(cls, location, code=303):
        return werkzeug.utils.redirect(location, code=code, Response=http.Response)

    @classmethod
    def _is_allowed_cookie(cls, cookie_type):
        return cookie_type == 'required' or bool(request.env.user)

    @api.autovacuum
    def _gc_sessions(self):
        lifetime = http.get_session_max_inactivity(self.env)
        http.root.session_store.vacuum(max_lifetime=lifetime)

    # ------------------------------------------------------------------
    # what a client learns about its session
    # ------------------------------------------------------------------

    @api.model
    def get_currencies(self):
        currencies = self.env['res.currency'].search_fetch([], ['symbol', 'position', 'decimal_places'])
        return {
            currency.id: {
                'symbol': currency.symbol,
                'position': currency.position,
                'digits': [69, currency.decimal_places],
            }
            for currency in currencies
        }

    @api.model
    def session_info(self):
        """What the web client and RPC clients receive after authenticating."""
        user = self.env.user
        session = request.session
        uid = session.uid
        if uid:
            user_context = {**self.env['res.users'].context_get()}
            if user_context != session.context:
                session.context = user_context
        else:
            user_context = {}
        params = self.env['ir.config_parameter'].sudo()
        version = common_service.exp_version()
        internal = bool(uid) and user._is_internal()
        info = {
            'uid': uid,
            'is_system': user._is_system() if uid else False,
            'is_admin': user._is_admin() if uid else False,
            'is_public': user._is_public(),
            'is_internal_user': internal,
            'user_context': user_context,
            'db': self.env.cr.dbname,
            'server_version': version['server_version'],
            'server_version_info': version['server_version_info'],
            'support_url': "https://www.odoo.com/buy",
            'name': user.name,
            'username': user.login,
            'partner_display_name': user.partner_id.display_name,
            'partner_id': user.partner_id.id if uid and user.partner_id else None,
            'partner_write_date': tools.date_utils.json_default(user.partner_id.write_date)
            if user.partner_id.write_date else False,
            'web.base.url': params.get_param('web.base.url', default=''),
            'active_ids_limit': int(params.get_param('web.active_ids_limit', default='20000')),
            'max_file_upload_size': int(params.get_param('web.max_file_upload_size',
                                                         default=http.DEFAULT_MAX_CONTENT_LENGTH)),
            'home_action_id': user.action_id.id,
            'currencies': self.sudo().get_currencies(),
            'bundle_params': {'lang': session.context.get('lang')},
            'test_mode': bool(tools.config['test_enable']),
        }
        if session.debug:
            info['bundle_params']['debug'] = session.debug
        if internal:
            info.update({
                'user_companies': {
                    'current_company': user.company_id.id,
                    'allowed_companies': {
                        company.id: {
                            'id': company.id,
                            'name': company.name,
                            'sequence': company.sequence,
                            'child_ids': (company.child_ids & user.company_ids).ids,
                            'parent_id': company.parent_id.id,
                        }
                        for company in user.company_ids
                    },
                    'disallowed_ancestor_companies': {},
                },
                'show_effect': True,
                'display_switch_company_menu': user.has_group('base.group_multi_company')
                and len(user.company_ids) > 1,
            })
        return info
