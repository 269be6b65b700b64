"""`briefing fetch --live`: snapshots from the OpenAlex, World Bank and OECD APIs.

The clients write native files in the formats the source adapters already read
(OpenAlex pair CSV, WDI bulk CSV, SDMX-CSV with labels), so a live snapshot and a
mirror snapshot of the same content give identical canonical tables. Every request
goes through one `http.Client` per run: rate limit, retries with backoff, a call
budget, an on-disk cache and a query log, with the API key kept out of all of them."""
