"""The printable itinerary of a tour: an A4 PDF with the tour's QR, its facts, and the
stops in order with leg and running distances and a QR per site stop.

It reuses the plaque pipeline's PDF setup (embedded Be Vietnam Pro, fixed creation
date: the same bytes for the same tour) and its QR drawing, so a phone reads these
codes as it reads the plaques. Vietnamese, with the English name where the tour has one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fpdf import FPDF

from ..config import ProjectConfig
from ..i18n.route_labels import MODE_LABELS, ROUTE_UI, duration
from ..plaques.content import display_url
from ..plaques.pdf import FAMILY, draw_qr, new_pdf
from ..records.tours import SPEEDS_KMH
from ..site.text import format_distance
from ..urls import short_url

if TYPE_CHECKING:
    from .plan import TourPlan

PAGE_W, PAGE_H, MARGIN = 210.0, 297.0, 15.0
TOUR_QR = 36.0  # mm: read from ~0.35 m, a page held in the hand
STOP_QR = 24.0
ROW_H = STOP_QR + 4


def _header(pdf: FPDF, config: ProjectConfig, plan: "TourPlan") -> float:
    tour, words = plan.tour, ROUTE_UI["vi"]
    url = short_url(config, tour.id)
    draw_qr(pdf, url, PAGE_W - MARGIN - TOUR_QR, MARGIN, TOUR_QR)
    pdf.set_font(FAMILY, "", 7)
    pdf.set_xy(PAGE_W - MARGIN - TOUR_QR, MARGIN + TOUR_QR)
    # The address is wider than the QR: it wraps under it, never into the text beside it.
    pdf.multi_cell(TOUR_QR, 3.2, display_url(url), align="C")
    below_qr = pdf.get_y()
    text_w = PAGE_W - 2 * MARGIN - TOUR_QR - 5
    pdf.set_xy(MARGIN, MARGIN)
    pdf.set_font(FAMILY, "B", 18)
    pdf.multi_cell(text_w, 8, tour.name.vi, align="L")
    if tour.name.en:
        pdf.set_x(MARGIN)
        pdf.set_font(FAMILY, "", 11)
        pdf.multi_cell(text_w, 5.5, tour.name.en, align="L")
    pdf.set_x(MARGIN)
    pdf.set_font(FAMILY, "", 10)
    facts = (f"{words['tour']} · {MODE_LABELS[tour.mode]['vi']} · {len(plan.stops)} {words['stops']} · "
             f"{words['total']}: {format_distance(plan.length_m, 'vi')} · {words['time']}: {duration(plan.minutes, 'vi')}")
    pdf.multi_cell(text_w, 5, facts, align="L")
    pdf.set_x(MARGIN)
    pdf.set_font(FAMILY, "", 8.5)
    note = words["speed_note_drawn" if plan.geometry.drawn else "speed_note"].format(speed=f"{SPEEDS_KMH[tour.mode]:g}")
    pdf.multi_cell(text_w, 4.2, f"({note})", align="L")
    # The description runs the full width, so it starts below the QR and its address.
    pdf.set_xy(MARGIN, max(pdf.get_y(), below_qr) + 2)
    pdf.set_font(FAMILY, "", 9.5)
    pdf.multi_cell(PAGE_W - 2 * MARGIN, 4.8, tour.description.vi, align="L")
    return pdf.get_y() + 4


def _stop_row(pdf: FPDF, config: ProjectConfig, plan: "TourPlan", index: int, y: float, running: float) -> None:
    stop = plan.stops[index]
    words = ROUTE_UI["vi"]
    pdf.set_draw_color(200, 200, 200)
    pdf.line(MARGIN, y, PAGE_W - MARGIN, y)
    if stop.site is not None:
        url = short_url(config, stop.site.id)
        draw_qr(pdf, url, PAGE_W - MARGIN - STOP_QR, y + 2, STOP_QR)
    pdf.set_xy(MARGIN, y + 3)
    pdf.set_font(FAMILY, "B", 12)
    pdf.multi_cell(PAGE_W - 2 * MARGIN - STOP_QR - 5, 6, f"{stop.number}. {stop.name_vi}", align="L")
    pdf.set_x(MARGIN)
    pdf.set_font(FAMILY, "", 9)
    parts = []
    if index:
        leg = plan.legs[index - 1]
        parts.append(f"{words['leg']} {index}–{index + 1}: {format_distance(leg.metres, 'vi')}"
                     + (" (gần đúng)" if leg.approximate else ""))
        parts.append(f"lũy kế {format_distance(running, 'vi')}")
    if stop.approximate:
        parts.append("vị trí gần đúng: tâm xã")
    if stop.site is not None:
        parts.append(display_url(short_url(config, stop.site.id)))
    pdf.multi_cell(PAGE_W - 2 * MARGIN - STOP_QR - 5, 4.6, " · ".join(parts), align="L")


def itinerary_pdf(config: ProjectConfig, plan: "TourPlan") -> bytes:
    """The itinerary as PDF bytes (A4 portrait, as many pages as the stops need)."""
    pdf = new_pdf(PAGE_W, PAGE_H, f"{plan.tour.name.vi} ({plan.tour.id})")
    pdf.add_page()
    pdf.set_text_color(20, 20, 20)
    y = _header(pdf, config, plan)
    running = 0.0
    for index in range(len(plan.stops)):
        if y + ROW_H > PAGE_H - MARGIN:
            pdf.add_page()
            y = MARGIN
        running += plan.legs[index - 1].metres if index else 0.0
        _stop_row(pdf, config, plan, index, y, running)
        y += ROW_H
    return bytes(pdf.output())
