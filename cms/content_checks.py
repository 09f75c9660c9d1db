"""Checks of editors' rich text that Wagtail's content checker makes in the browser, made on the
stored HTML so that engine content (module texts, which have no page to open the checker on) and
tests can use them: no empty heading, no skipped heading level, no link whose text says nothing."""

from html.parser import HTMLParser

# Link texts that say nothing out of context (WCAG 2.4.4), in every interface language.
VAGUE_LINK_TEXTS = {
    "click here", "here", "more", "read more", "learn more", "link", "this link", "this page",
    "aquí", "haga clic aquí", "más", "leer más", "más información",
    "đây", "nhấp vào đây", "bấm vào đây", "xem thêm", "đọc thêm",
    "这里", "点击这里", "点此", "更多", "了解更多", "阅读更多",
    "هنا", "انقر هنا", "اضغط هنا", "المزيد", "اقرأ المزيد", "اعرف المزيد",
}  # fmt: skip


class _Outline(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings = []  # (level, text)
        self.links = []  # text
        self._heading = None
        self._link = None

    def handle_starttag(self, tag, attrs):
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self._heading = [int(tag[1]), ""]
        elif tag == "a":
            self._link = ""

    def handle_endtag(self, tag):
        if self._heading is not None and tag == f"h{self._heading[0]}":
            self.headings.append((self._heading[0], self._heading[1].strip()))
            self._heading = None
        elif tag == "a" and self._link is not None:
            self.links.append(self._link.strip())
            self._link = None

    def handle_data(self, data):
        if self._heading is not None:
            self._heading[1] += data
        if self._link is not None:
            self._link += data


def rich_text_problems(html: str, *, top_level: int = 2) -> list[str]:
    """What is wrong with this rich text, as sentences; [] when nothing. `top_level` is the highest
    heading level the text may use (2 below a page's h1)."""
    outline = _Outline()
    outline.feed(html or "")
    problems = []
    previous = top_level - 1
    for level, text in outline.headings:
        if not text:
            problems.append(f"empty h{level}")
        if level < top_level:
            problems.append(f"h{level} “{text}” above the page's own heading level (h{top_level})")
        elif level > previous + 1:
            problems.append(f"h{level} “{text}” skips a level after h{previous}")
        previous = level
    for text in outline.links:
        if not text:
            problems.append("link without text")
        elif text.lower().strip(" .…:!") in VAGUE_LINK_TEXTS:
            problems.append(f"link text “{text}” does not say where it leads")
    return problems
