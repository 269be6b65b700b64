"""Derived quantities (stage 3): pure functions of validated tables."""
