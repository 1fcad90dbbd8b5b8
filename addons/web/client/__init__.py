"""The server-rendered web client: builders that turn Odoo view XML (as
returned by ``get_views``) and records into HTML fragments for htmx and
Bootstrap 5. No routes here: ``controllers/webclient*.py`` call these."""
from __future__ import annotations
