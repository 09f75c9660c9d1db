"""Release control: comparing two releases of the figures must not reveal one person's change.

The rules (courses/insights/releases.py) on small hand-made organisations, then an independent attacker
on random ones: it knows every sum of every published row of two consecutive releases (more than the
pages show: no cell suppressed), exactly who changed in which layer and that everyone else did not (but
not how anyone's answers changed: knowing that is knowing the answers), and asks by linear algebra
whether any one person's change follows from that.
"""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from courses.insights import releases
from courses.insights.releases import ALL, EVERYONE, GROUPS, WITHDRAWN, Member, Part

K = 5
PEOPLE = "people"
CERTIFIED = "c1:certified"
GAIN = "g1:n"
# City (1) > Water (2) > Lab (3); City > Parks (4)
PARENTS = {1: None, 2: 1, 3: 2, 4: 1}


def gain_layer(course_id):
    return f"g{course_id}:n"


def control(old, new, *, parents=PARENTS, k=K, everyone=(GAIN,)):
    return releases.control(
        old=old,
        new=new,
        parents=parents,
        departments=list(parents),
        min_answered=k,
        everyone_layers=everyone,
        gain_layer=gain_layer,
        k=k,
    )


def person(department, groups=("a",), layers=(PEOPLE,), scores=()):
    return Part(department=department, groups=frozenset(groups), layers=frozenset(layers), scores=tuple(scores))


def publish(old, new, **kwargs):
    """One night: the release, and what the next night compares with."""
    release = control(old, new, **kwargs)
    return release, releases.members(release, old, kwargs.get("parents", PARENTS))


def water_and_parks():
    people = {i: person(2, groups=("a",) if i % 2 else ("b",)) for i in range(20)}
    people.update({100 + i: person(4, groups=("a",)) for i in range(12)})
    return people


def test_a_first_release_publishes_everyone():
    people = water_and_parks()
    release, members = publish({}, people)
    assert release.population == people and release.deferred == 0
    assert release.rows[GROUPS] == {ALL, 1, 2, 4}
    assert members[0].regions[GROUPS] == 2 and members[100].regions[GROUPS] == 4


def test_one_change_waits_and_goes_out_with_enough_others():
    people = water_and_parks()
    _release, members = publish({}, people)
    tonight = dict(people)
    tonight[100] = person(4, layers=(PEOPLE, CERTIFIED))  # one of Parks certified
    release, members_after = publish(members, tonight)
    assert release.population[100] == people[100]  # counted as before: the change waits
    assert release.deferred == 1
    assert members_after[100].part == people[100]  # and is compared with the last release again
    later = dict(tonight)
    for i in range(101, 101 + K - 2):  # four in all: still too few
        later[i] = person(4, layers=(PEOPLE, CERTIFIED))
    release, members_after = publish(members_after, later)
    assert release.deferred == K - 1 and release.population[100] == people[100]
    later[100 + K - 1] = person(4, layers=(PEOPLE, CERTIFIED))
    release, _members = publish(members_after, later)
    assert release.deferred == 0
    assert all(release.population[i] == later[i] for i in range(100, 100 + K))  # all five go out together


def test_changes_elsewhere_do_not_carry_a_lone_change():
    people = water_and_parks()
    _release, members = publish({}, people)
    tonight = dict(people)
    tonight[100] = person(4, groups=("b",))  # Parks: one person changes their answer
    for i in range(K):  # Water: five certified
        tonight[i] = person(2, groups=people[i].groups, layers=(PEOPLE, CERTIFIED))
    release = control(members, tonight)
    assert release.population[100] == people[100]
    assert all(release.population[i] == tonight[i] for i in range(K))


def test_a_change_only_in_what_no_group_figure_shows_is_not_a_change_of_group_figures():
    people = water_and_parks()
    people[200] = person(4, groups=())  # did not answer
    _release, members = publish({}, people)
    tonight = dict(people)
    tonight[200] = person(4, groups=(), layers=(PEOPLE, CERTIFIED))
    release = control(members, tonight)
    assert release.deferred == 0 and release.population[200] == tonight[200]


def test_a_score_of_someone_who_did_not_answer_waits_in_the_everyone_column():
    people = water_and_parks()
    people[200] = person(4, groups=())
    _release, members = publish({}, people)
    tonight = dict(people)
    tonight[200] = person(4, groups=(), layers=(PEOPLE, GAIN), scores=((1, 40.0, 80.0),))
    release = control(members, tonight)
    assert release.deferred == 1 and release.population[200] == people[200]


def test_someone_moving_with_nothing_else_changed_ties_the_two_departments():
    people = water_and_parks()
    _release, members = publish({}, people)
    tonight = dict(people)
    tonight[0] = person(4, groups=people[0].groups)  # moved from Water to Parks, nothing else
    release = control(members, tonight)
    assert release.deferred == 0 and release.population[0].department == 4


def test_a_lone_withdrawal_goes_out_at_once_and_what_it_would_stand_out_in_is_withheld():
    people = water_and_parks()
    _release, members = publish({}, people)
    members[3] = Member(part=Part(2, frozenset({WITHDRAWN}), members[3].part.layers), regions=members[3].regions)
    tonight = dict(people)
    tonight[3] = person(2, groups=())
    release, members_after = publish(members, tonight)
    assert release.population[3].groups == frozenset()  # no figure counts the answers
    assert release.withheld[GROUPS] == {2, 1, ALL}  # Water, the city above it, the organisation
    assert release.rows[GROUPS] == {4}  # Parks is published
    assert {2, 1, ALL} <= release.withheld[EVERYONE] and 4 not in release.withheld[EVERYONE]
    # Water's people keep their last release (the withdrawal still marked) until enough has changed.
    assert members_after[3] == members[3] and members_after[0] == members[0]
    # Others certified do not hide it: what it changes is who answered, in each group.
    later = dict(tonight)
    for i in range(4, 4 + K):
        later[i] = person(2, groups=people[i].groups, layers=(PEOPLE, CERTIFIED))
    release, _members = publish(members_after, later)
    assert release.withheld[GROUPS] == {2, 1, ALL}
    for i in range(K - 1):  # four people join Water and answer: five changes of who answered
        later[500 + i] = person(2)
    release, _members = publish(members_after, later)
    assert release.withheld[GROUPS] == set() and release.deferred == 0


def test_someone_who_left_counts_as_a_change():
    people = water_and_parks()
    _release, members = publish({}, people)
    tonight = dict(people)
    del tonight[100]
    release = control(members, tonight)
    assert release.population[100] == people[100] and release.deferred == 1


# The independent attacker ------------------------------------------------------------------------------


def _under(department, row, parents):
    if row == ALL:
        return True
    node = department
    while node is not None:
        if node == row:
            return True
        node = parents.get(node)
    return False


def _value(part, layer, column, family):
    if part is None or layer not in part.layers:
        return 0
    if family == EVERYONE:
        return 1
    return int(column in part.groups)


def _layer_value(part, layer, family):
    """All the attacker can know unchanged of a person in a layer: whether they count in it and, for the
    group columns, their answers as a whole (knowing how someone's answers changed is knowing them)."""
    if part is None or layer not in part.layers:
        return None
    return True if family == EVERYONE else part.groups


def _determined(matrix, target) -> bool:
    if not matrix:
        return False
    return np.linalg.matrix_rank(np.array([*matrix, target])) == np.linalg.matrix_rank(np.array(matrix))


def single_changes_worked_out(before, after, parents, layers, columns):
    """[(person, layer, column)] of people who changed between two releases whose change, or whose value
    before or after it, follows by linear algebra from every sum of every published row of both
    (`before`/`after`: (population, rows by family)) and who is unchanged, but not from either alone."""
    found = []
    (pop1, rows1), (pop2, rows2) = before, after
    keys1, keys2 = sorted(pop1, key=str), sorted(pop2, key=str)
    index1 = {key: i for i, key in enumerate(keys1)}
    index2 = {key: len(keys1) + i for i, key in enumerate(keys2)}
    width = len(keys1) + len(keys2)
    for family, family_layers in layers.items():
        for layer in family_layers:
            for column in columns[family]:
                sums = {1: [], 2: []}
                for release, population, rows, index in ((1, pop1, rows1, index1), (2, pop2, rows2, index2)):
                    for row in rows[family]:
                        line = np.zeros(width)
                        for key, part in population.items():
                            if _under(part.department, row, parents):
                                line[index[key]] = 1
                        sums[release].append(line)
                ties, changed = [], []
                for key in set(pop1) | set(pop2):
                    same = _layer_value(pop1.get(key), layer, family) == _layer_value(pop2.get(key), layer, family)
                    if key in pop1 and key in pop2 and same:
                        line = np.zeros(width)
                        line[index1[key]], line[index2[key]] = 1, -1
                        ties.append(line)
                    elif _value(pop1.get(key), layer, column, family) != _value(pop2.get(key), layer, column, family):
                        changed.append(key)
                both = sums[1] + sums[2] + ties
                for key in changed:
                    targets = []
                    if key in index1:
                        targets.append((index1[key], 1))
                    if key in index2:
                        targets.append((index2[key], 2))
                    if len(targets) == 2:
                        change = np.zeros(width)
                        change[index1[key]], change[index2[key]] = -1, 1
                        if _determined(both, change):
                            found.append((key, layer, column))
                            continue
                    for position, release in targets:
                        value = np.zeros(width)
                        value[position] = 1
                        if _determined(both, value) and not _determined(sums[release], value):
                            found.append((key, layer, column))
                            break
    return found


@st.composite
def nights(draw):
    """An organisation of a few departments, its people, and two nights of random changes."""
    size = draw(st.integers(3, 6))
    parents = {1: None}
    for department in range(2, size + 1):
        parents[department] = draw(st.integers(1, department - 1))
    groups = st.frozensets(st.sampled_from("abc"), max_size=2)
    layers = st.frozensets(st.sampled_from([CERTIFIED, GAIN]))

    def someone():
        chosen_layers = draw(layers) | {PEOPLE}
        scores = ()
        if GAIN in chosen_layers:
            scores = ((1, float(draw(st.integers(0, 100))), float(draw(st.integers(0, 100)))),)
        return Part(
            department=draw(st.integers(1, size)),
            groups=draw(groups),
            layers=frozenset(chosen_layers),
            scores=scores,
        )

    first = {i: someone() for i in range(draw(st.integers(20, 45)))}
    later = []
    population = first
    for _night in range(2):
        population = dict(population)
        withdrawn = set()
        for key in draw(st.lists(st.sampled_from(sorted(population)), max_size=12, unique=True)):
            kind = draw(st.sampled_from(["groups", "layers", "move", "leave", "withdraw"]))
            part = population[key]
            if kind == "groups":
                population[key] = Part(part.department, draw(groups), part.layers, part.scores)
            elif kind == "layers":
                population[key] = Part(part.department, part.groups, frozenset(draw(layers) | {PEOPLE}), part.scores)
            elif kind == "move":
                population[key] = Part(draw(st.integers(1, size)), part.groups, part.layers, part.scores)
            elif kind == "leave":
                del population[key]
            elif part.groups:
                population[key] = Part(part.department, frozenset(), part.layers, part.scores)
                withdrawn.add(key)
        for key in range(draw(st.integers(0, 6))):
            population[1000 * (len(later) + 1) + key] = someone()
        later.append((population, withdrawn))
    return parents, first, later


def _fix_scores(population):
    """A gain layer goes with scores, and scores with a gain layer."""
    fixed = {}
    for key, part in population.items():
        scores = part.scores if GAIN in part.layers else ()
        if GAIN in part.layers and not scores:
            scores = ((1, 50.0, 60.0),)
        fixed[key] = Part(part.department, part.groups, part.layers, scores)
    return fixed


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(nights())
def test_no_one_persons_change_can_be_worked_out_from_two_releases(organisation):
    parents, first, later = organisation
    layers = {GROUPS: [PEOPLE, CERTIFIED, GAIN], EVERYONE: [GAIN]}
    columns = {GROUPS: ["a", "b", "c"], EVERYONE: ["everyone"]}
    first = _fix_scores(first)
    release, members = publish({}, first, parents=parents)
    before = (release.population, release.rows)
    for population, withdrawn in later:
        population = _fix_scores(population)
        for key in withdrawn:  # what the withdrawal service does to the last release's record
            if key in members and members[key].part.groups:
                member = members[key]
                members[key] = Member(
                    part=Part(member.part.department, frozenset({WITHDRAWN}), member.part.layers, member.part.scores),
                    regions=member.regions,
                )
        release, members = publish(members, population, parents=parents)
        assert all(not release.population[key].groups for key in withdrawn if key in release.population)
        after = (release.population, release.rows)
        assert single_changes_worked_out(before, after, parents, layers, columns) == []
        before = after


def test_someone_who_changed_and_moved_does_not_tie_the_two_departments():
    people = water_and_parks()
    release, members = publish({}, people)
    before = (release.population, release.rows)
    tonight = dict(people)
    tonight[0] = person(4, groups=("c",))  # left Water for Parks and answered differently
    for i in range(100, 100 + K):  # five in Parks change their answers
        tonight[i] = person(4, groups=("b",))
    release = control(members, tonight)
    assert release.population[0] == people[0]  # waits: Water alone would show what they took away
    assert all(release.population[i] == tonight[i] for i in range(100, 100 + K))
    layers = {GROUPS: [PEOPLE], EVERYONE: []}
    after = (release.population, release.rows)
    assert single_changes_worked_out(before, after, PARENTS, layers, {GROUPS: ["a", "b", "c"], EVERYONE: []}) == []
    # What the attacker would see had the move tied Water to Parks and gone out with Parks' changes:
    published = dict(tonight)
    # (what they were counted in before, in each column their move changed)
    assert sorted(
        single_changes_worked_out(
            before, (published, release.rows), PARENTS, layers, {GROUPS: ["a", "b", "c"], EVERYONE: []}
        )
    ) == [(0, PEOPLE, "b"), (0, PEOPLE, "c")]


def test_a_row_held_back_and_published_again_is_compared_with_its_last_release():
    """Night 1: a lone withdrawal in Water holds Water back. Night 2: four others join Water and go out
    with it. Neither night 0 against night 2 nor night 1 against night 2 tells the withdrawal apart."""
    people = water_and_parks()
    release, members = publish({}, people)
    night0 = (release.population, release.rows)
    members[3] = Member(part=Part(2, frozenset({WITHDRAWN}), members[3].part.layers), regions=members[3].regions)
    tonight = dict(people)
    tonight[3] = person(2, groups=())
    release, members = publish(members, tonight)
    night1 = (release.population, release.rows)
    assert release.rows[GROUPS] == {4}
    later = dict(tonight)
    for i in range(K - 1):
        later[500 + i] = person(2)
    release, members = publish(members, later)
    night2 = (release.population, release.rows)
    assert release.rows[GROUPS] == {ALL, 1, 2, 4}
    layers = {GROUPS: [PEOPLE], EVERYONE: []}
    columns = {GROUPS: ["a", "b"], EVERYONE: []}
    assert single_changes_worked_out(night0, night2, PARENTS, layers, columns) == []
    assert single_changes_worked_out(night1, night2, PARENTS, layers, columns) == []
    # Had Water gone out on night 1 with the withdrawal alone, night 0 against night 1 would tell it:
    assert single_changes_worked_out(night0, (tonight, night0[1]), PARENTS, layers, columns) == [(3, PEOPLE, "a")]
