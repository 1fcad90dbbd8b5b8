"""Method decorators of the model API (``odoo.api``): they only tag functions
with attributes that the model setup and the ORM read later."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar('F', bound=Callable[..., Any])


def attrsetter(attr: str, value: Any) -> Callable[[F], F]:
    """Decorator factory setting ``attr`` to ``value`` on the decorated function."""
    def tag(func: F) -> F:
        setattr(func, attr, value)
        return func
    return tag


def _names_or_function(args: tuple) -> Any:
    """Decorators accept field names, or one function computing them from the model."""
    return args[0] if len(args) == 1 and callable(args[0]) else args


def constrains(*args: str | Callable) -> Callable[[F], F]:
    """Mark a method as a constraint checked after create/write of the given
    fields; it raises ``ValidationError`` on invalid records."""
    return attrsetter('_constrains', _names_or_function(args))


def ondelete(*, at_uninstall: bool) -> Callable[[F], F]:
    """Mark a method run before ``unlink`` to forbid deletions; with
    ``at_uninstall=False`` it is skipped while a module is uninstalled."""
    return attrsetter('_ondelete', bool(at_uninstall))


def onchange(*args: str) -> Callable[[F], F]:
    """Mark a method as an onchange handler of the given fields (form views)."""
    return attrsetter('_onchange', tuple(args))


def depends(*args: str | Callable) -> Callable[[F], F]:
    """Declare the dependencies (dotted field paths) of a compute method."""
    spec = _names_or_function(args)
    if not callable(spec):
        for path in spec:
            if 'id' in path.split('.'):
                raise NotImplementedError(f"@depends({path!r}): a compute method cannot depend on 'id'")
    return attrsetter('_depends', spec)


def depends_context(*args: str) -> Callable[[F], F]:
    """Declare the context keys a non-stored compute method depends on."""
    return attrsetter('_depends_context', tuple(args))


def returns(model: str, downgrade: Callable | None = None,
            upgrade: Callable | None = None) -> Callable[[F], F]:
    """Kept for compatibility: records the model a method returns."""
    return attrsetter('_returns', (model, downgrade, upgrade))


def autovacuum(method: F) -> F:
    """Mark a method to be called by the daily vacuum cron."""
    if not method.__name__.startswith('_'):
        raise TypeError(f"{method.__name__}: only private methods can be @autovacuum")
    method._autovacuum = True
    return method


def model(method: F) -> F:
    """Mark a method whose ``self`` is a model, its records being irrelevant."""
    if method.__name__ == 'create':
        return model_create_multi(method)
    method._api = 'model'
    return method


def private(method: F) -> F:
    """Mark a public-looking method as not callable over RPC."""
    method._api_private = True
    return method


def readonly(method: F) -> F:
    """Mark a method as safe to run on a read-only cursor."""
    method._readonly = True
    return method


def model_create_multi(method: F) -> F:
    """Mark ``create`` as taking a list of dicts; a single dict is also accepted
    by the wrapper and gives a single record."""
    def create(self, vals_list):
        batch = [vals_list] if isinstance(vals_list, dict) else vals_list
        return method(self, batch)
    for attr in ('__name__', '__qualname__', '__doc__', '__module__'):
        setattr(create, attr, getattr(method, attr))
    create._api = 'model_create'
    create.__wrapped__ = method
    return create  # type: ignore[return-value]


def propagate(from_method: Callable, to_method: F) -> F:
    """Give ``to_method`` the ``@returns`` tag of ``from_method`` if it lacks one."""
    spec = getattr(from_method, '_returns', None) if from_method else None
    if spec is not None and getattr(to_method, '_returns', None) is None:
        to_method._returns = spec
    return to_method
