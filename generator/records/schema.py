"""The site record: the single source of truth for what a YAML file may contain.

Validation, the JSON Schema editors use (``diachido schema``) and the records the
renderers read all come from these models. Error codes raised here are message
codes from ``i18n.messages``; ``validate`` maps pydantic's own codes to them.

Room to grow: tour membership will be a new optional field (a list like ``images``,
``audio`` and ``panoramas``), not a change to these.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from pathlib import Path, PurePosixPath
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr, model_validator
from pydantic_core import PydanticCustomError

from .slugs import SLUG_PATTERN, slugify

ID_PATTERN = r"^[A-Z]{1,5}-[0-9]{4,6}$"
# No space, quote, angle bracket, backtick or backslash (RFC 3986 excludes them): pasted
# with them, a link breaks. Vietnamese letters stay allowed (Wikipedia's addresses).
URL_PATTERN = r'^https?://[^\s/$.?#"<>`\\][^\s"<>`\\]*$'
SUMMARY_MAX = 400
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif")
# What phones and recorders save; every one is decoded in ``check`` (media/audio.py).
# A phone video (.mp4, .mov, .3gp) gives its sound track: volunteers often film the guide.
AUDIO_SUFFIXES = (".m4a", ".mp3", ".ogg", ".oga", ".opus", ".wav", ".amr", ".3gp", ".aac", ".flac", ".webm",
                  ".mp4", ".mov")
# Characters: about 15 minutes read aloud (a voice reads ~600 characters of Vietnamese a
# minute), the same limit as a recording (media.audio_check.MAX_MINUTES).
NARRATION_MAX = 9_000
# What the panorama decoder reads (media.panoramas): no HEIC, which phones' 360° modes do not save.
PANORAMA_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
# Degrees, as the 360° viewer counts them: yaw 0 is the middle of the panorama,
# positive to the right; pitch positive upwards; hfov the width of the view.
ANGLE_RANGES = {"yaw": (-180, 180), "pitch": (-90, 90), "hfov": (50, 120)}  # Pannellum zooms within 50–120 by default


def _reject_markup(value: str) -> str:
    # Names and captions end up in <title>, meta tags and map popups; angle
    # brackets have no place in them and could open markup there.
    if "<" in value or ">" in value:
        raise PydanticCustomError("text.markup", "plain text must not contain < or >")
    return value


def _text(max_length: int) -> Any:
    return Annotated[str, Field(min_length=1, max_length=max_length), AfterValidator(_reject_markup)]


# Python-Markdown scans ahead at every '[' and '<' (up to a link label's 999 characters,
# see site.markdown_text; unbounded, 20 KB of '[' took 93 s), its emphasis work grows
# with the number of '*' and '_', and nested list markers on one line recurse until
# Python's stack ends. Real histories have a few dozen links and a little emphasis;
# these bounds keep the worst record under a second (bench/bench_markdown.py).
MARKDOWN_MAX_BRACKETS = 200
MARKDOWN_MAX_ANGLES = 20  # '<' opens raw HTML and autolinks, whose patterns cost more per character
MARKDOWN_MAX_EMPHASIS = 1000
MARKDOWN_MAX_NESTING = 6
MARKDOWN_MAX_ITEMS = 300  # list and quote lines: a list's cost grows with the square of its items
_ITEM_LINE = re.compile(r"^[ ]*(?:[-*+>]|[0-9]{1,9}[.)])", re.M)
_MARKDOWN_BUDGETS = (("[",), MARKDOWN_MAX_BRACKETS), (("<",), MARKDOWN_MAX_ANGLES), (("*", "_"), MARKDOWN_MAX_EMPHASIS)
# Nesting comes from container markers at a line's start ("- > 1. ") and from
# indentation (four spaces a level); either past MARKDOWN_MAX_NESTING levels is refused.
_NESTED_MARKERS = re.compile(r"^[ ]*(?:(?:>[ ]*)|(?:[-*+]|[0-9]{1,9}[.)])[ ]+){%d,}|^[ ]{%d,}\S"
                             % (MARKDOWN_MAX_NESTING + 1, 4 * MARKDOWN_MAX_NESTING + 1), re.M)


def _bounded_markdown(value: str) -> str:
    for chars, limit in _MARKDOWN_BUDGETS:
        count = sum(map(value.count, chars))
        if count > limit:
            raise PydanticCustomError("markdown.too_complex", "too many markup characters",
                                      {"count": count, "chars": ", ".join(f"'{c}'" for c in chars), "limit": limit})
    items = len(_ITEM_LINE.findall(value))
    if items > MARKDOWN_MAX_ITEMS:
        raise PydanticCustomError("markdown.too_many_items", "too many list lines",
                                  {"count": items, "limit": MARKDOWN_MAX_ITEMS})
    nested = _NESTED_MARKERS.search(value)
    if nested:
        line = value.count("\n", 0, nested.start()) + 1
        raise PydanticCustomError("markdown.too_nested", "too deeply nested",
                                  {"line_in_text": line, "limit": MARKDOWN_MAX_NESTING})
    return value


ShortText = _text(200)
LongText = _text(2000)
Markdown = Annotated[str, Field(min_length=1, max_length=50_000), AfterValidator(_bounded_markdown)]
Url = Annotated[str, Field(pattern=URL_PATTERN, max_length=2000)]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True)


class Category(str, Enum):
    HISTORICAL = "historical"
    REVOLUTIONARY = "revolutionary"
    ARCHITECTURAL_ARTISTIC = "architectural-artistic"
    ARCHAEOLOGICAL = "archaeological"
    SCENIC = "scenic"


class RankLevel(str, Enum):
    SPECIAL_NATIONAL = "special-national"
    NATIONAL = "national"
    PROVINCIAL = "provincial"
    NOT_RANKED = "not-ranked"
    UNKNOWN = "unknown"


class LocationQuality(str, Enum):
    """How far to trust a point. Only ``commune-centroid`` is not the monument itself."""

    SITE_OFFICIAL = "site-official"
    SITE_SURVEY = "site-survey"
    SITE_WIKIPEDIA = "site-wikipedia"
    SITE_PLUSCODE = "site-pluscode"
    SITE_SECONDARY = "site-secondary"
    COMMUNE_CENTROID = "commune-centroid"

    @property
    def is_approximate(self) -> bool:
        return self is LocationQuality.COMMUNE_CENTROID


class Status(str, Enum):
    DRAFT = "draft"
    PUBLISHED = "published"


class Name(_Record):
    vi: ShortText = Field(description="Tên tiếng Việt, đủ dấu / Vietnamese name with diacritics")
    en: ShortText | None = Field(None, description="Tên tiếng Anh / English name")
    other: list[ShortText] = Field(default_factory=list, description="Tên gọi khác / other names")


class LocalizedSummary(_Record):
    vi: _text(SUMMARY_MAX) = Field(description="Giới thiệu ngắn (vừa biển QR, cửa sổ bản đồ)")
    en: _text(SUMMARY_MAX) | None = None


class LocalizedText(_Record):
    vi: LongText | None = None
    en: LongText | None = None


class LocalizedMarkdown(_Record):
    vi: Markdown | None = Field(None, description="Markdown tiếng Việt")
    en: Markdown | None = Field(None, description="Markdown in English")


class Rank(_Record):
    level: RankLevel = Field(description="Cấp xếp hạng / official rank; 'unknown' khi chưa rõ")
    decision: LongText | None = Field(None, description="Số quyết định xếp hạng / decision number and text")
    date: dt.date | None = Field(None, description="Ngày quyết định / decision date")
    year: int | None = Field(None, ge=1945, le=2100, description="Năm xếp hạng / year ranked")


class Location(_Record):
    lat: float = Field(ge=-90, le=90, description="Vĩ độ WGS84 / latitude")
    lon: float = Field(ge=-180, le=180, description="Kinh độ WGS84 / longitude")
    quality: LocationQuality = Field(description="Độ tin cậy của điểm / how precise the point is")
    source: LongText | None = Field(None, description="Nguồn tọa độ / where the point comes from")


class FormerAddress(_Record):
    """Units as they stood before the 1 July 2025 reform (districts abolished, communes merged)."""

    district: ShortText | None = Field(None, description="Huyện, thị xã, thành phố cũ / former district")
    commune: ShortText | None = Field(None, description="Xã, phường, thị trấn cũ / former commune")
    commune_in_sources: ShortText | None = Field(
        None, description="Tên xã cũ hơn mà nguồn tư liệu ghi (nếu khác) / older commune name used by sources"
    )


class Address(_Record):
    province: ShortText = Field(description="Tỉnh, ví dụ Thanh Hóa / province")
    commune: ShortText | None = Field(None, description="Xã/phường hiện nay (từ 1/7/2025)")
    village: ShortText | None = Field(None, description="Thôn, bản, tổ dân phố")
    street: ShortText | None = Field(None, description="Số nhà, đường phố (nếu có) / street address")
    former: FormerAddress | None = Field(None, description="Huyện, xã trước 1/7/2025")


class Visiting(_Record):
    opening_hours: LocalizedText | None = Field(None, description="Giờ mở cửa / opening hours")
    fee: LocalizedText | None = Field(None, description="Giá vé; ghi 'Miễn phí' nếu không thu / entrance fee")
    contact: ShortText | None = Field(None, description="Người hoặc số điện thoại liên hệ / contact")
    website: Url | None = Field(None, description="Trang web chính thức, bắt đầu bằng https:// / official website")
    notes: LocalizedText | None = Field(None, description="Lưu ý cho khách tham quan / notes for visitors")


class _MediaItem(_Record):
    """A list entry naming a file beside the record (a photo, a recording, a panorama;
    ``file`` declared by each kind with its own description).

    Validation resolves ``file`` once and binds the result; everything after validation
    (build, hand-over bundle) reads ``source``, never looks the name up again.
    """

    file: str
    # The file as validation resolved it (absolute, symlinks followed, checked to be
    # inside the site's folder): the one path everything after validation uses.
    _source: Path | None = PrivateAttr(None)

    def bind_source(self, path: Path) -> None:
        """Record the validated file (called by validation only)."""
        self._source = path

    @property
    def source(self) -> Path:
        """The validated file; ValueError if this item never went through validation."""
        if self._source is None:
            raise ValueError(f"media file {self.file!r} was not validated")
        return self._source


class Image(_MediaItem):
    file: Annotated[str, Field(min_length=1, max_length=300)] = Field(
        description="Đường dẫn ảnh, tính từ thư mục chứa tệp YAML / path relative to the YAML file"
    )
    caption: LocalizedText = Field(description="Chú thích, cũng là mô tả cho người khiếm thị")
    credit: ShortText = Field(description="Tác giả ảnh / who took the photo")
    licence: ShortText | None = Field(None, description="Giấy phép, ví dụ CC BY-SA 4.0")


class Language(str, Enum):
    VI = "vi"
    EN = "en"


class LocalizedNarration(_Record):
    vi: _text(NARRATION_MAX) | None = Field(
        None, description="Lời thuyết minh để nghe, viết như nói (số, ngày, chữ viết tắt viết thành chữ); "
                          "các đoạn cách nhau một dòng trống"
    )
    en: _text(NARRATION_MAX) | None = Field(None, description="Narration to be heard, written for the ear")


class Recording(_MediaItem):
    file: Annotated[str, Field(min_length=1, max_length=300)] = Field(
        description="Tệp ghi âm (m4a, mp3, ogg, wav, amr...), tính từ thư mục chứa tệp YAML / recording, relative path"
    )
    lang: Language = Field(description="Ngôn ngữ của bản ghi: vi hoặc en / language of the recording")
    credit: ShortText = Field(description="Người đọc / who reads")
    licence: ShortText = Field(description="Giấy phép, ví dụ CC BY 4.0 / licence")


def _angle(name: str, default: float | None, description: str) -> Any:
    low, high = ANGLE_RANGES[name]
    return Field(default, ge=low, le=high, description=description) if default is not None else \
        Field(ge=low, le=high, description=description)


SceneName = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=80)]


class Hotspot(_Record):
    """A point in a panorama: a way to another scene or site, or a short text."""

    yaw: float = _angle("yaw", None, "Hướng ngang, độ: 0 = giữa ảnh, dương = bên phải / degrees, 0 = middle")
    pitch: float = _angle("pitch", 0.0, "Hướng dọc, độ: dương = phía trên / degrees, positive upwards")
    scene: SceneName | None = Field(None, description="Đi tới ảnh 360° khác của di tích này (tên cảnh)")
    site: Annotated[str, Field(pattern=ID_PATTERN)] | None = Field(None, description="Đi tới di tích khác (mã, ví dụ TH-0042)")
    text: LocalizedText | None = Field(None, description="Nhãn, hoặc nội dung của điểm thông tin / label or info text")

    @model_validator(mode="after")
    def _one_target(self) -> "Hotspot":
        has_text = bool(self.text and (self.text.vi or self.text.en))
        if (self.scene and self.site) or not (self.scene or self.site or has_text):
            raise PydanticCustomError("hotspot.target", "exactly one of scene, site, or text alone")
        return self


class Panorama(_MediaItem):
    """A 360° photo (equirectangular, 2:1) beside the record; scenes link by hotspots."""

    file: Annotated[str, Field(min_length=1, max_length=300)] = Field(
        description="Đường dẫn ảnh 360°, tính từ thư mục chứa tệp YAML / path relative to the YAML file"
    )
    scene: SceneName | None = Field(None, description="Tên cảnh để các điểm nóng trỏ tới; mặc định là tên tệp")
    caption: LocalizedText = Field(description="Chú thích, ví dụ 'Sân trước tiền đường' / caption")
    credit: ShortText = Field(description="Người chụp / who took the panorama")
    licence: ShortText | None = Field(None, description="Giấy phép, ví dụ CC BY-SA 4.0")
    yaw: float = _angle("yaw", 0.0, "Hướng nhìn ban đầu, độ / initial direction, degrees")
    pitch: float = _angle("pitch", 0.0, "Góc ngẩng ban đầu, độ / initial pitch, degrees")
    hfov: float = _angle("hfov", 100.0, "Độ rộng khung nhìn ban đầu, độ / initial field of view, degrees")
    hotspots: list[Hotspot] = Field(default_factory=list, description="Điểm nóng / hotspots")

    @property
    def scene_id(self) -> str:
        """The scene's name: ``scene``, else the file name made into a slug."""
        return self.scene or slugify(PurePosixPath(self.file.replace("\\", "/")).stem) or "canh"


class Source(_Record):
    url: Url = Field(description="Địa chỉ web của nguồn, bắt đầu bằng https:// / URL of the source")
    title: LongText | None = Field(None, description="Tên bài viết hoặc văn bản / title of the source")


def _unique(values: list[Any]) -> list[Any]:
    seen: set[Any] = set()
    for value in values:
        if value in seen:
            shown = value.value if isinstance(value, Enum) else value
            raise PydanticCustomError("list.duplicate", "repeated value", {"value": shown})
        seen.add(value)
    return values


class Site(_Record):
    """One heritage site: what a volunteer writes in ``sites/<slug>.yml``."""

    id: Annotated[str, Field(pattern=ID_PATTERN)] = Field(
        description="Mã cố định, ví dụ TH-0042; không bao giờ đổi / permanent id, never changes"
    )
    slug: Annotated[str, Field(pattern=SLUG_PATTERN, max_length=80)] | None = Field(
        None, description="Đường dẫn không dấu; bỏ trống để tạo từ tên / URL slug, derived from the name if empty"
    )
    renamed_from: Annotated[str, Field(pattern=SLUG_PATTERN)] | None = Field(
        None, description="Slug ghi cạnh mã này trong sites/_ids.txt, khi di tích đổi tên nhưng vẫn là một / "
                          "the slug sites/_ids.txt records for this id, when the same site was renamed"
    )
    former_slugs: Annotated[list[Annotated[str, Field(pattern=SLUG_PATTERN)]], AfterValidator(_unique)] = Field(
        default_factory=list, description="Đường dẫn cũ vẫn phải hoạt động / old slugs that must keep working"
    )
    status: Status = Field(Status.DRAFT, description="draft (nháp) hoặc published (công bố)")
    name: Name = Field(description="Tên di tích / the site's names")
    category: Annotated[list[Category], Field(min_length=1), AfterValidator(_unique)] = Field(
        description="Loại di tích, loại chính đứng đầu / categories, main one first"
    )
    rank: Rank = Field(description="Xếp hạng di tích theo quyết định của nhà nước / official ranking")
    location: Location | None = Field(None, description="Bỏ trống nếu chưa biết vị trí / leave out if unknown")
    address: Address = Field(description="Địa chỉ hiện nay và trước 1/7/2025 / address today and before the reform")
    summary: LocalizedSummary = Field(description="Giới thiệu ngắn, vài câu / short introduction")
    history: LocalizedMarkdown | None = Field(None, description="Lịch sử di tích, có nguồn / the site's history")
    visiting: Visiting | None = Field(None, description="Thông tin tham quan / visiting information")
    images: list[Image] = Field(default_factory=list, description="Ảnh; ảnh đầu tiên là ảnh chính / photos, main first")
    narration: LocalizedNarration | None = Field(
        None, description="Lời thuyết minh (bản ghi âm đọc theo, hoặc giọng máy đọc) / narration text"
    )
    audio: list[Recording] = Field(default_factory=list, description="Bản ghi âm thuyết minh / narration recordings")
    panoramas: list[Panorama] = Field(default_factory=list, description="Ảnh 360° / 360° panoramas")
    sources: list[Source] = Field(default_factory=list, description="Nguồn tư liệu đã dùng / sources used")
    tags: Annotated[list[ShortText], AfterValidator(_unique)] = Field(
        default_factory=list, description="Từ khóa để tìm kiếm / search keywords")
    notes: LocalizedText | None = Field(None, description="Ghi chú về nguồn, điểm chưa rõ / notes on sources")
    last_checked: dt.date | None = Field(None, description="Ngày kiểm tra lần cuối / date last checked")

    @property
    def primary_category(self) -> Category:
        return self.category[0]

    @property
    def is_published(self) -> bool:
        return self.status is Status.PUBLISHED


def json_schema(model: type[BaseModel] = Site, title: str = "Hồ sơ di tích / Heritage site record") -> dict[str, Any]:
    """The JSON Schema for editors (yaml-language-server), generated from ``model`` (a
    record kind's model; the site's by default)."""
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = title
    return schema
