"""One conversation turn: consent, intents, tools, retrieval, the decision and the composed reply."""
