"""A change shared by all or most of the edition's countries: the shares with a pole rising for
11 of 11 is the edition's evidence in one line, and outranks any one country's move (STYLE:
"a pattern shared by most countries outranks any one country"). Each country's move is judged
against the noise threshold: a move within it is neither a rise nor a fall. A country whose move
does not hold when tested (`quality.robustness`: its sides of a break in the source move apart,
it rests on the jump at a break, or a second source moves the other way) is neither either: it
is `unclear`, counted among the countries but in no direction."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.quality import thresholds as t

MOST = 2 / 3  # a direction shared by at least this fraction of the countries is a pattern


@dataclass(frozen=True)
class Pattern:
    """The countries whose value rose, fell or stayed within the noise, in the order given."""

    up: tuple[str, ...]
    down: tuple[str, ...]
    flat: tuple[str, ...]
    unclear: tuple[str, ...] = ()  # moves that did not hold when tested: no direction is stated for them

    @property
    def total(self) -> int:
        return len(self.up) + len(self.down) + len(self.flat) + len(self.unclear)

    @property
    def direction(self) -> str | None:
        """'up' or 'down' when all or most countries moved that way; None otherwise."""
        for name, group in (("up", self.up), ("down", self.down)):
            if self.total >= 3 and len(group) >= MOST * self.total:
                return name
        return None

    @property
    def shared(self) -> tuple[str, ...]:
        return self.up if self.direction == "up" else self.down if self.direction == "down" else ()

    @property
    def exceptions(self) -> tuple[str, ...]:
        return tuple(c for c in (*self.up, *self.down, *self.flat, *self.unclear) if c not in self.shared)


def pattern(changes: dict[str, float], noise: float = t.PEAK_MIN_DROP_PP, unclear=()) -> Pattern:
    """The countries of `changes` ({country: change}) by direction, beyond `noise` either way;
    those of `unclear` (moves that did not hold when tested: `unclear_of`) in none."""
    held = {c: v for c, v in changes.items() if c not in set(unclear)}
    return Pattern(tuple(c for c, v in held.items() if v > noise), tuple(c for c, v in held.items() if v < -noise),
                   tuple(c for c, v in held.items() if abs(v) <= noise), tuple(c for c in changes if c in set(unclear)))


def unclear_of(records: dict[str, dict | None]) -> tuple[str, ...]:
    """The countries whose move, as its robustness record says ({country: record}), did not hold
    for a reason other than the noise (a move within the noise is about unchanged, not unclear)."""
    return tuple(c for c, r in records.items() if r and not r.get("holds", True) and r.get("reason") != "within the noise")
