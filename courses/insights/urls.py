from django.urls import path

from . import views

app_name = "insights"

urlpatterns = [
    path("self-identification/", views.self_identification, name="self_identification"),
    path("self-identification/withdraw/", views.self_identification_withdraw, name="self_identification_withdraw"),
]
