"""The many2many_tags widget of forms, in Debian Chromium: chosen tags as
coloured badges with a cross, suggestions by name beyond the first 80 records of
the comodel, "Create ..." from the typed text, the live onchange, saving
and reloading; and the same at 375 px."""
from __future__ import annotations

import pytest

from .test_webclient import _rpc

pytestmark = pytest.mark.slow

LABELLED = '/odoo/action-test_web_l.test_web_labelled_action'


def _tags(page):
    return [badge.get_attribute('data-id') for badge in page.locator('#o_field_tag_ids .o_tag').all()]


def _ensure_many_tags(page) -> list[int]:
    """Ninety labels named 标签001 … 标签090, so that the last ones are beyond one page of suggestions."""
    existing = _rpc(page, 'test_web_l.tag', 'search', [[('name', '=like', '标签%')]], {'order': 'name'})
    if len(existing) < 90:
        existing = _rpc(page, 'test_web_l.tag', 'create', [[{'name': f"标签{index:03d}", 'color': index % 12}
                                                              for index in range(len(existing) + 1, 91)]])
        existing = _rpc(page, 'test_web_l.tag', 'search', [[('name', '=like', '标签%')]], {'order': 'name'})
    return existing


def _pick(page, text: str) -> None:
    box = page.locator('#o_field_tag_ids .o_many2many_tags_input')
    box.fill(text)
    choice = page.locator(f'#o_field_tag_ids .o_many2many_tags_choice:has-text("{text}")').first
    choice.wait_for()
    choice.click()


@pytest.mark.parametrize('width', [1280, 375])
def test_tags_pick_remove_create_save(browser, web_server, admin_state, width):
    context = browser.new_context(storage_state=admin_state, viewport={'width': width, 'height': 900})
    page = context.new_page()
    errors = []
    page.on('pageerror', lambda exc: errors.append(str(exc)))
    page.goto(f"{web_server.url}/odoo")
    tags = _ensure_many_tags(page)
    record = _rpc(page, 'test_web_l.labelled', 'create', [{'name': f'贴标签{width}', 'tag_ids': [(6, 0, tags[:2])]}])
    page.goto(f"{web_server.url}{LABELLED}/{record}")
    assert _tags(page) == [str(tags[0]), str(tags[1])]
    # colours from the comodel's color field (标签002 has colour 2)
    assert 'o_tag_color_2' in page.locator(f'#o_field_tag_ids .o_tag[data-id="{tags[1]}"]').get_attribute('class')
    # a label beyond the first 80, found by typing; the onchange counts the tags
    _pick(page, '标签089')
    page.wait_for_selector(f'#o_field_tag_ids .o_tag[data-id="{tags[88]}"]')
    page.wait_for_selector('.o_field_widget[data-name=tag_count]:has-text("3")')
    # the chosen ones are not suggested again
    page.locator('#o_field_tag_ids .o_many2many_tags_input').fill('标签00')
    page.locator('#o_field_tag_ids .o_many2many_tags_choice').first.wait_for()
    suggested = page.locator('#o_field_tag_ids .o_many2many_tags_choice').all_inner_texts()
    assert not any(text.startswith(('标签001', '标签002')) for text in suggested) and '标签003 · 3' in suggested
    # the field's domain (colour 11 is left out) and context (names with their colour) are searched with
    page.locator('#o_field_tag_ids .o_many2many_tags_input').fill('标签01')
    page.wait_for_selector('#o_field_tag_ids .o_many2many_tags_choice:has-text("标签012")')
    suggested = page.locator('#o_field_tag_ids .o_many2many_tags_choice').all_inner_texts()
    assert '标签012 · 0' in suggested and not any(text.startswith('标签011') for text in suggested)
    # remove one
    page.locator(f'#o_field_tag_ids .o_tag[data-id="{tags[0]}"] .o_delete').click()
    page.wait_for_selector('.o_field_widget[data-name=tag_count]:has-text("2")')
    # create one from the typed text
    new_name = f'新标签{width}'
    page.locator('#o_field_tag_ids .o_many2many_tags_input').fill(new_name)
    create = page.locator(f'#o_field_tag_ids .o_many2many_tags_create:has-text("{new_name}")')
    create.wait_for()
    create.click()
    page.wait_for_selector(f'#o_field_tag_ids .o_tag:has-text("{new_name}")')
    page.wait_for_selector('.o_field_widget[data-name=tag_count]:has-text("3")')
    # Enter takes the first suggestion without saving the form; Backspace in the empty input drops it again
    box = page.locator('#o_field_tag_ids .o_many2many_tags_input')
    box.fill('标签050')
    page.wait_for_selector('#o_field_tag_ids .o_many2many_tags_choice:has-text("标签050")')
    box.press('Enter')
    page.wait_for_selector(f'#o_field_tag_ids .o_tag[data-id="{tags[49]}"]')
    page.wait_for_selector('.o_field_widget[data-name=tag_count]:has-text("4")')
    assert sorted(_rpc(page, 'test_web_l.labelled', 'read', [[record], ['tag_ids']])[0]['tag_ids']) == sorted(tags[:2])
    box.press('Backspace')
    page.wait_for_selector(f'#o_field_tag_ids .o_tag[data-id="{tags[49]}"]', state='detached')
    page.wait_for_selector('.o_field_widget[data-name=tag_count]:has-text("3")')
    page.click('.o_form_button_save')
    page.wait_for_load_state('networkidle')
    created = _rpc(page, 'test_web_l.tag', 'search', [[('name', '=', new_name)]])
    assert len(created) == 1
    saved = _rpc(page, 'test_web_l.labelled', 'read', [[record], ['tag_ids', 'tag_count']])[0]
    assert sorted(saved['tag_ids']) == sorted([tags[1], tags[88], created[0]])
    assert saved['tag_count'] == 3
    page.reload()
    assert sorted(_tags(page)) == sorted(str(tid) for tid in (tags[1], tags[88], created[0]))
    # read-only (readonly="kind == 'b'"): the same coloured tags, nothing to remove or type
    page.select_option('#o_field_kind', 'b')
    page.wait_for_selector('.o_field_widget[data-name=tag_ids] .o_readonly')
    shown = page.locator('.o_field_widget[data-name=tag_ids] .o_tag')
    assert shown.count() == 3 and page.locator('.o_field_widget[data-name=tag_ids] .o_tag.o_tag_color_2').count() == 1
    assert page.locator('.o_field_widget[data-name=tag_ids] .o_delete, .o_many2many_tags_input').count() == 0
    assert not errors
    context.close()
