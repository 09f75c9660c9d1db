"""Timing one measure: the median, min and max of N runs, the queries of one run counted by a
database execute wrapper (every query, at any size and with DEBUG off — Django's query log keeps
only the last 9,000), and the peak Python memory of one more run under tracemalloc."""

import statistics
import time
import tracemalloc
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


@contextmanager
def counting_queries():
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        yield counter


@dataclass
class Result:
    name: str
    target: str
    times_ms: list
    queries: int | None
    peak_mb: float | None
    raw_ms: float | None = None
    note: str = ""
    ok: bool | None = None

    @property
    def median(self):
        return statistics.median(self.times_ms)

    @property
    def ratio(self):
        return self.median / self.raw_ms if self.raw_ms else None


def measure(name, run, *, runs=5, target="", target_ms=None, expect_queries=True, memory=True, raw=None, note=""):
    """Time `run()` `runs` times (after one warm-up run whose queries are counted); `raw()` is the
    raw-SQL equivalent timed beside it. A measure that must reach the database and counted no query
    raises: the count is broken, and a benchmark that cannot see must not print 0."""
    with counting_queries() as counter:
        run()
    if expect_queries and counter.count == 0:
        raise RuntimeError(f"{name}: no query counted; the query counter is not seeing this measure")
    times, raw_times = [], []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
        if raw is not None:
            start = time.perf_counter()
            raw()
            raw_times.append((time.perf_counter() - start) * 1000)
    peak = None
    if memory:
        tracemalloc.start()
        try:
            run()
            peak = tracemalloc.get_traced_memory()[1] / 1_048_576
        finally:
            tracemalloc.stop()
    result = Result(
        name,
        target,
        times,
        counter.count if expect_queries else None,
        peak,
        note=note,
        raw_ms=statistics.median(raw_times) if raw_times else None,
    )
    if target_ms is not None:
        result.ok = result.median <= target_ms
    return result


def table(results) -> str:
    """The results as one Markdown table."""
    lines = [
        "| measure | target | median (ms) | min | max | ratio to raw SQL | queries | peak Python memory (MB) | |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        verdict = "" if r.ok is None else ("OK" if r.ok else "OVER")
        lines.append(
            f"| {r.name} | {r.target} | {r.median:.1f} | {min(r.times_ms):.1f} | {max(r.times_ms):.1f} | "
            f"{f'{r.ratio:.2f}×' if r.ratio else '—'} | {'—' if r.queries is None else r.queries} | "
            f"{'—' if r.peak_mb is None else f'{r.peak_mb:.1f}'} | {verdict} {r.note}".rstrip()
            + " |"
        )
    return "\n".join(lines)


def analyze_own_tables() -> None:
    """ANALYZE the project's tables on PostgreSQL, inside the benchmark's transaction. Not a bare
    ANALYZE: that also analyses the cluster's shared catalogs (pg_authid…), whose locks the
    transaction then holds until it ends, and every other ANALYZE on the server (another session's
    test run) waits that long."""
    if connection.vendor != "postgresql":
        return
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(map(connection.ops.quote_name, sorted(tables))))
