from django.urls import path

from . import views

app_name = "learn"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("<slug:slug>/", views.course, name="course"),
    path("<slug:slug>/enrol/", views.enrol, name="enrol"),
    path("<slug:slug>/complete/", views.completed, name="completed"),
    path("<slug:slug>/<int:module_id>/", views.module, name="module"),
    path("<slug:slug>/<int:module_id>/done/", views.module_done, name="module_done"),
    path("<slug:slug>/<int:module_id>/quiz/", views.quiz_submit, name="quiz_submit"),
    path("<slug:slug>/<int:module_id>/attempts/<int:attempt_id>/", views.attempt, name="attempt"),
    path("<slug:slug>/<int:module_id>/reflection/", views.reflection_save, name="reflection_save"),
]
