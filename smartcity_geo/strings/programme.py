"""Texts for the programme screens: key -> (Indonesian, English)."""

TEXT: dict[str, tuple[str, str]] = {}
