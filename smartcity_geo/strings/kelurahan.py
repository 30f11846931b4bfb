"""Texts for the kelurahan screens: key -> (Indonesian, English)."""

TEXT: dict[str, tuple[str, str]] = {}
