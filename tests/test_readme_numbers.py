"""README "How numbers are read", line by line.

The table is read from the README itself, so a line added there is checked here: each
written form must read as the README says, with the same result in a comma- and a
semicolon-separated file (a budget amount, ``planned_idr``), and each refused form must be
refused with a message saying how to write either reading.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from smartcity_geo.datafiles import read_dataset_bytes
from smartcity_geo.errors import DataPackError
from smartcity_geo.schema import Column, NumberError, parse_cell, parse_number

BUDGET = "year,element,programme,agency,planned_idr,realised_idr,status,source"

ROOT = Path(__file__).resolve().parent.parent


def _table() -> list[tuple[list[str], list[float] | None, str]]:
    """(written forms, read-as values or None for refused, why) of each README table line."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("### How numbers are read") :]
    lines = section[section.index("| written |") :].split("\n\n", 1)[0].splitlines()[2:]
    table = []
    for line in lines:
        written, read_as, why = (cell.strip() for cell in line.strip("|").split("|"))
        forms = re.findall(r"`([^`]+)`", written)
        if "refused" in read_as:
            values = None
        else:
            numbers = [re.sub(r"[\s\u202f]", "", v).replace("\u2212", "-") for v in read_as.split(",")]
            values = [float(n) for n in numbers]
            values = values if len(values) == len(forms) else values * len(forms)
        table.append((forms, values, why))
    return table


TABLE = _table()


def _id(row) -> str:
    return row[2][:60]


def test_the_readme_table_was_found():
    assert len(TABLE) >= 6 and any(values is None for _, values, _ in TABLE)


@pytest.mark.parametrize("row", [r for r in TABLE if r[1] is not None], ids=_id)
def test_a_number_whose_writing_leaves_no_doubt_is_read(row):
    forms, values, why = row
    rupiah = "Rp" in " ".join(forms)
    for form, value in zip(forms, values, strict=True):
        assert parse_number(form, rupiah=rupiah) == pytest.approx(value), (form, why)


@pytest.mark.parametrize("row", [r for r in TABLE if r[1] is not None and "-" not in "".join(r[0])], ids=_id)
def test_the_same_number_is_read_in_comma_and_semicolon_files(row):
    forms, values, _ = row
    for form, value in zip(forms, values, strict=True):
        read = {}
        for delimiter in (",", ";"):
            out = io.StringIO()
            writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
            writer.writerow(BUDGET.split(","))
            writer.writerow(["2024", "SG", "", "Diskominfotik", form, "", "sample", "x"])
            table = read_dataset_bytes("budget", "budget.csv", out.getvalue().encode())
            read[delimiter] = float(table["planned_idr"].iloc[0])
        assert read == {",": pytest.approx(value), ";": pytest.approx(value)}


def test_rupiah_rp_in_front_is_allowed_only_in_rupiah_columns():
    assert parse_number("Rp 11.000.000", rupiah=True) == 11_000_000
    with pytest.raises(NumberError):
        parse_number("Rp 11.000.000")


@pytest.mark.parametrize("row", [r for r in TABLE if r[1] is None], ids=_id)
def test_a_thousand_or_a_decimal_is_refused_saying_how_to_write_either(row):
    forms, _, _ = row
    for form in forms:
        data = f'{BUDGET}\n2024,SG,,Diskominfotik,"{form}",,sample,x\n'.encode()
        with pytest.raises(DataPackError) as err:
            read_dataset_bytes("budget", "budget.csv", data)
        assert (err.value.key, err.value.row, err.value.column) == ("ambiguous_number", 2, "planned_idr")
        digits = form.replace(".", "").replace(",", "")
        assert digits in err.value.message("en") and digits in err.value.message("id")


def test_spreadsheet_and_json_numbers_are_taken_as_they_are():
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(BUDGET.split(","))
    book.active.append([2024, "SG", "", "Diskominfotik", 1.5, None, "sample", "x"])  # a real number, not text
    buf = io.BytesIO()
    book.save(buf)
    assert read_dataset_bytes("budget", "budget.xlsx", buf.getvalue())["planned_idr"].tolist() == [1.5]
    # a JSON number 1.500 is the number 1.5, never a thousand and never refused as ambiguous
    cell = parse_cell(json.loads("1.500"), Column("value", "float"), file="facts.json", row=2)
    assert cell == 1.5


def test_three_decimals_need_a_fourth_digit():
    with pytest.raises(NumberError):
        parse_number("39.109")
    assert parse_number("39.1090") == pytest.approx(39.109)
