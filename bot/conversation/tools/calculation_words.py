"""The words :mod:`bot.conversation.tools.calculation_requests` looks for in a message.

All patterns run on ``fold_for_matching`` text (lower case, Arabic digits). Thai has no spaces,
so Thai words match inside running text; the lists below exist to keep look-alikes apart
(``ปั่นไฟ`` is a generator, not electricity; ``ก๊าซเรือนกระจก`` is greenhouse gas, not LPG;
``โซล่าเซลล์`` is solar, while ``น้ำมันโซล่า`` is diesel).
"""

from __future__ import annotations

import re
from typing import Final

SOLAR: Final = re.compile(
    r"โซลาร์\S*|โซล่าร์\S*|โซล่า\s?เซล\S*|โซลา\s?เซล\S*|โซล่า\s?รูฟ\S*|โซลาร์\s?รูฟ\S*|โซล่าฟาร์ม|solar|\bpv\b|"
    r"รูฟท็อป|รูฟท้อป|rooftop|แผงโซ\S*|แผงพลังงานแสงอาทิตย์|พลังงานแสงอาทิตย์|ติดโซล่า|ติดโซลา|ติดแผง|คืนทุนโซล่า|"
    # Panels put up, not a market stall ("แผงขายผัก"): "ลงแผง", "ติดตั้งแผง", "แผงบนหลังคา", "panels on the roof".
    r"(?:ลง|ติดตั้ง|วาง)\s?แผง|แผง\S{0,6}หลังคา|พีวี|\bpanels?\b(?! discussion)"
)
# Look-alikes of activity words, masked before aliases are matched.
NOT_ACTIVITY: Final = re.compile(
    r"เครื่องปั่นไฟ|ปั่นไฟ|กำเนิดไฟ(?:ฟ้า)?|ผลิตไฟ(?:ฟ้า)?|ไฟล์|ไฟแนนซ์|ไฟไหม้|ไฟฉาย|ไฟแช็ก|ไฟเขียว|"
    r"(?:ก๊าซ|แก๊ส|ก๊าส)\s?(?:เรือนกระจก|คาร์บอน|มีเทน)"
)
BILL: Final = re.compile(
    r"บิลค่าไฟ(?:ฟ้า)?|บิลไฟ(?:ฟ้า)?|ค่าไฟ(?:ฟ้า)?|ค่าไฟฟ่า|บิล|การไฟฟ้า(?:ส่วนภูมิภาค|นครหลวง)?|กฟภ\.?|กฟน\.?|"
    r"\bpea\b|\bmea\b|electric(?:ity)? bill|power bill|\bbill|"
    # "we pay 32k baht for power every month": power paid for is electricity ("units of power" is left
    # to the LLM answerer, which reads figures in English words).
    r"\b(?:for|on) power\b|\bpower (?:cost|use|usage|consumption)"
)
# "บิล" or "bill" alone is a bill of something: electricity only when the message says so elsewhere.
BARE_BILL: Final = re.compile(r"บิล|\bbill")
ELECTRICITY: Final = re.compile(r"ไฟ|electric|\bpower\b|\bpea\b|\bmea\b|กฟภ|กฟน")
# Water paid in the same bill as electricity: "ค่าน้ำค่าไฟรวมกัน" (ค่าน้ำมัน is fuel, not water).
# "บิลน้ำบิลไฟรวมกัน", "ค่าน้ำไฟ", "water and power bill" too.
WATER_BILL: Final = re.compile(r"(?:ค่า|บิล)\s?น้ำ(?!มัน)|ประปา|\bwater\b")
UNSUPPORTED: Final = {
    "coal": re.compile(r"ถ่านหิน(?:ลิกไนต์)?|ลิกไนต์|lignite|coal|บิทูมินัส"),
    # Sawdust briquettes, wood pellets, husks and shells: biomass, which the course gives no factor for.
    "biomass": re.compile(
        r"ชีวมวล|biomass|ไบโอแมส\S?|ไม้ฟืน|ฟืน|แกลบ|ชานอ้อย|เศษไม้|ขี้เลื่อย|ไม้สับ|ชิ้นไม้|กะลา\S{0,6}|"
        r"wood\s?pellets?|wood\s?chips?|sawdust|\bpellets?\b|rice husks?|bagasse|\bfirewood\b"
    ),
    # Pure biodiesel has no factor in the course; ordinary diesel (B7, "ดีเซล b7") stays diesel.
    "biodiesel": re.compile(r"(?:น้ำมัน\s?)?ไบโอดีเซล(?:\s?b\d+)?|bio-?diesel(?:\s?b\d+)?|(?:ดีเซล\s?)?\bb100\b"),
    "charcoal": re.compile(r"ถ่านไม้|charcoal|ถ่าน"),
    "jet_fuel": re.compile(r"น้ำมันเครื่องบิน|น้ำมันเจ็ท|jet\s?a-?1|jet fuel|avtur"),
    "hydrogen": re.compile(r"ไฮโดรเจน|hydrogen"),
    "kerosene": re.compile(r"น้ำมันก๊าด|kerosene"),
}
REFRIGERANT: Final = re.compile(r"น้ำยาแอร์|น้ำยาทำความเย็น|สารทำความเย็น|refrigerant|ฟรีออน|freon")
OIL: Final = re.compile(r"น้ำมัน")
# Words after น้ำมัน that are not a kind of oil: "ใช้น้ำมันเยอะ", "น้ำมันเดือนละ".
OIL_STOP: Final = re.compile(
    r"เยอะ|ไป|ที่|รวม|เดือน|ปี|วัน|ของ|กับ|รถ|ใน|ประมาณ|ราว|ทั้ง|เติม|ใช้|มาก|น้อย|หมด|แล้ว|ครับ|ค่ะ|คะ|นะ|ให้|อยู่|"
    r"ละ|ต่อ|เครื่อง|คัน|สาขา|สำหรับ|และ|หรือ|ปล่อย|คิด|กี่|เท่า|ราคา|ลิตร|บาท"
)
# A generator with no fuel named burns diesel: "เครื่องปั่นไฟโรงงาน เดือนละ 80 ลิตร", "genset 500 litres".
GENERATOR: Final = re.compile(r"เครื่องปั่นไฟ|ปั่นไฟ|เครื่องกำเนิดไฟ(?:ฟ้า)?|กำเนิดไฟฟ้า|generator|genset")
# A truck with no fuel named burns diesel: "รถ 6 ล้อ 3 คัน คันละ 600 ลิตร" (the 6 is masked as "_").
TRUCK: Final = re.compile(
    r"รถบรรทุก|รถ\s?_+\s?ล้อ|(?:สิบ|หก|สิบสอง|สิบแปด|ยี่สิบ)\s?ล้อ|รถพ่วง|เทรลเลอร์|กระบะ|\btrucks?\b|\blorr(?:y|ies)\b|"
    r"\bpickups?\b"
)
STATIONARY: Final = re.compile(
    r"ปั่นไฟ|กำเนิดไฟ|generator|genset|หม้อไอน้ำ|บอยเลอร์|boiler|เตา|เครื่องจักร|ปั๊ม|furnace|burner|อยู่กับที่"
)
MOBILE: Final = re.compile(r"รถ(?!เข็น)|truck|vehicle|กระบะ|มอไซค์|มอเตอร์ไซค์|ขนส่ง|\bcar\b|pickup|ยานพาหนะ")
LPG_MOBILE: Final = re.compile(r"รถยนต์|แท็กซี่|taxi|ติดแก๊ส|แก๊สรถ")

PRICE: Final = re.compile(
    r"ภาษีคาร์บอน|ภาษีคาบอน|ราคาคาร์บอน|ราคาคาบอน|ค่าคาร์บอน|ค่าคาบอน|carbon tax|carbon price|คาร์บอนเครดิต|"
    r"เครดิต|credit|ชดเชย|offset|โดนเก็บ|ถูกเก็บ|ภาษีสรรพสามิต|cbam|ซีแบม"
)
TAX: Final = re.compile(r"ภาษี|\btax")
# Paying per tonne: with one of these, "ตันละ 300" with the baht left out is a price ("ราคาตันละ 300").
PAYING: Final = re.compile(r"ราคา|จ่าย|เสียเงิน|\bcost|\bpay")
CONVERT: Final = re.compile(
    r"เท่ากับ|=|แปลง|convert|เป็นตัน|เป็นกิโล|เป็น\s?kg|เป็น\s?ton|กี่ตัน|กี่กิโล|กี่โล|กี่\s?kg|กี่\s?kilo|เฉลี่ย|"
    # "เป็นหน่วยกิโลได้เท่าไหร่", "ในหน่วยตัน", "ถ้าเป็นหน่วย kg": the unit wanted, after หน่วย.
    r"(?:เป็น|ใน)?หน่วย\s?(?:กิโล|ตัน|kg|ton)|"
    r"in tonnes|in kg|how many (?:kg|kilo|tonnes?|tons?|t\b)|to (?:kg|tonnes?)"
)
EMITS: Final = re.compile(r"ปล่อย|\bemits?\b")
# A solar owner asking what the panels save in carbon: "ลดคาร์บอนได้เท่าไหร่", "ลด co2 ได้กี่ตัน".
SOLAR_CARBON: Final = re.compile(
    r"ลด\s?(?:คาร์บอน|คาบอน|co2|ก๊าซ|การปล่อย|carbon|emission)|(?:co2|carbon)\s?(?:saved|avoided)"
)
_ASKS_TONNES: Final = re.compile(r"กี่\s?ตัน|เป็น\s?ตัน|เป็น\s?ton|หน่วย\s?ตัน|in tonnes|how many ton|to tonnes")
_ASKS_KG: Final = re.compile(
    r"กี่\s?กิโล|กี่\s?โล|กี่\s?kg|กี่\s?กก|เป็น\s?กิโล|เป็น\s?kg|หน่วย\s?(?:กิโล|kg)|in kg|how many (?:kg|kilo)|to kg"
)


def asked_mass_unit(folded: str) -> str | None:
    """The CO2e unit a question asks its answer in ("กี่ตัน": tCO2e, "กี่กิโล": kgCO2e), if exactly one."""
    tonnes, kilos = bool(_ASKS_TONNES.search(folded)), bool(_ASKS_KG.search(folded))
    if tonnes == kilos:
        return None
    return "tCO2e" if tonnes else "kgCO2e"


CALC: Final = re.compile(
    r"ปล่อย|คาร์บอน|คาบอน|co2|คำนวณ|คิด|scope|สโคป|ขอบเขต|กี่ตัน|กี่กิโล|กี่โล|เท่าไ|emission|อีมิชชั่น|footprint|"
    r"ฟุตพริ้น|ฟุตปริ้น|ก๊าซเรือนกระจก|ghg|tco2|kgco2|carbon|how many (?:kg|kilos?|tonnes?|tons?)\b"
)
# A business speaking of itself: without one, "ไฟฟ้าปล่อยคาร์บอนเท่าไหร่" asks the course, not a calculator.
PERSONAL: Final = re.compile(
    r"ผม|หนู|ฉัน|เรา|ร้าน|โรงงาน|บริษัท|กิจการ|โกดัง|ใช้|เติม|จ่าย|ซื้อ|อยาก|ควร|ติด|\bmy\b|\bour\b|\bwe\b|\bi\b|"
    # "คิดให้หน่อย", "ช่วยคำนวณ": asked to compute; "ค่าไฟแพงมาก", "เดือนละหลายหมื่น": their own bill, vaguely.
    r"คิดให้|ช่วยคิด|ช่วยคำนวณ|คำนวณให้|แพง|หลาย(?:ร้อย|พัน|หมื่น|แสน)|เป็น(?:หมื่น|แสน)|"
    # "คำนวณคาร์บอนให้หน่อย": the words of the result may stand between the verb and ให้.
    r"(?:คิด|คำนวณ|ประเมิน)\S{0,12}ให้"
)
# Asked to compute for them: "คิดคาร์บอนให้ได้ไหม", "ช่วยคำนวณหน่อยได้มั้ย", "can you calculate it for us?".
# A yes/no ending is then a polite request, not a question about the course.
COMPUTE_FOR_ME: Final = re.compile(
    r"(?:คิด|คำนวณ|ประเมิน)\S{0,12}ให้|ช่วย\s?(?:คิด|คำนวณ|ประเมิน)|"
    r"\b(?:can|could|would) you (?:please )?(?:calculate|compute|work out|estimate)"
)
# An amount of one's own given vaguely: the user has a figure in mind, so ask for it.
VAGUE_AMOUNT: Final = re.compile(r"หลาย(?:ร้อย|พัน|หมื่น|แสน|ล้าน)|เป็น(?:หมื่น|แสน|ล้าน)|หลักหมื่น|หลักแสน")
# What a solar owner wants computed: without one, "ขออนุญาตติดโซลาร์ใช้เอกสารอะไร" asks the course.
SOLAR_RESULT: Final = re.compile(
    r"คืนทุน|คุ้ม|ประหยัด|กี่ปี|ขนาด|กี่\s?kw|กี่แผง|ผลิตไฟได้|ผลิตได้|ได้ไฟ|ไฟเท่า|ได้กี่หน่วย|ลดค่าไฟ|payback|worth|save|"
    r"size|generate|produce|ไซส์|ไซซ์|"
    # "จะช่วยลด co2 ได้สักแค่ไหน", "how much co2 would we cut": the emissions the system avoids.
    r"ลด\s?(?:co2|คาร์บอน|คาบอน|การปล่อย|ก๊าซ|แก๊ส|ghg|emission)|\b(?:cut|reduce|avoid|lower)\b"
)
# The user's own case, not the course's worked example ("ตัวอย่างโรงงานขนมติดโซลาร์แล้วลดกี่%").
OWN_CASE: Final = re.compile(
    r"ผม|หนู|ฉัน|เรา|ร้าน|โรงงาน|บริษัท|กิจการ|บ้าน|โกดัง|งบ|อยากติด|จะติด|ถ้าติด|ควรติด|ติดได้|\bmy\b|\bour\b|\bwe\b|\bi\b"
)
# A count of panels is the user's own system, but not a size the calculators can use: ask for kWp.
PANELS: Final = re.compile(r"(?:\d+|_+)\s?(?:แผง|แผ่น|panels?)")  # the count itself is masked as "_"
PANEL_AFTER: Final = re.compile(r"\s?(?:แผง|แผ่น|panels?|modules?)")
# The course's own worked example or teaching, not the user's case: "ตย.บท6", "ตามที่คอร์สสอน".
COURSE_EXAMPLE: Final = re.compile(
    r"ตัวอย่าง|ตย\.|เคสใน|กรณีศึกษา|example|case study|ในคอร์ส|ตามคอร์ส|คอร์ส\S{0,4}สอน|ในบท|ตามบท|"
    r"บทที่?\s?\d|วีค\s?\d|\bwk\s?\d|ตามที่สอน"
)
# A calculation never asks when, who or where from: "ค่า ef 0.4999 อิงข้อมูลปีไหน" asks the course.
NOT_A_CALCULATION: Final = re.compile(
    r"ปีไหน|ฉบับไหน|มาจากไหน|ที่มา|อิงข้อมูล|อิงจาก|ใคร|เมื่อไ|วันไหน|ตอนไหน|ช่วงไหน|เดือนไหน|ห่างกันกี่เท่า|ต่างกันกี่|"
    # Today's market price ("แก๊สถัง 15 โล วันนี้ราคาเท่าไหร่") is asked, not computed.
    r"(?:วันนี้|ตอนนี้|ล่าสุด)\s?ราคา|ราคา\S{0,20}(?:วันนี้|ตอนนี้|ล่าสุด)|"
    # A year, a date, a status or a choice is looked up, never computed: "มาจากการศึกษาปีอะไร",
    # "ซื้อได้ตั้งแต่วันที่เท่าไหร่", "คลุมพลาสติกรึยัง", "คือเลขไหน", "นับเป็นสโคปไหน".
    r"ปีอะไร|ปีใด|ฉบับอะไร|วันที่\s?เท่าไ|ตั้งแต่(?:วัน|เมื่อ|ช่วง|ปี)|รึยัง|หรือยัง|ยังคลุม|เลขไหน|ค่าไหน|ตัวไหน|"
    r"(?:สโคป|scope|ขอบเขต)\s?(?:ที่\s?)?(?:ไหน|อะไร|เท่าไ|กี่)|"
    # A share or a ratio is never a calculator's result: "กระทบส่งออกกี่เปอร์เซ็นต์", "ใช้ได้นานกว่ากี่เท่า".
    r"กี่\s?%|กี่\s?เปอ|ร้อยละ\s?(?:เท่าไ|กี่)|กี่\s?เท่า(?!ไ)|what percent(?:age)?|how many times|"
    # The price of equipment or of a service is no result of the owner's figures: "แบตเก็บไฟ 10kwh ราคา
    # เท่าไหร่" (a battery's capacity, not a month's use), "จ้างล้างแผง 40kwp ครั้งละกี่บาท".
    r"เก็บไฟ|แบต\S{0,12}ราคา|ราคา\S{0,12}แบต|ล้างแผง|ค่าล้าง|ค่าบำรุง|ค่าซ่อม|ประกันภัย|ค่าประกัน|"
    # A lender's terms are asked, not computed: "เช่าซื้อโซลาร์ 100kw ดอกเบี้ยเท่าไหร่ ผ่อนกี่งวด" (a rate given,
    # "ดอกเบี้ย 5%", is an input and stays one).
    # "ดอกเท่าไหร่" is chat for the rate ("ดอกเบี้ย").
    r"ดอก(?:เบี้ย)?\s?(?:เท่าไ|กี่|ประมาณเท่า|ราวๆ?\s?เท่า)|กี่\s?งวด|งวดละ\s?(?:เท่าไ|กี่)|ลีสซิ่ง|leasing|เช่าซื้อ|"
    # Getting rid of worn equipment is a service's price: "แบตรถยกเสื่อม ส่งกำจัดที่ไหน เสียเท่าไหร่".
    r"กำจัด"
)
# Questions about a factor itself ("ค่าการปล่อยของไฟฟ้าคือเท่าไหร่") are for the course material.
FACTOR_QUESTION: Final = re.compile(
    r"ค่าการปล่อย|ค่า\s?ef|\bef\b|emission factor|แฟกเตอร์|ต่อหน่วย|ต่อลิตร|ต่อกิโล|คืออะไร|หมายถึง|มาจากไหน|"
    r"ที่มา|ปีไหน|ฉบับไหน|ยังใช้ได้|gwp|ตัวคูณ|ค่า\s?(?:อีมิชชั่น|อีมิสชั่น|emission)|"
    # A rate asked for, not a total: "ลิตรละกี่บาท", "ลิตรนึงกี่สตางค์", "กี่บาทต่อตัน", "ต่อ kwh แพงขึ้นเท่าไหร่".
    r"(?:ลิตร|กิโล|กก\.?|ตัน|หน่วย|kwh|ขวด|ชิ้น)\s?(?:ละ|นึง|หนึ่ง)\s?(?:กี่|เท่าไ)|"
    r"(?:กี่|เท่าไ\S{0,4})\s?(?:บาท|สตางค์)?\s?ต่อ\s?ตัน|ต่อ\s?ตัน(?:ได้|เป็น|คือ|ประมาณ)?\s?(?:กี่|เท่าไ)|"
    r"ต่อ\s?(?:kwh|kwp|ขวด|ชิ้น|ถุง|กล่อง)|"
    # A rule or threshold: "ต่ำกว่ากี่ตันถึงได้ยกเว้น", "ตั้งแต่กี่กิโลวัตต์", "ลดลงขั้นต่ำเท่าไหร่", "แค่ไหนถึงผ่าน".
    r"อัตรา\S{0,12}(?:เท่าไ|กี่)|เกณฑ์|ขั้นต่ำ|(?:ต่ำกว่า|ไม่เกิน|เกิน|ตั้งแต่|อย่างน้อย)\s?(?:กี่|เท่าไ)|ถึง(?:จะ)?\s?(?:ผ่าน|ได้รับ|ได้ยกเว้น)|ยกเว้น"
)
# A question of some kind: with no calculation word, a figure in it is context, not a request.
QUESTION: Final = re.compile(r"กี่|เท่าไ|ไหม|มั้ย|\?|อะไร|ยังไง|อย่างไร|ได้ไหม|ไหน|หรือเปล่า|ป่าว|บ้าง")
# The roof a system needs: "ใช้หลังคากี่ตารางเมตร", "กินพื้นที่เท่าไหร่", "how much roof".
ROOF_AREA: Final = re.compile(r"ตาราง\s?เมตร|ตร\.?\s?ม|พื้นที่|\bm2\b|m²|square met|roof area|how much roof")
DAYTIME: Final = re.compile(r"กลางวัน|ช่วงมีแดด|daytime")

_PERIODS: Final = {
    "year": r"ต่อปี|ปีละ|ทั้งปี|ปีนึง|ปีหนึ่ง|รายปี|ตลอดปี|ต่อ\s?1\s?ปี|หนึ่งปี|per year|a year|yearly|annual(?:ly)?|/ปี|/year|"
    r"(?:the )?(?:whole|full|entire) year",
    "month": r"ต่อเดือน|เดือนละ|รายเดือน|ทั้งเดือน|เดือนนึง|per month|a month|monthly|/เดือน|/month",
    "day": r"ต่อวัน|วันละ|per day|a day|daily",
}
_ANY_PERIOD: Final = "|".join(f"(?P<{name}>{pattern})" for name, pattern in _PERIODS.items())
_FILL: Final = (
    r"(?:\s?(?:ปล่อย|คาร์บอน|คาบอน|co2e?|ก๊าซ|ได้|จะ|เป็น|รวม|ลด|ประหยัด|เสีย|ต้อง|จ่าย|ผลิตไฟ|ผลิต|ไฟ|ค่าไฟ|เงิน|"
    r"ประมาณ|เฉลี่ย|คิดเป็น|คิด|ทั้งหมด))*"
)
# "ทั้งปีต้องทำยังไง": how to get the figure for a period asks for that period too.
_QUESTION: Final = r"\s?(?:กี่|เท่าไ|\?|ไหม|มั้ย|บ้าง|(?:ทำ|คิด|คำนวณ|ประเมิน)?\s?(?:ยังไง|อย่างไร|ไง))"
# The period the user asks the answer in: "ปีนึงปล่อยกี่ตัน", "ปล่อยต่อปีเท่าไหร่", "กี่ตันต่อปี".
ASKED_PERIOD: Final = (
    re.compile(rf"(?:{_ANY_PERIOD}){_FILL}{_QUESTION}"),
    re.compile(rf"(?:ปล่อย|ลด|ประหยัด|เสีย|จ่าย|ผลิตไฟได้|คิด)\s?(?:{_ANY_PERIOD}){_FILL}{_QUESTION}"),
    re.compile(rf"(?:กี่\S{{0,8}}?|เท่าไ\S{{0,6}}?)\s?(?:{_ANY_PERIOD})"),
    # "อยากได้ตัวเลขรายปี", "คิดเป็นต่อปี": the period of the answer wanted.
    # "ขอเป็นตัวเลขคาร์บอนรายปี", "อยากได้ตัวเลขปล่อยต่อปี": a few words of the result may stand between.
    # "อยากรู้ว่าทั้งปีร้านผมปล่อยเท่าไหร่", "ถ้าคิดทั้งปีจะปล่อย...": the year belongs to the question, not the amount.
    re.compile(
        rf"(?:อยากได้|อยากรู้|ขอ(?![งบ])|คิดเป็น|ถ้าคิด|ถ้าเป็น|ถ้านับ)(?:\s?(?:ว่า|ตัวเลข|ผล|ค่า|แบบ|เป็น|คาร์บอน|คาบอน|co2e?|การปล่อย|ปล่อย|"
        rf"ยอด|รวม|ออกมา))*\s?(?:{_ANY_PERIOD})"
    ),
    # English: "yearly emissions?", "annual co2".
    re.compile(rf"(?:{_ANY_PERIOD})\s?(?:emissions?|co2|carbon)"),
    # English: "how many tonnes per year", "how much co2 a month".
    re.compile(rf"how (?:many|much)[a-z0-9 ]{{0,30}}?\s?(?:{_ANY_PERIOD})"),
)
# A period stated without a number: "ค่าไฟแพงมากเดือนละหลายหมื่น".
STATED_PERIOD: Final = re.compile(_ANY_PERIOD)
# Words that frame every figure of a message in one period, anywhere in it: "ปีที่แล้วร้าน 3 สาขา
# ใช้ไฟรวม 96,500 kWh", "5,640 หน่วย รอบบิลเดือน มี.ค.", "ใช้หมดใน 1 เดือน", "annual power use".
FRAMING_PERIOD: Final = re.compile(
    r"(?P<month>เดือนที่แล้ว|เดือนก่อน|เดือนนี้|this month|รอบบิล|บิลเดือน|บิลประจำเดือน|(?:ใน|ภายใน)\s?(?:1|หนึ่ง)\s?เดือน|last month|"
    # A named month: "บิลไฟเดือนมีนาขึ้น 7,420 หน่วย", "ค่าไฟเดือน ม.ค. 18,000 บาท".
    r"เดือน\s?(?:มกรา|กุมภา|มีนา|เมษา|พฤษภา|มิถุนา|กรกฎา|สิงหา|กันยา|ตุลา|พฤศจิกา|ธันวา|"
    r"ม\.ค|ก\.พ|มี\.ค|เม\.ย|พ\.ค|มิ\.ย|ก\.ค|ส\.ค|ก\.ย|ต\.ค|พ\.ย|ธ\.ค)"
    # A month named in full ("ตุลาคม", "พฤศจิกายน") or "เดือนนั้น"; in English "for october", "that month".
    r"|(?:มกรา|มีนา|พฤษภา|กรกฎา|สิงหา|ตุลา|ธันวา)คม|(?:เมษา|มิถุนา|กันยา|พฤศจิกา)ยน|กุมภาพันธ์|เดือนนั้น|"
    r"\b(?:that|the same|the whole|the entire) month\b|"
    r"\b(?:for|in|of|during|over) (?:jan(?:uary)?|feb(?:ruary)?|march|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b)"
    r"|(?P<year>ปีที่แล้ว|ปีก่อน|ปี\s?ๆ\s?นึง|(?:ใน|ภายใน)\s?(?:1|หนึ่ง)\s?ปี|last year|annual(?:ly)?)"
    r"|(?P<day>(?!))"
)
# A calendar year named as the span of the figures: "in 2025", "ปี 2568", "ปี68", "ทั้งปี 2567", "พ.ศ. 2567".
# Searched in the text with the quantities left in, since a year may be read as a bare number.
CALENDAR_YEAR: Final = re.compile(
    r"(?:ปี|พ\.ศ\.?|ค\.ศ\.?)\s?(?:พ\.ศ\.?\s?|ค\.ศ\.?\s?)?(?:25[5-7]\d|20[1-4]\d|[5-7]\d)(?![\d,.])|"
    r"\b(?:in|for|during|over|throughout)\s(?:(?:the\s)?(?:year|fy)\s?)?20[1-4]\d\b|\bfy\s?20[1-4]\d\b"
)
# A year as a target, not a span: "ลดให้ได้ภายในปี 2030", "เป้าปี 2573", "by 2030".
TARGET_YEAR: Final = re.compile(r"(?:ภายใน|ก่อน|ถึง|เป้า\S{0,8}|จนถึง|\bby|\buntil|\btarget|\bwithin)\s?$")
# One tank a day or a month, with the one unwritten: "วันละถัง", "เดือนละถัง".
ONE_TANK: Final = re.compile(r"(?:(?P<day>วันละ)|(?P<month>เดือนละ)|(?P<year>ปีละ))\s?ถัง(?!ละ)")


def period_of(match: re.Match[str]) -> str | None:
    """Which period a match of :data:`ASKED_PERIOD` or :data:`STATED_PERIOD` names."""
    return next((name for name in _PERIODS if match.group(name)), None)
