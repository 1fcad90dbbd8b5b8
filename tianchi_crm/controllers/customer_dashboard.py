"""The customer dashboard (客户统计看板): the key numbers and the charts of
the statistics on one page, drawn by Chart.js from the web client's own
copy (``/web/static/lib/Chart/Chart.js``, where Odoo 18 serves it), each
bar opening the list of the customers behind it."""
import json
from urllib.parse import urlencode

from odoo import _, http
from odoo.http import request

LIST_ACTION = 'tianchi_crm.tianchi_customer_statistics_action'
PALETTE = ['#714b67', '#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22']


class TianchiCustomerDashboard(http.Controller):

    def _chart(self, key, title, kind, rows, colour='#714b67'):
        action = request.env.ref(LIST_ACTION).sudo()
        links = ['/odoo/action-%s?%s' % (action.id, urlencode({'view_type': 'list', 'domain': json.dumps(domain)}))
                 for _label, _count, domain in rows]
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
