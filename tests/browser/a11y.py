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
