"""The notebook view: short reprs, and the HTML cards Jupyter shows (run in a real kernel
with nbclient, and rendered in Chromium for a screenshot)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from html import escape
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

import aseanplus3_events as apt
from conftest import ARTIFACTS, EVENT_ID


def records(value: Any) -> Iterator[BaseModel]:
    """Every model inside ``value``, itself included."""
    if isinstance(value, BaseModel):
        yield value
        for name in type(value).model_fields:
            yield from records(getattr(value, name))
    elif isinstance(value, tuple):
        for item in value:
            yield from records(item)


def test_every_record_has_a_short_repr_naming_its_kind_and_id_never_its_evidence() -> None:
    catalog = apt.default_dataset().catalog
    seen = set()
    for record in [*records(catalog), *apt.search("carbon")]:
        text = repr(record)
        seen.add(type(record).__name__)
        assert text.startswith(f"{type(record).__name__}(")
        assert len(text) <= 300, text
        if not isinstance(record, apt.Evidence):
            assert "Evidence(" not in text
            assert "evidence" not in text.replace("-evidence-", "")
        for key in ("id", "code"):
            if key in type(record).model_fields:
                assert f"{key}={getattr(record, key)!r}" in text
    assert {"Event", "Session", "Evidence", "Source", "SearchHit", "Catalog"} <= seen
    event = apt.get_event(EVENT_ID)
    assert repr(event) == (
        f"Event(kind='seminar', id='{EVENT_ID}', name='ASEAN Plus Three (10+3) Seminar on "
        "Advancing Low Carbon Development Partnership')"
    )
    for session in event.sessions:  # titled, or named by its subject where it has no title
        words = session.title or session.subject
        assert words is not None
        assert words[:40] in repr(session)
    source = apt.get_source(event.source_ids[0])
    assert source.text is not None
    assert source.text[:40] not in repr(source)  # its title, not its text
    assert len(repr(event.sessions[0].contributions[0])) < 300  # a long summary, cut


def test_the_event_card_shows_name_dates_place_organizations_sessions_and_facts() -> None:
    event = apt.get_event(EVENT_ID)
    html = event._repr_html_()
    assert f"<strong>{event.name}</strong>" in html
    assert "2023-07-14 (hybrid, held)" in html
    assert "<em>not stated</em>" in html  # the article names no venue
    for part in event.participations:  # by name, as the dataset holding the event names them
        assert f"{part.role}: {apt.get_organization(part.organization_id).name}" in html
    # a department with the body it belongs to: two bodies have one of that name
    assert "guidance: International Cooperation Department, Ministry of Ecology and " in html
    for session in event.sessions:
        assert f"<li>{session.heading}</li>" in html
    quotes = sum(len(r.evidence) for r in records(event) if hasattr(r, "evidence"))
    assert f"{quotes} quotes from 1 source" in html
    assert "evidence" not in html.lower()
    assert len(html) < 4000


def test_the_event_card_names_organizations_as_its_own_dataset_does(
    dataset: apt.Dataset,
) -> None:
    """Issue 20 (a user's trial): the card showed organization ids.  The corpus's
    organizations are in no other dataset: a lookup anywhere else would fail."""
    for event in dataset.list_events():
        html = event._repr_html_()
        for part in event.participations:
            name = dataset.get_organization(part.organization_id).name
            assert escape(f"{part.role}: {name}") in html, event.id
        # an event no dataset holds (a copy) is looked up nowhere: it shows the ids
        copied = event.model_copy()._repr_html_()
        assert all(escape(f"{p.role}: {p.organization_id}") in copied
                   for p in event.participations)  # fmt: skip


def test_every_text_on_a_card_is_escaped() -> None:
    event = apt.get_event(EVENT_ID)
    hostile = "<script>alert('x')</script> & co"
    session = event.sessions[0].model_copy(update={"title": hostile})
    html = event.model_copy(
        update={"name": hostile, "location": apt.Place(name=hostile), "sessions": (session,)}
    )._repr_html_()
    assert "<script>" not in html
    assert html.count("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; co") == 3
    hit = apt.search("carbon markets")[0].model_copy(update={"snippet": "**<b>** & <i>"})
    assert "<mark>&lt;b&gt;</mark> &amp; &lt;i&gt;" in hit._repr_html_()


def test_a_search_hit_and_the_dataset_have_cards() -> None:
    hit = apt.search("plastics youth")[0]
    html = hit._repr_html_()
    # headed by what the record is called (issue 20: it was the id), the id above it
    assert f"<strong>{apt.get_session(hit.id).heading}</strong>" in html
    assert f"session · {hit.id}</div>" in html
    assert "<mark>Plastic</mark> Pollution" in html
    assert "**" not in html
    card = apt.default_dataset()._repr_html_()
    # the dataset knows the organizations' names, so its event cards show them
    assert "organizer: China-ASEAN Environmental Cooperation Center" in card
    assert f"data {apt.data_version()}, schema" in card
    events = len(apt.default_dataset().catalog.events)
    assert f'<td style="text-align:left">{events} event{"" if events == 1 else "s"}, ' in card


def test_search_results_are_a_tuple_of_hits_that_a_notebook_shows_as_cards() -> None:
    """Issue 20 (a user's trial): the tuple of hits had no view in a notebook."""
    import copy
    import pickle

    hits = apt.search("carbon markets")
    assert isinstance(hits, tuple)
    assert hits == tuple(hits)
    assert len(hits) > 1
    html = hits._repr_html_()  # type: ignore[attr-defined]
    assert f"{len(hits)} hits for “carbon markets”" in html
    assert all(hit._repr_html_() in html for hit in hits)
    many = apt.search("the")
    assert len(many) > 10
    cards = many._repr_html_()  # type: ignore[attr-defined]
    assert cards.count("search hit") == 0
    assert cards.count("<strong>") == 11  # the head and the first ten hits
    assert f"and {len(many) - 10} more hits" in cards
    for other in (pickle.loads(pickle.dumps(hits)), copy.deepcopy(hits), hits[:1]):
        assert type(other) is tuple  # a plain tuple, with no dataset inside
    assert apt.search("zzzzqx") == ()


def test_a_search_without_hits_shows_what_is_close() -> None:
    html = apt.search("carbn markts")._repr_html_()  # type: ignore[attr-defined]
    assert "No hit for “carbn markts”" in html
    assert "Did you mean" in html
    assert "“carbon markets”, “carbon-markets”" in html
    assert "<em>nothing close</em>" in apt.search("zzzzqx")._repr_html_()  # type: ignore[attr-defined]
    hostile = apt.search("<script>")._repr_html_()  # type: ignore[attr-defined]
    assert "<script>" not in hostile


def test_the_dataset_card_counts_in_words() -> None:
    from aseanplus3_events.text import count as _count

    pairs = [("event", 1), ("event", 2), ("person", 1), ("person", 3), ("cited fact", 0)]
    words = [_count(n, w) for w, n in pairs]
    assert words == ["1 event", "2 events", "1 person", "3 people", "0 cited facts"]


def run_notebook(cells: list[str]) -> list[dict[str, Any]]:
    """Run ``cells`` in a fresh Jupyter kernel (nbclient, ipykernel); the outputs of each."""
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")  # jupyter_core's future paths
    NotebookClient(notebook, kernel_name="python3", timeout=120).execute()
    return [cell.outputs for cell in notebook.cells]


@pytest.fixture(scope="module")
def notebook_outputs() -> list[Any]:
    return run_notebook(
        [
            "import aseanplus3_events as apt",
            f"apt.get_event({EVENT_ID!r})",
            "apt.search('plastics youth')[0]",
            "apt.default_dataset()",
            "apt.search('carbon markets')",
        ]
    )


def test_a_jupyter_kernel_displays_the_cards(notebook_outputs: list[Any]) -> None:
    _, event, hit, dataset, hits = notebook_outputs
    for outputs in (event, hit, dataset, hits):
        assert [o["output_type"] for o in outputs] == ["execute_result"]
    assert hits[0]["data"]["text/html"] == apt.search("carbon markets")._repr_html_()  # type: ignore[attr-defined]
    plain = hits[0]["data"]["text/plain"]  # the tuple, as IPython's pretty printer wraps it
    assert " ".join(plain.split()) == " ".join(repr(apt.search("carbon markets")).split())
    assert "China-ASEAN Environmental Cooperation Center" in event[0]["data"]["text/html"]
    assert event[0]["data"]["text/html"] == apt.get_event(EVENT_ID)._repr_html_()
    assert event[0]["data"]["text/plain"] == repr(apt.get_event(EVENT_ID))
    assert "<mark>Plastic</mark>" in hit[0]["data"]["text/html"]
    assert "China-ASEAN Environmental Cooperation Center" in dataset[0]["data"]["text/html"]


@pytest.mark.browser
def test_the_event_card_renders_in_chromium(
    browser: Any, notebook_outputs: list[Any], tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By

    page = tmp_path / "card.html"
    cards = "".join(outputs[0]["data"]["text/html"] for outputs in notebook_outputs[1:3])
    page.write_text(f"<!doctype html><meta charset=utf-8><body>{cards}</body>", "utf-8")
    browser.set_window_size(900, 700)
    browser.get(page.as_uri())
    card = browser.find_element(By.CSS_SELECTOR, "div")
    assert card.find_element(By.TAG_NAME, "strong").text.startswith("ASEAN Plus Three")
    assert len(card.find_elements(By.TAG_NAME, "li")) == 3
    assert "organizer: China-ASEAN Environmental Cooperation Center" in card.text
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 900
    browser.save_screenshot(str(ARTIFACTS / "notebook-card.png"))
    # the hits of a search, as the kernel showed them: each headed by its record's name
    page.write_text(f"<!doctype html><meta charset=utf-8><body>"
                    f"{notebook_outputs[4][0]['data']['text/html']}</body>", "utf-8")  # fmt: skip
    browser.get(page.as_uri())
    headings = [e.text for e in browser.find_elements(By.TAG_NAME, "strong")]
    hits = apt.search("carbon markets")
    assert headings == [f"{len(hits)} hits for “carbon markets”", *(h.name or h.id for h in hits)]
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 900
    browser.save_screenshot(str(ARTIFACTS / "notebook-search.png"))
