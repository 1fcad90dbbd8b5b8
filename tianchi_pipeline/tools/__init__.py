"""Helpers of tianchi_pipeline that need no database: amounts in Chinese words."""
from .amount_cn import amount_to_chinese
