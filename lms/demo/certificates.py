"""Demo certificates: the certificate settings of the site (data/certificates.json), and a
certificate for every completion the other seeders recorded, issued through
`certificates.services.certificate_issue_for_completion`. The settings are a Wagtail site setting
with no service: they are written with their model and `full_clean()`. Idempotent: issuance is once
per completion, settings are updated in place."""

from wagtail.models import Site

from certificates.models import Certificate, CertificateSettings
from certificates.services import certificate_issue_for_completion
from courses.catalogue.models import CourseCompletion

from . import loader


def seed(demo):
    """The default site's certificate settings, then the certificates of every completion."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        branding = CertificateSettings.objects.filter(site=site).first() or CertificateSettings(site=site)
        for name, value in loader.load("certificates")["settings"].items():
            setattr(branding, name, value)
        branding.full_clean()
        branding.save()
    pending = (
        CourseCompletion.objects.exclude(
            pk__in=Certificate.objects.filter(completion__isnull=False).values("completion_id")
        )
        .order_by("completed_at", "pk")
        .values_list("pk", flat=True)
    )
    issued = 0
    for completion_id in pending.iterator():
        # No e-mail for demo certificates: they describe the past.
        certificate_issue_for_completion(completion_id=completion_id, notify=False)
        issued += 1
    demo.say(f"certificates: {issued} issued, {Certificate.objects.count()} in all")
