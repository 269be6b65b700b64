"""Markdown the sections write and the report reads: names from data made literal, and the
marker that tells `assemble` to leave a chapter section out (with one sentence in its
place). In the base layer, so prose (which writes the marker) and report (which acts on it)
share it without importing each other."""

from __future__ import annotations

import re

MD_CHARS = r"[\\`*_{}\[\]<>#+!|~^$@]"  # what markdown reads as markup
MD_SPECIAL = re.compile(f"({MD_CHARS})")
MD_ESCAPED = re.compile(f"\\\\({MD_CHARS})")


def literal(text) -> str:
    """Text made literal for markdown (names from data and parameters put into prose or
    titles): no emphasis, links, raw HTML or citations."""
    return MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def unliteral(text: str) -> str:
    """The plain text of a title written with markdown escapes (the inverse of `literal`)."""
    return MD_ESCAPED.sub(r"\1", text)


OMITTED = "omitted"  # the class of a div that makes `assemble` leave its chapter section out


def omitted(reason: str) -> str:
    """Markdown telling the assembled chapter to leave out the section this output sits in,
    with `reason` (one sentence: what is missing and how to add it) in its place."""
    return f"::: {{.{OMITTED}}}\n{reason.strip()}\n:::"
