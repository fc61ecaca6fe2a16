"""Shared fixtures (no tests here) for the visitor's-site tests: full records (photos,
history, English) and hostile ones, written here so each test says what it relies on."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from tests.conftest import make_records_project

FULL_SITE = """\
id: TH-0901
slug: den-thu-nghiem
former_slugs: [den-cu]
status: published
name:
  vi: Đền Thử Nghiệm
  en: Test Temple
  other: [Đền Núi Thử]
category: [historical, architectural-artistic]
rank:
  level: national
  decision: QĐ 123/QĐ-BVHTTDL
  date: 2001-05-31
  year: 2001
location: {lat: 19.93, lon: 105.82, quality: site-survey, source: GPS at the gate}
address:
  province: Thanh Hóa
  commune: Xã Triệu Lộc
  village: Thôn Một
  former: {district: Huyện Hậu Lộc, commune: Xã Triệu Lộc}
summary:
  vi: Ngôi đền thờ vị tướng có công dẹp giặc, dựng thế kỷ XV.
  en: A temple to a general who defeated invaders, built in the 15th century.
history:
  vi: |
    ## Khởi dựng

    Đền được dựng **năm 1470**.
  en: |
    ## Founding

    Built **in 1470**.
visiting:
  opening_hours: {vi: 7:00–17:00 hằng ngày, en: 7 am–5 pm daily}
  fee: {vi: Miễn phí}
  contact: Ban quản lý di tích, 0237 000 000
  website: https://example.org/den
images:
  - file: den-thu-nghiem/cong.jpg
    caption: {vi: Cổng đền nhìn từ phía đông, en: The gate seen from the east}
    credit: Nguyễn Văn A
    licence: CC BY-SA 4.0
  - file: den-thu-nghiem/dung.jpg
    caption: {vi: Hậu cung}
    credit: Trần Thị B
sources:
  - url: https://example.org/nguon
    title: Hồ sơ di tích
last_checked: 2025-06-30
"""

VILLAGE_SITE = """\
id: TH-0902
slug: dinh-lang-thu
status: published
name: {vi: Đình làng Thử}
category: [revolutionary]
rank: {level: provincial}
location: {lat: 19.95, lon: 105.80, quality: commune-centroid}
address: {province: Thanh Hóa, commune: Xã Hoa Lộc, former: {district: Huyện Hậu Lộc}}
summary: {vi: Nơi thành lập chi bộ Đảng đầu tiên của xã năm 1930.}
"""

# Text that would become markup or script if any template forgot to escape it.
HOSTILE_SITE = """\
id: TH-0903
slug: di-tich-doc-hai
status: published
name:
  vi: 'Đền "Ngoặc" & Ký tự'' Lạ'
  en: 'Quote" onmouseover="alert(1) & co'
category: [scenic]
rank:
  level: unknown
  decision: 'QĐ "1" & 2'
location: {lat: 19.9, lon: 105.9, quality: site-secondary}
address: {province: Thanh Hóa, commune: 'Xã "A" & B'}
summary:
  vi: 'Tóm tắt có "ngoặc kép" & dấu và --- ba gạch: a: b.'
  en: 'Summary with "quotes" & {{ jinja }} and {% raw %}'
history:
  vi: |
    Bình thường. <script>alert("x")</script> và </script còn sót
    <img src=x onerror=alert(1)>

    [bấm vào](javascript:alert(1)) và [nguồn](https://example.org/a?b=1&c=2)
sources:
  - url: "https://example.org/x?'onmouseover=alert(1)"
    title: 'Nguồn "lạ" & khác'
notes:
  vi: 'Ghi chú "lạ" & khác'
"""


def write_photo(path: Path, size: tuple[int, int], colour: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path, "JPEG", quality=85)


PHOTO_REQUEST = "mailto:anh@example.org"


def make_site_project(root: Path, samples: tuple[str, ...] = (), *, hostile: bool = True,
                      photo_request: str | None = None) -> Path:
    """A project with the full, village (and hostile) records plus some real samples;
    ``photo_request`` fills ``extra.diachido.photo_request`` in its mkdocs.yml."""
    project = make_records_project(root, samples)
    if photo_request:
        config = project / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        assert "\n    photo_request:\n" in text
        config.write_text(text.replace("\n    photo_request:\n", f"\n    photo_request: {photo_request}\n"),
                          encoding="utf-8")
    sites = project / "sites"
    (sites / "den-thu-nghiem.yml").write_text(FULL_SITE, encoding="utf-8")
    (sites / "dinh-lang-thu.yml").write_text(VILLAGE_SITE, encoding="utf-8")
    if hostile:
        (sites / "di-tich-doc-hai.yml").write_text(HOSTILE_SITE, encoding="utf-8")
    write_photo(sites / "den-thu-nghiem" / "cong.jpg", (1600, 1000), "#a33")
    write_photo(sites / "den-thu-nghiem" / "dung.jpg", (900, 1200), "#3a3")
    return project
