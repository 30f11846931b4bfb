"""Plotly figure builders for the screens, and the tables shown beside them, one room each.

- :mod:`.style`: palette, status hatching and markers, sizes, the title-with-status finish;
- :mod:`.indicators`: programme indicator charts;
- :mod:`.budget`: budget charts and the "did not rise" messages;
- :mod:`.tables`: the formatted tables beside the charts;
- :mod:`.comparison`: the kelurahan comparison chart.

One function per chart. Each takes the programme tables (a mapping with the keys
``elements``, ``subdimensions``, ``indicators``, ``indicator_values``, ``budget`` and,
optionally, ``kelurahan``), a language and ``presentation`` (large type for the
meeting-room screen), and returns a ``go.Figure``. Every word comes from
:mod:`smartcity_geo.strings`, every number from :mod:`smartcity_geo.formatting`, every
status rule from :mod:`smartcity_geo.rules`. The public names are importable from here.
"""

from __future__ import annotations

from .budget import (
    budget_by_element_chart,
    budget_change_chart,
    budget_flags,
    budget_planned_realised_chart,
    budget_status,
    flag_messages,
)
from .comparison import comparison_chart
from .indicators import UNIT_MAX, element_overview_chart, element_progress_chart, indicator_chart
from .style import (
    ELEMENT_COLOURS,
    FLAG_COLOUR,
    MEAN_COLOUR,
    PATTERN,
    PLANNED_COLOUR,
    REALISED_COLOUR,
    RISE_COLOUR,
    SUB_COLOURS,
    SUB_DASHES,
    TARGET_COLOUR,
    TEXT_COLOUR,
    Tables,
    kelurahan_names,
    name_map,
)
from .tables import budget_lines_table, budget_table, framework_table, indicator_table, state_counts

__all__ = [
    "ELEMENT_COLOURS",
    "FLAG_COLOUR",
    "MEAN_COLOUR",
    "PATTERN",
    "PLANNED_COLOUR",
    "REALISED_COLOUR",
    "RISE_COLOUR",
    "SUB_COLOURS",
    "SUB_DASHES",
    "TARGET_COLOUR",
    "TEXT_COLOUR",
    "UNIT_MAX",
    "Tables",
    "budget_by_element_chart",
    "budget_change_chart",
    "budget_flags",
    "budget_lines_table",
    "budget_planned_realised_chart",
    "budget_status",
    "budget_table",
    "comparison_chart",
    "element_overview_chart",
    "element_progress_chart",
    "flag_messages",
    "indicator_chart",
    "indicator_table",
    "kelurahan_names",
    "name_map",
    "framework_table",
    "state_counts",
]
