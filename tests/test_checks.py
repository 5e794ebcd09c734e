"""The integrity checker on mutants: catalogs that validate but may break any integrity
check, made by mutating good ones (a value replaced by one from the same kind of place
elsewhere, or nudged; list items dropped, repeated, swapped or moved in from another
record).  Every problem it reports names a place that exists in the file, the mutants
reach every kind of check, and good catalogs have no problem.  (This was a differential
test of a fast pass against the detailed checker; there is one checker now.)  CI runs a
few hundred; a larger run:

    APT_EXAMPLES=20000 pytest tests/test_checks.py
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import json
import os
import re
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

import aseanplus3_events as apt
from aseanplus3_events.checks import _Checker, check
from conftest import ROOT, rich_catalog_dict, seminar_dict

EXAMPLES = int(os.environ.get("APT_EXAMPLES", "300"))

sys.path.insert(0, str(ROOT / "benchmarks"))
try:
    from synthetic import make_catalog
finally:
    sys.path.remove(str(ROOT / "benchmarks"))

Loc = tuple[str | int, ...]
#: The catalogs mutated: fixed ones, so that what the mutants reach does not depend on
#: which events are bundled (the seminar's part of the bundled data is pinned by id).
GOOD: list[dict[str, Any]] = [
    seminar_dict(),
    make_catalog(3, seed=7),  # several events: ids that could collide across them
]


def _leaves(node: Any, loc: Loc = ()) -> Iterator[tuple[Loc, Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, (*loc, key))
    elif isinstance(node, list):
        yield loc, node
        for i, value in enumerate(node):
            yield from _leaves(value, (*loc, i))
    else:
        yield loc, node


def _key(loc: Loc) -> str:
    """The field a location is in (for a list item, the list's field)."""
    return next((k for k in reversed(loc) if isinstance(k, str)), "")


def _pools(document: dict[str, Any]) -> dict[str, list[Any]]:
    """Values by field name; id-like fields share one pool, so references can point
    at any record's id."""
    pools: dict[str, list[Any]] = {}
    for loc, value in _leaves(document):
        if not isinstance(value, list):
            key = _key(loc)
            pools.setdefault(key, []).append(value)
            if key.endswith(("id", "ids", "topics", "country", "code")):
                pools.setdefault("*id", []).append(value)
    return pools


def _by_place(locs: list[Loc]) -> st.SearchStrategy[Loc]:
    """A location, every place (a location less its indices) as likely as any other."""
    places: dict[tuple[str, ...], list[Loc]] = {}
    for loc in locs:
        places.setdefault(tuple("[]" if isinstance(k, int) else k for k in loc), []).append(loc)
    return st.sampled_from(sorted(places)).flatmap(lambda place: st.sampled_from(places[place]))


PLACES = [(doc, _by_place([loc for loc, _ in _leaves(doc) if loc]), _pools(doc)) for doc in GOOD]


def _at(node: Any, loc: Loc) -> Any:
    for key in loc:
        node = node[key]
    return node


def _changes(key: str, value: Any, pools: dict[str, list[Any]]) -> tuple[list[Any], list[Any]]:
    """Values to put in place of ``value`` in field ``key``: nudged (changed a little),
    and moved (from the same kind of place elsewhere)."""
    nudged: list[Any] = []
    moved: list[Any] = list(pools.get(key, []))
    if isinstance(value, bool) or value is None:
        pass
    elif isinstance(value, int):
        nudged = [value - 1, value + 1, 0, value // 2, value * 2]
        if key.startswith("period"):
            moved += [*pools.get("period_start", []), *pools.get("period_end", [])]
    elif isinstance(value, str):
        nudged = [value + "x", value[1:], value[:-1], value.upper(), value[::-1]]
        if key.endswith("date"):
            with contextlib.suppress(ValueError):  # not a date after an earlier change
                day = dt.date.fromisoformat(value)
                nudged += [str(day - dt.timedelta(days=1)), str(day + dt.timedelta(days=1))]
        if key in ("label", "aliases"):  # topic names, which must not collide
            moved += [*pools["label"], *pools.get("aliases", []), *pools["id"]]
        if key.endswith(("id", "ids", "topics", "country", "code")):
            moved += pools["*id"]
    else:
        return [], []
    return nudged, sorted({m for m in moved if m != value}, key=str)


def _valid(doc: dict[str, Any]) -> apt.Catalog | None:
    try:
        return apt.Catalog.model_validate_json(json.dumps(doc))
    except ValidationError:
        return None


@st.composite
def catalogs(draw: st.DrawFn) -> apt.Catalog:
    """A catalog that validates, with one to four mutations (or none, when they made it
    invalid)."""
    source, locs, pools = draw(st.sampled_from(PLACES))
    doc = copy.deepcopy(source)
    # Mostly one mutation: a problem alone is what shows a check the fast pass lacks
    # (with two, the other one already makes it say no).
    for _ in range(draw(st.sampled_from([1, 1, 1, 2, 4]))):
        loc = draw(locs)
        try:
            parent, value = _at(doc, loc[:-1]), _at(doc, loc)
        except (KeyError, IndexError, TypeError):
            continue
        if isinstance(value, list):
            how = draw(st.sampled_from(["drop", "repeat", "swap", "bring"]))
            if how == "drop" and value:
                del value[draw(st.integers(0, len(value) - 1))]
            elif how == "repeat" and value:
                value.append(copy.deepcopy(value[draw(st.integers(0, len(value) - 1))]))
            elif how == "swap" and len(value) > 1:
                value.reverse()
            elif how == "bring":
                others = [v for loc2, v in _leaves(doc) if isinstance(v, list)
                          and _key(loc2) == _key(loc) and v and v is not value]  # fmt: skip
                if others:
                    value.append(copy.deepcopy(draw(st.sampled_from(others))[0]))
            continue
        key = _key(loc)
        nudged, moved = _changes(key, value, pools)
        if not nudged and not moved:
            continue
        choices = st.sampled_from(moved or nudged)
        if nudged:
            choices |= st.sampled_from(nudged)
        parent[loc[-1]] = draw(choices)
    try:
        return apt.Catalog.model_validate_json(json.dumps(doc))
    except ValidationError:
        return apt.Catalog.model_validate_json(json.dumps(source))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(catalog=catalogs())
def test_every_problem_names_a_place_in_the_file(catalog: apt.Catalog) -> None:
    _assert_paths_resolve(catalog, check(catalog))


def _resolve(doc: Any, path: str) -> Any:
    """The value at a JSON path of the form ``$.key[0].key``; KeyError or IndexError if
    there is none."""
    node = doc
    for key, index in re.findall(r"\.(\w+)|\[(\d+)\]", path.removeprefix("$")):
        node = node[key] if key else node[int(index)]
    return node


def _assert_paths_resolve(catalog: apt.Catalog, problems: list[apt.Problem]) -> None:
    doc = catalog.model_dump(mode="json")
    for problem in problems:
        assert problem.path.startswith("$"), problem
        _resolve(doc, problem.path)  # raises if the path leads nowhere


def test_the_mutants_break_every_kind_of_check() -> None:
    # The differential test above is worth what its mutants break: they must reach every
    # check, not only the easy ones.  Count the kinds of problem among a fixed sample.
    kinds: set[str] = set()

    @settings(max_examples=2000, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(catalog=catalogs())
    def sample(catalog: apt.Catalog) -> None:
        for problem in _Checker(catalog).run():
            message = problem.message
            kinds.add(next((k for k in KINDS if k in message), message))

    sample()
    assert set(KINDS) <= kinds, set(KINDS) - kinds


KINDS = [  # the more specific first: a message counts as the first kind it contains
    "duplicate id", "unknown organization", "unknown person", "unknown topic",
    "unknown source", "does not equal the source text", "is outside the text",
    "is not one of the event's source_ids", "has a value but no evidence names this field",
    "has no value: give it one",
    "does not occur in its evidence", "is before", "sessions count 1..n",
    "also a name of topic", "the text hashes to", "is not a fact field", "expected",
]  # fmt: skip


@pytest.mark.parametrize(
    "doc",
    [apt.default_dataset().catalog.model_dump(mode="json"), *GOOD],
    ids=["bundled", "seminar", "synthetic"],
)
def test_good_catalogs_have_no_problem(doc: dict[str, Any]) -> None:
    catalog = apt.Catalog.model_validate_json(json.dumps(doc))
    assert check(catalog) == []


def _single_changes(doc: dict[str, Any], pools: dict[str, list[Any]]) -> Iterator[dict[str, Any]]:
    """One change at a time, at the first location of every place (and the first with a
    value there, when that one is null or empty): every nudge, the
    moved values (up to 40), and for a list: its first item dropped or repeated, its
    order reversed, a value from the same kind of place added."""
    seen: set[tuple[tuple[str, ...], bool]] = set()
    for loc, value in list(_leaves(doc)):
        place = tuple("[]" if isinstance(k, int) else k for k in loc)
        empty = value is None or value == []
        if not loc or (place, empty) in seen:  # an empty one, and one with a value
            continue
        seen.add((place, empty))
        if isinstance(value, list):
            edits = [lambda v: v.pop(0), lambda v: v.append(copy.deepcopy(v[0])), list.reverse]
            for edit in edits if value else []:
                mutant = copy.deepcopy(doc)
                edit(_at(mutant, loc))
                yield mutant
            for new in _changes(_key(loc), "", pools)[1][:40]:  # a value from elsewhere added
                mutant = copy.deepcopy(doc)
                _at(mutant, loc).append(new)
                yield mutant
            continue
        nudged, moved = _changes(_key(loc), value, pools)
        for new in nudged + moved[:40]:
            mutant = copy.deepcopy(doc)
            _at(mutant, loc[:-1])[loc[-1]] = new
            yield mutant


@pytest.mark.parametrize("index", range(len(GOOD)), ids=["seminar", "synthetic"])
def test_every_single_change_at_every_place_is_reported_where_it_is(index: int) -> None:
    # Exhaustive where hypothesis samples: every problem of every mutant has a JSON path
    # that leads to a value of that mutant.
    doc, _, pools = PLACES[index]
    compared = found = 0
    for mutant in _single_changes(doc, pools):
        catalog = _valid(mutant)
        if catalog is None:
            continue
        problems = check(catalog)
        _assert_paths_resolve(catalog, problems)
        compared += 1
        found += bool(problems)
    assert compared > 300
    assert found > 100


def test_a_person_and_an_organization_sharing_an_id_is_found() -> None:
    # Their evidence ids are then equal though each is derived correctly: a duplicate no
    # single change can make.
    doc = copy.deepcopy(GOOD[0])
    person = doc["people"][0]
    person["id"] = doc["organizations"][0]["id"]
    for n, ev in enumerate(person["evidence"], 1):
        ev["id"] = f"{person['id']}-evidence-{n}"
    for event in doc["events"]:
        for session in event["sessions"]:
            for contribution in session["contributions"]:
                contribution["person_id"] = person["id"]
    catalog = _valid(doc)
    assert catalog is not None
    problems = check(catalog)
    assert [p.message for p in problems] == [
        f"duplicate id '{person['id']}-evidence-1' (first at $.organizations[0].evidence[0])"
    ]


def test_a_duplicate_nested_id_names_where_it_came_first() -> None:
    doc = copy.deepcopy(GOOD[1])
    first, second = doc["events"][0]["sessions"][0], doc["events"][1]["sessions"][2]
    second["id"] = first["id"]
    problems = _problems(doc)
    message = f"duplicate id {first['id']!r} (first at $.events[0].sessions[0])"
    assert ("$.events[1].sessions[2].id", message) in problems


def test_a_catalog_with_every_field_filled_is_good() -> None:
    assert _problems(rich_catalog_dict()) == []


def _problems(doc: dict[str, Any]) -> list[tuple[str, str]]:
    return [(p.path, p.message) for p in check(apt.Catalog.model_validate_json(json.dumps(doc)))]


def test_a_place_is_cited_by_dotted_fields_of_its_event() -> None:
    # A Place has no id and no evidence of its own: the event's evidence names
    # "location.name", ..., and the checks hold each part to it like any other fact.
    doc = rich_catalog_dict()
    side = doc["events"][1]
    side["location"]["address_locality"] = "Beijing"  # no evidence names it
    side["location"]["name"] = "Environmental Cooperation Centre"  # not the quote's words
    side["location"]["address_country"] = "FR"  # no such country in the catalog
    side["evidence"][-1]["fields"].append("location")  # the whole place is no fact field
    assert sorted(_problems(doc)) == [
        (
            "$.events[1].evidence[9].fields",
            "'location' is not a fact field of Event; did you mean 'location.name'?",
        ),
        ("$.events[1].location.address_country", "unknown country 'FR'; did you mean 'KR'?"),
        ("$.events[1].location.address_locality", "has a value but no evidence names this field"),
        (
            "$.events[1].location.name",
            "'Environmental Cooperation Centre' does not occur in its evidence",
        ),
    ]


def test_the_new_links_and_ids_are_checked() -> None:
    doc = rich_catalog_dict()
    seminar, side = doc["events"]
    seminar["super_event_id"] = "apt-side-event"  # each part of the other: a cycle
    seminar["evidence"][0]["fields"].append("super_event_id")
    side["attendance"][0]["id"] = "apt-side-event-attendance-2"
    side["attendance"][0]["evidence"][0]["id"] = "apt-side-event-attendance-2-evidence-1"
    side["attendance"][0]["evidence"][1]["id"] = "apt-side-event-attendance-2-evidence-2"
    side["contributions"][0]["person_id"] = "julia"
    side["sessions"][0]["subject"] = None
    side["sessions"][1]["start_date"] = "2023-07-15"
    side["sessions"][1]["evidence"][-1]["fields"].append("start_date")
    side["statements"][0]["person_ids"] = ["julia-mao", "nobody"]
    problems = _problems(doc)
    assert problems == [
        ("$.events[0].super_event_id", "the chain of super_event_id from "
         "'apt-low-carbon-seminar-2023' is a cycle"),
        ("$.events[1].super_event_id", "the chain of super_event_id from 'apt-side-event' "
         "is a cycle"),
        ("$.events[1].attendance[0].id", "is 'apt-side-event-attendance-2'; expected "
         "'apt-side-event-attendance-1'"),
        ("$.events[1].contributions[0].person_id", "unknown person 'julia'; did you mean "
         "'julia-mao'?"),
        ("$.events[1].sessions[0]", "has neither a title nor a subject"),
        ("$.events[1].sessions[0].evidence[1].fields", "'subject' has no value: give it one, "
         "or take it out of fields"),
        ("$.events[1].sessions[1].start_date", "2023-07-15 is outside the event's dates "
         "(2023-07-14)"),
        ("$.events[1].statements[0].person_ids[1]", "unknown person 'nobody'"),
    ]  # fmt: skip


def test_a_qualifier_needs_a_count_and_an_alternate_name_of_a_country_its_quote() -> None:
    doc = rich_catalog_dict()
    doc["events"][1]["attendance"][0]["count"] = None
    korea = next(c for c in doc["countries"] if c["code"] == "KR")
    korea["alternate_names"].append("Republic of Korea")
    assert _problems(doc) == [
        ("$.countries[2].alternate_names", "'Republic of Korea' does not occur in its evidence"),
        ("$.events[1].attendance[0].count_qualifier", "qualifies no count"),
        ("$.events[1].attendance[0].evidence[0].fields", "'count' has no value: give it one, "
         "or take it out of fields"),
    ]  # fmt: skip


@pytest.mark.parametrize("field", ["text", "url"])
def test_a_lone_surrogate_from_python_is_a_problem_at_its_field(
    catalog_dict: dict[str, Any], field: str
) -> None:
    """A dataset built in Python (a JSON file cannot hold one) raised a bare
    UnicodeEncodeError from ``Dataset(catalog)``; it is one problem at its record and field."""
    source = catalog_dict["sources"][0]
    source[field] = (source[field] or "") + "\ud800"
    catalog = apt.Catalog.model_validate(catalog_dict, strict=False)
    with pytest.raises(apt.DatasetError) as info:
        apt.Dataset(catalog)
    (problem,) = info.value.problems
    assert problem.path == f"$.sources[0].{field}"
    assert problem.message.startswith("U+D800 at ")


def test_a_country_cited_to_a_text_source_is_refused(catalog_dict: dict[str, Any]) -> None:
    """A user wrote ``name = "Lao PDR"`` with ``source_id`` set to their article and it was
    accepted (issue 19, item 12): a value from a text source needs its span; a country's
    code and name come from reference data, and the text's names for it are quoted
    alternate names."""
    catalog_dict["countries"].append(
        {"code": "LA", "name": "Lao PDR", "source_id": "article-apt-low-carbon-seminar-2023"}
    )
    catalog = apt.Catalog.model_validate(catalog_dict, strict=False)
    (problem,) = _Checker(catalog).run()
    assert problem.path == f"$.countries[{len(catalog.countries) - 1}].source_id"
    assert problem.message == (
        "'article-apt-low-carbon-seminar-2023' is a text; cite reference data (ISO 3166-1) for "
        "the code and name, and give the text's name for the country in alternate_names, quoted"
    )


def test_a_span_past_the_end_of_its_text_is_outside_it_though_its_quote_matches() -> None:
    # A slice stops at the text's end: text[start:end] equals a quote of the text's last
    # characters even where end is past it, so the quote alone does not bound the span.
    doc = seminar_dict()
    (article,) = [s for s in doc["sources"] if s.get("text")]
    text = article["text"]
    evidence = doc["events"][0]["evidence"][0]
    start = evidence["start"]
    evidence |= {"quote": text[start:], "end": len(text) + 5, "prefix": None, "suffix": None}
    assert (
        "$.events[0].evidence[0]",
        f"span [{start}, {len(text) + 5}) is outside the text (length {len(text)})",
    ) in _problems(doc)
    evidence["end"] = len(text)  # the same quote, at its own span: no problem of the span
    assert not [p for p in _problems(doc) if p[0].startswith("$.events[0].evidence[0]")]


def test_an_unknown_depends_on_names_the_closest_earlier_statement() -> None:
    doc = copy.deepcopy(GOOD[0])
    event = doc["events"][0]
    first, second = event["statements"][:2]
    typo = first["id"].replace("statement", "statment")
    second["depends_on"] = [typo]
    message = (
        f"{typo!r} is not an earlier statement of event {event['id']!r}; "
        f"did you mean {first['id']!r}?"
    )
    assert ("$.events[0].statements[1].depends_on[0]", message) in _problems(doc)
