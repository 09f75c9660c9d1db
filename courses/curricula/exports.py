"""CSV and XLSX of compliance rows, written in flat memory.

CSV streams: the server is handed chunks of many rows, never one row at a time, and the database
formats the cells (`export_selectors.compliance_export_text_rows`). XLSX is written by
XlsxWriter in constant-memory mode (each row goes to disk as soon as the next one starts) to a
temporary file: a bold, frozen header row with filters, column widths, and dates as real dates.
The same writers build the files of export jobs (`courses.curricula.export_jobs`)."""

import contextlib
import csv
import datetime
import functools
import io
import os
import tempfile

from django.db import connections
from django.http import FileResponse, StreamingHttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_CHUNK_ROWS = 2000
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    """A cell that a spreadsheet will not run as a formula: text that starts with = + - @ (or a tab
    or carriage return) gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_query_chunks(header, query, *, chunk_rows: int = CSV_CHUNK_ROWS, progress=None):
    """The CSV of a query whose cells are already text or NULL (`compliance_export_text_rows`), as
    UTF-8 byte chunks: the byte-order mark and the header, then the rows.

    On PostgreSQL the rows come from COPY … TO STDOUT (FORMAT csv), which formats them in the server
    at several hundred thousand rows a second; elsewhere the csv module writes the fetched rows. Both
    write the same bytes: lines end in LF, a NULL is an empty cell, text is quoted only where it holds
    a comma, a quote or a line break (COPY also quotes a cell that is exactly backslash-period; it reads
    back the same). `progress(rows)` is called as the rows go; from COPY, once it has ended, with the
    line breaks written (a line break inside a quoted cell counts too: callers cap it at the total)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    csv.writer(buffer, lineterminator="\n").writerow(header)
    yield buffer.getvalue().encode("utf-8")
    connection = connections[query.db]
    if connection.vendor == "postgresql":
        yield from _copy_chunks(connection, query, progress)
    else:
        yield from _module_chunks(query, chunk_rows, progress)


def _module_chunks(query, chunk_rows: int, progress):
    """The rows written by the csv module, `chunk_rows` at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    written = 0
    for rows in _batched(query.iterator(chunk_size=chunk_rows), chunk_rows):
        buffer.seek(0)
        buffer.truncate()
        writer.writerows(rows)
        written += len(rows)
        yield buffer.getvalue().encode("utf-8")
        if progress is not None:
            progress(written)
    if progress is not None:
        progress(written)


def _copy_chunks(connection, query, progress, *, block_bytes: int = 1 << 20):
    """COPY's blocks, gathered into chunks of about a megabyte (COPY hands over one row per block).
    The COPY runs on Django's connection, inside the request's or the job's transaction; nothing else
    may use the connection until it ends, so `progress` is told once it has."""
    sql, params = query.query.sql_with_params()
    statement = f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)"
    lines = 0
    with connection.cursor() as cursor:
        # The COPY is a query like the others for whatever watches them: the connection's execute
        # wrappers (the benchmark's counter, instrumentation) and, where Django records queries (DEBUG,
        # assertNumQueries), its query log, timed over the whole COPY.
        _through_execute_wrappers(connection, cursor, statement, params)
        logged = cursor.debug_sql(statement, params) if hasattr(cursor, "debug_sql") else contextlib.nullcontext()
        with logged, cursor.cursor.copy(statement, params) as copy:
            pending, size = [], 0
            for block in copy:
                pending.append(bytes(block))
                size += len(block)
                if size >= block_bytes:
                    chunk = b"".join(pending)
                    pending, size = [], 0
                    lines += chunk.count(b"\n")
                    yield chunk
            chunk = b"".join(pending)
            if chunk:
                lines += chunk.count(b"\n")
                yield chunk
    if progress is not None:
        progress(lines)


def _through_execute_wrappers(connection, cursor, statement, params) -> None:
    """Show the statement to the connection's execute wrappers (Django's hook for watching queries),
    which only see `execute()`; the COPY itself runs on psycopg's cursor right after."""
    executor = _nothing
    context = {"connection": connection, "cursor": cursor}
    for wrapper in reversed(connection.execute_wrappers):
        executor = functools.partial(wrapper, executor)
    executor(statement, params, False, context)


def _nothing(sql, params, many, context):
    return None


def _batched(iterable, size: int):
    batch = []
    for item in iterable:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def csv_response(header, query, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_query_chunks(header, query), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def write_csv(header, query, fileobj, *, progress=None) -> None:
    """Write the CSV to a binary file object (export jobs, the benchmark)."""
    for chunk in csv_query_chunks(header, query, progress=progress):
        fileobj.write(chunk)


def write_xlsx(rows, path: str, *, title: str, date_columns=(), widths=(), progress=None, every: int = 5000) -> int:
    """Write an XLSX workbook to `path`; the first row is the header. Returns the number of data rows.
    Text is always written as text (never a formula) and escaped as in the CSV."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(
        path, {"constant_memory": True, "tmpdir": tempfile.gettempdir(), "strings_to_numbers": False}
    )
    sheet = workbook.add_worksheet(title[:31])
    bold = workbook.add_format({"bold": True})
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    for column, width in enumerate(widths):
        sheet.set_column(column, column, width, date_format if column in date_columns else None)
    write_string, write_number, write_datetime = sheet.write_string, sheet.write_number, sheet.write_datetime
    iterator = iter(rows)
    header = next(iterator)
    for column, value in enumerate(header):
        write_string(0, column, str(value), bold)
    sheet.freeze_panes(1, 0)
    row_index = 0
    for row_index, row in enumerate(iterator, start=1):
        for column, value in enumerate(row):
            if value is None or value == "":
                continue
            kind = type(value)
            if kind is str:
                write_string(row_index, column, "'" + value if value.startswith(FORMULA_STARTS) else value)
            elif kind is datetime.date:
                write_datetime(row_index, column, value, date_format)
            elif kind is bool:
                sheet.write_boolean(row_index, column, value)
            elif kind is int or kind is float:
                write_number(row_index, column, value)
            else:
                write_string(row_index, column, str(value))
        if progress is not None and row_index % every == 0:
            progress(row_index)
    sheet.autofilter(0, 0, max(row_index, 1), max(len(header) - 1, 0))
    workbook.close()
    if progress is not None:
        progress(row_index)
    return row_index


def xlsx_response(rows, filename: str, *, title: str, date_columns=(), widths=()) -> FileResponse:
    """The workbook written to a temporary file, then sent from that file (deleted once closed)."""
    handle, path = tempfile.mkstemp(suffix=".xlsx")
    os.close(handle)
    try:
        write_xlsx(rows, path, title=title, date_columns=date_columns, widths=widths)
        spool = open(path, "rb")  # noqa: SIM115 (FileResponse closes it once sent)
    finally:
        os.unlink(path)  # the open handle keeps the data readable until it is closed
    response = FileResponse(spool, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)
    response["Cache-Control"] = "private, no-store"
    return response
