"""The customer dashboard (客户统计看板): the key numbers and the charts of
the statistics on one page, drawn by Chart.js from the web client's own
copy (``/web/static/lib/Chart/Chart.js``, where Odoo 18 serves it), each
bar opening the list of the customers behind it.

The bar's filter travels as ``active_id`` of a window action per chart
(``/odoo/action-<xml id>?active_id=<n>``): Odoo 18's web client reads only
action, active_id, resId, model and view_type from a URL, so a ``domain``
parameter would be ignored there."""
import json
from urllib.parse import urlencode

from odoo import _, http
from odoo.http import request

BAR_ACTION = 'tianchi_crm.tianchi_customer_dashboard_%s_action'
# charts whose bars are a record of a many2one: active_id is that record
RECORD_CHARTS = {'level', 'province', 'owner'}
PALETTE = ['#714b67', '#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22']


class TianchiCustomerDashboard(http.Controller):

    def _chart(self, key, title, kind, rows, colour='#714b67'):
        links = [self._bar_link(key, index, len(rows), domain) for index, (_label, _count, domain) in enumerate(rows)]
        spec = {
            'type': kind,
            'data': {'labels': [label for label, _count, _domain in rows],
                     'datasets': [{'label': _("Customers"), 'data': [number for _label, number, _domain in rows],
                                   'backgroundColor': colour if kind not in ('pie', 'doughnut') else PALETTE,
                                   'borderColor': colour}]},
            'options': {'responsive': True, 'maintainAspectRatio': False,
                        'indexAxis': 'y' if key == 'province' else 'x',
                        'plugins': {'legend': {'display': kind in ('pie', 'doughnut'), 'position': 'bottom'}}},
        }
        return {'key': key, 'title': title, 'spec': json.dumps(spec), 'links': json.dumps(links)}

    @staticmethod
    def _bar_link(key, index, total, domain):
        """The URL listing the customers of one bar, or None for a bar no
        active_id can name (customers without a level, province or owner)."""
        if key == 'month':
            # months run oldest first; 1 is the current month
            active_id = total - index
        else:
            field_name, _operator, value = domain[-1]
            if key in RECORD_CHARTS:
                active_id = value
            else:
                keys = request.env['res.partner']._fields[field_name].get_values(request.env)
                active_id = keys.index(value) + 1 if value in keys else False
        if not active_id:
            return None
        return '/odoo/action-%s?%s' % (BAR_ACTION % key, urlencode({'active_id': active_id, 'view_type': 'list'}))

    @http.route('/tianchi/crm/dashboard', type='http', auth='user', methods=['GET'], readonly=True, sitemap=False)
    def dashboard(self, **kwargs):
        figures = request.env['res.partner']._tianchi_dashboard_figures()
        charts = [
            self._chart('level', _("By Level"), 'doughnut', figures['level']),
            self._chart('province', _("Top Provinces"), 'bar', figures['province']),
            self._chart('month', _("New Customers per Month"), 'line', figures['month']),
            self._chart('status', _("Status Funnel"), 'bar', figures['status'], '#1f77b4'),
            self._chart('owner', _("By Owner"), 'bar', figures['owner'], '#2ca02c'),
            self._chart('type', _("By Type"), 'pie', figures['type']),
        ]
        return request.render('tianchi_crm.tianchi_customer_dashboard_page', {
            'figures': figures, 'charts': charts,
            'back_url': '/odoo/action-tianchi_crm.tianchi_customer_action',
        })
