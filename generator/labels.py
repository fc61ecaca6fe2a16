"""Visitor-facing names of categories and ranks, Vietnamese first."""

from __future__ import annotations

from .schema import Category, RankLevel

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
