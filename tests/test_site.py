"""The documentation site: it builds strictly and offline, and reads in a real browser,
served or opened from disk (file://).

The build tests run everywhere.  The browser tests (marker ``browser``) need Debian's
``chromium`` and ``chromium-driver``; ``.ci/run`` installs them and runs
``pytest -m browser``.  Screenshots are saved in ``test-artifacts/``.
"""

from __future__ import annotations

import asyncio
import html
import json
import os
import re
import shlex
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import aseanplus3_events as apt
from conftest import ARTICLE_ID, ARTIFACTS, ROOT, loopback_server

# Hosts a page could load fonts or scripts from; none may be referenced by a page.
EXTERNAL_ASSETS = re.compile(r"""<(?:link|script)[^>]+(?:href|src)=["']https?://""")


def build_site(out: Path) -> subprocess.CompletedProcess[str]:
    # A dead proxy: any attempt to fetch something during the build fails loudly.
    env = os.environ | {
        "NO_MKDOCS_2_WARNING": "1",
        "http_proxy": "http://127.0.0.1:9",
        "https_proxy": "http://127.0.0.1:9",
        "HTTP_PROXY": "http://127.0.0.1:9",
        "HTTPS_PROXY": "http://127.0.0.1:9",
    }
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = build_site(out)
    assert result.returncode == 0, result.stderr
    return out


def test_the_site_builds_strictly_and_offline(site: Path) -> None:
    # page.html, not page/index.html: a link to a folder opens a folder listing from disk
    pages = sorted(p.stem for p in site.glob("*.html"))
    assert pages == [
        "404", "adding-an-event", "analysts", "api", "changelog", "cli", "data-model",
        "dataset-card", "downloads", "index", "jsonld", "performance", "provenance",
        "publish",
        "quickstart", "search", "seeds-guide", "tables", "tutorial",
    ]  # fmt: skip
    for page in site.rglob("*.html"):
        assert not EXTERNAL_ASSETS.search(page.read_text(encoding="utf-8")), page
    assert (site / "source-view" / "index.html").exists()  # generated, see below
    # search works without a server: the index is inlined in a script
    assert (
        (site / "search" / "search_index.js")
        .read_text(encoding="utf-8")
        .startswith("var __index = {")
    )
    # a sitemap needs the site's address, which a copy on disk does not have
    assert not (site / "sitemap.xml").exists()


def test_interactive_examples_are_highlighted_as_sessions(site: Path) -> None:
    # the pycon lexer marks ">>> " as a prompt and what follows a call as output; the
    # python lexer would colour the output's words as code
    for name in ("index", "tutorial", "quickstart", "provenance"):
        html = (site / f"{name}.html").read_text(encoding="utf-8")
        assert '<span class="gp">&gt;&gt;&gt; </span>' in html, name
        assert '<span class="go">' in html, name
        assert '<span class="o">&gt;&gt;&gt;</span>' not in html, name


def test_the_readme_docs_build_prints_no_notice_box(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (command,) = re.findall(r"`([^`]*mkdocs build[^`]*)`", readme)
    env = {k: v for k, v in os.environ.items() if k != "NO_MKDOCS_2_WARNING"}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    result = subprocess.run(
        ["bash", "-c", f"{command} --site-dir {shlex.quote(str(tmp_path / 'site'))}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert "│" not in output
    assert "end of life" not in output
    assert (tmp_path / "site" / "index.html").exists()


def test_the_site_includes_the_source_view_of_the_bundled_article(site: Path) -> None:
    # generated at build time (mkdocs_source_view.py), so it always shows the data
    view = site / "source-view"
    back = '<header><p class="meta"><a href="../index.html">\u2190 Documentation</a> \u00b7 '
    assert (view / f"{ARTICLE_ID}.html").read_text(encoding="utf-8") == apt.to_html(
        ARTICLE_ID
    ).replace('<header><p class="meta">', back, 1)  # the way back to the docs
    assert f'href="{ARTICLE_ID}.html"' in (view / "index.html").read_text(encoding="utf-8")
    provenance = (site / "provenance.html").read_text(encoding="utf-8")
    assert re.search(rf'href="(\.\./)?source-view/{ARTICLE_ID}\.html"', provenance)


def test_the_data_models_lists_are_generated_from_the_data(site: Path) -> None:
    # docs/data-model.md holds markers, not copies; the built page holds every note of
    # the bundled data, every controlled value with its definition and every topic
    source = (ROOT / "docs" / "data-model.md").read_text(encoding="utf-8")
    assert "<!-- generated: notes -->" in source
    text = html.unescape(re.sub(r"<[^>]+>", "", (site / "data-model.html").read_text("utf-8")))
    assert "generated:" not in text
    records = [r for e in apt.list_events() for r in (e, *e.sessions, *e.statements)]
    records += [*apt.organizations(), *apt.sources()]
    notes = [r.note for r in records if r.note]
    assert notes
    for note in notes:
        assert note in text
    for value in apt.StatementKind:
        assert f"{value.value}\n{value.definition.replace('``', '')}" in text
    for topic in apt.topics():
        assert f"{topic.id}\n{topic.label}" in text


def test_the_tables_page_lists_every_column_from_the_declaration(site: Path) -> None:
    # docs/tables.md holds a marker; the built page gives every column of every table,
    # in order, with its type and description, as datapackage.json does
    from aseanplus3_events.exports.tables import TABLES

    page = (site / "tables.html").read_text(encoding="utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert "generated:" not in text
    for table in TABLES:
        listed = text.partition(f"\n{table.name}¶\n{table.description}\n")[2]  # a heading
        for field in table.schema()["fields"]:
            line = f"{field['name']}\n{field['type']}\n{field['description']}\n"
            assert line in listed, (table.name, field["name"])
            listed = listed.partition(line)[2]


def test_the_api_reference_documents_the_public_functions(site: Path) -> None:
    html = (site / "api.html").read_text(encoding="utf-8")
    for name in ("get_event", "sessions_by_topic", "search", "load_dataset", "to_jsonld"):
        assert re.search(rf'id="aseanplus3_events\.[a-z_.]*{name}"', html), name
    # the docstring examples are a section of highlighted code, not running text
    assert '<span class="doc-section-title">Examples:</span>' in html
    assert html.count('<span class="gp">&gt;&gt;&gt; </span>') > 50


def test_included_pages_carry_their_source(site: Path) -> None:
    changelog = (site / "changelog.html").read_text(encoding="utf-8")
    assert "Keep a Changelog" in changelog
    guide = (site / "seeds-guide.html").read_text(encoding="utf-8")
    assert "A quote must occur exactly once in its source" in guide


# --- in a real browser ----------------------------------------------------------------


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    def command(port: int) -> list[str]:
        return [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                "--directory", str(site)]  # fmt: skip

    with loopback_server(command) as url:
        yield url


@pytest.mark.browser
def test_the_home_page_renders(browser: Any, server: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(server)
    assert browser.title.startswith("aseanplus3-events")
    heading = browser.find_element(By.CSS_SELECTOR, "article h1")
    assert heading.text == "aseanplus3-events"
    assert heading.is_displayed()
    code = browser.find_element(By.CSS_SELECTOR, "article pre")
    assert "apt.get_event(" in code.text
    assert browser.execute_script("return document.fonts.status") == "loaded"
    browser.save_screenshot(str(ARTIFACTS / "home.png"))


@pytest.mark.browser
def test_the_api_reference_lists_the_functions(browser: Any, server: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(server + "api.html")
    for name in ("get_event", "sessions_by_topic"):
        element = browser.find_element(By.ID, f"aseanplus3_events.api.{name}")
        assert name in element.text
    browser.execute_script(
        "document.getElementById('aseanplus3_events.api.sessions_by_topic').scrollIntoView()"
    )
    browser.save_screenshot(str(ARTIFACTS / "api-reference.png"))


@pytest.mark.browser
def test_the_site_search_finds_the_tutorial(browser: Any, server: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(server)
    box = WebDriverWait(browser, 10).until(
        ec.element_to_be_clickable((By.CSS_SELECTOR, "input.md-search__input"))
    )
    box.click()
    box.send_keys("carbon")

    def tutorial_hits(driver: Any) -> list[str]:
        # Read the links in one script call: the result list re-renders while the
        # search runs, so element handles taken one by one can go stale.
        links: list[str] = driver.execute_script(
            "return [...document.querySelectorAll('.md-search-result__list a')].map(a => a.href)"
        )
        return [href for href in links if "/tutorial.html" in href]

    hits = WebDriverWait(browser, 20).until(tutorial_hits)
    assert hits
    browser.save_screenshot(str(ARTIFACTS / "search-carbon.png"))


# --- opened from disk ------------------------------------------------------------------


@pytest.mark.browser
def test_from_disk_a_nav_link_opens_its_page(browser: Any, site: Path) -> None:
    from selenium.webdriver.common.by import By

    browser.get((site / "index.html").as_uri())
    assert browser.find_element(By.CSS_SELECTOR, "article h1").text == "aseanplus3-events"
    browser.save_screenshot(str(ARTIFACTS / "file-home.png"))
    link = browser.find_element(By.LINK_TEXT, "Command line")
    browser.execute_script("arguments[0].click()", link)
    assert browser.current_url == (site / "cli.html").as_uri()
    assert browser.find_element(By.CSS_SELECTOR, "article h1").text == "The command line"
    browser.save_screenshot(str(ARTIFACTS / "file-cli.png"))


@pytest.mark.browser
def test_from_disk_search_finds_carbon(browser: Any, site: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get((site / "index.html").as_uri())
    box = WebDriverWait(browser, 10).until(
        ec.element_to_be_clickable((By.CSS_SELECTOR, "input.md-search__input"))
    )
    box.click()
    box.send_keys("carbon")

    def hits(driver: Any) -> list[str]:
        links: list[str] = driver.execute_script(
            "return [...document.querySelectorAll('.md-search-result__list a')].map(a => a.href)"
        )
        return links

    found = WebDriverWait(browser, 20).until(hits)
    pages = {href.split("#")[0].split("?")[0] for href in found}
    assert (site / "tutorial.html").as_uri() in pages
    browser.save_screenshot(str(ARTIFACTS / "file-search-carbon.png"))


@pytest.mark.browser
@pytest.mark.parametrize("page", sorted(p.stem for p in (ROOT / "docs").glob("*.md")))
def test_code_blocks_fit_1280_pixels(browser: Any, site: Path, page: str) -> None:
    browser.set_window_size(1280, 900)
    browser.get((site / f"{page}.html").as_uri())
    overflowing: list[str] = browser.execute_script(
        "return [...document.querySelectorAll('article pre > code')]"
        ".filter(c => c.scrollWidth > c.clientWidth + 1)"
        ".map(c => c.textContent.slice(0, 60))"
    )
    assert overflowing == []
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 1280
    browser.execute_script("document.querySelector('article pre')?.scrollIntoView()")
    browser.save_screenshot(str(ARTIFACTS / f"file-{page}-code.png"))


# --- downloads, the home page, the source view and phones --------------------------------


def test_the_site_carries_every_export_and_the_downloads_page_links_each(site: Path) -> None:
    from aseanplus3_events.cli import FORMATS

    files = sorted(p.name for p in (site / "downloads").iterdir())
    page = (site / "downloads.html").read_text(encoding="utf-8")
    for name in files:
        assert f'<a href="downloads/{name}">{name}</a>' in page
    offered = {n for n in FORMATS if n not in ("csv", "html")}  # in the zip; the site itself
    # and the annotations' context, to read offline, and the database's Datasette metadata
    assert len(files) == len(offered) + 2
    assert (site / "downloads" / "aseanplus3-events.json").read_bytes() == (
        apt.default_dataset().catalog.model_dump_json(indent=2).encode() + b"\n"
    )
    with zipfile.ZipFile(site / "downloads" / "aseanplus3-events-parquet.zip") as archive:
        assert {"README.md", "croissant.json", "events.parquet"} <= set(archive.namelist())
    home = (site / "index.html").read_text(encoding="utf-8")
    home = home[home.index("<article") :]
    # the data before the code: what it holds, the source view and the downloads
    data = home.index(f"The bundled dataset holds {len(apt.list_events())} event")
    assert f"(data version {apt.data_version()})" in home[data : data + 400]
    assert data < home.index('href="source-view/index.html"') < home.index("<pre")
    assert data < home.index('href="downloads.html"') < home.index("<pre")


def test_datasette_reads_the_downloaded_database_with_its_metadata(site: Path) -> None:
    # trial9: the site offered the database without the metadata the command writes beside it
    from datasette.app import Datasette

    downloads = site / "downloads"
    page = (site / "downloads.html").read_text(encoding="utf-8")
    assert "--metadata aseanplus3-events-metadata.json" in page
    metadata = json.loads((downloads / "aseanplus3-events-metadata.json").read_bytes())
    datasette = Datasette([str(downloads / "aseanplus3-events.db")], metadata=metadata)

    async def get(path: str) -> str:
        return (await datasette.client.get(path)).text

    title = apt.default_dataset().catalog.title or ""
    assert f"<h1>{html.escape(title, quote=False)}</h1>" in asyncio.run(get("/"))
    events = asyncio.run(get("/aseanplus3-events/events"))
    assert metadata["license"].split(";")[0] in events  # its license is shown with the table


def test_the_downloads_page_says_how_to_read_the_annotations_offline(site: Path) -> None:
    import rdflib

    from aseanplus3_events.exports.annotations import ANNO_CONTEXT_URL

    page = (site / "downloads.html").read_text(encoding="utf-8")
    offline = page[page.index('id="reading-the-json-ld-files-offline"') :]
    assert ANNO_CONTEXT_URL in offline
    assert '<a href="provenance.html#read-it-as-rdf-offline">' in offline
    # the recipe, with the two downloads alone: the context in place of the address
    downloads = site / "downloads"
    doc = json.loads((downloads / "aseanplus3-events-annotations.jsonld").read_bytes())
    assert doc["@context"] == ANNO_CONTEXT_URL  # what a processor would fetch
    context = json.loads((downloads / "w3c-anno-context.jsonld").read_bytes())
    graph = rdflib.Graph().parse(data=json.dumps(doc | context), format="json-ld")
    oa = rdflib.Namespace("http://www.w3.org/ns/oa#")
    assert len(set(graph.subjects(rdflib.RDF.type, oa.Annotation))) == doc["total"] > 0
    # the embedded context of the schema.org JSON-LD: nothing to fetch
    events = json.loads((downloads / "aseanplus3-events.jsonld").read_bytes())
    assert isinstance(events["@context"], dict)


@pytest.mark.browser
def test_from_disk_the_home_page_leads_to_a_download(
    browser: Any, site: Path, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.set_window_size(1280, 900)
    browser.get((site / "index.html").as_uri())
    link = browser.find_element(By.PARTIAL_LINK_TEXT, "Download it")
    browser.execute_script("arguments[0].click()", link)
    assert browser.current_url == (site / "downloads.html").as_uri()
    assert browser.find_element(By.CSS_SELECTOR, "article table").is_displayed()
    browser.save_screenshot(str(ARTIFACTS / "file-downloads.png"))
    browser.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)}
    )
    browser.find_element(By.LINK_TEXT, "aseanplus3-events.xlsx").click()
    got = tmp_path / "aseanplus3-events.xlsx"
    WebDriverWait(browser, 20).until(lambda _: got.exists() and got.stat().st_size > 0)
    assert got.read_bytes() == (site / "downloads" / "aseanplus3-events.xlsx").read_bytes()


@pytest.mark.browser
def test_from_disk_the_source_view_leads_back_to_the_docs(browser: Any, site: Path) -> None:
    from selenium.webdriver.common.by import By

    for page in ("index", ARTICLE_ID):
        browser.get((site / "source-view" / f"{page}.html").as_uri())
        back = browser.find_element(By.LINK_TEXT, "\u2190 Documentation")
        browser.execute_script("arguments[0].click()", back)
        assert browser.current_url == (site / "index.html").as_uri()


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    """The browser as a 375 px wide touch screen."""
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": 375, "height": 800, "deviceScaleFactor": 2, "mobile": True})  # fmt: skip
    browser.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True})
    try:
        yield browser
    finally:
        browser.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": False})
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def tap(browser: Any, element: Any) -> None:
    from selenium.webdriver.common.actions import interaction
    from selenium.webdriver.common.actions.action_builder import ActionBuilder
    from selenium.webdriver.common.actions.pointer_input import PointerInput

    actions = ActionBuilder(browser, mouse=PointerInput(interaction.POINTER_TOUCH, "finger"))
    actions.pointer_action.move_to(element).pointer_down().pointer_up()
    actions.perform()


@pytest.mark.browser
def test_on_a_phone_a_tap_shows_what_a_highlight_supports(phone: Any, site: Path) -> None:
    from selenium.webdriver.common.by import By

    url = (site / "source-view" / f"{ARTICLE_ID}.html").as_uri()
    phone.get(url)
    assert "tap" in phone.find_element(By.CSS_SELECTOR, "p.legend").text
    mark = phone.find_elements(By.CSS_SELECTOR, "#source-text mark")[3]
    phone.execute_script("arguments[0].scrollIntoView({block: 'center'})", mark)
    tap(phone, mark)
    tip = phone.find_element(By.ID, "tip")
    assert tip.is_displayed()
    assert phone.current_url == url  # it stayed where it was
    assert phone.execute_script("return document.documentElement.scrollWidth") <= 375
    phone.save_screenshot(str(ARTIFACTS / "file-source-view-tap-375.png"))
    tap(phone, mark)  # a second tap goes to the record
    assert phone.current_url.startswith(url + "#rec-")


@pytest.mark.browser
def test_on_a_phone_the_data_model_diagram_fits(phone: Any, site: Path) -> None:
    phone.get((site / "data-model.html").as_uri())
    widths: list[list[int]] = phone.execute_script(
        "return [...document.querySelectorAll('article pre > code')]"
        ".filter(c => c.textContent.startsWith('Catalog'))"
        ".map(c => [c.scrollWidth, c.clientWidth])"
    )
    assert len(widths) == 1
    assert widths[0][0] <= widths[0][1], widths
    phone.execute_script("document.querySelector('article pre').scrollIntoView()")
    phone.save_screenshot(str(ARTIFACTS / "file-data-model-375.png"))
