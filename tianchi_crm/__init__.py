"""Tianchi CRM: the customer file (客户), contacts, contact records, custom fields, import and statistics."""
from . import controllers, models, wizard
