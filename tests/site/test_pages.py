"""Site pages, lists and home as rendered by a real build (MkDocs included).

One project is built per module: a few real samples plus records with everything a
page can show (photos, history, English, visiting facts, former slug) and a record
full of text that would become markup if any template forgot to escape it.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import random
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from generator.build import build
from generator.config import load_config
from generator.site.nearby import nearest_sites
from generator.site.text import format_distance, json_ld
from generator.records.validate import distance_metres
from generator.records.schema import Site
from tests.conftest import FEW_SAMPLES
from tests.site_fixtures import PHOTO_REQUEST, make_site_project

SITE_URL = "https://diachido-thanhhoa.github.io/"
PAGE_BUDGET = 150 * 1024


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the text of every <script>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script = dict(attrs)
            self.scripts.append((self._script, ""))

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None


def parse(text: str) -> _Tags:
    parser = _Tags()
    parser.feed(text)
    return parser


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_site_project(tmp_path_factory.mktemp("pages") / "project", FEW_SAMPLES + ("khu-di-tich-ba-trieu",),
                                photo_request=PHOTO_REQUEST)
    result = build(load_config(project))
    assert result.built, (result.load.report.errors, result.renderer_output, result.problems)
    return project / "site"


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def json_ld_of(text: str) -> dict:
    blocks = [body for attrs, body in parse(text).scripts if attrs.get("type") == "application/ld+json"]
    assert len(blocks) == 1
    return json.loads(blocks[0])


# --- the site page -----------------------------------------------------------------


def test_first_screen_has_name_rank_category_photo_summary_and_actions(built: Path) -> None:
    text = page(built, "di-tich/den-thu-nghiem")
    article = text[text.index('<article class="dcd-site"'):]
    order = [article.index(marker) for marker in (
        '<picture>', 'dcd-badge--national">Di tích quốc gia<', "Di tích lịch sử", "<h1>Đền Thử Nghiệm</h1>",
        "Ngôi đền thờ vị tướng", "Chỉ đường", "Chia sẻ", 'id="nghe"', 'id="lich-su"', 'id="thong-tin"', 'id="anh"',
        'id="lan-can"', 'id="nguon"', "kiểm tra lần cuối ngày 30/6/2025")]
    assert order == sorted(order)
    assert 'href="geo:19.93,105.82?q=19.93,105.82(%C4%90%E1%BB%81n%20Th%E1%BB%AD%20Nghi%E1%BB%87m)"' in article
    assert 'href="https://www.google.com/maps/dir/?api=1&amp;destination=19.93,105.82"' in article
    assert f'href="{SITE_URL}s/TH-0901/" data-dcd-share' in article
    # The narration player sits right under the actions, and loads no audio before play.
    assert '<audio controls preload="none"' in article


def test_hero_is_responsive_and_eager_gallery_is_lazy(built: Path) -> None:
    tags = parse(page(built, "di-tich/den-thu-nghiem")).tags
    images = [attrs for tag, attrs in tags if tag == "img" and "generated/img/" in (attrs.get("src") or "")]
    sources = [attrs for tag, attrs in tags if tag == "source"]
    hero, inside = images
    assert hero["alt"] == "Cổng đền nhìn từ phía đông" and hero["fetchpriority"] == "high" and "loading" not in hero
    assert inside["alt"] == "Hậu cung" and inside["loading"] == "lazy"
    assert hero["width"] == "800" and hero["height"] == "500"
    assert all(s["type"] == "image/webp" and s["srcset"].count(".webp ") >= 2 for s in sources)
    assert hero["srcset"].endswith("1200w") and ".jpg 400w" in hero["srcset"]
    for attrs in images + sources:
        for candidate in (attrs.get("srcset") or attrs["src"]).split(","):
            assert (built / "di-tich/den-thu-nghiem" / candidate.split()[0]).resolve().is_file()


def test_gallery_credits_and_facts_card(built: Path) -> None:
    text = page(built, "di-tich/den-thu-nghiem")
    assert "Ảnh: Nguyễn Văn A (CC BY-SA 4.0)" in text and "Ảnh: Trần Thị B" in text
    for fact in ("QĐ 123/QĐ-BVHTTDL, 31/5/2001", "Di tích quốc gia (2001)", "Thôn Một, Xã Triệu Lộc, Thanh Hóa",
                 "Xã Triệu Lộc, Huyện Hậu Lộc", "7:00–17:00 hằng ngày", "Miễn phí", "0237 000 000",
                 '<a href="https://example.org/den"', "Đền Núi Thử", "<strong>Khởi dựng</strong>" if False else "Khởi dựng",
                 "<strong>năm 1470</strong>"):
        assert fact in text, fact


def test_nearby_sites_with_distances(built: Path) -> None:
    text = page(built, "di-tich/den-thu-nghiem")
    nearby = text[text.index('id="lan-can"'):text.index('id="nguon"')]
    links = re.findall(r'<a href="\.\./\.\./di-tich/([a-z0-9-]+)/">', nearby)
    assert 3 <= len(links) <= 5 and links[0] == "khu-di-tich-ba-trieu"
    assert "den-thu-nghiem" not in links
    # The village site's point is a commune centre: its distance is marked approximate.
    assert re.search(r'dinh-lang-thu/">.*?~[0-9,]+ km', nearby)


def test_map_slot_is_left_empty_for_the_map(built: Path) -> None:
    text = page(built, "di-tich/den-thu-nghiem")
    assert ('<div class="dcd-site-map" id="ban-do" data-lat="19.93" data-lon="105.82" data-approximate="false"'
            in text)


def test_commune_centroid_is_marked_approximate(built: Path) -> None:
    text = page(built, "di-tich/dinh-lang-thu")
    assert "Vị trí gần đúng: đây là tâm xã" in text and "gần đúng (tâm xã)" in text
    assert 'data-approximate="true"' in text
    assert "Vị trí gần đúng" not in page(built, "di-tich/den-thu-nghiem")


def test_without_a_photo_the_page_leads_with_the_name_and_asks_for_one_in_one_line(built: Path) -> None:
    text = page(built, "di-tich/dinh-lang-thu")
    article = text[text.index('<article class="dcd-site"'):]
    assert "dcd-hero" not in article and "dcd-placeholder" not in article
    assert article.index('class="dcd-badges"') < article.index("<h1>Đình làng Thử</h1>") < article.index("Nơi thành lập")
    requests = re.findall(r'<p class="dcd-photo-request">([^<]*)<a href="([^"]+)"', article)
    subject = "?subject=%E1%BA%A2nh%20di%20t%C3%ADch%20TH-0902%20%C4%90%C3%ACnh%20l%C3%A0ng%20Th%E1%BB%AD"
    assert requests == [("Chưa có ảnh về nơi này. Bạn có ảnh? ", PHOTO_REQUEST + subject)]
    # A page with photos does not ask.
    assert 'class="dcd-photo-request"' not in page(built, "di-tich/den-thu-nghiem")
    assert f'<meta property="og:image" content="{SITE_URL}generated/dcd/share.png">' in text
    assert (built / "generated/dcd/share.png").is_file()


def test_sources_show_a_title_and_the_host_never_an_encoded_address(built: Path) -> None:
    full = page(built, "di-tich/den-thu-nghiem")
    assert ('<a href="https://example.org/nguon" rel="nofollow noopener"><span class="dcd-source-title">Hồ sơ di tích'
            '</span> <span class="dcd-source-host">example.org</span></a>') in full
    ba_trieu = page(built, "di-tich/khu-di-tich-ba-trieu")
    sources = ba_trieu[ba_trieu.index('class="dcd-sources"'):ba_trieu.index("</ul>", ba_trieu.index('class="dcd-sources"'))]
    shown = re.findall(r'<span class="dcd-source-(?:title|host)">([^<]*)</span>', sources)
    assert shown and not any("%" in text or "://" in text for text in shown), shown
    assert "Đền Bà Triệu" in shown  # the name in a Wikipedia-style address, decoded


def test_the_end_of_the_page_says_where_the_facts_come_from(built: Path) -> None:
    text = page(built, "di-tich/dinh-lang-thu")
    assert "Thông tin tổng hợp từ nguồn tư liệu, chưa được đối chiếu tại di tích." in text
    assert "chưa được kiểm tra tại chỗ" not in text


def test_json_ld_describes_a_historical_landmark(built: Path) -> None:
    data = json_ld_of(page(built, "di-tich/den-thu-nghiem"))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == ["TouristAttraction", "LandmarksOrHistoricalBuildings"]
    assert data["name"] == "Đền Thử Nghiệm" and data["alternateName"] == ["Test Temple", "Đền Núi Thử"]
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 19.93, "longitude": 105.82}
    assert data["url"] == f"{SITE_URL}di-tich/den-thu-nghiem/" and data["identifier"] == "TH-0901"
    assert data["address"]["addressCountry"] == "VN" and data["address"]["addressLocality"] == "Xã Triệu Lộc"
    assert [re.sub(r"[0-9a-f]{20}", "KEY", url) for url in data["image"]] == [
        f"{SITE_URL}generated/img/KEY-1200.jpg", f"{SITE_URL}generated/img/KEY-900.jpg"]


def test_open_graph_tags(built: Path) -> None:
    text = page(built, "di-tich/den-thu-nghiem")
    head = text[:text.index("</head>")]
    assert '<meta property="og:title" content="Đền Thử Nghiệm">' in head
    assert '<meta property="og:description" content="Ngôi đền thờ vị tướng có công dẹp giặc, dựng thế kỷ XV.">' in head
    assert f'<meta property="og:url" content="{SITE_URL}di-tich/den-thu-nghiem/">' in head
    assert re.search(rf'<meta property="og:image" content="{SITE_URL}generated/img/[0-9a-f]+-1200\.jpg">', head)
    assert '<meta property="og:locale" content="vi_VN">' in head


# --- escaping ------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["di-tich/di-tich-doc-hai", "en/di-tich/di-tich-doc-hai", "s/TH-0903",
                                  "danh-sach/loai/danh-lam-thang-canh", "danh-sach/xa/xa-a-b", "di-tich"])
def test_hostile_text_never_becomes_markup(built: Path, path: str) -> None:
    text = page(built, path)
    parsed = parse(text)
    for tag, attrs in parsed.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        for name in ("href", "src"):
            assert not (attrs.get(name) or "").lower().startswith("javascript:"), (tag, attrs)
        assert tag != "img" or "onerror" not in attrs
    for attrs, body in parsed.scripts:
        assert attrs.get("src") is None or not urlparse(attrs["src"]).netloc
        if attrs.get("type") == "application/ld+json":
            assert "<" not in body and json.loads(body)  # data, and nothing can end the script early
        else:
            assert "alert(" not in body, body


def test_hostile_text_is_shown_as_text(built: Path) -> None:
    text = page(built, "di-tich/di-tich-doc-hai")
    assert "<title>Đền &quot;Ngoặc&quot; &amp; Ký tự&#x27; Lạ - Địa chỉ đỏ Thanh Hóa</title>" in text
    heading = re.search(r"<h1>(.*?)</h1>", text).group(1)
    assert "<" not in heading and html.unescape(heading) == "Đền \"Ngoặc\" & Ký tự' Lạ"
    assert 'content="Tóm tắt có &quot;ngoặc kép&quot; &amp; dấu và --- ba gạch: a: b."' in text
    assert "&lt;/script còn sót" in text
    assert '<a href="https://example.org/a?b=1&amp;c=2" rel="nofollow noopener">nguồn</a>' in text
    assert "<script>alert" not in text and "onerror" not in text
    data = json_ld_of(text)
    assert data["name"] == "Đền \"Ngoặc\" & Ký tự' Lạ"
    assert data["description"].endswith("ba gạch: a: b.")
    english_page = page(built, "en/di-tich/di-tich-doc-hai")
    english = json_ld_of(english_page)
    assert english["name"] == 'Quote" onmouseover="alert(1) & co'
    summary = re.search(r'<p class="dcd-summary">(.*?)</p>', english_page).group(1)
    assert html.unescape(summary) == 'Summary with "quotes" & {{ jinja }} and {% raw %}'


def test_json_ld_cannot_close_its_script() -> None:
    text = json_ld({"name": "</script><script>alert(1)</script>", "x": "&amp;"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"name": "</script><script>alert(1)</script>", "x": "&amp;"}


# --- English -----------------------------------------------------------------------------


def test_english_pages_link_to_each_other(built: Path) -> None:
    vi, en = page(built, "di-tich/den-thu-nghiem"), page(built, "en/di-tich/den-thu-nghiem")
    assert '<a href="../../en/di-tich/den-thu-nghiem/" hreflang="en" lang="en">Read in English</a>' in vi
    assert '<a href="../../../di-tich/den-thu-nghiem/" hreflang="vi" lang="vi">Đọc bằng tiếng Việt</a>' in en
    assert '<html lang="vi"' in vi and '<html lang="en"' in en
    assert "<h1>Test Temple</h1>" in en and "A temple to a general" in en and "Built <strong>in 1470</strong>" in en
    assert "Directions" in en and "Share" in en and "Nearby sites" in en and "7 am–5 pm daily" in en
    # The interface of the English page is English, mkdocs-material's words included.
    assert 'aria-label="Search"' in en and "Skip to content" not in vi
    assert '<meta property="og:locale" content="en_US">' in en


def test_english_page_quotes_the_decision_in_vietnamese_and_marks_text_it_has_only_in_vietnamese(built: Path) -> None:
    en, vi = page(built, "en/di-tich/den-thu-nghiem"), page(built, "di-tich/den-thu-nghiem")
    # The ranking decision is official Vietnamese text: quoted as written, never translated.
    assert ('<dt>Decision</dt><dd><span lang="vi">QĐ 123/QĐ-BVHTTDL</span> <span class="dcd-written-in">'
            '(in Vietnamese)</span>, 31 May 2001</dd>') in en
    assert "<dt>Quyết định</dt><dd>QĐ 123/QĐ-BVHTTDL, 31/5/2001</dd>" in vi and "dcd-written-in" not in vi
    # Visiting facts: English where the record has it, the Vietnamese marked where it has not.
    assert "<dd>7 am–5 pm daily</dd>" in en
    assert '<dd><span lang="vi">Miễn phí</span> <span class="dcd-written-in">(in Vietnamese)</span></dd>' in en
    # Escaped like every text from YAML.
    hostile = page(built, "en/di-tich/di-tich-doc-hai")
    assert '<dd><span lang="vi">QĐ &#34;1&#34; &amp; 2</span> <span class="dcd-written-in">(in Vietnamese)</span></dd>' in hostile


def test_english_page_only_where_the_record_has_english(built: Path) -> None:
    assert (built / "en/di-tich/den-thu-nghiem/index.html").is_file()
    assert not (built / "en/di-tich/dinh-lang-thu").exists()
    vietnamese_only = page(built, "di-tich/dinh-lang-thu")
    assert ">Read in English</a>" not in vietnamese_only
    # The header's switch leads to the nearest English parent: the English list.
    assert 'class="md-header__button dcd-lang-switch" href="../../en/di-tich/"' in vietnamese_only
    english_list = page(built, "en/di-tich")
    assert "Test Temple" in english_list and "Đình làng Thử" not in english_list


# --- permanent addresses ------------------------------------------------------------------


def test_permanent_and_former_addresses_serve_the_full_page(built: Path) -> None:
    real = (built / "di-tich/den-thu-nghiem/index.html").read_bytes()
    assert (built / "s/TH-0901/index.html").read_bytes() == real
    assert (built / "di-tich/den-cu/index.html").read_bytes() == real
    assert f'<link rel="canonical" href="{SITE_URL}di-tich/den-thu-nghiem/">' in real.decode()
    # Every relative link of the page also works from the permanent address.
    for tag, attrs in parse(real.decode()).tags:
        target = attrs.get("href") if tag in ("a", "link") else attrs.get("src") if tag in ("img", "script") else None
        if not target or urlparse(target).scheme or target.startswith("#"):
            continue
        for base in ("s/TH-0901/", "di-tich/den-thu-nghiem/", "di-tich/den-cu/"):
            resolved = urlparse(urljoin("http://x/" + base, target)).path.lstrip("/")
            file = built / resolved / "index.html" if resolved.endswith("/") or not resolved else built / resolved
            assert file.is_file(), (base, target)


def test_every_published_site_has_a_permanent_address(built: Path) -> None:
    for sample_id in ("TH-0002", "TH-0003", "TH-0901", "TH-0902", "TH-0903"):
        assert (built / "s" / sample_id / "index.html").is_file()


# --- weight, navigation, search, offline ---------------------------------------------------


def _gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9))


def test_site_page_transfer_is_within_budget(built: Path) -> None:
    path = built / "di-tich/den-thu-nghiem/index.html"
    text = path.read_text(encoding="utf-8")
    files = [path]
    for tag, attrs in parse(text).tags:
        if tag == "link" and attrs.get("rel") == "stylesheet" or tag == "script" and attrs.get("src"):
            files.append((path.parent / (attrs.get("href") or attrs["src"])).resolve())
    total = sum(_gzip_size(f) for f in files)
    assert total <= PAGE_BUDGET, total
    assert not any("fonts.googleapis" in text or "fonts.gstatic" in text for _ in [0])


def test_site_pages_stay_out_of_the_navigation_and_builtin_search_is_off(built: Path) -> None:
    home = page(built, "")
    nav_links = re.findall(r'<a href="([^"]*)" class="md-nav__link', home)
    assert "tim-kiem/" in nav_links and "danh-sach/" in nav_links
    assert not any(link.startswith("di-tich/") for link in nav_links) and "den-thu-nghiem" not in home
    assert not (built / "search").exists() and not list(built.rglob("search_index.json"))
    assert '"search":' in home  # mkdocs-material's config object names its worker; never loaded
    assert 'href="tim-kiem/"' in home or 'action="tim-kiem/"' in home


def test_home_counts_and_entry_points(built: Path) -> None:
    home = page(built, "")
    assert re.search(r'<a class="dcd-stat dcd-stat--total" href="di-tich/"><b>8</b>', home)
    assert '<a class="dcd-stat" href="danh-sach/xep-hang/di-tich-quoc-gia-dac-biet/"><b>3</b>' in home
    for href in re.findall(r'href="([^"#:]+)"', home[home.index('class="dcd-stats"'):]):
        assert (built / href / "index.html").is_file() or (built / href).is_file(), href


def test_lists_by_category_rank_and_place(built: Path) -> None:
    revolutionary = page(built, "danh-sach/loai/di-tich-cach-mang")
    assert "Đình làng Thử" in revolutionary and "Đền Thử Nghiệm" not in revolutionary
    national = page(built, "danh-sach/xep-hang/di-tich-quoc-gia")
    assert "Đền Thử Nghiệm" in national
    commune = page(built, "danh-sach/xa/xa-trieu-loc")
    names = re.findall(r"<b>([^<]+)</b>", commune[commune.index('class="dcd-list"'):])
    assert names == ["Đền Thử Nghiệm", "Khu di tích Bà Triệu"]  # sorted without diacritics
    district = page(built, "danh-sach/huyen/huyen-hau-loc")
    assert '<h2 class="dcd-group">Xã Triệu Lộc</h2>' in district and "Đình làng Thử" in district
    everything = page(built, "di-tich")
    assert everything.count('<li><a href="') == 8
    lists = page(built, "danh-sach")
    for href in re.findall(r'<a href="([^"#:]+)"', lists[lists.index('class="dcd-listpage"'):]):
        assert (built / "danh-sach" / href / "index.html").resolve().is_file(), href


def test_service_worker_at_the_root_with_a_precache_manifest_of_content_hashes(built: Path) -> None:
    worker = (built / "sw.js").read_text(encoding="utf-8")
    manifest = json.loads(re.search(r"var PRECACHE_MANIFEST = (\{.*\});", worker).group(1))
    assert re.fullmatch(r"[0-9a-f]{12}", manifest["version"])
    kept = dict(manifest["entries"])
    for url in ("", "di-tich/", "tim-kiem/", "generated/offline/", "generated/offline/en/"):
        assert url in kept, url
    version = re.search(r'data-version="([0-9a-f]{12})"', page(built, "tim-kiem")).group(1)
    assert f"generated/search/index.json?v={version}" in kept
    assert f"generated/search/all-sites.json?v={version}" in kept
    for url, revision in kept.items():
        file = built / url.split("?")[0] / ("index.html" if url.endswith("/") or not url else "")
        assert hashlib.sha256(file.read_bytes()).hexdigest()[:12] == revision, url
    assert 'src="../../generated/dcd/site.js"' in page(built, "di-tich/den-thu-nghiem")


def test_no_page_needs_another_host(built: Path) -> None:
    for path in ("", "di-tich/den-thu-nghiem", "tim-kiem", "danh-sach", "en/di-tich/den-thu-nghiem"):
        for tag, attrs in parse(page(built, path)).tags:
            if tag in ("script", "img", "source", "iframe") or (tag == "link" and attrs.get("rel") != "canonical"):
                for name in ("src", "href", "srcset"):
                    value = attrs.get(name) or ""
                    assert "://" not in value, (path, tag, attrs)


def test_same_input_same_bytes(built: Path, tmp_path: Path) -> None:
    project = make_site_project(tmp_path / "again", FEW_SAMPLES + ("khu-di-tich-ba-trieu",))
    assert build(load_config(project)).built
    for path in ("di-tich/den-thu-nghiem/index.html", "s/TH-0901/index.html", "sw.js", "generated/search/index.json"):
        assert (project / "site" / path).read_bytes() == (built / path).read_bytes(), path


# --- units -------------------------------------------------------------------------------


def _site(number: int, lat: float, lon: float, quality: str = "site-survey") -> Site:
    return Site.model_validate({
        "id": f"TH-{number:04d}", "slug": f"s{number}", "status": "published", "name": {"vi": f"Di tích {number}"},
        "category": ["historical"], "rank": {"level": "unknown"}, "address": {"province": "Thanh Hóa"},
        "summary": {"vi": "x"}, "location": {"lat": lat, "lon": lon, "quality": quality},
    })


def test_nearest_sites_match_brute_force() -> None:
    rng = random.Random(7)
    sites = [_site(i, rng.uniform(19.3, 20.6), rng.uniform(104.5, 106.0)) for i in range(1, 300)]
    sites += [_site(900 + i, 19.8, 105.7, "commune-centroid") for i in range(4)]  # one shared centroid
    found = nearest_sites(sites, 5)
    for site in sites:
        expected = sorted(
            (distance_metres(site.location.lat, site.location.lon, o.location.lat, o.location.lon), o.id)
            for o in sites if o.id != site.id)[:5]
        assert [(round(m, 6), o.id) for o, m in found[site.id]] == [(round(m, 6), i) for m, i in expected]


def test_distances_read_naturally() -> None:
    assert format_distance(347, "vi") == "350 m"
    assert format_distance(5234, "vi") == "5,2 km" and format_distance(5234, "en") == "5.2 km"
    assert format_distance(23_400, "vi") == "23 km"


def test_front_matter_escapes_lists_and_strings() -> None:
    from generator.site.front_matter import front_matter

    text = front_matter(title='A "b" & <c>', hide=["toc"], skipped=None)
    assert text == '---\ntitle: A &quot;b&quot; &amp; &lt;c&gt;\nhide:\n- toc\n---\n'
    assert html.unescape("A &quot;b&quot;") == 'A "b"'
