"""A form button returning a URL action (ir.actions.act_url) leads to that
address, as Odoo's client opens it; a window action still leads to its page."""
from __future__ import annotations

from odoo.modules import module

module.initialize_sys_path()    # odoo.addons spans the repository's addons/

from odoo.addons.web.controllers.webclient_form import _action_location  # noqa: E402


class _Record:
    id = 7

    def exists(self):
        return self


def test_url_action_leads_to_its_address():
    result = {'type': 'ir.actions.act_url', 'url': '/tianchi/customer/7/org_chart', 'target': 'new'}
    assert _action_location(None, result, _Record(), '/odoo/res.partner') == '/tianchi/customer/7/org_chart'


def test_other_results_keep_their_pages():
    assert _action_location(None, True, _Record(), '/odoo/res.partner') == '/odoo/res.partner/7'
    window = {'type': 'ir.actions.act_window', 'res_model': 'res.users', 'res_id': 3}
    assert _action_location(None, window, _Record(), '/odoo/res.partner') == '/odoo/res.partner/7/res.users/3'
