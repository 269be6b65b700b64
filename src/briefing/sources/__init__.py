"""Source adapters: native formats in, canonical tables out (DESIGN.md, stage 0-1)."""
