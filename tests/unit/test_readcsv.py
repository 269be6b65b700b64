"""sources/readcsv: every row carries the file line it starts on, exactly as an editor (or
`grep -n`) shows it, whatever blank lines, quoted line breaks or preamble came before."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.errors import InputError
from briefing.sources.readcsv import check_unique, read_csv, to_int


def write(tmp_path: Path, text: str, name: str = "t.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def lines_of(tmp_path: Path, text: str, **options) -> list[int]:
    return read_csv(write(tmp_path, text), ["a", "b"], **options)["_line"].tolist()


@pytest.mark.parametrize(("text", "lines"), [
    ("a,b\n1,2\n3,4\n", [2, 3]),
    ("a,b\n1,2\n\n3,4\n", [2, 4]),  # a blank line between rows
    ("\na,b\n\n\n1,2\n   \n3,4\n", [5, 7]),  # blank before the header, twice in a row, whitespace only
    ('a,b\n"x\ny",2\n3,4\n', [2, 4]),  # a quoted line break: the next row is on line 4
    ('a,b\n"x\n\ny",2\n3,4\n', [2, 5]),  # a quoted blank line is part of the cell, not skipped
    ('a,b\r\n"x\r\ny",2\r\n3,4\r\n', [2, 4]),  # Windows line ends
    ('a,b\n"x\ry",2\n3,4\n', [2, 3]),  # a lone carriage return inside quotes is no line break
])
def test_each_row_names_the_line_it_starts_on(tmp_path, text, lines):
    assert lines_of(tmp_path, text) == lines


def test_preamble_lines_count(tmp_path):
    """`skip_lines` skips file lines (the WDI preamble); rows keep their lines in the file."""
    assert lines_of(tmp_path, 'title,\n\n"note",x\na,b\n1,2\n\n3,4\n', skip_lines=3) == [5, 7]


def test_cells_are_kept_as_written(tmp_path):
    frame = read_csv(write(tmp_path, 'a,b\n"x\ny",NA\n'), ["a", "b"])
    assert frame.loc[0, "a"] == "x\ny" and frame.loc[0, "b"] == "NA"  # Namibia is not missing


def test_bad_value_after_blank_line_and_quoted_break_names_its_line(tmp_path):
    path = write(tmp_path, 'a,b\n"x\ny",1\n\n"z",two\n')
    frame = read_csv(path, ["a", "b"])
    with pytest.raises(InputError) as caught:
        to_int(path, frame, "b")
    assert str(caught.value).startswith(f"{path}, line 5, column 'b': not an integer (got 'two')")


def test_duplicate_after_blank_line_names_its_line(tmp_path):
    path = write(tmp_path, "a,b\n1,2\n\n\n1,2\n")
    with pytest.raises(InputError, match=r"line 5: duplicate key \(a=1\)"):
        check_unique(path, read_csv(path, ["a", "b"]), ["a"])


@pytest.mark.parametrize(("text", "where", "rule"), [
    ("a,b\n1,2\n\n3,4,5\n", "line 4", "a row of 3 cells under a header of 2"),
    ('a,b\n"x\ny",2\n3\n', "line 4", "a row of 1 cells under a header of 2"),
    ('a,b\n1,2\n"open,3\n', "line 3", "unexpected end of data"),
    ("a;b\n1;2\n", "", "missing column(s) ['a', 'b']; header has: a;b"),
    ("a,b\n", "", "file has a header but no data rows"),
    ("\n\n", "", "file is empty"),
])
def test_malformed_files_name_the_line_and_the_rule(tmp_path, text, where, rule):
    path = write(tmp_path, text)
    with pytest.raises(InputError) as caught:
        read_csv(path, ["a", "b"])
    message = str(caught.value)
    assert message.startswith(f"{path}, {where}:" if where else f"{path}:") and rule in message, message


def test_empty_and_repeated_header_cells_are_named_as_pandas_names_them(tmp_path):
    frame = read_csv(write(tmp_path, "a,,b,a\n1,2,3,4\n"), ["a", "b"])
    assert list(frame.columns) == ["a", "Unnamed: 1", "b", "a.1", "_line"]


@pytest.mark.parametrize("text", [
    "a,b\n1,2\n3,4\n", "a,b\n1,2\n3,4", "a,,b,a\n1,2,3,4\n", "a,b\nNA,\n,x\n",
    "title\nnote\na,b\n1,2\n", "a,b\r\n1,2\r\n3,4\r\n",
])
def test_plain_files_read_fast_give_the_careful_readers_frame(tmp_path, text):
    """Files without quotes or blank lines are read by pandas' C parser: the same cells,
    column names, dtypes and line numbers as the row-by-row reader gives."""
    from briefing.sources import readcsv

    path = write(tmp_path, text)
    skip = 2 if text.startswith("title") else 0
    fast = readcsv._plain_frame(path, text, ",", skip, ["a", "b"])
    header, rows, lines = readcsv._records(path, text, ",", skip, ["a", "b"])
    careful = readcsv.pd.DataFrame(rows, columns=header, dtype=str).assign(_line=lines)
    assert fast is not None
    readcsv.pd.testing.assert_frame_equal(fast, careful)


def test_every_mirror_csv_reads_the_same_fast_or_careful(mirror):
    """Every CSV of the real sources: the fast path, where it applies, equals the careful reader."""
    from briefing.sources import readcsv

    fast_ones = 0
    for path in sorted(mirror.rglob("*.csv")):
        text = readcsv.read_text(path)
        sep = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
        skip = 4 if path.name.startswith("API_") else 0
        fast = readcsv._plain_frame(path, text, sep, skip, [])
        if fast is None:
            continue
        fast_ones += 1
        header, rows, lines = readcsv._records(path, text, sep, skip, [])
        careful = readcsv.pd.DataFrame(rows, columns=header, dtype=str).assign(_line=lines)
        readcsv.pd.testing.assert_frame_equal(fast, careful)
    assert fast_ones >= 5  # the large OpenAlex pairs among them
