"""Server-side sessions: ids, the filesystem store, dirtiness and rotation."""
from __future__ import annotations

import os
import time

import pytest
from odoo.httpd import sessions


@pytest.fixture
def store(tmp_path):
    return sessions.FilesystemSessionStore(str(tmp_path / 'sessions'))


def test_generated_ids_are_valid_and_unique():
    ids = {sessions.generate_sid() for _ in range(200)}
    assert len(ids) == 200
    assert all(sessions.is_valid_sid(sid) and len(sid) == 84 for sid in ids)


@pytest.mark.parametrize('sid', [None, '', '../../etc/passwd', 'a' * 83, 'a' * 85, 'a' * 83 + '/', 42])
def test_invalid_ids(sid):
    assert not sessions.is_valid_sid(sid)


def test_saved_session_survives_a_new_store(store, tmp_path):
    session = store.new()
    session.update({'db': 'i_db', 'uid': 2, 'context': {'lang': 'zh_CN'}})
    store.save(session)
    again = sessions.FilesystemSessionStore(str(tmp_path / 'sessions')).get(session.sid)
    assert not again.is_new
    assert (again.db, again.uid, again.context) == ('i_db', 2, {'lang': 'zh_CN'})
    assert os.path.isfile(os.path.join(store.path, session.sid[:2], session.sid))


def test_unknown_or_corrupt_session_reads_as_new(store):
    sid = sessions.generate_sid()
    assert store.get(sid).is_new
    os.makedirs(os.path.join(store.path, sid[:2]))
    with open(os.path.join(store.path, sid[:2], sid), 'w') as file:
        file.write('{not json')
    fresh = store.get(sid)
    assert fresh.is_new and fresh.sid == sid and dict(fresh) == {}


def test_store_refuses_invalid_ids(store):
    with pytest.raises(ValueError, match='invalid session id'):
        store.save(sessions.Session({}, '../escape'))


def test_dirtiness_tracks_real_changes():
    session = sessions.Session({'uid': 2}, sessions.generate_sid())
    assert not session.is_dirty
    session.uid = 2
    assert not session.is_dirty
    session.uid = 3
    assert session.is_dirty and session['uid'] == 3
    assert session.missing is None


def test_values_must_be_json():
    session = sessions.Session({}, sessions.generate_sid())
    with pytest.raises(TypeError):
        session['bad'] = object()


def test_rotation_moves_the_session_to_a_new_id(store):
    session = store.new()
    session.db = 'i_db'
    store.save(session)
    old = session.sid
    store.rotate(session, None)
    assert session.sid != old and not session.should_rotate
    assert store.get(old).is_new
    assert store.get(session.sid).db == 'i_db'


def test_vacuum_removes_old_sessions(store):
    old, recent = store.new(), store.new()
    store.save(old)
    store.save(recent)
    path = os.path.join(store.path, old.sid[:2], old.sid)
    past = time.time() - 3600
    os.utime(path, (past, past))
    assert store.vacuum(max_lifetime=60) == 1
    assert store.get(old.sid).is_new and not store.get(recent.sid).is_new
