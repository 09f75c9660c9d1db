"""Database expressions that render an export's cells as text, so that the database, not Python,
formats each of the compliance CSV's million cells (`export_selectors.compliance_export_text_rows`).

Each gives exactly the text the Python writer gives for the same typed value: dates in ISO form,
whole numbers in decimal, text that a spreadsheet would run as a formula escaped with a leading
apostrophe, and an empty cell as NULL (PostgreSQL's COPY writes an empty string as "" but NULL as
nothing, as the csv module writes None)."""

from django.db.models import Case, CharField, F, Func, IntegerField, Value, When
from django.db.models.functions import Cast, Concat, Left, NullIf
from django.db.models.lookups import In

from .exports import FORMULA_STARTS


class IsoDate(Func):
    """A date as YYYY-MM-DD whatever the session's DateStyle (SQLite keeps dates in that form)."""

    output_field = CharField()
    template = "CAST(%(expressions)s AS TEXT)"

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="to_char(%(expressions)s, 'YYYY-MM-DD')", **extra)


class DaysFrom(Func):
    """Whole days from a date column to a given day (`today`): today − column."""

    output_field = IntegerField()
    arity = 2

    def __init__(self, column, today, **extra):
        super().__init__(column, Value(today), **extra)

    def as_sql(self, compiler, connection, **extra):
        column, today = (compiler.compile(e) for e in self.source_expressions)
        sql = f"CAST(julianday({today[0]}) - julianday({column[0]}) AS INTEGER)"
        return sql, (*today[1], *column[1])

    def as_postgresql(self, compiler, connection, **extra):
        column, today = (compiler.compile(e) for e in self.source_expressions)
        return f"(CAST({today[0]} AS date) - {column[0]})", (*today[1], *column[1])


def text(expression):
    """Text as a cell: escaped where it starts like a formula, NULL where it is empty."""
    if isinstance(expression, str):
        expression = F(expression)
    return NullIf(_starts_like_formula(expression), Value(""), output_field=CharField())


def _starts_like_formula(expression):
    return Case(
        When(In(Left(expression, 1), list(FORMULA_STARTS)), then=Concat(Value("'"), expression)),
        default=expression,
        output_field=CharField(),
    )


def number(expression):
    """A whole number as its decimal text."""
    return Cast(expression, CharField())
