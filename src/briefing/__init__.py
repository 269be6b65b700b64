"""briefing: a reproducible generator of a yearly briefing on international
research collaboration and research security in East Asia."""

__version__ = "0.1.0"
