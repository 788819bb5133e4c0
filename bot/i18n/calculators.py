"""What the net-zero calculators say: refusals, clarifying questions, answers, and unit names (Thai, and English)."""

from __future__ import annotations

from bot.i18n.catalogue import Catalogue, Texts

MESSAGES: Catalogue = {
    # Why a calculation cannot be done (CalculationInputError).
    "error.not_positive": {
        "th": "ตัวเลข {amount} {unit} คำนวณไม่ได้ครับ ปริมาณต้องมากกว่าศูนย์ ช่วยตรวจตัวเลขอีกครั้งนะครับ",
        "en": "{amount} {unit} cannot be calculated: the amount must be more than zero. Please check the figure.",
    },
    "error.not_a_number": {
        "th": "ตัวเลขที่ให้มาอ่านไม่ได้ครับ ช่วยพิมพ์เป็นตัวเลข เช่น 50,000 หน่วยต่อเดือน",
        "en": "I could not read that figure. Please type it as a number, e.g. 50,000 kWh per month.",
    },
    "error.absurd": {
        "th": "ตัวเลข {amount} {unit}{period} สูงเกินกว่าที่กิจการ SME จะใช้ได้จริง น่าจะพิมพ์ผิด ช่วยตรวจตัวเลขอีกครั้งนะครับ",
        "en": "{amount} {unit}{period} is more than an SME could really use, probably a typo. Please check the figure.",
    },
    "error.absurd_small": {
        "th": "ตัวเลข {amount} {unit}{period} สูงเกินกว่าที่ร้านหรือกิจการขนาดเล็กจะใช้ได้จริงมาก น่าจะพิมพ์ผิด "
        "(เช่น ล้าน แทน พัน) ช่วยตรวจตัวเลขอีกครั้งนะครับ",
        "en": "{amount} {unit}{period} is far more than a small shop or stall could really use, probably a typo "
        "(millions for thousands?). Please check the figure.",
    },
    "error.absurd_small_solar": {
        "th": "โซลาร์ {amount} kWp ใหญ่เกินกว่าจะติดบนหลังคาร้านหรือกิจการขนาดเล็กได้จริงมาก (หลังคาตึกแถวรับได้ราว 10-20 kWp) "
        "น่าจะพิมพ์ผิด ช่วยตรวจตัวเลขอีกครั้งนะครับ",
        "en": "{amount} kWp of solar is far more than a small shop's roof could hold (a shophouse roof takes about "
        "10-20 kWp), probably a typo. Please check the figure.",
    },
    "error.no_factor": {
        "th": "ยังไม่มีค่าการปล่อยก๊าซเรือนกระจกของ{name}ที่ยืนยันแหล่งได้ในข้อมูลของหลักสูตร จึงยังคำนวณให้ไม่ได้ครับ "
        "ตอนนี้คำนวณได้สำหรับ {known} ถ้าต้องการ ผมส่งคำถามนี้ให้พี่เลี้ยงได้ครับ",
        "en": "The course data has no sourced emission factor for {name} yet, so I cannot calculate it. I can "
        "calculate {known} today. If you like, I can pass this question to a mentor.",
    },
    "error.unit": {
        "th": "ค่าการปล่อยของ{name}คิดต่อ{expected} แต่ตัวเลขที่ให้มาเป็น{given} ช่วยบอกเป็น{expected}ได้ไหมครับ",
        "en": "The emission factor for {name} is per {expected}, but the figure given is in {given}. Could you give "
        "it in {expected}?",
    },
    "error.period": {
        "th": "ช่วงเวลา “{period}” ใช้ไม่ได้ครับ ใช้ได้เฉพาะต่อวัน ต่อสัปดาห์ ต่อเดือน หรือต่อปี",
        "en": "The period “{period}” cannot be used: only per day, per week, per month or per year.",
    },
    "error.no_kwp": {
        "th": "บอกขนาดระบบโซลาร์ (kWp) หรือการใช้ไฟต่อเดือน (หน่วย) อย่างใดอย่างหนึ่ง แล้วผมจะคำนวณให้ครับ",
        "en": "Tell me the solar system size (kWp) or your electricity use per month (kWh), and I will calculate it.",
    },
    "error.too_small_solar": {
        "th": "ไฟที่ใช้กลางวัน {kwh} หน่วยต่อปี น้อยเกินกว่าจะคิดขนาดโซลาร์แบบนี้ได้ (ได้ไม่ถึง 1 kWp) ครับ",
        "en": "Daytime use of {kwh} kWh a year is too little to size a solar system this way (under 1 kWp).",
    },
    "error.vehicle_day": {
        "th": "{amount} ลิตรต่อวันมากเกินกว่ารถคันหนึ่งจะใช้ได้ครับ (รถบรรทุกใหญ่ยังใช้ไม่ถึง {most} ลิตรต่อวัน) "
        "ช่วยตรวจตัวเลขอีกครั้ง หรือถ้ามีหลายคัน บอกจำนวนคันและลิตรต่อคันมาได้เลยครับ",
        "en": "{amount} litres a day is more than one vehicle can use (even a large truck uses under {most} litres a "
        "day). Please check the figure, or give the number of vehicles and the litres for each.",
    },
    "error.empty_footprint": {"th": "ยังไม่มีรายการที่คำนวณได้ครับ", "en": "There is nothing I can calculate yet."},
    # Clarifying questions (parse_calculation_request).
    "ask.days.month": {
        "th": "{what}นี้ ใช้กี่วันต่อเดือนครับ?",
        "en": "For {what}, how many days a month?",
    },
    "ask.days.year": {
        "th": "{what}นี้ ใช้กี่วันต่อปีครับ?",
        "en": "For {what}, how many days a year?",
    },
    "ask.weeks.month": {
        "th": "{what}นี้ ใช้กี่สัปดาห์ต่อเดือนครับ?",
        "en": "For {what}, how many weeks a month?",
    },
    "ask.weeks.year": {
        "th": "{what}นี้ ใช้กี่สัปดาห์ต่อปีครับ?",
        "en": "For {what}, how many weeks a year?",
    },
    # A range ("700-800 หน่วย") is no single figure: both ends are estimated, then one figure is asked for.
    "ask.range": {
        "th": "{what}เป็นช่วง {low}–{high} {unit} {period} ตัวเลขจริงประมาณเท่าไหร่ครับ? "
        "บอกตัวเลขเดียว (เช่น จากบิลล่าสุด) จะคิดให้ตรงพร้อมสูตรและที่มาของค่า",
        "en": "{what} is a range, {low}–{high} {unit} {period}. What is the actual figure? Give one number "
        "(from your latest bill, say) and I will work it out with the formula and the factor's source.",
    },
    "range.estimate": {
        "th": "คิดคร่าวๆ จากทั้งสองค่า ปล่อยประมาณ {low}–{high} {unit} {period}",
        "en": "Roughly, from both ends: about {low}–{high} {unit} {period}.",
    },
    "ask.period": {"th": "{what}นี้ต่อเดือนหรือต่อปีครับ?", "en": "Is that {what} per month or per year?"},
    "ask.amount.grid_electricity": {
        "th": "ใช้ไฟเดือนละกี่หน่วย (kWh) ครับ? ดูได้จากบิลค่าไฟ",
        "en": "How many kWh of electricity do you use per month? It is on your electricity bill.",
    },
    "ask.amount.bill": {
        "th": "ค่าไฟเดือนละกี่บาทครับ? ถ้าบอกจำนวนหน่วย (kWh) จากบิลได้ จะคำนวณได้แม่นกว่า",
        "en": "How much is your electricity bill per month, in baht? The kWh on the bill gives a more accurate result.",
    },
    "ask.amount.fuel": {"th": "ใช้{name}เดือนละกี่{unit}ครับ?", "en": "How many {unit} of {name} do you use per month?"},
    "ask.amount.solar": {
        "th": "อยากติดโซลาร์ขนาดกี่ kWp ครับ? หรือบอกการใช้ไฟต่อเดือน (หน่วย kWh) แล้วผมจะประมาณขนาดให้",
        "en": "What size of solar system (kWp) are you thinking of? Or tell me your electricity use per month (kWh) "
        "and I will estimate the size.",
    },
    "ask.amount.co2e": {
        "th": "ปล่อยก๊าซเรือนกระจกปีละกี่ตัน CO2e ครับ?",
        "en": "How many tonnes of CO2e do you emit per year?",
    },
    "ask.price": {
        "th": "คิดที่ราคาคาร์บอนตันละกี่บาทครับ? (ภาษีคาร์บอนในน้ำมันของไทยตอนนี้คิด {tax} บาทต่อตัน CO2e)",
        "en": "At what carbon price per tonne, in baht? (Thailand's carbon tax on fuel is {tax} baht per tonne CO2e "
        "today.)",
    },
    "ask.panel_watts": {
        "th": "แผง {count} แผงนี้ แผงละกี่วัตต์ครับ? (ดูที่ป้ายหลังแผง เช่น 550 วัตต์) หรือบอกขนาดระบบเป็น kWp ก็ได้",
        "en": "How many watts is each of the {count} panels? (It is on the label, e.g. 550 W.) Or give the system "
        "size in kWp.",
    },
    "ask.bill_with_water": {
        "th": "ยอด {amount} นี้รวมค่าน้ำด้วย เฉพาะค่าไฟเท่าไหร่ครับ? (หรือบอกจำนวนหน่วย kWh จากบิลค่าไฟ จะแม่นกว่า)",
        "en": "The {amount} includes water. How much of it is electricity? (Or give the kWh on the electricity "
        "bill, which is more accurate.)",
    },
    "ask.fuel_in_baht": {
        "th": "ค่า{name} {amount} คิดเป็นกี่{unit}ครับ? (หรือบอกราคา{unit}ละกี่บาท ผมจะคิดให้)",
        "en": "How many {unit} of {name} is {amount}? (Or tell me the price per {unit} and I will work it out.)",
    },
    "ask.baht_for_what": {
        "th": "{amount} นี้เป็นค่าอะไรครับ? ค่าไฟ ค่าน้ำมัน หรือค่าแก๊ส (ถ้าเป็นค่าไฟ บอกจำนวนหน่วย kWh จากบิลได้จะแม่นกว่า)",
        "en": "What is the {amount} for: electricity, fuel or gas? (For electricity, the kWh on the bill is more "
        "accurate.)",
    },
    "ask.cylinder_size": {
        "th": "แก๊สถังละกี่กิโลกรัมครับ? (ดูได้ข้างถังหรือในใบเสร็จ เช่น ถัง 15 กก. หรือ 48 กก.)",
        "en": "How many kilograms is each gas cylinder? (It is on the cylinder or the receipt, e.g. 15 kg or 48 kg.)",
    },
    "ask.unit": {"th": "{amount} นี้เป็น{options}ครับ?", "en": "Is the {amount} in {options}?"},
    "ask.which_fuel": {
        "th": "เป็นน้ำมันชนิดไหนครับ? เช่น ดีเซล เบนซิน หรือน้ำมันเตา",
        "en": "Which fuel is it? For example diesel, gasoline or fuel oil.",
    },
    "ask.which_refrigerant": {
        "th": "เป็นสารทำความเย็นชนิดไหนครับ? เช่น R-22, R-32 หรือ R-134a (ดูที่ป้ายข้างเครื่อง)",
        "en": "Which refrigerant is it? For example R-22, R-32 or R-134a (see the label on the unit).",
    },
    # Answers (calculator_render). The first line is the result; then the formula, the source, the scope.
    "emission.periodic": {
        "th": "ประมาณ {year} {unit} ต่อปี ({month} {unit} ต่อเดือน)",
        "en": "About {year} {unit} per year ({month} {unit} per month)",
    },
    "emission.once": {"th": "ประมาณ {main} ({other})", "en": "About {main} ({other})"},
    "emission.bill": {
        "th": "ค่าไฟ {thb} บาท ÷ {tariff} บาทต่อหน่วย{assumed} ≈ {kwh} หน่วย (kWh)",
        "en": "Bill of {thb} baht ÷ {tariff} baht per kWh{assumed} ≈ {kwh} kWh",
    },
    "emission.convert": {"th": "{given} = {converted}", "en": "{given} = {converted}"},
    "emission.formula": {
        "th": "คิดจาก {amount} × {factor} {factor_unit} = {kg} kgCO2e{period}",
        "en": "Worked out as {amount} × {factor} {factor_unit} = {kg} kgCO2e{period}",
    },
    "emission.factor": {
        "th": "ค่าการปล่อย: {name} ปี {year} ที่มา: {source}",
        "en": "Emission factor: {name}, {year}. Source: {source}",
    },
    "emission.day": {"th": "ต่อปีคิดจากการใช้ทุกวัน 365 วัน", "en": "The yearly figure assumes use on all 365 days."},
    "emission.week": {"th": "ต่อปีคิดจากการใช้ทุกสัปดาห์ 52 สัปดาห์", "en": "The yearly figure assumes use in all 52 weeks."},
    "emission.bill_caveat": {
        "th": "ค่าไฟต่อหน่วยเป็นค่าสมมติ ถ้าบอกจำนวนหน่วย (kWh) ในบิลจะแม่นกว่า",
        "en": "The price per kWh is an assumption; the kWh on your bill gives a more accurate result.",
    },
    "emission.verify": {
        "th": "ควรตรวจค่าการปล่อยกับรายการทางการล่าสุดของ อบก. ก่อนใช้ในรายงาน",
        "en": "Check the factor against TGO's latest official list before using it in a report.",
    },
    "assumed": {"th": " (ค่าสมมติ)", "en": " (assumed)"},
    "footprint.total": {"th": "รวมประมาณ {total} tCO2e ต่อปี", "en": "In total about {total} tCO2e per year"},
    "footprint.partial": {
        "th": "รวมเฉพาะรายการที่บอกช่วงเวลา ประมาณ {total} tCO2e ต่อปี",
        "en": "About {total} tCO2e per year, counting only the items with a period",
    },
    "footprint.once": {
        "th": "รวมประมาณ {total} tCO2e ตามปริมาณที่ให้มา",
        "en": "In total about {total} tCO2e for the amounts given",
    },
    "footprint.item": {
        "th": "• {name}: {amount}{period} × {factor} = {result}",
        "en": "• {name}: {amount}{period} × {factor} = {result}",
    },
    "footprint.largest": {"th": "แหล่งที่ปล่อยมากที่สุด: {name}{share}", "en": "Largest source: {name}{share}"},
    "footprint.no_period": {
        "th": "ไม่ได้บอกว่าต่อเดือนหรือต่อปี จึงไม่รวมในยอดต่อปี: {names}",
        "en": "Not counted in the yearly total (no per month or per year given): {names}",
    },
    "footprint.skipped": {
        "th": "ยังคิดไม่ได้ (ไม่มีค่าการปล่อยหรือหน่วยไม่ตรง): {names}",
        "en": "Not calculated yet (no emission factor or the unit does not fit): {names}",
    },
    "sources": {"th": "ที่มา: {sources}", "en": "Sources: {sources}"},
    "solar.headline": {
        "th": "โซลาร์ {kwp} kWp: ผลิตไฟราว {kwh} หน่วยต่อปี ประหยัดราว {savings} บาทต่อปี คืนทุนประมาณ {low}–{high} ปี",
        "en": "Solar {kwp} kWp: generates about {kwh} kWh a year, saves about {savings} baht a year, pays back in "
        "about {low}–{high} years",
    },
    "solar.sizing": {
        "th": "ขนาดจากการใช้ไฟ {monthly} หน่วยต่อเดือน × 12 × {share}% ที่ใช้กลางวัน{assumed} ÷ {yield_} "
        "≈ {unrounded} kWp ปัดลงเป็น {kwp} kWp",
        "en": "Size from use: {monthly} kWh per month × 12 × {share}% used in daytime{assumed} ÷ {yield_} ≈ "
        "{unrounded} kWp, rounded down to {kwp} kWp",
    },
    "solar.yield": {
        "th": "ไฟที่ผลิต: {kwp} kWp × {yield_} หน่วยต่อ kWp ต่อปี = {kwh} หน่วยต่อปี",
        "en": "Generation: {kwp} kWp × {yield_} kWh per kWp per year = {kwh} kWh per year",
    },
    "solar.savings": {
        "th": "เงินที่ประหยัด: {kwh} × {tariff} บาทต่อหน่วย{assumed} = {savings} บาทต่อปี",
        "en": "Savings: {kwh} × {tariff} baht per kWh{assumed} = {savings} baht per year",
    },
    "solar.cost": {
        "th": "งบลงทุนราว {low}–{high} บาท ({per_low}–{per_high} บาทต่อ kWp จากผู้ขาย) คืนทุน = งบลงทุน ÷ เงินที่ประหยัดต่อปี",
        "en": "Investment about {low}–{high} baht ({per_low}–{per_high} baht per kWp from vendors); payback = "
        "investment ÷ yearly savings",
    },
    "solar.carbon": {
        "th": "ลดคาร์บอนได้: {kwh} × {factor} = {tco2e} tCO2e ต่อปี ({scope}, ค่า อบก. ปี {year})",
        "en": "Carbon avoided: {kwh} × {factor} = {tco2e} tCO2e per year ({scope}, TGO factor of {year})",
    },
    "solar.roof_lead": {
        "th": "โซลาร์ {kwp} kWp ใช้พื้นที่หลังคาราว {m2} ตารางเมตร (ราว {per} ตารางเมตรต่อ kWp)",
        "en": "Solar {kwp} kWp needs about {m2} m² of roof (about {per} m² per kWp)",
    },
    "solar.roof_lead_one": {
        "th": "โซลาร์ {kwp} kWp ใช้พื้นที่หลังคาราว {m2} ตารางเมตร",
        "en": "Solar {kwp} kWp needs about {m2} m² of roof",
    },
    "solar.carbon_lead": {
        "th": "โซลาร์ {kwp} kWp ลดคาร์บอนได้ราว {tco2e} tCO2e ต่อปี",
        "en": "Solar {kwp} kWp avoids about {tco2e} tCO2e a year",
    },
    "solar.month_lead": {
        "th": "โซลาร์ {kwp} kWp ผลิตไฟราว {month} หน่วยต่อเดือน ({kwh} หน่วยต่อปี)",
        "en": "Solar {kwp} kWp generates about {month} kWh a month ({kwh} kWh a year)",
    },
    "solar.roof": {"th": "ใช้พื้นที่หลังคาราว {m2} ตร.ม.", "en": "Roof area needed about {m2} m²"},
    "solar.oversized": {
        "th": "ระบบนี้ผลิตไฟมากกว่าที่ใช้ช่วงกลางวัน ไฟส่วนเกินอาจไม่คุ้มเท่าไฟที่ใช้เอง",
        "en": "This system generates more than you use in daytime; the surplus may be worth less than power you use "
        "yourself.",
    },
    "solar.caveat": {
        "th": "ตัวเลขจากผู้ขายเป็นช่วงโดยประมาณ ยังไม่รวมค่าบำรุงรักษา ดอกเบี้ย และการเสื่อมของแผง",
        "en": "Vendor figures are rough ranges and leave out maintenance, interest and panel ageing.",
    },
    "price.periodic": {
        "th": "ประมาณ {year} บาทต่อปี ({month} บาทต่อเดือน)",
        "en": "About {year} baht per year ({month} baht per month)",
    },
    "price.once": {"th": "ประมาณ {cost} บาท", "en": "About {cost} baht"},
    "price.formula": {
        "th": "คิดจาก {tco2e} tCO2e{period} × {price} บาทต่อตัน = {cost} บาท{period}",
        "en": "Worked out as {tco2e} tCO2e{period} × {price} baht per tonne = {cost} baht{period}",
    },
    "price.tax": {
        "th": "{price} บาทต่อตันคือราคาคาร์บอนในภาษีสรรพสามิตน้ำมันของไทย ({source}) ซึ่งแฝงในราคาน้ำมันอยู่แล้ว "
        "และไม่ได้เก็บจากค่าไฟฟ้า ตัวเลขนี้จึงเป็นการประเมินความเสี่ยง",
        "en": "{price} baht per tonne is the carbon price in Thailand's excise tax on fuel ({source}); it is already "
        "in the fuel price and is not charged on electricity, so this figure is an estimate of exposure.",
    },
    "price.given": {
        "th": "คิดที่ราคาที่ระบุ {price} บาทต่อตัน (เทียบ: ราคาคาร์บอนในภาษีน้ำมันของไทย {tax} บาทต่อตัน)",
        "en": "At the price given, {price} baht per tonne (compare: the carbon price in Thailand's fuel tax is {tax} "
        "baht per tonne)",
    },
    "price.basis": {"th": "การปล่อยคิดจาก: {items}", "en": "Emissions worked out from: {items}"},
    "price.taxed": {
        "th": "ในจำนวนนี้ ส่วนจากน้ำมันและ LPG {tco2e} tCO2e (ราว {cost} บาท) จ่ายผ่านภาษีในราคาน้ำมันอยู่แล้ว "
        "ส่วนที่เหลือ เช่น ไฟฟ้า ยังไม่มีภาษีนี้",
        "en": "Of this, {tco2e} tCO2e from fuel and LPG (about {cost} baht) is already paid through the tax in the "
        "fuel price; the rest, such as electricity, carries no such tax yet.",
    },
    "co2e.headline": {"th": "{given} = {converted}", "en": "{given} = {converted}"},
    "co2e.periodic": {
        "th": "เท่ากับ {month} tCO2e ต่อเดือน หรือ {year} tCO2e ต่อปี",
        "en": "That is {month} tCO2e per month or {year} tCO2e per year",
    },
    "co2e.rule": {"th": "1 ตัน (t) = 1,000 กิโลกรัม (kg)", "en": "1 tonne (t) = 1,000 kilograms (kg)"},
    # Pieces of clarifying questions and refusals, put together in the reader's language.
    "what.bill": {"th": "ค่าไฟ", "en": "the electricity bill"},
    "what.bill_amount": {"th": "ค่าไฟ {amount}", "en": "an electricity bill of {amount}"},
    "what.use": {"th": "ใช้{name}", "en": "{name}"},
    "what.unitless": {"th": "{what} {value}", "en": "{value} for {what}"},
    "figure": {"th": "{value} {unit}", "en": "{value} {unit}"},
    "what.use_amount": {"th": "ใช้{name} {amount}", "en": "{amount} of {name}"},
    "what.emit": {"th": "ปล่อย {amount} ตัน", "en": "{amount} tonnes emitted"},
    "name.electricity": {"th": "ไฟ", "en": "electricity"},
    "name.grid": {"th": "ไฟฟ้าจากระบบสายส่ง", "en": "grid electricity"},
    "activity.coal": {"th": "ถ่านหิน", "en": "coal"},
    "activity.biomass": {"th": "ชีวมวล", "en": "biomass"},
    "activity.charcoal": {"th": "ถ่านไม้", "en": "charcoal"},
    "activity.biodiesel": {"th": "ไบโอดีเซล", "en": "biodiesel"},
    "activity.jet_fuel": {"th": "น้ำมันเครื่องบิน", "en": "jet fuel"},
    "activity.hydrogen": {"th": "ไฮโดรเจน", "en": "hydrogen"},
    "activity.kerosene": {"th": "น้ำมันก๊าด", "en": "kerosene"},
    "options.electricity": {"th": "หน่วย (kWh) หรือบาท", "en": "kWh or baht"},
    "options.other": {"th": "{unit}หรือบาท", "en": "{unit} or baht"},
    "list.or": {"th": " หรือ ", "en": " or "},
    "list.names": {"th": " ", "en": ", "},
    "list.comma": {"th": ", ", "en": ", "},
    # Names of units, periods and scopes as answers write them.
    "unit.kWh": {"th": "หน่วย (kWh)", "en": "kWh"},
    "unit.THB": {"th": "บาท", "en": "baht"},
    "unit.litre": {"th": "ลิตร", "en": "litres"},
    "unit.kg": {"th": "กก.", "en": "kg"},
    "unit.tonne": {"th": "ตัน", "en": "tonnes"},
    "unit.m3": {"th": "ลบ.ม.", "en": "m³"},
    "unit.MMBtu": {"th": "MMBtu", "en": "MMBtu"},
    "unit.MJ": {"th": "MJ", "en": "MJ"},
    "unit.scf": {"th": "ลูกบาศก์ฟุต (scf)", "en": "cubic feet (scf)"},
    "unit.kWp": {"th": "kWp", "en": "kWp"},
    "unit.kW": {"th": "kW", "en": "kW"},
    "unit.tCO2e": {"th": "tCO2e", "en": "tCO2e"},
    "unit.kgCO2e": {"th": "kgCO2e", "en": "kgCO2e"},
    "unit.cylinder": {"th": "ถัง", "en": "cylinders"},
    "unit.kWh_plain": {"th": "หน่วย", "en": "kWh"},
    # Units said in a question, not abbreviated: "คิดเป็นกี่กิโลกรัม", "ราคากิโลกรัมละกี่บาท".
    "unit.litre_plain": {"th": "ลิตร", "en": "litres"},
    "unit.kg_plain": {"th": "กิโลกรัม", "en": "kg"},
    "unit.m3_plain": {"th": "ลูกบาศก์เมตร", "en": "m³"},
    "unit.MMBtu_plain": {"th": " MMBtu ", "en": "MMBtu"},
    "unit.THB_per_kWh": {"th": "บาทต่อหน่วย", "en": "baht per kWh"},
    "unit.THB_per_tonne": {"th": "บาทต่อตัน", "en": "baht per tonne"},
    "period.month": {"th": "ต่อเดือน", "en": "per month"},
    "period.year": {"th": "ต่อปี", "en": "per year"},
    "period.day": {"th": "ต่อวัน", "en": "per day"},
    "period.week": {"th": "ต่อสัปดาห์", "en": "per week"},
    # A period right after a unit ("ลิตรต่อเดือน" is written without a space, "litres per month" with one).
    "period_after.month": {"th": "ต่อเดือน", "en": " per month"},
    "period_after.year": {"th": "ต่อปี", "en": " per year"},
    "period_after.day": {"th": "ต่อวัน", "en": " per day"},
    "period_after.week": {"th": "ต่อสัปดาห์", "en": " per week"},
    "scope.1": {
        "th": "ขอบเขตที่ 1 (Scope 1: เผาเชื้อเพลิงหรือสารรั่วจากกิจการเอง)",
        "en": "Scope 1 (fuel burnt or refrigerant leaked by the business itself)",
    },
    "scope.2": {"th": "ขอบเขตที่ 2 (Scope 2: ไฟฟ้าที่ซื้อมาใช้)", "en": "Scope 2 (purchased electricity)"},
    "scope.3": {"th": "ขอบเขตที่ 3 (Scope 3)", "en": "Scope 3"},
}

text = Texts(MESSAGES)
"""The calculators' message ``key`` in ``language`` (Thai when that language is missing)."""
