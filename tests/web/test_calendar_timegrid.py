"""The calendar's week and day scales in Debian Chromium: timed events on
the hour grid by their start and end (the user's time zone, Shanghai),
overlapping ones side by side, all-day events in the band above, the
arch's mode and date_delay honoured; a click on an empty slot opens the
quick create (Create in place, or Edit in the form with the slot's
dates), an event dragged to another day and hour moves with its end, one
stretched from its bottom edge ends later; on
a 375 px phone the week opens on the day."""
from __future__ import annotations

import datetime

import pytest

from .conftest import SCREENSHOTS
from .test_webclient import ACTION, _rpc

pytestmark = pytest.mark.slow

MEETINGS = '/odoo/action-test_web_l.test_web_meeting_action'
SHANGHAI = datetime.timedelta(hours=8)


def _monday() -> datetime.date:
    today = (datetime.datetime.utcnow() + SHANGHAI).date()
    return today - datetime.timedelta(days=today.weekday())


def _utc(day: datetime.date, hour: int, minute: int = 0) -> str:
    """A Shanghai wall-clock time as the server's UTC text."""
    return (datetime.datetime.combine(day, datetime.time(hour, minute)) - SHANGHAI).strftime('%Y-%m-%d %H:%M:%S')


@pytest.fixture
def meetings(page, web_server):
    """This week's meetings: two overlapping on Monday morning, an all-day one on Wednesday, one on Thursday."""
    monday = _monday()
    old = _rpc(page, 'test_web_l.meeting', 'search', [[]])
    if old:
        _rpc(page, 'test_web_l.meeting', 'unlink', [old])
    ids = {}
    for name, day, begin, end, allday in (('周例会', 0, (9, 0), (10, 30), False), ('客户拜访', 0, (10, 0), (12, 0), False),
                                          ('年度培训', 2, (0, 0), (0, 0), True), ('合同评审', 3, (14, 0), (16, 0), False)):
        date = monday + datetime.timedelta(days=day)
        ids[name] = _rpc(page, 'test_web_l.meeting', 'create', [{
            'name': name, 'start': _utc(date, *begin), 'stop': _utc(date, *end), 'allday': allday,
            'location': '3楼会议室' if name == '周例会' else False}])
    return ids


def _column(page, day: datetime.date):
    return page.locator(f'.o_timegrid_col[data-date="{day.isoformat()}"]')


def _event(page, name: str):
    return page.locator(f'.o_timegrid_event:has-text("{name}")')


def test_week_grid_places_events(page, web_server, meetings):
    monday = _monday()
    page.goto(f"{web_server.url}{MEETINGS}")
    # the arch's mode="week": seven day columns of an hour grid
    assert page.locator('.o_calendar_view').get_attribute('data-mode') == 'week'
    assert page.locator('.o_timegrid_col').count() == 7
    weekly = _event(page, '周例会')
    assert _column(page, monday).locator('.o_timegrid_event:has-text("周例会")').count() == 1
    assert '09:00 - 10:30' in weekly.inner_text()
    # the arch's fields tell about the event (as Odoo's popover)
    assert weekly.get_attribute('title') == '周例会\nLocation: 3楼会议室'
    column, box = _column(page, monday).bounding_box(), weekly.bounding_box()
    # 09:00 is 9/24 of the day down the column, an hour and a half is 1.5/24 of it
    assert abs((box['y'] - column['y']) / column['height'] - 9 / 24) < 0.005
    assert abs(box['height'] / column['height'] - 1.5 / 24) < 0.005
    # overlapping events share the column's width
    visit = _event(page, '客户拜访').bounding_box()
    assert box['width'] < column['width'] * 0.6 and visit['x'] > box['x'] + box['width'] - 2
    # the all-day event in the band above the grid, not on it
    wednesday = (monday + datetime.timedelta(days=2)).isoformat()
    assert page.locator(f'.o_timegrid_allday_cell[data-date="{wednesday}"] .o_calendar_event:has-text("年度培训")').count() == 1
    assert _event(page, '年度培训').count() == 0
    # a click on an event opens its form
    with page.expect_navigation():
        weekly.click()
    assert page.url.rstrip('/').endswith(f"/{meetings['周例会']}")
    page.go_back()
    # the next week is empty, "today" comes back
    page.click('.o_calendar_next')
    page.wait_for_url(lambda url: 'date=' in url)
    assert page.locator('.o_calendar_event').count() == 0
    page.click('.o_calendar_today')
    page.wait_for_url(lambda url: 'date=' not in url)
    assert _event(page, '合同评审').count() == 1
    # the day scale: one column
    page.click('.o_calendar_mode_day')
    page.wait_for_url(lambda url: 'mode=day' in url)
    assert page.locator('.o_timegrid_col').count() == 1
    assert not page.js_errors


def test_task_calendar_honours_date_delay(page, web_server):
    monday = _monday()
    task = _rpc(page, 'test_web_l.task', 'create', [{'name': '方案评审', 'planned_at': _utc(monday + datetime.timedelta(days=1), 10),
                                                     'hours': 3.5}])
    page.goto(f"{web_server.url}{ACTION}?view_type=calendar&mode=week&date={monday.isoformat()}")
    event = _column(page, monday + datetime.timedelta(days=1)).locator('.o_timegrid_event:has-text("方案评审")')
    assert '10:00 - 13:30' in event.inner_text()
    _rpc(page, 'test_web_l.task', 'unlink', [[task]])
    assert not page.js_errors


def test_quick_create_and_edit_on_a_slot(page, web_server, meetings):
    tuesday = _monday() + datetime.timedelta(days=1)
    page.goto(f"{web_server.url}{MEETINGS}")
    column = _column(page, tuesday)
    column.scroll_into_view_if_needed()
    page.locator('.o_timegrid_scroll').evaluate("(box) => { box.scrollTop = box.scrollHeight * 13 / 24; }")
    box = column.bounding_box()
    page.mouse.click(box['x'] + box['width'] / 2, box['y'] + box['height'] * (14.25 / 24))
    dialog = page.locator('.o_calendar_quick_create')
    dialog.locator('.o_calendar_quick_create_name').wait_for(state='visible')
    assert '14:00 - 15:00' in dialog.inner_text()
    dialog.locator('.o_calendar_quick_create_name').fill('季度复盘')
    with page.expect_navigation():
        dialog.locator('.o_calendar_quick_create_save').click()
    created = _rpc(page, 'test_web_l.meeting', 'search_read', [[('name', '=', '季度复盘')], ['start', 'stop', 'allday']])
    assert created == [{'id': created[0]['id'], 'start': _utc(tuesday, 14), 'stop': _utc(tuesday, 15), 'allday': False}]
    assert '14:00 - 15:00' in _column(page, tuesday).locator('.o_timegrid_event:has-text("季度复盘")').inner_text()
    # Edit: the full form with the name and the slot's start
    page.locator('.o_timegrid_scroll').evaluate("(box) => { box.scrollTop = box.scrollHeight * 13 / 24; }")
    box = _column(page, tuesday).bounding_box()
    page.mouse.click(box['x'] + box['width'] / 2, box['y'] + box['height'] * (16.25 / 24))
    dialog.locator('.o_calendar_quick_create_name').wait_for(state='visible')
    dialog.locator('.o_calendar_quick_create_name').fill('供应商会谈')
    dialog.locator('.o_calendar_quick_create_edit').click()
    page.wait_for_selector('form.o_form_view')
    assert page.locator('#o_field_name').input_value() == '供应商会谈'
    assert page.locator('#o_field_start').input_value().replace('T', ' ').startswith(f"{tuesday.isoformat()} 16:00")
    # an all-day cell creates an all-day meeting
    page.goto(f"{web_server.url}{MEETINGS}")
    page.locator(f'.o_timegrid_allday_cell[data-date="{tuesday.isoformat()}"]').click()
    dialog.locator('.o_calendar_quick_create_name').wait_for(state='visible')
    dialog.locator('.o_calendar_quick_create_name').fill('团建')
    with page.expect_navigation():
        dialog.locator('.o_calendar_quick_create_name').press('Enter')
    assert _rpc(page, 'test_web_l.meeting', 'search_read', [[('name', '=', '团建')], ['allday']])[0]['allday'] is True
    assert page.locator(f'.o_timegrid_allday_cell[data-date="{tuesday.isoformat()}"] .o_calendar_event:has-text("团建")').count() == 1
    assert not page.js_errors


def test_quick_create_on_a_month_day(page, web_server, meetings):
    friday = _monday() + datetime.timedelta(days=4)
    page.goto(f"{web_server.url}{MEETINGS}?mode=month&date={friday.isoformat()}")
    day = page.locator(f'td.o_calendar_day[data-date="{friday.isoformat()}"]')
    box = day.bounding_box()
    page.mouse.click(box['x'] + box['width'] - 6, box['y'] + box['height'] - 6)
    dialog = page.locator('.o_calendar_quick_create')
    dialog.locator('.o_calendar_quick_create_name').wait_for(state='visible')
    dialog.locator('.o_calendar_quick_create_name').fill('月度总结')
    with page.expect_navigation():
        dialog.locator('.o_calendar_quick_create_save').click()
    created = _rpc(page, 'test_web_l.meeting', 'search_read', [[('name', '=', '月度总结')], ['allday', 'start']])
    assert created[0]['allday'] is True and created[0]['start'].startswith(friday.isoformat())
    assert day.locator('.o_calendar_event:has-text("月度总结")').count() == 1
    assert not page.js_errors


def test_drag_an_event_to_another_day_and_hour(page, web_server, meetings):
    thursday = _monday() + datetime.timedelta(days=3)
    friday = thursday + datetime.timedelta(days=1)
    page.goto(f"{web_server.url}{MEETINGS}")
    page.locator('.o_timegrid_scroll').evaluate("(box) => { box.scrollTop = box.scrollHeight * 12 / 24; }")
    event = _event(page, '合同评审')
    start, target = event.bounding_box(), _column(page, friday).bounding_box()
    hour = target['height'] / 24
    with page.expect_response(lambda reply: '/web/client/calendar/move' in reply.url) as moved:
        page.mouse.move(start['x'] + 10, start['y'] + 5)
        page.mouse.down()
        page.mouse.move(target['x'] + 10, start['y'] + 5 + hour / 2, steps=8)
        page.mouse.move(target['x'] + 12, start['y'] + 5 + hour, steps=4)
        page.mouse.up()
    assert moved.value.ok
    meeting = _rpc(page, 'test_web_l.meeting', 'read', [[meetings['合同评审']], ['start', 'stop']])[0]
    assert (meeting['start'], meeting['stop']) == (_utc(friday, 15), _utc(friday, 17))
    page.wait_for_selector('.o_timegrid_event:has-text("合同评审")')
    assert '15:00 - 17:00' in _column(page, friday).locator('.o_timegrid_event:has-text("合同评审")').inner_text()
    assert not page.js_errors


def test_stretch_an_event_from_its_bottom_edge(page, web_server, meetings):
    thursday = _monday() + datetime.timedelta(days=3)
    page.goto(f"{web_server.url}{MEETINGS}")
    page.locator('.o_timegrid_scroll').evaluate("(box) => { box.scrollTop = box.scrollHeight * 12 / 24; }")
    event = _event(page, '合同评审')
    box, column = event.bounding_box(), _column(page, thursday).bounding_box()
    hour = column['height'] / 24
    with page.expect_response(lambda reply: '/web/client/calendar/move' in reply.url) as moved:
        page.mouse.move(box['x'] + box['width'] / 2, box['y'] + box['height'] - 2)
        page.mouse.down()
        page.mouse.move(box['x'] + box['width'] / 2, box['y'] + box['height'] - 2 + hour * 0.75, steps=6)
        page.mouse.move(box['x'] + box['width'] / 2, box['y'] + box['height'] - 2 + hour * 1.5, steps=6)
        page.mouse.up()
    assert moved.value.ok
    meeting = _rpc(page, 'test_web_l.meeting', 'read', [[meetings['合同评审']], ['start', 'stop']])[0]
    assert (meeting['start'], meeting['stop']) == (_utc(thursday, 14), _utc(thursday, 17, 30))
    page.wait_for_selector('.o_timegrid_event:has-text("合同评审")')
    assert '14:00 - 17:30' in _event(page, '合同评审').inner_text()
    assert not page.js_errors


def test_drag_an_event_with_a_finger(browser, web_server, admin_state, meetings):
    thursday = _monday() + datetime.timedelta(days=3)
    context = browser.new_context(viewport={'width': 375, 'height': 800}, locale='zh-CN', storage_state=admin_state,
                                  has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(f"{web_server.url}{MEETINGS}?mode=day&date={thursday.isoformat()}")
        page.locator('.o_timegrid_scroll').evaluate("(box) => { box.scrollTop = box.scrollHeight * 12 / 24; }")
        box, column = _event(page, '合同评审').bounding_box(), _column(page, thursday).bounding_box()
        x, y, hour = box['x'] + box['width'] / 2, box['y'] + 10, column['height'] / 24
        touch = page.context.new_cdp_session(page)
        with page.expect_response(lambda reply: '/web/client/calendar/move' in reply.url) as moved:
            touch.send('Input.dispatchTouchEvent', {'type': 'touchStart', 'touchPoints': [{'x': x, 'y': y}]})
            page.wait_for_timeout(600)          # a long press picks the event up
            for step in range(1, 7):
                touch.send('Input.dispatchTouchEvent', {'type': 'touchMove', 'touchPoints': [{'x': x, 'y': y + hour * step / 6}]})
            touch.send('Input.dispatchTouchEvent', {'type': 'touchEnd', 'touchPoints': []})
        assert moved.value.ok
        meeting = _rpc(page, 'test_web_l.meeting', 'read', [[meetings['合同评审']], ['start', 'stop']])[0]
        assert (meeting['start'], meeting['stop']) == (_utc(thursday, 15), _utc(thursday, 17))
        # a short tap still opens the event's form
        page.wait_for_selector('.o_timegrid_event:has-text("合同评审")')
        with page.expect_navigation():
            _event(page, '合同评审').tap()
        assert page.url.rstrip('/').endswith(f"/{meetings['合同评审']}")
    finally:
        context.close()


@pytest.mark.parametrize('width', [1280, 375])
def test_calendar_grid_screenshots(browser, web_server, admin_state, meetings, width):
    context = browser.new_context(viewport={'width': width, 'height': 900}, locale='zh-CN', storage_state=admin_state)
    page = context.new_page()
    try:
        page.goto(f"{web_server.url}{MEETINGS}")
        page.wait_for_load_state('networkidle')
        if width < 576:
            # as Odoo on a phone: the week opens on the day
            page.wait_for_url(lambda url: 'mode=day' in url)
            assert page.locator('.o_timegrid_col').count() == 1
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"calendar-week-{width}.png"))
    finally:
        context.close()
