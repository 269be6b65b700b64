"""Stage 5b: renderers. Both read the assembled book (`_build/<edition>/book/`)."""
