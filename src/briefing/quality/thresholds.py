"""Every threshold of the data-quality checks, in one place, with the reason for its value.

The checks flag what would mislead a reader if stated without comment. They err toward
flagging: a caveat the reader can discount costs little; a break stated as a trend costs
the reader's trust in every number. Change a value here and the unit tests of
`briefing.quality` say which constructed case stops (or starts) being flagged."""

from __future__ import annotations

# Breaks in a yearly count series (level shifts and one-year spikes), `quality.breaks`.
# A year-on-year change is measured in logs and, in a panel of series from one source,
# net of the median change of all the panel's series that year (what moved every
# country or pair alike, such as a source's general coverage growth, is not a break of
# one series). Robust statistics: the centre is the median of the series' net changes
# and the scale 1.4826 x their median absolute deviation (MAD), which equals the
# standard deviation for normal noise and ignores the very jumps being looked for.
BREAK_Z = 4.0
"""A net change at least this many robust standard deviations from the series' typical
change is a jump: for normal year-to-year noise that happens about once in 16,000
years, so a flagged jump is almost never noise."""

BREAK_MIN_LOG_CHANGE = 0.15
"""... and at least this large in logs (a 16% step beyond the panel's change that year),
in a year the series itself moved at least as much the same way: a smooth series has a
tiny MAD, so a small step would otherwise score a high z, and a series that merely stood
still while the others grew has no jump to show the reader."""

BREAK_MIN_SCALE = 0.02
"""Floor of the robust scale (log units, about 2% a year): no series is treated as
steadier than this, whatever its MAD."""

BREAK_MIN_CHANGES = 5
"""Fewer year-on-year changes than this and a series' own scale is not estimated: no
flag rather than a guess."""

PANEL_MIN_SERIES = 5
"""The common change of a year is the median over the panel only when it holds at least
this many series; below, changes are judged raw."""

SPIKE_RETURN = 0.5
"""A jump is a one-year spike when the years after it take back at least this fraction of
it (in logs, the level after being the median of the next `SPIKE_AFTER_YEARS` years);
otherwise the series stays at its new level: a level shift. Judged on the series' own
levels, not net of the panel: the reader sees the levels."""

SPIKE_AFTER_YEARS = 1
"""Years after a jump whose median level says whether the series stayed up. One: a longer
span mixes the series' own growth into the test (a spike in a fast-growing series would
read as a shift)."""

BREAK_CONTEXT_YEARS = 10
"""Years of history before the window used to learn a series' typical change, so a jump
early in the window is judged against the years before it."""

# Outlier years: probable source changes, `quality.outliers`. Judged on a pair's own history
# (not net of a panel): a change shared by many of one country's pairs is what is looked for.
OUTLIER_Z = 4.0
"""A pair's change in a year at least this many robust standard deviations (1.4826 x MAD,
floored at `BREAK_MIN_SCALE`) from its usual change in the years before lies far outside its
own history: about once in 16,000 years for normal noise (Japan-France in OpenAlex, 2023: +59%
against a usual +8%, z about 7). One such pair alone is not flagged: a real event moves one
pair that far (Germany-Russia, 2022); `OUTLIER_COUNTRY_PAIRS` of one country's pairs at once,
the same way, are the pattern of a source."""

OUTLIER_COUNTRY_PAIRS = 3
"""How many of one country's pairs jumping together in a year make it the country's outlier year
(two could be a shared project or a consortium paper series)."""

OUTLIER_MIN_LOG_CHANGE = 0.25
"""... and each change at least this large in logs (+28% or -22%): a smaller step in a steady
series can score a high z without being anything a reader would notice."""

OUTLIER_MIN_WORKS = 500
"""Pairs with fewer works than this in the year before are not judged: counting noise alone
moves a small pair by a fifth from one year to the next."""

OUTLIER_HISTORY_YEARS = 12
"""Years before a change whose changes make a pair's own history (at least `BREAK_MIN_CHANGES`
of them): long enough to learn its usual change, short enough to follow a source's growth."""

# Provisional latest years, `quality.provisional`.
DEFAULT_INDEXING_LAG_MONTHS = 18
"""A bibliographic database keeps indexing a year's works for months after the year ends.
A year counts as complete once this many months have passed between its end and the date
the counts were taken. Each source may set its own `indexing_lag_months` in
data/sources.yml; this is the value for a source that does not."""

# Rank changes driven by other pairs, `quality.ranks`.
RANK_MIN_DROP = 2
"""A fall of at least this many places in a pair's rank is examined for its cause."""

# Turns and peaks, `quality.turns` (also the summary and the peaks table).
PEAK_MIN_DROP_PP = 0.5
"""A share (in %) has turned when its latest value is more than this many percentage
points below its highest in the window; a smaller dip is within noise and indexing lag."""

PEAK_MIN_DROP_PCT = 3.0
"""A count (works, money) has turned when its latest value is more than this many per
cent below its highest in the window."""

WATCH_MAX_DROP_FACTOR = 1.0
"""What to watch next edition: a series whose latest value is below its high, but by no
more than this many times the turn threshold, is near a turn that one more year would
confirm or undo."""

# The executive summary, `prose.summary`.
SUMMARY_MIN_MESSAGES = 4
"""The page has at least this many messages when the edition has that many findings of
change: below it, a figure may be cited more than `SUMMARY_MAX_PER_FIGURE` times."""
SUMMARY_MAX_MESSAGES = 7
SUMMARY_MAX_PER_FIGURE = 2
"""At most this many key messages cite one figure, so the page covers the edition's question
rather than one chart of it."""
WATCH_MAX_ITEMS = 4
