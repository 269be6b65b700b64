"""Synthetic OpenAlex works in the public snapshot schema, for the engine benchmark and tests.

Seeded: the same --works, --seed and --part-size give the same bytes. Country mixes
follow the real 2023 distribution in the source mirror:
- a work is international with the world's share of internationally co-authored
  articles in NCSES SEI 2024 (SPBS-33, latest year: 755,894 of 3,344,037 in 2022);
- an international work starts from a country pair drawn with the weight of the
  pair's 2023 works (openalex/country_pairs_1990_2023.csv), plus extra countries
  (geometric, weighted by each country's international works) whose mean is fitted
  so that sum(pairs) / sum(country totals) matches the 2023 file;
- a domestic work's country is drawn by its international total (an approximation:
  the mirror has no domestic counts per country in OpenAlex).
Works are leaner than real snapshot records (no abstract, references, locations):
about 2.6 KB of JSON against roughly 6 KB.

Usage: python bench/gen_works.py --works 1000000 --out bench/out/works-1m [--format jsonl|parquet|both]
Writes <out>/jsonl/updated_date=2024-08-27/part_NNN.gz and/or <out>/parquet/part_NNN.parquet.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
from briefing import countries  # noqa: E402

MIRROR = Path(os.environ.get("BRIEFING_MIRROR", REPO.parent / "shared" / "data"))
YEARS = (2015, 2023)
# OpenAlex fields (id, name, domain id, domain, weight) with some of their real subfields.
FIELDS = [
    (11, "Agricultural and Biological Sciences", 1, "Life Sciences", 5,
     [(1110, "Plant Science"), (1105, "Ecology, Evolution, Behavior and Systematics"), (1106, "Food Science")]),
    (12, "Arts and Humanities", 2, "Social Sciences", 3, [(1202, "History"), (1211, "Philosophy")]),
    (13, "Biochemistry, Genetics and Molecular Biology", 1, "Life Sciences", 8,
     [(1312, "Molecular Biology"), (1311, "Genetics"), (1306, "Cancer Research")]),
    (14, "Business, Management and Accounting", 2, "Social Sciences", 2, [(1408, "Strategy and Management")]),
    (15, "Chemical Engineering", 3, "Physical Sciences", 1, [(1503, "Catalysis")]),
    (16, "Chemistry", 3, "Physical Sciences", 5, [(1605, "Organic Chemistry"), (1604, "Inorganic Chemistry")]),
    (17, "Computer Science", 3, "Physical Sciences", 8,
     [(1702, "Artificial Intelligence"), (1707, "Computer Vision and Pattern Recognition"),
      (1705, "Computer Networks and Communications")]),
    (18, "Decision Sciences", 2, "Social Sciences", 0.5, [(1803, "Management Science and Operations Research")]),
    (19, "Earth and Planetary Sciences", 3, "Physical Sciences", 3, [(1902, "Atmospheric Science"), (1907, "Geology")]),
    (20, "Economics, Econometrics and Finance", 2, "Social Sciences", 2, [(2002, "Economics and Econometrics")]),
    (21, "Energy", 3, "Physical Sciences", 2, [(2105, "Renewable Energy, Sustainability and the Environment")]),
    (22, "Engineering", 3, "Physical Sciences", 9,
     [(2208, "Electrical and Electronic Engineering"), (2210, "Mechanical Engineering"),
      (2204, "Biomedical Engineering")]),
    (23, "Environmental Science", 3, "Physical Sciences", 4, [(2310, "Pollution"), (2306, "Global and Planetary Change")]),
    (24, "Immunology and Microbiology", 1, "Life Sciences", 2, [(2403, "Immunology"), (2404, "Microbiology")]),
    (25, "Materials Science", 3, "Physical Sciences", 6,
     [(2505, "Materials Chemistry"), (2504, "Electronic, Optical and Magnetic Materials")]),
    (26, "Mathematics", 3, "Physical Sciences", 2, [(2604, "Applied Mathematics"), (2613, "Statistics and Probability")]),
    (27, "Medicine", 4, "Health Sciences", 20,
     [(2730, "Oncology"), (2705, "Cardiology and Cardiovascular Medicine"), (2725, "Infectious Diseases"),
      (2746, "Surgery")]),
    (28, "Neuroscience", 1, "Life Sciences", 2,
     [(2805, "Cognitive Neuroscience"), (2804, "Cellular and Molecular Neuroscience")]),
    (29, "Nursing", 4, "Health Sciences", 0.5, [(2901, "General Nursing")]),
    (30, "Pharmacology, Toxicology and Pharmaceutics", 1, "Life Sciences", 1, [(3004, "Pharmacology")]),
    (31, "Physics and Astronomy", 3, "Physical Sciences", 7,
     [(3107, "Atomic and Molecular Physics, and Optics"), (3104, "Condensed Matter Physics"),
      (3103, "Astronomy and Astrophysics"), (3106, "Nuclear and High Energy Physics")]),
    (32, "Psychology", 2, "Social Sciences", 2, [(3203, "Clinical Psychology"), (3207, "Social Psychology")]),
    (33, "Social Sciences", 2, "Social Sciences", 6, [(3304, "Education"), (3312, "Sociology and Political Science")]),
    (34, "Veterinary", 4, "Health Sciences", 0.5, [(3401, "General Veterinary")]),
    (35, "Dentistry", 4, "Health Sciences", 0.5, [(3504, "Oral Surgery")]),
    (36, "Health Professions", 4, "Health Sciences", 1, [(3614, "Radiological and Ultrasound Technology")]),
]
NO_TOPIC = 0.05  # works without a primary_topic
MISSING_COUNTRY = 0.03  # authorships whose affiliation has no country
SECOND_COUNTRY = 0.03  # authorships of international works with two countries
CORRESPONDING = (0.35, 0.97)  # below the first: no corresponding data (null); below the second: one; else two
UPDATED = "2024-08-27"


@dataclass(frozen=True)
class Distribution:
    codes: np.ndarray  # alpha-2 codes
    country_p: np.ndarray  # by 2023 international works
    pair_a: np.ndarray
    pair_b: np.ndarray
    pair_p: np.ndarray
    international: float
    extra_mean: float


def load_distribution(mirror: Path = MIRROR) -> Distribution:
    pairs = pd.read_csv(mirror / "openalex" / "country_pairs_1990_2023.csv", keep_default_na=False)
    pairs = pairs[(pairs["year"] == 2023) & pairs["country_a"].map(countries.is_country)
                  & pairs["country_b"].map(countries.is_country)]
    diagonal = pairs[pairs["country_a"] == pairs["country_b"]].sort_values("country_a")
    off = pairs[pairs["country_a"] != pairs["country_b"]].sort_values(["country_a", "country_b"])
    codes = diagonal["country_a"].to_numpy()
    index = {c: i for i, c in enumerate(codes)}
    off = off[off["country_a"].isin(index) & off["country_b"].isin(index)]
    ratio = off["works"].sum() / diagonal["works"].sum()
    # n = 2 + G, G geometric with mean m: E[C(n,2)] / E[n] = (1 + m)^2 / (2 + m) = ratio.
    extra_mean = float((ratio - 2 + np.sqrt((2 - ratio) ** 2 + 4 * (2 * ratio - 1))) / 2)
    sei = pd.read_csv(mirror / "ncses" / "sei2024_articles_by_coauthorship_2003_2022.csv", keep_default_na=False)
    world = sei[(sei["country"] == "World") & (sei["field"] == "All S&E fields")]
    latest = world[world["year"] == world["year"].max()].set_index("attribute")["articles"]
    return Distribution(
        codes=codes, country_p=(diagonal["works"] / diagonal["works"].sum()).to_numpy(),
        pair_a=off["country_a"].map(index).to_numpy(), pair_b=off["country_b"].map(index).to_numpy(),
        pair_p=(off["works"] / off["works"].sum()).to_numpy(),
        international=float(latest["Total articles > With international institutions"] / latest["Total articles"]),
        extra_mean=extra_mean)


def _text(prefix: str, numbers: np.ndarray, suffix: pa.Array | str = "") -> pa.Array:
    parts = [pa.scalar(prefix), pc.cast(pa.array(numbers), pa.string())]
    return pc.binary_join_element_wise(*parts, suffix, "") if suffix != "" else pc.binary_join_element_wise(*parts, "")


def _work_countries(d: Distribution, n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(work index, country index) of every distinct work-country, sorted; and the international flags."""
    intl = rng.random(n) < d.international
    dom, both = np.flatnonzero(~intl), np.flatnonzero(intl)
    pair = rng.choice(len(d.pair_p), size=len(both), p=d.pair_p)
    extra = np.minimum(rng.geometric(1 / (1 + d.extra_mean), size=len(both)) - 1, 40)
    works = np.concatenate([dom, both, both, np.repeat(both, extra)])
    picks = np.concatenate([rng.choice(len(d.codes), size=len(dom), p=d.country_p), d.pair_a[pair], d.pair_b[pair],
                            rng.choice(len(d.codes), size=int(extra.sum()), p=d.country_p)])
    key = np.unique(works.astype(np.int64) * len(d.codes) + picks)
    return key // len(d.codes), key % len(d.codes), intl


def _const(value: str, n: int) -> pa.Array:
    return pa.array([value], pa.string()).take(pa.array(np.zeros(n, dtype=np.int32)))


def _lists(offsets: np.ndarray, values: pa.Array) -> pa.Array:
    return pa.ListArray.from_arrays(pa.array(offsets, pa.int32()), values)


def _institutions(d: Distribution, auth_c: np.ndarray, missing: np.ndarray, rng) -> tuple[pa.Array, pa.Array]:
    """Each authorship's institutions (1, sometimes 2, of its country) and raw affiliation strings."""
    per = 1 + (rng.random(len(auth_c)) < 0.1)
    owner = np.repeat(np.arange(len(auth_c)), per)
    number = auth_c[owner].astype(np.int64) * 10_000 + rng.integers(0, 3_000, size=len(owner))
    ids = _text("https://openalex.org/I", 4_000_000_000 + number)
    code = pa.array(d.codes[auth_c[owner]], pa.string(), mask=missing[owner])
    names = _text("Institute ", number)
    structs = pa.StructArray.from_arrays(
        [ids, names, _text("https://ror.org/0", number), code, _const("education", len(owner)),
         _lists(np.arange(len(owner) + 1), ids)],
        names=["id", "display_name", "ror", "country_code", "type", "lineage"])
    offsets = np.concatenate([[0], np.cumsum(per)])
    raw = _lists(np.arange(len(auth_c) + 1), names.take(pa.array(offsets[:-1])))
    return _lists(offsets, structs), raw


def _authorships(d: Distribution, n: int, first_author: int, rng) -> tuple[pa.Array, np.ndarray]:
    wc_work, wc_c, intl = _work_countries(d, n, rng)
    per_country = 1 + rng.poisson(np.where(intl[wc_work], 1.0, 2.5))
    work, c = np.repeat(wc_work, per_country), np.repeat(wc_c, per_country)
    a = len(work)
    counts = np.bincount(work, minlength=n)
    starts = np.concatenate([[0], np.cumsum(counts)])
    first_wc = np.searchsorted(wc_work, np.arange(n))
    n_countries = np.bincount(wc_work, minlength=n)
    other = np.where(wc_c[np.minimum(first_wc, len(wc_c) - 1)][work] != c, wc_c[np.minimum(first_wc, len(wc_c) - 1)][work],
                     wc_c[np.minimum(first_wc + 1, len(wc_c) - 1)][work])
    missing = rng.random(a) < MISSING_COUNTRY
    second = ~missing & (n_countries[work] > 1) & (rng.random(a) < SECOND_COUNTRY)
    lengths = np.where(missing, 0, 1 + second)
    offsets = np.concatenate([[0], np.cumsum(lengths)])
    values = np.empty(offsets[-1], dtype=object)
    values[offsets[:-1][~missing]] = d.codes[c[~missing]]
    values[offsets[:-1][second] + 1] = d.codes[other[second]]
    institutions, raw = _institutions(d, c, missing, rng)
    status = rng.random(n)
    corr = np.zeros(a, dtype=bool)
    has = status >= CORRESPONDING[0]
    corr[starts[:-1][has] + (rng.random(has.sum()) * counts[has]).astype(np.int64)] = True
    two = status >= CORRESPONDING[1]
    corr[starts[:-1][two] + (rng.random(two.sum()) * counts[two]).astype(np.int64)] = True
    position = pa.array(["middle", "first", "last"], pa.string()).take(pa.array(
        np.where(np.arange(a) == starts[:-1][work], 1, np.where(np.arange(a) == starts[1:][work] - 1, 2, 0))))
    author_no = first_author + np.arange(a)
    names = _text("Author ", author_no)
    author = pa.StructArray.from_arrays([_text("https://openalex.org/A", 5_000_000_000 + author_no), names,
                                         pa.nulls(a, pa.string())], names=["id", "display_name", "orcid"])
    structs = pa.StructArray.from_arrays(
        [position, author, institutions, _lists(offsets, pa.array(values, pa.string())),
         pa.array(corr, mask=~has[work]), names, raw],
        names=["author_position", "author", "institutions", "countries", "is_corresponding", "raw_author_name",
               "raw_affiliation_strings"])
    return _lists(starts, structs), n_countries


def _topics(n: int, rng) -> pa.Array:
    weights = np.array([f[4] for f in FIELDS], dtype=float)
    field = rng.choice(len(FIELDS), size=n, p=weights / weights.sum())
    sub = (rng.random(n) * np.array([len(f[5]) for f in FIELDS])[field]).astype(int)
    rows = [(f[0], f[1], f[2], f[3], s[0], s[1]) for f in FIELDS for s in f[5]]
    first = np.concatenate([[0], np.cumsum([len(f[5]) for f in FIELDS])])[:-1]
    pick = pa.array(first[field] + sub)
    table = pa.table({k: [r[i] for r in rows] for i, k in enumerate(["fid", "fname", "did", "dname", "sid", "sname"])})
    t = table.take(pick)
    ref = lambda i, name: pa.StructArray.from_arrays(  # noqa: E731
        [_text("https://openalex.org/" + i, t[name + "id"].to_numpy()), t[name + "name"].combine_chunks()],
        names=["id", "display_name"])
    topic_ids = _text("https://openalex.org/T1", t["sid"].to_numpy() * 10 + 1)
    return pa.StructArray.from_arrays(
        [topic_ids, pc.binary_join_element_wise(t["sname"].combine_chunks(), " research", ""),
         pa.array(np.round(rng.uniform(0.5, 1.0, n), 4)), ref("subfields/", "s"), ref("fields/", "f"),
         ref("domains/", "d")],
        names=["id", "display_name", "score", "subfield", "field", "domain"], mask=pa.array(rng.random(n) < NO_TOPIC))


def generate_part(d: Distribution, n: int, first_work: int, rng: np.random.Generator) -> pa.Table:
    """`n` works numbered from `first_work`, columns in the snapshot's order of the fields used."""
    numbers = first_work + np.arange(n)
    authorships, n_countries = _authorships(d, n, first_author=first_work * 8, rng=rng)
    ids = _text("https://openalex.org/W", 4_000_000_000 + numbers)
    year = rng.integers(YEARS[0], YEARS[1] + 1, size=n)
    title = _text("Synthetic work ", numbers)
    return pa.table({
        "id": ids, "doi": _text("https://doi.org/10.5555/", numbers), "title": title, "display_name": title,
        "publication_year": pa.array(year), "publication_date": _text("", year, "-06-15"),
        "language": _const("en", n), "type": _const("article", n),
        "authorships": authorships, "countries_distinct_count": pa.array(n_countries),
        "cited_by_count": pa.array(rng.poisson(12, size=n)),
        "primary_topic": _topics(n, rng), "updated_date": _const(UPDATED + "T00:00:00", n),
    })


def write_jsonl_gz(table: pa.Table, path: Path) -> None:
    """One JSON object per line, gzip; single-threaded so the bytes are the same every time."""
    con = duckdb.connect(config={"threads": 1, "preserve_insertion_order": True})
    try:
        con.register("part", table)
        con.execute(f"COPY part TO '{path}' (FORMAT json, COMPRESSION gzip)")
    finally:
        con.close()


def generate(works: int, out: Path, seed: int = 2023, part_size: int = 500_000, fmt: str = "jsonl",
             mirror: Path = MIRROR) -> list[Path]:
    """Write the parts; each part has its own seeded stream, so parts can be made one at a time."""
    d = load_distribution(mirror)
    written = []
    for part, first in enumerate(range(0, works, part_size)):
        table = generate_part(d, min(part_size, works - first), first, np.random.default_rng([seed, part]))
        if fmt in ("jsonl", "both"):
            path = out / "jsonl" / f"updated_date={UPDATED}" / f"part_{part:03d}.gz"
            path.parent.mkdir(parents=True, exist_ok=True)
            write_jsonl_gz(table, path)
            written.append(path)
        if fmt in ("parquet", "both"):
            path = out / "parquet" / f"part_{part:03d}.parquet"
            path.parent.mkdir(parents=True, exist_ok=True)
            pq.write_table(table, path, compression="snappy")
            written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--works", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--part-size", type=int, default=500_000)
    parser.add_argument("--format", choices=["jsonl", "parquet", "both"], default="jsonl")
    args = parser.parse_args()
    for path in generate(args.works, args.out, args.seed, args.part_size, args.format):
        print(path)


if __name__ == "__main__":
    main()
