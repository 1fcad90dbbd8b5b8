"""Tests of odoo.tools.misc helpers."""
from __future__ import annotations

import logging

import pytest
from odoo.tools import misc
from odoo.tools.misc import (
    Callbacks,
    LastOrderedSet,
    OrderedSet,
    StackMap,
    frozendict,
    groupby,
    merge_sequences,
    mute_logger,
    partition,
    split_every,
    str2bool,
    topological_sort,
    unique,
)


def test_frozendict_is_immutable_and_hashable():
    fd = frozendict({'a': 1, 'b': [1, 2]})
    with pytest.raises(NotImplementedError):
        fd['c'] = 3
    with pytest.raises(NotImplementedError):
        fd.update(c=3)
    assert hash(fd) == hash(frozendict({'b': [1, 2], 'a': 1}))


def test_ordered_sets():
    s = OrderedSet([3, 1, 3, 2])
    assert list(s) == [3, 1, 2]
    s.discard(1)
    s.add(0)
    assert list(s) == [3, 2, 0]
    last = LastOrderedSet([1, 2, 3])
    last.add(1)
    assert list(last) == [2, 3, 1]


def test_callbacks_run_in_order_then_clear():
    calls = []
    cbs = Callbacks()
    cbs.add(lambda: calls.append(1))

    def second():
        calls.append(2)
        cbs.add(lambda: calls.append(3))
    cbs.add(second)
    cbs.data['x'] = 1
    cbs.run()
    assert calls == [1, 2, 3]
    assert cbs.data == {}
    cbs.run()
    assert calls == [1, 2, 3]


def test_iteration_helpers():
    assert list(split_every(2, range(5))) == [(0, 1), (2, 3), (4,)]
    assert list(split_every(2, 'abc', list)) == [['a', 'b'], ['c']]
    assert dict(groupby([1, 2, 3, 4], lambda n: n % 2)) == {1: [1, 3], 0: [2, 4]}
    assert list(unique([3, 1, 3, 2, 1])) == [3, 1, 2]
    assert partition(lambda n: n > 1, [0, 2, 1, 3]) == ([2, 3], [0, 1])
    assert topological_sort({'sale': ['base', 'product'], 'product': ['base'], 'base': []}) == \
        ['base', 'product', 'sale']
    assert merge_sequences(['A', 'B', 'C'], ['Z'], ['Y', 'C'], ['A', 'X', 'Y']) == ['A', 'B', 'X', 'Y', 'C', 'Z']


@pytest.mark.parametrize('text, expected', [('yes', True), ('TRUE', True), ('1', True), ('off', False), ('n', False)])
def test_str2bool(text, expected):
    assert str2bool(text) is expected


def test_str2bool_unknown():
    with pytest.raises(ValueError):
        str2bool('maybe')
    assert str2bool('maybe', default=True) is True


def test_stackmap():
    sm = StackMap({'a': 1})
    sm.pushmap({'a': 2, 'b': 3})
    assert sm['a'] == 2 and sm['b'] == 3
    sm.popmap()
    assert sm['a'] == 1 and 'b' not in sm


def test_mute_logger(caplog):
    logger = logging.getLogger('odoo.test_mute')
    with mute_logger('odoo.test_mute'):
        logger.error('hidden')
    logger.error('shown')
    assert [r.getMessage() for r in caplog.records] == ['shown']


def test_file_path_and_open(tmp_path, monkeypatch):
    addon = tmp_path / 'my_addon' / 'data'
    addon.mkdir(parents=True)
    (addon / 'f.txt').write_text('中文')
    monkeypatch.setitem(misc.config.options, 'addons_path', str(tmp_path))
    assert misc.file_path('my_addon/data/f.txt') == str(addon / 'f.txt')
    with misc.file_open('my_addon/data/f.txt') as handle:
        assert handle.read() == '中文'
    with pytest.raises(FileNotFoundError, match='my_addon/nope.txt'):
        misc.file_path('my_addon/nope.txt')
    with pytest.raises(ValueError, match='Unsupported file'):
        misc.file_path('my_addon/data/f.txt', filter_ext=('.xml',))
    with pytest.raises(FileNotFoundError):
        misc.file_path('/etc/passwd')


def test_format_duration_and_human_size():
    assert misc.format_duration(1.5) == '01:30'
    assert misc.format_duration(-0.25) == '-00:15'
    assert misc.human_size(2048) == '2.00 Kb'


def test_posix_to_ldml():
    locale = misc.babel_locale_parse('zh_CN')
    assert misc.posix_to_ldml('%Y-%m-%d %H:%M', locale) == 'yyyy-MM-dd HH:mm'
    assert misc.posix_to_ldml('%d/%m/%Y', locale) == 'dd/MM/yyyy'
    assert misc.babel_locale_parse('xx_bogus').language
