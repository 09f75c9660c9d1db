"""Disclosure control: suppression of small counts and of the complementary cells that would reveal them,
and the attacker's linear programs (an audit solved here independently of the module's own)."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from courses.insights import standards
from courses.insights.disclosure import Model, protect, ranges
from courses.insights.tables import (
    ALL,
    EVERYONE,
    PEOPLE,
    Department,
    Person,
    add_score_sums,
    build_model,
    publish,
    rows_from,
    say_enough_answered,
)

GROUPS = ["a", "b", "c", standards.PREFER_NOT]
LAYERS = [PEOPLE, "c1:assigned", "c1:certified", "c1:overdue"]
SUBSETS = [("c1:assigned", PEOPLE), ("c1:certified", "c1:assigned"), ("c1:overdue", "c1:assigned")]
DISJOINT = [("c1:assigned", "c1:certified", "c1:overdue")]


# The attacker ------------------------------------------------------------------------------------------


def _dense(rows, n):
    """(coefficients dict, rhs) rows as a dense matrix over n unknowns and the right-hand sides."""
    matrix = np.zeros((len(rows), n))
    for r, (terms, _rhs) in enumerate(rows):
        for i, v in terms.items():
            matrix[r, i] += v
    return matrix, np.array([rhs for _t, rhs in rows])


def attacker_intervals(departments, published, k):
    """For each suppressed cell, min and max over every table of non-negative values that agree with every
    published figure and with what anyone knows of the organisation: subtrees are children plus own
    people, a group count is at most the number who answered, and the layers nest."""
    keys = sorted(published, key=repr)
    position = {key: i for i, key in enumerate(keys)}
    n = len(keys)
    eq, ub = [], []  # rows of (coefficients dict, rhs): sum == rhs / sum <= rhs

    def le(terms, rhs=0.0):
        ub.append((terms, rhs))

    children = {}
    for d in departments:
        children.setdefault(d.parent if d.parent is not None else ALL, []).append(d)
    rows = [ALL, *(d.id for d in departments)]
    own_people = {d.id: d.has_own_people for d in departments}
    columns = [*GROUPS, standards.TWO_OR_MORE, standards.ANSWERED]
    for layer in LAYERS:
        for row in rows:
            kids = [c.id for c in children.get(row, [])]
            for column in columns:
                if kids:
                    terms = {position[(layer, c, column)]: 1.0 for c in kids}
                    terms[position[(layer, row, column)]] = -1.0
                    if own_people.get(row, False):
                        le(terms)  # children <= parent
                    else:
                        eq.append((terms, 0.0))
            own_row = [{row: 1.0, **dict.fromkeys(kids, -1.0)}] if kids and own_people.get(row) else []
            for signs in [{row: 1.0}, *own_row]:

                def x(column, signs=signs, layer=layer):
                    return {position[(layer, r, column)]: s for r, s in signs.items()}

                def add(*parts):
                    out = {}
                    for factor, part in parts:
                        for i, v in part.items():
                            out[i] = out.get(i, 0.0) + factor * v
                    return out

                groups_sum = add(*[(1, x(g)) for g in GROUPS])
                for g in GROUPS:
                    le(add((1, x(g)), (-1, x(standards.ANSWERED))))
                le(add((1, x(standards.TWO_OR_MORE)), (-1, x(standards.ANSWERED))))
                le(add((-1, groups_sum), (1, x(standards.ANSWERED)), (1, x(standards.TWO_OR_MORE))))
                le(add((1, groups_sum), (-1, x(standards.ANSWERED)), (-(len(GROUPS) - 1), x(standards.TWO_OR_MORE))))
    for small, big in SUBSETS:
        for row in rows:
            for column in columns:
                le({position[(small, row, column)]: 1.0, position[(big, row, column)]: -1.0})
    for big, a, b in DISJOINT:
        for row in rows:
            for column in [*GROUPS, standards.ANSWERED]:
                parts = {position[(a, row, column)]: 1.0, position[(b, row, column)]: 1.0}
                le({**parts, position[(big, row, column)]: -1.0})

    a_eq, b_eq = _dense(eq, n) if eq else (None, None)
    a_ub, b_ub = _dense(ub, n)
    bounds = [(published[key], published[key]) if published[key] is not None else (0, None) for key in keys]
    intervals = {}
    for key in keys:
        if published[key] is not None:
            continue
        c = np.zeros(n)
        c[position[key]] = 1
        low = linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        high = linprog(-c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        assert low.status == 0, low.message
        intervals[key] = (low.fun, np.inf if high.status == 3 else -high.fun)
    return intervals


# Random organisations ----------------------------------------------------------------------------------


@st.composite
def organisations(draw):
    size = draw(st.integers(min_value=1, max_value=5))
    parents = [None] + [draw(st.sampled_from([None, *range(1, i + 1)])) for i in range(1, size)]
    n_people = draw(st.integers(min_value=0, max_value=90))
    people = []
    for _ in range(n_people):
        department = draw(st.integers(min_value=1, max_value=size))
        answer = draw(st.sampled_from(["none", "one", "one", "one", "two", "prefer"]))
        if answer == "none":
            groups = frozenset()
        elif answer == "prefer":
            groups = frozenset({standards.PREFER_NOT})
        elif answer == "one":
            groups = frozenset({draw(st.sampled_from(["a", "a", "b", "c"]))})
        else:
            groups = frozenset(draw(st.sets(st.sampled_from(["a", "b", "c"]), min_size=2, max_size=3)))
        status = draw(st.sampled_from(["none", "assigned", "certified", "overdue", "certified"]))
        layers = {PEOPLE}
        if status != "none":
            layers.add("c1:assigned")
        if status in ("certified", "overdue"):
            layers.add(f"c1:{status}")
        people.append(Person(department=department, groups=groups, layers=frozenset(layers)))
    departments = [
        Department(id=i + 1, parent=parents[i], has_own_people=any(p.department == i + 1 for p in people))
        for i in range(size)
    ]
    k = draw(st.sampled_from([5, 10]))
    return departments, people, k


def _model(departments, people):
    return build_model(
        departments=departments, people=people, groups=GROUPS, layers=LAYERS, subsets=SUBSETS, disjoint=DISJOINT
    )


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(organisations())
def test_no_suppressed_cell_is_pinned_or_narrowed_below_half_of_k(organisation):
    departments, people, k = organisation
    published = publish(_model(departments, people), k).cells

    for key, (low, high) in attacker_intervals(departments, published, k).items():
        assert high - low >= k / 2 - 1e-6, f"{key} narrowed to [{low}, {high}] (k={k})"


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(organisations())
def test_every_count_below_k_is_suppressed_and_the_rest_are_true(organisation):
    departments, people, k = organisation
    model = _model(departments, people)
    published = publish(model, k).cells

    for key, value in model.values.items():
        if value < k:
            assert published[key] is None
        else:
            assert published[key] in (None, value)


def atom_intervals(
    departments,
    published,
    k,
    *,
    min_answered,
    layers=LAYERS,
    subsets=SUBSETS,
    everyone_layers=(),
    sums=None,
    top=100,
    enough_answered=None,
):
    """A stronger attacker, written from the organisation rather than from the tables: the unknowns are each
    department's own counts; every published figure is their sum over a subtree; each department's own
    counts keep the group rules, and its layers nest and split; a department shown as a row has at least
    `min_answered` people who answered in its subtree, one without a row fewer.

    With `sums` ({count key: (sum of scores, …)} where the count and its means are shown), each own count
    of a layer with scores also has its own sums of scores, from 0 to `top` times the count, keeping the
    group rules too, and every shown sum is theirs over a subtree. With `enough_answered` (True or False),
    the attacker knows whether at least k answered in the whole organisation, as its pages say."""
    ids = [d.id for d in departments]
    parent = {d.id: d.parent for d in departments}

    def under(row):
        if row == ALL:
            return ids
        found = []
        for d in ids:
            node = d
            while node is not None and node != row:
                node = parent[node]
            if node == row:
                found.append(d)
        return found

    columns = [*GROUPS, standards.TWO_OR_MORE, standards.ANSWERED]
    sums = sums or {}
    width = len(next(iter(sums.values()), ()))
    scored = {key[0] for key in sums}

    def columns_of(layer):
        return [*columns, EVERYONE] if layer in everyone_layers else columns

    figures = [(layer, ()) for layer in layers] + [(layer, (i,)) for layer in sorted(scored) for i in range(width)]
    atoms = [(layer, d, column, *i) for layer, i in figures for d in ids for column in columns_of(layer)]
    position = {atom: i for i, atom in enumerate(atoms)}
    n = len(atoms)

    def total(layer, row, column, *i):
        return {position[(layer, d, column, *i)]: 1.0 for d in under(row)}

    eq, ub = [], []
    for (layer, row, column), value in published.items():
        if value is not None:
            eq.append((total(layer, row, column), float(value)))
            for i, figure in enumerate(sums.get((layer, row, column), ())):
                eq.append((total(layer, row, column, i), float(figure)))
    for layer, i in figures:
        for d in ids:
            atom = {column: position[(layer, d, column, *i)] for column in columns_of(layer)}
            answered, two = atom[standards.ANSWERED], atom[standards.TWO_OR_MORE]
            for group in GROUPS:
                ub.append(({atom[group]: 1.0, answered: -1.0}, 0.0))
            ub.append(({two: 1.0, answered: -1.0}, 0.0))
            ub.append(({**{atom[g]: -1.0 for g in GROUPS}, answered: 1.0, two: 1.0}, 0.0))
            ub.append(({**{atom[g]: 1.0 for g in GROUPS}, answered: -1.0, two: -(len(GROUPS) - 1.0)}, 0.0))
            if EVERYONE in atom:
                ub.append(({answered: 1.0, atom[EVERYONE]: -1.0}, 0.0))
            for column in atom if i else ():  # a sum of scores: at most `top` per person counted
                ub.append(({atom[column]: 1.0, position[(layer, d, column)]: -float(top)}, 0.0))
    for d in ids:
        for column in columns:
            for small, big in subsets:
                ub.append(({position[(small, d, column)]: 1.0, position[(big, d, column)]: -1.0}, 0.0))
            if column != standards.TWO_OR_MORE:
                for big, a, b in DISJOINT:
                    terms = {position[(a, d, column)]: 1.0, position[(b, d, column)]: 1.0}
                    ub.append(({**terms, position[(big, d, column)]: -1.0}, 0.0))
        answered = total(PEOPLE, d, standards.ANSWERED)
        if d == ids[0] and enough_answered is not None:
            everyone = total(PEOPLE, ALL, standards.ANSWERED)
            if enough_answered:
                ub.append(({i: -v for i, v in everyone.items()}, -float(k)))
            else:
                ub.append((everyone, float(k - 1)))
        if (PEOPLE, d, standards.ANSWERED) in published:
            ub.append(({i: -v for i, v in answered.items()}, -float(min_answered)))
        else:
            ub.append((answered, float(min_answered - 1)))

    a_eq, b_eq = _dense(eq, n) if eq else (None, None)
    a_ub, b_ub = _dense(ub, n)
    intervals = {}
    for (layer, row, column), value in published.items():
        if value is not None:
            continue
        c = np.zeros(n)
        for i, v in total(layer, row, column).items():
            c[i] = v
        low = linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        high = linprog(-c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        assert low.status == 0, low.message
        intervals[(layer, row, column)] = (low.fun, np.inf if high.status == 3 else -high.fun)
    return intervals


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(organisations())
def test_departments_too_small_for_a_row_leave_no_suppressed_cell_narrowed(organisation):
    """With rows only for departments where at least k answered (as the insights pages build them), an
    attacker who knows every department's own counts, which departments have a row and whether k answered
    in the whole organisation still cannot narrow any suppressed cell below k / 2."""
    departments, people, k = organisation
    model = build_model(
        departments=departments,
        people=people,
        groups=GROUPS,
        layers=LAYERS,
        subsets=SUBSETS,
        disjoint=DISJOINT,
        min_answered=k,
    )
    enough = say_enough_answered(model, k)
    published = publish(model, k).cells
    answered = {d.id: 0 for d in departments}
    for person in people:
        if person.groups:
            answered[person.department] += 1
    for d in departments:  # a row exactly where the subtree has k people who answered
        subtree = sum(answered[other.id] for other in departments if _is_under(departments, other.id, d.id))
        assert ((PEOPLE, d.id, standards.ANSWERED) in published) == (subtree >= k)

    assert enough == (sum(answered.values()) >= k)
    for key, (low, high) in atom_intervals(departments, published, k, min_answered=k, enough_answered=enough).items():
        assert high - low >= k / 2 - 1e-6, f"{key} narrowed to [{low}, {high}] (k={k})"


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(organisations())
def test_rows_folded_to_bound_the_work_leave_no_suppressed_cell_narrowed(organisation):
    """In an organisation with too many counts below k for the programs (tables.rows_from), the
    departments with the fewest answers lose their rows until at most the limit remain; an attacker who
    knows every department's own counts and the threshold still cannot narrow any suppressed cell."""
    departments, people, k = organisation
    shape = {"departments": departments, "people": people, "groups": GROUPS, "layers": LAYERS}
    shape.update(subsets=SUBSETS, disjoint=DISJOINT)
    first = build_model(**shape, min_answered=k)
    hidden = sum(1 for value in first.values.values() if value < k)
    threshold = rows_from(first, k, hidden // 2)
    model = build_model(**shape, min_answered=threshold)
    published = publish(model, k).cells

    assert threshold >= k
    if hidden // 2 >= len(LAYERS) * (len(GROUPS) + 2):  # more than the organisation's own row could hold
        assert sum(1 for value in model.values.values() if value < k) <= hidden // 2
    for key, (low, high) in atom_intervals(departments, published, k, min_answered=threshold).items():
        assert high - low >= k / 2 - 1e-6, f"{key} narrowed to [{low}, {high}] (k={k}, rows from {threshold})"


GAIN = "g1:n"
SCORES = [0, 35, 70, 90, 100]


@st.composite
def organisations_with_scores(draw):
    """Random organisations where some people took a course's pre- and post-test (scores high or low, so
    that sums of scores bound the counts behind them hard)."""
    departments, people, k = draw(organisations())
    scored, scores = [], []
    for person in people:
        if draw(st.booleans()):
            scored.append(Person(department=person.department, groups=person.groups, layers=person.layers | {GAIN}))
            scores.append((draw(st.sampled_from(SCORES)), draw(st.sampled_from(SCORES))))
        else:
            scored.append(person)
            scores.append(None)
    return departments, scored, scores, k


def score_sums(departments, people, scores):
    """{(GAIN, row, column): (sum of pre scores, sum of post scores)}, counted up the tree."""
    parent = {d.id: d.parent for d in departments}
    sums = {}
    for person, score in zip(people, scores, strict=True):
        if score is None:
            continue
        columns = [EVERYONE]
        if person.groups:
            columns += [standards.ANSWERED, *person.groups]
            if len(person.groups) > 1:
                columns.append(standards.TWO_OR_MORE)
        node, rows = person.department, [ALL]
        while node is not None:
            rows.append(node)
            node = parent[node]
        for row in rows:
            for column in columns:
                pre, post = sums.get((GAIN, row, column), (0, 0))
                sums[(GAIN, row, column)] = (pre + score[0], post + score[1])
    return sums


def _scored_model(departments, people, scores, k):
    model = build_model(
        departments=departments,
        people=people,
        groups=GROUPS,
        layers=[*LAYERS, GAIN],
        everyone_layers=[GAIN],
        subsets=[*SUBSETS, (GAIN, PEOPLE)],
        disjoint=DISJOINT,
        min_answered=k,
    )
    sums = score_sums(departments, people, scores)
    add_score_sums(model, GAIN, sums, top=100)
    return model, sums


def _scored_intervals(departments, published, sums, k):
    shown = {key: value for key, value in sums.items() if published.get(key) is not None}
    return atom_intervals(
        departments,
        published,
        k,
        min_answered=k,
        layers=[*LAYERS, GAIN],
        subsets=[*SUBSETS, (GAIN, PEOPLE)],
        everyone_layers=[GAIN],
        sums=shown,
    )


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(organisations_with_scores())
def test_the_sums_of_scores_behind_shown_means_narrow_no_suppressed_cell(organisation):
    """A mean shown beside a count gives the sum of the scores behind it; sums add up the tree and each is
    at most 100 per person. An attacker who uses them as well still cannot narrow a suppressed count."""
    departments, people, scores, k = organisation
    model, sums = _scored_model(departments, people, scores, k)
    published = publish(model, k).cells
    assert all(len(key) == 3 for key in published), "sums are never published as cells"

    for key, (low, high) in _scored_intervals(departments, published, sums, k).items():
        assert high - low >= k / 2 - 1e-6, f"{key} narrowed to [{low}, {high}] (k={k})"


def test_the_departments_with_fewest_answers_lose_their_rows_first_and_ties_together():
    """Rows: the organisation and City (54 answered), A and B (12 each), C (30). Counts below 10: two in
    each department's row (a group nobody chose, "two or more"), one in City's and one in the
    organisation's: 8 in all."""
    departments = [Department(1, None, False), *(Department(pk, 1, True) for pk in (2, 3, 4))]
    people = [
        *(Person(department=2, groups=frozenset({"a"}), layers=frozenset({PEOPLE})) for _ in range(12)),
        *(Person(department=3, groups=frozenset({"b"}), layers=frozenset({PEOPLE})) for _ in range(12)),
        *(Person(department=4, groups=frozenset({"a"}), layers=frozenset({PEOPLE})) for _ in range(30)),
    ]
    model = build_model(departments=departments, people=people, groups=["a", "b"], layers=[PEOPLE], min_answered=10)

    assert sum(1 for value in model.values.values() if value < 10) == 8
    assert rows_from(model, 10, 8) == 10, "within the limit: every department with k answers has a row"
    assert rows_from(model, 10, 7) == 13, "A and B (12 answers each) go together"
    assert rows_from(model, 10, 4) == 13
    assert rows_from(model, 10, 3) == 31, "then C"
    assert rows_from(model, 10, 0) == 55, "never the organisation's own row"


def _is_under(departments, department, ancestor):
    parent = {d.id: d.parent for d in departments}
    node = department
    while node is not None:
        if node == ancestor:
            return True
        node = parent[node]
    return False


# Small cases by hand --------------------------------------------------------------------------------------


def test_the_audit_finds_a_cell_that_primary_suppression_alone_leaves_pinned():
    model = Model()
    for key, value in {"x": 3, "y": 40, "total": 43}.items():
        model.cell(key, value)
    model.equal({"total": 1, "x": -1, "y": -1})

    assert ranges(model, {"x"}) == {"x": pytest.approx((3, 3))}
    assert protect(model, 10) == {"x", "y"}
    assert ranges(model, {"x", "y"})["x"] == pytest.approx((0, 43))


def test_what_follows_a_count_is_hidden_with_it_and_its_relations_are_audited():
    """Sums of scores follow their counts: hidden with them (never on their own, whatever their value), never
    published as cells, never chosen as partners, yet the audit solves their relations too. Here the sums
    say x's 9 people scored 900, so x is at least 9 of at most 12: narrowed. Hiding q or total (and its sum)
    frees x's sum."""
    model = Model()
    for key, value in {"x": 9, "y": 3, "total": 12, "q": 30}.items():
        model.cell(key, value)
    model.equal({"total": 1, "x": -1, "y": -1})
    for key, value in {"x": 900, "y": 0, "total": 1800, "q": 900}.items():
        model.follower(("sum", key), key, value)
        model.at_least_zero({key: 100, ("sum", key): -1})
    model.equal({("sum", "total"): 1, ("sum", "q"): -1, ("sum", "x"): -1})

    primary = {"x", "y", ("sum", "x"), ("sum", "y")}  # y: its partner in total = x + y
    assert ranges(model, primary)["x"] == pytest.approx((9, 12))
    hidden = protect(model, 10)
    assert primary < hidden and hidden & {"q", "total"}, "a partner from the relation of sums"
    assert {key for key in hidden if key in model.follows} == {("sum", key) for key in hidden if key in model.counts()}
    intervals = ranges(model, hidden)
    assert all(intervals[key][1] - intervals[key][0] >= 5 for key in hidden - set(model.follows))


def test_a_small_partner_is_not_enough_and_another_cell_is_hidden():
    model = Model()
    for key, value in {"x": 1, "y": 1, "z": 50, "total": 52}.items():
        model.cell(key, value)
    model.equal({"total": 1, "x": -1, "y": -1, "z": -1})

    suppressed = protect(model, 10)
    assert suppressed == {"x", "y", "z"}
    assert all(high - low >= 5 for low, high in ranges(model, suppressed).values())


def test_a_cell_shown_in_two_tables_must_carry_one_value():
    model = Model()
    model.cell("x", 3)
    with pytest.raises(ValueError):
        model.cell("x", 4)
