"""What the net-zero calculators say: refusals, clarifying questions, answers, and unit names (Thai)."""

from __future__ import annotations

from bot.i18n.catalogue import Catalogue, Texts

MESSAGES: Catalogue = {
    # Why a calculation cannot be done (CalculationInputError).
    "error.not_positive": {
        "th": "ตัวเลข {amount} {unit} คำนวณไม่ได้ครับ ปริมาณต้องมากกว่าศูนย์ ช่วยตรวจตัวเลขอีกครั้งนะครับ",
    },
    "error.not_a_number": {"th": "ตัวเลขที่ให้มาอ่านไม่ได้ครับ ช่วยพิมพ์เป็นตัวเลข เช่น 50,000 หน่วยต่อเดือน"},
    "error.absurd": {
        "th": "ตัวเลข {amount} {unit}{period} สูงเกินกว่าที่กิจการ SME จะใช้ได้จริง น่าจะพิมพ์ผิด ช่วยตรวจตัวเลขอีกครั้งนะครับ",
    },
    "error.no_factor": {
        "th": "ยังไม่มีค่าการปล่อยก๊าซเรือนกระจกของ{name}ที่ยืนยันแหล่งได้ในข้อมูลของหลักสูตร จึงยังคำนวณให้ไม่ได้ครับ "
        "ตอนนี้คำนวณได้สำหรับ {known} ถ้าต้องการ ผมส่งคำถามนี้ให้พี่เลี้ยงได้ครับ",
    },
    "error.unit": {
        "th": "ค่าการปล่อยของ{name}คิดต่อ{expected} แต่ตัวเลขที่ให้มาเป็น{given} ช่วยบอกเป็น{expected}ได้ไหมครับ",
    },
    "error.period": {"th": "ช่วงเวลา “{period}” ใช้ไม่ได้ครับ ใช้ได้เฉพาะต่อวัน ต่อเดือน หรือต่อปี"},
    "error.no_kwp": {
        "th": "บอกขนาดระบบโซลาร์ (kWp) หรือการใช้ไฟต่อเดือน (หน่วย) อย่างใดอย่างหนึ่ง แล้วผมจะคำนวณให้ครับ",
    },
    "error.too_small_solar": {
        "th": "ไฟที่ใช้กลางวัน {kwh} หน่วยต่อปี น้อยเกินกว่าจะคิดขนาดโซลาร์แบบนี้ได้ (ได้ไม่ถึง 1 kWp) ครับ",
    },
    "error.empty_footprint": {"th": "ยังไม่มีรายการที่คำนวณได้ครับ"},
    # Clarifying questions (parse_calculation_request).
    "ask.period": {"th": "{what}นี้ต่อเดือนหรือต่อปีครับ?"},
    "ask.amount.grid_electricity": {"th": "ใช้ไฟเดือนละกี่หน่วย (kWh) ครับ? ดูได้จากบิลค่าไฟ"},
    "ask.amount.bill": {"th": "ค่าไฟเดือนละกี่บาทครับ? ถ้าบอกจำนวนหน่วย (kWh) จากบิลได้ จะคำนวณได้แม่นกว่า"},
    "ask.amount.fuel": {"th": "ใช้{name}เดือนละกี่{unit}ครับ?"},
    "ask.amount.solar": {
        "th": "อยากติดโซลาร์ขนาดกี่ kWp ครับ? หรือบอกการใช้ไฟต่อเดือน (หน่วย kWh) แล้วผมจะประมาณขนาดให้",
    },
    "ask.amount.co2e": {"th": "ปล่อยก๊าซเรือนกระจกปีละกี่ตัน CO2e ครับ?"},
    "ask.price": {
        "th": "คิดที่ราคาคาร์บอนตันละกี่บาทครับ? (ภาษีคาร์บอนในน้ำมันของไทยตอนนี้คิด {tax} บาทต่อตัน CO2e)",
    },
    "ask.cylinder_size": {
        "th": "แก๊สถังละกี่กิโลกรัมครับ? (ดูได้ข้างถังหรือในใบเสร็จ เช่น ถัง 15 กก. หรือ 48 กก.)",
    },
    "ask.unit": {"th": "{amount} นี้เป็น{options}ครับ?"},
    "ask.which_fuel": {"th": "เป็นน้ำมันชนิดไหนครับ? เช่น ดีเซล เบนซิน หรือน้ำมันเตา"},
    "ask.which_refrigerant": {"th": "เป็นสารทำความเย็นชนิดไหนครับ? เช่น R-22, R-32 หรือ R-134a (ดูที่ป้ายข้างเครื่อง)"},
    # Answers (calculator_render). The first line is the result; then the formula, the source, the scope.
    "emission.periodic": {"th": "ประมาณ {year} {unit} ต่อปี ({month} {unit} ต่อเดือน)"},
    "emission.once": {"th": "ประมาณ {main} ({other})"},
    "emission.bill": {"th": "ค่าไฟ {thb} บาท ÷ {tariff} บาทต่อหน่วย{assumed} ≈ {kwh} หน่วย (kWh)"},
    "emission.convert": {"th": "{given} = {converted}"},
    "emission.formula": {"th": "คิดจาก {amount} × {factor} {factor_unit} = {kg} kgCO2e{period}"},
    "emission.factor": {"th": "ค่าการปล่อย: {name} ปี {year} ที่มา: {source}"},
    "emission.day": {"th": "ต่อปีคิดจากการใช้ทุกวัน 365 วัน"},
    "emission.bill_caveat": {"th": "ค่าไฟต่อหน่วยเป็นค่าสมมติ ถ้าบอกจำนวนหน่วย (kWh) ในบิลจะแม่นกว่า"},
    "emission.verify": {"th": "ควรตรวจค่าการปล่อยกับรายการทางการล่าสุดของ อบก. ก่อนใช้ในรายงาน"},
    "assumed": {"th": " (ค่าสมมติ)"},
    "footprint.total": {"th": "รวมประมาณ {total} tCO2e ต่อปี"},
    "footprint.partial": {"th": "รวมเฉพาะรายการที่บอกช่วงเวลา ประมาณ {total} tCO2e ต่อปี"},
    "footprint.once": {"th": "รวมประมาณ {total} tCO2e ตามปริมาณที่ให้มา"},
    "footprint.item": {"th": "• {name}: {amount}{period} × {factor} = {result}"},
    "footprint.largest": {"th": "แหล่งที่ปล่อยมากที่สุด: {name}{share}"},
    "footprint.no_period": {"th": "ไม่ได้บอกว่าต่อเดือนหรือต่อปี จึงไม่รวมในยอดต่อปี: {names}"},
    "footprint.skipped": {"th": "ยังคิดไม่ได้ (ไม่มีค่าการปล่อยหรือหน่วยไม่ตรง): {names}"},
    "sources": {"th": "ที่มา: {sources}"},
    "solar.headline": {
        "th": "โซลาร์ {kwp} kWp: ผลิตไฟราว {kwh} หน่วยต่อปี ประหยัดราว {savings} บาทต่อปี คืนทุนประมาณ {low}–{high} ปี",
    },
    "solar.sizing": {
        "th": "ขนาดจากการใช้ไฟ {monthly} หน่วยต่อเดือน × 12 × {share}% ที่ใช้กลางวัน{assumed} ÷ {yield_} "
        "≈ {unrounded} kWp ปัดลงเป็น {kwp} kWp",
    },
    "solar.yield": {"th": "ไฟที่ผลิต: {kwp} kWp × {yield_} หน่วยต่อ kWp ต่อปี = {kwh} หน่วยต่อปี"},
    "solar.savings": {"th": "เงินที่ประหยัด: {kwh} × {tariff} บาทต่อหน่วย{assumed} = {savings} บาทต่อปี"},
    "solar.cost": {
        "th": "งบลงทุนราว {low}–{high} บาท ({per_low}–{per_high} บาทต่อ kWp จากผู้ขาย) คืนทุน = งบลงทุน ÷ เงินที่ประหยัดต่อปี",
    },
    "solar.carbon": {"th": "ลดคาร์บอนได้: {kwh} × {factor} = {tco2e} tCO2e ต่อปี ({scope}, ค่า อบก. ปี {year})"},
    "solar.roof": {"th": "ใช้พื้นที่หลังคาราว {m2} ตร.ม."},
    "solar.oversized": {"th": "ระบบนี้ผลิตไฟมากกว่าที่ใช้ช่วงกลางวัน ไฟส่วนเกินอาจไม่คุ้มเท่าไฟที่ใช้เอง"},
    "solar.caveat": {"th": "ตัวเลขจากผู้ขายเป็นช่วงโดยประมาณ ยังไม่รวมค่าบำรุงรักษา ดอกเบี้ย และการเสื่อมของแผง"},
    "price.periodic": {"th": "ประมาณ {year} บาทต่อปี ({month} บาทต่อเดือน)"},
    "price.once": {"th": "ประมาณ {cost} บาท"},
    "price.formula": {"th": "คิดจาก {tco2e} tCO2e{period} × {price} บาทต่อตัน = {cost} บาท{period}"},
    "price.tax": {
        "th": "{price} บาทต่อตันคือราคาคาร์บอนในภาษีสรรพสามิตน้ำมันของไทย ({source}) ซึ่งแฝงในราคาน้ำมันอยู่แล้ว "
        "และไม่ได้เก็บจากค่าไฟฟ้า ตัวเลขนี้จึงเป็นการประเมินความเสี่ยง",
    },
    "price.given": {"th": "คิดที่ราคาที่ระบุ {price} บาทต่อตัน (เทียบ: ราคาคาร์บอนในภาษีน้ำมันของไทย {tax} บาทต่อตัน)"},
    "price.basis": {"th": "การปล่อยคิดจาก: {items}"},
    "price.taxed": {
        "th": "ในจำนวนนี้ ส่วนจากน้ำมันและ LPG {tco2e} tCO2e (ราว {cost} บาท) จ่ายผ่านภาษีในราคาน้ำมันอยู่แล้ว "
        "ส่วนที่เหลือ เช่น ไฟฟ้า ยังไม่มีภาษีนี้",
    },
    "co2e.headline": {"th": "{given} = {converted}"},
    "co2e.periodic": {"th": "เท่ากับ {month} tCO2e ต่อเดือน หรือ {year} tCO2e ต่อปี"},
    "co2e.rule": {"th": "1 ตัน (t) = 1,000 กิโลกรัม (kg)"},
    # Names of units, periods and scopes as answers write them (English for the footprint summary).
    "unit.kWh": {"th": "หน่วย (kWh)", "en": "kWh"},
    "unit.THB": {"th": "บาท", "en": "baht"},
    "unit.litre": {"th": "ลิตร", "en": "litres"},
    "unit.kg": {"th": "กก.", "en": "kg"},
    "unit.tonne": {"th": "ตัน", "en": "tonnes"},
    "unit.m3": {"th": "ลบ.ม.", "en": "m³"},
    "unit.MMBtu": {"th": "MMBtu"},
    "unit.MJ": {"th": "MJ"},
    "unit.scf": {"th": "ลูกบาศก์ฟุต (scf)", "en": "scf"},
    "unit.kWp": {"th": "kWp"},
    "unit.kW": {"th": "kW"},
    "unit.tCO2e": {"th": "tCO2e"},
    "unit.kgCO2e": {"th": "kgCO2e"},
    "unit.cylinder": {"th": "ถัง", "en": "cylinders"},
    "period.month": {"th": "ต่อเดือน", "en": "a month"},
    "period.year": {"th": "ต่อปี", "en": "a year"},
    "period.day": {"th": "ต่อวัน", "en": "a day"},
    "scope.1": {"th": "ขอบเขตที่ 1 (Scope 1: เผาเชื้อเพลิงหรือสารรั่วจากกิจการเอง)"},
    "scope.2": {"th": "ขอบเขตที่ 2 (Scope 2: ไฟฟ้าที่ซื้อมาใช้)"},
    "scope.3": {"th": "ขอบเขตที่ 3 (Scope 3)"},
}

text = Texts(MESSAGES)
"""The calculators' message ``key`` in ``language`` (Thai when that language is missing)."""
