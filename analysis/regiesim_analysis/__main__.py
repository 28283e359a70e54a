"""``/usr/bin/python3 -m regiesim_analysis`` (or ``regiesim-analysis``): indices and plots of a
results file, the figure of a patterns sweep, and the trainer's report over pitfall folders.
Exit 0 on success, 2 for a file or argument it refuses (one line naming it)."""

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
                    "sweep; with second_order = true in its [design] also the closed second-order "
                    "indices S_ij of every pair) or Morris mu, mu* and sigma (a morris sweep), "
                    "each with a bootstrap interval, from /design and the per-point means of "
                    "/summary.")
    indices.add_argument("file", help="a results file written by regiesim sweep")
    indices.add_argument("--metric", action="append",
                         help="a summary metric (repeatable; default: every metric)")
    indices.add_argument("--resamples", type=int, default=1000, help="bootstrap resamples (1000)")
    indices.add_argument("--confidence", type=float, default=0.95,
                         help="interval coverage (0.95)")
    indices.add_argument("--seed", type=int, default=0, help="seed of the bootstrap (0)")
    indices.add_argument("--csv", help="also write every metric's table to this CSV file (a "
                                       "second-order pair is a row with factor and factor_2)")

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

    patterns = commands.add_parser(
        "patterns-sweep", help="where a pattern stops holding: a patterns sweep's figure",
        description="Reads a patterns sweep (scenarios/sweeps/patterns/<pitfall>.toml run by "
                    "regiesim sweep): per cell of the other factors the Hodges-Lehmann paired "
                    "difference between the arm factor's two levels (the trap's and the twin's "
                    "value, from /design/label), paired by replication, in the row's direction, "
                    "with the row's minimum effect (validation/patterns.toml) drawn as a "
                    "contour. Prints the grid, one line per cell.")
    patterns.add_argument("file", help="a results file written by regiesim sweep")
    patterns.add_argument("-o", "--output", required=True,
                          help="the figure to write (.png or .svg)")
    patterns.add_argument("--row", help="the row of validation/patterns.toml (e.g. P3a; default: "
                                        "the first paired row of the sweep's pitfall that the "
                                        "file's record level can compute)")
    patterns.add_argument("--metric", help="read this metric instead of the row's")
    patterns.add_argument("--patterns", help="the patterns file (default: "
                                             "validation/patterns.toml of this repository)")
    patterns.add_argument("--lang", choices=["en", "nl"], default="en",
                          help="language of the labels")

    report = commands.add_parser(
        "report", help="the trainer's report: one HTML page over every pitfall folder",
        description="Runs `regiesim compare` on every pitfall folder (a folder holding trap.toml "
                    "and twin.toml) at or under DIR and writes one self-contained HTML page: per "
                    "pitfall the realisation of both arms over the weeks, the numbers compare "
                    "wrote in /comparison, the interventions and exits, and the explanation with "
                    "the claim it cites from trap.toml's opening comment. Progress on stderr, one "
                    "line per pitfall. Exit 1 if compare failed for a folder (the page says so).")
    report.add_argument("dir", help="a pitfall folder, or a folder holding pitfall folders "
                                    "(e.g. scenarios/pitfalls)")
    report.add_argument("-o", "--output", default="report.html",
                        help="the HTML file to write (default report.html)")
    report.add_argument("--lang", choices=["en", "nl"], default="en",
                        help="language of the page: English (default) or Dutch")
    report.add_argument("--regiesim", help="the regiesim binary (default: $REGIESIM_BINARY, then "
                                           "build/release/regiesim of this repository, then PATH)")
    report.add_argument("--results", metavar="DIR",
                        help="keep compare's results files in DIR (<folder>.h5); default: a "
                             "temporary folder, removed afterwards")
    report.add_argument("--replications", type=int,
                        help="replications per arm, passed to compare (default: the folders')")
    report.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="override a scenario value in both arms (repeatable; passed to "
                             "compare)")
    report.add_argument("-j", "--jobs", type=int, help="threads of compare (default: all cores)")
    return parser


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "report":
        return _report(args)
    if args.command == "patterns-sweep":
        return _patterns(args)
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


def _patterns(args) -> int:
    from .patterns import pattern_grid, plot_pattern_sweep, print_grid

    try:
        grid = pattern_grid(args.file, row_id=args.row, metric=args.metric,
                            patterns=args.patterns)
        plot_pattern_sweep(grid, args.output, lang=args.lang)
    except (ValueError, KeyError, FileNotFoundError, OSError) as e:
        print(f"regiesim-analysis: error: {e.args[0] if e.args else e}", file=sys.stderr)
        return 2
    print(print_grid(grid))
    print(f"wrote {args.output}")
    return 0


def _report(args) -> int:
    from .report import make_report

    extra = []
    if args.replications is not None:
        extra += ["--replications", str(args.replications)]
    if args.jobs is not None:
        extra += ["-j", str(args.jobs)]
    for assignment in args.set:
        extra += ["--set", assignment]
    try:
        failures = make_report(args.dir, args.output, lang=args.lang, regiesim=args.regiesim,
                               results_dir=args.results, extra=extra)
    except (ValueError, FileNotFoundError) as e:
        print(f"regiesim-analysis: error: {e.args[0] if e.args else e}", file=sys.stderr)
        return 2
    if failures:
        print(f"regiesim-analysis: error: compare failed for {failures} folder"
              f"{'s' if failures != 1 else ''} (see the report and the lines above)",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
