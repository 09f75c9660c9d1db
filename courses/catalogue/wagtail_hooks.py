from wagtail import hooks

from .viewsets import (
    CourseViewSet,
    LiveSessionModuleViewSet,
    QuizModuleViewSet,
    ReadingModuleViewSet,
    ReflectionModuleViewSet,
    VideoModuleViewSet,
)


@hooks.register("register_admin_viewset")
def register_course_viewsets():
    return [
        CourseViewSet("courses", url_prefix="courses"),
        ReadingModuleViewSet("course_readings", url_prefix="courses/readings"),
        VideoModuleViewSet("course_videos", url_prefix="courses/videos"),
        QuizModuleViewSet("course_quizzes", url_prefix="courses/quizzes"),
        ReflectionModuleViewSet("course_reflections", url_prefix="courses/reflections"),
        LiveSessionModuleViewSet("course_live_sessions", url_prefix="courses/live-sessions"),
    ]
