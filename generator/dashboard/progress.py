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
from .completeness import ITEMS, SiteCompleteness, item_counts, machine_voice_note
from .templating import ENV

CHARTS_DIR = "bieu-do"  # beside the page: tien-do/bieu-do/*.svg
UNKNOWN_PLACE = "(chưa ghi)"


@dataclass(frozen=True)
class Grouping:
    key: str
    title: str
    groups_of: Callable[[Site], list[str]]  # a site -> the labels of the groups it belongs to
    order: Callable[[str], Any]  # a label -> its sort key


def _former_place(site: Site) -> list[str]:
    former = site.address.former
    parts = [part for part in ((former.district, former.commune) if former else ()) if part]
    return [" · ".join(parts) or UNKNOWN_PLACE]


def _place_order(label: str) -> tuple[bool, str]:
    return label == UNKNOWN_PLACE, fold(label)


_RANK_ORDER = {rank_label(level, "vi"): index for index, level in enumerate(RANK_ORDER)}
_CATEGORY_ORDER = {category_label(category, "vi"): index for index, category in enumerate(CATEGORY_ORDER)}

GROUPINGS: tuple[Grouping, ...] = (
    Grouping("xep-hang", "Theo cấp xếp hạng", lambda site: [rank_label(site.rank.level, "vi")], _RANK_ORDER.get),
    Grouping("loai", "Theo loại di tích (một di tích có thể thuộc nhiều loại)",
             lambda site: [category_label(c, "vi") for c in site.category], _CATEGORY_ORDER.get),
    Grouping("xa", "Theo xã, phường hiện nay", lambda site: [site.address.commune or UNKNOWN_PLACE], _place_order),
    Grouping("truoc-2025", "Theo huyện, xã trước ngày 1/7/2025", _former_place, _place_order),
)


def _percent(share: float) -> str:
    return f"{round(share * 100)} %"


def group_rows(grouping: Grouping, rows: list[SiteCompleteness]) -> list[dict[str, Any]]:
    """One row per group: its label, how many sites, each item's count and the mean score."""
    members: dict[str, list[SiteCompleteness]] = {}
    for row in rows:
        for label in grouping.groups_of(row.site):
            members.setdefault(label, []).append(row)
    return [{
        "label": label,
        "count": len(group),
        "items": item_counts(group),
        "score": sum(row.score for row in group) / len(group),
    } for label, group in sorted(members.items(), key=lambda pair: grouping.order(pair[0]))]


def _chart_file(name: str) -> str:
    return f"{CHARTS_DIR}/{name}.svg"


@dataclass(frozen=True)
class Progress:
    """Everything the page and its charts show, computed once."""

    total: int
    counts: dict[str, int]
    groups: list[tuple[Grouping, list[dict[str, Any]]]]


def progress(rows: list[SiteCompleteness]) -> Progress:
    return Progress(len(rows), item_counts(rows), [(grouping, group_rows(grouping, rows)) for grouping in GROUPINGS])


def progress_charts(config: ProjectConfig, data: Progress) -> dict[str, str]:
    """Chart file (relative to the page) -> SVG text."""
    total, counts = data.total, data.counts
    charts = {
        _chart_file("muc-tieu"): progress_chart(f"Đã công bố {total} trên mục tiêu {config.target} di tích",
                                                total, config.target),
        _chart_file("day-du"): bar_chart("Số di tích đã có từng phần",
                                         [Bar(item.label, counts[item.key], total, f"{counts[item.key]}/{total}")
                                          for item in ITEMS]),
    }
    for grouping, groups in data.groups:
        bars = [Bar(row["label"], row["score"], 1.0, f"{_percent(row['score'])} · {row['count']}") for row in groups]
        charts[_chart_file(grouping.key)] = bar_chart(f"Mức đầy đủ trung bình: {grouping.title.lower()}", bars)
    return charts


def render_progress_page(config: ProjectConfig, rows: list[SiteCompleteness], data: Progress,
                         links: dict[str, Any], machine_voice: bool) -> str:
    """The Markdown of ``tien-do/``; ``links``: the work-list, guide and download hrefs;
    ``machine_voice``: whether pages without a narration of their own speak their summary."""
    page = urls.dashboard_path()
    total = data.total
    return ENV.get_template("progress.md.j2").render(
        front_matter=front_matter(title="Tiến độ", description="Tiến độ số hóa di tích: dành cho ban tổ chức.",
                                  lang="vi", robots="noindex", hide=["navigation", "toc"]),
        total=total,
        target=config.target,
        target_share=_percent(total / config.target) if config.target else "",
        items=ITEMS,
        notes=[(item.label, item.note.format(machine_voice=machine_voice_note(machine_voice))) for item in ITEMS if item.note],
        counts=data.counts,
        shares={key: _percent(count / total) if total else "0 %" for key, count in data.counts.items()},
        charts={name: _chart_file(name) for name in ("muc-tieu", "day-du", *(g.key for g in GROUPINGS))},
        groupings=data.groups,
        percent=_percent,
        sites=[{
            "row": row,
            "href": urls.relative_url(page, urls.site_page_path(row.site.slug)),
            "bundle": urls.relative_url(page, urls.handover_path(site_bundle_name(row.site.id))),
        } for row in rows],
        links=links,
    )


def write_progress(config: ProjectConfig, rows: list[SiteCompleteness], docs_root: Path, links: dict[str, Any],
                   machine_voice: bool) -> None:
    folder = docs_root / urls.dashboard_path()
    data = progress(rows)
    for name, svg in progress_charts(config, data).items():
        write_text(folder / name, svg)
    write_text(folder / "index.md", render_progress_page(config, rows, data, links, machine_voice))
