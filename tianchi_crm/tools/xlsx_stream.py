"""Streaming the first worksheet of an .xlsx file as rows of Python values.

A 100,000-row customer sheet must be read in a few seconds with flat memory;
openpyxl builds an object per cell and spends most of an import's reading time
doing so. This reader parses the archive's XML directly with lxml (shared
strings, the cell styles that mark dates, then the sheet row by row, each
element freed once read) and returns what openpyxl's read-only mode returns
for the values an import sees: text, int or float numbers, booleans, and
datetimes for cells formatted as dates. Rows missing from the XML come back
empty, and every row is padded to the sheet's declared width.
"""

import datetime
import io
import posixpath
import re
import zipfile
import zlib

from lxml import etree

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
# built-in number formats that show dates or times, Chinese locale ones included
DATE_FORMAT_IDS = frozenset([*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)])
FORMAT_LITERALS = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')
DATE_TOKENS = re.compile(r"[dmyhsDMYHSeE年月日时分秒]")
EPOCH_1900 = datetime.datetime(1899, 12, 30)
EPOCH_1904 = datetime.datetime(1904, 1, 1)
CELL_REF = re.compile(r"([A-Z]+)(\d*)")


class XlsxError(Exception):
    """The archive is not a readable workbook."""


def _column_index(letters):
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def _first_sheet_path(archive):
    workbook = etree.fromstring(archive.read("xl/workbook.xml"))
    sheet = workbook.find(f"{MAIN}sheets/{MAIN}sheet")
    if sheet is None:
        raise XlsxError("the workbook has no sheet")
    date1904 = workbook.find(f"{MAIN}workbookPr")
    date1904 = date1904 is not None and date1904.get("date1904") in ("1", "true")
    rel_id = sheet.get(f"{REL}id")
    rels = etree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    for rel in rels.iter(f"{PACKAGE_REL}Relationship"):
        if rel.get("Id") == rel_id:
            target = rel.get("Target")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join("xl", target))
            return path, date1904
    raise XlsxError("the first sheet has no part")


def _shared_strings(archive):
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    strings = []
    with archive.open("xl/sharedStrings.xml") as stream:
        for _event, item in etree.iterparse(stream, tag=f"{MAIN}si"):
            # plain text or rich-text runs; phonetic guides (rPh) are not content
            strings.append("".join(
                node.text or "" for node in item.iter(f"{MAIN}t")
                if node.getparent().tag != f"{MAIN}rPh"))
            item.clear()
    return strings


def _date_styles(archive):
    """Indexes of the cell formats (the ``s`` attribute) that display a date or time."""
    if "xl/styles.xml" not in archive.namelist():
        return frozenset()
    styles = etree.fromstring(archive.read("xl/styles.xml"))
    custom = {}
    for fmt in styles.iter(f"{MAIN}numFmt"):
        code = FORMAT_LITERALS.sub("", fmt.get("formatCode") or "")
        custom[int(fmt.get("numFmtId"))] = code.lower() != "general" and bool(DATE_TOKENS.search(code))
    cell_xfs = styles.find(f"{MAIN}cellXfs")
    if cell_xfs is None:
        return frozenset()
    dates = set()
    for index, xf in enumerate(cell_xfs.iterchildren(f"{MAIN}xf")):
        fmt_id = int(xf.get("numFmtId") or 0)
        if custom.get(fmt_id, fmt_id in DATE_FORMAT_IDS):
            dates.add(str(index))
    return frozenset(dates)


def _number(text):
    if "." in text or "E" in text or "e" in text:
        return float(text)
    return int(text)


def _serial_date(value, epoch):
    if 0 <= value < 1:
        seconds = round(value * 86400)
        return datetime.time(seconds // 3600 % 24, seconds // 60 % 60, seconds % 60)
    return epoch + datetime.timedelta(days=value)


def _cell_value(cell, strings, dates, epoch):
    kind = cell.get("t")
    if kind == "inlineStr":
        node = cell.find(f"{MAIN}is")
        if node is None:
            return None
        if len(node) == 1 and node[0].tag == f"{MAIN}t":
            return node[0].text or ""
        return "".join(t.text or "" for t in node.iter(f"{MAIN}t"))
    node = cell.find(f"{MAIN}v")
    text = node.text if node is not None else None
    if text is None:
        return None
    if kind == "s":
        return strings[int(text)]
    if kind in ("str", "e"):
        return text
    if kind == "b":
        return text.strip() in ("1", "true")
    if kind == "d":
        return datetime.datetime.fromisoformat(text)
    value = _number(text)
    if cell.get("s") in dates:
        return _serial_date(value, epoch)
    return value


def xlsx_rows(content):
    """Yield ``(row_number, values)`` for the first worksheet, from row 1 to its last row."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        path, date1904 = _first_sheet_path(archive)
        strings = _shared_strings(archive)
        dates = _date_styles(archive)
        stream = archive.open(path)
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise XlsxError(str(exc)) from exc
    epoch = EPOCH_1904 if date1904 else EPOCH_1900
    width = 0
    expected = 1
    columns = {}   # column letters -> index, computed once per column
    try:
        for _event, element in etree.iterparse(stream, tag=(f"{MAIN}dimension", f"{MAIN}row")):
            if element.tag == f"{MAIN}dimension":
                last = (element.get("ref") or "").rpartition(":")[2]
                match = CELL_REF.match(last)
                width = _column_index(match.group(1)) + 1 if match else 0
                continue
            number = int(element.get("r") or expected)
            while expected < number:
                yield expected, (None,) * width
                expected += 1
            values = []
            for cell in element.iterchildren(f"{MAIN}c"):
                ref = cell.get("r")
                if ref:
                    letters = ref.rstrip("0123456789")
                    index = columns.get(letters)
                    if index is None:
                        index = columns[letters] = _column_index(letters)
                else:
                    index = len(values)
                if index >= len(values):
                    values.extend([None] * (index + 1 - len(values)))
                values[index] = _cell_value(cell, strings, dates, epoch)
            if len(values) < width:
                values.extend([None] * (width - len(values)))
            yield number, tuple(values)
            expected = number + 1
            # free the parsed row and the ones before it: memory stays flat
            element.clear()
            while element.getprevious() is not None:
                del element.getparent()[0]
    except (etree.XMLSyntaxError, zipfile.BadZipFile, zlib.error, EOFError, ValueError, IndexError) as exc:
        raise XlsxError(str(exc)) from exc
    finally:
        stream.close()
        archive.close()
