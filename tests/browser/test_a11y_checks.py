"""The checks beyond axe catch what they are meant to catch (on synthetic pages, no server needed)."""

import pytest

from tests.browser.a11y import focus_indicator, horizontal_overflow, moving_elements, small_targets, states_without_text

pytestmark = pytest.mark.browser


@pytest.fixture
def blank(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def test_small_targets_finds_a_tiny_button_but_not_a_link_in_a_sentence(blank):
    blank.set_content(
        '<p>Read <a href="/x">the guide</a> first.</p>'
        '<button style="width:16px;height:16px;padding:0">x</button>'
        '<a href="/y" style="display:inline-block;min-height:24px;min-width:24px">ok</a>'
    )

    found = small_targets(blank)

    assert len(found) == 1 and "<button" in found[0]


def test_focus_indicator_tells_a_missing_outline(blank):
    blank.set_content(
        "<style>button{outline:none;box-shadow:none}.ring:focus{outline:3px solid black}</style>"
        '<button id="bare">bare</button><button id="ring" class="ring">ring</button>'
    )

    blank.focus("#bare")
    bare = focus_indicator(blank)
    blank.focus("#ring")

    assert bare.startswith("no focus indicator")
    assert focus_indicator(blank) == "visible"


def test_focus_indicator_looks_inside_web_components(blank):
    blank.set_content(
        "<style>button{outline:none;box-shadow:none}</style><div id=host></div><script>"
        "const root = document.getElementById('host').attachShadow({mode: 'open'});"
        "root.innerHTML = '<style>button{outline:none;box-shadow:none}</style><button>in</button>';"
        "</script>"
    )

    blank.focus("#host >> button")

    assert focus_indicator(blank).startswith("no focus indicator on <button>in")


def test_moving_elements_finds_a_transition(blank):
    blank.set_content('<div style="transition: opacity 0.3s">fades</div><p>still</p>')

    assert len(moving_elements(blank)) == 1


def test_states_without_text_finds_a_coloured_dot_but_not_a_labelled_badge(blank):
    blank.set_content(
        '<span class="badge badge-ok">Booked</span>'
        '<span class="status-overdue" style="background:red;display:inline-block;width:1em;height:1em"></span>'
        '<div class="compliance-bar" role="img" aria-label="50% compliant"><span class="segment"></span></div>'
        '<span class="swatch state-late" aria-hidden="true"></span>'
    )

    found = states_without_text(blank)

    assert len(found) == 1 and "status-overdue" in found[0]


def test_horizontal_overflow_finds_a_wide_block_but_not_a_table_that_scrolls_on_its_own(blank):
    blank.set_viewport_size({"width": 320, "height": 600})
    blank.set_content(
        '<div style="overflow-x:auto"><table><tr><td style="min-width:600px">wide</td></tr></table></div>'
    )
    fits = horizontal_overflow(blank)
    blank.set_content('<div class="form"><p class="long" style="width:500px">too wide</p></div>')

    assert fits == []
    found = horizontal_overflow(blank)
    assert found[0] == "page is 508 px wide" and 'class="long"' in found[1]
