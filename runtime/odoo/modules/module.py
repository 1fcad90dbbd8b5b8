"""Addons on disk: where they live (``addons_path``), what their
``__manifest__.py`` says, and how their Python package is imported as
``odoo.addons.<name>``."""
from __future__ import annotations

import ast
import copy
import functools
import importlib
import logging
import os
import re
import sys
from typing import Any

from odoo import release

_logger = logging.getLogger(__name__)

# the current manifest name first, then the one of older versions
MANIFEST_NAMES: tuple[str, ...] = ('__manifest__.py', '__openerp__.py')
README = ('README.rst', 'README.md', 'README.txt')

# The repository layout: runtime/odoo/modules/module.py -> repository root.
_RUNTIME_ODOO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPOSITORY_ROOT = os.path.dirname(os.path.dirname(_RUNTIME_ODOO))
DEFAULT_ADDONS_PATHS = (
    os.path.join(REPOSITORY_ROOT, 'addons'),
    REPOSITORY_ROOT,
)

# Keys every manifest gets when it does not set them (Odoo 18's defaults).
_DEFAULT_MANIFEST: dict[str, Any] = {
    'application': False,
    'bootstrap': False,
    'assets': {},
    'author': 'Odoo S.A.',
    'auto_install': False,
    'category': 'Uncategorized',
    'cloc_exclude': [],
    'configurator_snippets': {},
    'countries': [],
    'data': [],
    'demo': [],
    'demo_xml': [],
    'depends': [],
    'description': '',
    'external_dependencies': {},
    'init_xml': [],
    'installable': True,
    'images': [],
    'images_preview_theme': {},
    'live_test_url': '',
    'new_page_templates': {},
    'post_init_hook': '',
    'post_load': '',
    'pre_init_hook': '',
    'sequence': 100,
    'summary': '',
    'test': [],
    'update_xml': [],
    'uninstall_hook': '',
    'version': '1.0',
    'web': False,
    'website': '',
}

_VERSION_RE = re.compile(r'^[0-9]+\.[0-9]+(?:\.[0-9]+)?$')


class ManifestError(Exception):
    """A module's manifest cannot be read or is invalid; names the file."""


def _config():
    from odoo.tools import config
    return config


def initialize_sys_path() -> None:
    """Make ``odoo.addons`` a namespace spanning the data directory's addons,
    every directory of ``config['addons_path']``, then the repository's own
    ``addons/`` and root (where the tianchi_* addons live)."""
    import odoo.addons

    config = _config()
    # addons installed by users come first, as in Odoo
    paths: list[str] = [config.addons_data_dir] if config.get('data_dir') else []
    configured = config.get('addons_path') or ''
    if isinstance(configured, (list, tuple)):
        configured = ','.join(configured)
    for entry in configured.split(','):
        if entry.strip():
            paths.append(entry.strip())
    paths.extend(DEFAULT_ADDONS_PATHS)

    namespace = odoo.addons.__path__
    for path in paths:
        path = os.path.normcase(os.path.abspath(path))
        if os.path.isdir(path) and path not in namespace:
            namespace.append(path)


def addons_paths() -> list[str]:
    """The directories searched for addons, in priority order."""
    import odoo.addons
    return [path for path in odoo.addons.__path__ if os.path.isdir(path)]


def module_manifest(path: str | None) -> str | None:
    """Return the manifest file of the module directory ``path``, or None."""
    if not path:
        return None
    for name in MANIFEST_NAMES:
        candidate = os.path.join(path, name)
        if os.path.isfile(candidate):
            return candidate
    return None


def get_module_path(module: str, downloaded: bool = False, display_warning: bool = True) -> str | bool:
    """Return the directory of ``module`` on the addons path, or False."""
    if not module or re.search(r'[/\\]', module):
        return False
    for path in addons_paths():
        candidate = os.path.join(path, module)
        if module_manifest(candidate):
            return candidate
    if display_warning:
        _logger.warning("no module %r in any addons directory", module)
    return False


def get_module_root(path: str) -> str | None:
    """Return the closest directory above ``path`` holding a manifest."""
    path = os.path.abspath(path)
    while not module_manifest(path):
        parent = os.path.dirname(path)
        if parent == path:
            return None
        path = parent
    return path


def get_resource_from_path(path: str) -> tuple[str, str, str] | None:
    """Split an absolute file path into (module, 'a/b.xml', os-relative path)."""
    for addons_dir in sorted(addons_paths(), key=len, reverse=True):
        prefix = os.path.join(addons_dir, '')
        if path.startswith(prefix):
            parts = path[len(prefix):].split(os.sep)
            module = parts.pop(0)
            return module, '/'.join(parts), os.sep.join(parts)
    return None


def get_module_resource(module: str, *args: str) -> str | bool:
    """Return the path of a file of ``module`` if it exists, else False."""
    module_path = get_module_path(module, display_warning=False)
    if not module_path:
        return False
    resource = os.path.join(module_path, *args)
    return resource if os.path.exists(resource) else False


get_resource_path = get_module_resource


def get_module_icon(module: str) -> str:
    """URL of the module's icon, or base's."""
    module_path = get_module_path(module, display_warning=False)
    if module_path and os.path.isfile(os.path.join(module_path, 'static', 'description', 'icon.png')):
        return f'/{module}/static/description/icon.png'
    return '/base/static/description/icon.png'


def adapt_version(version: str) -> str:
    """Normalise a manifest version to ``18.0.x.y[.z]``."""
    serie = release.major_version
    version = str(version)
    own_part = version.removeprefix(f'{serie}.')
    if own_part == version or version == serie:
        # the manifest gave the module's own part only: prefix the series
        own_part, version = version, f'{serie}.{version}'
    if not _VERSION_RE.match(own_part):
        raise ValueError(
            f"Invalid version {own_part!r}: a module's version must be `x.y`, `x.y.z`, "
            f"`{serie}.x.y` or `{serie}.x.y.z`."
        )
    return version


def load_manifest(module: str, mod_path: str | None = None) -> dict[str, Any]:
    """Read and normalise the manifest of ``module`` from disk ({} if none).

    :raises ManifestError: when the manifest is not a Python dict literal or
        holds invalid values; the message names the file.
    """
    if not mod_path:
        mod_path = get_module_path(module, display_warning=False) or None
    if not (manifest_file := module_manifest(mod_path)):
        return {}

    try:
        with open(manifest_file, encoding='utf-8') as f:
            content = ast.literal_eval(f.read())
    except (SyntaxError, ValueError, UnicodeDecodeError) as e:
        raise ManifestError(f"Module {module}: cannot parse manifest {manifest_file}: {e}") from e
    if not isinstance(content, dict):
        raise ManifestError(
            f"Module {module}: manifest {manifest_file} must be a dict, not {type(content).__name__}"
        )

    manifest = {**copy.deepcopy(_DEFAULT_MANIFEST), 'icon': get_module_icon(module), 'name': module, **content}

    for key in ('depends', 'data', 'demo'):
        if not isinstance(manifest[key], (list, tuple)):
            raise ManifestError(
                f"Module {module}: key {key!r} of manifest {manifest_file} must be a list, "
                f"not {type(manifest[key]).__name__}"
            )
        manifest[key] = list(manifest[key])

    if not manifest['description']:
        for readme in README:
            readme_path = os.path.join(mod_path, readme)
            if os.path.isfile(readme_path):
                with open(readme_path, encoding='utf-8') as f:
                    manifest['description'] = f.read()
                break

    if not manifest.get('license'):
        # Odoo's default, but a manifest should say it
        _logger.warning("module %s: manifest %s has no license, LGPL-3 assumed", module, manifest_file)
        manifest['license'] = 'LGPL-3'

    # auto_install: False (opt-in), True (when all depends are installed), or
    # the subset of depends that triggers it.
    auto_install = manifest['auto_install']
    if isinstance(auto_install, (list, tuple, set)):
        auto_install = set(auto_install)
        strangers = auto_install.difference(manifest['depends'])
        if strangers:
            raise ManifestError(
                f"Module {module}: auto_install triggers must be dependencies, found "
                f"non-dependencies {sorted(strangers)} in {manifest_file}"
            )
        manifest['auto_install'] = auto_install
    elif auto_install:
        manifest['auto_install'] = {*manifest['depends']}

    try:
        normalised_version = adapt_version(manifest['version'])
    except ValueError as e:
        if manifest['installable']:
            raise ManifestError(f"Module {module}: invalid manifest {manifest_file}: {e}") from e
    else:
        manifest['version'] = normalised_version
    manifest['addons_path'] = os.path.normpath(os.path.join(mod_path, os.pardir))
    return manifest


# manifests are read once; callers get copies so they cannot alter the cache
_read_once = functools.cache(load_manifest)


def get_manifest(module: str, mod_path: str | None = None) -> dict[str, Any]:
    """Return (a copy of) the normalised manifest of ``module``; {} when the
    module is not found on the addons path."""
    cached = _read_once(module, mod_path)
    return copy.deepcopy(cached)


def clear_manifest_cache() -> None:
    """Forget manifests read so far (after the addons path or files changed)."""
    _read_once.cache_clear()


def get_modules() -> list[str]:
    """Names of all modules found on the addons path."""
    names: set[str] = set()
    for path in addons_paths():
        for name in os.listdir(path):
            if module_manifest(os.path.join(path, name)):
                names.add(name)
    return sorted(names)


def get_modules_with_version() -> dict[str, str]:
    """Map every module on the addons path to its manifest version."""
    result = {}
    for module in get_modules():
        try:
            result[module] = get_manifest(module)['version']
        except ManifestError:
            result[module] = adapt_version('1.0')
    return result


def load_openerp_module(module_name: str) -> None:
    """Import ``odoo.addons.<module_name>`` (registering its model classes)
    unless already imported, then call its manifest's ``post_load`` hook."""
    package_name = 'odoo.addons.' + module_name
    if package_name in sys.modules:
        return
    try:
        package = importlib.import_module(package_name)
        if hook := get_manifest(module_name).get('post_load'):
            getattr(package, hook)()
    except Exception:
        _logger.critical("module %s: importing its Python package failed", module_name)
        raise


load_python_module = load_openerp_module


def check_python_external_dependency(pydep: str) -> None:
    """Raise when the Python distribution or module ``pydep`` is missing."""
    import importlib.metadata
    name = re.split(r'[<>=!~;\[ ]', pydep, maxsplit=1)[0]
    try:
        importlib.metadata.version(name)
        return
    except importlib.metadata.PackageNotFoundError:
        pass
    try:
        importlib.import_module(name)
    except ImportError as e:
        raise ImportError(f"External dependency {pydep} not installed") from e


def check_manifest_dependencies(manifest: dict[str, Any]) -> None:
    """Raise when an ``external_dependencies`` entry is not available."""
    import shutil
    external = manifest.get('external_dependencies') or {}
    for requirement in external.get('python') or ():
        check_python_external_dependency(requirement)
    missing = [program for program in external.get('bin') or () if shutil.which(program) is None]
    if missing:
        raise FileNotFoundError(f"program {missing[0]!r} required by the manifest is not on PATH")


current_test: bool | str = False

__all__ = [
    'MANIFEST_NAMES', 'ManifestError', 'adapt_version', 'addons_paths',
    'check_manifest_dependencies', 'clear_manifest_cache', 'get_manifest',
    'get_module_icon', 'get_module_path', 'get_module_resource',
    'get_module_root', 'get_modules', 'get_modules_with_version',
    'get_resource_from_path', 'get_resource_path', 'initialize_sys_path',
    'load_manifest', 'load_openerp_module', 'load_python_module',
    'module_manifest',
]
