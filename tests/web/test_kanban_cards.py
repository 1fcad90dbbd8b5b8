"""Kanban cards drawn from the views' QWeb templates, in Debian Chromium:
Odoo 18 ``card`` templates (aside, main, footer, t-if / t-elif, t-esc,
t-att / t-attf, widgets, card menu, progress bar), buttons acting on the
card's record (抢单), errors shown to the user, and a legacy ``kanban-box``
template with ``kanban_image`` and ``t-foreach``; at 1280 and 375 px."""
from __future__ import annotations

import pytest

from .test_webclient import ACTION, _rpc

pytestmark = pytest.mark.slow

KANBAN = f"{ACTION}?view_type=kanban"
LEGACY = '/odoo/action-test_web_l.test_web_task_legacy_action'


def test_card_template_directives_and_widgets(page, web_server):
    page.goto(f"{web_server.url}{KANBAN}")
    card = page.locator('.o_kanban_record:has-text("报价单审核")')
    # t-if with OWL's word operator, t-esc of a formatted value
    assert card.locator('.o_busy').inner_text().strip() == 'Busy: 3.50 h'
    assert card.locator('.o_light').count() == 0
    # t-attf-class and t-att-title from the record, t-out escaped
    state = card.locator('.o_state_draft')
    assert state.get_attribute('title') == 'Draft' and state.inner_text().strip() == 'Draft'
    assert '12,800.00' in card.locator('[data-name=amount]').inner_text()
    assert card.locator('.o_tag:has-text("重点客户")').count() == 1
    # highlight_color, state_selection, the <aside>/<main>/<footer> structure
    assert 'o_kanban_color_3' in card.get_attribute('class')
    assert card.locator('aside.o_kanban_aside_full').count() == 1 and card.locator('main footer').count() == 1
    blocked = page.locator('.o_kanban_record:has-text("合同签订") .o_field_state_selection .bg-danger')
    assert blocked.count() == 1
    # the column's progress bar and the total of its sum_field
    column = page.locator('.o_kanban_group:has-text("新建")').first
    assert column.locator('.o_kanban_progress .progress-bar').count() >= 1
    assert column.locator('.o_kanban_sum').inner_text().strip() == '68,800'
    # the card's menu (widget.deletable is true for the administrator)
    card.locator('.o_kanban_card_menu').click()
    assert card.locator('.dropdown-menu a:has-text("Delete")').is_visible()
    # its colour picker writes the colour and draws the card again
    card.locator('.o_kanban_color_swatch.o_tag_color_5').click()
    page.wait_for_selector('.o_kanban_record.o_kanban_color_5:has-text("报价单审核")')
    assert _rpc(page, 'test_web_l.task', 'search_read', [[('name', '=', '报价单审核')], ['color']])[0]['color'] == 5
    # a click elsewhere on the card opens the record
    card.locator('[data-name=name]').click()
    page.wait_for_selector('form.o_form_view')
    assert page.locator('#o_field_name').input_value() == '报价单审核'
    assert not page.js_errors


def test_card_buttons_act_on_their_record(page, web_server):
    page.goto(f"{web_server.url}{KANBAN}")
    card = page.locator('.o_kanban_record:has-text("客户回访")')
    with page.expect_response(lambda reply: '/web/client/kanban/button' in reply.url) as answered:
        card.locator('.o_grab').click()
    assert answered.value.ok
    # the card is drawn again: the t-else branch and the owner's avatar
    page.wait_for_selector('.o_kanban_record:has-text("客户回访") .o_regrab')
    assert page.locator('.o_kanban_record:has-text("客户回访") [data-name=user_id] img').count() == 1
    task = _rpc(page, 'test_web_l.task', 'search_read', [[('name', '=', '客户回访')], ['user_id']])[0]
    assert task['user_id'] and task['user_id'][1] == 'Administrator'
    # someone else's task: the method's error is shown, nothing changes
    page.locator('.o_kanban_record:has-text("合同签订") .o_regrab').click()
    page.wait_for_selector('.o_notification')
    assert '合同签订' in page.locator('.o_notification').inner_text()
    task = _rpc(page, 'test_web_l.task', 'search_read', [[('name', '=', '合同签订')], ['user_id']])[0]
    assert task['user_id'][0] != _rpc(page, 'res.users', 'search', [[('login', '=', 'admin')]])[0]
    # a type="action" button opens its action
    page.locator('.o_kanban_record:has-text("客户回访") .o_all_tasks').click()
    page.wait_for_url(lambda url: 'view_type' not in url and '/action-' in url and 'active_id=' in url)
    page.wait_for_selector('.o_list_table')
    assert not page.js_errors


def test_legacy_kanban_box(page, web_server):
    page.goto(f"{web_server.url}{LEGACY}")
    page.wait_for_selector('.o_legacy_card')
    assert page.locator('.o_legacy_kanban_record').count() >= 4
    big = page.locator('.o_legacy_card.o_big_deal')
    assert sorted(big.locator('.o_kanban_record_title').all_inner_texts()) == ['发票开具', '合同签订']
    # t-foreach over the raw ids of a many2many
    assert page.locator('.o_legacy_card:has-text("报价单审核") .o_tag_list li').count() == 1
    assert not page.js_errors


def test_kanban_image_route_and_avatars(page, web_server):
    partner = _rpc(page, 'res.partner', 'create', [{'name': '赵六'}])
    _rpc(page, 'test_web_l.task', 'write', [_rpc(page, 'test_web_l.task', 'search', [[('name', '=', '发票开具')]]), {'partner_id': partner}])
    page.goto(f"{web_server.url}{LEGACY}")
    image = page.locator('.o_legacy_card:has-text("发票开具") img.o_partner_img')
    assert image.get_attribute('src') == f"/web/image/res.partner/{partner}/avatar_128"
    reply = page.request.get(f"{web_server.url}/web/image/res.partner/{partner}/avatar_128")
    assert reply.status == 200 and reply.headers['content-type'].startswith('image/')
    # an unknown record answers the placeholder, never an error page
    reply = page.request.get(f"{web_server.url}/web/image/res.partner/999999/avatar_128")
    assert reply.status == 200 and 'svg' in reply.headers['content-type']
    assert not page.js_errors


def test_cards_on_a_phone(phone_page, web_server):
    phone = phone_page
    phone.goto(f"{web_server.url}{KANBAN}")
    card = phone.locator('.o_kanban_record').first
    box = card.bounding_box()
    assert box['width'] <= 375
    assert phone.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    # the footer's buttons stay inside the card
    footer = card.locator('footer').bounding_box()
    assert footer['x'] + footer['width'] <= box['x'] + box['width'] + 1
    assert not phone.js_errors
