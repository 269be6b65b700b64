"""The subtitle an edition shows, composed by the tests' own code from its parameters: the one it
sets, else its focus pair between its poles, named as a sentence reads them (pycountry's names,
with the article and short names the briefing uses)."""

from __future__ import annotations

import pycountry

NAMES = {"KR": "South Korea", "US": "the United States", "GB": "the United Kingdom", "NL": "the Netherlands"}


def name(code: str) -> str:
    return NAMES.get(code) or pycountry.countries.get(alpha_2=code).name


def shown_subtitle(params: dict) -> str:
    if params.get("subtitle") is not None:
        return params["subtitle"]
    (a, b), (p, q) = params["focus_pair"], params["poles"]
    text = f"{name(a)} and {name(b)} between {name(p)} and {name(q)}"
    return text[:1].upper() + text[1:]
