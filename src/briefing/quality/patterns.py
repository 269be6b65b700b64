"""A change shared by all or most of the edition's countries: the shares with a pole rising for
11 of 11 is the edition's evidence in one line, and outranks any one country's move (STYLE:
"a pattern shared by most countries outranks any one country"). Each country's move is judged
against the noise threshold: a move within it is neither a rise nor a fall."""

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

    @property
    def total(self) -> int:
        return len(self.up) + len(self.down) + len(self.flat)

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
        return tuple(c for c in (*self.up, *self.down, *self.flat) if c not in self.shared)


def pattern(changes: dict[str, float], noise: float = t.PEAK_MIN_DROP_PP) -> Pattern:
    """The countries of `changes` ({country: change}) by direction, beyond `noise` either way."""
    return Pattern(tuple(c for c, v in changes.items() if v > noise), tuple(c for c, v in changes.items() if v < -noise),
                   tuple(c for c, v in changes.items() if abs(v) <= noise))
