"""Assignments made before enrolment was automatic: enrol their people in the curriculum's courses, as
reconciliation now does for new assignments (courses.curricula.services._enrol_in_mandatory_courses)."""

from django.db import migrations

NOT_CERTIFIED_YET = ("assigned", "in_progress", "overdue")
CHUNK = 2000


def enrol_existing_assignees(apps, schema_editor):
    Curriculum = apps.get_model("curricula", "Curriculum")
    Assignment = apps.get_model("curricula", "Assignment")
    Enrollment = apps.get_model("courses", "Enrollment")
    for curriculum in Curriculum.objects.filter(active=True):
        course_ids = sorted(curriculum.courses.values_list("pk", flat=True))
        if not course_ids:
            continue
        if curriculum.requirement == "some" and curriculum.min_courses and curriculum.min_courses < len(course_ids):
            continue  # some of its courses: the person chooses which
        user_ids = sorted(
            Assignment.objects.filter(
                curriculum=curriculum, ended_at__isnull=True, exempt=False, state__in=NOT_CERTIFIED_YET
            ).values_list("user_id", flat=True)
        )
        for start in range(0, len(user_ids), CHUNK):
            chunk = user_ids[start : start + CHUNK]
            have = set(
                Enrollment.objects.filter(user_id__in=chunk, course_id__in=course_ids).values_list(
                    "user_id", "course_id"
                )
            )
            Enrollment.objects.bulk_create(
                [
                    Enrollment(user_id=user_id, course_id=course_id, origin="assignment")
                    for user_id in chunk
                    for course_id in course_ids
                    if (user_id, course_id) not in have
                ],
                batch_size=1000,
                ignore_conflicts=True,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("curricula", "0010_compliance_rollup_build"),
        ("courses", "0005_enrollment_origin"),
    ]

    operations = [migrations.RunPython(enrol_existing_assignees, migrations.RunPython.noop)]
