"""The methods appendix's definitions, generated from the edition: the country codes its
findings use, the economies its sources count apart from their country, the measures it
states and the source flags and data-quality marks it shows. An entry the edition has no
use for is left out, so the glossary never defines what the briefing does not print."""

from __future__ import annotations

import re

from briefing import markup, units, words
from briefing.countries import SEPARATE_ECONOMIES
from briefing.quality import thresholds
from briefing.quality.turns import noise

CODE = re.compile(r"(?<![A-Za-z])[A-Z]{2}(?![A-Za-z])")

# Measures by the finding families that state them: (families' prefixes, term, definition).
MEASURES = [
    (("output.intl_rate_pct",), "International rate",
     "a country's works with at least one co-author abroad, as a percentage of all its works."),
    (("share.", "exposure.share_pct", "exposure.ncses_share_pct", "partners.", "exposure.ai_share_pct"),
     "Share of international works",
     "a country's works co-authored with a partner, as a percentage of its works with any co-author abroad. "
     "Shares of one country with several partners add up to more than 100%, because a work with three "
     "countries counts for each partner."),
    (("pair.affinity.",), "Affinity index",
     "the pair's co-authored works over those expected if each country's links were spread over its partners "
     "in proportion to their size: A = C(a,b) × C ÷ (C(a) × C(b)), where C(a,b) is the pair's co-authored works, "
     "C(a) and C(b) each country's links (its co-authored works summed over all its partners) and C all links of "
     "the year among the countries of the source's table. 1 is what the two countries' sizes predict; 2 is "
     "twice as many works. It is the probabilistic affinity index of Zitt, Bassecoulard and Okubo (2000), "
     "\"Shadows of the past in international cooperation\", Scientometrics 47(3), 627–657, akin to the index "
     "of international collaboration in NSF's Science and Engineering Indicators."),
    (("pair.rank.", "partnership.region_pairs_ranked"), "Rank among the region's pairs",
     "every pair of the region's countries with co-authored works, ordered by its works that year; 1st has "
     "the most."),
    (("funding.gerd_pct_gdp",), "R&D intensity",
     "gross domestic expenditure on R&D (GERD: all R&D performed in a country, by business, government, "
     "higher education and non-profits) as a percentage of GDP."),
    (("funding.gerd_const_cagr_pct", "partnership.growth_pct"), "Growth a year",
     "compound annual growth from the first to the latest year, (latest ÷ first)^(1 ÷ years) − 1, so "
     "periods of different length compare; across a break in a source's series it is also given on each "
     "side of the break."),
    (("funding.gbard_share_pct", "funding.gbard_usd_ppp_m"), "GBARD",
     "government budget allocations for R&D: what a government's budget sets aside for R&D, by objective."),
    (("scenario.",), "Exposure scenario",
     "the share of a country's works (all, international, or in a field) that would be lost if its "
     "co-authorship with one pole fell by a given fraction, other things equal: an upper bound on what "
     "depends on the pole, not a forecast."),
]

# Source flags and data-quality marks by the caveat kind that carries them: (term, definition).
MARKS = {
    "source_break": ("Break in series (flag B)",
                     "the source changed how it measures a series; figures before and after are compared on "
                     "each side of the break, never across it alone."),
    "provisional": ("Provisional (flag P)",
                    "a figure the source marks as provisional, or a year it was still indexing when its counts "
                    "were taken; such figures are marked in charts and may be revised."),
    "estimate": ("Estimated (flag E)", "a figure the source estimated rather than measured."),
    "definition_differs": ("Definition differs (flag D)",
                           "a figure the source marks as following a definition that differs from the "
                           "international standard (the OECD Frascati Manual's); it compares with other "
                           "countries' only roughly, while the series itself is consistent."),
    "level_shift": ("Level shift",
                    "a jump in a source's series that stays, more likely from its coverage than from "
                    "collaboration (the rule is under Data quality)."),
    "spike": ("One-year spike", "a jump in a source's series that the next year takes back (the rule is under "
              "Data quality)."),
}


def codes_in(finding_ids) -> list[str]:
    """The country codes the findings' ids name, sorted."""
    return sorted({code for fid in finding_ids for code in CODE.findall(fid)} - {"NA"})


def _entry(term: str, text: str) -> str:
    return f"- {markup.literal(term)}: {markup.literal(text)}"


def country_codes(codes: list[str]) -> str:
    named = [f"{code} {words.name(code)}" for code in codes if words.name(code) != code]
    return _entry("Country codes", "the text names countries in full; tables for machines, the data download "
                  "and finding ids use ISO 3166-1 alpha-2 codes: " + "; ".join(named) + ".") if named else ""


def separate(codes: list[str]) -> str:
    found = [c for c in codes if SEPARATE_ECONOMIES.get(c) in codes]
    if not found:
        return ""
    countries = words.join_and(list(dict.fromkeys(words.the(SEPARATE_ECONOMIES[c]) for c in found)))
    one = len(found) == 1
    return _entry("Economies counted apart", f"{words.join_and([words.name(c) for c in found])} "
                  f"{'is' if one else 'are'} counted apart from {countries}, as the sources record "
                  f"{'it' if one else 'them'}, so {'its' if one else 'their'} works with {countries} count as "
                  f"international and such pairs rank among a region's pairs.")


def counting() -> str:
    return _entry("Whole counting", "a work counts once for every country among its authors' addresses (full "
                  "counting; see Counting publications).")


def about_unchanged() -> str:
    return _entry("About unchanged", f"a move smaller than {units.num(noise('pct'), 1)} percentage points "
                  f"for a share, or {units.num(noise('works'), 0)}% for a count, an amount or an index, is called "
                  f"about unchanged everywhere in the briefing; a share has turned when it is more than "
                  f"{units.num(thresholds.PEAK_MIN_DROP_PP, 1)} points from its peak or low.")


def glossary(finding_ids: list[str], caveat_kinds: set[str]) -> str:
    """The definitions for an edition whose findings have these ids and caveat kinds."""
    codes = codes_in(finding_ids)
    measures = [_entry(term, text) for prefixes, term, text in MEASURES
                if any(fid.startswith(prefixes) for fid in finding_ids)]
    marks = [_entry(*MARKS[kind]) for kind in MARKS if kind in caveat_kinds]
    lines = [country_codes(codes), separate(codes), counting(), *measures, about_unchanged(), *marks]
    return "\n".join(line for line in lines if line)
