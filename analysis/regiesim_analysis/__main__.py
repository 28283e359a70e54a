"""``/usr/bin/python3 -m regiesim_analysis`` (or ``regiesim-analysis``): indices and plots of a
results file. Exit 0 on success, 2 for a file or argument it refuses (one line naming it)."""

from __future__ import annotations

import argparse
import sys


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="regiesim-analysis",
        description="Sensitivity indices and figures from regiesim results files "
                    "(HDF5 schema v2). Run as /usr/bin/python3 -m regiesim_analysis.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    indices = commands.add_parser(
        "indices", help="Sobol (saltelli sweep) or Morris (morris sweep) indices per metric",
        description="Prints, per summary metric, first- and total-order Sobol indices (a saltelli "
                    "sweep) or Morris mu, mu* and sigma (a morris sweep), each with a bootstrap "
                    "interval, from /design and the per-point means of /summary.")
    indices.add_argument("file", help="a results file written by regiesim sweep")
    indices.add_argument("--metric", action="append",
                         help="a summary metric (repeatable; default: every metric)")
    indices.add_argument("--resamples", type=int, default=1000, help="bootstrap resamples (1000)")
    indices.add_argument("--confidence", type=float, default=0.95,
                         help="interval coverage (0.95)")
    indices.add_argument("--seed", type=int, default=0, help="seed of the bootstrap (0)")
    indices.add_argument("--csv", help="also write every metric's table to this CSV file")

    plot = commands.add_parser(
        "plot", help="figures (PNG and SVG) of a results file",
        description="Draws every figure the file supports: series with median and 5-95%% band, "
                    "final-value distributions, the trust network, the timeline of interventions "
                    "and exits, and for sweeps heatmaps, partial dependence, Sobol indices or "
                    "Morris mu* against sigma.")
    plot.add_argument("file", help="a results file")
    plot.add_argument("-o", "--output", required=True, help="folder for the figures")
    plot.add_argument("--lang", choices=["en", "nl"], default="en", help="language of the labels")
    plot.add_argument("--metric", action="append",
                      help="metrics to plot (repeatable; default: the main ones)")
    plot.add_argument("--weeks", type=int, nargs="+",
                      help="weeks of the trust network (default: first, middle and last sample)")
    plot.add_argument("--run", type=int, help="run of the network and timeline (default: first ok)")
    plot.add_argument("--format", choices=["png", "svg", "both"], default="both")
    return parser


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    from .results import load

    try:
        results = load(args.file)
        if args.command == "indices":
            from .indices import print_indices

            print_indices(results, args.metric, args.resamples, args.confidence, args.seed,
                          args.csv)
        else:
            from .plots import plot_all

            formats = ["png", "svg"] if args.format == "both" else [args.format]
            for line in plot_all(results, args.output, lang=args.lang, metrics=args.metric,
                                 weeks=args.weeks, run=args.run, formats=formats):
                print(line)
    except (ValueError, KeyError, FileNotFoundError) as e:
        print(f"regiesim-analysis: error: {e.args[0] if e.args else e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
