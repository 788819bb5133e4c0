"""Times in Thai (Buddhist Era, UTC+7) and waiting times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.mentoring.console.formatting import age, excerpt, label, place_tag, tag_label, thai_datetime


def test_thai_dates_are_buddhist_era_in_thai_time() -> None:
    assert thai_datetime(datetime(2026, 11, 26, 0, 15, tzinfo=UTC)) == "26 พ.ย. 2569 07:15"
    # 20:30 UTC on New Year's Eve is already 1 January 2570 in Bangkok.
    assert thai_datetime(datetime(2026, 12, 31, 20, 30, tzinfo=UTC)) == "1 ม.ค. 2570 03:30"
    # SQLite gives naive values: they are UTC.
    assert thai_datetime(datetime(2026, 11, 26, 0, 15)) == "26 พ.ย. 2569 07:15"
    assert thai_datetime(datetime(2026, 11, 26, 0, 15, tzinfo=UTC), "en") == "2026-11-26 07:15 (UTC+7)"
    assert thai_datetime(None) == "-"


def test_ages_are_coarse_and_thai() -> None:
    now = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
    assert age(now - timedelta(seconds=20), now) == "เมื่อสักครู่"
    assert age(now - timedelta(minutes=12), now) == "12 นาที"
    assert age(now - timedelta(hours=3, minutes=5), now) == "3 ชม. 5 นาที"
    assert age(now - timedelta(days=2, hours=4, minutes=59), now) == "2 วัน 4 ชม."
    assert age(now - timedelta(minutes=12), now, "en") == "12 min"


def test_excerpts_and_labels() -> None:
    assert excerpt("สั้น  ๆ\nบรรทัด") == "สั้น ๆ บรรทัด"
    long = "ก" * 200
    assert excerpt(long, 50) == "ก" * 49 + "…"
    assert label("status", "open") == "รอพี่เลี้ยง"
    assert label("event", "something_new") == "something_new"


def test_routing_tags_read_as_places_in_the_course() -> None:
    assert tag_label("module:5") == "โมดูล 5" and tag_label("week:12") == "สัปดาห์ที่ 12"
    assert tag_label("module:5", "en") == "module 5"
    assert tag_label("โซลาร์รูฟท็อป") == "โซลาร์รูฟท็อป" and tag_label("module:x") == "module:x"
    assert place_tag("week:3") == ("week", 3) and place_tag("CBAM") is None
