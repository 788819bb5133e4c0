"""Which messages the calculators take, and which they leave to the course answer."""

from __future__ import annotations

import pytest

from bot.app.cli import sample_folder
from bot.conversation.tools.toolbox import Toolbox


@pytest.fixture(scope="module")
def toolbox() -> Toolbox:
    return Toolbox.from_course(sample_folder())


@pytest.mark.parametrize(
    "text",
    [
        "ขออนุญาตติดโซลาร์กับการไฟฟ้า ต้องเตรียมเอกสารอะไรบ้าง",  # a procedure, not a figure to compute
        "ค่า ef ไฟฟ้า 0.4999 ใช้ข้อมูลจากปีไหนครับ",  # asks when, about the material
        "กรณีศึกษาในบทเรียน ติดโซลาร์แล้วประหยัดได้กี่บาท",  # the course's own worked case
        "ใครเป็นคนประกาศค่าการปล่อยของไฟฟ้า",
    ],
)
def test_questions_about_the_material_are_left_to_the_course(toolbox: Toolbox, text: str) -> None:
    assert toolbox.answer(text) is None


@pytest.mark.parametrize("text", ["ร้านผมอยากติดโซลาร์ คุ้มมั้ยครับ", "โรงงานเราจะติดแผงโซล่า คืนทุนกี่ปี"])
def test_an_owner_asking_if_solar_pays_off_is_asked_for_their_size_or_use(toolbox: Toolbox, text: str) -> None:
    reply = toolbox.answer(text)
    assert reply is not None and reply.kind == "calculation" and reply.values.get("clarify") is True
    assert "kWp" in reply.text


@pytest.mark.parametrize(
    "text",
    [
        "ค่า default ของ cbam สำหรับปูนซีเมนต์ต้องใช้เลขไหน",  # a default value: what the material says
        "ตอนนี้เครดิตป่าไม้ซื้อขายกันตันละเท่าไหร่คะ",  # a market price, no figure of the owner's
        "คิด scope 2 แบบ location based ยังไงครับ",  # a method
        "ไฟโซลาร์ที่เหลือใช้ ขายคืนให้การไฟฟ้าได้หน่วยละกี่บาท",  # the grid's buying price
        "ถ้าเอาแก๊สธรรมชาติมาใช้แทนดีเซล ลดคาร์บอนได้กี่ตัน",  # switching fuels, no amount given
    ],
)
def test_questions_without_the_owners_figures_are_not_calculations(toolbox: Toolbox, text: str) -> None:
    """No figure of the owner's own and a question about prices, defaults or methods: the course answers."""
    assert toolbox.answer(text) is None


@pytest.mark.parametrize("text", ["เปลี่ยนมาใช้แก๊สธรรมชาติแล้ว ปีนึงปล่อยเท่าไหร่", "โรงงานใช้ไฟเยอะมาก ปล่อยคาร์บอนเท่าไหร่"])
def test_an_owner_asking_about_their_own_use_is_still_asked_for_the_amount(toolbox: Toolbox, text: str) -> None:
    reply = toolbox.answer(text)
    assert reply is not None and reply.values.get("clarify") is True


@pytest.mark.parametrize(
    "text",
    [
        "คลาสวีค5 มีคลิปให้ดูย้อนหลังไหมคะ",  # a recording: not on the timetable
        "การบ้านสัปดาห์ที่ 2 กำหนดส่งวันไหนครับ",  # a deadline the schedule does not give
        "site visit มีที่จอดรถมั้ย",
    ],
)
def test_what_the_timetable_does_not_hold_is_left_to_the_course(toolbox: Toolbox, text: str) -> None:
    """A date and a venue would not answer these: the course material and a mentor do."""
    reply = toolbox.answer(text)
    assert reply is None or reply.kind != "schedule"


@pytest.mark.parametrize("text", ["แก๊สหุงต้มถัง 48 โล ตอนนี้ราคาเท่าไหร่", "ดีเซล 200 ลิตร ราคาวันนี้กี่บาท"])
def test_todays_market_price_is_not_a_calculation(toolbox: Toolbox, text: str) -> None:
    assert toolbox.answer(text) is None


