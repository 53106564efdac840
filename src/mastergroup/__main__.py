"""The console script's entry point (`mastergroup`, `python -m mastergroup`): the CLI, with the
garbage collector kept out of start-up and exit.

This module is light on purpose (`gc` and `sys` only): the console script imports it before
anything else, so `run` can switch the collector off before `mastergroup.cli` (Typer, Click and
our own modules, ~20,000 objects) is imported. Library use (`import mastergroup.cli`, the tests'
CliRunner) never comes through here and leaves `gc` as it is.

Why (issue 18, measured with benchmarks/run.py on the project's 2-core machine, Python 3.11):
`sessions --year 2023` spent ~24 ms of its ~126 ms in collections over the objects that imports
create: generation-0/1 passes while modules load, and the interpreter's final full collection at
exit, which walks every tracked object again. None of those objects is garbage. Disabling the
collector while modules load, then `gc.freeze()` (moving every object that exists into the
permanent generation, which no collection visits) before the command runs and again at exit,
saved 21-26% on every command. The collector is on while the command runs, so a long command
(an export of 100,000 cases, `remind` sending mail) still frees cycles as it goes; what it
creates is collected as before.
"""

from __future__ import annotations

import gc


def run() -> None:
    """Console-script entry point: `mastergroup.cli.main` with the collector out of the way."""
    gc.disable()
    try:
        from mastergroup.cli import main
    finally:
        gc.freeze()  # what importing made stays; no collection walks it again
        gc.enable()
    try:
        main()
    finally:
        # Exit: Click ends with SystemExit; everything alive now lives until the process ends,
        # so the interpreter's final collection need not walk it (the 24 ms above).
        gc.freeze()


if __name__ == "__main__":  # `python -m mastergroup`
    run()
