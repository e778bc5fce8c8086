"""Load fact-sheet documents: plain text, Markdown and HTML (visible text only).

Bad input is reported as :class:`kg.model.KgError` with a one-line message: empty files, binary
files, files over the size limit, undecodable text. Text that is not UTF-8 is decoded with the
encoding that charset-normalizer detects, and a warning names it.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "demo.txt"
>>> _ = p.write_text("INL trained 40 judges.", encoding="utf-8")
>>> load_document(p).text
'INL trained 40 judges.'
"""

from __future__ import annotations

import unicodedata
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.model import Document, KgError

#: File suffixes read as fact sheets.
DOCUMENT_SUFFIXES: frozenset[str] = frozenset({".txt", ".md", ".html", ".htm"})
#: Default largest document accepted (fact sheets are a few kilobytes).
MAX_BYTES: int = 5 * 1024 * 1024

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


def decode(data: bytes, *, source: str = "<bytes>") -> str:
    """Decode document bytes: UTF-8 (with or without BOM), else the detected encoding.

    Raises :class:`KgError` for empty or binary input.
    """
    if not data.strip():
        raise KgError(f"{source}: the file is empty")
    if b"\x00" in data[:65536]:
        raise KgError(f"{source}: looks like a binary file (NUL bytes), not a text fact sheet")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise KgError(
                f"{source}: not UTF-8 text (invalid byte at offset {exc.start}) and no other "
                "encoding fits; convert it to UTF-8"
            ) from None
        text = str(best)
        warnings.warn(
            f"{source}: not UTF-8; read as {best.encoding} (re-save as UTF-8 to be sure)",
            DocumentWarning,
            stacklevel=2,
        )
    if _control_ratio(text) > 0.05:
        raise KgError(f"{source}: looks like a binary file (control characters), not text")
    # Offsets count characters of the text as Python reads a file (universal newlines: "\r\n"
    # and "\r" become "\n"); nothing else is normalized, so spans match what a reader opens.
    return text.replace("\r\n", "\n").replace("\r", "\n")


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


def load_document(path: str | Path, *, max_bytes: int = MAX_BYTES) -> Document:
    """Read one fact sheet (``.txt``, ``.md``, ``.html``/``.htm``) into a :class:`Document`.

    The document's name is the file stem, which keys every IRI minted from it.
    """
    p = Path(path)
    if not p.is_file():
        raise KgError(f"{p}: no such file")
    size = p.stat().st_size
    if size > max_bytes:
        raise KgError(
            f"{p}: {size / 1e6:.1f} MB is over the {max_bytes / 1e6:.1f} MB limit for one fact "
            "sheet; split it or raise --max-bytes"
        )
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise KgError(f"{p}: cannot read ({exc.strerror})") from None
    text = decode(data, source=str(p))
    if p.suffix.lower() in (".html", ".htm"):
        text = html_to_text(text)
        if not text.strip():
            raise KgError(f"{p}: the page has no visible text")
    return Document(name=p.stem, text=text, path=str(p))


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
