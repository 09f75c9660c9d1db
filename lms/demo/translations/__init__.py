"""Translations of the demo's Foundations of Anti-Racism course, its Wagtail pages and the topics, one
module per language. Keys follow the English source in courses/demo_content.py and cms/demo_content.py:
modules by position, questions in the order of `lms.demo.translations_seed.foundations_questions()`, page texts
by their English wagtail-localize segment."""
