"""The ``web`` addon: the web client's controllers."""
from __future__ import annotations

from . import controllers
