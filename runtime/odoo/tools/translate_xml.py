"""Term-wise translation of XML and HTML values (``translate=xml_translate`` /
``translate=html_translate`` fields such as ``ir.ui.view.arch_db``).

A *term* is a run of text mixed with inline elements (``<b>``, ``<span>``...)
inside a block element, or the value of a translatable attribute (``string``,
``help``, ``placeholder``...). ``xml_translate(callback, value)`` replaces each
term by ``callback(term)`` when that returns a translation; collecting the
terms is ``xml_translate(terms.append, value)``.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Callable

from lxml import etree
from lxml import html as lxml_html

_logger = logging.getLogger(__name__)

# Elements translated together with the text around them.
TRANSLATED_ELEMENTS = frozenset({
    'abbr', 'b', 'bdi', 'bdo', 'br', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i', 'ins',
    'kbd', 'keygen', 'mark', 'math', 'meter', 'output', 'progress', 'q', 'ruby', 's', 'samp',
    'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr', 'text', 'select', 'option',
})
SKIPPED_ELEMENTS = ('script', 'style', 'title')
MODIFIER_ATTRS = frozenset({'invisible', 'readonly', 'required', 'column_invisible', 'attrs'})

_ALWAYS = frozenset({
    'string', 'add-label', 'help', 'sum', 'avg', 'confirm', 'placeholder', 'alt', 'title', 'aria-label',
    'aria-keyshortcuts', 'aria-placeholder', 'aria-roledescription', 'aria-valuetext', 'value_label',
    'data-tooltip', 'label', 'cancel-label', 'confirm-label',
})

_BLANK_RE = re.compile(r'[\s\uFEFF]*')     # the web editor writes U+FEFF as a zero-width space
_DOCTYPE_RE = re.compile(r'\s*<!DOCTYPE', re.IGNORECASE)


def _value_is_translatable(node: etree._Element) -> bool:
    """``value`` is text shown to the user only on plain text inputs (and marked hidden ones)."""
    if node.tag != 'input':
        return False
    classes = node.get('class', '').split()
    kind = node.get('type', 'text')
    return (kind == 'text' and 'datetimepicker-input' not in classes) or \
        (kind == 'hidden' and 'o_translatable_input_hidden' in classes)


def is_translated_attribute(node: etree._Element, name: str) -> bool:
    """Whether attribute ``name`` of ``node`` holds user-visible text."""
    base = name[len('t-attf-'):] if name.startswith('t-attf-') else name
    if base in _ALWAYS:
        return True
    if base == 'value':
        return _value_is_translatable(node)
    if base == 'text':
        return node.tag == 'field' and node.get('widget', '') == 'url'
    return False


def _has_text(text: str | None) -> bool:
    return bool(text) and not _BLANK_RE.fullmatch(text)


def _is_inline(node: etree._Element) -> bool:
    """Whether ``node`` is translated as part of the surrounding text."""
    if not isinstance(node.tag, str):
        return False
    if 'o_translate_inline' in node.get('class', '').split():
        return True
    return (node.tag in TRANSLATED_ELEMENTS
            and not any(key.startswith('t-') for key in node.attrib)
            and all(_is_inline(child) for child in node))


def _run_has_term(wrapper: etree._Element) -> bool:
    if _has_text(''.join(wrapper.itertext())):
        return True
    return any(value and is_translated_attribute(child, key)
               for child in wrapper.iter() if child is not wrapper
               for key, value in child.attrib.items())


class _Translator:
    """Walks a tree, replacing terms through ``callback``; ``parse`` reads a translated run."""

    def __init__(self, callback: Callable[[str], str | None], parse: Callable[[str], etree._Element],
                 serialize: Callable[[etree._Element], str]) -> None:
        self.callback = callback
        self.parse = parse
        self.serialize = serialize

    def _skipped(self, node: etree._Element) -> bool:
        return (not isinstance(node.tag, str)
                or node.tag in SKIPPED_ELEMENTS
                or node.get('t-translation', '').strip() == 'off'
                or (node.tag == 'attribute' and node.get('name') not in _ALWAYS)
                or (node.getparent() is None and bool(_DOCTYPE_RE.match(node.text or ''))))

    def _translate_run(self, wrapper: etree._Element) -> etree._Element:
        """The run (text + inline children in ``wrapper``), translated if possible."""
        inner = self.serialize(wrapper)[len('<div>'):-len('</div>')]
        term = inner.strip()
        translated = self.callback(term)
        if not translated or translated == term:
            return wrapper
        try:
            result = self.parse(f'<div>{inner.replace(term, translated, 1)}</div>')
        except (etree.XMLSyntaxError, etree.ParserError, ValueError):
            _logger.warning("ignored malformed translation %r of term %r", translated, term)
            return wrapper
        if not all(_is_inline(child) for child in result):
            _logger.warning("ignored translation %r of term %r: it adds block elements", translated, term)
            return wrapper
        return result

    def process(self, node: etree._Element) -> None:
        if self._skipped(node):
            return
        pos = 0
        while True:
            end = pos
            while end < len(node) and _is_inline(node[end]):
                end += 1
            wrapper = etree.Element('div')
            wrapper.text = (node[pos - 1].tail if pos else node.text) or ''
            for child in list(node[pos:end]):
                wrapper.append(child)            # moves the child, with its tail
            if _run_has_term(wrapper):
                wrapper = self._translate_run(wrapper)
            if pos:
                node[pos - 1].tail = wrapper.text or None
            else:
                node.text = wrapper.text or None
            for child in list(wrapper):
                node.insert(pos, child)
                pos += 1
            if pos >= len(node):
                break
            self.process(node[pos])
            pos += 1
        for key, value in node.attrib.items():
            if _has_text(value) and is_translated_attribute(node, key):
                node.set(key, self.callback(value.strip()) or value)


def parse_xml(text: str) -> etree._Element:
    return etree.fromstring(text)


def serialize_xml(node: etree._Element) -> str:
    return etree.tostring(node, method='xml', encoding='unicode')


_HTML_PARSER = etree.HTMLParser(encoding='utf8')


def parse_html(text: str) -> etree._Element:
    try:
        return lxml_html.fragment_fromstring(text, parser=_HTML_PARSER)
    except TypeError as exc:
        raise etree.ParserError(str(exc)) from exc


def serialize_html(node: etree._Element) -> str:
    return etree.tostring(node, method='html', encoding='unicode')


def translate_xml_node(node: etree._Element, callback: Callable[[str], str | None],
                       parse: Callable, serialize: Callable) -> etree._Element:
    """Translate ``node`` in place (and return it)."""
    _Translator(callback, parse, serialize).process(node)
    return node


def xml_translate(callback: Callable[[str], str | None], value: str) -> str:
    """Translate the terms of an XML document or fragment."""
    if not value:
        return value
    try:
        root = parse_xml(value)
        return serialize_xml(translate_xml_node(root, callback, parse_xml, serialize_xml))
    except etree.ParseError:
        pass
    # A fragment (several roots, or text): translate it inside a wrapper.
    root = parse_xml(f'<div>{value}</div>')
    return serialize_xml(translate_xml_node(root, callback, parse_xml, serialize_xml))[len('<div>'):-len('</div>')]


def html_translate(callback: Callable[[str], str | None], value: str) -> str:
    """Translate the terms of an HTML fragment."""
    if not value:
        return value
    try:
        root = parse_html(f'<div>{value}</div>')
        result = translate_xml_node(root, callback, parse_html, serialize_html)
        return serialize_html(result)[len('<div>'):-len('</div>')]
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        _logger.exception("cannot translate malformed HTML %r", value)
        return value


def xml_term_converter(value: str) -> str:
    """A term in the canonical serialisation of ``xml_translate``."""
    if not value or '<' not in value:
        return value
    return serialize_xml(parse_xml(f'<div>{value}</div>'))[len('<div>'):-len('</div>')]


def html_term_converter(value: str) -> str:
    """A term in the canonical serialisation of ``html_translate``."""
    if not value or '<' not in value:
        return value
    return serialize_html(parse_html(f'<div>{value}</div>'))[len('<div>'):-len('</div>')]


def get_text_content(term: str) -> str:
    """The text of a term, tags removed."""
    return lxml_html.fromstring(f'<div>{term}</div>').text_content()


def is_text(term: str) -> bool:
    """Whether a term is plain text (no element at all)."""
    return '<' not in term or len(lxml_html.fromstring(f'<div>{term}</div>')) == 0


def xml_term_adapter(term_en: str) -> Callable[[str], str]:
    """An adapter copying the view modifiers (invisible, readonly...) of the elements of
    ``term_en`` onto the same elements of a translated term, when the structures match."""
    source = parse_xml(f'<div>{term_en}</div>')

    def adapter(term: str) -> str:
        try:
            target = parse_xml(f'<div>{term}</div>')
        except etree.ParseError:
            return term
        pairs = list(zip(source.iter(), target.iter()))
        if len(pairs) != len(list(source.iter())) or len(pairs) != len(list(target.iter())) \
                or any(a.tag != b.tag for a, b in pairs):
            return term
        for src, dst in pairs:
            for name in MODIFIER_ATTRS:
                if name in src.attrib:
                    dst.set(name, src.get(name))
                elif name in dst.attrib:
                    del dst.attrib[name]
        return serialize_xml(target)[len('<div>'):-len('</div>')]

    return adapter


xml_translate.term_converter = xml_term_converter          # type: ignore[attr-defined]
xml_translate.term_adapter = xml_term_adapter              # type: ignore[attr-defined]
xml_translate.is_text = is_text                            # type: ignore[attr-defined]
html_translate.term_converter = html_term_converter        # type: ignore[attr-defined]
html_translate.is_text = is_text                           # type: ignore[attr-defined]
