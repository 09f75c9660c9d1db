from django.apps import AppConfig


class BenchmarkConfig(AppConfig):
    """`manage.py benchmark`: every measure of issue 14 in one table (lms/benchmark/)."""

    name = "lms.benchmark"
    label = "benchmark"
    default_auto_field = "django.db.models.BigAutoField"
