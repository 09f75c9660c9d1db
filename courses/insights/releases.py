"""Release control: what two releases of the figures, compared, may tell (pure Python, no queries).

Cell suppression protects one release. A viewer who keeps yesterday's page and reads today's can
subtract: when one person answered, changed their answers, was certified or joined between the two,
and nothing else changed near them, the difference is that person's part, groups and all. So changes
reach the published figures in batches (the query-set overlap control of statistical databases,
applied to releases):

- The published figures are always the exact figures of one population: each person as the last
  release counted them (`Member`), except those whose change is published now.
- A *region* is what a row adds to the rows beneath it in one release: its people not counted in a
  lower row (the organisation's row has those of no department's row). Sums of regions are what
  subtraction within one release can get at.
- A person whose part is the same in both releases ties their old region to their new one (their part
  cancels only if both are taken alike). The regions tied together form a *component*; what comparing
  two releases can tell of a component is the sum of the parts that changed in it.
- For every component with a region in the new release and every layer, the number of people whose
  part of that layer changed must be 0 or at least k. Where it is not, their changes wait: they are
  counted as before (deferred), and the next night compares them again with what was last published, so
  changes add up until at least k of them can go out together.
- A withdrawal cannot wait (the answers are gone, and the next figures must not count the person): a
  component with a withdrawal and too few other changes is withheld, its rows and the rows above them
  up to the organisation's, until enough has changed. Its people stay as last published meanwhile.

Two families of figures have rows of their own: the group columns (departments with enough answers) and
the "everyone" column of the knowledge-gain layers (every department); a person is published in both or
in neither. Whether a change waits depends on who changed in which layers, never on which groups anyone
chose.

Not covered: releases compared further apart than one step, when someone who tied two regions in one
step changes in the next, or when changes are undone exactly; the README says so.
"""

from collections import defaultdict
from dataclasses import dataclass, field, replace

from .tables import ALL, rows_with_answers

WITHDRAWN = "withdrawn"  # in a Member's groups: the person withdrew since the last release
GROUPS = "groups"
EVERYONE = "everyone"
FAMILIES = (GROUPS, EVERYONE)


@dataclass(frozen=True)
class Part:
    """One person as the figures of one question see them."""

    department: int
    groups: frozenset[str]  # empty: did not answer; {WITHDRAWN}: withdrew since the last release
    layers: frozenset[str]
    scores: tuple[tuple[int, float, float], ...] = ()  # (course id, pre, post) for the gain layers


@dataclass(frozen=True)
class Member:
    """A person as the last release counted them: their part and, per family, their region."""

    part: Part
    regions: dict  # family -> region (a department id or ALL; None: in no published row)


@dataclass
class Release:
    """What may be published: the population to count, the rows withheld per family, and how many
    people's changes wait for a later release."""

    population: dict
    withheld: dict = field(default_factory=lambda: {family: set() for family in FAMILIES})
    deferred: int = 0
    rows: dict = field(default_factory=dict)  # family -> the rows published


def withdrew(member) -> bool:
    return member is not None and WITHDRAWN in member.part.groups


def _values(part: Part | None, family: str, everyone_layers: frozenset, gain_layer) -> dict:
    """What a person adds to each layer of a family's figures (absent: nothing)."""
    if part is None:
        return {}
    scores = {gain_layer(course): (pre, post) for course, pre, post in part.scores}
    if family == EVERYONE:
        return {layer: scores.get(layer) for layer in part.layers if layer in everyone_layers}
    if not part.groups:
        return {}
    return {layer: (part.groups, scores.get(layer)) for layer in part.layers}


def changed_layers(old: Part | None, new: Part | None, family, everyone_layers, gain_layer) -> set[str]:
    before = _values(old, family, everyone_layers, gain_layer)
    after = _values(new, family, everyone_layers, gain_layer)
    return {layer for layer in before.keys() | after.keys() if before.get(layer, ()) != after.get(layer, ())}


class _Components:
    def __init__(self):
        self.parent = {}

    def find(self, node):
        self.parent.setdefault(node, node)
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def join(self, a, b):
        self.parent[self.find(a)] = self.find(b)


def region_of(department, rows: set, parents: dict):
    """The row a person of `department` is counted in last: the nearest of it and its ancestors among
    `rows`, else the organisation's (None when the organisation's row is not among them)."""
    node = department
    while node is not None:
        if node in rows:
            return node
        node = parents.get(node)
    return ALL if ALL in rows else None


def _depth(row, parents) -> int:
    depth = 0
    while row != ALL and row is not None:
        depth += 1
        row = parents.get(row)
    return depth


def _failing(old, population, family, rows, parents, everyone_layers, gain_layer, k):
    """[(new rows of a component, the people whose change counts in it)] for the components in which
    some layer changed for 1 to k − 1 people."""
    components = _Components()
    region = {}

    def new_region(part):
        if part.department not in region:
            region[part.department] = region_of(part.department, rows, parents)
        return region[part.department]

    for row in rows:
        components.find(("new", row))
    changes = []
    for key in old.keys() | population.keys():
        member, part = old.get(key), population.get(key)
        before = member.regions.get(family) if member is not None else None
        after = new_region(part) if part is not None else None
        layers = changed_layers(member.part if member else None, part, family, everyone_layers, gain_layer)
        if layers:
            changes.append((key, before, after, layers))
        elif before is not None and after is not None:
            components.join(("old", before), ("new", after))
    counts = defaultdict(lambda: defaultdict(int))
    people = defaultdict(set)
    for key, before, after, layers in changes:
        roots = set()
        if before is not None:
            roots.add(components.find(("old", before)))
        if after is not None:
            roots.add(components.find(("new", after)))
        for root in roots:
            people[root].add(key)
            for layer in layers:
                counts[root][layer] += 1
    new_rows = defaultdict(set)
    for row in rows:
        new_rows[components.find(("new", row))].add(row)
    return [
        (new_rows[root], people[root])
        for root, by_layer in counts.items()
        if new_rows[root] and any(0 < n < k for n in by_layer.values())
    ]


def _revert(key, old: dict, population: dict) -> None:
    """Count the person as the last release did (a withdrawal stays: only their groups are not kept)."""
    member = old.get(key)
    if member is None:
        population.pop(key, None)
    elif withdrew(member):
        population[key] = replace(member.part, groups=frozenset())
    else:
        population[key] = member.part


def _chain(rows, parents) -> set:
    """The rows and every row above them, up to the organisation's."""
    result = {ALL}
    for row in rows:
        while row is not None and row != ALL:
            result.add(row)
            row = parents.get(row)
    return result


def control(
    *,
    old: dict,
    new: dict,
    parents: dict,
    departments,
    min_answered: int,
    everyone_layers,
    gain_layer,
    k: int,
) -> Release:
    """Compare the people of the new figures (`new`: key -> Part) with the last release's (`old`: key ->
    Member) and decide what may be published. `min_answered`: how many answers a department's row of
    group figures needs; `everyone_layers`: the layers with an "everyone" row for every department."""
    release = Release(population=dict(new))
    everyone_layers = frozenset(everyone_layers)
    release.rows = {
        GROUPS: rows_with_answers(release.population.values(), parents, min_answered),
        EVERYONE: {ALL, *departments} if everyone_layers else set(),
    }
    if not old:
        return release  # a first release: nothing to compare it with
    population, withheld = release.population, release.withheld
    deferred = set()
    # Each round waits at least one more person or withholds at least one more row.
    for _round in range(len(old) + len(new) + 2 * len(departments) + 10):
        busy = False
        rows = {GROUPS: rows_with_answers(population.values(), parents, min_answered) - withheld[GROUPS]}
        # People without a published row of group figures keep their last release as it was, for both
        # families: their "everyone" rows wait with them.
        occupied = {part.department for part in population.values()}
        unpublished = {d for d in occupied if region_of(d, rows[GROUPS], parents) is None}
        if unpublished and everyone_layers:
            withheld[EVERYONE] |= _chain(unpublished, parents)
        rows[EVERYONE] = ({ALL, *departments} if everyone_layers else set()) - withheld[EVERYONE]
        if everyone_layers:
            # And the other way round: whoever is published is published in both (or a row that came back
            # after changes waited would mix two releases): withhold their group rows too.
            stranded = {
                region_of(d, rows[GROUPS], parents)
                for d in occupied - unpublished
                if region_of(d, rows[EVERYONE], parents) is None
            }
            if stranded:
                withheld[GROUPS] |= _chain(stranded, parents)
                continue
        for family in FAMILIES:
            for component, people in _failing(
                old, population, family, rows[family], parents, everyone_layers, gain_layer, k
            ):
                busy = True
                if family == GROUPS and any(withdrew(old.get(key)) for key in people):
                    # The withdrawal goes out now, so what it is compared with is withheld, up to the
                    # organisation's row, until enough else has changed with it.
                    withheld[GROUPS] |= _chain(component, parents)
                    continue
                for key in people:
                    _revert(key, old, population)
                    deferred.add(key)
            if busy:
                break
        if not busy:
            release.rows = rows
            break
    else:  # pragma: no cover - so it ends before the bound
        raise RuntimeError("release control did not settle")
    release.deferred = len(deferred)
    return release


def members(release: Release, old: dict, parents: dict) -> dict:
    """key -> Member: what the next release is compared with. A person with a published row counts as
    published now; one without (withheld, or gone from a withheld part) keeps their last release."""
    result = {}
    rows = release.rows
    for key, part in release.population.items():
        regions = {family: region_of(part.department, rows[family], parents) for family in FAMILIES}
        if regions[GROUPS] is not None:
            result[key] = Member(part=part, regions=regions)
        elif key in old:
            result[key] = old[key]
    for key, member in old.items():
        if key not in release.population and region_of(member.part.department, rows[GROUPS], parents) is None:
            result[key] = member
    return result
