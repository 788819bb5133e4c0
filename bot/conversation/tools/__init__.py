"""Tools the conversation engine answers with (calculators, schedule)."""
