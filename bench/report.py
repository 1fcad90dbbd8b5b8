"""QWeb and report benchmark: prints figures, times nothing in the test suite.

Usage: python3 bench/report.py [--db_host=127.0.0.1 --db_port=5433 --db_user=odoo] [-d NAME]

It (re)creates database NAME (default ``tianchi_bench_report``) with the
fixture addon ``test_report_j`` (runtime/tests/report/addons) installed, then
prints: the compilation time of a template, the rendering time of a
1,000-row QWeb table (t-foreach, t-out, t-att, t-if), the HTML of the order
report with 45 lines, and its PDF through Chromium (first print, with the
browser's start, then warm prints).
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

_HERE = os.path.dirname(os.path.abspath(__file__))
# bench/http.py would shadow the standard library's http package
sys.path[:] = [entry for entry in sys.path if os.path.abspath(entry or '.') != _HERE]
_ROOT = os.path.dirname(_HERE)
sys.path.insert(0, os.path.join(_ROOT, 'runtime'))

import odoo  # noqa: E402
from lxml import etree  # noqa: E402
from odoo.modules.registry import Registry  # noqa: E402
from odoo.service import db as db_service  # noqa: E402
from odoo.tools import chromium_pdf, config  # noqa: E402
from odoo.tools.qweb import TemplateCompiler  # noqa: E402

TABLE = """<t t-name="bench.table"><table><tr t-foreach="rows" t-as="row" t-att-class="row_odd and 'odd'">
<td t-out="row['name']"/><td t-if="row['qty'] > 5" t-out="row['qty']"/><td t-else="">-</td>
<td t-attf-title="#{row['name']} x{{row['qty']}}" t-out="row['price'] * row['qty']"/></tr></table></t>"""


def timed(function, repeat: int) -> float:
    """Median milliseconds of ``repeat`` calls."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument('-d', '--database', default='tianchi_bench_report')
    args, rest = parser.parse_known_args()
    addons = f"{os.path.join(_ROOT, 'addons')},{os.path.join(_ROOT, 'runtime/tests/report/addons')}"
    config.parse_config([*rest, f'--addons-path={addons}'])
    name = args.database
    if name in db_service.list_dbs(True):
        db_service.exp_drop(name)
    db_service._create_empty_database(name)
    config['init'] = {'test_report_j': 1}
    config['demo'] = {}
    registry = Registry.new(name, update_module=True)

    element = etree.fromstring(TABLE)
    print(f"compile a template (ms):              {timed(lambda: TemplateCompiler('b').compile(element), 50):.2f}")
    rows = [{'name': f'商品{i}', 'qty': i % 10, 'price': 1.5} for i in range(1000)]
    renderer = TemplateCompiler('bench.table').compile(element)
    print(f"render a 1,000-row table (ms):        {timed(lambda: renderer(None, {'rows': rows}, []), 20):.2f}")

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {'lang': 'en_US'})
        order = env['test.report.order'].create({
            'name': 'SO001 人民币', 'customer': '杭州',
            'line_ids': [(0, 0, {'name': f'商品{i}', 'quantity': i, 'price': 10}) for i in range(45)]})
        report = env['ir.actions.report']
        ref = 'test_report_j.action_report_order'
        print(f"report HTML, 45 lines (ms):           "
              f"{timed(lambda: report._render_qweb_html(ref, order.ids), 10):.1f}")
        chromium_pdf.shutdown()
        start = time.perf_counter()
        report._render_qweb_pdf(ref, order.ids)
        print(f"report PDF, first (browser start, ms): {(time.perf_counter() - start) * 1000:.0f}")
        print(f"report PDF, warm (ms):                {timed(lambda: report._render_qweb_pdf(ref, order.ids), 5):.0f}")
        cr.rollback()
    chromium_pdf.shutdown()
    Registry.delete(name)
    db_service.exp_drop(name)


if __name__ == '__main__':
    main()
