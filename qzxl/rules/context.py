"""What every rule may know besides the row: option lists, dates, the plan."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from qzxl.values.options import DEFAULT_OPTIONS


@dataclass(frozen=True)
class Context:
    options: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_OPTIONS))
    exam_date: dt.date | None = None
    today: dt.date = field(default_factory=dt.date.today)
    plan: Any = None
    eligibility_overrides: Mapping[str, Mapping[str, tuple]] = field(default_factory=dict)

    @functools.cached_property
    def option_sets(self) -> dict[str, frozenset[str]]:
        return {name: frozenset(values) for name, values in self.options.items()}

    def applied_level(self, candidate: Any) -> str:
        """The level a candidate applies for: their own column, else the plan's."""
        return candidate.applied_level or (self.plan.level if self.plan is not None else "")
