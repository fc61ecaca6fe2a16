"""Words of the tour and village pages, Vietnamese first (the site's own words are in
``labels.UI``; these pages add their own)."""

from __future__ import annotations

from ..records.tours import Mode

MODE_LABELS: dict[Mode, dict[str, str]] = {
    Mode.FOOT: {"vi": "Đi bộ", "en": "On foot"},
    Mode.BICYCLE: {"vi": "Xe đạp", "en": "By bicycle"},
    Mode.MOTORBIKE_CAR: {"vi": "Xe máy, ô tô", "en": "By motorbike or car"},
}

# The other record kinds as visitors meet them beside the sites, by kind name
# (``records.kinds``): ``name`` labels a search result or a map layer, ``on_site`` heads
# the links on the page of a site the record names, ``open`` links to the record's page.
KIND_LABELS: dict[str, dict[str, dict[str, str]]] = {
    "tour": {
        "vi": {"name": "Tuyến tham quan", "on_site": "Nằm trên tuyến tham quan", "open": "Xem tuyến tham quan"},
        "en": {"name": "Tour", "on_site": "On the tour", "open": "Open the tour"},
    },
    "village": {
        "vi": {"name": "Thôn, làng", "on_site": "Thuộc thôn", "open": "Xem trang thôn"},
        "en": {"name": "Village", "on_site": "In the village", "open": "Open the village's page"},
    },
}


def kind_label(kind: str, key: str, lang: str) -> str:
    """``kind_label("tour", "name", "vi")`` -> ``Tuyến tham quan``."""
    return KIND_LABELS[kind][lang][key]


ROUTE_UI: dict[str, dict[str, str]] = {
    "vi": {
        "tour": "Tuyến tham quan",
        "tours": "Tuyến tham quan",
        "no_tours": "Chưa có tuyến tham quan nào được công bố.",
        "no_villages": "Chưa có thôn, làng nào được công bố.",
        "villages": "Thôn, làng",
        "village": "Thôn",
        "stops": "điểm dừng",
        "total": "Tổng chiều dài",
        "time": "Thời gian di chuyển ước tính",
        "speed_note": "tính theo tốc độ trung bình {speed} km/h, chưa kể thời gian dừng; khoảng cách là đường chim bay giữa các điểm",
        "speed_note_drawn": "tính theo tốc độ trung bình {speed} km/h trên đường đã vẽ, chưa kể thời gian dừng",
        "start": "Bắt đầu tham quan",
        "next": "Điểm tiếp theo",
        "finish": "Kết thúc tham quan",
        "finished_title": "Hết tuyến",
        "finished": "Bạn đã đi hết tuyến tham quan. Cảm ơn bạn đã ghé thăm!",
        "all_tours": "Các tuyến tham quan",
        "guide": "Dẫn đường",
        "following": "Đang theo dõi vị trí của bạn. Khi bạn đến gần một điểm, lời thuyết minh sẽ phát.",
        "no_position": "Không lấy được vị trí. Hãy bấm «Điểm tiếp theo» khi bạn đến nơi.",
        "now_at": "Bạn đang ở điểm",
        "tap_to_play": "Bấm ▶ để nghe thuyết minh.",
        "leg": "Chặng",
        "from_previous": "từ điểm trước",
        "approx_leg": "gần đúng: một đầu chặng là tâm xã, không phải vị trí di tích",
        "approx_note": "Chặng nét đứt: một đầu là tâm xã (vị trí gần đúng).",
        "zone": "vùng đến",
        "open_site": "Xem trang di tích",
        "open_stop": "Xem điểm dừng này",
        "waypoint": "Điểm dừng",
        "downloads": "Tải về",
        "itinerary": "Lịch trình in được (PDF A4)",
        "plaque": "Biển QR của tuyến (PDF A5)",
        "gpx": "GPX: cho ứng dụng dẫn đường, máy GPS",
        "geojson": "GeoJSON: cho phần mềm bản đồ",
        "kml": "KML: Google Earth, Google My Maps",
        "map": "Bản đồ tuyến",
        "hours": "giờ",
        "minutes": "phút",
        "story": "Lịch sử",
        "customs": "Phong tục, lễ hội",
        "lane_map": "Bản đồ ngõ xóm",
        "sites_here": "Di tích trong thôn",
        "cultural_house": "Nhà văn hóa",
        "entrance": "Đầu ngõ",
        "sources": "Nguồn",
        "places": "Địa điểm",
        "plaques": "Biển QR (PDF A5) và dữ liệu bản đồ",
        "legend": "Chú giải bản đồ",
        "legend_lane": "Ngõ, đường làng",
        "legend_house": "Nhà văn hóa",
        "legend_shrine": "Đình, đền, miếu",
        "legend_school": "Trường học",
        "legend_landmark": "Địa điểm khác",
        "legend_entrance": "Đầu ngõ có biển QR",
        "legend_site": "Di tích",
    },
    "en": {
        "tour": "Tour",
        "tours": "Tours",
        "no_tours": "No tour has been published yet.",
        "no_villages": "No village has been published yet.",
        "villages": "Villages",
        "village": "Village",
        "stops": "stops",
        "total": "Total length",
        "time": "Estimated travel time",
        "speed_note": "at an average {speed} km/h, stops not included; distances are straight lines between stops",
        "speed_note_drawn": "at an average {speed} km/h along the drawn route, stops not included",
        "start": "Start the tour",
        "next": "Next stop",
        "finish": "Finish the tour",
        "finished_title": "End of the tour",
        "finished": "You have reached the end of the tour. Thank you for visiting!",
        "all_tours": "All tours",
        "guide": "Guided walk",
        "following": "Following your position. Near a stop, its narration plays.",
        "no_position": "Your position is not available. Tap “Next stop” when you arrive.",
        "now_at": "You are at stop",
        "tap_to_play": "Tap ▶ to hear the narration.",
        "leg": "Leg",
        "from_previous": "from the previous stop",
        "approx_leg": "approximate: one end is a commune centre, not the site itself",
        "approx_note": "Dashed legs: one end is a commune centre (approximate).",
        "zone": "arrival zone",
        "open_site": "Open the site's page",
        "open_stop": "Show this stop",
        "waypoint": "Stop",
        "downloads": "Downloads",
        "itinerary": "Printable itinerary (A4 PDF)",
        "plaque": "The tour's QR plaque (A5 PDF)",
        "gpx": "GPX: for navigation apps and GPS units",
        "geojson": "GeoJSON: for mapping software",
        "kml": "KML: Google Earth, Google My Maps",
        "map": "Map of the tour",
        "hours": "h",
        "minutes": "min",
        "story": "History",
        "customs": "Customs and festivals",
        "lane_map": "Map of the lanes",
        "sites_here": "Sites in the village",
        "cultural_house": "Cultural house",
        "entrance": "Lane entrance",
        "sources": "Sources",
        "places": "Places",
        "plaques": "QR plaques (A5 PDF) and map data",
        "legend": "Map legend",
        "legend_lane": "Lanes",
        "legend_house": "Cultural house",
        "legend_shrine": "Shrine, temple",
        "legend_school": "School",
        "legend_landmark": "Other places",
        "legend_entrance": "Lane entrance with a QR plaque",
        "legend_site": "Heritage sites",
    },
}


def duration(minutes: float, lang: str) -> str:
    """``85`` -> ``1 giờ 25 phút`` / ``1 h 25 min`` (rounded to 5 minutes above an hour)."""
    words = ROUTE_UI[lang]
    whole = int(round(minutes))
    if whole < 60:
        return f"{max(whole, 1)} {words['minutes']}"
    whole = int(round(minutes / 5) * 5)
    hours, rest = divmod(whole, 60)
    return f"{hours} {words['hours']}" + (f" {rest} {words['minutes']}" if rest else "")
