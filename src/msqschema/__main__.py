"""Run the command line with ``python -m msqschema``."""

from msqschema.cli import main

main()
