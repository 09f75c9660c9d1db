from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .models import Course


@login_required
def dashboard(request):
    return render(request, "courses/dashboard.html", {})


@login_required
@require_POST
def enrol(request, slug):
    course = get_object_or_404(Course, slug=slug, is_published=True)
    _enrollment, created = services.enrollment_create(user=request.user, course=course)
    if created:
        messages.success(request, _("You are enrolled in %(course)s.") % {"course": course.title})
    return redirect("learn:course", slug=course.slug)


@login_required
def course(request, slug):
    course = get_object_or_404(Course, slug=slug, is_published=True)
    return render(request, "courses/course.html", {"course": course})
