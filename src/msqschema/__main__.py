"""Run the command line with ``python -m msqschema``."""

from msqschema.entry import main

main()
