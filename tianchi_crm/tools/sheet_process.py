"""Reading a big sheet in a process of its own, so that an import parses the
next rows while it writes the previous ones to the database.

Parsing a 100,000-row workbook is seconds of pure Python; on the importing
process it would add to the writing time, in a child it runs beside it. The
child is the same interpreter running ``CHILD_CODE``: it loads this folder as
a package of its own (importing the addon's package would load Odoo), reads
the file given on its command line and sends ``(row_number, values)`` (with
the row's facts when asked) back in pickled batches over its standard output. A thread of the parent
drains the pipe into a bounded queue, so that the child reads ahead without
ever holding the whole sheet in memory. Small files are read in process: a
child costs more than it saves there.
"""

import json
import os
import pickle
import queue
import subprocess
import sys
import tempfile
import threading

from .import_reader import SheetError, read_rows
from .row_facts import row_facts

CHILD_MIN_BYTES = 512 * 1024
BATCH_ROWS = 500
# batches read ahead of the importer: enough to cover a chunk's writing time
QUEUE_BATCHES = 24
_DONE = object()
# sys.argv: -c, this folder, the file's path, its name, the columns of the facts (JSON, or null)
CHILD_CODE = (
    "import importlib, sys, types\n"
    "package = types.ModuleType('tianchi_sheet_tools')\n"
    "package.__path__ = [sys.argv[1]]\n"
    "sys.modules[package.__name__] = package\n"
    "importlib.import_module(package.__name__ + '.sheet_process')._run_child(*sys.argv[2:5])\n"
)


def sheet_rows(filename, content, columns=None):
    """Yield ``(sheet_row_number, values)`` like :func:`read_rows`, the parsing done
    by a child process for files of at least ``CHILD_MIN_BYTES``; with ``columns``
    (``{column_index: target}``), ``(sheet_row_number, values, facts)``, the
    :func:`row_facts` of each row worked out where the row was read."""
    if len(content) < CHILD_MIN_BYTES or not sys.executable:
        rows = read_rows(filename, content)
        return rows if columns is None else _with_facts(rows, columns)
    return _child_rows(filename, content, columns)


def _with_facts(rows, columns):
    for number, values in rows:
        yield number, values, row_facts(values, columns)


def _child_rows(filename, content, columns):
    with tempfile.NamedTemporaryFile(prefix="tianchi_sheet_", suffix=os.path.splitext(filename or "")[1]) as handle:
        handle.write(content)
        handle.flush()
        child = subprocess.Popen(
            [sys.executable, "-I", "-c", CHILD_CODE, os.path.dirname(os.path.abspath(__file__)), handle.name,
             filename or "", json.dumps(columns)],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        batches = queue.Queue(QUEUE_BATCHES)
        stop = threading.Event()
        reader = threading.Thread(target=_drain, args=(child.stdout, batches, stop), daemon=True,
                                  name="tianchi-sheet-reader")
        reader.start()
        try:
            while (batch := batches.get()) is not _DONE:
                if isinstance(batch, dict):
                    raise SheetError(batch["error"], **batch["params"])
                yield from batch
            if child.wait() != 0:
                error = child.stderr.read().decode("utf-8", "replace").strip().splitlines()
                raise SheetError("unreadable", error=error[-1] if error else f"exit status {child.returncode}")
        finally:
            stop.set()
            if child.poll() is None:
                child.kill()
            child.wait()
            reader.join()
            child.stdout.close()
            child.stderr.close()


def _drain(stream, batches, stop):
    """Move the child's batches into ``batches`` until its output ends (or the parent stops)."""
    try:
        while not stop.is_set():
            try:
                item = pickle.load(stream)
            except EOFError:
                break
            while not stop.is_set():
                try:
                    batches.put(item, timeout=0.2)
                    break
                except queue.Full:
                    continue
            if isinstance(item, dict):
                break
    finally:
        while not stop.is_set():
            try:
                batches.put(_DONE, timeout=0.2)
                break
            except queue.Full:
                continue


def _run_child(path, filename, columns_json):
    """The child's work: read the file, write the rows in batches, then what went wrong if anything
    did, as ``{'error': code, 'params': {...}}`` (the parent raises it as a SheetError)."""
    out = sys.stdout.buffer
    with open(path, "rb") as handle:
        content = handle.read()
    columns = json.loads(columns_json)
    rows = read_rows(filename, content)
    if columns is not None:
        # JSON keys are text
        rows = _with_facts(rows, {int(index): target for index, target in columns.items()})
    batch = []
    try:
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH_ROWS:
                pickle.dump(batch, out, protocol=pickle.HIGHEST_PROTOCOL)
                batch = []
    except SheetError as error:
        if batch:
            pickle.dump(batch, out, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump({"error": error.code, "params": error.params}, out, protocol=pickle.HIGHEST_PROTOCOL)
    else:
        if batch:
            pickle.dump(batch, out, protocol=pickle.HIGHEST_PROTOCOL)
    out.flush()
