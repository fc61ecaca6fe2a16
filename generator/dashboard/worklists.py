"""Work lists ("Việc cần làm"), like Open Plaques' /todo but built statically: the sites
that still lack something, each linking to its page and to its YAML file's edit page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from .. import urls
from ..config import ProjectConfig
from ..files import write_text
from ..repository import Repository
from ..site.front_matter import front_matter
from .completeness import SiteCompleteness, machine_voice_note
from .templating import ENV

WORKLISTS_PAGE = "viec-can-lam"


@dataclass(frozen=True)
class WorkList:
    key: str  # the section's anchor
    title: str
    hint: str  # what to do, in one sentence; {machine_voice}: what such a site plays today
    wanted: Callable[[SiteCompleteness], bool]
    detail: Callable[[SiteCompleteness], str] = lambda row: ""


def _plaque_detail(row: SiteCompleteness) -> str:
    check = row.facts.plaque.last_check
    if check is None:
        return ""
    state = {"damaged": "hỏng", "missing": "mất", "faded": "phai màu", "good": "tốt"}[check.state.value]
    return f"{state} ngày {check.date.isoformat()}" + (f": {check.note}" if check.note else "")


def _printed_detail(row: SiteCompleteness) -> str:
    return "in ngày " + ", ".join(date.isoformat() for date in row.facts.plaque.printed)


WORK_LISTS: tuple[WorkList, ...] = (
    WorkList("chua-co-anh", "Chưa có ảnh",
             "Chụp ảnh di tích (ghi tác giả và giấy phép), đặt cạnh tệp YAML và ghi vào images.",
             lambda row: not row.done["photo"]),
    WorkList("vi-tri-tam-xa", "Chỉ có điểm tâm xã hoặc chưa có vị trí",
             "Đến di tích, lấy tọa độ ngay tại di tích và ghi location.quality: site-survey.",
             lambda row: not row.done["location"],
             lambda row: "tâm xã" if row.site.location else "chưa có tọa độ"),
    WorkList("chua-thuyet-minh", "Chưa có thuyết minh riêng",
             "{machine_voice} Hãy ghi âm bài thuyết minh ngắn bằng tiếng Việt (audio) hoặc viết bài để đọc (narration.vi).",
             lambda row: not row.done["narration"]),
    WorkList("chua-kiem-tra", "Chưa ai kiểm tra tại chỗ",
             "Đến di tích, đối chiếu thông tin và ghi last_checked.",
             lambda row: not row.done["checked"]),
    WorkList("bien-chua-gan", "Biển đã in nhưng chưa gắn",
             "Gắn biển rồi ghi: diachido plaques --installed MÃ --date NGÀY --where NƠI.",
             lambda row: row.done["printed"] and not row.done["installed"], _printed_detail),
    WorkList("bien-hong", "Biển bị báo hỏng hoặc mất",
             "In lại biển cỡ phù hợp, gắn và ghi: diachido plaques --installed MÃ --date NGÀY --replaces NGÀY_GẮN_CŨ.",
             lambda row: row.facts.plaque.needs_replacing, _plaque_detail),
)


def work_lists(rows: list[SiteCompleteness]) -> dict[str, list[SiteCompleteness]]:
    """Work-list key -> the sites on it, in the order of ``rows``."""
    return {work.key: [row for row in rows if work.wanted(row)] for work in WORK_LISTS}


def _entry(row: SiteCompleteness, work: WorkList, files: dict[str, str], repo: Repository | None) -> dict[str, Any]:
    page = urls.dashboard_path(WORKLISTS_PAGE)
    file = files.get(row.site.id)
    return {
        "href": urls.relative_url(page, urls.site_page_path(row.site.slug)),
        "name": row.site.name.vi,
        "id": row.site.id,
        "detail": work.detail(row),
        "file": file,
        "edit": repo.edit_url(file) if repo and file else None,
    }


def render_worklists(rows: list[SiteCompleteness], files: dict[str, str], repo: Repository | None,
                     links: dict[str, Any], machine_voice: bool) -> str:
    """The Markdown of ``tien-do/viec-can-lam/``; ``files``: site id -> YAML path in the repository;
    ``machine_voice``: whether pages without a narration of their own speak their summary."""
    members = work_lists(rows)
    return ENV.get_template("worklists.md.j2").render(
        front_matter=front_matter(title="Việc cần làm", description="Di tích còn thiếu ảnh, vị trí, thuyết minh, biển QR.",
                                  lang="vi", robots="noindex", hide=["navigation", "toc"]),
        lists=[{"key": work.key, "title": work.title, "hint": work.hint.format(machine_voice=machine_voice_note(machine_voice)),
                "entries": [_entry(row, work, files, repo) for row in members[work.key]]} for work in WORK_LISTS],
        links=links,
    )


def write_worklists(config: ProjectConfig, rows: list[SiteCompleteness], docs_root: Path, files: dict[str, str],
                    repo: Repository | None, links: dict[str, Any], machine_voice: bool) -> None:
    write_text(docs_root / urls.dashboard_path(WORKLISTS_PAGE) / "index.md",
               render_worklists(rows, files, repo, links, machine_voice))

