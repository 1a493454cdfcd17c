"""``python -m cchc_cli``."""

from cchc_cli.cli.app import main

main()
