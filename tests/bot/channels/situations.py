"""The five situations every channel's conversation tests walk through, over the sample course.

Questions are typed the way SME owners type. The near miss is picked by reading the course: the
week-5 module covers rooftop solar (sizes, yield, payback, financing) but never a solar carport or
its price, so the honest reply states the gap and offers a mentor.
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

NEAR_MISS = "solar carport ราคาต่อkwp แพงกว่ารูฟท็อปมั้ย"
GAP = "ยังไม่มีข้อมูลเรื่องนี้"
"""How the reply says the material does not answer it."""
MENTOR_BUTTONS = ["ส่งให้พี่เลี้ยง", "ไม่เป็นไร"]

CONSENTED = "บันทึกความยินยอมแล้ว"
HELD_ANSWER_FOLLOWS = "คำตอบของคำถามที่คุณส่งมาก่อนหน้านี้"
NOTICE = "ข้อมูลส่วนบุคคล"
