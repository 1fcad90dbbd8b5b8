"""Fixture addon of the browser tests: a small task board exercising every view of the web client."""
from __future__ import annotations

from . import models
