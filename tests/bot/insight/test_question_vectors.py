"""Two reports at once (two workers, or the dashboard beside ``nzap report``) store the same question's
vector; the second write is not an error for the staff member who opened the page."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime

import numpy as np
from sqlalchemy import select

from bot.insight.figures import AskedQuestion
from bot.insight.topics import _keep
from bot.storage import Database
from bot.storage.engagement_models import QuestionVector
from bot.storage.models import Message
from tests.insight_history import seed_history


def test_a_vector_another_process_stores_meanwhile_does_not_fail_the_report(database: Database) -> None:
    seed_history(database, datetime.now(UTC), questions=4, users=2)
    with database.session() as session:
        answer_id = session.scalars(select(Message.id).where(Message.role == "assistant").limit(1)).one()
    asked = AskedQuestion(answer_id, "ค่าไฟ TOU คืออะไร", "line", datetime.now(UTC), "not_covered")
    vector = np.ones((1, 4), dtype=np.float32)
    failures: list[BaseException] = []

    # The other process has written the vector but not yet committed when this report writes its own.
    with database.session() as other:
        other.add(QuestionVector(message_id=answer_id, embedder="e5", vector=vector[0].tobytes()))
        other.flush()

        def this_report() -> None:
            try:
                _keep(database, "e5", [[asked]], {}, vector)
            except BaseException as error:  # the test reports whatever escaped
                failures.append(error)

        writer = threading.Thread(target=this_report)
        writer.start()
        time.sleep(0.5)  # this report is now waiting on the other's row (PostgreSQL) or the write lock (SQLite)
    writer.join(timeout=30)
    assert not writer.is_alive() and failures == []
    with database.session() as session:
        stored = session.scalars(select(QuestionVector).where(QuestionVector.message_id == answer_id)).all()
    assert len(stored) == 1 and stored[0].embedder == "e5"
