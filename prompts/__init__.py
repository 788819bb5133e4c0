"""Prompt templates as files (Thai and English), loaded and checked at start-up."""
