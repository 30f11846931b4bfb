"""The Streamlit side shared by every page: cached loaders, view state, sidebar chrome.

Only ``dashboard.py``, ``ui/`` and ``pages/`` import streamlit.
"""
