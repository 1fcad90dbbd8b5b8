"""The server configuration: ``odoo.conf`` (section ``[options]``) plus ``odoo-bin`` flags.

``odoo.tools.config`` is the single instance. Precedence, as in Odoo: built-in
defaults < configuration file < command-line flags. Keys and flags carry Odoo
18's names (``db_host``, ``addons_path``, ``init``/``update`` as ``{module: 1}``
dicts, ``test_tags``...). The file is the one of ``-c``, else ``$ODOO_RC``,
else the repository's ``odoo.conf`` (Odoo's ``~/.odoorc`` is not read).
Relative paths in a configuration file are read relative to the file's own
directory, so the repository's ``odoo.conf`` works from any working directory.
"""
from __future__ import annotations

import argparse
import configparser
import os
from dataclasses import dataclass, field
from typing import Any

from .. import release

# Repository layout: runtime/odoo/tools/config.py -> runtime/odoo -> repository root.
ROOT_PATH = os.path.normpath(os.path.join(os.path.dirname(__file__), '..'))
REPOSITORY_PATH = os.path.normpath(os.path.join(ROOT_PATH, '..', '..'))

LOG_LEVELS = ('info', 'debug_rpc', 'warn', 'test', 'critical', 'runbot',
              'debug_sql', 'error', 'debug', 'debug_rpc_answer', 'notset')


@dataclass(frozen=True)
class _Option:
    """One configuration key: its command-line flags, default and value type."""
    dest: str
    flags: tuple[str, ...] = ()
    default: Any = False
    type: type | None = str
    action: str | None = None      # 'store_true' / 'store_false' for switches
    help: str = ''
    path: bool = False             # a filesystem path (normalised, file-relative)
    choices: tuple[str, ...] | None = None
    extra: dict = field(default_factory=dict)


def _default_data_dir() -> str:
    return os.path.join(REPOSITORY_PATH, 'data')


OPTIONS: tuple[_Option, ...] = (
    # common
    _Option('config', ('-c', '--config'), None, help="alternate configuration file"),
    _Option('init', ('-i', '--init'), None,
            help="install modules (comma-separated, 'all' for all), requires -d"),
    _Option('update', ('-u', '--update'), None,
            help="update modules (comma-separated, 'all' for all), requires -d"),
    _Option('without_demo', ('--without-demo',), False,
            help="do not load demo data (comma-separated modules or 'all'; alone: 'all')",
            extra={'nargs': '?', 'const': 'all'}),
    _Option('pidfile', ('--pidfile',), False, path=True, help="file where the server pid is stored"),
    _Option('addons_path', ('--addons-path',), None, help="comma-separated list of addons directories"),
    _Option('upgrade_path', ('--upgrade-path',), '', help="directories of upgrade scripts"),
    _Option('server_wide_modules', ('--load',), 'base,web', help="server-wide modules"),
    _Option('data_dir', ('-D', '--data-dir'), None, path=True,
            help="directory for the filestore, sessions and the embedded PostgreSQL cluster"),
    # http
    _Option('http_interface', ('--http-interface',), '', help="listen on this interface"),
    _Option('http_port', ('-p', '--http-port'), 8069, int, help="HTTP port"),
    _Option('gevent_port', ('--gevent-port',), 8072, int, help="long-polling port"),
    _Option('http_enable', ('--no-http',), True, None, 'store_false', help="disable the HTTP server"),
    _Option('proxy_mode', ('--proxy-mode',), False, None, 'store_true',
            help="trust X-Forwarded-* headers of a reverse proxy"),
    _Option('x_sendfile', ('--x-sendfile',), False, None, 'store_true', help="X-Sendfile headers"),
    _Option('dbfilter', ('--db-filter',), '', help="regular expression filtering the databases"),
    # testing
    _Option('test_file', ('--test-file',), False, help="run one Python test file"),
    _Option('test_enable', ('--test-enable',), False, None, 'store_true', help="enable unit tests"),
    _Option('test_tags', ('--test-tags',), None,
            help="comma-separated test selection specs [-][tag][/module][:class][.method]"),
    _Option('screencasts', ('--screencasts',), None, help="screencasts directory"),
    _Option('screenshots', ('--screenshots',), '/tmp/odoo_tests', help="screenshots directory"),
    # logging
    _Option('logfile', ('--logfile',), False, path=True, help="log file (default: stderr)"),
    _Option('syslog', ('--syslog',), False, None, 'store_true', help="log to syslog"),
    _Option('log_handler', ('--log-handler',), ':INFO', extra={'action': 'append'},
            help="LOGGER:LEVEL pairs, comma-separated; may be repeated"),
    _Option('log_db', ('--log-db',), False, help="log to the ir.logging table of this database"),
    _Option('log_db_level', ('--log-db-level',), 'warning', help="level of database logging"),
    _Option('log_level', ('--log-level',), 'info', choices=LOG_LEVELS, help="global log level"),
    # smtp
    _Option('email_from', ('--email-from',), False, help="default sender address"),
    _Option('from_filter', ('--from-filter',), False, help="sender addresses the SMTP server accepts"),
    _Option('smtp_server', ('--smtp',), 'localhost', help="SMTP server"),
    _Option('smtp_port', ('--smtp-port',), 25, int, help="SMTP port"),
    _Option('smtp_ssl', ('--smtp-ssl',), False, None, 'store_true', help="SMTP over SSL/TLS"),
    _Option('smtp_user', ('--smtp-user',), False, help="SMTP user"),
    _Option('smtp_password', ('--smtp-password',), False, help="SMTP password"),
    _Option('smtp_ssl_certificate_filename', ('--smtp-ssl-certificate-filename',), False, path=True),
    _Option('smtp_ssl_private_key_filename', ('--smtp-ssl-private-key-filename',), False, path=True),
    # database
    _Option('db_name', ('-d', '--database'), False, help="database(s) to use, comma-separated"),
    _Option('db_user', ('-r', '--db_user'), False, help="PostgreSQL user"),
    _Option('db_password', ('-w', '--db_password'), False, help="PostgreSQL password"),
    _Option('pg_path', ('--pg_path',), '', help="directory of the PostgreSQL executables"),
    _Option('db_host', ('--db_host',), False,
            help="PostgreSQL host; when unset an embedded cluster under data_dir is used"),
    _Option('db_replica_host', ('--db_replica_host',), False, help="replica host"),
    _Option('db_port', ('--db_port',), False, int, help="PostgreSQL port"),
    _Option('db_replica_port', ('--db_replica_port',), False, int, help="replica port"),
    _Option('db_sslmode', ('--db_sslmode',), 'prefer',
            choices=('disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full')),
    _Option('db_maxconn', ('--db_maxconn',), 64, int, help="connections per pool"),
    _Option('db_maxconn_gevent', ('--db_maxconn_gevent',), False, int),
    _Option('db_template', ('--db-template',), 'template0', help="template of new databases"),
    _Option('unaccent', ('--unaccent',), False, None, 'store_true',
            help="enable the unaccent extension in new databases"),
    # i18n
    _Option('load_language', ('--load-language',), None, help="languages to load, comma-separated"),
    _Option('language', ('-l', '--language',), None, help="language of the translation files"),
    _Option('translate_out', ('--i18n-export',), None, path=True),
    _Option('translate_in', ('--i18n-import',), None, path=True),
    _Option('overwrite_existing_translations', ('--i18n-overwrite',), False, None, 'store_true'),
    _Option('translate_modules', ('--modules',), None),
    # security
    _Option('list_db', ('--no-database-list',), True, None, 'store_false'),
    # advanced
    _Option('dev_mode', ('--dev',), None, help="developer mode options: all, reload, qweb, xml"),
    _Option('shell_interface', ('--shell-interface',), None, help="REPL of the shell command"),
    _Option('stop_after_init', ('--stop-after-init',), False, None, 'store_true',
            help="stop after initialising the database"),
    _Option('osv_memory_count_limit', ('--osv-memory-count-limit',), 0, int),
    _Option('transient_age_limit', ('--transient-age-limit',), 1.0, float),
    _Option('max_cron_threads', ('--max-cron-threads',), 2, int),
    _Option('limit_time_worker_cron', ('--limit-time-worker-cron',), 0, int),
    # multiprocessing
    _Option('workers', ('--workers',), 0, int, help="number of HTTP worker processes"),
    _Option('limit_memory_soft', ('--limit-memory-soft',), 2048 * 1024 * 1024, int),
    _Option('limit_memory_hard', ('--limit-memory-hard',), 2560 * 1024 * 1024, int),
    _Option('limit_time_cpu', ('--limit-time-cpu',), 60, int),
    _Option('limit_time_real', ('--limit-time-real',), 120, int),
    _Option('limit_time_real_cron', ('--limit-time-real-cron',), -1, int),
    _Option('limit_request', ('--limit-request',), 2 ** 16, int),
)

# Keys that are not flags but that Odoo keeps in its configuration.
EXTRA_DEFAULTS: dict[str, Any] = {
    'admin_passwd': 'admin',
    'csv_internal_sep': ',',
    'reportgz': False,
    'root_path': ROOT_PATH,
    'demo': {},
}

_TRUE = {'true', 'True', '1', 'yes'}
_FALSE = {'false', 'False', '0', 'no', 'None', ''}


class configmanager:
    """Holds the options of the server; read it like a dict: ``config['db_host']``."""

    def __init__(self, fname: str | None = None) -> None:
        self._specs = {opt.dest: opt for opt in OPTIONS}
        self.options: dict[str, Any] = {}
        self.misc: dict[str, dict[str, Any]] = {}
        self.config_file = fname
        self.rcfile: str | None = None
        self._reset()

    # --- dict-like access ----------------------------------------------------

    def __getitem__(self, key: str) -> Any:
        return self.options[key]

    def __setitem__(self, key: str, value: Any) -> None:
        spec = self._specs.get(key)
        if spec is not None and isinstance(value, str):
            value = self._cast(spec, value)
        self.options[key] = value

    def __contains__(self, key: str) -> bool:
        return key in self.options

    def get(self, key: str, default: Any = None) -> Any:
        return self.options.get(key, default)

    def pop(self, key: str, default: Any = None) -> Any:
        return self.options.pop(key, default)

    def get_misc(self, sect: str, key: str, default: Any = None) -> Any:
        return self.misc.get(sect, {}).get(key, default)

    # --- parsing -------------------------------------------------------------

    def build_parser(self, prog: str = 'odoo-bin') -> argparse.ArgumentParser:
        """The ``odoo-bin`` flags; values absent from the command line stay absent."""
        parser = argparse.ArgumentParser(
            prog=prog, argument_default=argparse.SUPPRESS, allow_abbrev=False,
            description=f"{release.description} {release.version}")
        parser.add_argument('--version', action='version',
                            version=f"{release.description} {release.version}")
        for spec in OPTIONS:
            kwargs: dict[str, Any] = {'dest': spec.dest, 'help': spec.help or None}
            if spec.action:
                kwargs['action'] = spec.action
            else:
                kwargs['metavar'] = spec.dest.upper()
                if spec.choices:
                    kwargs['choices'] = spec.choices
            kwargs.update(spec.extra)
            parser.add_argument(*spec.flags, **kwargs)
        return parser

    def parse_config(self, args: list[str] | None = None, *, setup_logging: bool | None = None) -> None:
        """Reset the options, then read the configuration file and ``args``.

        Errors (unknown flag, bad value, missing file) exit with a message naming
        the culprit, as ``odoo-bin`` does.
        """
        parser = self.build_parser()
        namespace = parser.parse_args([] if args is None else list(args))
        cli = vars(namespace)
        self._reset()
        rcfile = cli.get('config') or self.config_file or os.environ.get('ODOO_RC')
        if rcfile:
            rcfile = os.path.abspath(os.path.expanduser(rcfile))
            if not os.path.isfile(rcfile):
                parser.error(f"the configuration file {rcfile!r} does not exist")
        else:
            default_rc = os.path.join(REPOSITORY_PATH, 'odoo.conf')
            rcfile = default_rc if os.path.isfile(default_rc) else None
        self.rcfile = rcfile
        if rcfile:
            try:
                self._load(rcfile)
            except ValueError as exc:
                parser.error(str(exc))
        if 'log_handler' in cli:
            # Repeated --log-handler flags add to the file's handlers, as in Odoo.
            from_file = self.options['log_handler']
            from_file = from_file.split(',') if isinstance(from_file, str) else list(from_file)
            cli['log_handler'] = [*from_file, *(h for flag in cli['log_handler'] for h in flag.split(','))]
        for key, value in cli.items():
            spec = self._specs[key]
            try:
                self.options[key] = self._cast(spec, value) if isinstance(value, str) else value
            except ValueError as exc:
                parser.error(f"option {spec.flags[-1]}: {exc}")
            if spec.path and self.options[key]:
                self.options[key] = self._normalize(self.options[key], os.getcwd())
        self.options['config'] = rcfile
        try:
            self._post_process(os.getcwd())
        except ValueError as exc:
            parser.error(str(exc))
        if setup_logging:
            from .. import netsvc
            netsvc.init_logger()

    def _reset(self) -> None:
        self.options = {spec.dest: spec.default for spec in OPTIONS}
        self.options.update(EXTRA_DEFAULTS)
        self.options['demo'] = {}
        self.options['init'] = {}
        self.options['update'] = {}
        self.options['addons_path'] = os.path.join(REPOSITORY_PATH, 'addons')
        self.options['data_dir'] = _default_data_dir()
        self.misc = {}

    def _load(self, rcfile: str) -> None:
        """Read ``rcfile``: ``[options]`` into the options, other sections into ``misc``."""
        parser = configparser.RawConfigParser()
        try:
            parser.read(rcfile, encoding='utf-8')
        except configparser.Error as exc:
            raise ValueError(f"the configuration file {rcfile!r} is malformed: {exc}") from exc
        base = os.path.dirname(rcfile)
        for section in parser.sections():
            for name, raw in parser.items(section):
                if section != 'options':
                    self.misc.setdefault(section, {})[name] = self._file_value(raw)
                    continue
                spec = self._specs.get(name)
                if spec is None:
                    self.options[name] = self._file_value(raw)
                    continue
                try:
                    value = self._cast(spec, raw)
                except ValueError as exc:
                    raise ValueError(f"{rcfile}: option {name!r}: {exc}") from exc
                if spec.path and value:
                    value = self._normalize(value, base)
                elif name == 'addons_path' and value:
                    value = ','.join(self._normalize(p.strip(), base) for p in value.split(',') if p.strip())
                self.options[name] = value

    @staticmethod
    def _file_value(raw: str) -> Any:
        if raw in ('True', 'true'):
            return True
        if raw in ('False', 'false'):
            return False
        return raw

    @staticmethod
    def _cast(spec: _Option, raw: str) -> Any:
        """Convert a textual value (file or flag) to the option's type."""
        if spec.action in ('store_true', 'store_false') or (isinstance(spec.default, bool) and spec.type is None):
            if raw in _TRUE:
                return True
            if raw in _FALSE:
                return False
            raise ValueError(f"expected a boolean, got {raw!r}")
        if raw in ('False', 'false', 'None') and spec.dest not in ('without_demo',):
            return False if spec.default is False else None if spec.default is None else spec.default
        if spec.type is int:
            try:
                return int(raw)
            except ValueError:
                raise ValueError(f"expected an integer, got {raw!r}") from None
        if spec.type is float:
            try:
                return float(raw)
            except ValueError:
                raise ValueError(f"expected a number, got {raw!r}") from None
        if spec.choices and raw not in spec.choices:
            raise ValueError(f"invalid choice {raw!r} (choose from {', '.join(spec.choices)})")
        return raw

    @staticmethod
    def _normalize(path: str, base: str) -> str:
        path = os.path.expanduser(os.path.expandvars(path))
        return os.path.normcase(os.path.realpath(os.path.join(base, path)))

    def _post_process(self, cwd: str) -> None:
        """Derive the computed keys (init/update/demo dicts, test tags, paths)."""
        opts = self.options
        init = opts.get('init')
        update = opts.get('update')
        opts['init'] = init if isinstance(init, dict) else _module_dict(init)
        opts['update'] = update if isinstance(update, dict) else _module_dict(update)
        without_demo = opts['without_demo']
        if isinstance(without_demo, str):
            without_demo = without_demo.strip()
            without_demo = False if without_demo in _FALSE else without_demo
        opts['without_demo'] = True if without_demo in _TRUE else without_demo
        opts['demo'] = {} if opts['without_demo'] else dict(opts['init'])
        if opts['test_enable'] and not opts['test_tags']:
            opts['test_tags'] = '+standard'
        opts['test_enable'] = bool(opts['test_tags'])
        default_addons = os.path.join(REPOSITORY_PATH, 'addons')
        if not opts['addons_path']:
            opts['addons_path'] = default_addons
        paths = [p.strip() for p in str(opts['addons_path']).split(',') if p.strip()]
        opts['addons_path'] = ','.join(self._normalize(p, cwd) for p in paths)
        for path in paths:
            path = self._normalize(path, cwd)
            if path != default_addons and not os.path.isdir(path):
                raise ValueError(f"option --addons-path: no such directory: {path!r}")
        if not opts['data_dir']:
            opts['data_dir'] = _default_data_dir()
        dev = opts.get('dev_mode') or ''
        dev_split = [part.strip() for part in str(dev).split(',') if part.strip()]
        opts['dev_mode'] = dev_split + (['reload', 'qweb', 'xml'] if 'all' in dev_split else [])
        modules = opts.get('translate_modules')
        opts['translate_modules'] = sorted(m.strip() for m in modules.split(',')) if modules else ['all']
        if isinstance(opts['log_handler'], str):
            opts['log_handler'] = [h for h in opts['log_handler'].split(',') if h]
        if opts['db_port'] in ('', None):
            opts['db_port'] = False

    # --- derived paths -------------------------------------------------------

    @property
    def addons_data_dir(self) -> str:
        path = os.path.join(self['data_dir'], 'addons', release.series)
        os.makedirs(path, exist_ok=True)
        return path

    @property
    def session_dir(self) -> str:
        path = os.path.join(self['data_dir'], 'sessions')
        os.makedirs(path, mode=0o700, exist_ok=True)
        return path

    def filestore(self, dbname: str) -> str:
        """Directory of the attachments of database ``dbname``."""
        return os.path.join(self['data_dir'], 'filestore', dbname)

    def verify_admin_password(self, password: str) -> bool:
        """Check ``password`` against the master password (plain or passlib hash)."""
        stored = self.options.get('admin_passwd') or ''
        if stored.startswith('$pbkdf2'):
            from passlib.context import CryptContext
            return CryptContext(schemes=['pbkdf2_sha512']).verify(password, stored)
        return bool(stored) and password == stored


def _module_dict(value: str | None) -> dict[str, int]:
    """``"sale,crm"`` -> ``{'sale': 1, 'crm': 1}``, the shape Odoo uses for -i/-u."""
    if not value:
        return {}
    return dict.fromkeys((m.strip() for m in value.split(',') if m.strip()), 1)


config = configmanager()
