"""budget screen (being built)."""

import streamlit as st

from ui import chrome

ctx = chrome.context()
st.title(ctx.t("nav.budget"))
