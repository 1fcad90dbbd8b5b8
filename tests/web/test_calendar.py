"""The calendar and activity views in Debian Chromium: events on the days
of a month, a week and a day in the user's time zone, a day's number
creating a record on that day, an event dragged to another day (1280 and
375 px); records against activity types, coloured by urgency."""
from __future__ import annotations

import datetime

import pytest

from .test_webclient import ACTION, _rpc

pytestmark = pytest.mark.slow

CALENDAR = f"{ACTION}?view_type=calendar"


def _today_in_shanghai() -> datetime.date:
    return (datetime.datetime.utcnow() + datetime.timedelta(hours=8)).date()


def test_calendar_modes_create_and_move(page, web_server):
    today = _today_in_shanghai()
    task = _rpc(page, 'test_web_l.task', 'search', [[('name', '=', '报价单审核')]])[0]
    # 02:00 UTC is 10:00 in Shanghai, the fixture user's time zone
    _rpc(page, 'test_web_l.task', 'write', [[task], {'planned_at': f"{today.isoformat()} 02:00:00"}])
    page.goto(f"{web_server.url}{CALENDAR}")
    event = page.locator(f'.o_calendar_day[data-date="{today.isoformat()}"] .o_calendar_event:has-text("报价单审核")')
    assert event.count() == 1 and '10:00' in event.inner_text()
    for mode in ('week', 'day'):
        page.click(f'.o_calendar_mode_{mode}')
        page.wait_for_url(lambda url, mode=mode: f'mode={mode}' in url)
        assert page.locator('.o_calendar_event:has-text("报价单审核")').count() == 1
    page.click('.o_calendar_next')
    page.wait_for_url(lambda url: 'date=' in url)
    assert page.locator('.o_calendar_event:has-text("报价单审核")').count() == 0
    # drag the event a week later (or earlier at the end of the grid)
    page.goto(f"{web_server.url}{CALENDAR}")
    target_day = today + datetime.timedelta(days=7)
    if page.locator(f'.o_calendar_events[data-date="{target_day.isoformat()}"]').count() == 0:
        target_day = today - datetime.timedelta(days=7)
    target = page.locator(f'.o_calendar_events[data-date="{target_day.isoformat()}"]')
    start, end = event.bounding_box(), target.bounding_box()
    with page.expect_response(lambda reply: '/web/client/calendar/move' in reply.url) as moved:
        page.mouse.move(start['x'] + 10, start['y'] + 5)
        page.mouse.down()
        page.mouse.move(end['x'] + 15, end['y'] + 10, steps=12)
        page.mouse.move(end['x'] + 20, end['y'] + 12, steps=4)
        page.mouse.up()
    assert moved.value.ok
    planned = _rpc(page, 'test_web_l.task', 'read', [[task], ['planned_at']])[0]['planned_at']
    assert planned == f"{target_day.isoformat()} 02:00:00"
    # a day's number opens a new record on that day
    page.wait_for_selector('.o_calendar_view')
    page.click(f'.o_calendar_day[data-date="{today.isoformat()}"] .o_calendar_day_number')
    page.wait_for_selector('form.o_form_view')
    assert page.locator('#o_field_planned_at').input_value().startswith(today.isoformat())
    assert not page.js_errors


def test_calendar_on_a_phone(phone_page, web_server):
    phone = phone_page
    phone.goto(f"{web_server.url}{CALENDAR}")
    phone.wait_for_selector('.o_calendar_table')
    assert phone.locator('.o_calendar_day').count() == 42
    assert phone.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1


def test_activity_view(page, web_server):
    task = _rpc(page, 'test_web_l.task', 'search', [[('name', '=', '合同签订')]])[0]
    model_id = _rpc(page, 'ir.model', 'search', [[('model', '=', 'test_web_l.task')]])[0]
    today = _today_in_shanghai()
    for days, summary in ((-3, '催款'), (5, '回访')):
        _rpc(page, 'mail.activity', 'create', [{'res_model_id': model_id, 'res_id': task, 'summary': summary,
                                                'date_deadline': (today + datetime.timedelta(days=days)).isoformat()}])
    page.goto(f"{web_server.url}{ACTION}?view_type=activity")
    row = page.locator('.o_activity_record:has-text("合同签订")')
    cell = row.locator('.o_activity_cell')
    assert cell.count() == 1
    # two activities of one type: the most urgent colour, the nearest deadline, the count
    assert 'o_activity_overdue' in cell.get_attribute('class')
    assert (today - datetime.timedelta(days=3)).strftime('%m-%d') in cell.inner_text() and '2' in cell.inner_text()
    cell.click()
    page.wait_for_selector('form.o_form_view')
    assert page.url.rstrip('/').endswith(f"/{task}")
    assert not page.js_errors
