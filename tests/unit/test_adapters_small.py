"""Adapters on tiny native files written inline: what they keep, what they refuse."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing import schemas
from briefing.errors import InputError
from briefing.sources import ncses, oecd, openalex, worldbank

WDI_HEAD = ('\ufeff"Data Source","World Development Indicators",\n\n"Last Updated Date","2026-07-13",\n\n'
            '"Country Name","Country Code","Indicator Name","Indicator Code","2019","2020",\n')
WDI_JP = '"Japan","JPN","Research and development expenditure (% of GDP)","GB.XPD.RSDV.GD.ZS","3.2","3.27",\n'
WDI_WLD = '"World","WLD","Research and development expenditure (% of GDP)","GB.XPD.RSDV.GD.ZS","2.2","",\n'


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> dict[str, Path]:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return {name: path}


def test_worldbank_keeps_countries_drops_aggregates_and_blanks(tmp_path):
    table = worldbank.read(write(tmp_path, "wdi.csv", WDI_HEAD + WDI_JP + WDI_WLD))["rd_indicators"]
    assert table[["country", "year", "value"]].values.tolist() == [["JP", 2019, 3.2], ["JP", 2020, 3.27]]
    schemas.check("rd_indicators", table, "test")


@pytest.mark.parametrize(("body", "line", "rule"), [
    (WDI_JP.replace("JPN", "XYZ"), 6, "not an ISO 3166-1 alpha-3 code nor a known WDI aggregate"),
    (WDI_JP.replace('"3.2"', '"high"'), 6, "not a number"),
    (WDI_JP.replace('"3.2"', '"-1"'), 6, "must be >= 0"),
    (WDI_JP + WDI_JP, 7, "duplicate key"),
    (WDI_JP + "\n" + WDI_JP, 8, "duplicate key"),
    (WDI_JP.replace("GB.XPD.RSDV.GD.ZS", "NY.GDP.MKTP.CD"), 6, "indicator code matches no worldbank entry of"),
])
def test_worldbank_rejects_bad_rows_with_line(tmp_path, body, line, rule):
    """The header is on line 5, after a preamble with blank lines; each row is named by its own line."""
    with pytest.raises(InputError, match=rule) as caught:
        worldbank.read(write(tmp_path, "wdi.csv", WDI_HEAD + body))
    assert f"wdi.csv, line {line}," in str(caught.value) or str(caught.value).startswith(f"{tmp_path}/wdi.csv, line {line}:")


def test_worldbank_without_header_or_wrong_encoding(tmp_path):
    with pytest.raises(InputError, match="no header line"):
        worldbank.read(write(tmp_path, "wdi.csv", "a,b\n1,2\n"))
    with pytest.raises(InputError, match="not valid UTF-8"):
        text = (WDI_HEAD + WDI_JP.replace("Japan", "Japón")).lstrip("\ufeff")
        worldbank.read(write(tmp_path, "wdi.csv", text, "latin-1"))
    with pytest.raises(InputError, match="file is empty"):
        worldbank.read(write(tmp_path, "wdi.csv", ""))


OA_NAMES = "code;name\nJP;Japan\nKR;South Korea\nNA;Namibia\n"


def openalex_files(tmp_path: Path, pairs: str) -> dict[str, Path]:
    return {**write(tmp_path, openalex.PAIRS_FILE, pairs), **write(tmp_path, openalex.NAMES_FILE, OA_NAMES)}


def test_openalex_diagonal_is_international_total_and_na_is_namibia(tmp_path):
    files = openalex_files(tmp_path, "year,country_a,country_b,works\n2023,JP,JP,100\n2023,JP,KR,7\n"
                                     "2023,JP,NA,1\n2023,KR,KR,50\n")
    tables = openalex.read(files)
    assert tables["pairs"][["country_a", "country_b", "works"]].values.tolist() == [["JP", "KR", 7], ["JP", "NA", 1]]
    output = tables["country_output"].set_index("country")["works_international"].to_dict()
    assert output == {"JP": 100, "KR": 50}
    assert tables["country_output"]["works_total"].isna().all()
    assert tables["country_output"]["works_domestic"].isna().all()
    for name, frame in tables.items():
        schemas.check(name, frame, "test")


@pytest.mark.parametrize(("row", "rule"), [
    ("2023,KR,JP,7", "country_a must sort before country_b"),
    ("2023,JP,ZZ,7", "unknown country code"),
    ("2023,JP,KR,-3", "must be >= 0"),
    ("2023,JP,KR,2.5", "not an integer"),
    ("twenty,JP,KR,3", "not an integer"),
])
def test_openalex_rejects(tmp_path, row, rule):
    files = openalex_files(tmp_path, f"year,country_a,country_b,works\n2023,JP,JP,100\n{row}\n")
    with pytest.raises(InputError, match=rule) as caught:
        openalex.read(files)
    assert "line 3" in str(caught.value)


def test_openalex_wrong_delimiter_and_missing_column(tmp_path):
    with pytest.raises(InputError, match="missing column"):
        openalex.read(openalex_files(tmp_path, "year;country_a;country_b;works\n2023;JP;KR;7\n"))
    with pytest.raises(InputError, match=r"missing column\(s\) \['works'\]"):
        openalex.read(openalex_files(tmp_path, "year,country_a,country_b\n2023,JP,KR\n"))
    with pytest.raises(InputError, match="header but no data rows"):
        openalex.read(openalex_files(tmp_path, "year,country_a,country_b,works\n"))


TOE = "OECD.STI.STP,DSD_RDS_GERD@DF_GERD_TOE,1.0"
SDMX_HEAD = ("STRUCTURE,STRUCTURE_ID,REF_AREA,FREQ,MEASURE,SECT_PERF,SECT_FUND,TYPE_COST,TYPE_RD,FORD,SEO,"
             "UNIT_MEASURE,PRICE_BASE,BASE_PER,UNIT_MULT,TIME_PERIOD,OBS_VALUE,OBS_STATUS,OBS_STATUS_2,OBS_STATUS_3\n")


def sdmx_row(area="KOR", price="V", year="2022", value="1.0", flags=",,", base="", mult="6", unit="USD_PPP"):
    return (f"DATAFLOW,OECD.STI.STP:DSD_RDS_GERD@DF_GERD_TOE(1.0),{area},A,G,_T,_Z,_T,_Z,_Z,_Z,{unit},{price},"
            f"{base},{mult},{year},{value},{flags}\n")


def test_oecd_prices_become_indicators_and_flags_join(tmp_path):
    body = sdmx_row(value="119580.5", flags="P,E,") + sdmx_row(price="Q", base="2015", value="110150.2")
    table = oecd.read(write(tmp_path, f"{TOE}.csv", SDMX_HEAD + body))["rd_indicators"]
    rows = table.sort_values("indicator")[["country", "indicator", "value", "status"]].values.tolist()
    assert rows == [["KR", "gerd_usd_ppp_m", 119580.5, "P+E"], ["KR", "gerd_usd_ppp_m_const2015", 110150.2, ""]]


def test_oecd_leaves_other_series_and_aggregates_aside(tmp_path):
    body = sdmx_row(unit="EUR") + sdmx_row(price="X") + sdmx_row(area="EU27_2020") + sdmx_row(area="JPN")
    table = oecd.read(write(tmp_path, f"{TOE}.csv", SDMX_HEAD + body))["rd_indicators"]
    assert table[["country", "indicator"]].values.tolist() == [["JP", "gerd_usd_ppp_m"]]


@pytest.mark.parametrize(("row", "rule"), [
    (sdmx_row(price="Q", base="2010"), "line 2, column 'BASE_PER': gerd_usd_ppp_m_const2015 is read with BASE_PER=2015"),
    (sdmx_row(mult="3"), "column 'UNIT_MULT': gerd_usd_ppp_m is read with UNIT_MULT=6"),
    (sdmx_row(area="XKR"), "not an ISO 3166-1 alpha-3"),
    (sdmx_row(value="-4"), "must be >= 0"),
    (sdmx_row() + sdmx_row(), "line 3: duplicate key"),
    (sdmx_row().replace("DSD_RDS_GERD@DF_GERD_TOE", "DSD_RDS_GERD@DF_GERD_SOF"),
     "dataflow matches no oecd entry of data/indicators.yml"),
])
def test_oecd_rejects(tmp_path, row, rule):
    with pytest.raises(InputError, match=re.escape(rule)):
        oecd.read(write(tmp_path, f"{TOE}.csv", SDMX_HEAD + row))


def test_oecd_file_lacking_a_selected_dimension(tmp_path):
    head, body = SDMX_HEAD.replace(",TYPE_RD", ""), sdmx_row().replace(",_T,_Z,_Z,_Z,USD", ",_T,_Z,_Z,USD")
    with pytest.raises(InputError, match="lacks column TYPE_RD, a dimension or attribute that data/indicators.yml "
                                         "indicators.gerd_usd_ppp_m selects on"):
        oecd.read(write(tmp_path, f"{TOE}.csv", head + body))


def test_oecd_file_named_for_another_dataflow(tmp_path):
    with pytest.raises(InputError, match="name the file OECD.STI.STP,DSD_RDS_GERD@DF_GERD_TOE,1.0.csv"):
        oecd.read(write(tmp_path, "gerd.csv", SDMX_HEAD + sdmx_row()))


def test_ncses_pairs_must_be_symmetric(tmp_path):
    text = "year,country,partner,articles\n2022,Japan,South Korea,2789\n2022,South Korea,Japan,2788\n"
    path = write(tmp_path, "pairs.csv", text)["pairs.csv"]
    with pytest.raises(InputError, match="must be symmetric"):
        ncses.ncses_articles.pairs(path, ncses.country_codes)


def test_ncses_unknown_country_name(tmp_path):
    text = "year,country,partner,articles\n2022,Japan,Atlantis,1\n"
    path = write(tmp_path, "pairs.csv", text)["pairs.csv"]
    with pytest.raises(InputError, match="unknown country name.*Atlantis"):
        ncses.ncses_articles.pairs(path, ncses.country_codes)


def test_ncses_gbard_forward_fills_country_and_reads_year_rows(tmp_path):
    text = ("table_id,row_id,time_period,column_level_1,column_level_2,column_hierarchy_depth,value\n"
            "1,r001_1,Japan,Year,,1,2019\n1,r001_2,,GBARD (current PPP US$millions),,1,40934.9\n"
            "1,r001_3,,Percentage of GBARD,Defense,2,3.0\n"
            "1,r001_4,,Percentage of nondefense,General university funds,2,**\n")
    path = write(tmp_path, "gbard.csv", text)["gbard.csv"]
    table = ncses.ncses_rd.gbard(path, ncses.country_codes)
    assert table[["country", "year", "indicator", "value"]].values.tolist() == [
        ["JP", 2019, "gbard_usd_ppp_m", 40934.9], ["JP", 2019, "gbard_defense_pct", 3.0]]


def test_ncses_gerd_latest_year_note_moves_the_year(tmp_path):
    text = ("country,latest_year_note,measure,basis,period,value\n"
            "Australia,latest year 2019,GERD-to-GDP ratio (%),,2021a,1.8\n"
            "Taiwan,,GERD-to-GDP ratio (%),,2021a,3.77\nTaiwan,,GERD-to-GDP ratio (%),,2010,2.82\n")
    path = write(tmp_path, "gerd.csv", text)["gerd.csv"]
    table = ncses.ncses_rd.gerd_gdp(path, ncses.country_codes)
    assert table[["country", "year", "value", "status"]].values.tolist() == [
        ["AU", 2019, 1.8, "P"], ["TW", 2021, 3.77, "P"], ["TW", 2010, 2.82, ""]]


def test_checked_tables_read_the_same_bytes_once_and_other_bytes_again(tmp_path, monkeypatch):
    """fetch checks a mirror's files and validate reads the same bytes from their snapshot: one
    parse per process, and callers get copies. Changed bytes are read (and refused) again."""
    from briefing.sources import adapters, indicators
    from briefing.sources.snapshot import file_digests

    registry = indicators.for_root(Path(__file__).resolve().parents[2])
    calls = []
    real = adapters.read_files
    monkeypatch.setattr(adapters, "read_files", lambda *args: calls.append(args[0]) or real(*args))
    files = write(tmp_path, "wdi.csv", WDI_HEAD + WDI_JP)
    paths = list(files.values())
    first = adapters.checked_tables("worldbank", paths, file_digests(paths), registry, "mirror (worldbank)")
    first["rd_indicators"].loc[0, "value"] = -5.0  # a caller's change does not reach the kept tables
    second = adapters.checked_tables("worldbank", paths, file_digests(paths), registry, "snapshot (worldbank)")
    assert calls == ["worldbank"] and second["rd_indicators"]["value"].tolist() == [3.2, 3.27]
    files["wdi.csv"].write_text(WDI_HEAD + WDI_JP.replace('"3.2"', '"-1"'), encoding="utf-8")
    with pytest.raises(InputError, match="must be >= 0"):
        adapters.checked_tables("worldbank", paths, file_digests(paths), registry, "snapshot (worldbank)")
    assert calls == ["worldbank", "worldbank"]
