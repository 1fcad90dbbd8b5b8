"""Controllers of ``base``: the external API endpoints."""
from __future__ import annotations

from . import rpc
