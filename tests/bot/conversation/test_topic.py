"""Off-topic errands that no word list names are redirected; course questions in everyday words are not.

The messages here are new wordings, in none of the sets the topic model was fitted on.
"""

from __future__ import annotations

import pytest

from bot.conversation.acts import Act, detect_act
from bot.conversation.lexicon import Lexicon
from bot.conversation.topic import TopicModel
from bot.conversation.understanding import understand
from knowledge.retriever import HybridRetriever


@pytest.fixture(scope="module")
def topic(sample_retriever: HybridRetriever) -> TopicModel:
    model = TopicModel.bundled(sample_retriever.index.manifest.embedder_id)
    assert model is not None, "knowledge/topic.json was fitted on another embedder than the default"
    return model


def _act(text: str, lexicon: Lexicon, retriever: HybridRetriever, topic: TopicModel | None) -> Act | None:
    understood = understand(text, lexicon)
    return detect_act(understood, retriever.retrieve(understood.query or text), topic)


@pytest.mark.parametrize(
    "text",
    [
        "ร้านตัดผมชายแถวบางกะปิร้านไหนฝีมือดีครับ",
        "สมัครเรียนภาษาอังกฤษออนไลน์คอร์สไหนคุ้มคะ",
        "เครื่องซักผ้าฝาหน้าเสียงดังผิดปกติต้องเรียกช่างที่ไหน",
        "จะไปเที่ยวภูเก็ตช่วงปีใหม่ เรือไปเกาะพีพีรอบเช้ากี่โมงคะ",
    ],
)
def test_an_errand_no_word_list_names_is_off_topic(
    text: str, lexicon: Lexicon, sample_retriever: HybridRetriever, topic: TopicModel
) -> None:
    assert _act(text, lexicon, sample_retriever, topic) is Act.OFF_TOPIC


@pytest.mark.parametrize(
    "text",
    [
        "ร้านกาแฟเราใช้ไฟเยอะตอนบ่าย จะลดค่าไฟยังไงได้บ้างคะ",
        "เศษผักในครัวเยอะมาก ทำปุ๋ยเองช่วยลดคาบอนได้มั้ย",
        "รถส่งของเปลี่ยนเป็นรถไฟฟ้าคุ้มมั้ยครับ",
        "แบงค์จะปล่อยกู้สีเขียวต้องดูอะไรจากเราบ้าง",
        "ตึกแถวหลังคาเล็กๆ ติดแผงได้กี่กิโลวัตต์",
    ],
)
def test_course_questions_in_everyday_words_stay_questions(
    text: str, lexicon: Lexicon, sample_retriever: HybridRetriever, topic: TopicModel
) -> None:
    assert _act(text, lexicon, sample_retriever, topic) is None


def test_the_model_is_not_used_with_another_embedder(sample_retriever: HybridRetriever) -> None:
    assert TopicModel.bundled("another-embedder/768") is None
    model = TopicModel.bundled(sample_retriever.index.manifest.embedder_id)
    assert model is not None
    assert model.off_topic((0.1, 0.2, 0.3)) is None  # a vector of another length means nothing to it
    assert model.off_topic(None) is None
