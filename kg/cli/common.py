"""What every ``kg`` command shares: errors, running the extractor over files, the store and output options.

Command modules (:mod:`kg.cli.extract`, :mod:`kg.cli.graph`, :mod:`kg.cli.store`) import from here,
never from each other. Messages for users are one Vietnamese line (``Lỗi: <what>: <reason>``).
"""

from __future__ import annotations

import csv
import functools
import io
import json
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

import click

from kg import tables
from loaders.errors import InputError
from loaders.read import SUPPORTED_SUFFIXES

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

# ---------------------------------------------------------------------------------------
# errors


class KgError(click.ClickException):
    """A failure of the whole command (not of one file): ``Lỗi: <message>``, exit code 1."""

    def show(self, file=None) -> None:
        click.echo(f"Lỗi: {self.format_message()}", err=True)


def one_line(s: str, limit: int = 400) -> str:
    s = " ".join(str(s).split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


# ---------------------------------------------------------------------------------------
# running the extractor over many files


@dataclass
class Outcome:
    """One input file: its record, or the one-line error message."""

    path: str
    record: dict | None = None
    error: str | None = None  # "<path>: <reason>", without the "Lỗi: " prefix
    text: str | None = None  # the record as JSON text, once rendered


def load_extractor() -> Callable[[str], dict]:
    try:
        from loaders import extract
    except Exception as e:  # the whole command is unusable: say so once
        raise KgError(
            f"không nạp được bộ trích xuất loaders.extract ({type(e).__name__}: {one_line(e)})") from e

    def run(path: str) -> dict:
        return extract.extract_path(path)  # looked up per call, so tests can patch it

    return run


def expand_inputs(paths: Iterable[str]) -> list[Outcome]:
    """Files named on the command line; a directory stands for its .txt/.md files (sorted).

    A directory without such files becomes an error outcome. Repeated files are kept once.
    """
    out: list[Outcome] = []
    seen: set[str] = set()

    def add(p: str) -> None:
        key = os.path.realpath(p)
        if key not in seen:
            seen.add(key)
            out.append(Outcome(p))

    for p in paths:
        if os.path.isdir(p):
            try:
                names = sorted(n for n in os.listdir(p)
                               if not n.startswith(".") and os.path.splitext(n)[1].lower() in SUPPORTED_SUFFIXES
                               and os.path.isfile(os.path.join(p, n)))
            except OSError as e:
                out.append(Outcome(p, error=f"{p}: không đọc được thư mục ({e.strerror or e})"))
                continue
            if not names:
                exts = ", ".join(SUPPORTED_SUFFIXES)
                out.append(Outcome(p, error=f"{p}: thư mục không có tệp {exts}"))
            for n in names:
                add(os.path.join(p, n))
        else:
            add(p)
    return out


def extract_all(items: list[Outcome], extractor: Callable[[str], dict]) -> Iterator[Outcome]:
    """Run the extractor on each item; every failure becomes ``item.error``, never a traceback."""
    for item in items:
        if item.error is None:
            try:
                rec = extractor(item.path)
                if not isinstance(rec, dict):
                    raise TypeError(f"bộ trích xuất trả về {type(rec).__name__}, không phải dict")
                item.record = rec
            except InputError as e:
                item.error = one_line(e)
            except Exception as e:  # noqa: BLE001 - one broken file must not stop the batch
                item.error = one_line(f"{item.path}: lỗi không mong đợi khi trích xuất ({type(e).__name__}: {e})")
        yield item


def report_error(item: Outcome) -> None:
    click.echo(f"Lỗi: {item.error}", err=True)


def to_json(rec: object, compact: bool) -> str:
    if compact:
        return json.dumps(rec, ensure_ascii=False, separators=(",", ":"))
    return json.dumps(rec, ensure_ascii=False, indent=2)


def nfc_key(s: str) -> str:
    return " ".join(unicodedata.normalize("NFC", s).casefold().split())


# ---------------------------------------------------------------------------------------
# the graph store and listings


def store_option(f: Callable) -> Callable:
    return click.option("--store", "store", type=click.Path(path_type=Path), envvar="KG_STORE", default=None,
                        help="Graph store file (default: $KG_STORE or ~/.local/share/chidao-kg/graph.lbug).")(f)


def output_options(f: Callable) -> Callable:
    f = click.option("--csv", "as_csv", is_flag=True, help="Output CSV.")(f)
    f = click.option("--json", "as_json", is_flag=True, help="Output JSON.")(f)
    return f


def open_store(store: Path | None):
    """The :class:`kg.graph.KnowledgeGraph` at ``store`` (or the default store); a failure is a KgError."""
    from kg.graph import KnowledgeGraph, default_store_path

    path = store or default_store_path()
    try:
        return KnowledgeGraph.open(path)
    except Exception as e:  # noqa: BLE001 — a store that cannot be opened ends the command
        raise KgError(f"{path}: không mở được kho đồ thị ({type(e).__name__}: {one_line(e)})") from e


def graph_errors(f: Callable) -> Callable:
    """NotFound / Ambiguous become one 'Lỗi:' line (candidates listed before it), exit code 1."""

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        from kg.graph import Ambiguous, NotFound

        try:
            return f(*args, **kwargs)
        except Ambiguous as e:
            click.echo("Có nhiều kết quả phù hợp:", err=True)
            for c in e.candidates:
                click.echo("  - " + " | ".join(str(c.get(k)) for k in ("number", "name", "type", "scope", "key", "path")
                                              if c.get(k)),
                           err=True)
            raise KgError(f"{e} — hãy ghi rõ hơn") from e
        except NotFound as e:
            raise KgError(str(e)) from e

    return wrapper


def emit(rows: list[dict], columns: list[tuple[str, str]], as_json: bool, as_csv: bool,
         payload: object | None = None, max_widths: dict[int, int] | None = None) -> None:
    """Rows as a table (Vietnamese headers), JSON (``payload`` if given) or CSV."""
    if as_json:
        click.echo(json.dumps(payload if payload is not None else rows, ensure_ascii=False, indent=2, default=str))
        return
    if as_csv:
        buf = io.StringIO()
        w = csv.writer(buf)
        keys = ["text" if k == "text_short" else k for k, _ in columns]  # machines get the whole text
        w.writerow(keys)
        for r in rows:
            w.writerow(["; ".join(map(str, v)) if isinstance(v, list) else ("" if v is None else v)
                        for v in (r.get(k) for k in keys)])
        click.echo(buf.getvalue(), nl=False)
        return
    if not rows:
        click.echo("(không có kết quả)")
        return
    click.echo(tables.table([h for _, h in columns], [[r.get(k) for k, _ in columns] for r in rows],
                            max_widths=max_widths or {}))


def short(text: str | None, n: int = 90) -> str | None:
    if not text:
        return text
    return text if len(text) <= n else text[: n - 1] + "…"
