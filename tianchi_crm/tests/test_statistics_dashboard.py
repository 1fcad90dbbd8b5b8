"""The customer dashboard (客户统计看板): its figures for the known customers
of the statistics tests, under the user's rights, and the page over HTTP
(login required, one chart per figure, each bar linked to its customers)."""
import json
import re
from datetime import date
from html import unescape
from urllib.parse import parse_qs, urlsplit

from dateutil.relativedelta import relativedelta
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from .test_statistics import StatisticsCase


class TestDashboardFigures(StatisticsCase):

    def _figures(self, user):
        Partner = self.env['res.partner'].with_user(user).with_company(self.company)
        return Partner, Partner._tianchi_dashboard_figures(today=date(2026, 3, 20))

    def test_figures_of_the_hq_head(self):
        Partner, figures = self._figures(self.users['hq_head'])
        self.assertEqual((figures['total'], figures['deals'], figures['pool'], figures['new']), (7, 2, 1, 4))
        self.assertEqual([count for _label, count, _domain in figures['province']], [3, 2, 1, 1])
        self.assertEqual(figures['province'][0][0], '广东省')
        self.assertEqual([count for _label, count, _domain in figures['status']], [3, 1, 2, 1])
        self.assertEqual([(label, count) for label, count, _domain in figures['month'][-3:]],
                         [('2026-01', 2), ('2026-02', 1), ('2026-03', 4)])
        self.assertEqual(len(figures['month']), 12)
        for key in ('level', 'type', 'province', 'owner', 'status', 'month'):
            for label, count, domain in figures[key]:
                with self.subTest(chart=key, bar=label):
                    # the bar's link lists exactly the customers it counts
                    self.assertEqual(Partner.search_count(domain), count)

    def test_a_salesperson_sees_only_their_figures(self):
        _Partner, figures = self._figures(self.sales)
        owners = {label for label, _count, _domain in figures['owner']}
        self.assertIn(self.sales.name, owners)
        self.assertNotIn(self.owner.name, owners)


@tagged('post_install', '-at_install')
class TestDashboardPage(HttpCase):

    def test_page_needs_a_login_and_links_each_bar(self):
        anonymous = self.url_open('/tianchi/crm/dashboard', allow_redirects=False)
        self.assertIn(anonymous.status_code, (302, 303))
        self.assertIn('/web/login', anonymous.headers['Location'])
        user = new_test_user(self.env, login='tc_dashboard', groups='base.group_user')
        self.env['res.partner'].create({'name': '看板测试有限公司', 'is_company': True, 'tianchi_is_customer': True,
                                        'user_id': user.id, 'customer_status': 'deal'})
        self.authenticate('tc_dashboard', 'tc_dashboard')
        page = self.url_open('/tianchi/crm/dashboard')
        self.assertEqual(page.status_code, 200)
        self.assertIn('/web/static/lib/Chart/Chart.js', page.text)
        self.assertEqual(re.findall(r'<canvas\b[^>]*\bdata-key="(\w+)"', page.text),
                         ['level', 'province', 'month', 'status', 'owner', 'type'])
        script = self.url_open('/web/static/lib/Chart/Chart.js')
        self.assertEqual(script.status_code, 200)
        self.assertIn('Chart.js', script.text[:200])
        for key in ('level', 'province', 'month', 'status', 'owner', 'type'):
            spec = json.loads(_attribute(page.text, key, 'data-chart'))
            links = json.loads(_attribute(page.text, key, 'data-links'))
            counts = spec['data']['datasets'][0]['data']
            self.assertEqual(len(links), len(counts))
            for label, count, link in zip(spec['data']['labels'], counts, links):
                with self.subTest(chart=key, bar=label):
                    # only a bar without a value (no level, no owner) has no link
                    self.assertTrue(link or label in ('None', 'Public Pool'))
                    if link:
                        self.assertEqual(self._customers_behind(link, user), count)

    def _customers_behind(self, link, user):
        """How many customers ``link`` lists, read as Odoo 18's web client
        reads it: the action and active_id from the URL (any other parameter,
        such as a domain, is ignored), the action's domain evaluated with
        that active_id."""
        parts = urlsplit(link)
        path = parts.path.split('/')
        self.assertEqual(path[:2], ['', 'odoo'])
        self.assertRegex(path[2], r'^action-[\w.]+$')
        query = parse_qs(parts.query)
        self.assertLessEqual(set(query), {'active_id', 'view_type'})
        active_id = int(query['active_id'][0])
        action = self.env.ref(path[2][len('action-'):])
        domain = safe_eval(action.domain, {'active_id': active_id, 'context_today': date.today,
                                           'relativedelta': relativedelta})
        return self.env[action.res_model].with_user(user).search_count(domain)


def _attribute(html, key, name):
    """The unescaped value of attribute ``name`` of the dashboard canvas ``key``."""
    for tag in re.findall(r'<canvas\b[^>]*>', html):
        if 'data-key="%s"' % key in tag:
            return unescape(re.search(r'\b%s="([^"]*)"' % name, tag).group(1))
    raise AssertionError("no chart %s on the page" % key)
