"""The units of the briefing's numbers, in one registry: what each unit is (its kind), how a
value of it is shown to readers, how a change in it is told, its column-name suffix and its
wording in a codebook. Findings, facts and indicators name their unit by id (`pct`,
`works`, `usd_ppp_m`); every layer that formats, compares or describes a number asks here.

Kinds, and how a move is told:
- `share`: a percentage of a whole (22.0%); moves in percentage points;
- `points`: a difference of shares, in percentage points (+1.2 pp);
- `growth`: a change already in per cent (+13%, +2.1% a year); moves in percentage points;
- `count`, `amount`: counts and money; moves in per cent of themselves;
- `rank`: 1 = most; a larger number is a fall; moves in places;
- `places`: a difference of ranks (+2 places);
- `ratio`: a plain number (1.72); moves in per cent;
- `year`, `list`, `flag`, `text`: not moved in any unit (a year, a list of codes, yes/no).

Imports nothing of the briefing: the base every other layer may use."""

from __future__ import annotations

import math
from dataclasses import dataclass

MINUS = "\u2212"
KINDS = ("share", "points", "growth", "count", "amount", "rank", "places", "ratio", "year", "list", "flag", "text")


@dataclass(frozen=True)
class Unit:
    """`decimals` of a value shown to readers, its `prefix`/`suffix` ('$', '%'), `scale` (a shown
    value is divided by it: millions shown as billions), the column-name ending (`column`) that
    marks it in a table, and `wording`, the unit said in words (codebooks, data packages)."""

    id: str
    kind: str
    decimals: int
    wording: str
    prefix: str = ""
    suffix: str = ""
    scale: float = 1.0
    column: str = ""
    relative_turns: bool = False  # a turn (quality.turns) is judged in per cent of the value, not in points

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unit {self.id!r}: kind {self.kind!r} is not one of {KINDS}")

    @property
    def moves_in_points(self) -> bool:
        """A move in this unit is told in percentage points (a share, a growth rate), not in per
        cent of itself."""
        return self.kind in ("share", "points", "growth")

    @property
    def turns_in_points(self) -> bool:
        """A turn in this unit is measured in percentage points (`quality.turns`), else in per cent."""
        return self.moves_in_points and not self.relative_turns

    @property
    def numeric(self) -> bool:
        return self.kind not in ("year", "list", "flag", "text")


_UNITS = [
    Unit("pct", "share", 1, "per cent (share)", suffix="%", column="_pct"),
    # R&D intensity moves by hundredths of a point: its turns are judged relative to its level.
    Unit("pct_of_gdp", "share", 2, "per cent of GDP", suffix="%", column="_pct_gdp", relative_turns=True),
    Unit("pct_of_gerd", "share", 1, "per cent of GERD", suffix="%", column="_pct_gerd"),
    Unit("share_nature_index", "share", 1, "Nature Index Share (fractional count)"),
    Unit("pp", "points", 1, "percentage points", column="_pp"),
    Unit("pct_change", "growth", 0, "per cent change", suffix="%", column="_growth_pct"),
    Unit("pct_per_year", "growth", 1, "per cent a year (compound)", suffix="% a year", column="_cagr_pct"),
    Unit("works", "count", 0, "works (count)", column="works"),
    Unit("articles", "count", 0, "articles (count)", column="articles"),
    Unit("papers", "count", 0, "papers (count)"),
    Unit("count", "count", 0, "count"),
    Unit("events", "count", 0, "events (count)"),
    Unit("people", "count", 0, "people"),
    Unit("people_m", "amount", 1, "people, millions", suffix=" million"),
    Unit("months", "count", 0, "months"),
    Unit("years", "count", 0, "years"),
    Unit("projects_per_year", "count", 0, "projects a year"),
    Unit("per_million_people", "ratio", 0, "per million people"),
    Unit("per_thousand_employed", "ratio", 1, "per thousand employed"),
    Unit("usd_ppp_m", "amount", 1, "US$ million, current PPP", prefix="$", suffix=" bn", scale=1000.0,
         column="usd_ppp_m"),
    Unit("usd_ppp_m_const2015", "amount", 1, "US$ million, constant 2015 PPP", prefix="$", suffix=" bn",
         scale=1000.0, column="usd_ppp_m_const2015"),
    Unit("usd_bn", "amount", 1, "US$ billion", prefix="$", suffix=" bn"),
    Unit("usd_m", "amount", 0, "US$ million", prefix="$", suffix=" million"),
    Unit("krw_bn", "amount", 0, "KRW billion", prefix="\u20a9", suffix=" bn"),
    Unit("krw_m", "amount", 0, "KRW million", prefix="\u20a9", suffix=" million"),
    Unit("jpy_bn", "amount", 0, "JPY billion", prefix="\u00a5", suffix=" bn"),
    Unit("rank", "rank", 0, "rank (1 = most)", column="rank"),
    Unit("ranks", "places", 0, "difference in ranks (places)"),
    Unit("ratio", "ratio", 2, "ratio", column="ratio"),
    Unit("affinity", "ratio", 2, "affinity index (1 = as expected from output)", column="affinity"),
    Unit("spearman_rho", "ratio", 2, "Spearman rank correlation"),
    Unit("year", "year", 0, "calendar year", column="year"),
    Unit("country_codes", "list", 0, "ISO 3166-1 alpha-2 codes, in order"),
    Unit("yes_no", "flag", 0, "yes or no"),
]
UNITS: dict[str, Unit] = {u.id: u for u in _UNITS}


def unit(unit_id: str) -> Unit:
    """The registered unit `unit_id`; a ValueError naming the known ones otherwise."""
    try:
        return UNITS[unit_id]
    except KeyError:
        raise ValueError(f"unit {unit_id!r} is not registered in briefing.units (known: {sorted(UNITS)})") from None


def known(unit_id: str) -> bool:
    return unit_id in UNITS


def of_kind(*kinds: str) -> frozenset[str]:
    """The ids of the units of `kinds`."""
    return frozenset(u.id for u in _UNITS if u.kind in kinds)


# Numbers as readers read them.
def missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def minus(text: str) -> str:
    """A true minus sign for a hyphen-minus."""
    return text.replace("-", MINUS)


def signed(value: float, spec: str) -> str:
    """`value` formatted by `spec` ('.1f', ',.0f') with its sign and a true minus; a value that
    rounds to zero gets no sign ('0.0', never '−0.0' or '+0.0')."""
    text = format(value, "+" + spec)
    return minus(text[1:] if float(text.replace(",", "")) == 0 else text)


def num(value: float, digits: int = 1) -> str:
    """1234.5 -> '1,234.5'; NaN -> 'n/a'."""
    if missing(value):
        return "n/a"
    return f"{value:,.{digits}f}"


def pct(value: float, digits: int = 2) -> str:
    return "n/a" if missing(value) else f"{value:.{digits}f}%"


def signed_pct(value: float, digits: int = 0) -> str:
    """+222% / −4% with a true minus sign."""
    return "n/a" if missing(value) else signed(value, f".{digits}f") + "%"


def pp(value: float, digits: int = 2) -> str:
    """Percentage points, signed, in words."""
    return "n/a" if missing(value) else signed(value, f".{digits}f") + " percentage points"


def pp_short(value: float, digits: int = 1) -> str:
    """Percentage points, signed, abbreviated: '+1.2 pp' (tables)."""
    return "n/a" if missing(value) else signed(value, f".{digits}f") + " pp"


def usd_bn(value_m: float, digits: int = 1) -> str:
    """Millions of dollars shown as billions: 172060 -> '$172.1 bn'."""
    return "n/a" if missing(value_m) else f"${value_m / 1000:,.{digits}f} bn"


def nth(n) -> str:
    """1 -> '1st', 12 -> '12th'; missing (None, NaN, pd.NA) -> 'n/a'."""
    if n is None or _is_na(n):
        return "n/a"
    n = int(n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _is_na(value) -> bool:
    try:
        return bool(value != value)  # NaN, and pd.NA (whose comparison raises)
    except TypeError:
        return True


def places(n: int) -> str:
    """'+3 places', '−1 place'."""
    return minus(f"{n:+d} place{'' if abs(n) == 1 else 's'}")


def show(value, unit_id: str, decimals: int | None = None) -> str:
    """A value of `unit_id` as a reader reads it: '22.0%', '3,667', '7th', '$172.1 bn', '+13%',
    '2.64%', '1.72', '2019'; a list joined by commas; 'n/a' when missing."""
    u = unit(unit_id)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, str):
        return value
    if missing(value) or _is_na(value):
        return "n/a"
    digits = u.decimals if decimals is None else decimals
    if u.kind == "rank":
        return nth(value)
    if u.kind == "year":
        return str(int(value))
    if u.kind == "flag":
        return "yes" if value else "no"
    if u.kind == "growth":
        return signed(value, f",.{digits}f") + u.suffix
    if u.kind == "points":
        return signed(value, f",.{digits}f") + " pp"
    if u.kind == "places":
        return places(int(value))
    shown = value / u.scale
    return minus(f"{u.prefix}{shown:,.{digits}f}{u.suffix}")


def moved(before: float, after: float, unit_id: str) -> float:
    """How far a value moved, in the unit's terms: percentage points for shares, places for
    ranks (positive: a rise in standing), per cent of itself for the rest (0 from zero)."""
    u = unit(unit_id)
    if u.moves_in_points or u.kind == "places":
        return after - before
    if u.kind == "rank":
        return before - after
    return 100 * (after / before - 1) if before else 0.0


def move_kind(before: float, after: float, unit_id: str) -> float:
    """How far a value moved, as the unit's turns and noise measure it: points for a share, per
    cent of itself for the rest (`quality.turns`)."""
    u = unit(unit_id)
    if u.moves_in_points and not u.relative_turns:
        return after - before
    return 100 * (after / before - 1) if before else 0.0


def change(before: float, after: float, unit_id: str) -> str:
    """A move told for readers: '−12.1 percentage points' for shares, '+3 places' for ranks,
    '−13%' for counts and amounts."""
    u = unit(unit_id)
    if u.moves_in_points:
        return pp(after - before, max(u.decimals, 1))
    if u.kind in ("rank", "places"):
        return places(int(moved(before, after, unit_id)))
    return signed_pct(moved(before, after, unit_id)) if before else "n/a"


def change_short(before: float, after: float, unit_id: str) -> str:
    """The same move for a table cell: '+1.2 pp', '+3 places', '−13.0%', '+1 year', '+0.05' (a
    ratio, to its decimals); 'changed' for what has no size (a list, a flag)."""
    u = unit(unit_id)
    if not u.numeric:
        if u.kind != "year":
            return "changed"
        years = int(after - before)
        return minus(f"{years:+d} year{'' if abs(years) == 1 else 's'}")
    if u.kind == "ratio":
        return signed(after - before, f",.{u.decimals}f")
    if u.moves_in_points:
        return pp_short(after - before, max(u.decimals, 1))
    if u.kind in ("rank", "places"):
        return places(int(moved(before, after, unit_id)))
    return signed_pct(moved(before, after, unit_id), 1) if before else "n/a"
