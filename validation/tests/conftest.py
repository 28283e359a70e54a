"""Shared by validation/tests: the `validation` marker (the ensemble tests, ctest label
`validation`; prereg_pytest runs the rest with -m "not validation") and the measured table printed
at the end of a validation session."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

PRINTED = []  # sections test_patterns.py adds, printed in the terminal summary


def pytest_configure(config):
    config.addinivalue_line("markers", "validation: an ensemble validation test (ctest label validation)")


def pytest_terminal_summary(terminalreporter):
    for title, text in PRINTED:
        terminalreporter.section(title)
        terminalreporter.write(text + "\n")
