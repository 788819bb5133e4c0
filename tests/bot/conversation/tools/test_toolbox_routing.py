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
        "วันไปดูงานโรงงานมีข้าวเที่ยงเลี้ยงไหมคะ หรือต้องเตรียมไปเอง",  # a meal
        "เข้าโรงงานวันดูงาน ต้องใส่รองเท้าเซฟตี้รึเปล่า",  # what to wear
        "ส่งการบ้านผ่าน google drive ได้มั้ยคะ หรือต้องส่งทางไลน์",  # how homework is handed in
        "demo day ชนะได้รางวัลอะไรบ้างคะ",  # a contest's prizes
        "วันเดโมเดย์ ใครเป็นกรรมการ ใช้เกณฑ์อะไรตัดสินครับ",  # its judges and criteria
        "demo day ต้องพรีเซนต์กี่นาที ใช้สไลด์ได้กี่หน้า",  # how long a pitch runs
        "การบ้านมีคะแนนมั้ย ถ้าส่งไม่ครบโดนตัดสิทธิ์ใบประกาศป่าว",  # scoring and its rules
        "บ้านอยู่ไกล วันดูงานมีค่าเดินทางหรือที่พักให้ไหมครับ",  # allowances
        "คลาสออนไลน์เข้าทาง zoom ใช่มั้ย ต้องโหลดแอพก่อนรึเปล่า",  # the online room's software
        "สุดสัปดาห์นี้ว่าง จะพาครอบครัวไปทะเล อากาศดีมั้ย",  # the weekend is not a course week
    ],
)
def test_what_the_timetable_does_not_hold_is_left_to_the_course(toolbox: Toolbox, text: str) -> None:
    """A date and a venue would not answer these: the course material and a mentor do."""
    reply = toolbox.answer(text)
    assert reply is None or reply.kind != "schedule"


@pytest.mark.parametrize("text", ["แก๊สหุงต้มถัง 48 โล ตอนนี้ราคาเท่าไหร่", "ดีเซล 200 ลิตร ราคาวันนี้กี่บาท"])
def test_todays_market_price_is_not_a_calculation(toolbox: Toolbox, text: str) -> None:
    assert toolbox.answer(text) is None




@pytest.mark.parametrize(
    "text",
    [
        "ตู้เย็นร้านใช้น้ำยา R-32 ค่า gwp ของมันเท่าไหร่ครับ",  # a factor of the material, not the owner's leak
        "ภาษีคาร์บอนที่บวกในน้ำมันดีเซล ตกลิตรละกี่บาทคะ",  # a rate asked for, not a total
        "ส่งของไปยุโรปน้อยมาก ต่ำกว่ากี่ตันถึงได้ยกเว้น cbam",  # a threshold of a rule
        "ร้านผมเปลี่ยนหลอดไฟเป็น led ไฟจะลดลงขั้นต่ำเท่าไหร่",  # a share the material states
        "เครื่องปั่นไฟที่โรงงานเติมดีเซล นับเป็นสโคปไหนครับ",  # a classification, looked up
        "ตย.บท9 ร้านที่ลดไฟไปแล้ว ยังต้องชดเชยอีกกี่ตัน",  # the course's worked example
        "อยากรู้ว่าติดโซลาร์กี่ปีคืนทุน ตามที่คอร์สสอนนะครับ",  # what the course teaches, not their roof
        "ค่าไฟประเภทที่ 4 ช่วง on peak หน่วยละเท่าไร",  # "ประเภทที่ 4" names a tariff, it is not 4 baht
        "ปุ๋ยยูเรีย 1 ตัน ปล่อย n2o กี่กิโลครับ",  # a tonne of fertiliser emitting, not a CO2e conversion
        "ตัวอย่างโรงงานต้องลด 80 ตัน ถ้าลดเท่ากันทุกปี ปีละกี่ตัน",  # tonnes asked of tonnes given: no conversion
        "เตาย่างใช้แกลบ เดือนนึงปล่อยคาร์บอนเท่าไหร่",  # no factor for husks: no amount worth asking for
        "cbamเริ่มบังคับใช้จริงตอนไหนคะ ส่งน็อตไปยุโรปอยู่",  # a date is looked up, never computed
        "แบตลิเทียมเก็บไฟ10kwh ราคาประมาณเท่าไหร่ คุ้มมั้ย",  # a battery's capacity is not a month's use
        "จะเช่าซื้อแผงโซลาร์ 50 kw กับไฟแนนซ์ ดอกเบี้ยประมาณเท่าไหร่ครับ",  # a lender's terms, looked up
        "จ้างล้างแผงโซลาร์ 40kwp ครั้งละกี่บาทครับ",  # a service's price, not the system's payback
        "ซื้อปั๊มน้ำประหยัดไฟผ่อนกับธนาคาร ดอกประมาณเท่าไหร่",  # "ดอก" is chat for the rate
        "ตู้เย็นเก่าในร้านใช้ไฟเยอะ ส่งกำจัดเสียเงินเท่าไหร่",  # disposal is a service's price
    ],
)
def test_questions_about_factors_rates_rules_and_the_courses_examples_go_to_the_course(
    toolbox: Toolbox, text: str
) -> None:
    """Asking back "how many kg a month?" would not answer any of these; the course material does."""
    assert toolbox.answer(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ปล่อย 3.5 ตันคาร์บอน เท่ากับกี่กิโล", "3,500"),  # a conversion still converts
        ("18 tCO2e ต่อปี เฉลี่ยเดือนละกี่ตัน", "1.5"),  # same unit, another period: still computed
    ],
)
def test_real_conversions_are_still_computed(toolbox: Toolbox, text: str, expected: str) -> None:
    reply = toolbox.answer(text)
    assert reply is not None and reply.kind == "calculation" and expected in reply.text


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("จะติดโซล่า 30kwp บนหลังคาโกดัง ต้องใช้พื้นที่กี่ตรม.", "ใช้พื้นที่หลังคาราว 195 ตารางเมตร"),  # 30 x 6.5
        ("โซลาร์ 12 kwp ผลิตไฟได้เดือนละกี่หน่วยครับ", "ผลิตไฟราว 1,300 หน่วยต่อเดือน"),  # 12 x 1,300 / 12
        ("ติดโซล่า 50 kWp ลดคาบอนได้ปีละกี่ตันครับ", "ลดคาร์บอนได้ราว 30.88 tCO2e ต่อปี"),  # 65,000 x 0.4750
    ],
)
def test_a_solar_answer_leads_with_what_was_asked(toolbox: Toolbox, text: str, lead: str) -> None:
    """The roof area or the monthly output comes first, not after the yearly savings and payback."""
    reply = toolbox.answer(text)
    assert reply is not None and reply.kind == "calculation"
    assert lead in reply.text.splitlines()[0]


def test_the_roof_for_one_kwp_is_said_once(toolbox: Toolbox) -> None:
    """At 1 kWp the area and the rate per kWp are the same figure: "6.5 (6.5 per kWp)" reads as a glitch."""
    reply = toolbox.answer("แผง1kwpกินพื้นที่หลังคาเท่าไหร่คะ")
    assert reply is not None and reply.kind == "calculation"
    lead = reply.text.splitlines()[0]
    assert "6.5 ตารางเมตร" in lead and lead.count("6.5") == 1
