"""Notices every screen shows: uploaded data in use, and a dataset's status line.

Text from the data pack or an upload goes through :func:`smartcity_geo.badges.plain`
before it reaches Markdown, so it is shown as written and never run.
"""

from __future__ import annotations

import streamlit as st

from smartcity_geo.badges import plain, status_line
from smartcity_geo.datapack import DatasetMeta
from smartcity_geo.i18n import format_as_of, localized
from smartcity_geo.strings import t

from . import loaders


def upload_notice(ctx) -> None:
    """While this session uses uploaded data: which datasets, unverified, and a way back.

    Drawn once per run by ``dashboard.py``, above the page; nothing when no upload is in use.
    """
    active = ctx.run.uploads
    if not active:
        return
    lang, pack = ctx.lang, ctx.pack
    items = ", ".join(f"{pack.meta(key).title(lang) if key in pack.metas else key} ({name})" for key, name, _ in active)
    with st.container(key="upload_notice"):
        st.warning(t("upload.notice", lang, items=plain(items)), icon=":material/upload_file:")
        st.button(
            t("upload.notice_back", lang),
            on_click=loaders.drop_uploads,
            key="upload_notice_back",
            icon=":material/undo:",
        )


def dataset_line(meta: DatasetMeta, lang: str, status: str | None = None) -> str:
    """Badge + title + source + as-of of a dataset, as one line of HTML (values escaped as text),
    in ``lang``: the source line in the user's language where the pack has it, the date in the one
    display style. ``status`` overrides the manifest's."""
    return status_line(
        status or meta.status, meta.title(lang), localized(meta, "source", lang), format_as_of(meta.as_of, lang), lang
    )


def show_status(meta: DatasetMeta, lang: str, status: str | None = None) -> None:
    """:func:`dataset_line` on the screen."""
    st.markdown(dataset_line(meta, lang, status), unsafe_allow_html=True)


def missing(pack, keys, lang: str) -> list[str]:
    """Say plainly which of the datasets ``keys`` the region has not supplied yet, and how an
    editor adds them (one notice; nothing when all are supplied). Returns the keys missing."""
    absent = [key for key in keys if key in pack.metas and not pack.supplied(key)]
    if absent:
        items = ", ".join(pack.meta(key).title(lang) for key in absent)
        st.info(f"{t('missing.intro', lang, items=plain(items))} {t('missing.how', lang)}", icon=":material/info:")
    return absent
