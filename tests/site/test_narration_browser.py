""""Nghe thuyết minh" as a visitor uses it: press play in headless Chromium and hear time
pass, change speed, come back to the same place, save for offline and play without signal.

One small project, built once for the module: a record with a volunteer's recording
(a tone made here, transcoded by the real pipeline), its English page (no English
voice configured: the phone's voice may read it) and a sample site the machine voice
narrates with espeak-ng.
"""

from __future__ import annotations

from typing import Iterator

import pytest
import yaml

from generator.build import build
from generator.config import load_config
from tests.browser_support import clean_visit, phone_page, requires_chromium, serve_directory
from tests.media.recordings import write_recording
from tests.site_fixtures import make_site_project

pytestmark = [pytest.mark.browser, requires_chromium]

RECORDED = "di-tich/den-thu-nghiem/"
GENERATED = "di-tich/cau-ham-rong/"
PHONE_VOICE = "en/di-tich/den-thu-nghiem/"
NARRATION = "Đây là Đền Thử Nghiệm.\n\nĐền được dựng năm một nghìn bốn trăm bảy mươi."


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = make_site_project(tmp_path_factory.mktemp("narration") / "project", ("cau-ham-rong",), hostile=False)
    record = project / "sites" / "den-thu-nghiem.yml"
    write_recording(project / "sites" / "den-thu-nghiem" / "thuyet-minh.m4a", seconds=12, frequency=330)
    record.write_text(record.read_text(encoding="utf-8") + yaml.safe_dump({
        "narration": {"vi": NARRATION},
        "audio": [{"file": "den-thu-nghiem/thuyet-minh.m4a", "lang": "vi", "credit": "Lê Thị C",
                   "licence": "CC BY 4.0"}],
    }, allow_unicode=True), encoding="utf-8")
    config = project / "mkdocs.yml"
    # No English machine voice: English pages fall back to the phone's own voice.
    config.write_text(config.read_text(encoding="utf-8").replace("{vi: vi, en: en-us}", "{vi: vi}"), encoding="utf-8")
    result = build(load_config(project))
    assert result.built, (result.load.report.errors, result.renderer_output, result.problems)
    with serve_directory(project / "site", ranges=True) as url:
        yield url


@pytest.fixture(scope="module")
def browser_page() -> Iterator[tuple[object, object]]:
    with phone_page(tile_host="tile.openstreetmap.org") as (page, log):
        yield page, log


@pytest.fixture
def phone(browser_page: tuple) -> Iterator[object]:
    """The shared page, for one test, counting the audio it requests (``page.audio_requests``)."""
    with clean_visit(browser_page) as page:
        audio_requests: list[str] = []
        listener = lambda request: audio_requests.append(request.url) if ".mp3" in request.url else None  # noqa: E731
        page.on("request", listener)
        page.audio_requests = audio_requests
        yield page
        page.remove_listener("request", listener)


def current_time(page: object) -> float:
    return page.evaluate("document.querySelector('.dcd-narration audio').currentTime")


def first_visit(page: object, url: str) -> object:
    """Open ``url`` as if for the first time (nothing remembered); returns the player."""
    page.goto(url)
    page.evaluate("localStorage.clear()")
    page.reload()
    return page.locator(".dcd-narration")


def test_nothing_is_downloaded_before_play_then_time_advances(base_url: str, phone: tuple) -> None:
    page = phone
    player = first_visit(page, base_url + RECORDED)
    assert player.locator("h2").inner_text() == "Nghe thuyết minh"
    assert player.locator("[data-dcd-controls]").is_visible()
    assert page.evaluate("document.querySelector('.dcd-narration audio').hasAttribute('controls')") is False
    assert "Người đọc: Lê Thị C (CC BY 4.0)" in player.inner_text()
    page.wait_for_timeout(300)
    assert page.audio_requests == []  # preload="none": the page weight stands until play
    play = player.locator("[data-dcd-play]")
    play.click()
    page.wait_for_function("document.querySelector('.dcd-narration audio').currentTime > 1", timeout=15_000)
    assert play.get_attribute("aria-pressed") == "true" and play.inner_text() == "Tạm dừng"
    assert page.audio_requests and all("/generated/audio/" in url for url in page.audio_requests)
    # The clock follows playback (it updates on the element's timeupdate events).
    page.wait_for_function("/^0:0[1-9] \\/ 0:12$/.test(document.querySelector('[data-dcd-time]').textContent)",
                           timeout=5_000)
    play.click()
    assert page.evaluate("document.querySelector('.dcd-narration audio').paused") is True


def test_speed_and_position_are_kept_for_the_next_visit(base_url: str, phone: tuple) -> None:
    page = phone
    player = first_visit(page, base_url + RECORDED)
    player.locator("[data-dcd-speeds] button[value='1.5']").click()
    assert page.evaluate("document.querySelector('.dcd-narration audio').playbackRate") == 1.5
    player.locator("[data-dcd-play]").click()
    page.wait_for_function("document.querySelector('.dcd-narration audio').currentTime > 3", timeout=15_000)
    player.locator("[data-dcd-play]").click()
    stopped = current_time(page)
    page.reload()
    player = page.locator(".dcd-narration")
    assert player.locator("[data-dcd-speeds] button[value='1.5']").get_attribute("aria-pressed") == "true"
    assert player.locator("[data-dcd-time]").inner_text().startswith(f"0:0{int(stopped)}")
    player.locator("[data-dcd-play]").click()
    page.wait_for_function("document.querySelector('.dcd-narration audio').currentTime > 0.1", timeout=15_000)
    assert current_time(page) >= int(stopped) - 0.01  # resumed, not from the start
    assert page.evaluate("document.querySelector('.dcd-narration audio').playbackRate") == 1.5
    player.locator("[data-dcd-play]").click()


def test_machine_voice_is_labelled_and_the_transcript_is_on_the_page(base_url: str, phone: tuple) -> None:
    page = phone
    page.goto(base_url + GENERATED)
    player = page.locator(".dcd-narration")
    assert "Giọng đọc máy" in player.inner_text()
    transcript = player.locator("[data-dcd-transcript]")
    transcript.locator("summary").click()
    assert "Cây cầu thép bắc qua sông Mã" in transcript.inner_text()  # as written: 19/5/1964 stays
    assert "19/5/1964" in transcript.inner_text()
    player.locator("[data-dcd-play]").click()
    page.wait_for_function("document.querySelector('.dcd-narration audio').currentTime > 1", timeout=15_000)
    player.locator("[data-dcd-play]").click()


def test_without_a_phone_voice_there_is_no_button(base_url: str, phone: tuple) -> None:
    page = phone
    page.goto(base_url + PHONE_VOICE)
    page.wait_for_timeout(500)  # voices may arrive late (voiceschanged)
    if page.evaluate("speechSynthesis.getVoices().some(v => v.lang.toLowerCase().startsWith('en'))"):
        pytest.skip("this Chromium has an English voice")
    assert page.locator(".dcd-narration").count() == 1
    assert page.locator(".dcd-narration").is_hidden()


def test_phone_voice_reads_the_transcript_when_the_phone_has_a_voice(base_url: str, phone: tuple) -> None:
    page = phone
    # Headless Chromium has no speech voices: give this page one English voice that
    # "speaks" each utterance instantly, and record what it was asked to say.
    page.add_init_script("""
        window.__spoken = [];
        const voice = {lang: 'en-GB', name: 'Test voice', default: true, localService: true, voiceURI: 'test'};
        speechSynthesis.getVoices = () => [voice];
        speechSynthesis.speak = (u) => { window.__spoken.push([u.text, u.rate, u.lang]); setTimeout(() => u.onend && u.onend(), 10); };
        speechSynthesis.cancel = () => {};
    """)
    page.goto(base_url + PHONE_VOICE)
    player = page.locator(".dcd-narration")
    player.wait_for(state="visible")
    assert "your phone's own voice" in player.inner_text()
    player.locator("[data-dcd-speeds] button[value='0.75']").click()
    player.locator("[data-dcd-play]").click()
    page.wait_for_function("window.__spoken.length >= 3", timeout=5_000)
    spoken = page.evaluate("window.__spoken")
    assert spoken[0] == ["Test Temple.", 0.75, "en"]
    assert spoken[1][0].startswith("A temple to a general")


def test_saved_page_plays_its_narration_offline(base_url: str, phone: tuple) -> None:
    page = phone
    page.goto(base_url + RECORDED)
    save = page.locator("[data-dcd-save]")
    save.wait_for(state="visible", timeout=10_000)  # shown once the service worker runs
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=10_000)
    # Earlier tests played this audio: forget every copy (the browser's HTTP cache and the
    # worker's caches), so only what "save" keeps can play offline.
    page.evaluate("caches.keys().then(names => Promise.all(names.map(name => caches.delete(name))))")
    page.context.new_cdp_session(page).send("Network.clearBrowserCache")
    save.click()
    page.wait_for_function(
        "document.querySelector('[data-dcd-saved]').textContent.startsWith('Đã lưu')", timeout=15_000)
    saved = page.evaluate("caches.open('dcd-saved').then(c => c.keys()).then(k => k.map(r => r.url))")
    assert base_url + RECORDED in saved
    assert sum("/generated/audio/" in url for url in saved) == 1
    assert sum("/generated/img/" in url for url in saved) == 2  # the hero and the lazy gallery photo
    page.context.set_offline(True)
    try:
        page.reload()
        assert page.locator("h1").inner_text() == "Đền Thử Nghiệm"
        # Both photos come from the saved copy (fetched here rather than scrolled to: the
        # small map further down needs the network for its library and tiles anyway).
        photos = [url for url in saved if "/generated/img/" in url]
        sizes = page.evaluate("urls => Promise.all(urls.map(u => fetch(u).then(r => r.ok && r.blob())))"
                              ".then(blobs => blobs.map(b => b ? b.size : 0))", photos)
        assert len(sizes) == 2 and all(size > 100 for size in sizes), sizes  # one-colour test photos are small
        page.locator(".dcd-narration [data-dcd-play]").click()
        page.wait_for_function("document.querySelector('.dcd-narration audio').currentTime > 1", timeout=15_000)
        # Seeking works offline too: the worker answers byte ranges from the saved file.
        page.evaluate("document.querySelector('.dcd-narration audio').currentTime = 9")
        page.wait_for_function("document.querySelector('.dcd-narration audio').currentTime > 9.5", timeout=10_000)
        page.locator(".dcd-narration [data-dcd-play]").click()
    finally:
        page.context.set_offline(False)
