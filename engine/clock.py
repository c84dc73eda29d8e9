"""Clocks. The engine never calls datetime.now() itself: a clock is passed in, so tests move time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

Clock = Callable[[], datetime]
HELSINKI = ZoneInfo("Europe/Helsinki")


def system_clock() -> datetime:
    return datetime.now(UTC)


class ManualClock:
    """A clock that stands still until moved; for tests and demo data."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = (start or system_clock()).astimezone(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta | None = None, **kwargs: float) -> datetime:
        self.now += delta or timedelta(**kwargs)
        return self.now

    def set(self, moment: datetime) -> None:
        if moment.tzinfo is None:
            raise ValueError("ManualClock.set needs an aware datetime.")
        self.now = moment.astimezone(UTC)
