"""Evaluation figures, in pure Python (no queries): means, distributions and the before/now shift.

The unit of publication is a session (or, for a course evaluated on completion, the course's
completion responses). A unit with fewer than MIN_RESPONSES responses is in no figure at all — not
its own, nor its series', course's or facilitator's — until it reaches MIN_RESPONSES. Every published
figure is then a sum over units that are themselves published, so subtracting one published figure
from another never reveals a unit below the threshold. Counts in a distribution follow the disclosure
k of the insights pages: below k they read "fewer than k", and a second cell is hidden with a lone
one so that the row's total does not give it away.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MIN_RESPONSES = 5
SCORES = (1, 2, 3, 4, 5)
QUESTIONS = (
    ("relevance", gettext_lazy("Relevance to my work")),
    ("facilitation", gettext_lazy("Facilitation")),
    ("recommend", gettext_lazy("Would recommend")),
)
DEFAULT_SKILLS = (
    gettext_lazy("Recognising racism and bias in my work"),
    gettext_lazy("Talking about race and equity with colleagues and the public"),
    gettext_lazy("Changing a practice of my team to make it more equitable"),
)


def mean(values) -> float | None:
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


@dataclass
class Summary:
    """The figures of one published group of responses (a list of answer dicts)."""

    n: int
    means: dict[str, float | None]
    distributions: dict[str, dict[int, int]]
    skills: list[tuple[float | None, float | None, float | None]]  # (mean before, mean now, shift)
    comments: list[str] = field(default_factory=list)


def summarise(responses: list[dict], skill_count: int = 3) -> Summary:
    means, distributions = {}, {}
    for key, _label in QUESTIONS:
        values = [r[key] for r in responses if r.get(key) is not None]
        means[key] = mean(values)
        distributions[key] = {score: sum(1 for v in values if v == score) for score in SCORES}
    skills = []
    for slot in range(1, skill_count + 1):
        pairs = [
            (r[f"skill_{slot}_before"], r[f"skill_{slot}_now"])
            for r in responses
            if r.get(f"skill_{slot}_before") is not None and r.get(f"skill_{slot}_now") is not None
        ]
        before, now = mean(b for b, _n in pairs), mean(n for _b, n in pairs)
        skills.append((before, now, None if before is None else now - before))
    comments = [r["comment"] for r in responses if r.get("comment")]
    return Summary(n=len(responses), means=means, distributions=distributions, skills=skills, comments=comments)


def published_units(responses: list[dict], unit_of) -> set:
    """The units with at least MIN_RESPONSES responses."""
    counts: dict = {}
    for response in responses:
        unit = unit_of(response)
        counts[unit] = counts.get(unit, 0) + 1
    return {unit for unit, count in counts.items() if count >= MIN_RESPONSES}


def show_mean(value) -> str:
    return "—" if value is None else f"{value:.2f}"


def show_shift(value) -> str:
    return "—" if value is None else f"{value:+.2f}"


def protected_counts(counts: list[int], k: int) -> list[int | None]:
    """A row of counts whose total is published: counts below k hidden (None); when only one is hidden,
    the smallest other one is hidden with it, so the total does not reveal it."""
    hidden = {i for i, count in enumerate(counts) if 0 < count < k}
    if len(hidden) == 1:
        others = sorted((count, i) for i, count in enumerate(counts) if i not in hidden)
        if others:
            hidden.add(others[0][1])
    return [None if i in hidden else count for i, count in enumerate(counts)]


def show_count(value, k: int) -> str:
    return _("fewer than %(k)s") % {"k": k} if value is None else str(value)
