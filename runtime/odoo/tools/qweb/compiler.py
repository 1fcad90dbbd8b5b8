"""Compile a QWeb template (an lxml element) into a tree of Python closures,
built once per template and run for each rendering. The closures write text
into an output list; every value is escaped unless it is ``Markup``.

The compiler is pure: what needs the database (other templates, ``t-field``
converters, widgets, groups) is asked of the ``engine`` object handed to the
compiled function at run time (``ir.qweb``), through ``_qweb_call``,
``_get_field``, ``_get_widget`` and ``_qweb_has_groups``.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping, Sized
from typing import Any

from lxml import etree
from markupsafe import Markup, escape

from .errors import QWebException
from .expressions import compile_expr, compile_format, evaluate

_logger = logging.getLogger(__name__)

Renderer = Callable[[Any, dict, list], None]

VOID_ELEMENTS = frozenset([
    'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'keygen', 'link', 'menuitem', 'meta',
    'param', 'source', 'track', 'wbr'])
_XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace'
VARNAME = re.compile(r'^[A-Za-z_][A-Za-z0-9_]*$')
# directives that are accepted and need no code (t-tag exists in Odoo 18 only as
# an internal marker; caching and debugging directives change no output here)
_IGNORED = frozenset(['t-tag', 't-translation', 't-cache', 't-nocache', 't-debug', 't-cache-key',
                      't-nocache-key', 't-consumed-options', 't-ignore', 't-name', 't-inherit',
                      't-inherit-mode'])
_OUT_DIRECTIVES = ('t-out', 't-esc', 't-field')
_CONDITIONS = ('t-if', 't-elif', 't-else')


# Odoo's whitespace rules (see TemplateCompiler._children)
_RSTRIP = re.compile(r'\n[ \t]*$')
_LSTRIP = re.compile(r'^[ \t]*\n')
_FIRST_RSTRIP = re.compile(r'^(\n[ \t]*)+(\n[ \t])')
# directives of a <t> whose body loses its trailing indentation
_BODY_STRIPPED = ('t-if', 't-elif', 't-else', 't-foreach', 't-groups', 'groups', 't-call')


def _take_indent(parts: list) -> str:
    """Remove and return the trailing newline and indentation of the text
    that ends ``parts``."""
    if parts and isinstance(parts[-1], str):
        match = _RSTRIP.search(parts[-1])
        if match:
            parts[-1] = parts[-1][:match.start()]
            return match.group(0)
    return ''


def _conditional_prefix(prefix: str, renderer: Callable) -> Callable:
    """``renderer`` preceded by ``prefix`` when it writes anything."""
    def run(engine: Any, values: dict, out: list) -> None:
        mark = len(out)
        renderer(engine, values, out)
        if len(out) > mark:
            out.insert(mark, prefix)
    return run


def _noop(engine: Any, values: dict, out: list) -> None:
    return None


def _sequence(parts: list[Renderer | str]) -> Renderer:
    """One renderer running ``parts`` in turn; adjacent strings are merged."""
    merged: list[Renderer | str] = []
    for part in parts:
        if isinstance(part, str) and merged and isinstance(merged[-1], str):
            merged[-1] += part
        elif part != '':
            merged.append(part)
    if not merged:
        return _noop
    if len(merged) == 1:
        only = merged[0]
        if isinstance(only, str):
            return lambda engine, values, out: out.append(only)
        return only
    steps = tuple(merged)

    def run(engine: Any, values: dict, out: list) -> None:
        for step in steps:
            if step.__class__ is str:
                out.append(step)
            else:
                step(engine, values, out)
    return run


def _to_text(value: Any) -> str:
    """The escaped text of an output value (Markup is kept as it is)."""
    return str(escape(value))


def _is_empty(value: Any) -> bool:
    return value is None or value is False


class TemplateCompiler:
    """Compiles one template; ``name`` is what errors call it."""

    def __init__(self, name: Any) -> None:
        self.name = name

    # errors -----------------------------------------------------------

    def _describe(self, el: etree._Element) -> str:
        attrs = ' '.join(f'{k}="{v}"' for k, v in el.attrib.items())
        return f"<{el.tag}{' ' if attrs else ''}{attrs}>"

    def _compile_error(self, el: etree._Element, message: str, cause: Exception | None = None) -> QWebException:
        error = QWebException(f"{message} (template {self.name}, line {el.sourceline})",
                              template=self.name, path_xml=(None, self._describe(el)), line=el.sourceline)
        error.__cause__ = cause
        return error

    def _expr(self, el: etree._Element, attribute: str, expr: str):
        try:
            return compile_expr(expr, f'<template {self.name}>')
        except (SyntaxError, ValueError) as e:
            raise self._compile_error(el, f"Invalid expression in {attribute}={expr!r}: {e}", e) from e

    def _format(self, el: etree._Element, attribute: str, text: str):
        try:
            return compile_format(text, f'<template {self.name}>')
        except (SyntaxError, ValueError) as e:
            raise self._compile_error(el, f"Invalid format string in {attribute}={text!r}: {e}", e) from e

    def _guard(self, el: etree._Element, directive: str, renderer: Renderer) -> Renderer:
        """Wrap ``renderer`` so a failure names this template, line and node."""
        name, line, html = self.name, el.sourceline, self._describe(el)

        def guarded(engine: Any, values: dict, out: list) -> None:
            try:
                renderer(engine, values, out)
            except QWebException:
                raise
            except Exception as e:
                if type(e).__name__ in ('TransactionRollbackError', 'SerializationFailure', 'LockNotAvailable'):
                    raise
                raise QWebException(
                    f"Error while rendering the template {name} at line {line} ({directive})",
                    template=name, path_xml=(directive, html), line=line) from e
        return guarded

    # entry point ------------------------------------------------------

    def compile(self, root: etree._Element) -> Renderer:
        """The renderer of a template whose root is ``root`` (a ``<t t-name>``
        or any element; a ``<templates>`` root is refused)."""
        if root.tag == 'templates':
            raise self._compile_error(root, "A template must have one root element, not <templates>")
        if root.tag == 't' and 't-name' in root.attrib and not any(
                a.startswith('t-') and a not in ('t-name', 't-inherit', 't-inherit-mode') for a in root.attrib):
            return self._children(root, root=True)
        return self._node(root)

    # nodes ------------------------------------------------------------

    def _children(self, el: etree._Element, root: bool = False) -> Renderer:
        """Renderer of ``el``'s text and children (its body). The template's
        own text is trusted and output as parsed, as Odoo does (so
        ``&lt;!DOCTYPE html&gt;`` writes a doctype, and CSS keeps its quotes).

        Whitespace follows Odoo's rules, so that both render the same text:
        the indentation before a conditional element shows only when it
        renders (never before a ``<t>`` opening a new line), the indentation
        before ``<t t-foreach|t-set|t-call>`` is dropped, and a ``<t>``
        directive's body, and a template's, lose their trailing indentation."""
        text = el.text or ''
        if root:
            text = _FIRST_RSTRIP.sub(r'\2', text)
        # comments and processing instructions are not rendered: their tails
        # join the text before them
        items: list[list] = []
        for child in el:
            if isinstance(child.tag, str):
                items.append([child, child.tail or ''])
            elif items:
                items[-1][1] += child.tail or ''
            else:
                text += child.tail or ''
        parts: list[Renderer | str] = [text] if text else []
        index = 0
        while index < len(items):
            child, tail = items[index]
            for attribute in ('t-elif', 't-else'):
                if attribute in child.attrib:
                    raise self._compile_error(child, f"{attribute} must follow an element with t-if or t-elif")
            is_t = child.tag == 't'
            if 't-if' in child.attrib and 't-foreach' not in child.attrib:
                chain = [child]
                while index + len(chain) < len(items):
                    following = items[index + len(chain)][0]
                    if items[index + len(chain) - 1][1].strip():
                        break
                    if 't-elif' not in following.attrib and 't-else' not in following.attrib:
                        break
                    chain.append(following)
                    if 't-else' in following.attrib:
                        break
                indent = _take_indent(parts)
                if is_t and child.text and _LSTRIP.search(child.text):
                    indent = ''
                parts.append(self._chain(chain, indent))
                tail = items[index + len(chain) - 1][1]
                index += len(chain)
            else:
                if 't-foreach' in child.attrib or 't-set' in child.attrib or 't-call' in child.attrib:
                    if is_t:
                        _take_indent(parts)
                    parts.append(self._node(child))
                elif 'groups' in child.attrib or 't-groups' in child.attrib:
                    indent = _take_indent(parts)
                    renderer = self._node(child)
                    parts.append(_conditional_prefix(indent, renderer) if indent and not is_t else renderer)
                else:
                    parts.append(self._node(child))
                index += 1
            if tail:
                parts.append(tail)
        if root or (el.tag == 't' and any(k in el.attrib for k in _BODY_STRIPPED)):
            _take_indent(parts)
        return _sequence(parts)

    def _chain(self, chain: list[etree._Element], indent: str = '') -> Renderer:
        """t-if, then t-elif..., then t-else, on sibling elements; ``indent``
        is written before the branch that renders."""
        branches = []
        for el in chain:
            for attribute in _CONDITIONS:
                if attribute in el.attrib:
                    expr = el.attrib[attribute]
                    code = None if attribute == 't-else' else self._expr(el, attribute, expr)
                    branches.append((code, self._guard(el, attribute, self._node(el, skip=_CONDITIONS))))
                    break
        name, line = self.name, chain[0].sourceline
        branches_t = tuple(branches)

        def run(engine: Any, values: dict, out: list) -> None:
            for code, renderer in branches_t:
                if code is not None:
                    try:
                        test = evaluate(code, values)
                    except Exception as e:
                        raise QWebException(f"Error while rendering the template {name} at line {line} (t-if)",
                                            template=name, path_xml=('t-if', None), line=line) from e
                    if not test:
                        continue
                if indent:
                    out.append(indent)
                renderer(engine, values, out)
                return
        return run

    def _node(self, el: etree._Element, skip: tuple = ()) -> Renderer:
        attrib = {k: v for k, v in self._qualified_attrib(el).items() if k not in skip}
        if 't-raw' in attrib:
            # Odoo 18 keeps t-raw only as a deprecated spelling of t-out: its
            # value is escaped like any other unless it is Markup.
            _logger.warning("Deprecated t-raw=%r in template %s, line %s: write t-out instead",
                            attrib['t-raw'], self.name, el.sourceline)
            attrib['t-out'] = attrib.pop('t-raw')
        if not any(k.startswith('t-') or k == 'groups' for k in attrib):
            return self._static(el, attrib)
        directive = next((k for k in attrib if k.startswith('t-') and k not in _IGNORED), 'element')
        return self._guard(el, directive, self._dynamic(el, attrib))

    def _qualified_attrib(self, el: etree._Element) -> dict:
        """``el``'s attributes with namespaced names written with their
        prefix (``xlink:href``), and the namespaces ``el`` declares."""
        if not el.nsmap:
            return dict(el.attrib)
        parent = el.getparent()
        inherited = parent.nsmap if parent is not None else {}
        result = {('xmlns' if prefix is None else f'xmlns:{prefix}'): uri
                  for prefix, uri in el.nsmap.items() if inherited.get(prefix) != uri}
        prefixes = {uri: prefix for prefix, uri in el.nsmap.items() if prefix}
        prefixes[_XML_NAMESPACE] = 'xml'
        for key, value in el.attrib.items():
            if key.startswith('{'):
                uri, local = key[1:].split('}', 1)
                key = f'{prefixes[uri]}:{local}' if uri in prefixes else local
            result[key] = value
        return result

    def _tag_name(self, el: etree._Element) -> str:
        tag = etree.QName(el).localname if el.nsmap else el.tag
        if el.prefix:
            tag = f'{el.prefix}:{tag}'
        return tag

    def _static(self, el: etree._Element, attrib: dict) -> Renderer:
        tag = self._tag_name(el)
        if tag == 't':
            return self._children(el)
        opening = '<' + tag + ''.join(f' {k}="{escape(v)}"' for k, v in attrib.items())
        body = self._children(el)
        if tag in VOID_ELEMENTS and body is _noop:
            return _sequence([opening + '/>'])
        return _sequence([opening + '>', body, f'</{tag}>'])

    def _dynamic(self, el: etree._Element, attrib: dict) -> Renderer:
        # t-foreach wraps everything, then the condition, then the rest
        if 't-foreach' in attrib:
            return self._foreach(el, attrib)
        if 't-if' in attrib:
            code = self._expr(el, 't-if', attrib['t-if'])
            inner = self._dynamic(el, {k: v for k, v in attrib.items() if k != 't-if'})

            def run_if(engine: Any, values: dict, out: list) -> None:
                if evaluate(code, values):
                    inner(engine, values, out)
            return run_if
        if 't-as' in attrib:
            raise self._compile_error(el, "t-as must be on the same element as t-foreach")
        groups = attrib.get('t-groups') or attrib.get('groups')
        if groups:
            inner = self._dynamic(el, {k: v for k, v in attrib.items() if k not in ('t-groups', 'groups')})

            def run_groups(engine: Any, values: dict, out: list) -> None:
                if engine._qweb_has_groups(groups):
                    inner(engine, values, out)
            return run_groups
        options = self._options(el, attrib)
        if 't-set' in attrib:
            return self._set(el, attrib)
        if 't-call' in attrib:
            return self._call(el, attrib, options)
        for key in ('t-value', 't-valuef'):
            if key in attrib:
                raise self._compile_error(el, f"{key} must be on the same element as t-set")
        return self._element(el, attrib, options)

    def _options(self, el: etree._Element, attrib: dict) -> Callable[[dict], dict] | None:
        whole = attrib.get('t-options')
        whole_code = self._expr(el, 't-options', whole) if whole else None
        parts = [(k[len('t-options-'):], self._expr(el, k, v)) for k, v in attrib.items()
                 if k.startswith('t-options-')]
        if whole_code is None and not parts:
            return None

        def options(values: dict) -> dict:
            result = dict(evaluate(whole_code, values) or {}) if whole_code is not None else {}
            for key, code in parts:
                result[key] = evaluate(code, values)
            return result
        return options

    def _foreach(self, el: etree._Element, attrib: dict) -> Renderer:
        name = attrib.get('t-as')
        if not name:
            raise self._compile_error(el, "t-foreach needs a t-as naming the loop variable")
        if not VARNAME.match(name):
            raise self._compile_error(el, f"t-as={name!r} is not a valid variable name")
        source = attrib['t-foreach']
        code = None if source.strip().isdigit() else self._expr(el, 't-foreach', source)
        count = int(source) if code is None else 0
        body = self._dynamic(el, {k: v for k, v in attrib.items() if k not in ('t-foreach', 't-as')})
        k_index, k_value, k_size = f'{name}_index', f'{name}_value', f'{name}_size'
        k_first, k_last = f'{name}_first', f'{name}_last'
        k_odd, k_even, k_parity = f'{name}_odd', f'{name}_even', f'{name}_parity'

        def run(engine: Any, values: dict, out: list) -> None:
            iterable = range(count) if code is None else evaluate(code, values)
            if iterable is None or iterable is False:
                iterable = []
            if iterable.__class__ is int:
                iterable = range(iterable)
            size = len(iterable) if isinstance(iterable, Sized) else None
            pairs = isinstance(iterable, Mapping)
            if pairs:
                iterable = iterable.items()
            values[k_size] = size
            for index, item in enumerate(iterable):
                if pairs:
                    values[name], values[k_value] = item
                else:
                    values[name] = values[k_value] = item
                values[k_index] = index
                values[k_first] = index == 0
                values[k_last] = size is not None and index + 1 == size
                values[k_odd] = index % 2
                values[k_even] = not index % 2
                values[k_parity] = 'odd' if index % 2 else 'even'
                body(engine, values, out)
        return run

    def _set(self, el: etree._Element, attrib: dict) -> Renderer:
        name = attrib['t-set']
        if not VARNAME.match(name):
            raise self._compile_error(el, f"t-set={name!r} is not a valid variable name")
        if 't-value' in attrib:
            code = self._expr(el, 't-value', attrib['t-value'])

            def run(engine: Any, values: dict, out: list) -> None:
                values[name] = evaluate(code, values)
            return run
        if 't-valuef' in attrib:
            fmt = self._format(el, 't-valuef', attrib['t-valuef'])

            def run_format(engine: Any, values: dict, out: list) -> None:
                values[name] = fmt(values)
            return run_format
        body = self._children(el)

        def run_body(engine: Any, values: dict, out: list) -> None:
            rendered: list = []
            body(engine, values, rendered)
            values[name] = Markup(''.join(rendered))
        return run_body

    def _call(self, el: etree._Element, attrib: dict, options: Callable | None) -> Renderer:
        target = self._format(el, 't-call', attrib['t-call'])
        lang_code = self._expr(el, 't-lang', attrib['t-lang']) if attrib.get('t-lang') else None
        body = self._children(el)
        if attrib.get('t-call-assets'):
            raise self._compile_error(el, "t-call and t-call-assets cannot be on the same element")

        def run(engine: Any, values: dict, out: list) -> None:
            call_options = options(values) if options else {}
            if lang_code is not None:
                lang = evaluate(lang_code, values)
                if lang:
                    call_options['lang'] = lang
            callee_values = values.copy()
            rendered: list = []
            body(engine, callee_values, rendered)
            callee_values[0] = Markup(''.join(rendered))
            template = target(values)
            if template.isdigit():
                template = int(template)
            engine._qweb_call(template, callee_values, call_options, out)
        return run

    def _attributes(self, el: etree._Element, attrib: dict) -> Callable[[dict], dict] | None:
        """Function giving the element's attributes: static ones, then
        t-att, t-att-* and t-attf-* (None when all are static)."""
        static = {k: v for k, v in attrib.items() if not k.startswith('t-') and k != 'groups'}
        dynamic = []
        for key, value in attrib.items():
            if key == 't-att':
                dynamic.append((None, 'att', self._expr(el, key, value)))
            elif key.startswith('t-att-'):
                dynamic.append((key[len('t-att-'):], 'att', self._expr(el, key, value)))
            elif key.startswith('t-attf-'):
                dynamic.append((key[len('t-attf-'):], 'fmt', self._format(el, key, value)))
        if not dynamic:
            return None

        def attributes(values: dict) -> dict:
            result = dict(static)
            for name, kind, code in dynamic:
                if kind == 'fmt':
                    result[name] = code(values)
                elif name is not None:
                    result[name] = evaluate(code, values)
                else:
                    value = evaluate(code, values)
                    if isinstance(value, Mapping):
                        result.update(value)
                    elif isinstance(value, (list, tuple)) and len(value) == 2 and isinstance(value[0], str):
                        result[value[0]] = value[1]
                    elif value:
                        raise ValueError(f"t-att must give a dict or a (name, value) pair, not {value!r}")
            return result
        return attributes

    def _element(self, el: etree._Element, attrib: dict, options: Callable | None) -> Renderer:
        unknown = [k for k in attrib if k.startswith('t-') and k not in _IGNORED and not (
            k in _OUT_DIRECTIVES or k in ('t-att', 't-options', 't-lang', 't-call-assets', 't-js', 't-css')
            or k.startswith(('t-att-', 't-attf-', 't-options-')))]
        if unknown:
            # as Odoo: a warning, and the attributes are not output
            _logger.warning("Unknown directives or unused attributes %s in template %s, line %s",
                            ', '.join(unknown), self.name, el.sourceline)
        tag = self._tag_name(el)
        is_void = tag in VOID_ELEMENTS
        attributes = self._attributes(el, attrib)
        static_opening = None
        if attributes is None:
            static_opening = '<' + tag + ''.join(
                f' {k}="{escape(v)}"' for k, v in attrib.items() if not k.startswith('t-') and k != 'groups')
        body = self._children(el)
        out_kind = next((k for k in _OUT_DIRECTIVES if k in attrib), None)

        def open_tag(values: dict, out: list, extra: dict | None, closed: bool) -> None:
            if tag == 't':
                return
            if static_opening is not None and not extra:
                out.append(static_opening)
            else:
                attrs = attributes(values) if attributes is not None else {
                    k: v for k, v in attrib.items() if not k.startswith('t-') and k != 'groups'}
                if extra:
                    attrs.update(extra)
                out.append('<' + tag)
                for name, value in attrs.items():
                    if value or isinstance(value, str):
                        out.append(f' {escape(str(name))}="{escape(str(value))}"')
            out.append('/>' if closed else '>')

        close = '' if tag == 't' else f'</{tag}>'

        if out_kind is None:
            if attrib.get('t-call-assets'):
                # assets are inlined by the report layouts; nothing to load here
                return _noop

            def run(engine: Any, values: dict, out: list) -> None:
                if is_void:
                    mark = len(out)
                    body(engine, values, out)
                    if len(out) == mark:
                        open_tag(values, out, None, True)
                        return
                    content = out[mark:]
                    del out[mark:]
                    open_tag(values, out, None, False)
                    out.extend(content)
                    out.append(close)
                    return
                open_tag(values, out, None, False)
                body(engine, values, out)
                out.append(close)
            return run

        expression = attrib[out_kind]
        has_default = body is not _noop
        if out_kind == 't-field':
            if '.' not in expression:
                raise self._compile_error(el, f"t-field={expression!r} must be record.field_name")
            record_expr, field_name = expression.rsplit('.', 1)
            record_code = self._expr(el, 't-field', record_expr)

            def produce(engine: Any, values: dict) -> tuple:
                record = evaluate(record_code, values)
                field_options = options(values) if options else {}
                return engine._get_field(record, field_name, expression, el.tag, field_options, values)
        else:
            slot = expression.strip() == '0'
            code = None if slot else self._expr(el, out_kind, expression)

            def produce(engine: Any, values: dict) -> tuple:
                content = values.get(0) if slot else evaluate(code, values)
                if options:
                    widget_options = options(values)
                    if widget_options.get('widget'):
                        return engine._get_widget(content, expression, el.tag, widget_options, values)
                return None, content, False

        def run_out(engine: Any, values: dict, out: list) -> None:
            extra, content, force_display = produce(engine, values)
            if not _is_empty(content):
                open_tag(values, out, extra, False)
                out.append(_to_text(content))
                out.append(close)
            elif has_default:
                open_tag(values, out, extra, False)
                body(engine, values, out)
                out.append(close)
            elif force_display:
                open_tag(values, out, extra, is_void)
                if not is_void:
                    out.append(close)
        return run_out
