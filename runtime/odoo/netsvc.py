"""Logging set-up in Odoo's format: ``time pid LEVEL dbname logger: message``.

``init_logger()`` is idempotent; levels come from ``config['log_level']``
(Odoo's pseudo-levels: info, debug, debug_sql, warn, error, critical...) and
``config['log_handler']`` (``LOGGER:LEVEL`` pairs).
"""
from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import threading
import warnings

from .tools.config import config

_logger = logging.getLogger(__name__)

# Odoo's extra levels: tests report at 25, runbot messages at 25 too.
logging.TEST = 25
logging.RUNBOT = 25
logging.addLevelName(logging.TEST, 'INFO')

LOG_FORMAT = '%(asctime)s %(pid)s %(levelname)s %(dbname)s %(name)s: %(message)s'

DEFAULT_LOG_CONFIGURATION = [
    'odoo.http.rpc.request:INFO',
    'odoo.http.rpc.response:INFO',
    ':INFO',
]
# what each pseudo-level of --log-level sets, logger by logger
_PSEUDO_LEVELS: dict[str, dict[str, str]] = {
    'debug_rpc_answer': {'odoo': 'DEBUG', 'odoo.sql_db': 'INFO', 'odoo.http.rpc': 'DEBUG'},
    'debug_rpc': {'odoo': 'DEBUG', 'odoo.sql_db': 'INFO', 'odoo.http.rpc.request': 'DEBUG'},
    'debug': {'odoo': 'DEBUG', 'odoo.sql_db': 'INFO'},
    'debug_sql': {'odoo.sql_db': 'DEBUG'},
    'info': {},
    'runbot': {'odoo': 'RUNBOT', 'werkzeug': 'WARNING'},
    'warn': {'odoo': 'WARNING', 'werkzeug': 'WARNING'},
    'error': {'odoo': 'ERROR', 'werkzeug': 'ERROR'},
    'critical': {'odoo': 'CRITICAL', 'werkzeug': 'CRITICAL'},
    'test': {'odoo': 'INFO'},
    'notset': {},
}
# the same as Odoo's ``LOGGER:LEVEL`` lists
PSEUDOCONFIG_MAPPER = {
    pseudo: [f'{logger}:{level}' for logger, level in loggers.items()]
    for pseudo, loggers in _PSEUDO_LEVELS.items()
}


class DBFormatter(logging.Formatter):
    """Adds the process id and the database of the current thread to each record."""

    def format(self, record: logging.LogRecord) -> str:
        record.pid = os.getpid()
        record.dbname = getattr(threading.current_thread(), 'dbname', None) or '?'
        return super().format(record)


# ANSI colours of the level names on a terminal: (foreground, background).
_LEVEL_COLOURS = {
    logging.DEBUG: (34, 49), logging.INFO: (32, 49), logging.WARNING: (33, 49),
    logging.ERROR: (31, 49), logging.CRITICAL: (37, 41),
}


class ColoredFormatter(DBFormatter):
    """Level names coloured, for a terminal."""

    def format(self, record: logging.LogRecord) -> str:
        foreground, background = _LEVEL_COLOURS.get(record.levelno, (32, 49))
        record.levelname = f"\x1b[1;{foreground};{background}m{record.levelname}\x1b[0m"
        return super().format(record)


_handler: logging.Handler | None = None


def init_logger() -> None:
    """Install Odoo's log handler and levels on the root logger (once per process;
    later calls only re-apply the levels)."""
    global _handler  # noqa: PLW0603 - one handler per process
    if _handler is None:
        logging.captureWarnings(True)
        warnings.filterwarnings('default', category=DeprecationWarning, module='odoo')
        if config.get('logfile'):
            dirname = os.path.dirname(config['logfile'])
            if dirname:
                os.makedirs(dirname, exist_ok=True)
            _handler = logging.handlers.WatchedFileHandler(config['logfile'])
        elif config.get('syslog'):
            _handler = logging.handlers.SysLogHandler()
        else:
            _handler = logging.StreamHandler(sys.stderr)
        on_terminal = isinstance(_handler, logging.StreamHandler) and not isinstance(_handler, logging.FileHandler) \
            and hasattr(sys.stderr, 'isatty') and sys.stderr.isatty() and os.environ.get('TERM') != 'dumb'
        _handler.setFormatter((ColoredFormatter if on_terminal else DBFormatter)(LOG_FORMAT))
        logging.getLogger().addHandler(_handler)
    handlers = config.get('log_handler') or []
    if isinstance(handlers, str):
        handlers = handlers.split(',')
    items = DEFAULT_LOG_CONFIGURATION + PSEUDOCONFIG_MAPPER.get(config.get('log_level') or 'info', []) + list(handlers)
    for item in items:
        name, _sep, level = item.strip().rpartition(':')
        logging.getLogger(name or None).setLevel(getattr(logging, level.upper(), logging.INFO))
