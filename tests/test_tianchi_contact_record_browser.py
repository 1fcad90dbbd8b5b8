"""Contact records in Chromium against a real ``./odoo-bin`` serving
tianchi_crm: a record typed in the form with a file uploaded through the
attachments widget, the customer's dates and follow-up set from it, the
file downloaded back, and the customer form's Org Chart button leading to
the customer's organisation chart."""
from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from .conftest import OdooServer, admin_call, chromium, login, serve_database

pytestmark = pytest.mark.slow


@pytest.fixture(scope='module')
def crm_server(pg_server: dict) -> Iterator[OdooServer]:
    with serve_database(pg_server, f"contact_{os.getpid()}", 'tianchi_crm', demo=False) as server:
        yield server


@pytest.fixture
def page(crm_server: OdooServer) -> Iterator:
    with chromium() as browser:
        tab = browser.new_context(viewport={'width': 390, 'height': 844}, locale='zh-CN').new_page()
        login(tab, crm_server, 'admin', 'admin')
        yield tab


def test_record_with_attachment_and_org_chart(page, crm_server):
    customer = admin_call(crm_server, 'res.partner', 'create', {
        'name': '温州鞋业有限公司', 'is_company': True, 'tianchi_is_customer': True})
    department = admin_call(crm_server, 'tianchi.customer.department', 'create', {
        'name': '采购部', 'partner_id': customer})
    admin_call(crm_server, 'res.partner', 'create', {
        'name': '陈采购', 'parent_id': customer, 'function': '采购经理', 'customer_department_id': department})

    page.goto(f"{crm_server.url}/odoo/action-tianchi_crm.tianchi_contact_record_action")
    page.click('.o_list_button_add')
    page.wait_for_selector('form.o_form_view')
    page.fill('.o_many2one_input[name=q_partner_id]', '温州鞋业')
    page.click('.o_many2one_choice:has-text("温州鞋业")')
    page.fill('#o_field_content', '电话沟通春季订单')
    page.fill('#o_field_next_date', '2026-12-01')
    page.set_input_files('input[name="attachment_ids__upload"]', files=[
        {'name': '报价单.txt', 'mimeType': 'text/plain', 'buffer': '春季报价'.encode()}])
    page.click('.o_form_button_save')
    page.wait_for_url(lambda url: url.rstrip('/').split('/')[-1].isdigit())
    record_id = int(page.url.rstrip('/').split('/')[-1])
    record = admin_call(crm_server, 'tianchi.contact.record', 'read', [record_id], ['attachment_ids', 'partner_id'])[0]
    assert record['partner_id'][0] == customer
    assert len(record['attachment_ids']) == 1
    attachment = admin_call(crm_server, 'ir.attachment', 'read', record['attachment_ids'], ['name', 'res_model', 'res_id'])[0]
    assert (attachment['name'], attachment['res_model'], attachment['res_id']) == \
        ('报价单.txt', 'tianchi.contact.record', record_id)
    dates = admin_call(crm_server, 'res.partner', 'read', [customer], ['next_contact_date'])[0]
    assert dates['next_contact_date'] == '2026-12-01'

    # the file comes back from its link in the form
    link = page.locator('.o_field_many2many_binary a[href^="/web/content/"]')
    assert link.inner_text().strip() == '报价单.txt'
    reply = page.request.get(crm_server.url + link.get_attribute('href'))
    assert reply.status == 200 and reply.body() == '春季报价'.encode()
    # unticking the file and saving removes it from the record
    page.uncheck('.o_field_many2many_binary input[type=checkbox]')
    # the live form draws itself again without the file, then the save reloads the page
    page.wait_for_selector('.o_field_many2many_binary a', state='detached')
    with page.expect_navigation():
        page.click('.o_form_button_save')
    assert page.locator('.o_field_many2many_binary a').count() == 0
    assert admin_call(crm_server, 'tianchi.contact.record', 'read', [record_id], ['attachment_ids'])[0]['attachment_ids'] == []

    # the customer form: timeline tab and the Org Chart button
    page.goto(f"{crm_server.url}/odoo/action-tianchi_crm.tianchi_customer_action/{customer}")
    assert '电话沟通春季订单' in page.content()
    page.click('button[value="object:action_open_customer_org_chart"], button:has-text("Org Chart")')
    page.wait_for_url(lambda url: url.endswith(f'/tianchi/customer/{customer}/org_chart'))
    text = page.inner_text('main')
    assert '采购部' in text and '陈采购' in text and '采购经理' in text
