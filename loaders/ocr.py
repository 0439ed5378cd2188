"""Reading scanned PDF pages by OCR: Tesseract (Vietnamese model) on pages rendered by poppler's ``pdftoppm``.

A PDF page is read by OCR when it has no usable text layer (:func:`layer_usable`: no letters, or a garbage layer
left by a bad embedded OCR, ``THONGBAo``, ``Ph6 Ch[ tich``), or always / never as the caller asks
(:class:`OcrOptions` ``mode``: ``auto``, the default, ``always``, ``never``). Each page is one ``pdftoppm`` (300
dpi, grey) piped into one ``tesseract -l vie … tsv`` with ``OMP_THREAD_LIMIT=1`` (Tesseract's own threads cost
ten times more CPU on a small machine than they save), pages in parallel up to the cores. The text of a page is
rebuilt from Tesseract's words and their boxes (:func:`page_text`): words on the same visual line are joined
left to right, a wide gap between them (the two header columns) is kept as a wide gap, as ``pdftotext -layout``
writes it, so the header reads column-wise like a PDF export; each page keeps the mean of its words' confidences.

Bounds (:mod:`loaders.limits`): at most ``max_ocr_pages`` pages are read by OCR in one file and the whole file
gets ``max_ocr_seconds``; over either is a :class:`~loaders.errors.LimitError` naming the limit.

The OCR text of each page is cached by the file's sha256 (:func:`cache_dir`: ``$KG_OCR_CACHE``, else the user's
cache folder: ``~/.cache/chidao-kg/ocr`` (``$XDG_CACHE_HOME``), ``~/Library/Caches/chidao-kg/ocr``,
``%LOCALAPPDATA%\\chidao-kg\\cache\\ocr``), one JSON file per PDF, so reading the same scan again runs no OCR at
all. The cache holds Tesseract's text before clean-up, so new clean-up rules apply without reading again.

The tools are found on ``PATH`` (``shutil.which``) unless ``$KG_TESSERACT`` / ``$KG_PDFTOPPM`` name them (on
Windows, where they are rarely on the path). A missing tool or a missing Vietnamese model is one Vietnamese line
naming the file and what to install (:data:`MISSING_TOOLS`).
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator

from . import patterns
from .errors import InputError, LimitError
from .limits import Limits
from .tools import find, run_tool

__all__ = ["OcrOptions", "OcrPage", "MODES", "MISSING_TOOLS", "layer_usable", "is_syllable", "page_text", "ocr_pages",
           "cache_dir", "tools", "missing", "run", "using", "current_options"]

MODES = ("never", "auto", "always")
DPI = 300
LANG = "vie"
CACHE_VERSION = 1
MISSING_TOOLS = "PDF không có lớp chữ (bản quét): cần cài tesseract-ocr và tesseract-ocr-vie để đọc bản quét"
MISSING_POPPLER = "PDF không có lớp chữ (bản quét): cần cài poppler-utils (pdftoppm) để đọc bản quét"
MISSING_VIE = "PDF không có lớp chữ (bản quét): cần cài tesseract-ocr-vie (mô hình tiếng Việt của Tesseract) để đọc bản quét"

Progress = Callable[[int, int, int], None]  # (pages done, pages to read, page number just read, 1-based)


@dataclass(frozen=True)
class OcrOptions:
    """How a PDF's pages are read: ``mode`` (``never``: text layer only; ``auto``: OCR the pages without a usable
    text layer; ``always``: OCR every page), ``progress`` called after each page read by OCR, ``cache``
    (``None``: :func:`cache_dir`; ``False``: no cache), ``jobs`` (parallel pages; ``None``: the cores)."""

    mode: str = "auto"
    progress: Progress | None = None
    cache: Path | bool | None = None
    jobs: int | None = None

    def __post_init__(self):
        if self.mode not in MODES:
            raise ValueError(f"OCR mode must be one of {MODES}, not {self.mode!r}")

    @classmethod
    def from_env(cls, environ=None) -> "OcrOptions":
        """The defaults, with ``$KG_OCR`` (never / auto / always) applied when set to one of the modes.

        >>> OcrOptions.from_env({"KG_OCR": "never"}).mode, OcrOptions.from_env({}).mode
        ('never', 'auto')
        """
        env = os.environ if environ is None else environ
        mode = (env.get("KG_OCR") or "").strip().lower()
        return cls(mode=mode) if mode in MODES else cls()


_current: contextvars.ContextVar[OcrOptions | None] = contextvars.ContextVar("kg_ocr_options", default=None)


@contextlib.contextmanager
def using(options: OcrOptions) -> Iterator[OcrOptions]:
    """Make ``options`` the OCR options of every PDF read inside the block that is not given its own (the command
    line sets ``--ocr`` and its progress lines this way around its extractor)."""
    token = _current.set(options)
    try:
        yield options
    finally:
        _current.reset(token)


def current_options() -> OcrOptions:
    """The options set by :func:`using`, else :meth:`OcrOptions.from_env`."""
    return _current.get() or OcrOptions.from_env()


@dataclass(frozen=True)
class OcrPage:
    """One page read by OCR: its number (1-based), its text as Tesseract read it (rebuilt by :func:`page_text`),
    the mean confidence of its words (0-100) and how many words it has."""

    page: int
    text: str
    confidence: float
    words: int


# -- is a text layer usable? -----------------------------------------------------------------------------------

_TONES = dict.fromkeys(map(ord, "\u0300\u0301\u0303\u0309\u0323"))
_LETTER = re.compile(r"[^\W\d_]")
_TOKEN_EDGES = re.compile(r"^[^\w\[\]|{}]+|[^\w\[\]|{}]+$")
_ODD_INSIDE = re.compile(r"[\[\]|{}]|(?<=[^\W\d_])\d|\d(?=[^\W\d_])")  # 'Ch[', 'Ph6', 't1ch'


def _case_flipped(w: str) -> bool:
    """A small letter followed by a capital ('tHông'), or two capitals followed by a small letter ('THONGBAo')."""
    return any((a.islower() and b.isupper()) or (k >= 1 and w[k - 1].isupper() and a.isupper() and b.islower())
               for k, (a, b) in enumerate(zip(w, w[1:])))

_MIN_LETTERS = 20  # fewer letters on a page: no text layer (a scan, or an image with a stray caption)
_MIN_WORDS = 12  # fewer words: too few to judge their quality, the layer is taken as it is
_MAX_ODD_SHARE = 0.08  # words with a bracket or digit inside, or with their case flipped inside
_MIN_VIETNAMESE_SHARE = 0.15  # words with a Vietnamese letter: ~0.5 in any Vietnamese text, ~0 in a layer without accents
_MAX_JUNK_SHARE = 0.05  # characters no font should give: U+FFFD, private use, controls


@lru_cache(maxsize=1)
def _syllable() -> re.Pattern[str]:
    rule = patterns.load("ocr")["syllables"]
    alt = lambda xs: "|".join(sorted(map(re.escape, xs), key=len, reverse=True))  # noqa: E731
    return re.compile(f"(?:{alt(rule['initials'])})?(?:{alt(rule['vowels'])})(?:{alt(rule['finals'])})")


def is_syllable(word: str) -> bool:
    """Whether a word (any case) has the shape of a Vietnamese syllable, its tone mark set aside.

    >>> [is_syllable(w) for w in ("quyết", "Nghiêng", "khuỷu", "trién", "cdc", "Quyét")]
    [True, True, True, False, False, False]
    """
    w = unicodedata.normalize("NFC", unicodedata.normalize("NFD", word.lower()).translate(_TONES))
    return _syllable().fullmatch(w) is not None


def layer_usable(text: str) -> bool:
    """Whether a page's text layer can be read as it is: it has letters, and its words are not the garbage a bad
    embedded OCR leaves (brackets and digits inside words, case flipped inside words, a Vietnamese text without
    Vietnamese letters, characters of a font without a Unicode map).

    >>> layer_usable("Giao Sở Y tế chủ trì, phối hợp với các đơn vị liên quan rà soát hồ sơ, báo cáo Chủ tịch UBND tỉnh trước ngày 15/6/2026.")
    True
    >>> layer_usable("THONGBAo Ket luan cua Ph6 Ch[ tich UBND tinh Lao Cai tai buoi lam viec voi So Xay dung ngay 2l/7/2026 ve tinh hinh")
    False
    >>> layer_usable("   \\n 3  ")
    False
    """
    letters = len(_LETTER.findall(text))
    if letters < _MIN_LETTERS:
        return False
    junk = sum(1 for c in text if c == "\ufffd" or "\ue000" <= c <= "\uf8ff" or (c < " " and c not in "\t\n\r\f\v"))
    if junk > _MAX_JUNK_SHARE * len(text):
        return False
    words = []
    for raw in text.split():
        w = _TOKEN_EDGES.sub("", raw)
        if len(w) < 2 or not _LETTER.search(w) or "/" in w or "-" in w or "." in w:
            continue  # codes (7432/UBND-XD, QĐ-TTg), dates, abbreviations: not judged
        words.append(w)
    if len(words) < _MIN_WORDS:
        return True
    odd = sum(1 for w in words if _ODD_INSIDE.search(w) or (not w.isupper() and _case_flipped(w)))
    vietnamese = sum(1 for w in words if any(c > "\x7f" and c.isalpha() for c in w))
    small = [w for w in words if w.islower()]
    unshaped = sum(1 for w in small if not is_syllable(w))
    return odd <= _MAX_ODD_SHARE * len(words) and vietnamese >= _MIN_VIETNAMESE_SHARE * len(words) \
        and unshaped <= patterns.load("ocr")["syllables"]["max_odd_share"] * max(len(small), 1)


# -- the page's text from Tesseract's words ---------------------------------------------------------------------

_WIDE_GAP = 2.5  # a gap wider than this many times the line's height separates columns
_PARAGRAPH_GAP = 0.9  # a vertical gap wider than this many times the usual line height is a blank line


@dataclass
class _Word:
    left: int
    top: int
    width: int
    height: int
    conf: float
    text: str


def _tsv_words(tsv: str) -> list[_Word]:
    words = []
    lines = tsv.splitlines()
    for row in lines[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5":
            continue
        text = "\t".join(cells[11:]).strip()
        if not text:
            continue
        try:
            left, top, width, height = (int(c) for c in cells[6:10])
            conf = float(cells[10])
        except ValueError:
            continue
        words.append(_Word(left, top, width, height, conf, text))
    return words


def page_text(tsv: str) -> tuple[str, float, int]:
    """The text of a page from Tesseract's TSV output, with the mean confidence of its words and their number.

    Words whose boxes overlap vertically by half their height make one line (Tesseract puts the two header
    columns in separate blocks: here they sit side by side again), ordered left to right; a gap wider than
    2.5 line heights becomes a run of spaces (``pdftotext -layout`` style, which :mod:`loaders.normalize` reads
    as columns), and a vertical gap larger than usual between lines a blank line.

    >>> tsv = "\\n".join(["level\\tpage_num\\tblock_num\\tpar_num\\tline_num\\tword_num\\tleft\\ttop\\twidth\\theight\\tconf\\ttext",
    ...     "5\\t1\\t1\\t1\\t1\\t1\\t400\\t238\\t80\\t50\\t96.9\\tỦY", "5\\t1\\t1\\t1\\t1\\t2\\t495\\t238\\t117\\t50\\t96.3\\tBAN",
    ...     "5\\t1\\t2\\t1\\t1\\t1\\t1206\\t240\\t154\\t50\\t95.0\\tCỘNG", "5\\t1\\t1\\t1\\t2\\t1\\t468\\t303\\t141\\t50\\t43.2\\tTỈNH"])
    >>> text, conf, n = page_text(tsv)
    >>> text.splitlines()
    ['ỦY BAN                        CỘNG', 'TỈNH']
    >>> round(conf, 1), n
    (82.8, 4)
    """
    return _layout(_tsv_words(tsv))


def _layout(words: list[_Word]) -> tuple[str, float, int]:
    if not words:
        return "", 0.0, 0
    words.sort(key=lambda w: (w.top + w.height / 2, w.left))
    lines: list[list[_Word]] = []
    for w in words:
        mid = w.top + w.height / 2
        for line in reversed(lines[-6:]):  # the lines just above: a header's columns arrive a few lines apart
            top = min(x.top for x in line)
            bottom = max(x.top + x.height for x in line)
            if top <= mid <= bottom and not any(x.left < w.left + w.width and w.left < x.left + x.width for x in line):
                line.append(w)
                break
        else:
            lines.append([w])
    heights = [statistics.median(x.height for x in line) for line in lines]
    usual = statistics.median(heights) if heights else 1
    out: list[str] = []
    prev_bottom = None
    for line in sorted(lines, key=lambda l: min(x.top for x in l)):
        line.sort(key=lambda x: x.left)
        h = statistics.median(x.height for x in line)
        top = min(x.top for x in line)
        if prev_bottom is not None and top - prev_bottom > _PARAGRAPH_GAP * usual and out and out[-1]:
            out.append("")
        prev_bottom = max(x.top + x.height for x in line)
        s = line[0].text
        for a, b in zip(line, line[1:]):
            gap = b.left - (a.left + a.width)
            s += " " * max(10, round(gap / max(h, 1) * 2)) if gap > _WIDE_GAP * h else " "
            s += b.text
        out.append(s)
    scored = [w.conf for w in words if w.conf >= 0]
    return "\n".join(out), (sum(scored) / len(scored) if scored else 0.0), len(words)


# -- the tools -----------------------------------------------------------------------------------------------------

_lock = threading.Lock()
_langs: dict[str, frozenset[str]] = {}


def tools() -> tuple[str | None, str | None]:
    """The ``tesseract`` and ``pdftoppm`` commands (``$KG_TESSERACT`` / ``$KG_PDFTOPPM``, else on ``PATH``), or
    ``None`` for each one missing."""
    return find(("tesseract",), "KG_TESSERACT"), find(("pdftoppm",), "KG_PDFTOPPM")


def _env() -> dict[str, str]:
    return {**os.environ, "OMP_THREAD_LIMIT": "1"}


def run(args: list[str], *, input: bytes | None = None, timeout: float | None = None) -> bytes:
    """Run one tool (an argument list, never a shell) and return its standard output; raises
    ``subprocess.CalledProcessError`` or ``subprocess.TimeoutExpired``. Every OCR command goes through here."""
    done = run_tool(args, input=input, timeout=timeout, env=_env())
    if done.returncode:
        raise subprocess.CalledProcessError(done.returncode, args, done.stdout, done.stderr)
    return done.stdout


def _languages(tesseract: str) -> frozenset[str]:
    with _lock:
        if tesseract not in _langs:
            try:
                out = run([tesseract, "--list-langs"], timeout=30).decode("utf-8", "replace")
            except (OSError, subprocess.SubprocessError):
                out = ""
            _langs[tesseract] = frozenset(l.strip() for l in out.splitlines()[1:] if l.strip())
        return _langs[tesseract]


def missing() -> str | None:
    """What is missing to read scans (the Vietnamese line said for a file, without the file), or None."""
    tesseract, pdftoppm = tools()
    if tesseract is None:
        return MISSING_TOOLS
    if pdftoppm is None:
        return MISSING_POPPLER
    if LANG not in _languages(tesseract):
        return MISSING_VIE
    return None


def _check_tools(path: str) -> tuple[str, str]:
    tesseract, pdftoppm = tools()
    if tesseract is None:
        raise InputError(path, MISSING_TOOLS)
    if pdftoppm is None:
        raise InputError(path, MISSING_POPPLER)
    if LANG not in _languages(tesseract):
        raise InputError(path, MISSING_VIE)
    return tesseract, pdftoppm


# -- the cache -------------------------------------------------------------------------------------------------------

def cache_dir(environ=None) -> Path:
    """Where OCR text is cached: ``$KG_OCR_CACHE``, else ``chidao-kg/ocr`` in the user's cache folder
    (``%LOCALAPPDATA%`` on Windows, ``~/Library/Caches`` on macOS, ``$XDG_CACHE_HOME`` or ``~/.cache`` elsewhere).

    >>> cache_dir({"KG_OCR_CACHE": "/tmp/ocr-cache"}).as_posix()
    '/tmp/ocr-cache'
    """
    env = os.environ if environ is None else environ
    if env.get("KG_OCR_CACHE"):
        return Path(env["KG_OCR_CACHE"])
    if sys.platform == "win32":
        base = Path(env.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "chidao-kg" / "cache" / "ocr"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "chidao-kg" / "ocr"
    return Path(env.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "chidao-kg" / "ocr"


def _cache_file(options: OcrOptions, sha256: str) -> Path | None:
    if options.cache is False:
        return None
    base = cache_dir() if options.cache in (None, True) else Path(options.cache)
    return base / f"{sha256}.json"


def _cache_load(file: Path | None) -> dict[int, OcrPage]:
    if file is None:
        return {}
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        if data.get("version") != CACHE_VERSION or data.get("dpi") != DPI or data.get("lang") != LANG:
            return {}
        return {int(k): OcrPage(int(k), v["text"], float(v["confidence"]), int(v["words"]))
                for k, v in data["pages"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}  # no cache yet, or a damaged one: read again


def _cache_store(file: Path | None, pages: dict[int, OcrPage]) -> None:
    if file is None:
        return
    data = {"version": CACHE_VERSION, "dpi": DPI, "lang": LANG,
            "pages": {str(p.page): {"text": p.text, "confidence": round(p.confidence, 2), "words": p.words}
                      for p in sorted(pages.values(), key=lambda p: p.page)}}
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=file.name + ".", suffix=".tmp", dir=file.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False)
        os.replace(tmp, file)
    except OSError:
        with contextlib.suppress(OSError, UnboundLocalError):
            os.unlink(tmp)  # a read-only cache folder: the text is still returned, only not kept


# -- reading pages -------------------------------------------------------------------------------------------------

def _read_page(tesseract: str, pdftoppm: str, pdf: str, page: int, deadline: float) -> OcrPage:
    left = deadline - time.monotonic()
    if left <= 0:
        raise subprocess.TimeoutExpired("ocr", 0)
    image = run([pdftoppm, "-r", str(DPI), "-gray", "-f", str(page), "-l", str(page), "-singlefile", pdf],
                timeout=left)
    left = deadline - time.monotonic()
    if left <= 0:
        raise subprocess.TimeoutExpired("ocr", 0)
    tsv = run([tesseract, "-", "stdout", "-l", LANG, "tsv"], input=image, timeout=left).decode("utf-8", "replace")
    words = _tsv_words(tsv)
    if NUMBERS_LANG in _languages(tesseract):
        for w in words:
            if _doubtful_number(w) and time.monotonic() < deadline:
                _reread_number(tesseract, image, w, deadline)
    text, conf, n = _layout(words)
    return OcrPage(page, text, round(conf, 2), n)  # as the cache keeps it: a second read gives the same record


# -- numbers read again -----------------------------------------------------------------------------------------
# The Vietnamese model misreads digits in bold, italic or stamped numbers ('15/4/2026.' in bold italic read as
# '15⁄4⁄20%.', a stamped day '21' as '2]'); read once more alone, as one line of digits, they come out right.
NUMBERS_LANG = "eng"
_NUMBER_CHARS = "0123456789/.,-:()"
_MAX_NUMBER_CONF = 70.0  # a number read with less confidence than this is read again
_MIN_REREAD_CONF = 60.0  # the second reading is taken when at least this sure, and surer than the first
_ODD_IN_NUMBER = re.compile(r"[^0-9/.,\-:();]")


def _doubtful_number(w: _Word) -> bool:
    """A word that is mostly a number (digits, at most one letter, which may be a misread digit) read with low
    confidence or with characters no number has."""
    digits = sum(c.isdigit() for c in w.text)
    letters = sum(c.isalpha() for c in w.text)
    return digits >= 1 and letters <= 1 and (w.conf < _MAX_NUMBER_CONF or bool(_ODD_IN_NUMBER.search(w.text)))


def _crop_pgm(image: bytes, x0: int, y0: int, x1: int, y1: int) -> bytes | None:
    """A rectangle of a binary 8-bit PGM (what ``pdftoppm -gray`` writes), or None for another format."""
    m = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", image)
    if m is None:
        return None
    width, height, start = int(m.group(1)), int(m.group(2)), m.end()
    x0, y0, x1, y1 = max(0, x0), max(0, y0), min(width, x1), min(height, y1)
    if x1 <= x0 or y1 <= y0:
        return None
    rows = b"".join(image[start + y * width + x0:start + y * width + x1] for y in range(y0, y1))
    return b"P5\n%d %d\n255\n" % (x1 - x0, y1 - y0) + rows


def _reread_number(tesseract: str, image: bytes, w: _Word, deadline: float) -> None:
    """Read the word's box again as one line of number characters; keep the new reading when it is sure, surer
    than the first, and drops no character (a day '2]' may become '21', never '2')."""
    pad = max(6, w.height // 3)
    crop = _crop_pgm(image, w.left - pad, w.top - pad, w.left + w.width + pad, w.top + w.height + pad)
    if crop is None:
        return
    try:
        tsv = run([tesseract, "-", "stdout", "-l", NUMBERS_LANG, "--psm", "7", "-c",
                   f"tessedit_char_whitelist={_NUMBER_CHARS}", "tsv"], input=crop,
                  timeout=max(0.1, deadline - time.monotonic())).decode("utf-8", "replace")
    except (OSError, subprocess.SubprocessError):
        return
    again = _tsv_words(tsv)
    if len(again) != 1:
        return
    new = again[0]
    if new.conf >= _MIN_REREAD_CONF and new.conf > w.conf and len(w.text) <= len(new.text) <= len(w.text) + 1:
        w.text, w.conf = new.text, new.conf


def ocr_pages(path: str, raw: bytes, pages: list[int], limits: Limits, options: OcrOptions,
              sha256: str | None = None) -> dict[int, OcrPage]:
    """Read ``pages`` (1-based) of the PDF ``raw`` by OCR, from the cache where it has them; the others are read
    (pages in parallel up to ``options.jobs`` or the cores), cached, and reported to ``options.progress``.

    Raises :class:`~loaders.errors.InputError` when a tool is missing or fails on the file,
    :class:`~loaders.errors.LimitError` over ``limits.max_ocr_pages`` or ``limits.max_ocr_seconds``."""
    sha256 = sha256 or hashlib.sha256(raw).hexdigest()
    file = _cache_file(options, sha256)
    cached = _cache_load(file)
    todo = [p for p in pages if p not in cached]
    if len(pages) > limits.max_ocr_pages:
        raise LimitError(path, f"PDF có {len(pages)} trang cần nhận dạng chữ (OCR), vượt giới hạn "
                               f"{limits.max_ocr_pages} trang", "max_ocr_pages")
    done = {p: cached[p] for p in pages if p in cached}
    if not todo:
        return done
    tesseract, pdftoppm = _check_tools(path)
    deadline = time.monotonic() + limits.max_ocr_seconds
    jobs = max(1, min(options.jobs or os.cpu_count() or 1, len(todo)))
    too_slow = LimitError(path, f"nhận dạng chữ (OCR) quá {limits.max_ocr_seconds} giây, vượt giới hạn "
                                f"(đã đọc {len(done)}/{len(pages)} trang)", "max_ocr_seconds")
    with tempfile.TemporaryDirectory(prefix="kg-ocr-") as tmp:
        pdf = str(Path(tmp) / "scan.pdf")  # the bytes that were hashed, whatever happens to the file meanwhile
        Path(pdf).write_bytes(raw)
        pool = ThreadPoolExecutor(max_workers=jobs)
        try:
            futures = {pool.submit(_read_page, tesseract, pdftoppm, pdf, p, deadline): p for p in todo}
            pending = set(futures)
            while pending:
                finished, pending = wait(pending, timeout=max(0.0, deadline - time.monotonic()) + 1,
                                         return_when=FIRST_EXCEPTION)
                for f in finished:
                    try:
                        page = f.result()
                    except subprocess.TimeoutExpired:
                        raise too_slow from None
                    except subprocess.CalledProcessError as e:
                        tool = Path(str(e.cmd[0])).stem
                        said = " ".join(e.stderr.decode("utf-8", "replace").split())[:160] if e.stderr else ""
                        raise InputError(path, f"{tool} không đọc được trang {futures[f]} của PDF"
                                               + (f" ({said})" if said else "")) from None
                    except OSError as e:
                        raise InputError(path, f"không chạy được công cụ nhận dạng chữ ({e.strerror or e})") from None
                    done[page.page] = page
                    if options.progress is not None:
                        options.progress(len(done), len(pages), page.page)
                if not finished and time.monotonic() > deadline:
                    raise too_slow
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
            if len(done) > len(cached):
                _cache_store(file, {**cached, **done})
    return done
