"""The five situations every channel's conversation tests walk through, over the sample course.

Questions are typed the way SME owners type. The channel tests answer from week 5 (rooftop solar)
and the glossary. The near miss is picked by reading them: the glossary defines biogas but nothing
says how much electricity cow dung yields, so the honest reply says the material has nothing on it
and offers a mentor. The partial near miss is closer: week 5 prices rooftop solar per kWp but never
a solar carport, so the reply first says what the material does not say, then the closest material.
"""

from __future__ import annotations

MISSPELLED = "คาบอนฟุตพริ้นคืออะไร"
""""Carbon footprint" misspelled twice (คาบอน, ฟุตพริ้น): answered from the glossary."""
MISSPELLED_ANSWER = "คาร์บอนฟุตพริ้นท์"
"""The term as the course spells it, which the answer leads with."""
MISSPELLED_FACT = "ก๊าซเรือนกระจก"
"""What the definition says a footprint is made of."""

THANKS = "ขอบคุณครับ ได้ความรู้มากเลย"
THANKS_REPLY = "ยินดีครับ"

OFF_TOPIC = "ราคาน้ำมันดีเซลวันนี้เท่าไหร่"
"""Today's diesel price: outside the course, though diesel has an emission factor in it."""
OFF_TOPIC_REPLY = "นอกเนื้อหาที่ผมดูแล"
OFF_TOPIC_SUGGESTION = "Scope 2 คืออะไร"
DIESEL_FACTOR = "2.7406"
"""Diesel's emission factor (kgCO2e per litre) in the course: no answer to a price question."""

NEAR_MISS = "ไบโอแก๊สจากมูลวัวได้ไฟวันละกี่หน่วย"
GAP = "ยังไม่มีข้อมูลเรื่องนี้"
"""How the reply says the material does not answer it."""
PARTIAL_NEAR_MISS = "solar carport ราคาต่อkwp แพงกว่ารูฟท็อปมั้ย"
PARTIAL_GAP = "ไม่ได้ระบุเรื่อง “carport”"
"""How a partial reply names what the material does not say, before the closest material."""
ROOFTOP_PRICE = "kWp"
"""The closest material: rooftop solar, priced and sized per kWp."""
MENTOR_BUTTONS = ["ส่งให้พี่เลี้ยง", "ไม่เป็นไร"]

CONSENTED = "บันทึกความยินยอมแล้ว"
HELD_ANSWER_FOLLOWS = "คำตอบของคำถามที่คุณส่งมาก่อนหน้านี้"
NOTICE = "ข้อมูลส่วนบุคคล"
