"""`briefing render` and `publish`: the renderers. Both read the assembled book (`_build/<edition>/book/`)."""
