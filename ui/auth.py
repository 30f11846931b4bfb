"""Editors' sign-in for the app: a password form, or ``st.login`` where an identity provider is set.

The signed-in editor is kept in session state as an :class:`~smartcity_geo.store.Editor`
token; :func:`current_editor` verifies it on every run (a value crafted into session state
does not verify), and the store verifies it again on every write.

Editors with passwords come from the store's ``editor`` table, ``SMARTCITY_EDITORS`` and
``[editors]`` in ``st.secrets`` (name = argon2 hash). With an identity provider configured
(``[auth]`` in ``st.secrets``), ``editors_sso = ["name@city.go.id", ...]`` lists the accounts
that may edit.
"""

from __future__ import annotations

import streamlit as st

from smartcity_geo import settings
from smartcity_geo.store import Editor, NotAuthorised, StoreError, Users
from smartcity_geo.store.preview import plain_markdown
from smartcity_geo.store.users import editor_from_identity, verify
from smartcity_geo.strings import t

from . import config, loaders

EDITOR = "_editor"  # session key of the Editor token


def users() -> Users:
    table = settings.raw("editors", env={}, secrets=config.secrets()) or {}  # the [editors] table
    secret = tuple(sorted((str(k), str(v)) for k, v in dict(table).items()))
    return loaders.users(settings.get("editors"), secret)  # cached there: one per store and editor list


def _client() -> str:
    """Where a sign-in comes from: the browser's address as the server sees it, else this session.

    NOTE: behind a reverse proxy every browser has the proxy's address, so they share one
    client count (see README, Security); the session id is used where no address is known.
    """
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    address = st.context.ip_address
    if isinstance(address, str) and address:  # (a stand-in object under AppTest)
        return f"ip:{address}"
    ctx = get_script_run_ctx()
    return f"session:{ctx.session_id}" if ctx else ""


def current_editor() -> Editor | None:
    """The signed-in editor of this session, or ``None`` (also for anything forged)."""
    token = st.session_state.get(EDITOR)
    try:
        return verify(token)
    except NotAuthorised:
        st.session_state.pop(EDITOR, None)
        return None


def sign_out() -> None:
    st.session_state.pop(EDITOR, None)


def _sign_in(lang: str) -> None:
    name = st.session_state.get("auth_name", "")
    password = st.session_state.get("auth_password", "")
    st.session_state["auth_password"] = ""  # never kept
    try:
        st.session_state[EDITOR] = users().authenticate(name, password, client=_client())
    except StoreError as err:
        st.session_state["auth_error"] = err.message(lang)


def require_editor(lang: str) -> Editor:
    """The signed-in editor; otherwise draw the sign-in and stop the page (viewers see no write control)."""
    editor = current_editor()
    if editor is None and config.raw("auth") and getattr(st.user, "is_logged_in", False):
        identity = str(st.user.get("email") or st.user.get("name") or "")
        try:
            editor = editor_from_identity(identity, set(config.raw("editors_sso") or []))
            st.session_state[EDITOR] = editor
        except NotAuthorised:
            st.error(plain_markdown(t("auth.sso_not_editor", lang, name=identity)))
    if editor is not None:
        with st.sidebar:
            st.text(t("auth.signed_in", lang, name=editor.name))
            st.button(t("auth.sign_out", lang), on_click=sign_out, key="auth_sign_out")
        return editor
    st.subheader(t("auth.title", lang))
    st.caption(t("auth.viewers", lang))
    if config.raw("auth"):
        st.button(t("auth.sso", lang), on_click=st.login, key="auth_sso")
    error = st.session_state.pop("auth_error", None)
    if error:
        st.error(plain_markdown(error))
    with st.form("auth_form", clear_on_submit=False):
        st.text_input(t("auth.name", lang), key="auth_name")
        st.text_input(t("auth.password", lang), type="password", key="auth_password")
        st.form_submit_button(t("auth.submit", lang), on_click=_sign_in, args=(lang,))
    if not users().names():
        st.info(t("auth.no_editors", lang))
    st.stop()
    raise AssertionError("unreachable")  # st.stop() raises
