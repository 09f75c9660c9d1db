"""CSV and XLSX of compliance rows, written in flat memory.

CSV streams: the server is handed chunks of many rows, never one row at a time. XLSX is written by
XlsxWriter in constant-memory mode (each row goes to disk as soon as the next one starts) to a
temporary file: a bold, frozen header row with filters, column widths, and dates as real dates.
The same writers build the files of export jobs (`courses.curricula.export_jobs`)."""

import csv
import datetime
import io
import os
import tempfile

from django.http import FileResponse, StreamingHttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_FIRST = frozenset(FORMULA_STARTS)
CSV_CHUNK_ROWS = 2000
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    """A cell that a spreadsheet will not run as a formula: text that starts with = + - @ (or a tab
    or carriage return) gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_chunks(rows, *, chunk_rows: int = CSV_CHUNK_ROWS, progress=None):
    """The CSV text in chunks of `chunk_rows` rows (a byte-order mark first, so spreadsheet programs
    read UTF-8). `progress(rows_written)` is called after each chunk. The csv module writes None as
    an empty cell and a date as its ISO form; only text needs escaping, done inline (this loop runs
    for every cell of every row)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writerow = csv.writer(buffer).writerow
    first = _FORMULA_FIRST
    written = 0
    for row in rows:
        writerow([("'" + v if v and v[0] in first else v) if v.__class__ is str else v for v in row])
        written += 1
        if written % chunk_rows == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
            if progress is not None:
                progress(written)
    yield buffer.getvalue()
    if progress is not None:
        progress(written)


def csv_response(rows, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_chunks(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def write_csv(rows, fileobj, *, progress=None) -> None:
    """Write the CSV to a binary file object (export jobs)."""
    for chunk in csv_chunks(rows, progress=progress):
        fileobj.write(chunk.encode("utf-8"))


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
