"""Visitor-facing names of categories and ranks, Vietnamese first."""

from __future__ import annotations

from ..records.schema import Category, RankLevel

CATEGORY_LABELS: dict[Category, dict[str, str]] = {
    Category.HISTORICAL: {"vi": "Di tích lịch sử", "en": "Historical site"},
    Category.REVOLUTIONARY: {"vi": "Di tích cách mạng", "en": "Revolutionary site"},
    Category.ARCHITECTURAL_ARTISTIC: {"vi": "Kiến trúc nghệ thuật", "en": "Architecture and art"},
    Category.ARCHAEOLOGICAL: {"vi": "Khảo cổ", "en": "Archaeological site"},
    Category.SCENIC: {"vi": "Danh lam thắng cảnh", "en": "Scenic spot"},
}

RANK_LABELS: dict[RankLevel, dict[str, str]] = {
    RankLevel.SPECIAL_NATIONAL: {"vi": "Di tích quốc gia đặc biệt", "en": "Special national relic"},
    RankLevel.NATIONAL: {"vi": "Di tích quốc gia", "en": "National relic"},
    RankLevel.PROVINCIAL: {"vi": "Di tích cấp tỉnh", "en": "Provincial relic"},
    RankLevel.NOT_RANKED: {"vi": "Chưa xếp hạng", "en": "Not ranked"},
    RankLevel.UNKNOWN: {"vi": "Chưa rõ cấp xếp hạng", "en": "Rank not known"},
}


def category_label(category: Category, lang: str) -> str:
    return CATEGORY_LABELS[category][lang]


def rank_label(level: RankLevel, lang: str) -> str:
    return RANK_LABELS[level][lang]


# Short codes for the search index (one character per rank, in RANK_ORDER).
RANK_ORDER: tuple[RankLevel, ...] = (
    RankLevel.SPECIAL_NATIONAL, RankLevel.NATIONAL, RankLevel.PROVINCIAL, RankLevel.NOT_RANKED, RankLevel.UNKNOWN,
)
CATEGORY_ORDER: tuple[Category, ...] = tuple(Category)

# Words of the visitor's pages, by language. Vietnamese is the site's language;
# English pages (records with English text) get an English interface.
UI: dict[str, dict[str, str]] = {
    "vi": {
        "site_name": "Địa chỉ đỏ Thanh Hóa",
        "directions": "Chỉ đường",
        "open_map_app": "Mở ứng dụng bản đồ",
        "share": "Chia sẻ",
        "share_copied": "Đã chép địa chỉ trang",
        "listen": "Nghe thuyết minh",
        "history": "Lịch sử",
        "facts": "Thông tin di tích",
        "rank": "Xếp hạng",
        "decision": "Quyết định",
        "category": "Loại hình",
        "address": "Địa chỉ",
        "former_address": "Trước 1/7/2025",
        "opening_hours": "Giờ mở cửa",
        "fee": "Giá vé",
        "contact": "Liên hệ",
        "website": "Trang web",
        "visiting_notes": "Lưu ý khi tham quan",
        "coordinates": "Tọa độ",
        "other_names": "Tên gọi khác",
        "site_id": "Mã di tích",
        "permanent_address": "Địa chỉ cố định",
        "gallery": "Ảnh",
        "photo_by": "Ảnh",
        "pano_section": "Tham quan 360°",
        "pano_view": "Xem 360°",
        "pano_badge": "có ảnh 360°",
        "pano_dialog": "Ảnh 360°: kéo hoặc xoay điện thoại để nhìn quanh",
        "pano_close": "Đóng",
        "pano_save": "Lưu để xem offline",
        "pano_saved": "Đã lưu",
        "pano_save_unavailable": "Trình duyệt này không lưu được",
        "pano_loading": "Đang tải ảnh 360°…",
        "pano_error": "Không tải được ảnh 360°; hãy thử lại khi có sóng.",
        "pano_no_webgl": "Trình duyệt này không hiển thị được ảnh 360° (thiếu WebGL).",
        "map": "Bản đồ",
        "nearby": "Di tích lân cận",
        "same_point": "cùng tâm xã",
        "sources": "Nguồn tư liệu",
        "notes": "Ghi chú",
        "last_checked": "Thông tin được kiểm tra lần cuối ngày",
        "not_checked": "Thông tin chưa được kiểm tra tại chỗ.",
        "approximate": "Vị trí gần đúng: đây là tâm xã, không phải vị trí chính xác của di tích. "
                       "Khi đến gần, hãy hỏi người dân địa phương.",
        "approximate_short": "gần đúng (tâm xã)",
        "no_location": "Chưa có tọa độ",
        "no_photo": "Chưa có ảnh",
        "no_photo_invite": "Bạn có ảnh của di tích này? Hãy gửi cho đoàn thanh niên xã.",
        "other_language": "Read in English",
        "plaque": "Tải biển QR",
        "plaque_hint": "để in lại biển",
        "all_sites": "Tất cả di tích",
        "lists": "Danh sách di tích",
        "search": "Tìm kiếm",
        "search_title": "Tìm di tích",
        "search_label": "Tên di tích, xã/phường hoặc mã (ví dụ TH-0042)",
        "search_button": "Tìm",
        "search_placeholder": "Ví dụ: den ba trieu",
        "home": "Trang chủ",
        "sites_count": "di tích",
        "by_category": "Theo loại hình",
        "by_rank": "Theo cấp xếp hạng",
        "by_district": "Theo huyện, thị xã, thành phố (trước 1/7/2025)",
        "by_commune": "Theo xã, phường",
        "unknown_commune": "Chưa rõ xã",
        "unknown_district": "Chưa rõ huyện",
        "photo_alt_missing": "Ảnh di tích",
        "km": "km",
        "m": "m",
    },
    "en": {
        "site_name": "Red Addresses of Thanh Hóa",
        "directions": "Directions",
        "open_map_app": "Open in a map app",
        "share": "Share",
        "share_copied": "Link copied",
        "listen": "Listen to the guide",
        "history": "History",
        "facts": "About this site",
        "rank": "Rank",
        "decision": "Decision",
        "category": "Type",
        "address": "Address",
        "former_address": "Before 1 July 2025",
        "opening_hours": "Opening hours",
        "fee": "Admission",
        "contact": "Contact",
        "website": "Website",
        "visiting_notes": "Visiting notes",
        "coordinates": "Coordinates",
        "other_names": "Other names",
        "site_id": "Site id",
        "permanent_address": "Permanent address",
        "gallery": "Photos",
        "photo_by": "Photo",
        "pano_section": "360° visit",
        "pano_view": "View in 360°",
        "pano_badge": "360° photos",
        "pano_dialog": "360° view: drag or turn your phone to look around",
        "pano_close": "Close",
        "pano_save": "Save for offline",
        "pano_saved": "Saved",
        "pano_save_unavailable": "This browser cannot save it",
        "pano_loading": "Loading the 360° view…",
        "pano_error": "Could not load the 360° view; try again with a better signal.",
        "pano_no_webgl": "This browser cannot show 360° views (no WebGL).",
        "map": "Map",
        "nearby": "Nearby sites",
        "same_point": "same commune centre",
        "sources": "Sources",
        "notes": "Notes",
        "last_checked": "Information last checked on",
        "not_checked": "This information has not been checked on site yet.",
        "approximate": "Approximate location: this is the centre of the commune, not the site itself. "
                       "Ask local people when you are close.",
        "approximate_short": "approximate (commune centre)",
        "no_location": "No coordinates yet",
        "no_photo": "No photo yet",
        "no_photo_invite": "Have a photo of this site? Send it to the commune youth union.",
        "other_language": "Đọc bằng tiếng Việt",
        "plaque": "Download the QR plaque",
        "plaque_hint": "to print a replacement",
        "all_sites": "All sites in English",
        "lists": "Lists of sites",
        "search": "Search",
        "search_title": "Find a site",
        "search_label": "Site name, commune or id (e.g. TH-0042)",
        "search_button": "Search",
        "search_placeholder": "e.g. ba trieu",
        "home": "Home",
        "sites_count": "sites",
        "by_category": "By type",
        "by_rank": "By rank",
        "by_district": "By district (before 1 July 2025)",
        "by_commune": "By commune",
        "unknown_commune": "Commune not known",
        "unknown_district": "District not known",
        "photo_alt_missing": "Photo of the site",
        "km": "km",
        "m": "m",
    },
}


def ui(lang: str) -> dict[str, str]:
    """The interface words for ``lang`` (Vietnamese for any language we lack)."""
    return UI.get(lang, UI["vi"])
