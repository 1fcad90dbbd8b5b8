"""Model calls of the web client: ``/web/dataset/call_kw`` (the path suffix
``/<model>/<method>`` only labels requests in logs) and ``call_button``."""
from __future__ import annotations

from odoo import http
from odoo.http import request
from odoo.service.model import call_kw, get_public_method


def _checked_call(model_name, method_name, args, kwargs):
    model = request.env[model_name]
    # refuses private methods before anything runs
    get_public_method(model, method_name)
    return call_kw(model, method_name, args, kwargs)


class DataSet(http.Controller):

    @http.route(['/web/dataset/call_kw', '/web/dataset/call_kw/<path:path>'], type='json', auth='user')
    def call_kw(self, model, method, args, kwargs, path=None):
        return _checked_call(model, method, args, kwargs)

    @http.route(['/web/dataset/call_button', '/web/dataset/call_button/<path:path>'], type='json', auth='user')
    def call_button(self, model, method, args, kwargs, path=None):
        action = _checked_call(model, method, args, kwargs)
        return action if isinstance(action, dict) and action.get('type') != '' else False
