"""Tianchi Pipeline: company-designed order stages, grab-order (抢单), quotations, contracts and their PDFs."""
from . import controllers, models, wizard
