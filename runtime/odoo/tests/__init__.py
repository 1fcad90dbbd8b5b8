"""Facade of the test framework addons use: ``from odoo.tests import
TransactionCase, tagged, Form``."""
from __future__ import annotations

from . import common
from .common import (
    BaseCase as BaseCase,
    HttpCase as HttpCase,
    JsonRpcException as JsonRpcException,
    RecordCapturer as RecordCapturer,
    SingleTransactionCase as SingleTransactionCase,
    TransactionCase as TransactionCase,
    can_import as can_import,
    get_db_name as get_db_name,
    loaded_demo_data as loaded_demo_data,
    new_test_user as new_test_user,
    tagged as tagged,
    users as users,
    warmup as warmup,
)
from .form import Form as Form, O2MProxy as O2MProxy, M2MProxy as M2MProxy
