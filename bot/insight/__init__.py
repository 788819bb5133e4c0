"""Insight for programme staff: the report's figures, the topics of unanswered and disliked questions, the digest."""
