from django.urls import path

from . import admin_views

app_name = "certificates_admin"

urlpatterns = [
    path("", admin_views.index, name="index"),
    path("<int:pk>/", admin_views.detail, name="detail"),
    path("<int:pk>/revoke/", admin_views.revoke, name="revoke"),
    path("<int:pk>/reissue/", admin_views.reissue, name="reissue"),
]
