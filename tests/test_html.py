"""The source view: the page holds the source text verbatim, every evidence span is
highlighted exactly, and a real browser shows what a highlight supports.

The HTML is read with the standard library's parser; the browser tests (marker
``browser``) open the page from ``file://`` in headless Chromium and save screenshots at
375 px and 1280 px in ``test-artifacts/``.
"""

from __future__ import annotations

import doctest
import hashlib
import itertools
import json
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import aseanplus3_events as apt
from aseanplus3_events.exports import html as html_export
from conftest import ARTICLE_ID, ARTIFACTS, EVENT_ID

VOID = {"meta", "link", "br", "img", "input", "hr", "wbr", "source", "area", "base", "col"}


class Page(HTMLParser):
    """Reads a page: the text of ``#source-text`` with the offsets of each ``<mark>`` in
    it, every element id, every link and every external reference."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.depth: int | None = None  # stack depth of #source-text while inside it
        self.text = ""
        self.mark: dict[str, Any] | None = None
        self.marks: list[dict[str, Any]] = []
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.external: list[str] = []
        self.tags: list[str] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append(tag)
        if a.get("id"):
            self.ids.add(str(a["id"]))
        for key in ("href", "src"):
            value = a.get(key)
            if value is not None:
                if key == "href":
                    self.hrefs.append(value)
                if "//" in value or key == "src":
                    self.external.append(value)
        if tag in VOID:
            return
        self.stack.append(tag)
        if a.get("id") == "source-text":
            self.depth = len(self.stack)
        elif self.depth is not None and tag == "mark":
            assert self.mark is None, "a mark inside a mark"
            ids = str(a.get("data-evidence", "")).split()
            self.mark = {"ids": ids, "start": len(self.text)}

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        assert self.stack[-1] == tag, (self.stack, tag)
        if self.depth is not None and tag == "mark":
            assert self.mark is not None
            self.mark["end"] = len(self.text)
            self.marks.append(self.mark)
            self.mark = None
        if self.depth == len(self.stack):
            self.depth = None
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.depth is not None:
            self.text += data


@pytest.fixture(scope="module")
def page() -> Page:
    return Page(apt.to_html(ARTICLE_ID))


def evidence_items() -> list[apt.Evidence]:
    records: list[Any] = [*apt.organizations(), *apt.people(), *apt.countries()]
    for event in apt.list_events():
        records += [event, *event.participations, *event.participants, *event.sessions]
        records += [*event.attendance, *event.contributions]
        records += [*event.statements, *event.references]
        records += [c for s in event.sessions for c in s.contributions]
    return [ev for r in records for ev in r.evidence if ev.source_id == ARTICLE_ID]


def test_the_text_is_the_source_verbatim(page: Page, article_text: str) -> None:
    assert page.text == article_text
    source = apt.get_source(ARTICLE_ID)
    assert hashlib.sha256(page.text.encode("utf-8")).hexdigest() == source.sha256


def test_every_evidence_span_is_covered_exactly_by_the_segments_naming_it(page: Page) -> None:
    items = evidence_items()
    assert len(items) > 40
    for ev in items:
        pieces = sorted((m["start"], m["end"]) for m in page.marks if ev.id in m["ids"])
        assert pieces, ev.id
        assert pieces[0][0] == ev.start, ev.id
        assert pieces[-1][1] == ev.end, ev.id
        for (_, end), (start, _) in itertools.pairwise(pieces):
            assert end == start, f"{ev.id}: a gap or overlap at {end}"
        assert page.text[ev.start : ev.end] == ev.quote
    # no mark names anything else, and nothing is highlighted that no evidence covers
    named = {i for m in page.marks for i in m["ids"]}
    assert named == {ev.id for ev in items}
    assert all(m["ids"] and m["end"] > m["start"] for m in page.marks)


def test_overlapping_quotes_are_cut_into_segments(page: Page, article_text: str) -> None:
    # The article's first session title holds "COP28", which is quoted on its own.
    before = "first session, titled “Advancing Towards "
    at = article_text.index(before) + len(before)
    (segment,) = [m for m in page.marks if m["start"] == at]
    assert page.text[segment["start"] : segment["end"]] == "COP28"
    assert len(segment["ids"]) >= 2


def test_the_view_shows_each_records_note_and_the_partial_list_flag() -> None:
    """Issue 19, item 15: the source view hid the notes (what the dataset reads into the
    text) and the event's "list is partial" flag (``participants_complete``)."""
    page = apt.to_html(ARTICLE_ID)
    event = apt.get_event(EVENT_ID)
    named = [r for r in [*apt.organizations(), *apt.people()]
             if any(ev.source_id == ARTICLE_ID for ev in r.evidence)]  # fmt: skip
    records: list[Any] = [event, *event.participations, *event.participants, *event.sessions]
    records += [*event.statements, *event.references, *named]
    records += [c for s in event.sessions for c in s.contributions]
    notes = [r.note for r in records if r.note is not None]
    assert len(notes) >= 15
    for note in notes:
        assert f'<p class="note">{html_export._text(note)}</p>' in page, note[:40]
    assert event.participants_complete is False  # "experts from various regions, including"
    assert (
        '<p class="note">participants_complete: false: the source says its list of '
        "participant groups is partial.</p>"
    ) in page


def test_records_are_named_by_what_they_are_about() -> None:
    page = apt.to_html(ARTICLE_ID)
    # a participation has no name of its own: it is named by its organisation
    assert '<span class="kind">participation</span>World Resources Institute' in page
    assert '<span class="kind">contribution</span>Julia Mao' in page
    assert '<span class="kind">session</span>Advancing Towards COP28' in page


def test_the_hover_data_tells_records_of_one_name_apart() -> None:
    # The article names two "International Cooperation Department"s: a reader hovering
    # either must learn which record it is, so the hover data carries the record's id.
    html = apt.to_html(ARTICLE_ID)
    tag = '<script type="application/json" id="evidence-data">'
    start = html.index(tag) + len(tag)
    data = json.loads(html[start : html.index("</script>", start)])
    departments = [
        org for org in apt.organizations() if org.name == "International Cooperation Department"
    ]
    assert len(departments) == 2
    labels = {data[org.evidence[0].id]["record"] for org in departments}
    assert labels == {
        f"organization International Cooperation Department [{org.id}]" for org in departments
    }


def test_a_quote_for_items_of_a_list_names_them() -> None:
    # the side list and the hover data say which topic "Carbon Market Development" names
    html = apt.to_html(ARTICLE_ID)
    ev_id = f"{EVENT_ID}-session-1-evidence-5"
    link = html[html.index(f'id="link-{ev_id}"') :]
    assert link[: link.index("</li>")].endswith(
        '<span class="fields">topics (carbon-markets)</span></a>: “Carbon Market Development”'
    )
    tag = '<script type="application/json" id="evidence-data">'
    start = html.index(tag) + len(tag)
    data = json.loads(html[start : html.index("</script>", start)])
    assert {k: v["items"] for k, v in data.items() if v["items"]} == {
        ev.id: list(ev.items) for ev in evidence_items() if ev.items
    }


def test_links_resolve_and_nothing_is_fetched(page: Page) -> None:
    assert page.external == []
    assert "link" not in page.tags
    for href in page.hrefs:
        if href.startswith("#"):
            assert href[1:] in page.ids, href
        else:
            assert href == "index.html"


def test_write_html_writes_an_index_and_a_page_per_source_with_text(tmp_path: Path) -> None:
    paths = apt.write_html(tmp_path / "view")
    texts = [s.id for s in apt.sources() if s.text is not None]
    assert [p.name for p in paths] == ["index.html", *(f"{s}.html" for s in texts)]
    index = Page(paths[0].read_text(encoding="utf-8"))
    assert f"{ARTICLE_ID}.html" in index.hrefs
    assert index.external == []
    page = tmp_path / "view" / f"{ARTICLE_ID}.html"
    assert page.read_text(encoding="utf-8") == apt.to_html(ARTICLE_ID)


def test_a_text_with_carriage_returns_and_markup_survives(catalog_dict: Any) -> None:
    text = "Line one\r\nA & B <b>not bold</b>\rend\n"
    catalog_dict["sources"].append(
        {
            "id": "odd-text",
            "title": "Odd text",
            "kind": "article",
            "language": "en",
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "text": text,
        }
    )
    ds = apt.Dataset(apt.Catalog.model_validate_json(json.dumps(catalog_dict)))
    assert Page(apt.to_html("odd-text", ds)).text == text


def test_errors() -> None:
    with pytest.raises(ValueError, match="'iso-3166-1' has no text"):
        apt.to_html("iso-3166-1")
    with pytest.raises(apt.SourceNotFoundError, match="unknown source id 'articel'"):
        apt.to_html("articel")
    with pytest.raises(TypeError):
        apt.to_html(3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="dataset must be a Dataset, not dict"):
        apt.write_html("out", {})  # type: ignore[arg-type]


def test_the_examples_in_the_module_run() -> None:
    result = doctest.testmod(html_export, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 2


def test_export_html_writes_the_folder(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    command = [sys.executable, "-m", "aseanplus3_events", "export", "--format", "html"]
    result = subprocess.run([*command, "--out", tmp_path], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    pages = 1 + sum(s.text is not None for s in apt.sources())
    assert result.stderr == f"wrote {pages} files to {tmp_path}\n"
    assert (tmp_path / f"{ARTICLE_ID}.html").read_text(encoding="utf-8") == apt.to_html(ARTICLE_ID)
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    assert result.returncode == 2
    assert "--format html writes a folder" in result.stderr


# --- in a real browser ----------------------------------------------------------------


@pytest.fixture(scope="module")
def view(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("source-view")
    apt.write_html(folder)
    return (folder / f"{ARTICLE_ID}.html").as_uri()


def attendance_mode_mark(browser: Any) -> Any:
    from selenium.webdriver.common.by import By

    (ev,) = [e for e in apt.get_event(EVENT_ID).evidence if "attendance_mode" in e.fields]
    marks = browser.find_elements(By.CSS_SELECTOR, "#source-text mark")
    return next(m for m in marks if ev.id in m.get_attribute("data-evidence").split())


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 375])
def test_hovering_a_highlight_names_its_record_and_fields(
    browser: Any, view: str, width: int, article_text: str
) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    browser.set_window_size(width, 900)
    browser.get(view)
    assert browser.execute_script(
        "return document.getElementById('source-text').textContent"
    ) == article_text  # fmt: skip
    tip = browser.find_element(By.ID, "tip")
    assert not tip.is_displayed()
    mark = attendance_mode_mark(browser)
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", mark)
    ActionChains(browser).move_to_element(mark).perform()
    assert tip.is_displayed()
    assert "event ASEAN Plus Three (10+3) Seminar" in tip.text
    assert "attendance_mode" in tip.text
    # nothing sticks out sideways: the page reads without horizontal scrolling
    overflow = "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
    assert browser.execute_script(overflow) <= 0
    browser.save_screenshot(str(ARTIFACTS / f"source-view-{width}.png"))


@pytest.mark.browser
def test_the_keyboard_reaches_a_highlight_and_its_record_and_back(browser: Any, view: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.set_window_size(1280, 900)
    browser.get(view)
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)  # the skip link
    body = browser.switch_to.active_element
    assert body.text == "Skip to the records"
    for _ in range(3):  # "All sources", then the first highlight
        browser.switch_to.active_element.send_keys(Keys.TAB)
        if browser.execute_script("return document.activeElement.closest('#source-text') !== null"):
            break
    focused = browser.switch_to.active_element
    assert focused.find_element(By.TAG_NAME, "mark").text == "July 14, 2023"
    tip = browser.find_element(By.ID, "tip")
    assert tip.is_displayed()
    assert "start_date, end_date" in tip.text
    # Enter follows the highlight to its record in the side list...
    focused.send_keys(Keys.ENTER)
    record = browser.switch_to.active_element
    assert record.get_attribute("id") == "rec-event-apt-low-carbon-seminar-2023"
    # ...whose evidence links lead back to the highlight
    link = record.find_element(By.CSS_SELECTOR, "a[data-pick]")
    link.send_keys(Keys.ENTER)
    back = browser.switch_to.active_element
    assert back.find_element(By.TAG_NAME, "mark").text == "July 14, 2023"
    picked = browser.find_elements(By.CSS_SELECTOR, "#source-text mark.picked")
    assert [m.text for m in picked] == ["July 14, 2023"]
    browser.save_screenshot(str(ARTIFACTS / "source-view-keyboard.png"))


@given(
    st.integers(1, 40).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(
                st.tuples(st.integers(0, n - 1), st.integers(1, n)).filter(lambda p: p[0] < p[1])
            ),
        )
    )
)
def test_segments_in_one_sweep_equal_the_spans_covering_each_piece(
    case: tuple[int, list[tuple[int, int]]],
) -> None:
    # the sweep (linear) against the definition: every span that covers the piece
    length, spans = case
    got = html_export._segments(length, spans)
    cuts = sorted({0, length, *(s for s, _ in spans), *(e for _, e in spans)})
    assert got == [
        (a, b, tuple(i for i, (s, e) in enumerate(spans) if s <= a and b <= e))
        for a, b in itertools.pairwise(cuts)
    ]


def test_the_source_view_walks_the_citations_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # one walk for every page (not one per source: that was quadratic in the sources)
    calls = []
    real = html_export.citations

    def counted(ds: apt.Dataset) -> tuple[Any, ...]:
        calls.append(ds)
        return real(ds)

    monkeypatch.setattr(html_export, "citations", counted)
    ds = apt.default_dataset()
    pages = html_export.write_html(tmp_path, ds)
    assert len(pages) == 1 + sum(1 for s in ds.sources() if s.text is not None)
    assert len(calls) == 1
