"""The Python package against the command line: same rows, same values, typed columns."""

import os
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

import elpipe

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


def _binary():
    """The elpipe binary: $ELPIPE_BIN, target/release/elpipe, or elpipe on the PATH."""
    candidates = [os.environ.get("ELPIPE_BIN"), str(ROOT / "target" / "release" / "elpipe")]
    for c in candidates:
        if c and Path(c).exists():
            return c
    found = shutil.which("elpipe")
    if found is None:
        pytest.skip("no elpipe binary (cargo build --release)")
    return found


def cli(tmp_path, *args, name="out"):
    out = tmp_path / name
    subprocess.run(
        [_binary(), "run", *map(str, args), "--out", str(out), "--quiet"],
        check=True,
        capture_output=True,
    )
    return out


@pytest.fixture(scope="module")
def seeds_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("seeds")
    out = cli(tmp, SEEDS, "--output-format", "both")
    return out, elpipe.analyze(str(SEEDS))


def test_every_table_equals_the_clis_on_the_seeds(seeds_run):
    out, res = seeds_run
    from_csv = elpipe.read_tables(_csv_only(out))
    for name in elpipe.TABLES:
        frame = res.frame(name)
        assert len(frame) > 0, name
        pd.testing.assert_frame_equal(frame, from_csv.frame(name), check_exact=True, obj=name)


def _csv_only(out: Path) -> Path:
    folder = out.parent / (out.name + "-csv")
    if not folder.exists():
        folder.mkdir()
        for p in out.glob("*.csv"):
            shutil.copy(p, folder / p.name)
    return folder


def test_columns_have_the_documented_dtypes(seeds_run):
    _, res = seeds_run
    tokens = res.tokens
    for column in ("sentence", "token", "start", "end"):
        assert tokens[column].dtype == "int64", column
    assert tokens.stopword.dtype == bool
    for column in ("iob", "entity_type", "kind"):
        assert isinstance(tokens[column].dtype, pd.CategoricalDtype), column
    assert pd.api.types.is_string_dtype(tokens.text.dtype)
    assert pd.api.types.is_string_dtype(tokens.doc_id.dtype)
    assert tokens.entity_type[tokens.iob == "O"].isna().all()
    docs = res.documents
    assert isinstance(docs.status.dtype, pd.CategoricalDtype)
    assert isinstance(docs.lang.dtype, pd.CategoricalDtype)
    assert docs.lang_confidence.dtype == "float64"
    assert docs.message.notna().all()
    freq = res.entity_frequencies
    assert freq.mentions.dtype == "int64"
    assert isinstance(freq["type"].dtype, pd.CategoricalDtype)
    # Offsets are code points into the text: text[start:end] is the token.
    text = (SEEDS / "01_oikonomia.txt").read_text(encoding="utf-8")
    first = tokens[tokens.doc_id == "01_oikonomia.txt"]
    for row in first.head(50).itertuples():
        assert text[row.start : row.end] == row.text


def test_parquet_files_equal_the_csv_tables(seeds_run):
    out, _ = seeds_run
    for name in elpipe.TABLES:
        csv = pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False)
        parquet = pd.read_parquet(out / f"{name}.parquet")
        schema = pq.read_schema(out / f"{name}.parquet")
        assert list(parquet.columns) == list(csv.columns), name
        assert len(parquet) == len(csv), name
        for column in csv.columns:
            values = parquet[column]
            if values.dtype == bool:
                text = values.map({True: "true", False: "false"})
            elif values.dtype == "float64":
                # printed with the decimals the field's metadata gives, as the CSV has them
                decimals = int(schema.field(column).metadata[b"decimals"])
                text = values.map(lambda v: "" if pd.isna(v) else f"{v:.{decimals}f}")
            else:
                text = values.astype(object).where(values.notna(), "").astype(str)
            assert text.tolist() == csv[column].tolist(), f"{name}.{column}"
    tokens = pq.read_schema(out / "tokens.parquet")
    assert str(tokens.field("start").type) == "int64"
    assert str(tokens.field("kind").type).startswith("dictionary")


def test_read_tables_gives_equal_frames_from_csv_and_parquet(seeds_run):
    out, _ = seeds_run
    both = elpipe.read_tables(out)  # prefers the Parquet files
    csv = elpipe.read_tables(_csv_only(out))
    for name in elpipe.TABLES:
        pd.testing.assert_frame_equal(both.frame(name), csv.frame(name), check_exact=True)


def test_a_dataframe_with_numeric_ids_na_tokens_and_metadata_round_trips(tmp_path):
    df = pd.DataFrame(
        {
            "id": [7, 8, 9, 10],
            "text": [
                "Η λέξη NA και η λέξη null γράφτηκαν στον πίνακα.",
                "Ο Γιώργος Παπαδάκης μίλησε στο Ηράκλειο για το None.",
                None,
                "   ",
            ],
            "date": ["2026-01-05", "2026-02-11", "2026-02-12", None],
            "outlet": ["Κρήτη Σήμερα", "NA", "null", "x"],
        }
    )
    res = elpipe.analyze(df, keep=["date", "outlet"])
    docs = res.documents
    assert docs.doc_id.tolist() == ["7", "8", "9", "10"]
    assert docs.date.tolist() == ["2026-01-05", "2026-02-11", "2026-02-12", ""]
    assert docs.outlet.tolist() == ["Κρήτη Σήμερα", "NA", "null", "x"]
    assert docs.status.astype(str).tolist() == ["ok", "ok", "error", "skipped"]
    assert docs.message[2] == "data[2]: missing text field `text`"
    assert len(res.warnings) == 2
    words = res.tokens.text.tolist()
    for token in ("NA", "null", "None"):
        assert token in words
    assert res.tokens.text.notna().all()
    # The same data as JSONL through the command line gives the same tables.
    jsonl = tmp_path / "data.jsonl"
    df.iloc[:2].to_json(jsonl, orient="records", lines=True, force_ascii=False)
    out = cli(tmp_path, jsonl, "--keep-fields", "date,outlet")
    from_cli = elpipe.read_tables(out)
    mine = elpipe.analyze(df.iloc[:2], keep=["date", "outlet"])
    for name in ("tokens", "entities", "entity_frequencies", "terms"):
        pd.testing.assert_frame_equal(mine.frame(name), from_cli.frame(name), obj=name)
    # and written back by the package, the CSV files are the CLI's byte for byte.
    mine.to_csv(tmp_path / "again")
    for name in ("tokens", "entities", "entity_frequencies", "cooccurrences", "terms"):
        assert (tmp_path / "again" / f"{name}.csv").read_bytes() == (
            out / f"{name}.csv"
        ).read_bytes(), name


def test_to_parquet_and_to_csv_write_what_the_cli_writes(seeds_run, tmp_path):
    out, res = seeds_run
    res.to_csv(tmp_path / "csv")
    res.to_parquet(tmp_path / "parquet")
    for name in elpipe.TABLES:
        mine = (tmp_path / "csv" / f"{name}.csv").read_bytes()
        theirs = (out / f"{name}.csv").read_bytes()
        if name == "documents":  # `source` names the path as given
            mine = mine.replace(str(SEEDS).encode(), b"S")
            theirs = theirs.replace(str(SEEDS).encode(), b"S")
        assert mine == theirs, name
    again = elpipe.read_tables(tmp_path / "parquet")
    for name in elpipe.TABLES:
        pd.testing.assert_frame_equal(again.frame(name), res.frame(name), obj=name)


def test_lists_of_strings_and_dicts_and_process():
    res = elpipe.analyze(["Ο Νίκος ζει στην Πάτρα.", "Η Μαρία ζει στη Λάρισα."])
    assert res.documents.doc_id.tolist() == ["0", "1"]
    rows = elpipe.analyze(
        [{"id": "a", "text": "Η Μαρία ζει στη Λάρισα.", "date": "2026-03-01"}], keep=["date"]
    )
    assert rows.documents.date.tolist() == ["2026-03-01"]
    doc = elpipe.process("Ο Κυριάκος Μητσοτάκης μίλησε στη Θεσσαλονίκη.")
    assert [e.canonical for e in doc.entities] == ["Κυριάκος Μητσοτάκης", "Θεσσαλονίκη"]
    e = doc.entities[0]
    assert doc.text[e.start : e.end] == e.text
    assert all(doc.text[t.start : t.end] == t.text for t in doc)


def test_errors_are_exceptions_with_the_clis_messages(tmp_path):
    with pytest.raises(elpipe.ElpipeError, match="no such file or directory"):
        elpipe.analyze(str(tmp_path / "missing"))
    with pytest.raises(elpipe.ElpipeError, match="unknown table `nope`"):
        elpipe.analyze(["κείμενο"], tables=["nope"])
    with pytest.raises(elpipe.ElpipeError, match="unknown period"):
        elpipe.analyze(["κείμενο"], group_by="date", period="fortnight")


def test_the_version_is_the_crates():
    cargo = (ROOT / "Cargo.toml").read_text()
    assert f'version = "{elpipe.__version__}"' in cargo


def cli_error(*args):
    """The message `elpipe run ARGS` prints after `elpipe: error: `."""
    done = subprocess.run([_binary(), "run", *map(str, args), "--quiet"], capture_output=True, text=True)
    assert done.returncode != 0
    line = next(l for l in done.stderr.splitlines() if l.startswith("elpipe: error: "))
    return line[len("elpipe: error: ") :]


@pytest.mark.parametrize(
    "flags, kwargs",
    [
        (["--tables", "nope"], dict(tables=["nope"])),
        (["--tables", "entity_keyness"], dict(tables=["entity_keyness"])),
        (["--model", "/nonexistent/model"], dict(model="/nonexistent/model")),
        (["--encoding", "klingon"], dict(encoding="klingon")),
        (["--delimiter", ";;"], dict(delimiter=";;")),
        (["--keep-fields", "date", "--period", "month"], dict(keep=["date"], period="month")),
    ],
)
def test_error_messages_are_the_command_lines(tmp_path, flags, kwargs):
    expected = cli_error(SEEDS, "--out", tmp_path / "out", *flags)
    with pytest.raises(elpipe.ElpipeError) as raised:
        elpipe.analyze(str(SEEDS), **kwargs)
    assert str(raised.value) == expected
    assert not (tmp_path / "out").exists()


def test_a_missing_input_raises_the_command_lines_message(tmp_path):
    missing = tmp_path / "missing"
    expected = cli_error(missing, "--out", tmp_path / "out")
    with pytest.raises(elpipe.ElpipeError) as raised:
        elpipe.analyze(missing)
    assert str(raised.value) == expected


def test_file_options_are_read_as_the_command_line_reads_them(tmp_path):
    """A Greek-codepage CSV with `;` between fields, read by path with encoding= and
    delimiter=, gives the CLI's tables for --encoding and --delimiter."""
    path = tmp_path / "export.csv"
    rows = [
        "id;date;text",
        "1;2026-04-02;Η Ελένη Σταυροπούλου άνοιξε βιβλιοπωλείο στη Λαμία.",
        "2;2026-05-19;Στη Λαμία, η Ελένη Σταυροπούλου μίλησε για το NA και το null.",
    ]
    path.write_bytes("\r\n".join(rows).encode("windows-1253"))
    out = cli(tmp_path, path, "--encoding", "windows-1253", "--delimiter", ";", "--keep-fields", "date")
    res = elpipe.analyze(path, encoding="windows-1253", delimiter=";", keep=["date"])
    theirs = elpipe.read_tables(out)
    for name in elpipe.TABLES:
        mine, other = res.frame(name), theirs.frame(name)
        if name == "documents":
            mine, other = mine.drop(columns="source"), other.drop(columns="source")
        pd.testing.assert_frame_equal(mine, other, obj=name)
    assert res.documents.date.tolist() == ["2026-04-02", "2026-05-19"]
    assert "Σταυροπούλου" in res.tokens.text.tolist()
    with pytest.raises(elpipe.ElpipeError, match="only for files"):
        elpipe.analyze(["κείμενο"], encoding="windows-1253")


def test_float_ids_from_a_column_with_a_missing_id_are_integers():
    df = pd.DataFrame({"id": [7.0, None, 9.0], "text": ["Η Λαμία.", "Η Πάτρα.", "Η Καβάλα."]})
    assert df.id.dtype == "float64"
    res = elpipe.analyze(df)
    assert res.documents.doc_id.tolist() == ["7", "1", "9"]


def test_aliases_join_names_as_the_command_lines_aliases(tmp_path):
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("alias,canonical\nΕλένη,Ελένη Σταυροπούλου\n", encoding="utf-8")
    texts = ["Η Ελένη Σταυροπούλου μίλησε στη Λαμία.", "Η Ελένη έφυγε από τη Λαμία."]
    res = elpipe.analyze(texts, aliases=aliases)
    plain = elpipe.analyze(texts)
    assert "Ελένη" in set(plain.entities.canonical)  # without aliases a name apart
    assert "Ελένη" not in set(res.entities.canonical)
    joined = res.entity_frequencies.set_index("canonical").loc["Ελένη Σταυροπούλου"]
    assert joined.mentions == 2 and joined.documents == 2
