"""From people to protected tables, in pure Python (no queries): the counting rules of the insights
pages and the relations an attacker knows between their figures.

A `Person` is one employee seen by the selectors: their department, the groups they chose for one
question (empty when they did not answer it) and the layers they count in ("c4:assigned", "g2:n", …).
Every count table is "layer × department × column": a column per group (a person counts in every group
they chose: "alone or in any combination"), "two or more groups" and "answered". A department's row
counts its whole subtree; `ALL` is the organisation.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from . import standards
from .disclosure import Model, protect

ALL = "all"  # the whole organisation: the row above the top departments
PEOPLE = "people"  # the layer of everyone who answered (the base of representation)
EVERYONE = "everyone"  # a column of a few layers that counts people who did not answer too


@dataclass(frozen=True)
class Department:
    id: int
    parent: int | None
    has_own_people: bool


@dataclass(frozen=True)
class Person:
    department: int
    groups: frozenset[str]
    layers: frozenset[str]


@dataclass
class Published:
    """Protected figures: `cells[key]` is the count, or None when suppressed."""

    cells: dict
    k: int

    def get(self, layer, department, column):
        return self.cells.get((layer, department, column))

    def has(self, layer, department, column) -> bool:
        return (layer, department, column) in self.cells


def _tree(departments: Iterable[Department]):
    children = defaultdict(list)
    for department in departments:
        children[department.parent if department.parent is not None else ALL].append(department.id)
    return children


def rows_with_answers(people: Iterable, parents: dict, min_answered: int) -> set:
    """The rows of group figures: the organisation's, and every department (a key of `parents`, which
    maps each to its parent) with at least `min_answered` people who answered in its subtree. `people`:
    anything with a department, groups and layers (a Person, or a releases.Part)."""
    answered = defaultdict(int)
    for person in people:
        if person.groups and PEOPLE in person.layers:
            node = person.department
            while node is not None:
                answered[node] += 1
                node = parents.get(node)
    return {ALL, *(department for department in parents if answered[department] >= min_answered)}


def build_model(
    *,
    departments: list[Department],
    people: list[Person],
    groups: list[str],
    layers: list[str],
    everyone_layers: Iterable[str] = (),
    subsets: Iterable[tuple[str, str]] = (),
    disjoint: Iterable[tuple[str, str, str]] = (),
    min_answered: int = 0,
) -> Model:
    """Every count of `layers` by department subtree and column, with the relations between them.

    `subsets` (small, big): a layer's people are among another's; `disjoint` (big, a, b): a and b are
    disjoint parts of big; `everyone_layers` also get an EVERYONE column counting non-answerers.

    A department whose subtree has fewer than `min_answered` people who answered gets no row of group
    columns (with `min_answered` = k every one of its counts would be below k, all suppressed): its people
    count in its parent's own part, which the attacker's relations then cover. Such rows would show
    nothing but "fewer than k" and would make the disclosure programs of a city many times bigger."""
    columns = [*groups, standards.TWO_OR_MORE, standards.ANSWERED]
    everyone_layers = set(everyone_layers)
    own = defaultdict(int)  # (layer, department, column) -> count of the department's own people
    for person in people:
        for layer in person.layers:
            if layer in everyone_layers:
                own[(layer, person.department, EVERYONE)] += 1
            if not person.groups:
                continue
            own[(layer, person.department, standards.ANSWERED)] += 1
            if len(person.groups) > 1:
                own[(layer, person.department, standards.TWO_OR_MORE)] += 1
            for group in person.groups:
                own[(layer, person.department, group)] += 1
    children = _tree(departments)
    has_own = {d.id: d.has_own_people for d in departments}
    model = Model()
    all_rows = [ALL, *(d.id for d in departments)]

    # Subtree totals, bottom-up.
    def subtree(layer, department, column, memo):
        if (department, column) not in memo:
            total = own.get((layer, department, column), 0)
            for child in children.get(department, ()):
                total += subtree(layer, child, column, memo)
            memo[(department, column)] = total
        return memo[(department, column)]

    shown = rows_with_answers(people, {d.id: d.parent for d in departments}, min_answered)

    def columns_of(layer, department):
        return [
            *(columns if department in shown else ()),
            *((EVERYONE,) if layer in everyone_layers else ()),
        ]

    for layer in layers:
        memo = {}
        for department in all_rows:
            for column in columns_of(layer, department):
                model.cell((layer, department, column), subtree(layer, department, column, memo))
        for department in all_rows:
            kids = children.get(department, ())
            shown_kids = [kid for kid in kids if kid in shown]
            own_people = department != ALL and has_own.get(department, False)
            # A row's own part: its own people and the people of its children too small for a row.
            own_part = own_people or len(shown_kids) < len(kids)
            for column in columns_of(layer, department):
                below = kids if column == EVERYONE else shown_kids
                if below:
                    terms = {(layer, department, column): 1, **{(layer, child, column): -1 for child in below}}
                    is_part = own_people if column == EVERYONE else own_part
                    (model.at_least_zero if is_part else model.equal)(terms)
            if department not in shown:
                continue
            # Group relations hold for the row and for its own part (row minus its children's rows).
            rows = [{department: 1}]
            if shown_kids and own_part:
                rows.append({department: 1, **dict.fromkeys(shown_kids, -1)})
            for row in rows:
                _group_relations(model, layer, row, groups, everyone=layer in everyone_layers)
    if min_answered > 0 and PEOPLE in layers:
        # What a row's presence tells: a department with a row has at least `min_answered` people who
        # answered in its subtree, one without has fewer.
        for department in all_rows:
            if department not in shown:
                continue
            if department != ALL:
                model.at_least_zero({(PEOPLE, department, standards.ANSWERED): 1}, -min_answered)
            kids = children.get(department, ())
            folded = [kid for kid in kids if kid not in shown]
            if folded and not has_own.get(department, False):
                terms = {(PEOPLE, department, standards.ANSWERED): -1}
                terms.update({(PEOPLE, kid, standards.ANSWERED): 1 for kid in kids if kid in shown})
                model.at_least_zero(terms, len(folded) * (min_answered - 1))
    # Layers that nest, and layers that split another, nest and split for every row and own part.
    own_parts = []
    for department in all_rows:
        shown_kids = [kid for kid in children.get(department, ()) if kid in shown]
        if department in shown:
            own_parts.append({department: 1})
            if shown_kids:
                own_parts.append({department: 1, **dict.fromkeys(shown_kids, -1)})
    for small, big in subsets:
        for row in own_parts:
            department = next(iter(row))
            for column in columns_of(small, department):
                if column in columns_of(big, department) and column != EVERYONE:
                    model.at_least_zero(
                        {
                            **{(big, d, column): sign for d, sign in row.items()},
                            **{(small, d, column): -sign for d, sign in row.items()},
                        }
                    )
        if small in everyone_layers and big in everyone_layers:
            for department in all_rows:
                model.at_least_zero({(big, department, EVERYONE): 1, (small, department, EVERYONE): -1})
    for big, a, b in disjoint:
        for row in own_parts:
            for column in columns:
                if column == standards.TWO_OR_MORE:
                    continue
                terms = defaultdict(float)
                for d, sign in row.items():
                    terms[(big, d, column)] += sign
                    terms[(a, d, column)] -= sign
                    terms[(b, d, column)] -= sign
                model.at_least_zero(dict(terms))
    return model


def _group_relations(model: Model, layer: str, row: dict, groups: list[str], *, everyone: bool) -> None:
    def expr(column, factor=1):
        return {(layer, department, column): factor * sign for department, sign in row.items()}

    def combine(*parts):
        terms = defaultdict(float)
        for part in parts:
            for key, value in part.items():
                terms[key] += value
        return dict(terms)

    answered = expr(standards.ANSWERED)
    all_groups = combine(*(expr(group) for group in groups))
    for group in groups:
        model.at_least_zero(combine(answered, expr(group, -1)))
    model.at_least_zero(combine(answered, expr(standards.TWO_OR_MORE, -1)))
    # Sum of groups − answered: at least one extra per multi-group person, at most len(groups) − 1.
    model.at_least_zero(combine(all_groups, expr(standards.ANSWERED, -1), expr(standards.TWO_OR_MORE, -1)))
    model.at_least_zero(
        combine(
            expr(standards.TWO_OR_MORE, len(groups) - 1),
            expr(standards.ANSWERED),
            {k: -v for k, v in all_groups.items()},
        )
    )
    if everyone:
        model.at_least_zero(combine(expr(EVERYONE), expr(standards.ANSWERED, -1)))


def say_enough_answered(model: Model, k: int) -> bool:
    """Whether at least k people answered in the whole organisation; its pages say so when not. The
    attacker's programs then know it too."""
    organisation = (PEOPLE, ALL, standards.ANSWERED)
    enough = model.values[organisation] >= k
    if enough:
        model.at_least_zero({organisation: 1}, -k)
    else:
        model.at_least_zero({organisation: -1}, k - 1)
    return enough


def rows_from(model: Model, k: int, max_hidden: int) -> int:
    """How many people who answered a department needs for a row of group figures: k, unless the
    model built with k has more than `max_hidden` counts below k. The attacker's programs grow much
    faster than linearly with them (a city of 20,000 people in 200 departments with five curricula has
    some 44,000, and their protection had not ended after 40 minutes), so then the departments with
    the fewest people who answered lose their rows first (their people count in their parents' own
    part), ties together, until at most `max_hidden` remain. Counted: the counts below k of the
    departments' rows and of the organisation's."""
    answered, hidden = {}, defaultdict(int)
    for key in model.counts():
        (layer, row, column), value = key, model.values[key]
        if column == EVERYONE:
            continue  # every department keeps those, whatever the threshold
        if layer == PEOPLE and column == standards.ANSWERED:
            answered[row] = value
        if value < k:
            hidden[row] += 1
    total = sum(hidden.values())
    if total <= max_hidden:
        return k
    rows = sorted((count, row) for row, count in answered.items() if row != ALL)
    for index, (count, row) in enumerate(rows):
        total -= hidden[row]
        if total <= max_hidden and (index + 1 == len(rows) or rows[index + 1][0] > count):
            return count + 1
    return max(k, rows[-1][0] + 1) if rows else k


def publish(model: Model, k: int) -> Published:
    # Each layer first, then the whole; in the whole, a curriculum's layers (and so on) with everyone's.
    suppressed = protect(model, k, part=lambda key: key[0], family=_family)
    return Published(cells={key: (None if key in suppressed else model.values[key]) for key in model.counts()}, k=k)


def add_score_sums(model: Model, layer: str, sums: dict, *, top: int) -> None:
    """What the means shown beside `layer`'s counts tell an attacker. A mean and its count give the sum
    of the scores behind them, so each count gets its sums (one per score: `sums[count key]` is a tuple
    of them; keys of other layers are ignored, and a count nobody is behind has sums of 0) as followers,
    shown and hidden with it. The sums add up as the counts do (every relation among the layer's counts
    holds for them: each is a sum over the same people, with weights from 0 to `top`), and each is at
    most `top` times its count: that is how a hidden sum bounds a hidden count from below (scores of 850
    mean at least 9 people at 100 each)."""
    keys = [key for key in model.counts() if key[0] == layer]
    own = set(keys)
    mirrored = [
        relation
        for relation in model.relations
        if relation.constant == 0 and all(key in own for key, _c in relation.terms)
    ]
    width = len(next(iter(sums.values()), ()))
    for index in range(width):
        for key in keys:
            follower = (*key, index)
            model.follower(follower, key, sums.get(key, (0,) * width)[index])
            model.at_least_zero({key: top, follower: -1})
        for relation in mirrored:
            model.relate({(*key, index): c for key, c in relation.terms}, relation.sense)


def _family(key) -> str | None:
    """The layers that bind one another most: a curriculum's ("c4:assigned", "c4:certified", …), the
    participation layers, … ; the people who answered bind them all (None)."""
    layer = key[0]
    if layer == PEOPLE:
        return None
    return layer.split(":", 1)[0]
