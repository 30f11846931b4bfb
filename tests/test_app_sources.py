"""The data & sources screen lists every dataset with its status, and the official facts."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("lang", ["id", "en"])
def test_sources_screen_lists_every_dataset_and_fact(lang, pack):
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/sources.py").run()
    assert not at.exception
    datasets, facts = (df.value for df in at.dataframe)
    title_col = "Dataset"
    status_col = "Data status" if lang == "en" else "Status data"
    assert sorted(datasets[title_col]) == sorted(m.title(lang) for m in pack.metas.values())
    expected = {"official": "resmi", "seed": "paparan kota", "sample": "contoh"}
    if lang == "en":
        expected = {"official": "official", "seed": "city presentation", "sample": "sample"}
    by_title = dict(zip(datasets[title_col], datasets[status_col], strict=True))
    for meta in pack.metas.values():
        assert by_title[meta.title(lang)] == expected[meta.status]
    assert len(facts) == len(pack.table("facts"))
    value_col = "Value" if lang == "en" else "Nilai"
    assert ("Rp 11.0 billion" if lang == "en" else "Rp 11,0 miliar") in set(facts[value_col])
