"""factory_boy factories for the whole project. Add a factory here rather than building rows by hand."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from courses.catalogue.models import (
    Choice,
    Course,
    Enrollment,
    LiveSessionModule,
    Question,
    QuizModule,
    ReadingModule,
    ReflectionModule,
    VideoModule,
)
from courses.people.models import Department, Employee

User = get_user_model()


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda o: f"{o.username}@city.example")
    password = factory.PostGenerationMethodCall("set_password", "commonground")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            for name in extracted:
                self.groups.add(Group.objects.get_or_create(name=name)[0])
        if create:
            self.save()


class DepartmentFactory(factory.django.DjangoModelFactory):
    """Creates a root department, or a child when `parent=` is given."""

    class Meta:
        model = Department

    name = factory.Sequence(lambda n: f"Department {n}")
    code = factory.Sequence(lambda n: f"dept-{n}")

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        heads = kwargs.pop("heads", None)
        node = parent.add_child(**kwargs) if parent is not None else model_class.add_root(**kwargs)
        if heads:
            node.heads.set(heads)
        return node


class EmployeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employee

    user = factory.SubFactory(UserFactory)
    employee_number = factory.Sequence(lambda n: f"E{n:06d}")
    department = factory.SubFactory(DepartmentFactory)
    job_title = "Analyst"
    hire_date = datetime.date(2020, 1, 6)
    preferred_language = "en"


def facilitator(**kwargs):
    from django.conf import settings

    return UserFactory(groups=[settings.FACILITATORS_GROUP], **kwargs)


def training_admin(**kwargs):
    from django.conf import settings

    return UserFactory(groups=[settings.TRAINING_ADMINS_GROUP], **kwargs)


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"course-{n}")
    title = factory.Sequence(lambda n: f"Course {n}")
    summary = "A course about equity in city services."
    estimated_minutes = 45


class ReadingModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReadingModule

    course = factory.SubFactory(CourseFactory)
    title = factory.Sequence(lambda n: f"Reading {n}")
    position = factory.Sequence(lambda n: n)
    body = "<p>Structural racism describes how systems produce unequal outcomes.</p>"


class VideoModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VideoModule

    course = factory.SubFactory(CourseFactory)
    title = factory.Sequence(lambda n: f"Video {n}")
    position = factory.Sequence(lambda n: n)
    video_url = "https://video.example/equity.mp4"
    captions = factory.LazyFunction(
        lambda: ContentFile(b"WEBVTT\n\n00:00.000 --> 00:02.000\nWelcome.\n", name="captions.vtt")
    )
    transcript = "Welcome. In this video we talk about implicit bias."


class QuizModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuizModule

    course = factory.SubFactory(CourseFactory)
    title = factory.Sequence(lambda n: f"Quiz {n}")
    position = factory.Sequence(lambda n: n)
    quiz_kind = QuizModule.Kind.KNOWLEDGE_CHECK
    pass_mark = 50


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    quiz = factory.SubFactory(QuizModuleFactory)
    text = factory.Sequence(lambda n: f"Question {n}?")
    explanation = "Because equity means fair access to outcomes."
    position = factory.Sequence(lambda n: n)


class ChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Choice

    question = factory.SubFactory(QuestionFactory)
    text = factory.Sequence(lambda n: f"Choice {n}")
    is_correct = False
    position = factory.Sequence(lambda n: n)


def quiz_with_questions(course, questions=2, **kwargs):
    """A quiz with `questions` questions, each with one right and one wrong choice."""
    quiz = QuizModuleFactory(course=course, **kwargs)
    for _ in range(questions):
        question = QuestionFactory(quiz=quiz)
        ChoiceFactory(question=question, text="Right", is_correct=True)
        ChoiceFactory(question=question, text="Wrong", is_correct=False)
    return quiz


class ReflectionModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReflectionModule

    course = factory.SubFactory(CourseFactory)
    title = factory.Sequence(lambda n: f"Reflection {n}")
    position = factory.Sequence(lambda n: n)
    prompt = "Think of a time a city service was harder to reach for someone. What got in the way?"
    min_length = 20


class LiveSessionModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LiveSessionModule

    course = factory.SubFactory(CourseFactory)
    title = factory.Sequence(lambda n: f"Live session {n}")
    position = factory.Sequence(lambda n: n)
    required_attendances = 1


class EnrollmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrollment

    user = factory.SubFactory(UserFactory)
    course = factory.SubFactory(CourseFactory)
