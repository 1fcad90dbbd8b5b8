"""Field types ``Properties`` and ``PropertiesDefinition``: user-defined
sub-fields whose definitions live on a container record (``jsonb`` list) and
whose values live on the child records (``jsonb`` dict ``{name: value}``)."""
from __future__ import annotations

import copy
import json
import logging
import re
import uuid
from typing import Any

from psycopg2.extras import Json as PgJson

from ..exceptions import AccessError, MissingError
from ..tools.sql import SQL
from .fields import Field

_logger = logging.getLogger(__name__)

PROPERTY_TYPES = (
    'boolean', 'integer', 'float', 'char', 'date', 'datetime',
    'many2one', 'many2many', 'selection', 'tags',
    'separator',  # a visual separator in forms: it holds no value
)
_NAME_RE = re.compile(r'^[a-z0-9_]+$')
_RELATIONAL = ('many2one', 'many2many')
SEARCH_OPERATORS = {
    '=': '=', '!=': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=',
    'like': 'LIKE', 'ilike': 'ILIKE', 'not like': 'NOT LIKE', 'not ilike': 'NOT ILIKE',
}


def _ints(value: Any) -> bool:
    return isinstance(value, (list, tuple)) and all(isinstance(item, int) and not isinstance(item, bool) for item in value)


def _strip_names(definitions: list, key: str = 'value') -> None:
    """Turn ``(id, name)`` pairs given by clients back into bare ids, in place."""
    for definition in definitions:
        if not isinstance(definition, dict) or not definition.get('name'):
            continue
        value = definition.get(key)
        if not value:
            continue
        kind = definition.get('type')
        if kind == 'many2one' and isinstance(value, (list, tuple)) and len(value) == 2 \
                and isinstance(value[0], int):
            definition[key] = value[0]
        elif kind == 'many2many' and isinstance(value, (list, tuple)) \
                and all(isinstance(item, (list, tuple)) for item in value):
            definition[key] = [item[0] for item in value]


def _add_names(definitions: list, env, keys: tuple[str, ...] = ('value', 'default')) -> None:
    """Replace relational ids by ``(id, display_name)``, in place, as Odoo reads them."""
    for definition in definitions:
        comodel = definition.get('comodel')
        kind = definition.get('type')
        if not comodel or comodel not in env or kind not in _RELATIONAL:
            continue
        for key in keys:
            value = definition.get(key)
            if kind == 'many2one' and isinstance(value, int) and not isinstance(value, bool) and value:
                target = env[comodel].browse(value)
                try:
                    definition[key] = (value, target.display_name)
                except AccessError:
                    definition[key] = (value, None)
                except MissingError:
                    definition[key] = False
            elif kind == 'many2many' and value and _ints(value):
                pairs = []
                for target in env[comodel].browse(value):
                    try:
                        pairs.append((target.id, target.display_name))
                    except AccessError:
                        pairs.append((target.id, None))
                    except MissingError:
                        continue
                definition[key] = pairs


class PropertiesDefinition(Field):
    """The list of property definitions a container offers to its children."""

    type = 'properties_definition'
    column_type = ('jsonb', 'jsonb')
    copy = True   # a container copied as a template keeps its definitions
    readonly = False
    prefetch = True

    REQUIRED_KEYS = ('name', 'type')
    ALLOWED_KEYS = ('name', 'string', 'type', 'comodel', 'default', 'selection', 'tags', 'domain', 'view_in_cards')
    # keys only meaningful for some types, dropped from the others when read
    TYPED_KEYS = {
        'comodel': _RELATIONAL, 'domain': _RELATIONAL,
        'selection': ('selection',), 'tags': ('tags',),
    }

    def _as_list(self, value: Any) -> list | None:
        if not value:
            return None
        if isinstance(value, str):
            value = json.loads(value)
        elif isinstance(value, (list, tuple)):
            # a strict JSON copy: no sharing with the caller, tuples become lists
            value = json.loads(json.dumps(value))
        if not isinstance(value, list):
            raise ValueError(f"Wrong properties definition for {self}: expected a list, got {type(value).__name__}")
        _strip_names(value, 'default')
        return value

    def convert_to_column(self, value: Any, record, values=None, validate: bool = True) -> Any:
        definitions = self._as_list(value)
        if definitions is None:
            return None
        self.validate_definitions(definitions, record.env)
        return PgJson(definitions)

    def convert_to_cache(self, value: Any, record, validate: bool = True) -> Any:
        definitions = self._as_list(value)
        if definitions is not None and validate:
            self.validate_definitions(definitions, record.env)
        return definitions

    def convert_to_record(self, value: Any, record) -> Any:
        """A cleaned copy: incomplete definitions, vanished models and keys
        foreign to the type are left out."""
        if not value:
            return []
        result = []
        for definition in value:
            if not all(definition.get(key) for key in self.REQUIRED_KEYS):
                continue
            definition = dict(definition)
            comodel = definition.get('comodel')
            if comodel and comodel not in record.env:
                # the module of the model was uninstalled
                definition['comodel'] = comodel = False
            if not comodel:
                definition.pop('domain', None)
            kind = definition['type']
            if kind in ('selection', 'tags'):
                definition[kind] = definition.get(kind) or []
            for key, kinds in self.TYPED_KEYS.items():
                if kind not in kinds:
                    definition.pop(key, None)
            result.append(definition)
        return result

    def convert_to_read(self, value: Any, record, use_display_name: bool = True) -> Any:
        if not value:
            return value
        value = copy.deepcopy(value)
        if use_display_name:
            _add_names(value, record.env, keys=('default',))
        return value

    def convert_to_write(self, value: Any, record) -> Any:
        return copy.deepcopy(value) if value else False

    def validate_definitions(self, definitions: list, env) -> None:
        """Raise ``ValueError`` naming the field and the property at fault."""
        seen: set = set()
        for definition in definitions:
            if not isinstance(definition, dict):
                raise ValueError(f"Wrong property definition on {self}: {definition!r} is not a dict")
            label = definition.get('name')
            where = f"{self}, property {label!r}"
            unknown = set(definition) - set(self.ALLOWED_KEYS)
            if unknown:
                raise ValueError(f"Keys not allowed in a property definition ({where}): {', '.join(sorted(unknown))}")
            missing = [key for key in self.REQUIRED_KEYS if key not in definition]
            if missing:
                raise ValueError(f"Keys missing from a property definition ({where}): {', '.join(missing)}")
            if not isinstance(label, str) or not _NAME_RE.match(label) or len(label) > 512:
                raise ValueError(f"Wrong property name on {self}: {label!r} (lowercase letters, digits and _ only)")
            if label in seen:
                raise ValueError(f"Property name {label!r} is duplicated on {self}")
            seen.add(label)
            kind = definition.get('type')
            if kind not in PROPERTY_TYPES:
                raise ValueError(f"Wrong property type {kind!r} ({where}); allowed: {', '.join(PROPERTY_TYPES)}")
            comodel = definition.get('comodel')
            if comodel and (comodel not in env or env[comodel]._transient or env[comodel]._abstract):
                raise ValueError(f"Invalid model {comodel!r} for {where}")
            options = definition.get('selection')
            if options:
                if not isinstance(options, (list, tuple)) or not all(
                        isinstance(option, (list, tuple)) and len(option) == 2 for option in options):
                    raise ValueError(f"Wrong selection options for {where}: {options!r}")
                self._check_unique([option[0] for option in options], 'options', where)
            tags = definition.get('tags')
            if tags:
                if not isinstance(tags, (list, tuple)) or not all(
                        isinstance(tag, (list, tuple)) and len(tag) == 3 and isinstance(tag[2], int) for tag in tags):
                    raise ValueError(f"Wrong tags for {where}: {tags!r} (expected [key, label, color])")
                self._check_unique([tag[0] for tag in tags], 'tags', where)

    @staticmethod
    def _check_unique(keys: list, what: str, where: str) -> None:
        doubles = sorted({str(key) for key in keys if keys.count(key) > 1})
        if doubles:
            raise ValueError(f"Duplicated {what} for {where}: {', '.join(doubles)}")


class Properties(Field):
    """The values of the properties defined on the container found through
    ``definition='<many2one field>.<definition field>'``; read as the list of
    definitions each with its ``value``, stored as ``{name: value}``."""

    type = 'properties'
    column_type = ('jsonb', 'jsonb')
    copy = False
    prefetch = False
    write_sequence = 10   # after the definition field of the same write
    store = True
    readonly = False

    definition = None
    definition_record = None
    definition_record_field = None

    def _setup_attrs(self, model_class, name: str) -> None:
        super()._setup_attrs(model_class, name)
        if not self.definition and self.inherited_field is not None:
            # a field of an ``_inherits`` parent reads the parent's definitions
            self.definition = self.inherited_field.definition
        self._split_definition()

    def _setup_related(self, model) -> None:
        super()._setup_related(model)
        if not self.definition and isinstance(self.related_field, Properties):
            self.definition = self.related_field.definition
            self._split_definition()

    def _split_definition(self) -> None:
        if self.definition:
            if self.definition.count('.') != 1:
                raise ValueError(f"Field {self}: definition must be '<many2one field>.<definition field>', "
                                 f"got {self.definition!r}")
            self.definition_record, self.definition_record_field = self.definition.split('.')
            # computed editable: a new or changed container fills in its defaults
            if not self.related:
                self.compute = self._compute_defaults
                self.depends = (self.definition_record,)

    def _extra_description(self, env) -> dict:
        return {'definition_record': self.definition_record,
                'definition_record_field': self.definition_record_field}

    # cache and column hold None or {name: value}
    def convert_to_cache(self, value: Any, record, validate: bool = True) -> Any:
        if not value:
            return None
        if isinstance(value, str):
            value = json.loads(value)
        if isinstance(value, dict):
            return copy.deepcopy(value)
        if isinstance(value, list):
            value = copy.deepcopy(value)
            _strip_names(value)
            return self._to_dict(value)
        raise ValueError(f"Wrong value for {self}: {value!r} (expected a dict or a list of properties)")

    def convert_to_column(self, value: Any, record, values=None, validate: bool = True) -> Any:
        value = self.convert_to_cache(value, record, validate)
        return PgJson(value) if value else None

    def convert_to_record(self, value: Any, record) -> Any:
        return False if value is None else copy.deepcopy(value)

    def convert_to_read(self, value: Any, record, use_display_name: bool = True) -> Any:
        definitions = self._definitions(record)
        if not definitions:
            return []
        result = copy.deepcopy(definitions)
        values = value or {}
        for definition in result:
            definition['value'] = self._clean_value(definition, values.get(definition['name']), record.env)
        if use_display_name:
            _add_names(result, record.env)
        return result

    def convert_to_write(self, value: Any, record) -> Any:
        if isinstance(value, list):
            value = copy.deepcopy(value)
            _strip_names(value)
            return value
        return self.convert_to_record(self.convert_to_cache(value, record, validate=False), record)

    def convert_to_onchange(self, value: Any, record, names=None) -> Any:
        return self.convert_to_read(value, record)

    def write(self, records, value) -> None:
        """A list flagged ``definition_changed``/``definition_deleted`` also
        rewrites the definition on the container, as the web client expects."""
        if isinstance(value, str):
            value = json.loads(value)
        if isinstance(value, list) and any(
                isinstance(item, dict) and (item.get('definition_changed') or item.get('definition_deleted'))
                for item in value):
            value = [dict(item) for item in value if not item.get('definition_deleted')]
            for item in value:
                item.pop('definition_changed', None)
            self._name_new(value)
            containers = records[self.definition_record]
            if containers:
                definitions = copy.deepcopy(value)
                for item in definitions:
                    item.pop('value', None)
                _strip_names(definitions, 'default')
                containers[self.definition_record_field] = definitions
                _logger.info("Properties %s: user #%s changed the definition on %s",
                             self, records.env.uid, containers)
        super().write(records, value)

    def condition_to_sql(self, model, alias: str, property_name: str, operator: str, value: Any,
                         query) -> SQL:
        """The SQL of the domain leaf ``('<field>.<property_name>', operator, value)``
        on the stored ``{name: value}`` of ``model``'s rows."""
        leaf = (f"{self.name}.{property_name}", operator, value)
        if '.' in property_name or not _NAME_RE.match(property_name) or len(property_name) > 512:
            raise ValueError(f"Wrong property name in leaf {leaf!r} on model {model._name!r}")
        if operator not in SEARCH_OPERATORS and operator not in ('in', 'not in'):
            raise ValueError(f"Operator {operator!r} cannot search properties, in leaf {leaf!r} "
                             f"on model {model._name!r}")
        column = model._field_to_sql(alias, self.name, query)
        raw = SQL("(%s -> %s)", column, property_name)
        if operator in ('=', '!=') and (value is None or isinstance(value, bool)):
            # False also matches a property never set (no key, no value at all)
            falsy = SQL("COALESCE(%s, 'null'::jsonb) IN ('false'::jsonb, 'null'::jsonb)", raw)
            return falsy if (operator == '=') != bool(value) else SQL("NOT %s", falsy)
        if operator in ('in', 'not in'):
            # a value among a list, or a list (many2many, tags) holding a value
            containment = SQL("<@") if isinstance(value, (list, tuple)) else SQL("@>")
            condition = SQL("(%s %s %s::jsonb)", raw, containment, json.dumps(list(value) if isinstance(
                value, tuple) else value))
            return SQL("(NOT %s)", condition) if operator == 'not in' else condition
        sql_operator = SQL(SEARCH_OPERATORS[operator])
        if isinstance(value, str):
            if operator in ('ilike', 'not ilike'):
                value = f"%{value}%"
            return SQL("((%s ->> %s) %s %s)", column, property_name, sql_operator, value)
        return SQL("(%s %s %s::jsonb)", raw, sql_operator, json.dumps(value))

    def _compute_defaults(self, records) -> None:
        """Map the current values onto the container's definitions, giving the
        properties without a value their default (or ``default_<field>.<name>``
        from the context)."""
        context = records.env.context
        for record in records.sudo():
            definitions = self._definitions(record)
            if not definitions:
                record[self.name] = False
                continue
            current = record[self.name] or {}
            values = {}
            for definition in definitions:
                name = definition['name']
                if current.get(name) is not None:
                    values[name] = current[name]
                elif f"default_{self.name}.{name}" in context:
                    values[name] = context[f"default_{self.name}.{name}"]
                elif definition.get('type') != 'separator':
                    values[name] = definition.get('default') or False
            record[self.name] = values

    def _definitions(self, record) -> list:
        if not self.definition_record or not record:
            return []
        container = record[self.definition_record]
        if not container:
            return []
        return container.sudo()[self.definition_record_field] or []

    @staticmethod
    def _name_new(values: list) -> None:
        # properties created in the client arrive without a name
        for item in values:
            if not item.get('name'):
                item['name'] = uuid.uuid4().hex[:16]

    def _to_dict(self, values: list) -> dict:
        """``[{name, type, value, …}]`` -> ``{name: value}``, checking relational ids."""
        if not all(isinstance(item, dict) for item in values):
            raise ValueError(f"Wrong value for {self}: {values!r} (expected a list of dicts)")
        result = {}
        for item in values:
            if not item.get('name'):
                if item.get('definition_changed'):
                    item['name'] = uuid.uuid4().hex[:16]
                else:
                    raise ValueError(f"Property without name in the value of {self}: {item!r}")
            kind = item.get('type')
            if kind == 'separator':
                continue
            value = item.get('value')
            if not (kind in ('integer', 'float') and value == 0):
                value = value or False
            if value and item.get('comodel'):
                if kind == 'many2one' and (not isinstance(value, int) or isinstance(value, bool)):
                    raise ValueError(f"Wrong many2one value for {self}, property {item['name']!r}: {value!r}")
                if kind == 'many2many' and not _ints(value):
                    raise ValueError(f"Wrong many2many value for {self}, property {item['name']!r}: {value!r}")
            result[item['name']] = value
        return result

    def _clean_value(self, definition: dict, value: Any, env) -> Any:
        """The stored value as read: stale options, tags and records left out."""
        kind = definition.get('type')
        comodel = definition.get('comodel')
        if kind == 'boolean':
            return bool(value)
        if kind == 'char':
            return value if isinstance(value, str) else False
        if kind == 'selection' and value:
            return value if value in {option[0] for option in definition.get('selection') or ()} else False
        if kind == 'tags' and value:
            known = {tag[0] for tag in definition.get('tags') or ()}
            return [tag for tag in value if tag in known]
        if kind == 'many2one' and value and comodel in env:
            return value if env[comodel].browse(value).exists() else False
        if kind == 'many2many' and value and comodel in env:
            existing = set(env[comodel].browse(list(dict.fromkeys(value))).exists().ids)
            return [id_ for id_ in dict.fromkeys(value) if id_ in existing]
        return value
