"""A long table's filter, sort and page number (``smartcity_geo.paging`` does the work).

Only tables longer than one page get them: a small kota's kelurahan stay one table as before.
The widgets' keys start with the table's key; a page number past the end after a narrower
filter is brought back to the last page before the widget is drawn (Streamlit refuses a
value above ``max_value``).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from smartcity_geo import paging
from smartcity_geo.strings import t


def paged(frame: pd.DataFrame, key: str, lang: str, sortable: Mapping[str, str]) -> pd.DataFrame:
    """The rows of ``frame`` to show: all of them, or the chosen page of the filtered, sorted table.

    ``sortable`` maps column -> its header text (the sort choices, in the table's order).
    """
    size = paging.PAGE_ROWS
    if len(frame) <= size:
        return frame
    find_col, sort_col, order_col, page_col = st.columns([3, 3, 2, 2], vertical_alignment="bottom")
    query = find_col.text_input(
        t("table.filter", lang), key=f"{key}_find", placeholder=t("table.filter_hint", lang), max_chars=100
    )
    choices = [None, *sortable]
    column = sort_col.selectbox(
        t("table.sort", lang),
        choices,
        key=f"{key}_sort",
        format_func=lambda c: t("table.sort_code", lang) if c is None else sortable[c],
    )
    descending = order_col.toggle(t("table.descending", lang), key=f"{key}_desc", disabled=column is None)
    shown = paging.sort_rows(paging.filter_rows(frame, query), column, descending=descending)
    pages = paging.page_count(len(shown), size)
    page_key = f"{key}_page"
    if st.session_state.get(page_key, 1) > pages:
        st.session_state[page_key] = pages
    number = page_col.number_input(t("table.page", lang, pages=pages), 1, pages, step=1, key=page_key)
    page = paging.page_of(shown, number, size)
    if page.matched:
        st.caption(t("table.showing", lang, first=page.first, last=page.last, matched=page.matched, total=len(frame)))
    else:
        st.caption(t("table.no_match", lang, total=len(frame)))
    return page.rows
