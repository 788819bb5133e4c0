"""Messages shown to people, in Thai first and English as an option."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "ingest.summary": {
        "th": "ไฟล์: เพิ่ม {added} แก้ไข {changed} ไม่เปลี่ยน {unchanged} ลบ {removed} ข้าม {skipped} | "
        "ชิ้นข้อความ: ฝังเวกเตอร์ใหม่ {embedded} รวมในดัชนี {total} | ใช้เวลา {seconds:.1f} วินาที",
        "en": "files: {added} added, {changed} changed, {unchanged} unchanged, {removed} removed, "
        "{skipped} skipped | chunks: {embedded} embedded, {total} in index | {seconds:.1f} s",
    },
    "ingest.skipped": {"th": "ข้าม {source}: {reason}", "en": "skipped {source}: {reason}"},
    "ingest.index": {"th": "ดัชนีอยู่ที่ {path}", "en": "index: {path}"},
    "ingest.no_paths": {
        "th": "โปรดระบุไฟล์หรือโฟลเดอร์ที่จะนำเข้า หรือใช้ --sample เพื่อใช้เนื้อหาตัวอย่าง",
        "en": "give files or folders to ingest, or --sample for the bundled sample course",
    },
    "search.confidence": {"th": "ความมั่นใจ {confidence:.2f}", "en": "confidence {confidence:.2f}"},
    "search.none": {"th": "ไม่พบข้อความที่เกี่ยวข้อง", "en": "no matching passage"},
    "search.page": {"th": "หน้า {page}", "en": "page {page}"},
    "search.slide": {"th": "สไลด์ {slide}", "en": "slide {slide}"},
    "search.week": {"th": "สัปดาห์ที่ {week}", "en": "week {week}"},
    "error.index": {"th": "ใช้ดัชนีไม่ได้: {detail}", "en": "cannot use the index: {detail}"},
    "error.path": {"th": "ไม่พบไฟล์หรือโฟลเดอร์: {detail}", "en": "no such file or folder: {detail}"},
    "error.strict": {"th": "หยุดเพราะมีไฟล์ที่อ่านไม่ได้ (--strict): {detail}", "en": "stopped (--strict): {detail}"},
    "answer.lead_week": {
        "th": "จากเนื้อหาหลักสูตร สัปดาห์ที่ {week} เรื่อง “{title}”:",
        "en": "From the course material, week {week}, “{title}”:",
    },
    "answer.lead": {"th": "จากเอกสาร “{title}”:", "en": "From “{title}”:"},
    "demo.question": {"th": "คำถามตัวอย่าง: {question}", "en": "sample question: {question}"},
}


def message(key: str, language: str = "th", **values: object) -> str:
    """The message ``key`` in ``language`` (Thai when that language is missing)."""
    texts = MESSAGES[key]
    return texts.get(language, texts["th"]).format(**values)
