"""Sentences with numbers, generated from data (chapters never type numbers)."""
