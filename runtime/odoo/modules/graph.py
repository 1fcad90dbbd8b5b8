"""The module dependency graph: which modules to load, in which order.

A module's depth is one more than its deepest dependency, so iterating the
graph by (depth, name) always yields a module after everything it depends on.
A dependency that cannot be found and a dependency cycle are errors naming the
modules involved.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .module import get_manifest

_FLAGS = ('init', 'update', 'demo')


class GraphError(Exception):
    """The requested modules cannot be ordered."""


class MissingDependencyError(GraphError):
    """Some modules depend on modules that are not available."""

    def __init__(self, missing: dict[str, list[str]]):
        self.missing = missing
        details = '; '.join(
            f"module {module} depends on {', '.join(deps)}" for module, deps in sorted(missing.items())
        )
        super().__init__(f"Missing or uninstallable dependencies: {details}")


class CyclicDependencyError(GraphError):
    """Some modules depend on each other in a loop."""

    def __init__(self, cycle: list[str]):
        self.cycle = cycle
        super().__init__(f"Cyclic dependency between modules: {' -> '.join(cycle)}")


class NotInstallableError(GraphError):
    """A requested module is not installable (or has no manifest)."""

    def __init__(self, modules: list[str]):
        self.modules = modules
        super().__init__(f"Modules not found or not installable: {', '.join(sorted(modules))}")


class Node:
    """One module of the graph, with its manifest (``info``) and the state
    recorded for it in ``ir_module_module`` (set by ``Graph.update_from_db``)."""

    def __init__(self, name: str, graph: Graph, info: dict[str, Any]):
        self.name = name
        self.graph = graph
        self.info = info
        self.depth = 0
        self.id = 0
        self.state = 'uninstalled'
        self.dbdemo = False
        self.installed_version: str | None = None
        self.init = False
        self.update = False
        self.demo = False

    @property
    def data(self) -> dict[str, Any]:
        return self.info

    @property
    def depends(self) -> list[str]:
        return list(self.info.get('depends', ()))

    @property
    def parents(self) -> list[Node]:
        """The nodes of this module's direct dependencies."""
        return [self.graph[dep] for dep in self.depends if dep in self.graph]

    @property
    def children(self) -> list[Node]:
        """The nodes that depend directly on this module."""
        return sorted(
            (node for node in self.graph.values() if self.name in node.depends),
            key=lambda node: node.name,
        )

    def dependents(self) -> list[Node]:
        """Every node depending on this module, directly or not."""
        seen: dict[str, Node] = {}
        todo = self.children
        while todo:
            node = todo.pop()
            if node.name not in seen:
                seen[node.name] = node
                todo.extend(node.children)
        return sorted(seen.values(), key=lambda node: (node.depth, node.name))

    def set_flag(self, flag: str) -> None:
        """Mark this module and every module depending on it for 'init',
        'update' or 'demo': upgrading a module upgrades its dependents."""
        setattr(self, flag, True)
        for node in self.dependents():
            setattr(node, flag, True)

    def should_have_demo(self) -> bool:
        """Whether demo data must be loaded for this module now."""
        wanted = self.demo or (self.dbdemo and self.state != 'installed')
        return bool(wanted) and all(parent.dbdemo for parent in self.parents)

    def __repr__(self) -> str:
        return f'<Node {self.name} depth={self.depth} state={self.state}>'


class Graph(dict):
    """Mapping of module name -> Node; iterating yields nodes in load order."""

    def add_module(self, cr, module: str, force: Iterable[str] | None = None) -> int:
        return self.add_modules(cr, [module], force)

    def add_modules(self, cr, module_list: Iterable[str], force: Iterable[str] | None = None) -> int:
        """Add the given modules (reading their manifests) and refresh the
        nodes' state from the database; return how many nodes were added."""
        infos: dict[str, dict[str, Any]] = {}
        not_installable = []
        for module in module_list:
            if module in self or module in infos:
                continue
            info = get_manifest(module)
            if info and info['installable']:
                infos[module] = info
            else:
                not_installable.append(module)
        if not_installable:
            raise NotInstallableError(not_installable)
        added = self.add_infos(infos, force)
        if cr is not None:
            self.update_from_db(cr)
        return added

    def add_infos(
        self, infos: dict[str, dict[str, Any]], force: Iterable[str] | None = None,
        flags: dict[str, Iterable[str]] | None = None,
    ) -> int:
        """Add modules given their manifests; every dependency must be in the
        graph already or among ``infos``.

        :param force: flags ('init', 'update', 'demo') to set on every new node
        :param flags: flag -> module names (or 'all') to mark, as in
            ``config['init']`` / ``config['update']``; defaults to the config
        """
        missing = {
            name: [dep for dep in info.get('depends', ()) if dep not in self and dep not in infos]
            for name, info in infos.items()
        }
        missing = {name: deps for name, deps in missing.items() if deps}
        if missing:
            raise MissingDependencyError(missing)

        pending = dict(infos)
        added: list[Node] = []
        while pending:
            ready = sorted(
                name for name, info in pending.items()
                if all(dep in self for dep in info.get('depends', ()))
            )
            if not ready:
                raise CyclicDependencyError(_find_cycle(pending))
            for name in ready:
                info = pending.pop(name)
                node = Node(name, self, info)
                node.depth = max((self[dep].depth + 1 for dep in info.get('depends', ())), default=0)
                for flag in _FLAGS:
                    if any(getattr(parent, flag) for parent in node.parents):
                        setattr(node, flag, True)
                self[name] = node
                added.append(node)

        if flags is None:
            flags = _config_flags()
        force = set(force or ())
        for node in added:
            for flag in _FLAGS:
                marked = flags.get(flag) or ()
                if flag in force or node.name in marked or 'all' in marked:
                    node.set_flag(flag)
        return len(added)

    def update_from_db(self, cr) -> None:
        """Set id, state, dbdemo and installed_version of every node from
        ``ir_module_module`` (defaults for modules without a row)."""
        if not self:
            return
        cr.execute(
            'SELECT name, id, state, demo, latest_version FROM ir_module_module WHERE name IN %s',
            [tuple(self.keys())],
        )
        for name, module_id, state, demo, version in cr.fetchall():
            node = self[name]
            node.id, node.state, node.dbdemo, node.installed_version = module_id, state, bool(demo), version

    def __iter__(self) -> Iterator[Node]:
        yield from sorted(self.values(), key=lambda node: (node.depth, node.name))

    def names(self) -> list[str]:
        """Module names in load order."""
        return [node.name for node in self]

    def __str__(self) -> str:
        return '\n'.join(f"{'  ' * node.depth}{node.name}" for node in self)


def dependency_closure(modules: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Return the manifests of ``modules`` and of everything they depend on,
    transitively.

    :raises MissingDependencyError: a dependency is not on the addons path or
        not installable (the message names who depends on it)
    :raises CyclicDependencyError: the modules depend on each other in a loop
    """
    infos: dict[str, dict[str, Any]] = {}
    missing: dict[str, list[str]] = {}
    todo = [(name, None) for name in modules]
    while todo:
        name, wanted_by = todo.pop()
        if name in infos:
            continue
        info = get_manifest(name)
        if not info or not info['installable']:
            if wanted_by is None:
                raise NotInstallableError([name])
            missing.setdefault(wanted_by, []).append(name)
            continue
        infos[name] = info
        todo.extend((dep, name) for dep in info['depends'])
    if missing:
        raise MissingDependencyError(missing)
    Graph().add_infos(infos, flags={})
    return infos


def _find_cycle(infos: dict[str, dict[str, Any]]) -> list[str]:
    """Return one dependency cycle among ``infos`` as [a, b, ..., a]; every
    module of ``infos`` is known to be blocked by another one of them."""
    start = min(infos)
    path: list[str] = []
    position: dict[str, int] = {}
    current = start
    while current not in position:
        position[current] = len(path)
        path.append(current)
        current = min(dep for dep in infos[current].get('depends', ()) if dep in infos)
    return path[position[current]:] + [current]


def _config_flags() -> dict[str, Iterable[str]]:
    from odoo.tools import config
    return {flag: config.get(flag) or {} for flag in _FLAGS}
