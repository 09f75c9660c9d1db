"""Demo equity insights: voluntary self-identification for about 70 % of the demo employees (a mix for
a Southwestern US city, from data/insights.json), pre- and post-test scores for the people enrolled in
courses that have both tests, the trends' past months (reconstructed from dates) and a first snapshot of
the protected figures (queued for the task worker). Idempotent: people who answered (or withdrew) and
enrolments with attempts are left alone."""

import json
import random
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from courses.catalogue.models import Enrollment, QuizAttempt, QuizModule
from courses.insights import services
from courses.insights.forms import Answers
from courses.insights.models import SelfIdentification, SelfIdentificationWithdrawal
from courses.people.models import Employee

DATA = json.loads((Path(__file__).parent / "data" / "insights.json").read_text(encoding="utf-8"))
QUESTION = "race_ethnicity"
User = get_user_model()


def seed(demo):
    rng = random.Random(2024)  # the same demo every time
    demo.users["analyst"] = _seed_analyst(demo)
    answered = _seed_answers(rng)
    scored = _seed_scores(rng)
    # The trends' months before the first night, from the demo's assignment and attendance dates.
    months = services.insights_history_reconstruct()
    # The protected figures take a while (the suppression solves linear programs): the task worker
    # calculates them once the demo is committed, as it does every night.
    services.insights_refresh_queue()
    demo.say(
        f"Insights: {answered} new self-identifications, {scored} pre/post test pairs, "
        f"{months} months of history; figures queued."
    )


def _seed_analyst(demo):
    """The equity analyst's demo account (reads /insights/)."""
    user, created = User.objects.get_or_create(
        username="analyst", defaults={"first_name": "Alma", "last_name": "Benally", "email": "analyst@city.example"}
    )
    if created:
        user.set_password(demo.password)
        user.save(update_fields=["password"])
    user.groups.add(Group.objects.get_or_create(name=settings.EQUITY_ANALYSTS_GROUP)[0])
    return user


def _pick_group(rng, exclude=()):
    groups = [(key, value["share"]) for key, value in DATA["groups"].items() if key not in exclude]
    return rng.choices([key for key, _ in groups], weights=[share for _, share in groups])[0]


def _choices_for(rng) -> Answers:
    if rng.random() < DATA["prefer_not_rate"]:
        return Answers(choices={QUESTION: {"prefer_not"}})
    groups = [_pick_group(rng)]
    if rng.random() < DATA["two_groups_rate"]:
        groups.append(_pick_group(rng, exclude=groups))
    chosen = set(groups)
    for group in groups:
        for detail, probability in DATA["groups"][group]["details"].items():
            if rng.random() < probability:
                chosen.add(detail)
                break
    write_ins = {}
    if rng.random() < DATA["write_in_rate"]:
        write_ins[QUESTION] = rng.choice(DATA["write_ins"])
    return Answers(choices={QUESTION: chosen}, write_ins=write_ins)


def _seed_answers(rng) -> int:
    done = set(SelfIdentification.objects.values_list("user_id", flat=True))
    done |= set(SelfIdentificationWithdrawal.objects.values_list("user_id", flat=True))
    created = 0
    for user in [
        e.user for e in Employee.objects.filter(active=True).select_related("user").order_by("employee_number")
    ]:
        # Drawn for everyone, so that who answers does not depend on an earlier run.
        answers = _choices_for(rng)
        wants_to = rng.random() < DATA["answer_rate"]
        if user.pk in done or not wants_to:
            continue
        services.self_identification_save(user=user, answers=answers)
        created += 1
    return created


def _seed_scores(rng) -> int:
    """Attempts at the pre-test and post-test of each course that has both, for enrolments without any.
    Written directly: the demo needs given scores, not answers to questions."""
    tests = {}
    for quiz in QuizModule.objects.filter(quiz_kind__in=[QuizModule.Kind.PRE_TEST, QuizModule.Kind.POST_TEST]):
        tests.setdefault(quiz.course_id, {})[quiz.quiz_kind] = quiz
    created = 0
    for course_id, quizzes in tests.items():
        if len(quizzes) < 2:
            continue
        pre_quiz, post_quiz = quizzes[QuizModule.Kind.PRE_TEST], quizzes[QuizModule.Kind.POST_TEST]
        enrollments = Enrollment.objects.filter(course_id=course_id).exclude(
            quiz_attempts__quiz__in=[pre_quiz, post_quiz]
        )
        for enrollment in enrollments.order_by("pk"):
            pre = min(95, max(5, round(rng.gauss(DATA["pre_test"]["mean"], DATA["pre_test"]["spread"]))))
            gain = min(1.0, max(-0.1, rng.gauss(DATA["post_test_gain"]["mean"], DATA["post_test_gain"]["spread"])))
            post = min(100, max(0, round(pre + gain * (100 - pre))))
            QuizAttempt.objects.create(enrollment=enrollment, quiz=pre_quiz, score=pre, passed=True)
            QuizAttempt.objects.create(
                enrollment=enrollment, quiz=post_quiz, score=post, passed=post >= post_quiz.pass_mark
            )
            created += 1
    return created
