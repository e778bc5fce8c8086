"""The ``kg`` command: a thin layer that parses arguments and calls the library.

Every failure a user can cause prints one line ``kg: error: ...`` and exits non-zero; no
tracebacks. Exit codes: 0 success (graph conforms), 1 violations found, 2 error.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

from kg.model import KgError

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_ERROR = 2


def _param(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name, value


def cmd_build(args: argparse.Namespace) -> int:
    """Build the knowledge graph from fact sheets and facts files."""
    from kg.build import build

    summary = build(
        args.sources or None,
        out=args.out,
        include_text=not args.no_text,
        jobs=args.jobs,
        max_bytes=args.max_bytes,
    )
    sys.stdout.write(summary.text())
    return EXIT_OK if summary.conforms else EXIT_VIOLATIONS


def cmd_extract(args: argparse.Namespace) -> int:
    """Draft facts files from fact-sheet text."""
    from kg.build import collect_facts
    from kg.facts import dump_facts
    from kg.store import atomic_write

    facts = collect_facts(args.files, jobs=args.jobs, max_bytes=args.max_bytes)
    if args.output and len(facts) > 1 and not Path(args.output).is_dir():
        raise KgError("several documents: give -o a folder (one NAME.facts.yaml each)")
    for f in facts:
        text = dump_facts(f)
        if not f.measurements and not f.organizations:
            warnings.warn(f"{f.document.name}: no facts found", stacklevel=1)
        if args.output is None:
            sys.stdout.write(text)
            continue
        out = Path(args.output)
        target = out / f"{f.document.name}.facts.yaml" if out.is_dir() else out
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
        sys.stdout.write(format_report(report))
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    """Validate a graph against kg's SHACL shapes and quality rules."""
    from pyoxigraph import RdfFormat

    from kg.query import check_queries, format_result, run_checks
    from kg.resources import ontology_path
    from kg.store import load_rdflib, load_store
    from kg.validate import validate_dataset

    report = validate_dataset(load_rdflib(args.graph))
    sys.stdout.write(report.text())
    store = load_store(args.graph)
    store.bulk_load(path=str(ontology_path()), format=RdfFormat.TURTLE)  # the schemes rules use
    failed = run_checks(store)
    rules = check_queries()
    if failed:
        sys.stdout.write(f"\nQuality rules: {len(failed)} of {len(rules)} found problems.\n")
        for name, result in failed.items():
            sys.stdout.write(f"\n{name}: {rules[name].description}\n")
            sys.stdout.write(format_result(result, "table"))
    else:
        sys.stdout.write(f"Quality rules: all {len(rules)} pass.\n")
    return EXIT_OK if report.conforms and not failed else EXIT_VIOLATIONS


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
    result = run_query(store, query, dict(args.param or []))
    sys.stdout.write(format_result(result, args.format))
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """Export a built graph in another RDF format."""
    from kg.store import atomic_write, load_store, serialize_graphs, store_graphs

    text = serialize_graphs(store_graphs(load_store(args.graph)), args.format)
    if args.output:
        with atomic_write(Path(args.output)) as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
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
    _add_reading_options(p)

    p = add(
        "extract", cmd_extract, "Draft facts files from fact-sheet text, for review and correction."
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="fact sheets or folders")
    p.add_argument(
        "-o", "--output", metavar="PATH", help="facts file, or folder for several (default: stdout)"
    )
    _add_reading_options(p)

    p = add(
        "eval", cmd_eval, "Score extraction against gold files (NAME.gold.yaml beside NAME.txt)."
    )
    p.add_argument("paths", nargs="+", metavar="DOC_OR_FOLDER", help="fact sheets or folders")
    p.add_argument("--gold", metavar="GOLD.yaml", help="gold file for a single document")
    p.add_argument("--format", choices=("table", "json"), default="table", help="output format")
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
        "--format", choices=("table", "csv", "json"), default="table", help="output format"
    )
    p.add_argument(
        "--param",
        action="append",
        type=_param,
        metavar="NAME=VALUE",
        help="bind a query parameter (repeatable)",
    )

    p = add(
        "export", cmd_export, "Export a built graph as Turtle, N-Triples, TriG, N-Quads or JSON-LD."
    )
    p.add_argument("--graph", default=None, metavar="DIR|FILE", help=graph_help)
    p.add_argument(
        "--format", choices=tuple(EXPORT_FORMATS), default="turtle", help="output format"
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")

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
    try:
        from kg.documents import documents_encoding

        with documents_encoding(getattr(args, "encoding", None)):
            code: int = args.handler(args)
        return code
    except KgError as exc:
        print(f"kg: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except MemoryError:
        print("kg: error: out of memory", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    raise SystemExit(main())
