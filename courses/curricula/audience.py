"""Who a curriculum is for. One rule, used by reconciliation and by the admin's "how many people will
it assign" preview (which has no saved curriculum yet, hence a plain dataclass)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from courses.people.models import Department, Employee


@dataclass(frozen=True)
class AudienceRule:
    """Active employees matching every criterion that is set; nothing set means every active employee.
    `hired_within_days` only decides who is newly assigned (see `employees(for_entry=...)`)."""

    department_ids: tuple[int, ...] = ()
    job_titles: tuple[str, ...] = ()
    hired_within_days: int | None = None
    department_paths: tuple[str, ...] = field(default=(), compare=False)

    @classmethod
    def of(cls, curriculum) -> "AudienceRule":
        departments = list(curriculum.audience_departments.values_list("pk", "path"))
        return cls(
            department_ids=tuple(pk for pk, _path in departments),
            job_titles=tuple(curriculum.job_titles),
            hired_within_days=curriculum.audience_hired_within_days,
            department_paths=tuple(path for _pk, path in departments),
        )

    def _paths(self) -> tuple[str, ...]:
        if self.department_paths or not self.department_ids:
            return self.department_paths
        return tuple(Department.objects.filter(pk__in=self.department_ids).values_list("path", flat=True))

    def employees(self, *, today: datetime.date, for_entry: bool) -> QuerySet[Employee]:
        """The matching active employees. With `for_entry`, also the new-hire criterion: people who
        would be assigned now. Without it, the people who keep an assignment they already have (a new
        hire does not lose the assignment when their hire date ages past the window)."""
        employees = Employee.objects.filter(active=True)
        paths = self._paths()
        if self.department_ids:
            in_departments = Q(pk__in=[])
            for path in paths:
                in_departments |= Q(department__path__startswith=path)
            employees = employees.filter(in_departments)
        if self.job_titles:
            with_title = Q(pk__in=[])
            for title in self.job_titles:
                with_title |= Q(job_title__iexact=title)
            employees = employees.filter(with_title)
        if for_entry and self.hired_within_days is not None:
            employees = employees.filter(hire_date__gte=today - datetime.timedelta(days=self.hired_within_days))
        return employees
