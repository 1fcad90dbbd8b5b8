"""The WSGI entry point of the runtime: ``odoo.service.wsgi_server.application``
(for gunicorn or any WSGI server; run ``odoo.tools.config.parse_config``
before the first request)."""
from __future__ import annotations

from typing import Any


def application(environ: dict, start_response: Any) -> Any:
    """Serve one WSGI call with ``odoo.http.root`` (which honours ``--proxy-mode``)."""
    from ..http import root
    return root(environ, start_response)


application_unproxied = application
