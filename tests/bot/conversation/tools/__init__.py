"""Tests of the conversation tools."""
