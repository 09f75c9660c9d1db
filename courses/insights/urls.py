from django.urls import path

from . import insights_views, views

app_name = "insights"

urlpatterns = [
    path("self-identification/", views.self_identification, name="self_identification"),
    path("self-identification/withdraw/", views.self_identification_withdraw, name="self_identification_withdraw"),
    path("insights/", insights_views.overview, name="overview"),
    path("insights/curricula/", insights_views.curricula, name="curricula"),
    path("insights/curricula.csv", insights_views.curricula_csv, name="curricula_csv"),
    path("insights/knowledge-gain/", insights_views.knowledge_gain, name="knowledge_gain"),
    path("insights/knowledge-gain.csv", insights_views.knowledge_gain_csv, name="knowledge_gain_csv"),
    path("insights/participation/", insights_views.participation, name="participation"),
    path("insights/participation.csv", insights_views.participation_csv, name="participation_csv"),
    path("insights/representation/", insights_views.representation, name="representation"),
    path("insights/representation.csv", insights_views.representation_csv, name="representation_csv"),
    path("insights/trends/", insights_views.trends_page, name="trends"),
    path("insights/trends.csv", insights_views.trends_csv, name="trends_csv"),
    path("insights/refresh/", insights_views.refresh, name="refresh"),
    path("insights/audit/", insights_views.audit, name="audit"),
]
