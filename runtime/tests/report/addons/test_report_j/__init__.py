"""Fixture addon of the report tests: an order with lines, printed as a PDF."""
from __future__ import annotations

from . import models
