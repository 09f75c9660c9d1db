"""Gathering the organisation's figures for one question and protecting them (for a snapshot).

A constant number of queries whatever the number of people: departments, employees, answers, heads,
assignments and quiz attempts, each read once as plain tuples; counting is pure (`tables`).
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from courses.catalogue.models import Course, CourseCompletion, QuizAttempt, QuizModule
from courses.curricula.models import Assignment, ComplianceRollup, Curriculum
from courses.people.models import Department as DepartmentModel
from courses.people.models import Employee
from courses.scheduling.models import Registration

from . import releases, standards, tables
from .models import IdentityAnswer

CERTIFIED = (Assignment.State.COMPLETE, Assignment.State.WINDOW_OPEN)
CURRICULUM_MEASURES = ("assigned", "certified", "on_time", "overdue")
# Participation in the last PARTICIPATION_DAYS: people who completed a course, attended a session
# (not a reading circle) and attended a reading circle's meeting. Layers count people, not events.
PARTICIPATION_DAYS = 365
PARTICIPATION_MEASURES = ("completed", "attended", "circle")
HEADS = "heads"
SCORE_TOP = 100  # quiz scores are percentages: no one scores more


def min_cell() -> int:
    """k: the smallest count shown. Never below 5, whatever the settings say."""
    return max(5, int(getattr(settings, "AGGREGATE_MIN_CELL", 10)))


def curriculum_layer(curriculum_id: int, measure: str) -> str:
    return f"c{curriculum_id}:{measure}"


def gain_layer(course_id: int) -> str:
    return f"g{course_id}:n"


def participation_layer(measure: str) -> str:
    return f"p:{measure}"


def _participation(since) -> dict[str, set[int]]:
    """{measure: user ids} of the people who took part since `since` (three queries)."""
    attended = Registration.objects.filter(
        state=Registration.State.ATTENDED, user__isnull=False, session__starts_at__gte=since
    )
    circle = Course.Format.READING_CIRCLE
    return {
        "completed": set(
            CourseCompletion.objects.filter(completed_at__gte=since).values_list("user_id", flat=True).distinct()
        ),
        "attended": set(attended.exclude(session__course__format=circle).values_list("user_id", flat=True).distinct()),
        "circle": set(attended.filter(session__course__format=circle).values_list("user_id", flat=True).distinct()),
    }


def _departments():
    rows = list(DepartmentModel.objects.order_by("path").values_list("id", "path"))
    by_path = {path: pk for pk, path in rows}
    steplen = DepartmentModel.steplen
    parents = {pk: by_path.get(path[:-steplen]) for pk, path in rows}
    return rows, parents


def _knowledge_scores():
    """{(user_id, course_id): (first pre-test score, latest post-test score)} for people with both."""
    attempts = (
        QuizAttempt.objects.filter(quiz__quiz_kind__in=[QuizModule.Kind.PRE_TEST, QuizModule.Kind.POST_TEST])
        .order_by("submitted_at", "pk")
        .values_list("enrollment__user_id", "quiz__course_id", "quiz__quiz_kind", "score")
    )
    pre, post = {}, {}
    for user_id, course_id, kind, score in attempts:
        if kind == QuizModule.Kind.PRE_TEST:
            pre.setdefault((user_id, course_id), score)
        else:
            post[(user_id, course_id)] = score
    return {key: (pre[key], post[key]) for key in pre.keys() & post.keys()}


def gather(question: standards.Question) -> dict:
    """Everything needed to build the question's tables, read in a constant number of queries."""
    department_rows, parents = _departments()
    employees = dict(Employee.objects.filter(active=True).values_list("user_id", "department_id"))
    groups_of = defaultdict(set)
    for user_id, group in IdentityAnswer.objects.filter(question=question.key).values_list(
        "self_identification__user_id", "group"
    ):
        groups_of[user_id].add(group)
    heads = set(DepartmentModel.heads.through.objects.values_list("user_id", flat=True))
    curricula = list(Curriculum.objects.filter(active=True).order_by("name").values_list("id", "name"))
    assignments = Assignment.objects.filter(
        ended_at__isnull=True, curriculum__active=True, user__employee__active=True
    ).values_list("user_id", "curriculum_id", "state", "exempt", "completed_at", "due_on", "extended_due_on")
    scores = _knowledge_scores()
    participation = _participation(timezone.now() - datetime.timedelta(days=PARTICIPATION_DAYS))
    gain_courses = sorted({course_id for _user, course_id in scores})
    return {
        "departments": department_rows,
        "parents": parents,
        "employees": employees,
        "groups_of": groups_of,
        "heads": heads,
        "curricula": curricula,
        "assignments": list(assignments),
        "scores": scores,
        "gain_courses": gain_courses,
        "participation": participation,
        # The compliance rollups (kept exact with every assignment change) give the trends' counts.
        "rollup": list(
            ComplianceRollup.objects.filter(curriculum__active=True, assignments__gt=0)
            .values("department_id", "state", "exempt")
            .annotate(count=Sum("assignments"))
            .values_list("department_id", "state", "exempt", "count")
        ),
    }


def _on_time(completed_at, due_on, extended_due_on) -> bool:
    if completed_at is None:
        return False
    return timezone.localdate(completed_at) <= (extended_due_on or due_on)


def _layers_of(data: dict) -> dict:
    """{user id: the layers they count in} for every active employee."""
    layers_of = defaultdict(set)
    for user_id in data["employees"]:
        layers_of[user_id].add(tables.PEOPLE)
        if user_id in data["heads"]:
            layers_of[user_id].add(HEADS)
    for measure, user_ids in data["participation"].items():
        for user_id in user_ids:
            if user_id in data["employees"]:
                layers_of[user_id].add(participation_layer(measure))
    for user_id, curriculum_id, state, exempt, completed_at, due_on, extended_due_on in data["assignments"]:
        if user_id not in data["employees"]:
            continue
        layers_of[user_id].add(curriculum_layer(curriculum_id, "assigned"))
        if state in CERTIFIED:
            layers_of[user_id].add(curriculum_layer(curriculum_id, "certified"))
            if _on_time(completed_at, due_on, extended_due_on):
                layers_of[user_id].add(curriculum_layer(curriculum_id, "on_time"))
        elif state == Assignment.State.OVERDUE and not exempt:
            layers_of[user_id].add(curriculum_layer(curriculum_id, "overdue"))
    for user_id, course_id in data["scores"]:
        if user_id in data["employees"]:
            layers_of[user_id].add(gain_layer(course_id))
    return layers_of


def parts(data: dict) -> dict:
    """{user id: releases.Part}: each active employee as the figures count them."""
    layers_of = _layers_of(data)
    scores = defaultdict(list)
    for (user_id, course_id), (pre, post) in data["scores"].items():
        scores[user_id].append((course_id, float(pre), float(post)))
    return {
        user_id: releases.Part(
            department=department_id,
            groups=frozenset(data["groups_of"].get(user_id, ())),
            layers=frozenset(layers_of[user_id]),
            scores=tuple(sorted(scores.get(user_id, ()))),
        )
        for user_id, department_id in data["employees"].items()
    }


def build(question: standards.Question, data: dict, k: int) -> dict:
    """The protected figures of one question, as a JSON-ready dict."""
    return build_parts(question, parts(data), data, k)


def _shape(question, population: dict, data: dict):
    people = [
        tables.Person(department=part.department, groups=part.groups, layers=part.layers)
        for part in population.values()
    ]
    with_people = {person.department for person in people}
    departments = [
        tables.Department(id=pk, parent=data["parents"][pk], has_own_people=pk in with_people)
        for pk, _path in data["departments"]
    ]
    groups = [key for key, _label in question.groups()]
    participation_layers = [participation_layer(measure) for measure in PARTICIPATION_MEASURES]
    layers = [tables.PEOPLE, HEADS, *participation_layers]
    subsets = [(HEADS, tables.PEOPLE), *((layer, tables.PEOPLE) for layer in participation_layers)]
    disjoint = []
    for curriculum_id, _name in data["curricula"]:
        assigned, certified, on_time, overdue = (curriculum_layer(curriculum_id, m) for m in CURRICULUM_MEASURES)
        layers += [assigned, certified, on_time, overdue]
        subsets += [(assigned, tables.PEOPLE), (certified, assigned), (on_time, certified), (overdue, assigned)]
        disjoint.append((assigned, certified, overdue))
    gain_courses = sorted({course_id for part in population.values() for course_id, _pre, _post in part.scores})
    gain_layers = [gain_layer(course_id) for course_id in gain_courses]
    layers += gain_layers
    subsets += [(layer, tables.PEOPLE) for layer in gain_layers]
    shape = {
        "departments": departments,
        "people": people,
        "groups": groups,
        "layers": layers,
        "everyone_layers": gain_layers,
        "subsets": subsets,
        "disjoint": disjoint,
    }
    return shape, groups, gain_courses


def rows_threshold(question: standards.Question, population: dict, data: dict, k: int) -> int:
    """How many people who answered a department needs for a row of group figures (tables.rows_from)."""
    shape, _groups, _courses = _shape(question, population, data)
    return tables.rows_from(tables.build_model(**shape, min_answered=k), k, settings.INSIGHTS_MAX_HIDDEN_CELLS)


def build_parts(
    question: standards.Question, population: dict, data: dict, k: int, *, rows_from: int | None = None
) -> dict:
    """The protected figures of one question counting `population` (user id -> releases.Part), with
    the departments and curricula of `data`. `rows_from`: the answers a row needs, if already decided."""
    shape, groups, gain_courses = _shape(question, population, data)
    model = tables.build_model(**shape, min_answered=rows_from or k)
    if rows_from is None:
        rows_from = tables.rows_from(model, k, settings.INSIGHTS_MAX_HIDDEN_CELLS)
        if rows_from > k:
            model = tables.build_model(**shape, min_answered=rows_from)
    sums = _gain_sums(population, data["parents"])
    # The means shown beside a count give away the sums of scores behind it: the attacker's programs know them.
    top = max([SCORE_TOP, *(score for part in population.values() for _c, *pair in part.scores for score in pair)])
    score_sums = {key: (pre, post) for key, (_n, pre, post) in sums.items()}
    for course_id in gain_courses:
        tables.add_score_sums(model, gain_layer(course_id), score_sums, top=top)
    organisation_broken_down = tables.say_enough_answered(model, k)
    published = tables.publish(model, k)
    cells = {_key(key): value for key, value in published.cells.items()}
    means = _gain_means(sums, published=published)
    return {
        "totals": totals(data),
        "groups": groups,
        "curricula": data["curricula"],
        "gain_courses": gain_courses,
        "cells": cells,
        "means": means,
        # A department with fewer people who answered has no row of group figures (see tables.rows_from).
        "rows_from": rows_from,
        "organisation_broken_down": organisation_broken_down,
        # The rows withheld from this release (withhold).
        "withheld": [],
        "withheld_everyone": [],
    }


def withhold(data: dict, rows: dict) -> None:
    """Take rows out of a release (`rows[releases.GROUPS]`: their group figures, `rows[releases.EVERYONE]`:
    their "everyone" column), in place: what comparing it with the last release would tell of a few
    people (releases.py). Hiding more than suppression did only widens what an attacker can work out."""
    groups = {str(row) for row in rows.get(releases.GROUPS, ())}
    everyone = {str(row) for row in rows.get(releases.EVERYONE, ())}
    if not groups and not everyone:
        return

    def kept(key: str) -> bool:
        _layer, row, column = key.split("|")[:3]
        return row not in (everyone if column == tables.EVERYONE else groups)

    data["cells"] = {key: value for key, value in data["cells"].items() if kept(key)}
    data["means"] = {key: value for key, value in data["means"].items() if kept(key)}
    data["withheld"] = sorted({*map(str, data.get("withheld", ())), *groups})
    data["withheld_everyone"] = sorted({*map(str, data.get("withheld_everyone", ())), *everyone})


def totals(data: dict) -> dict:
    """Counts of everyone (answered or not) per department subtree and for the organisation, for the
    trends (compliance from the rollups tonight, from the assignments for a reconstructed month):
    `{row: {measure: count}}`. No group is involved, so nothing here needs suppression; the
    compliance pages show the same department counts."""
    parents = data["parents"]
    own = defaultdict(lambda: defaultdict(int))
    for department_id in data["employees"].values():
        own[department_id]["people"] += 1
    if "rollup" in data:  # tonight: the compliance rollups, per department
        states = [(department_id, state, exempt, count) for department_id, state, exempt, count in data["rollup"]]
    else:  # a reconstructed month: the assignments as they stood
        states = []
        for user_id, _curriculum, state, exempt, _completed, _due, _extended in data["assignments"]:
            if user_id in data["employees"]:
                states.append((data["employees"][user_id], state, exempt, 1))
    for department_id, state, exempt, count in states:
        own[department_id]["assigned"] += count
        if state in CERTIFIED:
            own[department_id]["certified"] += count
        elif state == Assignment.State.OVERDUE and not exempt:
            own[department_id]["overdue"] += count
    for measure, user_ids in data["participation"].items():
        for user_id in user_ids:
            department_id = data["employees"].get(user_id)
            if department_id is not None:
                own[department_id][measure] += 1
    result = defaultdict(lambda: defaultdict(int))
    for department_id, counts in own.items():
        node = department_id
        chain = []
        while node is not None:
            chain.append(node)
            node = parents.get(node)
        chain.append(tables.ALL)
        for row in chain:
            for measure, count in counts.items():
                result[str(row)][measure] += count
    return {row: dict(counts) for row, counts in result.items()}


def _key(key) -> str:
    layer, department, column = key
    return f"{layer}|{department}|{column}"


def _gain_sums(population: dict, parents: dict) -> dict:
    """(gain layer, department or ALL, column) -> [people with both tests, sum of pre scores, sum of post]."""
    sums = defaultdict(lambda: [0, 0, 0])
    for part in population.values():
        if not part.scores:
            continue
        columns = [tables.EVERYONE]
        if part.groups:
            columns += [standards.ANSWERED, *part.groups]
            if len(part.groups) > 1:
                columns.append(standards.TWO_OR_MORE)
        chain = []
        node = part.department
        while node is not None:
            chain.append(node)
            node = parents.get(node)
        chain.append(tables.ALL)
        for course_id, pre, post in part.scores:
            for row in chain:
                for column in columns:
                    entry = sums[(gain_layer(course_id), row, column)]
                    entry[0] += 1
                    entry[1] += pre
                    entry[2] += post
    return sums


def _gain_means(sums: dict, *, published) -> dict:
    """Mean pre and post scores where the number of people with both tests is published; nothing else."""
    means = {}
    for (layer, row, column), (n, pre, post) in sums.items():
        if published.get(layer, row, column) is not None:
            means[f"{layer}|{row}|{column}"] = [round(pre / n, 4), round(post / n, 4)]
    return means


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)
