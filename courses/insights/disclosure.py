"""Disclosure control for published counts: primary and complementary cell suppression, checked by the
attacker's linear programs. Pure Python, numpy and HiGHS (highspy); no Django.

A `Model` holds every count one viewer could obtain (all tables at once, each cell under one key, so a
figure that appears in two tables is one cell) and the linear relations an attacker knows between them:
a subtree is its children plus its own people, a group count is at most the number who answered, and so
on. `protect(model, k)` returns the cells to suppress:

1. primary: every count below k (0 included: "nobody" is a disclosure too);
2. complementary, structural: every equation with a single suppressed cell gets a second one;
3. complementary, audited: for every suppressed cell the attacker's linear programs (min and max of the
   cell given every published cell, every relation and non-negativity) must leave a range at least
   k / 2 wide; a cell that is narrowed further gets another partner suppressed, until none is.

Step 3 is the guarantee; steps 1–2 only make it converge fast. The same programs are the audit
(`ranges`), and tests solve them independently.
"""

import logging
import math
import time
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

import highspy
import numpy as np

logger = logging.getLogger(__name__)

Key = Hashable
EQ = "eq"
GE = "ge"
TOLERANCE = 1e-6


@dataclass(frozen=True)
class Relation:
    """sum(coefficient * cell) + constant == 0 (EQ) or >= 0 (GE)."""

    terms: tuple[tuple[Key, float], ...]
    sense: str
    constant: float = 0.0


@dataclass
class Model:
    values: dict[Key, int] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    # Figures published exactly when a count is (the sum of scores behind a mean shown beside it): the
    # attacker's programs know them, but they are never hidden, checked or chosen as partners on their own.
    follows: dict[Key, Key] = field(default_factory=dict)
    followers: dict[Key, list[Key]] = field(default_factory=dict)

    def cell(self, key: Key, value: int) -> None:
        if value < 0:
            raise ValueError("counts are never negative")
        if key in self.values and self.values[key] != value:
            raise ValueError(f"cell {key!r} published twice with different values")
        self.values[key] = int(value)

    def follower(self, key: Key, of: Key, value: int) -> None:
        """A figure shown where the count `of` is shown and hidden where it is hidden."""
        if of not in self.values or of in self.follows:
            raise ValueError(f"{key!r} must follow a count of the model")
        self.cell(key, value)
        self.follows[key] = of
        self.followers.setdefault(of, []).append(key)

    def counts(self) -> list[Key]:
        """The cells that are counts (not followers)."""
        return [key for key in self.values if key not in self.follows]

    def relate(self, terms: dict[Key, float], sense: str, constant: float = 0.0) -> None:
        terms = {key: coefficient for key, coefficient in terms.items() if coefficient}
        if terms:
            self.relations.append(Relation(tuple(terms.items()), sense, float(constant)))

    def equal(self, terms: dict[Key, float]) -> None:
        self.relate(terms, EQ)

    def at_least_zero(self, terms: dict[Key, float], constant: float = 0.0) -> None:
        """sum(terms) + constant >= 0."""
        self.relate(terms, GE, constant)

    def relations_of(self) -> dict[Key, list[int]]:
        index = defaultdict(list)
        for number, relation in enumerate(self.relations):
            for key, _coefficient in relation.terms:
                index[key].append(number)
        return index


def _components(model: Model, suppressed: set[Key], index) -> list[tuple[list[Key], list[int]]]:
    """Connected groups of suppressed cells (sharing a relation) with their relations."""
    order = sorted(suppressed, key=repr)  # the same model, the same programs, in every process
    suppressed = set(suppressed)
    parent = {key: key for key in order}

    def find(key):
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    involved = set()
    for key in order:
        involved.update(index.get(key, ()))
    involved = sorted(involved)
    for number in involved:
        keys = [key for key, _c in model.relations[number].terms if key in suppressed]
        for other in keys[1:]:
            a, b = find(keys[0]), find(other)
            if a != b:
                parent[a] = b
    cells = defaultdict(list)
    for key in order:
        cells[find(key)].append(key)
    relations = defaultdict(list)
    for number in involved:
        first = next(key for key, _c in model.relations[number].terms if key in suppressed)
        relations[find(first)].append(number)
    return [(cells[root], relations[root]) for root in cells]


class _Program:
    """The attacker's program over some suppressed cells (the variables; every cell not among them at
    its true value) under the relations that involve them, and every solution seen so far.

    One HiGHS model per program, solved again for each objective from the last optimal basis (a warm
    start): the audit asks many questions of the same constraints, and a re-solve costs a few simplex
    steps where a fresh solve would start over."""

    def __init__(self, model: Model, cells: list[Key], numbers: Iterable[int]):
        self.cells = cells
        self.position = position = {key: i for i, key in enumerate(cells)}
        rows, lower, upper, self.numbers = [], [], [], []
        for number in numbers:
            relation = model.relations[number]
            row, constant = {}, relation.constant
            for key, coefficient in relation.terms:
                if key in position:
                    row[position[key]] = row.get(position[key], 0.0) + coefficient
                else:
                    constant += coefficient * model.values[key]
            # sum(row) + constant == 0 (EQ) or >= 0 (GE)
            rows.append(row)
            lower.append(-constant)
            upper.append(-constant if relation.sense == EQ else highspy.kHighsInf)
            self.numbers.append(number)
        lp = highspy.HighsLp()
        lp.num_col_ = len(cells)
        lp.num_row_ = len(rows)
        lp.col_cost_ = np.zeros(len(cells))
        lp.col_lower_ = np.zeros(len(cells))
        lp.col_upper_ = np.full(len(cells), highspy.kHighsInf)
        lp.row_lower_ = np.array(lower, dtype=float)
        lp.row_upper_ = np.array(upper, dtype=float)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.start_ = np.cumsum([0, *(len(row) for row in rows)], dtype=np.int32)
        lp.a_matrix_.index_ = np.array([i for row in rows for i in row], dtype=np.int32)
        lp.a_matrix_.value_ = np.array([v for row in rows for v in row.values()], dtype=float)
        self.highs = highspy.Highs()
        self.highs.setOptionValue("output_flag", False)
        # Only the objective changes between solves: the last basis stays primal feasible, so the primal
        # simplex goes on from it (presolve would throw it away).
        self.highs.setOptionValue("presolve", "off")
        self.highs.setOptionValue("simplex_strategy", 4)
        self.highs.passModel(lp)
        self.columns = np.arange(len(cells), dtype=np.int32)
        truth = np.array([model.values[key] for key in cells], dtype=float)
        self.seen_low, self.seen_high = truth.copy(), truth.copy()

    def solve(self, objective) -> float | None:
        """The minimum of objective · cells (None when unbounded below); every optimal solution is a point
        the attacker cannot rule out, so it widens what is seen."""
        self.highs.changeColsCost(len(self.cells), self.columns, np.asarray(objective, dtype=float))
        self.highs.run()
        status = self.highs.getModelStatus()
        if status == highspy.HighsModelStatus.kOptimal:
            solution = np.array(self.highs.getSolution().col_value)
            np.minimum(self.seen_low, solution, out=self.seen_low)
            np.maximum(self.seen_high, solution, out=self.seen_high)
            return self.highs.getInfo().objective_function_value
        # The true counts satisfy every relation, so the program is never infeasible: it is unbounded.
        if status in (highspy.HighsModelStatus.kUnbounded, highspy.HighsModelStatus.kUnboundedOrInfeasible):
            return None
        raise RuntimeError(f"the disclosure program could not be solved: {self.highs.modelStatusToString(status)}")

    def objective(self, key, direction: float = 1.0):
        objective = np.zeros(len(self.cells))
        objective[self.position[key]] = direction
        return objective

    def binding(self) -> list[int]:
        """The relations with a non-zero dual at the last optimum."""
        duals = self.highs.getSolution().row_dual
        return [self.numbers[i] for i, dual in enumerate(duals) if abs(dual) > TOLERANCE]


def _program(model: Model, cells: list[Key], numbers: Iterable[int]) -> _Program:
    return _Program(model, cells, numbers)


def _widen(program: _Program, targets: list[Key], wide_enough: float) -> list[Key]:
    """Programs over many cells at once: push every target not yet seen to move `wide_enough` up, then
    down; each solution widens what is seen. Returns the targets still narrow."""
    position = program.position
    seen_low, seen_high = program.seen_low, program.seen_high
    pending = [position[key] for key in targets if seen_high[position[key]] - seen_low[position[key]] < wide_enough]
    random = np.random.default_rng(len(program.cells))  # deterministic: the same model, the same programs
    misses = 0
    while pending and misses < 3:
        objective = np.zeros(len(program.cells))
        objective[pending] = 1.0 if misses == 0 else random.uniform(0.1, 1.0, len(pending))
        program.solve(-objective)
        program.solve(objective)
        still = [i for i in pending if seen_high[i] - seen_low[i] < wide_enough]
        misses = misses + 1 if len(still) == len(pending) else 0
        pending = still
    return [program.cells[i] for i in pending]


def _moves(program: _Program, key: Key, width: float) -> bool:
    """Whether `key` can move `width` in the program: what is seen already, else its max, then its min (each
    optimum is a point the attacker cannot rule out, so it widens what is seen of every cell; the second
    program is needed only when the first did not show enough)."""
    i = program.position[key]
    for direction in (-1.0, 1.0):
        if program.seen_high[i] - program.seen_low[i] >= width:
            return True
        if program.solve(program.objective(key, direction)) is None:
            return True  # unbounded above
    return program.seen_high[i] - program.seen_low[i] >= width


def _exact(program: _Program, key: Key) -> tuple[float, float]:
    """min and max of `key` in the program."""
    high = program.solve(program.objective(key, -1.0))
    low = program.solve(program.objective(key))
    return (low if low is not None else -math.inf), (-high if high is not None else math.inf)


def ranges(
    model: Model, suppressed: Iterable[Key], *, memo: dict | None = None, wide_enough: float = math.inf
) -> dict[Key, tuple[float, float]]:
    """The attacker's interval for every suppressed cell: min and max of the cell over all non-negative
    values of the suppressed cells that satisfy every relation, the published cells being known (exact:
    one program per connected group of suppressed cells; the audit and the benchmark use it).
    `memo` keeps the intervals of groups of cells that did not change between calls. With `wide_enough`,
    a cell already seen to move that far gets the interval seen (inside the true one) without its own
    programs."""
    suppressed = set(suppressed)
    index = model.relations_of()
    result = {}
    for cells, numbers in _components(model, suppressed, index):
        signature = (frozenset(cells), frozenset(numbers))
        if memo is not None and signature in memo:
            result.update(memo[signature])
            continue
        program = _program(model, cells, numbers)
        narrow = set(_widen(program, cells, wide_enough))
        found = {}
        for key in cells:
            i = program.position[key]
            if key in narrow and program.seen_high[i] - program.seen_low[i] < wide_enough:
                # (the programs solved for other cells may have moved this one far enough already)
                found[key] = _exact(program, key)
            else:
                found[key] = (float(program.seen_low[i]), float(program.seen_high[i]))
        if memo is not None:
            memo[signature] = found
        result.update(found)
    return result


def _binding(program: _Program, key: Key) -> list[int]:
    """The relations that stop `key` from moving further, up or down (non-zero duals of the programs at
    the optimum): hiding one more of their cells is what widens the interval."""
    binding = []
    for direction in (-1.0, 1.0):
        if program.solve(program.objective(key, direction)) is not None:
            binding += program.binding()
    return list(dict.fromkeys(binding))


def binding_relations(model: Model, suppressed: set[Key], key: Key) -> list[int]:
    """The binding relations of `key` in the attacker's program over its whole group of suppressed cells."""
    index = model.relations_of()
    for cells, numbers in _components(model, suppressed, index):
        if key in cells:
            return _binding(_program(model, cells, numbers), key)
    return index.get(key, [])


def required_width(k: int) -> float:
    return k / 2


def _partner(model: Model, key: Key, suppressed: set[Key], numbers: list[int], k: int) -> Key | None:
    """The published cell to suppress beside `key`: in the relation with the fewest suppressed cells, a
    cell that can move the opposite way (same sign in an equation), big enough to hide it, yet small."""
    enough = math.ceil(required_width(k))
    follows = model.follows
    for number in sorted(numbers, key=lambda n: sum(1 for t, _c in model.relations[n].terms if t in suppressed)):
        # In a relation of followers (sums of scores), each stands for its count.
        terms = [(follows.get(t, t), c) for t, c in model.relations[number].terms]
        sign = next((c for t, c in terms if t == key), 1.0)
        candidates = [(t, c) for t, c in terms if t not in suppressed]
        if candidates:
            return min(candidates, key=lambda item, sign=sign: _rank(model, item, sign, enough))[0]
    return None


def _hide(model: Model, suppressed: set[Key], key: Key) -> None:
    """Hide a count and what follows it."""
    suppressed.add(key)
    suppressed.update(model.followers.get(key, ()))


def _rank(model: Model, item, sign: float, enough: int):
    term, coefficient = item
    value = model.values[term]
    same_side = (coefficient > 0) == (sign > 0)
    return (not same_side, value < enough, value if value >= enough else -value, repr(term))


def _part_of(model: Model, keys: set[Key]) -> Model:
    """The cells `keys` and the relations among them only."""
    part = Model(values={key: model.values[key] for key in keys})
    part.relations = [relation for relation in model.relations if all(key in keys for key, _c in relation.terms)]
    part.follows = {key: of for key, of in model.follows.items() if key in keys}
    for key, of in part.follows.items():
        part.followers.setdefault(of, []).append(key)
    return part


def protect(model: Model, k: int, *, audit: bool = True, part=None, family=None) -> set[Key]:
    """The cells to suppress so that no suppressed count can be pinned, or narrowed below k / 2, from
    the published ones. Deterministic for a given model.

    `part(key)` may split the cells into parts (the layers of the insights tables) that are protected
    one by one first — small programs, fast — before the audit over the whole model (the relations
    between parts included) adds whatever they still need. The guarantee is the whole-model audit's.
    `family(key)` names the group of parts a cell is first checked with in a big group of cells (None:
    with every family; see `_audit`)."""
    if k < 1:
        raise ValueError("k must be positive")
    if part is not None and audit:
        parts: dict = defaultdict(set)
        for key in model.values:
            parts[part(key)].add(key)
        suppressed: set[Key] = set()
        for name in sorted(parts, key=repr):
            suppressed |= protect(_part_of(model, parts[name]), k)
        return _audit(model, k, suppressed, family=family)
    suppressed = _primary(model, k)
    # Structural pass: no equation may hold exactly one suppressed cell. (The relations of followers repeat
    # those of their counts, which this pass covers.)
    changed = True
    while changed:
        changed = False
        for number, relation in enumerate(model.relations):
            if relation.sense != EQ or any(key in model.follows for key, _c in relation.terms):
                continue
            hidden = [key for key, _c in relation.terms if key in suppressed]
            if len(hidden) == 1:
                partner = _partner(model, hidden[0], suppressed, [number], k)
                if partner is not None:
                    _hide(model, suppressed, partner)
                    changed = True
    if not audit:
        return suppressed
    return _audit(model, k, suppressed)


def _primary(model: Model, k: int) -> set[Key]:
    """Every count below k, and what follows those counts."""
    suppressed: set[Key] = set()
    for key in model.counts():
        if model.values[key] < k:
            _hide(model, suppressed, key)
    return suppressed


# A group of suppressed cells this big is first looked at part by part (see `_audit`).
BIG_GROUP = 400


def _protect_by_family(model: Model, index, cells: list[Key], family, width: float, protected: set[Key]) -> None:
    """Add to `protected` the cells seen to move `width` in the program of their family alone (the cells of
    family None belong to every family)."""
    families: dict = defaultdict(list)
    shared = []
    for key in cells:
        name = family(key)
        (shared if name is None else families[name]).append(key)
    for name in sorted(families, key=repr):
        group = [*shared, *families[name]]
        group += [follower for key in group for follower in model.followers.get(key, ())]
        program = _program(model, group, sorted({number for key in group for number in index.get(key, ())}))
        targets = [key for key in group if key not in model.follows]
        still = set(_widen(program, targets, width + 2 * TOLERANCE))
        protected.update(key for key in targets if key not in still)


def _audit(model: Model, k: int, suppressed: set[Key], family=None) -> set[Key]:
    """Suppress partners until the attacker's programs leave every suppressed cell a range of k / 2.

    Hiding more cells only widens the attacker's intervals, so a cell once seen to move k / 2 stays
    protected and is not looked at again: each round solves programs for the cells still in doubt only.

    In a big group of cells (the layers of a city's tables bind thousands of cells into one), each
    family's cells are first moved alone, every other cell held at its true value: holding cells only narrows
    what the attacker could see, so a cell seen to move k / 2 there moves as far in the whole program.
    Programs over the whole group are left for the cells that need another part to move."""
    suppressed = set(suppressed) | _primary(model, k)
    for key in list(suppressed):
        suppressed.update(model.followers.get(key, ()))
    # Followers are variables of the programs, never cells to check: they count as protected already.
    protected: set[Key] = set(model.follows)
    index = model.relations_of()
    width = required_width(k) - TOLERANCE
    started = time.monotonic()
    while True:
        narrow: dict[Key, _Program] = {}
        components = _components(model, suppressed, index)
        logger.debug(
            "disclosure audit: %d cells hidden, %d shown protected, largest group of hidden cells %d, %.0f s",
            len(suppressed),
            len(protected) - len(model.follows),
            max((len(cells) for cells, _numbers in components), default=0),
            time.monotonic() - started,
        )
        for cells, numbers in components:
            doubtful = [key for key in cells if key not in protected]
            if family is not None and len(doubtful) > BIG_GROUP:
                _protect_by_family(model, index, doubtful, family, width, protected)
                doubtful = [key for key in cells if key not in protected]
            if not doubtful:
                continue
            program = _program(model, cells, numbers)
            still = set(_widen(program, doubtful, width + 2 * TOLERANCE))
            for key in doubtful:
                if key in still and not _moves(program, key, width):
                    narrow[key] = program
                    continue
                protected.add(key)
        if not narrow:
            return suppressed
        added = False
        touched: set[int] = set()  # one partner per relation per round: the next round's audit decides
        for key in sorted(narrow, key=repr):
            if touched.intersection(index.get(key, [])):
                continue
            relations = _binding(narrow[key], key) or index.get(key, [])
            partner = _partner(model, key, suppressed, relations, k)
            if partner is not None and partner not in suppressed:
                _hide(model, suppressed, partner)
                touched.update(index.get(partner, []))
                added = True
        if not added:
            # Every cell related to the narrow ones is hidden already: widen to their neighbours.
            neighbours = {
                model.follows.get(term, term)
                for key in narrow
                for number in index.get(key, [])
                for other, _c in model.relations[number].terms
                for number2 in index.get(other, [])
                for term, _c2 in model.relations[number2].terms
            } - suppressed
            if not neighbours:
                return suppressed  # nothing left to hide around them: ranges are as wide as they can be
            enough = math.ceil(required_width(k))
            nearest = min(neighbours, key=lambda t: (model.values[t] < enough, model.values[t], repr(t)))
            _hide(model, suppressed, nearest)
