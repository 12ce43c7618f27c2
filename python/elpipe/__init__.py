"""elpipe from Python: Modern Greek corpora to pandas DataFrames.

    >>> import elpipe
    >>> res = elpipe.analyze(df, text="text", id="id", keep=["date", "outlet"])
    >>> res.entity_frequencies.head()

The documents are processed by the same Rust code as ``elpipe run`` (threads, batches,
corpus-wide canonical names); the tables come back as Arrow record batches through the Arrow
C data interface, then as DataFrames with the column types of the Parquet tables:

* ids and text columns (``doc_id``, ``text``, ``norm``, ``canonical``, kept fields...) are
  strings, never NaN: the token «NA» stays the string ``"NA"``;
* offsets, indices and counts are ``int64``; ``stopword`` is ``bool``;
* ``kind``, ``iob``, ``entity_type``, ``type``, ``tagged_type``, ``type_a``, ``type_b``,
  ``lang`` and ``status`` are categoricals (no entity type, no language: NaN);
* ``lang_confidence`` is a float (NaN when no language was identified).
"""

from __future__ import annotations

import csv
import math
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from . import _elpipe
from ._elpipe import ElpipeError

__version__ = _elpipe.__version__

__all__ = [
    "analyze",
    "process",
    "read_tables",
    "Result",
    "Document",
    "Token",
    "Entity",
    "ElpipeError",
    "TABLES",
    "__version__",
]

#: The tables ``elpipe run`` writes by default, in its order.
TABLES = (
    "documents",
    "tokens",
    "entities",
    "entity_frequencies",
    "cooccurrences",
    "terms",
)
#: The tables made on request: ``entity_keyness`` (with ``group_by``) and ``concordance``.
MORE_TABLES = ("entity_keyness", "concordance")


def _string_dtype():
    """Arrow-backed strings: a fraction of the memory of Python string objects."""
    return pd.StringDtype("pyarrow")


def _frame(table: pa.Table) -> pd.DataFrame:
    """A table as a DataFrame with elpipe's dtypes (see the module docstring)."""
    strings = _string_dtype()

    def mapper(arrow_type):
        if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
            return strings
        return None

    df = table.to_pandas(types_mapper=mapper)
    for name in df.columns:
        column = df[name]
        if isinstance(column.dtype, pd.CategoricalDtype):
            # Categories in a fixed order, whatever order the batches met them in.
            categories = sorted(str(c) for c in column.cat.categories)
            df[name] = column.cat.set_categories(categories)
    return df


class Result:
    """The tables of a run: ``.documents .tokens .entities .entity_frequencies
    .cooccurrences .terms`` as pandas DataFrames (converted on first access), ``.arrow`` as
    pyarrow Tables, ``.summary`` the run's totals and ``.warnings`` one line per document that
    was not read or processed cleanly (as ``elpipe run`` prints them: the first 50;
    ``.summary["messages_not_shown"]`` counts the others, and the ``message`` column of
    ``.documents`` has every one)."""

    def __init__(self, arrow: Dict[str, pa.Table], summary=None, warnings=()):
        self.arrow = dict(arrow)
        self.summary = dict(summary or {})
        self.warnings = list(warnings)
        self._frames: Dict[str, pd.DataFrame] = {}

    def frame(self, name: str) -> pd.DataFrame:
        """The table ``name`` as a DataFrame (KeyError when the run did not make it)."""
        if name not in self._frames:
            if name not in self.arrow:
                raise KeyError(
                    f"no table {name!r} in this result (tables: {', '.join(self.arrow)})"
                )
            self._frames[name] = _frame(self.arrow[name])
        return self._frames[name]

    def __getattr__(self, name: str) -> pd.DataFrame:
        if name.startswith("_") or name not in self.__dict__.get("arrow", {}):
            if name in TABLES:
                raise AttributeError(
                    f"this result has no {name} table (made with tables={list(self.arrow)})"
                )
            raise AttributeError(name)
        return self.frame(name)

    def __dir__(self):
        return sorted(set(super().__dir__()) | set(self.arrow))

    def __repr__(self) -> str:
        sizes = ", ".join(f"{n}: {t.num_rows} rows" for n, t in self.arrow.items())
        return f"<elpipe.Result {sizes}>"

    def to_parquet(self, folder) -> None:
        """Writes ``TABLE.parquet`` for every table into ``folder``, as
        ``elpipe run --output-format parquet`` writes them."""
        self._write(folder, "parquet")

    def to_csv(self, folder) -> None:
        """Writes ``TABLE.csv`` for every table into ``folder``, byte for byte as
        ``elpipe run`` writes them."""
        self._write(folder, "csv")

    def _write(self, folder, format: str) -> None:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        for name, table in self.arrow.items():
            _elpipe.write_table(table.to_reader(), str(folder), name, format)


def _workdir() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix="elpipe-")


def _text(value: Any) -> str:
    """A metadata value as text, as ``elpipe run`` reads JSON values: strings as they are,
    numbers and booleans as JSON writes them, missing values empty."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and math.isnan(value):
        return ""
    if value is pd.NaT:
        return ""
    if isinstance(value, pd.Timestamp) or hasattr(value, "isoformat"):
        if isinstance(value, pd.Timestamp) and value == value.normalize() and value.tz is None:
            return value.date().isoformat()
        return value.isoformat()
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    if hasattr(value, "item"):  # numpy scalars
        return _text(value.item())
    return str(value)


def _id(value: Any) -> Optional[str]:
    """An id as text; a whole float is an integer id (pandas makes ids floats when one is
    missing: 7.0 is the id «7»)."""
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _text(value)
    return text or None


def _columns(data, text: str, id: str, keep: Sequence[str]):
    """Texts, ids and kept metadata columns of in-memory data."""
    if isinstance(data, pd.DataFrame):
        if text not in data.columns:
            raise ElpipeError(
                f"no text column `{text}` in the DataFrame (columns: {', '.join(map(str, data.columns))})"
            )
        texts = data[text].tolist()
        ids = (
            [_id(v) for v in data[id].tolist()]
            if id in data.columns
            else [_id(v) for v in data.index.tolist()]
        )
        metadata = [
            [_text(v) for v in data[k].tolist()] if k in data.columns else [""] * len(data)
            for k in keep
        ]
        return texts, ids, metadata
    records = list(data)
    if all(isinstance(r, str) for r in records):
        return records, [None] * len(records), [[""] * len(records) for _ in keep]
    texts, ids = [], []
    metadata: List[List[str]] = [[] for _ in keep]
    for i, record in enumerate(records):
        if isinstance(record, str):
            record = {text: record}
        if not isinstance(record, dict):
            raise ElpipeError(
                f"data[{i}] is {type(record).__name__}: expected a string or a dict"
            )
        texts.append(record.get(text))
        ids.append(_id(record.get(id)))
        for column, k in zip(metadata, keep):
            column.append(_text(record.get(k)))
    return texts, ids, metadata


def analyze(
    data,
    text: str = "text",
    id: str = "id",
    keep: Optional[Sequence[str]] = None,
    group_by: Optional[str] = None,
    tables: Optional[Sequence[str]] = None,
    threads: Optional[int] = None,
    model=None,
    *,
    keep_duplicate_lines: bool = False,
    tagging: bool = True,
    period: Optional[str] = None,
    context: Optional[int] = None,
    aliases=None,
    stopwords=None,
    format: Optional[str] = None,
    encoding: Optional[str] = None,
    delimiter: Optional[str] = None,
    max_record_size: Optional[int] = None,
) -> Result:
    """Processes a corpus and returns its tables as a :class:`Result`.

    ``data`` is a path (a file or a folder, read exactly as ``elpipe run PATH`` reads it:
    .txt, .jsonl, .csv, .conll, .gz), a list of paths, a list of strings (one document each),
    an iterable of dicts, or a pandas DataFrame. ``text`` and ``id`` name the text and id
    fields or columns (a missing id becomes the record's position, or the DataFrame's index);
    ``keep`` names the metadata columns carried into ``documents`` (``--keep-fields``);
    ``group_by`` a kept field splitting ``entity_frequencies`` (``--group-by``); ``tables``
    the tables to make (default: all six); ``threads`` the worker threads (default: one per
    core); ``model`` a shipped model's name (``elner4``, ``elner18``) or a file from
    ``elpipe train``; ``period`` (``day``, ``week``, ``month``, ``year``) buckets the
    ``group_by`` dates (``--period``); ``context`` is ``--context`` of the concordance;
    ``aliases`` and ``stopwords`` name the files of ``--aliases`` and ``--stopwords``;
    ``tagging=False`` is ``--no-tagging``; ``keep_duplicate_lines`` is
    ``--keep-duplicate-lines``. For paths only, as the command line reads files: ``format``
    (``auto``, ``txt``, ``jsonl``, ``csv``, ``conll``), ``encoding`` (a WHATWG label such as
    ``windows-1253``), ``delimiter`` (a CSV delimiter: one character or ``tab``) and
    ``max_record_size`` (bytes).

    Raises :class:`ElpipeError` with the message ``elpipe run`` prints (a missing input, an
    unknown table...). Documents that cannot be processed do not raise: they keep their
    ``status`` and ``message`` in ``documents`` and are listed in ``Result.warnings``.
    """
    keep = list(keep or [])
    options = dict(
        keep_fields=keep,
        group_by=group_by,
        tables=list(tables) if tables is not None else None,
        threads=threads,
        model=os.fspath(model) if model is not None else None,
        keep_duplicate_lines=keep_duplicate_lines,
        tagging=tagging,
        period=period,
        context=context,
        aliases=os.fspath(aliases) if aliases is not None else None,
        stopwords=os.fspath(stopwords) if stopwords is not None else None,
    )
    reading = dict(
        format=format, encoding=encoding, delimiter=delimiter, max_record_size=max_record_size
    )
    if group_by is not None and group_by not in keep:
        keep.append(group_by)
    paths = None
    if isinstance(data, (str, os.PathLike)):
        paths = [os.fspath(data)]
    elif (
        isinstance(data, (list, tuple))
        and data
        and all(isinstance(p, os.PathLike) for p in data)
    ):
        paths = [os.fspath(p) for p in data]
    with _workdir() as workdir:
        if paths is not None:
            out = _elpipe.analyze_paths(
                paths, text_field=text, id_field=id, workdir=workdir, **options, **reading
            )
        else:
            given = [name for name, value in reading.items() if value is not None]
            if given:
                raise ElpipeError(
                    f"{', '.join(given)}: only for files (data given as a path); "
                    "in-memory data is already text"
                )
            texts, ids, metadata = _columns(data, text, id, keep)
            out = _elpipe.analyze_records(
                texts, ids, metadata, text_field=text, workdir=workdir, **options
            )
    arrow = {name: reader.read_all() for name, reader in out["tables"].items()}
    return Result(arrow, out["summary"], out["warnings"])


def _schemas() -> Dict[str, pa.Schema]:
    with _workdir() as workdir:
        return dict(_elpipe.schemas(workdir))


def _read_csv(path: Path, schema: Optional[pa.Schema]) -> pa.Table:
    """A CSV table with the column types of its Parquet twin: every field is read as text
    (no «NA» or «null» becomes missing), then typed by the table's schema; columns it does
    not know (kept fields, the group field) stay text."""
    with open(path, encoding="utf-8", newline="") as f:
        header = next(csv.reader(f), [])
    read = pacsv.read_csv(
        path,
        convert_options=pacsv.ConvertOptions(
            column_types={name: pa.string() for name in header},
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )
    types = {f.name: f for f in schema} if schema is not None else {}
    columns, fields = [], []
    for name, column in zip(read.column_names, read.columns):
        known = types.get(name)
        kind = known.type if known is not None else pa.string()
        empty = pc.equal(column, "")
        if pa.types.is_int64(kind):
            column = pc.cast(column, pa.int64())
        elif pa.types.is_boolean(kind):
            column = pc.equal(column, "true")
        elif pa.types.is_floating(kind):
            column = pc.cast(pc.if_else(empty, None, column), kind)
        elif pa.types.is_dictionary(kind):
            column = pc.if_else(empty, None, column).dictionary_encode()
        fields.append(
            known
            if known is not None
            else pa.field(name, pa.string(), nullable=False)
        )
        columns.append(column)
    return pa.Table.from_arrays(columns, schema=pa.schema(fields))


def read_tables(folder, tables: Optional[Sequence[str]] = None) -> Result:
    """Loads the tables of an ``elpipe run`` output folder (``TABLE.parquet`` where it exists,
    else ``TABLE.csv``) with the same dtypes as :func:`analyze` returns."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ElpipeError(f"{folder}: not a folder of elpipe tables")
    names = tables
    if names is None:
        stems = {
            p.stem
            for p in folder.iterdir()
            if p.suffix in (".csv", ".parquet") and not p.name.startswith(".")
        }
        known = TABLES + MORE_TABLES
        names = [t for t in known if t in stems] + sorted(stems - set(known))
    schemas = None
    arrow = {}
    for name in names:
        parquet = folder / f"{name}.parquet"
        if parquet.exists():
            arrow[name] = pq.read_table(parquet)
            continue
        path = folder / f"{name}.csv"
        if not path.exists():
            raise ElpipeError(f"{folder}: no {name}.parquet or {name}.csv")
        if schemas is None:
            schemas = _schemas()
        arrow[name] = _read_csv(path, schemas.get(name))
    return Result(arrow)


@dataclass(frozen=True)
class Token:
    """A token: code-point offsets ``start``/``end`` (end exclusive) into the text."""

    sentence: int
    start: int
    end: int
    text: str
    norm: str
    stem: str
    stopword: bool
    iob: str
    entity_type: Optional[str]
    kind: str


@dataclass(frozen=True)
class Entity:
    """An entity mention: ``label`` as tagged, ``canonical`` its nominative full name within
    the document."""

    sentence: int
    start: int
    end: int
    text: str
    label: str
    canonical: str


@dataclass(frozen=True)
class Document:
    """One processed text, like spaCy's ``nlp(text)``."""

    text: str
    lang: str
    lang_confidence: Optional[float]
    sentences: int
    status: str
    message: str
    tokens: List[Token] = field(default_factory=list)
    entities: List[Entity] = field(default_factory=list)

    def __iter__(self):
        return iter(self.tokens)

    def __len__(self) -> int:
        return len(self.tokens)


def process(text: str, model=None) -> Document:
    """Processes one text: its tokens and entity mentions with code-point offsets.
    Canonical names are the document's own (``analyze`` also merges across documents)."""
    if not isinstance(text, str):
        raise TypeError(f"process() takes a string, not {type(text).__name__}")
    lang, confidence, sentences, status, message, tokens, entities = _elpipe.process(
        text, os.fspath(model) if model is not None else None
    )
    return Document(
        text=text,
        lang=lang,
        lang_confidence=confidence,
        sentences=sentences,
        status=status,
        message=message,
        tokens=[Token(*t) for t in tokens],
        entities=[Entity(*e) for e in entities],
    )
