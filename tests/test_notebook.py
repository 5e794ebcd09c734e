"""The notebook view: short reprs, and the HTML cards Jupyter shows (run in a real kernel
with nbclient, and rendered in Chromium for a screenshot)."""

from __future__ import annotations

import os
from collections.abc import Iterator
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
    for part in event.participations:
        assert f"{part.role}: {part.organization_id}" in html
    for session in event.sessions:
        assert f"<li>{session.heading}</li>" in html
    quotes = sum(len(r.evidence) for r in records(event) if hasattr(r, "evidence"))
    assert f"{quotes} quotes from 1 source" in html
    assert "evidence" not in html.lower()
    assert len(html) < 4000


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
    assert f"<strong>{hit.id}</strong>" in html
    assert "<mark>Plastic</mark> Pollution" in html
    assert "**" not in html
    card = apt.default_dataset()._repr_html_()
    # the dataset knows the organizations' names, so its event cards show them
    assert "organizer: China-ASEAN Environmental Cooperation Center" in card
    assert f"data {apt.data_version()}, schema" in card
    events = len(apt.default_dataset().catalog.events)
    assert f'<td style="text-align:left">{events} event{"" if events == 1 else "s"}, ' in card


def test_the_dataset_card_counts_in_words() -> None:
    from aseanplus3_events.notebook import _plural

    words = [f"{n} {_plural(w, n)}" for w, n in [("event", 1), ("event", 2), ("person", 1),
                                                 ("person", 3), ("cited fact", 0)]]  # fmt: skip
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
        ]
    )


def test_a_jupyter_kernel_displays_the_cards(notebook_outputs: list[Any]) -> None:
    _, event, hit, dataset = notebook_outputs
    for outputs in (event, hit, dataset):
        assert [o["output_type"] for o in outputs] == ["execute_result"]
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
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 900
    browser.save_screenshot(str(ARTIFACTS / "notebook-card.png"))
