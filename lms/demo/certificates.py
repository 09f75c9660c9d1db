"""Demo certificates: the certificate settings of the site, and a certificate for every completion
the other seeders recorded. Idempotent: issuance is once per completion, settings are updated in place."""

from wagtail.models import Site

from certificates.models import Certificate, CertificateSettings
from certificates.services import certificate_issue_for_completion
from courses.catalogue.models import CourseCompletion


def seed(demo):
    """Demo data of this app (see people/management/commands/seed_demo.py)."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        CertificateSettings.objects.update_or_create(
            site=site,
            defaults={
                "organisation_name": "City of Common Ground",
                "issuer": "Office of Equity and Inclusion · Culture Shift",
                "primary_colour": "#1f4e79",
                "signatory_name": "Dr. Amara Okafor",
                "signatory_title": "Chief Equity Officer",
            },
        )
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
