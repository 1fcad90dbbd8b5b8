"""Models of the report fixture addon."""
from __future__ import annotations

from . import test_report_order
from . import report_summary
