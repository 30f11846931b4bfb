"""Editors' screen: import a file with validation and preview, confirm with a reason; restore.

Only a signed-in editor sees anything beyond the sign-in form; the store checks the
editor's token again on every write. Nothing is written until "save": a refused or
cancelled file changes nothing.
"""

from __future__ import annotations

import streamlit as st

from smartcity_geo.errors import DataPackError
from smartcity_geo.rules import DATA_STATUSES, dataset_status
from smartcity_geo.store import Declaration, StoreError
from smartcity_geo.store.preview import change_figure, change_table, plain_markdown
from smartcity_geo.strings import t
from ui import auth, chrome, clock, loaders, notices

PREVIEW = "_editor_preview"  # session key: the ImportPreview waiting for a confirm


# NOTE: the writes run in button callbacks, before the script reruns, so the click is never
# lost to a rerun of the shared chrome; the outcome is shown from session state.
def _outcome(where: str, kind: str, text: str) -> None:
    st.session_state[f"_editor_{where}"] = (kind, text)


def _show_outcome(where: str) -> None:
    kind, text = st.session_state.pop(f"_editor_{where}", (None, ""))
    if kind == "error":
        st.error(plain_markdown(text))
    elif kind == "success":
        st.success(plain_markdown(text))


def _write_failed(err: BaseException) -> str:
    """One message for a write the store could not make (its own words, first line only)."""
    detail = str(getattr(err, "orig", None) or err).strip().splitlines()
    return t("store.write_failed", lang, detail=(detail[0] if detail else type(err).__name__)[:200])


def _rows_status(table, fallback: str) -> str:
    """The status the file's rows say (their weakest), offered first: a stronger one is refused."""
    said = [s for s in table["status"].dropna().unique() if s in DATA_STATUSES] if "status" in table else []
    status = dataset_status(said[0], said) if said else fallback
    return status if status in DATA_STATUSES else DATA_STATUSES[-1]


def _confirm() -> None:
    preview = st.session_state.get(PREVIEW)
    if preview is None:
        return
    declaration = Declaration(
        status=st.session_state.get("editor_status", ""),
        reason=st.session_state.get("editor_reason", ""),
        source=st.session_state.get("editor_source", ""),
        as_of=st.session_state.get("editor_as_of", ""),
        source_url=st.session_state.get("editor_source_url", ""),
    )
    try:
        rev = loaders.store().commit_import(auth.current_editor(), preview, declaration, today=clock.today())
    except (StoreError, DataPackError) as err:
        _outcome("import", "error", err.message(lang))
    except loaders.STORE_FAULTS as err:  # a full disk, a store gone read-only: the transaction wrote nothing
        _outcome("import", "error", _write_failed(err))
    else:
        st.session_state.pop(PREVIEW, None)
        title = ctx.run.bundled_pack.meta(preview.key).title(lang)
        _outcome("import", "success", t("editor.saved", lang, number=rev.number, dataset=title))


def _restore(base: int) -> None:
    key, choice = st.session_state.get("editor_dataset"), st.session_state.get("editor_restore_pick")
    store = loaders.store()
    try:
        rev = store.restore(
            auth.current_editor(), key, choice, st.session_state.get("editor_restore_reason", ""), base_revision_id=base
        )
    except (StoreError, DataPackError) as err:
        _outcome("restore", "error", err.message(lang))
    except loaders.STORE_FAULTS as err:
        _outcome("restore", "error", _write_failed(err))
    else:
        _outcome(
            "restore", "success", t("editor.restored", lang, restored=store.revision(choice).number, number=rev.number)
        )


ctx = chrome.context()
lang, pack = ctx.lang, ctx.pack
st.title(t("editor.title", lang))
if loaders.store_problem(ctx.run) is not None:  # the warning above names the problem; nothing can be written
    st.info(t("editor.read_only", lang))
    st.stop()
editor = auth.require_editor(lang)  # stops here for anyone not signed in
store = loaders.store()
current = ctx.run.bundled_pack  # the store's latest revisions (without session uploads)

st.caption(t("editor.intro", lang))
key = st.selectbox(
    t("editor.dataset", lang),
    list(current.metas),
    format_func=lambda k: current.meta(k).title(lang),
    key="editor_dataset",
)
history = store.history(key)
if history:
    latest = history[0]
    st.text(
        t(
            "editor.current",
            lang,
            number=latest.number,
            author=latest.author,
            when=f"{latest.created_at:%Y-%m-%d %H:%M}",
            rows=latest.row_count,
        )
    )
notices.show_status(current.meta(key), lang)

upload = st.file_uploader(t("editor.file", lang), type=["csv", "xlsx", "geojson", "json"], key="editor_file")
if upload is not None and st.button(t("editor.check", lang), key="editor_check", type="primary"):
    st.session_state.pop(PREVIEW, None)
    # NOTE: pressing "cancel" (or anything else) while this runs stops the run at the next
    # progress update; the preview is only kept when it finishes, and nothing is written.
    st.button(t("editor.cancel", lang), key="editor_cancel")
    bar = st.progress(0.0)
    try:
        preview = store.preview_import(
            current,
            key,
            upload.name,
            upload.getvalue(),
            progress=lambda done, step: bar.progress(done, text=t(f"editor.step.{step}", lang)),
        )
    except DataPackError as err:
        st.error(plain_markdown(f"{t('editor.refused', lang)} {err.message(lang)}"))
    except StoreError as err:
        st.error(plain_markdown(f"{t('editor.refused', lang)} {err.message(lang)}"))
    else:
        st.session_state[PREVIEW] = preview

_show_outcome("import")
preview = st.session_state.get(PREVIEW)
if preview is not None and preview.key == key:
    summary = preview.summary
    st.subheader(
        t("editor.preview", lang, added=len(summary.added), changed=len(summary.changed), removed=len(summary.removed))
    )
    if summary.unchanged:
        st.info(t("editor.no_change", lang))
    else:
        st.dataframe(change_table(summary, lang), hide_index=True, width="stretch")
        figure = change_figure(current, summary, lang)
        if figure is not None:
            st.plotly_chart(figure, key="editor_map", config={"displayModeBar": False})
            st.caption(t("editor.map_caption", lang))
    with st.form("editor_confirm"):
        st.selectbox(
            t("editor.status", lang),
            DATA_STATUSES,
            format_func=lambda s: t(f"status.{s}", lang),
            index=DATA_STATUSES.index(_rows_status(preview.table, current.meta(key).status)),
            key="editor_status",
        )
        st.text_input(t("editor.source", lang), key="editor_source")
        st.text_input(t("editor.source_url", lang), key="editor_source_url", placeholder="https://")
        st.text_input(t("editor.as_of", lang), key="editor_as_of")
        st.text_input(t("editor.reason", lang), key="editor_reason")
        st.form_submit_button(t("editor.confirm", lang), type="primary", on_click=_confirm)

st.divider()
st.subheader(t("editor.restore_title", lang))
history = store.history(key)
earlier = history[1:]
if earlier:
    choice = st.selectbox(
        t("editor.restore_pick", lang),
        [r.id for r in earlier],
        key="editor_restore_pick",
        format_func=lambda rid: next(
            f"#{r.number} · {r.created_at:%Y-%m-%d %H:%M} · {r.author} · {r.file_name} · {r.reason}"
            for r in earlier
            if r.id == rid
        ),
    )
    st.text_input(t("editor.reason", lang), key="editor_restore_reason")
    st.button(t("editor.restore", lang), key="editor_restore", on_click=_restore, args=(history[0].id,))
_show_outcome("restore")
