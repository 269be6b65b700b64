"""Country codes: ISO 3166-1 alpha-2 everywhere (docs/architecture.md), Taiwan as TW.

Sources name countries in three ways: ISO alpha-3 (World Bank, OECD), ISO
alpha-2 (OpenAlex) and English names (NCSES). Everything is mapped to alpha-2
here, and nowhere else.
"""

from __future__ import annotations

from functools import lru_cache

import pycountry

# Codes outside ISO 3166-1 that sources use for real economies.
# OpenAlex 2024-08: Kosovo as the user-assigned XK; the withdrawn AN (Netherlands Antilles)
# still appears on older works.
EXTRA_ALPHA2 = {"XK": ("XKX", "Kosovo"), "AN": ("ANT", "Netherlands Antilles")}
# Jurisdictions of curated events that are not one country, with their display names.
GROUPS = {"G7": "G7", "INTL": "Multilateral", "EU": "European Union"}

# Economies that sources (OpenAlex, NCSES) count apart from the country they belong to, so their
# works with it count as international: code -> that country.
SEPARATE_ECONOMIES = {"HK": "CN", "MO": "CN"}

# Short names for readers; pycountry's official names are long ("Korea, Republic of").
DISPLAY_NAMES = {
    "KR": "South Korea",
    "KP": "North Korea",
    "TW": "Taiwan",
    "US": "United States",
    "GB": "United Kingdom",
    "RU": "Russia",
    "IR": "Iran",
    "VN": "Vietnam",
    "TR": "Turkey",
    "CZ": "Czechia",
    "HK": "Hong Kong",
    "MO": "Macao",
    "LA": "Laos",
    "SY": "Syria",
    "TZ": "Tanzania",
    "BO": "Bolivia",
    "VE": "Venezuela",
    "MD": "Moldova",
    "BN": "Brunei",
    "PS": "Palestine",
    "CD": "DR Congo",
    "CG": "Congo",
}

# English names used by NCSES (Science and Engineering Indicators) that pycountry
# does not resolve by name, common name or official name.
NAME_ALIASES = {
    "Burma": "MM",
    "Brunei": "BN",
    "Cabo Verde": "CV",
    "Congo, Democratic Republic of the": "CD",
    "Congo, Republic of the": "CG",
    "Bahamas, The": "BS",
    "Gambia, The": "GM",
    "Côte d’Ivoire": "CI",
    "Iran": "IR",
    "Kosovo": "XK",
    "Laos": "LA",
    "Moldova": "MD",
    "North Korea": "KP",
    "Russia": "RU",
    "South Korea": "KR",
    "Syria": "SY",
    "Taiwan": "TW",
    "Tanzania": "TZ",
    "Turkey": "TR",
    "Venezuela": "VE",
    "Vietnam": "VN",
    "Bolivia": "BO",
    "Czechia": "CZ",
    "São Tomé and Príncipe": "ST",
}


@lru_cache(maxsize=1)
def _alpha2_to_alpha3() -> dict[str, str]:
    table = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    table.update({a2: a3 for a2, (a3, _) in EXTRA_ALPHA2.items()})
    return table


@lru_cache(maxsize=1)
def _alpha3_to_alpha2() -> dict[str, str]:
    return {a3: a2 for a2, a3 in _alpha2_to_alpha3().items()}


def is_country(code: str) -> bool:
    """True when `code` is an ISO 3166-1 alpha-2 code (or one of EXTRA_ALPHA2)."""
    return code in _alpha2_to_alpha3()


def all_codes() -> list[str]:
    return sorted(_alpha2_to_alpha3())


def from_alpha3(code: str) -> str | None:
    """Alpha-2 for an alpha-3 code, or None when the code is not a country."""
    return _alpha3_to_alpha2().get(code)


def name(code: str) -> str:
    """A short English name for an alpha-2 code, for prose and chart labels."""
    if code in DISPLAY_NAMES:
        return DISPLAY_NAMES[code]
    if code in EXTRA_ALPHA2:
        return EXTRA_ALPHA2[code][1]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


def from_name(english: str) -> str | None:
    """Alpha-2 for an English country name as NCSES writes it, or None."""
    if english in NAME_ALIASES:
        return NAME_ALIASES[english]
    for attr in ("name", "common_name", "official_name"):
        hit = pycountry.countries.get(**{attr: english})
        if hit is not None:
            return hit.alpha_2
    return None
