"""One conversation turn: consent, intents, retrieval, the decision and the composed reply.

``engine`` (turn handling) hands a turn to ``frontdoor`` (limits), ``actions`` (buttons),
``intents``, ``handoff`` (mentors) or ``questions`` (retrieval, ``policy``, ``answerers``,
composed by ``replies``); ``followups`` shapes what the user typed; ``turn`` and ``options``
hold the values they share.
"""
