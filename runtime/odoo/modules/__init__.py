"""Modules (addons): manifests and addons path, dependency graph, database
bootstrap, and install / upgrade / uninstall of modules into a registry."""
from __future__ import annotations

from . import module, graph, db, loading

from .module import (
    MANIFEST_NAMES as MANIFEST_NAMES,
    ManifestError as ManifestError,
    adapt_version as adapt_version,
    check_manifest_dependencies as check_manifest_dependencies,
    get_manifest as get_manifest,
    get_module_path as get_module_path,
    get_module_resource as get_module_resource,
    get_module_root as get_module_root,
    get_modules as get_modules,
    get_modules_with_version as get_modules_with_version,
    get_resource_from_path as get_resource_from_path,
    get_resource_path as get_resource_path,
    initialize_sys_path as initialize_sys_path,
    load_openerp_module as load_openerp_module,
)
from .loading import load_modules as load_modules, reset_modules_state as reset_modules_state
