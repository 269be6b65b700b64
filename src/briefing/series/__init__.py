"""Series of editions: named regions (`data/regions.yml`), what each source holds for an
edition's countries and years, and `briefing new`, which writes the params file of a new
edition after reporting those gaps."""
