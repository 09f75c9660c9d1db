from django.urls import path

from . import views

app_name = "learn"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("<slug:slug>/enrol/", views.enrol, name="enrol"),
    path("<slug:slug>/", views.course, name="course"),
]
