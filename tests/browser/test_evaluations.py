"""The evaluation journey in a real browser, in English and in Arabic: the invitation on /learn/, the
form (an error first, then the answers), the thank-you; axe on each state and no sideways scroll on a
phone."""

import pytest

from courses.evaluations.models import EvaluationReceipt, EvaluationResponse
from tests.browser.a11y import REFLOW_WIDTH, assert_accessible, horizontal_overflow
from tests.browser.test_a11y_journeys import log_in_with_the_keyboard, tab_to
from tests.evaluations.factories import attendee, past_session
from tests.factories import EmployeeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_invited_on_learn_evaluate_and_thank_you(browser, live_server, language):
    person = EmployeeFactory(user__username="evaluator", preferred_language=language)
    session = past_session(course__title="Understanding Implicit Bias")
    attendee(session, person.user)
    context = browser.new_context(base_url=live_server.url, locale="ar" if language == "ar" else "en-US")
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        log_in_with_the_keyboard(page, "evaluator")
        assert page.evaluate("document.documentElement.dir") == ("rtl" if language == "ar" else "ltr")
        link = f"a[href='/evaluations/session/{session.pk}/']"
        assert page.locator(f"#evaluations-heading ~ ul {link}").count() == 1
        tab_to(page, link)
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/evaluations/session/{session.pk}/")
        assert page.locator("#anonymity").is_visible()
        assert_accessible(page)

        # Sent half-filled: a clear error, nothing saved.
        page.check("#id_relevance_3")
        page.click("main form.evaluation-form button[type=submit]")
        page.wait_for_selector("[role=alert]")
        assert not EvaluationResponse.objects.exists()
        assert page.locator("#id_relevance_3").is_checked()  # what they chose is kept
        assert_accessible(page)

        for name, score in [("facilitation", 4), ("recommend", 3)]:
            page.check(f"#id_{name}_{score}")
        for slot in (1, 2, 3):
            page.check(f"#id_skill_{slot}_before_1")
            page.check(f"#id_skill_{slot}_now_3")
        page.fill("#id_comment", "Más ejemplos, por favor.")
        page.set_viewport_size({"width": REFLOW_WIDTH, "height": 800})
        assert horizontal_overflow(page) == []
        tab_to(page, "main form.evaluation-form button[type=submit]")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        page.wait_for_url("**/evaluations/thanks/")
        assert_accessible(page)
        response = EvaluationResponse.objects.get()
        assert (response.relevance, response.facilitation, response.recommend) == (4, 5, 4)
        assert (response.skill_1_before, response.skill_1_now, response.comment) == (2, 4, "Más ejemplos, por favor.")
        assert EvaluationReceipt.objects.filter(user=person.user, session=session).exists()

        page.goto("/learn/")
        assert page.locator(link).count() == 0  # answered: no longer invited
    finally:
        context.close()
