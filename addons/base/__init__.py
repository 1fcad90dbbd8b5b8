"""The ``base`` addon: partners, companies, users, groups, countries and
currencies (the business half) plus the technical ``ir.*`` models."""
from __future__ import annotations

from . import controllers
from . import models
