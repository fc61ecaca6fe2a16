"""What a visitor's phone downloads: a site page's weight at N = 20 and 5,000 sites.

For each N, builds a throw-away project of N synthetic sites (the real build: generator
and MkDocs), then prints, gzip-compressed as a server sends them:

* everything a site page loads before photos: its HTML, each stylesheet, each script,
  fonts referenced by the CSS, and the service worker it registers (budget 150 KB);
* the search data fetched per query (the manifest plus one shard), for typical and
  worst-case queries;
* for N = 20, the photo pipeline's first run and its cached rerun on phone-size photos.

Usage: .venv/bin/python bench/bench_page_weight.py [N ...]   (default: 20 5000)
"""

from __future__ import annotations

import gzip
import json
import random
import re
import shutil
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.build import GENERATED_DIRS, build  # noqa: E402
from generator.config import load_config  # noqa: E402
from generator.media.photos import ImagePipeline  # noqa: E402
from generator.site.search import plan_query  # noqa: E402
from generator.records.slugs import slugify  # noqa: E402

BUDGET = 150 * 1024
QUERIES = ["den ba trieu", "ba trieu", "đền bà triệu", "TH-0042", "chùa", "den"]
KINDS = ["Đền", "Đình", "Chùa", "Miếu", "Phủ", "Nghè", "Nhà thờ họ", "Khu di tích", "Lăng", "Am"]
PATRONS = ["Bà Triệu", "Lê Lai", "Lê Lợi", "Trần Khát Chân", "Đào Duy Từ", "Nguyễn Chích", "Lê Hoàn",
           "Dương Đình Nghệ", "Trịnh Khả", "Lê Văn Hưu", "Tô Hiến Thành", "Hàm Rồng", "Sông Mã", "Núi Nưa",
           "Thành Hồ", "Đông Sơn", "Phú Điền", "Cẩm Thủy", "Hoằng Lộc", "Quảng Xương", "Nga Sơn", "Hà Trung",
           "Thiệu Dương", "Bỉm Sơn", "Yên Định"]
COMMUNES = ["Triệu Lộc", "Lam Sơn", "Hà Long", "Hoằng Hóa", "Quảng Tân", "Đông Sơn", "Thọ Xuân", "Nga Thủy",
            "Vĩnh Lộc", "Cẩm Tú", "Ngọc Lặc", "Như Thanh", "Bá Thước", "Quan Hóa", "Mường Lát", "Thạch Thành",
            "Hậu Lộc", "Sầm Sơn", "Nghi Sơn", "Tĩnh Gia", "Nông Cống", "Triệu Sơn", "Thiệu Hóa", "Yên Định",
            "Hà Trung", "Bỉm Sơn", "Thường Xuân", "Lang Chánh", "Quan Sơn", "Như Xuân"]
RANKS = ["special-national", "national", "national", "provincial", "provincial", "provincial", "not-ranked", "unknown"]
CATEGORIES = ["historical", "revolutionary", "architectural-artistic", "archaeological", "scenic"]
TEXT = ("Nơi đây gắn với cuộc khởi nghĩa chống quân xâm lược và được nhân dân địa phương gìn giữ qua nhiều "
        "thế hệ. Công trình được dựng bằng gỗ lim trên nền đá xanh, mái lợp ngói mũi hài.")


def synthetic_sites(count: int, seed: int = 3) -> list[dict]:
    rng = random.Random(seed)
    combos = [(k, p, c) for k in KINDS for p in PATRONS for c in COMMUNES]
    rng.shuffle(combos)
    combos.sort(key=lambda combo: combo[:2] != ("Đền", "Bà Triệu"))  # one "Đền Bà Triệu" always
    sites = []
    for number, (kind, patron, commune) in enumerate(combos[:count], start=1):
        name = f"{kind} {patron} xã {commune}"
        sites.append({
            "id": f"TH-{number:04d}", "slug": slugify(name), "status": "published",
            "name": {"vi": name, **({"en": f"{patron} site, {commune}"} if number % 3 == 0 else {})},
            "category": rng.sample(CATEGORIES, rng.randint(1, 2)),
            "rank": {"level": rng.choice(RANKS)},
            "location": {"lat": round(rng.uniform(19.3, 20.6), 6), "lon": round(rng.uniform(104.5, 106.0), 6),
                         "quality": rng.choice(["site-survey", "site-secondary", "commune-centroid"])},
            "address": {"province": "Thanh Hóa", "commune": f"Xã {commune}",
                        "former": {"district": f"Huyện {rng.choice(COMMUNES)}", "commune": f"Xã {commune}"}},
            "summary": {"vi": TEXT, **({"en": "A temple in the countryside of Thanh Hóa."} if number % 3 == 0 else {})},
            "history": {"vi": f"## Lịch sử\n\n{TEXT}\n\n## Kiến trúc\n\n{TEXT}\n"},
            "sources": [{"url": f"https://example.org/di-tich-{number}.html", "title": f"Bài viết về {name}"}],
            "last_checked": "2025-06-30",
        })
    return sites


def make_project(folder: Path, sites: list[dict], narration: bool = True) -> Path:
    """A project of ``sites``; ``narration=False`` turns the machine voice off (5,000
    sites would take an hour of speech synthesis; bench_narration measures it)."""
    shutil.copy2(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    if not narration:
        config = folder / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace("engine: espeak-ng", "engine: none"),
                          encoding="utf-8")
    generated = {name.split("/")[0] for name in GENERATED_DIRS}
    shutil.copytree(ROOT / "site_docs", folder / "site_docs",
                    ignore=lambda where, names: [n for n in names if Path(where) == ROOT / "site_docs" and n in generated])
    (folder / "sites").mkdir()
    for site in sites:
        (folder / "sites" / f"{site['slug']}.yml").write_text(
            yaml.safe_dump(site, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


class _Loads(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.files: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "link" and a.get("rel") in ("stylesheet", "preload", "modulepreload", "icon") and a.get("href"):
            self.files.append(a["href"])
        elif tag == "script" and (a.get("src") or a.get("data-src")):
            self.files.append(a.get("src") or a["data-src"])  # data-src: the theme's script, loaded after the page


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def page_weight(site: Path, page_path: str) -> list[tuple[str, int, int]]:
    """(file, raw bytes, gzip bytes) of everything the page loads, photos excluded."""
    page_dir = site / page_path
    html_file = page_dir / "index.html"
    rows = [(page_path + "index.html", html_file.stat().st_size, gz(html_file.read_bytes()))]
    parser = _Loads()
    parser.feed(html_file.read_text(encoding="utf-8"))
    for ref in parser.files:
        if "://" in ref:
            rows.append((ref + " (OTHER HOST!)", 0, 0))
            continue
        path = (page_dir / ref).resolve()
        data = path.read_bytes()
        rows.append((str(path.relative_to(site)), len(data), gz(data)))
        if path.suffix == ".css":  # fonts and images a stylesheet pulls in
            for url in re.findall(r"url\(['\"]?([^'\")]+)", data.decode("utf-8", "replace")):
                if url.startswith("data:") or "://" in url:
                    continue
                target = (path.parent / url.split("#")[0].split("?")[0]).resolve()
                listed = {row[0] for row in rows}
                if (target.suffix in (".woff", ".woff2", ".ttf", ".otf", ".svg") and target.is_file()
                        and str(target.relative_to(site)) not in listed):
                    rows.append((str(target.relative_to(site)), target.stat().st_size, gz(target.read_bytes())))
    worker = site / "sw.js"
    rows.append(("sw.js (after load)", worker.stat().st_size, gz(worker.read_bytes())))
    return rows


def search_cost(site: Path, query: str) -> tuple[int, int]:
    folder = site / "generated" / "search"
    manifest_bytes = (folder / "index.json").read_bytes()
    manifest = json.loads(manifest_bytes)
    files = plan_query(query, manifest)
    return gz(manifest_bytes), sum(gz((folder / name).read_bytes()) for name in files)


def photo_cache_effect(work: Path, count: int = 8) -> None:
    from PIL import Image

    rng = random.Random(1)
    sources = []
    for index in range(count):
        image = Image.effect_noise((4000, 3000), 40).convert("RGB")
        tint = Image.new("RGB", (4000, 3000), (rng.randint(60, 200), rng.randint(60, 160), rng.randint(40, 120)))
        photo = Image.blend(image, tint, 0.6)
        path = work / f"photo-{index}.jpg"
        photo.save(path, "JPEG", quality=92)
        sources.append(path)
    size = sum(p.stat().st_size for p in sources)
    first = ImagePipeline(work / "cache", work / "out1")
    start = time.perf_counter()
    first.process_many(sources)
    cold = time.perf_counter() - start
    again = ImagePipeline(work / "cache", work / "out2")
    start = time.perf_counter()
    again.process_many(sources)
    warm = time.perf_counter() - start
    print(f"  photos: {count} × 12 MP ({size / 2**20:.1f} MB) -> {first.stats.output_bytes / 2**20:.2f} MB of variants; "
          f"first build {cold:.2f} s, rebuild {warm:.3f} s (cache hits {again.stats.cached}/{count}, "
          f"{cold / max(warm, 1e-6):.0f}× faster)")


def run(count: int) -> None:
    with tempfile.TemporaryDirectory(prefix=f"dcd-weight-{count}-") as tmp:
        project = make_project(Path(tmp), synthetic_sites(count), narration=count <= 100)
        start = time.perf_counter()
        result = build(load_config(project))
        elapsed = time.perf_counter() - start
        if not result.built:
            raise SystemExit(f"build failed: {result.renderer_output or result.load.report.errors[:3]}")
        site = project / "site"
        pages = sum(1 for _ in site.rglob("index.html"))
        print(f"N = {count}: build {elapsed:.1f} s, {pages} HTML files")
        sample = sorted((site / "di-tich").iterdir())[len(list((site / "di-tich").iterdir())) // 2].name
        rows = page_weight(site, f"di-tich/{sample}/")
        for name, raw, packed in rows:
            print(f"  {packed / 1024:7.1f} KB gzip  {raw / 1024:7.1f} KB raw  {name}")
        total = sum(packed for _, _, packed in rows)
        print(f"  {total / 1024:7.1f} KB gzip  total for a site page before photos "
              f"(budget {BUDGET // 1024} KB: {'OK' if total <= BUDGET else 'OVER'})")
        home = page_weight(site, "")
        print(f"  {sum(p for _, _, p in home) / 1024:7.1f} KB gzip  home page, same count")
        for query in QUERIES:
            manifest, shard = search_cost(site, query)
            print(f"  search {query!r:16}: manifest {manifest / 1024:.1f} KB + shard {shard / 1024:.1f} KB gzip "
                  "(manifest fetched once per visit)")
        if count <= 100:
            photo_cache_effect(Path(tmp))


def main() -> None:
    counts = [int(arg) for arg in sys.argv[1:]] or [20, 5000]
    for count in counts:
        run(count)


if __name__ == "__main__":
    main()
