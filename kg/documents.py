"""Load fact-sheet documents: plain text, Markdown and HTML (visible text only).

Bad input is reported as :class:`kg.model.KgError` with a one-line message: empty files, binary
files, files over the size limit, undecodable text. Text that is not UTF-8 is read as
Windows-1252 when it is plainly English prose in it, else with the encoding charset-normalizer
detects when it is sure, and a warning names the encoding; when no encoding is certain the file is
refused with a hint to pass ``--encoding`` (never mojibake). The encoding can be given per call or
for a whole run in the ``KG_ENCODING`` environment variable (which ``kg --encoding`` sets, so worker
processes see it too).

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "demo.txt"
>>> _ = p.write_text("INL trained 40 judges.", encoding="utf-8")
>>> load_document(p).text
'INL trained 40 judges.'
"""

from __future__ import annotations

import codecs
import contextlib
import os
import stat
import unicodedata
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.model import Document, KgError

#: File suffixes read as fact sheets.
DOCUMENT_SUFFIXES: frozenset[str] = frozenset({".txt", ".md", ".html", ".htm", ".pdf"})
#: The character that separates the pages of a PDF in its stored text.
PAGE_BREAK = "\f"
#: Default largest document accepted (fact sheets are a few kilobytes).
MAX_BYTES: int = 5 * 1024 * 1024
#: Environment variable naming the encoding of every document of a run (``kg --encoding``).
ENV_ENCODING = "KG_ENCODING"

_HIDDEN_TAGS = ("script", "style", "noscript", "template", "head", "svg", "iframe", "object")
_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)


#: Names of a folder's own documentation, not fact sheets.
_FOLDER_DOCS = frozenset({"README", "SOURCES", "LICENSE", "CHANGELOG", "CONTRIBUTING", "INDEX"})


class DocumentWarning(UserWarning):
    """A document was read, but not as written (another encoding, nothing visible, ...)."""


def decode(data: bytes, *, source: str = "<bytes>", encoding: str | None = None) -> str:
    """Decode document bytes: ``encoding`` if given, else UTF-8 (with or without BOM), else an
    encoding told with confidence (see :func:`detect_encoding`).

    Raises :class:`KgError` for empty or binary input, bytes that are not valid in ``encoding``,
    and text whose encoding cannot be told.
    """
    if not data.strip():
        raise KgError(f"{source}: the file is empty")
    if encoding is None and data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"  # "Unicode" text from Windows editors: told by its byte-order mark
    if encoding is None and b"\x00" in data[:65536]:
        raise KgError(f"{source}: looks like a binary file (NUL bytes), not a text fact sheet")
    if encoding is not None:
        codec = check_encoding(encoding)
        try:
            text = data.decode("utf-8-sig" if codec == "utf-8" else codec)
        except UnicodeDecodeError as exc:
            raise KgError(
                f"{source}: not valid {encoding} text (byte {data[exc.start]:#04x} at offset "
                f"{exc.start}); check --encoding"
            ) from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text, found = detect_encoding(data, source=source)
            warnings.warn(
                f"{source}: not UTF-8; read as {found} (re-save as UTF-8, or pass --encoding)",
                DocumentWarning,
                stacklevel=2,
            )
    if _control_ratio(text) > 0.05:
        raise KgError(f"{source}: looks like a binary file (control characters), not text")
    # Offsets count characters of the text as Python reads a file (universal newlines: "\r\n"
    # and "\r" become "\n"); nothing else is normalized, so spans match what a reader opens.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_encoding(name: str) -> str:
    """The codec name Python knows ``name`` by; :class:`KgError` if it is not a text encoding."""
    try:
        codec = codecs.lookup(name).name
        b"a".decode(codec, "replace")  # bytes-to-bytes codecs (base64, zlib) refuse here
    except LookupError:
        raise KgError(f"unknown encoding {name!r}; try utf-8, cp1252 or latin-1") from None
    return codec


#: Characters besides ASCII that English prose in Windows-1252 holds: typographic quotes and
#: dashes, bullets, currency, degree and legal signs, fractions.
_ENGLISH_MARKS = frozenset(
    "\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u2022\u00b7\u00a0\u20ac\u00a3\u00a2"
    "\u00b0\u00a7\u00b6\u00a9\u00ae\u2122\u00b1\u00d7\u00bd\u00bc\u00be\u00b2\u00b3"
    "\u00ab\u00bb"
)
#: Accented Latin letters of names in English text (Perú, Bogotá, Curaçao, Œuvre).
_LATIN_LETTERS = frozenset(
    chr(c) for c in range(0xC0, 0x100) if chr(c) not in "\u00d7\u00f7"
) | frozenset("\u0152\u0153\u0160\u0161\u017d\u017e\u0178")
#: Largest share of accented letters among all letters for text to count as English.
_MAX_ACCENTED_SHARE = 0.03
#: charset-normalizer's "chaos" (mess) above which a decoding is not trusted.
_MAX_CHAOS = 0.05
#: charset-normalizer's language coherence below which a decoding is not trusted.
_MIN_COHERENCE = 0.3
#: Rival decodings within this coherence of the best make the detection ambiguous.
_MARGIN = 0.1


def _english_cp1252(data: bytes) -> str | None:
    """The text if ``data`` reads as English prose in Windows-1252, else ``None``.

    Windows-1252 is the usual legacy encoding of English text; the code pages that
    charset-normalizer may prefer for short samples (cp850, cp852, cp1257, ...) turn its curly
    quotes and dashes (bytes 0x91-0x97) into letters, which is the mojibake this guards against.
    The text counts as English when every character beyond ASCII is typographic punctuation or
    an accented Latin letter, and such letters are a small share of all letters.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = accented = 0
    for ch in text:
        if ch.isascii():
            letters += ch.isalpha()
        elif ch in _LATIN_LETTERS:
            letters += 1
            accented += 1
        elif ch not in _ENGLISH_MARKS:
            return None
    return text if letters and accented <= _MAX_ACCENTED_SHARE * letters else None


def detect_encoding(data: bytes, *, source: str = "<bytes>") -> tuple[str, str]:
    """Decode bytes that are not UTF-8: (text, encoding name), or :class:`KgError` if unsure.

    English prose in Windows-1252 first (see :func:`_english_cp1252`); otherwise
    charset-normalizer's best guess, only when it reads as a language with little mess and no
    other likely encoding gives different text. Never guesses silently: anything else asks for
    ``--encoding``.
    """
    text = _english_cp1252(data)
    if text is not None:
        return text, "cp1252"
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None or best.chaos > _MAX_CHAOS or best.coherence < _MIN_COHERENCE:
        raise KgError(
            f"{source}: cannot tell the encoding (not UTF-8); pass --encoding (e.g. --encoding "
            "cp1252) or re-save it as UTF-8"
        )
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    # A tie goes to Windows-1252, the usual legacy encoding of (English) fact sheets.
    tie_to_cp1252 = next(
        (m for m in tied if "cp1252" in (m.encoding, *m.could_be_from_charset)), None
    )
    best = tie_to_cp1252 or best
    text = str(best)
    for rival in matches:
        likely = rival.chaos <= _MAX_CHAOS and rival.coherence >= best.coherence - _MARGIN
        settled = tie_to_cp1252 is not None and rival in tied
        if likely and not settled and str(rival) != text:
            raise KgError(
                f"{source}: cannot tell the encoding (not UTF-8; {best.encoding} or "
                f"{rival.encoding}?); pass --encoding {best.encoding} (or the right one) or "
                "re-save it as UTF-8"
            )
    return text, "cp1252" if tie_to_cp1252 is not None else best.encoding


def _control_ratio(text: str) -> float:
    sample = text[:65536]
    bad = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\n\t\f")
    return bad / max(1, len(sample))


def html_to_text(html: str) -> str:
    """The visible text of an HTML page: scripts, styles and other hidden parts dropped.

    Block elements become line breaks, so paragraphs and list items stay apart.
    """
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(html)
    for tag in _HIDDEN_TAGS:
        for node in tree.css(tag):
            node.decompose()
    root = tree.body or tree.root
    if root is None:
        return ""
    parts: list[str] = []
    for node in root.traverse(include_text=True):
        if node.tag == "-text":
            parts.append(node.text_content or "")
        elif node.tag in _BLOCK_TAGS:
            parts.append("\n")
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip() + "\n"


def load_document(
    path: str | Path, *, max_bytes: int = MAX_BYTES, encoding: str | None = None
) -> Document:
    """Read one fact sheet (``.txt``, ``.md``, ``.html``/``.htm``, ``.pdf``) as a Document.

    The document's name is the file stem, which keys every IRI minted from it. ``encoding``
    (default: ``$KG_ENCODING``, else detected; see :func:`decode`) names the file's encoding.
    """
    p = Path(path)
    if not p.is_file():
        raise KgError(f"{p}: no such file")
    data = read_limited(p, max_bytes, what="fact sheet", option="--max-bytes")
    if p.suffix.lower() == ".pdf" or data[:5] == b"%PDF-":
        text = pdf_to_text(data, source=str(p))
        return Document(name=p.stem, text=text, path=str(p))
    text = decode(data, source=str(p), encoding=encoding or default_encoding())
    if p.suffix.lower() in (".html", ".htm"):
        text = html_to_text(text)
        if not text.strip():
            raise KgError(f"{p}: the page has no visible text")
    return Document(name=p.stem, text=text, path=str(p))


def pdf_to_text(data: bytes, *, source: str = "<bytes>") -> str:
    """The text of a PDF, page by page, pages separated by a form feed (:data:`PAGE_BREAK`).

    Each page's text (pypdf's layout-free extraction) is normalized like a plain-text sheet:
    runs of spaces and tabs within a line become one space, blank-line runs one blank line, and
    form feeds inside a page are dropped, so the ``n``-th form feed always ends page ``n`` and
    :func:`page_of` recovers the page of any character offset. A file pypdf cannot read, an
    encrypted one, or one without any text is a :class:`KgError` naming ``source``.
    """
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise KgError(f"{source}: the PDF is encrypted")
        pages = [page.extract_text() or "" for page in reader.pages]
    except KgError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise KgError(f"{source}: not a readable PDF ({exc})") from exc
    out: list[str] = []
    for raw in pages:
        raw = raw.replace(PAGE_BREAK, "\n").replace("\r\n", "\n").replace("\r", "\n")
        lines: list[str] = []
        for line in raw.split("\n"):
            line = " ".join(line.split())
            if line or (lines and lines[-1]):
                lines.append(line)
        out.append("\n".join(lines).strip() + "\n")
    text = PAGE_BREAK.join(out)
    if not text.strip():
        raise KgError(f"{source}: the PDF has no extractable text")
    return text


def page_of(text: str, offset: int) -> int:
    """The 1-based page of the character at ``offset`` in a PDF's stored text.

    >>> page_of("one\\n\\ftwo\\n", 5)
    2
    """
    return text.count(PAGE_BREAK, 0, max(0, offset)) + 1


def default_encoding() -> str | None:
    """The encoding given for every document of this run (``$KG_ENCODING``), if any."""
    return os.environ.get(ENV_ENCODING) or None


@contextlib.contextmanager
def documents_encoding(encoding: str | None) -> Iterator[None]:
    """Read every document as ``encoding`` inside the block (worker processes included).

    ``None`` leaves detection on. The name is checked first (:class:`KgError` if unknown).
    """
    if encoding is None:
        yield
        return
    check_encoding(encoding)
    before = os.environ.get(ENV_ENCODING)
    os.environ[ENV_ENCODING] = encoding
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(ENV_ENCODING, None)
        else:
            os.environ[ENV_ENCODING] = before


def read_limited(path: Path, max_bytes: int, *, what: str, option: str | None = None) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``, else a one-line :class:`KgError`.

    Reads no more than ``max_bytes + 1`` bytes, so a file that grows (or lies about its size)
    cannot take more memory than the limit.
    """
    if not path.is_file():  # before opening: opening a FIFO would wait for a writer
        raise KgError(f"{path}: no such file" if not path.exists() else f"{path}: not a file")
    try:
        with path.open("rb") as fh:
            info = os.fstat(fh.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise KgError(f"{path}: not a file")
            size = info.st_size
            data = fh.read(max_bytes + 1) if size <= max_bytes else b""
    except OSError as exc:
        raise KgError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if size > max_bytes or len(data) > max_bytes:
        raise_hint = f"; split it or raise {option}" if option else ""
        raise KgError(
            f"{path}: {max(size, len(data)) / 1e6:.1f} MB is over the {max_bytes / 1e6:.1f} MB "
            f"limit for one {what}{raise_hint}"
        )
    return data


def iter_sources(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Expand files and folders into document and facts files, in a stable (sorted) order.

    A folder contributes its fact sheets and ``*.facts.yaml`` files (not gold files), leaving
    out the folder's own documentation (README, SOURCES, LICENSE, ... files); a file named
    explicitly is always read.
    """
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for child in sorted(p.iterdir()):
                if child.stem.upper() in _FOLDER_DOCS:
                    continue
                if child.is_file() and (
                    child.suffix.lower() in DOCUMENT_SUFFIXES or child.name.endswith(".facts.yaml")
                ):
                    yield child
        elif p.exists():
            yield p
        else:
            raise KgError(f"{p}: no such file or folder")
