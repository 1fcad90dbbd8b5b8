"""Live forms in Debian Chromium: a changed field runs the model's onchange
(values, warnings) and the form's modifiers are evaluated again while the
user types, in the form and in its one2many lines, before anything is
saved; at 1280 and 375 px."""
from __future__ import annotations

import pytest

from .test_webclient import ACTION, _rpc

pytestmark = pytest.mark.slow


def _choose_partner(page, name: str) -> None:
    page.fill('.o_many2one_input[name=q_partner_id]', name)
    page.click(f'.o_many2one_choice:has-text("{name}")')


def test_onchange_sets_values_and_warns(page, web_server):
    _rpc(page, 'res.partner', 'create', [{'name': '钱七', 'email': 'qian.qi@example.com', 'phone': '138 0013 8000'}])
    _rpc(page, 'res.partner', 'create', [{'name': '孙八'}])
    tasks_before = _rpc(page, 'test_web_l.task', 'search_count', [[]])
    page.goto(f"{web_server.url}{ACTION}/new")
    page.fill('#o_field_name', '实时表单')
    assert page.locator('#o_field_phone').count() == 0          # invisible="not partner_id"
    _choose_partner(page, '钱七')
    page.wait_for_selector('#o_field_phone')
    assert page.locator('#o_field_email').input_value() == 'qian.qi@example.com'
    assert page.locator('#o_field_phone').input_value() == '138 0013 8000'
    # what was typed before the redraw is still there, nothing was saved
    assert page.locator('#o_field_name').input_value() == '实时表单'
    assert _rpc(page, 'test_web_l.task', 'search_count', [[]]) == tasks_before
    # a partner without e-mail: the method's warning is shown
    _choose_partner(page, '孙八')
    page.wait_for_selector('.o_notification_warning')
    assert '孙八' in page.locator('.o_notification_warning').inner_text()
    page.wait_for_function("document.querySelector('#o_field_email').value === ''")
    # required="hours > 10", evaluated while typing
    assert page.locator('#o_field_amount').get_attribute('required') is None
    page.fill('#o_field_hours', '12')
    page.wait_for_selector('#o_field_amount[required]')
    page.fill('#o_field_hours', '2')
    page.wait_for_selector('#o_field_amount:not([required])')
    page.click('.o_form_button_save')
    page.wait_for_url(lambda url: url.rstrip('/').split('/')[-1].isdigit())
    saved = _rpc(page, 'test_web_l.task', 'search_read', [[('name', '=', '实时表单')], ['partner_id', 'hours', 'phone']])[0]
    assert saved['partner_id'][1] == '孙八' and saved['hours'] == 2.0
    _rpc(page, 'test_web_l.task', 'unlink', [[saved['id']]])     # the other tests count the fixture's tasks
    assert not page.js_errors


def test_onchange_of_one2many_lines(page, web_server):
    task = _rpc(page, 'test_web_l.task', 'create', [{'name': '分批发货', 'line_ids': [(0, 0, {'name': '第一批', 'quantity': 5}),
                                                                                    (0, 0, {'name': '第二批', 'quantity': 3})]}])
    page.goto(f"{web_server.url}{ACTION}/{task}")
    total = page.locator('.o_field_widget[data-name=line_total]')
    assert total.inner_text().strip() == '8.00'
    # a line's onchange: a negative quantity is set back to 0, with its warning
    page.click('.o_field_x2many_list_row_add')
    page.fill('[name="o2m.line_ids.n1.name"]', '第三批')
    page.fill('[name="o2m.line_ids.n1.quantity"]', '-3')
    page.press('[name="o2m.line_ids.n1.quantity"]', 'Tab')
    page.wait_for_selector('.o_notification_warning')
    page.wait_for_function("document.querySelector('[name=\"o2m.line_ids.n1.quantity\"]').value === '0.0'"
                           " || document.querySelector('[name=\"o2m.line_ids.n1.quantity\"]').value === '0'")
    # the parent's computed total follows the lines, a removed line included
    page.fill('[name="o2m.line_ids.n1.quantity"]', '4')
    page.press('[name="o2m.line_ids.n1.quantity"]', 'Tab')
    page.wait_for_function("document.querySelector('.o_field_widget[data-name=line_total]').innerText.trim() === '12.00'")
    page.locator('.o_field_x2many tr:has(input[value="第一批"]) label.text-danger').click()
    page.wait_for_function("document.querySelector('.o_field_widget[data-name=line_total]').innerText.trim() === '7.00'")
    assert page.locator('input[value="第三批"]').count() == 1
    with page.expect_navigation():
        page.click('.o_form_button_save')
    page.wait_for_selector('.o_field_widget[data-name=line_total]:has-text("7.00")')
    lines = _rpc(page, 'test_web_l.task.line', 'search_read', [[('task_id', '=', task)], ['name', 'quantity']])
    assert sorted((line['name'], line['quantity']) for line in lines) == [('第三批', 4.0), ('第二批', 3.0)]
    _rpc(page, 'test_web_l.task', 'unlink', [[task]])
    assert not page.js_errors


def test_many2one_domain_follows_the_form(page, web_server):
    page.goto(f"{web_server.url}{ACTION}/new")
    page.fill('.o_many2one_input[name=q_partner_id]', '孙八')
    page.wait_for_selector('.o_many2one_choice:has-text("孙八")')
    # domain="[('email', '!=', False)] if priority else []": ticking priority narrows the suggestions
    page.locator('#o_field_priority').check()
    page.wait_for_function("document.querySelector('.o_many2one_input[name=q_partner_id]').getAttribute('hx-vals').includes('email')")
    page.fill('.o_many2one_input[name=q_partner_id]', '')
    page.fill('.o_many2one_input[name=q_partner_id]', '孙八')
    page.wait_for_selector('.o_many2one_results .list-group-item:not(.o_many2one_choice)')
    assert page.locator('.o_many2one_choice:has-text("孙八")').count() == 0
    page.fill('.o_many2one_input[name=q_partner_id]', '钱七')
    page.wait_for_selector('.o_many2one_choice:has-text("钱七")')
    assert not page.js_errors


def test_live_form_on_a_phone(phone_page, web_server):
    phone = phone_page
    phone.goto(f"{web_server.url}{ACTION}/new")
    _choose_partner(phone, '钱七')
    phone.wait_for_selector('#o_field_phone')
    assert phone.locator('#o_field_email').input_value() == 'qian.qi@example.com'
    assert phone.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    assert not phone.js_errors


def test_lines_keep_their_typed_prices(page, web_server):
    """A saved line's editable computed field (a price typed over the proposed one) keeps its value
    while the form changes elsewhere, as Odoo 18 reads it from the saved line; a changed quantity
    proposes the price again."""
    task = _rpc(page, 'test_web_l.task', 'create', [{'name': '议价订单', 'line_ids': [(0, 0, {'name': '茶叶', 'quantity': 2}),
                                                                                  (0, 0, {'name': '茶具', 'quantity': 1})]}])
    try:
        lines = _rpc(page, 'test_web_l.task.line', 'search', [[('task_id', '=', task)]], {'order': 'id'})
        _rpc(page, 'test_web_l.task.line', 'write', [[lines[0]], {'unit_price': 7.5}])
        page.goto(f"{web_server.url}{ACTION}/{task}")
        price = '[name="o2m.line_ids.0.unit_price"]'
        assert float(page.locator(price).input_value()) == 7.5
        # another line changes: the parent's onchange runs over every line
        page.fill('[name="o2m.line_ids.1.quantity"]', '3')
        page.press('[name="o2m.line_ids.1.quantity"]', 'Tab')
        page.wait_for_function("document.querySelector('.o_field_widget[data-name=line_total]').innerText.trim() === '5.00'")
        assert float(page.locator(price).input_value()) == 7.5
        # its own quantity changes: the price is proposed again
        page.fill('[name="o2m.line_ids.0.quantity"]', '12')
        page.press('[name="o2m.line_ids.0.quantity"]', 'Tab')
        page.wait_for_function(f"Number(document.querySelector('{price}').value) === 8", timeout=10000)
        with page.expect_navigation():
            page.click('.o_form_button_save')
        saved = _rpc(page, 'test_web_l.task.line', 'read', [lines, ['quantity', 'unit_price']])
        assert [(line['quantity'], line['unit_price']) for line in saved] == [(12.0, 8.0), (3.0, 10.0)]
    finally:
        _rpc(page, 'test_web_l.task', 'unlink', [[task]])     # the other tests count the fixture's tasks
    assert not page.js_errors
