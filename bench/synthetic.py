"""Synthetic Thanh Hóa sites and throw-away projects for the benches (records, scale).

``synthetic_sites(count, bounds)`` gives ``count`` plausible published records (unique ids
and slugs, Vietnamese names, summaries and Markdown histories, points inside ``bounds``);
``make_project(folder, sites)`` writes them as ``diachido import`` does into a copy of the
project's configuration and hand-written pages. Beyond the 17,000 distinct kind/patron/
commune names, names repeat with a number, so any N can be built.
"""

from __future__ import annotations

import json
import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from generator.records.importer import write_record
from generator.records.slugs import slugify

KINDS = ["Đền thờ", "Chùa", "Đình làng", "Miếu", "Nhà thờ họ", "Phủ", "Lăng mộ", "Bia", "Di chỉ", "Khu di tích",
         "Hang", "Núi", "Cầu", "Bến đò", "Địa điểm lưu niệm", "Trận địa pháo", "Cơ sở cách mạng"]
PATRONS = ["Bà Triệu", "Lê Lợi", "Lê Hoàn", "Lê Lai", "Trịnh Khả", "Nguyễn Chích", "Đào Duy Từ", "Tô Hiến Thành",
           "Lê Văn Hưu", "Nguyễn Mộng Tuân", "Trần Khát Chân", "Đinh Lễ", "Lê Đình Kiên", "Hoàng Bá Đạt",
           "Tống Duy Tân", "Cầm Bá Thước", "Hà Văn Mao", "Lê Khôi", "Lê Thị Hoa", "Đặng Tiến Đông",
           "Thành hoàng làng", "Mẫu Liễu Hạnh", "Sơn thần", "Ngọc Hoàng", "Quan Thánh"]
COMMUNES = ["Hàm Rồng", "Đông Sơn", "Thiệu Dương", "Xuân Lập", "Thọ Xuân", "Lam Sơn", "Hậu Lộc", "Triệu Lộc",
            "Nga Sơn", "Hà Trung", "Vĩnh Lộc", "Tây Đô", "Quảng Xương", "Tĩnh Gia", "Nghi Sơn", "Ngọc Lặc",
            "Cẩm Thủy", "Bá Thước", "Quan Hóa", "Mường Lát", "Như Xuân", "Thường Xuân", "Lang Chánh", "Triệu Sơn",
            "Nông Cống", "Yên Định", "Thạch Thành", "Hoằng Hóa", "Sầm Sơn", "Bỉm Sơn", "Đông Tiến", "Thiệu Hóa",
            "Quảng Phú", "Hoằng Lộc", "Nga Thiện", "Xuân Giang", "Hà Long", "Cẩm Tú", "Vạn Lộc", "Đa Lộc"]
DISTRICTS = ["Huyện Hậu Lộc", "Huyện Thọ Xuân", "Huyện Vĩnh Lộc", "Huyện Nga Sơn", "Huyện Hà Trung",
             "Huyện Quảng Xương", "Huyện Ngọc Lặc", "Huyện Cẩm Thủy", "Huyện Bá Thước", "Thành phố Thanh Hóa"]
QUALITIES = ["commune-centroid"] * 6 + ["site-survey", "site-official", "site-wikipedia", "site-secondary"]
CATEGORIES = ["historical", "revolutionary", "architectural-artistic", "archaeological", "scenic"]
RANKS = ["special-national", "national", "national", "provincial", "provincial", "provincial", "not-ranked", "unknown"]
SENTENCES = [
    "Nơi đây gắn với cuộc khởi nghĩa chống quân xâm lược và được nhân dân địa phương gìn giữ qua nhiều thế hệ.",
    "Công trình được dựng bằng gỗ lim trên nền đá xanh, mái lợp ngói mũi hài, các đầu đao cong vút.",
    "Hằng năm vào mùa xuân, lễ hội truyền thống thu hút đông đảo người dân và du khách thập phương.",
    "Trong kháng chiến, đây là nơi cất giấu lương thực và vũ khí, che chở cán bộ cách mạng.",
    "Hiện vật còn lại gồm bia đá, sắc phong thời Lê và Nguyễn, cùng nhiều mảng chạm khắc tinh xảo.",
    "Khu di tích nằm bên dòng sông Mã, phía sau là dãy núi đá vôi, cảnh quan hài hòa và yên tĩnh.",
    "Năm 1965, trận địa pháo tại đây đã góp phần bảo vệ cầu Hàm Rồng trước các đợt oanh tạc.",
    "Các nhà khảo cổ đã tìm thấy trống đồng, rìu đồng và đồ gốm thuộc văn hóa Đông Sơn.",
]


def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.sample(SENTENCES, count))


def synthetic_sites(count: int, bounds, seed: int = 42) -> list[dict]:
    """``count`` plausible records with unique ids and slugs, points inside ``bounds``."""
    rng = random.Random(seed)
    combos = [(k, p, c) for k in KINDS for p in PATRONS for c in COMMUNES]
    rng.shuffle(combos)
    sites, slugs = [], set()
    margin = 0.02
    for number in range(1, count + 1):
        kind, patron, commune = combos[(number - 1) % len(combos)]
        repeat = (number - 1) // len(combos)
        name = f"{kind} {patron} xã {commune}" + (f" {repeat + 1}" if repeat else "")
        slug = slugify(name)
        assert slug not in slugs
        slugs.add(slug)
        quality = rng.choice(QUALITIES)
        history = (f"## Lịch sử\n\n{_words(rng, 3)}\n\n## Kiến trúc\n\n{_words(rng, 2)}\n\n"
                   f"- Năm xây dựng: thế kỷ {rng.randint(11, 19)}\n- Trùng tu: {rng.randint(1990, 2024)}\n\n"
                   f"**Lưu ý:** {_words(rng, 1)}\n")
        sites.append({
            "id": f"TH-{number:04d}",
            "slug": slug,
            "status": "published",
            "name": {"vi": name, **({"en": f"{patron} site, {commune}"} if number % 3 == 0 else {})},
            "category": rng.sample(CATEGORIES, rng.randint(1, 2)),
            "rank": {"level": rng.choice(RANKS), **({"year": rng.randint(1962, 2024)} if number % 2 else {})},
            "location": {
                "lat": round(rng.uniform(bounds.south + margin, bounds.north - margin), 6),
                "lon": round(rng.uniform(bounds.west + margin, bounds.east - margin), 6),
                "quality": quality,
                **({"source": "Đo bằng điện thoại tại cổng di tích"} if quality == "site-survey" else {}),
            },
            "address": {"province": "Thanh Hóa", "commune": f"Xã {commune}",
                        "former": {"district": rng.choice(DISTRICTS), "commune": f"Xã {commune}"}},
            "summary": {"vi": _words(rng, 2)},
            "history": {"vi": history},
            "sources": [{"url": f"https://baothanhhoa.vn/di-tich-{number}.html", "title": f"Bài viết về {name}"}],
            "tags": [commune.lower()],
            "last_checked": "2025-06-30",
        })
    return sites


def make_project(folder: Path, sites: list[dict], narration: bool = True) -> Path:
    """A copy of the project's configuration and hand-written pages, plus the sites;
    ``narration=False`` turns the machine voice off (it reads every site: about 0.2 s of
    CPU a page, measured by bench_narration.py)."""
    from generator.build import GENERATED_DIRS

    shutil.copy2(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    if not narration:
        config = folder / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace("engine: espeak-ng", "engine: none"),
                          encoding="utf-8")
    generated = {ROOT / "site_docs" / name for name in GENERATED_DIRS}
    shutil.copytree(ROOT / "site_docs", folder / "site_docs",
                    ignore=lambda where, names: [n for n in names if Path(where) / n in generated])
    sites_dir = folder / "sites"
    sites_dir.mkdir(exist_ok=True)  # photos may be there already
    shutil.copy2(ROOT / "sites" / "_template.yml", sites_dir)
    for site in sites:
        write_record(sites_dir / f"{site['slug']}.yml", site)  # as `diachido import` writes them
    (folder / "floor.json").write_text(json.dumps(sites, ensure_ascii=False), encoding="utf-8")
    return folder
