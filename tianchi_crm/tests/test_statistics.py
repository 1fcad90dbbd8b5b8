"""Statistics (客户分布统计图): the figures behind each chart, read_group on
each action's domain with the grouping the chart uses, for a known set of
customers; the actions' domains and contexts; and the charts of a
salesperson counting only the customers they may see."""
from datetime import timedelta

from lxml import etree
from odoo import fields
from odoo.tools.safe_eval import safe_eval

from .common import TianchiCrmCase, make_credit_code

ACTIONS = {
    'level': 'tianchi_crm.tianchi_customer_statistics_action',
    'type': 'tianchi_crm.tianchi_customer_statistics_type_action',
    'province': 'tianchi_crm.tianchi_customer_statistics_province_action',
    'owner': 'tianchi_crm.tianchi_customer_statistics_owner_action',
    'department': 'tianchi_crm.tianchi_customer_statistics_department_action',
    'monthly': 'tianchi_crm.tianchi_customer_statistics_monthly_action',
    'status': 'tianchi_crm.tianchi_customer_statistics_status_action',
}


class StatisticsCase(TianchiCrmCase):
    """Seven customers of the test company with known levels, provinces,
    owners, types, statuses and creation months (and one contact)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Level = cls.env['tianchi.customer.level']
        cls.strategic = Level.create({'name': '战略客户', 'sequence': 1, 'company_id': cls.company.id,
                                      'min_total_sales': 1000000})
        cls.ordinary = Level.create({'name': '普通客户', 'sequence': 2, 'company_id': cls.company.id})
        cls.guangdong = cls.env.ref('tianchi_crm.region_440000')
        cls.zhejiang = cls.env.ref('tianchi_crm.region_330000')
        cls.beijing = cls.env.ref('tianchi_crm.region_110000')
        cls.sales = cls.users['sale']
        rows = [
            # name, owner, level, province, status, is_company, created
            ('广州珠江电子有限公司', cls.owner, cls.strategic, cls.guangdong, 'deal', True, '2026-01-15 09:00:00'),
            ('广州白云物流有限公司', cls.owner, cls.ordinary, cls.guangdong, 'intention', True, '2026-01-20 09:00:00'),
            ('深圳南山软件有限公司', cls.sales, cls.ordinary, cls.guangdong, 'potential', True, '2026-02-03 09:00:00'),
            ('杭州滨江智能科技有限公司', cls.sales, cls.strategic, cls.zhejiang, 'deal', True, '2026-03-10 09:00:00'),
            ('李明', cls.owner, cls.ordinary, cls.beijing, 'lost', False, '2026-03-11 09:00:00'),
        ]
        cls.rows = cls.env['res.partner']
        for serial, (name, owner, level, province, status, is_company, created) in enumerate(rows, start=10):
            partner = cls.customer_of(owner, name, customer_level_id=level.id, customer_level_manual=True,
                                      region_province_id=province.id, customer_status=status,
                                      is_company=is_company, vat=make_credit_code(serial) if is_company else False)
            cls.rows |= partner
            cls._created_on(partner, created)
        # the two customers of the common set-up: no level, no province, potential
        cls._created_on(cls.customer | cls.pool_customer, '2026-03-01 09:00:00')
        cls.env.flush_all()

    @classmethod
    def _created_on(cls, partners, when):
        # create_date is the ORM's own; set here as the months of a real history
        cls.env.cr.execute('UPDATE res_partner SET create_date = %s WHERE id IN %s', (when, tuple(partners.ids)))
        partners.invalidate_recordset(['create_date'])


class TestCustomerStatistics(StatisticsCase):

    # -- helpers -----------------------------------------------------------------

    def _action(self, key):
        return self.env.ref(ACTIONS[key])

    def _chart_groupby(self, action):
        """The grouping the action's graph opens with: a default group-by
        filter of its search view, or else the graph arch's row field."""
        context = safe_eval(action.context or '{}', {'uid': self.env.uid})
        search = etree.fromstring(self.env['res.partner'].get_view(action.search_view_id.id, 'search')['arch'])
        for key in context:
            if key.startswith('search_default_'):
                node = search.find(".//filter[@name='%s']" % key[len('search_default_'):])
                return safe_eval(node.get('context'))['group_by']
        view = action.view_ids.filtered(lambda v: v.view_mode == 'graph').view_id
        graph = etree.fromstring(self.env['res.partner'].get_view(view.id, 'graph')['arch'])
        row = graph.find(".//field[@type='row']")
        return f"{row.get('name')}:{row.get('interval')}" if row.get('interval') else row.get('name')

    def _figures(self, key, user=None):
        """``{group value: count}`` behind the chart of action ``key``, as ``user`` (the HQ head by default)."""
        action = self._action(key)
        groupby = self._chart_groupby(action)
        domain = safe_eval(action.domain) + [('company_id', '=', self.company.id)]
        Partner = self.env['res.partner'].with_user(user or self.users['hq_head']).with_company(self.company)
        groups = Partner.read_group(domain, ['__count'], [groupby], lazy=False)
        figures = {}
        for group in groups:
            value = group[groupby]
            if ':' in groupby:
                # the range starts at local midnight written in UTC: its middle names the month
                bounds = group['__range'][groupby]
                value = (fields.Datetime.to_datetime(bounds['from']) + timedelta(days=15)).strftime('%Y-%m') \
                    if bounds else False
            elif isinstance(value, (list, tuple)):
                value = value[0]
            figures[value] = group['__count']
            # the click-through lists exactly the customers counted
            self.assertEqual(Partner.search_count(group['__domain']), group['__count'])
        return figures

    # -- figures -----------------------------------------------------------------

    def test_distribution_by_level(self):
        self.assertEqual(self._figures('level'), {self.strategic.id: 2, self.ordinary.id: 3, False: 2})

    def test_distribution_by_type(self):
        self.assertEqual(self._figures('type'), {'company': 6, 'person': 1})

    def test_distribution_by_province(self):
        self.assertEqual(self._figures('province'), {self.guangdong.id: 3, self.zhejiang.id: 1,
                                                     self.beijing.id: 1, False: 2})

    def test_distribution_by_owner_and_department(self):
        self.assertEqual(self._figures('owner'), {self.owner.id: 4, self.sales.id: 2, False: 1})
        self.assertEqual(self._figures('department'), {self.dep_south.id: 4, self.dep_tech.id: 2, False: 1})

    def test_new_customers_per_month(self):
        self.assertEqual(self._figures('monthly'), {'2026-01': 2, '2026-02': 1, '2026-03': 4})

    def test_status_funnel(self):
        figures = self._figures('status')
        self.assertEqual(figures, {'1_potential': 3, '2_intention': 1, '3_deal': 2, '4_lost': 1})
        # the groups come in funnel order, as the chart draws them
        self.assertEqual(list(figures), ['1_potential', '2_intention', '3_deal', '4_lost'])

    def test_contacts_are_not_counted(self):
        total = sum(self._figures('level').values())
        self.assertEqual(total, 7)
        self.assertTrue(self.contact.tianchi_is_customer)

    def test_a_salesperson_counts_only_the_customers_they_see(self):
        mine = self._figures('owner', user=self.sales)
        self.assertEqual(mine.get(self.sales.id), 2)
        self.assertNotIn(self.owner.id, mine)

    # -- actions -----------------------------------------------------------------

    def test_actions_show_the_customer_list_behind_their_charts(self):
        customers = safe_eval(self.env.ref('tianchi_crm.tianchi_customer_action').domain)
        search_view = self.env.ref('tianchi_crm.tianchi_customer_statistics_view_search')
        for key in ACTIONS:
            action = self._action(key)
            with self.subTest(action=key):
                self.assertEqual(safe_eval(action.domain), customers)
                self.assertEqual(action.search_view_id, search_view)
                modes = action.view_ids.sorted('sequence').mapped('view_mode')
                self.assertEqual(modes[:2], ['graph', 'pivot'])
                self.assertIn('list', modes)
                self.assertEqual(action.view_ids.filtered(lambda v: v.view_mode == 'list').view_id,
                                 self.env.ref('tianchi_crm.tianchi_customer_view_tree'))
        self.assertEqual(self._chart_groupby(self._action('owner')), 'user_id')
        self.assertEqual(self._chart_groupby(self._action('department')), 'owner_department_id')
        self.assertEqual(self._chart_groupby(self._action('monthly')), 'create_date:month')
        ranked = etree.fromstring(self.env['res.partner'].get_view(
            self.env.ref('tianchi_crm.tianchi_customer_statistics_view_graph_province').id, 'graph')['arch'])
        self.assertEqual(ranked.get('order'), 'desc')
