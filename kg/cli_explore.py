"""The exploration commands of ``kg``: ``viz`` and ``serve`` (registered by :mod:`kg.cli`)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

Handler = Callable[[argparse.Namespace], int]
Adder = Callable[[str, Handler, str], argparse.ArgumentParser]

GRAPH_HELP = "graph file (.ttl, .trig, .nt, .nq) or build folder (default: out)"


def cmd_viz(args: argparse.Namespace) -> int:
    """Draw the graph (an offline interactive HTML page or a static PNG picture), or with
    ``--timeline`` one program's figures by year."""
    from kg.model import KgError

    if args.timeline:
        from kg.timeline import write_timeline

        path = write_timeline(args.graph, args.program, Path(args.out))
    else:
        if args.program:
            raise KgError("--program goes with --timeline")
        from kg.viz import write_view

        path = write_view(args.graph, Path(args.out))
    print(f"wrote {path}", file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the graph read-only over the SPARQL protocol, with a query page."""
    from kg.model import KgError
    from kg.serve import ServeLimits, serve

    if args.timeout <= 0 or args.max_result_mb <= 0:
        raise KgError("--timeout and --max-result-mb must be positive")
    limits = ServeLimits(timeout=args.timeout, max_result_bytes=int(args.max_result_mb * (1 << 20)))
    serve(args.graph, port=args.port, workers=args.workers, limits=limits, verbose=not args.quiet)
    return 0


def register(add: Adder) -> None:
    """Add ``viz`` and ``serve`` to the ``kg`` parser."""
    p = add(
        "viz",
        cmd_viz,
        "Draw the graph: organizations, activities, figures and places as an "
        "offline interactive page (.html) or a picture (.png).",
    )
    p.add_argument("--graph", default=None, metavar="DIR|FILE", help=GRAPH_HELP)
    p.add_argument("--out", required=True, metavar="FILE", help="graph.html or graph.png")
    p.add_argument(
        "--timeline",
        action="store_true",
        help="chart one program's funding, seizures and training figures by year instead",
    )
    p.add_argument(
        "--program",
        default=None,
        metavar="COUNTRY_OR_DOC",
        help="the program of --timeline: its country or document name (optional when the "
        "graph has one program)",
    )

    p = add(
        "serve",
        cmd_serve,
        "Serve the graph read-only on 127.0.0.1 as a SPARQL endpoint "
        "with a query page in the browser.",
    )
    p.add_argument("--graph", default=None, metavar="DIR|FILE", help=GRAPH_HELP)
    p.add_argument("--port", type=int, default=7878, metavar="N", help="port (default 7878)")
    p.add_argument(
        "--timeout",
        type=float,
        default=30.0,
        metavar="S",
        help="stop a query after S seconds and answer 504 (default 30)",
    )
    p.add_argument(
        "--max-result-mb",
        type=float,
        default=64.0,
        metavar="MB",
        help="answer 507 instead of a result larger than MB (default 64)",
    )
    p.add_argument(
        "--workers",
        type=int,
        default=None,
        metavar="N",
        help="queries run at once, one process each (default: CPUs, at most 4)",
    )
    p.add_argument("--quiet", action="store_true", help="do not log each request")
