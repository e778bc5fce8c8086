"""The ``kg`` command: a thin layer that parses arguments and calls the library.

Every failure a user can cause prints one line ``kg: error: ...`` and exits non-zero; no
tracebacks. Exit codes: 0 success (graph conforms), 1 violations found, 2 error.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from kg.model import KgError

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_ERROR = 2


def _param(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name, value


def _count(text: str) -> int:
    """A whole number of rows, 0 or more (``--limit``, ``--offset``)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected 0 or more, got {value}")
    return value


def cmd_build(args: argparse.Namespace) -> int:
    """Build the knowledge graph from fact sheets and facts files."""
    from kg.build import build

    summary = build(
        args.sources or None,
        out=args.out,
        include_text=not args.no_text,
        jobs=args.jobs,
        max_bytes=args.max_bytes,
        allow_invalid=args.allow_invalid,
        progress=not args.quiet,
        full=args.full,
    )
    sys.stdout.write(summary.text())
    if not summary.conforms and summary.report is not None:
        sys.stdout.write("\n" + summary.report.text())
    return EXIT_OK if summary.conforms else EXIT_VIOLATIONS


def cmd_extract(args: argparse.Namespace) -> int:
    """Draft facts files from fact-sheet text."""
    from kg.build import collect_facts
    from kg.facts import dump_facts
    from kg.store import atomic_write

    facts = collect_facts(args.files, jobs=args.jobs, max_bytes=args.max_bytes)
    out = Path(args.output) if args.output else None
    several = len(facts) > 1
    if several and out is None:
        raise KgError(
            f"{len(facts)} documents: give -o DIR to write one NAME.facts.yaml each "
            "(standard output takes one document)"
        )
    if out is not None and (several or out.is_dir()):
        if out.exists() and not out.is_dir():
            raise KgError(f"{out}: {len(facts)} documents need a folder for -o, not a file")
        if out.suffix.lower() in (".yaml", ".yml") and not out.is_dir():
            raise KgError(f"{out}: {len(facts)} documents need a folder for -o, not a .yaml file")
        targets = [out / f"{f.document.name}.facts.yaml" for f in facts]
    else:
        targets = [out] if out is not None else []
    taken = [str(t) for t in targets if t.exists()]
    if taken and not args.force:
        verb = "exists" if len(taken) == 1 else "exist"
        raise KgError(
            f"{', '.join(taken)}: already {verb}; --force replaces what a person may have reviewed"
        )
    texts = [dump_facts(f) for f in facts]
    for f in facts:
        if not f.measurements and not f.organizations:
            warnings.warn(f"{f.document.name}: no facts found", stacklevel=1)
    if not targets:
        sys.stdout.write(texts[0])
        return EXIT_OK
    for f, target, text in zip(facts, targets, texts, strict=True):
        with atomic_write(target) as fh:
            fh.write(text)
        print(
            f"wrote {target} ({len(f.organizations)} organizations, {len(f.measurements)} figures, "
            f"{len(f.activities)} activities)",
            file=sys.stderr,
        )
    return EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    """Score extraction against gold files."""
    import json

    from kg.evaluate import evaluate_corpus, format_report, report_to_dict

    report = evaluate_corpus(args.paths, gold=args.gold)
    if args.format == "json":
        sys.stdout.write(json.dumps(report_to_dict(report), indent=2) + "\n")
    else:
        sys.stdout.write(format_report(report, details=args.details))
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    """Validate a graph against kg's SHACL shapes and quality rules."""
    from kg.store import read_graphs, resolve_graph_path
    from kg.validate import validate_triples, validation_triples

    # Read one file, resolved once: a build switching generations meanwhile changes nothing.
    graph = resolve_graph_path(args.graph).resolve()
    report = validate_triples(validation_triples(read_graphs(graph)))
    sys.stdout.write(report.text())
    return EXIT_OK if report.conforms else EXIT_VIOLATIONS


def cmd_query(args: argparse.Namespace) -> int:
    """Run a named query or a .rq file on a built graph."""
    from kg.query import format_result, get_query, named_queries, run_query
    from kg.store import load_store

    if args.list:
        for q in named_queries().values():
            params = " ".join(f"[{p.name}=…]" for p in q.params)
            print(f"{q.name:<28} {q.description}" + (f"  {params}" if params else ""))
        return EXIT_OK
    if not args.query:
        raise KgError("give a query name or .rq file, or --list to see the named queries")
    query = get_query(args.query)
    store = load_store(args.graph)
    result = run_query(store, query, dict(args.param or []), limit=args.limit, offset=args.offset)
    sys.stdout.write(format_result(result, args.format))
    return EXIT_OK


def cmd_push(args: argparse.Namespace) -> int:
    """Push the built dataset into a SPARQL store, one named graph per document."""
    from kg.push import push

    if args.timeout <= 0:
        raise KgError("--timeout must be positive")
    summary = push(args.graph, args.endpoint, timeout=args.timeout)
    sys.stdout.write(summary.text())
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """Export a built graph in another RDF format, term for term."""
    from kg.store import atomic_write, read_graphs, serialize_graphs

    text = serialize_graphs(read_graphs(args.graph), args.format)
    if args.output:
        with atomic_write(Path(args.output)) as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_diff(args: argparse.Namespace) -> int:
    """List what changed between two editions (two builds, or two documents of one build)."""
    from kg.diff import diff_builds, diff_in_graph, render

    if args.graph is not None:
        diff = diff_in_graph(args.graph, args.old, args.new)
    else:
        diff = diff_builds(args.old, args.new)
    sys.stdout.write(render(diff, args.format))
    return EXIT_OK


Handler = Callable[[argparse.Namespace], int]


def make_parser() -> argparse.ArgumentParser:
    """The argument parser for ``kg`` and every sub-command."""
    from kg.store import EXPORT_FORMATS

    parser = argparse.ArgumentParser(
        prog="kg",
        description="Knowledge graphs of foreign-assistance program facts: build, validate, "
        "query and export.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(handler=handler)
        return p

    graph_help = "graph file (.ttl, .trig, .nt, .nq) or build folder (default: out)"

    p = add(
        "build",
        cmd_build,
        "Build the graph from fact sheets (.txt, .html, .md), folders and "
        "facts files (.facts.yaml); with no SOURCE, the bundled Pakistan facts.",
    )
    p.add_argument(
        "sources", nargs="*", metavar="SOURCE", help="fact sheets, folders or facts files"
    )
    p.add_argument("--out", default="out", metavar="DIR", help="output folder (default: out)")
    p.add_argument("--no-text", action="store_true", help="leave document text out of the graph")
    p.add_argument(
        "--allow-invalid",
        action="store_true",
        help="publish the graph even if it has violations (default: keep the last conforming "
        "build in place and the new one aside in DIR/rejected)",
    )
    p.add_argument(
        "--quiet",
        action="store_true",
        help="no progress bar (it shows only on a terminal, for more than a few documents)",
    )
    p.add_argument(
        "--full",
        action="store_true",
        help="process every source again (default: reuse the graphs of sources unchanged since "
        "the last build into DIR; the files written are the same either way)",
    )
    _add_reading_options(p)

    p = add(
        "extract", cmd_extract, "Draft facts files from fact-sheet text, for review and correction."
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="fact sheets or folders")
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE|DIR",
        help="facts file for one document, or folder (one NAME.facts.yaml each; needed for "
        "several); default: standard output, for one document",
    )
    p.add_argument("--force", action="store_true", help="replace facts files that exist")
    _add_reading_options(p)

    p = add(
        "eval", cmd_eval, "Score extraction against gold files (NAME.gold.yaml beside NAME.txt)."
    )
    p.add_argument("paths", nargs="+", metavar="DOC_OR_FOLDER", help="fact sheets or folders")
    p.add_argument("--gold", metavar="GOLD.yaml", help="gold file for a single document")
    p.add_argument("--format", choices=("table", "json"), default="table", help="output format")
    p.add_argument(
        "--details",
        action="store_true",
        help="after the table, list every missed and extra fact and every wrong attribute "
        "(JSON always has them, under 'mismatches')",
    )
    _add_encoding_option(p)

    p = add(
        "validate",
        cmd_validate,
        "Validate a graph against kg's SHACL shapes and its quality-rule queries "
        "(exit 0 conforms, 1 violations, 2 error).",
    )
    p.add_argument("graph", nargs="?", default=None, metavar="GRAPH", help=graph_help)

    p = add("query", cmd_query, "Run a named SPARQL query or a .rq file on a built graph.")
    p.add_argument("query", nargs="?", metavar="NAME|FILE.rq", help="named query or .rq file")
    p.add_argument("--list", action="store_true", help="list the named queries")
    p.add_argument("--graph", default=None, metavar="DIR|FILE", help=graph_help)
    p.add_argument(
        "--format",
        choices=("table", "csv", "json", "records"),
        default="table",
        help="table (fits the terminal), csv (plain values), json (SPARQL 1.1 results JSON), "
        "records (a JSON list of objects, numbers as numbers, missing as null)",
    )
    p.add_argument(
        "--param",
        action="append",
        type=_param,
        metavar="NAME=VALUE",
        help="bind a query parameter (repeatable)",
    )
    p.add_argument(
        "--limit",
        type=_count,
        metavar="N",
        help="print at most N rows (a page; with --offset, the rows SPARQL's LIMIT/OFFSET keep). "
        "A query with ORDER BY still sorts its whole result, so a first page costs about as "
        "much as the whole query minus printing",
    )
    p.add_argument(
        "--offset", type=_count, default=0, metavar="M", help="skip the first M rows (paging)"
    )

    p = add(
        "export",
        cmd_export,
        "Export a built graph as Turtle or N-Triples (the merged graph), or TriG, N-Quads or "
        "JSON-LD (named graphs kept), term for term.",
    )
    p.add_argument("--graph", default=None, metavar="DIR|FILE", help=graph_help)
    p.add_argument(
        "--format", choices=tuple(EXPORT_FORMATS), default="turtle", help="output format"
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")

    p = add(
        "diff",
        cmd_diff,
        "List figures, organizations and activities added, removed and changed between two "
        "editions: two builds (OLD NEW: the latest edition of each program in each), or two "
        "documents of one build (--graph BUILD DOC_OLD DOC_NEW).",
    )
    p.add_argument("old", metavar="OLD", help="old build folder or graph file (or document name)")
    p.add_argument("new", metavar="NEW", help="new build folder or graph file (or document name)")
    p.add_argument(
        "--graph",
        default=None,
        metavar="DIR|FILE",
        help="compare two documents of this build; OLD and NEW are then document names",
    )
    p.add_argument(
        "--format",
        choices=("table", "csv", "json", "turtle"),
        default="table",
        help="output format (default: table)",
    )

    p = add(
        "push",
        cmd_push,
        "Load the built dataset into a SPARQL 1.1 store over the Graph Store HTTP Protocol: one "
        "named graph per document, PUT only when its content changed.",
    )
    p.add_argument("--graph", default=None, metavar="DIR|FILE", help=graph_help)
    p.add_argument(
        "--endpoint",
        required=True,
        metavar="URL",
        help="the store's Graph Store endpoint, e.g. http://127.0.0.1:7878/store (Oxigraph)",
    )
    p.add_argument(
        "--timeout", type=float, default=60.0, metavar="S", help="seconds per request (default 60)"
    )

    _add_extra_commands(add)
    return parser


def _add_reading_options(p: argparse.ArgumentParser) -> None:
    """The options of commands that read fact sheets: worker processes, size limit, encoding."""
    from kg.documents import MAX_BYTES

    p.add_argument(
        "--jobs",
        type=int,
        default=0,
        metavar="N",
        help="worker processes (default 0: one per core, for 16 or more documents)",
    )
    p.add_argument(
        "--max-bytes",
        type=int,
        default=MAX_BYTES,
        metavar="N",
        help=f"largest fact sheet accepted (default {MAX_BYTES})",
    )
    _add_encoding_option(p)


def _add_encoding_option(p: argparse.ArgumentParser) -> None:
    """The ``--encoding`` option of commands that read fact sheets."""
    p.add_argument(
        "--encoding",
        metavar="NAME",
        help="encoding of the fact sheets (e.g. cp1252); default: UTF-8, else detected when "
        "certain",
    )


def _add_extra_commands(add: Callable[[str, Handler, str], argparse.ArgumentParser]) -> None:
    """Commands of the exploration front doors (viz, serve), when their modules are present."""
    try:
        from kg import cli_explore
    except ImportError:
        return
    cli_explore.register(add)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``kg`` command; returns the exit code."""
    parser = make_parser()
    args = parser.parse_args(argv)
    warnings.simplefilter("default")
    warnings.simplefilter("ignore", DeprecationWarning)
    warnings.formatwarning = lambda msg, *a, **k: f"kg: warning: {msg}\n"
    stdout = sys.stdout
    sys.stdout = _PipeSafe(stdout)
    try:
        from kg.documents import documents_encoding

        with documents_encoding(getattr(args, "encoding", None)):
            code: int = args.handler(args)
        sys.stdout.flush()
        return code
    except KgError as exc:
        print(f"kg: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130
    except MemoryError:
        print("kg: error: out of memory", file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:  # a folder that cannot be written, a full disk: nothing was published
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"kg: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERROR
    finally:
        sys.stdout = stdout


class _PipeSafe:
    """Standard output that survives its reader going away (``kg validate | head -1``).

    A closed pipe stops the output, not the command: it runs to the end and its exit code
    still says what it found (1 for violations). Later writes go to /dev/null.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self.broken = False

    def write(self, text: str) -> int:
        """Write ``text`` unless the reader is gone."""
        if not self.broken:
            try:
                self._stream.write(text)
            except BrokenPipeError:
                self._break()
        return len(text)

    def flush(self) -> None:
        """Flush unless the reader is gone."""
        if not self.broken:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._break()

    def _break(self) -> None:
        self.broken = True
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self._stream.fileno())
            os.close(devnull)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


if __name__ == "__main__":
    raise SystemExit(main())
