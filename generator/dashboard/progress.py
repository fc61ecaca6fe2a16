"""The progress page ("Tiến độ"): published sites against the target, completeness of
every site as a table and as SVG charts, grouped by rank, category and commune (today's
and before the 2025 reform)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from .. import urls
from ..config import ProjectConfig
from ..files import write_text
from ..i18n.labels import CATEGORY_ORDER, RANK_ORDER, category_label, rank_label
from ..export.handover import site_bundle_name
from ..records.schema import Site
from ..site.front_matter import front_matter
from ..site.search import fold
from .charts import Bar, bar_chart, progress_chart
from .completeness import ITEMS, SiteCompleteness, item_counts
from .templating import ENV

CHARTS_DIR = "bieu-do"  # beside the page: tien-do/bieu-do/*.svg
UNKNOWN_PLACE = "(chưa ghi)"


@dataclass(frozen=True)
class Grouping:
    key: str
    title: str
    # A site -> the groups it belongs to, each as (sort key, label).
    groups_of: Callable[[Site], list[tuple[Any, str]]]


def _former_place(site: Site) -> list[tuple[Any, str]]:
    former = site.address.former
    parts = [part for part in ((former.district, former.commune) if former else ()) if part]
    label = " · ".join(parts) or UNKNOWN_PLACE
    return [((label == UNKNOWN_PLACE, fold(label)), label)]


def _commune(site: Site) -> list[tuple[Any, str]]:
    label = site.address.commune or UNKNOWN_PLACE
    return [((label == UNKNOWN_PLACE, fold(label)), label)]


GROUPINGS: tuple[Grouping, ...] = (
    Grouping("xep-hang", "Theo cấp xếp hạng",
             lambda site: [(RANK_ORDER.index(site.rank.level), rank_label(site.rank.level, "vi"))]),
    Grouping("loai", "Theo loại di tích (một di tích có thể thuộc nhiều loại)",
             lambda site: [(CATEGORY_ORDER.index(c), category_label(c, "vi")) for c in site.category]),
    Grouping("xa", "Theo xã, phường hiện nay", _commune),
    Grouping("truoc-2025", "Theo huyện, xã trước ngày 1/7/2025", _former_place),
)


def _percent(share: float) -> str:
    return f"{round(share * 100)} %"


def group_rows(grouping: Grouping, rows: list[SiteCompleteness]) -> list[dict[str, Any]]:
    """One row per group: its label, how many sites, each item's count and the mean score."""
    members: dict[tuple[Any, str], list[SiteCompleteness]] = {}
    for row in rows:
        for group in grouping.groups_of(row.site):
            members.setdefault(group, []).append(row)
    return [{
        "label": label,
        "count": len(group),
        "items": item_counts(group),
        "score": sum(row.score for row in group) / len(group),
    } for (_, label), group in sorted(members.items(), key=lambda pair: pair[0])]


def _chart_file(name: str) -> str:
    return f"{CHARTS_DIR}/{name}.svg"


def progress_charts(config: ProjectConfig, rows: list[SiteCompleteness]) -> dict[str, str]:
    """Chart file (relative to the page) -> SVG text."""
    total = len(rows)
    counts = item_counts(rows)
    charts = {
        _chart_file("muc-tieu"): progress_chart(f"Đã công bố {total} trên mục tiêu {config.target} di tích",
                                                total, config.target),
        _chart_file("day-du"): bar_chart("Số di tích đã có từng phần",
                                         [Bar(item.label, counts[item.key], total, f"{counts[item.key]}/{total}")
                                          for item in ITEMS]),
    }
    for grouping in GROUPINGS:
        bars = [Bar(row["label"], row["score"], 1.0, f"{_percent(row['score'])} · {row['count']}")
                for row in group_rows(grouping, rows)]
        charts[_chart_file(grouping.key)] = bar_chart(f"Mức đầy đủ trung bình: {grouping.title.lower()}", bars)
    return charts


def render_progress_page(config: ProjectConfig, rows: list[SiteCompleteness], links: dict[str, Any]) -> str:
    """The Markdown of ``tien-do/``; ``links``: the work-list, guide and download hrefs."""
    page = urls.dashboard_path()
    total = len(rows)
    counts = item_counts(rows)
    return ENV.get_template("progress.md.j2").render(
        front_matter=front_matter(title="Tiến độ", description="Tiến độ số hóa di tích: dành cho ban tổ chức.",
                                  lang="vi", robots="noindex", hide=["navigation", "toc"]),
        total=total,
        target=config.target,
        target_share=_percent(total / config.target) if config.target else "",
        items=ITEMS,
        counts=counts,
        shares={key: _percent(count / total) if total else "0 %" for key, count in counts.items()},
        charts={name.split("/")[-1].removesuffix(".svg"): name for name in progress_charts(config, rows)},
        groupings=[(grouping, group_rows(grouping, rows)) for grouping in GROUPINGS],
        percent=_percent,
        sites=[{
            "row": row,
            "href": urls.relative_url(page, urls.site_page_path(row.site.slug)),
            "bundle": urls.relative_url(page, urls.handover_path(site_bundle_name(row.site.id))),
        } for row in rows],
        links=links,
    )


def write_progress(config: ProjectConfig, rows: list[SiteCompleteness], docs_root: Path, links: dict[str, Any]) -> None:
    folder = docs_root / urls.dashboard_path()
    for name, svg in progress_charts(config, rows).items():
        write_text(folder / name, svg)
    write_text(folder / "index.md", render_progress_page(config, rows, links))
