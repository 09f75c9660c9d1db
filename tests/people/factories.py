"""Helpers for people tests: HR files."""

import csv
import io

from courses.people.hr_import import REQUIRED_COLUMNS

HEADER = list(REQUIRED_COLUMNS)


def hr_row(number="200001", **overrides):
    row = {
        "employee_number": number,
        "first_name": "Lucía",
        "last_name": "Martínez",
        "email": f"e{number}@city.example",
        "department_code": "planning",
        "job_title": "Planner",
        "hire_date": "2021-04-12",
        "preferred_language": "es",
        "active": "true",
    }
    row.update(overrides)
    return row


def hr_csv(*rows, columns=None, encoding="utf-8") -> bytes:
    """An HR file with the given rows (dicts); columns default to the required ones plus any extra
    keys the rows use."""
    columns = list(columns or HEADER)
    for row in rows:
        for key in row:
            if key not in columns:
                columns.append(key)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({column: row.get(column, "") for column in columns})
    return buffer.getvalue().encode(encoding)
