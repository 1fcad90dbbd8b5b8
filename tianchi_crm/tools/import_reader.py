"""Reading customer sheets (.xlsx, .xls, .csv) into rows of cell values, streaming.

No ORM here: the importer gives bytes and a file name and gets back
``(sheet_row_number, values)`` pairs; what goes wrong is raised as a
:class:`SheetError` whose ``code`` the caller turns into a translated message.
"""

import codecs
import csv
import datetime
import io
import os
import zipfile

from .xlsx_stream import XlsxError, xlsx_rows

XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
KINDS = {".xlsx": "xlsx", ".xls": "xls", ".csv": "csv", ".txt": "csv"}


class SheetError(Exception):
    """A sheet that cannot be read; ``code`` says why, ``params`` give the details."""

    def __init__(self, code, **params):
        super().__init__(code, params)
        self.code = code
        self.params = params


def sheet_kind(filename, content):
    """Return 'xlsx', 'xls' or 'csv' for the file, from its name checked against its first bytes."""
    extension = os.path.splitext(filename or "")[1].lower()
    kind = KINDS.get(extension)
    if not kind:
        raise SheetError("wrong_type", filename=filename or "")
    if not content:
        raise SheetError("empty", filename=filename or "")
    looks_zip, looks_ole = content.startswith(XLSX_MAGIC), content.startswith(XLS_MAGIC)
    if (kind == "xlsx" and not looks_zip) or (kind == "xls" and not looks_ole) \
            or (kind == "csv" and (looks_zip or looks_ole or b"\x00" in content[:4096])):
        raise SheetError("wrong_content", filename=filename)
    return kind


def _plain(value):
    """Cell values as the importer wants them: text stripped, whole floats as int, dates kept."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _xlsx_rows(content):
    try:
        for number, row in xlsx_rows(content):
            yield number, tuple(_plain(value) for value in row)
    except XlsxError as exc:
        raise SheetError("unreadable", error=str(exc)) from exc


def _xls_rows(content):
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=content, on_demand=True)
    except Exception as exc:
        raise SheetError("unreadable", error=str(exc)) from exc
    try:
        sheet = book.sheet_by_index(0)
        for index in range(sheet.nrows):
            values = []
            for cell in sheet.row(index):
                if cell.ctype == xlrd.XL_CELL_DATE:
                    value = xlrd.xldate_as_datetime(cell.value, book.datemode)
                elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
                    value = None
                else:
                    value = cell.value
                values.append(_plain(value))
            yield index + 1, tuple(values)
    finally:
        book.release_resources()


def decode_text(content):
    """Decode CSV bytes: UTF-8 (with or without a byte-order mark), else GB18030 (a superset of GBK)."""
    if content.startswith(codecs.BOM_UTF8):
        return content[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict")
    for encoding in ("utf-8", "gb18030"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SheetError("encoding")


def _csv_rows(content):
    text = decode_text(content)
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, quotechar='"')
    for number, row in enumerate(reader, start=1):
        yield number, tuple(_plain(value) for value in row)


def read_rows(filename, content):
    """Yield ``(sheet_row_number, values)`` for every row of the file's first sheet, blank ones included."""
    kind = sheet_kind(filename, content)
    reader = {"xlsx": _xlsx_rows, "xls": _xls_rows, "csv": _csv_rows}[kind]
    return reader(content)


def is_blank(values):
    return all(value is None or value == "" for value in values)


def cell_text(value):
    """A cell as text for matching and display: dates as ISO dates, numbers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time(0) else value.isoformat(" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def estimate_rows(filename, content):
    """How many rows the sheet has, cheaply (for a progress bar; blank rows count too)."""
    kind = sheet_kind(filename, content)
    if kind == "csv":
        return content.count(b"\n") + 1
    if kind == "xls":
        import xlrd

        book = xlrd.open_workbook(file_contents=content, on_demand=True)
        try:
            return book.sheet_by_index(0).nrows
        finally:
            book.release_resources()
    # Sheets written in streaming mode carry no dimension: count the row
    # elements of the first worksheet's XML instead, without parsing it.
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = sorted(name for name in archive.namelist()
                       if name.startswith("xl/worksheets/sheet") and name.endswith(".xml"))
        if not names:
            return 0
        name = "xl/worksheets/sheet1.xml" if "xl/worksheets/sheet1.xml" in names else names[0]
        count, tail = 0, b""
        with archive.open(name) as stream:
            while block := stream.read(1 << 20):
                block = tail + block
                count += block.count(b"<row ") + block.count(b"<row>")
                tail = block[-5:]
                count -= tail.count(b"<row ") + tail.count(b"<row>")
        return count + tail.count(b"<row ") + tail.count(b"<row>")
