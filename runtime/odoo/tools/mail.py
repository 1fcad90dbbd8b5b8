"""E-mail addresses and HTML helpers of ``odoo.tools.mail`` (Odoo 18 names).

Addresses: ``email_split``, ``email_normalize``, ``formataddr``... HTML:
``html_sanitize`` (what ``fields.Html`` stores), ``html2plaintext``,
``plaintext2html``, ``is_html_empty``, ``append_content_to_html``.
"""
from __future__ import annotations

import base64
import email.utils
import itertools
import random
import re
import socket
import time
from typing import Any

import markupsafe
from lxml import etree
from lxml import html as lxml_html

from .misc import html_escape

__all__ = ['append_content_to_html', 'email_domain_extract', 'email_normalize', 'email_normalize_all',
           'email_re', 'email_split', 'email_split_and_format', 'email_split_tuples', 'formataddr',
           'generate_tracking_message_id', 'html2plaintext', 'html_escape', 'html_keep_url',
           'html_sanitize', 'html_to_inner_content', 'is_html_empty', 'parse_contact_from_email', 'plaintext2html',
           'single_email_re']

email_re = re.compile(r"""([a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,63})""", re.VERBOSE)
single_email_re = re.compile(r"""^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,63}$""", re.VERBOSE)
mail_header_msgid_re = re.compile('<[^<>]+>')
email_addr_escapes_re = re.compile(r'[\\"]')
URL_REGEX = r'(\bhref=[\'"](?!mailto:|tel:|sms:)([^\'"]+)[\'"])'
TEXT_URL_REGEX = r'https?://[\w@:%.+&~#=/-]+(?:\?\S+)?'

# Elements whose content may run code or escape the document.
_DANGEROUS_TAGS = ('script', 'object', 'embed', 'applet', 'frame', 'frameset', 'base', 'meta', 'link')
_FORM_TAGS = ('form', 'input', 'button', 'select', 'textarea', 'option')
_URL_ATTRIBUTES = ('href', 'src', 'action', 'formaction', 'background', 'poster', 'xlink:href')
_BAD_URL_RE = re.compile(r'^\s*(javascript|vbscript|data(?!:image/))\s*:', re.IGNORECASE)


# --- HTML -------------------------------------------------------------------------

def html_sanitize(src: Any, silent: bool = True, sanitize_tags: bool = True, sanitize_attributes: bool = False,
                  sanitize_style: bool = False, sanitize_form: bool = True,
                  sanitize_conditional_comments: bool = True, strip_style: bool = False,
                  strip_classes: bool = False, output_method: str = "html") -> markupsafe.Markup | Any:
    """HTML made safe to display: scripts, event handlers, ``javascript:`` URLs and
    (with ``sanitize_form``) forms removed. Returns Markup; falsy input unchanged."""
    if not src:
        return src
    text = src.decode() if isinstance(src, bytes) else str(src)
    try:
        fragments = lxml_html.fragments_fromstring(text)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        if not silent:
            raise
        return markupsafe.Markup('<p>ERROR: Invalid HTML code</p>')
    container = lxml_html.Element('div')
    for index, fragment in enumerate(fragments):
        if isinstance(fragment, str):
            if index == 0:
                container.text = fragment
            else:
                previous = container[-1]
                previous.tail = (previous.tail or '') + fragment
        else:
            container.append(fragment)
    removed = set(_DANGEROUS_TAGS) if sanitize_tags else {'script'}
    if sanitize_form:
        removed.update(_FORM_TAGS)
    if strip_style:
        removed.add('style')
    for element in list(container.iter()):
        if element is container:
            continue
        if not isinstance(element.tag, str):
            if sanitize_conditional_comments and isinstance(element, etree._Comment):
                element.drop_tree()
            continue
        if element.tag.lower() in removed:
            element.drop_tree()
            continue
        for name in list(element.attrib):
            lowered = name.lower()
            if lowered.startswith('on') or (strip_style and lowered == 'style') \
                    or (strip_classes and lowered == 'class'):
                del element.attrib[name]
            elif lowered in _URL_ATTRIBUTES and _BAD_URL_RE.match(element.attrib[name]):
                del element.attrib[name]
            elif lowered == 'style' and sanitize_style and re.search(r'expression\s*\(|url\s*\(\s*["\']?\s*javascript:',
                                                                     element.attrib[name], re.IGNORECASE):
                del element.attrib[name]
    result = lxml_html.tostring(container, encoding='unicode', method=output_method)
    # Strip the wrapping <div> added above.
    result = result[len('<div>'):-len('</div>')] if result.startswith('<div>') else result
    return markupsafe.Markup(result)


def is_html_empty(html_content: str | bool | None) -> bool:
    """Whether the HTML holds no text: only empty formatting tags (``<p><br></p>``)."""
    if not html_content:
        return True
    icon_re = r'<\s*(i|span)\b(\s+[A-Za-z_-][A-Za-z0-9-_]*(\s*=\s*[\'"][^"\']*[\'"])?)*\s*\bclass\s*=\s*["\'][^"\']*\b(fa|fab|fad|far|oi)\b'
    tag_re = r'<\s*\/?(?:p|div|section|span|br|b|i|font)\b(?:(\s+[A-Za-z_-][A-Za-z0-9-_]*(\s*=\s*[\'"][^"\']*[\'"]))*)(?:\s*>|\s*\/\s*>)'
    return not re.sub(tag_re, '', str(html_content)).strip() and not re.search(icon_re, str(html_content))


def html_keep_url(text: str) -> str:
    """Turn the URLs of a plain text into links."""
    idx = 0
    final = ''
    for match in re.finditer(TEXT_URL_REGEX, text):
        final += text[idx:match.start()]
        url = match.group(0)
        final += f'<a href="{url}" target="_blank" rel="noreferrer noopener">{url}</a>'
        idx = match.end()
    return final + text[idx:]


def html_to_inner_content(html: str) -> str:
    """The text of an HTML fragment, whitespace collapsed."""
    if not html:
        return ''
    tree = lxml_html.fragment_fromstring(str(html), create_parent='div')
    return re.sub(r'\s+', ' ', tree.text_content()).strip()


def html2plaintext(html: str | bytes, body_id: str | None = None, encoding: str = 'utf-8',
                   include_references: bool = True) -> str:
    """Plain text of an HTML document: bold as ``*x*``, links numbered ``[1]`` and listed."""
    if not (html and html.strip()):
        return ''
    if isinstance(html, bytes):
        html = html.decode(encoding)
    tree = etree.fromstring(str(html), parser=etree.HTMLParser())
    source = tree.xpath(f'//*[@id={body_id!r}]') if body_id is not None else tree.xpath('//body')
    if len(source):
        tree = source[0]
    urls: list[str] = []
    refs = itertools.count(1)
    if include_references:
        for link in tree.findall('.//a'):
            if url := link.get('href'):
                link.tag = 'span'
                link.text = f'{link.text} [{next(refs)}]'
                urls.append(url)
        for img in tree.findall('.//img'):
            if src := img.get('src'):
                img.tag = 'span'
                name = None if src.startswith('data:') else re.search(r'[^/]+(?=\.[a-zA-Z]+(?:\?|$))', src)
                img.text = f"{name[0] if name else 'Image'} [{next(refs)}]"
                urls.append(src)
    text = etree.tostring(tree, encoding='unicode').replace('&#13;', '')
    for tags, mark in ((('strong', 'b', 'h3'), '*'), (('h1', 'h2'), '**'), (('em',), '/')):
        for tag in tags:
            text = text.replace(f'<{tag}>', mark).replace(f'</{tag}>', mark)
    text = text.replace('<tr>', '\n').replace('</p>', '\n')
    text = re.sub(r'<br\s*/?>', '\n', text)
    text = re.sub('<.*?>', ' ', text)
    text = text.replace('  ', ' ').replace('&gt;', '>').replace('&lt;', '<').replace('&amp;', '&')
    text = text.replace('&nbsp;', '\N{NO-BREAK SPACE}')
    text = '\n'.join(line.strip() for line in text.splitlines()).replace('\n\n', '\n')
    if urls:
        text += '\n\n' + ''.join(f'[{i}] {url}\n' for i, url in enumerate(urls, start=1))
    return text.strip()


def plaintext2html(text: str, container_tag: str | None = None) -> markupsafe.Markup:
    """Escaped text as HTML paragraphs: line breaks -> ``<br/>``, blank lines -> ``</p><p>``,
    URLs -> links."""
    text = str(html_escape(text))
    text = re.sub(r'(\r\n|\r|\n)', '<br/>', text)
    text = html_keep_url(text)
    paragraphs = re.split(r'(?:<\s*[bB][rR]\s*/?>\s*){2,}', text)
    final = '<p>' + '</p><p>'.join(paragraphs) + '</p>'
    if container_tag:
        final = f'<{container_tag}>{final}</{container_tag}>'
    return markupsafe.Markup(final)


def append_content_to_html(html: str, content: str, plaintext: bool = True, preserve: bool = False,
                           container_tag: str | None = None) -> markupsafe.Markup:
    """Insert ``content`` before ``</body>`` (or at the end) of ``html``."""
    html = str(html or '')
    if plaintext and preserve:
        content = f'\n<pre>{html_escape(content)}</pre>\n'
    elif plaintext:
        content = '\n' + plaintext2html(content, container_tag)
    else:
        content = re.sub(r'(?i)(</?(?:html|body|head|!\s*DOCTYPE)[^>]*>)', '', content)
        content = f'\n{content}\n'
    insert_at = html.lower().rfind('</body>')
    if insert_at == -1:
        insert_at = html.lower().rfind('</html>')
    if insert_at == -1:
        return markupsafe.Markup(f'{html}{content}')
    return markupsafe.Markup(f'{html[:insert_at]}{content}{html[insert_at:]}')


# --- addresses --------------------------------------------------------------------

def generate_tracking_message_id(res_id: Any) -> str:
    """A unique Message-Id embedding ``res_id``."""
    rnd = random.SystemRandom().random()
    rndstr = f"{rnd:.15f}"[2:]
    return f"<{rndstr}.{time.time():.15f}-openerp-{res_id}@{socket.gethostname()}>"


def email_split_tuples(text: str) -> list[tuple[str, str]]:
    """``[(name, address)]`` of the addresses in ``text`` (those without '@' dropped)."""
    if not text:
        return []
    result = []
    for name, addr in email.utils.getaddresses([text]):
        if '@' not in addr:
            continue
        # getaddresses splits "a@b.c, d@e.f" right but keeps "Name" quotes; normalise them.
        result.append((name.strip().strip('"'), addr.strip()))
    return result


def email_split(text: str) -> list[str]:
    """The addresses contained in ``text``."""
    return [addr for _name, addr in email_split_tuples(text)]


def email_split_and_format(text: str) -> list[str]:
    """The addresses of ``text`` as ``"Name" <address>``."""
    return [formataddr((name, addr)) for name, addr in email_split_tuples(text)]


def _normalize_email(address: str) -> str:
    local, _at, domain = address.rpartition('@')
    if local.isascii():
        local = local.lower()
    return f"{local}@{domain.lower()}"


def email_normalize(text: str, strict: bool = True) -> str | bool:
    """``'Name <NaMe@DoMaIn.CoM>'`` -> ``'name@domain.com'``; False if none (or several
    when ``strict``)."""
    emails = email_split(text)
    if not emails or (strict and len(emails) != 1):
        return False
    return _normalize_email(emails[0])


def email_normalize_all(text: str) -> list[str]:
    """Every address of ``text``, normalized."""
    return [_normalize_email(addr) for addr in email_split(text)]


def parse_contact_from_email(text: str) -> tuple[str, str]:
    """``(name, normalized address)`` from ``Raoul <raoul@x.fr>``-like text; text without
    an address is all name."""
    if not text or not text.strip():
        return '', ''
    pairs = email_split_tuples(text)
    name, address = pairs[0] if pairs else ('', '')
    if not address:
        return text, ''
    return name, email_normalize(address, strict=False) or address


def email_domain_extract(address: str) -> str | bool:
    """The domain of a normalized address, or False."""
    normalized = email_normalize(address)
    return normalized.split('@')[1] if normalized else False


def email_domain_normalize(domain: str) -> str | bool:
    return domain.lower() if domain else False


def email_escape_char(email_address: str) -> str:
    """Escape ``%``, ``_`` and ``\\`` for use in a LIKE pattern."""
    return email_address.replace('\\', '\\\\').replace('%', '\\%').replace('_', '\\_')


def formataddr(pair: tuple[str, str], charset: str = 'utf-8') -> str:
    """``('Name', 'a@b.c')`` -> ``'"Name" <a@b.c>'``. Names (and IDNA domains) that
    ``charset`` cannot encode are RFC 2047 base64-encoded."""
    name, address = pair
    local, _at, domain = address.rpartition('@')
    try:
        domain.encode(charset)
    except UnicodeEncodeError:
        domain = domain.encode('idna').decode('ascii')
    if not name:
        return f"{local}@{domain}"
    try:
        name.encode(charset)
    except UnicodeEncodeError:
        encoded = base64.b64encode(name.encode('utf-8')).decode('ascii')
        return f"=?utf-8?b?{encoded}?= <{local}@{domain}>"
    escaped = email_addr_escapes_re.sub(r'\\\g<0>', name)
    return f'"{escaped}" <{local}@{domain}>'
