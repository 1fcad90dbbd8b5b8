"""A form button returning a URL action (ir.actions.act_url) leads to that
address, as Odoo's client opens it; a window action dict is kept for its
page with the button's record as its active record."""
from __future__ import annotations

from odoo.modules import module

module.initialize_sys_path()    # odoo.addons spans the repository's addons/

from odoo.addons.web.controllers.webclient_form import _action_location  # noqa: E402


class _Record:
    _name = 'res.partner'
    id = 7
    ids = [7]

    def exists(self):
        return self


def test_url_action_leads_to_its_address():
    result = {'type': 'ir.actions.act_url', 'url': '/tianchi/customer/7/org_chart', 'target': 'new'}
    assert _action_location(None, result, _Record(), '/odoo/res.partner') == '/tianchi/customer/7/org_chart'


def test_other_results_keep_their_pages():
    assert _action_location(None, True, _Record(), '/odoo/res.partner') == '/odoo/res.partner/7'


def test_window_action_without_id_is_kept_for_its_page():
    session = {}
    window = {'type': 'ir.actions.act_window', 'res_model': 'res.users', 'views': [[False, 'form']], 'target': 'new',
              'context': {'default_login': 'li', 'active_id': 7}}
    location = _action_location(None, window, _Record(), '/odoo/res.partner', session=session)
    key = location.rpartition('/act-')[2]
    assert location == f"/odoo/res.partner/7/act-{key}"
    # as Odoo's client: the button's record as active_model/active_id/active_ids, the dict's context over it
    assert session['web_client_actions'][key]['context'] == {'default_login': 'li', 'active_id': 7, 'active_ids': [7],
                                                             'active_model': 'res.partner'}
    for _count in range(30):
        _action_location(None, window, _Record(), '/odoo/res.partner', session=session)
    assert len(session['web_client_actions']) == 20     # the oldest are forgotten
