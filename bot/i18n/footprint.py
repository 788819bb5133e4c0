"""What the assistant says about a user's kept carbon footprint (Thai first, English as an option).

The summary is short lines, not a table with pipes: it is read on a phone, in LINE and Telegram
bubbles that wrap long lines anywhere.
"""

from __future__ import annotations

from bot.i18n.catalogue import Catalogue, Texts

MESSAGES: Catalogue = {
    "footprint.added": {
        "th": "➕ เพิ่มในฟุตพริ้นท์ของคุณแล้ว: {names} ดูรวมทุกรายการ: /footprint หรือกดปุ่มด้านล่าง",
        "en": "➕ Added to your footprint: {names}. See everything with /footprint or the button below.",
    },
    "footprint.button": {"th": "ดูฟุตพริ้นท์", "en": "My footprint"},
    "footprint.title": {
        "th": "ฟุตพริ้นท์คาร์บอนของคุณ (ต่อปี)",
        "en": "Your carbon footprint (per year)",
    },
    "footprint.scope.1": {
        "th": "ขอบเขตที่ 1 เชื้อเพลิงและสารทำความเย็นของกิจการ: {total} tCO2e",
        "en": "Scope 1, fuels and refrigerants on site: {total} tCO2e",
    },
    "footprint.scope.2": {
        "th": "ขอบเขตที่ 2 ไฟฟ้าที่ซื้อมาใช้: {total} tCO2e",
        "en": "Scope 2, purchased electricity: {total} tCO2e",
    },
    "footprint.scope.other": {
        "th": "ขอบเขตที่ {scope}: {total} tCO2e",
        "en": "Scope {scope}: {total} tCO2e",
    },
    "footprint.item": {
        "th": "• {name} {amount} {unit} {period} → {total} tCO2e (ค่าการปล่อยปี {year})",
        "en": "• {name}: {amount} {unit} {period} → {total} tCO2e ({year} factor)",
    },
    "footprint.total": {"th": "รวม {total} tCO2e ต่อปี", "en": "Total: {total} tCO2e a year"},
    "footprint.largest": {
        "th": "แหล่งที่ปล่อยมากที่สุด: {name} ({share} ของทั้งหมด)",
        "en": "Largest source: {name} ({share} of the total)",
    },
    "footprint.hint": {
        "th": "ส่งตัวเลขใหม่ของรายการเดิมได้ ระบบจะแทนที่ตัวเลขเก่า ล้างทั้งหมด: /footprint clear",
        "en": "Send a new figure for an activity to replace the old one. To clear everything: /footprint clear",
    },
    "footprint.empty": {
        "th": "ฟุตพริ้นท์ของคุณยังว่างอยู่ครับ ลองพิมพ์การใช้พลังงานของกิจการ เช่น "
        "“ไฟ 50,000 หน่วย/เดือน ดีเซล 2,000 ลิตร/เดือน LPG 500 กก./เดือน” แล้วผมจะคำนวณและเก็บไว้ให้",
        "en": "Your footprint is empty. Type your business's energy use in Thai, for example "
        "“ไฟ 50,000 หน่วย/เดือน ดีเซล 2,000 ลิตร/เดือน LPG 500 กก./เดือน”, and I'll work it out and keep it here.",
    },
    "footprint.cleared": {
        "th": "ล้างฟุตพริ้นท์แล้วครับ ลบ {count} รายการ: {names}",
        "en": "Footprint cleared: {count} removed ({names}).",
    },
    "footprint.already_empty": {
        "th": "ฟุตพริ้นท์ของคุณว่างอยู่แล้วครับ ไม่มีรายการให้ลบ",
        "en": "Your footprint was already empty; nothing was removed.",
    },
}

text = Texts(MESSAGES)
"""This area's message ``key`` in ``language`` (Thai when that language is missing)."""
