"""The history section of the data & sources screen: every revision of each dataset."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from smartcity_geo.store import RevisionInfo
from smartcity_geo.strings import t

from . import loaders


def history_table(revisions: list[RevisionInfo], lang: str) -> pd.DataFrame:
    """One row per revision, newest first, every value plain text."""
    rows = []
    for r in revisions:
        action = t(f"history.action.{r.action}", lang)
        if r.restored_from_number:
            action += f" ({t('history.restored_from', lang, number=r.restored_from_number)})"
        rows.append(
            {
                t("history.revision", lang): f"#{r.number}",
                t("history.when", lang): f"{r.created_at:%Y-%m-%d %H:%M}",
                t("history.author", lang): r.author,
                t("history.action", lang): action,
                t("history.file", lang): r.file_name,
                t("history.sha256", lang): r.sha256[:12],
                t("history.rows", lang): str(r.row_count),
                t("history.changes", lang): f"+{r.rows_added} ~{r.rows_changed} −{r.rows_removed}",
                t("status.label", lang): t(f"status.{r.status}", lang),
                t("common.source", lang): r.source,
                t("common.as_of", lang): r.as_of,
                t("history.reason", lang): r.reason,
            }
        )
    return pd.DataFrame(rows)


def show(run: loaders.Run, lang: str) -> None:
    """Draw the history section: pick a dataset, see its revisions (a static table of text)."""
    pack = run.pack
    st.subheader(t("history.title", lang))
    st.caption(t("history.intro", lang))
    key = st.selectbox(
        t("editor.dataset", lang),
        list(pack.metas),
        format_func=lambda k: pack.meta(k).title(lang),
        key="history_dataset",
    )
    if loaders.store_problem(run) is not None:
        st.info(t("history.unavailable", lang))
        return
    try:
        revisions = loaders.store().history(key)
    except loaders.STORE_FAULTS:
        st.error(t("history.unavailable", lang))
        return
    st.table(history_table(revisions, lang).set_index(t("history.revision", lang)))
