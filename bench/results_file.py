"""bench/results.md holds one section per benchmark; each script replaces only its own."""

from __future__ import annotations

import re
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results.md"
HEADER = "# Benchmark results\n\nEach section is written by the script it names, from one run of it.\n"


def replace_section(title: str, body: str) -> None:
    """Replace (or append) the `## <title>` section of bench/results.md with `body`."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.is_file() else HEADER
    block = f"## {title}\n\n{body.strip()}\n"
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _: block + "\n", text).rstrip() + "\n"
    else:
        text = text.rstrip() + "\n\n" + block
    RESULTS.write_text(text, encoding="utf-8")
