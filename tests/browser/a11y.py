"""Accessibility assertions with axe-core (WCAG 2.2 AA rule set) in a real browser, and the checks axe
cannot make: target sizes, visible focus, reduced motion."""

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
MIN_TARGET = 24  # CSS px, WCAG 2.2 SC 2.5.8
_axe = Axe()


def axe_violations(page) -> list[str]:
    """One line per axe violation on the page: rule, help text and the first few elements."""
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [f"{v['id']}: {v['help']} — {[n['target'] for n in v['nodes']][:5]}" for v in results.response["violations"]]


def assert_accessible(page):
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)


# Interactive elements smaller than 24×24 CSS px. Links inside a line of text are exempt (WCAG's
# "inline" exception), as are elements the browser styles itself (the video player's controls).
_SMALL_TARGETS_JS = """(minimum) => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], '
    + '[tabindex]:not([tabindex="-1"])';
  return [...document.querySelectorAll(selector)]
    .filter(el => {
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none' || !el.getClientRects().length) return false;
      if (el.tagName === 'A' && style.display === 'inline') return false;
      return true;
    })
    .map(el => {
      const box = el.getBoundingClientRect();
      return {width: Math.round(box.width * 10) / 10, height: Math.round(box.height * 10) / 10,
              element: el.outerHTML.slice(0, 100)};
    })
    .filter(target => target.width < minimum || target.height < minimum)
    .map(target => `${target.width}×${target.height}: ${target.element}`);
}"""


def small_targets(page) -> list[str]:
    return page.evaluate(_SMALL_TARGETS_JS, MIN_TARGET)


_FOCUS_INDICATOR_JS = """() => {
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;  // web components
  if (!el || el === document.body) return '';
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  return (outline || shadow) ? 'visible' : `no focus indicator on ${el.outerHTML.slice(0, 100)}`;
}"""


def focus_indicator(page) -> str:
    """'visible' when the focused element shows an outline or a focus ring."""
    return page.evaluate(_FOCUS_INDICATOR_JS)


_MOTION_JS = """() => [...document.querySelectorAll('*')]
  .filter(el => {
    const style = getComputedStyle(el);
    const moving = (durations) => durations.split(',').some(d => parseFloat(d) > 0);
    return (style.animationName !== 'none' && moving(style.animationDuration)) || moving(style.transitionDuration);
  })
  .map(el => el.outerHTML.slice(0, 100))"""


def moving_elements(page) -> list[str]:
    """Elements that animate or transition (with prefers-reduced-motion there must be none)."""
    return page.evaluate(_MOTION_JS)


# Elements that show a state by colour (badges, status labels, swatches, bars) must also say it in
# text: their own text, or an accessible name (aria-label) for a graphic.
_STATES_WITHOUT_TEXT_JS = """() => [...document.querySelectorAll(
    '[class*="badge"], [class*="status-"], .status, [class*="state-"], .compliance-bar')]
  .filter(el => el.getClientRects().length && !el.closest('[aria-hidden=true]'))
  .filter(el => !el.textContent.trim() && !(el.getAttribute('aria-label') || '').trim())
  .map(el => el.outerHTML.slice(0, 100))"""


def states_without_text(page) -> list[str]:
    """Coloured state indicators that carry no text (colour would be the only signal)."""
    return page.evaluate(_STATES_WITHOUT_TEXT_JS)


REFLOW_WIDTH = 320  # CSS px, WCAG 2.1 SC 1.4.10: content reflows without scrolling in two directions

# When the page scrolls sideways: the elements that stick out (innermost first) and are not inside a
# container that scrolls on its own (a wide table may, WCAG's exception for two-dimensional content).
_OVERFLOW_JS = """() => {
  const root = document.documentElement;
  if (root.scrollWidth <= root.clientWidth) return [];
  const wide = [...document.querySelectorAll('body *')]
    .filter(el => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'visible');
  const culprits = wide.filter(el => !wide.some(other => other !== el && el.contains(other)));
  return [`page is ${root.scrollWidth} px wide`,
          ...culprits.map(el => el.outerHTML.slice(0, 100))];
}"""


def horizontal_overflow(page) -> list[str]:
    """Empty when the page fits its viewport's width; otherwise what makes it wider."""
    return page.evaluate(_OVERFLOW_JS)


# A box that scrolls sideways on its own (WCAG's exception for tables) must say so: keyboard users can
# reach it (tabindex=0, a named region) and everyone sees a cue (the edge shadows of .table-scroll).
_SCROLL_BOXES_JS = """() => [...document.querySelectorAll('body *')]
  .filter(el => el.scrollWidth > el.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(el).overflowX))
  .filter(el => el.tabIndex < 0 || el.getAttribute('role') !== 'region'
    || !(el.getAttribute('aria-label') || el.getAttribute('aria-labelledby'))
    || getComputedStyle(el).backgroundImage === 'none')
  .map(el => el.outerHTML.slice(0, 100))"""


def scroll_boxes_without_cue(page) -> list[str]:
    """Boxes that scroll sideways but cannot be reached by keyboard or show no cue that they scroll."""
    return page.evaluate(_SCROLL_BOXES_JS)


# Controls and links that reach past the viewport's left or right edge (cut off on a phone), other than
# those inside a box that scrolls on its own.
_CUT_OFF_JS = """() => [...document.querySelectorAll(
    'main a[href], main button, main input:not([type=hidden]), main select')]
  .filter(el => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden')
  .filter(el => !el.closest('.visually-hidden'))
  .filter(el => {
    for (let box = el.parentElement; box; box = box.parentElement) {
      if (['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) return false;
    }
    const rect = el.getBoundingClientRect();
    return rect.left < -1 || rect.right > window.innerWidth + 1;
  })
  .map(el => el.outerHTML.slice(0, 100))"""


def cut_off(page) -> list[str]:
    return page.evaluate(_CUT_OFF_JS)
