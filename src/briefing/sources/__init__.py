"""Source adapters: native formats in, canonical tables out (docs/architecture.md)."""
