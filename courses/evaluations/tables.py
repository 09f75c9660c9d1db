"""Evaluation figures as tables of display strings, so that a page and its CSV export say the same."""

from django.utils.translation import gettext as _

from courses.insights.reports import Row, Table

from . import figures
from .selectors import Group


def too_few() -> str:
    return _("fewer than %(n)s responses — figures appear at %(n)s") % {"n": figures.MIN_RESPONSES}


def overview_table(slug: str, caption: str, name_heading: str, groups: list[Group]) -> Table:
    header = [name_heading, _("Responses"), *(str(label) + " " + _("(mean, 1–5)") for _key, label in figures.QUESTIONS)]
    rows = []
    for group in groups:
        if group.summary is None:
            rows.append(Row(label=group.label, cells=[too_few(), "—", "—", "—"]))
            continue
        means = [figures.show_mean(group.summary.means[key]) for key, _label in figures.QUESTIONS]
        rows.append(Row(label=group.label, cells=[str(group.summary.n), *means]))
    return Table(slug=slug, caption=caption, header=header, rows=rows)


def answers_table(group: Group, k: int) -> Table:
    header = [_("Question"), _("Answers"), _("Mean"), *(str(score) for score in figures.SCORES)]
    rows = []
    for key, label in figures.QUESTIONS:
        counts = [group.summary.distributions[key][score] for score in figures.SCORES]
        answered = sum(counts)
        if not answered:
            continue
        shown = figures.protected_counts(counts, k)
        rows.append(
            Row(
                label=str(label),
                cells=[
                    str(answered),
                    figures.show_mean(group.summary.means[key]),
                    *(figures.show_count(c, k) for c in shown),
                ],
            )
        )
    return Table(
        slug="answers",
        caption=_("%(name)s — answers (1 = not at all, 5 = very much)") % {"name": group.label},
        header=header,
        rows=rows,
    )


def skills_table(group: Group) -> Table:
    rows = [
        Row(label=skill, cells=[figures.show_mean(before), figures.show_mean(now), figures.show_shift(shift)])
        for skill, (before, now, shift) in zip(group.skills, group.summary.skills, strict=True)
    ]
    return Table(
        slug="skills",
        caption=_("%(name)s — skills, self-rated before and now (1–5)") % {"name": group.label},
        header=[_("Skill"), _("Mean before"), _("Mean now"), _("Shift")],
        rows=rows,
    )


def comments_table(group: Group) -> Table:
    return Table(
        slug="comments",
        caption=_("%(name)s — comments (unattributed, in random order)") % {"name": group.label},
        header=[_("Comment")],
        rows=[Row(label=comment, cells=[]) for comment in group.summary.comments],
    )


def detail(group: Group, k: int) -> dict:
    """The tables of one group with published figures."""
    if group.summary is None:
        return {"group": group, "tables": []}
    return {"group": group, "tables": [answers_table(group, k), skills_table(group)], "comments": comments_table(group)}
