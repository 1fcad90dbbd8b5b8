"""What a ``Form`` learns from a form view's arch: which fields it shows,
their ``required`` / ``readonly`` / ``invisible`` / ``column_invisible``
expressions, their ``context`` attributes, the fields spec handed to
``onchange()``, and, for one2many fields, the layout of the sub-view in which
their lines are edited.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

MODIFIER_NAMES = ('required', 'readonly', 'invisible', 'column_invisible')

# how far one2many sub-views are followed: deeper one2many fields are kept as
# plain lists of ids, like the web client does for lines of lines
_SUBVIEW_DEPTH = 2

_LITERALS = {'1': 'True', 'true': 'True', '0': 'False', 'false': 'False'}


@dataclass
class FormLayout:
    """The fields of one view level (not the fields of its sub-views)."""
    model_name: str
    arch: etree._Element
    fields: dict[str, dict] = field(default_factory=dict)
    spec: dict[str, dict] = field(default_factory=dict)
    modifiers: dict[str, dict[str, str]] = field(default_factory=dict)
    contexts: dict[str, str] = field(default_factory=dict)
    force_save: set[str] = field(default_factory=set)
    lines: dict[str, FormLayout] = field(default_factory=dict)

    def field_type(self, name: str) -> str | None:
        return self.fields[name].get('type')


def parse_arch(arch: Any) -> etree._Element:
    return etree.fromstring(arch) if isinstance(arch, (str, bytes)) else arch


def combine(operator: str, left: str, right: str) -> str:
    """``left and right`` / ``left or right`` on expression strings, folding
    the constants so that plain ``True`` / ``False`` stay cheap to test."""
    absorbing, neutral = ('False', 'True') if operator == 'and' else ('True', 'False')
    if absorbing in (left, right):
        return absorbing
    if left == neutral:
        return right
    if right == neutral:
        return left
    return f'({left}) {operator} ({right})'


def literal_context(expression: str) -> dict:
    """The entries of a ``context="{...}"`` attribute whose key and value are
    both literals; those depending on record values are left to evaluation."""
    tree = ast.parse(expression.strip(), mode='eval').body
    found: dict = {}
    if isinstance(tree, ast.Dict):
        for key_node, value_node in zip(tree.keys, tree.values):
            try:
                found[ast.literal_eval(key_node)] = ast.literal_eval(value_node)
            except ValueError:
                pass
    return found


class LayoutBuilder:
    """Builds ``FormLayout``s, asking each model's ``fields_get()`` once."""

    def __init__(self, env) -> None:
        self.env = env
        self._descriptions: dict[str, dict[str, dict]] = {}

    def describe(self, model_name: str) -> dict[str, dict]:
        if model_name not in self._descriptions:
            self._descriptions[model_name] = self.env[model_name].fields_get()
        return self._descriptions[model_name]

    def build(self, model_name: str, root: etree._Element, depth: int = _SUBVIEW_DEPTH) -> FormLayout:
        layout = FormLayout(model_name, root)
        layout.fields['id'] = {'type': 'id'}
        layout.modifiers['id'] = dict.fromkeys(MODIFIER_NAMES, 'False') | {'readonly': 'True'}
        for node, hidden_by in self._own_field_nodes(root, 'False'):
            self._add_field(layout, node, hidden_by, depth)
        return layout

    def _own_field_nodes(self, element: etree._Element, hidden_by: str):
        """The ``<field>`` nodes of this level, with the ``invisible``
        expression their enclosing elements add; sub-views inside a field
        node belong to the next level and are not entered."""
        if element.get('invisible'):
            hidden_by = combine('or', hidden_by, _normalised(element.get('invisible')))
        for child in element:
            if not isinstance(child.tag, str):
                continue  # comments, processing instructions
            if child.tag == 'field':
                yield child, hidden_by
            else:
                yield from self._own_field_nodes(child, hidden_by)

    def _add_field(self, layout: FormLayout, node: etree._Element, hidden_by: str, depth: int) -> None:
        name = node.get('name')
        description = dict(self.describe(layout.model_name).get(name) or {'type': None})
        exprs = {}
        for modifier in MODIFIER_NAMES:
            fallback = modifier in ('required', 'readonly') and bool(description.get(modifier))
            exprs[modifier] = _normalised(node.get(modifier) or str(fallback))
        exprs['invisible'] = combine('or', hidden_by, exprs['invisible'])
        if name in layout.modifiers:
            # a field shown twice only has a modifier when both places have it
            previous = layout.modifiers[name]
            exprs = {modifier: combine('and', previous[modifier], exprs[modifier]) for modifier in MODIFIER_NAMES}
        layout.modifiers[name] = exprs
        layout.fields[name] = description
        layout.spec[name] = spec = {}
        if node.get('force_save'):
            layout.force_save.add(name)
        if node.get('context'):
            layout.contexts[name] = node.get('context')
            spec['context'] = literal_context(node.get('context'))
        if node.get('widget') == 'many2many':
            description['type'] = 'many2many'
        if description['type'] != 'one2many':
            return
        if not depth:
            description['type'] = 'many2many'
            return
        sublayout = self.build(description['relation'], self._line_view(node, description, exprs['invisible']),
                               depth - 1)
        layout.lines[name] = sublayout
        spec['fields'] = sublayout.spec

    def _line_view(self, node: etree._Element, description: dict, invisible: str) -> etree._Element:
        """The sub-view lines are edited in: an editable list when the field
        shows one, otherwise a form; missing sub-views come from the model's
        default views (an always-hidden field gets empty ones)."""
        inline = {}
        for child in node:
            if isinstance(child.tag, str) and child.find('.//field') is not None:
                inline.setdefault('list' if child.tag == 'tree' else child.tag, child)
        for view_type in ('list', 'form'):
            if view_type in inline:
                continue
            if invisible == 'True':
                inline[view_type] = etree.Element(view_type)
                continue
            fetched = parse_arch(self.env[description['relation']].get_view(None, view_type)['arch'])
            node.append(fetched)
            inline[view_type] = fetched
        modes = [mode for mode in (node.get('mode') or 'list').split(',') if mode != 'form']
        wants_list = bool(modes) and modes[0] in ('list', 'tree')
        return inline['list'] if wants_list and inline['list'].get('editable') else inline['form']


def _normalised(expression: str) -> str:
    expression = expression.strip()
    return _LITERALS.get(expression, expression)
