from django.conf import settings


def training_contact(request):
    """Who learners write to when they are stuck (no attempts left, a question about a course)."""
    return {"training_contact_email": settings.TRAINING_CONTACT_EMAIL}
