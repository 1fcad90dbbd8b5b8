"""View inheritance: apply the specs of an inheriting arch (``xpath``,
``field`` and other locator elements with a ``position``) to a parent arch.

Positions: ``inside`` (default), ``before``, ``after``, ``replace`` (with
``$0`` standing for the replaced node, or ``mode="inner"`` to replace only
its content), ``attributes`` (set / add / remove with a separator) and
``move`` (for children of a spec: take the located node from elsewhere).
"""
from __future__ import annotations

import copy
import itertools
import re
from collections.abc import Callable

from lxml import etree

from odoo.exceptions import ValidationError

__all__ = ['apply_inheritance_specs', 'locate_node']

# Attributes holding a Python expression: 'add'/'remove' combine them with
# 'and'/'or' instead of a separator-joined list.
PYTHON_ATTRIBUTES = {'readonly', 'required', 'invisible', 'column_invisible', 't-if', 't-elif'}

_TRAILING_INDENT = re.compile(r'\n[ \t]*$')
_ATTRIBUTE_KEYS = ('name', 'add', 'remove', 'separator')


def _describe(spec: etree._Element) -> str:
    """The opening tag of ``spec`` without its position, to name it in errors."""
    attrs = ''.join(
        f' {name}="{value}"' for name, value in spec.attrib.items() if name != 'position'
    )
    return f'<{spec.tag}{attrs}>'


def locate_node(arch: etree._Element, spec: etree._Element) -> etree._Element | None:
    """Return the node of ``arch`` designated by the inheritance ``spec``:
    the first match of its ``expr`` for ``<xpath>``, the first field of that
    name for ``<field>``, else the first element with the spec's tag and all
    its attributes (but ``position``)."""
    if spec.tag == 'xpath':
        expr = spec.get('expr') or ''
        try:
            matcher = etree.ETXPath(expr)
        except etree.XPathSyntaxError as e:
            raise ValidationError(f"Invalid expression while parsing xpath {expr!r}") from e
        nodes = matcher(arch)
        return nodes[0] if nodes else None
    if spec.tag == 'field':
        name = spec.get('name')
        return next((node for node in arch.iter('field') if node.get('name') == name), None)
    wanted = [(name, value) for name, value in spec.attrib.items() if name != 'position']
    for node in arch.iter(spec.tag):
        if all(node.get(name) == value for name, value in wanted):
            return node
    return None


def _append_text_before(node: etree._Element, text: str | None) -> None:
    """Put ``text`` right before ``node`` (in the previous sibling's tail or
    the parent's text)."""
    if not text:
        return
    previous = node.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or '') + text
    else:
        parent = node.getparent()
        parent.text = (parent.text or '').rstrip() + text


def _remove_keeping_tail(node: etree._Element) -> None:
    _append_text_before(node, node.tail)
    node.tail = None
    node.getparent().remove(node)


class _SpecApplier:
    """Applies the specs of one inheriting arch to a source arch."""

    def __init__(self, source: etree._Element, inherit_branding: bool,
                 pre_locate: Callable[[etree._Element], object]):
        self.source = source
        self.inherit_branding = inherit_branding
        self.pre_locate = pre_locate

    def locate(self, spec: etree._Element) -> etree._Element | None:
        self.pre_locate(spec)
        return locate_node(self.source, spec)

    def extract(self, spec: etree._Element) -> etree._Element:
        """Detach and return the source node a ``position="move"`` spec names."""
        if len(spec):
            raise ValueError(f"Invalid specification for moved nodes: {etree.tostring(spec, encoding='unicode')}")
        node = self.locate(spec)
        if node is None:
            raise ValueError(f"Element {_describe(spec)} cannot be located in parent view")
        _remove_keeping_tail(node)
        return node

    def resolve(self, child: etree._Element) -> etree._Element:
        """The node to insert for a child of a spec: itself, or the moved node."""
        if not isinstance(child.tag, str) or child.get('position') != 'move':
            return child
        tail = child.tail
        node = self.extract(child)
        node.tail = tail
        return node

    def insert_before(self, anchor: etree._Element, spec: etree._Element) -> None:
        """Insert the content of ``spec`` (text and children) before ``anchor``,
        keeping the anchor's indentation after the inserted content."""
        previous = anchor.getprevious()
        holder_text = previous.tail if previous is not None else anchor.getparent().text
        match = holder_text and _TRAILING_INDENT.search(holder_text)
        indent = match.group(0) if match else ''
        new_text = (holder_text or '').rstrip() + (spec.text or '')
        if previous is not None:
            previous.tail = new_text
        else:
            anchor.getparent().text = new_text or (None if spec.text is None else '')
        children = list(spec)
        if children:
            children[-1].tail = (children[-1].tail or '').rstrip() + indent
        else:
            _append_text_before(anchor, indent)
        for child in children:
            anchor.addprevious(self.resolve(child))

    def apply(self, spec: etree._Element) -> None:
        node = self.locate(spec)
        if node is None:
            raise ValueError(f"Element '{_describe(spec)}' cannot be located in parent view")
        position = spec.get('position', 'inside')
        if position == 'replace':
            self.replace(node, spec)
        elif position == 'attributes':
            _set_attributes(node, spec)
        elif position == 'inside':
            sentinel = etree.SubElement(node, 'sentinel')
            self.insert_before(sentinel, spec)
            _remove_keeping_tail(sentinel)
        elif position == 'after':
            sentinel = etree.Element('sentinel')
            node.addnext(sentinel)
            if node.tail is not None:
                sentinel.tail, node.tail = node.tail, None
            self.insert_before(sentinel, spec)
            _remove_keeping_tail(sentinel)
        elif position == 'before':
            self.insert_before(node, spec)
        else:
            raise ValueError(f"Invalid position attribute: {position!r} in {_describe(spec)}")

    def replace(self, node: etree._Element, spec: etree._Element) -> None:
        mode = spec.get('mode', 'outer')
        if mode == 'inner':
            for child in list(node):
                node.remove(child)
            node.text = spec.text
            for child in spec:
                node.append(copy.deepcopy(child))
            return
        if mode != 'outer':
            raise ValueError(f"Invalid mode attribute: {mode!r} in {_describe(spec)}")

        # '$0' in the replacement stands for the replaced node
        for placeholder in spec.xpath(".//*[text()='$0']"):
            placeholder.text = ''
            original = copy.deepcopy(node)
            if self.inherit_branding:
                original.set('data-oe-no-branding', '1')
            placeholder.append(original)

        if node.getparent() is None:
            self.replace_root(node, spec)
            return
        if self.inherit_branding and not node.get('data-oe-xpath'):
            # mark where a node vanished, for branding distribution
            node.addprevious(etree.ProcessingInstruction('apply-inheritance-specs-node-removal', node.tag))
        for child in list(spec):
            node.addprevious(self.resolve(child))
        node.getparent().remove(node)

    def replace_root(self, node: etree._Element, spec: etree._Element) -> None:
        elements = [child for child in spec if isinstance(child.tag, str)]
        if not elements:
            raise ValueError(f"Cannot replace the root node of the parent view with nothing: {_describe(spec)}")
        comments = [child for child in spec if child.tag is etree.Comment and child is not elements[0]]
        new_root = copy.deepcopy(elements[0])
        new_root.tail = None
        if node.get('t-name'):
            # a template keeps its name when its root is replaced
            new_root.set('t-name', node.get('t-name'))
        if comments and spec.index(comments[0]) < spec.index(elements[0]):
            comment = copy.deepcopy(comments[0])
            comment.tail, new_root.text = new_root.text, None
            new_root.insert(0, comment)
        self.source = new_root


def _set_attributes(node: etree._Element, spec: etree._Element) -> None:
    for child in spec.iter('attribute'):
        unknown = [key for key in child.attrib if key not in _ATTRIBUTE_KEYS and not key.startswith('data-oe-')]
        if unknown:
            raise ValueError(f"Invalid attributes {', '.join(map(repr, unknown))} in element <attribute>")
        name = child.get('name')
        if not name:
            raise ValueError(f"Element <attribute> without a name in {_describe(spec)}")
        add, remove = child.get('add', ''), child.get('remove', '')
        if add or remove:
            if child.text and child.text.strip():
                raise ValueError(f"Element <attribute> with 'add' or 'remove' cannot contain text {child.text!r}")
            current = node.get(name, '')
            if name in PYTHON_ATTRIBUTES or name.startswith('decoration-'):
                value = _combine_expression(current, add, remove, child.get('separator'), name)
            else:
                value = _combine_list(current, add, remove, child.get('separator'))
        else:
            value = child.text or ''
        if value:
            node.set(name, value)
        elif name in node.attrib:
            del node.attrib[name]


def _combine_expression(current: str, add: str, remove: str, separator: str | None, name: str) -> str:
    operator = (separator or '').strip()
    if operator not in ('and', 'or'):
        raise ValueError(
            f"Invalid separator {separator!r} for python expression {name!r}; valid values are 'and' and 'or'"
        )
    if remove:
        if re.fullmatch(rf'\(*{re.escape(remove)}\)*', current):
            current = ''
        else:
            for pattern in (f"({remove}) {operator} ", f" {operator} ({remove})",
                            f"{remove} {operator} ", f" {operator} {remove}"):
                index = current.find(pattern)
                if index != -1:
                    current = current[:index] + current[index + len(pattern):]
                    break
    if add:
        current = f"({current}) {operator} ({add})" if current else add
    return current


def _combine_list(current: str, add: str, remove: str, separator: str | None) -> str:
    if separator is None:
        separator = ','
    split_on = None if separator == ' ' else separator  # ' ' squashes any whitespace
    joiner = separator if split_on else ' '
    removed = {item.strip() for item in remove.split(split_on)}
    kept = (item.strip() for item in current.split(split_on))
    added = (item.strip() for item in add.split(split_on))
    return joiner.join(itertools.chain(
        (item for item in kept if item and item not in removed),
        (item for item in added if item),
    ))


def apply_inheritance_specs(
    source: etree._Element,
    specs_tree: etree._Element | list[etree._Element],
    inherit_branding: bool = False,
    pre_locate: Callable[[etree._Element], object] = lambda s: True,
) -> etree._Element:
    """Apply the specs of an inheriting arch to ``source`` and return the
    resulting arch (a new root when the spec replaces the root node).

    :raises ValueError: a spec cannot be located in ``source`` or is invalid;
        the message shows the spec
    """
    applier = _SpecApplier(source, inherit_branding, pre_locate)
    queue = list(specs_tree) if isinstance(specs_tree, list) else [specs_tree]
    while queue:
        spec = queue.pop(0)
        if not isinstance(spec.tag, str):
            continue  # comments and processing instructions
        if spec.tag == 'data':
            queue.extend(spec)
            continue
        applier.apply(spec)
    return applier.source
