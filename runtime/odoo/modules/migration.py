"""Migration scripts run when a module is upgraded, as in Odoo:
``<module>/migrations/<version>/{pre,post,end}-*.py``, each defining
``migrate(cr, installed_version)``.

A version folder runs when the installed version is older than it and the
new version is at least it; ``0.0.0`` runs on any version change (first in
'pre', last in 'post' and 'end'). Versions may omit the server series
(``1.2`` means ``18.0.1.2``). ``pre`` scripts run before the module's
schema update, ``post`` ones after its data, ``end`` ones once every module
is loaded.
"""
from __future__ import annotations

import glob
import importlib.util
import logging
import os
import re
from types import ModuleType

from odoo import release

from .graph import Graph, Node
from .module import get_module_path

_logger = logging.getLogger(__name__)

_STAGES = ('pre', 'post', 'end')
_VERSION_RE = re.compile(r'^(\d+\.0\.)?\d+\.\d+(\.\d+)*$')


def _full_version(version: str) -> str:
    if version == '0.0.0' or version.count('.') > 2:
        return version
    return f'{release.major_version}.{version}'


def _parse(version: str | None) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r'\d+', version or ''))


def load_script(path: str, module_name: str) -> ModuleType:
    """Import the Python file ``path`` as a module named ``module_name``."""
    spec = importlib.util.spec_from_file_location(module_name, path)
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    return script


class MigrationManager:
    """The migration scripts of the modules of a graph being upgraded."""

    def __init__(self, cr, graph: Graph):
        self.cr = cr
        self.graph = graph
        # module -> version folder -> script paths
        self.migrations: dict[str, dict[str, list[str]]] = {}
        self.refresh()

    def refresh(self) -> None:
        """Find the scripts of the modules of the graph to upgrade that are
        not known yet (the graph grows while modules are loaded)."""
        for package in self.graph:
            if package.name not in self.migrations and (package.update or package.state == 'to upgrade'):
                self.migrations[package.name] = self._scripts(package.name)

    @staticmethod
    def _scripts(module: str) -> dict[str, list[str]]:
        module_path = get_module_path(module, display_warning=False)
        root = os.path.join(module_path, 'migrations') if module_path else None
        if not root or not os.path.isdir(root):
            return {}
        scripts = {}
        for version in os.listdir(root):
            folder = os.path.join(root, version)
            if not os.path.isdir(folder) or version == 'tests':
                continue
            if not _VERSION_RE.match(version):
                _logger.warning("Invalid version for migration scripts %r", folder)
                continue
            scripts[version] = glob.glob(os.path.join(folder, '*.py'))
        return scripts

    def migrate_module(self, package: Node, stage: str, installed_version: str | None = None) -> None:
        """Run the ``stage`` scripts of ``package`` that apply to its upgrade
        from ``installed_version`` (default: the version in the database)."""
        if stage not in _STAGES:
            raise ValueError(f"Unknown migration stage {stage!r}")
        scripts = self.migrations.get(package.name)
        if not scripts:
            return
        installed = installed_version if installed_version is not None else package.installed_version
        if not installed:
            return  # a new installation has nothing to migrate
        installed_parsed = _parse(installed)
        current_parsed = _parse(_full_version(package.info['version']))

        def applies(version: str) -> bool:
            if version == '0.0.0':
                return installed_parsed < current_parsed
            return installed_parsed < _parse(_full_version(version)) <= current_parsed

        versions = sorted((v for v in scripts if v != '0.0.0'), key=lambda v: _parse(_full_version(v)))
        if '0.0.0' in scripts:
            versions = ['0.0.0', *versions] if stage == 'pre' else [*versions, '0.0.0']
        for version in versions:
            if not applies(version):
                continue
            for path in sorted(scripts[version], key=os.path.basename):
                name = os.path.basename(path)
                if not name.startswith(f'{stage}-'):
                    continue
                _logger.info("module %s: running migration [%s] %s", package.name, version, name)
                script = load_script(path, f'odoo.addons.{package.name}.migrations.{name[:-3].replace("-", "_")}')
                if not hasattr(script, 'migrate'):
                    raise AttributeError(f"Migration script {path} has no migrate(cr, version) function")
                script.migrate(self.cr, installed)
