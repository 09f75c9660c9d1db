from django.template.response import TemplateResponse

from . import translation_report as reports


def missing_translations(request):
    """Editors' report: which course texts and pages still need a translation, per language."""
    course_id = request.GET.get("course", "")
    detail = None
    if course_id.isdigit():
        found = reports.course_translation_status([int(course_id)])
        detail = found[0] if found else None
    languages = reports.other_languages()
    return TemplateResponse(
        request,
        "cms/admin/missing_translations.html",
        {
            "languages": languages,
            "courses": None if detail else reports.course_translation_status(),
            "detail": detail,
            "detail_languages": [(code, name, detail.missing.get(code, [])) for code, name in languages]
            if detail
            else [],
            "pages": None if detail else reports.pages_missing_translations(),
        },
    )
