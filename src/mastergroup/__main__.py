"""`python -m mastergroup`."""

from mastergroup.cli import main

main()
